"""Building canonical tables from table regions, one builder per template layout."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from gongkai.catalog.templates import (
    Template, TemplateColumn, TemplateRow, class_code_for, class_code_near, nearest, norm_label,
)
from gongkai.ingest.base import GridCell
from gongkai.model.location import Span
from gongkai.model.table import Cell, CellKind, Column, Row, Table
from gongkai.recognize.columns import printed_slots
from gongkai.recognize.align import CODE_RE, CJK_RE, Slot, align, classify
from gongkai.recognize.grid_columns import place_row, plan_columns
from gongkai.recognize.numbers import is_row_number, normalise, parse_number
from gongkai.recognize.regions import NOTE_RE, Region, is_meta, printed_number
from gongkai.recognize.stream import LOW_CONFIDENCE, Item, cell_span
from gongkai.recognize.titles import EMPTY_NOTE_RE, ROUNDING_RE, find_unit, is_number_line

TOTAL_LABELS = {"合计", "总计", "本年支出合计", "本年收入合计"}


def make_cell(text: str, span: Span | None, confidence: float | None = None,
              allow_percent: bool = False) -> Cell:
    kind, value = parse_number(text, allow_percent=allow_percent)
    return Cell(kind=kind, value=value, text=text, span=span, confidence=confidence)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


_WRAP = re.compile(r"(?<=[\u4e00-\u9fff（）()、，：“”])\s*\n\s*(?=[\u4e00-\u9fff（）()、，：“”])")


def clean_label(text: str) -> str:
    """A label as printed, without the line breaks of a wrapped cell ('一、财政\\n拨款' → '一、财政拨款')."""
    return _WRAP.sub("", text).replace("\n", " ").strip()


def _column_of(cell: GridCell, k: int, cells: list[GridCell], above: list[GridCell]) -> int | None:
    """The cell of the row above that `cell` continues: the one it overlaps horizontally, else the same index."""
    if cell.bbox is not None and all(c.bbox is not None for c in above):
        best, share = None, 0.0
        for j, c in enumerate(above):
            overlap = min(cell.bbox[2], c.bbox[2]) - max(cell.bbox[0], c.bbox[0])
            width = min(cell.bbox[2] - cell.bbox[0], c.bbox[2] - c.bbox[0]) or 1.0
            if overlap / width > share:
                best, share = j, overlap / width
        return best if share > 0.5 else None
    return k if len(cells) == len(above) else None


def merge_page_continuations(items: list[Item], known) -> list[Item]:
    """Rows cut by a page break. The first row of a new page that holds only text, each piece under a text
    cell of the last row on the page before ('八、社会保障和就' … '业支出', '当 年 收 入' … '小计'), continues
    that row — when the joined labels name template rows that neither piece names (`known(label)`)."""
    from dataclasses import replace

    out: list[Item] = []
    for item in items:
        prev = out[-1] if out else None
        if (prev is None or not item.is_row or not prev.is_row or item.grid == prev.grid
                or (item.span.page or 0) <= (prev.span.page or 0)):
            out.append(item)
            continue
        pieces = [(k, c) for k, c in enumerate(item.cells) if c.text.strip()]
        targets: dict[int, str] = {}
        for k, c in pieces:
            j = _column_of(c, k, item.cells, prev.cells)
            if j is None or classify(c.text) != "text" or classify(prev.cells[j].text) != "text" or j in targets:
                targets = {}
                break
            targets[j] = c.text
        better = [known(prev.cells[j].text + t) and not known(prev.cells[j].text) and not known(t)
                  for j, t in targets.items()]
        if not targets or not all(better):
            out.append(item)
            continue
        cells = [replace(c, text=c.text + targets[j]) if j in targets else c for j, c in enumerate(prev.cells)]
        out[-1] = Item(text=" ".join(c.text for c in cells if c.text), span=prev.span, cells=cells,
                       grid=prev.grid, confidence=prev.confidence, ruled=prev.ruled)
    return out


class Builder:
    """Shared state for building one table from one region."""

    def __init__(self, region: Region, template: Template):
        self.region = region
        self.template = template
        self.readings: list[str] = []
        self.notes: list[str] = []
        self.empty_note: str | None = None
        self.rows_items: list[Item] = []
        self.doubtful_header: list[str] = []  # header words read with low OCR confidence
        self.unit_tail = ""  # the rest of a 部门名称 broken over two lines above the table
        after_unit = False
        for item in region.items:
            if item is region.title_item or (not item.is_row and is_number_line(item.text)):
                continue  # the title, and a table number printed above it
            text = item.text.strip()
            if not item.is_row:
                if (after_unit and not self.rows_items and not self.unit_tail and len(text) <= 12
                        and re.fullmatch(r"[\u4e00-\u9fff（）()]+", text)):
                    self.unit_tail = text  # '部门名称：江苏省人大' … '单位：万元' … '常委会办公厅'
                    continue
                after_unit = bool(re.match(r"(?:编制)?(?:部门|单位)(?:名称)?[:：]", text.replace(" ", ""))) or (
                    after_unit and is_meta(text))
                if text and not is_meta(text):
                    self.notes.append(text)  # text printed within the table's area: notes, explanations
                if EMPTY_NOTE_RE.search(text) and not ("XX" in text or "若" in text):
                    self.empty_note = text
                continue
            nonempty = item.nonempty()
            if nonempty and all(is_meta(t) for t in nonempty):
                continue
            first = nonempty[0] if nonempty else ""
            if first.startswith("注") and (NOTE_RE.match(first) or len(first) > 12):
                self.notes.append(" ".join(nonempty))
                if EMPTY_NOTE_RE.search(" ".join(nonempty)):
                    self.empty_note = " ".join(nonempty)
                continue
            if nonempty and EMPTY_NOTE_RE.search(" ".join(nonempty)) and len(nonempty) == 1:
                self.empty_note = nonempty[0]
                continue
            self.rows_items.append(item)

    # -- helpers -------------------------------------------------------------------------------
    def cell(self, item: Item, idx: list[int], reading: str | None = None) -> Cell:
        if not idx:
            return Cell(kind=CellKind.BLANK, text="", span=item.span)
        cells = [item.cells[i] for i in idx]
        text = cells[0].text if len(cells) == 1 else "".join([c.text for c in cells])
        if item.span.line is not None:
            span = Span.cover([cell_span(c, item.span.page or 1) for c in cells])
        else:
            span = Span(page=item.span.page, bbox=cells[0].bbox)
        confs = [c.confidence for c in cells if c.confidence is not None]
        cell = make_cell(text, span, min(confs) if confs else None)
        cell.reading = reading
        return cell

    def header_text(self, rows: list[Item]) -> str:
        words = [_norm(t) for r in rows for t in r.texts() if t.strip()]
        # header words read with low OCR confidence: a column name may then be matched loosely
        self.doubtful_header = [_norm(c.text) for r in rows for c in (r.cells or [])
                                if c.text.strip() and c.confidence is not None and c.confidence < LOW_CONFIDENCE]
        return " ".join(words)

    def present_columns(self, columns: list[TemplateColumn], header: str) -> list[TemplateColumn]:
        doubtful = self.doubtful_header
        found = [c for c in columns if any(_norm(n) in header for n in c.names)
                 or (doubtful and any(nearest(w, [(c, c.names)]) is c for w in doubtful))]
        required = [c for c in columns if not c.optional]
        if len(found) < max(1, len(required) // 2):
            return required
        return found

    def lanci(self, rows: list[Item]) -> list[int]:
        for r in rows:
            ne = r.nonempty()
            if ne and _norm(ne[0]).startswith("栏次"):
                return [int(normalise(t)) for t in ne[1:] if is_row_number(t)]
        return []

    def table(self, columns: list[Column], rows: list[Row]) -> Table:
        region, t = self.region, self.template
        texts = [" ".join(i.texts()) for i in region.items]
        unit = next((u for u in (find_unit(x) for x in texts) if u), None)
        rounded = any(ROUNDING_RE.search(n) for n in self.notes)
        head = " ".join(texts[:6])
        unit_m = re.search(r"(?:编制)?(?:部门|单位)(?:名称)?[:：]\s*([^\s|:：]{2,40}?)(?=\s|$|\d{4}年|公开|金额单位|单位[:：])", head)
        year_m = re.search(r"((?:19|20)\d{2})\s*年度?", head)
        spans = [i.span for i in region.items]
        return Table(
            template_id=None if t.id == "generic" else t.id,
            title=t.title, printed_title=region.printed_title, printed_number=printed_number(region),
            unit=unit, span=Span.cover(spans), columns=columns, rows=rows, notes=self.notes,
            empty_note=self.empty_note, rounded=rounded, readings=self.readings,
            printed_unit_name=unit_m.group(1) + self.unit_tail if unit_m and not re.search(
                r"公开|单位|万元|^元", unit_m.group(1)) else None,
            printed_year=int(year_m.group(1)) if year_m else None,
        )


# -- two-sided (总表): 收入 | 支出 --------------------------------------------------------------
_MATCHERS: dict[int, tuple[list[TemplateRow], Callable]] = {}


def _row_matcher(rows: list[TemplateRow]):
    """Template rows a printed label names: exact (normalised) matches, else close ones (≥ 0.85).
    One matcher (and its cache) per template row list, shared by every document of the process."""
    known = _MATCHERS.get(id(rows))
    if known is None or known[0] is not rows:
        if len(_MATCHERS) >= 512:  # derived templates (reordered rows) make new lists
            _MATCHERS.clear()
        known = _MATCHERS[id(rows)] = (rows, _new_row_matcher(rows))  # keeps `rows` alive: ids stay unique
    return known[1]


def _new_row_matcher(rows: list[TemplateRow]):
    from difflib import SequenceMatcher

    names = [(r, {norm_label(n) for n in r.names}) for r in rows]

    @lru_cache(maxsize=1024)
    def match(label: str) -> list[TemplateRow]:
        t = norm_label(label)
        if not t:
            return []
        exact = [r for r, ns in names if t in ns]
        if exact:
            return exact
        # ratio ≤ 2·min(len)/(len a + len b): skip the names too long or too short to be close
        return [r for r, ns in names if any(2 * min(len(t), len(n)) >= 0.85 * (len(t) + len(n))
                                            and SequenceMatcher(None, t, n).ratio() >= 0.85 for n in ns)]

    return match


class RowKeys:
    """Assigns template row keys in template order, so repeated labels map to successive rows."""

    def __init__(self, rows: list[TemplateRow]):
        self.rows = rows
        self.order = {r.key: k for k, r in enumerate(rows)}
        self.match = _row_matcher(rows)
        self.used: set[str] = set()
        self.last = -1

    def key_for(self, label: str, relaxed: bool = False) -> str | None:
        """The next unused template row the label names; `relaxed` (a low-confidence OCR label) also
        takes the closest unused row name."""
        candidates = [r for r in self.match(label) if r.key not in self.used]
        if not candidates and relaxed:
            near = nearest(label, [(r, r.names) for r in self.rows if r.key not in self.used])
            candidates = [near] if near is not None else []
        if not candidates:
            return None
        after = [r for r in candidates if self.order[r.key] > self.last]
        chosen = (after or candidates)[0]
        self.used.add(chosen.key)
        self.last = self.order[chosen.key]
        return chosen.key


def build_two_sided(b: Builder) -> Table:
    t = b.template
    blocks = t.blocks
    matchers = {blk.key: _row_matcher(blk.rows) for blk in blocks}

    def belongs(text: str, block) -> bool:
        if matchers[block.key](text):
            return True
        return block.class_rows and class_code_for(text) is not None

    def is_data(item: Item) -> bool:
        ne = item.nonempty()
        if not ne or _norm(ne[0]) in {"项目", "栏次", "收入", "支出"} or _norm(ne[0]).startswith(("项目", "栏次")):
            return False
        if belongs(ne[0], blocks[0]):
            return True
        # a header row may name rows of another side (上海 单位预算: 合计 | 基本支出 | 项目支出): only a row
        # with an amount starts the data there
        return any(classify(x) == "number" for x in ne) and any(belongs(x, blk) for x in ne[:2] for blk in blocks)

    b.rows_items = merge_page_continuations(b.rows_items, lambda x: any(belongs(x, blk) for blk in blocks))
    start = next((k for k, it in enumerate(b.rows_items) if is_data(it)), len(b.rows_items))
    header_rows, data = b.rows_items[:start], b.rows_items[start:]
    header = b.header_text(header_rows)
    with_rowno = "行次" in header
    present = {blk.key: b.present_columns(blk.columns, header) for blk in blocks}
    columns: list[Column] = []
    lanci = b.lanci(header_rows)
    for blk in blocks:
        for c in present[blk.key]:
            columns.append(Column(key=c.key if len(blocks) == 1 else f"{blk.key}.{c.key}" if False else c.key,
                                  header=c.header, block=blk.name))
    if len(lanci) == len(columns):
        for col, n in zip(columns, lanci):
            col.number = n

    def label_cost(text: str, block_key: str | None) -> float:
        own = next(blk for blk in blocks if blk.key == block_key)
        if belongs(text, own):
            return 0.0
        if any(belongs(text, o) for o in blocks if o is not own):
            return 1.5
        return 0.4

    expected = {blk.key: None for blk in blocks}
    keys = {blk.key: RowKeys(blk.rows) for blk in blocks}
    rows: list[Row] = []
    header_lines = {tuple(_norm(x) for x in r.nonempty()) for r in header_rows if len(r.nonempty()) > 1}
    for item in data:
        texts = item.texts()
        if tuple(_norm(x) for x in item.nonempty()) in header_lines:
            continue  # a header line (收入 | 支出, 项目 | 预算 …) printed again at the top of the next page
        slots: list[Slot] = []
        for blk in blocks:
            slots.append(Slot("label", blk.key))
            if with_rowno:
                slots.append(Slot("rowno", blk.key, expected=expected[blk.key]))
            for c in present[blk.key]:
                slots.append(Slot("amount", blk.key, c.key, expected=expected[blk.key]))
        a = align(texts, slots, label_cost)
        if a.cost >= 8:
            b.readings.append(f"{item.span.describe()}：无法按模板读取此行（{' | '.join(texts)}），已跳过")
            continue
        for blk in blocks:
            idx = [k for k, s in enumerate(slots) if s.block == blk.key]
            label_cells = next(a.cells[k] for k in idx if slots[k].kind == "label")
            label = clean_label("".join(texts[c] for c in label_cells))
            rowno_k = next((k for k in idx if slots[k].kind == "rowno"), None)
            number = None
            if rowno_k is not None and a.cells[rowno_k]:
                raw = texts[a.cells[rowno_k][0]]
                if is_row_number(raw):
                    number = int(normalise(raw))
                    expected[blk.key] = number + 1
            elif expected[blk.key] is not None and label:
                expected[blk.key] += 1
            cells: dict[str, Cell] = {}
            for k in idx:
                if slots[k].kind != "amount":
                    continue
                reading = None
                if a.cells[k] and is_row_number(texts[a.cells[k][0]]) and with_rowno and number is None:
                    reading = f"“{texts[a.cells[k][0]]}”按金额读取（本行行次为{number if number is not None else '空'}）"
                    b.readings.append(f"{item.span.describe()}：{label or '（无项目名）'} {reading}")
                cells[slots[k].column] = b.cell(item, a.cells[k], reading)
            has_amount = any(c.kind is not CellKind.BLANK for c in cells.values())
            if not label and not has_amount:
                continue
            key, code = None, None
            label_conf = _confidence(item, label_cells)
            if label and blk.class_rows and (code := class_code_for(label)):
                key = f"class_{code}"
            elif label:
                key = keys[blk.key].key_for(label)
            if key is None and label and label_conf is not None and label_conf < LOW_CONFIDENCE:
                key, code = _relaxed_key(b, item, label, label_conf, blk, keys[blk.key])
            rows.append(Row(key=key, number=number, code=code, label=label, block=blk.name,
                            cells=cells, span=item.span, label_confidence=label_conf))
    order = {blk.name: k for k, blk in enumerate(blocks)}
    rows.sort(key=lambda r: order.get(r.block, 0))  # 收入 side first, then 支出 (printed side by side)
    used = {r.block for r in rows}
    if used:  # a block the template allows but this table does not print (江苏's 支出用途 side) has no columns
        columns = [c for c in columns if c.block in used]
    _confirm_readings(b, rows, [c.key for c in columns if c.block == "支出"] or ["amount"])
    return b.table(columns, rows)


def _confidence(item: Item, idx: list[int]) -> float | None:
    """The lowest OCR confidence of the given cells of a row (None when none was OCR'd)."""
    cells = item.cells or []
    confs = [cells[k].confidence for k in idx if k < len(cells) and cells[k].confidence is not None]
    return min(confs) if confs else None


def _relaxed_key(b: Builder, item: Item, label: str, conf: float, blk, keys: RowKeys) -> tuple[str | None, str | None]:
    """A low-confidence label that names no row exactly: read it as the closest class or row name,
    and say so."""
    code = class_code_near(label) if blk.class_rows else None
    key = f"class_{code}" if code else keys.key_for(label, relaxed=True)
    if key:
        b.readings.append(f"{item.span.describe()}：“{label}”（识别置信度{conf:.0%}）按最接近的项目读取")
    return key, code


def _confirm_readings(b: Builder, rows: list[Row], columns: list[str]) -> None:
    """Check ambiguous readings (a lone integer read as an amount, not a 行次) against the table's own
    identity 本年支出合计 = Σ 功能分类类; record whether it holds, and flip the reading if only the
    alternative makes it hold."""
    total = next((r for r in rows if r.key == "exp_total"), None)
    classes = [r for r in rows if (r.key or "").startswith("class_")]
    if total is None or not classes:
        return
    for r in classes:
        for col in columns:
            cell = r.cells.get(col)
            if cell is None or not cell.reading or cell.value is None:
                continue
            want = total.cells.get(col)
            if want is None or want.value is None:
                continue
            values = [x.cells[col].zero_or_value for x in classes if col in x.cells]
            if any(v is None for v in values):
                continue
            as_amount = sum(values) == want.value
            as_rowno = sum(values) - cell.value == want.value
            before = cell.reading
            b.readings = [x for x in b.readings if not x.endswith(before)]
            if as_amount:
                cell.reading += f"；按此读法，各类支出之和 {sum(values)} 等于本年支出合计"
            elif as_rowno:
                r.number, cell.kind, cell.value = int(cell.value), CellKind.BLANK, None
                cell.reading += "；但只有读作行次时各类支出之和才等于本年支出合计，改按行次读取"
            b.readings.append(f"{r.span.describe() if r.span else ''}：{r.label} {cell.reading}")


# -- coded (功能分类 rows) ------------------------------------------------------------------------
# "2080505 机关事业单位…", or the code in brackets before the name ("[2080505]机关事业单位…", 广东)
_CODE_AND_NAME = re.compile(r"^\s*(?:(\d{3}(?:\d{2}){0,2})\s*[　 ]|[\[［【]\s*(\d{3}(?:\d{2}){0,2})\s*[\]］】])\s*(\S.*)$")


def _split_code_cells(texts: list[str]) -> list[str]:
    out: list[str] = []
    for t in texts:
        m = _CODE_AND_NAME.match(t)
        if m and CJK_RE.search(m.group(3)):
            out.extend([m.group(1) or m.group(2), m.group(3)])
        else:
            out.append(t)
    return out


def _join_split_codes(texts: list[str], split: bool = False) -> list[str]:
    """类 | 款 | 项 printed in separate cells ('210', '15', '01') → one code cell. In a table whose header
    splits the code into 类 | 款 | 项, a misprinted 类 ('7' | '11' | '02') is joined as printed ('71102'),
    so that the row is kept and its code can be questioned."""
    ne = [(k, normalise(t)) for k, t in enumerate(texts) if normalise(t)]
    first = r"\d{1,3}" if split else r"\d{3}"
    if len(ne) >= 2 and re.fullmatch(first, ne[0][1]) and re.fullmatch(r"\d{2}", ne[1][1]):
        parts = [ne[0][1], ne[1][1]]
        last = ne[1][0]
        if len(ne) >= 3 and re.fullmatch(r"\d{2}", ne[2][1]):
            parts.append(ne[2][1])
            last = ne[2][0]
        return ["".join(parts)] + texts[last + 1:]
    return texts


def _is_data_start(texts: list[str]) -> bool:
    ne = [normalise(t).replace(" ", "") for t in texts if normalise(t)]
    if not ne:
        return False
    if len(ne) > 1 and len(ne[0]) == 1 and len(ne[1]) == 1:  # '合', '计' printed in two cells
        ne = [ne[0] + ne[1]] + ne[2:]
    if CODE_RE.fullmatch(ne[0]) and len(ne) > 1 and CJK_RE.search(ne[1]):
        return True
    return ne[0] in TOTAL_LABELS and (len(ne) == 1 or any(classify(x) == "number" for x in ne[1:]))


def build_coded(b: Builder) -> Table:
    t = b.template
    split = any([_norm(x) for x in i.nonempty()] in (["类", "款", "项"], ["类", "款"]) for i in b.rows_items[:6])
    prepared = [(_join_split_codes(_split_code_cells(i.texts()), split), i) for i in b.rows_items]
    start = next((k for k, (texts, _) in enumerate(prepared) if _is_data_start(texts)), len(prepared))
    header_rows = [i for _, i in prepared[:start]]
    header = b.header_text(header_rows)
    present = b.present_columns(t.columns, header) if t.columns else _printed_columns(header_rows, prepared[start:])
    plan = plan_columns(header_rows, [i for _, i in prepared[start:]], t.columns) if t.columns else None
    if plan is not None:
        present = plan.columns  # the columns the ruled header names, in printed order
    elif t.columns and (printed := printed_slots(header_rows, t.columns, present)) is not None:
        present = printed  # a ruled header with group headings or columns the template lacks: printed order
    columns = [Column(key=c.key, header=c.header) for c in present]
    lanci = b.lanci(header_rows)
    if len(lanci) == len(columns):
        for col, n in zip(columns, lanci):
            col.number = n
    header_words = {_norm(c) for r in header_rows for c in r.texts() if c.strip()}
    rows: list[Row] = []
    for texts, item in prepared[start:]:
        ne = [x for x in texts if x.strip()]
        if not ne or ({_norm(x) for x in ne} <= header_words and not (len(ne) == 1 and _norm(ne[0]) in TOTAL_LABELS)):
            continue
        placed = place_row(plan, item) if plan is not None else None
        if placed is not None:
            code, label = placed.code, clean_label(placed.label)
            cells = {c.key: b.cell(item, placed.amounts.get(c.key, [])) for c in present}
            label_conf = _confidence(item, placed.label_cells)
        else:
            slots = [Slot("code"), Slot("label")] + [Slot("amount", column=c.key) for c in present]
            view = Item(text=item.text, span=item.span, cells=_cells_for(item, texts), grid=item.grid)
            a = align(texts, slots)
            if a.cost >= 8:
                b.readings.append(f"{item.span.describe()}：无法按模板读取此行（{' | '.join(ne)}），已跳过")
                continue
            code = normalise(texts[a.cells[0][0]]) if a.cells[0] else None
            label = clean_label("".join(texts[k] for k in a.cells[1]))
            cells = {s.column: b.cell(view, a.cells[k]) for k, s in enumerate(slots) if s.kind == "amount"}
            label_conf = _confidence(view, a.cells[1])
        if not code and not label and all(c.kind is CellKind.BLANK for c in cells.values()):
            continue
        key = "total" if not code and _norm(label) in TOTAL_LABELS else None
        if t.code_kind == "unit":
            code = None  # a 单位代码, not a 科目编码: the unit is named by its row label
        rows.append(Row(key=key, code=code or None, label=label, cells=cells, span=item.span,
                        label_confidence=label_conf))
    if not rows:  # an empty table whose 合计 row also carries sub-headers (上海 2024 决算: 合计 | … | 合计 | 基本支出 …)
        total = next((i for texts, i in prepared
                      if (ne := [_norm(x) for x in texts if x.strip()]) and ne[0] in TOTAL_LABELS), None)
        if total is not None:
            rows.append(Row(key="total", label="合计", span=total.span,
                            cells={c.key: Cell(kind=CellKind.BLANK, text="", span=total.span) for c in present}))
    return b.table(columns, rows)


_HEADER_NOISE = {"项目", "栏次", "科目编码", "科目名称", "功能分类科目编码", "经济分类科目编码", "类", "款", "项", "金额单位：万元"}


def _printed_columns(header_rows: list[Item], data: list) -> list[TemplateColumn]:
    """Columns of a table whose template leaves them open: as many as the widest data row has amounts.
    On a real grid each column is named by the header words stacked over it (a group over its sub-column:
    “一般公共预算财政拨款 小计”); without one, by the last printed header words."""
    width = max((sum(classify(x) in ("number", "dash") for x in texts[1:]) for texts, _ in data), default=0)
    names = _stacked_names(header_rows, width)
    if names is None:
        words = [_norm(t) for r in header_rows for t in r.texts() if _header_word(t)]
        names = words[-width:] if len(words) >= width else words + [""] * (width - len(words))
    return [TemplateColumn(key=f"c{k + 1}", header=name or f"第{k + 1}栏") for k, name in enumerate(names)]


def _header_word(text: str) -> bool:
    return bool(text.strip()) and _norm(text) not in _HEADER_NOISE and not is_row_number(text) and not is_meta(text)


def _stacked_names(header_rows: list[Item], width: int) -> list[str] | None:
    """The last `width` named grid columns, each named by its header words top-down; None unless the header
    rows are one grid of equal width (a text dump splits rows into unrelated cells)."""
    rows = [r.cells for r in header_rows if r.cells]
    if not rows or not width or len({r.grid for r in header_rows}) != 1 or header_rows[0].grid is None:
        return None
    extents = {max(c.col + c.colspan for c in cells) for cells in rows}
    if len(extents) != 1:
        return None
    stacks: dict[int, list[str]] = {}
    for cells in rows:
        for c in cells:
            if _header_word(c.text):
                for col in range(c.col, c.col + c.colspan):
                    stacks.setdefault(col, []).append(_norm(c.text))
    named = [stacks[col] for col in sorted(stacks)][-width:]
    if len(named) < width:
        return None
    banner = set.intersection(*(set(s) for s in named)) if width > 1 else set()  # a title over every column
    return [" ".join(w for w in s if w not in banner) or s[-1] for s in named]


def _cells_for(item: Item, texts: list[str]):
    """Grid cells matching a re-split text list: a code cell split from its name, or 类 | 款 | 项 cells joined
    into one code (`_split_code_cells`, `_join_split_codes`). Each new cell keeps its source cells' box and
    lowest OCR confidence, so that a figure or label read with low confidence stays marked as such."""
    from gongkai.ingest.base import GridCell

    if item.cells is not None and [c.text for c in item.cells] == texts:
        return item.cells
    cells = item.cells or []
    pieces = [cell for cell in cells for _ in _split_code_cells([cell.text])]
    extra = len(pieces) - len(texts)
    if extra < 0 or not pieces:  # not a split or a join: every cell shares the row's readings
        groups = [cells] * len(texts)
    else:  # the joined code takes the leading pieces; the rest map one to one
        groups = [pieces[:extra + 1]] + [[c] for c in pieces[extra + 1:]]
    out = []
    for k, (t, group) in enumerate(zip(texts, groups)):
        confs = [c.confidence for c in group if c.confidence is not None]
        boxes = [c.bbox for c in group if c.bbox is not None]
        bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                max(b[3] for b in boxes)) if boxes and extra >= 0 else (boxes[0] if boxes else None)
        first, last = (group[0], group[-1]) if group else (None, None)
        out.append(GridCell(text=t, row=0, col=k, line=first.line if first else None,
                            line_end=last.line_end if last else None, bbox=bbox,
                            confidence=min(confs) if confs else None))
    return out


