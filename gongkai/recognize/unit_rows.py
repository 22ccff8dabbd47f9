"""Tables by unit (广东 收入总体情况表, 部门预算基本支出预算表, 项目支出预算表): a 合计 row, then each unit of the
department, each unit followed by the rows it is made of (经济分类 类 printed by name without code, or projects).

Amount columns are read by position: the template lists them in printed order and the header says which of the
optional ones are printed. Rows are marked `block="单位"` (a unit) or `block="明细"` (a row under the unit before
it), so that the audit can check 合计 = Σ 单位 and 单位 = Σ 明细.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from gongkai.model.table import Cell, CellKind, Column, Row, Table
from gongkai.recognize.align import classify
from gongkai.recognize.stream import Item

UNIT, ITEM = "单位", "明细"
_TOTALS = {"合计", "总计"}


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


@cache
def _economic_class_names() -> frozenset[str]:
    """Names of the 部门预算支出经济分类 类 (工资福利支出 …) in every edition of the catalogue."""
    from gongkai.catalog.codes import all_codes, editions, normalize_name

    names = set()
    for edition in editions("economic"):
        for code, c in all_codes(edition, kind="economic").items():
            if len(code) == 3:
                names.add(normalize_name(c.name))
    return frozenset(names)


def _is_economic_class(label: str) -> bool:
    from gongkai.catalog.codes import normalize_name

    return normalize_name(label) in _economic_class_names()


def _is_total(item: Item) -> bool:
    ne = item.nonempty()
    return bool(ne) and _norm(ne[0]) in _TOTALS and any(classify(x) == "number" for x in ne[1:])


def _is_data(item: Item) -> bool:
    ne = item.nonempty()
    return len(ne) >= 2 and classify(ne[0]) == "text" and any(classify(x) == "number" for x in ne[1:])


def build_unit_rows(b) -> Table:
    from gongkai.recognize.tables import clean_label

    t = b.template
    items = b.rows_items
    start = next((k for k, i in enumerate(items) if _is_total(i)),
                 next((k for k, i in enumerate(items) if _is_data(i)), len(items)))
    header_rows = items[:start]
    header = b.header_text(header_rows)
    amounts = b.present_columns([c for c in t.columns if not c.text], header)
    texts_cols = [c for c in t.columns if c.text and any(_norm(n) in header for n in c.names)]
    columns = [Column(key=c.key, header=c.header) for c in amounts + texts_cols]
    header_words = {_norm(x) for r in header_rows for x in r.texts() if x.strip()}
    widest = max((sum(classify(x) in ("number", "dash") for x in i.texts()) for i in items[start:]), default=0)
    if widest > len(amounts):
        # more amounts than the columns the header names: a column the template does not know; reading by
        # position would shift the amounts, so the table is kept as printed
        from gongkai.recognize.tables import build_generic

        table = build_generic(b)
        table.template_id, table.title = None, b.region.printed_title
        table.readings.append(f"表中一行有{widest}个金额，表头只对应{len(amounts)}栏，按原样保留")
        return table
    rows: list[Row] = []
    for item in items[start:]:
        texts = item.texts()
        ne = [x for x in texts if x.strip()]
        if not ne or ({_norm(x) for x in ne} <= header_words and not _is_total(item)):
            continue  # the header printed again on the next page
        label_at = next((k for k, x in enumerate(texts) if x.strip()), 0)
        values = texts[label_at + 1:]
        label = clean_label(texts[label_at]) if classify(texts[label_at]) == "text" else ""
        if not label or len(values) < len(amounts) or any(
                classify(x) == "text" for x in values[:len(amounts)]):
            b.readings.append(f"{item.span.describe()}：无法按模板读取此行（{' | '.join(ne)}），已跳过")
            continue
        cells: dict[str, Cell] = {}
        for k, c in enumerate(amounts):
            cells[c.key] = b.cell(item, [label_at + 1 + k])
        rest = [label_at + 1 + k for k in range(len(amounts), len(values)) if texts[label_at + 1 + k].strip()]
        for c in texts_cols:
            cell = b.cell(item, rest)
            cell.kind, cell.value = (CellKind.TEXT, None) if rest else (CellKind.BLANK, None)
            cells[c.key] = cell
        key = "total" if _norm(label) in _TOTALS and not rows else None
        rows.append(Row(key=key, label=label, cells=cells, span=item.span))
    _mark_units(b, rows, amounts[0].key if amounts else None)
    return b.table(columns, rows)


def _mark_units(b, rows: list[Row], first: str | None) -> None:
    """Which rows are units and which are rows under a unit, by the template's `unit_items`."""
    body = [r for r in rows if r.key != "total"]
    how = b.template.unit_items or "none"
    if how == "none":
        for r in body:
            r.block = UNIT
    elif how == "economic" and first is not None:
        # 经济分类 类 by name; a name printed under several units is one too (珠海 '工资和福利支出')
        seen: dict[str, int] = {}
        for r in body:
            seen[_norm(r.label)] = seen.get(_norm(r.label), 0) + 1
        known = [_is_economic_class(r.label) for r in body]
        roles = [ITEM if k or seen[_norm(r.label)] > 1 else UNIT for r, k in zip(body, known)]
        total = next((r for r in rows if r.key == "total"), None)
        want = total.value(first) if total is not None else None
        # rows read as 类 by a name the catalogue does not know: only when the units then add up to the 合计
        if any(role == ITEM and not k for role, k in zip(roles, known)) and not _units_add_up(body, roles, first, want):
            roles = _partition(body, first, want)
        if roles is None:
            b.readings.append("无法区分单位行与经济分类行（各单位之和不等于合计），不按单位核对")
            return
        for r, role in zip(body, roles):
            r.block = role
    elif how == "by_sum" and first is not None:
        total = next((r for r in rows if r.key == "total"), None)
        want = total.value(first) if total is not None else None
        text_keys = [c.key for c in b.template.columns if c.text]
        roles = None
        if text_keys and body and all(k in r.cells for r in body for k in text_keys):
            # projects print their 绩效目标, units do not: confirmed when the units add up to the 合计
            roles = [UNIT if all(r.cells[k].kind is CellKind.BLANK for k in text_keys) else ITEM for r in body]
            if not _units_add_up(body, roles, first, want):
                roles = None
        if roles is None:
            roles = _partition(body, first, want)
        if roles is None:
            b.readings.append("无法由金额区分单位行与项目行（单位的总计不等于其下各项目之和），不按单位核对")
            return
        for r, role in zip(body, roles):
            r.block = role


