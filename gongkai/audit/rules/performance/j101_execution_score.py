from gongkai.audit.finding import Severity
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.performance._common import config_notice, finding, scored, subject, where
from gongkai.performance.scoring import Verdict


@register
class ExecutionScore(Rule):
    code = "J101"
    title = "预算执行得分不等于执行率乘以权重"
    doc = """
### 检查内容
绩效自评表“预算执行情况”一栏的得分，按 min(执行率, 100%) × 权重 重新计算，与表中得分比较。
执行率取表中印出的执行率；表中未印时，取 执行数 ÷ 调整后预算数。得分与复算值仅差印出位数的
四舍五入或截尾（如 8.616 印为 8.62）时，只作提示。表中印有权重却未印得分时，也作提示。

### 为什么重要
预算执行率是项目自评中唯一完全客观的指标，通常占 10 分。它算错，总分和等级都跟着错，
而且说明自评没有认真核对。

### 示例
执行率 20.61% × 权重 10 = 2.06，表中得分印为 2.6。

### 如何修正
按执行率重新计算得分（超过 100% 的按 100% 计），并相应改正合计得分。
"""

    def check(self, ctx):
        yield from config_notice(ctx, type(self))
        for ev, sc in scored(ctx):
            line = next((ln for ln in sc.lines if ln.kind == "execution"), None)
            if line is None or line.verdict in (Verdict.MATCH, Verdict.UNSCORED):
                continue
            loc = where(ctx, ev, line.ref, "score")
            if line.verdict is Verdict.MISSING:
                if line.recomputed is not None:
                    yield finding(type(self), Severity.INFO,
                                  f"{subject(ev)}：预算执行一栏印有权重 {line.weight}，未印得分（按执行率应为 "
                                  f"{line.formula.rsplit('= ', 1)[-1]}）", loc, formula=line.formula,
                                  expected=line.recomputed)
                continue
            rounding = line.verdict is Verdict.ROUNDING
            yield finding(
                type(self), Severity.INFO if rounding else self.severity,
                f"{subject(ev)}：预算执行得分 {line.printed} {'与复算值仅差尾数' if rounding else '与执行率、权重不符'}",
                loc, formula=f"{line.formula}，表中为 {line.printed}", expected=line.recomputed, actual=line.printed,
                hint=None if rounding else "按 min(执行率, 100%) × 权重 改正得分，并改正合计。")
