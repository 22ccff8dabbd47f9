from gongkai.audit.checks import equation
from gongkai.audit.registry import Rule, register


@register
class SummaryExpenditureClasses(Rule):
    code = "B105"
    title = "本年支出合计不等于各功能分类支出之和"
    doc = """
### 检查内容
收入支出决算总表（以及财政拨款收入支出决算总表的每一栏）：本年支出合计 = 支出方各功能分类“类”级支出之和。

### 为什么重要
支出方按功能分类列示，合计应当等于各类之和；不相等往往是漏列了一类支出（如抗疫特别国债安排的支出）。

### 示例
17.11 + 63.89 + 768.85 + 34.83 + 10 = 894.68，与本年支出合计一致则通过。

### 如何修正
检查是否漏列或重复列示某一类支出，改正本年支出合计。
"""

    def check(self, ctx):
        for t in ctx.tables("final.summary", "final.fiscal_summary"):
            total_row = t.row("exp_total")
            classes = [r for r in t.rows if r.key and r.key.startswith("class_")]
            if total_row is None or not classes:
                continue
            for col in [c.key for c in t.columns if c.block == "支出"] or ["amount"]:
                total = ctx.operand(t, total_row, col, "本年支出合计")
                yield equation(ctx, type(self), total, [ctx.operand(t, r, col) for r in classes],
                               "本年支出合计" + ("" if col in ("amount", "total") else f"（{t.column(col).header}）"))
