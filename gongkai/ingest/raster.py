"""Image helpers for reading scanned pages: rendering, binarising, deskewing and finding ruling lines.

Everything here is plain numpy (plus Pillow for the rotation); no OpenCV. Images are 2-D `uint8` arrays
of grey levels (0 black … 255 white), `dark` masks are 2-D `bool` arrays, coordinates are pixels with
the origin at the top-left.

Ruling lines are found by a morphological opening with a long, thin structuring element, done with
cumulative sums so its cost does not depend on the element's length: a pixel belongs to a horizontal
rule when it lies in a horizontal window of `k` pixels that is almost entirely dark (≥ `FILL`, so a rule
broken here and there by noise or JPEG artefacts survives) — text strokes are far shorter than `k`.
Connected stretches of such pixels become rule segments `(position, start, end)`.
"""

from __future__ import annotations

import numpy as np

FILL = 0.9  # fraction of a window that must be dark for the window to be part of a rule
H_RULE_IN = 0.3  # shortest horizontal rule piece, inches (text strokes are shorter)
V_RULE_IN = 0.22  # shortest vertical rule piece, inches (a table row is taller)
MAX_RULE_IN = 0.06  # a "rule" thicker than this (inches) is a filled bar, not a rule
CLEAR = 0.3  # a short rule has ink beside it along at most this fraction of its length
LONG_RULE_IN = 1.0  # inches: rules at least this long are rules, whatever is beside them
MAX_SKEW = 3.0  # degrees: larger skews are not corrected


def render(pdf_page, dpi: float) -> np.ndarray:
    """Render a pypdfium2 page (with its /Rotate applied) to grey levels at `dpi`.

    Red is dropped (`drop_red`): the red seals stamped on Chinese official documents fade to white while
    black, blue or green ink (and black text under a seal) stays dark."""
    bitmap = pdf_page.render(scale=dpi / 72.0, rev_byteorder=True)  # RGB(A/X)
    try:
        a = bitmap.to_numpy()
        if a.ndim == 2:
            return np.ascontiguousarray(a, dtype=np.uint8)
        if a.shape[2] == 1:
            return np.ascontiguousarray(a[:, :, 0], dtype=np.uint8)
        return drop_red(a[:, :, :3])
    finally:
        bitmap.close()


def drop_red(rgb: np.ndarray) -> np.ndarray:
    """Grey levels of an RGB image with red ink faded out (see `render`): a pixel is as light as its
    red channel where that is lighter than its luminance, and light, clearly red pixels (seal ink: red
    above 120 and exceeding green and blue by more than 20) fade on to white. Dark red pixels are kept:
    they are black print under the seal, blurred into its red."""
    r = rgb[:, :, 0].astype(np.float32)
    g = rgb[:, :, 1].astype(np.float32)
    b = rgb[:, :, 2].astype(np.float32)
    grey = np.maximum(r, r * 0.299 + g * 0.587 + b * 0.114)
    fade = np.clip((r - np.maximum(g, b) - 20.0) / 40.0, 0.0, 1.0) * np.clip((r - 120.0) / 60.0, 0.0, 1.0)
    return (grey + (255.0 - grey) * fade).astype(np.uint8)


