from decimal import ROUND_HALF_UP, Decimal

from gongkai.audit.finding import Severity
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.performance._common import config_notice, finding, scored, subject, tail, where
from gongkai.performance.scoring import Verdict, compare, fmt
from gongkai.performance.values import decimals

HUNDRED = Decimal(100)


@register
class ExecutionRate(Rule):
    code = "J102"
    title = "预算执行率不等于执行数除以调整后预算数"
    doc = """
### 检查内容
绩效自评表预算执行情况的每一行（总额及“其中”各资金来源），执行率 = 执行数 ÷ 调整后预算数（全年预算数）。
调整后预算数为 0 或未印的行不核对。复算值四舍五入或截尾到印出位数后相等的，只作提示；
执行数超过调整后预算数而执行率印为 100% 的，作警告（可能按 100% 封顶，也可能预算数印错）。

### 为什么重要
执行率直接决定预算执行得分；执行率与金额对不上，说明金额或执行率至少有一个印错。

### 示例
全年预算数 1300、全年执行数 1300，执行率却印为 50（应为 100%）。

### 如何修正
核对预算数和执行数，按 执行数 ÷ 调整后预算数 改正执行率，必要时改正得分。
"""

    def check(self, ctx):
        yield from config_notice(ctx, type(self))
        for ev, _ in scored(ctx):
            total = ev.budget
            lines = ([total] if total else []) + [f for f in ev.funds if not _same(f, total)]
            for b in lines:
                if b.rate is None or b.executed is None or not b.adjusted or b.problems:
                    continue
                computed = b.executed / b.adjusted * HUNDRED
                if compare(b.rate, computed) in (Verdict.MATCH, Verdict.ROUNDING):
                    continue  # the printed rate is the quotient rounded to its decimals
                shown = computed.quantize(Decimal(1).scaleb(-max(2, decimals(b.rate))), rounding=ROUND_HALF_UP)
                formula = (f"执行数 {fmt(b.executed)} ÷ 调整后预算数 {fmt(b.adjusted)} = {fmt(shown)}%，"
                           f"表中为 {fmt(b.rate)}%")
                loc = where(ctx, ev, b.ref, "rate")
                label = b.label
                lo, hi = _bounds(b.executed, b.adjusted)
                half = _half(b.rate)
                quote = f"{label} 调整后预算数 {fmt(b.adjusted)} 执行数 {fmt(b.executed)} 执行率 {fmt(b.rate)}%"
                if lo <= b.rate + half and b.rate - half <= hi:
                    severity, note = tail(ctx, type(self), f"在金额舍入范围 {fmt(lo, 2)}%–{fmt(hi, 2)}% 内")
                    yield finding(type(self), severity,
                                  f"{subject(ev)}：“{label}”执行率 {fmt(b.rate)}% 与复算值 {fmt(shown)}% 略有出入{note}",
                                  loc, formula=formula, expected=computed, actual=b.rate, quote=quote, rounding=True)
                elif computed > HUNDRED and b.rate == HUNDRED:
                    yield finding(type(self), Severity.WARNING,
                                  f"{subject(ev)}：“{label}”执行数 {fmt(b.executed)} 超过调整后预算数 {fmt(b.adjusted)}，"
                                  f"执行率印为 100%", loc, formula=formula, expected=computed, actual=b.rate,
                                  hint="核对调整后预算数是否印错；执行率若按 100% 封顶，宜在表下注明。")
                else:
                    yield finding(type(self), self.severity,
                                  f"{subject(ev)}：“{label}”执行率 {fmt(b.rate)}% 与执行数、调整后预算数不符",
                                  loc, formula=formula, expected=computed, actual=b.rate, quote=quote,
                                  hint="按 执行数 ÷ 调整后预算数 改正执行率。")


def _half(value: Decimal) -> Decimal:
    return Decimal(5).scaleb(-(decimals(value) + 1))


def _bounds(executed: Decimal, adjusted: Decimal) -> tuple[Decimal, Decimal]:
    """The 执行率 the printed amounts allow, each amount being rounded to its printed decimals."""
    he, ha = _half(executed), _half(adjusted)
    lo = max(Decimal(0), executed - he) / (adjusted + ha) * HUNDRED
    hi = (executed + he) / (adjusted - ha) * HUNDRED if adjusted > ha else lo
    return lo, hi


def _same(a, b) -> bool:
    """A 其中 line repeating the 总额 line (all money from one source): checked once."""
    return b is not None and (a.adjusted, a.executed, a.rate) == (b.adjusted, b.executed, b.rate)
