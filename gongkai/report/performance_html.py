"""The 绩效 part of the HTML audit report: every self-evaluation with printed and recomputed scores."""

from __future__ import annotations

from html import escape as e

from gongkai.model.document import Document
from gongkai.model.performance import PerformanceEvaluation
from gongkai.performance.scoring import EvaluationScore, ScoringConfig, Verdict, fmt, score_all, show

CSS = r"""
.perf table.grid td.v-match{color:#067647}.perf table.grid td.v-rounding{color:#175cd3}
.perf table.grid td.v-differs{color:#b42318;font-weight:600;background:#fef3f2}
.perf table.grid td.v-unscored,.perf table.grid td.v-missing{color:#667085}
.perf .formula{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;color:#475467}
.perf .pmeta{color:#475467;font-size:13px;margin:8px 16px}
.perf td[class^="v-"]{white-space:nowrap}
"""


def render_performance(doc: Document, options: dict | None = None, anchor: str = "perf") -> str:
    """A section listing each evaluation; empty string when the document prints none."""
    if not doc.performance:
        return ""
    try:
        cfg = ScoringConfig.from_options(options)
    except ValueError:
        cfg = ScoringConfig()
    scores = score_all(doc.performance, cfg)
    parts = [_evaluation(ev, sc, k, anchor) for k, (ev, sc) in enumerate(zip(doc.performance, scores))]
    bad = sum(1 for s in scores for ln in s.lines if ln.verdict is Verdict.DIFFERS)
    return (f'<section class="tbl perf" id="{anchor}"><details open><summary><b>绩效自评表复算</b>'
            f'<span class="muted">共 {len(doc.performance)} 张，得分与复算不符 {bad} 处；'
            f'复算按默认或配置的评分规则（见 gongkai rules J103）</span></summary>'
            + "".join(parts) + "</details></section>")


def _evaluation(ev: PerformanceEvaluation, sc: EvaluationScore, k: int, anchor: str) -> str:
    where = ev.span.describe() if ev.span else ""
    head = f'<div class="pmeta" id="{anchor}-{k}"><b>{e(ev.name or "（名称未能识别）")}</b>　{e(ev.title or "")}　{e(where)}'
    b = ev.budget
    if b is not None and any(v is not None for v in (b.adjusted, b.executed, b.rate)):
        head += (f"<br>预算执行：调整后预算 {e(fmt(b.adjusted))}，执行数 {e(fmt(b.executed))}，"
                 f"执行率 {e(fmt(b.rate))}%")
    head += "</div>"
    if not sc.lines:
        return head
    rows = []
    for ln in sc.lines:
        if ln.kind == "execution":
            name, target, actual = "预算执行率", "", f"{fmt(ev.budget.rate)}%" if ev.budget and ev.budget.rate is not None else ""
        else:
            ind = ev.indicators[ln.index]
            name = ind.name
            target = ind.target.text if ind.target else ""
            actual = ind.actual.text if ind.actual else ""
        recomputed = show(ln.recomputed, ln.printed) if ln.recomputed is not None else "—"
        note = (ln.formula or ln.note or "") + (f"（按“{ln.matches_alternative}”口径相符）" if ln.matches_alternative else "")
        rows.append(f"<tr><td>{e(name)}</td><td>{e(target)}</td><td>{e(actual)}</td><td class=num>{e(fmt(ln.weight))}</td>"
                    f"<td class=num>{e(fmt(ln.printed))}</td><td class=num>{e(recomputed)}</td>"
                    f'<td class="v-{ln.verdict.value}">{e(ln.verdict.label)}</td><td class=formula>{e(note)}</td></tr>')
    partial = any(ln.verdict is Verdict.UNSCORED for ln in sc.lines)
    verdict = Verdict.UNSCORED if partial else sc.total_verdict
    recomputed = "—" if partial or sc.recomputed_total is None else show(sc.recomputed_total, ev.total_score)
    notes = [f"表中等级“{ev.grade}”" if ev.grade else "",
             f"按等级标准应为“{sc.grade_for_total}”" if sc.grade_for_total and not partial else "",
             "有无法复算的指标，不复算合计" if partial else ""]
    total = (f"<tr class=total><td>合计</td><td></td><td></td><td class=num>{e(fmt(sc.weight_sum))}</td>"
             f"<td class=num>{e(fmt(ev.total_score))}</td><td class=num>{e(recomputed)}</td>"
             f'<td class="v-{verdict.value}">{e(verdict.label if ev.total_score is not None else "")}</td>'
             f"<td>{e('；'.join(n for n in notes if n))}</td></tr>")
    return (head + '<div class="scroll"><table class="grid"><thead><tr><th>指标</th><th>指标值</th><th>完成值</th>'
            "<th>权重</th><th>表中得分</th><th>复算得分</th><th>结果</th><th>算式</th></tr></thead><tbody>"
            + "".join(rows) + total + "</tbody></table></div>")
