from gongkai.audit.checks import equation
from gongkai.audit.registry import Rule, register
from gongkai.catalog.templates import templates


@register
class ColumnSums(Rule):
    code = "T102"
    title = "合计栏不等于各分栏之和"
    doc = """
### 检查内容
每一行内，合计栏 = 各组成栏之和。例如收入决算表：本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 +
经营收入 + 附属单位上缴收入 + 其他收入；支出决算表：本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 +
经营支出 + 对附属单位补助支出；一般公共预算财政拨款支出决算表：合计 = 基本支出 + 项目支出。
各表的栏间关系写在表格模板（catalog/tables）的 column_sums 中。

### 为什么重要
一行内的合计与分栏不符，说明该科目的某一资金来源或支出性质填错。

### 示例
“行政运行”行：本年支出合计 145.79 = 基本支出 130.67 + 项目支出 15.12。

### 如何修正
核对该行各栏，改正合计或分栏。
"""

    def check(self, ctx):
        for t in ctx.doc.tables:
            template = templates().get(t.template_id or "")
            if template is None:
                continue
            for rule_sum in template.column_sums:
                if not t.column(rule_sum.total) or not all(t.column(k) for k in rule_sum.requires) or any(
                        t.column(k) for k in rule_sum.absent):
                    continue
                parts = [p for p in rule_sum.parts if t.column(p)]
                if not parts:
                    continue
                for r in t.rows:
                    if rule_sum.total not in r.cells:
                        continue
                    label = (r.code + " " if r.code else "") + r.label.replace(" ", "")
                    yield equation(ctx, type(self), ctx.operand(t, r, rule_sum.total, t.column(rule_sum.total).header),
                                   [ctx.operand(t, r, p, t.column(p).header) for p in parts], f"“{label}”行")
