"""Performance evaluations from the generic tables of a Document.

Each recognised performance table (template ids perf.*) is cut into evaluations (several may be printed
under one title), and each evaluation is read block by block: the 项目名称/主管部门/实施单位 lines, the
预算执行 block (header row, then 总额 and 其中 lines), the 年度目标 block, the indicator block (header row,
then one row per indicator, wrapped rows folded back together), the 合计 row and the 评价结论 lines.
A 部门整体支出绩效自评表 printed without a recognisable title (seed 002's layout) is found by its
综合得分 row and read from the untitled grids around it.

Nothing is guessed silently: rows that could not be read go to `unreadable`, reading choices to `readings`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from gongkai.model.document import Document
from gongkai.model.location import Span
from gongkai.model.performance import (
    BudgetLine, EvaluationKind, Indicator, Measure, MeasureKind, Operator, PerformanceEvaluation, RowRef, Stage,
    UnreadableRow,
)
from gongkai.model.table import Table
from gongkai.performance.grid import (
    UNITS, BUDGET_ORDER, INDICATOR_ORDER, Alignment, GCell, GRow, align, budget_header, cell_class, indicator_header,
    ordered_roles, sub_header, table_rows,
)
from gongkai.performance.values import (
    CJK, clean, parse_measure, read_number, read_operator, read_percent, squeeze,
)

INFO_KEYS = [("项目名称", "name"), ("主管部门", "department"), ("实施单位", "implementing_unit"),
             ("预算单位", "budget_unit"), ("项目单位", "implementing_unit"), ("部门名称", "department")]
TOTAL_LABELS = {"合计", "总分", "总计", "合计得分", "总得分", "总分值", "评价总分", "自评总分", "综合得分", "总分数"}


def is_total_label(text: str) -> bool:
    """'合计', '总分', or several such names joined ('总分值、评价总分（S）')."""
    t = re.sub(r"[（(][^）)]{0,6}[)）]", "", text)
    parts = [p for p in re.split(r"[、/及和,，]", t) if p]
    return bool(parts) and all(p in TOTAL_LABELS for p in parts)
GRADE_LABELS = ("评价等级", "评价等次", "自评等级", "自评等次", "绩效等级", "等级")
GRADE_WORD = "(优秀|良好|优|良|中等|中|合格|不合格|较差|差)"
TRAILERS = ("评价结论", "项目自评结论", "自评结论", "存在问题", "改进措施", "问题", "评价", "结论", "项目负责", "财务负责",
            "主要经验", "下一步", "填表人", "联系人", "项目名書人", "项目名书人")
BUDGET_TOTALS = {"总额", "年度资金总额", "金额合计", "资金总额", "合计", "预算数/执行数"}
CODE_NAME = re.compile(r"^(?P<code>[0-9A-Z]{10,})\s*[-－—]+\s*(?P<name>.+)$")
PROJECT_CODE = re.compile(r"\d{6,}|T\d{6,}")

L1_CATEGORIES = {"产出指标", "效益指标", "满意度指标", "成本指标", "项目完成指标", "部门产出", "部门效果", "产出目标",
                 "效益目标", "满意度目标", "产出", "效益", "满意度"}
L2_SHORT = {"数量", "质量", "时效", "成本", "社会效益", "经济效益", "生态效益", "可持续影响", "满意度", "服务对象满意度",
            "社会、经济、生态效益", "经济成本", "社会成本", "生态环境成本", "社会公众或服务对象满意度", "可持续发展"}
L2_WORDS = ("数量", "质量", "时效", "成本", "效益", "满意", "可持续", "影响", "发展")
IGNORED_NAME = re.compile(
    r"^(?:绩效|指标|绩效指标|绩效目标|年度绩效指标|一级指标|二级指标|三级指标)?(?:\(\d+分?\)?|（\d+分?）?)?[)/]*$")


def _is_l1(t: str) -> bool:
    t = re.sub(r"[（(].*", "", t)
    return t in L1_CATEGORIES


def _is_l2(t: str) -> bool:
    if t in L2_SHORT:
        return True
    return t.endswith("指标") and len(t) <= 12 and any(w in t for w in L2_WORDS)


def _is_category(t: str) -> bool:
    t = squeeze(t)
    return _is_l1(t) or _is_l2(t)


def _ignored_name(t: str) -> bool:
    s = squeeze(t)
    return not s or bool(IGNORED_NAME.match(s)) or not CJK.search(s) or len(CJK.findall(s)) <= 1 and s not in L2_SHORT


def assign_names(parts: list[tuple[str, str]]) -> tuple[str | None, str | None, str | None]:
    """一级/二级/三级 from the name cells of a row (and its wrapped lines), each with the column role the
    alignment gave it ('' when unknown). Category words set the levels — a later one replaces an earlier one,
    as blank category rows of the template precede the filled one; other words in the 一级/二级 columns are
    noise unless nothing else names the indicator; the rest, joined, is the indicator's own name."""
    l1 = l2 = None
    l2_role = None
    rest: list[str] = []
    aside: list[str] = []
    for role, raw in parts:
        t = squeeze(raw)
        if _ignored_name(raw):
            continue
        if rest:
            rest.append(t)
            continue
        can1, can2 = _is_l1(t), _is_l2(t)
        if role == "l3" and (can1 or can2) and not t.endswith(("指标", "目标")):
            rest.append(t)  # an indicator named like a category (满意度) in the 三级 column
            continue
        if can1 and can2:
            if role == "l1" or (l1 is None and role not in ("l2", "l3")):
                l1, l2 = t, None
            elif l2 is not None and l1 is None and _is_l1(l2):
                l1, l2 = l2, t
            else:
                l2 = t
            l2_role = role
        elif can1:
            l1, l2 = t, None
        elif can2:
            if l2 is not None and l1 is None and _is_l1(l2):
                l1 = l2
            l2 = t
            l2_role = role
        elif role in ("l1", "l2"):
            aside.append(t)
        else:
            rest.append(t)
    if not rest and aside:
        rest = aside
    if not rest and l2 is not None and l2_role == "l3":
        rest, l2 = [l2], None
    return l1, l2, "".join(rest) or None


