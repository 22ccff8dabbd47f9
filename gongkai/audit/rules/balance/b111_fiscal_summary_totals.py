from gongkai.audit.checks import equal, equation
from gongkai.audit.registry import Rule, register


@register
class FiscalSummaryTotals(Rule):
    code = "B111"
    title = "财政拨款收入支出决算总表不平衡"
    doc = """
### 检查内容
财政拨款收入支出决算总表（公开04表）：收入方总计 = 支出方总计（“合计”栏）；
收入方 本年收入合计 + 年初财政拨款结转和结余 = 总计；支出方 本年支出合计 + 年末财政拨款结转和结余 = 总计（各栏）。

### 为什么重要
财政拨款总表反映财政资金的来龙去脉，收支两方必须平衡。

### 示例
收入总计 2797.72 万元，支出总计 1753.58 万元，相差 1044.14 万元。

### 如何修正
核对年初、年末财政拨款结转和结余，使两方总计相等。
"""

    def check(self, ctx):
        for t in ctx.tables("final.fiscal_summary", "budget.fiscal_summary"):
            a = ctx.operand(t, t.row("inc_grand"), "amount", "收入总计")
            b = ctx.operand(t, t.row("exp_grand"), "total", "支出总计")
            yield equal(ctx, type(self), a, b, "财政拨款收入总计与支出总计")
            parts = [ctx.operand(t, t.row(k), "amount") for k in ("inc_total", "inc_begin") if t.row(k)]
            if t.row("inc_total") is not None:
                yield equation(ctx, type(self), a, parts, "财政拨款收入方总计")
            for col in (c.key for c in t.columns if c.block == "支出"):
                total = ctx.operand(t, t.row("exp_grand"), col, "支出总计")
                parts = [ctx.operand(t, t.row(k), col) for k in ("exp_total", "exp_end") if t.row(k)]
                if t.row("exp_total") is not None:
                    yield equation(ctx, type(self), total, parts, f"财政拨款支出方总计（{t.column(col).header}）")
