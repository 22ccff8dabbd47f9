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
from gongkai.compose.tables import NUMERALS, STYLES, PrintedTable, build_tables
from gongkai.model.document import Document, DocumentKind, Section, Source

DEFAULT_PROFILE = "national_final"
SUPPORTED = tuple(STYLES)


@dataclass(frozen=True)
class Layout:
    """The parts of a profile's disclosure in print order, each numbered 第X部分 as it comes, and their titles
    ({unit}, {year} filled in). With no `attachments` part the 绩效自评表 follow the standard tables."""

    parts: tuple[str, ...] = ("overview", "tables", "explanation", "terms")
    titles: dict[str, str] = field(default_factory=dict)
    banner: bool = False  # the table part's title heads its first table's page (no 第X部分) instead of a divider page

    def title(self, part: str, unit: str, year: int) -> str:
        return (self.titles.get(part) or PART_TITLES[part]).format(unit=unit, year=year)


PART_TITLES = {"overview": "部门概况", "tables": "{year}年度部门决算表", "explanation": "{year}年度部门决算情况说明",
               "terms": "名词解释", "attachments": "附件"}
LAYOUTS = {
    # seed 001 (四川省医疗保障局 2022): 概况, 情况说明, 名词解释, 附件 (绩效自评), 附表 (the 13 tables) last
    "sichuan_final": Layout(parts=("overview", "explanation", "terms", "attachments", "tables"),
                            titles={"tables": "附表"}),
    # 上海 2024 部门决算模板 (附件2) and the 普陀区委社会工作部 2024 决算: the unit's name in the part titles
    "shanghai_final": Layout(titles={"overview": "{unit}概况", "tables": "{unit}{year}年度部门决算表",
                                     "explanation": "{unit}{year}年度部门决算情况说明"}, banner=True),
}


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
    scored = score_projects(data.performance, unit, scoring)
    blocks: list[Block] = [Cover(unit=unit, title=f"{y}年度部门决算"), Contents()]
    blocks += _parts(f, pid, tables, scored)
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


def _parts(f: Figures, pid: str, tables: list[PrintedTable], scored: list[ScoredProject]) -> list[Block]:
    """The parts in the profile's order; the 附件 part only when there is something to attach."""
    layout, style = LAYOUTS.get(pid, Layout()), STYLES[pid]
    y, unit = f.year, f.unit
    attached = "attachments" in layout.parts
    performance = [(t, f"{t.title}（{sp.project.name}）") for sp, t in zip(scored, printed_tables(scored))]
    standard = [(t, t.title) for t in tables] + ([] if attached else performance)
    blocks: list[Block] = []
    parts = [p for p in layout.parts if p != "attachments" or performance]
    for n, part in enumerate(parts):
        title = f"第{NUMERALS[n]}部分 {layout.title(part, unit, y)}"
        if part == "overview":
            blocks += Writer(f).overview(title)
        elif part == "explanation":
            blocks += Writer(f, scored).explanation(title, "附件" if attached else "附表")
        elif part == "terms":
            blocks += Writer(f).terms(title)
        else:
            inline = layout.banner and part == "tables"
            blocks.append(Heading(title, 0, new_page=not inline, inline=inline))
            banner = layout.title(part, unit, y) if inline else ""
            for k, (t, toc) in enumerate(standard if part == "tables" else performance):
                blocks.append(TableBlock(t, unit, y, toc=f"{NUMERALS[k]}、{toc}", unit_label=style.unit_label,
                                         meta=style.table_meta, banner="" if k else banner))
    return blocks


def render_charts_for(comp: Composition) -> dict:
    from gongkai.compose.charts import render_charts

    keys = [b.key for b in comp.blocks if isinstance(b, Figure)]
    return render_charts(comp.figures, keys)


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
