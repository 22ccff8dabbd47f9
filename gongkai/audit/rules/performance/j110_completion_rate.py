from decimal import Decimal

from gongkai.audit.finding import Severity
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.performance._common import config_notice, finding, scored, subject, where
from gongkai.performance.scoring import Verdict, compare, fmt

HUNDRED = Decimal(100)


@register
class CompletionRate(Rule):
    code = "J110"
    title = "完成率与指标值、完成值不符"
    doc = """
### 检查内容
印有“完成率”一栏的绩效自评表，指标值与完成值都是数字时，完成率应为 完成值 ÷ 指标值
（反向指标达标为 100%，未达标为 指标值 ÷ 完成值）；超过 100% 的可按 100% 封顶印出。

### 为什么重要
完成率是得分的依据之一；它与指标值、完成值对不上，读者无法判断得分从何而来。

### 示例
目标值 2 次、业绩值 5 次，完成率却印为 5（应为 250%，或封顶为 100%）。

### 如何修正
按 完成值 ÷ 指标值 改正完成率。
"""
    severity = Severity.WARNING

    def check(self, ctx):
        yield from config_notice(ctx, type(self))
        for ev, sc in scored(ctx):
            for line in sc.lines:
                if line.kind != "indicator" or line.expected_rate is None:
                    continue
                ind = ev.indicators[line.index]
                printed = ind.completion_rate
                if printed is None:
                    continue
                ok = any(compare(printed, v) in (Verdict.MATCH, Verdict.ROUNDING)
                         for v in (line.expected_rate, min(line.expected_rate, HUNDRED)))
                if ok:
                    continue
                yield finding(type(self), self.severity,
                              f"{subject(ev)}：指标“{line.label[:30]}”完成率印为 {ind.completion_rate_text}，"
                              f"与完成值、指标值不符", where(ctx, ev, line.ref, "rate"),
                              formula=f"完成值 {ind.actual.text} ÷ 指标值 {ind.target.text} = {fmt(line.expected_rate, 2)}%，"
                                      f"表中为 {ind.completion_rate_text}",
                              expected=line.expected_rate, actual=printed, hint="按 完成值 ÷ 指标值 改正完成率。")
