"""The composed disclosure's tables as a workbook: one sheet per table, laid out as printed.

For users who publish the tables as a spreadsheet (上海 publishes its 预算 this way). Amounts are real
numbers with the printed format (#,##0.00), so what a reader sees equals the printed text.
"""

from __future__ import annotations

import io
from decimal import Decimal, InvalidOperation

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from gongkai.compose.blocks import TableBlock, unit_text
from gongkai.compose.compose import Composition
from gongkai.compose.grid import place
from gongkai.compose.tables import PCell

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _value(cell: PCell):
    """A number for amount cells ('1,234.50' → 1234.5 shown as 1,234.50), the text otherwise."""
    if cell.align != "right" or not cell.text:
        return cell.text, None
    try:
        number = Decimal(cell.text.replace(",", ""))
    except InvalidOperation:
        return cell.text, None
    places = len(cell.text.split(".")[1]) if "." in cell.text else 0
    fmt = "#,##0" + ("." + "0" * places if places else "")
    return (int(number) if places == 0 else float(number)), fmt


def _sheet_name(block: TableBlock, used: set[str]) -> str:
    base = (block.table.number or block.table.title)[:28]
    name, k = base, 2
    while name in used:
        name, k = f"{base[:25]}_{k}", k + 1
    used.add(name)
    return name


def render_xlsx(comp: Composition) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for block in (b for b in comp.blocks if isinstance(b, TableBlock)):
        t = block.table
        ws = wb.create_sheet(_sheet_name(block, used))
        ncols = t.ncols
        ws.cell(row=1, column=1, value=t.title).font = Font(bold=True, size=14)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
        ws.cell(row=1, column=1).alignment = Alignment(horizontal="center")
        if block.meta:
            meta = [f"{block.unit_caption}：{block.unit}", f"{block.year}年度", t.number or "", unit_text(block)]
            for k, text in enumerate(x for x in meta if x):
                ws.cell(row=2, column=1 + k * max(1, ncols // 4), value=text)
        elif unit_text(block):  # 上海: only the unit, at the right
            ws.cell(row=2, column=ncols, value=unit_text(block)).alignment = Alignment(horizontal="right")
        top = 3
        rows = t.header + t.body
        for p in place(rows, ncols):
            r, c = top + p.row, 1 + p.col
            value, fmt = _value(p.cell)
            target = ws.cell(row=r, column=c, value=value)
            if fmt:
                target.number_format = fmt
            target.font = Font(bold=p.cell.bold)
            target.alignment = Alignment(horizontal=p.cell.align, vertical="center", wrap_text=True)
            for dr in range(p.cell.rowspan):
                for dc in range(p.cell.colspan):
                    ws.cell(row=r + dr, column=c + dc).border = BOX
            if p.cell.rowspan > 1 or p.cell.colspan > 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=r + p.cell.rowspan - 1,
                               end_column=c + p.cell.colspan - 1)
        last = top + len(rows)
        for note in ([t.empty_note] if t.empty_note else []) + t.notes:
            last += 1
            ws.cell(row=last, column=1, value=note)
        for k, width in enumerate(t.widths):
            ws.column_dimensions[get_column_letter(k + 1)].width = max(6.0, width * 1.6)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
