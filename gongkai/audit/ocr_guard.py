"""The precision rule for scanned documents, applied to every rule's findings.

A finding that depends on a reading made with low OCR confidence never claims that the document is
wrong: an error becomes a warning that says it may be a recognition error (可能为识别误差). A finding
depends on a reading when one of the places it points at (its location, related cells, operands) is a
table cell, a row label or a stretch of narrative text read by OCR below `low_confidence`. Findings that
claim something is absent (a table, a matching figure) depend on every reading: they are warnings on a
document with any low-confidence reading, since one misread title or figure makes a thing look absent.
"""

from __future__ import annotations

from gongkai.audit.finding import Finding, Location, Severity

NOTE = "（涉及识别置信度较低的内容，可能为识别误差）"


def guard(ctx, finding: Finding, absence: bool = False) -> Finding:
    """The finding, downgraded to a warning when it rests on a low-confidence OCR reading."""
    if finding.severity is not Severity.ERROR:
        return finding
    low = ctx.low_confidence
    if absence:
        shaky = low_reading(ctx.doc, low)
    else:
        confs = [c for c in (_confidence(ctx, loc, finding.quote) for loc in _locations(finding)) if c is not None]
        shaky = any(c < low for c in confs)
    if not shaky:
        return finding
    finding.severity = Severity.WARNING
    if "识别误差" not in finding.message:
        finding.message += NOTE
    return finding


def low_reading(doc, low: float) -> bool:
    """Whether any text, label or figure of the document was read by OCR with confidence below `low`."""
    if any(c is not None and c < low for s in doc.sections for c in s.line_confidence):
        return True
    return any((r.label_confidence is not None and r.label_confidence < low)
               or any(c.confidence is not None and c.confidence < low for c in r.cells.values())
               for t in doc.tables for r in t.rows)


def _locations(f: Finding) -> list[Location]:
    return [f.location, *f.related, *(op.location for op in f.operands if op.location is not None)]


def _confidence(ctx, loc: Location, quote: str | None) -> float | None:
    """The lowest OCR confidence of what a location points at (None: nothing there was OCR'd)."""
    confs: list[float] = []
    doc = ctx.doc
    if loc.table_index is not None and loc.row_index is not None and loc.table_index < len(doc.tables):
        table = doc.tables[loc.table_index]
        if loc.row_index < len(table.rows):
            row = table.rows[loc.row_index]
            if loc.column is not None:
                cell = row.cells.get(loc.column)
                confs += [cell.confidence] if cell is not None and cell.confidence is not None else []
            else:  # the row as a whole: its label and every figure in it
                confs += [c.confidence for c in row.cells.values() if c.confidence is not None]
                if row.label_confidence is not None:
                    confs.append(row.label_confidence)
    if loc.section:
        for s in doc.sections:
            if " › ".join(s.path) == loc.section and (c := s.confidence_of(quote)) is not None:
                confs.append(c)
    return min(confs) if confs else None
