"""Readers: turn a disclosure file into a `RawDocument` (see `gongkai.ingest.base`).

`read(path)` picks the reader by the file's CONTENT, never by its extension:

- `%PDF-` magic → `gongkai.ingest.pdf.read_pdf`;
- ZIP magic → `word/document.xml` inside → DOCX, `xl/workbook.xml` inside → XLSX, otherwise an error;
- OLE2 magic (D0 CF 11 E0) → old binary Excel (`.xls`, read with xlrd) or an error naming the format
  (old `.doc`, a password-protected Office file, …);
- MHTML ("single file web page", `.mht`) → its HTML part, read as HTML;
- HTML (`<!DOCTYPE html`, `<html`, or `<table` / `<body` within the first 4 KB) → HTML;
- anything else that decodes as text (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030) → the text-dump
  reader `gongkai.ingest.text.parse_text`.

Every failure is a `ReadError` whose message is Chinese and meant for the user.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
import zipfile
from pathlib import Path

from gongkai.ingest.base import RawDocument, ReadError, os_reason

__all__ = ["read", "read_bytes", "sha256_hex", "cell_text", "sniff", "ReadError", "RawDocument"]

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_IMAGE_MAGICS = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
    b"BM": "BMP",
}


# --------------------------------------------------------------------------- helpers for readers


def read_bytes(path: str | os.PathLike) -> bytes:
    """The whole file, or a `ReadError` (missing, a directory, unreadable, empty)."""
    p = Path(path)
    try:
        if p.is_dir():
            raise ReadError(f"这是一个目录，不是文件：{path}")
        data = p.read_bytes()
    except ReadError:
        raise
    except FileNotFoundError:
        raise ReadError(f"文件不存在：{path}") from None
    except IsADirectoryError:
        raise ReadError(f"这是一个目录，不是文件：{path}") from None
    except PermissionError:
        raise ReadError(f"无法读取文件：{path}") from None
    except OSError as exc:
        raise ReadError(f"无法读取文件：{path}（{os_reason(exc)}）") from None
    if not _has_content(data):
        raise ReadError(f"文件为空：{path}")
    return data


def _has_content(data: bytes) -> bool:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return bool(data.decode("utf-16", "ignore").strip())
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return bool(data.strip())


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def cell_text(raw: str) -> str:
    """Normalise a cell's text the same way in every reader.

    Line breaks are kept as "\\n"; each line is stripped (ordinary, no-break and ideographic spaces);
    blank lines are dropped. Tabs become spaces.
    """
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").replace("\xa0", " ")
    lines = [ln.strip() for ln in raw.split("\n")]
    return "\n".join(ln for ln in lines if ln)


# --------------------------------------------------------------------------- sniffing


def _zip_kind(data: bytes) -> str:
    """docx / xlsx, or a ReadError naming what the ZIP is instead."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "xl/workbook.bin" in names:
                raise ReadError("暂不支持 .xlsb（Excel 二进制工作簿）文件，请另存为 .xlsx")
            if "mimetype" in names:
                mimetype = zf.read("mimetype")[:100]
                if b"opendocument" in mimetype:
                    raise ReadError("暂不支持 OpenDocument（.odt/.ods）文件，请另存为 .docx 或 .xlsx")
            # a DOCX/XLSX whose main part is not at the usual place: follow [Content_Types].xml
            if "[Content_Types].xml" in names:
                ctypes = zf.read("[Content_Types].xml")
                if b"wordprocessingml.document.main" in ctypes or b"ms-word.document.macroEnabled.main" in ctypes:
                    return "docx"
                if b"spreadsheetml.sheet.main" in ctypes or b"ms-excel.sheet.macroEnabled.main" in ctypes:
                    return "xlsx"
    except ReadError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, ValueError, EOFError):
        raise ReadError("文件已损坏：看起来是ZIP压缩格式（DOCX/XLSX），但无法解压") from None
    raise ReadError("ZIP文件不是DOCX或XLSX文档")


