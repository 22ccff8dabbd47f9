"""Tests for the text-PDF reader (`gongkai.ingest.pdf`).

Synthetic PDFs are written by hand below (a tiny PDF writer: Helvetica for Latin text, the standard
STSong-Light CID font for Chinese, rules as stroked lines or thin filled rectangles), so the expected
layout is known exactly. Real disclosures under /work/shared/corpus are read when present, and those
tests are skipped otherwise.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pdf_bytes import serialise
from gongkai.ingest.base import Grid, GridCell, Page, ReadError, TextLine
from gongkai.ingest.pdf import (
    MSG_DAMAGED,
    MSG_ENCRYPTED,
    MSG_NO_PAGES,
    page_has_text,
    read_pdf,
)

# ---------------------------------------------------------------------------------------------------
# a minimal PDF writer


def make_pdf(pages: list[dict], *, password: tuple[str, str] | None = None) -> bytes:
    """Pages are dicts: content (content stream), size (w, h), rotate, cropbox, forms ({name: content}).

    `password` = (user, owner) encrypts the file with the standard security handler, revision 2 (RC4,
    40-bit); an empty user password gives a file anyone can open (owner restrictions only)."""
    objs: list[bytes] = []

    def add(body: str | bytes) -> int:
        objs.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(objs)

    catalog = add("")
    pages_id = add("")
    helv = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    desc = add(
        "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880]"
        " /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"
    )
    cid = add(
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo"
        f" << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor {desc} 0 R /DW 1000 >>"
    )
    song = add(
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H"
        f" /DescendantFonts [{cid} 0 R] >>"
    )
    kids = []
    for page in pages:
        content = page["content"].encode("latin-1")
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        xobjects = ""
        for name, form in page.get("forms", {}).items():  # Form XObjects drawn with /name Do
            body = form.encode("latin-1")
            ref = add(
                b"<< /Type /XObject /Subtype /Form /BBox [0 0 1000 1000] /Length %d >>\nstream\n" % len(body)
                + body
                + b"\nendstream"
            )
            xobjects += f" /{name} {ref} 0 R"
        xobjects = f" /XObject <<{xobjects} >>" if xobjects else ""
        w, h = page.get("size", (595, 842))
        extra = ""
        if page.get("rotate"):
            extra += f" /Rotate {page['rotate']}"
        if page.get("cropbox"):
            extra += " /CropBox [%s]" % " ".join(str(v) for v in page["cropbox"])
        kids.append(
            add(
                f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {w} {h}]{extra}"
                f" /Resources << /Font << /F1 {helv} 0 R /F2 {song} 0 R >>{xobjects} >>"
                f" /Contents {stream} 0 R >>"
            )
        )
    objs[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode()
    objs[pages_id - 1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    )
    enc = None
    if password is not None:
        file_key, o_value, u_value = _security(*password)
        for num, body in enumerate(objs, start=1):  # encrypt every stream with its object key
            if b"\nstream\n" in body:
                head, rest = body.split(b"\nstream\n", 1)
                data, tail = rest.rsplit(b"\nendstream", 1)
                key = hashlib.md5(file_key + num.to_bytes(3, "little") + b"\x00\x00").digest()[:10]
                objs[num - 1] = head + b"\nstream\n" + _rc4(key, data) + b"\nendstream" + tail
        enc = add(f"<< /Filter /Standard /V 1 /R 2 /O <{o_value.hex()}> /U <{u_value.hex()}> /P -44 >>")
    extra = f" /Encrypt {enc} 0 R /ID [<{_DOC_ID.hex()}> <{_DOC_ID.hex()}>]" if enc else ""
    return serialise(objs, catalog, extra)


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_DOC_ID = bytes(range(16))


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _security(user: str, owner: str) -> tuple[bytes, bytes, bytes]:
    """File key, /O and /U of the standard security handler, revision 2 (PDF 1.7, algorithms 2-4)."""
    upad = (user.encode("latin-1") + _PAD)[:32]
    opad = (owner.encode("latin-1") + _PAD)[:32]
    o_value = _rc4(hashlib.md5(opad).digest()[:5], upad)
    p_bytes = (-44).to_bytes(4, "little", signed=True)
    file_key = hashlib.md5(upad + o_value + p_bytes + _DOC_ID).digest()[:5]
    return file_key, o_value, _rc4(file_key, _PAD)


def text(x: float, y: float, s: str, size: float = 10, font: str = "F1") -> str:
    if font == "F2":
        return f"BT /F2 {size} Tf {x} {y} Td {cjk(s)} Tj ET\n"
    s = s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"BT /{font} {size} Tf {x} {y} Td ({s}) Tj ET\n"


def cjk(s: str) -> str:
    return "<" + "".join(f"{ord(c):04X}" for c in s) + ">"


def hline(y: float, x0: float, x1: float) -> str:
    return f"0.5 w {x0} {y} m {x1} {y} l S\n"


def vline(x: float, y0: float, y1: float) -> str:
    return f"0.5 w {x} {y0} m {x} {y1} l S\n"


def hbar(y: float, x0: float, x1: float) -> str:
    """A rule drawn as a thin filled rectangle."""
    return f"{x0} {y - 0.4} {x1 - x0} 0.8 re f\n"


def vbar(x: float, y0: float, y1: float) -> str:
    return f"{x - 0.4} {y0} 0.8 {y1 - y0} re f\n"


def write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def grids(doc) -> list[Grid]:
    return [b for b in doc.blocks() if isinstance(b, Grid)]


def lines(doc) -> list[TextLine]:
    return [b for b in doc.blocks() if isinstance(b, TextLine)]


# ---------------------------------------------------------------------------------------------------
# synthetic documents

XS = [72, 200, 300, 400]  # column rules
YS = [700, 680, 660, 640]  # row rules (PDF y, bottom-up)


def ruled_table_page() -> str:
    c = text(72, 740, "Budget table 2024", 14)
    c += text(330, 720, "Unit: yuan", 9)
    for y in YS:
        c += hline(y, XS[0], XS[-1])
    for x in XS:
        c += vline(x, YS[-1], YS[0])
    rows = [["Item", "Amount", "Note"], ["Total", "1,234.56", "ok"], ["Salary", "99.50", ""]]
    for r, row in enumerate(rows):
        for col, s in enumerate(row):
            if s:
                c += text(XS[col] + 4, YS[r] - 14, s)
    c += text(72, 600, "A paragraph of running text below the table.")
    c += text(290, 40, "- 1 -", 9)
    return c


def test_ruled_table(tmp_path):
    data = make_pdf([{"content": ruled_table_page()}])
    path = write(tmp_path, "t.pdf", data)
    doc = read_pdf(path)
    assert doc.format == "pdf"
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.path == path
    assert len(doc.pages) == 1
    page = doc.pages[0]
    assert (page.width, page.height) == (595, 842)
    assert page.rotation == 0
    assert page.number == 1
    (grid,) = grids(doc)
    assert grid.ruled
    assert grid.page == 1
    assert grid.texts() == [["Item", "Amount", "Note"], ["Total", "1,234.56", "ok"], ["Salary", "99.50", ""]]
    assert all(c.rowspan == 1 and c.colspan == 1 for r in grid.rows for c in r)
    assert [[(c.row, c.col) for c in r] for r in grid.rows] == [[(r, c) for c in range(3)] for r in range(3)]
    # bbox in points, origin top-left
    x0, top, x1, bottom = grid.bbox
    assert x0 == pytest.approx(72, abs=1) and x1 == pytest.approx(400, abs=1)
    assert top == pytest.approx(842 - 700, abs=1) and bottom == pytest.approx(842 - 640, abs=1)
    cell = grid.rows[1][1]
    assert cell.bbox == pytest.approx((200, 162, 300, 182), abs=1)
    # reading order: title, unit line, grid, paragraph, page number
    kinds = [b.text if isinstance(b, TextLine) else "GRID" for b in page.blocks]
    assert kinds == [
        "Budget table 2024",
        "Unit: yuan",
        "GRID",
        "A paragraph of running text below the table.",
        "- 1 -",
    ]
    for b in page.blocks:
        assert b.bbox is not None and 0 <= b.bbox[1] <= b.bbox[3] <= 842


def test_merged_cells_from_missing_rules(tmp_path):
    # 3x3 lattice drawn with thin filled rectangles. Row 0: columns 0-1 merged (no rule at x=200 in
    # row 0). Column 2: rows 0-1 merged (no rule at y=680 in column 2). Row 2: all separate.
    c = ""
    c += hbar(700, 72, 400)
    c += hbar(680, 72, 300)  # stops at x=300: no rule above row 1 in column 2
    c += hbar(660, 72, 400)
    c += hbar(640, 72, 400)
    c += vbar(72, 640, 700)
    c += vbar(200, 640, 680)  # starts below row 0: columns 0-1 merged in row 0
    c += vbar(300, 640, 700)
    c += vbar(400, 640, 700)
    c += text(120, 686, "Income")
    c += text(320, 670, "Spent")
    c += text(76, 666, "Wages")
    c += text(204, 666, "10.00")
    c += text(76, 646, "Rent")
    c += text(204, 646, "20.00")
    c += text(304, 646, "30.00")
    doc = read_pdf(write(tmp_path, "m.pdf", make_pdf([{"content": c}])))
    (grid,) = grids(doc)
    assert grid.ruled
    shape = [[(c.text, c.row, c.col, c.rowspan, c.colspan) for c in r] for r in grid.rows]
    assert shape == [
        [("Income", 0, 0, 1, 2), ("Spent", 0, 2, 2, 1)],
        [("Wages", 1, 0, 1, 1), ("10.00", 1, 1, 1, 1)],
        [("Rent", 2, 0, 1, 1), ("20.00", 2, 1, 1, 1), ("30.00", 2, 2, 1, 1)],
    ]


def test_text_crossing_a_rule_is_split_by_cell(tmp_path):
    # one text-showing operator whose glyphs fall on both sides of a vertical rule
    c = hline(700, 72, 300) + hline(680, 72, 300) + hline(660, 72, 300)
    c += vline(72, 660, 700) + vline(186, 660, 700) + vline(300, 660, 700)
    c += "BT /F1 10 Tf 76 686 Td (Left) Tj 110 0 Td (Right) Tj ET\n"
    c += "BT /F1 10 Tf 76 666 Td [(AAA) -9000 (BBB)] TJ ET\n"
    doc = read_pdf(write(tmp_path, "s.pdf", make_pdf([{"content": c}])))
    (grid,) = grids(doc)
    assert grid.texts() == [["Left", "Right"], ["AAA", "BBB"]]


def test_cell_with_two_lines_and_chinese_text(tmp_path):
    c = hline(700, 72, 400) + hline(660, 72, 400) + hline(640, 72, 400)
    c += vline(72, 640, 700) + vline(250, 640, 700) + vline(400, 640, 700)
    c += text(76, 686, "一般公共服务", 10, "F2")
    c += text(76, 670, "支出", 10, "F2")
    c += text(254, 676, "收入合计", 10, "F2")
    c += text(76, 646, "合计", 10, "F2")
    c += text(254, 646, "24,458.43")
    c += text(72, 760, "收支预算总表", 16, "F2")
    doc = read_pdf(write(tmp_path, "c.pdf", make_pdf([{"content": c}])))
    (grid,) = grids(doc)
    assert grid.texts() == [["一般公共服务\n支出", "收入合计"], ["合计", "24,458.43"]]
    assert [t.text for t in lines(doc)] == ["收支预算总表"]


def test_words_spaces_and_numbers(tmp_path):
    c = text(72, 700, "Total amount 1,234.56")
    c += text(72, 680, "收入", 10, "F2") + text(92, 680, "合计", 10, "F2")  # adjacent: one word
    c += text(72, 660, "第一部分", 10, "F2") + text(122, 660, "部门概况", 10, "F2")  # a real gap
    c += text(72, 640, "2024") + text(98, 640, "年度", 10, "F2")
    doc = read_pdf(write(tmp_path, "w.pdf", make_pdf([{"content": c}])))
    assert [t.text for t in lines(doc)] == [
        "Total amount 1,234.56",
        "收入合计",
        "第一部分 部门概况",
        "2024 年度",
    ]


def test_unruled_table_becomes_unruled_grid(tmp_path):
    c = text(72, 760, "Expenditure by function", 12)
    rows = [
        ("Code", "Name", "Budget", "Actual"),
        ("201", "General services", "1,000.00", "950.00"),
        ("205", "Education", "500.00", "510.25"),
        ("208", "Social security", "120.00", ""),
    ]
    for k, row in enumerate(rows):
        y = 730 - 16 * k
        for x, s in zip((72, 140, 330, 450), row):
            if s:
                c += text(x, y, s)
    c += text(72, 640, "Notes: this paragraph is running text and it is not part of any table.")
    c += text(72, 626, "It continues on a second line.")
    doc = read_pdf(write(tmp_path, "u.pdf", make_pdf([{"content": c}])))
    (grid,) = grids(doc)
    assert not grid.ruled
    assert grid.texts() == [[*r] for r in rows]
    assert [t.text for t in lines(doc)] == [
        "Expenditure by function",
        "Notes: this paragraph is running text and it is not part of any table.",
        "It continues on a second line.",
    ]
    assert doc.pages[0].blocks[1] is grid


def test_two_column_lines_are_not_a_grid(tmp_path):
    c = ""
    for k in range(5):
        c += text(72, 700 - 16 * k, f"Item {k}") + text(400, 700 - 16 * k, f"{k}.00")
    doc = read_pdf(write(tmp_path, "two.pdf", make_pdf([{"content": c}])))
    assert grids(doc) == []
    assert [t.text for t in lines(doc)] == [f"Item {k} {k}.00" for k in range(5)]


def test_a_framed_box_is_not_a_grid(tmp_path):
    c = "0.5 w 60 600 300 120 re S\n" + text(72, 690, "A note in a box") + text(72, 670, "second line")
    doc = read_pdf(write(tmp_path, "f.pdf", make_pdf([{"content": c}])))
    assert grids(doc) == []
    assert [t.text for t in lines(doc)] == ["A note in a box", "second line"]


def test_a_frame_split_by_one_rule_around_paragraphs_is_not_a_grid(tmp_path):
    c = "0.5 w 50 300 495 450 re S\n" + hline(600, 50, 545)
    body = [f"Paragraph line number {k} of the running text." for k in range(6)]
    c += text(60, 720, "Heading inside the frame")
    for k, s in enumerate(body):
        c += text(60, 580 - 14 * k, s)
    doc = read_pdf(write(tmp_path, "frame2.pdf", make_pdf([{"content": c}])))
    assert grids(doc) == []
    assert [t.text for t in lines(doc)] == ["Heading inside the frame", *body]


def test_single_row_table_continued_on_a_page(tmp_path):
    # the last row of a table carried over to a new page: one row, four columns
    c = hline(800, 72, 472) + hline(780, 72, 472)
    for x in (72, 172, 272, 372, 472):
        c += vline(x, 780, 800)
    for k, s in enumerate(("Total", "1.00", "2.00", "3.00")):
        c += text(76 + 100 * k, 786, s)
    doc = read_pdf(write(tmp_path, "one.pdf", make_pdf([{"content": c}])))
    (grid,) = grids(doc)
    assert grid.texts() == [["Total", "1.00", "2.00", "3.00"]]


def test_unruled_table_with_a_label_only_row(tmp_path):
    rows = [
        ("Code", "Name", "Amount"),
        ("201", "General services", "1,000.00"),
        ("", "Subtotal", ""),
        ("205", "Education", "500.00"),
    ]
    c = ""
    for k, row in enumerate(rows):
        for x, s in zip((72, 140, 400), row):
            if s:
                c += text(x, 730 - 16 * k, s)
    doc = read_pdf(write(tmp_path, "u2.pdf", make_pdf([{"content": c}])))
    (grid,) = grids(doc)
    assert not grid.ruled
    assert grid.texts() == [[*r] for r in rows]


def test_stroked_rectangles_form_a_grid(tmp_path):
    # each cell drawn as its own stroked rectangle (a common way to draw tables)
    c = ""
    for r in range(2):
        for col in range(3):
            c += f"0.5 w {72 + 100 * col} {700 - 20 * (r + 1)} 100 20 re S\n"
            c += text(76 + 100 * col, 700 - 20 * r - 14, f"r{r}c{col}")
    doc = read_pdf(write(tmp_path, "r.pdf", make_pdf([{"content": c}])))
    (grid,) = grids(doc)
    assert grid.texts() == [["r0c0", "r0c1", "r0c2"], ["r1c0", "r1c1", "r1c2"]]


def test_rules_inside_a_form_xobject(tmp_path):
    # the table's rules live in a Form XObject placed with a translation
    form = "".join(hline(y, XS[0], XS[-1]) for y in YS) + "".join(vline(x, YS[-1], YS[0]) for x in XS)
    c = "q 1 0 0 1 10 -100 cm /Fm1 Do Q\n"
    for r, row in enumerate([["a", "b", "c"], ["d", "e", "f"], ["g", "h", "i"]]):
        for col, s in enumerate(row):
            c += text(XS[col] + 14, YS[r] - 114, s)
    doc = read_pdf(write(tmp_path, "form.pdf", make_pdf([{"content": c, "forms": {"Fm1": form}}])))
    (grid,) = grids(doc)
    assert grid.texts() == [["a", "b", "c"], ["d", "e", "f"], ["g", "h", "i"]]
    assert grid.bbox == pytest.approx((82, 242, 410, 302), abs=1)


def test_white_rules_are_ignored(tmp_path):
    c = "1 1 1 RG\n"
    for y in YS:
        c += hline(y, XS[0], XS[-1])
    for x in XS:
        c += vline(x, YS[-1], YS[0])
    c += "0 0 0 RG\n" + text(76, 686, "Item") + text(204, 686, "Amount")
    doc = read_pdf(write(tmp_path, "white.pdf", make_pdf([{"content": c}])))
    assert grids(doc) == []
    assert [t.text for t in lines(doc)] == ["Item Amount"]


def test_fake_bold_is_read_once(tmp_path):
    c = text(72, 700, "Bold title") + text(72.3, 700, "Bold title")
    doc = read_pdf(write(tmp_path, "b.pdf", make_pdf([{"content": c}])))
    assert [t.text for t in lines(doc)] == ["Bold title"]


def test_text_outside_the_crop_box_is_dropped(tmp_path):
    c = text(72, 700, "Visible") + text(72, 900, "Clipped away") + text(700, 400, "Off to the right")
    doc = read_pdf(write(tmp_path, "o.pdf", make_pdf([{"content": c}])))
    assert [t.text for t in lines(doc)] == ["Visible"]


def test_rotated_page(tmp_path):
    # /Rotate 90 on a portrait media box: the page is shown landscape, text drawn turned 90° ccw in user
    # space so that it reads upright. Display (X, Y) = user (y, x).
    def rtext(X, Y, s):
        return f"BT /F1 10 Tf 0 1 -1 0 {Y} {X} Tm ({s}) Tj ET\n"

    c = rtext(72, 60, "Landscape title") + rtext(72, 90, "Second line")
    # a 2x2 grid at display X 72..472, Y 120..160 (rules in user space are swapped)
    for Y in (120, 140, 160):
        c += vline(Y, 72, 472)  # a display-horizontal rule
    for X in (72, 272, 472):
        c += hline(X, 120, 160)  # a display-vertical rule
    c += rtext(76, 134, "A1") + rtext(276, 134, "B1") + rtext(76, 154, "A2") + rtext(276, 154, "B2")
    doc = read_pdf(write(tmp_path, "rot.pdf", make_pdf([{"content": c, "rotate": 90}])))
    page = doc.pages[0]
    assert page.rotation == 90
    assert (page.width, page.height) == (842, 595)
    kinds = [b.text if isinstance(b, TextLine) else b.texts() for b in page.blocks]
    assert kinds == ["Landscape title", "Second line", [["A1", "B1"], ["A2", "B2"]]]
    (grid,) = grids(doc)
    assert grid.bbox == pytest.approx((72, 120, 472, 160), abs=1)


def test_content_drawn_rotated_without_page_rotation(tmp_path):
    # text turned 90° ccw on an unrotated page: normalised as if the page were rotated 90° clockwise
    c = "".join(f"BT /F1 10 Tf 0 1 -1 0 {x} 100 Tm (Line {k}) Tj ET\n" for k, x in enumerate((60, 80, 100)))
    doc = read_pdf(write(tmp_path, "rc.pdf", make_pdf([{"content": c}])))
    page = doc.pages[0]
    assert page.rotation == 90
    assert (page.width, page.height) == (842, 595)
    assert [t.text for t in lines(doc)] == ["Line 0", "Line 1", "Line 2"]


def test_page_without_text_layer(tmp_path):
    scanned = "0.9 g 50 50 495 742 re f\n"  # stands in for a scanned image: graphics only
    data = make_pdf([{"content": scanned}, {"content": text(72, 700, "Page two")}, {"content": ""}])
    doc = read_pdf(write(tmp_path, "scan.pdf", data))
    assert [len(p.blocks) for p in doc.pages] == [0, 1, 0]
    first = doc.pages[0]
    assert first == Page(number=1, blocks=[], width=595, height=842, rotation=0, ocr=False)
    assert [page_has_text(p) for p in doc.pages] == [False, True, False]


def test_page_has_text_on_pdfium_pages(tmp_path):
    import pypdfium2 as pdfium

    data = make_pdf([{"content": "0 0 10 10 re f\n"}, {"content": text(72, 700, "x")}])
    pdf = pdfium.PdfDocument(data)
    assert [page_has_text(pdf[i]) for i in range(2)] == [False, True]
    pdf.close()


def test_many_pages_numbered(tmp_path):
    data = make_pdf([{"content": text(72, 700, f"Page {k}")} for k in range(1, 6)])
    doc = read_pdf(write(tmp_path, "many.pdf", data))
    assert [p.number for p in doc.pages] == [1, 2, 3, 4, 5]
    assert [[b.text for b in p.blocks] for p in doc.pages] == [[f"Page {k}"] for k in range(1, 6)]
    assert all(b.page == p.number for p in doc.pages for b in p.blocks)


# ---------------------------------------------------------------------------------------------------
# errors


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("empty.pdf", b"", MSG_DAMAGED),
        ("notes.pdf", "这不是PDF文件，只是文本。\n".encode(), MSG_DAMAGED),
        ("html.pdf", b"<html><body>404 Not Found</body></html>", MSG_DAMAGED),
        ("header_only.pdf", b"%PDF-1.7\n", MSG_DAMAGED),
    ],
)
def test_not_a_pdf(tmp_path, name, data, message):
    with pytest.raises(ReadError) as exc:
        read_pdf(write(tmp_path, name, data))
    assert str(exc.value) == message


def test_truncated_pdf(tmp_path):
    data = make_pdf([{"content": ruled_table_page()}, {"content": text(72, 700, "Second page")}])
    for cut in (len(data) // 3, len(data) // 2, data.rfind(b"xref")):
        with pytest.raises(ReadError) as exc:
            read_pdf(write(tmp_path, f"cut{cut}.pdf", data[:cut]))
        assert str(exc.value) == MSG_DAMAGED


def test_damaged_cross_reference_table_is_repaired(tmp_path):
    # a complete file with wrong xref offsets: PDFium rebuilds the table, the file reads normally
    data = make_pdf([{"content": text(72, 700, "Still readable")}])
    start = data.index(b"xref\n")
    broken = data[:start] + data[start:].replace(b"0000000", b"0000009", 3)
    doc = read_pdf(write(tmp_path, "xref.pdf", broken))
    assert [t.text for t in lines(doc)] == ["Still readable"]


def test_encrypted_pdf(tmp_path):
    data = make_pdf([{"content": text(72, 700, "Secret")}], password=("user-secret", "owner-secret"))
    with pytest.raises(ReadError) as exc:
        read_pdf(write(tmp_path, "enc.pdf", data))
    assert str(exc.value) == MSG_ENCRYPTED


def test_pdf_with_only_an_owner_password_reads(tmp_path):
    # "restricted" PDFs (no copying/printing) open without a password and are read normally
    data = make_pdf([{"content": ruled_table_page()}], password=("", "owner-secret"))
    assert b"/Encrypt" in data and b"Budget table" not in data
    doc = read_pdf(write(tmp_path, "restricted.pdf", data))
    (grid,) = grids(doc)
    assert grid.texts()[1] == ["Total", "1,234.56", "ok"]


def test_pdf_without_pages(tmp_path):
    with pytest.raises(ReadError) as exc:
        read_pdf(write(tmp_path, "zero.pdf", make_pdf([])))
    assert str(exc.value) == MSG_NO_PAGES


def test_missing_file(tmp_path):
    with pytest.raises(ReadError) as exc:
        read_pdf(str(tmp_path / "nope.pdf"))
    assert "无法读取PDF文件" in str(exc.value)


def test_damaged_page_content_does_not_escape(tmp_path):
    # garbage in a content stream: PDFium skips what it cannot parse; nothing escapes as a PdfiumError
    c = "BT /F1 10 Tf 72 700 Td (Fine) Tj ET\n q 1 0 0 1 0 0 cm ((( ]]] >> BT /F9 Tf ET Q\n"
    doc = read_pdf(write(tmp_path, "bad.pdf", make_pdf([{"content": c}])))
    assert [t.text for t in lines(doc)][:1] == ["Fine"]


def test_corrupted_bytes_give_a_result_or_a_read_error(tmp_path):
    import random

    base = make_pdf([{"content": ruled_table_page()}, {"content": text(72, 700, "Second page")}])
    rng = random.Random(20240601)
    outcomes = set()
    for k in range(80):
        data = bytearray(base)
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.3:
            a = rng.randrange(len(data))
            del data[a : a + rng.randint(1, 200)]
        try:
            doc = read_pdf(write(tmp_path, f"fuzz{k}.pdf", bytes(data)))
            outcomes.add("read")
            assert doc.pages
        except ReadError as exc:  # nothing else may escape
            outcomes.add(str(exc))
    assert "read" in outcomes and MSG_DAMAGED in outcomes


# ---------------------------------------------------------------------------------------------------
# real disclosures (skipped when the corpus is absent)

CORPUS = Path("/work/shared/corpus")
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus not available")


def corpus_file(*parts: str) -> str:
    path = CORPUS.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"{path} not available")
    return str(path)


_CACHE: dict[str, object] = {}


def read_cached(path: str):
    if path not in _CACHE:
        _CACHE[path] = read_pdf(path)
    return _CACHE[path]


def find_cell(grid: Grid, text: str) -> GridCell:
    for row in grid.rows:
        for cell in row:
            if cell.text == text:
                return cell
    raise AssertionError(f"no cell {text!r} in grid {grid.texts()}")


def row_of(grid: Grid, first: str) -> list[str]:
    for row in grid.rows:
        if row and row[0].text == first:
            return [c.text for c in row]
    raise AssertionError(f"no row starting {first!r}")


def all_corpus_pdfs() -> list[Path]:
    return sorted(CORPUS.rglob("*.pdf")) if CORPUS.is_dir() else []


@needs_corpus
@pytest.mark.parametrize("path", all_corpus_pdfs(), ids=lambda p: p.name)
def test_every_corpus_page_reads(path):
    import pypdfium2 as pdfium

    doc = read_cached(str(path))
    pdf = pdfium.PdfDocument(str(path))
    assert len(doc.pages) == len(pdf)
    layer = [page_has_text(pdf[i]) for i in range(len(pdf))]
    pdf.close()
    # a page has blocks from its text layer, or from OCR when it has none; a page whose text PDFium finds
    # but which yields no block (all of it clipped away by the crop box) happens at most once a document
    for page, has_text in zip(doc.pages, layer):
        assert has_text or page.ocr or not page.blocks
    assert sum(1 for page, has_text in zip(doc.pages, layer) if has_text and not page.blocks) <= 1
    assert doc.format == "pdf" and len(doc.sha256) == 64
    for page in doc.pages:
        assert page.width and page.height and page.rotation in (0, 90, 180, 270)
        tops = [b.bbox[1] for b in page.blocks]  # reading order: top to bottom
        assert all(a <= b + 0.1 for a, b in zip(tops, tops[1:]))
        for block in page.blocks:
            assert block.page == page.number
            x0, top, x1, bottom = block.bbox
            if isinstance(block, Grid):  # glyph boxes may reach a little past the page edge
                assert -6 <= x0 <= x1 <= page.width + 6 and -6 <= top <= bottom <= page.height + 6
            else:  # a line of text may run past the edge (a centred title wider than the page): it is on it
                assert x0 <= x1 and top <= bottom and x0 < page.width and x1 > 0 and top < page.height and bottom > 0
            if isinstance(block, Grid):
                for row in block.rows:
                    for cell in row:
                        assert cell.rowspan >= 1 and cell.colspan >= 1


@needs_corpus
def test_template_income_expenditure_total():
    doc = read_cached(corpus_file("shanghai", "templates", "附件2：部门决算模板.pdf"))
    page = doc.pages[4]  # 收入支出决算总表
    assert any(isinstance(b, TextLine) and b.text == "收入支出决算总表" for b in page.blocks)
    (grid,) = [b for b in page.blocks if isinstance(b, Grid)]
    assert grid.ruled
    assert [(c.text, c.colspan) for c in grid.rows[0]] == [("收入", 2), ("支出", 2)]
    assert grid.texts()[1] == ["项目", "决算数", "项目", "决算数"]
    first = row_of(grid, "一、一般公共预算财政拨款收入")
    assert first == ["一、一般公共预算财政拨款收入", "", "一、一般公共服务支出", ""]
    assert grid.texts()[-1] == ["总计", "", "总计", ""]
    assert len(grid.rows) == 30
    # the note under the table is a text line after the grid
    blocks = page.blocks
    assert isinstance(blocks[-1], TextLine) and blocks[-1].text.startswith("注：本表反映")


@needs_corpus
def test_template_basic_expenditure_two_blocks_side_by_side():
    doc = read_cached(corpus_file("shanghai", "templates", "附件2：部门决算模板.pdf"))
    (grid,) = [b for b in doc.pages[10].blocks if isinstance(b, Grid)]  # 基本支出决算表
    assert grid.texts()[0] == ["经济分类\n科目编码", "科目名称", "决算数"] * 2
    assert grid.texts()[1] == ["301", "工资福利支出", "", "302", "商品和服务支出", ""]
    last = [(c.text, c.colspan) for c in grid.rows[-1]]
    assert last == [("人员经费合计", 2), ("", 1), ("公用经费合计", 2), ("", 1)]
    # the left block ends before the right one: its cells are empty further down
    assert row_of(grid, "")[3:5] == ["30299", "其他商品和服务支出"]


@needs_corpus
def test_template_three_public_expenses_header():
    doc = read_cached(corpus_file("shanghai", "templates", "附件2：部门决算模板.pdf"))
    (grid,) = [b for b in doc.pages[11].blocks if isinstance(b, Grid)]
    assert [(c.text, c.colspan) for c in grid.rows[0]] == [("财政拨款“三公”经费", 12)]
    heads = [(c.text, c.rowspan, c.colspan) for c in grid.rows[1]]
    assert heads == [
        ("合计", 2, 2),
        ("因公出国\n（境）费", 2, 2),
        ("公务用车购置及运行维护费", 1, 6),
        ("公务接待费", 2, 2),
    ]
    assert grid.texts()[3] == ["预算数", "决算数"] * 6


@needs_corpus
def test_jiangsu_rotated_budget_total_table():
    # tables-only PDF with /Rotate 90 pages; the 2018 totals match the earlier extraction in the CSV
    doc = read_cached(corpus_file("jiangsu", "江苏省委办公厅", "江苏省委办公厅2018年度部门预算公开表.pdf"))
    page = doc.pages[2]
    assert page.rotation == 90 and page.width > page.height
    (grid,) = [b for b in page.blocks if isinstance(b, Grid)]
    assert row_of(grid, "一、财政拨款") == [
        "一、财政拨款",
        "24,458.43",
        "一、一般公共服务支出",
        "20,153.75",
        "一、基本支出",
        "10,403.11",
    ]
    assert row_of(grid, "收入合计") == ["收入合计", "24,458.43", "支出合计", "24,458.43"]
    assert find_cell(grid, "支出合计").colspan == 3
    assert find_cell(grid, "十八、住房保障支出") is not None
    titles = [b.text for b in page.blocks if isinstance(b, TextLine)]
    assert titles[:2] == ["收支预算总表", "部门：中共江苏省委办公厅 单位：万元"]


@needs_corpus
def test_shanghai_budget_total_in_yuan():
    doc = read_cached(corpus_file("shanghai", "budget", "上海市财政局25年预算.pdf"))
    (grid,) = [b for b in doc.pages[6].blocks if isinstance(b, Grid)]
    assert row_of(grid, "收入总计") == [
        "收入总计",
        "171,915,169",
        "支出总计",
        "171,915,169",
        "102,464,260",
        "25,177,779",
        "44,273,130",
    ]
    # a table continued on the next page starts the page
    assert isinstance(doc.pages[8].blocks[0], Grid)


@needs_corpus
def test_final_accounts_income_table():
    doc = read_cached(corpus_file("shanghai", "final", "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"))
    (grid,) = [b for b in doc.pages[4].blocks if isinstance(b, Grid)]
    assert row_of(grid, "总计") == ["总计", "307.82", "总计", "307.82"]
    (grid,) = [b for b in doc.pages[5].blocks if isinstance(b, Grid)]
    assert row_of(grid, "2013901") == ["2013901", "行政运行", "51.32", "51.32", "", "", "", "", ""]
    assert find_cell(grid, "合计").colspan == 2


@needs_corpus
@pytest.mark.parametrize(
    "parts, page_index",
    [
        (("shanghai", "templates", "附件2：部门决算模板.pdf"), 1),
        (("shanghai", "budget", "上海市财政局25年预算.pdf"), 1),
        (("jiangsu", "江苏省委办公厅", "江苏省委办公厅2018年度部门预算公开表.pdf"), 1),
        (("jiangsu", "江苏省人大办公厅", "江苏省人大常委会2019年度部门预算公开.pdf"), 1),
    ],
)
def test_table_of_contents_is_text_not_a_grid(parts, page_index):
    doc = read_cached(corpus_file(*parts))
    page = doc.pages[page_index]
    texts = [b.text for b in page.blocks if isinstance(b, TextLine)]
    assert not [b for b in page.blocks if isinstance(b, Grid)]
    assert texts[0].replace(" ", "") == "目录"
    assert len(texts) >= 10


@needs_corpus
def test_page_numbers_stay_text_lines():
    doc = read_cached(corpus_file("jiangsu", "江苏省人大办公厅", "江苏省人大常委会2019年度部门预算公开.pdf"))
    assert doc.pages[2].blocks[-1].text == "─ 1 ─"
    doc = read_cached(corpus_file("jiangsu", "江苏省委办公厅", "江苏省委办公厅2017年部门预算.pdf"))
    assert doc.pages[0].blocks[-1].text == "— 1 —"
    assert doc.pages[0].blocks[0].text == "江苏省委办公厅 2017 年度部门预算"


@needs_corpus
def test_content_outside_the_page_is_ignored():
    # this file's pages carry spreadsheet content drawn below the page edge
    doc = read_cached(corpus_file("jiangsu", "江苏省人大办公厅", "江苏省人大办公厅2017年度预算公开.pdf"))
    page = doc.pages[10]
    assert all(b.bbox[3] <= page.height + 1 for b in page.blocks)
    (grid,) = [b for b in page.blocks if isinstance(b, Grid)]
    assert row_of(grid, "2210202") == ["2210202", "提租补贴", "1,018.01"]
