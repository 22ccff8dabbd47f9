"""The economic-classification detail some profiles print, and its consistency with the functional lines.

四川 (sichuan_final) prints two tables the other sets do not, and they need input the others do not:

- 公开07表 一般公共预算财政拨款支出决算明细表: each 功能分类 项's 一般公共预算财政拨款支出 by 经济分类 类
  (`ComposeInput.gpb_by_economic`);
- 公开09表 一般公共预算财政拨款项目支出决算表: 项目支出 by 经济分类 款 (`EconomicLine.project`).

A profile needs them when its table set contains those templates. The checks run whenever the data is given
(it must then be consistent) and require it when the profile needs it.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from gongkai.catalog import codes
from gongkai.compose.model import ComposeInput

MATRIX_TABLE = "final.gpb_expenditure_detail"
PROJECT_TABLE = "final.gpb_project"
MATRIX_SHEET_NAME = "功能×经济分类支出"
ZERO = Decimal("0.00")


def _tables(profile: str | None) -> set[str]:
    from gongkai.catalog.templates import profiles

    p = profiles().get(profile or "")
    return {pt.template for pt in p.tables} if p else set()


def needs_matrix(profile: str | None) -> bool:
    return MATRIX_TABLE in _tables(profile)


def needs_project(profile: str | None) -> bool:
    return PROJECT_TABLE in _tables(profile)


def m(v: Decimal) -> str:
    return f"{v:,.2f}"


def check_detail(data: ComposeInput, add: Callable[[tuple, str], None], profile: str | None) -> None:
    """Report (path, message) errors of the economic detail: project 款 against the functional project total,
    every matrix row against its 功能分类 项, every 经济分类 类 column against the 款 of that 类."""
    lines = {x.code: x for x in data.lines}
    gpb_project = sum((x.gpb_project for x in data.lines), ZERO)
    gpb_basic = sum((x.gpb_basic for x in data.lines), ZERO)
    econ_project = sum((e.project for e in data.economic), ZERO)
    econ_basic = sum((e.basic for e in data.economic), ZERO)
    project_ok = econ_project == gpb_project
    if needs_project(profile) and not project_ok and not econ_project:
        add(("economic", "project"), f"{profile} 口径须按经济分类（款级）填写一般公共预算财政拨款项目支出（公开09表）："
                                     f"功能分类项目支出合计 {m(gpb_project)}，经济分类项目支出尚未填写")
    elif (needs_project(profile) or econ_project) and not project_ok:
        add(("economic", "project"), f"经济分类项目支出合计 {m(econ_project)} ≠ 功能分类一般公共预算财政拨款项目支出合计 "
                                     f"{m(gpb_project)}（相差 {m(econ_project - gpb_project)}）")

    rows = data.gpb_by_economic
    if not rows:
        if needs_matrix(profile) and gpb_basic + gpb_project:
            add(("gpb_by_economic",), f"{profile} 口径须填写“{MATRIX_SHEET_NAME}”（公开07表）：一般公共预算财政拨款支出 "
                                      f"{m(gpb_basic + gpb_project)} 尚未按功能分类科目分解到经济分类")
        return
    year = data.unit.year
    edition = codes.edition_for(year, "economic")
    seen: dict[str, int] = {}
    bad = False
    for k, row in enumerate(rows):
        if row.code not in lines:
            add(("gpb_by_economic", k, "code"), f"功能分类科目编码“{row.code}”不在“功能分类收支”表中（本表只分解该表已填写的项级科目）")
            bad = True
        elif row.code in seen:
            add(("gpb_by_economic", k, "code"), f"科目编码 {row.code} 重复（与第{seen[row.code] + 1}条相同），同一项级科目只填一行")
            bad = True
        seen.setdefault(row.code, k)
        for cls in row.amounts:
            entry = codes.lookup(cls, year, "economic")
            if not (len(cls) == 3 and cls.startswith("3") and entry is not None):
                add(("gpb_by_economic", k, "amounts", cls),
                    f"“{cls}”不是 {edition} 年版部门预算支出经济分类的类级编码（如 301、302）")
                bad = True
    if bad:
        return
    for k, row in enumerate(rows):
        x = lines[row.code]
        want = x.gpb_basic + x.gpb_project
        if row.total != want:
            add(("gpb_by_economic", k, "amounts"),
                f"{x.code} {x.name}：各经济分类支出之和 {m(row.total)} ≠ 该科目一般公共预算财政拨款支出 {m(want)}"
                f"（基本支出 {m(x.gpb_basic)} + 项目支出 {m(x.gpb_project)}，见“功能分类收支”表；相差 {m(row.total - want)}）")
    for x in data.lines:
        if x.gpb_basic + x.gpb_project and x.code not in seen:
            add(("gpb_by_economic",), f"功能分类 {x.code} {x.name} 有一般公共预算财政拨款支出 {m(x.gpb_basic + x.gpb_project)}，"
                                      "本表没有这一科目的经济分类分解")
    if not (project_ok and econ_basic == gpb_basic):
        return  # the 款 totals are wrong already (reported): the class columns would only repeat it
    classes = sorted({c for row in rows for c in row.amounts} | {e.code[:3] for e in data.economic})
    for cls in classes:
        matrix = sum((row.amounts.get(cls, ZERO) for row in rows), ZERO)
        basic = sum((e.basic for e in data.economic if e.code.startswith(cls)), ZERO)
        project = sum((e.project for e in data.economic if e.code.startswith(cls)), ZERO)
        if matrix != basic + project:
            entry = codes.lookup(cls, year, "economic")
            add(("gpb_by_economic", "columns", cls),
                f"经济分类 {cls} {entry.name if entry else ''}：各功能分类科目合计 {m(matrix)} ≠ “经济分类基本支出”表 {cls} "
                f"各款基本支出 {m(basic)} + 项目支出 {m(project)} = {m(basic + project)}（相差 {m(matrix - basic - project)}）")


def profile_problems(data: ComposeInput, profile: str) -> list[str]:
    """What a profile needs that the data lacks or contradicts (when the profile is chosen at compose time)."""
    out: list[str] = []
    check_detail(data, lambda path, message: out.append(message), profile)
    return out
