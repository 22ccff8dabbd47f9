"""Findings are data first (code, severity, location, values compared, formula), rendered second."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

from gongkai.model.location import Span


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class Location(BaseModel):
    """Where a finding points: a cell of a table, or a sentence of the narrative."""

    table: str | None = Field(default=None, description="table title as printed (or canonical)")
    template_id: str | None = None
    table_index: int | None = Field(default=None, description="index of the table in Document.tables")
    printed_number: str | None = None
    row_label: str | None = None
    row_code: str | None = None
    row_number: int | None = Field(default=None, description="行次")
    row_index: int | None = Field(default=None, description="index of the row in Table.rows")
    block: str | None = None
    column: str | None = None
    column_header: str | None = None
    section: str | None = Field(default=None, description="narrative section heading path")
    span: Span | None = None

    def row_text(self) -> str:
        """The row as printed: code and label, with the side (收入/支出) of a two-sided table; internal
        block numbers (the column groups of a table printed in two halves) are not shown."""
        row = " ".join(x for x in (self.row_code, (self.row_label or "").replace(" ", "")) if x)
        if row and self.block and self.block in ("收入", "支出"):
            row = f"{self.block}·{row}"
        return row

    def describe(self) -> str:
        parts = []
        if self.table:
            parts.append(f"{self.printed_number + ' ' if self.printed_number else ''}{self.table}")
        if self.row_label or self.row_code:
            parts.append(f"“{self.row_text()}”行" + (f"（行次{self.row_number}）" if self.row_number else ""))
        if self.column_header:
            parts.append(f"“{self.column_header}”栏")
        if self.section and not self.table:
            parts.append(f"“{self.section}”")
        if self.span:
            parts.append(self.span.describe())
        return "，".join(parts)


class Operand(BaseModel):
    """One value taking part in a check, with its location.

    Also built from any object with these attributes (the rule engine's lazy cell operands)."""

    model_config = ConfigDict(from_attributes=True)

    label: str
    value: Decimal | None
    text: str | None = None
    location: Location | None = None


class Finding(BaseModel):
    code: str
    severity: Severity
    title: str = Field(description="the rule's title")
    message: str = Field(description="what is wrong, in Chinese, with the figures")
    location: Location = Field(description="the primary place")
    related: list[Location] = Field(default_factory=list, description="other cells involved")
    operands: list[Operand] = Field(default_factory=list)
    expected: Decimal | None = None
    actual: Decimal | None = None
    difference: Decimal | None = None
    tolerance: Decimal | None = None
    formula: str | None = Field(default=None, description="the arithmetic worked out")
    quote: str | None = Field(default=None, description="the source text quoted")
    hint: str | None = Field(default=None, description="how to fix")
    rounding: bool = Field(default=False, description="the gap is a 尾差: within what rounding of the printed "
                                                      "figures can explain (see gongkai.audit.precision)")
    uncertain: list[str] = Field(default_factory=list, description="why the figures it rests on may be misread")
    also: list[str] = Field(default_factory=list, description="other checks the same cause made fail (merged)")

    @property
    def all_locations(self) -> list[Location]:
        return [self.location, *self.related]


class Report(BaseModel):
    """The result of auditing one document."""

    path: str
    unit_name: str | None = None
    year: int | None = None
    kind: str | None = None
    profile: str | None = None
    rules_run: list[str] = Field(default_factory=list)
    disclosure: bool = Field(default=True, description="the document reads as a 部门预算/决算 disclosure "
                             "(kind stated, a table or 绩效 evaluation recognised); free-text rules ran only then")
    findings: list[Finding] = Field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        c = Counter(f.severity.value for f in self.findings)
        return {s.value: c.get(s.value, 0) for s in Severity}

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)
