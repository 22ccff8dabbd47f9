from gongkai.audit import precision
from gongkai.audit.finding import Finding, Severity
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.narrative.common import (
    at, Figure, claim_figure, precision_in, half, in_unit, operand, pct, quote, ratio, resolve, rounding_explains, show,
    truncation_explains, unit_label, where,
)
from gongkai.model.claim import ClaimKind


@register
class ShareDoesNotFollow(Rule):
    code = "N103"
    title = "占比与其分子、分母不符"
    needs_disclosure = True
    doc = """
### 检查内容
情况说明中“X 万元，占 Y%”“X 占 Z 的 Y%”的占比，用它自己的分子（同一句中的 X）和分母（文中点明的 Z，
或者列举所属的合计数，如“本年支出合计……其中：基本支出 X 万元，占 Y%”中的本年支出合计）重新计算。
允许的误差只有占比所印的最后一位的半个单位（印 2.89% 则允许 ±0.005 个百分点），不多给。
若差异可以由分子、分母本身的四舍五入解释，或者文中把百分比截断而非四舍五入，只作提示。
分母取自同一句或同一段时为错误；分母要到别处（其他段落或报表）去找时为警告。

### 为什么重要
占比是读者理解结构的主要依据；算错的占比会误导读者，也说明编制时没有复核文字中的数字。

### 示例
授予小微企业合同金额 112 万元，政府采购支出总额 5289.97 万元，文中占比 2.89%：
112 ÷ 5289.97 = 2.12%（2.89% 实为中小企业合同金额 152.73 万元的占比）。

### 如何修正
按“分子 ÷ 分母 × 100%”重新计算，四舍五入到所印小数位；若分子或分母写错，改正数字本身。
"""

    def check(self, ctx):
        claims = ctx.doc.claims
        for c in claims:
            if c.kind is not ClaimKind.SHARE or c.value is None or c.about is None:
                continue
            num = claims[c.about]
            if num.value is None:
                continue
            den = self._denominator(ctx, c, num)
            if den is None or den.value == 0:
                continue
            unit = den.unit or num.unit
            n_value = in_unit(num, unit)
            computed = ratio(n_value, den.in_unit(unit))
            d = c.decimals
            if abs(c.value - computed) <= half(d):
                continue
            severity = self.severity if den.place in ("group", "inline", "parent", "section") else Severity.WARNING
            note = ""
            if rounding_explains(c.value, d, n_value, precision_in(num, unit), den.in_unit(unit), den.precision(unit)):
                severity, note = precision.rounding_verdict(ctx, self, "差异可由分子、分母的舍入解释")
            elif truncation_explains(c.value, d, computed):
                severity, note = Severity.INFO, f"（文中把 {pct(computed, d + 2)} 截断为 {show(c.value)}%，而非四舍五入）"
            formula = (f"{show(num.value)} ÷ {show(den.in_unit(unit) if unit is num.unit else den.value)} = "
                       f"{pct(computed, d)}，文中为 {show(c.value)}%")
            if num.unit is not den.unit and den.unit is not None:
                formula = f"{show(num.value)}{unit_label(num.unit)} = {show(n_value)}{unit_label(unit)}；" + \
                    f"{show(n_value)} ÷ {show(den.value)} = {pct(computed, d)}，文中为 {show(c.value)}%"
            found_at = {"group": "同句", "inline": "同句", "parent": "同句", "section": "本段",
                        "document": "文中他处", "table": "报表"}[den.place]
            here = where(c)
            related = [loc for loc in (where(num), den.location(ctx)) if loc is not None and loc != here]
            yield Finding(
                code=self.code, severity=severity, rounding="尾差" in note, title=self.title,
                message=(f"{num.subject or '该项'}占比应为 {pct(computed, d)}，文中为 {show(c.value)}%："
                         f"{show(num.value)}{unit_label(num.unit)} ÷ {den.label} "
                         f"{show(den.value)}{unit_label(den.unit)}"
                         f"（分母取自{found_at}）{note}"),
                location=where(c), related=related,
                operands=[operand(num, num.subject or "分子"), den.operand(ctx)],
                expected=at(computed, d), actual=c.value,
                formula=formula, quote=quote(num, c),
                hint=f"按 {num.subject or '分子'} ÷ {den.label} × 100% 重新计算并四舍五入到所印小数位，或改正写错的分子、分母。",
            )

    @staticmethod
    def _denominator(ctx, c, num) -> Figure | None:
        claims = ctx.doc.claims
        if c.base_value is not None:
            return Figure(c.base_value, c.base_unit, len(c.base_printed.split(".")[1]) if c.base_printed and
                          "." in c.base_printed else 0, c.base_subject or "分母", place="inline")
        if c.base_subject:
            if not num.normalised:
                return resolve(ctx, c.base_subject, c, scope=num.scope, period=num.period or "本年", group_only=True)
            return resolve(ctx, c.base_subject, c, scope=num.scope, period=num.period or "本年")
        if num.parent is not None:
            parent = claims[num.parent]
            place = "parent" if parent.group == c.group else "section" if parent.section == c.section else "document"
            return claim_figure(parent, place)
        if num.parent_subject and num.normalised:
            return resolve(ctx, num.parent_subject, c, scope=num.scope, period=num.period or "本年")
        return None
