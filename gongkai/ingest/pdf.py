"""Reader for PDFs with a text layer, built on pypdfium2 (PDFium).

`read_pdf(path)` returns a `RawDocument` (see `gongkai.ingest.base`): per page, in reading order,

- **ruled grids** (`Grid(ruled=True)`): ruling lines come from the page's path objects (also inside
  Form XObjects): line segments, thin filled or stroked rectangles (≤ 2.5 pt thick), and the axis-aligned
  edges of larger stroked shapes; large filled shapes (cell shading), clipping paths and white rules are
  ignored. Collinear pieces are merged; horizontal and vertical rules that touch form one table; the
  distinct rule positions of a table form a lattice; a lattice edge without a rule (covering less than
  half of it) merges the two cells beside it (rowspan/colspan; merged cells are grown as rectangles).
  Text belongs to the cell that holds the centre of its glyphs. A lattice of one cell is a framed box,
  and one of a single row or column whose cells hold paragraphs is a frame around text: neither is a grid;
- **unruled grids** (`Grid(ruled=False)`): at least three consecutive, closely spaced lines outside ruled
  grids, each split into two or more runs by wide gaps (≥ 1 em; a line with one narrow run may sit
  between two such lines), whose runs fall into at least three columns that no run straddles and where
  at least half of the lines fill three columns. One row per line. Anything less clear stays text;
- **text lines** (`TextLine`): everything else, grouped by vertical position, left to right.

Blocks are ordered by their top edge (then left edge). Coordinates are PDF points, origin top-left,
after normalising the page so that its text is upright: `Page.rotation` is the clockwise rotation (0,
90, 180 or 270) applied to the page's user space to get there. For ordinary pages it equals /Rotate;
for content drawn turned it follows the direction most glyphs face. `Page.width`/`Page.height` are the
normalised size. Text and rules outside the crop box (content clipped away) are dropped.

Inside a line, glyphs closer than 0.2 em are joined without a space (`1,234.56`); a wider gap is one
space, except between two CJK characters, which need 0.5 em (so letter-spaced titles stay whole while
`第一部分 部门概况` keeps its space). The lines of a cell are joined with a newline. Headers, footers and
page numbers are ordinary text lines.

A page without a usable text layer (a scan) is rendered and read by OCR (`gongkai.ingest.ocr`, via
`_ocr_hook`): its `Page` has `ocr=True` and confidences. Any other page without text is a `Page` with
no blocks; `page_has_text` tells such pages apart. Files that are not PDFs, are cut short, damaged
beyond PDFium's repair, need a password or have no pages raise `ReadError` with a Chinese message; no
PDFium exception escapes.

Speed: glyph boxes are asked per whitespace-free stretch of PDFium's text (its first and last glyph),
not per glyph, and hot PDFium calls skip ctypes argument conversion; see benchmarks/pdf_floor.py.
"""

from __future__ import annotations

import bisect
import ctypes
import hashlib
import math
import operator
import re
from pathlib import Path

from gongkai.ingest.base import Grid, GridCell, Page, RawDocument, ReadError, TextLine

try:  # pypdfium2 is a declared dependency; fail with a readable error if it is missing
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
except ImportError:  # pragma: no cover
    pdfium = None
    pdfium_c = None

MSG_DAMAGED = "无法读取PDF文件：文件已损坏或不完整"
MSG_ENCRYPTED = "PDF文件已加密，无法读取"
MSG_NO_PAGES = "PDF文件没有页面"

# --- tunables (PDF points unless stated) ---
RULE_THIN = 2.5  # a path this thin (in one direction) is a rule
RULE_MIN_LEN = 3.0  # shorter pieces are ignored (dots, glyph-like drawings)
SNAP = 2.0  # rule positions closer than this are the same position
JOIN_GAP = 3.0  # collinear rule pieces closer than this are one rule
MIN_CELL = 3.0  # lattice rows/columns thinner than this are collapsed
COVER = 0.5  # a rule separates two lattice cells if it covers this fraction of their common edge
SPACE_GAP = 0.2  # × font size: a wider gap between characters is a space
CJK_SPACE_GAP = 0.5  # × font size: between two CJK characters, only a gap this wide is a space
RUN_GAP = 1.0  # × font size: a wider gap splits a line into runs (unruled column detection)

# characters that are not glyphs: spaces, line breaks, control characters
_BLANK_RANGES = [(0x00, 0x20), (0x7F, 0x7F), (0x85, 0x85), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200B),
                 (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000), (0xFEFF, 0xFEFF),
                 (0xFFFE, 0xFFFF)]  # fmt: skip
_BLANK = frozenset(chr(c) for lo, hi in _BLANK_RANGES for c in range(lo, hi + 1))
_BLANK_CLASS = "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _BLANK_RANGES)  # a regex class body
_VISIBLE = re.compile(f"[^{_BLANK_CLASS}]")
_WORD = re.compile(f"[^{_BLANK_CLASS}]+")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


# ---------------------------------------------------------------------------------------------------
# public API


