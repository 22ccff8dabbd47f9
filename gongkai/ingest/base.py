"""The reader-to-recogniser intermediate: pages of positioned text lines and cell grids.

Every reader (text dump, PDF, DOCX, XLSX, HTML, OCR) produces a `RawDocument`. Recognition reads only
this, so it is blind to the file format. There is no domain logic here: a reader says what text is where
and which cells form a grid, never what a table means.

Conventions:
- pages are 1-based; a format without pages (text dump, DOCX, HTML) has one page;
- `line` is the 1-based line in a text source, `bbox` is (x0, top, x1, bottom) in PDF points with the
  origin at the page's top-left; either may be None when the format has no such notion;
- `confidence` is set only by OCR (0–1);
- blocks within a page are in reading order.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, field

BBox = tuple[float, float, float, float]


@dataclass(slots=True)
class TextLine:
    """A line of running text (not part of a grid)."""

    text: str
    page: int = 1
    line: int | None = None
    bbox: BBox | None = None
    confidence: float | None = None


@dataclass(slots=True)
class GridCell:
    """One cell of a grid. Merged cells carry rowspan/colspan and appear once, at their top-left."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    line: int | None = None
    line_end: int | None = None
    bbox: BBox | None = None
    confidence: float | None = None


@dataclass(slots=True)
class Grid:
    """A table-like block: rows of cells. `rows[i]` lists the cells starting in row i, left to right."""

    rows: list[list[GridCell]]
    page: int = 1
    bbox: BBox | None = None
    ruled: bool = False  # structure came from ruling lines (PDF) or real table markup (DOCX/HTML/XLSX)
    name: str | None = None  # sheet name (XLSX) or caption, if the format has one

    @property
    def line_start(self) -> int | None:
        lines = [c.line for r in self.rows for c in r if c.line is not None]
        return min(lines) if lines else None

    @property
    def line_end(self) -> int | None:
        lines = [c.line_end or c.line for r in self.rows for c in r if c.line is not None]
        return max(lines) if lines else None

    def texts(self) -> list[list[str]]:
        return [[c.text for c in r] for r in self.rows]


Block = TextLine | Grid


@dataclass(slots=True)
class Page:
    number: int
    blocks: list[Block] = field(default_factory=list)
    width: float | None = None
    height: float | None = None
    rotation: int = 0
    ocr: bool = False  # text came from OCR


@dataclass(slots=True)
class RawDocument:
    path: str
    sha256: str
    format: str
    pages: list[Page]
    line_count: int | None = None

    def blocks(self):
        """All blocks of all pages, in reading order."""
        for page in self.pages:
            yield from page.blocks


class ReadError(Exception):
    """A file cannot be read. The message is Chinese and meant for the user."""


OS_REASONS = {
    errno.EACCES: "没有权限", errno.EPERM: "没有权限", errno.ENOENT: "文件或文件夹不存在",
    errno.EISDIR: "这是一个文件夹", errno.ENOTDIR: "路径中有一段不是文件夹", errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "只读文件系统", errno.EEXIST: "文件已存在", errno.ENAMETOOLONG: "文件名太长",
    errno.EBUSY: "文件正被占用",
}


def os_reason(exc: OSError) -> str:
    """An operating-system error in Chinese (the system's own text is often English)."""
    return OS_REASONS.get(exc.errno, f"系统错误（错误号 {exc.errno}）" if exc.errno else "系统错误")