def _ole2_streams(data: bytes) -> list[str] | None:
    """Names in an OLE2 compound file's directory (None if it cannot be parsed)."""
    try:
        sector_shift, = struct.unpack_from("<H", data, 0x1E)
        sector_size = 1 << sector_shift
        if sector_size not in (512, 4096):
            return None
        num_fat, first_dir = struct.unpack_from("<II", data, 0x2C)  # 0x2C: #FAT sectors, 0x30: first dir
        first_difat, num_difat = struct.unpack_from("<II", data, 0x44)
        fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < 0xFFFFFFFA]
        nxt, guard = first_difat, 0
        per = sector_size // 4 - 1
        while nxt < 0xFFFFFFFA and guard < num_difat + 1:
            off = (nxt + 1) * sector_size
            entries = struct.unpack_from(f"<{per + 1}I", data, off)
            fat_sectors.extend(s for s in entries[:per] if s < 0xFFFFFFFA)
            nxt = entries[per]
            guard += 1
        fat: list[int] = []
        for s in fat_sectors[:num_fat]:
            fat.extend(struct.unpack_from(f"<{sector_size // 4}I", data, (s + 1) * sector_size))
        names: list[str] = []
        sector, seen = first_dir, set()
        while sector < 0xFFFFFFFA and sector not in seen and sector < len(fat):
            seen.add(sector)
            base = (sector + 1) * sector_size
            for i in range(sector_size // 128):
                entry = data[base + i * 128: base + (i + 1) * 128]
                if len(entry) < 128:
                    break
                name_len, = struct.unpack_from("<H", entry, 64)
                if 2 <= name_len <= 64 and entry[66] in (1, 2, 5):
                    names.append(entry[: name_len - 2].decode("utf-16-le", "replace"))
            sector = fat[sector]
        return names
    except (struct.error, IndexError, ValueError):
        return None


def _ole2_kind(data: bytes) -> str:
    names = _ole2_streams(data)
    if names is None:  # unparsable directory: guess from the UTF-16 names anywhere in the file
        def has(name: str) -> bool:
            return name.encode("utf-16-le") in data
    else:
        lowered = {n.lower() for n in names}

        def has(name: str) -> bool:
            return name.lower() in lowered
    if has("EncryptedPackage"):
        raise ReadError("文件设有打开密码（已加密），请去除密码后另存为 .docx 或 .xlsx 再读取")
    if has("Workbook") or has("Book"):
        return "xls"
    if has("WordDocument"):
        raise ReadError("暂不支持旧版 .doc 文件，请另存为 .docx")
    if has("PowerPoint Document"):
        raise ReadError("暂不支持PPT演示文稿，请提供PDF、DOCX、XLSX或HTML文件")
    raise ReadError("不是可识别的文档（OLE复合文档，但既不是 .xls 也不是 .doc）")


def _head_text(data: bytes, size: int = 4096) -> str:
    head = data[: size + 4]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "ignore")
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.decode("latin-1")


def _looks_like_html(data: bytes) -> bool:
    head = _head_text(data).lstrip().lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    if head.startswith("<") and "<html" in head:  # after an XML declaration or a "saved from" comment
        return True
    return "<table" in head or "<body" in head


def _looks_like_mhtml(data: bytes) -> bool:
    head = _head_text(data, 2048).lower()
    return "mime-version:" in head and "multipart/related" in head


def sniff(data: bytes) -> str:
    """The format of a file's bytes: pdf, docx, xlsx, xls, mhtml, html or text (or a ReadError)."""
    if data[:1024].lstrip().startswith(b"%PDF-") or (b"%PDF-" in data[:1024] and b"%%EOF" in data[-2048:]):
        return "pdf"
    if data.startswith(_ZIP_MAGICS):
        return _zip_kind(data)
    if data.startswith(_OLE2_MAGIC):
        return _ole2_kind(data)
    for magic, name in _IMAGE_MAGICS.items():
        if data.startswith(magic) and (name != "BMP" or b"\x00" in data[:64]):
            raise ReadError(f"这是{name}图片，不是文档；暂不支持图片识别，请提供PDF、DOCX、XLSX或HTML文件")
    if _looks_like_mhtml(data):
        return "mhtml"
    if _looks_like_html(data):
        return "html"
    return "text"


def decode_text(data: bytes) -> str:
    """Text bytes as str: BOM first, then UTF-8, then GB18030 (Chinese government files are often GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    if b"\x00" in data:
        raise ReadError("不是可识别的文档（二进制文件）")
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    text = data.decode("utf-8", "replace")
    if text.count("\ufffd") <= max(1, len(text) // 200):  # a few damaged bytes in a text file
        return text
    raise ReadError("不是可识别的文档（二进制文件）")


# --------------------------------------------------------------------------- the entry point


def read(path: str | os.PathLike) -> RawDocument:
    """Read any supported disclosure file, choosing the reader by content."""
    spath = os.fspath(path)
    data = read_bytes(spath)
    kind = sniff(data)
    try:
        return _dispatch(kind, spath, data)
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(f"文件结构嵌套过深，无法读取：{spath}") from None
    except Exception as exc:  # a reader's bug or a library's surprise: still a message for the user
        raise ReadError(f"读取文件时出错：{spath}（{type(exc).__name__}: {exc}）") from exc


def _dispatch(kind: str, spath: str, data: bytes) -> RawDocument:
    digest = sha256_hex(data)
    if kind == "pdf":
        try:
            from gongkai.ingest.pdf import read_pdf
        except ImportError:
            raise ReadError("暂不支持PDF") from None
        doc = read_pdf(spath, data=data)
        if not doc.sha256:
            doc.sha256 = digest
        return doc
    if kind == "docx":
        from gongkai.ingest.docx import read_docx

        return read_docx(spath, data=data)
    if kind == "xlsx":
        from gongkai.ingest.xlsx import read_xlsx

        return read_xlsx(spath, data=data)
    if kind == "xls":
        from gongkai.ingest.xlsx import read_xls

        return read_xls(spath, data=data)
    if kind == "mhtml":
        from gongkai.ingest.html import read_mhtml

        return read_mhtml(spath, data=data)
    if kind == "html":
        from gongkai.ingest.html import read_html

        return read_html(spath, data=data)
    from gongkai.ingest.text import parse_text

    return parse_text(decode_text(data), spath, digest)
