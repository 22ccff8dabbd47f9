"""Consistency checks on a 部门预算 input, before anything is composed.

Each problem names its place (工作表和单元格 for a workbook, the field path for JSON/YAML) and says in Chinese
what is wrong, with the figures. Errors refuse the composition; nothing is fixed silently.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from gongkai.compose.budget.model import ZERO, BudgetInput
from gongkai.compose.validate import Locator, Path, Problem, check_economic_codes, check_functional_codes, m

SOURCE_NAMES = (("gpb", "一般公共预算拨款"), ("gf", "政府性基金预算拨款"), ("soe", "国有资本经营预算拨款"),
                ("special", "财政专户管理资金"), ("business", "事业收入"), ("operating", "事业单位经营收入"),
                ("other", "其他收入"), ("carryover", "上年结转"))


def validate_budget(data: BudgetInput, locate: Callable[[Path], str] | None = None) -> list[Problem]:
    locate = locate or Locator()
    problems: list[Problem] = []

    def add(path: Path, message: str, severity: str = "error") -> None:
        problems.append(Problem(path=path, message=message, where=locate(path), severity=severity))

    _codes(data, add)
    if any(p.severity == "error" and p.path[-1] == "code" for p in problems):
        return problems  # with codes wrong, the sums below would only repeat the same errors
    _lines(data, add)
    _economic(data, add)
    _procurement(data, add)
    _performance(data, add)
    _warnings(data, add)
    return problems


def _codes(data: BudgetInput, add) -> None:
    check_functional_codes(data.lines, data.unit.year, add)
    check_economic_codes(data.economic, data.unit.year, add)


def _lines(data: BudgetInput, add) -> None:
    for k, x in enumerate(data.lines):
        head = f"{x.code} {x.name}："
        sources = " + ".join(f"{name} {m(getattr(x, key))}" for key, name in SOURCE_NAMES if getattr(x, key))
        if x.expenditure != x.sources:
            parts = f"基本支出 {m(x.basic)} + 项目支出 {m(x.project)}" + (
                f" + 单位预留机动经费 {m(x.reserve)}" if x.reserve else "")
            add(("lines", k, "basic"), f"{head}{parts} = {m(x.expenditure)}，不等于资金来源合计 {m(x.sources)}"
                                       f"（{sources or '各项资金来源均为0'}；相差 {m(x.expenditure - x.sources)}）")
            continue
        if x.gpb_project < 0:
            add(("lines", k, "gpb_basic"),
                f"{head}一般公共预算拨款安排的基本支出 {m(x.gpb_basic)}"
                + (f" + 单位预留机动经费 {m(x.reserve)}" if x.reserve else "")
                + f" 大于一般公共预算拨款 {m(x.gpb)}")
        for fund, name in (("gf", "政府性基金预算拨款"), ("soe", "国有资本经营预算拨款")):
            if getattr(x, f"{fund}_basic") > getattr(x, fund):
                add(("lines", k, f"{fund}_basic"), f"{head}{name}安排的基本支出 {m(getattr(x, f'{fund}_basic'))} 大于"
                                                   f"{name} {m(getattr(x, fund))}")
        fiscal_basic = x.gpb_basic + x.gf_basic + x.soe_basic
        if fiscal_basic > x.basic:
            add(("lines", k, "basic"), f"{head}财政拨款安排的基本支出 {m(fiscal_basic)} 大于基本支出 {m(x.basic)}"
                                       "（基本支出应包含财政拨款安排的部分）")
        if x.basic_public > x.basic:
            add(("lines", k, "basic_public"), f"{head}基本支出中的公用经费 {m(x.basic_public)} 大于基本支出 {m(x.basic)}")
        fiscal_project = max(x.gpb_project, ZERO) + max(x.gf_project, ZERO) + max(x.soe_project, ZERO)
        if fiscal_project > x.project:
            add(("lines", k, "project"),
                f"{head}财政拨款安排的项目支出（拨款 − 其中基本支出{' − 单位预留机动经费' if x.reserve else ''}）"
                f" {m(fiscal_project)} 大于项目支出 {m(x.project)}")


def _economic(data: BudgetInput, add) -> None:
    gpb_basic = sum((x.gpb_basic for x in data.lines), ZERO)
    econ_basic = sum((e.basic for e in data.economic), ZERO)
    if gpb_basic != econ_basic:
        add(("economic",), f"经济分类一般公共预算基本支出合计 {m(econ_basic)} ≠ 功能分类一般公共预算拨款安排的基本支出合计 "
                          f"{m(gpb_basic)}（相差 {m(econ_basic - gpb_basic)}）")
    for k, e in enumerate(data.economic):
        if e.running > e.basic:
            add(("economic", k, "running"), f"{e.code} {e.name or ''}：其中机关运行经费 {m(e.running)} 大于基本支出 {m(e.basic)}")


def _procurement(data: BudgetInput, add) -> None:
    p = data.procurement
    total = sum((i.amount for i in p.items), ZERO)
    for k, item in enumerate(p.items):
        if not item.amount:
            add(("procurement", "items", k, "amount"), f"采购物品“{item.item}”的采购金额为0")
        if item.price is not None and item.quantity and item.price * item.quantity < item.amount - Decimal("0.005"):
            add(("procurement", "items", k, "amount"),
                f"采购物品“{item.item}”：单价 {m(item.price)} × 数量 {item.quantity} 小于采购金额 {m(item.amount)}",
                "warning")
    if p.sme > total:
        add(("procurement", "sme"), f"面向中小企业预留金额 {m(p.sme)} 大于政府采购预算总额 {m(total)}")
    if p.small_micro > p.sme:
        add(("procurement", "small_micro"), f"预留给小型和微型企业的金额 {m(p.small_micro)} 大于面向中小企业预留金额 {m(p.sme)}")


def _performance(data: BudgetInput, add) -> None:
    names: dict[str, int] = {}
    for k, proj in enumerate(data.performance.projects):
        if proj.name in names:
            add(("performance", "projects", k, "name"), f"绩效目标项目“{proj.name}”重复（与第{names[proj.name] + 1}个项目同名）")
        names[proj.name] = k


def _warnings(data: BudgetInput, add) -> None:
    """What the 情况说明 will lack: composed all the same."""
    if not data.prior.grand:
        add(("prior", "grand"), "未填写上年收支预算总计，情况说明将按“上年为0”表述增减变动", "warning")
    gpb = sum((x.gpb for x in data.lines), ZERO)
    prior_gpb = sum((x.prior for x in data.lines), ZERO)
    if gpb != prior_gpb and not data.reasons.gpb.strip():
        add(("reasons", "gpb"), "一般公共预算拨款与上年相比有增减，未填写变动原因", "warning")