# -- entry point ---------------------------------------------------------------------------------------
def parse_performance(doc: Document, raw=None) -> list[PerformanceEvaluation]:
    """All performance evaluations of a parsed document (an empty list when it prints none)."""
    out: list[PerformanceEvaluation] = []
    for ti, table in enumerate(doc.tables):
        if not (table.template_id or "").startswith("perf."):
            continue
        try:
            out.extend(_from_table(ti, table))
        except Exception as exc:  # noqa: BLE001  # pragma: no cover - one bad table must not stop the parse
            out.append(PerformanceEvaluation(kind=_kind(table), stage=_stage(table), template_id=table.template_id,
                                             title=table.printed_title, table_indexes=[ti], span=table.span,
                                             readings=[f"本表未能读取（{type(exc).__name__}: {exc}）"]))
    out.extend(_untitled_department(doc, {i for e in out for i in e.table_indexes}))
    for e in out:
        if e.kind is EvaluationKind.DEPARTMENT and not e.name:
            e.name = doc.unit_name
    from gongkai.performance.narrative import attach_narrative

    attach_narrative(doc, out, raw)
    out.sort(key=lambda e: ((e.span.page or 0, e.span.line or 0) if e.span else (0, 0)))
    return out


def _kind(table: Table) -> EvaluationKind:
    if "转移支付" in (table.printed_title or ""):
        return EvaluationKind.TRANSFER
    if (table.template_id or "").startswith("perf.dept"):
        return EvaluationKind.DEPARTMENT
    return EvaluationKind.PROJECT


def _stage(table: Table) -> Stage:
    tid = table.template_id or ""
    if tid.endswith("targets"):
        return Stage.TARGETS
    if tid.endswith("completion"):
        return Stage.COMPLETION
    return Stage.SELF_EVAL


# -- one recognised table ------------------------------------------------------------------------------
def _from_table(ti: int, table: Table) -> list[PerformanceEvaluation]:
    rows = table_rows(table, ti)
    segments = _segments(rows)
    out = []
    for k, seg in enumerate(segments):
        ev = _Builder(ti, table).build(seg)
        if k == 0 and len(segments) > 1:
            ev.readings.append(f"本表印有 {len(segments)} 张评价表，按“项目名称”行或重复的预算执行表头分开")
        if ev.indicators or ev.budget or ev.name or ev.total_score is not None:
            out.append(ev)
    return out


def _is_name_row(r: GRow) -> bool:
    head = r.first(2)
    if "项目名称" in head:
        return True
    return bool(r.cells) and r.cells[0].sq.startswith("附表") and len(r.cells) > 1 and bool(
        PROJECT_CODE.search(r.joined("").replace(" ", "")))


def _segments(rows: list[GRow]) -> list[list[GRow]]:
    segs: list[list[GRow]] = [[]]
    content = budget = False
    for k, r in enumerate(rows):
        start = False
        if _is_name_row(r) and content:
            start = True
        elif r.first().startswith("主管部门") and content and not (k and _is_name_row(rows[k - 1])):
            start = True
        elif budget_header(r) and budget:
            start = True
        if start:
            segs.append([])
            content = budget = False
        segs[-1].append(r)
        if budget_header(r):
            budget = content = True
        if indicator_header(r):
            content = True
    return [s for s in segs if s]


@dataclass
class _Item:
    row: GRow
    a: Alignment
    anchor: bool


@dataclass
class _Group:
    rows: list[_Item] = field(default_factory=list)
    before: list[_Item] = field(default_factory=list)
    after: list[_Item] = field(default_factory=list)

    @property
    def anchor(self) -> _Item:
        return self.rows[0]


