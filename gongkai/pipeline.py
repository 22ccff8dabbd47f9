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
