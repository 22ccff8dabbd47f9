from gongkai.audit.checks import equation
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.balance._budget import classes, current, short

PURPOSES = ("exp_basic", "exp_project", "exp_reserve")
OTHER_LINES = ("exp_affiliated", "exp_upper")  # 广东: 对附属单位补助支出, 上缴上级支出 after the 类 rows


@register
class BudgetSummaryExpenditure(Rule):
    code = "B132"
    title = "收支预算总表支出方不等于各项之和"
    doc = """
### 检查内容
部门预算收支预算总表支出方：
当年支出小计（不列小计和结转下年行时为支出总计）= 各功能分类“类”级支出之和（广东另加对附属单位补助支出、上缴上级支出），每个金额栏分别核对
（上海单位预算的合计、人员经费、公用经费、项目支出栏）；支出总计 = 当年支出小计 + 结转下年资金；
江苏按支出用途列示的一方：基本支出 + 项目支出 + 单位预留机动经费 = 当年支出小计。

### 为什么重要
支出方按功能分类、按支出用途两种口径列示同一笔当年支出，任何一种口径加总不等于小计，
都说明漏列、重列或录错了某一类支出，支出预算表和情况说明引用的数字也就不可靠。

### 示例
江苏省人大常委会办公厅2019年：一般公共服务支出 13,907.78 + 社会保障和就业支出 1,121.39 + 住房保障支出 3,301.20 =
18,330.37；基本支出 9,312.90 + 项目支出 6,459.58 + 单位预留机动经费 2,557.89 = 18,330.37，均与当年支出小计一致。

### 如何修正
检查是否漏列某一类支出或某一支出用途，改正当年支出小计或分项。
"""

    def check(self, ctx):
        for t in ctx.tables("budget.summary"):
            total = current(t, "exp")
            rows = classes(t) + [r for k in OTHER_LINES if (r := t.row(k)) is not None]
            if total is not None and rows:
                for col in [c.key for c in t.columns if c.block == "支出"] or ["amount"]:
                    header = t.column(col).header if t.column(col) and col != "amount" else ""
                    yield equation(ctx, type(self), ctx.operand(t, total, col, short(total.label)),
                                   [ctx.operand(t, r, col, short(r.label)) for r in rows],
                                   "当年支出（按功能分类）" + (f"（{header}）" if header else ""))
            if t.row("exp_total") is not None and t.row("exp_end") is not None:
                yield equation(ctx, type(self), ctx.operand(t, t.row("exp_grand"), "amount", "支出总计"),
                               [ctx.operand(t, t.row("exp_total"), "amount", "当年支出小计"),
                                ctx.operand(t, t.row("exp_end"), "amount", "结转下年资金")], "支出总计")
            purposes = [t.row(k) for k in PURPOSES if t.row(k) is not None]
            if total is not None and len(purposes) >= 2:
                yield equation(ctx, type(self), ctx.operand(t, total, "amount", short(total.label)),
                               [ctx.operand(t, r, "amount", short(r.label)) for r in purposes], "当年支出（按支出用途）")
