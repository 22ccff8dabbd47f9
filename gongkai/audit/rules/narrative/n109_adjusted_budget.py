from decimal import Decimal

from gongkai.audit import precision
from gongkai.audit.finding import Finding, Operand
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.narrative.common import show
from gongkai.audit.rules.narrative.sentences import has, sentences

ADJUSTED = ("调整后预算", "调整后的预算", "调整后年度预算")
APPROVED = ("批复预算", "年初预算", "批复金额", "年初批复")
PLUS = ("追加", "调增", "增加", "新增")
MINUS = ("追减", "调减", "减少", "收回", "核减")


@register
class AdjustedBudgetDoesNotFollow(Rule):
    code = "N109"
    title = "调整后预算与批复预算、追加追减不符"
    needs_disclosure = True
    doc = """
### 检查内容
情况说明在同一句中写出批复（年初）预算、其后的各笔追加或追减（调增、调减）以及调整后预算数时，
调整后预算数应等于批复预算加追加、减追减。批复预算与调整后预算之间的每个金额都须标明是追加还是追减，
否则不作判断。差额不超过各数字尾数舍入的累计（每个数字半个末位单位）时报告为尾差（提示）。

### 为什么重要
调整后预算是计算执行率的分母，写错会连带执行率和绩效评分出错。

### 示例
“批复预算金额 10993.09 万元，申请追减……797.62 万元，追加……754.89 万元，调整后预算数为 10960.26 万元”：
10993.09 − 797.62 + 754.89 = 10950.36 万元，与 10960.26 万元相差 9.90 万元。

### 如何修正
核对批复数和各笔追加、追减，改正调整后预算数或写错的分项。
"""

    def check(self, ctx):
        for s in sentences(ctx.doc):
            amounts = s.amounts()
            end = next((k for k, f in enumerate(amounts) if has(f.lead, *ADJUSTED)), None)
            if end is None:
                continue
            begin = next((k for k in range(end - 1, -1, -1) if has(amounts[k].lead, *APPROVED)), None)
            if begin is None or end - begin < 2:
                continue
            approved, adjusted, moves = amounts[begin], amounts[end], amounts[begin + 1:end]
            signs = []
            for f in moves:
                plus, minus = has(f.lead, *PLUS), has(f.lead, *MINUS)
                if plus == minus:
                    break  # a figure that is neither (or both): not a plain list of changes
                signs.append(1 if plus else -1)
            if len(signs) != len(moves) or len({f.unit for f in (approved, adjusted, *moves)}) != 1:
                continue
            total = approved.value + sum((sg * f.value for sg, f in zip(signs, moves)), Decimal(0))
            gap = adjusted.value - total
            if gap == 0:
                continue
            allowance = sum((f.half_unit for f in (approved, adjusted, *moves)), Decimal(0))
            tail = abs(gap) <= allowance
            terms = approved.printed + "".join(f" {'+' if sg > 0 else '−'} {f.printed}" for sg, f in zip(signs, moves))
            unit = adjusted.unit
            severity, note = precision.rounding_verdict(ctx, self, "差额不超过各数字末位半个单位之和") if tail else (self.severity, "")
            yield Finding(
                code=self.code, severity=severity, title=self.title, rounding=tail,
                message=(f"调整后预算数应为 {show(total)}{unit}，文中为 {adjusted.printed}{unit}（相差 {show(gap)}）"
                         + note),
                location=s.location,
                operands=[Operand(label="批复预算", value=approved.value, text=approved.printed),
                          *[Operand(label="追加" if sg > 0 else "追减", value=f.value, text=f.printed)
                            for sg, f in zip(signs, moves)],
                          Operand(label="调整后预算", value=adjusted.value, text=adjusted.printed)],
                expected=total, actual=adjusted.value, difference=gap,
                formula=f"{terms} = {show(total)}{unit}，文中调整后预算数为 {adjusted.printed}{unit}",
                quote=s.text,
                hint="核对批复预算和各笔追加、追减，改正调整后预算数或写错的分项。",
            )
