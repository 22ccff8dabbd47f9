"""Scanned disclosure pages the tests make themselves.

`summary_table()` takes the 收入支出决算总表 of the bundled example (examples/*.txt), `draw_page()` draws
it with Pillow as a printed A4 page would look (title, unit line, a ruled table with a merged 收入/支出
header row, a note below), `degrade()` makes it look scanned (slight rotation, blur, noise, JPEG
artefacts) and `image_pdf()` wraps the picture in a PDF whose only content is that image, optionally
with a few stray glyphs in a text layer (as some scanners leave behind).
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from pdf_bytes import serialise

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "医疗保障局_2023_部门决算.txt"
DPI = 200
A4 = (595.0, 842.0)  # points


def font_path() -> Path | None:
    try:
        import pylopdf_fonts_zh_cn
    except ImportError:
        return None
    p = Path(pylopdf_fonts_zh_cn.__file__).parent / "NotoSansSC-Regular.otf"
    return p if p.exists() else None


@dataclass
class Table:
    title: str
    label: str  # 公开01表
    meta: list[str]  # 部门：…, 2023年度, 金额单位：万元
    header: list[list[str]]  # header rows below the merged 收入 | 支出 row
    rows: list[list[str]]  # data rows, six cells each
    note: str
    amounts: list[tuple[int, int, str]] = field(default_factory=list)  # (grid row, col, text)


def summary_table() -> Table:
    """The example's 收入支出决算总表 (six columns: 项目 行次 决算数 | 项目 行次 决算数)."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("收入支出决算总表"))
    title, label = [p for p in lines[start].split("\t") if p]
    meta = [p for p in lines[start + 1].split("\t") if p]
    body = []
    for ln in lines[start + 2:]:
        if not ln.strip():
            break
        cells = ln.split("\t")
        body.append((cells + [""] * 6)[:6])
    note = next(ln for ln in lines[start:] if ln.startswith("注："))
    header, rows = body[:2], body[2:]
    t = Table(title=title, label=label, meta=meta, header=header, rows=rows, note=note)
    first = 1 + len(header)  # grid row of the first data row (row 0 is 收入 | 支出)
    for r, row in enumerate(rows):
        for c in (2, 5):
            if row[c]:
                t.amounts.append((first + r, c, row[c]))
    return t


# column widths in pixels at DPI (项目 行次 决算数 | 项目 行次 决算数)
COLS = [440, 80, 180, 440, 80, 180]
ROW_H = 50


def draw_page(t: Table, dpi: int = DPI, seal: bool = False) -> tuple[Image.Image, dict]:
    """The printed page as a grey image (RGB with a red official seal stamped over the bottom right of
    the table if `seal`); also the table's geometry (pixels) for checks."""
    fp = font_path()
    if fp is None:
        raise RuntimeError("NotoSansSC font (pylopdf-fonts-zh-cn) not installed")
    w, h = round(A4[0] / 72 * dpi), round(A4[1] / 72 * dpi)
    img = Image.new("L", (w, h), 255)
    d = ImageDraw.Draw(img)
    big = ImageFont.truetype(str(fp), 44)
    small = ImageFont.truetype(str(fp), 26)
    x0 = (w - sum(COLS)) // 2
    x1 = x0 + sum(COLS)
    y = 150
    tw = d.textlength(t.title, font=big)
    d.text(((w - tw) / 2, y), t.title, font=big, fill=0)
    lw = d.textlength(t.label, font=small)
    d.text((x1 - lw, y + 14), t.label, font=small, fill=0)
    y += 90
    d.text((x0, y), t.meta[0], font=small, fill=0)
    mw = d.textlength(t.meta[1], font=small)
    d.text(((w - mw) / 2, y), t.meta[1], font=small, fill=0)
    uw = d.textlength(t.meta[-1], font=small)
    d.text((x1 - uw, y), t.meta[-1], font=small, fill=0)
    y += 50
    top = y
    xs = [x0]
    for cw in COLS:
        xs.append(xs[-1] + cw)
    grid_rows = [["收入", "", "", "支出", "", ""], *t.header, *t.rows]
    n = len(grid_rows)
    ys = [top + i * ROW_H for i in range(n + 1)]
    line = 3
    # rules: outer frame and every row/column rule, except inside the merged 收入 / 支出 cells
    for i, yy in enumerate(ys):
        d.line([(x0, yy), (x1, yy)], fill=0, width=line)
    for k, xx in enumerate(xs):
        y_start = ys[1] if k in (1, 2, 4, 5) else ys[0]
        d.line([(xx, y_start), (xx, ys[-1])], fill=0, width=line)
    for r, row in enumerate(grid_rows):
        for c, text in enumerate(row):
            if not text:
                continue
            if r == 0:  # merged header cells span three columns
                left, right = xs[c], xs[c + 3]
            else:
                left, right = xs[c], xs[c + 1]
            tw = d.textlength(text, font=small)
            cy = ys[r] + (ROW_H - 34) / 2
            if r > 0 and c in (2, 5) and r > len(t.header):  # amounts: right-aligned
                tx = right - 12 - tw
            elif r > len(t.header) and c in (0, 3):  # labels: left-aligned
                tx = left + 10
            else:
                tx = (left + right - tw) / 2
            d.text((tx, cy), text, font=small, fill=0)
    # the note, wrapped
    y = ys[-1] + 30
    note = t.note
    while note:
        k = len(note)
        while d.textlength(note[:k], font=small) > x1 - x0:
            k -= 1
        d.text((x0, y), note[:k], font=small, fill=0)
        note = note[k:]
        y += 40
    if seal:  # seal ink over toner: multiply, so the print shows through
        img = img.convert("RGB")
        stamp = Image.new("RGB", img.size, (255, 255, 255))
        d = ImageDraw.Draw(stamp)
        cx, cy, r = xs[5] - 20, ys[-3], 150
        red = (215, 30, 35)
        d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=red, width=9)
        star = ImageFont.truetype(str(fp), 110)
        d.text((cx, cy), "★", font=star, fill=red, anchor="mm")
        ring = ImageFont.truetype(str(fp), 36)
        name = "示例市医疗保障局"
        for k, ch in enumerate(name):  # the unit's name along the top of the ring
            a = np.radians(-150 + k * 120 / (len(name) - 1))
            d.text((cx + 0.75 * r * np.cos(a), cy + 0.75 * r * np.sin(a)), ch, font=ring, fill=red, anchor="mm")
        img = ImageChops.multiply(img, stamp)
    return img, {"xs": xs, "ys": ys, "rows": n}


