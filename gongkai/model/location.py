"""Where a piece of the canonical model came from in the source file."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Span(BaseModel):
    """A place in the source: a page and/or a line range, optionally a box on the page.

    Pages and lines are 1-based. Text dumps have lines but no pages; PDFs have pages and boxes.
    """

    model_config = ConfigDict(frozen=True)

    page: int | None = None
    line: int | None = None
    line_end: int | None = None
    bbox: tuple[float, float, float, float] | None = None

    def describe(self) -> str:
        """Short Chinese description, e.g. '第3页' or '第120–135行'."""
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.line is not None:
            if self.line_end is not None and self.line_end != self.line:
                parts.append(f"第{self.line}–{self.line_end}行")
            else:
                parts.append(f"第{self.line}行")
        return " ".join(parts) or "位置不详"

    @staticmethod
    def cover(spans: list["Span | None"]) -> "Span | None":
        """The smallest span covering all given spans (page of the first, line range of all)."""
        real = [s for s in spans if s is not None]
        if not real:
            return None
        lines = [s.line for s in real if s.line is not None] + [
            s.line_end for s in real if s.line_end is not None
        ]
        pages = [s.page for s in real if s.page is not None]
        return Span(
            page=min(pages) if pages else None,
            line=min(lines) if lines else None,
            line_end=max(lines) if lines else None,
        )