def read_pdf(path: str, data: bytes | None = None) -> RawDocument:
    """Read a text PDF into pages of positioned text lines and grids.

    `data` is the file's content when the caller has already read it (`path` is then only recorded).
    """
    if pdfium is None:  # pragma: no cover
        raise ReadError("无法读取PDF文件：缺少 pypdfium2 组件")
    try:
        if data is None:
            data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ReadError("无法读取PDF文件：文件不存在") from None
    except PermissionError:
        raise ReadError("无法读取PDF文件：没有读取权限") from None
    except OSError:
        raise ReadError("无法读取PDF文件：文件无法打开") from None
    sha = hashlib.sha256(data).hexdigest()
    _check_envelope(data)
    pdf = _open(data)
    try:
        _check_complete(data, pdf)
        n = len(pdf)
        if n < 1:
            raise ReadError(MSG_NO_PAGES)
        pages = [_read_page(pdf, i) for i in range(n)]
        _ocr_hook(pdf, pages)
    except (pdfium.PdfiumError, ctypes.ArgumentError):
        raise ReadError(MSG_DAMAGED) from None  # e.g. a page PDFium cannot load
    finally:
        try:
            pdf.close()
        except Exception:  # pragma: no cover
            pass
    return RawDocument(path=str(path), sha256=sha, format="pdf", pages=pages)


def page_has_text(page) -> bool:
    """Whether a page has a text layer.

    Accepts a `Page` from `read_pdf` (true if it has any block) or a pypdfium2 `PdfPage` (true if its
    text layer has a visible character), so an OCR step can decide which pages it must handle.
    """
    if isinstance(page, Page):
        return bool(page.blocks)
    textpage = page.get_textpage()
    try:
        return _VISIBLE.search(textpage.get_text_range()) is not None
    finally:
        textpage.close()


# --- OCR hook (owned by gongkai.ingest.ocr) -------------------------------------------------------


def _ocr_hook(pdf, pages: list[Page]) -> None:
    """Replace, in place, the pages without a usable text layer (scans) by their OCR reading."""
    from gongkai.ingest import ocr

    for i, page in enumerate(pages):
        if ocr.needs_ocr(pdf, i, page):
            pages[i] = ocr.ocr_pdf_page(pdf, i, page)


# --- end of OCR hook -------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------------
# opening


def _check_envelope(data: bytes) -> None:
    """Reject what is not a PDF at all before PDFium tries to repair it."""
    if b"%PDF-" not in data[:1024]:
        raise ReadError(MSG_DAMAGED)


def _check_complete(data: bytes, pdf) -> None:
    """Reject a file cut short. A download that stopped early loses its end: the `%%EOF` marker and
    the cross-reference table. PDFium can rebuild the table by scanning the objects, but whatever came
    after the cut is silently missing, so such a file is an error. A file with only one of the two
    symptoms (a generator that omits `%%EOF`, or a wrong table in a complete file) is read."""
    if b"%%EOF" in data[-8192:]:
        return
    if not pdfium_c.FPDF_DocumentHasValidCrossReferenceTable(pdf.raw):
        raise ReadError(MSG_DAMAGED)


def _open(data: bytes):
    try:
        return pdfium.PdfDocument(data)
    except Exception:
        pass
    # pypdfium2 reports PDFium's last error, which may be stale when the document did load but has no
    # pages; load it once more by hand to tell the cases apart
    try:
        handle = pdfium_c.FPDF_LoadMemDocument64(data, len(data), None)
        if handle:
            pages = pdfium_c.FPDF_GetPageCount(handle)
            pdfium_c.FPDF_CloseDocument(handle)
            raise ReadError(MSG_NO_PAGES if pages < 1 else MSG_DAMAGED)
        code = pdfium_c.FPDF_GetLastError()
    except ReadError:
        raise
    except Exception:
        raise ReadError(MSG_DAMAGED) from None
    if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
        raise ReadError(MSG_ENCRYPTED)
    raise ReadError(MSG_DAMAGED)


# ---------------------------------------------------------------------------------------------------
# one page


def _fast(name: str, restype):
    """A copy of a PDFium entry point without ctypes argument conversion (about twice as fast per call).

    Callers pass ctypes objects only (handles as returned by pypdfium2, `byref(...)`) and Python ints
    for `int` parameters. Falls back to the pypdfium2 binding when the copy cannot be made.
    """
    fn = getattr(pdfium_c, name)
    try:
        fast = type(fn)(ctypes.cast(fn, ctypes.c_void_p).value)
        fast.restype = restype
        fast.argtypes = None
        return fast
    except Exception:  # pragma: no cover - exotic ctypes builds
        return fn


if pdfium_c is not None:
    _LOOSE_BOX = _fast("FPDFText_GetLooseCharBox", ctypes.c_int)
    _GET_OBJECT = _fast("FPDFPage_GetObject", pdfium_c.FPDF_PAGEOBJECT)
    _GET_TYPE = _fast("FPDFPageObj_GetType", ctypes.c_int)
    _GET_ANGLE = _fast("FPDFText_GetCharAngle", ctypes.c_float)
    _GET_BOUNDS = _fast("FPDFPageObj_GetBounds", ctypes.c_int)
    _GET_DRAW_MODE = _fast("FPDFPath_GetDrawMode", ctypes.c_int)
    _COUNT_SEGMENTS = _fast("FPDFPath_CountSegments", ctypes.c_int)
    _GET_STROKE_COLOR = _fast("FPDFPageObj_GetStrokeColor", ctypes.c_int)
    _GET_FILL_COLOR = _fast("FPDFPageObj_GetFillColor", ctypes.c_int)


