from gongkai.audit.checks import equal
from gongkai.audit.registry import Rule, register

FUNDS = (("inc_gpb", "一般公共预算财政拨款"), ("inc_gf", "政府性基金预算财政拨款"), ("inc_soe", "国有资本经营预算财政拨款"))


@register
class FiscalVsSummary(Rule):
    code = "X103"
    title = "财政拨款收入支出决算总表与总表的财政拨款收入不一致"
    doc = """
### 检查内容
财政拨款收入支出决算总表收入方的一般公共预算、政府性基金预算、国有资本经营预算财政拨款 =
收入支出决算总表中对应的三项财政拨款收入。

### 为什么重要
两张总表反映同一笔财政拨款收入。

### 示例
财政拨款总表一般公共预算财政拨款 6275.58，收入支出决算总表一般公共预算财政拨款收入 6275.58：一致。

### 如何修正
统一两表数字。
"""

    def check(self, ctx):
        s, f = ctx.table("final.summary"), ctx.table("final.fiscal_summary")
        if s is None or f is None:
            return
        for key, name in FUNDS:
            if s.row(key) is not None and f.row(key) is not None:
                yield equal(ctx, type(self), ctx.operand(f, f.row(key), "amount", f"财政拨款总表{name}"),
                            ctx.operand(s, s.row(key), "amount", f"总表{name}收入"), name)
