"""Tables listing one row per unit or project under a ruled header (项目支出预算表: 单位名称 | 项目名称 | 总计 |
一般公共预算 …; 项目支出绩效表: 单位名称 | 项目名称 | 金额 | 项目总体绩效目标): the cells left of the template's
first column name the row, the others are placed under the header that names them."""

from __future__ import annotations

import re

from gongkai.model.table import CellKind, Column, Row
from gongkai.recognize.align import classify
from gongkai.recognize.columns import listed_start, printed_slots
from gongkai.recognize.numbers import is_row_number


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _is_data(item) -> bool:
    ne = [_norm(x) for x in item.texts() if x.strip()]
    numbers = [x for x in ne if classify(x) == "number"]
    if not numbers or all(x == "**" or is_row_number(x) for x in ne):
        return False  # the 栏次 row (** ** 1 2 3 …)
    return True


def build_listed(b, fallback):
    from gongkai.recognize.tables import TOTAL_LABELS, clean_label

    t = b.template
    start = next((k for k, it in enumerate(b.rows_items) if it.is_row and _is_data(it)), None)
    if start is None or not b.rows_items[0].is_row:
        return fallback(b)
    header_rows = b.rows_items[:start]
    header = b.header_text(header_rows)
    printed = printed_slots(header_rows, t.columns, b.present_columns(t.columns, header))
    first = listed_start(header_rows, t.columns)
    if printed is None or first is None:
        return fallback(b)
    columns = [Column(key=c.key, header=c.header) for c in printed]
    header_words = {_norm(c.text) for r in header_rows for c in r.cells or [] if c.text.strip()}
    rows: list[Row] = []
    for item in b.rows_items[start:]:
        if not item.is_row or not item.nonempty():
            continue
        if {_norm(x) for x in item.nonempty()} <= header_words | {"**"} or all(
                _norm(x) == "**" or is_row_number(x) for x in item.nonempty()):
            continue  # the header printed again on the next page
        names = [clean_label(c.text) for c in item.cells if c.col < first and c.text.strip()]
        cells = {printed[c.col - first].key: b.cell(item, [k]) for k, c in enumerate(item.cells)
                 if first <= c.col < first + len(printed)}
        label = " ".join(names)
        has_amount = any(c.kind is CellKind.NUMBER for c in cells.values())
        key = "total" if (_norm(label) in TOTAL_LABELS or (not label and has_amount and not rows)) else None
        rows.append(Row(key=key, label=label or ("合计" if key else ""), cells=cells, span=item.span))
    return b.table(columns, rows)