def _read_page(pdf, index: int) -> Page:
    page = pdf[index]
    textpage = page.get_textpage()
    try:
        raw_page = page.raw
        raw_text = textpage.raw
        rect = pdfium_c.FS_RECTF()
        pdfium_c.FPDF_GetPageBoundingBox(raw_page, rect)
        box = (rect.left, rect.bottom, rect.right, rect.top)  # user space: x0, y0, x1, y1
        page_rot = (pdfium_c.FPDFPage_GetRotation(raw_page) % 4) * 90

        n = pdfium_c.FPDFText_CountChars(raw_text)
        text = textpage.get_text_range() if n > 0 else ""
        if len(text) != n:  # the text range skipped or inserted characters: ask char by char
            text = "".join(_char(pdfium_c.FPDFText_GetUnicode(raw_text, i)) for i in range(n))
        has_text = _VISIBLE.search(text) is not None
        rotation = _text_rotation(raw_text, text, page_rot) if has_text else page_rot
        width, height = _rotated_size(box, rotation)
        number = index + 1
        boxes = _Boxes(raw_text, text, box, rotation)
        runs = _runs(_pieces(boxes, text, box, rotation), width, height) if has_text else []
        if not runs:
            return Page(number=number, width=width, height=height, rotation=rotation)
        hrules, vrules = _rules(raw_page, box, rotation, width, height)
        blocks = _layout(runs, hrules, vrules, number, boxes)
        return Page(number=number, blocks=blocks, width=width, height=height, rotation=rotation)
    finally:
        textpage.close()
        page.close()


def _char(code: int) -> str:
    try:
        return chr(code)
    except (ValueError, OverflowError):
        return "\ufffd"


