"""Reading a ruled grid by its columns: each grid column named by the header words stacked over it.

A ruled grid (PDF ruling lines, DOCX/HTML/XLSX table markup) says which header cell stands over which
column, merged cells included (基本支出 over 小计 | 人员经费 | 公用经费; 本年收入 and 上年结转结余 each over
their own 小计 …). When every amount column of such a header names a template column, rows are read by
position: a cell belongs to the column it stands in, so a blank cell is never taken for its neighbour and
a 小计 is never read as the 合计 beside it. Grids without such a header are left to `align`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.catalog.templates import TemplateColumn, norm_label
from gongkai.recognize.stream import Item

# header words of the columns that hold a row's code and its name
CODE_WORDS = {"科目编码", "功能分类科目编码", "经济分类科目编码", "功能科目编码", "经济科目编码", "编码", "类", "款", "项",
              "单位代码", "部门代码", "代码", "预算单位代码", "单位编码", "部门编码"}
NAME_WORDS = {"科目名称", "功能分类科目名称", "经济分类科目名称", "功能科目名称", "经济科目名称", "部门经济分类科目名称",
              "项目", "单位名称", "部门名称", "名称", "预算单位名称", "预算单位"}
_SUBTOTAL = {"小计", "合计"}
_NOT_A_NAME = re.compile(r"\d{1,3}|栏次|行次|.*单位[:：]?(?:万元|元)")  # 栏次 numbers and units in a header


def _word(text: str) -> str:
    return norm_label(re.sub(r"\s+", "", text))


@dataclass
class GridPlan:
    grid: int
    width: int
    roles: dict[int, str]  # grid column → "code", "label" or a template column key
    extents: dict[int, tuple[float, float]] = field(default_factory=dict)  # x range of each grid column
    columns: list[TemplateColumn] = field(default_factory=list)  # the amount columns, in printed order

    def role_of(self, item: Item, k: int) -> set[str] | None:
        """The roles of the grid columns cell k of a row stands in (None: the row cannot be placed)."""
        cell = item.cells[k]
        if item.grid == self.grid or _width([item]) == self.width:
            cols = range(cell.col, cell.col + max(1, cell.colspan))
        elif cell.bbox is not None and self.extents:
            mid = (cell.bbox[0] + cell.bbox[2]) / 2
            cols = [c for c, (x0, x1) in self.extents.items() if x0 <= mid <= x1]
            if not cols:
                return None
        else:
            return None
        return {self.roles.get(c, "") for c in cols}


def _width(rows: list[Item]) -> int:
    return max((c.col + max(1, c.colspan) for r in rows for c in r.cells or []), default=0)


def plan_columns(header_rows: list[Item], data: list[Item], columns: list[TemplateColumn],
                 labelled: bool = True) -> GridPlan | None:
    """How a ruled grid's columns map to template columns, or None when the header does not say it fully
    (not one ruled grid, an amount column named by no template column, two columns naming one). A
    `labelled` table has a column of row names."""
    if not header_rows or not columns or any(not r.is_row or not getattr(r, "ruled", False) for r in header_rows):
        return None
    grid = header_rows[0].grid
    if grid is None or any(r.grid != grid for r in header_rows):
        return None
    same = [r for r in data if r.grid == grid]
    width = _width(header_rows + same)
    stacks: dict[int, list[str]] = {c: [] for c in range(width)}
    extents: dict[int, tuple[float, float]] = {}
    for row in header_rows + same[:3]:
        for cell in row.cells or []:
            if cell.bbox is not None and cell.colspan <= 1:
                extents.setdefault(cell.col, (cell.bbox[0], cell.bbox[2]))
    for row in header_rows:
        for cell in row.cells or []:
            w = _word(cell.text)
            if not w or _NOT_A_NAME.fullmatch(w):
                continue
            for c in range(cell.col, min(width, cell.col + max(1, cell.colspan))):
                stacks[c].append(w)
    roles: dict[int, str] = {}
    printed: list[TemplateColumn] = []
    for c in range(width):
        stack = stacks[c]
        if not stack:
            if any(r.cells and any(x.col == c and x.text.strip() for x in r.cells) for r in same):
                return None  # a column with values but no header
            continue
        leaf = stack[-1]
        if leaf in CODE_WORDS:
            roles[c] = "code"
            continue
        if leaf in NAME_WORDS:
            roles[c] = "label"
            continue
        found = _match(stack, columns)
        if found is None or found.key in {x.key for x in printed}:
            return None
        roles[c] = found.key
        printed.append(found)
    if not printed or (labelled and "label" not in roles.values()):
        return None
    return GridPlan(grid=grid, width=width, roles=roles, extents=extents, columns=printed)


def _names(column: TemplateColumn) -> set[str]:
    """Every name a column may be printed under, group words included ('基本支出 人员经费' → 基本支出人员经费)."""
    words = column.header.split()
    names = {_word(column.header), *(_word(n) for n in column.names)}
    if len(words) > 1:
        group = "".join(words[:-1])
        names |= {_word(group + n) for n in column.names}
    return names


def _match(stack: list[str], columns: list[TemplateColumn]) -> TemplateColumn | None:
    """The template column a grid column's stacked header names: the longest run of its lowest header words
    that one column is named by (a 小计 under a group stands for the group)."""
    keys: list[str] = []
    for i in range(len(stack)):
        keys.append("".join(stack[i:]))
        if stack[-1] in _SUBTOTAL and len(stack) - i > 1:
            keys.append("".join(stack[i:-1]))
    for key in keys:
        hits = [c for c in columns if key in _names(c)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            return None
    return None


def split_code(text: str) -> tuple[str, str]:
    """A code cell as printed: '204 06 01' → ('2040601', ''); '30204手续费' → ('30204', '手续费')."""
    t = text.strip()
    m = re.match(r"^(\d[\d\s]*)(.*)$", t, re.S)
    if not m:
        return "", t
    return re.sub(r"\s+", "", m.group(1)), m.group(2).strip()


@dataclass
class PlacedRow:
    code: str
    label: str
    label_cells: list[int]
    amounts: dict[str, list[int]]  # column key → the cell it stands in


def place_row(plan: GridPlan, item: Item) -> PlacedRow | None:
    """A data row's cells by the grid column each stands in; None when a cell with text stands over two
    amount columns or outside the header's columns (the row is then left to `align`). A code cell may
    hold the code in pieces ('204 06 01') or the code and the name ('30204手续费')."""
    codes: list[str] = []
    labels: list[str] = []
    label_cells: list[int] = []
    amounts: dict[str, list[int]] = {}
    for k, cell in enumerate(item.cells or []):
        text = cell.text.strip()
        roles = plan.role_of(item, k)
        if roles is not None:
            roles.discard("")
        if not roles:
            if text:
                return None
            continue
        if roles <= {"code", "label"}:
            code, rest = split_code(text) if "code" in roles else ("", text)
            if code and (not rest or re.search(r"[\u4e00-\u9fff]", rest[:1])):
                codes.append(code)
                text = rest
            if text:
                labels.append(text)
                label_cells.append(k)
            continue
        if len(roles) > 1:
            if text:
                return None
            continue
        amounts[roles.pop()] = [k]
    return PlacedRow(code="".join(codes), label="".join(labels), label_cells=label_cells, amounts=amounts)
