"""One CSV row per table cell (the `gongkai parse --format csv` output).

Several documents make one CSV with one header: every row names its source file, unit, year and kind
and the template row key, so the rows of many files can be filtered and compared in one sheet.
"""

from __future__ import annotations

import csv
import io

from gongkai.model import Document

FIELDS = ["file", "unit_name", "year", "doc_kind", "table", "template_id", "printed_number", "unit", "block",
          "row_number", "code", "label", "row_key", "column", "column_header", "kind", "value", "text",
          "page", "line", "reading"]


def render(docs: Document | list[Document]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for doc in [docs] if isinstance(docs, Document) else docs:
        source = {"file": doc.source.path, "unit_name": doc.unit_name or "", "year": doc.year or "",
                  "doc_kind": doc.kind.value if doc.kind else ""}
        for t in doc.tables:
            headers = {c.key: c.header for c in t.columns}
            for r in t.rows:
                for key, cell in r.cells.items():
                    span = cell.span or r.span
                    writer.writerow({
                        **source,
                        "table": t.printed_title or t.title, "template_id": t.template_id or "",
                        "printed_number": t.printed_number or "", "unit": t.unit.value if t.unit else "",
                        "block": r.block or "", "row_number": r.number or "", "code": r.code or "",
                        "label": r.label, "row_key": r.key or "", "column": key,
                        "column_header": headers.get(key, ""), "kind": cell.kind.value,
                        "value": "" if cell.value is None else str(cell.value),
                        "text": cell.text, "page": (span.page or "") if span else "",
                        "line": (span.line or "") if span else "", "reading": cell.reading or "",
                    })
    return out.getvalue()