def degrade(img: Image.Image, *, angle: float = 0.6, blur: float = 1.1, noise: float = 14.0,
            quality: int = 35, seed: int = 4) -> bytes:
    """A scanner's copy as JPEG bytes: rotated by `angle` degrees, blurred, noisy, compressed."""
    white = 255 if img.mode == "L" else (255, 255, 255)
    out = img.rotate(angle, resample=Image.BICUBIC, fillcolor=white)
    out = out.filter(ImageFilter.GaussianBlur(blur))
    rng = np.random.default_rng(seed)
    a = np.asarray(out, dtype=np.float32)
    a = a * 0.92 + 14 + rng.normal(0.0, noise, a.shape)  # grey paper, toner not quite black
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), mode=img.mode)
    buf = io.BytesIO()
    out.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def image_pdf(pages: list[bytes | list[str]], *, stray_text: str | None = None, size=A4) -> bytes:
    """A PDF with one page per item: JPEG bytes give a page that is only that image, filling the page
    (a scan); a list of strings gives a page with those lines as real text (STSong, a text layer).
    `stray_text` (ASCII) is drawn small in a corner of every scanned page, like the few glyphs some
    scanners leave in a text layer."""
    objs: list[bytes] = []

    def add(body: bytes) -> int:
        objs.append(body)
        return len(objs)

    catalog = add(b"")
    pages_id = add(b"")
    helv = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    desc = add(b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880]"
               b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
    cid = add(b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo"
              b" << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor %d 0 R /DW 1000 >>"
              % desc)
    song = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H"
               b" /DescendantFonts [%d 0 R] >>" % cid)
    kids = []
    w, h = size
    for item in pages:
        xobjects = b""
        if isinstance(item, bytes):
            im = Image.open(io.BytesIO(item))
            cs = b"/DeviceGray" if im.mode == "L" else b"/DeviceRGB"
            img = add(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s"
                      b" /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n"
                      % (im.width, im.height, cs, len(item)) + item + b"\nendstream")
            xobjects = b" /XObject << /Im0 %d 0 R >>" % img
            content = b"q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q" % (w, h)
            if stray_text:
                content += b" BT /F1 6 Tf 20 20 Td (%s) Tj ET" % stray_text.encode("latin-1")
        else:
            content = b""
            for k, line in enumerate(item):
                hexed = "".join(f"{ord(c):04X}" for c in line).encode()
                content += b"BT /F2 12 Tf 72 %.2f Td <%s> Tj ET\n" % (h - 100 - 24 * k, hexed)
        content = zlib.compress(content)
        stream = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content
                     + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Resources"
                        b" <<%s /Font << /F1 %d 0 R /F2 %d 0 R >> >> /Contents %d 0 R >>"
                        % (pages_id, w, h, xobjects, helv, song, stream)))
    objs[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objs[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return serialise(objs, catalog)


def sideways(jpeg: bytes) -> bytes:
    """The scan turned a quarter (a portrait page fed in landscape): the text runs down the image."""
    img = Image.open(io.BytesIO(jpeg))
    buf = io.BytesIO()
    img.transpose(Image.Transpose.ROTATE_90).save(buf, "JPEG", quality=90)
    return buf.getvalue()
