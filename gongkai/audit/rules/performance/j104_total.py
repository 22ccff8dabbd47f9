from gongkai.audit.finding import Severity
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.performance._common import (
    config_notice, finding, scored, subject, tail, unreadable_note, where,
)
from gongkai.model.performance import Stage
from gongkai.performance.scoring import Verdict, fmt


@register
class TotalScore(Rule):
    code = "J104"
    title = "合计得分不等于各项得分之和"
    doc = """
### 检查内容
绩效自评表的合计（总分）= 预算执行得分 + 各指标得分。各项得分都印出时按印出的得分相加；
个别得分未印时，以复算值代替并在算式中注明。差额仅为尾数的，只作提示；本表有无法读取的行时，
差额可能来自这些行，也只作提示。

### 为什么重要
合计得分决定评价等级，也是情况说明引用的数字。

### 示例
预算执行 8.62 + 各指标 69 = 77.62，表中合计为 92.62。

### 如何修正
逐项核对得分，改正合计。
"""

    def check(self, ctx):
        yield from config_notice(ctx, type(self))
        for ev, sc in scored(ctx):
            if ev.total_score is None or sc.total_verdict in (Verdict.MATCH, Verdict.UNSCORED, Verdict.MISSING):
                continue
            parts = []
            for ln in sc.lines:
                if ln.printed is not None:
                    parts.append(fmt(ln.printed))
                elif ln.recomputed is not None:
                    parts.append(f"{fmt(ln.recomputed, 2)}（未印，按复算）")
            total = sc.printed_sum if sc.printed_sum is not None else sc.recomputed_total
            if total is None:
                continue
            shown = " + ".join(parts) if len(parts) <= 14 else f"{' + '.join(parts[:12])} + …（共{len(parts)}项）"
            formula = f"{shown} = {fmt(total)}；表中合计为 {fmt(ev.total_score)}，相差 {fmt(ev.total_score - total)}"
            loc = where(ctx, ev, ev.total_ref, "score")
            note = unreadable_note(ev)
            quote = f"合计得分 {fmt(ev.total_score)}；各项得分 {shown}"
            if sc.total_verdict is Verdict.ROUNDING:
                severity, rnote = tail(ctx, type(self), "合计为各项得分之和舍入到所印小数位")
                yield finding(type(self), severity, f"{subject(ev)}：合计得分与各项之和仅差尾数{rnote}", loc,
                              formula=formula, expected=total, actual=ev.total_score, quote=quote, rounding=True)
            else:
                execution = next((ln for ln in sc.lines if ln.kind == "execution"), None)
                severity = Severity.INFO if note else self.severity
                if (not note and ev.stage is Stage.SELF_EVAL and ev.total_score > total
                        and (execution is None or execution.printed is None)):
                    # the 预算执行 part (with its 得分) may be printed in a layout that was not read
                    severity = Severity.WARNING
                    note = (f"（读取不确定：未读出预算执行部分的得分，差额 {fmt(ev.total_score - total)} 可能就是该得分，"
                            "可能为识别误差）")
                yield finding(type(self), severity,
                              f"{subject(ev)}：合计得分 {fmt(ev.total_score)} 不等于各项得分之和 {fmt(total)}{note}", loc,
                              formula=formula, expected=total, actual=ev.total_score, quote=quote,
                              uncertain=[note.strip("（）")] if "读取不确定" in note else None,
                              hint="逐项核对得分，改正合计。")
