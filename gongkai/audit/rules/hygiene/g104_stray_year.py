import re

from gongkai.audit.finding import Finding, Location
from gongkai.audit.registry import Rule, Severity, register

YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
AS_OF = re.compile(r"截[至止]\s*((?:19|20)\d{2})\s*年")
COMPARISON = re.compile(r"上年|上一年|比较|对比|相比|同比|执行情况|以来|至今|[—–~～-]\s*(?:19|20)\d{2}")


@register
class StrayYear(Rule):
    code = "G104"
    title = "标题或截至日期中的年度与文件不符"
    needs_disclosure = True
    severity = Severity.WARNING
    doc = """
### 检查内容
章节标题中的年度应是文件的年度（比较上年、写执行情况或跨年度区间的标题除外）；“截至某年某月”的年度，
部门（单位）预算应为文件年度或上一年度（编制时点），部门（单位）决算应为文件年度或下一年度（公开时点）。
其他年度很可能是套用往年文本未改。只作警告。

### 为什么重要
标题或时点写错年度，读者会怀疑整段文字乃至数字是否沿用了往年内容。

### 示例
2026 年度部门预算的情况说明标题写作“2024年部门预算情况说明”；2024 年度决算写“截至2022年12月31日”。

### 如何修正
改正为文件所属年度；确为其他年度的内容，在标题中写明比较或区间。
"""

    def check(self, ctx):
        doc = ctx.doc
        if doc.year is None:
            return
        final = doc.kind is not None and doc.kind.is_final
        as_of_ok = {doc.year, doc.year + 1} if final else {doc.year - 1, doc.year}
        seen: set[str] = set()
        for s in doc.sections:
            for heading in s.path:
                years = {int(y) for y in YEAR.findall(heading)}
                if heading in seen or not years or doc.year in years or COMPARISON.search(heading):
                    continue
                seen.add(heading)
                shown = "、".join(str(y) for y in sorted(years))
                yield Finding(code=self.code, severity=self.severity, title=self.title,
                              message=f"标题“{heading}”中的年度为 {shown} 年，文件为 {doc.year} 年度",
                              location=Location(section=" › ".join(s.path), span=s.span), quote=heading,
                              hint="改正标题中的年度。")
            for m in AS_OF.finditer(s.text or ""):
                year = int(m.group(1))
                if year in as_of_ok:
                    continue
                start = max(0, m.start() - 10)
                yield Finding(code=self.code, severity=self.severity, title=self.title,
                              message=f"“截至{year}年”与 {doc.year} 年度{doc.kind.value if doc.kind else '文件'}的时点不符",
                              location=Location(section=" › ".join(s.path), span=s.span),
                              quote=(s.text or "")[start:m.end() + 12], hint="核对截至日期的年度。")
