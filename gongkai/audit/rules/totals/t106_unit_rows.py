from gongkai.audit.checks import equation
from gongkai.audit.registry import Rule, register
from gongkai.catalog.templates import templates
from gongkai.recognize.unit_rows import ITEM, UNIT


@register
class UnitRows(Rule):
    code = "T106"
    title = "按单位列示的表合计不等于各单位之和，或单位不等于其下各项之和"
    doc = """
### 检查内容
按单位列示的表（广东 收入总体情况表、部门预算基本支出预算表、部门预算项目支出及其他支出预算表），每个金额栏：
“合计”行 = 各单位行之和；每个单位行 = 其下各经济分类（或各项目）行之和。
项目支出表中哪些行是单位，由“绩效目标”栏（单位行不填）或金额关系确定；无法确定时不核对。

### 为什么重要
部门预算是各单位预算的汇总，合计与单位、单位与明细不符，说明某个单位或某个项目的金额录错或漏列。

### 示例
基本支出预算表：某单位 总计 12,161.73 = 工资福利支出 9,397.69 + 商品和服务支出 1,119.96 + 对个人和家庭的补助 1,637.59
+ 资本性支出 6.50，一致则通过。

### 如何修正
重新加总各单位、各项目的金额，改正合计、单位行或明细行。
"""

    def check(self, ctx):
        for t in ctx.doc.tables:
            template = templates().get(t.template_id or "")
            if template is None or template.layout != "unit_rows":
                continue
            total = t.row("total")
            units = [r for r in t.rows if r.block == UNIT]
            groups: list[tuple[object, list]] = []
            for r in t.rows:
                if r.block == UNIT:
                    groups.append((r, []))
                elif r.block == ITEM and groups:
                    groups[-1][1].append(r)
            top = units or [r for r in t.rows if r.block == ITEM]
            amounts = [c for c in t.columns if not any(tc.key == c.key and tc.text for tc in template.columns)]
            for col in amounts:
                if total is not None and top:
                    yield equation(ctx, type(self), ctx.operand(t, total, col.key, f"合计（{col.header}）"),
                                   [ctx.operand(t, r, col.key, r.label) for r in top], f"“{col.header}”栏合计")
                for unit, items in groups:
                    if items:
                        yield equation(ctx, type(self), ctx.operand(t, unit, col.key, f"{unit.label}（{col.header}）"),
                                       [ctx.operand(t, r, col.key, r.label) for r in items],
                                       f"“{unit.label}”“{col.header}”栏")
