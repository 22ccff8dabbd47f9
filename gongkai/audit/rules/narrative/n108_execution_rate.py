from decimal import Decimal

from gongkai.audit import precision
from gongkai.audit.finding import Finding, Operand
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.narrative.common import show
from gongkai.audit.rules.narrative.sentences import explained_by_rounding, has, sentences

RATE_WORDS = ("执行率", "支出进度", "执行进度")
EXECUTED_WORDS = ("执行数", "决算数", "实际支出", "支出数", "实际执行", "执行金额", "已支付", "实际使用", "完成支出",
                  "已支出", "实际采购", "采购金额", "支出")
BUDGET_WORDS = ("预算",)
HUNDRED = Decimal(100)


@register
class ExecutionRateDoesNotFollow(Rule):
    code = "N108"
    title = "执行率与执行数、预算数不符"
    needs_disclosure = True
    doc = """
### 检查内容
情况说明在同一句中写出预算数（调整后预算数、全年预算数、批复预算金额……）、执行数（决算数、实际支出、
执行金额……）和执行率（预算执行率、采购执行率、支出进度）时，执行率应等于执行数 ÷ 预算数 × 100%。
执行数取执行率之前最近的一个执行金额，预算数取执行数之前最近的一个预算金额；只核对同一句之内的数字。
允许的误差为执行率所印最后一位的半个单位；差异能由三个数字本身的四舍五入解释时，报告为尾差（提示）。

### 为什么重要
执行率是预算执行情况的核心指标，算错会误导读者对预算执行进度的判断，也说明文字数字未经复核。

### 示例
“调整后预算数为 10960.26 万元，决算数为 7167.28 万元，预算执行率为 65.39%”：7167.28 ÷ 10960.26 = 65.39%，相符；
若文中写 66.39%，则报告。

### 如何修正
按执行数 ÷ 预算数 × 100% 重新计算并四舍五入到所印小数位；若执行数或预算数写错，改正数字本身。
"""

    def check(self, ctx):
        for s in sentences(ctx.doc):
            figures = list(s.figures)
            start = 0
            for k, rate in enumerate(figures):
                if rate.unit != "%":
                    continue
                window, start = figures[start:k], k + 1
                if not has(rate.lead, *RATE_WORDS) or len(rate.lead) > 16:
                    continue
                executed = next((f for f in reversed(window) if f.unit != "%" and has(f.lead, *EXECUTED_WORDS)
                                 and not has(f.lead, *BUDGET_WORDS)), None)
                if executed is None:
                    continue
                before = window[: window.index(executed)]
                budget = next((f for f in reversed(before) if f.unit != "%" and has(f.lead, *BUDGET_WORDS)), None)
                if budget is None or budget.value == 0:
                    continue
                n, d = executed.in_yuan(), budget.in_yuan()
                computed = n / d * HUNDRED
                if abs(computed - rate.value) <= rate.half_unit:
                    continue
                hn, hd = executed.yuan_half(), budget.yuan_half()
                low = (n - hn) / (d + hd) * HUNDRED
                high = (n + hn) / (d - hd) * HUNDRED if d > hd else computed
                tail = explained_by_rounding(rate.value, rate.half_unit, low, high)
                shown = show(computed, max(rate.decimals, 2))
                severity, note = precision.rounding_verdict(ctx, self, "差异可由执行数、预算数的舍入解释") if tail else (self.severity, "")
                yield Finding(
                    code=self.code, severity=severity, title=self.title, rounding=tail,
                    message=(f"执行率应为 {shown}%，文中为 {rate.printed}%：执行数 {executed.printed}{executed.unit} ÷ "
                             f"预算数 {budget.printed}{budget.unit}" + note),
                    location=s.location,
                    operands=[Operand(label="执行数", value=executed.value, text=executed.printed),
                              Operand(label="预算数", value=budget.value, text=budget.printed),
                              Operand(label="执行率", value=rate.value, text=rate.printed)],
                    expected=computed.quantize(Decimal(1).scaleb(-max(rate.decimals, 2))), actual=rate.value,
                    formula=f"{executed.printed}{executed.unit} ÷ {budget.printed}{budget.unit} × 100% = {shown}%，"
                            f"文中为 {rate.printed}%",
                    quote=s.text,
                    hint="按执行数 ÷ 预算数 × 100% 重新计算，或改正写错的执行数、预算数。",
                )
