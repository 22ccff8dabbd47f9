from gongkai.audit.finding import Finding
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.narrative.common import (
    agree, cell_label, cell_of, cell_operand, decimals_in, decimals_of, half, in_unit, operand, quote, show,
    unit_label, where,
)
from gongkai.model.claim import ClaimKind


@register
class AmountContradictsCell(Rule):
    code = "N101"
    title = "情况说明金额与表内数字不符"
    needs_disclosure = True
    doc = """
### 检查内容
情况说明中复述表内数字的金额（收支总计、本年收入合计、基本支出、一般公共预算财政拨款支出、人员经费、
“三公”经费、各功能分类科目等），与它所复述的那个单元格比较。比较按文中所印的精度进行：文中少印小数位是允许的
（文中 12905 万元对表中 12905.00 万元不算错），单位不同（元与万元）时先明确换算再比较。
只有一个对应单元格时由本规则检查；同一说法可能对应多个单元格时见 N102。

### 为什么重要
情况说明是公众最常读的部分，它复述的数字必须与决算报表一致；不一致说明报表或文字至少有一处写错，
读者无从判断哪一个是真的。

### 示例
文中把收入总计写作 6355.58 万元，收入支出决算总表的收入总计为 6360.07 万元（6355.58 是本年收入合计，
少了年初结转和结余 4.49 万元）。

### 如何修正
核对情况说明所引用的数字与报表对应单元格，以报表（经审核的决算数）为准改正文字；若报表有误，改报表并同步改文字。
"""

    def check(self, ctx):
        for c in ctx.doc.claims:
            if c.kind is not ClaimKind.AMOUNT or not c.normalised or len(c.refs) != 1 or c.value is None:
                continue
            ref = c.refs[0]
            table, row, cell = cell_of(ctx, ref)
            if cell is None or cell.zero_or_value is None or table.unit is None:
                continue
            stated = in_unit(c, table.unit)
            d_claim = decimals_in(c, table.unit)
            d_cell = decimals_of(cell.text.replace(",", "")) if cell.text else 2
            if agree(stated, d_claim, cell.zero_or_value, d_cell):
                continue
            diff = stated - cell.zero_or_value
            severity, note = self.severity, ""  # one figure printed twice: no 尾差 beyond `agree` (precision.py)
            label = cell_label(ctx, ref)
            converted = ("" if c.unit is table.unit else
                         f"（{show(c.value)}{unit_label(c.unit)} 折合 {show(stated)}{unit_label(table.unit)}）")
            yield Finding(
                code=self.code, severity=severity, title=self.title,
                message=(f"情况说明称{c.subject} {show(c.value)}{unit_label(c.unit)}{converted}，"
                         f"与{label} {show(cell.zero_or_value)}{unit_label(table.unit)} 不符（相差 {show(diff)}）{note}"),
                location=where(c), related=[ctx.location(table, row, ref.column)],
                operands=[operand(c, f"文中{c.subject}"), cell_operand(ctx, ref, label)],
                expected=cell.zero_or_value, actual=stated, difference=diff, tolerance=half(min(d_claim, d_cell)),
                formula=f"文中 {show(stated)} − 表中 {show(cell.zero_or_value)} = {show(diff)}",
                quote=quote(c), hint=f"核对后改正情况说明中的数字，或改正{label}。",
            )
