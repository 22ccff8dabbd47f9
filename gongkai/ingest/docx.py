"""Reader for Word `.docx` documents (python-docx for the package, the body XML walked directly).

The body is read in document order: each paragraph (`w:p`) becomes `TextLine`s, each table (`w:tbl`) a
`Grid` (`ruled=True`). Content controls (`w:sdt`), custom-XML wrappers and tracked insertions are looked
through; tracked deletions, field codes, text boxes and drawings are left out; headers, footers,
footnotes and comments are ignored.

- The document is one page (`Page(number=1)`).
- `line` is the 1-based index of a paragraph among ALL paragraphs of the body in document order,
  paragraphs inside table cells (and nested tables) included; a cell's `line`/`line_end` are its first
  and last paragraph. `RawDocument.line_count` is the number of paragraphs.
- A paragraph's soft line breaks (`w:br`) split it into several `TextLine`s with the same `line`;
  empty paragraphs give none.
- Tables: `gridSpan` → colspan, `vMerge` → rowspan (the merged cell is emitted once, in the row where it
  starts), legacy `hMerge` → colspan, `gridBefore` shifts a row's first cell. Every real cell is emitted,
  empty ones with text "". A cell's text is its own paragraphs joined with "\\n" (each line stripped,
  blank lines dropped).
- A table nested in a cell is emitted as its own `Grid` right after the outer table's Grid (nested
  tables in document order, a nested table's own nested tables right after it); the outer cell keeps
  only its own text.
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass, field

from gongkai.ingest import cell_text, read_bytes, sha256_hex
from gongkai.ingest.base import Block, Grid, GridCell, Page, RawDocument, ReadError, TextLine

__all__ = ["read_docx"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
P, TBL, TR, TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
_WRAPPERS = {_W + "customXml", _W + "ins", _W + "moveTo", _W + "smartTag"}
# subtrees whose text is not part of the running text
_SKIP = {
    _W + "del", _W + "moveFrom", _W + "txbxContent", _W + "drawing", _W + "pict", _W + "object",
    _MC + "AlternateContent", _W + "instrText", _W + "delText", _W + "pPr", _W + "rPr", _W + "rt",
    _W + "sdtPr", _W + "fldData", _W + "commentReference", _W + "footnoteReference",
    _W + "endnoteReference",
}


@dataclass
class _State:
    paragraphs: int = 0  # paragraphs seen so far (the `line` counter)
    blocks: list[Block] = field(default_factory=list)


def _val(el, name: str) -> str | None:
    if el is None:
        return None
    child = el.find(_W + name)
    if child is None:
        return None
    return child.get(_W + "val", "")


def _int(value: str | None, default: int) -> int:
    try:
        return max(int(value), 0) if value not in (None, "") else default
    except ValueError:
        return default


def _paragraph_text(p) -> str:
    out: list[str] = []

    def walk(el) -> None:
        for ch in el:
            tag = ch.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _W + "t":
                out.append(ch.text or "")
            elif tag == _W + "tab" or tag == _W + "ptab":
                out.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                out.append("\n")
            elif tag == _W + "noBreakHyphen":
                out.append("-")
            elif tag == _W + "sym":
                code = (ch.get(_W + "char") or "").upper()
                if code and not code.startswith("F0"):  # F0xx: symbol-font glyphs, no Unicode meaning
                    try:
                        out.append(chr(int(code, 16)))
                    except ValueError:
                        pass
            else:
                walk(ch)

    walk(p)
    return "".join(out)


def _children(el, wanted: str):
    """Children of `el` with tag `wanted`, looking through content controls and wrappers."""
    for ch in el:
        tag = ch.tag
        if tag == wanted:
            yield ch
        elif tag == _W + "sdt":
            content = ch.find(_W + "sdtContent")
            if content is not None:
                yield from _children(content, wanted)
        elif tag in _WRAPPERS:
            yield from _children(ch, wanted)


def _content(el):
    """Paragraphs and tables of a body or a cell, in document order."""
    for ch in el:
        tag = ch.tag
        if tag in (P, TBL):
            yield ch
        elif tag == _W + "sdt":
            content = ch.find(_W + "sdtContent")
            if content is not None:
                yield from _content(content)
        elif tag in _WRAPPERS:
            yield from _content(ch)


def _read_table(tbl, state: _State) -> list[Grid]:
    """The table's Grid followed by the Grids of the tables nested in it."""
    rows: list[list[GridCell]] = []
    nested: list[Grid] = []
    open_v: dict[int, GridCell] = {}  # grid column → cell whose vertical merge may continue
    for r, tr in enumerate(_children(tbl, TR)):
        row: list[GridCell] = []
        col = _int(_val(tr.find(_W + "trPr"), "gridBefore"), 0)
        touched: set[int] = set()
        for tc in _children(tr, TC):
            tc_pr = tc.find(_W + "tcPr")
            span = max(_int(_val(tc_pr, "gridSpan"), 1), 1)
            v_merge = _val(tc_pr, "vMerge")  # None: no merge; "restart"; "" or "continue": continues
            h_merge = _val(tc_pr, "hMerge")
            texts: list[str] = []
            first = last = None
            inner: list[Grid] = []
            for item in _content(tc):
                if item.tag == P:
                    state.paragraphs += 1
                    first = first or state.paragraphs
                    last = state.paragraphs
                    texts.append(_paragraph_text(item))
                else:
                    inner.extend(_read_table(item, state))
            nested.extend(inner)
            if h_merge not in (None, "restart") and row:  # legacy horizontal merge: widen the previous cell
                row[-1].colspan += span
                col += span
                continue
            if v_merge not in (None, "restart") and col in open_v:
                cell = open_v[col]
                cell.rowspan = r - cell.row + 1
                if last is not None:
                    cell.line_end = last
                touched.add(col)
                col += span
                continue
            cell = GridCell(text=cell_text("\n".join(texts)), row=r, col=col, colspan=span, line=first,
                            line_end=last if last != first else None)
            row.append(cell)
            for k in range(col, col + span):
                open_v.pop(k, None)
            if v_merge is not None:
                open_v[col] = cell
                touched.add(col)
            col += span
        for k in [k for k in open_v if k not in touched]:
            del open_v[k]
        rows.append(row)
    return [Grid(rows=rows, ruled=True), *nested]


