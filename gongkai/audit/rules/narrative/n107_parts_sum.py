from collections import defaultdict
from decimal import Decimal

from gongkai.audit import precision
from gongkai.audit.finding import Finding, Severity
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.narrative.common import (
    agree, canonical_scope, claim_figure, half, in_unit, operand, quote, resolve, show, unit_label, where,
)
from gongkai.model.claim import ClaimKind
from gongkai.recognize.claims import PERSONNEL_PARTS, PP, PROCUREMENT, THREE_PUBLIC, VEHICLE, dimension, level_of

MAX_SHOWN = 8


@register
class PartsDoNotAddUp(Rule):
    code = "N107"
    title = "合计与所列分项之和不符"
    needs_disclosure = True
    doc = """
### 检查内容
情况说明写出一个合计并列出其分项时（“本年支出合计 X 万元，其中：基本支出 A 万元，项目支出 B 万元”，
“主要用于以下方面：一般公共服务支出……”，“其中：人员经费……公用经费……”，“三公”经费的三项等），
把同一种分法的分项加起来与合计比较（不同分法——按功能分类、按支出性质、按经济分类——分别比较）。
列举不一定完整，所以只在以下情况报告：分项之和大于合计；或者列举是完整的——分项是一种分法的全部（人员经费与公用经费，
“三公”经费的三项，政府采购的货物、工程、服务等），或者各分项所印占比加起来是 100%。
比较按合计与分项中较粗的印刷精度进行；差额不超过各数字尾数舍入的累计时只作提示。

另一种情况：一般公共预算财政拨款支出决算具体情况逐项列出各“项”，且各项之和恰好等于所述支出总数时，
这份清单是完整的，于是某一“类”的支出就应等于该类下各项之和；文中别处写的类级数字与之不符时报告，
这能指出同一类数字的几种写法中哪一种是错的。

### 为什么重要
合计与分项对不上，说明至少有一个数字抄错；逐项清单能够确定错的是哪一个。

### 示例
各项支出逐项列出，合计 12905.00 万元，与支出总数一致；其中教育支出（类）下只有培训支出一项 69.84 万元，
而支出结构一段的教育支出为 69.83 万元——应为 69.84 万元（以 69.84 代入，五类之和 12904.99 变为 12905.00）。

### 如何修正
改正写错的分项或合计；确有未列出的分项时，补充列出或改为“主要包括”。
"""
    severity = Severity.WARNING

    def check(self, ctx):
        yield from self._lists(ctx)
        yield from self._classes_from_items(ctx)

    # ----------------------------------------------------------------------------- total vs parts
    def _lists(self, ctx):
        claims = ctx.doc.claims
        children = defaultdict(list)
        loose = defaultdict(list)  # parts of a total named without a figure ('“三公”经费支出决算中，…')
        for c in claims:
            if c.kind is not ClaimKind.AMOUNT or not c.normalised or c.value is None:
                continue
            if c.parent is not None:
                children[c.parent].append(c)
            elif c.parent_subject and c.group is not None:
                loose[(c.group, c.parent_subject, c.period)].append(c)
        for total_id, parts in children.items():
            yield from self._check(ctx, claim_figure(claims[total_id], "parent"), claims[total_id], parts)
        for (group, subject, period), parts in loose.items():
            total = resolve(ctx, subject, parts[0], scope=parts[0].scope, period=period)
            if total is not None:
                yield from self._check(ctx, total, None, parts)

    def _check(self, ctx, total, total_claim, parts):
        by_dim = defaultdict(list)
        for p in parts:
            dim = dimension(p.subject, level_of(p))
            if total.label == THREE_PUBLIC and p.subject in VEHICLE:
                dim = "three"
            if dim is not None and dim != "item":
                by_dim[dim].append(p)
        for dim, members in by_dim.items():
            if dim == "three" and "公务用车购置及运行维护费" in {m.subject for m in members}:
                members = [m for m in members if m.subject not in VEHICLE]
            if len(members) < 2 or len({m.subject for m in members}) < len(members):
                continue
            unit = total.unit
            parts_sum = sum((in_unit(m, unit) for m in members), Decimal(0))
            d_parts = min(m.decimals for m in members)
            if agree(total.value if total.unit is unit else total.in_unit(unit), total.decimals, parts_sum, d_parts):
                continue
            value = total.in_unit(unit)
            diff = value - parts_sum
            over = parts_sum > value
            if not over and not self._complete(ctx, dim, members):
                continue
            tol = precision.allowance([total.decimals, *(m.decimals for m in members)])
            severity, note = precision.tail(ctx, self, diff, tol) or (self.severity, "")
            shown = " + ".join(f"{m.subject} {show(m.value)}" for m in members[:MAX_SHOWN])
            if len(members) > MAX_SHOWN:
                shown += f" + …（共{len(members)}项）"
            anchor = total.claim or members[0]
            related = [where(m) for m in members if m.span != anchor.span]
            loc = total.location(ctx)
            if total.claim is None and loc is not None:
                related.insert(0, loc)
            yield Finding(
                code=self.code, severity=severity, title=self.title, rounding=bool(note),
                message=(f"{total.label} {show(total.value)}{unit_label(total.unit)} 与所列分项之和 {show(parts_sum)} 不符"
                         f"（{'分项之和大于合计，' if over else ''}相差 {show(diff)}）{note}"),
                location=where(anchor), related=related,
                operands=[total.operand(ctx)] + [operand(m) for m in members],
                expected=parts_sum, actual=value, difference=diff, tolerance=tol,
                formula=f"{shown} = {show(parts_sum)}；{total.label} 为 {show(total.value)}，相差 {show(diff)}",
                quote=quote(*([total.claim] if total.claim is not None and total.claim.group == anchor.group else []),
                            *[m for m in members if m.group == anchor.group]),
                hint="核对各分项与合计，改正写错的数字；列举不完整时补全或改为“主要包括”。",
            )

    @staticmethod
    def _complete(ctx, dim, members) -> bool:
        names = {m.subject for m in members}
        closed = {
            "pp": set(PP) <= names, "vehicle": set(VEHICLE) <= names, "procurement": set(PROCUREMENT) <= names,
            "nature": {"基本支出", "项目支出"} <= names,
            "three": {"因公出国（境）费", "公务接待费"} <= names and ("公务用车购置及运行维护费" in names
                                                            or set(VEHICLE) <= names),
            "economic": False, "income": False, "class": False, "reception": False,
        }.get(dim, False)
        if dim == "economic" and names <= set(PERSONNEL_PARTS) and set(PERSONNEL_PARTS) <= names:
            closed = all(m.parent_subject == "人员经费" for m in members)
        if closed:
            return True
        shares = [c for c in ctx.doc.claims if c.kind is ClaimKind.SHARE and c.about in {m.id for m in members}
                  and c.value is not None]
        if len(shares) == len(members):
            total = sum((s.value for s in shares), Decimal(0))
            return abs(total - 100) <= sum((half(s.decimals) for s in shares), Decimal(0))
        return False

    # ------------------------------------------------------------------------- classes vs items
    def _classes_from_items(self, ctx):
        claims = ctx.doc.claims
        items_of = defaultdict(list)
        for c in claims:
            if (c.kind is ClaimKind.AMOUNT and c.normalised and c.parent is not None and c.value is not None
                    and level_of(c) == "item" and c.class_name):
                items_of[c.parent].append(c)
        for total_id, items in items_of.items():
            total = claims[total_id]
            if len(items) < 2 or len({i.subject for i in items}) < len(items):
                continue
            unit = total.unit
            items_sum = sum((in_unit(i, unit) for i in items), Decimal(0))
            d_items = min(i.decimals for i in items)
            if not agree(total.value, total.decimals, items_sum, d_items):
                continue  # the list is not known to be complete
            scope = canonical_scope(ctx, total.scope)
            by_class = defaultdict(list)
            for i in items:
                by_class[i.class_name].append(i)
            for c in claims:
                if (c.kind is not ClaimKind.AMOUNT or not c.normalised or level_of(c) != "class" or c.value is None
                        or c.period != total.period or c.class_name not in by_class
                        or canonical_scope(ctx, c.scope) != scope):
                    continue
                members = by_class[c.class_name]
                class_sum = sum((in_unit(i, c.unit) for i in members), Decimal(0))
                if agree(c.value, c.decimals, class_sum, min(i.decimals for i in members)):
                    continue
                yield self._class_finding(ctx, total, items_sum, c, members, class_sum)

    def _class_finding(self, ctx, total, items_sum, c, members, class_sum):
        claims = ctx.doc.claims
        extra = ""
        if c.parent is not None:
            siblings = [x for x in claims if x.parent == c.parent and x.kind is ClaimKind.AMOUNT
                        and level_of(x) == "class" and x.value is not None]
            before = sum((in_unit(x, c.unit) for x in siblings), Decimal(0))
            after = before - c.value + class_sum
            parent = claims[c.parent]
            extra = (f"；该段各类之和为 {show(before)}，以 {show(class_sum)} 代入则为 {show(after)}"
                     f"（{parent.subject} 为 {show(parent.value)}）")
        listed = " + ".join(f"{i.subject} {show(i.value)}" for i in members[:MAX_SHOWN])
        return Finding(
            code=self.code, severity=self.severity, title=self.title,
            message=(f"{c.subject} 应为其下各项之和 {show(class_sum)}{unit_label(c.unit)}，文中为 {show(c.value)}"
                     f"{unit_label(c.unit)}（该类在逐项清单中有 {len(members)} 项；清单各项合计 {show(items_sum)}，"
                     f"与{total.subject} {show(total.value)} 相符，清单是完整的）{extra}"),
            location=where(c), related=[where(i) for i in members] + [where(total)],
            operands=[operand(c)] + [operand(i) for i in members],
            expected=class_sum, actual=c.value, difference=c.value - class_sum,
            formula=f"{listed} = {show(class_sum)}；文中 {c.subject} 为 {show(c.value)}",
            quote=" …… ".join(dict.fromkeys([quote(c)] + [quote(i) for i in members])),
            hint=f"把 {c.subject} 改为 {show(class_sum)}，或核对逐项清单中该类各项的数字。",
        )
