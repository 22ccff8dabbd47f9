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


class Scope(str, Enum):
    """Which funds a figure covers (the 口径 of 基本支出, a 功能分类 class, …)."""

    ALL = "全部"  # the whole department: 收入支出决算总表, 支出决算表
    FISCAL = "财政拨款"  # all 财政拨款 (一般公共预算 + 政府性基金 + 国有资本经营)
    GPB = "一般公共预算财政拨款"
    GF = "政府性基金预算财政拨款"
    SOE = "国有资本经营预算财政拨款"


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
    # --- added with the narrative rules (all optional, so older documents still load) ---
    id: int | None = Field(default=None, description="position of the claim in Document.claims")
    normalised: bool = Field(default=True, description="False when the subject is the free wording of the text "
                                                       "(used only for arithmetic inside its own sentence)")
    scope: Scope | None = Field(default=None, description="funds the figure covers (口径), for scoped subjects")
    code: str | None = Field(default=None, description="功能分类 code of a 类/款/项 subject, when stated or resolved")
    class_name: str | None = Field(default=None, description="the 类 a 款/项 subject belongs to")
    printed: str | None = Field(default=None, description="the number as printed (spaces and separators removed); "
                                                          "its decimals are the printed precision")
    about: int | None = Field(default=None, description="id of the amount a share/change/completion is about")
    parent: int | None = Field(default=None, description="id of the total this amount is listed under (其中 …)")
    parent_subject: str | None = Field(default=None, description="subject of the total this figure is listed under")
    base_value: Decimal | None = Field(default=None, description="denominator stated inline (占…320元…的 Y%)")
    base_unit: Unit | None = None
    base_printed: str | None = None
    sentence: str | None = Field(default=None, description="the whole sentence the claim was read from")
    offset: int | None = Field(default=None, description="where `text` starts inside `sentence`")

    @property
    def decimals(self) -> int:
        """Printed decimals of the value (0 for '12905', 2 for '12905.09')."""
        p = self.printed or (str(self.value) if self.value is not None else "")
        return len(p.split(".")[1]) if "." in p else 0
