"""The precision policy, one for every rule family: rounding gaps (尾差), uncertain readings, and quotes.

Rules decide the arithmetic; this module decides what a gap means. `engine.audit` then applies, after every
rule has run: `settle` (uncertain readings, quotes) and `gongkai.audit.causes.merge` (one cause once).

1. 尾差. A printed 万元 amount is the rounding of an exact figure. Every printed figure taking part in a check
   may be off by half a unit of its last printed digit, so a check over n printed figures may be off by
   n × ½ unit without any figure being wrong (a total of three 万元 figures: ±0.015). Such a gap is reported
   at `ROUNDING_SEVERITY` (info), the same in every family, with “尾差” in the message. The allowance applies
   always, whether or not the table states 尾数误差: figures in 元 are exact (the unit they are kept in),
   figures in 万元 or in a unit not read are rounded. One figure printed twice (a = b) is one rounded
   quantity: its printings must agree at the coarser printed precision, and no 尾差 explains more.
   Option `strict_rounding = true` reports 尾差 at the rule's own severity again (the note still says so).
2. 读取不确定. A finding that rests on a figure or row the recogniser was not sure of (an OCR cell or label
   below `low_confidence`, a cell with a recorded `reading`, a row whose reading choice the table records,
   a table kept generic, a table with rows that could not be read) is never an error: it is reported as a
   warning saying “读取不确定 … 可能为识别误差”.
3. 引用原文. An error claims the published document is wrong, so it must quote the printed text it
   contradicts (`Finding.quote`, else the operands' printed text). An error that cannot quote anything is
   reported as a warning.
4. (gongkai.audit.causes) The findings of one wrong figure are reported once.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from gongkai.audit.finding import Finding, Location, Operand, Severity
from gongkai.model.amount import Unit
from gongkai.model.table import CellKind, Table

ROUNDING_SEVERITY = Severity.INFO
UNCERTAIN_SEVERITY = Severity.WARNING
MAX_REASONS = 3
# families that read generic tables by design (绩效 tables have no financial template; their parser records
# its own doubts as unreadable rows, which those rules report at info)
GENERIC_READERS = {"J"}
MAX_QUOTED = 8

POLICY_MARKDOWN = """\
## 精度规则（适用于所有规则）

以下四条由审核引擎统一执行（`gongkai/audit/precision.py`、`gongkai/audit/causes.py`），各类规则一致：

1. **尾差**。以万元列示的数字是以元计的精确数四舍五入到所印小数位的结果，每个数字最多偏离其末位半个单位。
   一项加减关系（合计 = 各分项之和、年末 = 年初 + 收入 − 支出等）涉及 n 个所印数字（合计与各项都算）时，
   差额不超过 n × 末位半个单位（例如保留两位小数的合计与两个分项：3 × 0.005 = ±0.015）即可由舍入解释，
   一律以**提示**报告为“尾差”，不报错误。选“提示”而非“警告”：尾差是按万元列示必然产生的，文件没有错，
   也无须改正；列出只为便于复核，而“警告”留给需要人工判断的情形（读取不确定等）。
   该容差**总是适用**，不论表格是否注明“尾数误差”：由元折算为万元的表必然有舍入。以元列示的数字视为精确
   （元是记账单位，不经折算；表格注明“尾数误差”或设 `rounded = true` 时除外）；单位未能识别的表按万元处理；
   以万元列示而未印小数的数字（如“34”）按 34.00 处理——这些文件省略“.00”，并不舍入到整万元。
   同一数字在两处列示（表与表、文与表、文中前后）时，两处都是同一精确数的舍入，只须在较粗的所印精度上相同
   （894.7 与 894.68 相符）；此外的差额不能由舍入解释，不作尾差。
   百分比（占比、增减幅度、完成比例、执行率）和得分：若在各所印数字的舍入范围内能得到所印的数值，即为尾差。
   配置 `strict_rounding = true`（`[tool.gongkai.options]`）时，尾差按规则本身的级别报告。
2. **读取不确定**。一项发现若依赖识别不确定的内容——OCR 识别置信度低于 `low_confidence`（默认 0.9）的数字或行名
   （行名置信度低时，行按最接近的项目读取）、记录了读取歧义（reading）的单元格、表格记录了读取选择的行
   （如按顺序对应各栏）、未按模板识别（generic）的表、有未能读取而跳过的行的表——最多报为**警告**，
   并注明“读取不确定……可能为识别误差”，不报错误；仍列出以便人工核对，不隐去。
