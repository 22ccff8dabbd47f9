from gongkai.audit.checks import equation
from gongkai.audit.registry import Rule, register


@register
class FundCarryover(Rule):
    code = "B121"
    title = "年末结转和结余不等于年初加收入减支出"
    doc = """
### 检查内容
政府性基金、国有资本经营预算财政拨款收入支出决算表的每一行：
年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出。

### 为什么重要
结转结余是跨年度衔接的数字，计算错误会延续到下一年度的决算。

### 示例
年初 0 + 收入 10 − 支出 10 = 0，与年末结转和结余一致则通过。

### 如何修正
按“年初 + 收入 − 支出”重新计算年末结转和结余。
"""

    def check(self, ctx):
        for t in ctx.tables("final.gov_fund", "final.soe_capital"):
            if not all(t.column(k) for k in ("begin", "income", "total", "end")):
                continue
            for r in t.rows:
                end = ctx.operand(t, r, "end", "年末结转和结余")
                parts = [ctx.operand(t, r, "begin", "年初结转和结余"), ctx.operand(t, r, "income", "本年收入"),
                         ctx.operand(t, r, "total", "本年支出")]
                yield equation(ctx, type(self), end, parts, f"“{r.label}”结转和结余", signs=[1, 1, -1])
