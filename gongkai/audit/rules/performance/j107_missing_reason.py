from gongkai.audit.finding import Severity
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.performance._common import config_notice, finding, options, scored, subject, where
from gongkai.performance.scoring import fmt


@register
class MissingReason(Rule):
    code = "J107"
    title = "指标未达标（或被扣分）却未说明原因"
    doc = """
### 检查内容
印有“未完成原因分析”（或“偏差原因分析及改进措施”）一栏的绩效自评表，凡指标未达标，
或得分低于权重，该栏都应说明原因。

### 为什么重要
自评要求对偏离目标的指标说明原因和改进措施；只扣分不说明，读者无从判断偏差是否合理。

### 示例
“群众对于口腔耗材价格满意度”评为良，得 8 分（权重 10），未完成原因一栏空白。

### 如何修正
在原因栏写明未达标的原因和改进措施。
"""
    severity = Severity.WARNING

    options = options("strict_operators")

    def check(self, ctx):
        yield from config_notice(ctx, type(self))
        for ev, sc in scored(ctx):
            if not ev.has_reason_column:
                continue
            for line in sc.lines:
                if line.kind != "indicator":
                    continue
                ind = ev.indicators[line.index]
                if ind.reason:
                    continue
                lost = line.printed is not None and line.weight is not None and line.printed < line.weight
                missed = line.met is False and line.basis != "等级比例"
                if not (lost or missed):
                    continue
                what = f"得 {fmt(line.printed)} 分（权重 {fmt(line.weight)}）" if lost else "未达到指标值"
                yield finding(type(self), self.severity,
                              f"{subject(ev)}：指标“{line.label[:30]}”{what}，未说明原因", where(ctx, ev, line.ref, "reason"),
                              formula=line.formula, hint="在“未完成原因分析”栏说明原因及改进措施。")
