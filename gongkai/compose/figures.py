"""Every derived figure, computed once from the input: 类/款 rollups, totals, balances, shares.

Nothing here is typed by the user; renderers and the narrative read these figures only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from gongkai.catalog import codes
from gongkai.catalog.templates import functional_classes
from gongkai.compose.model import ComposeInput, FunctionalLine

ZERO = Decimal("0.00")
CENT = Decimal("0.01")

# per-line metrics, by name → function of a line
LINE_METRICS = {
    "inc_gpb": lambda x: x.inc_gpb, "inc_gf": lambda x: x.inc_gf, "inc_soe": lambda x: x.inc_soe,
    "inc_fiscal": lambda x: x.inc_gpb + x.inc_gf + x.inc_soe,
    "inc_upper": lambda x: x.inc_upper, "inc_business": lambda x: x.inc_business,
    "inc_operating": lambda x: x.inc_operating, "inc_affiliated": lambda x: x.inc_affiliated,
    "inc_other": lambda x: x.inc_other, "income": lambda x: x.income,
    "exp_basic": lambda x: x.exp_basic, "exp_project": lambda x: x.exp_project,
    "exp_upper_remit": lambda x: x.exp_upper_remit, "exp_operating": lambda x: x.exp_operating,
    "exp_affiliated_subsidy": lambda x: x.exp_affiliated_subsidy, "expenditure": lambda x: x.expenditure,
    "gpb_basic": lambda x: x.gpb_basic, "gpb_project": lambda x: x.gpb_project,
    "gpb": lambda x: x.gpb_basic + x.gpb_project,
    "gf_basic": lambda x: x.gf_basic, "gf_project": lambda x: x.gf_project, "gf": lambda x: x.gf_basic + x.gf_project,
    "soe_basic": lambda x: x.soe_basic, "soe_project": lambda x: x.soe_project,
    "soe": lambda x: x.soe_basic + x.soe_project,
    "fiscal": lambda x: x.gpb_basic + x.gpb_project + x.gf_basic + x.gf_project + x.soe_basic + x.soe_project,
    "gf_begin": lambda x: x.gf_begin, "gf_end": lambda x: x.gf_begin + x.inc_gf - x.gf_basic - x.gf_project,
    "soe_begin": lambda x: x.soe_begin, "soe_end": lambda x: x.soe_begin + x.inc_soe - x.soe_basic - x.soe_project,
    "budget_initial": lambda x: x.budget_initial, "budget_full": lambda x: x.budget_full,
    "prior": lambda x: x.prior,
}

PERSONNEL_CLASSES = ("301", "303")


def pct(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole as a percentage rounded half-up to two decimals; None when whole is zero."""
    if not whole:
        return None
    return (part / whole * 100).quantize(CENT, ROUND_HALF_UP)


def class_list(year: int) -> list[str]:
    """The 功能分类 类 printed on the expenditure side of the 总表s, in the template's order."""
    base = ["201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214", "215",
            "216", "217", "219", "220", "221", "222", "223", "224", "229"]
    if year >= 2024:
        base += ["231", "232"]
    if year >= 2020:
        base += ["234"]
    return base


def _add_up(values: dict[str, Decimal], code: str, v: Decimal) -> None:
    """Add a 项-level amount to its 项, 款 and 类."""
    for prefix in (code[:3], code[:5], code):
        values[prefix] = values.get(prefix, ZERO) + v


def rollup(lines, metrics: dict) -> dict[str, dict[str, Decimal]]:
    """Per metric, the sums of the 项 lines by 类, 款 and 项 code."""
    out: dict[str, dict[str, Decimal]] = {}
    for metric, fn in metrics.items():
        values: dict[str, Decimal] = {}
        for line in lines:
            _add_up(values, line.code, fn(line))
        out[metric] = values
    return out


class CodedLines:
    """What both the 决算 and the 预算 figures derive from 项-level lines: rollups by 类/款/项, the codes in
    print order and their names. Subclasses set `lines`, `year` and `rollups`."""

    lines: list
    year: int
    rollups: dict[str, dict[str, Decimal]]

    def value(self, metric: str, code: str) -> Decimal:
        return self.rollups.get(metric, {}).get(code, ZERO)

    def total(self, metric: str) -> Decimal:
        return sum((v for c, v in self.rollups.get(metric, {}).items() if len(c) == 3), ZERO)

    @cached_property
    def codes(self) -> list[str]:
        """All 类/款/项 codes the lines touch, in print order (类, its 款, their 项)."""
        return sorted({p for line in self.lines for p in (line.code[:3], line.code[:5], line.code)})

    def codes_with(self, *metrics: str) -> list[str]:
        """Codes with a non-zero value in any of the metrics."""
        return [c for c in self.codes if any(self.value(m, c) for m in metrics)]

    def name(self, code: str) -> str:
        if len(code) == 7:
            line = next((x for x in self.lines if x.code == code), None)
            if line is not None:
                return line.name
        entry = codes.lookup(code, self.year, "functional")
        if entry is not None:
            return entry.name
        names = functional_classes().get(code)
        return names[0] if names else code


