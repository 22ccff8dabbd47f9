from gongkai.audit.checks import equal
from gongkai.audit.registry import Rule, register


@register
class BudgetGpbVsBasic(Rule):
    code = "X126"
    title = "一般公共预算支出表基本支出（项目支出）与基本支出（项目支出）预算表不一致"
    doc = """
### 检查内容
一般公共预算支出预算表（按功能分类，列基本支出栏的上海、财政部表样）合计行的“基本支出”=
一般公共预算基本支出预算表（按经济分类）的合计。
列有一般公共预算项目支出预算表（按经济分类，广东）的，其合计 = 一般公共预算支出预算表合计行的“项目支出”。
江苏的一般公共预算支出预算表只列金额、不分基本支出和项目支出，本规则不核对。

### 为什么重要
一般公共预算基本支出表是一般公共预算基本支出按经济分类的明细，两表反映同一笔基本支出。

### 示例
上海市普陀区财政局2025年：一般公共预算支出功能分类预算表 基本支出 25,121,091.00，
一般公共预算基本支出部门预算经济分类预算表 合计 25,121,091.00：一致。

### 如何修正
统一两表数字。
"""

    def check(self, ctx):
        g, p = ctx.table("budget.gpb_expenditure"), ctx.table("budget.gpb_project")
        if g is not None and p is not None and g.row("total") is not None and p.row("total") is not None \
                and g.column("project"):
            yield equal(ctx, type(self), ctx.operand(p, p.row("total"), "total", "一般公共预算项目支出表合计"),
                        ctx.operand(g, g.row("total"), "project", "一般公共预算支出表项目支出"), "一般公共预算项目支出")
        g, b = ctx.table("budget.gpb_expenditure"), ctx.table("budget.gpb_basic")
        if g is None or b is None or g.row("total") is None or b.row("total") is None or not g.column("basic"):
            return
        yield equal(ctx, type(self), ctx.operand(b, b.row("total"), "total", "一般公共预算基本支出表合计"),
                    ctx.operand(g, g.row("total"), "basic", "一般公共预算支出表基本支出"), "一般公共预算基本支出")
