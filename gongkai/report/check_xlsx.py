"""The reviewer's workbook of `gongkai check` (openpyxl).

Sheets: 汇总 (one row per document), 问题清单 (one row per finding, filterable, each linking to its cell),
then the tables of the first document as printed, with the cells a finding points at filled in the
colour of its severity (the cells taking part in it more lightly) and a comment holding the message,
and a 情况说明 sheet with the narrative sections when the document has any.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from gongkai.audit.finding import Finding, Report, Severity
from gongkai.model.document import Document
from gongkai.model.table import CellKind, Table
from gongkai.report.check_html import (
    TOTAL_KEYS, WHOLE, DocPage, Mark, Part, build_page, cell_display, describe, table_heading,
)

FILL = {  # strong fill for the cell a finding points at, light fill for the cells taking part
    Severity.ERROR: ("F8B4B4", "FDE8E8"),
    Severity.WARNING: ("FCD98A", "FEF6DC"),
    Severity.INFO: ("B3CFF7", "E8F0FD"),
}
FONT_COLOUR = {Severity.ERROR: "9B1C1C", Severity.WARNING: "8A4B08", Severity.INFO: "1E429F"}
HEAD_FILL = PatternFill("solid", fgColor="E9EDF5")
SUB_FILL = PatternFill("solid", fgColor="F5F7FA")
THIN = Side(style="thin", color="C9CFD9")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
MAX_CELL = 32000

LIST_HEADERS = ("文件", "单位", "规则", "级别", "标题", "表", "行", "栏", "位置", "说明", "算式", "原文", "建议")
LIST_WIDTHS = (24, 18, 7, 6, 26, 26, 26, 14, 40, 56, 48, 28, 30)


def clean(value) -> str:
    text = "" if value is None else str(value)
    return ILLEGAL_CHARACTERS_RE.sub("", text)[:MAX_CELL]


def fill(sev: Severity, light: bool = False) -> PatternFill:
    return PatternFill("solid", fgColor=FILL[sev][1 if light else 0])


def number_format(text: str) -> str:
    """The printed form: as many decimals as printed, thousands separators when printed."""
    body = re.sub(r"[^\d.,]", "", text or "")
    decimals = len(body.split(".", 1)[1]) if "." in body else 0
    base = "#,##0" if "," in body else "0"
    return base + ("." + "0" * decimals if decimals else "")


def render(pairs: list[tuple[Document, Report]]) -> bytes:
    wb = Workbook()
    pages = [build_page(d, doc, report) for d, (doc, report) in enumerate(pairs)]
    summary = wb.active
    summary.title = "汇总"
    listing = wb.create_sheet("问题清单")
    places: dict[tuple, str] = {}  # (ti, ri, key) / (ti, ri) / (ti,) / ("s", k) -> "'sheet'!A1"
    if pages:
        places = _table_sheets(wb, pages[0])
    _summary_sheet(summary, pages)
    _list_sheet(listing, pages, places)
    for ws in wb.worksheets:  # print landscape, one page wide
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ---- 汇总 -----------------------------------------------------------------------------------------


def _summary_sheet(ws: Worksheet, pages: list[DocPage]) -> None:
    headers = ("文件", "单位", "年度", "类型", "模板口径", "表格数", "错误", "警告", "提示", "合计", "已运行规则")
    ws.append(headers)
    for p in pages:
        c = p.report.counts
        ws.append([clean(p.report.path), clean(p.report.unit_name or p.doc.unit_name or "（单位未识别）"),
                   p.report.year or p.doc.year, clean(p.report.kind or (p.doc.kind.value if p.doc.kind else "")),
                   clean(p.report.profile or p.doc.profile or "未匹配"), len(p.doc.tables),
                   c["error"], c["warning"], c["info"], len(p.report.findings),
                   clean("、".join(p.report.rules_run))])
        row = ws.max_row
        for col, sev in ((7, Severity.ERROR), (8, Severity.WARNING), (9, Severity.INFO)):
            cell = ws.cell(row=row, column=col)
            if cell.value:
                cell.fill = fill(sev)
                cell.font = Font(bold=True, color=FONT_COLOUR[sev])
    if len(pages) > 1:
        ws.append([])
        ws.append(["各表工作表仅列出第一份文件的表格。"])
    _head(ws, len(headers))
    for k, w in enumerate((40, 24, 8, 10, 16, 8, 7, 7, 7, 7, 60), start=1):
        ws.column_dimensions[get_column_letter(k)].width = w
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(2, len(pages) + 1)}"


def _head(ws: Worksheet, ncols: int) -> None:
    for k in range(1, ncols + 1):
        cell = ws.cell(row=1, column=k)
        cell.font = BOLD
        cell.fill = HEAD_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.freeze_panes = "A2"


# ---- 问题清单 -------------------------------------------------------------------------------------


def _list_sheet(ws: Worksheet, pages: list[DocPage], places: dict[tuple, str]) -> None:
    ws.append(LIST_HEADERS)
    for p in pages:
        for fi, f in enumerate(p.report.findings):
            ws.append(_finding_row(p, fi, f))
            row = ws.max_row
            sev_cell = ws.cell(row=row, column=4)
            sev_cell.fill = fill(f.severity)
            sev_cell.font = Font(bold=True, color=FONT_COLOUR[f.severity])
            sev_cell.alignment = Alignment(horizontal="center", vertical="top")
            ws.cell(row=row, column=3).font = Font(name="Consolas")
            for col in range(1, len(LIST_HEADERS) + 1):
                cell = ws.cell(row=row, column=col)
                if col != 4:
                    cell.alignment = WRAP
                cell.border = BORDER
            target = _place_of(p, fi, places) if p.d == 0 else None
            if target:
                link = ws.cell(row=row, column=9)
                link.hyperlink = Hyperlink(ref=link.coordinate, location=target, tooltip="转到该单元格")
                link.font = Font(color="1E4FA8", underline="single")
    _head(ws, len(LIST_HEADERS))
    for k, w in enumerate(LIST_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(k)].width = w
    ws.auto_filter.ref = f"A1:{get_column_letter(len(LIST_HEADERS))}{max(2, ws.max_row)}"


def _finding_row(p: DocPage, fi: int, f: Finding) -> list:
    loc = f.location
    tg = p.targets[fi][0]
    if tg.table is not None:
        table = table_heading(p.doc.tables[tg.table])
    elif loc.table:
        table = f"{loc.printed_number + ' ' if loc.printed_number else ''}{loc.table}"
    elif tg.kind == "section" or (loc.section and loc.section != WHOLE):
        table = "情况说明"
    else:
        table = ""
    if loc.row_label or loc.row_code:
        row = loc.row_text()
        if loc.row_number:
            row += f"（行次{loc.row_number}）"
    elif tg.kind == "section":
        row = " › ".join(p.doc.sections[tg.section].path)
    else:
        row = loc.section or ""
    return [clean(p.report.path), clean(p.report.unit_name or p.doc.unit_name or ""), f.code, f.severity.label,
            clean(f.title), clean(table), clean(row), clean(loc.column_header or ""),
            clean(describe(p, loc, tg)), clean(f.message), clean(f.formula), clean(f.quote), clean(f.hint)]


def _place_of(p: DocPage, fi: int, places: dict[tuple, str]) -> str | None:
    tg = p.targets[fi][0]
    key = {"cell": (tg.table, tg.row, tg.column), "row": (tg.table, tg.row), "table": (tg.table,),
           "section": ("s", tg.section)}.get(tg.kind)
    if key is None:
        return None
    return places.get(key) or (places.get((tg.table, tg.row)) if tg.kind == "cell" else None) \
        or (places.get((tg.table,)) if tg.table is not None else None)


# ---- one sheet per table --------------------------------------------------------------------------


def _sheet_name(wb: Workbook, t: Table, ti: int) -> str:
    base = t.printed_number or f"表{ti + 1:02d}"
    return _unique(wb, f"{base} {t.printed_title or t.title}", f"表{ti + 1:02d}")


def _unique(wb: Workbook, name: str, fallback: str) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "", name).strip().strip("'")[:31] or fallback
    taken = {s.lower() for s in wb.sheetnames}
    candidate, n = name, 2
    while candidate.lower() in taken:
        suffix = f"~{n}"
        candidate = name[: 31 - len(suffix)] + suffix
        n += 1
    return candidate


def _comment(p: DocPage, mark: Mark) -> Comment:
    lines = []
    for f in mark.primary:
        x = p.report.findings[f]
        lines.append(f"{x.code} {x.severity.label}：{x.message}")
        if x.formula:
            lines.append(f"算式：{x.formula}")
        if x.hint:
            lines.append(f"建议：{x.hint}")
    for f in mark.related:
        if f in mark.primary:
            continue
        x = p.report.findings[f]
        lines.append(f"参与 {x.code}（{x.severity.label}）：{x.message}")
    text = clean("\n".join(lines))[:4000]
    comment = Comment(text, "gongkai")
    comment.width = 360
    comment.height = min(60 + 18 * (len(text) // 28 + text.count("\n")), 600)
    return comment


def _mark(ws: Worksheet, p: DocPage, cell, mark: Mark | None) -> None:
    if mark is None or not (mark.primary or mark.related):
        return
    if mark.primary:
        sev = p.worst(mark.primary)
        cell.fill = fill(sev)
        cell.font = Font(bold=True, color=FONT_COLOUR[sev])
    else:
        cell.fill = fill(p.worst(mark.related), light=True)
    cell.comment = _comment(p, mark)


def _table_sheets(wb: Workbook, p: DocPage) -> dict[tuple, str]:
    places: dict[tuple, str] = {}
    for ti, t in enumerate(p.doc.tables):
        ws = wb.create_sheet(_sheet_name(wb, t, ti))
        ref = quote_sheetname(ws.title)
        _draw_table(ws, p, ti, places, ref)
    if p.doc.sections:
        ws = wb.create_sheet(_unique(wb, "情况说明", "情况说明"))
        _draw_narrative(ws, p, places, quote_sheetname(ws.title))
    return places


def _fields(part: Part) -> list[str]:
    out = []
    if part.show_code:
        out.append("科目编码" if part.show_label else "编码")
    if part.show_label:
        out.append("科目名称" if part.show_code else "项目")
    if part.show_number:
        out.append("行次")
    return out


def _draw_table(ws: Worksheet, p: DocPage, ti: int, places: dict[tuple, str], ref: str) -> None:
    t = p.doc.tables[ti]
    layout = p.layouts[ti]
    title = ws.cell(row=1, column=1, value=clean(table_heading(t)))
    title.font = Font(bold=True, size=13)
    places[(ti,)] = f"{ref}!A1"
    _mark(ws, p, title, p.cells.get((ti,)))
    info = []
    if t.unit:
        info.append(f"金额单位：{t.unit.value}")
    if t.span:
        info.append(f"原文{t.span.describe()}")
    if t.template_id is None:
        info.append("未识别的表格，按原样列出")
    ws.cell(row=2, column=1, value=clean("　".join(info))).font = Font(color="667085")
    r0 = 4
    if not t.rows:
        ws.cell(row=r0, column=1, value=clean(f"本表无数据：{t.empty_note or '本表未读出数据行。'}"))
        ws.column_dimensions["A"].width = 80
        return

    # column positions of each part
    starts, col = [], 1
    for part in layout.parts:
        starts.append(col)
        col += part.width
    width = col - 1
    # header rows: fields and column headers (two levels when 上级·下级), then 栏次
    two = any("·" in (c.header or "") for part in layout.parts for c in part.columns)
    has_no = any(c.number is not None for part in layout.parts for c in part.columns)
    stacked = not layout.side_by_side and len(layout.parts) > 1
    headless = t.generic and not any(c.header for c in t.columns)
    head_rows = 0 if stacked or headless else (2 if two else 1) + (1 if has_no else 0)
    if not stacked and not headless:
        for part, s in zip(layout.parts, starts):
            fields = _fields(part)
            for k, name in enumerate(fields):
                ws.cell(row=r0, column=s + k, value=name)
                if two:
                    ws.merge_cells(start_row=r0, start_column=s + k, end_row=r0 + 1, end_column=s + k)
                if has_no:
                    ws.cell(row=r0 + (2 if two else 1), column=s + k, value="栏次" if k == 0 else None)
            c0 = s + len(fields)
            j = 0
            while j < len(part.columns):
                head = part.columns[j].header or ("" if t.generic else part.columns[j].key)
                n = 1
                if two and "·" in head:
                    group = head.split("·", 1)[0]
                    while j + n < len(part.columns) and "·" in (part.columns[j + n].header or "") \
                            and part.columns[j + n].header.split("·", 1)[0] == group:
                        n += 1
                    ws.cell(row=r0, column=c0 + j, value=clean(group))
                    if n > 1:
                        ws.merge_cells(start_row=r0, start_column=c0 + j, end_row=r0, end_column=c0 + j + n - 1)
                    for m in range(n):
                        sub = part.columns[j + m].header.split("·", 1)[1]
                        ws.cell(row=r0 + 1, column=c0 + j + m, value=clean(sub))
                else:
                    ws.cell(row=r0, column=c0 + j, value=clean(head))
                    if two:
                        ws.merge_cells(start_row=r0, start_column=c0 + j, end_row=r0 + 1, end_column=c0 + j)
                for m in range(n):
                    if has_no:
                        ws.cell(row=r0 + (2 if two else 1), column=c0 + j + m, value=part.columns[j + m].number)
                j += n
        for rr in range(r0, r0 + head_rows):
            for cc in range(1, width + 1):
                cell = ws.cell(row=rr, column=cc)
                cell.font = BOLD if rr < r0 + head_rows - (1 if has_no else 0) else Font(color="667085")
                cell.fill = HEAD_FILL if rr < r0 + head_rows - (1 if has_no else 0) else SUB_FILL
                cell.border = BORDER
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.freeze_panes = ws.cell(row=r0 + head_rows, column=1)

    r = r0 + head_rows
    current = None
    for line in layout.lines:
        if stacked:
            k = next(k for k, ri in enumerate(line) if ri is not None)
            if k != current:
                current = k
                part = layout.parts[k]
                heads = _fields(part) + [c.header or c.key for c in part.columns]
                block = ws.cell(row=r, column=1, value=clean(part.block))
                block.font = BOLD
                r += 1
                for j, h in enumerate(heads):
                    cell = ws.cell(row=r, column=1 + j, value=clean(h))
                    cell.font, cell.fill, cell.border = BOLD, HEAD_FILL, BORDER
                    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
                r += 1
            _draw_row(ws, p, ti, line[k], layout.parts[k], r, 1, places, ref)
        else:
            for k, ri in enumerate(line):
                _draw_row(ws, p, ti, ri, layout.parts[k], r, starts[k], places, ref)
        r += 1
    for n in list(t.notes) + ([t.empty_note] if t.empty_note and t.empty_note not in t.notes else []):
        ws.cell(row=r + 1, column=1, value=clean(n)).font = Font(color="667085")
        r += 1
    # widths
    for part, s in zip(layout.parts, starts):
        k = s
        if part.show_code:
            ws.column_dimensions[get_column_letter(k)].width = 11
            k += 1
        if part.show_label:
            ws.column_dimensions[get_column_letter(k)].width = 34
            k += 1
        if part.show_number:
            ws.column_dimensions[get_column_letter(k)].width = 6
            k += 1
        for c in part.columns:
            texts = [cell_display(t, row, c.key) for row in t.rows if row.cells.get(c.key) is not None]
            longest = max((len(x) for x in texts), default=0)
            ws.column_dimensions[get_column_letter(k)].width = max(12, min(50, longest + 2)) \
                if t.generic else max(12, min(18, len(c.header or "") * 2 // 3 + 4))
            k += 1


def _draw_row(ws: Worksheet, p: DocPage, ti: int, ri: int | None, part: Part, r: int, c0: int,
              places: dict[tuple, str], ref: str) -> None:
    t = p.doc.tables[ti]
    if ri is None:
        for k in range(part.width):
            ws.cell(row=r, column=c0 + k).border = BORDER
        return
    row = t.rows[ri]
    row_mark = p.cells.get((ti, ri))
    col = c0
    anchor = None
    bold = bool(row.key and TOTAL_KEYS.search(row.key)) or row.label.strip() in ("合计", "总计")
    if part.show_code:
        cell = ws.cell(row=r, column=col, value=clean(row.code or ""))
        cell.border = BORDER
        _mark(ws, p, cell, row_mark)
        col += 1
    if part.show_label:
        cell = ws.cell(row=r, column=col, value=clean(row.label.strip()))
        cell.border, cell.alignment = BORDER, Alignment(wrap_text=True, vertical="top")
        if bold:
            cell.font = BOLD
        _mark(ws, p, cell, row_mark)
        anchor = cell.coordinate
        col += 1
    if part.show_number:
        cell = ws.cell(row=r, column=col, value=row.number)
        cell.border, cell.alignment = BORDER, Alignment(horizontal="center", vertical="top")
        col += 1
    for c in part.columns:
        src = row.cells.get(c.key)
        cell = ws.cell(row=r, column=col)
        if src is not None and src.kind is CellKind.NUMBER and src.value is not None:
            cell.value = src.value if isinstance(src.value, Decimal) else Decimal(str(src.value))
            cell.number_format = number_format(src.text)
            cell.alignment = Alignment(horizontal="right", vertical="top")
        else:
            text = cell_display(t, row, c.key)
            cell.value = clean(text) if text else None
            cell.alignment = Alignment(horizontal="right" if src is not None and src.kind is CellKind.DASH
                                       else "left", vertical="top", wrap_text=True)
        cell.border = BORDER
        if bold:
            cell.font = BOLD
        mark = p.cells.get((ti, ri, c.key)) or row_mark
        _mark(ws, p, cell, mark)
        places[(ti, ri, c.key)] = f"{ref}!{cell.coordinate}"
        anchor = anchor or cell.coordinate
        col += 1
    if anchor:
        places[(ti, ri)] = f"{ref}!{anchor}"


def _draw_narrative(ws: Worksheet, p: DocPage, places: dict[tuple, str], ref: str) -> None:
    ws.append(("章节", "原文位置", "问题", "正文"))
    _head(ws, 4)
    by_section: dict[int, list[int]] = {}
    for fi in range(len(p.report.findings)):
        tg = p.targets[fi][0]
        if tg.kind == "section":
            by_section.setdefault(tg.section, []).append(fi)
    for k, s in enumerate(p.doc.sections):
        if not s.text.strip() and k not in by_section:
            continue
        fis = by_section.get(k, [])
        codes = "、".join(dict.fromkeys(p.report.findings[f].code for f in fis))
        ws.append((clean(" › ".join(s.path)), clean(s.span.describe() if s.span else ""), codes, clean(s.text)))
        r = ws.max_row
        for col in range(1, 5):
            ws.cell(row=r, column=col).alignment = WRAP
            ws.cell(row=r, column=col).border = BORDER
        places[("s", k)] = f"{ref}!A{r}"
        if fis:
            _mark(ws, p, ws.cell(row=r, column=1), Mark(primary=fis))
            ws.cell(row=r, column=3).fill = fill(p.worst(fis))
    for k, w in enumerate((36, 12, 10, 100), start=1):
        ws.column_dimensions[get_column_letter(k)].width = w
