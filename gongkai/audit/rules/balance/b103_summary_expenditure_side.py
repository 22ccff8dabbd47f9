from gongkai.audit.checks import equation
from gongkai.audit.registry import Rule, register


@register
class SummaryExpenditureSide(Rule):
    code = "B103"
    title = "总表支出方总计不等于各项之和"
    doc = """
### 检查内容
收入支出决算总表支出方：本年支出合计 + 结余分配 + 年末结转和结余 = 总计。

### 为什么重要
总计是支出方三部分的加总，不相等说明总计或其组成部分有误。

### 示例
本年支出合计 894.68 + 结余分配 0 + 年末结转和结余 869.83 = 1764.51，与总计一致则通过。

### 如何修正
重新加总支出方三项，改正总计或组成项。
"""

    def check(self, ctx):
        for t in ctx.tables("final.summary"):
            if t.row("exp_total") is None:
                continue
            total = ctx.operand(t, t.row("exp_grand"), "amount", "支出总计")
            parts = [ctx.operand(t, t.row(k), "amount") for k in ("exp_total", "exp_distribution", "exp_end")
                     if t.row(k) is not None]
            yield equation(ctx, type(self), total, parts, "支出方总计")
