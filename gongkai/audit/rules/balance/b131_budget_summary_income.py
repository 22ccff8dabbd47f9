from gongkai.audit.checks import equation
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.balance._budget import current, short

FUNDS = ("inc_gpb", "inc_gf", "inc_soe")
SOURCES = ("inc_fiscal", "inc_special_account", "inc_other_funds", "inc_business", "inc_operating", "inc_other",
           "inc_upper", "inc_affiliated")


@register
class BudgetSummaryIncome(Rule):
    code = "B131"
    title = "收支预算总表收入方不等于各项之和"
    doc = """
### 检查内容
部门预算收支预算总表（江苏公开01表、上海财务收支预算总表、财政部部门收支总表）收入方：
财政拨款（收入）= 一般公共预算 + 政府性基金预算 + 国有资本经营预算；
当年收入小计 = 财政拨款 + 财政专户管理资金 + 其他资金（江苏）或 财政拨款收入 + 事业收入 + 事业单位经营收入 +
其他收入（上海、财政部），广东另有上级补助收入、附属单位上缴收入；收入总计 = 当年收入小计 + 上年结转资金。
表中不列“当年收入小计”和“上年结转”行的（上海），收入总计即为当年各项收入之和。

### 为什么重要
收支预算总表是预算公开的总括，收入方各项是收入预算总表、财政拨款收支预算总表核对的基数；
分项与小计、总计不符，说明其中一个数字录错或漏列了一类资金。

### 示例
江苏省委办公厅2017年：财政拨款 20,702.25 + 财政专户管理资金 147.20 + 其他资金 0 = 20,849.45，与当年收入小计一致则通过。

### 如何修正
按资金来源重新加总，改正小计、总计或漏填的分项。
"""

    def check(self, ctx):
        for t in ctx.tables("budget.summary"):
            fiscal = t.row("inc_fiscal")
            funds = [t.row(k) for k in FUNDS if t.row(k) is not None]
            if fiscal is not None and funds:
                yield equation(ctx, type(self), ctx.operand(t, fiscal, "amount", "财政拨款收入"),
                               [ctx.operand(t, r, "amount", short(r.label)) for r in funds], "财政拨款收入")
            total = current(t, "inc")
            sources = [t.row(k) for k in SOURCES if t.row(k) is not None]
            if total is not None and fiscal is not None and len(sources) >= 2:
                yield equation(ctx, type(self), ctx.operand(t, total, "amount", short(total.label)),
                               [ctx.operand(t, r, "amount", short(r.label)) for r in sources], "当年收入")
            if t.row("inc_total") is not None and t.row("inc_begin") is not None:
                yield equation(ctx, type(self), ctx.operand(t, t.row("inc_grand"), "amount", "收入总计"),
                               [ctx.operand(t, t.row("inc_total"), "amount", "当年收入小计"),
                                ctx.operand(t, t.row("inc_begin"), "amount", "上年结转资金")], "收入总计")