# -- economic blocks (基本支出表: code | name | amount, side by side) ------------------------------
_SUMMARY_LABELS = ("人员经费合计", "公用经费合计", "人员经费", "公用经费")


def build_economic_blocks(b: Builder) -> Table:
    t = b.template
    prepared = [(_split_code_cells(i.texts()), i) for i in b.rows_items]
    start = next((k for k, (texts, _) in enumerate(prepared)
                  if (ne := [normalise(x) for x in texts if normalise(x)])
                  and re.fullmatch(r"3\d{2}(\d{2})?", ne[0])), len(prepared))
    header_rows = [i for _, i in prepared[:start]]
    header = b.header_text(header_rows)
    nblocks = max(1, header.count("科目编码")) if "科目编码" in header else 2
    present = b.present_columns(t.columns, header)
    columns = [Column(key=c.key, header=c.header) for c in present]
    rows: list[Row] = []
    summary_rows = {r.label: r for r in t.rows}
    for texts, item in prepared[start:]:
        ne = [x for x in texts if x.strip()]
        if not ne:
            continue
        if any(_summary_name(c.text, c.confidence) for c in (item.cells or []) if c.text.strip()) or any(
                _norm(x).startswith(_SUMMARY_LABELS) for x in ne):
            rows.extend(_summary_row(b, item, texts, summary_rows, [c.key for c in present]))
            continue
        slots: list[Slot] = []
        for k in range(nblocks):
            slots += [Slot("code", str(k)), Slot("label", str(k))]
            slots += [Slot("amount", str(k), c.key) for c in present]
        a = align(texts, slots)
        if a.cost >= 8:
            b.readings.append(f"{item.span.describe()}：无法按模板读取此行（{' | '.join(ne)}），已跳过")
            continue
        for k in range(nblocks):
            idx = [j for j, s in enumerate(slots) if s.block == str(k)]
            code = normalise(texts[a.cells[idx[0]][0]]) if a.cells[idx[0]] else None
            label = clean_label("".join(texts[j] for j in a.cells[idx[1]]))
            cells = {slots[j].column: b.cell(item, a.cells[j]) for j in idx[2:]}
            if not code and not label:
                continue
            rows.append(Row(code=code, label=label, block=str(k + 1), cells=cells, span=item.span,
                            label_confidence=_confidence(item, a.cells[idx[1]])))
    rows.sort(key=lambda r: int(r.block) if r.block and r.block.isdigit() else 99)  # block by block
    return b.table(columns, rows)