class _Builder:
    def __init__(self, ti: int, table: Table):
        self.ti = ti
        self.table = table
        self.ev = PerformanceEvaluation(kind=_kind(table), stage=_stage(table), template_id=table.template_id,
                                        title=table.printed_title or table.title, table_indexes=[ti])
        self.roles: list[tuple[str, float]] | None = None
        self.budget_roles: list[tuple[str, float]] | None = None
        self.items: list[GRow] = []
        self.conclusions: list[GRow] = []
        self.layout: set[str] = set()
        self._budget_learned = False
        self._stitched_from: dict[int, list[GRow]] = {}  # id of a stitched row → the printed rows it joins

    # ---- the block structure ----
    def build(self, seg: list[GRow]) -> PerformanceEvaluation:
        ev = self.ev
        state = None
        for r in seg:
            if not r.cells:
                continue
            first = r.first()
            if self._info(r):
                continue
            head = indicator_header(r)
            if head:
                self._set_roles(head)
                state = "ind"
                continue
            if state == "ind" and self.roles and not self.items and (sub := sub_header(r)):
                self._sub_roles(sub)
                continue
            if self._kv_budget(r):
                state = "budget_kv"
                continue
            bh = budget_header(r)
            if bh and state != "ind":
                core = {"label", "initial", "adjusted", "executed", "rate", "weight", "score"} | set(bh)
                self.budget_roles = [(r_, p) for r_, p in ordered_roles(bh, BUDGET_ORDER) if r_ in core]
                self._budget_learned = False
                state = "budget"
                continue
            texts = [c.sq for c in r.cells]
            if any(t == "预期目标" for t in texts) and any(t.startswith("实际完成") for t in texts):
                state = "goal"
                continue
            if first.startswith(("绩效目标", "年度目标")) and len(r.cells) >= 2 and state in (None, "info") \
                    and not any(t.startswith(("一级", "二级")) for t in texts):
                ev.goal = " ".join(c.text for c in r.cells[1:])
                continue
            if first.startswith(("年度计划完成情况", "年度总体目标完成情况")) and len(r.cells) >= 2:
                ev.achieved = " ".join(c.text for c in r.cells[1:])
                continue
            if state in ("ind", "after") and self._total(r):
                state = "after"
                continue
            if self._is_trailer(r):
                state = "trailer"
                self.conclusions.append(r)
                continue
            if state == "budget":
                self._budget_line(r)
            elif state == "budget_kv":
                self._kv_budget(r, continuation=True)
            elif state == "goal":
                if len(r.cells) >= 2:
                    ev.goal, ev.achieved = r.cells[0].text, r.cells[-1].text
                elif len(r.cells) == 1:
                    ev.goal = r.cells[0].text
                state = "goal_done"
            elif state == "ind":
                self.items.append(r)
            elif state == "trailer":
                self.conclusions.append(r)
        if not ev.name:
            ev.name = _name_from_title(ev.title)
        self._indicators()
        self._finish(seg)
        return ev

    def _finish(self, seg: list[GRow]) -> None:
        ev = self.ev
        ev.span = Span.cover([r.span for r in seg])
        if ev.stage is Stage.SELF_EVAL and not ev.scored and ev.indicators and not any(
                i.weight is not None for i in ev.indicators):
            ev.stage = Stage.COMPLETION
        from gongkai.performance.narrative import stated_in_rows

        ev.stated.extend(stated_in_rows(self.conclusions, ev))
        if ev.grade is None:
            self._grade_row()

    def _grade_row(self) -> None:
        """A '评价等级 | 优' row (or '评价等级 | …评价等级为“优”。') gives the table's grade."""
        for r in self.conclusions:
            if len(r.cells) < 2 or r.cells[0].sq not in GRADE_LABELS:
                continue
            text = clean("".join(c.text for c in r.cells[1:]))
            m = re.fullmatch(GRADE_WORD, text) or re.search(rf"(?:等级|等次)(?:为|是|:|：)?[“\"]?({GRADE_WORD})", text)
            if m:
                self.ev.grade = m.group(1) if m.groups() else m.group(0)
                self.ev.grade_ref = RowRef(table_index=r.table_index, row_index=r.row_index, span=r.span,
                                           columns={"grade": r.cells[1].key})
                return

    # ---- 项目名称 / 主管部门 / 实施单位 ----
    def _info(self, r: GRow) -> bool:
        found = False
        key_field: str | None = None
        values: dict[str, list[str]] = {}
        for k, c in enumerate(r.cells[:8]):
            sq = c.sq
            hit = next(((word, f) for word, f in INFO_KEYS if sq.startswith(word) or (k < 2 and word in sq and f == "name")), None)
            if hit:
                word, key_field = hit
                found = True
                rest = sq[sq.index(word) + len(word):]
                rest = re.sub(r"^[（(]盖章[)）]", "", rest).lstrip(":：")
                values.setdefault(key_field, [])
                if rest:
                    values[key_field].append(rest)
                continue
            if key_field and not (k == 0 and sq.startswith("附表")):
                values[key_field].append(c.text)
            elif k == 0 and sq.startswith("附表") and len(r.cells) > 1 and PROJECT_CODE.search(r.joined("")):
                key_field, found = "name", True
                values["name"] = []
        if not found:
            return False
        for f, parts in values.items():
            text = "".join(p.replace(" ", "") for p in parts).strip()
            text = re.sub(r"^(?:实施单位[（(]盖章[)）])", "", text)
            if not text:
                continue
            if f == "name":
                m = CODE_NAME.match(text)
                if m:
                    self.ev.code, text = m.group("code"), m.group("name")
            if getattr(self.ev, f) is None:
                setattr(self.ev, f, text)
        return True

    # ---- 预算执行 ----
    def _budget_line(self, r: GRow) -> None:
        roles = self.budget_roles or []
        label_pos = next((p for role, p in roles if role == "label"), 1)
        a = align(r.cells, roles, left_edge=label_pos)
        label_cell = a.cells.get("label")
        label = label_cell.text.replace(" ", "") if label_cell else ""
        if label_cell is None:
            texts = [c for c in r.cells if cell_class(c.text) == "text" and c.col <= label_pos + 1]
            label = texts[0].text.replace(" ", "") if texts else ""
        numbers = {role: a.cells[role] for role in ("initial", "adjusted", "executed", "rate", "weight", "score", "fiscal")
                   if role in a.cells}
        if not any(cell_class(c.text) in ("num", "pct") for c in numbers.values()):
            return
        if not self._budget_learned:
            # later lines (其中 …) are printed in the same cells as the first: align them to where it printed
            learned = {role: float(c.col) for role, c in a.cells.items()}
            self.budget_roles = sorted([(role, learned.get(role, p)) for role, p in roles], key=lambda rp: rp[1])
            self._budget_learned = True
        first_line = self.ev.budget is None and not self.ev.funds
        line = BudgetLine(label=label or ("总额" if first_line else "（未印名称）"), ref=self._ref(r, a))
        for role in ("initial", "adjusted", "executed", "weight", "score"):
            c = a.cells.get(role)
            if c is not None:
                setattr(line, role, read_number(c.text))
        if (c := a.cells.get("rate")) is not None:
            line.rate, line.rate_text = read_percent(c.text), c.text
        if (c := a.cells.get("reason")) is not None:
            line.reason = c.text
        for c in a.skipped:
            if cell_class(c.text) in ("num", "pct", "val", "multi") or re.search(r"\d", c.sq) and cell_class(c.text) == "junk":
                line.problems.append(f"未能读取的数字“{c.text}”（第{c.col}格）")
        ev = self.ev
        if ev.budget is None and (squeeze(label) in BUDGET_TOTALS or (not label and first_line)):
            ev.budget = line
        else:
            ev.funds.append(line)
        if line.problems:
            ev.readings.append(f"{_where(r)}：预算执行“{line.label}”行 " + "；".join(line.problems))

    def _kv_budget(self, r: GRow, continuation: bool = False) -> bool:
        """000's layout: 预算数: | 50 | 执行数: | 46.73, then 其中-财政拨款: | 50 | 其中-财政拨款: | 46.73."""
        cells = r.cells
        keys = [k for k, c in enumerate(cells) if c.sq.endswith((":", "："))]
        if not keys or not any(k + 1 < len(cells) and read_number(cells[k + 1].text) is not None for k in keys):
            return False
        if not continuation and not any("预算数" in cells[k].sq for k in keys):
            return False
        pairs = []
        for k in keys:
            val = cells[k + 1] if k + 1 < len(cells) and k + 1 not in keys else None
            pairs.append((cells[k].sq.rstrip(":："), val))
        label = pairs[0][0]
        line = BudgetLine(label="总额" if label == "预算数" else label, ref=RowRef(
            table_index=self.ti, row_index=r.row_index, span=r.span,
            columns={**({"adjusted": pairs[0][1].key} if pairs[0][1] else {}),
                     **({"executed": pairs[1][1].key} if len(pairs) > 1 and pairs[1][1] else {})}))
        line.adjusted = read_number(pairs[0][1].text) if pairs[0][1] else None
        if len(pairs) > 1 and pairs[1][1] is not None:
            line.executed = read_number(pairs[1][1].text)
        if self.ev.budget is None and label == "预算数":
            self.ev.budget = line
        else:
            self.ev.funds.append(line)
        return True

    # ---- indicator block ----
    def _set_roles(self, head: dict[str, float]) -> None:
        ordered = ordered_roles(head, INDICATOR_ORDER)
        keep = set(head) | {"l1", "l2", "l3"}
        self.roles = [(r, p) for r, p in ordered if r in keep]
        self.ev.has_reason_column = "reason" in head
        self.layout = set(head)

    def _sub_roles(self, sub: list[tuple[str, int]]) -> None:
        roles = self.roles or []
        tpos = next((p for r, p in roles if r == "target"), None)
        if tpos is None:
            return
        extra = len(sub) - 1
        out = []
        for r, p in roles:
            if r == "target":
                out.extend((role, float(col)) for role, col in sub)
            elif p > tpos:
                out.append((r, p + extra))
            else:
                out.append((r, p))
        self.roles = sorted(out, key=lambda rp: rp[1])
        self.layout |= {role for role, _ in sub}

    def _name_edge(self) -> float:
        return min((p for r, p in self.roles or [] if r in ("l1", "l2", "l3")), default=1.0)

    def _anchor(self, a: Alignment) -> bool:
        c = a.cells
        if "weight" in c and cell_class(c["weight"].text) in ("num", "pct"):
            return True
        named = any(role in c for role in ("l1", "l2", "l3"))
        if "score" in c and cell_class(c["score"].text) in ("num", "pct") and (named or "nature" in c):
            return True
        if "nature" in c and ("target" in c or "actual" in c):
            return True
        if "weight" not in self.layout and ("target" in c or "actual" in c):
            return True
        return False

    def _indicators(self) -> None:
        if not self.roles or not self.items:
            return
        items = [r for r in self.items if r.cells]
        fragmented = len(items) >= 4 and sum(len(r.cells) <= 2 for r in items) >= 0.5 * len(items)
        if fragmented:
            self.ev.readings.append("指标区一格一行印出，按指标类别行重新拼合各指标")
            groups = self._stitched_records(items)
        else:
            groups = self._groups(items)
        prev: Indicator | None = None
        for g in groups:
            ind = self._indicator(g, prev)
            if ind is not None:
                self.ev.indicators.append(ind)
                prev = ind
        # a 一级指标 printed on the second line of its merged cell: fill it back to the lines above
        inds = self.ev.indicators
        first = next((k for k, i in enumerate(inds) if i.level1), None)
        rows_before = inds[first].ref.row_index if first and inds[first].ref else None
        if first and not any(u.row_index is not None and rows_before is not None and u.row_index < rows_before
                             for u in self.ev.unreadable):
            for i in inds[:first]:
                i.level1 = inds[first].level1

    def _align(self, r: GRow) -> _Item:
        a = align(r.cells, self.roles or [], left_edge=self._name_edge())
        return _Item(r, a, self._anchor(a))

    def _groups(self, rows: list[GRow]) -> list[_Group]:
        items = [self._align(r) for r in rows]
        items = self._stitch_runs(items)
        groups: list[_Group] = []
        forward: list[_Item] = []
        for it in items:
            if it.anchor:
                if groups and not forward and self._duplicate(groups[-1], it):
                    groups[-1].rows.append(it)
                    continue
                groups.append(_Group(rows=[it], before=forward))
                forward = []
                continue
            if self._packed(it):
                self._unreadable(it.row, "一格内印有多个指标的数值（提取时多行并为一行），无法逐项对应")
                continue
            if any(len(c.sq) > 150 for c in it.row.cells):
                self._unreadable(it.row, "提取结果混乱（多格文字并为一格），无法读取")
                continue
            names = [c for role, c in it.a.cells.items() if role in ("l1", "l2", "l3")]
            if any(_is_category(c.text) for c in names) or not groups:
                forward.append(it)
            else:
                groups[-1].after.append(it)
        for it in forward:
            if any(cell_class(c.text) in ("num", "pct", "val", "op") for c in it.row.cells):
                self._unreadable(it.row, "有数值但无法对应到指标的各栏")
        return groups

    def _stitch_runs(self, items: list[_Item]) -> list[_Item]:
        """A names-only row followed by short rows that are no indicator on their own: one indicator printed
        over several lines (a page break or one cell per line). Stitch them and align again."""
        out: list[_Item] = []
        k = 0
        while k < len(items):
            it = items[k]
            names = [c for role, c in it.a.cells.items() if role in ("l1", "l2", "l3")]
            if not it.anchor and any(_is_category(c.text) for c in names):
                run = [it]
                j = k + 1
                while j < len(items) and not items[j].anchor and not any(
                        _is_category(c.text) for role, c in items[j].a.cells.items() if role in ("l1", "l2")):
                    run.append(items[j])
                    j += 1
                if len(run) > 1 and (j == len(items) or not items[j].anchor):
                    stitched = self._stitch([x.row for x in run])
                    if stitched.anchor:
                        out.append(stitched)
                        k = j
                        continue
            out.append(it)
            k += 1
        return out

    def _stitch(self, rows: list[GRow]) -> _Item:
        cells: list[GCell] = list(rows[0].cells)
        col = cells[-1].col if cells else 0
        for r in rows[1:]:
            for c in r.cells:
                col += 1
                cells.append(GCell(col=col, key=c.key, text=c.text))
        merged = GRow(table_index=rows[0].table_index, row_index=rows[0].row_index,
                      span=Span.cover([r.span for r in rows]), cells=cells)
        item = self._align(merged)
        item.row = merged
        self._stitched_from[id(merged)] = rows
        return item

    def _stitched_records(self, rows: list[GRow]) -> list[_Group]:
        """One cell per line: a record runs from an indicator-category row to the next one."""
        records: list[list[GRow]] = []
        for r in rows:
            starts = any(_is_category(c.text) for c in r.cells[:3])
            if starts or not records:
                records.append([r])
            else:
                records[-1].append(r)
        order = [role for role, _ in sorted(self.roles or [], key=lambda rp: rp[1])]
        roles = [(role, float(k + 1)) for k, role in enumerate(order)]
        groups = []
        for rec in records:
            cells = []
            for r in rec:
                for c in r.cells:
                    cells.append(GCell(col=len(cells) + 1, key=c.key, text=c.text))
            row = GRow(table_index=rec[0].table_index, row_index=rec[0].row_index,
                       span=Span.cover([r.span for r in rec]), cells=cells)
            a = align(cells, roles, left_edge=1.0)
            self._stitched_from[id(row)] = rec
            groups.append(_Group(rows=[_Item(row, a, self._anchor(a))]))
        return groups

    def _duplicate(self, g: _Group, it: _Item) -> bool:
        """A wrapped row whose numbers repeat the previous indicator's (the extraction printed them twice)."""
        if "nature" not in self.layout:
            return False
        last = g.rows[-1]
        if it.row.row_index is None or last.row.row_index is None or it.row.row_index != last.row.row_index + 1:
            return False
        if ("nature" in last.a.cells) and ("nature" in it.a.cells):
            return False
        shared = 0
        for role in ("weight", "score", "actual", "target"):
            x, y = last.a.cells.get(role), it.a.cells.get(role)
            if x is None or y is None:
                continue
            vx, vy = read_number(x.text), read_number(y.text)
            if vx is None or vy is None:
                continue
            if vx != vy:
                return False
            shared += 1
        return shared >= 2

    def _packed(self, it: _Item) -> bool:
        for c in it.row.cells:
            t = clean(c.text)
            if re.fullmatch(r"(?:[<>=≥≤]\s*){2,}", t):
                return True
            if re.fullmatch(r"(?:\d+(?:\.\d+)?\s+){2,}\d+(?:\.\d+)?", t):
                return True
        return False

    def _unreadable(self, r: GRow, reason: str) -> None:
        text = " | ".join(c.text for c in r.cells)
        self.ev.unreadable.append(UnreadableRow(table_index=r.table_index, row_index=r.row_index, span=r.span,
                                                text=text[:200], reason=reason))

    def _ref(self, r: GRow, a: Alignment) -> RowRef:
        return RowRef(table_index=r.table_index, row_index=r.row_index, span=r.span,
                      columns={role: c.key for role, c in a.cells.items()})

    def _indicator(self, g: _Group, prev: Indicator | None) -> Indicator | None:
        main = g.anchor
        cells: dict[str, GCell] = dict(main.a.cells)
        for extra in g.rows[1:]:
            for role, c in extra.a.cells.items():
                if role not in cells and role not in ("l1", "l2", "l3", "reason"):
                    cells[role] = c
        name_parts: list[str] = []
        reasons: list[str] = []
        for it in g.before + g.rows + g.after:
            for role in ("l1", "l2", "l3"):
                if role in it.a.cells:
                    name_parts.append((role, it.a.cells[role].text))
            if "reason" in it.a.cells:
                reasons.append(it.a.cells["reason"].text)
        l1, l2, l3 = assign_names(name_parts)
        if prev is not None:
            if l1 is None:
                l1 = prev.level1
                if l2 is None and "l2" not in self.layout:
                    l2 = prev.level2
            if l2 is None and l1 == prev.level1 and l3 is not None:
                l2 = prev.level2
        text = {role: cells[role].text if role in cells else None for role in
                ("nature", "target", "adjusted_target", "unit", "actual", "weight", "score", "rate", "desc", "basis")}
        unit = text["unit"]
        ind = Indicator(level1=l1, level2=l2, level3=l3, nature_text=text["nature"], unit=clean(unit) or None,
                        description=text["desc"], basis=text["basis"])
        ref_cells = dict(cells)
        ind.ref = RowRef(table_index=main.row.table_index, row_index=main.row.row_index, span=main.row.span,
                         columns={role: c.key for role, c in ref_cells.items()})
        origin = self._stitched_from.get(id(main.row))
        if origin:
            ind.ref.row_index = origin[0].row_index
            ind.merged_rows = [r.row_index for r in origin[1:] if r.row_index is not None]
            ind.ref.columns = {}
        ind.merged_rows += [it.row.row_index for it in g.before + g.rows[1:] + g.after if it.row.row_index is not None]
        # 指标性质
        if text["nature"] is not None:
            op = read_operator(text["nature"])
            if squeeze(text["nature"]) in ("文字描述", "文字"):
                op = None
            ind.nature = op
            if op is None and squeeze(text["nature"]) not in ("文字描述", "文字"):
                ind.problems.append(f"指标性质“{text['nature']}”无法读取")
        # values
        ind.target = self._measure(text["target"], unit, ind, "指标值")
        ind.adjusted_target = self._measure(text["adjusted_target"], unit, ind, "调整后指标值")
        ind.actual = self._measure(text["actual"], unit, ind, "完成值", ocr=True)
        ind.weight = self._number(text["weight"], ind, "权重")
        ind.score = self._number(text["score"], ind, "得分")
        if text["rate"] is not None:
            ind.completion_rate_text = text["rate"]
            ind.completion_rate = read_percent(text["rate"])
        reason = "".join(x.replace(" ", "") for x in reasons if CJK.search(x))
        ind.reason = reason or None
        _infer_nature(ind)
        # what the layout has but this row lacks
        for role, label in (("weight", "权重"), ("score", "得分"), ("target", "指标值"), ("actual", "完成值")):
            if role in self.layout and text[role] is None:
                skipped = [c for it in g.rows for c in it.a.skipped if cell_class(c.text) in ("num", "pct", "val", "op", "scale", "multi")]
                if skipped:
                    ind.problems.append(f"{label}未能读取（本行有无法对应的“{skipped[0].text}”）")
                elif role in ("weight", "score") or (role == "target" and ind.nature is not None):
                    ind.problems.append(f"{label}未印")
        if unit and len([u for u in clean(unit).split(" ") if u in UNITS]) >= 2:
            ind.problems.append(f"度量单位“{clean(unit)}”含两个单位：两个指标印在了一行，其余数值无法读取")
        if "nature" in self.layout and ind.nature is None and text["nature"] is None and ind.target is not None \
                and ind.target.kind is MeasureKind.NUMBER and ind.target.op is None:
            ind.problems.append("指标性质未印或无法读取")
        readable_problems = [p for p in ind.problems if "未能读取" in p or "无法读取" in p]
        if any("两个指标印在了一行" in p for p in ind.problems) and not readable_problems:
            readable_problems = [p for p in ind.problems if "两个指标" in p]
        if readable_problems:
            self._unreadable(main.row, "；".join(readable_problems))
        if ind.level3 is None and ind.target is None and ind.weight is None and ind.actual is None:
            return None
        return ind

    def _measure(self, text: str | None, unit: str | None, ind: Indicator, label: str, ocr: bool = False) -> Measure | None:
        if text is None:
            return None
        m = parse_measure(text, unit)
        if m is None:
            return None
        if ocr and m.kind is MeasureKind.TEXT and read_number(text, ocr=True) is not None and read_number(text) is None:
            value = read_number(text, ocr=True)
            m = Measure(text=m.text, kind=MeasureKind.NUMBER, value=value, unit=clean(unit) or None)
            ind.problems.append(f"{label}“{text}”按数字{value}读取（疑为识别误差）")
            self.ev.readings.append(f"{ind.name}：{label}“{text}”按数字{value}读取（疑为识别误差）")
        if m.kind is MeasureKind.TEXT and re.search(r"\d\s+\d", re.sub(r"\s*([,.%])\s*", r"\1", clean(text))) \
                and not CJK.search(text):
            ind.problems.append(f"{label}“{text}”无法读取（一格内有多个数）")
        return m

    def _number(self, text: str | None, ind: Indicator, label: str) -> Decimal | None:
        if text is None:
            return None
        if cell_class(text) == "dash":
            return None
        v = read_number(text)
        if v is None:
            ind.problems.append(f"{label}“{text}”无法读取")
        return v

    # ---- 合计 / 总分 ----
    def _total(self, r: GRow) -> bool:
        idx = next((k for k, c in enumerate(r.cells) if is_total_label(c.sq)), None)
        if idx is None:
            return False
        roles = dict((role, p) for role, p in self.roles or [])
        spos, wpos = roles.get("score"), roles.get("weight")
        numeric = [c for c in r.cells[idx + 1:] if read_number(c.text) is not None or _score_with_grade(c.text)]
        ev = self.ev
        score_cell = None
        if spos is not None:
            near = [c for c in numeric if abs(c.col - spos) <= 1]
            score_cell = near[-1] if near else None
        if score_cell is None and numeric and wpos is None:
            score_cell = numeric[-1]
        weight_cell = None
        if wpos is not None:
            near = [c for c in numeric if abs(c.col - wpos) <= 1 and c is not score_cell]
            if near:
                w = read_number(near[0].text)
                if w is not None and 50 <= w <= 100:
                    weight_cell = near[0]
        if score_cell is not None:
            value, grade = _score_with_grade(score_cell.text) or (read_number(score_cell.text), None)
            ev.total_score = value
            if grade:
                ev.grade = grade
                ev.grade_ref = RowRef(table_index=r.table_index, row_index=r.row_index, span=r.span,
                                      columns={"grade": score_cell.key})
        if weight_cell is not None:
            ev.total_weight = read_number(weight_cell.text)
        ev.total_ref = RowRef(table_index=r.table_index, row_index=r.row_index, span=r.span,
                              columns={**({"score": score_cell.key} if score_cell else {}),
                                       **({"weight": weight_cell.key} if weight_cell else {})})
        return True

    def _is_trailer(self, r: GRow) -> bool:
        first = r.first()
        return first.startswith(TRAILERS) and not first.startswith("评价内容")


