from gongkai.audit.finding import Finding
from gongkai.audit.registry import Rule, Severity, register


@register
class TableIdentity(Rule):
    code = "G102"
    title = "表头的单位名称或年度与文件不符"
    severity = Severity.WARNING
    doc = """
### 检查内容
每张表表头印的部门（单位）名称和年度，应与文件的单位和年度一致。

### 为什么重要
表头写错年度或单位，往往是套用上年或其他单位的表格未改，表内数字也可能未更新。

### 示例
2021 年度部门决算中，公开05表表头印“2020年度”。

### 如何修正
改正表头的单位名称和年度。
"""

    def check(self, ctx):
        doc = ctx.doc
        for t in doc.tables:
            if t.template_id is None or t.generic:
                continue
            if doc.year and t.printed_year and t.printed_year != doc.year:
                yield Finding(code=self.code, severity=self.severity, title=self.title,
                              message=f"表头年度为 {t.printed_year} 年，文件为 {doc.year} 年度",
                              location=ctx.location(t), hint="改正表头年度。")
            name = (t.printed_unit_name or "").replace(" ", "")
            if doc.unit_name and name and name != doc.unit_name.replace(" ", "") and not (
                    name in doc.unit_name or doc.unit_name in name):
                yield Finding(code=self.code, severity=self.severity, title=self.title,
                              message=f"表头单位为“{name}”，文件单位为“{doc.unit_name}”",
                              location=ctx.location(t), hint="改正表头的部门（单位）名称。")
