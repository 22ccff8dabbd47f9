"""Every derived figure of a 部门预算, computed once from the input.

Amounts are converted first, figure by figure, from the unit they were entered in to the unit the tables
print (元 for 上海, 万元 elsewhere): 万元 → 元 is exact; 元 → 万元 rounds each entered figure half-up to the
cent, and every subtotal and total is then summed from the rounded figures, so the printed tables add up.
The 情况说明 speaks in 万元 (`wan`). Nothing here is typed by the user.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from gongkai.catalog import codes
from gongkai.compose.budget.model import BudgetEconomicLine, BudgetInput, BudgetLine
from gongkai.compose.figures import CodedLines, class_list, pct, rollup
from gongkai.model.amount import Unit

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
PERSONNEL_CLASSES = ("301", "303")
LINE_MONEY = ("gpb", "gf", "soe", "special", "business", "operating", "other", "carryover", "basic", "project",
              "reserve", "gpb_basic", "gf_basic", "soe_basic", "basic_public", "prior")

# per-line metrics, by name → function of a (converted) line
LINE_METRICS = {
    "gpb": lambda x: x.gpb, "gf": lambda x: x.gf, "soe": lambda x: x.soe,
    "fiscal": lambda x: x.gpb + x.gf + x.soe,
    "special": lambda x: x.special, "business": lambda x: x.business, "operating": lambda x: x.operating,
    "other": lambda x: x.other, "other_funds": lambda x: x.business + x.operating + x.other,
    "carryover": lambda x: x.carryover, "income": lambda x: x.income, "sources": lambda x: x.sources,
    "basic": lambda x: x.basic, "project": lambda x: x.project, "reserve": lambda x: x.reserve,
    "expenditure": lambda x: x.expenditure,
    "gpb_basic": lambda x: x.gpb_basic, "gpb_project": lambda x: x.gpb_project,
    "gf_basic": lambda x: x.gf_basic, "gf_project": lambda x: x.gf_project,
    "soe_basic": lambda x: x.soe_basic, "soe_project": lambda x: x.soe_project,
    "fiscal_basic": lambda x: x.gpb_basic + x.gf_basic + x.soe_basic,
    "fiscal_project": lambda x: x.gpb_project + x.gf_project + x.soe_project,
    "basic_personnel": lambda x: x.basic_personnel, "basic_public": lambda x: x.basic_public,
    "prior": lambda x: x.prior,
}
THREE_PUBLIC_ITEMS = ("abroad", "vehicle_buy", "vehicle_run", "reception", "meeting", "training")


def convert(value: Decimal, source: Unit, target: Unit) -> Decimal:
    """An entered amount in the printed unit: exact towards 元, rounded half-up to the cent towards 万元."""
    if source is target:
        return value
    if target is Unit.YUAN:
        return (value * source.factor).quantize(CENT)
    return (value / target.factor).quantize(CENT, ROUND_HALF_UP)


class BudgetFigures(CodedLines):
    def __init__(self, data: BudgetInput, unit: Unit):
        self.data = data
        self.source = Unit(data.amount_unit)
        self.unit = unit  # the unit of the main tables
        self.lines: list[BudgetLine] = sorted((self._line(x) for x in data.lines), key=lambda x: x.code)
        self.economic_lines: list[BudgetEconomicLine] = [
            x.model_copy(update={"basic": self.conv(x.basic), "running": self.conv(x.running)}) for x in data.economic]

    # -- units ------------------------------------------------------------------------------------
    def conv(self, value: Decimal) -> Decimal:
        """An entered amount in the tables' unit."""
        return convert(value, self.source, self.unit)

    def to_wan(self, value: Decimal) -> Decimal:
        """An entered amount in 万元 (the 情况说明, the “三公” table, 政府采购, 国有资产)."""
        return convert(value, self.source, Unit.WAN)

    def wan(self, value: Decimal) -> Decimal:
        """A table figure in 万元, as the 情况说明 states it."""
        return convert(value, self.unit, Unit.WAN)

    def _line(self, x: BudgetLine) -> BudgetLine:
        return x.model_copy(update={k: self.conv(getattr(x, k)) for k in LINE_MONEY})

    @property
    def year(self) -> int:
        return self.data.unit.year

    @property
    def unit_name(self) -> str:
        return self.data.unit.name

    # -- 功能分类 rollups ---------------------------------------------------------------------------
    @cached_property
    def rollups(self) -> dict[str, dict[str, Decimal]]:
        return rollup(self.lines, LINE_METRICS)

    def value(self, metric: str, code: str) -> Decimal:
        return self.rollups[metric].get(code, ZERO)

    def classes(self, every: bool) -> list[str]:
        """类 on the 总表s: the year's whole list (全国、江苏) or only those used (上海)."""
        used = sorted({c for c in self.codes_with("expenditure", "fiscal") if len(c) == 3})
        if not every:
            return used
        base = class_list(self.year)
        return base + [c for c in used if c not in base]

    # -- totals -----------------------------------------------------------------------------------
    @property
    def income(self) -> Decimal:
        """当年收入合计."""
        return self.total("income")

    @property
    def grand(self) -> Decimal:
        """收入总计 = 当年收入 + 上年结转 = 支出总计."""
        return self.total("sources")

    @property
    def expenditure(self) -> Decimal:
        return self.total("expenditure")

    @property
    def fiscal(self) -> Decimal:
        return self.total("fiscal")

    @property
    def fiscal_expenditure(self) -> Decimal:
        return self.total("fiscal_basic") + self.total("fiscal_project") + self.total("reserve")

    # -- 经济分类 -----------------------------------------------------------------------------------
    def _econ(self, field: str) -> dict[str, Decimal]:
        out: dict[str, Decimal] = {}
        for e in self.economic_lines:
            for prefix in (e.code[:3], e.code):
                out[prefix] = out.get(prefix, ZERO) + getattr(e, field)
        return out

    @cached_property
    def economic(self) -> dict[str, Decimal]:
        """类 and 款 amounts of 一般公共预算基本支出."""
        return self._econ("basic")

    @cached_property
    def running_by_code(self) -> dict[str, Decimal]:
        return self._econ("running")

    @property
    def running(self) -> Decimal:
        """机关运行经费, in the tables' unit."""
        return sum((v for c, v in self.running_by_code.items() if len(c) == 3), ZERO)

    @property
    def personnel(self) -> Decimal:
        return sum((self.economic.get(c, ZERO) for c in PERSONNEL_CLASSES), ZERO)

    @property
    def public(self) -> Decimal:
        return sum((v for c, v in self.economic.items() if len(c) == 3 and c not in PERSONNEL_CLASSES), ZERO)

    def econ_name(self, code: str) -> str:
        entry = codes.lookup(code, self.year, "economic")
        if entry is not None:
            return entry.name
        return next((e.name for e in self.data.economic if e.code == code and e.name), code)

    # -- “三公”, 采购, 资产, 绩效: in 万元 ----------------------------------------------------------------
    def three_public(self, which: str) -> dict[str, Decimal]:
        """budget or prior, in 万元: each item rounded, the subtotals summed from the rounded items."""
        t = self.data.three_public
        v = {k: self.to_wan(getattr(getattr(t, k), which)) for k in THREE_PUBLIC_ITEMS}
        v["vehicle"] = v["vehicle_buy"] + v["vehicle_run"]
        v["total"] = v["abroad"] + v["vehicle"] + v["reception"]
        v["grand"] = v["total"] + v["meeting"] + v["training"]
        return v

    @cached_property
    def procurement_items(self) -> list:
        return [i.model_copy(update={"amount": self.to_wan(i.amount),
                                     "price": self.to_wan(i.price) if i.price is not None else None})
                for i in self.data.procurement.items]

    def procurement(self, category: str | None = None) -> Decimal:
        return sum((i.amount for i in self.procurement_items if category in (None, i.category)), ZERO)

    def share(self, part: Decimal, whole: Decimal) -> Decimal | None:
        return pct(part, whole)
