"""OCR of scanned PDF pages: pages without a usable text layer become text lines and grids.

`gongkai.ingest.pdf.read_pdf` hands every page to `needs_ocr` (its `_ocr_hook`); the pages it picks are
rendered with pypdfium2 and read here (`ocr_pdf_page`) into the same `Page` of `TextLine`s and `Grid`s as
a text PDF gives (see `gongkai.ingest.base`), with `Page.ocr = True` and a `confidence` (0–1) on every
text line and grid cell: the lowest confidence of the characters that make it (`calibrated`: the
recogniser's score, held 4× stricter for digits). An empty cell that still holds ink the recogniser
could not read has confidence 0, so the auditor says "可能为识别误差" instead of asserting an error.

Which pages: a page needs OCR when its text layer is unusable — no visible character at all, over a
page-sized image (or with text drawn as outlines: many paths); only a few (< `STRAY_GLYPHS`) characters
over an image that covers most of the page (a scanner's stray glyphs); or mostly characters that cannot
be text (U+FFFD, private-use code points, control characters: a font without a Unicode map). Pages
with a real text layer, including scans with an invisible OCR layer ("searchable PDF"), are read from
their text and cost nothing here (one pass over their text). `GONGKAI_OCR=0` switches OCR off.

How a page is read:
1. render at `RENDER_DPI` (150 dpi; long side ≤ `MAX_SIDE` px) to grey, fading red seals to white
   (`raster.drop_red`);
2. orientation: text detection on a half-size copy tells whether text runs down the page; if so, the
   turn (90° or 270°) whose readings of a few boxes score best is applied. A page that reads poorly is
   tried upside down after reading (`_upside_down`). `Page.rotation` includes the turn;
3. binarise (Otsu) and straighten: the skew (≤ 3°) is the angle that makes the ink's horizontal
   projection sharpest; the image is turned back by it;
4. ruling lines by morphological opening (`gongkai.ingest.raster`; pieces with ink right beside them
   are strokes of text, not rules), as rule segments in PDF points, then lattices built by the text-PDF
   reader's lattice code, so merged cells (rowspan/colspan where an internal rule is missing) follow
   the same rules as for text PDFs. Scan repairs (`_lattices`): lattice lines without a rule on any
   cell edge are dropped, rule ends overhanging a lattice line by part of a cell are cut back, and
   lattices smaller than `MIN_TABLE` (a big glyph's strokes) are no tables;
5. the table rules are erased and text detection + recognition run once over the page;
6. each recognised box goes into the cell that holds it; a box crossing a rule is split character by
   character (each character's box centre); a cell with ink that no box covers (a missed "一、", a
   faint number) is read again line by line, recognition only; boxes outside tables are grouped into
   lines (a line's first or last box is read again with the faint ink just before or after it that no
   box covers: a title's leading "一"), lines whose boxes align into ≥ 3 columns become unruled grids
   (the text-PDF reader's `_unruled_grids`), the rest `TextLine`s; blocks in reading order.

The OCR engine: **rapidocr** (≥ 3.10, Apache-2.0, RapidAI) on **onnxruntime**. Its 27 MB wheel ships
the PP-OCRv6 *small* detection and recognition models (9.9 MB + 21.2 MB, plus a 0.6 MB direction
classifier we do not use) inside the package, and we pass their paths explicitly, so its download code
is never reached. Verified offline: a page read under `unshare -n` (no network at all), and with a DNS
logger on loopback that recorded no look-up — once onnxruntime's own telemetry (1DS uploads from
Linux since onnxruntime 1.29, which did look up mobile.events.data.microsoft.com) is switched off with
its documented opt-out `ORT_DISABLE_TELEMETRY=1`, which `_Engine` sets unless the user set it.
Why rapidocr 3: it is the maintained successor of `rapidocr-onnxruntime` (last release 1.4.4, January
2025, PP-OCRv4 models, requires the GUI build of OpenCV); it needs only `opencv-python-headless`. On our
degraded scans (the same page images, rules erased) PP-OCRv6 read 91–94 of the 96 numbers (amounts and
row numbers) exactly on the most damaged one where PP-OCRv4 read 57, and all 95–96 on the milder ones
like v4, for about the same CPU time. Alternatives:
Tesseract (a system binary plus language data, not a PyPI package), EasyOCR/PaddleOCR (PyTorch or
Paddle, hundreds of MB, models downloaded at run time), `rapidocr-ng`/`rapidocrlite` (alpha releases).

Speed (this 2-core machine, A4 page with one full 收入支出决算总表, ~160 text boxes): about 5–6 s of
CPU per page (wall ≈ 3.5–4 s on an idle machine, more when other processes compete): render, skew and
rules ~0.3 s, orientation probe ~0.35 s, detection ~1 s, recognition ~3 s (it grows with the amount of
text). Recognition pads short crops only to `REC_MIN_WIDTH` (96 px, not rapidocr's 320: half the CPU,
same accuracy) and onnxruntime's worker threads do not spin (`_no_spinning`). The engine loads once
per process (~1 s). Each page's time is logged on the `gongkai.ingest.ocr` logger and kept in `TIMINGS`.
"""

from __future__ import annotations

import bisect
import importlib.util
import logging
import os
import re
import threading
import time
import warnings
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gongkai.ingest.base import Grid, GridCell, Page, ReadError, TextLine
from gongkai.ingest.ocr_repair import repair_amount

