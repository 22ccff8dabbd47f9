from collections import defaultdict

from gongkai.audit.finding import Finding, Severity
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.narrative.common import (
    agree, canonical_scope, in_unit, operand, quote, show, unit_label, where,
)
from gongkai.model.claim import ClaimKind
from gongkai.recognize.claims import ECONOMIC, PP

KINDS = (ClaimKind.AMOUNT, ClaimKind.CHANGE_AMOUNT, ClaimKind.CHANGE_RATE)
WHAT = {ClaimKind.AMOUNT: "金额", ClaimKind.CHANGE_AMOUNT: "增减额", ClaimKind.CHANGE_RATE: "增减幅度"}
PERIOD = {"本年": "本年", "上年": "上年", "预算": "预算数", "年初预算": "年初预算数"}


@register
class ConflictingStatements(Rule):
    code = "N105"
    title = "同一数字前后表述不一致"
    needs_disclosure = True
    doc = """
### 检查内容
情况说明（含附件中的绩效自评报告）对同一个量说了不止一次，而前后数字不同。“同一个量”要求主体、口径、期间都相同：
主体如“教育支出”“一般公共预算财政拨款支出的增减额”；口径区分全部资金、财政拨款、一般公共预算财政拨款等
（如“收、支总计减少3638.23万元”与“财政拨款收、支总计减少3638.32万元”是两个量，不比较；
没有政府性基金和国有资本经营预算收支时，财政拨款与一般公共预算财政拨款视为同一口径）；期间区分本年、上年、预算数；
人员经费、公用经费还区分它所属的合计（基本支出中的人员经费与全部支出中的人员经费不是一个量）。
数字按两处中较粗的印刷精度比较。每一处都能与报表单元格对照时（由 N101/N102 报告），本规则不重复报告。

### 为什么重要
同一个数字前后不一致，读者无法知道哪个是真的；这往往是复制旧稿或手工改动后漏改造成的。

### 示例
教育支出一处为 69.83 万元，另两处为 69.84 万元；一般公共预算财政拨款支出比上年的增加额，
一处为 276.96 万元（增长 27.51%），另一处为 102.62 万元（增长 8.49%）。

### 如何修正
以报表为准统一各处的数字；找出是哪一处抄错（可参照 N107 对各分项之和的检查）。
"""
    severity = Severity.WARNING

    def check(self, ctx):
        groups = defaultdict(list)
        for c in ctx.doc.claims:
            if c.kind not in KINDS or not c.normalised or c.value is None or c.period not in PERIOD:
                continue
            parent = c.parent_subject if (c.subject in PP or c.subject in ECONOMIC) else None
            key = (c.kind, c.subject, c.code, canonical_scope(ctx, c.scope), c.period, parent,
                   c.direction if c.kind is not ClaimKind.AMOUNT else None)
            groups[key].append(c)
        reported_changes = set()
        for key in sorted(groups, key=lambda k: (k[0] is ClaimKind.CHANGE_RATE, str(k))):
            claims = groups[key]
            if len(claims) < 2:
                continue
            kind, subject = key[0], key[1]
            if kind is ClaimKind.CHANGE_RATE and (subject, key[3]) in reported_changes:
                continue
            clusters = self._clusters(claims)
            if len(clusters) < 2:
                continue
            if all(c.refs for c in claims):
                continue  # every statement is checked against its cell by N101/N102
            if kind is ClaimKind.CHANGE_AMOUNT:
                reported_changes.add((subject, key[3]))
            yield self._finding(ctx, kind, subject, clusters)

    @staticmethod
    def _clusters(claims):
        clusters: list[list] = []
        unit = claims[0].unit
        for c in claims:
            for cl in clusters:
                first = cl[0]
                if agree(in_unit(c, unit), c.decimals, in_unit(first, unit), first.decimals):
                    cl.append(c)
                    break
            else:
                clusters.append([c])
        return clusters

    def _finding(self, ctx, kind, subject, clusters):
        pct = kind is ClaimKind.CHANGE_RATE
        suffix = "%" if pct else ""

        def say(c):
            unit = "" if pct else unit_label(c.unit)
            return f"{show(c.value)}{unit or suffix}"

        parts = []
        for cl in clusters:
            places = "、".join(f"{c.span.describe() if c.span else '“' + ' › '.join(c.section) + '”'}" for c in cl)
            parts.append(f"{say(cl[0])}（{len(cl)}处：{places}）")
        first, second = clusters[0][0], clusters[1][0]
        rates = ""
        if kind is ClaimKind.CHANGE_AMOUNT:
            rs = [c for c in ctx.doc.claims if c.kind is ClaimKind.CHANGE_RATE and c.subject == subject
                  and c.group in {x.group for cl in clusters for x in cl}]
            if rs:
                rates = "；相应的增减幅度分别为 " + "、".join(f"{show(r.value)}%" for r in rs)
        if kind is ClaimKind.AMOUNT:
            others = [c for c in ctx.doc.claims if c.kind is ClaimKind.AMOUNT and c.normalised and c.subject == subject
                      and c.period == first.period and c.value is not None and c not in
                      [x for cl in clusters for x in cl] and c.scope is not None and c.scope != first.scope]
            if others:
                rates = "；另有其他口径的表述（不参与比较）：" + "、".join(
                    f"{c.scope.value}口径 {say(c)}（{c.span.describe() if c.span else ''}）" for c in others)
        what = WHAT[kind] if kind is not ClaimKind.AMOUNT else f"{first.period}金额" if first.period != "本年" else "金额"
        all_claims = [c for cl in clusters for c in cl]
        return Finding(
            code=self.code, severity=self.severity, title=self.title,
            message=f"{subject}的{what}前后不一致：" + "；".join(parts) + rates,
            location=where(second), related=[where(c) for c in all_claims if c is not second],
            operands=[operand(c, f"{subject}（{' › '.join(c.section[-1:])}）") for c in all_claims],
            expected=first.value, actual=second.value,
            formula=" ≠ ".join(say(cl[0]) for cl in clusters),
            quote=" …… ".join(dict.fromkeys(quote(c) for c in all_claims)),
            hint="以报表为准统一各处数字，改正抄错的一处。",
        )
