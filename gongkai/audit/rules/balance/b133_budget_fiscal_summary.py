from gongkai.audit.checks import equation
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.balance._budget import classes, current, short

FUNDS = ("inc_gpb", "inc_gf", "inc_soe")
PURPOSES = ("exp_basic", "exp_project", "exp_reserve")


@register
class BudgetFiscalSummaryItems(Rule):
    code = "B133"
    title = "财政拨款收支预算总表收入或支出不等于各项之和"
    doc = """
### 检查内容
财政拨款收支预算总表（江苏公开04表、上海财政拨款收支预算总表、财政部财政拨款收支总表）：
收入方 本年收入合计（不列合计和上年结转行时为收入总计）= 一般公共预算 + 政府性基金预算 + 国有资本经营预算；
支出方 本年支出合计（不列合计和结转下年行时为支出总计）= 各功能分类“类”级支出之和（上海，合计、一般公共预算、
政府性基金预算、国有资本经营预算各栏分别核对），或 = 基本支出 + 项目支出 + 单位预留机动经费（江苏）。
收支两方总计相等、总计与结转的关系由 B111 检查。

### 为什么重要
财政拨款收支预算总表按资金性质和功能分类（或支出用途）分解财政拨款，分项是一般公共预算支出表、
政府性基金预算支出表和基本支出表核对的依据。

### 示例
江苏省政协办公厅2019年：基本支出 6,442.75 + 项目支出 4,968.34 + 单位预留机动经费 1,886.02 = 13,297.11，
与支出合计一致则通过。

### 如何修正
按资金性质、功能分类或支出用途重新加总，改正合计或分项。
"""

    def check(self, ctx):
        for t in ctx.tables("budget.fiscal_summary"):
            inc = current(t, "inc")
            funds = [t.row(k) for k in FUNDS if t.row(k) is not None]
            if inc is not None and funds:
                yield equation(ctx, type(self), ctx.operand(t, inc, "amount", short(inc.label)),
                               [ctx.operand(t, r, "amount", short(r.label)) for r in funds], "财政拨款收入")
            exp = current(t, "exp")
            if exp is None:
                continue
            rows = classes(t)
            if rows:
                for col in [c.key for c in t.columns if c.block == "支出"] or ["total"]:
                    header = t.column(col).header if t.column(col) else col
                    yield equation(ctx, type(self), ctx.operand(t, exp, col, f"{short(exp.label)}（{header}）"),
                                   [ctx.operand(t, r, col, short(r.label)) for r in rows], f"财政拨款支出（{header}）")
            purposes = [t.row(k) for k in PURPOSES if t.row(k) is not None]
            if len(purposes) >= 2:
                yield equation(ctx, type(self), ctx.operand(t, exp, "total", short(exp.label)),
                               [ctx.operand(t, r, "total", short(r.label)) for r in purposes], "财政拨款支出（按支出用途）")
