from gongkai.audit.checks import equation
from gongkai.audit.registry import Rule, register


@register
class GpbVsBasic(Rule):
    code = "X105"
    title = "一般公共预算基本支出与基本支出决算表不一致"
    doc = """
### 检查内容
一般公共预算财政拨款支出决算表合计行的“基本支出”= 一般公共预算财政拨款基本支出决算表的
人员经费合计 + 公用经费合计。

### 为什么重要
基本支出决算表是一般公共预算基本支出按经济分类的明细，两者必须相等。

### 示例
基本支出 412.58 = 人员经费合计 360.88 + 公用经费合计 51.70（“其中：基本支出”栏）。

### 如何修正
统一两表数字。
"""

    def check(self, ctx):
        g, b = ctx.table("final.gpb_expenditure"), ctx.table("final.gpb_basic")
        if g is None or b is None or g.row("total") is None:
            return
        col = "basic" if b.column("basic") else "amount"  # 山西 prints 金额 and 其中：基本支出
        yield equation(ctx, type(self), ctx.operand(g, g.row("total"), "basic", "一般公共预算支出表基本支出"),
                       [ctx.operand(b, b.row("personnel_total"), col, "人员经费合计"),
                        ctx.operand(b, b.row("public_total"), col, "公用经费合计")], "一般公共预算基本支出")