def _units_add_up(body: list[Row], roles: list[str], column: str, want: Decimal | None) -> bool:
    units = [r.value(column) for r, role in zip(body, roles) if role == UNIT]
    return (bool(roles) and roles[0] == UNIT and want is not None and None not in units
            and abs(sum(units) - want) <= _slack(len(units)))


def _slack(addends: int) -> Decimal:
    """How far printed sums of amounts rounded to 0.01 may drift: half a cent per amount and for the total.
    Only for telling units from projects; the audit judges the sums with its own tolerance."""
    return Decimal("0.005") * (addends + 1)


def _partition(rows: list[Row], column: str, total: Decimal | None) -> list[str] | None:
    """Unit / item roles such that each unit's amount is the sum of the rows after it up to the next unit and the
    units add up to the 合计; None if the amounts allow no such reading."""
    values = [r.cells[column].zero_or_value if column in r.cells else None for r in rows]
    if total is None or any(v is None for v in values):
        return None
    roles: list[str] = []
    k, units = 0, Decimal(0)
    while k < len(rows):
        target, acc = values[k], Decimal(0)
        roles.append(UNIT)
        k += 1
        n = 0
        while k < len(rows) and abs(acc - target) > _slack(n):
            acc += values[k]
            roles.append(ITEM)
            k, n = k + 1, n + 1
        if abs(acc - target) > _slack(n):
            return None
        units += target
    return roles if abs(units - total) <= _slack(roles.count(UNIT)) else None
