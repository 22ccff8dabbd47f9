from gongkai.audit.checks import equal, equation
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.balance._budget import current, zero
from gongkai.model.table import Level


@register
class BudgetFiscalExpenditure(Rule):
    code = "X125"
    title = "财政拨款支出预算表与财政拨款收支预算总表或分资金支出表不一致"
    doc = """
### 检查内容
江苏财政拨款支出预算表（功能科目，公开05表）：合计 = 财政拨款收支预算总表的本年支出合计（不列合计和结转下年行时为
支出合计）；合计和每一功能分类“类”= 一般公共预算支出预算表 + 政府性基金预算支出预算表（及国有资本经营预算支出表，
如有）中该行之和（某表未列该类时按 0 计）。
财政拨款基本支出预算表（经济科目，公开06表）的合计 = 财政拨款收支预算总表的基本支出。

### 为什么重要
财政拨款支出预算表是全部财政拨款按功能分类的明细，一般公共预算和政府性基金预算支出表是它按资金性质的拆分；
财政拨款基本支出预算表是财政拨款基本支出按经济分类的明细。

### 示例
江苏省委办公厅2019年：财政拨款支出预算表合计 27,664.22 = 一般公共预算支出预算表 27,664.22 + 政府性基金支出预算表 0；
财政拨款基本支出预算表合计 11,700.63 = 财政拨款收支预算总表基本支出 11,700.63。

### 如何修正
统一各表数字。
"""

    def check(self, ctx):
        fe, f = ctx.table("budget.fiscal_expenditure"), ctx.table("budget.fiscal_summary")
        if fe is not None and fe.row("total") is not None:
            if f is not None and (exp := current(f, "exp")) is not None:
                yield equal(ctx, type(self), ctx.operand(fe, fe.row("total"), "total", "财政拨款支出预算表合计"),
                            ctx.operand(f, exp, "total", "财政拨款收支预算总表支出合计"), "财政拨款支出合计")
            funds = [t for t in (ctx.table("budget.gpb_expenditure"), ctx.table("budget.gov_fund"),
                                 ctx.table("budget.soe_capital")) if t is not None and t.row("total") is not None]
            if any(t is ctx.table("budget.gpb_expenditure") for t in funds) and len(funds) >= 2:
                for r in [fe.row("total")] + [x for x in fe.rows if x.level is Level.CLASS]:
                    parts = []
                    for t in funds:
                        other = t.row("total") if r.key == "total" else t.by_code(r.code)
                        parts.append(ctx.operand(t, other, "total", f"{t.title}{other.code or '合计'}")
                                     if other is not None else zero(ctx, t, f"{t.title}未列 {r.code} 类（视为0）"))
                    yield equation(ctx, type(self), ctx.operand(fe, r, "total", f"财政拨款支出预算表{r.code or '合计'}"),
                                   parts, f"财政拨款支出（{r.code or '合计'}）")
        fb = ctx.table("budget.fiscal_basic")
        if fb is not None and fb.row("total") is not None and f is not None and f.row("exp_basic") is not None:
            yield equal(ctx, type(self), ctx.operand(fb, fb.row("total"), "total", "财政拨款基本支出预算表合计"),
                        ctx.operand(f, f.row("exp_basic"), "total", "财政拨款收支预算总表基本支出"), "财政拨款基本支出")
