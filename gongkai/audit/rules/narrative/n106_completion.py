from gongkai.audit import precision
from gongkai.audit.finding import Finding, Severity
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.narrative.common import (
    at, precision_in, group_claims, half, in_unit, operand, pct, quote, ratio, rounding_explains, show,
    truncation_explains, unit_label, where,
)
from gongkai.model.claim import ClaimKind

WORDS = {1: "大于", -1: "小于", 0: "等于"}


@register
class CompletionDoesNotFollow(Rule):
    code = "N106"
    title = "完成预算比例与预算数、决算数不符"
    needs_disclosure = True
    doc = """
### 检查内容
“年初预算 A 万元，支出决算 B 万元，完成（年初）预算的 Z%”（以及“预算执行率为 Z%”）中，同一句同时写明预算数和
决算数时，按 B ÷ A 重新计算 Z，允许的误差只有 Z 所印最后一位的半个单位；差异可由 A、B 本身的四舍五入解释时只作提示。
同一句写了“决算数大于（小于、等于）预算数”时，也检查它与两个数字的大小关系是否一致。

### 为什么重要
完成预算的比例反映预算执行情况，是绩效评价的依据；算错的比例会让执行情况看起来更好或更差。

### 示例
“三公”经费预算 34 万元、决算 5.55 万元，文中完成预算 16.17%：5.55 ÷ 34 = 16.32%。

### 如何修正
按 决算数 ÷ 预算数 × 100% 重新计算，四舍五入到所印小数位；若预算数或决算数写错，改正数字本身。
"""

    def check(self, ctx):
        claims = ctx.doc.claims
        for c in claims:
            if c.kind not in (ClaimKind.COMPLETION, ClaimKind.COMPARISON):
                continue
            group = group_claims(ctx, c)
            before = [x for x in group if x.kind is ClaimKind.AMOUNT and x.id < c.id and x.subject == c.subject
                      and x.value is not None]
            actuals = [x for x in before if x.period == "本年"]
            budgets = [x for x in before if x.period in ("预算", "年初预算")]
            if not actuals or not budgets:
                continue
            wanted = "年初预算" if "年初" in c.text else "预算"
            preferred = [x for x in budgets if x.period == wanted]
            if preferred and len({x.period for x in budgets[-2:]}) > 1:
                budgets = preferred  # '年初预算为0万元，全年预算为321.02万元……完成预算的…'
            elif len({x.period for x in budgets[-2:]}) > 1:
                continue  # two kinds of budget and the sentence does not say which
            actual, budget = actuals[-1], budgets[-1]
            if budget.id > actual.id and any(x.kind is ClaimKind.COMPLETION for x in group
                                             if actual.id < x.id < budget.id):
                continue
            unit = budget.unit
            a, b = in_unit(actual, unit), in_unit(budget, unit)
            if c.kind is ClaimKind.COMPARISON:
                finding = self._comparison(c, actual, budget, a, b)
                if finding is not None:
                    yield finding
                continue
            if c.value is None or b == 0:
                continue
            computed = ratio(a, b)
            d = c.decimals
            if abs(c.value - computed) <= half(d):
                continue
            severity, note = self.severity, ""
            if rounding_explains(c.value, d, a, precision_in(actual, unit), b, precision_in(budget, unit)):
                severity, note = precision.rounding_verdict(ctx, self, "差异可由预算数、决算数的舍入解释")
            elif truncation_explains(c.value, d, computed):
                severity, note = Severity.INFO, f"（文中把 {pct(computed, d + 2)} 截断为 {show(c.value)}%，而非四舍五入）"
            name = c.subject or "该项"
            yield Finding(
                code=self.code, severity=severity, rounding="尾差" in note, title=self.title,
                message=(f"{name}完成预算比例应为 {pct(computed, d)}，文中为 {show(c.value)}%："
                         f"决算 {show(actual.value)}{unit_label(actual.unit)} ÷ "
                         f"预算 {show(budget.value)}{unit_label(budget.unit)}{note}"),
                location=where(c), related=[where(budget), where(actual)],
                operands=[operand(budget, "预算数"), operand(actual, "决算数")],
                expected=at(computed, d), actual=c.value,
                formula=f"{show(actual.value)} ÷ {show(budget.value)} = {pct(computed, d)}，文中为 {show(c.value)}%",
                quote=quote(budget, actual, c),
                hint="按 决算数 ÷ 预算数 × 100% 重新计算完成比例，或改正写错的预算数、决算数。",
            )

    def _comparison(self, c, actual, budget, a, b):
        truth = (a > b) - (a < b)
        if c.direction is None or truth == c.direction:
            return None
        return Finding(
            code=self.code, severity=self.severity, title=self.title,
            message=(f"{c.subject or '该项'}文中说决算数{WORDS[c.direction]}预算数，但决算 {show(actual.value)}"
                     f"{unit_label(actual.unit)}{WORDS[truth]}预算 {show(budget.value)}{unit_label(budget.unit)}"),
            location=where(c), related=[where(budget), where(actual)],
            operands=[operand(budget, "预算数"), operand(actual, "决算数")],
            formula=f"决算 {show(a)} {'>' if truth > 0 else '<' if truth < 0 else '='} 预算 {show(b)}",
            quote=quote(budget, actual, c), hint="改正大小关系的表述，或改正写错的预算数、决算数。",
        )
