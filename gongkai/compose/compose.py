"""Input → composition: the canonical Document plus the blocks every renderer draws."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from gongkai.catalog.templates import profiles
from gongkai.compose.blocks import Block, Contents, Cover, Figure, Heading, Para, TableBlock
from gongkai.compose.figures import Figures
from gongkai.compose.model import ComposeInput
from gongkai.compose.narrative import Writer
from gongkai.compose.performance import ScoredProject, printed_tables, score_projects
from gongkai.performance.scoring import ScoringConfig
from gongkai.compose.tables import STYLES, PrintedTable, build_tables
from gongkai.model.document import Document, DocumentKind, Section, Source

DEFAULT_PROFILE = "national_final"
SUPPORTED = tuple(STYLES)


class ComposeError(Exception):
    """Cannot compose (e.g. an unsupported profile); the message is Chinese."""


@dataclass
class Composition:
    data: ComposeInput
    profile: str
    figures: Figures
    tables: list[PrintedTable]
    blocks: list[Block]
    document: Document
    charts: dict = field(default_factory=dict)
    performance: list[ScoredProject] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.data.unit.name}{self.data.unit.year}年度部门决算"


def choose_profile(data: ComposeInput, requested: str | None) -> str:
    if data.unit.kind == "部门预算":
        from gongkai.compose.budget.compose import choose_budget_profile

        return choose_budget_profile(data, requested)
    pid = requested or data.unit.profile or DEFAULT_PROFILE
    if pid not in profiles():
        raise ComposeError(f"未知的模板口径：{pid}（可选：{'、'.join(SUPPORTED)}）")
    if pid not in SUPPORTED:
        raise ComposeError(f"模板口径 {pid} 暂不支持编制（目前支持：{'、'.join(SUPPORTED)}）")
    return pid


def compose(data: ComposeInput, profile: str | None = None, charts: bool = True,
            scoring: ScoringConfig | None = None) -> Composition:
    """The whole disclosure; `scoring` is the 绩效 scoring scheme (`performance.*` options) of the 自评表."""
    if data.unit.kind == "部门预算":  # a BudgetInput (gongkai.compose.budget)
        from gongkai.compose.budget.compose import compose_budget
        from gongkai.compose.budget.model import BudgetInput

        if not isinstance(data, BudgetInput):
            raise ComposeError("部门预算的填报数据应按部门预算的格式填写（gongkai template --kind 部门预算）")
        return compose_budget(data, profile, charts)
    pid = choose_profile(data, profile)
    f = Figures(data)
    tables = build_tables(f, pid)
    y, unit = data.unit.year, data.unit.name
    blocks: list[Block] = [Cover(unit=unit, title=f"{y}年度部门决算"), Contents()]
    blocks += Writer(f).overview()
    blocks.append(Heading(f"第二部分 {y}年度部门决算表", 0, new_page=True))
    for k, t in enumerate(tables):
        blocks.append(TableBlock(t, unit, y, toc=f"{_numeral(k)}、{t.title}"))
    scored = score_projects(data.performance, unit, scoring)
    for k, (sp, t) in enumerate(zip(scored, printed_tables(scored)), len(tables)):
        blocks.append(TableBlock(t, unit, y, toc=f"{_numeral(k)}、{t.title}（{sp.project.name}）"))
    blocks += Writer(f, scored).explanation()
    blocks += Writer(f).terms()
    _number_figures(blocks)
    doc = Document(kind=DocumentKind.DEPT_FINAL, year=y, unit_name=unit, region=data.unit.region, profile=pid,
                   source=Source(path="(composed)", sha256=hashlib.sha256(data.model_dump_json().encode()).hexdigest(),
                                 format="compose"),
                   sections=_sections(blocks), tables=[t.model for t in tables if t.model is not None],
                   performance=[sp.evaluation for sp in scored])
    comp = Composition(data=data, profile=pid, figures=f, tables=tables, blocks=blocks, document=doc, performance=scored)
    if charts:
        comp.charts = render_charts_for(comp)
    return comp


def render_charts_for(comp: Composition) -> dict:
    from gongkai.compose.charts import render_charts

    keys = [b.key for b in comp.blocks if isinstance(b, Figure)]
    return render_charts(comp.figures, keys)


def _numeral(k: int) -> str:
    from gongkai.compose.tables import NUMERALS

    return NUMERALS[k]


def _number_figures(blocks: list[Block]) -> None:
    """图1, 图2 … in order of appearance over the whole document."""
    n = 0
    for b in blocks:
        if isinstance(b, Figure):
            n += 1
            b.caption = f"图{n} " + b.caption.split(" ", 1)[1]


def _sections(blocks: list[Block]) -> list[Section]:
    sections: list[Section] = []
    path: list[str] = []
    levels: list[int] = []
    texts: list[str] = []

    def close():
        if path:
            sections.append(Section(path=list(path), text="\n".join(texts)))

    for b in blocks:
        if isinstance(b, Heading):
            close()
            texts = []
            while levels and levels[-1] >= b.level:
                levels.pop()
                path.pop()
            levels.append(b.level)
            path.append(b.text)
        elif isinstance(b, Para):
            texts.append(b.text)
        elif isinstance(b, Figure):
            texts.append(b.caption)
    close()
    return sections
