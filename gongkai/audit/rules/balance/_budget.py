"""Helpers shared by the 部门预算 balance and cross-table rules (B13x, X12x).

The budget summaries print their current-year lines in two ways: 江苏 and 财政部 with 当年收入小计 / 当年支出小计 and
a 上年结转 / 结转下年 line, 上海 with only 收入总计 / 支出总计 (no carry-over lines at all). `current` picks the
row that holds the current year's amount: the 小计 row when printed, else the 总计 row when the table prints no
carry-over line (so the 总计 is the current year's figure), else nothing (the rule then says nothing).
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.audit.finding import Operand
from gongkai.model.table import Row, Table


def current(t: Table, side: str) -> Row | None:
    """The current-year total row of side 'inc' or 'exp' of a two-sided budget summary."""
    carry = "inc_begin" if side == "inc" else "exp_end"
    if t.row(f"{side}_total") is not None:
        return t.row(f"{side}_total")
    return t.row(f"{side}_grand") if t.row(carry) is None else None


def classes(t: Table) -> list[Row]:
    return [r for r in t.rows if (r.key or "").startswith("class_")]


def is_zero(t: Table | None, row: Row | None, column: str) -> bool:
    """The cell is printed as 0, blank or a dash (a missing row counts as zero too)."""
    if t is None:
        return True
    if row is None:
        return True
    cell = row.cells.get(column)
    return cell is None or cell.zero_or_value == 0


def zero(ctx, table: Table, label: str) -> Operand:
    """A stand-in 0 for a line a table does not print (e.g. a 类 absent from the detail table)."""
    return Operand(label=label, value=Decimal(0), location=ctx.location(table))


def short(label: str) -> str:
    """'一、一般公共服务支出' → '一般公共服务支出'; '1. 一般公共预算' → '一般公共预算'."""
    text = label.replace(" ", "")
    for sep in ("、", "．", "."):
        if sep in text[:4]:
            text = text.split(sep, 1)[1]
    return text
