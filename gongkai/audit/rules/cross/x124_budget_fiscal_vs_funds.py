from gongkai.audit.checks import equal
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.balance._budget import classes, current, is_zero, short, zero

FUNDS = (("gpb", "budget.gpb_expenditure", "inc_gpb", "一般公共预算"),
         ("gf", "budget.gov_fund", "inc_gf", "政府性基金预算"),
         ("soe", "budget.soe_capital", "inc_soe", "国有资本经营预算"))


@register
class BudgetFiscalVsFunds(Rule):
    code = "X124"
    title = "财政拨款收支预算总表与一般公共预算、政府性基金、国有资本经营预算支出表不一致"
    doc = """
### 检查内容
一般公共预算（政府性基金预算、国有资本经营预算）支出预算表的“合计”=
财政拨款收支预算总表支出方该资金栏的本年支出合计（上海、财政部按资金分栏列示时），且每一功能分类“类”=
支出表中该类的合计；
财政拨款收支预算总表不按资金分栏、也不列上年结转和结转下年行的（江苏），各表合计 = 财政拨款收支预算总表收入方
对应的一般公共预算、政府性基金预算拨款（没有结转时，某类资金的当年支出就是该类资金的当年拨款）。
表为空（注明本表无数据）时，财政拨款收支预算总表对应数字应为零。

### 为什么重要
一般公共预算支出表、政府性基金预算支出表和国有资本经营预算支出表是财政拨款收支预算总表相应资金的明细。

### 示例
江苏省人大常委会办公厅2019年：一般公共预算支出预算表合计 18,330.37，财政拨款收支预算总表 一般公共预算 18,330.37：一致。

### 如何修正
统一各表数字；没有某类资金的，总表填 0，并在相应支出表下注明本表无数据。
"""

    def check(self, ctx):
        f = ctx.table("budget.fiscal_summary")
        if f is None:
            return
        exp = current(f, "exp")
        for col, tid, inc_key, name in FUNDS:
            t = ctx.table(tid)
            if t is None or t.row("total") is None:
                continue
            total = ctx.operand(t, t.row("total"), "total", f"{name}支出表合计")
            if f.column(col):
                if exp is None:
                    continue
                yield equal(ctx, type(self), total, ctx.operand(f, exp, col, f"财政拨款收支预算总表{name}支出"),
                            f"{name}支出合计")
                for r in classes(f):
                    other = t.by_code(r.code) if r.code else None
                    a = ctx.operand(f, r, col, f"财政拨款收支预算总表{short(r.label)}（{name}）")
                    b = (ctx.operand(t, other, "total", f"{name}支出表{other.code}") if other is not None
                         else zero(ctx, t, f"{name}支出表未列 {r.code} 类（视为0）"))
                    yield equal(ctx, type(self), a, b, f"{r.code}类{name}支出")
            elif (f.row(inc_key) is not None and f.row("inc_begin") is None and f.row("exp_end") is None
                  and is_zero(ctx.table("budget.summary"), _row(ctx, "inc_begin"), "amount")):
                yield equal(ctx, type(self), total, ctx.operand(f, f.row(inc_key), "amount", f"财政拨款收支预算总表{name}"),
                            f"{name}支出合计")


def _row(ctx, key):
    s = ctx.table("budget.summary")
    return s.row(key) if s is not None else None
