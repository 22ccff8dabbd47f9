"""Placing header/body cells with rowspan and colspan on a grid (shared by the renderers)."""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.compose.tables import PCell


@dataclass
class Placed:
    cell: PCell
    row: int
    col: int


def place(rows: list[list[PCell]], ncols: int) -> list[Placed]:
    """Positions of the cells; a cell skips grid positions taken by row-spanning cells above it."""
    taken: set[tuple[int, int]] = set()
    out: list[Placed] = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            if c >= ncols:
                raise ValueError(f"row {r} is wider than {ncols} columns")
            out.append(Placed(cell, r, c))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
    return out


def fit_widths(rows: list[list[PCell]], widths: list[float], total: float, measure, pad: float) -> list[float]:
    """Column widths summing to `total`, shaped like `widths`, but never narrower than the widest
    right-aligned (numeric) cell of a column needs: figures must not wrap. The extra room comes from the
    text columns (left-aligned), which may wrap."""
    scale = total / sum(widths)
    out = [w * scale for w in widths]
    need = [0.0] * len(out)
    text_cols: set[int] = set()
    for placed in place(rows, len(out)):
        c = placed.cell
        if c.colspan != 1 or not c.text:
            continue
        if c.align == "right":
            need[placed.col] = max(need[placed.col], measure(c.text) + pad)
        elif c.align == "left":
            text_cols.add(placed.col)
    short = sum(max(0.0, n - w) for n, w in zip(need, out))
    if short <= 0:
        return out
    donors = [k for k in text_cols if need[k] == 0] or [k for k in range(len(out)) if out[k] > need[k]]
    room = sum(out[k] for k in donors)
    if room <= short:
        return out
    for k in range(len(out)):
        if need[k] > out[k]:
            out[k] = need[k]
    for k in donors:
        out[k] -= short * out[k] / room
    return out
