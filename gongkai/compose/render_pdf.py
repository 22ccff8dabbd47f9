"""PDF rendering with fpdf2: the bundled Noto Serif SC / Noto Sans SC (CFF-flavoured OpenType) embedded as
subset CID fonts with a ToUnicode map, so the PDF has a real text layer that gongkai's own reader parses.

Why fpdf2: pure Python (no system libraries), embeds OTF/CFF fonts with subsetting (reportlab embeds
TrueType outlines only; weasyprint needs the system's pango), ruled tables with row/column spans, page
breaks with repeated headers, outlines and a 目录 with page numbers rendered after the fact.
"""

from __future__ import annotations

import io
import re

from fpdf import FPDF, FontFace
from fpdf.enums import TableBordersLayout, WrapMode, XPos, YPos

from gongkai.compose.blocks import Contents, Cover, Figure, Heading, ListTable, Para, TableBlock, unit_text
from gongkai.compose.compose import Composition
from gongkai.compose.fonts import sans, serif
from gongkai.compose.tables import PrintedTable

MARGIN = 20.0
TABLE_MARGIN = 15.0
BODY_SIZE = 12.0
LINE = 7.6  # mm per body line
HEAD_FILL = (242, 242, 242)


class _PDF(FPDF):
    def __init__(self, title: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)
        self.add_font("serif", "", str(serif()))
        self.add_font("sans", "", str(sans()))
        self.set_title(title)
        self.set_creator("gongkai compose")
        self.set_lang("zh-CN")
        self.numbered_from = 3  # cover and 目录 carry no page number

    def footer(self):
        if self.page_no() < self.numbered_from:
            return
        self.set_y(-14)
        self.set_font("serif", size=10)
        self.cell(0, 6, f"— {self.page_no() - self.numbered_from + 1} —", align="C")


_TOKEN = re.compile(r"[0-9A-Za-z.,%‰+\-−~/]+|\s|.", re.S)
_NO_START = set("，。、；：？！）》」』”’%％…—·,.;:!?)")
_NO_END = set("（《「『“‘(")


def _tokens(text: str) -> list[str]:
    """Break opportunities: each CJK character, whole numbers and Latin words; closing punctuation stays
    with what precedes it and opening punctuation with what follows (避头尾)."""
    out: list[str] = []
    for tok in _TOKEN.findall(text):
        if out and (tok[0] in _NO_START or out[-1][-1] in _NO_END):
            out[-1] += tok
        else:
            out.append(tok)
    return out


def _wrap(pdf: "_PDF", text: str, width: float, first_indent: float = 0.0) -> list[str]:
    lines: list[str] = []
    cur, cur_w, limit = "", 0.0, width - first_indent
    for tok in _tokens(text):
        w = pdf.get_string_width(tok)
        if cur and cur_w + w > limit:
            lines.append(cur)
            cur, cur_w, limit = "", 0.0, width
            if tok.isspace():
                continue
        cur += tok
        cur_w += w
    if cur:
        lines.append(cur)
    return lines or [""]


def _para(pdf: _PDF, text: str, size: float = BODY_SIZE, indent: bool = True, font: str = "serif",
          align: str = "J", line: float = LINE) -> None:
    """A paragraph set line by line: first-line indent of two characters, CJK-aware breaking, justified
    by spreading the slack over the character gaps (except on the last line)."""
    pdf.set_font(font, size=size)
    indent_w = 2 * pdf.get_string_width("中") if indent else 0.0
    width = pdf.epw
    lines = _wrap(pdf, text, width, indent_w)
    for k, ln in enumerate(lines):
        if pdf.get_y() + line > pdf.h - pdf.b_margin:
            pdf.add_page(orientation=pdf.cur_orientation)
        x = pdf.l_margin + (indent_w if k == 0 else 0.0)
        avail = width - (indent_w if k == 0 else 0.0)
        y = pdf.get_y()
        toks = _tokens(ln)
        if align == "J" and k < len(lines) - 1 and len(toks) > 1:
            # spread the slack over the gaps between break units, never inside a number
            gap = max(0.0, avail - pdf.get_string_width(ln)) / (len(toks) - 1)
            for tok in toks:
                w = pdf.get_string_width(tok)
                pdf.set_xy(x, y)
                pdf.cell(w, line, tok)
                x += w + gap
            pdf.set_xy(pdf.l_margin, y + line)
        else:
            pdf.set_xy(x, y)
            pdf.cell(avail, line, ln, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _table(pdf: _PDF, header, body, widths_mm: list[float], size: float, line: float) -> None:
    head_style = FontFace(family="sans", emphasis="", size_pt=size, fill_color=HEAD_FILL)
    pdf.set_font("serif", size=size)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.25)
    with pdf.table(col_widths=widths_mm, width=min(sum(widths_mm), pdf.epw), line_height=line, num_heading_rows=len(header),
                   headings_style=head_style, text_align="CENTER", wrapmode=WrapMode.CHAR,
                   borders_layout=TableBordersLayout.ALL, padding=(0.6, 1.0, 0.6, 1.0), v_align="MIDDLE",
                   repeat_headings=1) as table:
        for r in header:
            row = table.row()
            for c in r:
                row.cell(c.text, colspan=c.colspan, rowspan=c.rowspan, align="CENTER")
        bold = FontFace(family="sans", emphasis="", size_pt=size)
        for r in body:
            row = table.row()
            for c in r:
                row.cell(c.text, colspan=c.colspan, rowspan=c.rowspan, align=c.align.upper(),
                         style=bold if c.bold else None)


