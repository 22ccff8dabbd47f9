from decimal import Decimal

from gongkai.audit.finding import Severity
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.performance._common import (
    config, config_notice, finding, options, scored, subject, tail, unreadable_note, where,
)
from gongkai.model.performance import Stage
from gongkai.performance.scoring import fmt


@register
class Weights(Rule):
    code = "J105"
    title = "权重合计不等于满分"
    doc = """
### 检查内容
绩效自评表（及印有权重的绩效目标表）各项权重之和应等于满分（默认 100）：预算执行权重（通常 10）
加各指标权重（通常 90）；不含预算执行的表，指标权重之和为 100。合计行印有权重合计的，也与之核对。
差额在四舍五入范围内（如 11 项各 8.18 分）的，只作提示；本表有无法读取的行时也只作提示。
自评表中未读出预算执行部分而指标权重之和小于满分时，只作警告：差额可能就是未读出的预算执行分值。

### 为什么重要
权重之和不等于满分，得分就无法按百分制比较，等级也失去依据。

### 示例
预算执行 10 + 指标权重 75 = 85，应为 100。

### 如何修正
核对各指标权重，使其合计为满分；若漏印了指标，补齐。
"""

    options = options("full_marks")

    def check(self, ctx):
        yield from config_notice(ctx, type(self))
        full = config(ctx).full_marks
        for ev, sc in scored(ctx):
            weights = [i.weight for i in ev.indicators]
            if not ev.indicators or any(w is None for w in weights):
                continue
            exec_w = ev.budget.weight if ev.budget is not None and ev.stage is Stage.SELF_EVAL else None
            total = sum(weights, Decimal(0)) + (exec_w or 0)
            expected = ev.total_weight if ev.total_weight is not None else full
            if total == expected:
                continue
            parts = (f"预算执行 {fmt(exec_w)} + " if exec_w else "") + f"指标权重 {fmt(sum(weights, Decimal(0)))}"
            formula = f"{parts} = {fmt(total)}，{'合计行印为' if ev.total_weight is not None else '满分为'} {fmt(expected)}"
            from gongkai.audit.precision import allowance
            from gongkai.performance.values import decimals

            printed = list(weights) + ([exec_w] if exec_w else []) + (
                [ev.total_weight] if ev.total_weight is not None else [])
            # whole-number weights are exact by design; a weight with decimals (33.33) is a rounded share
            rounding = abs(total - expected) <= allowance(decimals(w) for w in printed if decimals(w) > 0)
            severity, rnote = tail(ctx, type(self), "不超过各权重末位半个单位之和") if rounding else (self.severity, "")
            note = unreadable_note(ev)
            if ev.budget is None and ev.stage is Stage.SELF_EVAL and total < expected and not note:
                # the execution part (资金/预算执行 with its 分值) may be printed in a layout not read
                note = f"（未读出预算执行部分的分值，差额 {fmt(expected - total)} 可能就是该分值）"
                severity = Severity.WARNING
            elif note:
                severity = Severity.INFO
            loc = where(ctx, ev, ev.total_ref if ev.total_weight is not None else None, "weight")
            yield finding(type(self), severity,
                          f"{subject(ev)}：权重合计 {fmt(total)} 不等于{'合计行所印' if ev.total_weight is not None else '满分'} "
                          f"{fmt(expected)}{rnote}{note}", loc, formula=formula, rounding=rounding,
                          quote="指标权重 " + "、".join(fmt(w) for w in weights) + (
                              f"；合计 {fmt(ev.total_weight)}" if ev.total_weight is not None else ""),
                          expected=expected, actual=total, hint="核对各指标权重；若漏印了指标，补齐。")
