"""The 项目支出绩效自评表 of a composed disclosure: every score computed by `gongkai.performance.scoring`.

Each `PerfProject` of the input becomes a `PerformanceEvaluation` (as the parser would read it back), is
scored by the engine (预算执行率 × 分值, each indicator under the documented scheme, 总分, 等级), and is
printed in the standard layout: 项目名称 / 主管部门 / 实施单位, the 年度预算数 block (年初预算数, 全年预算数,
全年执行数, 分值, 执行率, 得分), 年度总体目标 (预期 / 实际), the 绩效指标 block (一级/二级/三级指标, 年度指标值,
实际完成值, 分值, 得分, 偏差原因分析及改进措施), 总分 and 评价等级.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from gongkai.compose.model import PerfIndicator, PerfProject
from gongkai.compose.tables import PCell, PrintedTable
from gongkai.model.performance import (
    BudgetLine, EvaluationKind, Indicator, Measure, MeasureKind, Operator, PerformanceEvaluation, Stage,
)
from gongkai.performance.scoring import HUNDRED, LineScore, ScoringConfig, fmt, grade_for, score_evaluation
from gongkai.performance.values import parse_measure

TEMPLATE_ID = "perf.project_self_eval"
TITLE = "项目支出绩效自评表"
CENT = Decimal("0.01")
OPS = {"≥": Operator.GE, "≤": Operator.LE, "=": Operator.EQ, "定性": Operator.QUALITATIVE}


def q(v: Decimal) -> Decimal:
    return v.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class ScoredProject:
    project: PerfProject
    evaluation: PerformanceEvaluation  # with the printed (rounded) scores
    lines: list[LineScore]  # execution first (when weighted), then one per indicator
    rate: Decimal | None  # 执行率 as printed, percent to two decimals
    total: Decimal | None
    grade: str | None
    problems: list[tuple[tuple, str]] = field(default_factory=list)  # (path within the project, message)

    @property
    def indicator_lines(self) -> list[LineScore]:
        return [ln for ln in self.lines if ln.kind == "indicator"]


def target_text(ind: PerfIndicator) -> str:
    """年度指标值 as printed: the operator and unit with a number (≥95%), the wording otherwise."""
    m = parse_measure(ind.target, ind.target_unit or None)
    if m is not None and m.kind is MeasureKind.NUMBER and m.op is None and ind.nature != "定性":
        return f"{ind.nature}{ind.target}{ind.target_unit}"
    if m is not None and m.kind is MeasureKind.NUMBER:
        return f"{ind.target}{ind.target_unit}"
    return ind.target


def actual_text(ind: PerfIndicator) -> str:
    m = parse_measure(ind.actual, ind.unit_of_actual or None)
    if m is not None and m.kind is MeasureKind.NUMBER and not ind.actual.endswith(ind.unit_of_actual or "\0"):
        return f"{ind.actual}{ind.unit_of_actual}"
    return ind.actual


def _indicator(ind: PerfIndicator) -> Indicator:
    target = parse_measure(target_text(ind)) or Measure(text=ind.target, kind=MeasureKind.TEXT)
    actual = parse_measure(actual_text(ind)) or Measure(text=ind.actual, kind=MeasureKind.TEXT)
    return Indicator(level1=ind.level1, level2=ind.level2, level3=ind.level3, nature=OPS[ind.nature],
                     nature_text=ind.nature, target=target, actual=actual, weight=ind.weight,
                     reason=ind.reason.strip() or None)


def score_project(p: PerfProject, unit: str, cfg: ScoringConfig | None = None) -> ScoredProject:
    cfg = cfg or ScoringConfig()
    rate = q(p.executed / p.full * HUNDRED) if p.full else None
    budget = BudgetLine(label="年度资金总额", initial=p.initial, adjusted=p.full, executed=p.executed, rate=rate,
                        rate_text=f"{rate}%" if rate is not None else None, weight=p.execution_weight)
    funds = []
    for label, f in p.funds:
        if f.initial or f.full or f.executed:
            r = q(f.executed / f.full * HUNDRED) if f.full else None
            funds.append(BudgetLine(label=label, initial=f.initial, adjusted=f.full, executed=f.executed, rate=r,
                                    rate_text=f"{r}%" if r is not None else None))
    ev = PerformanceEvaluation(kind=EvaluationKind.PROJECT, stage=Stage.SELF_EVAL, template_id=TEMPLATE_ID,
                               title=TITLE, name=p.name, department=p.department or unit,
                               implementing_unit=p.implementer or unit, budget=budget, funds=funds,
                               goal=p.goal or None, achieved=p.achieved or None,
                               indicators=[_indicator(i) for i in p.indicators], has_reason_column=True)
    sc = score_evaluation(ev, cfg)
    out = ScoredProject(project=p, evaluation=ev, lines=sc.lines, rate=rate, total=None, grade=None)
    if rate is None:
        out.problems.append((("fiscal", "adjusted"), "全年预算数为0，无法计算预算执行率"))
    for ln in sc.lines:
        if ln.recomputed is None:
            if ln.kind == "indicator":
                why = ln.note or "目标为文字表述，无法据以计分"
                out.problems.append((("indicators", ln.index),
                                     f"指标“{ln.label}”无法计算得分（{why}）；请填写可比较的指标值与完成值"))
            continue
        printed = q(ln.recomputed)
        if ln.kind == "execution":
            budget.score = printed
        else:
            ev.indicators[ln.index].score = printed
    scores = [ln.recomputed for ln in sc.lines]
    if scores and all(s is not None for s in scores):
        total = sum((q(s) for s in scores), Decimal(0))
        ev.total_score = total
        ev.total_weight = sum((ln.weight or Decimal(0) for ln in sc.lines), Decimal(0))
        ev.grade = grade_for(total, cfg.band_list())
        out.total, out.grade = total, ev.grade
    out.lines = score_evaluation(ev, cfg).lines  # printed beside recomputed, as an auditor would see it
    return out


def score_projects(projects: list[PerfProject], unit: str, cfg: ScoringConfig | None = None) -> list[ScoredProject]:
    return [score_project(p, unit, cfg) for p in projects]


# -- the printed table ---------------------------------------------------------------------------------
def _m(v: Decimal | None) -> str:
    return "" if v is None else f"{v:,.2f}"


def _s(v: Decimal | None) -> str:
    return "" if v is None else f"{q(v):.2f}"


def _w(v: Decimal | None) -> str:
    return "" if v is None else fmt(v, 2)


def L(text: str, colspan: int = 1, align: str = "center", bold: bool = False, rowspan: int = 1) -> PCell:
    return PCell(text, colspan=colspan, rowspan=rowspan, align=align, bold=bold)


def printed_table(sp: ScoredProject) -> PrintedTable:
    ev, p = sp.evaluation, sp.project
    b = ev.budget
    head = [[L("项目名称", 3), L(ev.name or "", 6, "left")],
            [L("主管部门", 3), L(ev.department or "", 2, "left"), L("实施单位", 2), L(ev.implementing_unit or "", 2, "left")]]
    body: list[list[PCell]] = []
    body.append([L("项目资金（万元）", 3), L("年初预算数"), L("全年预算数"), L("全年执行数"), L("分值"), L("执行率"), L("得分")])
    body.append([L("年度资金总额", 3, "left"), L(_m(b.initial), align="right"), L(_m(b.adjusted), align="right"),
                 L(_m(b.executed), align="right"), L(_w(b.weight)), L(f"{b.rate:.2f}%" if b.rate is not None else ""),
                 L(_s(b.score))])
    for f in ev.funds:
        body.append([L(f.label, 3, "left"), L(_m(f.initial), align="right"), L(_m(f.adjusted), align="right"),
                     L(_m(f.executed), align="right"), L("—"), L(f"{f.rate:.2f}%" if f.rate is not None else ""), L("—")])
    body.append([L("年度总体目标", 1), L("预期目标", 4), L("实际完成情况", 4)])
    body.append([L(""), L(p.goal or "—", 4, "left"), L(p.achieved or "—", 4, "left")])
    body.append([L("一级指标"), L("二级指标"), L("三级指标"), L("年度指标值"), L("实际完成值"), L("分值"), L("得分"),
                 L("偏差原因分析及改进措施", 2)])
    for src, ind in zip(p.indicators, ev.indicators):
        body.append([L(ind.level1 or ""), L(ind.level2 or ""), L(ind.level3 or "", align="left"),
                     L(target_text(src)), L(actual_text(src)), L(_w(ind.weight)), L(_s(ind.score)),
                     L(ind.reason or "", 2, "left")])
    weight_total = ev.total_weight if ev.total_weight is not None else None
    body.append([L("总分", 5), L(_w(weight_total)), L(_s(ev.total_score)), L("", 2)])
    conclusion = (f"自评得分{_s(ev.total_score)}分，评价等级为“{ev.grade}”。"
                  if ev.total_score is not None and ev.grade else "")
    body.append([L("评价等级", 3), L(conclusion, 6, "left")])
    return PrintedTable(template_id=TEMPLATE_ID, number=None, title=TITLE, header=head, body=body,
                        widths=[2.0, 2.0, 3.6, 2.2, 2.2, 1.3, 1.4, 1.6, 1.6], model=None)


def printed_tables(scored: list[ScoredProject]) -> list[PrintedTable]:
    return [printed_table(sp) for sp in scored]


# -- the 预算绩效管理情况 of the 情况说明 ---------------------------------------------------------------------
def summary_paragraphs(scored: list[ScoredProject], year: int, unit: str) -> list[str]:
    """Generated from the scores: number of projects, amounts, average score, counts by 等级, then one
    sentence per project."""
    done = [sp for sp in scored if sp.total is not None]
    if not done:
        return []
    full = sum((sp.project.full for sp in done), Decimal(0))
    executed = sum((sp.project.executed for sp in done), Decimal(0))
    avg = q(sum((sp.total for sp in done), Decimal(0)) / len(done))
    grades: dict[str, int] = {}
    for sp in done:
        grades[sp.grade or "未定级"] = grades.get(sp.grade or "未定级", 0) + 1
    order = ["优", "良", "中", "差"]
    counts = "、".join(f"“{g}”{grades[g]}个" for g in sorted(grades, key=lambda g: order.index(g) if g in order else 9))
    rate = f"，执行率{q(executed / full * HUNDRED):.2f}%" if full else ""
    out = [f"根据预算绩效管理要求，{unit}组织对{year}年度{len(done)}个项目支出开展绩效自评，涉及全年预算数"
           f"{_m(full)}万元，全年执行数{_m(executed)}万元{rate}。自评结果为：平均分{avg:.2f}分，其中评价等级为{counts}。"]
    for k, sp in enumerate(done, 1):
        p, ev = sp.project, sp.evaluation
        missed = [ind for ind, ln in zip(ev.indicators, sp.indicator_lines) if ln.met is False]
        text = (f"{k}.{p.name}：全年预算数{_m(p.full)}万元，全年执行数{_m(p.executed)}万元"
                + (f"，预算执行率{sp.rate:.2f}%" if sp.rate is not None else "")
                + f"；设置绩效指标{len(ev.indicators)}个，")
        if missed:
            names = "、".join(f"“{i.level3}”" for i in missed)
            text += f"{names}未完全达到年度指标值"
            reasons = "；".join(i.reason.rstrip("。") for i in missed if i.reason)
            text += f"（{reasons}）" if reasons else ""
            text += "，其余指标均已完成。"
        else:
            text += "均已完成年度指标值。"
        out.append(text)
    out.append(f"各项目支出绩效自评表见附表。")
    return out