def _text_rotation(raw_text, text: str, page_rot: int) -> int:
    """The clockwise rotation that makes most glyphs upright (PDFium reports glyph angles clockwise)."""
    step = max(1, len(text) // 12)
    votes = [0, 0, 0, 0]
    get_angle = _GET_ANGLE
    for i in range(0, len(text), step):
        if text[i] in _BLANK:
            continue
        a = get_angle(raw_text, i)
        if not 0.0 <= a < 7.0:  # -1: no angle (and NaN never passes)
            continue
        votes[round(math.degrees(a) / 90.0) % 4] += 1
    if not any(votes):
        return page_rot
    angle = max(range(4), key=votes.__getitem__) * 90
    return (360 - angle) % 360


def _rotated_size(box, rotation: int) -> tuple[float, float]:
    w, h = box[2] - box[0], box[3] - box[1]
    return (h, w) if rotation in (90, 270) else (w, h)


def _rect_transform(box, rotation: int):
    """A function mapping a user-space rectangle (l, b, r, t) to display (x0, top, x1, bottom)."""
    bx0, by0, bx1, by1 = box
    if rotation == 90:
        return lambda l, b, r, t: (b - by0, l - bx0, t - by0, r - bx0)
    if rotation == 180:
        return lambda l, b, r, t: (bx1 - r, b - by0, bx1 - l, t - by0)
    if rotation == 270:
        return lambda l, b, r, t: (by1 - t, bx1 - r, by1 - b, bx1 - l)
    return lambda l, b, r, t: (l - bx0, by1 - t, r - bx0, by1 - b)


# ---------------------------------------------------------------------------------------------------
# pieces and runs
#
# A piece is a tuple (x0, top, x1, bottom, text, i0, i1) in display coordinates: the characters
# i0..i1-1 of the text page, a stretch without whitespace as PDFium extracts it (PDFium puts a space
# or a line break wherever glyphs are not adjacent on one line), boxed by the loose boxes of its first
# and last glyph (origin to advance width, font ascent to descent). Asking PDFium for two boxes per
# piece instead of one per glyph is what keeps the reader near the floor. A piece whose two ends are not
# on one line, left to right, is taken apart into one piece per glyph. Pieces are cut into glyphs again
# only where a piece crosses a cell boundary.
#
# A run is a list [x0, top, x1, bottom, parts, pieces]: pieces of one line with no wide gap between
# them, `parts` their text with spaces where the gaps ask for one. Runs are built in text-page order,
# which is reading order for all but odd files (out-of-order runs are rejoined line by line later).

class _Boxes:
    """Loose glyph boxes of one text page, in display coordinates."""

    __slots__ = ("raw", "text", "rect", "ref", "tf")

    def __init__(self, raw_text, text: str, box, rotation: int):
        self.raw = raw_text
        self.text = text
        self.rect = pdfium_c.FS_RECTF()
        self.ref = ctypes.byref(self.rect)
        self.tf = _rect_transform(box, rotation)

    def glyph(self, i: int):
        """(x0, top, x1, bottom) of glyph i, or None."""
        if not _LOOSE_BOX(self.raw, i, self.ref):
            return None
        rect = self.rect
        l, r, t, b = rect.left, rect.right, rect.top, rect.bottom
        if l > r:
            l, r = r, l
        if b > t:
            b, t = t, b
        if not (l < r and b < t):
            return None
        return self.tf(l, b, r, t)

    def glyphs(self, piece: tuple) -> list[tuple]:
        """A piece taken apart into one-glyph pieces."""
        text = self.text
        out = []
        for i in range(piece[5], piece[6]):
            g = self.glyph(i)
            if g is not None:
                out.append((g[0], g[1], g[2], g[3], text[i], i, i + 1))
        return out


def _pieces(boxes: _Boxes, text: str, box, rotation: int) -> list[tuple]:
    if rotation != 0:
        return _pieces_generic(boxes, text)
    raw, ref, rect, loose = boxes.raw, boxes.ref, boxes.rect, _LOOSE_BOX
    bx0, by1 = box[0], box[3]
    out: list[tuple] = []
    append = out.append
    for m in _WORD.finditer(text):
        i0, i1 = m.span()
        if not loose(raw, i0, ref):
            out.extend(boxes.glyphs((0, 0, 0, 0, "", i0, i1)))
            continue
        l, t, r, b = rect.left, rect.top, rect.right, rect.bottom
        if not (l < r and b < t):  # an empty box (or NaN): look at the glyphs one by one
            out.extend(boxes.glyphs((0, 0, 0, 0, "", i0, i1)))
            continue
        if i1 - i0 > 1:
            if not loose(raw, i1 - 1, ref):
                out.extend(boxes.glyphs((0, 0, 0, 0, "", i0, i1)))
                continue
            l2, t2, r2, b2 = rect.left, rect.top, rect.right, rect.bottom
            h = t - b
            if not (l2 >= l - 0.5 * h and l < r2 and -h < t2 + b2 - t - b < h and t2 > b2):
                out.extend(boxes.glyphs((0, 0, 0, 0, "", i0, i1)))
                continue
            if r2 > r:
                r = r2
            if t2 > t:
                t = t2
            if b2 < b:
                b = b2
        append((l - bx0, by1 - t, r - bx0, by1 - b, m.group(), i0, i1))
    return out


def _pieces_generic(boxes: _Boxes, text: str) -> list[tuple]:
    glyph = boxes.glyph
    out: list[tuple] = []
    append = out.append
    for m in _WORD.finditer(text):
        i0, i1 = m.span()
        first = glyph(i0)
        if i1 - i0 == 1:
            if first is not None:
                append((first[0], first[1], first[2], first[3], m.group(), i0, i1))
            continue
        last = glyph(i1 - 1)
        if first is not None and last is not None:
            x0, top, x1, bottom = first
            h = bottom - top
            if last[0] >= x0 - 0.5 * h and x0 < last[2] and -h < last[1] + last[3] - top - bottom < h:
                append(
                    (
                        x0,
                        top if top < last[1] else last[1],
                        x1 if x1 > last[2] else last[2],
                        bottom if bottom > last[3] else last[3],
                        m.group(),
                        i0,
                        i1,
                    )
                )
                continue
        out.extend(boxes.glyphs((0, 0, 0, 0, "", i0, i1)))
    return out


def _runs(pieces: list[tuple], width: float, height: float) -> list[list]:
    run_gap, space_gap, cjk_gap, cjk = RUN_GAP, SPACE_GAP, CJK_SPACE_GAP, _CJK.match
    runs: list[list] = []
    parts: list[str] = []
    members: list[tuple] = []
    px0 = px1 = pcy2 = -1e9
    ph = 0.0
    ptext = ""
    for p in pieces:
        x0, top, x1, bottom, text = p[0], p[1], p[2], p[3], p[4]
        h = bottom - top
        cy2 = top + bottom
        gap = x0 - px1
        size = h if h > ph else ph
        if -0.5 * size < gap <= run_gap * size and -size < cy2 - pcy2 < size:
            if gap > space_gap * size and not (
                gap < cjk_gap * size and cjk(text) and cjk(ptext[-1])
            ):
                parts.append(" ")
            parts.append(text)
            members.append(p)
        elif text == ptext and -0.3 * size < x0 - px0 < 0.3 * size and -size < cy2 - pcy2 < size:
            continue  # the same text painted again (fake bold)
        else:
            if members:
                runs.append(_close_run(parts, members))
            parts = [text]
            members = [p]
        px0, px1, pcy2, ph, ptext = x0, x1, cy2, h, text
    if members:
        runs.append(_close_run(parts, members))
    # drop what the crop box clips away
    w2, h2 = 2 * width, 2 * height
    return [r for r in runs if 0.0 <= r[0] + r[2] <= w2 and 0.0 <= r[1] + r[3] <= h2]


_TOP = operator.itemgetter(1)
_X1 = operator.itemgetter(2)
_BOTTOM = operator.itemgetter(3)


def _close_run(parts: list[str], members: list[tuple]) -> list:
    if len(members) == 1:
        c = members[0]
        return [c[0], c[1], c[2], c[3], parts, members]
    return [
        members[0][0],
        min(map(_TOP, members)),
        max(map(_X1, members)),
        max(map(_BOTTOM, members)),
        parts,
        members,
    ]


def _run_from_pieces(pieces: list[tuple]) -> list:
    """A run of the given pieces of one line (sorted left to right here)."""
    pieces = sorted(pieces)
    first = pieces[0]
    parts = [first[4]]
    prev = first
    for p in pieces[1:]:
        size = max(p[3] - p[1], prev[3] - prev[1])
        gap = p[0] - prev[2]
        if gap > SPACE_GAP * size and not (
            gap < CJK_SPACE_GAP * size and _CJK.match(p[4]) and _CJK.match(prev[4][-1])
        ):
            parts.append(" ")
        parts.append(p[4])
        prev = p
    return _close_run(parts, pieces)


def _join_runs(a: list, b: list) -> None:
    """Append run b to run a (b to the right of a, on the same line)."""
    size = max(a[3] - a[1], b[3] - b[1])
    gap = b[0] - a[2]
    if gap > SPACE_GAP * size and not (
        gap < CJK_SPACE_GAP * size and _CJK.match(b[4][0]) and _CJK.match(a[4][-1][-1])
    ):
        a[4].append(" ")
    a[4].extend(b[4])
    a[5].extend(b[5])
    a[1] = min(a[1], b[1])
    a[2] = max(a[2], b[2])
    a[3] = max(a[3], b[3])


def _lines(runs: list[list]) -> list[list[list]]:
    """Group runs into lines (by vertical centre), top to bottom; each line's runs left to right, with
    touching runs joined and repeated ones (painted twice) dropped."""
    if not runs:
        return []
    if len(runs) == 1:
        return [runs]
    order = sorted(runs, key=lambda r: r[1] + r[3])
    groups: list[list[list]] = []
    first = order[0]
    group = [first]
    limit = first[3] - 0.15 * (first[3] - first[1])
    for run in order[1:]:
        if (run[1] + run[3]) * 0.5 <= limit:
            group.append(run)
        else:
            groups.append(group)
            group = [run]
            limit = run[3] - 0.15 * (run[3] - run[1])
    groups.append(group)
    lines = []
    for group in groups:
        if len(group) > 1:
            group.sort()
            merged = [group[0]]
            copied = False  # runs are shared with the caller: copy before joining into one
            for run in group[1:]:
                last = merged[-1]
                size = max(last[3] - last[1], run[3] - run[1])
                gap = run[0] - last[2]
                if gap < 0 and run[4] == last[4] and abs(run[0] - last[0]) < 0.3 * size:
                    continue  # painted twice
                if -0.5 * size < gap <= RUN_GAP * size:
                    if not copied:
                        last = merged[-1] = [last[0], last[1], last[2], last[3], last[4][:], last[5][:]]
                        copied = True
                    _join_runs(last, run)
                else:
                    merged.append(run)
                    copied = False
            group = merged
        lines.append(group)
    lines.sort(key=lambda ln: (min(r[1] for r in ln), ln[0][0]))
    return lines


# ---------------------------------------------------------------------------------------------------
# ruling lines


def _rules(raw_page, box, rotation: int, width: float, height: float) -> tuple[list, list]:
    """Horizontal rules (y, x0, x1) and vertical rules (x, y0, y1) in display coordinates, clipped to
    the page."""
    segments: list[tuple[float, float, float, float]] = []  # user space (x0, y0, x1, y1), axis-aligned
    count = pdfium_c.FPDFPage_CountObjects(raw_page)
    get_obj = _GET_OBJECT
    get_type = _GET_TYPE
    path_t, form_t = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
    for i in range(count):
        obj = get_obj(raw_page, i)
        t = get_type(obj)
        if t == path_t:
            _path_rules(obj, None, segments)
        elif t == form_t:
            _form_rules(obj, None, segments, 1)
    if not segments:
        return [], []
    tf = _rect_transform(box, rotation)
    h, v = [], []
    for x0, y0, x1, y1 in segments:
        dx0, top, dx1, bottom = tf(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        if dx1 < 0 or dx0 > width or bottom < 0 or top > height:
            continue
        dx0, dx1 = max(dx0, 0.0), min(dx1, width)
        top, bottom = max(top, 0.0), min(bottom, height)
        if dx1 - dx0 >= bottom - top:
            h.append(((top + bottom) / 2, dx0, dx1))
        else:
            v.append(((dx0 + dx1) / 2, top, bottom))
    return _merge_rules(h), _merge_rules(v)


def _matrix(obj, outer):
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return outer
    inner = (m.a, m.b, m.c, m.d, m.e, m.f)
    return _compose(inner, outer) if outer else inner


def _compose(inner, outer):
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m, x, y):
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _form_rules(form, outer, segments, depth) -> None:
    if depth > 4:
        return
    m = _matrix(form, outer)
    n = pdfium_c.FPDFFormObj_CountObjects(form)
    for i in range(max(n, 0)):
        obj = pdfium_c.FPDFFormObj_GetObject(form, i)
        if not obj:
            continue
        t = pdfium_c.FPDFPageObj_GetType(obj)
        if t == pdfium_c.FPDF_PAGEOBJ_PATH:
            _path_rules(obj, m, segments)
        elif t == pdfium_c.FPDF_PAGEOBJ_FORM:
            _form_rules(obj, m, segments, depth + 1)


_L, _B, _R, _T = (ctypes.c_float() for _ in range(4))
_BOUNDS_REFS = tuple(ctypes.byref(x) for x in (_L, _B, _R, _T))
_FILL, _STROKE = ctypes.c_int(), ctypes.c_int()
_MODE_REFS = (ctypes.byref(_FILL), ctypes.byref(_STROKE))
_CR, _CG, _CB, _CA = (ctypes.c_uint() for _ in range(4))
_COLOR_REFS = tuple(ctypes.byref(x) for x in (_CR, _CG, _CB, _CA))
_PX, _PY = ctypes.c_float(), ctypes.c_float()
_POINT_REFS = (ctypes.byref(_PX), ctypes.byref(_PY))


def _invisible(obj, stroke: bool) -> bool:
    """A rule painted white (or fully transparent) on white paper is not a rule."""
    get = _GET_STROKE_COLOR if stroke else _GET_FILL_COLOR
    if not get(obj, *_COLOR_REFS):
        return False
    return _CA.value == 0 or (_CR.value > 235 and _CG.value > 235 and _CB.value > 235)


def _path_rules(obj, outer, segments) -> None:
    """Append the rule segments drawn by one path object (user space of the page)."""
    if not _GET_BOUNDS(obj, *_BOUNDS_REFS):
        return
    l, b, r, t = _L.value, _B.value, _R.value, _T.value
    if outer:
        l, b, r, t = _transform_rect(outer, l, b, r, t)
    w, h = r - l, t - b
    if not (w >= 0.0 and h >= 0.0) or (w < RULE_MIN_LEN and h < RULE_MIN_LEN):
        return  # a dot, a glyph-like drawing, or broken bounds
    if not _GET_DRAW_MODE(obj, *_MODE_REFS):
        return
    fill, stroke = _FILL.value != 0, bool(_STROKE.value)
    if not fill and not stroke:
        return  # clipping path
    nseg = _COUNT_SEGMENTS(obj)
    if (w <= RULE_THIN or h <= RULE_THIN) and nseg <= 5:
        if not _invisible(obj, stroke):
            segments.append((l, b, r, t))
        return
    # a larger path: look at its pieces (one path may hold many rules)
    if nseg <= 0 or _invisible(obj, stroke):
        return
    m = _matrix(obj, outer)
    subpaths: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    closed: list[bool] = []
    for k in range(nseg):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        if not seg or not pdfium_c.FPDFPathSegment_GetPoint(seg, *_POINT_REFS):
            continue
        p = _apply(m, _PX.value, _PY.value) if m else (_PX.value, _PY.value)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or not current:
            if len(current) > 1:
                subpaths.append(current)
                closed.append(False)
            current = [p]
        else:
            current.append(p)
        if pdfium_c.FPDFPathSegment_GetClose(seg) and current:
            subpaths.append(current)
            closed.append(True)
            current = []
    if len(current) > 1:
        subpaths.append(current)
        closed.append(False)
    for pts, is_closed in zip(subpaths, closed):
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        sl, sb, sr, st = min(xs), min(ys), max(xs), max(ys)
        if max(sr - sl, st - sb) < RULE_MIN_LEN:
            continue
        if min(sr - sl, st - sb) <= RULE_THIN:
            segments.append((sl, sb, sr, st))  # a thin rectangle or a polyline along one axis
        elif stroke:  # the edges of a stroked shape
            ring = pts + [pts[0]] if is_closed or fill else pts
            for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
                if abs(x1 - x0) <= 0.5 or abs(y1 - y0) <= 0.5:
                    if max(abs(x1 - x0), abs(y1 - y0)) >= RULE_MIN_LEN:
                        segments.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        # a large filled shape without a stroke is shading, not a rule


def _transform_rect(m, l, b, r, t):
    pts = [_apply(m, l, b), _apply(m, r, b), _apply(m, l, t), _apply(m, r, t)]
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def _merge_rules(rules: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Merge collinear rules: same position (within SNAP) and touching extents (within JOIN_GAP)."""
    rules.sort()
    groups: list[list[tuple[float, float, float]]] = []
    for r in rules:
        if groups and r[0] - groups[-1][-1][0] <= SNAP:
            groups[-1].append(r)
        else:
            groups.append([r])
    out = []
    for g in groups:
        pos = sum(r[0] for r in g) / len(g)
        spans = sorted((r[1], r[2]) for r in g)
        s0, s1 = spans[0]
        for a, b in spans[1:]:
            if a <= s1 + JOIN_GAP:
                s1 = max(s1, b)
            else:
                out.append((pos, s0, s1))
                s0, s1 = a, b
        out.append((pos, s0, s1))
    return out


# ---------------------------------------------------------------------------------------------------
# lattices (ruled tables)


class _Lattice:
    __slots__ = ("xs", "ys", "owner", "cells", "bbox")

    def __init__(self, xs, ys, owner, cells):
        self.xs = xs  # column boundaries
        self.ys = ys  # row boundaries
        self.owner = owner  # owner[r][c] = index of the (merged) cell covering lattice cell (r, c)
        self.cells = cells  # [(r0, c0, r1, c1)] inclusive, in row-major order of their top-left
        self.bbox = (xs[0], ys[0], xs[-1], ys[-1])


def _lattices(hrules, vrules) -> list[_Lattice]:
    if not hrules or not vrules:
        return []
    nh = len(hrules)
    parent = list(range(nh + len(vrules)))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    tol = SNAP + 1.0
    vrules = sorted(vrules)
    vx = [v[0] for v in vrules]
    for i, (y, hx0, hx1) in enumerate(hrules):
        for j in range(bisect.bisect_left(vx, hx0 - tol), bisect.bisect_right(vx, hx1 + tol)):
            v = vrules[j]
            if v[1] - tol <= y <= v[2] + tol:
                a, b = find(i), find(nh + j)
                if a != b:
                    parent[a] = b
    comps: dict[int, tuple[list, list]] = {}
    for i in range(nh):
        comps.setdefault(find(i), ([], []))[0].append(hrules[i])
    for j in range(len(vrules)):
        comps.setdefault(find(nh + j), ([], []))[1].append(vrules[j])
    out = []
    for hs, vs in comps.values():
        if not hs or not vs:
            continue
        lat = _lattice(hs, vs)
        if lat is not None:
            out.append(lat)
    return out


def _positions(values: list[float], lo: float, hi: float) -> list[float]:
    pts = sorted(values + [lo, hi])
    out = [pts[0]]
    for p in pts[1:]:
        if p - out[-1] < MIN_CELL:
            continue
        out.append(p)
    if hi - out[-1] >= 0 and out[-1] != hi and hi - out[-1] < MIN_CELL and len(out) > 1:
        out[-1] = hi
    return out


def _coverage(spans: list[tuple[float, float]], bounds: list[float]) -> list[bool]:
    """For each interval of `bounds`: do the rule pieces `spans` cover at least COVER of it?"""
    n = len(bounds) - 1
    if not spans:
        return [False] * n
    if len(spans) == 1 and spans[0][0] <= bounds[0] and spans[0][1] >= bounds[-1]:
        return [True] * n
    got = [0.0] * n
    for s0, s1 in spans:
        i = bisect.bisect_right(bounds, s0) - 1
        if i < 0:
            i = 0
        while i < n and bounds[i] < s1:
            lo = bounds[i] if bounds[i] > s0 else s0
            hi = bounds[i + 1] if bounds[i + 1] < s1 else s1
            if hi > lo:
                got[i] += hi - lo
            i += 1
    return [got[i] >= COVER * (bounds[i + 1] - bounds[i]) for i in range(n)]


def _lattice(hs, vs) -> _Lattice | None:
    x_lo = min(min(h[1] for h in hs), min(v[0] for v in vs))
    x_hi = max(max(h[2] for h in hs), max(v[0] for v in vs))
    y_lo = min(min(v[1] for v in vs), min(h[0] for h in hs))
    y_hi = max(max(v[2] for v in vs), max(h[0] for h in hs))
    xs = _positions([v[0] for v in vs], x_lo, x_hi)
    ys = _positions([h[0] for h in hs], y_lo, y_hi)
    nr, nc = len(ys) - 1, len(xs) - 1
    if nr < 1 or nc < 1 or nr * nc < 2:
        return None
    # rule pieces per lattice line
    vspans: list[list] = [[] for _ in xs]
    for x, y0, y1 in vs:
        k = _nearest(xs, x)
        if k is not None:
            vspans[k].append((y0, y1))
    hspans: list[list] = [[] for _ in ys]
    for y, x0, x1 in hs:
        k = _nearest(ys, y)
        if k is not None:
            hspans[k].append((x0, x1))
    # which lattice edges carry a rule
    vcov = [_coverage(spans, ys) for spans in vspans]  # vcov[k][r]: rule at xs[k] beside row r
    hcov = [_coverage(spans, xs) for spans in hspans]  # hcov[k][c]: rule at ys[k] above column c
    # grow merged cells greedily, row-major: to the right while the rule on the right is missing, then
    # down while the rule below is missing along the whole width and the next row has no rule inside
    # that width (so every merged cell is a rectangle without rules inside)
    owner = [[-1] * nc for _ in range(nr)]
    cells: list[tuple[int, int, int, int]] = []
    for r in range(nr):
        orow = owner[r]
        for c in range(nc):
            if orow[c] >= 0:
                continue
            c1 = c
            while c1 + 1 < nc and not vcov[c1 + 1][r] and orow[c1 + 1] < 0:
                c1 += 1
            r1 = r
            while r1 + 1 < nr:
                below, nxt = hcov[r1 + 1], owner[r1 + 1]
                if c1 == c:
                    if below[c] or nxt[c] >= 0:
                        break
                elif any(below[k] or nxt[k] >= 0 for k in range(c, c1 + 1)) or any(
                    vcov[k][r1 + 1] for k in range(c + 1, c1 + 1)
                ):
                    break
                r1 += 1
            idx = len(cells)
            cells.append((r, c, r1, c1))
            if c1 == c and r1 == r:
                orow[c] = idx
            else:
                for rr in range(r, r1 + 1):
                    owner[rr][c : c1 + 1] = [idx] * (c1 - c + 1)
    if len(cells) < 2:
        return None  # a framed box, not a table
    return _Lattice(xs, ys, owner, cells)


def _nearest(positions: list[float], value: float) -> int | None:
    k = bisect.bisect_left(positions, value)
    best = None
    for j in (k - 1, k):
        if 0 <= j < len(positions) and abs(positions[j] - value) <= MIN_CELL:
            if best is None or abs(positions[j] - value) < abs(positions[best] - value):
                best = j
    return best


# ---------------------------------------------------------------------------------------------------
# layout


def _layout(runs: list[list], hrules, vrules, number: int, boxes: _Boxes) -> list:
    lattices = _lattices(hrules, vrules)
    placed: list[tuple[float, float, object]] = []  # (top, x0, block)
    free = runs
    if lattices:
        free = []
        buckets = [[[] for _ in lat.cells] for lat in lattices]
        tables = [
            (lat.bbox, lat.xs, lat.ys, lat.owner, bucket, len(lat.ys) - 2, len(lat.xs) - 2)
            for lat, bucket in zip(lattices, buckets)
        ]
        bisect_right = bisect.bisect_right
        for run in runs:
            x0, x1 = run[0], run[2]
            cy = (run[1] + run[3]) * 0.5
            for (lx0, ly0, lx1, ly1), xs, ys, owner, bucket, rmax, cmax in tables:
                if cy < ly0 or cy > ly1 or x1 < lx0 or x0 > lx1:
                    continue
                r = bisect_right(ys, cy) - 1
                owner_row = owner[0 if r < 0 else rmax if r > rmax else r]
                inset = min(0.4 * (run[3] - run[1]), 0.5 * (x1 - x0))
                fx, lx = x0 + inset, x1 - inset
                if lx0 <= fx and lx <= lx1:
                    a = bisect_right(xs, fx) - 1
                    b = bisect_right(xs, lx) - 1
                    a = owner_row[0 if a < 0 else cmax if a > cmax else a]
                    if a == owner_row[0 if b < 0 else cmax if b > cmax else b]:
                        bucket[a].append(run)
                        break
                # the run crosses a rule or the table's edge: split it by cell, glyph by glyph
                pieces: dict[int, list] = {}
                outside = []
                for piece in run[5]:
                    glyphs = boxes.glyphs(piece) if piece[6] - piece[5] > 1 else [piece]
                    for g in glyphs:
                        cx = (g[0] + g[2]) * 0.5
                        if lx0 <= cx <= lx1:
                            pieces.setdefault(owner_row[_index(xs, cx)], []).append(g)
                        else:
                            outside.append(g)
                for cell, members in pieces.items():
                    bucket[cell].append(_run_from_pieces(members))
                if outside:
                    free.append(_run_from_pieces(outside))
                break
            else:
                free.append(run)
        for lat, bucket in zip(lattices, buckets):
            if (len(lat.xs) == 2 or len(lat.ys) == 2) and any(
                len(runs) > 3 and len(_lines(runs)) > 3 for runs in bucket
            ):
                # a single row or column holding paragraphs: a frame around text, not a table
                free.extend(run for runs in bucket for run in runs)
                continue
            placed.append((lat.bbox[1], lat.bbox[0], _grid(lat, bucket, number)))
    lines = _lines(free)
    used: set[int] = set()
    for start, stop, grid in _unruled_grids(lines, number):
        used.update(range(start, stop))
        placed.append((grid.bbox[1], grid.bbox[0], grid))
    for k, line in enumerate(lines):
        if k in used:
            continue
        bbox = _bbox(line)
        placed.append((bbox[1], bbox[0], TextLine(text=_line_text(line), page=number, bbox=bbox)))
    placed.sort(key=lambda p: (round(p[0], 1), p[1]))
    return [p[2] for p in placed]


def _index(bounds: list[float], value: float) -> int:
    """The interval of `bounds` that holds `value` (clamped to the first/last)."""
    k = bisect.bisect_right(bounds, value) - 1
    if k < 0:
        return 0
    last = len(bounds) - 2
    return last if k > last else k


def _grid(lat: _Lattice, buckets, number: int) -> Grid:
    xs, ys = lat.xs, lat.ys
    rows: list[list[GridCell]] = [[] for _ in range(len(ys) - 1)]
    for (r0, c0, r1, c1), runs in zip(lat.cells, buckets):
        if not runs:
            text = ""
        elif len(runs) == 1:
            text = "".join(runs[0][4])
        else:
            text = "\n".join(_line_text(line) for line in _lines(runs))
        rows[r0].append(
            GridCell(
                text=text,
                row=r0,
                col=c0,
                rowspan=r1 - r0 + 1,
                colspan=c1 - c0 + 1,
                bbox=(xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1]),
            )
        )
    return Grid(rows=rows, page=number, bbox=lat.bbox, ruled=True)


def _line_text(line: list[list]) -> str:
    if len(line) == 1:
        return "".join(line[0][4])
    return " ".join("".join(run[4]) for run in line)


def _bbox(runs: list[list]) -> tuple[float, float, float, float]:
    if len(runs) == 1:
        r = runs[0]
        return (r[0], r[1], r[2], r[3])
    return (
        min(r[0] for r in runs),
        min(r[1] for r in runs),
        max(r[2] for r in runs),
        max(r[3] for r in runs),
    )


# ---------------------------------------------------------------------------------------------------
# unruled tables


def _unruled_grids(lines: list[list[list]], number: int):
    """Blocks of ≥3 consecutive lines whose runs align into ≥3 clean columns → (start, stop, Grid).

    A block is a stretch of lines with at least two runs each, closely spaced; a line with a single,
    narrow run between two such lines (a row with only its first cell filled) stays in the block."""
    out = []
    n = len(lines)
    boxes = [_bbox(line) for line in lines]
    i = 0
    while i < n:
        if len(lines[i]) < 2:
            i += 1
            continue
        x0, top, x1, prev_bottom = boxes[i]
        height = prev_bottom - top
        j = i + 1
        while j < n:
            bx0, btop, bx1, bbottom = boxes[j]
            if btop - prev_bottom > 1.5 * height:
                break
            if len(lines[j]) < 2:
                if not (
                    j + 1 < n
                    and len(lines[j + 1]) >= 2
                    and boxes[j + 1][1] - bbottom <= 1.5 * height
                    and bx1 - bx0 < 0.4 * (x1 - x0)
                ):
                    break
            x0, x1 = min(x0, bx0), max(x1, bx1)
            prev_bottom = bbottom
            j += 1
        grid = _align(lines, i, j, number) if j - i >= 3 else None
        if grid is not None:
            out.append((i, j, grid))
        i = j
    return out


def _align(lines, start, stop, number):
    spans = sorted((r[0], r[2]) for k in range(start, stop) for r in lines[k])
    cols = [list(spans[0])]
    for a, b in spans[1:]:
        if a <= cols[-1][1]:
            cols[-1][1] = max(cols[-1][1], b)
        else:
            cols.append([a, b])
    if len(cols) < 3:
        return None
    lefts = [c[0] for c in cols]
    rows = []
    full = 0
    for k in range(start, stop):
        cells = [""] * len(cols)
        for run in lines[k]:
            c = bisect.bisect_right(lefts, run[0]) - 1
            if cells[c]:
                return None  # two runs in one column: not clearly aligned
            cells[c] = "".join(run[4])
        if sum(1 for t in cells if t) >= 3:
            full += 1
        rows.append(cells)
    if full * 2 < len(rows):
        return None
    grid_rows = [
        [GridCell(text=t, row=r, col=c) for c, t in enumerate(cells)] for r, cells in enumerate(rows)
    ]
    bbox = _bbox([run for k in range(start, stop) for run in lines[k]])
    return Grid(rows=grid_rows, page=number, bbox=bbox, ruled=False)
