from gongkai.audit.finding import Finding
from gongkai.audit.registry import Rule, Severity, register

EMPTY_CAPABLE = ("final.gov_fund", "final.soe_capital", "final.soe_capital_expenditure",
                 "budget.gov_fund", "budget.soe_capital")


@register
class EmptyTableNote(Rule):
    code = "P102"
    title = "空表未注明“本表无数据”"
    severity = Severity.WARNING
    doc = """
### 检查内容
政府性基金、国有资本经营等表没有数据时，仍应公开表样，并在表下注明单位没有此类收支、“故本表无数据”。

### 为什么重要
空表不加说明，读者无法区分“没有此类资金”和“漏填”。

### 示例
政府性基金预算财政拨款收入支出决算表只有表头，没有任何数字，也没有说明。

### 如何修正
在表下加注：“本单位没有政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出，故本表无数据。”
"""

    def check(self, ctx):
        for t in ctx.tables(*EMPTY_CAPABLE):
            if t.is_empty and not t.empty_note:
                yield Finding(code=self.code, severity=self.severity, title=self.title,
                              message=f"{t.printed_number or ''}{t.printed_title or t.title} 没有数据，也没有注明“本表无数据”",
                              location=ctx.location(t), hint="在表下注明没有此类收支，故本表无数据。")
