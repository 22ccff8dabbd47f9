"""Reader for locally saved disclosure web pages (`.html`/`.htm`, and `.mht` single-file web pages).

Parsed with the standard library's `html.parser` as a stream of tags (no tree is built), which copes
with the unclosed `<td>`, `<tr>` and `<p>` tags common on government sites:

- every `<table>` becomes a `Grid` (`ruled=True`) emitted where the table ends; `rowspan`/`colspan` are
  honoured (a cell's column skips positions taken by row-spanning cells above; a span reaching past the
  table is cut at its edge; `rowspan="0"` spans to the last row); `<th>` and `<td>` are alike; a
  `<caption>` becomes `Grid.name` and also a `TextLine` just before the grid (it shows as a title line);
- a table nested in a cell is emitted as its own Grid right after the outer one (in document order);
  the outer cell keeps only its own text;
- running text outside tables becomes one `TextLine` per line: block elements (p, div, h1–h6, li, …) and
  `<br>` end lines; inside a cell they become "\\n" in the cell text;
- `<script>`, `<style>`, `<head>`, `<noscript>`, `<template>`, `<select>`, `<textarea>`, Word's `<xml>`
  islands and elements marked `hidden` or styled `display:none` / `visibility:hidden` /
  `mso-hide:all` are ignored;
- whitespace collapses as a browser does it (runs of spaces and newlines become one space), except that
  a line break between two Chinese characters disappears (the CSS segment-break rule for CJK), so a cell
  written as "一般公共\\n预算" in the source reads "一般公共预算"; `&nbsp;` is a space that does not
  collapse;
- one page; `line` is the 1-based line in the (decoded) HTML source where a text line or cell starts,
  `line_end` where a cell ends (when different).

Encoding: a byte-order mark wins; then valid UTF-8 is taken as UTF-8 (pages that declare gb2312 but are
really UTF-8 are common, and GBK text is practically never valid UTF-8); then the `<meta charset>` /
`http-equiv` declaration (or the charset of the MHTML part); then GB18030 (a superset of GBK/GB2312).
"""

from __future__ import annotations

import codecs
import email
import email.policy
import os
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

from gongkai.ingest import cell_text, read_bytes, sha256_hex
from gongkai.ingest.base import Block, Grid, GridCell, Page, RawDocument, ReadError, TextLine

__all__ = ["read_html", "read_mhtml", "parse_html", "decode_html"]

_BREAK = "\x00"  # a hard line break inside a text buffer
_WS = re.compile(r"[ \t\n\r\f]+")
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.IGNORECASE)
_GBK_FAMILY = {"gb2312", "gbk", "x-gbk", "cp936", "ms936", "windows-936", "gb_2312-80", "csgb2312",
               "euc-cn", "gb18030", "x-euc-cn", "chinese", "iso-ir-58"}

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
         "track", "wbr", "basefont", "bgsound", "frame", "keygen"}
_SKIP = {"script", "style", "head", "title", "noscript", "template", "select", "textarea", "xml",
         "svg", "math", "iframe", "object", "applet", "noframes", "button"}
_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
          "blockquote", "section", "article", "header", "footer", "nav", "aside", "main", "figure",
          "figcaption", "address", "hr", "pre", "form", "fieldset", "legend", "center", "body", "html",
          "details", "summary", "menu", "dir", "listing", "plaintext", "xmp", "frameset"}
_ROW_GROUP = {"thead", "tbody", "tfoot"}
_HEAD_CONTENT = {"meta", "link", "title", "style", "script", "base", "noscript", "template", "basefont",
                 "bgsound", "head", "xml"}


# --------------------------------------------------------------------------- encoding


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    if name in _GBK_FAMILY:
        return "gb18030"
    if name in ("big5", "big5-hkscs", "cn-big5", "x-x-big5"):
        return "big5hkscs"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode a page's bytes (see the module docstring for the order of evidence)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    head = data[:8192]
    candidates = [_codec(declared)]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if m:
        candidates.append(_codec(m.group(1).decode("ascii", "ignore")))
    candidates.append("gb18030")
    for enc in candidates:
        if enc and enc not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
            try:
                return data.decode(enc)
            except (UnicodeDecodeError, LookupError):
                continue
    return data.decode("gb18030", "replace")


# --------------------------------------------------------------------------- text buffers


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F") and not ("\uac00" <= ch <= "\ud7a3")


def _collapse(text: str) -> str:
    def repl(m: re.Match) -> str:
        run = m.group()
        if "\n" in run or "\r" in run:
            before = text[m.start() - 1] if m.start() > 0 else ""
            after = text[m.end()] if m.end() < len(text) else ""
            if before and after and _wide(before) and _wide(after):
                return ""
        return " "

    return _WS.sub(repl, text)


