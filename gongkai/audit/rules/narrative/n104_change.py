from gongkai.audit import precision
from gongkai.audit.finding import Finding, Severity
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.narrative.common import (
    at, agree, decimals_in, group_claims, half, in_unit, operand, pct, precision_in, quote, ratio, rounding_explains,
    show,
    truncation_explains, unit_label, where,
)
from gongkai.model.claim import ClaimKind

VERB = {1: "增加", -1: "减少"}


@register
class ChangeDoesNotFollow(Rule):
    code = "N104"
    title = "增减额、增减幅度与基数不符"
    needs_disclosure = True
    doc = """
### 检查内容
“与上年相比，增加（减少）A 万元，增长（下降）B%”中的增减幅度，按 A ÷ 上年数 重新计算。上年数取同一句中写明的
上年数（“与2019年1653.5万元相比”）；没有写明时由本年数推出：上年数 = 本年数 − 增加额（或 + 减少额），
本年数取同一句（或同一段）中同一主体的本年数字。允许的误差只有增幅所印最后一位的半个单位。
同一句同时写明本年数、上年数和增减额时，还检查 本年数 − 上年数 是否等于增减额；增减额与增减幅度方向相反时也报告。
差异可由各数字本身的四舍五入解释时只作提示。

### 为什么重要
增减幅度是读者判断变化大小的依据；与增减额对不上，说明其中一个数字（或上年数）写错了。

### 示例
本年一般公共预算财政拨款支出 1283.68 万元，文中称比上年增加 102.62 万元、增长 8.49%：
上年数 1283.68 − 102.62 = 1181.06，102.62 ÷ 1181.06 = 8.69%，文中为 8.49%。

### 如何修正
核对上年决算数，重新计算增减额和增减幅度（增减额 ÷ 上年数 × 100%），四舍五入到所印小数位。
"""

    def check(self, ctx):
        claims = ctx.doc.claims
        for rate in claims:
            if rate.kind is not ClaimKind.CHANGE_RATE or rate.value is None:
                continue
            group = group_claims(ctx, rate)
            changes = [c for c in group if c.kind is ClaimKind.CHANGE_AMOUNT and c.id < rate.id
                       and c.subject == rate.subject and c.value is not None]
            if not changes:
                continue
            change = changes[-1]
            if [c for c in group if c.kind is ClaimKind.CHANGE_RATE and change.id < c.id < rate.id]:
                continue  # this rate is not the one paired with the change
            if rate.direction is not None and change.direction is not None and rate.direction != change.direction:
                yield self._direction(rate, change)
                continue
            priors = [c for c in group if c.kind is ClaimKind.AMOUNT and c.period == "上年" and c.id < rate.id
                      and c.subject == change.subject and c.value is not None]
            current = self._current(ctx, change, group)
            if priors:
                prior = priors[-1]
                unit = prior.unit
                base, base_text = in_unit(prior, unit), f"上年数 {show(prior.value)}"
                d_base, offset_d = precision_in(prior, unit), None
                severity = self.severity
                if current is not None:
                    finding = self._amounts(ctx, current, prior, change)
                    if finding is not None:
                        yield finding
            elif current is not None and (change.base_subject == "上年" or rate.base_subject == "上年"):
                unit = current.unit
                direction = change.direction or 1
                base = in_unit(current, unit) - direction * in_unit(change, unit)
                sign = "−" if direction > 0 else "+"
                base_text = f"上年数 = {show(current.value)} {sign} {show(change.value)} = {show(base)}"
                d_base, offset_d = precision_in(current, unit), precision_in(change, unit)
                severity = self.severity
                prior = None
            else:
                continue
            if base <= 0:
                continue
            amount = in_unit(change, unit)
            computed = ratio(amount, base)
            d = rate.decimals
            if abs(rate.value - computed) <= half(d):
                continue
            note = ""
            if rounding_explains(rate.value, d, amount, precision_in(change, unit), base, d_base, d_offset=offset_d):
                severity, note = precision.rounding_verdict(ctx, self, "差异可由各数字的舍入解释")
            elif truncation_explains(rate.value, d, computed):
                severity, note = Severity.INFO, f"（文中把 {pct(computed, d + 2)} 截断为 {show(rate.value)}%，而非四舍五入）"
            elif prior is None and (other := self._other_subject(ctx, current, change, rate)) is not None:
                severity = Severity.WARNING  # the sentence's change may be about the total the figure is listed under
                note = (f"（读取不确定：按“{other.subject}” {show(other.value)}{unit_label(other.unit)} 计算，增减幅度相符，"
                        f"该增减可能是对“{other.subject}”的表述，可能为识别误差）")
            involved = [c for c in (prior, current, change, rate) if c is not None]
            word = "增长" if (change.direction or 1) > 0 else "下降"
            yield Finding(
                code=self.code, severity=severity, rounding="尾差" in note, title=self.title,
                uncertain=[note.strip("（）")] if "读取不确定" in note else [],
                message=(f"{rate.subject or '该项'}{word}幅度应为 {pct(computed, d)}，文中为 {show(rate.value)}%："
                         f"{VERB.get(change.direction or 1)} {show(change.value)}{unit_label(change.unit)}，"
                         f"{base_text}{note}"),
                location=where(rate), related=[where(c) for c in involved if c is not rate and c.group != rate.group] or
                [where(change)],
                operands=[operand(c, lbl) for c, lbl in ((prior, "上年数"), (current, "本年数"), (change, "增减额"))
                          if c is not None],
                expected=at(computed, d), actual=rate.value,
                formula=f"{base_text}；{show(change.value)} ÷ {show(base)} = {pct(computed, d)}，文中为 {show(rate.value)}%",
                quote=quote(*[c for c in involved if c.group == rate.group]),
                hint="核对上年决算数和增减额，按 增减额 ÷ 上年数 × 100% 重新计算增减幅度。",
            )

    @staticmethod
    def _other_subject(ctx, current, change, rate):
        """Another amount of the sentence (the total `current` is listed under, …) that the stated change and
        rate fit instead: then which figure the change is about is an uncertain reading of the sentence."""
        if current is None:
            return None
        for other in group_claims(ctx, change):
            if (other is current or other.kind is not ClaimKind.AMOUNT or other.value is None or other.id > change.id
                    or other.period == "上年" or other.subject == current.subject):
                continue
            unit = other.unit
            base = in_unit(other, unit) - (change.direction or 1) * in_unit(change, unit)
            if base <= 0:
                continue
            computed = ratio(in_unit(change, unit), base)
            d = rate.decimals
            if abs(rate.value - computed) <= half(d) or rounding_explains(
                    rate.value, d, in_unit(change, unit), precision_in(change, unit), base,
                    precision_in(other, unit), d_offset=precision_in(change, unit)):
                return other
        return None

    @staticmethod
    def _current(ctx, change, group):
        same = [c for c in group if c.kind is ClaimKind.AMOUNT and c.period == "本年" and c.id < change.id
                and c.subject == change.subject and c.value is not None]
        if same:
            return same[-1]
        if not change.normalised:
            return None
        earlier = [c for c in ctx.doc.claims[:change.id] if c.kind is ClaimKind.AMOUNT and c.period == "本年"
                   and c.normalised and c.subject == change.subject and c.section == change.section
                   and c.value is not None and (c.scope == change.scope or c.scope is None or change.scope is None)]
        return earlier[-1] if earlier else None

    def _amounts(self, ctx, current, prior, change):
        """本年数 − 上年数 must be the stated change."""
        unit = current.unit
        diff = in_unit(current, unit) - in_unit(prior, unit)
        stated = (change.direction or 1) * in_unit(change, unit)
        d = min(decimals_in(current, unit), decimals_in(prior, unit), decimals_in(change, unit))
        if agree(diff, d, stated, d):
            return None
        tol = precision.allowance(x for x in (precision.stated_decimals(ctx, c.unit, c.decimals, unit)
                                              for c in (current, prior, change)) if x is not None)
        severity, note = precision.tail(ctx, self, stated - diff, tol) or (self.severity, "")
        return Finding(
            code=self.code, severity=severity, title=self.title, rounding=bool(note), tolerance=tol,
            message=(f"{change.subject}增减额应为 {show(diff)}{unit_label(unit)}，文中为"
                     f"{VERB.get(change.direction or 1)} {show(change.value)}{unit_label(change.unit)}："
                     f"本年 {show(current.value)} − 上年 {show(prior.value)}{note}"),
            location=where(change), related=[where(current), where(prior)],
            operands=[operand(current, "本年数"), operand(prior, "上年数"), operand(change, "增减额")],
            expected=diff, actual=stated, difference=stated - diff,
            formula=f"{show(current.value)} − {show(prior.value)} = {show(diff)}，文中为 {show(stated)}",
            quote=quote(current, prior, change), hint="核对本年数、上年数，改正增减额。",
        )

    def _direction(self, rate, change):
        return Finding(
            code=self.code, severity=self.severity, title=self.title,
            message=(f"{rate.subject or '该项'}增减方向前后矛盾：文中先说{VERB.get(change.direction)}"
                     f" {show(change.value)}{unit_label(change.unit)}，"
                     f"又说{'增长' if rate.direction > 0 else '下降'} {show(rate.value)}%"),
            location=where(rate), related=[where(change)], operands=[operand(change, "增减额")],
            actual=rate.value, formula=None, quote=quote(change, rate),
            hint="核对本年数与上年数，统一增减方向的表述。",
        )
