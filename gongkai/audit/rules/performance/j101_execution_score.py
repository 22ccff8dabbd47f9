from decimal import Decimal

from gongkai.audit.finding import Severity
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.performance._common import config_notice, finding, scored, subject, tail, where
from gongkai.performance.scoring import LineScore, Verdict, fmt

NINETY = Decimal(90)


def _full(line: LineScore) -> bool:
    return line.printed is not None and line.weight is not None and line.printed == line.weight


def _rate(line: LineScore) -> Decimal | None:
    """The execution rate (%) the recomputation used (recomputed = min(rate, 100%) × weight)."""
    if line.recomputed is None or not line.weight:
        return None
    return line.recomputed / line.weight * 100


def document_threshold(lines: list[LineScore]) -> Decimal | None:
    """The rate from which a document gives full execution marks, when its projects show one: some project
    below 100% scored full, every project at or above the lowest such rate scored full, and projects below it
    scored in proportion. None when the document shows no such practice (or too few projects to tell)."""
    rated = [(r, ln) for ln in lines if (r := _rate(ln)) is not None and ln.printed is not None]
    full_below = [r for r, ln in rated if _full(ln) and r < 100]
    if len(rated) < 2 or not full_below:
        return None
    threshold = min(full_below)
    above_ok = all(_full(ln) for r, ln in rated if r >= threshold)
    # below it, proportional scoring (one project misscored there does not hide the practice)
    below_ok = any(ln.verdict in (Verdict.MATCH, Verdict.ROUNDING) for r, ln in rated if r < threshold)
    return threshold if above_ok and below_ok else None


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

有的地区规定执行率达到某一比例（如 90%）即得满分。同一文件中各项目的得分能看出这一口径时——执行率不低于某一比例的
都得满分、低于它的按比例计分——按文件自身的口径核对，得满分的不报告；只有一个项目、看不出口径时，执行率在 90% 以上
而得满分的只作警告。
"""

    def check(self, ctx):
        yield from config_notice(ctx, type(self))
        pairs = [(ev, next((ln for ln in sc.lines if ln.kind == "execution"), None)) for ev, sc in scored(ctx)]
        pairs = [(ev, ln) for ev, ln in pairs if ln is not None]
        full_at = document_threshold([ln for _, ln in pairs])
        for ev, line in pairs:
            if line.verdict in (Verdict.MATCH, Verdict.UNSCORED):
                continue
            rate = _rate(line)
            if _full(line) and rate is not None and full_at is not None and rate >= full_at:
                continue  # the document's own practice: full marks from this rate up
            if _full(line) and rate is not None and rate >= NINETY and line.verdict is not Verdict.MISSING:
                yield finding(type(self), Severity.WARNING,
                              f"{subject(ev)}：预算执行率 {fmt(rate)}% 得满分 {line.printed}，按执行率计应为 {line.recomputed}"
                              "（可能按“执行率达到一定比例即得满分”的口径评分，文件中看不出该口径）",
                              where(ctx, ev, line.ref, "score"), formula=f"{line.formula}，表中为 {line.printed}",
                              expected=line.recomputed, actual=line.printed)
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
            severity, note = tail(ctx, type(self), "得分为复算值舍入到所印小数位") if rounding else (self.severity, "")
            yield finding(
                type(self), severity,
                f"{subject(ev)}：预算执行得分 {line.printed} {'与复算值仅差尾数' if rounding else '与执行率、权重不符'}{note}",
                loc, formula=f"{line.formula}，表中为 {line.printed}", expected=line.recomputed, actual=line.printed,
                quote=f"预算执行 权重 {line.weight} 得分 {line.printed}", rounding=rounding,
                hint=None if rounding else "按 min(执行率, 100%) × 权重 改正得分，并改正合计。")