if TYPE_CHECKING:
    import numpy as np

# numpy, the raster helpers and the engine are imported when a page is actually OCR'd, so that reading
# text PDFs does not pay for them

log = logging.getLogger(__name__)

RENDER_DPI = 150
MAX_SIDE = 2500  # px: long side cap (an A3 page at 150 dpi is 2480 px); larger pages are rendered coarser
STRAY_GLYPHS = 30  # fewer visible characters than this over a page-sized image: not a text layer
IMAGE_COVER = 0.5  # an image covering this fraction of the page makes it a scan
OUTLINE_PATHS = 150  # a page with (almost) no text but this many paths has its text drawn as outlines
MIN_SCORE = 0.3  # recognised boxes scoring lower are noise
PROBES = 6  # text boxes recognised per candidate turn to find a page's orientation
MIN_TABLE = (54.0, 14.0)  # points: a ruled table is at least this wide and tall
SNAP_OVERHANG = 0.9  # a rule end reaching less than this far along a cell edge is cut back
UPSIDE_DOWN_BELOW = 0.8  # a page whose boxes score less than this on average is tried upside down
DIGIT_STRICTNESS = 4.0  # see `calibrated`
REC_MIN_WIDTH = 96  # px: recognition pads short crops to this width (rapidocr: 320, 3× the work for "0.00")
TIMINGS: deque = deque(maxlen=1000)  # (page number, seconds) of the pages OCR'd in this process

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_PUNCT_JOIN = set("、，,。.：:；;）)（(％%")
_NUMERIC = frozenset("0123456789.,-")

MSG_MISSING = "扫描页需要文字识别（OCR）组件 rapidocr 和 onnxruntime，请重新安装 gongkai：pip install -e ."


class OcrUnavailable(ReadError):
    """The OCR engine or its models are not installed."""


# ---------------------------------------------------------------------------------------------------
# which pages


def enabled() -> bool:
    return os.environ.get("GONGKAI_OCR", "1").strip().lower() not in ("0", "false", "no", "off")


def page_chars(page: Page) -> str:
    """All text of a page read from its text layer."""
    parts = []
    for b in page.blocks:
        if isinstance(b, Grid):
            parts.extend(c.text for row in b.rows for c in row)
        else:
            parts.append(b.text)
    return "".join(parts)


