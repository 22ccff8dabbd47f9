"""Scanned PDFs: which pages need OCR, the image helpers, and reading a degraded scan end to end.

The scans are made here (tests/fixtures_scan.py): the bundled example's 收入支出决算总表 drawn with Pillow
in Noto Sans SC, with a red seal stamped over its bottom right, turned slightly, blurred, noised and
JPEG-compressed, wrapped in a PDF (upright after a text page, and fed sideways). Only the tests named
`test_ocr_scan_*` run the OCR engine: two pages in all, a few seconds each; everything else is fast.
"""

from __future__ import annotations

import io
import time
from decimal import Decimal

import numpy as np
import pytest

import fixtures_scan as fx
from gongkai.ingest import raster
from gongkai.ingest.base import Grid, Page, TextLine

pypdfium2 = pytest.importorskip("pypdfium2")
from gongkai.ingest import ocr  # noqa: E402

needs_font = pytest.mark.skipif(fx.font_path() is None, reason="NotoSansSC (pylopdf-fonts-zh-cn) missing")


def _engine_available() -> bool:
    try:
        ocr._Engine.get()
        return True
    except ocr.OcrUnavailable:
        return False


needs_engine = pytest.mark.skipif(not _engine_available(), reason="rapidocr/onnxruntime not installed")

INTRO = ["示例市医疗保障局 2023 年度部门决算", "第一部分 部门概况",
         "一、部门职责：示例市医疗保障局负责贯彻执行医疗保障法律法规和政策，组织实施全市医疗保险制度。"]


@pytest.fixture(scope="module")
def table():
    return fx.summary_table()


@pytest.fixture(scope="module")
def page_image(table):
    if fx.font_path() is None:
        pytest.skip("NotoSansSC (pylopdf-fonts-zh-cn) missing")
    return fx.draw_page(table)


@pytest.fixture(scope="module")
def scan_jpeg(table):
    if fx.font_path() is None:
        pytest.skip("NotoSansSC (pylopdf-fonts-zh-cn) missing")
    return fx.degrade(fx.draw_page(table, seal=True)[0])


@pytest.fixture(scope="module")
def sideways_pdf(tmp_path_factory, table):
    """Another degraded scan of the table (no seal, other noise), fed to the scanner sideways."""
    if fx.font_path() is None:
        pytest.skip("NotoSansSC (pylopdf-fonts-zh-cn) missing")
    jpeg = fx.degrade(fx.draw_page(table)[0], angle=-0.8, blur=1.3, noise=18, quality=30, seed=11)
    path = tmp_path_factory.mktemp("scan") / "sideways.pdf"
    path.write_bytes(fx.image_pdf([fx.sideways(jpeg)], size=(fx.A4[1], fx.A4[0])))
    return path


@pytest.fixture(scope="module")
def mixed_pdf(tmp_path_factory, scan_jpeg):
    """A text page (real text layer) followed by the degraded scan of the 收入支出决算总表."""
    path = tmp_path_factory.mktemp("scan") / "决算_扫描件.pdf"
    path.write_bytes(fx.image_pdf([INTRO, scan_jpeg]))
    return path


# ---------------------------------------------------------------------------------------------------
# which pages need OCR (no engine)


def _needs(data: bytes) -> list[bool]:
    from gongkai.ingest.pdf import _read_page

    pdf = pypdfium2.PdfDocument(data)
    try:
        return [ocr.needs_ocr(pdf, i, _read_page(pdf, i)) for i in range(len(pdf))]
    finally:
        pdf.close()


def _tiny_jpeg() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (200, 280), 255).save(buf, "JPEG")
    return buf.getvalue()


def test_pages_that_need_ocr():
    jpeg = _tiny_jpeg()
    assert _needs(fx.image_pdf([INTRO, jpeg])) == [False, True]
    # a scanner's few stray glyphs over the page image are not a text layer
    assert _needs(fx.image_pdf([jpeg], stray_text="~ ll")) == [True]
    # a real text layer over the image (a "searchable" scan) is read as text
    assert _needs(fx.image_pdf([jpeg], stray_text="This page has a real text layer, long enough")) == [False]