def _summary_row(b: Builder, item: Item, texts: list[str], known: dict, keys: list[str]) -> list[Row]:
    """'人员经费合计 | 715.72 | 公用经费合计 | 26.81': each label takes the numbers after it."""
    out: list[Row] = []
    current: tuple[str, str, list[int], float | None] | None = None  # printed, name, cells, confidence
    groups: list[tuple[str, str, list[int], float | None]] = []
    cells_of = item.cells if item.cells is not None and len(item.cells) == len(texts) else None
    for k, x in enumerate(texts):
        conf = cells_of[k].confidence if cells_of else None
        if name := _summary_name(x, conf):
            if current and current[1] == name:  # the same label printed twice (merged cell)
                continue
            current = (_norm(x), name, [], conf)
            groups.append(current)
        elif current and classify(x) in ("number", "dash"):
            current[2].append(k)
    for label, name, idx, conf in groups:
        tpl = known.get(name)
        if tpl and not _norm(label).startswith(_SUMMARY_LABELS):
            b.readings.append(f"{item.span.describe()}：“{label}”（识别置信度{conf:.0%}）按“{name}”读取")
        cells = {key: b.cell(item, [j]) for key, j in zip(keys, idx)}
        out.append(Row(key=tpl.key if tpl else None, label=label, cells=cells, span=item.span, label_confidence=conf))
    return out


