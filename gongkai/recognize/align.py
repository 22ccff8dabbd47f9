"""Aligning a printed row's cells to the slots a template expects.

Flattened tables lose cell boundaries: a label may be split over two cells ('总', '计'), a merged cell
may swallow the 行次 column, an empty side may vanish. Instead of trusting positions, each row is
aligned to its expected slot sequence (e.g. label, 行次, amount | label, 行次, amount) by a small
dynamic programme that scores what each cell looks like against what each slot wants. Costs are
explicit below; a cheaper alignment wins, and the choice is reported when it was not the positional one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from dataclasses import dataclass, field

from gongkai.model.table import CellKind
from gongkai.recognize.numbers import is_row_number, normalise, parse_number

CODE_RE = re.compile(r"\d{3}(?:\d{2}){0,2}")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")

# Costs of matching a cell to a slot, of leaving a slot without a cell, and of a cell left out.
DELETE = {"label": 0.8, "code": 0.2, "rowno": 0.5, "amount": 0.9}
INSERT_BLANK, INSERT_DASH, INSERT_OTHER = 0.2, 1.0, 4.0
SKIP_BLOCK = 0.5  # a whole side or block of the row left unprinted
MAX_LABEL_CELLS = 4
BAD = 4.0


@dataclass(slots=True)
class Slot:
    kind: str  # label | code | rowno | amount
    block: str | None = None
    column: str | None = None
    expected: int | None = None  # expected 行次 (rowno slots) or 行次 it must not be taken for (amount)


@dataclass(slots=True)
class Alignment:
    cost: float
    cells: list[list[int]] = field(default_factory=list)  # per slot, the cell indexes it took


def classify(text: str) -> str:
    t = normalise(text)
    if not t:
        return "blank"
    kind, _ = parse_number(t)
    if kind is CellKind.DASH:
        return "dash"
    if kind is CellKind.NUMBER:
        return "number"
    return "text"


@dataclass(slots=True, frozen=True)
class Features:
    """What a cell looks like, computed once per cell."""

    text: str
    cls: str  # blank | dash | number | text
    code_like: bool
    rowno: int | None  # the value, when it could be a 行次


@lru_cache(maxsize=16384)
def features(text: str) -> Features:
    t = normalise(text)
    return Features(text=text, cls=classify(text), code_like=bool(CODE_RE.fullmatch(t)),
                    rowno=int(t) if is_row_number(t) else None)


def _match(f: Features, slot: Slot, label_cost: Callable[[str, str | None], float] | None,
           coded: bool = False) -> float:
    cls = f.cls
    if slot.kind == "label":
        if cls == "blank":
            return 0.0
        if cls == "text":
            return label_cost(f.text, slot.block) if label_cost else 0.0
        return BAD
    if slot.kind == "code":
        if cls == "blank":
            return 0.1
        return 0.0 if f.code_like else BAD
    if slot.kind == "rowno":
        if cls == "blank":
            return 0.0
        if cls == "number" and f.rowno is not None:
            if slot.expected is None:
                return 0.05
            return 0.0 if f.rowno == slot.expected else 0.25
        return 1.0 if cls == "dash" else BAD
    # amount
    if cls in ("blank", "dash"):
        return 0.0
    if coded and f.code_like and f.text.strip()[:1] in ("2", "3", "5"):
        return 0.6  # in a table with 科目编码, a bare 3/5/7-digit integer is more likely a code
    if cls == "number":
        if slot.expected is not None and f.rowno is not None:
            return 0.3 if f.rowno == slot.expected else 0.1
        return 0.0
    return 3.0


_SHAPES: dict[tuple, Alignment] = {}  # alignments by row shape, when label text does not matter
_MAX_SHAPES = 4096


def align(texts: list[str], slots: list[Slot],
          label_cost: Callable[[str, str | None], float] | None = None) -> Alignment:
    """Best alignment of cells to slots (in order). Cells may be skipped, slots left empty."""
    n, m = len(texts), len(slots)
    feats = [features(t) for t in texts]
    coded = any(s.kind == "code" for s in slots)
    if n == m and all(_match(f, s, label_cost, coded) == 0.0 for f, s in zip(feats, slots)):
        return Alignment(cost=0.0, cells=[[k] for k in range(n)])  # the positional reading is perfect
    if label_cost is not None:
        return _align(feats, slots, label_cost, coded)
    # without a label cost the result depends only on what each cell looks like: rows of one table
    # mostly share a few shapes
    key = (tuple((f.cls, f.code_like, f.rowno, f.text.strip()[:1] in ("2", "3", "5")) for f in feats),
           tuple((s.kind, s.block, s.expected) for s in slots))
    known = _SHAPES.get(key)
    if known is None:
        if len(_SHAPES) >= _MAX_SHAPES:
            _SHAPES.clear()
        known = _SHAPES[key] = _align(feats, slots, None, coded)
    return Alignment(cost=known.cost, cells=[list(c) for c in known.cells])


def _align(feats: list[Features], slots: list[Slot], label_cost, coded: bool) -> Alignment:
    n, m = len(feats), len(slots)
    classes = [f.cls for f in feats]
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    # where each block of slots starts and ends, for skipping a whole block at once
    block_end: dict[int, int] = {}
    if len({s.block for s in slots}) > 1:
        start = 0
        for j in range(1, m + 1):
            if j == m or slots[j].block != slots[start].block:
                block_end[start] = j
                start = j
    for i in range(n + 1):
        for j in range(m + 1):
            c = cost[i][j]
            if c == inf:
                continue
            if j < m:  # slot j takes cells i..k-1
                slot = slots[j]
                width = MAX_LABEL_CELLS if slot.kind == "label" else 1
                acc = 0.0
                for k in range(i, min(n, i + width)):
                    acc += _match(feats[k], slot, label_cost, coded) + (0.05 if k > i else 0.0)
                    if acc >= BAD * 2:
                        break
                    if c + acc < cost[k + 1][j + 1]:
                        cost[k + 1][j + 1] = c + acc
                        back[k + 1][j + 1] = ("take", i, j)
                skip = c + SKIP_BLOCK - 0.01 * j  # later blocks go unprinted first
                if j in block_end and skip < cost[i][block_end[j]]:
                    cost[i][block_end[j]] = skip
                    back[i][block_end[j]] = ("skip_block", i, j)
                d = c + DELETE[slot.kind] - 0.001 * j  # slot j left empty (later slots go empty first)
                if d < cost[i][j + 1]:
                    cost[i][j + 1] = d
                    back[i][j + 1] = ("skip_slot", i, j)
            if i < n:  # cell i left out
                ins = {"blank": INSERT_BLANK, "dash": INSERT_DASH}.get(classes[i], INSERT_OTHER) - 0.001 * i
                if c + ins < cost[i + 1][j]:
                    cost[i + 1][j] = c + ins
                    back[i + 1][j] = ("skip_cell", i, j)
    result = Alignment(cost=cost[n][m], cells=[[] for _ in slots])
    i, j = n, m
    while i or j:
        step = back[i][j]
        if step is None:  # pragma: no cover - unreachable: every state has a path
            break
        op, pi, pj = step
        if op == "take":
            result.cells[pj] = list(range(pi, i))
        i, j = pi, pj
    return result
