"""DOCX rendering with python-docx: real Word tables with merged header cells, landscape sections for wide
tables, East Asian fonts set on every run (仿宋_GB2312 body, 黑体 headings, 宋体 tables), page numbers."""

from __future__ import annotations

import io

from docx import Document as new_document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from gongkai.compose.blocks import Contents, Cover, Figure, Heading, ListTable, Para, TableBlock, unit_text
from gongkai.compose.compose import Composition
from gongkai.compose.grid import place
from gongkai.compose.tables import PrintedTable

BODY_FONT, HEAD_FONT, TABLE_FONT, KAI_FONT = "仿宋_GB2312", "黑体", "宋体", "楷体_GB2312"
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}
A4 = (Cm(21.0), Cm(29.7))


def _font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = "Times New Roman"
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = RGBColor(0, 0, 0)
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:ascii"), "Times New Roman")
    fonts.set(qn("w:hAnsi"), "Times New Roman")


def _para(doc_or_cell, text: str, font: str = BODY_FONT, size: float = 12, bold: bool = False, align: str = "left",
          indent: bool = False, before: float = 0, after: float = 0, line: float = 1.5, outline: int | None = None):
    p = doc_or_cell.add_paragraph()
    fmt = p.paragraph_format
    fmt.keep_with_next = outline is not None  # a heading stays with what follows
    fmt.alignment = ALIGN[align]
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing = line
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if text:
        _font(p.add_run(text), font, size, bold)
    if outline is not None:
        ppr = p._p.get_or_add_pPr()
        lvl = OxmlElement("w:outlineLvl")
        lvl.set(qn("w:val"), str(outline))
        ppr.append(lvl)
    return p


def _orient(section, landscape: bool) -> None:
    w, h = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (h, w) if landscape else (w, h)
    section.top_margin = section.bottom_margin = Cm(2.2)
    section.left_margin = section.right_margin = Cm(2.2)


def _page_number(section) -> None:
    footer = section.footer
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        run = p.add_run()
        _font(run, TABLE_FONT, 10)
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)


def _cell_format(cell, shade: str | None = None) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    tcpr = cell._tc.get_or_add_tcPr()
    mar = OxmlElement("w:tcMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), "60")
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tcpr.append(mar)
    if shade:
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), shade)
        tcpr.append(shd)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    for tag in ("w:tblHeader", "w:cantSplit"):
        el = OxmlElement(tag)
        trpr.append(el)


