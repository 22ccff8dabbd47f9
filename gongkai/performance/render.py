"""Text output of `gongkai score`: each evaluation with printed and recomputed scores side by side."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table as RichTable

from gongkai.model.document import Document
from gongkai.model.performance import PerformanceEvaluation, Stage
from gongkai.performance.scoring import EvaluationScore, Verdict, fmt, show

COLOURS = {Verdict.MATCH: "green", Verdict.ROUNDING: "blue", Verdict.DIFFERS: "red", Verdict.UNSCORED: "dim",
           Verdict.MISSING: "yellow"}
KINDS = {"project": "项目", "部门整体": "部门整体", "转移支付": "转移支付"}


def _verdict(v: Verdict) -> str:
    return f"[{COLOURS[v]}]{v.label}[/{COLOURS[v]}]"


def render_document(doc: Document, scores: list[EvaluationScore], console: Console) -> None:
    console.print(f"[bold]{doc.source.path}[/bold]  {doc.unit_name or '（单位未识别）'} "
                  f"{doc.year or ''}年度{doc.kind.value if doc.kind else ''}", highlight=False)
    if not doc.performance:
        console.print("  未找到绩效表（项目支出绩效自评表、部门整体支出绩效自评表、绩效目标表等）。\n")
        return
    scored = sum(1 for e in doc.performance if e.stage is Stage.SELF_EVAL)
    inds = sum(len(e.indicators) for e in doc.performance)
    bad = sum(1 for s in scores for ln in s.lines if ln.verdict is Verdict.DIFFERS)
    console.print(f"  绩效表 {len(doc.performance)} 张（自评 {scored} 张），指标 {inds} 个；"
                  f"得分与复算不符 {bad} 处\n", highlight=False)
    for ev, sc in zip(doc.performance, scores):
        render_evaluation(ev, sc, console)


def render_evaluation(ev: PerformanceEvaluation, sc: EvaluationScore, console: Console) -> None:
    where = ev.span.describe() if ev.span else ""
    title = f"{KINDS[ev.kind.value]}：{ev.name or '（名称未能识别）'}"
    console.print(f"[bold cyan]{title}[/bold cyan]  {ev.stage.value}  {ev.title}  {where}", highlight=False)
    info = [f"{k}：{v}" for k, v in (("项目编码", ev.code), ("主管部门", ev.department), ("预算单位", ev.budget_unit),
                                      ("实施单位", ev.implementing_unit)) if v]
    if info:
        console.print("  " + "  ".join(info), highlight=False)
    b = ev.budget
    if b is not None:
        parts = [f"{k} {fmt(v)}" for k, v in (("年初预算", b.initial), ("调整后预算", b.adjusted), ("执行数", b.executed))
                 if v is not None]
        if b.rate is not None:
            parts.append(f"执行率 {fmt(b.rate)}%")
        console.print("  预算执行（万元）：" + "，".join(parts), highlight=False)
    if sc.lines:
        grid = RichTable(show_header=True, header_style="bold", box=None, pad_edge=False)
        for name, justify in (("指标", "left"), ("性质", "left"), ("指标值", "left"), ("完成值", "left"),
                              ("权重", "right"), ("表中得分", "right"), ("复算得分", "right"), ("结果", "left"),
                              ("算式", "left")):
            grid.add_column(name, justify=justify, overflow="fold")
        for ln in sc.lines:
            if ln.kind == "execution":
                nature, target, actual = "", "", f"{fmt(ev.budget.rate)}%" if ev.budget and ev.budget.rate is not None else ""
                name = "预算执行率"
            else:
                ind = ev.indicators[ln.index]
                nature = (ind.effective_nature.value + ("*" if ind.nature_inferred else "")) if ind.effective_nature else ""
                target = ind.target.text if ind.target else ""
                actual = ind.actual.text if ind.actual else ""
                name = ind.name
            note = ln.formula or ln.note or ""
            if ln.matches_alternative:
                note += f"（按“{ln.matches_alternative}”口径相符）"
            grid.add_row(name[:28], nature, target[:16], actual[:16], fmt(ln.weight), fmt(ln.printed),
                         show(ln.recomputed, ln.printed) if ln.recomputed is not None else "—", _verdict(ln.verdict), note)
        grid.add_row("合计", "", "", "", fmt(sc.weight_sum), fmt(ev.total_score),
                     show(sc.recomputed_total, ev.total_score) if sc.recomputed_total is not None else "—",
                     _verdict(sc.total_verdict) if ev.total_score is not None else "",
                     f"各项得分之和 {fmt(sc.printed_sum)}" if sc.printed_sum is not None else "")
        console.print(grid)
    elif ev.indicators:
        grid = RichTable(show_header=True, header_style="bold", box=None, pad_edge=False)
        for name in ("一级指标", "二级指标", "三级指标", "性质", "指标值", "完成值", "权重"):
            grid.add_column(name, overflow="fold")
        for ind in ev.indicators:
            nature = (ind.effective_nature.value + ("*" if ind.nature_inferred else "")) if ind.effective_nature else ""
            grid.add_row(ind.level1 or "", ind.level2 or "", (ind.level3 or "")[:28], nature,
                         (ind.target.text if ind.target else "")[:24], (ind.actual.text if ind.actual else "")[:24],
                         fmt(ind.weight) if ind.weight is not None else "")
        console.print(grid)
        if sc.weight_sum is not None:
            console.print(f"  权重合计 {fmt(sc.weight_sum)}", highlight=False)
    if ev.total_score is not None or ev.grade:
        grade = f"，表中等级“{ev.grade}”" if ev.grade else ""
        expect = f"，按{'文件所印' if sc.bands_source == 'document' else '默认'}等级标准为“{sc.grade_for_total}”" \
            if sc.grade_for_total else ""
        console.print(f"  合计得分 {fmt(ev.total_score)}{grade}{expect}", highlight=False)
    for st in ev.stated:
        where_ = st.span.describe() if st.span else ""
        console.print(f"  文字所述{st.label} {fmt(st.value)} 分{('，等级“' + st.grade + '”') if st.grade else ''}"
                      f"（{'评价结论' if st.source == 'table' else '情况说明'}，{where_}）", highlight=False)
    for u in ev.unreadable:
        console.print(f"  [yellow]无法读取[/yellow] {u.span.describe() if u.span else ''}：{u.reason}", highlight=False)
    if "*" in "".join((i.effective_nature.value if i.effective_nature else "") + ("*" if i.nature_inferred else "")
                      for i in ev.indicators):
        console.print("  [dim]性质带 * 的为据指标值推断[/dim]")
    console.print()
