from decimal import Decimal

from gongkai.audit.finding import Severity
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.performance._common import (
    config_notice, finding, scored, subject, tail, unreadable_note, where,
)
from gongkai.performance.scoring import Verdict, compare, fmt


@register
class StatedScore(Rule):
    code = "J109"
    title = "文字所述得分与自评表不符"
    doc = """
### 检查内容
评价结论栏和情况说明中所述的得分（如“项目自评得分为88.5分”“绩效自评得分为88.67分”），与对应自评表的合计
得分比较；分项得分（如“预算执行情况得分7分，产出情况得分49分……总绩效为92分”）之和与所述总分比较。
文字只在有把握时对应到表：表内的评价结论、情况说明中写明“部门整体”的段落、或写明项目名称
（与表中项目名称有至少六个字相同）且该表自身未写得分的句子。两者仅差尾数（85.86 与 85.8）的，只作提示。

### 为什么重要
读者通常只读文字；文字与表不一致，至少有一处是错的。

### 示例
评价结论写“自评得分85.86分”，表中合计为 85.8。

### 如何修正
统一文字与表格中的得分。
"""

    def check(self, ctx):
        yield from config_notice(ctx, type(self))
        for ev, sc in scored(ctx):
            table_total = ev.total_score
            basis = "表中合计"
            if table_total is None and sc.printed_sum is not None:
                table_total, basis = sc.printed_sum, "表中各项得分之和"
            totals = [st for st in ev.stated if st.label == "总分"]
            for st in totals:
                loc = self._loc(ctx, ev, st)
                if table_total is None:
                    continue
                verdict = compare(table_total, st.value) if Decimal(st.value).as_tuple().exponent <= Decimal(
                    table_total).as_tuple().exponent else compare(st.value, table_total)
                if verdict is Verdict.MATCH or st.value == table_total:
                    continue
                formula = f"文字所述 {fmt(st.value)} 分，{basis} {fmt(table_total)} 分，相差 {fmt(st.value - table_total)}"
                if verdict is Verdict.ROUNDING:
                    severity, note = tail(ctx, type(self), "一处为另一处舍入到所印小数位")
                    yield finding(type(self), severity, f"{subject(ev)}：文字所述得分 {fmt(st.value)} 与{basis} "
                                  f"{fmt(table_total)} 仅差尾数{note}", loc, formula=formula, expected=table_total,
                                  actual=st.value, quote=st.text, rounding=True)
                    continue
                note = unreadable_note(ev) if basis != "表中合计" else ""
                yield finding(type(self), Severity.INFO if note else self.severity,
                              f"{subject(ev)}：文字所述得分 {fmt(st.value)} 与{basis} {fmt(table_total)} 不符{note}", loc,
                              formula=formula, expected=table_total, actual=st.value, quote=st.text,
                              hint="统一文字与表格中的得分。")
            parts = [st for st in ev.stated if st.label != "总分" and st.source == "narrative"]
            if len(parts) >= 2 and totals:
                total = totals[0].value
                summed = sum((p.value for p in parts), Decimal(0))
                if summed != total:
                    expr = " + ".join(f"{p.label} {fmt(p.value)}" for p in parts)
                    yield finding(type(self), self.severity,
                                  f"{subject(ev)}：文字所述分项得分之和 {fmt(summed)} 不等于所述总分 {fmt(total)}",
                                  self._loc(ctx, ev, totals[0]), formula=f"{expr} = {fmt(summed)}，所述总分 {fmt(total)}",
                                  expected=summed, actual=total, quote=totals[0].text)
            execution = next((ln for ln in sc.lines if ln.kind == "execution"), None)
            for p in parts:
                if execution is not None and execution.printed is not None and "预算执行" in p.label \
                        and p.value != execution.printed:
                    yield finding(type(self), self.severity,
                                  f"{subject(ev)}：文字所述{p.label}得分 {fmt(p.value)} 与表中预算执行得分 "
                                  f"{fmt(execution.printed)} 不符", self._loc(ctx, ev, p),
                                  formula=f"文字 {fmt(p.value)}，表中 {fmt(execution.printed)}", expected=execution.printed,
                                  actual=p.value, quote=p.text)

    @staticmethod
    def _loc(ctx, ev, st):
        if st.ref is not None:
            return where(ctx, ev, st.ref, "text")
        from gongkai.audit.finding import Location

        return Location(section=" › ".join(st.section) or None, span=st.span)
