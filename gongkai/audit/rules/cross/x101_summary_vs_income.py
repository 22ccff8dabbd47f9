from gongkai.audit.checks import equal, equation
from gongkai.audit.registry import Rule, register

PAIRS = (("inc_upper", "upper", "上级补助收入"), ("inc_business", "business", "事业收入"),
         ("inc_operating", "operating", "经营收入"), ("inc_affiliated", "affiliated", "附属单位上缴收入"),
         ("inc_other", "other", "其他收入"))


@register
class SummaryVsIncome(Rule):
    code = "X101"
    title = "总表收入与收入决算表不一致"
    doc = """
### 检查内容
收入支出决算总表的本年收入合计 = 收入决算表“合计”行的本年收入合计；总表三项财政拨款收入之和 =
收入决算表合计行的财政拨款收入；上级补助、事业、经营、附属单位上缴、其他收入逐项相等。

### 为什么重要
两张表反映同一笔收入，一处改动另一处未改是最常见的错误。

### 示例
总表本年收入合计 918.48，收入决算表合计 918.48：一致。

### 如何修正
以会计账簿为准，统一两表的数字。
"""

    def check(self, ctx):
        s, inc = ctx.table("final.summary"), ctx.table("final.income")
        if s is None or inc is None or inc.row("total") is None:
            return
        total = inc.row("total")
        yield equal(ctx, type(self), ctx.operand(s, s.row("inc_total"), "amount", "总表本年收入合计"),
                    ctx.operand(inc, total, "total", "收入决算表合计"), "本年收入合计")
        funds = [s.row(k) for k in ("inc_gpb", "inc_gf", "inc_soe")]
        if all(funds) and inc.column("fiscal"):
            yield equation(ctx, type(self), ctx.operand(inc, total, "fiscal", "收入决算表财政拨款收入"),
                           [ctx.operand(s, r, "amount", f"总表{r.label.lstrip('一二三、')}") for r in funds],
                           "财政拨款收入（收入决算表与总表）")
        for key, col, name in PAIRS:
            if s.row(key) is not None and inc.column(col):
                yield equal(ctx, type(self), ctx.operand(s, s.row(key), "amount", f"总表{name}"),
                            ctx.operand(inc, total, col, f"收入决算表{name}"), name)