def _summary_name(text: str, confidence: float | None) -> str | None:
    """'人员经费合计' or '公用经费合计' when the text is (or, read with low confidence, is closest to) one."""
    n = _norm(text)
    if n.startswith(_SUMMARY_LABELS):
        return n if n.endswith("合计") else f"{n}合计"
    if confidence is not None and confidence < LOW_CONFIDENCE and len(n) <= 8:
        return nearest(n, [(name, [name, name[:-2]]) for name in _SUMMARY_LABELS[:2]])  # type: ignore[return-value]
    return None


# -- matrix (三公): one data row of many columns ----------------------------------------------------
def build_matrix(b: Builder) -> Table:
    t = b.template
    header = b.header_text(b.rows_items)
    order_name = next((name for name, rx in t.order_detect.items() if re.search(rx, header)), None)
    order = t.orders.get(order_name) if order_name else next(iter(t.orders.values()), [c.key for c in t.columns])
    by_key = {c.key: c for c in t.columns}
    is_data = [bool(ne := [x for x in i.texts() if x.strip()]) and all(classify(x) in ("number", "dash") for x in ne)
               for i in b.rows_items]
    first = is_data.index(True) if True in is_data else len(is_data)
    plan = plan_columns(b.rows_items[:first], b.rows_items[first:], t.columns, labelled=False)
    if plan is not None:
        order = [c.key for c in plan.columns]  # the columns the ruled header names, in printed order
    columns = [Column(key=k, header=by_key[k].header, number=n + 1) for n, k in enumerate(order)]
    rows: list[Row] = []
    for item, data in zip(b.rows_items, is_data):
        texts = item.texts()
        ne = [x for x in texts if x.strip()]
        if not data:
            continue
        if [normalise(x) for x in ne] == [str(k) for k in range(1, len(ne) + 1)]:
            continue  # the 栏次 row 1 2 3 …
        placed = place_row(plan, item) if plan is not None else None
        if placed is not None:
            rows.append(Row(key="amounts", label="金额", span=item.span,
                            cells={key: b.cell(item, placed.amounts.get(key, [])) for key in order}))
            continue
        while len(texts) > len(order) and not texts[-1].strip():
            texts = texts[:-1]
        idx = list(range(len(texts)))
        if len(idx) != len(order):
            b.readings.append(f"{item.span.describe()}：本行有{len(ne)}个数值，模板有{len(order)}栏，按顺序对应")
        cells = {key: b.cell(item, [j]) for key, j in zip(order, idx)}
        rows.append(Row(key="amounts", label="金额", cells=cells, span=item.span))
    if not rows:  # printed by unit (单位名称 | amounts …): the 合计 row holds the table's amounts
        for item in b.rows_items:
            texts = item.texts()
            first = next((k for k, x in enumerate(texts) if x.strip()), None)
            rest = [x for x in texts[first + 1:] if x.strip()] if first is not None else []
            if (first is None or _norm(texts[first]) not in TOTAL_LABELS or not rest
                    or not all(classify(x) in ("number", "dash") for x in rest)):
                continue
            idx = list(range(first + 1, len(texts)))
            while len(idx) > len(order) and not texts[idx[-1]].strip():
                idx.pop()
            if len(idx) != len(order):
                break  # not a row across the columns (a line of a table printed down the page)
            rows.append(Row(key="amounts", label="金额", cells={key: b.cell(item, [j]) for key, j in zip(order, idx)},
                            span=item.span))
            break
    if not rows and t.rows:
        rows = _matrix_down_the_page(b, columns)
    blank = [i for i in b.rows_items if i.is_row and len(i.texts()) == len(order) and not i.nonempty()]
    if not rows and blank:  # an empty table keeps its (blank) row of amounts
        item = blank[-1]
        rows.append(Row(key="amounts", label="金额", cells={key: b.cell(item, [j]) for j, key in enumerate(order)},
                        span=item.span))
    return b.table(columns, rows)


