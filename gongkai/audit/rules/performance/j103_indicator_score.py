from gongkai.audit.finding import Severity
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.performance._common import (
    config_notice, contradiction, finding, options, scored, subject, tail, where,
)
from gongkai.model.performance import MeasureKind
from gongkai.performance.scoring import Verdict


def _graded(ind) -> bool:
    """A qualitative indicator scored by grade (优/良/中…)."""
    return (ind.target is not None and ind.target.kind is MeasureKind.SCALE) or (
        ind.actual is not None and ind.actual.grade is not None)


def _shares_configured(ctx) -> bool:
    options = ctx.options or {}
    nested = options.get("performance")
    return "performance.grade_shares" in options or (isinstance(nested, dict) and "grade_shares" in nested)


@register
class IndicatorScore(Rule):
    code = "J103"
    title = "指标得分与权重、指标值、完成值不符"
    doc = """
### 检查内容
绩效自评表每个指标的得分按评分规则重新计算：
正向指标（≥）达标得满分，未达标得 完成值 ÷ 指标值 × 权重；
反向指标（≤）达标得满分，未达标按配置的口径（默认 指标值 ÷ 完成值 × 权重）；
“=”指标相等得满分，不足得 完成值 ÷ 指标值 × 权重；
定性指标按等级比例（默认 优 100%、良 80%、中 60%、低 40%、差 20%）乘以权重；
目标为文字、表中印有完成率的，按 min(完成率, 100%) × 权重。
与表中得分比较：仅差印出位数的四舍五入或截尾（如 42.857 印为 42.8）的，只作提示；
与其他常见口径（如反向指标“未达标不得分”）相符的，也只作提示。
达标却未得满分、未达标却得满分的，由 J106 报告，本规则不重复。

### 为什么重要
指标得分是自评结论的基础，得分不能由权重、目标和实际完成值推出，自评结果就不可信。

### 示例
等级“良” 80% × 权重 10 = 8，表中为 10。

### 如何修正
按评分规则重新计算得分；本地区若有不同的评分办法，在配置中设定（见配置项）。

定性指标的等级折算比例各地不一（财政部办法允许“达成”按 80%–100% 计分），未在配置中设定 `performance.grade_shares` 时，
与默认比例不符只作警告。
"""

    options = options("le_formula", "eq_over", "grade_shares", "strict_operators")

    def check(self, ctx):
        yield from config_notice(ctx, type(self))
        for ev, sc in scored(ctx):
            for line in sc.lines:
                if line.kind != "indicator" or line.verdict not in (Verdict.DIFFERS, Verdict.ROUNDING):
                    continue
                if contradiction(line) is not None:
                    continue  # J106
                loc = where(ctx, ev, line.ref, "score")
                formula = f"{line.formula}，表中为 {line.printed}"
                quote = f"{line.label[:30]} 权重 {line.weight} 得分 {line.printed}"
                if line.verdict is Verdict.ROUNDING:
                    severity, note = tail(ctx, type(self), "得分为复算值舍入到所印小数位")
                    yield finding(type(self), severity,
                                  f"{subject(ev)}：指标“{line.label[:30]}”得分 {line.printed} 与复算值仅差尾数{note}", loc,
                                  formula=formula, expected=line.recomputed, actual=line.printed, quote=quote,
                                  rounding=True)
                elif line.matches_alternative:
                    yield finding(type(self), Severity.INFO,
                                  f"{subject(ev)}：指标“{line.label[:30]}”得分 {line.printed} 按“{line.matches_alternative}”"
                                  f"口径相符，与配置的口径（{line.basis}）不同", loc, formula=formula,
                                  expected=line.recomputed, actual=line.printed,
                                  hint="若本地区按此口径评分，可在配置中设定 performance.le_formula。")
                elif _graded(ev.indicators[line.index]) and not _shares_configured(ctx):
                    yield finding(type(self), Severity.WARNING,
                                  f"{subject(ev)}：定性指标“{line.label[:30]}”得分 {line.printed} 与默认的等级折算比例不符"
                                  "（文件未印等级折算办法，按 performance.grade_shares 的默认比例复算）",
                                  loc, formula=formula, expected=line.recomputed, actual=line.printed,
                                  hint="若本地区的等级折算比例不同，可在配置中设定 performance.grade_shares。")
                else:
                    yield finding(type(self), self.severity,
                                  f"{subject(ev)}：指标“{line.label[:30]}”得分 {line.printed} 与权重、指标值、完成值不符",
                                  loc, formula=formula, expected=line.recomputed, actual=line.printed, quote=quote,
                                  hint="按评分规则改正得分，并改正合计。")
