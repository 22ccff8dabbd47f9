"""A flat stream of recognisable items: running-text lines and grid rows, in reading order."""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.ingest.base import Grid, GridCell, RawDocument, TextLine
from gongkai.model.location import Span


@dataclass(slots=True)
class Item:
    """One line of text (cells is None) or one grid row (cells set)."""

    text: str
    span: Span
    cells: list[GridCell] | None = None
    grid: int | None = None  # index of the grid the row belongs to
    confidence: float | None = None

    @property
    def is_row(self) -> bool:
        return self.cells is not None

    def texts(self) -> list[str]:
        return [c.text for c in self.cells] if self.cells is not None else [self.text]

    def nonempty(self) -> list[str]:
        return [t for t in self.texts() if t.strip()]


def cell_span(cell: GridCell, page: int) -> Span:
    return Span(page=page if cell.line is None else None, line=cell.line,
                line_end=cell.line_end if cell.line_end != cell.line else None, bbox=cell.bbox)


def to_stream(raw: RawDocument) -> list[Item]:
    items: list[Item] = []
    grid_no = 0
    paged = raw.format != "text"
    for page in raw.pages:
        for block in page.blocks:
            if isinstance(block, TextLine):
                span = Span(page=page.number if paged else None, line=block.line, bbox=block.bbox)
                items.append(Item(text=block.text, span=span, confidence=block.confidence))
            elif isinstance(block, Grid):
                grid_no += 1
                for row in block.rows:
                    if not row:
                        continue
                    spans = [cell_span(c, page.number if paged else 0) for c in row]
                    span = Span.cover(spans) or Span()
                    if paged:
                        span = Span(page=page.number, line=span.line, line_end=span.line_end)
                    confs = [c.confidence for c in row if c.confidence is not None]
                    items.append(Item(text=" ".join(c.text for c in row if c.text),
                                      span=span, cells=row, grid=grid_no,
                                      confidence=min(confs) if confs else None))
    return items
