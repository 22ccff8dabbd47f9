"""Reading a table's columns from a ruled header grid: each template column placed on the grid column printed
under its name, in printed order.

A header printed as a grid of merged cells names every leaf column by the words stacked over it
(基本支出 over 人员经费 | 公用经费; 本年收入 over 小计 | 一般公共预算 …). Matching template columns to those stacks,
rather than looking for their names anywhere in the header, keeps the printed order and tells a group heading
(基本支出 over two sub-columns, no amounts of its own) from a column of amounts, and the same name under two
groups (一般公共预算 under 本年收入 and under 上年结转结余) apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.catalog.templates import TemplateColumn
from gongkai.recognize.numbers import is_row_number
from gongkai.recognize.stream import Item

_SUBTOTAL = {"小计", "合计"}
_NOT_NAMES = {"**", "*", "栏次", "行次"}


def _norm(text: str) -> str:
    t = re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）")
    return t.rstrip("：:")


@dataclass
class GridColumn:
    col: int  # grid column index
    stack: list[str]  # header words top-down
    column: TemplateColumn | None = None

    @property
    def leaf(self) -> str:
        return self.stack[-1] if self.stack else ""

    @property
    def names(self) -> list[str]:
        """The words that may name the column: its leaf, and for a 小计 leaf the group printed above it."""
        if self.leaf in _SUBTOTAL and len(self.stack) > 1:
            return [self.leaf, self.stack[-2]]
        return [self.leaf]


def header_stacks(header_rows: list[Item]) -> list[GridColumn] | None:
    """Header words stacked over each grid column, left to right; None unless the header rows are cells of
    one ruled grid of one width."""
    rows = [r for r in header_rows if r.cells]
    if not rows or any(r.grid is None for r in rows) or len({r.grid for r in rows}) != 1:
        return None
    if any(c.bbox is None for r in rows for c in r.cells):
        return None  # cells of a text dump: no rules, their columns are not reliable
    stacks: dict[int, list[str]] = {}
    for r in rows:
        for c in r.cells:
            word = _norm(c.text)
            if not word or word in _NOT_NAMES or is_row_number(word):
                continue
            for col in range(c.col, c.col + c.colspan):
                stack = stacks.setdefault(col, [])
                if not stack or stack[-1] != word:
                    stack.append(word)
    if not stacks:
        return None
    return [GridColumn(col=k, stack=stacks[k]) for k in sorted(stacks)]


def _names(column: TemplateColumn) -> set[str]:
    return {_norm(n) for n in column.names}


def _groups(column: TemplateColumn) -> list[str]:
    return [_norm(w) for w in column.header.split()[:-1]]


def place_columns(stacks: list[GridColumn], columns: list[TemplateColumn]) -> list[GridColumn] | None:
    """Give each grid column the template column its name is (a column whose header names a group, such as
    "上年结转结余 一般公共预算", only under that group; one without, before those that have one). Returns the
    grid columns that carry amounts, in printed order — None when no template column is placed."""
    used: set[str] = set()
    for g in stacks:
        fits = []
        for name in g.names:
            fits = [c for c in columns if c.key not in used and name in _names(c)
                    and all(w in g.stack[:-1] for w in _groups(c))]
            if fits:
                break
        if not fits:
            continue
        fits.sort(key=lambda c: -len(_groups(c)))  # the most specific (grouped) name first
        g.column = fits[0]
        used.add(fits[0].key)
    placed = [g for g in stacks if g.column is not None]
    return placed or None


def printed_slots(header_rows: list[Item], columns: list[TemplateColumn],
                  found: list[TemplateColumn]) -> list[TemplateColumn] | None:
    """The amount columns in printed order, read from a ruled header: a template column for each grid column
    that one names, a column of its own (key c<N>, its header words) for each other grid column right of the
    first one named. None — keep the reading by names — unless every column `found` by name that also names
    a grid column is placed, and at least one is."""
    stacks = header_stacks(header_rows)
    if stacks is None:
        return None
    placed = place_columns(stacks, columns)
    if placed is None:
        return None
    keys = {g.column.key for g in placed if g.column is not None}
    names = {n for g in stacks for n in g.names}
    if any(c.key not in keys and _names(c) & names for c in found):
        return None
    # a name found in the header that heads no group of placed columns, yet was not placed: the grid misleads
    for c in found:
        if c.key in keys:
            continue
        under = [g for g in stacks if _names(c) & set(g.stack[:-1])]
        if under and not (len(under) > 1 and all(g.column is not None for g in under)):
            return None
    first = placed[0].col
    width = max(c.col + c.colspan for r in header_rows if r.cells for c in r.cells)
    by_col = {g.col: g for g in stacks}
    out: list[TemplateColumn] = []
    last = max(g.col for g in stacks)  # grid columns right of the last header word (an empty frame) are none
    for col in range(first, last + 1):
        g = by_col.get(col)
        if g is not None and g.column is not None:
            out.append(g.column)
        else:
            header = " ".join(g.stack) if g is not None else ""
            out.append(TemplateColumn(key=f"c{col + 1}", header=header or f"第{col + 1}栏", optional=True))
    return out


def listed_start(header_rows: list[Item], columns: list[TemplateColumn]) -> int | None:
    """The grid column where the template's columns start, read from a ruled header (None: not placed)."""
    stacks = header_stacks(header_rows)
    placed = place_columns(stacks, columns) if stacks is not None else None
    return placed[0].col if placed else None
