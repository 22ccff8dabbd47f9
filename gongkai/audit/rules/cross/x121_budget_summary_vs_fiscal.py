from gongkai.audit.checks import equal
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.balance._budget import current

FUNDS = (("inc_gpb", "一般公共预算"), ("inc_gf", "政府性基金预算"), ("inc_soe", "国有资本经营预算"))


@register
class BudgetSummaryVsFiscal(Rule):
    code = "X121"
    title = "收支预算总表与财政拨款收支预算总表的财政拨款收入不一致"
    doc = """
### 检查内容
收支预算总表收入方的一般公共预算、政府性基金预算、国有资本经营预算拨款 = 财政拨款收支预算总表收入方对应各项；
收支预算总表的“财政拨款（收入）”= 财政拨款收支预算总表的本年收入合计（该表不列合计和上年结转行时为收入总计）。

### 为什么重要
两张总表列示的是同一笔当年财政拨款，一处调整而另一处未改是预算公开中最常见的错误之一。

### 示例
江苏省委办公厅2017年：收支预算总表 财政拨款 20,702.25，财政拨款收支预算总表 收入合计 20,702.25：一致
（收支预算总表的当年收入小计 20,849.45 另含财政专户管理资金 147.20，不参与比较）。

### 如何修正
以财政部门批复的预算为准，统一两表数字。
"""

    def check(self, ctx):
        s, f = ctx.table("budget.summary"), ctx.table("budget.fiscal_summary")
        if s is None or f is None:
            return
        for key, name in FUNDS:
            if s.row(key) is not None and f.row(key) is not None:
                yield equal(ctx, type(self), ctx.operand(s, s.row(key), "amount", f"收支预算总表{name}"),
                            ctx.operand(f, f.row(key), "amount", f"财政拨款收支预算总表{name}"), f"{name}拨款收入")
        inc = current(f, "inc")
        if s.row("inc_fiscal") is not None and inc is not None:
            yield equal(ctx, type(self), ctx.operand(s, s.row("inc_fiscal"), "amount", "收支预算总表财政拨款收入"),
                        ctx.operand(f, inc, "amount", "财政拨款收支预算总表本年财政拨款收入"), "财政拨款收入")
