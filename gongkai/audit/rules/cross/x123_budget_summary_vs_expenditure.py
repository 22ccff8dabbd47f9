from gongkai.audit.checks import equal, equation
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.balance._budget import classes, current, short, zero

PURPOSES = (("basic", "exp_basic", "基本支出"), ("project", "exp_project", "项目支出"),
            ("reserve", "exp_reserve", "单位预留机动经费"), ("carry_forward", "exp_end", "结转下年资金"),
            ("total", "exp_grand", "支出合计"))


@register
class BudgetSummaryVsExpenditure(Rule):
    code = "X123"
    title = "收支预算总表与支出预算总表不一致"
    doc = """
### 检查内容
按功能分类列示的支出预算总表（上海、财政部）：“合计”行的合计 = 收支预算总表的当年支出（不列小计和结转下年行时为
支出总计）；收支预算总表支出方每一功能分类“类”= 支出预算总表该类的合计；上海单位预算的财务收支预算总表分列
人员经费、公用经费、项目支出的，每一类（及支出总计）的 人员经费 + 公用经费 = 支出预算总表的基本支出，
项目支出 = 支出预算总表的项目支出。
按支出用途列示的支出预算总表（江苏公开03表）：基本支出、项目支出、单位预留机动经费、结转下年资金、合计 =
收支预算总表的对应各项和支出合计。

### 为什么重要
支出预算总表是收支预算总表支出方的明细，两表反映同一笔支出。

### 示例
上海市财政局2025年：财务收支预算总表 一般公共服务支出 人员经费 60,330,260 + 公用经费 24,531,459 = 84,861,719，
应等于支出预算总表 201 一般公共服务支出 的基本支出。

### 如何修正
统一两表数字，并同步修改情况说明。
"""

    def check(self, ctx):
        s = ctx.table("budget.summary")
        if s is None:
            return
        e = ctx.table("budget.expenditure")
        if e is not None and e.row("total") is not None:
            cur = current(s, "exp")
            if cur is not None:
                yield from self._line(ctx, s, cur, e, e.row("total"), "当年支出合计")
            for r in classes(s):
                other = e.by_code(r.code) if r.code else None
                if other is None:
                    a = ctx.operand(s, r, "amount", f"收支预算总表{short(r.label)}")
                    if a is not None and a.value != 0:
                        yield equal(ctx, type(self), a, zero(ctx, e, f"支出预算总表未列 {r.code} 类（视为0）"),
                                    f"{r.code}类支出")
                    continue
                yield from self._line(ctx, s, r, e, other, f"{r.code}类支出")
        p = ctx.table("budget.expenditure_by_purpose")
        if p is not None and len(p.rows) == 1:
            (row,) = p.rows
            for col, key, name in PURPOSES:
                if p.column(col) and s.row(key) is not None:
                    yield equal(ctx, type(self), ctx.operand(p, row, col, f"支出预算总表{name}"),
                                ctx.operand(s, s.row(key), "amount", f"收支预算总表{name}"), name)

    def _line(self, ctx, s, srow, e, erow, what):
        name = short(srow.label)
        yield equal(ctx, type(self), ctx.operand(s, srow, "amount", f"收支预算总表{name}"),
                    ctx.operand(e, erow, "total", f"支出预算总表{erow.code or '合计'}"), what)
        if s.column("personnel") and s.column("public") and e.column("basic"):
            yield equation(ctx, type(self), ctx.operand(e, erow, "basic", f"支出预算总表{erow.code or '合计'}基本支出"),
                           [ctx.operand(s, srow, "personnel", f"收支预算总表{name}人员经费"),
                            ctx.operand(s, srow, "public", f"收支预算总表{name}公用经费")], f"{what}（基本支出）")
        if s.column("project") and e.column("project"):
            yield equal(ctx, type(self), ctx.operand(s, srow, "project", f"收支预算总表{name}项目支出"),
                        ctx.operand(e, erow, "project", f"支出预算总表{erow.code or '合计'}项目支出"), f"{what}（项目支出）")
