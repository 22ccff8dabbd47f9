"""The composed disclosure as a flat list of format-neutral blocks; each renderer draws the same list."""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.compose.tables import PrintedTable


@dataclass
class Cover:
    unit: str
    title: str  # e.g. 2024年度部门决算


@dataclass
class Contents:
    """目录: the headings (level 0 parts, level 1 一、…) that follow, filled in by the renderer."""


@dataclass
class Heading:
    text: str
    level: int  # 0 第X部分, 1 一、…, 2 （一）…
    toc: bool = True
    new_page: bool = False
    inline: bool = False  # a part title drawn by the next table (its banner) instead of on a divider page


@dataclass
class Para:
    text: str
    indent: bool = True


@dataclass
class Figure:
    key: str
    caption: str  # 图N …


@dataclass
class ListTable:
    """A small ruled table in the narrative (e.g. the units in the 决算 scope)."""

    header: list[str]
    rows: list[list[str]]
    widths: list[float] = field(default_factory=list)


@dataclass
class TableBlock:
    table: PrintedTable
    unit: str
    year: int
    toc: str = ""  # the 目录 entry, e.g. 一、收入支出决算总表
    money_unit: str = "万元"  # printed as 金额单位：…; empty for tables without amounts
    unit_label: str = "金额单位"  # 上海 决算 prints 单位：万元
    meta: bool = True  # the 编制部门 … 年度 line above the table (上海 决算 prints only the unit)
    unit_caption: str = "编制部门"  # 上海 单位预算: 编制单位; 江苏 2017: 部门
    banner: str = ""  # printed above the title: the part title on the first table's page (上海, no 第X部分)


Block = Cover | Contents | Heading | Para | Figure | ListTable | TableBlock


def unit_text(block: TableBlock) -> str:
    """The unit line above a table: 金额单位：万元 (or 元, or 单位：万元); nothing for tables without amounts."""
    return f"{block.unit_label}：{block.money_unit}" if block.money_unit else ""
