"""Reader for plain-text dumps of disclosures (the flattenings found in the seeds).

Three flattenings are understood, and may be mixed within one file:

- *cell per line*: a grid cell is a line that starts with one tab and has no other tab; blank lines
  separate rows; a non-tab line right after a cell (no blank line between) continues that cell
  (a wrapped cell);
- *row per line*: a line with tabs inside is a row, its fields are cells (empty fields are empty
  cells); consecutive such lines form one grid;
- *markdown-like text*: headings (`#`), bullets (`- `), bold markers and `[bookmark: …]` anchors are
  flattening artefacts and are removed from running text.

Everything else is running text, one `TextLine` per non-blank line.
"""

from __future__ import annotations

import re

from gongkai.ingest.base import Grid, GridCell, Page, RawDocument, TextLine

_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")
_MD_BULLET = re.compile(r"^\s*-\s+(?=\S)")
_MD_MARKUP = re.compile(r"\*\*|</?[bu]>")
_TITLE_LIKE = re.compile(r"^\S.{0,40}表(\s*[（(].{0,12}[)）])?\s*$")


def clean_text(line: str) -> str:
    """Remove flattening artefacts from a line of running text (not from cells)."""
    line = _BOOKMARK.sub("", line)
    line = _MD_HEADING.sub("", line)
    line = _MD_BULLET.sub("", line)
    line = _MD_MARKUP.sub("", line)
    return line.strip()


def _kind(line: str) -> str:
    if not line.strip() and "\t" not in line:
        return "blank"
    if line.startswith("\t") and "\t" not in line[1:]:
        return "cell"
    if "\t" in line.rstrip(" \t"):
        return "row"
    return "text"


def parse_text(text: str, path: str = "", sha256: str = "") -> RawDocument:
    """Split a text dump into running text lines and grids, all on one page."""
    lines = text.splitlines()
    blocks: list = []
    i, n = 0, len(lines)
    while i < n:
        kind = _kind(lines[i])
        if kind == "blank":
            i += 1
        elif kind == "text":
            cleaned = clean_text(lines[i])
            if cleaned:
                blocks.append(TextLine(text=cleaned, line=i + 1))
            i += 1
        elif kind == "cell":
            grid, i = _cell_per_line_grid(lines, i)
            blocks.append(grid)
        else:
            grid, i = _row_per_line_grid(lines, i)
            blocks.append(grid)
    return RawDocument(
        path=path, sha256=sha256, format="text", pages=[Page(number=1, blocks=blocks)], line_count=n
    )


def _cell_per_line_grid(lines: list[str], i: int) -> tuple[Grid, int]:
    rows: list[list[GridCell]] = []
    row: list[GridCell] = []
    n = len(lines)
    blank_run = 0
    while i < n:
        kind = _kind(lines[i])
        if kind == "cell":
            if blank_run and row:
                rows.append(row)
                row = []
            blank_run = 0
            row.append(GridCell(text=lines[i][1:].strip(), row=len(rows), col=len(row), line=i + 1))
            i += 1
        elif kind == "blank":
            blank_run += 1
            i += 1
        elif kind == "text" and not blank_run and row and _continues(lines[i]):
            cell = row[-1]  # a wrapped cell continues on a line of its own
            cell.text = f"{cell.text}\n{lines[i].strip()}" if cell.text else lines[i].strip()
            cell.line_end = i + 1
            i += 1
        else:
            break
    if row:
        rows.append(row)
    # leave trailing blank lines for the caller
    return Grid(rows=rows), i


def _continues(line: str) -> bool:
    """Whether a non-tab line right after a cell wraps that cell (rather than starting new text)."""
    if line[:1].isspace() or line.startswith("[bookmark") or line.startswith("#"):
        return False
    t = line.strip()
    return not (_TITLE_LIKE.match(t) or re.match(r"^第[一二三四五六七八九十]+部分", t))


def _row_per_line_grid(lines: list[str], i: int) -> tuple[Grid, int]:
    rows: list[list[GridCell]] = []
    n = len(lines)
    while i < n and _kind(lines[i]) == "row":
        fields = lines[i].split("\t")
        r = len(rows)
        rows.append([GridCell(text=f.strip(), row=r, col=c, line=i + 1) for c, f in enumerate(fields)])
        i += 1
    return Grid(rows=rows), i
