from gongkai.audit.finding import Severity
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.performance._common import (
    config_notice, contradiction, finding, options, scored, subject, where,
)
from gongkai.model.performance import MeasureKind, Operator
from gongkai.performance.scoring import fmt


@register
class MetVersusFull(Rule):
    code = "J106"
    title = "指标达标却未得满分，或未达标却得满分"
    doc = """
### 检查内容
按指标性质判断每个指标是否达标（≥ 完成值不低于指标值；≤ 完成值不高于指标值；= 相等；
完成时限 在时限内或已完成；文字目标 完成情况表明已完成），再看得分：达标却未得满分，
或未达标却得了满分，都不合评分规则。定性指标按等级计分，由 J103 核对。
反向指标（≤，如时间、成本）完成值为 0 而得 0 分的，多半是项目未实施，只作提示。
默认把印出的“>”“<”按“≥”“≤”理解（提取时常丢失等号下的横线），可用 performance.strict_operators 改变。

### 为什么重要
达标与否和得分互相矛盾，说明指标性质、指标值或得分至少有一处印错，或评分时没有按目标评价。

### 示例
单个门禁系统成本 ≤ 18000 元，完成 18800 元，却得满分 10；或 装修费用 ≤ 180.35 万元，完成 42.4 万元，得 0 分。

### 如何修正
核对指标性质、指标值和完成值；按是否达标重新评分。

达标却得 0 分的指标，若本表多数指标都得 0 分（项目基本未实施），只作警告：成本类指标因支出很少而“达标”，并不表示完成。
"""

    options = options("strict_operators")

    def check(self, ctx):
        yield from config_notice(ctx, type(self))
        for ev, sc in scored(ctx):
            for line in sc.lines:
                kind = contradiction(line)
                if kind is None:
                    continue
                ind = ev.indicators[line.index]
                loc = where(ctx, ev, line.ref, "score")
                actual = _text(ind.actual)
                target = _text(ind.target)
                nature = ind.effective_nature.value if ind.effective_nature else ""
                basis = f"指标性质 {nature}，指标值 {target}，完成值 {actual}，权重 {fmt(line.weight)}，得分 {fmt(line.printed)}"
                if kind == "met_not_full":
                    zero = (ind.effective_nature in (Operator.LE, Operator.LT) and ind.actual is not None
                            and ind.actual.kind is MeasureKind.NUMBER and ind.actual.value == 0)
                    idle = not zero and _mostly_zero(ev)
                    yield finding(
                        type(self), Severity.INFO if zero else Severity.WARNING if idle else self.severity,
                        f"{subject(ev)}：指标“{line.label[:30]}”按指标值已达标，却只得 {fmt(line.printed)} 分"
                        + ("（完成值为 0，可能表示未实施，请核对指标性质）" if zero else "")
                        + ("（本表多数指标得 0 分，项目可能未实施，该指标或因此不得分）" if idle else ""),
                        loc, formula=f"{basis}；达标应得满分 {fmt(line.weight)}", expected=line.weight, quote=basis,
                        actual=line.printed, hint="核对指标性质（≥/≤）和完成值，按是否达标重新评分。")
                else:
                    yield finding(
                        type(self), self.severity,
                        f"{subject(ev)}：指标“{line.label[:30]}”未达到指标值，却得满分 {fmt(line.printed)}",
                        loc, formula=f"{basis}；{line.formula or ''}", expected=line.recomputed, actual=line.printed,
                        quote=basis,
                        hint="按完成程度扣分，或核对指标值、完成值是否印错。")


def _mostly_zero(ev) -> bool:
    """Most indicators of the evaluation scored 0: a project that was not carried out, where a cost
    indicator 'met' by the little that was spent is no achievement."""
    scores = [i.score for i in ev.indicators if i.score is not None]
    return len(scores) >= 3 and sum(1 for x in scores if x == 0) * 2 > len(scores)


def _text(m) -> str:
    if m is None:
        return "—"
    if m.kind is MeasureKind.NUMBER and m.value is not None:
        return f"{fmt(m.value)}{m.unit or ''}"
    return m.text