def _read_body(body, state: _State) -> None:
    for item in _content(body):
        if item.tag == P:
            state.paragraphs += 1
            text = _paragraph_text(item).replace("\t", " ").replace("\xa0", " ")
            for piece in text.split("\n"):
                piece = piece.strip()
                if piece:
                    state.blocks.append(TextLine(text=piece, line=state.paragraphs))
        else:
            state.blocks.extend(_read_table(item, state))


def _document_element(data: bytes, path: str):
    """The `w:document` element: through python-docx, or straight from the ZIP for .docm/.dotx."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data)).element
    except ValueError:  # a macro document or a template: python-docx refuses the content type
        pass
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError):
        raise ReadError(f"DOCX文件已损坏或格式不正确，无法读取：{path}") from None
    except Exception as exc:
        raise ReadError(f"DOCX文件已损坏或格式不正确，无法读取：{path}（{type(exc).__name__}）") from None
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = zf.read("word/document.xml")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
        return etree.fromstring(xml, parser)
    except Exception:
        raise ReadError(f"DOCX文件已损坏或格式不正确，无法读取：{path}") from None


def read_docx(path: str | os.PathLike, *, data: bytes | None = None) -> RawDocument:
    """Read a .docx: body paragraphs as TextLines and tables as Grids, in document order, on one page."""
    spath = os.fspath(path)
    if data is None:
        data = read_bytes(spath)
    document = _document_element(data, spath)
    body = document.find(_W + "body")
    if body is None:
        raise ReadError(f"DOCX文件已损坏或格式不正确（缺少正文）：{spath}")
    state = _State()
    try:
        _read_body(body, state)
    except RecursionError:
        raise ReadError(f"DOCX文件嵌套过深，无法读取：{spath}") from None
    return RawDocument(path=spath, sha256=sha256_hex(data), format="docx",
                       pages=[Page(number=1, blocks=state.blocks)], line_count=state.paragraphs)
