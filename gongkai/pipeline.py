"""The one-way flow: ingest → recognise → canonical model."""

from __future__ import annotations

from pathlib import Path

from gongkai.ingest.base import ReadError
from gongkai.model.document import Document
from gongkai.recognize.document import recognize


def read_raw(path: str | Path):
    """Read any supported file into the reader intermediate (the reader is chosen by content)."""
    try:
        from gongkai.ingest import read
    except ImportError:  # pragma: no cover - the format readers ship with the package
        read = None
    if read is not None:
        return read(str(path))
    return _read_text_only(Path(path))


def _read_text_only(path: Path):
    import hashlib

    from gongkai.ingest.text import parse_text

    if not path.exists():
        raise ReadError(f"文件不存在：{path}")
    data = path.read_bytes()
    if not data.strip():
        raise ReadError(f"文件为空：{path}")
    if b"\x00" in data[:4096]:
        raise ReadError(f"不是可识别的文档（二进制文件）：{path}")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ReadError(f"无法识别文件编码：{path}")
    return parse_text(text, str(path), hashlib.sha256(data).hexdigest())


def parse_file(path: str | Path) -> Document:
    """Parse one disclosure file into the canonical Document."""
    return recognize(read_raw(path))


def merge_raw(raws: list) -> "RawDocument":
    """Several files of one disclosure (e.g. 江苏's narrative PDF and tables PDF) as one document:
    pages are renumbered consecutively in the order given; text dumps keep their own line numbers."""
    import hashlib

    from gongkai.ingest.base import Page, RawDocument

    pages: list[Page] = []
    for raw in raws:
        for page in raw.pages:
            pages.append(Page(number=len(pages) + 1, blocks=page.blocks, width=page.width,
                              height=page.height, rotation=page.rotation, ocr=page.ocr))
    digest = hashlib.sha256("".join(r.sha256 for r in raws).encode()).hexdigest()
    formats = sorted({r.format for r in raws})
    merged = RawDocument(path=" + ".join(r.path for r in raws), sha256=digest,
                         format=formats[0] if len(formats) == 1 else "+".join(formats), pages=pages,
                         line_count=sum(r.line_count or 0 for r in raws) or None)
    return merged


def parse_as_one(paths: list[str | Path]) -> Document:
    """Parse several files as one disclosure."""
    from gongkai.model.document import Source

    raws = [read_raw(p) for p in paths]
    doc = recognize(merge_raw(raws))
    doc.source.parts = [Source(path=r.path, sha256=r.sha256, format=r.format,
                               pages=len(r.pages) if r.format != "text" else None, lines=r.line_count)
                        for r in raws]
    return doc
