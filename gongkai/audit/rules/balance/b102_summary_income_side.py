from gongkai.audit.checks import equation
from gongkai.audit.registry import Rule, register


@register
class SummaryIncomeSide(Rule):
    code = "B102"
    title = "总表收入方总计不等于各项之和"
    doc = """
### 检查内容
收入支出决算总表收入方：本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 = 总计。

### 为什么重要
总计是收入方三部分的加总，不相等说明总计或其组成部分有误。

### 示例
本年收入合计 918.48 + 使用非财政拨款结余 0 + 年初结转和结余 1890.17 = 2808.65，与总计一致则通过。

### 如何修正
重新加总收入方三项，改正总计或组成项。
"""

    def check(self, ctx):
        for t in ctx.tables("final.summary"):
            total = ctx.operand(t, t.row("inc_grand"), "amount", "收入总计")
            parts = [ctx.operand(t, t.row(k), "amount") for k in ("inc_total", "inc_use_surplus", "inc_begin")
                     if t.row(k) is not None]
            if t.row("inc_total") is None:
                continue
            yield equation(ctx, type(self), total, parts, "收入方总计")