def otsu(gray: np.ndarray) -> int:
    """Otsu's threshold of a grey image (pixels ≤ the threshold are dark)."""
    hist = np.bincount(gray[::2, ::2].ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 127
    levels = np.arange(256, dtype=np.float64)
    w0 = np.cumsum(hist)
    m0 = np.cumsum(hist * levels)
    w1 = total - w0
    mt = m0[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mt * w0 / total - m0) ** 2 / (w0 * w1)
    between[~np.isfinite(between)] = 0.0
    t = int(np.argmax(between))
    # a page with hardly any ink: keep a sensible absolute threshold
    return min(max(t, 60), 200)


def binarize(gray: np.ndarray) -> np.ndarray:
    return gray <= otsu(gray)


def skew_angle(dark: np.ndarray, max_angle: float = MAX_SKEW) -> float:
    """The page's skew in degrees (positive: content turned clockwise, i.e. lines fall to the right).

    Maximises the sharpness (sum of squares) of the horizontal projection of the ink after shearing
    by each candidate angle — ruled tables and text lines give sharp peaks when level."""
    step = 2 if max(dark.shape) > 1200 else 1
    ys, xs = np.nonzero(dark[::step, ::step])
    if len(ys) < 200:
        return 0.0
    if len(ys) > 400_000:  # plenty: sample for speed
        pick = np.random.default_rng(0).choice(len(ys), 400_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    ys = ys.astype(np.float32)
    xs = xs.astype(np.float32) - xs.mean()
    shift = int(np.ceil(np.abs(xs).max() * np.tan(np.radians(max_angle + 0.2)))) + 2  # room for the shear
    n = int(dark.shape[0] / step) + 2 * shift + 1

    def score(angle: float) -> float:
        yy = ys - xs * np.float32(np.tan(np.radians(angle)))
        idx = np.rint(yy).astype(np.int32) + shift
        h = np.bincount(idx, minlength=n).astype(np.float64)
        return float(h @ h)

    coarse = np.arange(-max_angle, max_angle + 1e-9, 0.1)
    best = max(coarse, key=score)
    fine = np.arange(best - 0.1, best + 0.1 + 1e-9, 0.02)
    best = max(fine, key=score)
    return float(best) if abs(best) >= 0.02 else 0.0


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    """Turn an image by `angle` degrees counter-clockwise about its centre, keeping its size (white
    fills the corners)."""
    if not angle:
        return gray
    from PIL import Image

    img = Image.fromarray(gray)
    return np.asarray(img.rotate(angle, resample=Image.BILINEAR, fillcolor=255))


def _open_1d(dark: np.ndarray, k: int, axis: int) -> np.ndarray:
    """Morphological opening of `dark` along `axis` with a window of k pixels that need only be
    FILL-dark: the pixels covered by some nearly-all-dark window."""
    a = dark.astype(np.int32)
    if axis == 0:
        a = a.T
    h, w = a.shape
    if w < k:
        return np.zeros_like(dark)
    c = np.zeros((h, w + 1), np.int32)
    np.cumsum(a, axis=1, out=c[:, 1:])
    sums = c[:, k:] - c[:, :-k]  # window starting at x: sum of a[x : x + k]
    hit = (sums >= int(np.ceil(FILL * k))).astype(np.int32)  # (h, w - k + 1)
    # dilate back: x is covered if a window starting in [x - k + 1, x] hit
    c2 = np.zeros((h, hit.shape[1] + 1), np.int32)
    np.cumsum(hit, axis=1, out=c2[:, 1:])
    idx = np.arange(w)
    lo = np.clip(idx - k + 1, 0, hit.shape[1])
    hi = np.clip(idx + 1, 0, hit.shape[1])
    covered = (c2[:, hi] - c2[:, lo]) > 0
    return covered.T if axis == 0 else covered


def _thicken(dark: np.ndarray, axis: int) -> np.ndarray:
    """OR each pixel with its neighbours across `axis` (±1): bridges noise holes in a 2–4 px rule."""
    out = dark.copy()
    if axis == 0:
        out[1:] |= dark[:-1]
        out[:-1] |= dark[1:]
    else:
        out[:, 1:] |= dark[:, :-1]
        out[:, :-1] |= dark[:, 1:]
    return out


def rule_masks(dark: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    """Masks of the pixels that belong to horizontal and to vertical ruling lines."""
    kh, kv = _kernels(dpi)
    return _open_1d(dark, kh, axis=1) & dark, _open_1d(dark, kv, axis=0) & dark


def _kernels(dpi: float) -> tuple[int, int]:
    return max(12, int(round(H_RULE_IN * dpi))), max(10, int(round(V_RULE_IN * dpi)))


def _runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) of the runs of True in a 1-D boolean array."""
    if not flags.any():
        return []
    d = np.diff(np.concatenate(([0], flags.astype(np.int8), [0])))
    starts = np.nonzero(d == 1)[0]
    stops = np.nonzero(d == -1)[0]
    return list(zip(starts.tolist(), stops.tolist()))


def segments(mask: np.ndarray, axis: int, dpi: float, min_len: int,
             dark: np.ndarray | None = None) -> list[tuple[float, float, float]]:
    """Rule segments of a rule mask: (position, start, end) in pixels, for rules running along `axis`
    (1: horizontal rules, position = y; 0: vertical rules, position = x).

    Rows (columns) of the mask that touch form one band, the rule's thickness; within a band each run
    of the union of its rows (holes of up to (1 - FILL) × min_len bridged) is one segment, placed at the
    band's ink-weighted centre.

    With `dark` (the binarised image), a segment shorter than `LONG_RULE_IN` is kept only if it stands
    clear: just beside the band, on either side, at most `CLEAR` of its length has ink. A rule has white
    cell padding beside it; a row of text strokes that happens to look like a rule (never more than a
    few characters long) has the rest of its characters there. Long rules are kept even with text
    touching them all along (right-aligned amounts printed against the column rule)."""
    m = mask if axis == 1 else mask.T
    d = None if dark is None else (dark if axis == 1 else dark.T)
    near, far = 2, max(5, int(round(0.025 * dpi)))
    counts = m.sum(axis=1)
    max_thick = max(3, int(round(MAX_RULE_IN * dpi)))
    max_gap = max(2, int(round((1.0 - FILL) * min_len)))
    out: list[tuple[float, float, float]] = []
    for b0, b1 in _runs(counts > 0):
        band = m[b0:b1]
        if b1 - b0 > max_thick:
            # a thick band: either a filled bar or a rule that merges with something; keep the
            # stretches where the band is thin
            thick = band.sum(axis=0)
            union = (thick > 0) & (thick <= max_thick)
        else:
            union = band.any(axis=0)
        weights = counts[b0:b1].astype(np.float64)
        pos = float((np.arange(b0, b1) * weights).sum() / weights.sum()) + 0.5
        runs: list[list[int]] = []
        for s0, s1 in _runs(union):  # bridge the holes noise leaves in a rule
            if runs and s0 - runs[-1][1] <= max_gap:
                runs[-1][1] = s1
            else:
                runs.append([s0, s1])
        for s0, s1 in runs:
            if s1 - s0 < min_len:
                continue
            if d is not None and s1 - s0 < LONG_RULE_IN * dpi:
                above = d[max(b0 - far, 0):max(b0 - near, 0), s0:s1]
                below = d[b1 + near:b1 + far, s0:s1]
                if (above.size and above.any(axis=0).mean() > CLEAR) or (
                        below.size and below.any(axis=0).mean() > CLEAR):
                    continue
            out.append((pos, float(s0), float(s1)))
    return out


def find_rules(dark: np.ndarray, dpi: float):
    """Horizontal rules (y, x0, x1) and vertical rules (x, y0, y1) in pixels, and the masks of the
    horizontal and the vertical rule pixels (to erase them before text recognition)."""
    hmask, vmask = rule_masks(dark, dpi)
    kh, kv = _kernels(dpi)
    return segments(hmask, 1, dpi, kh, dark), segments(vmask, 0, dpi, kv, dark), hmask, vmask


def erase(gray: np.ndarray, mask: np.ndarray, grow: int = 1) -> np.ndarray:
    """A copy of `gray` with the masked pixels (grown by `grow` px each way) painted white."""
    m = mask
    for _ in range(grow):
        m = _thicken(_thicken(m, 0), 1)
    out = gray.copy()
    out[m] = 255
    return out


def faint_ink(gray: np.ndarray, threshold: int | None = None) -> np.ndarray:
    """Ink, faint strokes included: pixels whose 3×3 neighbourhood is on average darker than halfway
    between Otsu's threshold and white (the averaging keeps paper noise out)."""
    t = (otsu(gray) + 255) // 2 if threshold is None else threshold
    a = np.pad(gray, 1, mode="edge").astype(np.uint16)
    h, w = gray.shape
    total = sum(a[dy:dy + h, dx:dx + w] for dy in range(3) for dx in range(3))
    return total < 9 * t