@dataclass
class _Buffer:
    """Text pieces with the source line each starts on; `_BREAK` pieces are hard line breaks."""

    pieces: list[tuple[str, int]] = field(default_factory=list)

    def add(self, text: str, line: int) -> None:
        self.pieces.append((text, line))

    def brk(self, line: int) -> None:
        if self.pieces and self.pieces[-1][0] != _BREAK:
            self.pieces.append((_BREAK, line))

    def lines(self) -> list[tuple[str, int]]:
        """The buffer's lines (collapsed, stripped, non-empty) with their start lines."""
        out: list[tuple[str, int]] = []
        cur: list[str] = []
        cur_line: int | None = None

        def finish() -> None:
            nonlocal cur, cur_line
            text = _collapse("".join(cur)).replace("\xa0", " ").strip()
            if text:
                out.append((text, cur_line or 1))
            cur, cur_line = [], None

        for text, line in self.pieces:
            if text == _BREAK:
                finish()
                continue
            if cur_line is None and text.strip(" \t\n\r\f"):
                lead = len(text) - len(text.lstrip(" \t\n\r\f"))
                cur_line = line + text[:lead].count("\n")
            cur.append(text)
        finish()
        self.pieces = []
        return out

    def has_text(self) -> bool:
        return any(t != _BREAK and t.strip(" \t\n\r\f") for t, _ in self.pieces)


# --------------------------------------------------------------------------- tables


@dataclass
class _Table:
    line: int
    rows: list[list[GridCell]] = field(default_factory=list)
    row_open: bool = False
    next_col: int = 0
    # cells spanning rows: (first row, last row, first col, last col); rowspan="0" runs to the end
    spans: list[tuple[int, float, int, int]] = field(default_factory=list)
    cell: GridCell | None = None
    cell_buf: _Buffer = field(default_factory=_Buffer)
    caption: _Buffer | None = None
    caption_text: str | None = None
    caption_line: int | None = None
    nested: list[Grid] = field(default_factory=list)

    def open_row(self, line: int | None = None) -> None:
        self.close_cell(line)
        self.rows.append([])
        self.row_open = True
        self.next_col = 0

    def close_row(self, line: int | None = None) -> None:
        self.close_cell(line)
        self.row_open = False

    def open_cell(self, line: int, rowspan: int, colspan: int) -> None:
        self.close_cell(line)
        if not self.row_open:
            self.open_row(line)
        r = len(self.rows) - 1
        col = self.next_col
        moved = True
        while moved:  # skip positions taken by cells spanning down from rows above
            moved = False
            for first, last, c1, c2 in self.spans:
                if first < r <= last and c1 <= col <= c2:
                    col, moved = c2 + 1, True
        cell = GridCell(text="", row=r, col=col, rowspan=rowspan, colspan=colspan, line=line)
        self.rows[r].append(cell)
        if rowspan != 1:
            self.spans.append((r, float("inf") if rowspan == 0 else r + rowspan - 1, col, col + colspan - 1))
        self.next_col = col + colspan
        self.cell = cell

    def close_cell(self, line: int | None) -> None:
        if self.cell is None:
            return
        lines = self.cell_buf.lines()
        self.cell.text = cell_text("\n".join(t for t, _ in lines))
        if line is not None and line != self.cell.line:
            self.cell.line_end = line
        self.cell = None

    def finish(self, line: int) -> Grid | None:
        self.close_cell(line)
        rows = self.rows
        covered: set[int] = set()
        for r, row in enumerate(rows):
            for c in row:
                span = len(rows) - r if c.rowspan == 0 else c.rowspan
                c.rowspan = max(1, min(span, len(rows) - r))
                covered.update(range(r + 1, r + c.rowspan))
        keep = [r for r, row in enumerate(rows) if row or r in covered]
        if not keep:
            return None
        renumber = {old: new for new, old in enumerate(keep)}
        out = []
        for old in keep:
            for c in rows[old]:
                c.row = renumber[old]
            out.append(rows[old])
        return Grid(rows=out, ruled=True, name=self.caption_text)


# --------------------------------------------------------------------------- the parser