3. **同一原因只报一次**。一个错误数字往往使多项核对同时不平。引擎把以下发现归为同一原因：
   (a) 同一规则、同一行、同一组参与行、逐栏进行的核对在不同栏中不平（同一行的合计在各栏都不平）；
   (b) 不论规则，共用同一单元格且差额绝对值相同的发现（例如一个类级数字错误同时使 T102、H101 不平，
   同一个合计同时使两项表间核对不平，情况说明所引的数字与表中不符）；
   (c) 同一规则的同一栏间关系（同样的几栏）在一张表的许多行都不平（至少 3 行，且占该栏所印行数的三分之一以上）：
   一张表里同一关系出现三处以上互不相关的印刷错误远不如栏目对应识别有误可能，故归为一个原因，并按读取不确定
   报为警告；与之归为同一原因的 (a)(b) 组也同样报为警告。(b) 组中若有一项核对认定该差额为尾差
   （例如类级小计与其下众多款级数字相差 0.02），整组按尾差报告：由这些已舍入数字加总的合计同样带有其舍入。
   每组只保留最强的一项（级别最高者；
   同级时取主位置为组内共用最多的单元格者），其“相关位置”列出全组涉及的所有单元格，消息末尾说明同一原因
   还使哪些核对不平（JSON 中为 `also`）。
4. **错误须引用原文**。错误级别的发现必须引用它所否定的所印文字（引文，或参与计算数字的原印文字）；
   无从引用时降为警告。配置有误（如绩效评分口径）不是文件的错误，报为警告。
