from gongkai.audit.checks import equal
from gongkai.audit.registry import Rule, register


@register
class FiscalVsGpb(Rule):
    code = "X104"
    title = "财政拨款总表一般公共预算支出与一般公共预算财政拨款支出决算表不一致"
    doc = """
### 检查内容
财政拨款收入支出决算总表“一般公共预算财政拨款”栏的本年支出合计 = 一般公共预算财政拨款支出决算表合计；
该栏每一功能分类“类”= 一般公共预算财政拨款支出决算表中该类的合计。

### 为什么重要
一般公共预算财政拨款支出决算表是财政拨款总表一般公共预算栏的明细。

### 示例
财政拨款总表卫生健康支出（一般公共预算）767.48，而一般公共预算财政拨款支出决算表 210 卫生健康支出 767.47，相差 0.01。

### 如何修正
统一两表数字（注意尾数处理应一致）。
"""

    def check(self, ctx):
        f, g = ctx.table("final.fiscal_summary"), ctx.table("final.gpb_expenditure")
        if f is None or g is None or not f.column("gpb"):
            return
        if g.row("total") is not None:
            yield equal(ctx, type(self), ctx.operand(f, f.row("exp_total"), "gpb", "财政拨款总表一般公共预算支出合计"),
                        ctx.operand(g, g.row("total"), "total", "一般公共预算支出表合计"), "一般公共预算财政拨款支出合计")
        for r in f.rows:
            if not (r.key or "").startswith("class_"):
                continue
            other = g.by_code(r.code)
            if other is not None:
                yield equal(ctx, type(self), ctx.operand(f, r, "gpb", f"财政拨款总表{r.label.split('、')[-1]}"),
                            ctx.operand(g, other, "total", f"一般公共预算支出表{other.code}"), f"{r.code}类一般公共预算支出")