def _score_with_grade(text: str) -> tuple[Decimal, str] | None:
    m = re.match(r"^\s*(\d+(?:\.\d+)?)\s*[（(]\s*(优秀|良好|优|良|中等|中|合格|不合格|较差|差)\s*[)）]\s*$", clean(text))
    if not m:
        return None
    return Decimal(m.group(1)), m.group(2)


def _infer_nature(ind: Indicator) -> None:
    """指标性质 not printed: from the target's wording, its kind, or the indicator category."""
    if ind.nature is not None:
        return
    t = ind.target
    if t is None:
        return
    if t.op is not None:
        ind.nature, ind.nature_inferred = t.op, True
    elif t.kind in (MeasureKind.SCALE, MeasureKind.GRADE, MeasureKind.TEXT):
        ind.nature, ind.nature_inferred = Operator.QUALITATIVE, True
    elif t.kind is MeasureKind.NUMBER:
        cost = any("成本" in (x or "") for x in (ind.level1, ind.level2))
        ind.nature, ind.nature_inferred = (Operator.LE if cost else Operator.GE), True


def _name_from_title(title: str) -> str | None:
    t = re.sub(r"^\s*\d+\s*[.、．]\s*", "", title or "")
    t = re.sub(r"[（(]\s*\d{4}\s*年度?\s*[)）]$", "", t).strip()
    for suffix in ("部门整体支出绩效自评表", "整体支出绩效自评表", "项目支出绩效自评表", "项目绩效自评表", "绩效自评表", "项目支出绩效目标表", "项目绩效目标表", "绩效目标表",
                   "项目绩效目标完成情况表"):
        if t.endswith(suffix):
            core = t[: -len(suffix)]
            core = re.sub(r"部门$", "", core)
            if core and not core.startswith(("部门预算", "部门", "附表")) and len(core) >= 3:
                return core
            return None
    return None