def test_ocr_can_be_switched_off(monkeypatch):
    monkeypatch.setenv("GONGKAI_OCR", "0")
    assert _needs(fx.image_pdf([_tiny_jpeg()])) == [False]


def test_garbled_text_layer():
    assert ocr.garbled("\ue001\ue002\ue003 \ufffd\ufffdab")
    assert not ocr.garbled("收入支出决算总表 \ue001")
    assert not ocr.garbled("")


def test_page_chars_reads_lines_and_cells():
    from gongkai.ingest.base import GridCell

    page = Page(number=1, blocks=[TextLine("标题"), Grid(rows=[[GridCell("a", 0, 0), GridCell("12.5", 0, 1)]])])
    assert ocr.page_chars(page) == "标题a12.5"


# ---------------------------------------------------------------------------------------------------
# image helpers (no engine)


def test_otsu_and_skew(page_image):
    img, _ = page_image
    gray = np.asarray(img)
    assert 60 <= raster.otsu(gray) <= 200
    for angle in (0.7, -0.4, 0.0):
        turned = raster.rotate(gray, angle)  # counter-clockwise
        found = raster.skew_angle(raster.binarize(turned))
        assert abs(found + angle) <= 0.06, (angle, found)


def test_rules_and_lattice_of_a_degraded_scan(page_image, scan_jpeg):
    """The ruling lines of the scan give the drawn lattice, with 收入/支出 merged over three columns."""
    from PIL import Image

    _, geo = page_image
    gray = raster.drop_red(np.asarray(Image.open(io.BytesIO(scan_jpeg)).convert("RGB")))
    dark = raster.binarize(gray)
    gray = raster.rotate(gray, raster.skew_angle(dark))
    dark = raster.binarize(gray)
    h, v, hmask, vmask = raster.find_rules(dark, fx.DPI)
    assert sorted(round(s[0]) for s in v) == pytest.approx(geo["xs"], abs=3)
    assert sorted(round(s[0]) for s in h) == pytest.approx(geo["ys"], abs=3)
    lats = ocr._lattices(h, v, 72.0 / fx.DPI)
    assert len(lats) == 1
    lat = lats[0]
    assert (len(lat.ys) - 1, len(lat.xs) - 1) == (geo["rows"], 6)
    assert lat.cells[:2] == [(0, 0, 0, 2), (0, 3, 0, 5)]  # the merged header cells
    assert len(lat.cells) == 2 + 6 * (geo["rows"] - 1)


def test_open_1d_tolerates_gaps_but_not_text_strokes():
    dark = np.zeros((20, 300), bool)
    dark[5, 10:290] = True
    dark[5, 100:103] = False  # a small hole in the rule
    dark[12, 10:30] = dark[12, 34:54] = True  # two short strokes: not a rule
    h, _, _, _ = raster.find_rules(dark, 100)
    assert h == [(5.5, 10.0, 290.0)]


# ---------------------------------------------------------------------------------------------------
# the engine on the degraded scan


@pytest.fixture(scope="module")
def scanned_raw(mixed_pdf):
    if not _engine_available():
        pytest.skip("rapidocr/onnxruntime not installed")
    from gongkai.ingest import read

    start = time.perf_counter()
    raw = read(mixed_pdf)
    print(f"\nOCR read of the scanned page: {time.perf_counter() - start:.1f} s, per page {list(ocr.TIMINGS)[-1:]}")
    return raw


