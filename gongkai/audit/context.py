"""What a rule sees: the document, the configuration, and helpers to point at cells."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from gongkai.audit.finding import Location, Operand
from gongkai.model.document import Document
from gongkai.model.table import CellKind, Row, Table


@dataclass
class Context:
    doc: Document
    options: dict = field(default_factory=dict)
    profile: str | None = None
    _index: tuple[dict[int, int], dict[int, int]] | None = field(default=None, repr=False)
    _locations: dict[tuple[int, int, str | None], Location] = field(default_factory=dict, repr=False)

    @property
    def rounded(self) -> bool:
        """The set states that unit conversion may leave tail differences (尾数误差)."""
        return any(t.rounded for t in self.doc.tables) or bool(self.options.get("rounded"))

    def table(self, template_id: str) -> Table | None:
        return self.doc.table(template_id)

    def tables(self, *template_ids: str) -> list[Table]:
        return [t for t in self.doc.tables if t.template_id in template_ids]

    def _indexes(self) -> tuple[dict[int, int], dict[int, int]]:
        """Positions of tables and rows by identity (pydantic equality would compare deeply)."""
        if self._index is None:
            self._index = ({id(t): k for k, t in enumerate(self.doc.tables)},
                           {id(r): k for t in self.doc.tables for k, r in enumerate(t.rows)})
        return self._index

    def index_of(self, table: Table) -> int | None:
        return self._indexes()[0].get(id(table))

    def row_index(self, row: Row) -> int | None:
        return self._indexes()[1].get(id(row))

    def location(self, table: Table, row: Row | None = None, column: str | None = None) -> Location:
        """Where a cell (or row, or table) is; shared between findings, so copy before changing it."""
        key = (id(table), id(row), column)
        loc = self._locations.get(key)
        if loc is None:
            loc = self._locations[key] = self._new_location(table, row, column)
        return loc

    def _new_location(self, table: Table, row: Row | None, column: str | None) -> Location:
        col = table.column(column) if column else None
        cell = row.cells.get(column) if row is not None and column else None
        span = (cell.span if cell is not None and cell.span else None) or (row.span if row is not None else table.span)
        return Location(
            table=table.printed_title or table.title, template_id=table.template_id,
            table_index=self.index_of(table), printed_number=table.printed_number,
            row_label=row.label if row is not None else None, row_code=row.code if row is not None else None,
            row_number=row.number if row is not None else None,
            row_index=self.row_index(row) if row is not None else None,
            block=row.block if row is not None else None,
            column=column, column_header=col.header if col else None, span=span,
        )

    def operand(self, table: Table, row: Row | None, column: str, label: str | None = None) -> "CellOperand | None":
        """The value of a cell for arithmetic: None when the cell is missing or holds text."""
        if row is None:
            return None
        cell = row.cells.get(column)
        if cell is None:
            return None
        value = cell.zero_or_value
        if value is None:
            return None
        name = label or (row.label.replace(" ", "") or row.code or "")
        if cell.confidence is not None and cell.confidence < self.low_confidence:
            name += f"（识别置信度{cell.confidence:.0%}）"
        return CellOperand(name, value, cell.text, self, table, row, column)

    @property
    def low_confidence(self) -> float:
        return float(self.options.get("low_confidence", 0.9))

    def confidence_of(self, op: Operand) -> float | None:
        loc = op.location
        if loc is None or loc.table_index is None or loc.row_index is None or loc.column is None:
            return None
        cell = self.doc.tables[loc.table_index].rows[loc.row_index].cells.get(loc.column)
        return cell.confidence if cell else None


class CellOperand:
    """A table cell taking part in a check. Most checks pass, so its Location is only built when a
    finding asks for it; a Finding turns it into an `Operand`."""

    __slots__ = ("label", "value", "text", "_ctx", "_where", "_location")

    def __init__(self, label: str, value: Decimal, text: str | None, ctx: Context, table: Table, row: Row,
                 column: str):
        self.label, self.value, self.text = label, value, text
        self._ctx, self._where, self._location = ctx, (table, row, column), None

    @property
    def location(self) -> Location:
        if self._location is None:
            self._location = self._ctx.location(*self._where)
        return self._location


def is_number(row: Row | None, column: str) -> bool:
    return row is not None and column in row.cells and row.cells[column].kind is CellKind.NUMBER


def tolerance(ctx: Context, ops: list[Operand], addends: int | None = None) -> Decimal:
    """The 尾差 allowance of a check over these operands (see gongkai.audit.precision.tolerance);
    `addends` is kept for callers of the old signature and ignored."""
    from gongkai.audit.precision import tolerance as allowance

    return allowance(ctx, ops)