def _where(r: GRow) -> str:
    return r.span.describe() if r.span else "位置不详"


# -- 部门整体支出绩效自评表 without a recognised title (seed 002's layout) --------------------------------
_PERFISH = ("预期目标", "实际完成", "绩效目标", "指标", "完成情况")


def _untitled_department(doc: Document, used: set[int]) -> list[PerformanceEvaluation]:
    out = []
    for k, t in enumerate(doc.tables):
        if k in used or t.template_id is not None:
            continue
        rows = table_rows(t, k)
        if not any(r.first().startswith("绩效自评综合得分") or "评价等次" in r.first() for r in rows):
            continue
        start = k
        while start - 1 >= 0 and start - 1 not in used and doc.tables[start - 1].template_id is None \
                and _perfish(doc.tables[start - 1]):
            start -= 1
        out.append(_department_from(doc, list(range(start, k + 1))))
        used |= set(range(start, k + 1))
    return out


def _perfish(t: Table) -> bool:
    if re.search(r"绩效|指标|目标", t.printed_title or ""):
        return True
    if len(t.rows) <= 2:
        return True
    text = " ".join(c.text for r in t.rows for c in r.cells.values())
    return sum(w in text for w in _PERFISH) >= 2


def _department_from(doc: Document, indexes: list[int]) -> PerformanceEvaluation:
    ev = PerformanceEvaluation(kind=EvaluationKind.DEPARTMENT, stage=Stage.SELF_EVAL, template_id=None,
                               title="部门整体支出绩效自评表", name=doc.unit_name, table_indexes=indexes)
    ev.readings.append("本表标题未被识别为绩效表：按其“绩效自评综合得分”行和前后的目标/完成情况格读取")
    rows = [r for k in indexes for r in table_rows(doc.tables[k], k)]
    mode = None
    pending: Indicator | None = None
    prev: Indicator | None = None
    for r in rows:
        texts = [c.sq for c in r.cells]
        if not texts:
            continue
        if texts[0].startswith("绩效自评综合得分") or "评价等次" in texts[0]:
            joined = "".join(texts[1:])
            m = re.search(r"(\d+(?:\.\d+)?)分", joined)
            if m:
                ev.total_score = Decimal(m.group(1))
            g = re.search(r"(?:等级|等次)[:：]?(优秀|良好|优|良|中|较差|差|合格|不合格)", joined)
            if g:
                ev.grade = g.group(1)
            cell = r.cells[1] if len(r.cells) > 1 else r.cells[0]
            ev.total_ref = RowRef(table_index=r.table_index, row_index=r.row_index, span=r.span, columns={"score": cell.key})
            ev.grade_ref = ev.total_ref
            continue
        if "预期目标" in texts and any(t.startswith("实际完成") for t in texts):
            mode = "goal"
            continue
        if texts[0] == "评价内容" or ("绩效目标" in texts and "完成情况" in texts):
            mode = "ind"
            continue
        if mode == "goal":
            if ev.goal is None:
                ev.goal = " ".join(c.text for c in r.cells)
            elif ev.achieved is None:
                ev.achieved = " ".join(c.text for c in r.cells)
                mode = None
            continue
        if mode != "ind":
            continue
        cells = r.cells
        if len(cells) == 1 and pending is not None:
            pending.actual = parse_measure(cells[0].text)
            if r.row_index is not None:
                pending.merged_rows.append(r.row_index)
            pending = None
            continue
        names = [c for c in cells if _is_category(c.text)]
        values = [c for c in cells if c not in names]
        if len(values) > 2:
            names += values[:-2]
            values = values[-2:]
        ind = Indicator()
        l1, l2, l3 = assign_names([("", c.text) for c in names])
        if len(names) >= 2 and l3 is None and l2 is not None and l1 is None:
            l1 = squeeze(names[0].text)
        ind.level1 = l1 or (prev.level1 if prev else None)
        ind.level2, ind.level3 = l2, l3
        if not (l1 or l2 or l3):
            ind.problems.append("指标名称未印（该格在原文中为空）")
        ind.target = parse_measure(values[0].text) if values else None
        ind.actual = parse_measure(values[1].text) if len(values) > 1 else None
        ind.ref = RowRef(table_index=r.table_index, row_index=r.row_index, span=r.span,
                         columns={**({"target": values[0].key} if values else {}),
                                  **({"actual": values[1].key} if len(values) > 1 else {})})
        _infer_nature(ind)
        ev.indicators.append(ind)
        prev = ind
        pending = ind if ind.actual is None else None
    ev.span = Span.cover([r.span for r in rows])
    return ev