@needs_engine
@needs_font
def test_ocr_scan_read_grid_text_and_confidence(scanned_raw, table):
    text_page, scan = scanned_raw.pages
    assert not text_page.ocr and [b.text for b in text_page.blocks] == INTRO  # only the scan is OCR'd
    assert scan.ocr
    assert (scan.width, scan.height) == pytest.approx(fx.A4, abs=1)
    grids = [b for b in scan.blocks if isinstance(b, Grid)]
    lines = [b for b in scan.blocks if isinstance(b, TextLine)]
    assert len(grids) == 1
    grid = grids[0]
    assert grid.ruled and grid.page == 2
    n_rows = 1 + len(table.header) + len(table.rows)
    assert len(grid.rows) == n_rows
    assert [(c.col, c.colspan) for c in grid.rows[0]] == [(0, 3), (3, 3)]
    assert all(len(r) == 6 for r in grid.rows[1:])
    # every OCR'd cell and line carries a confidence
    cells = {(c.row, c.col): c for r in grid.rows for c in r}
    assert all(c.confidence is not None and 0.0 <= c.confidence <= 1.0 for c in cells.values())
    assert all(ln.confidence is not None and 0.0 <= ln.confidence <= 1.0 for ln in lines)
    # every amount is read right, or its cell says it may not be
    for r, c, text in table.amounts:
        cell = cells[(r, c)]
        assert cell.text == text or cell.confidence < 0.9, (r, c, text, cell.text, cell.confidence)
    right = sum(cells[(r, c)].text == text for r, c, text in table.amounts)
    assert right >= 0.9 * len(table.amounts)
    # text outside the table, in reading order: the title first, the note last
    assert lines[0].text.replace(" ", "").startswith(table.title)
    assert lines[-1].text.startswith("注")
    assert lines[0].bbox[1] < grid.bbox[1] < lines[-1].bbox[1]


@needs_engine
@needs_font
def test_ocr_scan_parse_file_recognises_the_summary_table(sideways_pdf, table, monkeypatch):
    """parse_file on a scan fed sideways: the page is turned upright and the 总表 recognised."""
    from gongkai.pipeline import parse_file

    pages = []
    real = ocr.ocr_pdf_page

    def spy(*args):
        pages.append(real(*args))
        return pages[-1]

    monkeypatch.setattr(ocr, "ocr_pdf_page", spy)
    start = time.perf_counter()
    doc = parse_file(sideways_pdf)
    print(f"\nparse_file of the sideways scan: {time.perf_counter() - start:.1f} s")
    assert len(pages) == 1 and pages[0].ocr
    assert pages[0].rotation == 90 and (pages[0].width, pages[0].height) == pytest.approx(fx.A4, abs=1)
    summary = doc.table("final.summary")
    assert summary is not None
    assert summary.printed_title == "收入支出决算总表"
    assert summary.unit is not None and summary.unit.value == "万元"
    assert doc.year == 2023
    labels = {r[0]: r[2] for r in table.rows if r[0] and r[2]} | {r[3]: r[5] for r in table.rows if r[3]}
    found = 0
    for row in summary.rows:
        cell = row.cells["amount"]
        assert cell.confidence is not None
        if row.label in labels:
            found += 1
            assert cell.value == Decimal(labels[row.label]) or cell.confidence < 0.9, (row.label, cell)
    assert found >= 0.9 * len(labels)
    for key, amount in {"inc_total": "802.50", "inc_grand": "828.30", "exp_total": "815.82",
                        "exp_grand": "828.30"}.items():
        cell = summary.row(key).cells["amount"]
        assert cell.value == Decimal(amount) or cell.confidence < 0.9, (key, cell)