def _lines_needed(pdf: _PDF, rows, widths: list[float]) -> int:
    """Text lines the rows take at the current font (a cell wraps by characters within its span)."""
    from gongkai.compose.grid import place

    per_row = [1] * len(rows)
    for placed in place(rows, len(widths)):
        c = placed.cell
        span = sum(widths[placed.col:placed.col + c.colspan]) - 2.2
        n = max(1, -(-int(pdf.get_string_width(c.text) * 1.02) // max(int(span), 1))) if c.text else 1
        per_row[placed.row] = max(per_row[placed.row], -(-n // c.rowspan))
    return sum(per_row)


def _fit(pdf: _PDF, t: PrintedTable, width: float) -> tuple[float, float, list[float]]:
    """Font size, line height and column widths that keep the table and its notes on one page when that
    is possible; figures never wrap."""
    from gongkai.compose.grid import fit_widths

    room = pdf.h - pdf.b_margin - pdf.get_y() - 5.5 * (len(t.notes) + 1) - 2
    for size in (9.5, 9.0, 8.5, 8.0, 7.5):
        pdf.set_font("serif", size=size)
        widths = fit_widths(t.body, t.widths, width, pdf.get_string_width, 2.6)
        lines = _lines_needed(pdf, t.header + t.body, widths)
        line = min(5.0, (room - 1.2 * len(t.header + t.body)) / lines)
        if line >= size * 0.3528 * 1.35:
            return size, line, widths
    pdf.set_font("serif", size=8.5)
    return 8.5, 4.2, fit_widths(t.body, t.widths, width, pdf.get_string_width, 2.6)


def _table_block(pdf: _PDF, block: TableBlock, toc: str, part: str = "") -> None:
    """One table on its own page(s); `part` is an inline part title to enter in the outline here."""
    t: PrintedTable = block.table
    pdf.set_margins(TABLE_MARGIN, TABLE_MARGIN, TABLE_MARGIN)
    pdf.set_auto_page_break(True, margin=TABLE_MARGIN)
    pdf.add_page(orientation="L" if t.landscape else "P")
    if part:
        pdf.start_section(part, level=0)
    if toc:
        pdf.start_section(toc, level=1)
    width = pdf.epw
    if block.banner:
        pdf.set_font("sans", size=17)
        pdf.multi_cell(0, 10, block.banner, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("sans", size=15)
    pdf.cell(0, 9, t.title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if t.number:
        pdf.set_font("serif", size=10)
        pdf.cell(0, 5.5, t.number, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("serif", size=10)
    if block.meta:
        y = pdf.get_y()
        pdf.cell(width / 3, 6, f"{block.unit_caption}：{block.unit}", align="L")
        pdf.set_xy(TABLE_MARGIN + width / 3, y)
        pdf.cell(width / 3, 6, f"{block.year}年度", align="C")
        pdf.set_xy(TABLE_MARGIN + 2 * width / 3, y)
    pdf.cell(width if not block.meta else width / 3, 6, unit_text(block), align="R", new_x=XPos.LMARGIN,
             new_y=YPos.NEXT)
    pdf.ln(1)
    size, line, widths = _fit(pdf, t, width)
    _table(pdf, t.header, t.body, widths, size, line)
    pdf.ln(1.5)
    for note in t.notes:
        _para(pdf, note, size=9.5, indent=False, line=5.2, align="L")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)


def _toc(pdf: _PDF, outline) -> None:
    pdf.set_xy(MARGIN, MARGIN)
    pdf.set_font("sans", size=18)
    pdf.cell(0, 14, "目　　录", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    for entry in outline:
        if entry.level > 1:
            continue
        font, size, indent = ("sans", 12, 0.0) if entry.level == 0 else ("serif", 11, 8.0)
        pdf.set_font(font, size=size)
        number = str(entry.page_number - pdf.numbered_from + 1)
        x0 = MARGIN + indent
        pdf.set_x(x0)
        name_w = pdf.get_string_width(entry.name)
        num_w = pdf.get_string_width(number)
        dot_w = pdf.get_string_width(".")
        room = pdf.epw - indent - name_w - num_w - 4
        dots = "." * max(3, int(room / dot_w))
        link = pdf.add_link(page=entry.page_number)
        pdf.cell(name_w + 1, 7.4, entry.name, link=link)
        pdf.cell(room + 2, 7.4, dots, align="C", link=link)
        pdf.cell(num_w + 1, 7.4, number, align="R", link=link, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _toc_pages(blocks) -> int:
    """Pages the 目录 takes: one line per outline entry (as render_pdf starts sections), 32 lines under the
    title, 34 on each further page."""
    n = 0
    for k, b in enumerate(blocks):
        if isinstance(b, Heading):
            divider = b.level == 0 and k + 1 < len(blocks) and isinstance(blocks[k + 1], TableBlock)
            n += divider or (b.level <= 1 and b.toc)
        elif isinstance(b, TableBlock):
            n += bool(b.toc)
    return 1 + max(0, -(-(n - 32) // 34))


def render_pdf(comp: Composition) -> bytes:
    pdf = _PDF(comp.title)
    pdf.set_author(comp.data.unit.name)
    pdf.set_subject(comp.title)
    fresh = False  # on a page nothing has been drawn on yet
    part = ""  # an inline part title waiting for its table
    blocks = comp.blocks
    for n, block in enumerate(blocks):
        if isinstance(block, Cover):
            pdf.add_page()
            pdf.set_y(95)
            pdf.set_font("sans", size=26)
            pdf.multi_cell(0, 15, block.unit, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(4)
            pdf.multi_cell(0, 15, block.title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif isinstance(block, Contents):
            pdf.add_page()
            pages = _toc_pages(blocks)
            pdf.numbered_from = 2 + pages  # cover and 目录 carry no page number
            pdf.insert_toc_placeholder(_toc, pages=pages, reset_page_indices=False)
            fresh = True
            continue
        elif isinstance(block, Heading) and block.inline:
            part = block.text
            continue
        elif isinstance(block, Heading):
            if block.new_page and not fresh:
                pdf.add_page(orientation="P")
            if block.level == 0 and n + 1 < len(blocks) and isinstance(blocks[n + 1], TableBlock):
                # the title of the table part: a divider page of its own
                pdf.set_y(pdf.h * 0.38)
                pdf.start_section(block.text, level=0)
                pdf.set_font("sans", size=24)
                pdf.multi_cell(0, 14, block.text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            elif block.level == 0:
                pdf.ln(2)
                if block.toc:
                    pdf.start_section(block.text, level=0)
                pdf.set_font("sans", size=16)
                pdf.multi_cell(0, 12, block.text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                pdf.ln(3)
            else:
                if pdf.get_y() > pdf.h - MARGIN - 30:
                    pdf.add_page(orientation="P")
                if block.toc and block.level == 1:
                    pdf.start_section(block.text, level=1)
                size = 14 if block.level == 1 else 12.5
                pdf.ln(1.5)
                pdf.set_font("sans", size=size)
                pdf.multi_cell(0, LINE + 1, ("" if block.level == 1 else "\u3000\u3000") + block.text, align="L",
                               new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        elif isinstance(block, Para):
            _para(pdf, block.text, indent=block.indent)
        elif isinstance(block, Figure):
            chart = comp.charts.get(block.key)
            if chart is None:
                continue
            w = 140.0
            h = w * chart.height_in / chart.width_in
            if pdf.get_y() + h + 12 > pdf.h - MARGIN:
                pdf.add_page(orientation="P")
            pdf.ln(2)
            pdf.image(io.BytesIO(chart.png), x=(pdf.w - w) / 2, w=w, h=h)
            pdf.set_font("sans", size=10.5)
            pdf.cell(0, 7, block.caption, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(2)
        elif isinstance(block, ListTable):
            from gongkai.compose.tables import PCell

            header = [[PCell(h) for h in block.header]]
            body = [[PCell(c, align="center" if k == 0 else "left") for k, c in enumerate(r)] for r in block.rows]
            total = sum(block.widths)
            _table(pdf, header, body, [pdf.epw * x / total for x in block.widths], 11, 7.5)
            pdf.ln(2)
        elif isinstance(block, TableBlock):
            _table_block(pdf, block, block.toc, part)
            part = ""
        fresh = False
    return bytes(pdf.output())

