from decimal import Decimal

from gongkai.audit import precision
from gongkai.audit.finding import Finding, Operand
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.narrative.common import show
from gongkai.audit.rules.narrative.sentences import has, sentences


def _role(lead: str) -> str | None:
    if has(lead, "年初结转", "上年结转"):
        return "begin"
    if has(lead, "年末结转", "结转下年"):
        return "end"
    if has(lead, "增加", "减少", "增长", "下降", "其中"):
        return "other"
    if has(lead, "收入"):
        return "income"
    if has(lead, "支出"):
        return "spending"
    return "other"


@register
class CarryoverDoesNotFollow(Rule):
    code = "N110"
    title = "年末结转和结余不等于年初加收入减支出"
    needs_disclosure = True
    doc = """
### 检查内容
情况说明在同一句中依次写出年初结转和结余、本年收入、本年支出和年末结转和结余（总体或某类资金，如政府性基金）时，
年末结转和结余应等于年初结转和结余加本年收入减本年支出。四个数字各须恰好出现一次，句中另有其他收入或支出金额
（如“其中……”）时不作判断。差额不超过四个数字尾数舍入的累计时报告为尾差（提示）。

### 为什么重要
结转结余是收支衔接的结果，算不平说明某个数字抄错，或年末结余没有随收支变化更新。

### 示例
“年初结转和结余 12.00 万元，本年收入 30.00 万元，本年支出 35.00 万元，年末结转和结余 9.00 万元”：
12.00 + 30.00 − 35.00 = 7.00 万元，不是 9.00 万元。

### 如何修正
核对四个数字，改正写错的一个。
"""

    def check(self, ctx):
        for s in sentences(ctx.doc):
            amounts = s.amounts()
            roles: dict[str, list] = {}
            for f in amounts:
                roles.setdefault(_role(f.lead), []).append(f)
            main = ("begin", "income", "spending", "end")
            if any(len(roles.get(r, [])) != 1 for r in main) or roles.get("other"):
                continue
            begin, income, spending, end = (roles[r][0] for r in main)
            order = [amounts.index(f) for f in (begin, income, spending, end)]
            if order != sorted(order) or len({f.unit for f in (begin, income, spending, end)}) != 1:
                continue
            computed = begin.value + income.value - spending.value
            gap = end.value - computed
            if gap == 0:
                continue
            tail = abs(gap) <= sum((f.half_unit for f in (begin, income, spending, end)), Decimal(0))
            unit = end.unit
            severity, note = precision.rounding_verdict(ctx, self, "差额不超过四个数字末位半个单位之和") if tail else (self.severity, "")
            yield Finding(
                code=self.code, severity=severity, title=self.title, rounding=tail,
                message=(f"年末结转和结余应为 {show(computed)}{unit}，文中为 {end.printed}{unit}（相差 {show(gap)}）"
                         + note),
                location=s.location,
                operands=[Operand(label=label, value=f.value, text=f.printed) for label, f in
                          zip(("年初结转和结余", "本年收入", "本年支出", "年末结转和结余"), (begin, income, spending, end))],
                expected=computed, actual=end.value, difference=gap,
                formula=f"{begin.printed} + {income.printed} − {spending.printed} = {show(computed)}{unit}，"
                        f"文中年末结转和结余为 {end.printed}{unit}",
                quote=s.text,
                hint="核对年初结转和结余、本年收入、本年支出和年末结转和结余，改正写错的数字。",
            )