@needs_engine
@needs_font
@pytest.mark.parametrize("confidence, severity", [(0.5, "warning"), (0.99, "error")])
def test_ocr_scan_low_confidence_digit_is_a_possible_recognition_error(scanned_raw, confidence, severity):
    """A misread total on a low-confidence cell is reported as a possible recognition error, not as an
    error of the document (the same misreading at high confidence is an error)."""
    import copy

    from gongkai.audit import audit
    from gongkai.recognize.document import recognize

    raw = copy.deepcopy(scanned_raw)
    grid = next(b for b in raw.pages[1].blocks if isinstance(b, Grid))
    cell = next(c for r in grid.rows for c in r if c.text == "802.50")  # 本年收入合计
    cell.text, cell.confidence = "807.50", confidence
    doc = recognize(raw)
    assert doc.table("final.summary").row("inc_total").cells["amount"].confidence == confidence
    findings = [f for f in audit(doc).findings if f.severity.value in ("error", "warning")
                and any(op.value == Decimal("807.50") for op in f.operands)]
    assert findings
    assert {f.severity.value for f in findings} == {severity}
    if severity == "warning":
        assert all("可能为识别误差" in f.message for f in findings)


# ---------------------------------------------------------------------------------------------------
# layout of recognised boxes (no engine: boxes made by hand, in points)


def _box(text: str, x: float, y: float, scores: list[float] | None = None, w: float = 10.0, h: float = 12.0):
    scores = scores or [0.99] * len(text)
    chars = [ocr._Piece(ch, sc, x + k * w, y, x + (k + 1) * w, y + h) for k, (ch, sc) in enumerate(zip(text, scores))]
    return ocr._Box(text, min(scores), (x, y, x + w * len(text), y + h), chars)


def _blank(pt: float = 72.0 / fx.DPI):
    size = (round(842 / pt), round(595 / pt))
    return np.full(size, 255, np.uint8), np.zeros(size, bool)


def test_layout_puts_boxes_into_cells_and_splits_boxes_across_rules():
    pt = 72.0 / fx.DPI
    px = 1 / pt  # rule segments are in pixels
    h = [(y * px, 100 * px, 400 * px) for y in (100, 130, 160)]
    v = [(x * px, 100 * px, 160 * px) for x in (100, 250, 400)]
    lattices = ocr._lattices(h, v, pt)
    boxes = [
        _box("收入支出决算总表", 150, 70),
        _box("项目", 110, 110),
        _box("决算数", 300, 110),
        # one detected box running over the rule at x = 250: split by character centres
        _box("合计12.50", 220, 140, [0.99, 0.98, 0.6, 0.97, 0.99, 0.99, 0.99]),
    ]
    gray, dark = _blank(pt)
    blocks = ocr._layout(boxes, lattices, 1, gray, dark, pt, engine=None)
    assert [type(b).__name__ for b in blocks] == ["TextLine", "Grid"]
    assert blocks[0].text == "收入支出决算总表" and blocks[0].confidence == 0.99
    grid = blocks[1]
    assert grid.texts() == [["项目", "决算数"], ["合计1", "2.50"]]
    assert [[c.confidence for c in r] for r in grid.rows] == [[0.99, 0.99], [0.6, 0.97]]


def test_layout_finds_tables_without_rules():
    pt = 72.0 / fx.DPI
    rows = [("项目", "预算数", "决算数"), ("基本支出", "10.00", "9.50"), ("项目支出", "5.00", "4.20"),
            ("合计", "15.00", "13.70")]
    boxes = [_box("2023年部门决算", 60, 40)]
    for k, row in enumerate(rows):
        for x, text in zip((60, 250, 400), row):
            boxes.append(_box(text, x, 80 + 20 * k, [0.95] * len(text) if text != "4.20" else [0.99, 0.5, 0.99, 0.99]))
    gray, dark = _blank(pt)
    blocks = ocr._layout(boxes, [], 1, gray, dark, pt, engine=None)
    assert [type(b).__name__ for b in blocks] == ["TextLine", "Grid"]
    grid = blocks[1]
    assert not grid.ruled
    assert grid.texts() == [list(r) for r in rows]
    assert grid.rows[2][2].confidence == 0.5
    assert all(c.confidence == 0.95 for r in grid.rows for c in r if c.text != "4.20")