def _matrix_down_the_page(b: Builder, columns: list[Column]) -> list[Row]:
    """The one row of amounts printed down the page, a line per column ('1、因公出国（境）费用 | 0.00',
    '其中：（1）公务用车购置费 | 0.00'): each line's label names its column. Read only when every line that
    carries an amount names a column, each once."""
    match = _row_matcher(b.template.rows)
    cells: dict[str, Cell] = {}
    span = None
    for item in b.rows_items:
        ne = [(k, x) for k, x in enumerate(item.texts()) if x.strip()]
        if len(ne) != 2 or classify(ne[1][1]) not in ("number", "dash"):
            continue
        label = re.sub(r"^\s*其中\s*[:：]?\s*", "", ne[0][1])
        found = match(label)
        if len(found) != 1 or found[0].key in cells:
            return []
        cells[found[0].key] = b.cell(item, [ne[1][0]])
        span = span or item.span
    if len(cells) < 3:
        return []
    printed = {c.key for c in columns}
    for key in printed - set(cells):
        cells[key] = Cell(kind=CellKind.BLANK, text="", span=span)
    return [Row(key="amounts", label="金额", cells={k: v for k, v in cells.items() if k in printed}, span=span)]


# -- labelled rows (公开10表): label | 行次 | value -------------------------------------------------
def build_labelled(b: Builder) -> Table:
    t = b.template
    keys = RowKeys(t.rows)
    b.rows_items = merge_page_continuations(b.rows_items, lambda x: bool(keys.match(x)))
    rows: list[Row] = []
    expected = None
    columns = [Column(key=c.key, header=c.header) for c in t.columns]
    for item in b.rows_items:
        texts = item.texts()
        ne = [x for x in texts if x.strip()]
        if not ne or (_norm(ne[0]) in {"项目"}):
            continue
        slots = [Slot("label"), Slot("rowno", expected=expected)] + [Slot("amount", column=c.key) for c in t.columns]
        a = align(texts, slots)
        label = clean_label("".join(texts[k] for k in a.cells[0]))
        number = int(normalise(texts[a.cells[1][0]])) if a.cells[1] and is_row_number(texts[a.cells[1][0]]) else None
        if number is not None:
            expected = number + 1
        cells = {s.column: b.cell(item, a.cells[k]) for k, s in enumerate(slots) if s.kind == "amount"}
        if number is None and all(c.kind is CellKind.BLANK for c in cells.values()) and not keys.match(label):
            continue  # a section heading such as 一、政府采购情况 (a template row left blank is kept)
        label_conf = _confidence(item, a.cells[0])
        key = keys.key_for(label)
        if key is None and label_conf is not None and label_conf < LOW_CONFIDENCE:
            key = keys.key_for(label, relaxed=True)
            if key:
                b.readings.append(f"{item.span.describe()}：“{label}”（识别置信度{label_conf:.0%}）按最接近的项目读取")
        rows.append(Row(key=key, number=number, label=label, cells=cells, span=item.span,
                        label_confidence=label_conf))
    return b.table(columns, rows)


