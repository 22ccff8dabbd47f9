"""Narrative claims: figures the 情况说明 states, linked to the cells they restate."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

from pydantic import BaseModel, Field

from gongkai.model.amount import Unit
from gongkai.model.location import Span


class ClaimKind(str, Enum):
    AMOUNT = "amount"  # X 万元
    SHARE = "share"  # 占 Y%
    CHANGE_AMOUNT = "change_amount"  # 增加/减少 X 万元
    CHANGE_RATE = "change_rate"  # 增长/下降 Y%
    COMPLETION = "completion"  # 完成预算 Z%
    FLAT = "flat"  # 与上年持平
    COMPARISON = "comparison"  # 大于/小于/等于


class CellRef(BaseModel):
    """A pointer to a table cell: indexes into Document.tables and Table.rows, and the column key."""

    table_index: int
    row_index: int
    column: str


class Claim(BaseModel):
    kind: ClaimKind
    subject: str = Field(description="what the figure is about, normalised (e.g. 本年收入合计, 教育支出)")
    value: Decimal | None = None
    unit: Unit | None = Field(default=None, description="元/万元 for amounts; None for percentages")
    direction: int | None = Field(default=None, description="+1 增加/增长, -1 减少/下降, 0 持平")
    base_subject: str | None = Field(default=None, description="denominator of a share, or base of a change")
    period: str | None = Field(default=None, description="本年 / 上年 / 预算 …")
    text: str = Field(description="the exact sentence fragment the claim was read from")
    section: list[str] = Field(default_factory=list, description="heading path of the section")
    span: Span | None = None
    refs: list[CellRef] = Field(default_factory=list, description="cells the claim restates")
    group: int | None = Field(default=None, description="claims read from one sentence share a group")
