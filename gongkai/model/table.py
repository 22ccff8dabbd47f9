"""Tables: the standard disclosure tables as canonical rows, columns and cells."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

from pydantic import BaseModel, Field, computed_field

from gongkai.model.amount import Unit
from gongkai.model.location import Span


class CellKind(str, Enum):
    NUMBER = "number"  # a value was printed
    BLANK = "blank"  # nothing printed
    DASH = "dash"  # '-', '—', '/': explicitly not applicable
    TEXT = "text"  # printed text that is not a number (e.g. '≥90%', '优')


class Cell(BaseModel):
    """One printed cell. Remembers the exact text and where it came from."""

    kind: CellKind
    value: Decimal | None = None
    text: str = ""
    span: Span | None = None
    confidence: float | None = Field(default=None, description="OCR confidence 0–1, if OCR'd")
    reading: str | None = Field(default=None, description="how an ambiguous cell was read, and why")

    @property
    def number(self) -> Decimal | None:
        """The value for arithmetic: a number, or None when the cell holds no number."""
        return self.value if self.kind is CellKind.NUMBER else None

    @property
    def zero_or_value(self) -> Decimal | None:
        """Blank and dash count as zero in sums (as the templates intend); text does not."""
        if self.kind is CellKind.NUMBER:
            return self.value
        if self.kind in (CellKind.BLANK, CellKind.DASH):
            return Decimal(0)
        return None


class Level(str, Enum):
    CLASS = "类"
    SECTION = "款"
    ITEM = "项"


def level_of_code(code: str | None) -> Level | None:
    """功能分类 codes: 3 digits 类, 5 款, 7 项; 经济分类: 3 类, 5 款."""
    if not code or not code.isdigit():
        return None
    return {3: Level.CLASS, 5: Level.SECTION, 7: Level.ITEM}.get(len(code))


class Column(BaseModel):
    key: str = Field(description="canonical column key from the template, or col<N> if unknown")
    header: str = Field(default="", description="the header as printed (joined over header rows)")
    number: int | None = Field(default=None, description="栏次, when printed")
    block: str | None = Field(default=None, description="side or block the column belongs to")


class Row(BaseModel):
    key: str | None = Field(default=None, description="canonical row key for fixed template rows")
    number: int | None = Field(default=None, description="行次, when printed")
    code: str | None = Field(default=None, description="科目编码 (功能分类 or 经济分类)")
    label: str = ""
    block: str | None = Field(default=None, description="side or block (e.g. 收入 / 支出)")
    cells: dict[str, Cell] = Field(default_factory=dict)
    span: Span | None = None
    label_confidence: float | None = Field(default=None, description="OCR confidence of the label (0–1), None if not OCR'd")

    @computed_field  # type: ignore[prop-decorator]
    @property
    def level(self) -> Level | None:
        return level_of_code(self.code)

    def value(self, column: str) -> Decimal | None:
        cell = self.cells.get(column)
        return cell.number if cell else None


class Table(BaseModel):
    template_id: str | None = Field(default=None, description="catalogue template id, None if unknown")
    title: str = Field(description="canonical title (the template's), or the printed title")
    printed_title: str = ""
    printed_number: str | None = Field(default=None, description="e.g. 公开01表")
    unit: Unit | None = None
    span: Span | None = None
    columns: list[Column] = Field(default_factory=list)
    rows: list[Row] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="注 lines printed with the table")
    printed_unit_name: str | None = Field(default=None, description="部门/单位 as printed above the table")
    printed_year: int | None = Field(default=None, description="year printed above the table, if any")
    empty_note: str | None = Field(default=None, description="printed statement that the table has no data")
    generic: bool = Field(default=False, description="kept as printed, not mapped to a template")
    rounded: bool = Field(default=False, description="the table states unit conversion may leave tail errors")
    readings: list[str] = Field(default_factory=list, description="reading choices made for this table")

    def row(self, key: str) -> Row | None:
        return next((r for r in self.rows if r.key == key), None)

    def by_code(self, code: str) -> Row | None:
        return next((r for r in self.rows if r.code == code), None)

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.key == key), None)

    @property
    def is_empty(self) -> bool:
        return not any(c.kind is CellKind.NUMBER and c.value for r in self.rows for c in r.cells.values())
