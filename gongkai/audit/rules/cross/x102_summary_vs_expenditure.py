from gongkai.audit.checks import equal
from gongkai.audit.registry import Rule, register


@register
class SummaryVsExpenditure(Rule):
    code = "X102"
    title = "总表支出与支出决算表不一致"
    doc = """
### 检查内容
收入支出决算总表的本年支出合计 = 支出决算表“合计”行的本年支出合计；总表支出方每一功能分类“类”的金额 =
支出决算表中该类的本年支出合计。

### 为什么重要
总表支出方就是支出决算表按类的汇总，两者不一致说明其中一张表未随调整更新。

### 示例
总表“卫生健康支出”768.85，支出决算表 210 卫生健康支出 768.85：一致。

### 如何修正
统一两表数字，并同步修改情况说明。
"""

    def check(self, ctx):
        s, e = ctx.table("final.summary"), ctx.table("final.expenditure")
        if s is None or e is None:
            return
        if e.row("total") is not None:
            yield equal(ctx, type(self), ctx.operand(s, s.row("exp_total"), "amount", "总表本年支出合计"),
                        ctx.operand(e, e.row("total"), "total", "支出决算表合计"), "本年支出合计")
        for r in s.rows:
            if not (r.key or "").startswith("class_"):
                continue
            other = e.by_code(r.code)
            a = ctx.operand(s, r, "amount", f"总表{r.label.split('、')[-1]}")
            if other is None:
                if a is not None and a.value != 0 and e.row("total") is not None:
                    yield equal(ctx, type(self), a, _zero(ctx, e, r), f"{r.code}类支出")
                continue
            yield equal(ctx, type(self), a, ctx.operand(e, other, "total", f"支出决算表{other.code}"), f"{r.code}类支出")


def _zero(ctx, table, row):
    from decimal import Decimal

    from gongkai.audit.finding import Operand

    return Operand(label=f"支出决算表未列 {row.code} 类（视为0）", value=Decimal(0), location=ctx.location(table))