# characters that cannot be text: U+FFFD, private use, C0/C1 controls (not whitespace), surrogates
_UNUSABLE = re.compile("[\ufffd\ue000-\uf8ff\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def garbled(text: str) -> bool:
    """Most visible characters cannot be text (a font without a Unicode map)."""
    bad = len(_UNUSABLE.findall(text))
    if not bad:
        return False
    return bad * 2 >= len("".join(text.split()))


def needs_ocr(pdf, index: int, page: Page) -> bool:
    """Whether page `index` of the pypdfium2 document `pdf` (read from its text layer as `page`) needs
    OCR: no visible character, or a few stray glyphs (a page number), over an image covering most of the
    page or over text drawn as outlines; or a garbled text layer."""
    if not enabled():
        return False
    text = page_chars(page)
    visible = len("".join(text.split()))
    if visible >= STRAY_GLYPHS and not garbled(text):
        return False  # a real text layer: the common case, decided without touching PDFium again
    if visible and garbled(text):
        return True
    cover, paths = _graphics(pdf, index)
    return cover >= IMAGE_COVER or paths >= OUTLINE_PATHS


def _graphics(pdf, index: int) -> tuple[float, int]:
    """The largest fraction of the page one image covers, and the number of path objects (also inside
    Form XObjects)."""
    import pypdfium2.raw as c

    pdf_page = pdf[index]
    try:
        w, h = pdf_page.get_size()
        area = max(w * h, 1.0)
        cover, paths = 0.0, 0
        for obj in pdf_page.get_objects(max_depth=3):
            if obj.type == c.FPDF_PAGEOBJ_PATH:
                paths += 1
            elif obj.type == c.FPDF_PAGEOBJ_IMAGE:
                try:
                    left, bottom, right, top = obj.get_bounds()
                except Exception:  # pragma: no cover - a broken object
                    continue
                cover = max(cover, max(right - left, 0.0) * max(top - bottom, 0.0) / area)
        return min(cover, 1.0), paths
    finally:
        pdf_page.close()


# ---------------------------------------------------------------------------------------------------
# confidence


def calibrated(text: str, score: float) -> float:
    """The confidence of a recognised character (or word) with recogniser score `score`.

    Digits and number punctuation are held `DIGIT_STRICTNESS` times stricter: 1 − k·(1 − score). A
    misread digit silently changes an amount, and the recogniser is overconfident on look-alike digits
    (on our blurred, JPEG-damaged scans 8→6 misreadings scored 0.93–0.97, while 95 % of correct amounts
    have every digit ≥ 0.95). With k = 4 a digit must score ≥ 0.975 to stay above the auditor's 0.9.
    Flagging a right digit costs little: low confidence only turns a failed check into a warning."""
    if any(c in _NUMERIC for c in text):
        return max(0.0, 1.0 - DIGIT_STRICTNESS * (1.0 - score))
    return score


# ---------------------------------------------------------------------------------------------------
# the engine


class _Engine:
    """rapidocr with the models its wheel ships, loaded once per process."""

    _instance: "_Engine | None" = None

    def __init__(self):
        # onnxruntime ≥ 1.29 sends usage telemetry from Linux too (a background upload to Microsoft,
        # seen here as DNS look-ups during recognition); its documented opt-out must be set before the
        # runtime initialises. A user who wants telemetry can set ORT_DISABLE_TELEMETRY=0.
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
        try:
            import rapidocr
            from rapidocr import RapidOCR
        except ImportError:
            raise OcrUnavailable(MSG_MISSING) from None
        if importlib.util.find_spec("onnxruntime") is None:
            raise OcrUnavailable(MSG_MISSING)
        models = Path(rapidocr.__file__).resolve().parent / "models"
        det = models / "PP-OCRv6_det_small.onnx"
        rec = models / "PP-OCRv6_rec_small.onnx"
        cls = models / "ch_ppocr_mobile_v2.0_cls_mobile.onnx"
        if not det.is_file() or not rec.is_file():
            raise OcrUnavailable("文字识别模型文件缺失（rapidocr 安装不完整），请重新安装 rapidocr")
        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        params = {
            "Global.log_level": "error",
            "Global.use_cls": False,
            "Global.text_score": 0.0,  # keep every box: low scores are reported, not dropped
            "Global.max_side_len": MAX_SIDE,
            "Det.limit_type": "max",  # never upscale (rapidocr: min side ≥ 736, which would double the
            "Det.limit_side_len": MAX_SIDE,  # cost of the half-size orientation probe)
            "Det.model_path": str(det),
            "Rec.model_path": str(rec),
            "Rec.rec_batch_num": 6,
            "Rec.rec_img_shape": [3, 48, REC_MIN_WIDTH],
        }
        if cls.is_file():
            params["Cls.model_path"] = str(cls)
        self.ocr = RapidOCR(params=params)
        with _no_spinning():  # load the models now, with sessions that do not busy-wait
            for load in ("_load_det_model", "_load_rec_model"):
                if hasattr(self.ocr, load):
                    getattr(self.ocr, load)()
        self.lock = threading.Lock()

    @classmethod
    def get(cls) -> "_Engine":
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def page(self, gray: np.ndarray) -> list["_Box"]:
        """Detect and recognise the text of a page image."""
        import numpy as np

        img = np.repeat(gray[:, :, None], 3, axis=2)
        with self.lock:
            res = self.ocr(img, use_det=True, use_cls=False, use_rec=True, return_word_box=True,
                           return_single_char_box=True)
        txts = getattr(res, "txts", None)
        boxes = getattr(res, "boxes", None)
        if not txts or boxes is None:
            return []
        scores = list(res.scores)
        words = list(getattr(res, "word_results", None) or [])
        aligned = len(words) == len(txts)
        out = []
        for i, (txt, quad, score) in enumerate(zip(txts, boxes, scores)):
            txt = txt.strip()
            if not txt or score < MIN_SCORE:
                continue
            q = np.asarray(quad, dtype=np.float64)
            box = (float(q[:, 0].min()), float(q[:, 1].min()), float(q[:, 0].max()), float(q[:, 1].max()))
            chars = _chars(words[i]) if aligned else []
            if "".join(c.text for c in chars).replace(" ", "") != txt.replace(" ", ""):
                chars = [_Piece(txt, calibrated(txt, float(score)), *box)]
            out.append(_Box(txt, float(score), box, chars))
        return out

    def detect(self, gray: np.ndarray) -> list:
        """Text boxes (4×2 arrays of corner points) found by detection alone."""
        import numpy as np

        img = np.repeat(gray[:, :, None], 3, axis=2)
        with self.lock:
            res = self.ocr(img, use_det=True, use_cls=False, use_rec=False)
        boxes = getattr(res, "boxes", None)
        return [] if boxes is None else [np.asarray(b, dtype=np.float64) for b in boxes]

    def line(self, gray: np.ndarray) -> tuple[str, float] | None:
        """Recognise one cropped line (no detection): its text and the lowest character score."""
        import numpy as np

        img = np.repeat(gray[:, :, None], 3, axis=2)
        with self.lock:
            res = self.ocr(img, use_det=False, use_cls=False, use_rec=True, return_word_box=True,
                           return_single_char_box=True)
        txts = getattr(res, "txts", None)
        if not txts or not txts[0].strip():
            return None
        text = txts[0].strip()
        score = calibrated(text, float(res.scores[0]))
        words = getattr(res, "word_results", None) or ()
        info = words[0] if words else None
        confs = list(getattr(info, "confs", None) or [])
        chars = [ch for w in (getattr(info, "words", None) or []) for ch in w]
        if confs and len(chars) == len(confs):
            score = min(score, min(calibrated(ch, float(c)) for ch, c in zip(chars, confs)))
        elif confs:
            score = min(score, calibrated(text, min(float(c) for c in confs)))
        return text, score


class _no_spinning:
    """While active, onnxruntime sessions made by rapidocr do not let idle worker threads spin.

    onnxruntime's intra-op workers busy-wait for work by default; on a 2-core machine shared with other
    processes that burns a core for nothing (measured: ~25 % more CPU per page, and slower under load).
    rapidocr has no setting for it, so its session-options factory is wrapped while the models load."""

    def __enter__(self):
        self.cls = self.orig = None
        try:
            from rapidocr.inference_engine.onnxruntime.main import OrtInferSession
        except ImportError:  # pragma: no cover - another rapidocr layout: keep its defaults
            return self
        orig = OrtInferSession.__dict__.get("_init_sess_opts")
        if not isinstance(orig, staticmethod):  # pragma: no cover
            return self
        func = orig.__func__

        def init_sess_opts(cfg):
            opts = func(cfg)
            try:
                opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
            except Exception:  # pragma: no cover
                pass
            return opts

        self.cls, self.orig = OrtInferSession, orig
        OrtInferSession._init_sess_opts = staticmethod(init_sess_opts)
        return self

    def __exit__(self, *exc):
        if self.cls is not None:
            self.cls._init_sess_opts = self.orig
        return False


@dataclass(slots=True)
class _Piece:
    """A character (or a word of Latin text) with its score and box (pixels, then points)."""

    text: str
    score: float
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) * 0.5

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) * 0.5