@dataclass
class Figures(CodedLines):
    data: ComposeInput
    lines: list[FunctionalLine] = field(init=False)
    profile: str | None = None  # the profile being composed (set by build_tables); the narrative follows it

    def __post_init__(self):
        self.lines = sorted(self.data.lines, key=lambda x: x.code)

    @property
    def year(self) -> int:
        return self.data.unit.year

    @property
    def unit(self) -> str:
        return self.data.unit.name

    # -- rollups ---------------------------------------------------------------------------------
    @cached_property
    def rollups(self) -> dict[str, dict[str, Decimal]]:
        out = rollup(self.lines, LINE_METRICS)
        for row in self.data.gpb_by_economic:  # 四川: gpb_econ_301 … by 功能分类 类/款/项
            for cls, v in row.amounts.items():
                _add_up(out.setdefault(f"gpb_econ_{cls}", {}), row.code, v)
        return out

    def class_name(self, code: str) -> str:
        return self.name(code)

    @cached_property
    def classes(self) -> list[str]:
        """类 printed on the 总表s: the template list plus any other 类 the unit uses, in code order."""
        used = {c for c in self.codes if len(c) == 3}
        return sorted(set(class_list(self.year)) | used, key=lambda c: (c not in class_list(self.year),
                                                                          class_list(self.year).index(c)
                                                                          if c in class_list(self.year) else int(c)))

    # -- totals -----------------------------------------------------------------------------------
    @property
    def income_total(self) -> Decimal:
        return self.total("income")

    @property
    def expenditure_total(self) -> Decimal:
        return self.total("expenditure")

    @property
    def begin_total(self) -> Decimal:
        b = self.data.balances
        return b.gpb.begin + b.gf.begin + b.soe.begin + b.other.begin

    @property
    def end_total(self) -> Decimal:
        b = self.data.balances
        return b.gpb.end + b.gf.end + b.soe.end + b.other.end

    @property
    def grand(self) -> Decimal:
        return self.income_total + self.data.balances.use_surplus + self.begin_total

    @property
    def grand_out(self) -> Decimal:
        return self.expenditure_total + self.data.balances.distribution + self.end_total

    @property
    def fiscal_income(self) -> Decimal:
        return self.total("inc_fiscal")

    @property
    def fiscal_expenditure(self) -> Decimal:
        return self.total("fiscal")

    @property
    def fiscal_begin(self) -> Decimal:
        b = self.data.balances
        return b.gpb.begin + b.gf.begin + b.soe.begin

    @property
    def fiscal_end(self) -> Decimal:
        b = self.data.balances
        return b.gpb.end + b.gf.end + b.soe.end

    @property
    def fiscal_grand(self) -> Decimal:
        return self.fiscal_income + self.fiscal_begin

    # -- 经济分类 -----------------------------------------------------------------------------------
    @cached_property
    def economic(self) -> dict[str, Decimal]:
        """款 and 类 amounts of 一般公共预算财政拨款基本支出."""
        out: dict[str, Decimal] = {}
        for e in self.data.economic:
            for prefix in (e.code[:3], e.code):
                out[prefix] = out.get(prefix, ZERO) + e.basic
        return out

    @cached_property
    def economic_project(self) -> dict[str, Decimal]:
        out: dict[str, Decimal] = {}
        for e in self.data.economic:
            for prefix in (e.code[:3], e.code):
                out[prefix] = out.get(prefix, ZERO) + e.project
        return out

    @property
    def personnel(self) -> Decimal:
        return sum((self.economic.get(c, ZERO) for c in PERSONNEL_CLASSES), ZERO)

    @property
    def public(self) -> Decimal:
        return sum((v for c, v in self.economic.items() if len(c) == 3 and c not in PERSONNEL_CLASSES), ZERO)

    @cached_property
    def econ_classes(self) -> list[str]:
        """经济分类 类 of the year's catalogue (the columns of 四川 公开07表), plus any other the input uses."""
        listed = [c.code for c in codes.all_codes(self.year, "economic").values() if len(c.code) == 3]
        used = {k for row in self.data.gpb_by_economic for k in row.amounts} | {e.code[:3] for e in self.data.economic}
        return sorted(set(listed) | used)

    def econ_name(self, code: str) -> str:
        entry = codes.lookup(code, self.year, "economic")
        if entry is not None:
            return entry.name
        return next((e.name for e in self.data.economic if e.code == code), code)

    # -- 三公 -------------------------------------------------------------------------------------
    def three_public(self, which: str) -> dict[str, Decimal]:
        t = self.data.three_public
        get = lambda item: getattr(item, which)  # noqa: E731
        vehicle = get(t.vehicle_buy) + get(t.vehicle_run)
        return {"abroad": get(t.abroad), "vehicle": vehicle, "vehicle_buy": get(t.vehicle_buy),
                "vehicle_run": get(t.vehicle_run), "reception": get(t.reception),
                "total": get(t.abroad) + vehicle + get(t.reception)}
