"""BudgetInput → composition: the canonical Document plus the blocks every renderer draws."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from gongkai.catalog.templates import profiles
from gongkai.compose.blocks import Figure
from gongkai.compose.budget.figures import PERSONNEL_CLASSES, ZERO, BudgetFigures
from gongkai.compose.budget.layout import Layout
from gongkai.compose.budget.model import BudgetInput
from gongkai.compose.budget.narrative import BudgetWriter
from gongkai.compose.budget.styles import STYLES
from gongkai.compose.budget.tables import BudgetBuilder
from gongkai.compose.budget.tables_other import OtherTables
from gongkai.compose.compose import ComposeError, Composition, _number_figures, _sections
from gongkai.compose.tables import NUMERALS, PrintedTable
from gongkai.compose.validate import m
from gongkai.model.document import Document, DocumentKind, Source

DEFAULT_PROFILE = "national_budget"
SUPPORTED = tuple(STYLES)


@dataclass
class BudgetComposition(Composition):
    @property
    def title(self) -> str:
        return f"{self.data.unit.name}{self.data.unit.year}年{profiles()[self.profile].kind}"


def choose_budget_profile(data: BudgetInput, requested: str | None) -> str:
    pid = requested or data.unit.profile or DEFAULT_PROFILE
    if pid not in profiles():
        raise ComposeError(f"未知的模板口径：{pid}（可选：{'、'.join(SUPPORTED)}）")
    if pid not in SUPPORTED:
        raise ComposeError(f"模板口径 {pid} 暂不支持编制部门预算（目前支持：{'、'.join(SUPPORTED)}）")
    return pid


def unprintable(data: BudgetInput, pid: str) -> list[str]:
    """Money the profile's tables have no place for: refused rather than dropped or moved silently."""
    family = STYLES[pid].family
    if family == "hebei":
        return []
    out: list[str] = []

    def lines_with(field: str) -> str:
        return "、".join(x.code for x in data.lines if getattr(x, field))

    name = profiles()[pid].name
    banned = {"national": [("special", "财政专户管理资金"), ("carryover", "上年结转"), ("reserve", "单位预留机动经费")],
              "shanghai": [("special", "财政专户管理资金"), ("carryover", "上年结转"), ("reserve", "单位预留机动经费")],
              "jiangsu": [("soe", "国有资本经营预算拨款"), ("gf_basic", "政府性基金预算拨款安排的基本支出"),
                          ("soe_basic", "国有资本经营预算拨款安排的基本支出")]}[family]
    for field, what in banned:
        if codes := lines_with(field):
            out.append(f"“{name}”口径的公开表没有列示{what}的栏目，科目 {codes} 填有{what}，请改用其他口径或调整填报")
    if STYLES[pid].entity == "单位":
        out += _unit_split_problems(data, name)
    if family != "jiangsu":
        t = data.three_public
        if t.meeting.budget or t.training.budget:
            out.append(f"“{name}”口径的“三公”经费表不列会议费、培训费，请清空会议费、培训费预算或改用江苏口径")
    return out


def _unit_split_problems(data: BudgetInput, name: str) -> list[str]:
    """上海 单位预算: the 人员经费 / 公用经费 of 基本支出 (all funds) must hold those of 一般公共预算基本支出."""
    public = sum((x.basic_public for x in data.lines), ZERO)
    personnel = sum((x.basic_personnel for x in data.lines), ZERO)
    econ_personnel = sum((e.basic for e in data.economic if e.code[:3] in PERSONNEL_CLASSES), ZERO)
    econ_public = sum((e.basic for e in data.economic if e.code[:3] not in PERSONNEL_CLASSES), ZERO)
    out = []
    for what, lines, econ in (("公用经费", public, econ_public), ("人员经费", personnel, econ_personnel)):
        if lines < econ:
            out.append(f"“{name}”口径的财务收支预算总表按类列示基本支出的人员经费和公用经费：功能分类预算中基本支出的{what}"
                       f"合计 {m(lines)} 小于经济分类一般公共预算基本支出的{what} {m(econ)}，请填写“其中：基本支出中的公用经费”")
    return out


def _missing_for_hebei(data: BudgetInput) -> list[str]:
    out = []
    if not data.organisation:
        out.append("河北口径须填写“部门机构设置情况”（至少一个单位）")
    if not data.performance.indicators:
        out.append("河北口径须填写部门整体支出绩效指标")
    if not data.performance.projects:
        out.append("河北口径须填写项目绩效目标（至少一个项目）")
    return out


def build_tables(f: BudgetFigures, pid: str) -> list[PrintedTable]:
    style = STYLES[pid]
    builder, other = BudgetBuilder(f, style), OtherTables(f, style.family)
    out: list[PrintedTable] = []
    for k, pt in enumerate(profiles()[pid].tables):
        kind, name = pt.template.split(".", 1)
        if kind == "budget":
            out.append(builder.table(pt.template, pt.number))
            if style.edition == 2017:  # printed 表一 … 表十二 above the title (read back as 公开01表 …)
                out[-1].number = f"表{NUMERALS[k]}"
            continue
        made = getattr(other, name)()
        for t in made if isinstance(made, list) else [made]:
            t.template_id, t.number = pt.template, f"表{NUMERALS[k]}" if style.edition == 2017 else pt.number
            t.title = t.title or style.title(pt.template, year=f.year, unit=f.unit_name)
            m = t.model
            m.template_id, m.title, m.printed_title, m.printed_number = pt.template, t.title, t.title, pt.number
            m.printed_unit_name, m.printed_year, m.notes = f.unit_name, f.year, list(t.notes)
            out.append(t)
    return out


def compose_budget(data: BudgetInput, profile: str | None = None, charts: bool = True) -> BudgetComposition:
    pid = choose_budget_profile(data, profile)
    problems = unprintable(data, pid) + (_missing_for_hebei(data) if STYLES[pid].family == "hebei" else [])
    if problems:
        raise ComposeError("；".join(problems))
    f = BudgetFigures(data, STYLES[pid].unit)
    tables = build_tables(f, pid)
    writer = BudgetWriter(f, STYLES[pid].entity)
    blocks = Layout(writer, tables, STYLES[pid]).blocks()
    _number_figures(blocks)
    doc = Document(kind=DocumentKind(profiles()[pid].kind), year=data.unit.year, unit_name=data.unit.name, region=data.unit.region,
                   profile=pid,
                   source=Source(path="(composed)", sha256=hashlib.sha256(data.model_dump_json().encode()).hexdigest(),
                                 format="compose"),
                   sections=_sections(blocks), tables=[t.model for t in tables if t.model is not None])
    comp = BudgetComposition(data=data, profile=pid, figures=f, tables=tables, blocks=blocks, document=doc)
    if charts:
        from gongkai.compose.budget.charts import render_budget_charts

        comp.charts = render_budget_charts(writer, [b.key for b in blocks if isinstance(b, Figure)])
    return comp