def _grid_table(doc, header, body, widths_cm: list[float], size: float, row_cm: float = 0.5):
    ncols = len(widths_cm)
    rows = header + body
    table = doc.add_table(rows=len(rows), cols=ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    for k, col in enumerate(table.columns):
        col.width = Cm(widths_cm[k])
    for r in table.rows:
        r.height = Cm(row_cm)
        r.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        for k, c in enumerate(r.cells):
            c.width = Cm(widths_cm[k])
    for placed in place(rows, ncols):
        pc = placed.cell
        target = table.cell(placed.row, placed.col)
        if pc.rowspan > 1 or pc.colspan > 1:
            target = target.merge(table.cell(placed.row + pc.rowspan - 1, placed.col + pc.colspan - 1))
        is_head = placed.row < len(header)
        _cell_format(target, "F2F2F2" if is_head else None)
        p = target.paragraphs[0]
        p.alignment = ALIGN["center" if is_head else pc.align]
        p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.line_spacing = 1.0
        if pc.text:
            _font(p.add_run(pc.text), HEAD_FONT if is_head else TABLE_FONT, size, pc.bold and not is_head)
    for r in range(len(header)):
        _repeat_header(table.rows[r])
    return table


def _table_block(doc, block: TableBlock, usable_cm: float) -> None:
    t: PrintedTable = block.table
    if block.banner:
        _para(doc, block.banner, HEAD_FONT, 18, align="center", after=4, line=1.2, outline=0)
    _para(doc, t.title, HEAD_FONT, 16, align="center", after=2, line=1.2)
    if t.number:
        _para(doc, t.number, TABLE_FONT, 10, align="right", line=1.0)
    if block.meta:
        p = _para(doc, "", line=1.0, after=3)
        stops = p.paragraph_format.tab_stops
        stops.add_tab_stop(Cm(usable_cm / 2), WD_TAB_ALIGNMENT.CENTER)
        stops.add_tab_stop(Cm(usable_cm), WD_TAB_ALIGNMENT.RIGHT)
        _font(p.add_run(f"{block.unit_caption}：{block.unit}\t{block.year}年度\t{unit_text(block)}"), TABLE_FONT, 10)
    else:
        _para(doc, unit_text(block), TABLE_FONT, 10, align="right", line=1.0, after=3)
    from gongkai.compose.grid import fit_widths

    size = 9 if t.ncols <= 8 else 8
    # digits and separators are about half an em wide; 0.35 cm for the cell margins
    widths = fit_widths(t.body, t.widths, usable_cm, lambda s: len(s) * size * 0.55 * 2.54 / 72, 0.35)
    rows = len(t.header) + len(t.body)
    height = (21.0 if t.landscape else 29.7) - 4.4 - 3.2 - 0.6 * len(t.notes)
    _grid_table(doc, t.header, t.body, widths, size, row_cm=max(0.42, min(0.62, height / max(rows, 1) - 0.05)))
    for note in t.notes:
        _para(doc, note, TABLE_FONT, 9.5, line=1.2, before=3)


def render_docx(comp: Composition) -> bytes:
    doc = new_document()
    section = doc.sections[0]
    _orient(section, False)
    _page_number(section)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.element.get_or_add_rPr()
    rfonts = normal.element.rPr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        normal.element.rPr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), BODY_FONT)
    doc.core_properties.title = comp.title
    doc.core_properties.author = comp.data.unit.name
    body = doc.paragraphs[0] if doc.paragraphs else None
    if body is not None:
        body._p.getparent().remove(body._p)
    landscape = False
    first = True

    def new_page(want_landscape: bool) -> None:
        nonlocal landscape, first
        if first:
            first = False
            return
        if want_landscape != landscape:
            sec = doc.add_section(WD_SECTION.NEW_PAGE)
            _orient(sec, want_landscape)
            landscape = want_landscape
        else:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    blocks = comp.blocks
    for k, block in enumerate(blocks):
        if isinstance(block, Cover):
            new_page(False)
            for _ in range(8):
                _para(doc, "")
            _para(doc, block.unit, HEAD_FONT, 26, align="center", after=12, line=1.3)
            _para(doc, block.title, HEAD_FONT, 26, align="center", line=1.3)
        elif isinstance(block, Contents):
            new_page(False)
            _para(doc, "目　　录", HEAD_FONT, 18, align="center", after=12)
            for level, text in _toc_entries(comp):
                _para(doc, ("　　" * level) + text, HEAD_FONT if level == 0 else BODY_FONT, 12 if level == 0 else 11.5,
                      line=1.45)
        elif isinstance(block, Heading) and block.inline:
            continue  # drawn as the next table's banner
        elif isinstance(block, Heading):
            if block.new_page:
                new_page(False)
            if block.level == 0 and k + 1 < len(blocks) and isinstance(blocks[k + 1], TableBlock):
                for _ in range(12):
                    _para(doc, "")
                _para(doc, block.text, HEAD_FONT, 24, align="center", outline=0)
            elif block.level == 0:
                _para(doc, block.text, HEAD_FONT, 16, align="center", before=6, after=12, outline=0)
            elif block.level == 1:
                _para(doc, block.text, HEAD_FONT, 14, indent=False, before=6, after=3, outline=1)
            else:
                _para(doc, block.text, KAI_FONT, 13, bold=True, before=3, after=2, outline=2)
        elif isinstance(block, Para):
            _para(doc, block.text, BODY_FONT, 12, indent=block.indent)
        elif isinstance(block, Figure):
            chart = comp.charts.get(block.key)
            if chart is None:
                continue
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.keep_with_next = True
            p.add_run().add_picture(io.BytesIO(chart.png), width=Cm(14.5))
            _para(doc, block.caption, HEAD_FONT, 10.5, align="center", after=6, line=1.2)
        elif isinstance(block, ListTable):
            _grid_table(doc, [[_pc(h) for h in block.header]], [[_pc(c, "left" if k else "center") for k, c in
                                                               enumerate(r)] for r in block.rows],
                        [16.6 * w / sum(block.widths) for w in block.widths], 11)
        elif isinstance(block, TableBlock):
            new_page(block.table.landscape)
            usable = (29.7 if block.table.landscape else 21.0) - 4.4
            _table_block(doc, block, usable)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _pc(text: str, align: str = "center"):
    from gongkai.compose.tables import PCell

    return PCell(text, align=align)


def _toc_entries(comp: Composition) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for b in comp.blocks:
        if isinstance(b, Heading) and b.toc and b.level <= 1:
            out.append((b.level, b.text))
        elif isinstance(b, TableBlock) and b.toc:
            out.append((1, b.toc))
    return out
