"""A flat stream of recognisable items: running-text lines and grid rows, in reading order."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.ingest.base import Grid, GridCell, RawDocument, TextLine
from gongkai.model.location import Span


LOW_CONFIDENCE = 0.9  # below this an OCR reading is doubtful: labels are matched more loosely


@dataclass(slots=True)
class Item:
    """One line of text (cells is None) or one grid row (cells set)."""

    text: str
    span: Span
    cells: list[GridCell] | None = None
    grid: int | None = None  # index of the grid the row belongs to
    confidence: float | None = None
    ruled: bool = False  # a row of a ruled grid: its cells' columns are those of the header above

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


def _row_span(row: list[GridCell], page: int | None) -> Span:
    """The span of a grid row: its page (paged formats) and the range of its cells' source lines."""
    lines = [n for c in row for n in (c.line, c.line_end) if n is not None]
    if page is None and any(c.line is None for c in row):
        page = 0  # a line-less cell in a text dump
    return Span(page=page, line=min(lines) if lines else None, line_end=max(lines) if lines else None)


# page numbers as printed in page margins: '8', '- 8 -', '─ 8 ─', '— 8 —', '第8页', '第 8 页 共 20 页', '8/20'
PAGE_NUMBER_RE = re.compile(
    r"^[-－—─–~\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[-－—─–~\s]*$")
MARGIN = 0.12  # the top and bottom eighth of a page
# never drop what may be a table's meta line or number (a title is checked against the catalogue)
_KEEP = re.compile(r"(?:部门|单位)(?:名称)?\s*[:：]|单位\s*[:：]\s*(?:万元|元)|公开\s*\d+\s*表|公开表|^\s*表\s*[一二三四五六七八九十\d]")


def _is_title(text: str) -> bool:
    from gongkai.recognize.titles import title_candidates

    return bool(title_candidates(text))


def _in_margin(block: TextLine, page) -> bool:
    if block.bbox is None or not page.height:
        return False
    return block.bbox[3] <= MARGIN * page.height or block.bbox[1] >= (1 - MARGIN) * page.height


def running_lines(raw: RawDocument) -> set[int]:
    """ids of text lines that are page furniture, not content: page numbers in the top or bottom margin,
    and running headers/footers (the same text in the same margin on at least three pages)."""
    drop: set[int] = set()
    if raw.format == "text":
        return drop
    where: dict[tuple, list[tuple[int, int]]] = {}
    for page in raw.pages:
        for block in page.blocks:
            if not isinstance(block, TextLine) or not _in_margin(block, page):
                continue
            text = block.text.strip()
            if PAGE_NUMBER_RE.match(text):
                drop.add(id(block))
                continue
            if _KEEP.search(text) or _is_title(text):
                continue
            key = (re.sub(r"\d+", "#", re.sub(r"\s+", "", text)), block.bbox[1] < page.height / 2)
            where.setdefault(key, []).append((page.number, id(block)))
    for seen in where.values():
        pages = len({number for number, _ in seen})
        if pages >= 3 and pages >= len(raw.pages) / 3:
            drop.update(block for _, block in seen)
    return drop


def to_stream(raw: RawDocument) -> list[Item]:
    items: list[Item] = []
    grid_no = 0
    paged = raw.format != "text"
    furniture = running_lines(raw)
    for page in raw.pages:
        for block in page.blocks:
            if id(block) in furniture:
                continue
            if isinstance(block, TextLine):
                span = Span(page=page.number if paged else None, line=block.line, bbox=block.bbox)
                items.append(Item(text=block.text, span=span, confidence=block.confidence))
            elif isinstance(block, Grid):
                grid_no += 1
                for row in block.rows:
                    if not row:
                        continue
                    span = _row_span(row, page.number if paged else None)
                    confs = [c.confidence for c in row if c.confidence is not None]
                    items.append(Item(text=" ".join([c.text for c in row if c.text]),
                                      span=span, cells=row, grid=grid_no, ruled=block.ruled,
                                      confidence=min(confs) if confs else None))
    return items
