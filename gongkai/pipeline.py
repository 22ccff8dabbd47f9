"""The one-way flow: ingest → recognise → canonical model."""

from __future__ import annotations

from pathlib import Path

from gongkai.ingest import read
from gongkai.ingest.base import Page, RawDocument
from gongkai.model.document import Document, Source
from gongkai.recognize.document import recognize


def read_raw(path: str | Path) -> RawDocument:
    """Read any supported file into the reader intermediate (the reader is chosen by content)."""
    return read(str(path))


def parse_file(path: str | Path) -> Document:
    """Parse one disclosure file into the canonical Document."""
    return recognize(read_raw(path))


def merge_raw(raws: list[RawDocument]) -> RawDocument:
    """Several files of one disclosure (e.g. 江苏's narrative PDF and tables PDF) as one document:
    pages are renumbered consecutively in the order given; text dumps keep their own line numbers."""
    import hashlib

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
    raws = [read_raw(p) for p in paths]
    doc = recognize(merge_raw(raws))
    doc.source.parts = [Source(path=r.path, sha256=r.sha256, format=r.format,
                               pages=len(r.pages) if r.format != "text" else None, lines=r.line_count)
                        for r in raws]
    return doc
