from gongkai.audit.finding import Finding
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.narrative.common import (
    agree, cell_label, cell_of, cell_operand, decimals_in, decimals_of, in_unit, operand, quote, show, unit_label,
    where,
)
from gongkai.model.claim import ClaimKind


@register
class AmountMatchesNoCell(Rule):
    code = "N102"
    title = "情况说明金额在表中找不到对应数字"
    absence = True
    needs_disclosure = True
    doc = """
### 检查内容
有些说法同时复述几个单元格：“收、支总计 X 万元”同时说收入总计和支出总计都是 X；“财政拨款收入 X 万元”可能指
总表的一般公共预算财政拨款收入，也可能指财政拨款收入支出决算总表的本年收入合计。报表齐全时，这样的金额至少应与
其中一个单元格相符（按文中所印精度，元与万元先换算）；一个都不相符时报告，并列出各个候选单元格的数字。

### 为什么重要
一个在报表里找不到出处的数字，要么是抄错，要么是用了另一套口径（如把年初结转和结余漏算或多算），
读者无法把文字与报表对上。

### 示例
文中收、支总计为 1813.16 万元，而收入支出决算总表收入总计 2808.65 万元、支出总计 1764.51 万元，
两者都不是 1813.16。

### 如何修正
按报表改正文中的总计数；若收、支两方总计本身不相等（见 B101），先改正报表。
"""

    def check(self, ctx):
        for c in ctx.doc.claims:
            if c.kind is not ClaimKind.AMOUNT or not c.normalised or len(c.refs) < 2 or c.value is None:
                continue
            cells = []
            for ref in c.refs:
                table, row, cell = cell_of(ctx, ref)
                if cell is None or cell.zero_or_value is None or table.unit is None:
                    continue
                cells.append((ref, table, row, cell))
            if len(cells) < 2:
                continue
            if any(agree(in_unit(c, t.unit), decimals_in(c, t.unit), cell.zero_or_value,
                         decimals_of(cell.text.replace(",", "")) if cell.text else 2) for _, t, _, cell in cells):
                continue
            listed = "；".join(f"{cell_label(ctx, ref)} {show(cell.zero_or_value)}{unit_label(t.unit)}"
                              for ref, t, _, cell in cells)
            yield Finding(
                code=self.code, severity=self.severity, title=self.title,
                message=f"情况说明称{c.subject} {show(c.value)}{unit_label(c.unit)}，表中对应的数字都不是它：{listed}",
                location=where(c), related=[ctx.location(t, row, ref.column) for ref, t, row, _ in cells],
                operands=[operand(c, f"文中{c.subject}")] + [op for op in (cell_operand(ctx, ref, cell_label(ctx, ref))
                                                                          for ref, *_ in cells) if op is not None],
                actual=c.value,
                formula="；".join(f"文中 {show(in_unit(c, t.unit))} ≠ {show(cell.zero_or_value)}"
                                 for _, t, _, cell in cells),
                quote=quote(c), hint="按报表改正文中的数字；若报表两方总计本身不一致，先改正报表。",
            )
