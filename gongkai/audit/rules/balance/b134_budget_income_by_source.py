from gongkai.audit.checks import equation
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.balance._budget import is_zero, short

SUBTOTALS = (("gpb_subtotal", ("gpb_appropriation", "gpb_special")),
             ("sa_subtotal", ("sa_education", "sa_other_nontax")),
             ("other_subtotal", ("other_business", "other_operating", "other_other", "other_debt")))
GROUPS = ("gpb_subtotal", "gf_subtotal", "sa_subtotal", "other_subtotal")


@register
class BudgetIncomeBySource(Rule):
    code = "B134"
    title = "收入预算总表（按资金来源）小计或总计不等于分项之和"
    doc = """
### 检查内容
江苏收入预算总表（公开02表，按资金来源列示）：一般公共预算资金小计 = 公共财政拨款（补助）资金 + 专项收入；
财政专户管理资金小计 = 专户管理教育收费 + 其他非税收入；其他资金小计 = 事业收入 + 经营收入 + 其他收入 +
债务资金（银行贷款）；收入总计 = 一般公共预算资金小计 + 政府性基金小计 + 财政专户管理资金小计 + 其他资金小计。
表中“上年结转和结余资金小计”不为零时，模板没有说明收入总计是否计入全部结转结余（还是只计“其中：动用”部分），
本规则不核对收入总计。

### 为什么重要
收入预算总表是收支预算总表收入方的明细，小计、总计与分项不符说明某项资金来源录错或漏列。

### 示例
江苏省政协办公厅2018年：一般公共预算资金小计 10,070.48 + 其他资金小计 80.00 = 10,150.48，与收入总计一致则通过。

### 如何修正
重新加总各资金来源，改正小计或总计。
"""

    def check(self, ctx):
        for t in ctx.tables("budget.income_by_source"):
            for key, items in SUBTOTALS:
                rows = [t.row(k) for k in items if t.row(k) is not None]
                if t.row(key) is not None and rows:
                    yield equation(ctx, type(self), ctx.operand(t, t.row(key), "amount", short(t.row(key).label)),
                                   [ctx.operand(t, r, "amount", short(r.label)) for r in rows], short(t.row(key).label))
            groups = [t.row(k) for k in GROUPS if t.row(k) is not None]
            if t.row("inc_grand") is None or len(groups) < 2 or not is_zero(t, t.row("carryover_subtotal"), "amount"):
                continue
            yield equation(ctx, type(self), ctx.operand(t, t.row("inc_grand"), "amount", "收入总计"),
                           [ctx.operand(t, r, "amount", short(r.label)) for r in groups], "收入总计")
