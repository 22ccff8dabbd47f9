from gongkai.audit.checks import equation
from gongkai.audit.registry import Rule, register


@register
class FiscalSummaryIncome(Rule):
    code = "B112"
    title = "财政拨款收入合计或年初结转不等于分项之和"
    doc = """
### 检查内容
财政拨款收入支出决算总表收入方：本年收入合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算财政拨款；
年初财政拨款结转和结余 = 其下三类资金的年初结转和结余之和。

### 为什么重要
分资金性质列示的数字是核对一般公共预算支出表、政府性基金表和国有资本经营表的依据。

### 示例
902.19 + 10.00 + 0.00 = 912.19，与本年收入合计一致则通过。

### 如何修正
按资金性质重新加总，改正合计或分项。
"""

    def check(self, ctx):
        for t in ctx.tables("final.fiscal_summary"):
            total = ctx.operand(t, t.row("inc_total"), "amount", "本年收入合计")
            parts = [t.row(k) for k in ("inc_gpb", "inc_gf", "inc_soe")]
            if all(p is not None for p in parts):
                yield equation(ctx, type(self), total, [ctx.operand(t, p, "amount") for p in parts], "财政拨款本年收入合计")
            begin = ctx.operand(t, t.row("inc_begin"), "amount", "年初财政拨款结转和结余")
            subs = [t.row(k) for k in ("inc_begin_gpb", "inc_begin_gf", "inc_begin_soe")]
            if all(p is not None for p in subs):
                yield equation(ctx, type(self), begin, [ctx.operand(t, p, "amount") for p in subs], "年初财政拨款结转和结余")
