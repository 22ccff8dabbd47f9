"""Consistency checks on the input, before anything is composed.

Every problem names where it is (工作表和单元格 for a workbook, the field path for JSON/YAML) and says
in Chinese what is wrong, with the figures. Errors refuse the composition; nothing is fixed silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from gongkai.catalog import codes
from gongkai.compose.detail import check_detail
from gongkai.compose.figures import ZERO, Figures
from gongkai.compose.model import ComposeInput
from gongkai.performance.scoring import ScoringConfig

Path = tuple  # ("lines", 3, "gpb_basic")


@dataclass
class Problem:
    path: Path
    message: str
    where: str = ""
    severity: str = "error"  # error | warning

    def describe(self) -> str:
        return f"{self.where or path_text(self.path)}：{self.message}"


def path_text(path: Path) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "（全文）"


def m(v: Decimal) -> str:
    return f"{v:,.2f}"


class Locator:
    """Maps input paths to human places; the default spells the JSON/YAML path."""

    def __call__(self, path: Path) -> str:
        return f"字段 {path_text(path)}"


def validate(data: ComposeInput, locate: Callable[[Path], str] | None = None,
             scoring: "ScoringConfig | None" = None) -> list[Problem]:
    """Every problem of the input, each at its sheet and cell; `scoring` is the 绩效 scoring scheme
    (`performance.*` options) the 自评表 will be scored under."""
    locate = locate or Locator()
    problems: list[Problem] = []
    year = data.unit.year

    def add(path: Path, message: str, severity: str = "error") -> None:
        problems.append(Problem(path=path, message=message, where=locate(path), severity=severity))

    # -- codes and names ------------------------------------------------------------------------
    check_functional_codes(data.lines, year, add)
    check_economic_codes(data.economic, year, add)
    if any(p.severity == "error" and p.path[-1] == "code" for p in problems):
        return problems  # with codes wrong, the sums below would only repeat the same errors

    # -- per line -------------------------------------------------------------------------------
    for k, x in enumerate(data.lines):
        for nature, name in (("basic", "基本支出"), ("project", "项目支出")):
            fiscal = getattr(x, f"gpb_{nature}") + getattr(x, f"gf_{nature}") + getattr(x, f"soe_{nature}")
            total = getattr(x, f"exp_{nature}")
            if fiscal > total:
                add(("lines", k, f"exp_{nature}"),
                    f"{x.code} {x.name}：财政拨款{name} {m(fiscal)} 大于{name}合计 {m(total)}（{name}合计应包含财政拨款{name}）")
        for fund, name in (("gf", "政府性基金预算"), ("soe", "国有资本经营预算")):
            end = getattr(x, f"{fund}_begin") + getattr(x, f"inc_{fund}") - getattr(x, f"{fund}_basic") - getattr(x, f"{fund}_project")
            if end < 0:
                add(("lines", k, f"{fund}_project"),
                    f"{x.code} {x.name}：{name}财政拨款 年初结转和结余 {m(getattr(x, f'{fund}_begin'))} + 本年收入 "
                    f"{m(getattr(x, f'inc_{fund}'))} − 本年支出 {m(getattr(x, f'{fund}_basic') + getattr(x, f'{fund}_project'))}"
                    f" = {m(end)}，年末结转和结余不能为负")
        if x.budget_adjusted is not None and x.budget_adjusted < 0:  # pragma: no cover - Money forbids it
            add(("lines", k, "budget_adjusted"), "调整预算数不能为负")

    f = Figures(data)
    b = data.balances
    # -- 结转结余: 年末 = 年初 + 收入 − 支出, per fund -----------------------------------------------------
    funds = (("gpb", "一般公共预算财政拨款", f.total("inc_gpb"), f.total("gpb")),
             ("gf", "政府性基金预算财政拨款", f.total("inc_gf"), f.total("gf")),
             ("soe", "国有资本经营预算财政拨款", f.total("inc_soe"), f.total("soe")))
    for key, name, income, spent in funds:
        bal = getattr(b, key)
        if key in ("gf", "soe"):
            lines_begin = f.total(f"{key}_begin")
            if bal.begin != lines_begin:
                add(("balances", key, "begin"),
                    f"{name}年初结转和结余 {m(bal.begin)} ≠ 各科目年初结转和结余之和 {m(lines_begin)}")
        expected = bal.begin + income - spent
        if bal.end != expected:
            add(("balances", key, "end"),
                f"{name}年末结转和结余 {m(bal.end)} ≠ 年初 {m(bal.begin)} + 本年收入 {m(income)} − 本年支出 {m(spent)}"
                f" = {m(expected)}")
    nf_income = f.income_total - f.fiscal_income
    nf_spent = f.expenditure_total - f.fiscal_expenditure
    expected = b.other.begin + nf_income + b.use_surplus - nf_spent - b.distribution
    if b.other.end != expected:
        add(("balances", "other", "end"),
            f"非财政拨款资金年末结转和结余 {m(b.other.end)} ≠ 年初 {m(b.other.begin)} + 非财政拨款收入 {m(nf_income)}"
            f" + 使用非财政拨款结余 {m(b.use_surplus)} − 非财政拨款支出 {m(nf_spent)} − 结余分配 {m(b.distribution)}"
            f" = {m(expected)}")

    # -- 基本支出 by function = 经济分类 ---------------------------------------------------------------
    gpb_basic = f.total("gpb_basic")
    econ_basic = sum((e.basic for e in data.economic), ZERO)
    if gpb_basic != econ_basic:
        add(("economic",), f"经济分类基本支出合计 {m(econ_basic)} ≠ 功能分类一般公共预算财政拨款基本支出合计 {m(gpb_basic)}"
                          f"（相差 {m(econ_basic - gpb_basic)}）")
    # 项目支出 by 经济分类 and 功能分类 × 经济分类 (四川): checked when given, required when the profile prints them
    check_detail(data, add, data.unit.profile)

    # -- 三公, 采购 ----------------------------------------------------------------------------------
    t = data.three_public
    if t.abroad.actual and not t.groups:
        add(("three_public", "groups"), f"因公出国（境）费决算 {m(t.abroad.actual)} 万元，但出国团组数为0")
    if t.vehicle_buy.actual and not t.vehicles_bought:
        add(("three_public", "vehicles_bought"), f"公务用车购置费决算 {m(t.vehicle_buy.actual)} 万元，但购置车辆数为0")
    if t.reception.actual and not (t.reception_batches or t.foreign_batches):
        add(("three_public", "reception_batches"), f"公务接待费决算 {m(t.reception.actual)} 万元，但接待批次为0")
    if t.travellers < t.groups:
        add(("three_public", "travellers"), f"出国人次 {t.travellers} 少于团组数 {t.groups}")
    # -- what the 情况说明 will lack (warnings: composed all the same) ---------------------------------
    if not data.prior.grand:
        add(("prior", "grand"), "未填写上年收入支出总计，情况说明将按“上年为0”表述增减变动", "warning")
    r = data.reasons
    for key, current, prior, what in (("grand", f.grand, data.prior.grand, "收入支出总计"),
                                      ("gpb", f.total("gpb"), data.prior.gpb_expenditure, "一般公共预算财政拨款支出")):
        if current != prior and not getattr(r, key).strip():
            add(("reasons", key), f"{what}与上年相比有增减，未填写变动原因", "warning")
    for k, x in enumerate(data.lines):
        actual = x.gpb_basic + x.gpb_project
        if actual != x.budget_initial and (actual or x.budget_initial) and not x.reason.strip():
            add(("lines", k, "reason"), f"{x.code} {x.name}：决算数 {m(actual)} 与年初预算数 {m(x.budget_initial)} 不同，"
                                        "未填写差异原因", "warning")
    p = data.procurement
    if p.sme > p.total:
        add(("procurement", "sme"), f"授予中小企业合同金额 {m(p.sme)} 大于政府采购支出总额 {m(p.total)}")
    if p.small_micro > p.sme:
        add(("procurement", "small_micro"), f"授予小微企业合同金额 {m(p.small_micro)} 大于授予中小企业合同金额 {m(p.sme)}")
    _performance(data, add, scoring)
    return problems


def check_functional_codes(lines, year: int, add) -> None:
    """功能分类 lines: 7-digit 项 codes of the year's catalogue, each once, named as the catalogue names it,
    under 类 and 款 that exist."""
    edition = codes.edition_for(year, "functional")
    seen: dict[str, int] = {}
    for k, line in enumerate(lines):
        if not (line.code.isdigit() and len(line.code) == 7 and line.code.startswith("2")):
            add(("lines", k, "code"), f"功能分类科目编码“{line.code}”应为7位项级编码（如 2101501）")
            continue
        if line.code in seen:
            add(("lines", k, "code"), f"科目编码 {line.code} 重复（与第{seen[line.code] + 1}条相同），同一项级科目只填一行")
        seen[line.code] = k
        entry = codes.lookup(line.code, year, "functional")
        if entry is None:
            add(("lines", k, "code"), f"科目编码 {line.code} 不在 {edition} 年版支出功能分类科目中")
            continue
        if not codes.names_match(entry.name, line.name):
            add(("lines", k, "name"), f"科目 {line.code} 在 {edition} 年版科目表中名为“{entry.name}”，填写为“{line.name}”")
        for parent in (line.code[:3], line.code[:5]):
            if codes.lookup(parent, year, "functional") is None:
                add(("lines", k, "code"), f"上级科目 {parent} 不在 {edition} 年版科目表中")


def check_economic_codes(lines, year: int, add) -> None:
    """经济分类 lines: 5-digit 款 codes of the year's catalogue, each once, named as the catalogue names it."""
    edition = codes.edition_for(year, "economic")
    seen: dict[str, int] = {}
    for k, e in enumerate(lines):
        if not (e.code.isdigit() and len(e.code) == 5 and e.code.startswith("3")):
            add(("economic", k, "code"), f"经济分类科目编码“{e.code}”应为5位款级编码（如 30101）")
            continue
        if e.code in seen:
            add(("economic", k, "code"), f"经济分类科目编码 {e.code} 重复（与第{seen[e.code] + 1}条相同）")
        seen[e.code] = k
        entry = codes.lookup(e.code, year, "economic")
        if entry is None:
            add(("economic", k, "code"), f"经济分类科目编码 {e.code} 不在 {edition} 年版部门预算支出经济分类科目中")
        elif e.name and not codes.names_match(entry.name, e.name):
            add(("economic", k, "name"), f"经济分类科目 {e.code} 在 {edition} 年版科目表中名为“{entry.name}”，填写为“{e.name}”")