"""


_COMMON = ("依赖识别不确定的数字、行或表时最多为警告（读取不确定）；同一错误数字使多项核对不平时只报一次；"
           "错误须引用所否定的原印文字。")
FAMILY_PRECISION = {
    "B": "尾差：一项平衡关系涉及 n 个所印数字（总计与各加减项）时，差额不超过 n × 末位半个单位为尾差，以提示报告。" + _COMMON
         + "引文为总计及各项的原印数字。",
    "T": "尾差：合计与各分项共 n 个所印数字，差额不超过 n × 末位半个单位为尾差，以提示报告；同一行在各栏不平只报一次。"
         + _COMMON + "引文为合计及各分项的原印数字。",
    "H": "尾差：上级科目与所属下级科目共 n 个所印数字，差额不超过 n × 末位半个单位为尾差，以提示报告；"
         "同一科目在各栏不平只报一次，与 T102 等同一差额的发现合并。" + _COMMON,
    "X": "同一数字在两张表列示时，须在两处中较粗的所印精度上相同：两处都是同一精确数的舍入，不作尾差处理；"
         "由几张表的数字相加得出时（如基本支出 = 人员经费 + 公用经费），按 n × 末位半个单位判断尾差。" + _COMMON,
    "N": "文中数字与表中数字（或文中另一处）为同一数字时，须在较粗的所印精度上相同；合计与分项、增减额与本年数、上年数，"
         "按 n × 末位半个单位判断尾差；占比、增减幅度、完成比例在各数字舍入范围内能得到所印百分比时为尾差。以提示报告。"
         + _COMMON + "引文为情况说明的原句。",
    "C": "不涉及金额运算，无尾差。科目编码或名称识别置信度低、或行的读取有记录的选择时，最多为警告。引文为所印编码和名称。",
    "P": "不涉及金额运算，无尾差。引文为文件实际列出的表格。",
    "G": "不涉及金额运算，无尾差。引文为所印原文片段。",
    "J": "得分、合计、执行率为复算值舍入到所印小数位（或在各金额舍入范围内）时为尾差，以提示报告；带小数的权重按 n × 末位半个单位"
         "判断尾差，整数权重视为精确。" + _COMMON + "引文为所印的权重、得分或执行率。",
}


# ------------------------------------------------------------------------------------------ 尾差

def half_unit(decimals: int) -> Decimal:
    """Half a unit of the last printed digit: 2 decimals → 0.005."""
    return Decimal(5) * Decimal(10) ** -(decimals + 1)


def allowance(decimals: Iterable[int]) -> Decimal:
    """What rounding of the given printed figures (their decimals) can explain: Σ ½ unit (n × ½ when alike)."""
    return sum((half_unit(d) for d in decimals), Decimal(0))


def strict(ctx) -> bool:
    return bool(ctx.options.get("strict_rounding"))


def rounded_decimals(ctx, unit: Unit | None, decimals: int, stated: bool = False) -> int | None:
    """The decimals to which a printed amount is rounded, or None when it is exact.

    Amounts in 元 are exact (the 元 is the unit they are kept in; a table stating 尾数误差 excepted). Amounts in
    万元 — and amounts whose unit was not read, most tables being in 万元 — are rounded; a 万元 figure printed
    without decimals ('34') is taken as 34.00: these disclosures drop '.00', they do not round to whole 万元."""
    if unit is Unit.YUAN and not (stated or ctx.options.get("rounded")):
        return None
    return decimals if unit is Unit.YUAN else max(decimals, 2)


def cell_decimals(ctx, table: Table, column: str, text: str | None) -> int | None:
    """The rounded decimals of a printed cell (None when exact): its column's decimals, in the table's unit."""
    from gongkai.recognize.numbers import decimals_of

    d = max(decimals_of(text) if text else 0, _column_decimals(ctx, table, column))
    return rounded_decimals(ctx, table.unit, d, stated=table.rounded)


def stated_decimals(ctx, unit: Unit | None, decimals: int, target: Unit | None = None) -> int | None:
    """The rounded decimals of an amount printed in a sentence (None when exact), expressed in `target`."""
    d = rounded_decimals(ctx, unit, decimals)
    if d is None or target is None or unit is None or target is unit:
        return d
    return d + 4 if unit is Unit.YUAN else d - 4


def _column_decimals(ctx, table: Table, column: str) -> int:
    """Decimals printed in a column (its widest figure): '34' in a column of 12.50 figures is 34.00."""
    cache = ctx.__dict__.setdefault("_column_decimals", {})
    key = (id(table), column)
    if key not in cache:
        from gongkai.recognize.numbers import decimals_of

        cache[key] = max((decimals_of(c.text) for r in table.rows if (c := r.cells.get(column)) is not None
                          and c.kind is CellKind.NUMBER and c.text), default=2)
    return cache[key]


def _table_of(ctx, loc: Location | None) -> Table | None:
    if loc is None or loc.table_index is None or not 0 <= loc.table_index < len(ctx.doc.tables):
        return None
    return ctx.doc.tables[loc.table_index]


def _rounded(ctx, ops: list[Operand]) -> list[int]:
    """The rounded decimals of each printed, rounded figure among the operands (a stand-in 0 for a line not
    printed, a blank or a dash is exact)."""
    from gongkai.recognize.numbers import decimals_of

    decimals = []
    for op in ops:
        if not op.text or not any(ch.isdigit() for ch in op.text):
            continue
        loc = op.location
        table = _table_of(ctx, loc)
        if table is not None and loc.column:
            d = cell_decimals(ctx, table, loc.column, op.text)
        elif table is None:
            d = rounded_decimals(ctx, None, decimals_of(op.text))
        else:
            continue
        if d is not None:
            decimals.append(d)
    return decimals


def tolerance(ctx, ops: list[Operand]) -> Decimal:
    """The 尾差 allowance of a sum (total and addends) over these operands: ½ unit of the last printed digit
    of each rounded figure taking part."""
    return allowance(_rounded(ctx, ops))


def same_figure(ctx, ops: list[Operand]) -> Decimal:
    """How far two printings of one figure may differ: ½ unit of the coarser rounded precision (0 when exact).
    Both are roundings of the same exact value, so beyond that no rounding explains a gap."""
    decimals = _rounded(ctx, ops)
    return half_unit(min(decimals)) if decimals else Decimal(0)


def tail(ctx, rule, difference: Decimal | None, tol: Decimal | None) -> tuple[Severity, str] | None:
    """(severity, note) when the gap is a 尾差 (within the allowance), else None."""
    if difference is None or tol is None or tol <= 0 or abs(difference) > tol:
        return None
    return rounding_verdict(ctx, rule, f"相差 {_fmt(difference)}，不超过所涉各数字末位半个单位之和 ±{_fmt(tol)}")


def rounding_verdict(ctx, rule, why: str) -> tuple[Severity, str]:
    """The severity and note of a gap that rounding explains, `why` saying how (the same for every family)."""
    if strict(ctx):
        return rule.severity, f"（尾差：{why}；已设 strict_rounding，按差错报告）"
    return ROUNDING_SEVERITY, f"（尾差：{why}，可由四舍五入解释）"


def _fmt(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# ----------------------------------------------------------------------------- uncertain readings

def _cells(finding: Finding) -> list[Location]:
    locs = [finding.location, *finding.related, *(op.location for op in finding.operands if op.location)]
    return [loc for loc in locs if loc is not None and loc.table_index is not None]


def uncertainty(ctx, finding: Finding) -> list[str]:
    """Why the figures or rows a finding rests on may be misread (empty when they were read with certainty)."""
    low = ctx.low_confidence
    reasons: list[str] = []
    rows_per_table: dict[int, set[int]] = {}
    for loc in _cells(finding):
        table = _table_of(ctx, loc)
        if table is None:
            continue
        name = table.printed_title or table.title
        if table.generic and finding.code[:1] not in GENERIC_READERS:
            reasons.append(f"“{name}”未按模板识别")
        certainty = getattr(table, "template_confidence", None)  # recorded by recognisers that know it
        if certainty is not None and certainty < low:
            reasons.append(f"“{name}”的表格模板识别把握不大（{certainty:.0%}）")
        if loc.row_index is None or not 0 <= loc.row_index < len(table.rows):
            continue
        rows_per_table.setdefault(loc.table_index, set()).add(loc.row_index)
        row = table.rows[loc.row_index]
        label = (row.label or row.code or "").replace(" ", "")
        if row.label_confidence is not None and row.label_confidence < low:
            reasons.append(f"“{label}”行名识别置信度{row.label_confidence:.0%}")
        if row.span is not None and row.span.line is not None:  # a reading recorded for this very line
            prefix = row.span.describe() + "："
            reasons += [f"“{label}”行{r[len(prefix):]}" for r in table.readings
                        if r.startswith(prefix) and "识别置信度" not in r and "跳过" not in r]
        cell = row.cells.get(loc.column) if loc.column else None
        if cell is None:
            continue
        head = loc.column_header or loc.column
        if cell.confidence is not None and cell.confidence < low:
            reasons.append(f"“{label}”行“{head}”栏数字 {cell.text} 识别置信度{cell.confidence:.0%}")
        if cell.reading:
            reasons.append(f"“{label}”行“{head}”栏 {cell.text}：{cell.reading}")
    for index, rows in rows_per_table.items():
        table = ctx.doc.tables[index]
        if len(rows) > 1 and any("跳过" in r for r in table.readings):
            reasons.append(f"“{table.printed_title or table.title}”有未能读取而跳过的行")
    return list(dict.fromkeys(reasons))


def unrecognised_grids(ctx) -> list[Table]:
    """Grids kept generic that no family read (not a 绩效 table): a standard table may be among them, unread."""
    used = {k for ev in ctx.doc.performance for k in ev.table_indexes}
    return [t for k, t in enumerate(ctx.doc.tables) if t.generic and k not in used and not t.is_empty]


# ------------------------------------------------------------------------------------------ quotes

def printed_quote(ctx, finding: Finding) -> str | None:
    """The printed text a finding rests on: its quote, else its operands' printed figures, else its cell."""
    if finding.quote and finding.quote.strip():
        return finding.quote
    shown = [f"{op.label} {op.text}" for op in finding.operands if op.text and op.text.strip()]
    if shown:
        more = f" …（共{len(shown)}项）" if len(shown) > MAX_QUOTED else ""
        return "；".join(shown[:MAX_QUOTED]) + more
    loc = finding.location
    table = _table_of(ctx, loc)
    if table is not None and loc.row_index is not None and 0 <= loc.row_index < len(table.rows):
        row = table.rows[loc.row_index]
        cell = row.cells.get(loc.column) if loc.column else None
        label = " ".join(x for x in (row.code, row.label.replace(" ", "")) if x)
        if cell is not None and cell.text.strip():
            return f"{label} {loc.column_header or ''} {cell.text}".replace("  ", " ").strip()
        if label:
            return label
    return None


# ------------------------------------------------------------------------------------------ settle

def settle(ctx, findings: list[Finding]) -> list[Finding]:
    """Apply policies 2 and 3 to the findings of all rules: uncertain readings are warnings, every error
    quotes the printed text it contradicts."""
    out = []
    for f in findings:
        reasons = uncertainty(ctx, f)
        update: dict = {}
        if reasons:
            update["uncertain"] = reasons
            if f.severity is Severity.ERROR:
                shown = "；".join(reasons[:MAX_REASONS]) + ("等" if len(reasons) > MAX_REASONS else "")
                update["severity"] = UNCERTAIN_SEVERITY
                update["message"] = f"{f.message}（读取不确定：{shown}，可能为识别误差）"
        if f.severity is Severity.ERROR and not (f.quote and f.quote.strip()):
            quote = printed_quote(ctx, f)
            if quote:
                update["quote"] = quote
            else:
                update["severity"] = UNCERTAIN_SEVERITY
                update["message"] = update.get("message", f.message) + "（未能引用所涉原文，请人工核对）"
        out.append(f.model_copy(update=update) if update else f)
    return out