@dataclass(slots=True)
class _Box:
    text: str
    score: float
    box: tuple[float, float, float, float]
    chars: list[_Piece]


def _chars(words) -> list[_Piece]:
    import numpy as np

    out = []
    for w in words or ():
        try:
            text, score, quad = w
        except (TypeError, ValueError):
            return []
        if quad is None or not str(text).strip():
            continue
        q = np.asarray(quad, dtype=np.float64)
        text = str(text).strip()
        out.append(_Piece(text, calibrated(text, float(score)), float(q[:, 0].min()), float(q[:, 1].min()),
                          float(q[:, 0].max()), float(q[:, 1].max())))
    return out


# ---------------------------------------------------------------------------------------------------
# reading a page


def ocr_pdf_page(pdf, index: int, page: Page) -> Page:
    """Read page `index` of the pypdfium2 document `pdf` by OCR. `page` is what the text reader made of
    it (its number is kept; its blocks, if any, are replaced). The page is rendered as displayed (with
    /Rotate); if its text then still lies sideways or upside down it is turned upright, and
    `Page.rotation` says by how much in all, like for text pages."""
    from gongkai.ingest import raster

    start = time.perf_counter()
    try:
        engine = _Engine.get()
    except OcrUnavailable as exc:
        warnings.warn(str(exc), stacklevel=2)
        return page
    pdf_page = pdf[index]
    try:
        w_pt, h_pt = pdf_page.get_size()
        base_rotation = pdf_page.get_rotation()
        dpi = RENDER_DPI
        longest = max(w_pt, h_pt) / 72.0 * dpi
        if longest > MAX_SIDE:
            dpi = dpi * MAX_SIDE / longest
        gray = raster.render(pdf_page, dpi)
    finally:
        pdf_page.close()
    blocks, shape, turn = _read(gray, dpi, page.number, engine)
    elapsed = time.perf_counter() - start
    TIMINGS.append((page.number, elapsed))
    log.info("page %d: OCR %.2f s", page.number, elapsed)
    return Page(number=page.number, blocks=blocks, width=shape[1] * 72.0 / dpi, height=shape[0] * 72.0 / dpi,
                rotation=(base_rotation + turn) % 360, ocr=True)


def read_image(gray: np.ndarray, dpi: float, number: int = 1, engine: _Engine | None = None) -> list:
    """The blocks (text lines and grids, in reading order) of a page image of grey levels (turned
    upright first if its text lies sideways or upside down)."""
    return _read(gray, dpi, number, engine or _Engine.get())[0]