def _span(value: str | None, default: int, upper: int) -> int:
    if value is None:
        return default
    m = re.match(r"\s*(\d+)", value)
    if not m:
        return default
    return min(int(m.group(1)), upper)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.text = _Buffer()
        self.tables: list[_Table] = []
        self.skip_tag: str | None = None
        self.skip_depth = 0
        self.pre = 0

    # ---- helpers
    def _line(self) -> int:
        return self.getpos()[0]

    def _flush_text(self) -> None:
        for text, line in self.text.lines():
            self.blocks.append(TextLine(text=text, line=line))

    def _target(self) -> _Buffer:
        """Where text goes: the open cell (or caption) of the innermost table, else running text."""
        for table in reversed(self.tables):
            if table.caption is not None:
                return table.caption
            if table.cell is not None:
                return table.cell_buf
        return self.text

    def _break(self) -> None:
        target = self._target()
        if target is self.text:
            self._flush_text()
        else:
            target.brk(self._line())

    def _end_table(self) -> None:
        table = self.tables.pop()
        self._end_caption(table)
        grid = table.finish(self._line())
        sequence: list[Grid] = ([grid] if grid else []) + table.nested
        if self.tables:
            self.tables[-1].nested.extend(sequence)
        else:
            self._flush_text()  # text fostered out of the table shows before it
            if grid is not None and table.caption_text:
                self.blocks.append(TextLine(text=table.caption_text, line=table.caption_line))
            self.blocks.extend(sequence)

    @staticmethod
    def _end_caption(table: _Table) -> None:
        if table.caption is not None:
            lines = table.caption.lines()
            text = " ".join(t for t, _ in lines)
            if text and not table.caption_text:
                table.caption_text, table.caption_line = text, lines[0][1]
            table.caption = None

    # ---- events
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip_tag is not None:
            if self.skip_tag == "head" and tag not in _HEAD_CONTENT:
                self.skip_tag = None  # body content in a page that never closes <head>
            else:
                if tag == self.skip_tag:
                    self.skip_depth += 1
                return
        attr = dict(attrs)
        if tag not in _VOID and (tag in _SKIP or "hidden" in attr
                                 or _HIDDEN_STYLE.search(attr.get("style") or "")):
            self.skip_tag, self.skip_depth = tag, 1
            return
        table = self.tables[-1] if self.tables else None
        if tag == "table":
            if table is not None and table.cell is None and table.caption is None:
                self._end_table()  # <table> directly in a table: the HTML parser closes the first one
            elif table is None:
                self._flush_text()
            self.tables.append(_Table(line=self._line()))
        elif tag in ("td", "th") and table is not None:
            self._end_caption(table)
            table.open_cell(self._line(), _span(attr.get("rowspan"), 1, 65534),
                            max(_span(attr.get("colspan"), 1, 1000), 1))
        elif tag == "tr" and table is not None:
            self._end_caption(table)
            table.open_row(self._line())
        elif tag in _ROW_GROUP and table is not None:
            self._end_caption(table)
            table.close_row(self._line())
        elif tag == "caption" and table is not None:
            table.close_row()
            table.caption = _Buffer()
        elif tag == "br":
            self._break()
        elif tag in _BLOCK or tag in ("td", "th", "tr", "caption"):
            if tag == "pre":
                self.pre += 1
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_depth -= 1
                if self.skip_depth <= 0:
                    self.skip_tag = None
            return
        table = self.tables[-1] if self.tables else None
        if tag == "table":
            if table is not None:
                self._end_table()
        elif tag in ("td", "th") and table is not None:
            table.close_cell(self._line())
        elif tag in ("tr", *_ROW_GROUP) and table is not None:
            table.close_row(self._line())
        elif tag == "caption" and table is not None:
            self._end_caption(table)
        elif tag == "br":  # "</br>" is read as "<br>" by browsers
            self._break()
        elif tag in _BLOCK:
            if tag == "pre":
                self.pre = max(0, self.pre - 1)
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skip_tag is not None or not data:
            return
        data = data.replace(_BREAK, "")
        if self.pre:
            data = data.replace("\r\n", "\n").replace(" ", "\xa0").replace("\t", "\xa0")
            data = data.replace("\n", _BREAK)
        target = self._target()
        if self.tables and target is self.text and not data.strip(" \t\n\r\f"):
            return  # whitespace between table tags
        target.add(data, self._line())

    def close(self) -> None:
        super().close()
        while self.tables:
            self._end_table()
        self._flush_text()


def parse_html(text: str, path: str = "", sha256: str = "", fmt: str = "html") -> RawDocument:
    """Turn a decoded page into a RawDocument (one page)."""
    parser = _PageParser()
    try:
        parser.feed(text)
        parser.close()
    except RecursionError:
        raise ReadError(f"HTML文件结构过深，无法读取：{path}") from None
    return RawDocument(path=path, sha256=sha256, format=fmt, pages=[Page(number=1, blocks=parser.blocks)],
                       line_count=text.count("\n") + 1)


def read_html(path: str | os.PathLike, *, data: bytes | None = None,
              encoding: str | None = None) -> RawDocument:
    """Read a saved web page. `encoding` is a declared charset to try (e.g. from an HTTP header)."""
    spath = os.fspath(path)
    if data is None:
        data = read_bytes(spath)
    return parse_html(decode_html(data, encoding), spath, sha256_hex(data))


def read_mhtml(path: str | os.PathLike, *, data: bytes | None = None) -> RawDocument:
    """Read a single-file web page (MHTML, `.mht`): its first HTML part, as `read_html` would."""
    spath = os.fspath(path)
    if data is None:
        data = read_bytes(spath)
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        for part in message.walk():
            if part.get_content_type() == "text/html":
                payload = part.get_payload(decode=True)
                if payload:
                    text = decode_html(payload, part.get_content_charset())
                    return parse_html(text, spath, sha256_hex(data))
    except (ValueError, LookupError, TypeError):
        pass
    raise ReadError(f"MHT网页文件中没有可读取的HTML内容：{spath}")
