from gongkai.audit.checks import equation
from gongkai.audit.registry import Rule, register

VEHICLES = ("vehicles_ministerial", "vehicles_leader", "vehicles_confidential", "vehicles_emergency",
            "vehicles_enforcement", "vehicles_special", "vehicles_retired", "vehicles_other")


@register
class InfoStats(Rule):
    code = "T105"
    title = "相关信息统计表合计不等于分项之和"
    doc = """
### 检查内容
部门决算公开相关信息统计表（山西公开10表）：政府采购合计 = 货物 + 工程 + 服务；车辆数合计 = 各类用车之和。

### 为什么重要
政府采购和车辆数在情况说明中逐项说明，统计表自身必须平衡。

### 示例
采购合计 186.86 = 货物 180.37 + 工程 0.00 + 服务 6.49。

### 如何修正
重新加总分项，改正合计。
"""

    def check(self, ctx):
        for t in ctx.tables("final.info_stats"):
            parts = [t.row(k) for k in ("procurement_goods", "procurement_works", "procurement_services")]
            if all(parts):
                yield equation(ctx, type(self), ctx.operand(t, t.row("procurement_total"), "value", "政府采购合计"),
                               [ctx.operand(t, r, "value") for r in parts], "政府采购合计")
            cars = [t.row(k) for k in VEHICLES if t.row(k)]
            if cars:
                yield equation(ctx, type(self), ctx.operand(t, t.row("vehicles_total"), "value", "车辆数合计"),
                               [ctx.operand(t, r, "value") for r in cars], "车辆数合计")