def _performance(data: ComposeInput, add, scoring: "ScoringConfig | None" = None) -> None:
    """绩效自评: weights sum to the full marks, every indicator can be scored, a missed one says why."""
    from gongkai.compose.performance import score_project
    from gongkai.performance.scoring import fmt

    cfg = scoring or ScoringConfig()
    names: dict[str, int] = {}
    for k, proj in enumerate(data.performance):
        base = ("performance", k)
        label = f"绩效项目“{proj.name}”"
        if proj.name in names:
            add(base + ("name",), f"{label}重复（与第{names[proj.name] + 1}个项目同名）")
        names[proj.name] = k
        total = proj.execution_weight + sum((i.weight for i in proj.indicators), Decimal(0))
        if total != cfg.full_marks:
            add(base + ("indicators",), f"{label}：预算执行分值 {fmt(proj.execution_weight)} + 各指标分值之和 "
                                        f"{fmt(total - proj.execution_weight)} = {fmt(total)}，应等于满分 {fmt(cfg.full_marks)}")
        for key, f in (("fiscal", proj.fiscal), ("carryover", proj.carryover), ("other", proj.other)):
            if f.executed and not f.full:
                add(base + (key, "adjusted"), f"{label}：全年执行数 {m(f.executed)} 而全年预算数为0")
        sp = score_project(proj, data.unit.name, cfg)
        for path, message in sp.problems:
            add(base + path, f"{label}：{message}")
        for ln in sp.indicator_lines:
            ind = proj.indicators[ln.index]
            if ln.met is False and not ind.reason.strip():
                add(base + ("indicators", ln.index, "reason"),
                    f"{label}：指标“{ind.level3}”未达到年度指标值（指标值 {ind.target}{ind.target_unit}，完成值 "
                    f"{ind.actual}{ind.unit_of_actual}），须填写未完成原因")
