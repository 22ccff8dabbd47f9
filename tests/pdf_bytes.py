"""Serialising hand-built PDF objects (shared by the tests that write minimal PDFs themselves)."""

from __future__ import annotations


def serialise(objs: list[bytes], catalog: int, trailer_extra: str = "") -> bytes:
    """Objects numbered 1…n in order, a cross-reference table and a trailer rooted at `catalog`."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    trailer = f"<< /Size {len(objs) + 1} /Root {catalog} 0 R{trailer_extra} >>"
    out += b"trailer\n" + trailer.encode() + b"\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
