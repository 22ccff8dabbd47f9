from gongkai.audit.checks import equal
from gongkai.audit.registry import Rule, register


@register
class SummaryTotals(Rule):
    code = "B101"
    title = "收入支出决算总表收支总计不平衡"
    doc = """
### 检查内容
收入支出决算总表（公开01表）收入方的“总计”应等于支出方的“总计”。

### 为什么重要
总表是全套报表的总括，收、支两方总计相等是最基本的平衡关系；不相等说明某一方漏记、重记或录入错误，
其余各表和情况说明的数字都会受到影响。

### 示例
收入总计 2808.65 万元，支出总计 1764.51 万元，相差 1044.14 万元。

### 如何修正
核对收入方的年初结转和结余、使用非财政拨款结余，以及支出方的年末结转和结余、结余分配，
使 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 = 本年支出合计 + 结余分配 + 年末结转和结余。
"""

    def check(self, ctx):
        for t in ctx.tables("final.summary", "budget.summary"):
            a = ctx.operand(t, t.row("inc_grand"), "amount", "收入总计")
            b = ctx.operand(t, t.row("exp_grand"), "amount", "支出总计")
            yield equal(ctx, type(self), a, b, "收入总计与支出总计",
                        hint="检查年初结转和结余、年末结转和结余是否填列正确。")