def test_lattice_repairs_for_scans():
    """A rule running a little way into the next row (a glyph's stroke under its end) is cut back, so
    the cells beside it stay merged; a tiny "lattice" of a big glyph's strokes is no table."""
    pt = 1.0  # segments already in points
    h = [(y, 100.0, 400.0) for y in (100.0, 130.0, 160.0)]
    v = [(100.0, 100.0, 160.0), (400.0, 100.0, 160.0), (250.0, 100.0, 140.0)]  # 250: ends 10 pt into row 2
    (lat,) = ocr._lattices(h, v, pt)
    assert lat.cells == [(0, 0, 0, 0), (0, 1, 0, 1), (1, 0, 1, 1)]
    v[2] = (250.0, 100.0, 159.0)  # through the row (less a pixel or two): a real rule
    (lat,) = ocr._lattices(h, v, pt)
    assert lat.cells == [(0, 0, 0, 0), (0, 1, 0, 1), (1, 0, 1, 0), (1, 1, 1, 1)]
    glyph = ocr._lattices([(10.0, 10.0, 40.0), (22.0, 10.0, 40.0)], [(10.0, 10.0, 22.0), (25.0, 10.0, 22.0),
                                                                    (40.0, 10.0, 22.0)], pt)
    assert glyph == []


def test_digit_confidence_is_stricter():
    assert ocr.calibrated("收", 0.95) == 0.95
    assert ocr.calibrated("6", 0.97) == pytest.approx(0.88)  # a look-alike digit at 0.97 is flagged
    assert ocr.calibrated("8", 0.999) == pytest.approx(0.996)
    assert ocr.calibrated("0", 0.5) == 0.0


def test_red_seal_fades_but_black_print_stays():
    rgb = np.array([[[215, 30, 35], [20, 20, 20], [110, 20, 25], [250, 250, 250], [30, 30, 200]]], np.uint8)
    grey = raster.drop_red(rgb)[0]
    assert grey[0] >= 250  # seal ink
    assert grey[1] < 40  # black print
    assert grey[2] < 130  # black print under the seal, blurred into its red: still dark
    assert grey[3] >= 245 and grey[4] < 100  # paper; blue ink stays dark


def _outlined_pdf(text: str, paths: int) -> bytes:
    """One page of `paths` small filled paths (glyphs drawn as outlines) and `text` as real text."""
    import zlib

    from pdf_bytes import serialise

    body = b"".join(b"%d %d 4 6 re f\n" % (60 + (k % 60) * 8, 700 - (k // 60) * 12) for k in range(paths))
    body += b"BT /F1 9 Tf 280 40 Td (%s) Tj ET" % text.encode("latin-1")
    content = zlib.compress(body)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>"
            b" /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    return serialise(objs, 1)


def test_text_drawn_as_outlines_under_a_page_number_needs_ocr():
    assert _needs(_outlined_pdf("- 11 -", 214)) == [True]  # the form is outlines, only its page number is text
    assert _needs(_outlined_pdf("", 214)) == [True]
    assert _needs(_outlined_pdf("- 11 -", 40)) == [False]  # a few drawings: a blank page with its number
    assert _needs(_outlined_pdf("A real text layer over a drawn table, long enough to count", 214)) == [False]


def test_comma_read_as_a_full_stop_is_put_right_as_a_guess():
    from gongkai.ingest.ocr_repair import GUESSED, repair_amount

    assert repair_amount("4.651.67", 0.98) == ("4,651.67", GUESSED)
    assert repair_amount("12.345.678.90", 0.3) == ("12,345,678.90", 0.3)
    assert repair_amount("1,234.567.89", 0.99) == ("1,234,567.89", GUESSED)
    assert repair_amount("2,750.720", 0.9) == ("2,750,720", GUESSED)
    for text in ("4.65", "4,651.67", "4651.67", "2750.720", "2026.01.15", "1.2.3", "0.125"):
        assert repair_amount(text, 0.98) == (text, 0.98)