def _read(gray: np.ndarray, dpi: float, number: int, engine: _Engine, turned: int | None = None):
    """(blocks, shape of the upright image, clockwise turn applied to make it upright). `turned`: the
    turn already applied (no more orientation checks)."""
    import numpy as np

    from gongkai.ingest import raster

    turn = _orientation(gray, dpi, engine) if turned is None else 0
    if turn:
        gray = np.ascontiguousarray(np.rot90(gray, k=-(turn // 90)))
    dark = raster.binarize(gray)
    angle = raster.skew_angle(dark)
    if angle:
        gray = raster.rotate(gray, angle)
        dark = raster.binarize(gray)
    pt = 72.0 / dpi  # points per pixel
    hsegs, vsegs, hmask, vmask = raster.find_rules(dark, dpi)
    lattices = _lattices(hsegs, vsegs, pt)
    clean = gray
    if lattices:
        clean = raster.erase(gray, _table_rule_mask(hmask, vmask, lattices, pt, dpi), grow=2)
    boxes = engine.page(clean)
    if turn == 0 and _upside_down(boxes, clean, dpi, engine):
        return _read(np.ascontiguousarray(np.rot90(gray, 2)), dpi, number, engine, turned=180)
    for b in boxes:  # pixels → points
        b.box = tuple(v * pt for v in b.box)
        for c in b.chars:
            c.x0, c.y0, c.x1, c.y1 = c.x0 * pt, c.y0 * pt, c.x1 * pt, c.y1 * pt
    ink = raster.faint_ink(clean, (raster.otsu(gray) + 255) // 2)
    return _layout(boxes, lattices, number, clean, ink, pt, engine), gray.shape, turned or turn


def _orientation(gray: np.ndarray, dpi: float, engine: _Engine) -> int:
    """0, or the clockwise turn (90 or 270) that makes a page whose text runs down it upright.

    Text detection on a half-size copy tells whether lines run across (most boxes wider than tall) or
    down the page; only in the second case are a few of the largest boxes recognised turned each way,
    and the turn whose readings score best wins. (Upside-down pages are caught after reading, by
    `_upside_down`, so that upright pages pay only for the detection.)"""
    import numpy as np

    step = 2
    quads = engine.detect(np.ascontiguousarray(gray[::step, ::step]))
    if len(quads) < 3:
        return 0
    boxes = []
    for q in quads:
        xs, ys = q[:, 0] * step, q[:, 1] * step
        boxes.append((float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max())))
    tall = sum(1 for x0, y0, x1, y1 in boxes if (y1 - y0) > 1.5 * (x1 - x0))
    wide = sum(1 for x0, y0, x1, y1 in boxes if (x1 - x0) > 1.5 * (y1 - y0))
    if not (tall > 2 * wide and tall >= 3):
        return 0
    return max((90, 270), key=lambda turn: _probe(gray, boxes, dpi, engine, turn))


def _probe(gray, boxes, dpi: float, engine: _Engine, turn: int) -> float:
    """The mean score of the largest boxes' readings with the image turned clockwise by `turn`."""
    import numpy as np

    probes = sorted(boxes, key=lambda b: -max(b[2] - b[0], b[3] - b[1]))[:PROBES]
    pad = int(0.02 * dpi)
    h, w = gray.shape
    total = 0.0
    for x0, y0, x1, y1 in probes:
        crop = gray[max(int(y0) - pad, 0):min(int(y1) + pad, h), max(int(x0) - pad, 0):min(int(x1) + pad, w)]
        got = engine.line(np.ascontiguousarray(np.rot90(crop, k=-(turn // 90))))
        total += got[1] if got else 0.0
    return total / max(len(probes), 1)


def _upside_down(boxes: list[_Box], gray, dpi: float, engine: _Engine) -> bool:
    """Whether a page read poorly reads clearly better turned over (its text is upside down)."""
    if len(boxes) < 3 or sum(b.score for b in boxes) / len(boxes) >= UPSIDE_DOWN_BELOW:
        return False
    rects = [b.box for b in boxes]
    return _probe(gray, rects, dpi, engine, 180) > _probe(gray, rects, dpi, engine, 0) + 0.15


def _lattices(hsegs, vsegs, pt: float):
    """Lattices (ruled tables) from rule segments in pixels, built by the text-PDF reader's code.

    Two repairs for what a scan adds, then the lattice is built again: a stray piece of "rule" (a row of
    blurred text that passed for one) adds a lattice line on which no cell edge has a rule — such
    lines are no boundary, their pieces are dropped; and a rule that runs on part of the way into the
    next cell (a glyph's stroke right below its end, merged with it) is cut back to the lattice line.
    A rule printed through a cell covers its edge fully."""
    from gongkai.ingest import pdf as pdf_reader

    h = pdf_reader._merge_rules([(p * pt, a * pt, b * pt) for p, a, b in hsegs])
    v = pdf_reader._merge_rules([(p * pt, a * pt, b * pt) for p, a, b in vsegs])
    for _ in range(3):
        lats = pdf_reader._lattices(h, v)
        stray_h = {s for lat in lats for s in _stray(h, lat.ys, lat.xs, lat.bbox, horizontal=True)}
        stray_v = {s for lat in lats for s in _stray(v, lat.xs, lat.ys, lat.bbox, horizontal=False)}
        h2 = _snap_ends([s for s in h if s not in stray_h], lats, horizontal=True)
        v2 = _snap_ends([s for s in v if s not in stray_v], lats, horizontal=False)
        if h2 == h and v2 == v:
            break
        h, v = h2, v2
    # a table has at least two rows or two columns of cells and room for text (the strokes of a big
    # title glyph can look like a tiny lattice)
    return [lat for lat in lats if (len(lat.xs) >= 3 or len(lat.ys) >= 3)
            and lat.bbox[2] - lat.bbox[0] >= MIN_TABLE[0] and lat.bbox[3] - lat.bbox[1] >= MIN_TABLE[1]]


def _snap_ends(segs, lats, horizontal: bool) -> list:
    """Cut back rule ends that overhang a lattice line by less than `SNAP_OVERHANG` of the next cell
    edge (see `_lattices`)."""
    out = []
    for pos, a, b in segs:
        for lat in lats:
            lines, across = (lat.xs, lat.ys) if horizontal else (lat.ys, lat.xs)
            if not (across[0] - 3 <= pos <= across[-1] + 3 and a < lines[-1] and b > lines[0]):
                continue
            k = bisect.bisect_right(lines, b) - 1  # the end b lies in [lines[k], lines[k + 1])
            if 0 <= k < len(lines) - 1 and b - lines[k] > 1.0 and b - lines[k] < SNAP_OVERHANG * (lines[k + 1] - lines[k]):
                b = lines[k]
            k = bisect.bisect_left(lines, a)  # the start a lies in (lines[k - 1], lines[k]]
            if 0 < k < len(lines) and lines[k] - a > 1.0 and lines[k] - a < SNAP_OVERHANG * (lines[k] - lines[k - 1]):
                a = lines[k]
            break
        if b - a > 0:
            out.append((pos, a, b))
    return out


def _stray(segs, positions, across, bbox, horizontal: bool) -> list:
    """The rule pieces lying on an inner lattice line (`positions[1:-1]`) that carries no rule over any
    cell edge (at least half of one interval of `across`)."""
    from gongkai.ingest import pdf as pdf_reader

    lo, hi = (bbox[0], bbox[2]) if horizontal else (bbox[1], bbox[3])
    tol = pdf_reader.MIN_CELL
    out = []
    for pos in positions[1:-1]:
        on = [s for s in segs if abs(s[0] - pos) <= tol and s[1] >= lo - tol and s[2] <= hi + tol]
        got = [0.0] * (len(across) - 1)
        for _, a, b in on:
            for c in range(len(across) - 1):
                got[c] += max(0.0, min(b, across[c + 1]) - max(a, across[c]))
        if not any(g >= pdf_reader.COVER * (across[c + 1] - across[c]) for c, g in enumerate(got)):
            out.extend(on)
    return out


def _table_rule_mask(hmask, vmask, lattices, pt: float, dpi: float) -> np.ndarray:
    """The rule pixels that belong to the tables (near a lattice line, inside its bounding box)."""
    import numpy as np
    from gongkai.ingest import raster

    keep = np.zeros_like(hmask)
    slack = max(3, int(round(raster.MAX_RULE_IN * dpi)))
    h_img, w_img = hmask.shape
    for lat in lattices:
        x0, y0, x1, y1 = (int(round(v / pt)) for v in lat.bbox)
        xa, xb = max(x0 - slack, 0), min(x1 + slack + 1, w_img)
        ya, yb = max(y0 - slack, 0), min(y1 + slack + 1, h_img)
        for y in lat.ys:
            yy = int(round(y / pt))
            sl = slice(max(yy - slack, 0), min(yy + slack + 1, h_img))
            keep[sl, xa:xb] |= hmask[sl, xa:xb]
        for x in lat.xs:
            xx = int(round(x / pt))
            sl = slice(max(xx - slack, 0), min(xx + slack + 1, w_img))
            keep[ya:yb, sl] |= vmask[ya:yb, sl]
    return keep


# ---------------------------------------------------------------------------------------------------
# layout: boxes into cells and lines


def _layout(boxes: list[_Box], lattices, number: int, gray, dark, pt: float, engine) -> list:
    placed: list[tuple[float, float, object]] = []
    free: list[list[_Piece]] = []  # runs outside tables
    buckets = [[[] for _ in lat.cells] for lat in lattices]
    for b in boxes:
        x0, y0, x1, y1 = b.box
        cy = (y0 + y1) * 0.5
        for lat, bucket in zip(lattices, buckets):
            lx0, ly0, lx1, ly1 = lat.bbox
            if cy < ly0 or cy > ly1 or x1 < lx0 or x0 > lx1:
                continue
            rmax, cmax = len(lat.ys) - 2, len(lat.xs) - 2
            r = min(max(bisect.bisect_right(lat.ys, cy) - 1, 0), rmax)
            owner_row = lat.owner[r]
            inset = min(0.4 * (y1 - y0), 0.5 * (x1 - x0))
            fx, lx = x0 + inset, x1 - inset
            if lx0 <= fx and lx <= lx1:
                a = owner_row[min(max(bisect.bisect_right(lat.xs, fx) - 1, 0), cmax)]
                if a == owner_row[min(max(bisect.bisect_right(lat.xs, lx) - 1, 0), cmax)]:
                    bucket[a].append(b.chars)
                    break
            # the box crosses a rule or the table's edge: split it by character
            pieces: dict[int, list[_Piece]] = {}
            outside: list[_Piece] = []
            for ch in b.chars:
                if lx0 <= ch.cx <= lx1:
                    k = min(max(bisect.bisect_right(lat.xs, ch.cx) - 1, 0), cmax)
                    pieces.setdefault(owner_row[k], []).append(ch)
                else:
                    outside.append(ch)
            for cell, members in pieces.items():
                bucket[cell].append(members)
            if outside:
                free.append(outside)
            break
        else:
            free.append(b.chars)
    for lat, bucket in zip(lattices, buckets):
        if (len(lat.xs) == 2 or len(lat.ys) == 2) and any(len(_group_lines(runs)) > 3 for runs in bucket):
            free.extend(run for runs in bucket for run in runs)  # a frame around text, not a table
            continue
        placed.append((lat.bbox[1], lat.bbox[0], _grid(lat, bucket, number, gray, dark, pt, engine)))
    lines = _group_lines(free)
    if lines and engine is not None:
        _extend_runs(lines, boxes, lattices, gray, dark, pt, engine)
    used: set[int] = set()
    for start, stop, grid in _unruled(lines, number):
        used.update(range(start, stop))
        placed.append((grid.bbox[1], grid.bbox[0], grid))
    for k, line in enumerate(lines):
        if k in used:
            continue
        text, conf, bbox = _line(line)
        placed.append((bbox[1], bbox[0], TextLine(text=text, page=number, bbox=bbox, confidence=conf)))
    placed.sort(key=lambda p: (round(p[0], 1), p[1]))
    return [p[2] for p in placed]


def _extend_runs(lines, boxes: list[_Box], lattices, gray, dark, pt: float, engine) -> None:
    """Read again, in place, the first and last run of each text line if ink that no box covers lies
    just before or after it (within 1.5 line heights): detection tends to leave out a leading "一" or a
    trailing stroke of a title. The new reading replaces the run only if it contains the old one.
    `dark` is the page's ink, faint strokes included (`raster.faint_ink`)."""
    import numpy as np

    h_img, w_img = dark.shape
    occupied = np.zeros(dark.shape, bool)
    for b in boxes:
        x0, y0, x1, y1 = (int(round(v / pt)) for v in b.box)
        occupied[max(y0, 0):max(y1, 0), max(x0, 0):max(x1, 0)] = True
    for lat in lattices:
        x0, y0, x1, y1 = (int(round(v / pt)) for v in lat.bbox)
        occupied[max(y0 - 2, 0):max(y1 + 3, 0), max(x0 - 2, 0):max(x1 + 3, 0)] = True
    dpi = 72.0 / pt
    min_ink = max(15, int((dpi / 200.0) ** 2 * 30))
    free_ink = dark & ~occupied

    def ink_cols(y0, y1, x0, x1):
        """Columns (relative to x0) of [x0, x1) holding ink no box covers, if there is enough."""
        mask = free_ink[y0:y1, x0:x1]
        if x1 - x0 < 3 or mask.sum() < min_ink:
            return None
        return np.nonzero(mask.any(axis=0))[0]

    for line in lines:
        for k in {0, len(line) - 1}:
            run = line[k]
            x0 = int(min(p.x0 for p in run) / pt)
            x1 = int(np.ceil(max(p.x1 for p in run) / pt))
            y0 = int(min(p.y0 for p in run) / pt)
            y1 = int(np.ceil(max(p.y1 for p in run) / pt))
            reach = int(1.5 * (y1 - y0))
            if y1 - y0 < 6 or reach < 4:
                continue
            new0, new1 = x0, x1
            if k == 0:
                cols = ink_cols(y0, y1, max(x0 - reach, 0), x0)
                if cols is not None:
                    new0 = max(x0 - reach, 0) + int(cols[0])
            if k == len(line) - 1:
                cols = ink_cols(y0, y1, x1, min(x1 + reach, w_img))
                if cols is not None:
                    new1 = x1 + int(cols[-1]) + 1
            if (new0, new1) == (x0, x1):
                continue
            pad = max(3, int(0.02 * dpi))
            crop = gray[max(y0 - pad, 0):min(y1 + pad, h_img), max(new0 - pad, 0):min(new1 + pad, w_img)]
            got = engine.line(np.ascontiguousarray(crop))
            old = "".join(p.text for p in sorted(run, key=lambda p: p.x0))
            if got is None or got[1] < MIN_SCORE:
                continue
            text, score = got
            if len(text.replace(" ", "")) > len(old) and old in text.replace(" ", ""):
                conf = min(score, min(p.score for p in run))
                line[k] = [_Piece(text, round(conf, 4), new0 * pt, y0 * pt, new1 * pt, y1 * pt)]


def _unruled(lines: list[list[list[_Piece]]], number: int):
    """Tables without rules among the text lines, found by the text-PDF reader's column alignment
    (`gongkai.ingest.pdf._unruled_grids`: ≥ 3 consecutive lines whose runs align into ≥ 3 columns), with
    each cell's confidence taken from the runs that make it → [(start, stop, Grid)]."""
    from gongkai.ingest import pdf as pdf_reader

    if len(lines) < 3:
        return []
    as_runs = []
    for line in lines:
        runs = []
        for run in line:
            text = "".join(p.text for p in sorted(run, key=lambda p: p.x0))
            runs.append([min(p.x0 for p in run), min(p.y0 for p in run), max(p.x1 for p in run),
                         max(p.y1 for p in run), [text], run])
        as_runs.append(runs)
    found = pdf_reader._unruled_grids(as_runs, number)
    for start, _, grid in found:
        for k, row in enumerate(grid.rows):
            runs = as_runs[start + k]
            for cell in row:
                scores = [p.score for r in runs if r[4][0] == cell.text for p in r[5]]
                if not scores and cell.text:  # a cell made of several runs
                    scores = [p.score for r in runs if r[4][0] in cell.text for p in r[5]]
                cell.confidence = round(min(scores), 4) if scores else 1.0
                cell.text, cell.confidence = repair_amount(cell.text, cell.confidence)
                if cell.text:
                    boxes = [r for r in runs if r[4][0] in cell.text]
                    if boxes:
                        cell.bbox = (min(r[0] for r in boxes), min(r[1] for r in boxes),
                                     max(r[2] for r in boxes), max(r[3] for r in boxes))
    return found


def _group_lines(runs: list[list[_Piece]]) -> list[list[list[_Piece]]]:
    """Group runs (pieces of one detected box) into lines by vertical centre, top to bottom; each line's
    runs left to right."""
    runs = [r for r in runs if r]
    if not runs:
        return []
    info = []
    for r in runs:
        top = min(p.y0 for p in r)
        bottom = max(p.y1 for p in r)
        info.append((top + bottom, top, bottom, r))
    info.sort(key=lambda t: t[0])
    lines: list[list] = []
    limit = None
    for cy2, top, bottom, r in info:
        if lines and cy2 * 0.5 <= limit:
            lines[-1].append(r)
            limit = max(limit, bottom - 0.3 * (bottom - top))
        else:
            lines.append([r])
            limit = bottom - 0.3 * (bottom - top)
    for ln in lines:
        ln.sort(key=lambda r: min(p.x0 for p in r))
    lines.sort(key=lambda ln: min(p.y0 for r in ln for p in r))
    return lines


def _line(line: list[list[_Piece]]) -> tuple[str, float, tuple[float, float, float, float]]:
    """Text, confidence and bbox of a line of runs."""
    parts: list[str] = []
    prev = None
    for run in line:
        text = "".join(p.text for p in sorted(run, key=lambda p: p.x0)) if len(run) > 1 else run[0].text
        if prev is not None:
            size = max(max(p.y1 - p.y0 for p in run), max(p.y1 - p.y0 for p in prev))
            gap = min(p.x0 for p in run) - max(p.x1 for p in prev)
            last, first = parts[-1][-1], text[0]
            joined = (_CJK.match(last) and _CJK.match(first)) or last in _PUNCT_JOIN or first in _PUNCT_JOIN
            if gap > (0.8 if joined else 0.3) * size:
                parts.append(" ")
        parts.append(text)
        prev = run
    pieces = [p for run in line for p in run]
    conf = min(p.score for p in pieces)
    bbox = (min(p.x0 for p in pieces), min(p.y0 for p in pieces), max(p.x1 for p in pieces),
            max(p.y1 for p in pieces))
    return "".join(parts), round(conf, 4), bbox


def _grid(lat, bucket, number: int, gray, dark, pt: float, engine) -> Grid:
    xs, ys = lat.xs, lat.ys
    rows: list[list[GridCell]] = [[] for _ in range(len(ys) - 1)]
    for (r0, c0, r1, c1), runs in zip(lat.cells, bucket):
        bbox = (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])
        text, conf = "", 1.0
        if runs:
            texts, confs = [], []
            for line in _group_lines(runs):
                t, c, _ = _line(line)
                texts.append(t)
                confs.append(c)
            text, conf = "\n".join(texts), min(confs)
        reread = _reread_cell(bbox, runs, gray, dark, pt, engine)
        if reread is not None:
            new_text, new_conf = reread
            if not runs:
                text, conf = new_text, new_conf
            elif len(re.sub(r"\s", "", new_text)) > len(re.sub(r"\s", "", text)) and new_conf >= MIN_SCORE:
                text, conf = new_text, min(new_conf, conf)  # detection missed part of the cell
        text, conf = repair_amount(text, conf)
        rows[r0].append(GridCell(text=text, row=r0, col=c0, rowspan=r1 - r0 + 1, colspan=c1 - c0 + 1,
                                 bbox=bbox, confidence=conf))
    return Grid(rows=rows, page=number, bbox=lat.bbox, ruled=True)


def _reread_cell(bbox, runs, gray, dark, pt: float, engine) -> tuple[str, float] | None:
    """Read a cell again, line by line without detection, when it holds ink that no recognised text
    covers (detection missed it: a lone "一、", a faint number). None when there is no such ink; ("", 0)
    when there is but nothing can be read from it."""
    import numpy as np
    from gongkai.ingest import raster

    dpi = 72.0 / pt
    x0, y0, x1, y1 = bbox
    margin = max(3, int(round(0.035 * dpi)))  # stay clear of the (erased) rules
    px0, py0 = int(round(x0 / pt)) + margin, int(round(y0 / pt)) + margin
    px1, py1 = int(round(x1 / pt)) - margin, int(round(y1 / pt)) - margin
    if px1 - px0 < 4 or py1 - py0 < 4:
        return None
    region = dark[py0:py1, px0:px1]
    min_ink = max(20, int((dpi / 200.0) ** 2 * 40))
    if int(region.sum()) < min_ink:
        return None
    if runs:
        uncovered = region.copy()
        pad = max(2, int(round(0.015 * dpi)))
        for run in runs:
            for p in run:
                a0, b0 = int(p.x0 / pt) - pad - px0, int(p.y0 / pt) - pad - py0
                a1, b1 = int(p.x1 / pt) + pad + 1 - px0, int(p.y1 / pt) + pad + 1 - py0
                uncovered[max(b0, 0):max(b1, 0), max(a0, 0):max(a1, 0)] = False
        if int(uncovered.sum()) < min_ink or not _blob(uncovered, dpi):
            return None
    # the cell's lines of ink: bands of rows with ink, separated by blank rows
    rows_ink = region.sum(axis=1) > 0
    bands = raster._runs(rows_ink)
    min_h = max(4, int(0.04 * dpi))
    merged: list[list[int]] = []
    for a, b in bands:
        if merged and (a - merged[-1][1] <= max(2, int(0.01 * dpi)) or b - a < min_h // 2):
            merged[-1][1] = b  # a split stroke, or a dot belonging to the line above
        else:
            merged.append([a, b])
    texts, confs = [], []
    pad = max(4, int(0.04 * dpi))
    for a, b in merged:
        if b - a < min_h:
            continue  # a speck
        cols = np.nonzero(region[a:b].any(axis=0))[0]
        ya, yb = max(py0 + a - pad, 0), min(py0 + b + pad, gray.shape[0])
        xa, xb = max(px0 + cols[0] - pad, 0), min(px0 + cols[-1] + 1 + pad, gray.shape[1])
        got = engine.line(np.ascontiguousarray(gray[ya:yb, xa:xb]))
        if got is not None and got[1] >= MIN_SCORE:
            texts.append(got[0])
            confs.append(got[1])
        else:
            confs.append(0.0)
    if not texts:
        return ("", 0.0) if confs or not runs else None
    return "\n".join(texts), round(min(confs), 4)


def _blob(mask: np.ndarray, dpi: float) -> bool:
    """Whether the ink of a mask is more than scattered specks: some row or column holds a stretch of
    it at least ~0.04 in long."""
    need = max(4, int(0.04 * dpi))
    h_span = mask.any(axis=0).sum()
    v_span = mask.any(axis=1).sum()
    return bool(h_span >= need or v_span >= need)
