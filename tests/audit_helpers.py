"""Building documents for rule tests: the consistent example, with one planted error at a time."""

from __future__ import annotations

from decimal import Decimal

from conftest import parsed_example
from gongkai.audit import audit
from gongkai.model import Cell, CellKind, Column, Document, Row, Source, Table


def example() -> Document:
    """A fresh deep copy of the bundled consistent example."""
    return parsed_example().model_copy(deep=True)


def find_row(doc: Document, template_id: str, key: str) -> Row:
    t = doc.table(template_id)
    row = t.row(key) or t.by_code(key)
    assert row is not None, f"{template_id} has no row {key}"
    return row


def bump(doc: Document, template_id: str, key: str, column: str, delta: str = "1") -> Cell:
    """Add delta to one printed amount (text and value together)."""
    cell = find_row(doc, template_id, key).cells[column]
    value = (cell.value or Decimal(0)) + Decimal(delta)
    cell.kind, cell.value, cell.text = CellKind.NUMBER, value, f"{value:.2f}"
    return cell


def codes_found(doc: Document, code: str, severity: str = "error") -> list:
    return [f for f in audit(doc, select_codes=[code]).findings if f.code == code and f.severity.value == severity]


def num(text: str) -> Cell:
    return Cell(kind=CellKind.NUMBER, value=Decimal(text), text=text)


def table(template_id: str, title: str, columns: list[str], rows: list[tuple], rounded: bool = False) -> Table:
    """A small table: rows are (key, code, label, [values…])."""
    return Table(template_id=template_id, title=title, printed_title=title, rounded=rounded,
                 columns=[Column(key=c, header=c) for c in columns],
                 rows=[Row(key=k, code=code, label=label, cells={c: num(v) for c, v in zip(columns, values)})
                       for k, code, label, values in rows])


def doc_with(*tables: Table, year: int = 2023) -> Document:
    return Document(year=year, source=Source(path="synthetic", sha256="0", format="text"), tables=list(tables))
