"""The 功能×经济分类支出 sheet of the 填报 workbook (四川 公开07表): one row per 功能分类 项, one column per
经济分类 类 of the year's catalogue; written only for a profile that prints the table (or when the data has it)."""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter

from gongkai.catalog import codes
from gongkai.compose.detail import MATRIX_SHEET_NAME

MATRIX_SHEET = MATRIX_SHEET_NAME
MATRIX_FIRST_ROW = 3
TEMPLATE_MATRIX = 120
CODE_HEAD, NAME_HEAD = "功能分类科目编码", "科目名称"


def matrix_classes(year: int, rows: list[dict]) -> list[tuple[str, str]]:
    """(code, name) of the 经济分类 类 columns: the year's catalogue, plus any other class the data uses."""
    listed = {c.code: c.name for c in codes.all_codes(year, "economic").values() if len(c.code) == 3}
    for row in rows:
        for k in row.get("amounts", {}):
            listed.setdefault(str(k), "")
    return sorted(listed.items())


def write_matrix_sheet(wb: Workbook, year: int, rows: list[dict], index: int, codes_ref: str) -> None:
    """The sheet at `index`, with `rows` (gpb_by_economic as JSON) filled in; codes drop down from `codes_ref`."""
    from gongkai.compose import workbook as book

    ws = wb.create_sheet(MATRIX_SHEET, index)
    ws.cell(1, 1, f"{year}年度 一般公共预算财政拨款支出：功能分类（项级）× 经济分类（类级）　　单位：万元").font = book.TITLE
    classes = matrix_classes(year, rows)
    n_rows = max(TEMPLATE_MATRIX, len(rows) + 20)
    last = MATRIX_FIRST_ROW + n_rows - 1
    headers = [(CODE_HEAD, "code", "7位项级编码，须是“功能分类收支”表中有一般公共预算财政拨款支出的科目，每个科目一行。"),
               (NAME_HEAD, "text", "可留空，按编码取“功能分类收支”表中的名称。")]
    headers += [(f"{code} {name}".strip(), "money", None) for code, name in classes]
    for k, (text, kind, note) in enumerate(headers):
        c = ws.cell(2, k + 1, text)
        book.style_head(c)
        if note:
            c.comment = Comment(note, "gongkai")
        letter = get_column_letter(k + 1)
        ws.column_dimensions[letter].width = 12 if kind == "money" else 26 if kind == "text" else 12
        for r in range(MATRIX_FIRST_ROW, last + 1):
            book.input_cell(ws.cell(r, k + 1), kind)
        ref = f"{letter}{MATRIX_FIRST_ROW}:{letter}{last}"
        if kind == "money":
            book.money_validation(ws, ref)
        elif kind == "code":
            book.list_validation(ws, ref, codes_ref, "功能分类科目编码")
    ws.cell(2, 3).comment = Comment("每行各经济分类之和 = 该科目一般公共预算财政拨款基本支出 + 项目支出（“功能分类收支”表）；"
                                    "每列合计 = “经济分类基本支出”表该类各款基本支出与项目支出之和。系统会核对。", "gongkai")
    ws.row_dimensions[2].height = 48
    position = {code: 3 + k for k, (code, _) in enumerate(classes)}
    for r, row in enumerate(rows, start=MATRIX_FIRST_ROW):
        ws.cell(r, 1, str(row["code"]))
        if row.get("name"):
            ws.cell(r, 2, row["name"])
        for code, v in row.get("amounts", {}).items():
            if v not in (None, ""):
                ws.cell(r, position[str(code)], book.excel(v, "money"))
    ws.freeze_panes = ws.cell(MATRIX_FIRST_ROW, 3)


def read_matrix_sheet(ws, where: dict[tuple, str], text, number) -> list[dict]:
    """The sheet's rows as `gpb_by_economic` dicts; `where` gets the cell of each field, the row of each line,
    the amount cells of each row and the column of each 经济分类 类."""
    place = f"工作表“{ws.title}”"
    where[("gpb_by_economic",)] = place
    header_row = next((r for r in range(1, 8) if text(ws.cell(r, 1).value) == CODE_HEAD), None)
    if header_row is None:
        return []
    columns: dict[int, str] = {}
    for c in range(1, ws.max_column + 1):
        h = text(ws.cell(header_row, c).value) or ""
        if len(h) >= 3 and h[:3].isdigit() and (len(h) == 3 or not h[3].isdigit()):
            columns[c] = h[:3]
            where[("gpb_by_economic", "columns", h[:3])] = f"{place}{get_column_letter(c)}列（{h}）"
    name_col = next((c for c in range(1, ws.max_column + 1) if text(ws.cell(header_row, c).value) == NAME_HEAD), None)
    out: list[dict] = []
    for r in range(header_row + 1, ws.max_row + 1):
        code = text(ws.cell(r, 1).value)
        name = text(ws.cell(r, name_col).value) if name_col else None
        values = {cls: number(ws.cell(r, c).value) for c, cls in columns.items()}
        amounts: dict[str, Any] = {cls: v for cls, v in values.items() if v is not None}
        if code is None and name is None and not amounts:
            continue
        k = len(out)
        for c, cls in columns.items():
            where[("gpb_by_economic", k, "amounts", cls)] = f"{place}{get_column_letter(c)}{r}"
        if columns:
            first, last = get_column_letter(min(columns)), get_column_letter(max(columns))
            where[("gpb_by_economic", k, "amounts")] = f"{place}{first}{r}:{last}{r}"
        where[("gpb_by_economic", k)] = f"{place}第{r}行"
        where[("gpb_by_economic", k, "code")] = f"{place}A{r}"
        if name_col:
            where[("gpb_by_economic", k, "name")] = f"{place}{get_column_letter(name_col)}{r}"
        row: dict = {"amounts": amounts}
        if code is not None:
            row["code"] = code
        if name is not None:
            row["name"] = name
        out.append(row)
    return out
