from gongkai.audit.checks import equation
from gongkai.audit.registry import Rule, register
from gongkai.catalog.templates import templates
from gongkai.model.table import CellKind, Level


@register
class TotalRow(Rule):
    code = "T101"
    title = "合计行不等于各类之和"
    doc = """
### 检查内容
按功能分类列示的表（收入决算表、支出决算表、一般公共预算财政拨款支出决算表、政府性基金表等）：
“合计”行的每一栏 = 各“类”级科目行该栏之和。逐项目（单位）列示的表（项目支出预算表、项目支出绩效表）：
“合计”行 = 各项目行之和。

### 为什么重要
合计行是各表之间勾稽的锚点，合计与明细不符时无法判断哪个数字是对的。

### 示例
合计 894.68 = 一般公共服务支出 17.11 + 社会保障和就业支出 63.89 + 卫生健康支出 768.85 + 住房保障支出 34.83 + 抗疫特别国债安排的支出 10.00。

### 如何修正
检查是否漏列某一类科目或合计行计算有误。
"""

    def check(self, ctx):
        for t in ctx.doc.tables:
            total = t.row("total")
            classes = [r for r in t.rows if r.level is Level.CLASS]
            template = templates().get(t.template_id or "")
            if template is not None and template.layout == "listed":
                classes = [r for r in t.rows if r is not total]  # one row per unit or project
            if total is None or not classes or t.generic:
                continue
            for col in t.columns:
                if total.cells.get(col.key) is not None and total.cells[col.key].kind is CellKind.TEXT:
                    continue
                yield equation(ctx, type(self), ctx.operand(t, total, col.key, f"合计（{col.header}）"),
                               [ctx.operand(t, r, col.key) for r in classes], f"“{col.header}”栏合计")
