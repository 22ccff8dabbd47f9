from gongkai.audit.checks import equation
from gongkai.audit.registry import Rule, register

INCOME_ITEMS = ("inc_gpb", "inc_gf", "inc_soe", "inc_upper", "inc_business", "inc_operating",
                "inc_affiliated", "inc_other")


@register
class SummaryIncomeItems(Rule):
    code = "B104"
    title = "本年收入合计不等于各项收入之和"
    doc = """
### 检查内容
收入支出决算总表：本年收入合计 = 一般公共预算财政拨款收入 + 政府性基金预算财政拨款收入 +
国有资本经营预算财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入。

### 为什么重要
本年收入合计是各类收入的加总，是收入决算表和情况说明引用的基数。

### 示例
6275.58 + 0 + … + 80.00 = 6355.58，与本年收入合计一致则通过。

### 如何修正
逐项核对收入来源，改正合计或漏填的收入项。
"""

    def check(self, ctx):
        for t in ctx.tables("final.summary"):
            rows = [t.row(k) for k in INCOME_ITEMS if t.row(k) is not None]
            if len(rows) < 3:
                continue
            total = ctx.operand(t, t.row("inc_total"), "amount", "本年收入合计")
            yield equation(ctx, type(self), total, [ctx.operand(t, r, "amount") for r in rows], "本年收入合计")
