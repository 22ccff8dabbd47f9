from gongkai.audit.checks import equal
from gongkai.audit.registry import Rule, register

LINKS = (("gf", "final.gov_fund", "inc_gf", "inc_begin_gf", "政府性基金预算"),
         ("soe", "final.soe_capital", "inc_soe", "inc_begin_soe", "国有资本经营预算"))


@register
class FiscalVsFunds(Rule):
    code = "X106"
    title = "财政拨款总表与政府性基金、国有资本经营表不一致"
    doc = """
### 检查内容
政府性基金（国有资本经营）预算财政拨款收入支出决算表合计行：本年支出 = 财政拨款总表该栏本年支出合计；
本年收入 = 财政拨款总表收入方该项；年初结转和结余 = 财政拨款总表该项年初结转和结余。
表为空（注明本表无数据）时，财政拨款总表对应数字应为零。

### 为什么重要
政府性基金表、国有资本经营表是财政拨款总表相应栏目的明细。

### 示例
财政拨款总表政府性基金栏本年支出 10.00，政府性基金表合计本年支出 10：一致。

### 如何修正
统一两表数字；没有此类资金的，财政拨款总表填 0 并在明细表下注明“本表无数据”。
"""

    def check(self, ctx):
        f = ctx.table("final.fiscal_summary")
        if f is None:
            return
        for col, tid, inc_key, begin_key, name in LINKS:
            t = ctx.table(tid) or (ctx.table("final.soe_capital_expenditure") if col == "soe" else None)
            if t is None or t.row("total") is None:
                continue
            total = t.row("total")
            yield equal(ctx, type(self), ctx.operand(t, total, "total", f"{name}表本年支出"),
                        ctx.operand(f, f.row("exp_total"), col, f"财政拨款总表{name}支出"), f"{name}财政拨款支出")
            if t.column("income"):
                yield equal(ctx, type(self), ctx.operand(t, total, "income", f"{name}表本年收入"),
                            ctx.operand(f, f.row(inc_key), "amount", f"财政拨款总表{name}收入"), f"{name}财政拨款收入")
            if t.column("begin"):
                yield equal(ctx, type(self), ctx.operand(t, total, "begin", f"{name}表年初结转和结余"),
                            ctx.operand(f, f.row(begin_key), "amount", f"财政拨款总表{name}年初结转和结余"),
                            f"{name}年初结转和结余")
