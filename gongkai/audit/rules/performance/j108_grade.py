from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.performance._common import config_notice, finding, options, scored, subject, where
from gongkai.performance.scoring import fmt, normal_grade


@register
class Grade(Rule):
    code = "J108"
    title = "评价等级与总分不符"
    doc = """
### 检查内容
表中印出的等级（如“98.5（优秀）”“等级：优”），以及文字所述的评价结果，与合计得分按等级标准应得的等级比较。
文件中印有等级标准的（如“90（含）—100分为优；80（含）—90分为良；60（含）—80分为较差；60分以下为差”），
以文件为准；否则按配置的等级标准（默认 优 ≥ 90，良 80–89，中 60–79，差 < 60）。优秀视同优，良好视同良。

### 为什么重要
等级是自评结果最常被引用的结论，和总分对不上会误导读者。

### 示例
总分 88.5，等级却印为“优”。

### 如何修正
按等级标准改正等级，或核对总分。
"""

    options = options("bands")

    def check(self, ctx):
        yield from config_notice(ctx, type(self))
        for ev, sc in scored(ctx):
            expected = sc.grade_for_total
            if expected is None:
                continue
            source = "文件所印等级标准" if sc.bands_source == "document" else "等级标准"
            claims = []
            if ev.grade:
                claims.append((ev.grade, where(ctx, ev, ev.grade_ref or ev.total_ref, "grade"), "表中"))
            for st in ev.stated:
                if st.grade and st.label == "总分":
                    loc = where(ctx, ev, st.ref, "text") if st.ref else where(ctx, ev, None)
                    if st.ref is None:
                        loc = loc.model_copy(update={"span": st.span or loc.span,
                                                     "section": " › ".join(st.section) or None})
                    claims.append((st.grade, loc, "文字所述"))
            for grade, loc, whence in claims:
                g = normal_grade(grade)
                if g == normal_grade(expected):
                    continue
                known = {normal_grade(b.grade) for b in (ev.bands or [])} or {"优", "良", "中", "差"}
                if g not in known and sc.bands_source == "config":
                    continue  # a grade scale the configuration does not know (合格/不合格): not comparable
                yield finding(type(self), self.severity,
                              f"{subject(ev)}：{whence}等级“{grade}”与总分 {fmt(ev.total_score)} 不符，按{source}应为“{expected}”",
                              loc, formula=f"总分 {fmt(ev.total_score)} → {expected}", hint="按等级标准改正等级。",
                              quote=f"总分 {fmt(ev.total_score)}，等级“{grade}”")