# -- generic: kept as printed ---------------------------------------------------------------------
def _grid_columns(item: Item) -> list[int]:
    """The grid column of each cell of a row: where the reader knows them (cells placed below merged cells
    keep their column), else their order."""
    cols = [c.col for c in item.cells or []]
    if cols and all(b > a for a, b in zip(cols, cols[1:])) and cols[0] >= 0:
        return cols
    return list(range(len(item.texts())))


def build_generic(b: Builder) -> Table:
    width = max((max(_grid_columns(i), default=-1) + 1 for i in b.rows_items), default=0)
    columns = [Column(key=f"c{k + 1}", header="") for k in range(width)]
    rows = []
    for item in b.rows_items:
        cells = {f"c{col + 1}": b.cell(item, [k]) for k, col in enumerate(_grid_columns(item))}
        for c in cells.values():
            if c.kind is CellKind.TEXT or (c.kind is CellKind.NUMBER and "%" in c.text):
                c.kind, c.value = (CellKind.TEXT, None) if c.kind is CellKind.TEXT else (c.kind, c.value)
        label = next((x for x in item.texts() if x.strip() and CJK_RE.search(x)), "")
        rows.append(Row(label=label.split("\n")[0], cells=cells, span=item.span))
    table = b.table(columns, rows)
    table.generic = True
    return table


def build_listed(b: Builder) -> Table:
    from gongkai.recognize.listed import build_listed as listed

    return listed(b, build_generic)


from gongkai.recognize.unit_rows import build_unit_rows  # noqa: E402  (it uses clean_label from here)

BUILDERS = {
    "two_sided": build_two_sided,
    "coded": build_coded,
    "economic_blocks": build_economic_blocks,
    "matrix": build_matrix,
    "labelled": build_labelled,
    "unit_rows": build_unit_rows,
    "generic": build_generic,
    "listed": build_listed,
}


def build_table(region: Region, template: Template) -> Table:
    return BUILDERS[template.layout](Builder(region, template))
