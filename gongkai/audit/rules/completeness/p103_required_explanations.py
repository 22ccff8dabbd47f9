import re

from gongkai.audit.finding import Finding, Location
from gongkai.audit.registry import Rule, Severity, register

# what the 情况说明 must explain, and words that show it does
REQUIRED = {
    "“三公”经费": r"三公",
    "机关运行经费": r"机关运行经费|机关运行费",
    "政府采购": r"政府采购",
    "国有资产占用": r"国有资产|固定资产|车辆",
    "名词解释": r"名词解释",
}


@register
class RequiredExplanations(Rule):
    code = "P103"
    title = "情况说明缺少规定内容"
    severity = Severity.WARNING
    doc = """
### 检查内容
部门预算、决算的说明部分应解释“三公”经费、机关运行经费、政府采购、国有资产占用情况，并附名词解释
（财预〔2016〕143号《地方预决算公开操作规程》）。逐项检查章节标题和正文中是否出现相应内容。

### 为什么重要
这些是公开的法定内容，缺少任何一项都不符合公开要求。

### 示例
文件没有“名词解释”部分。

### 如何修正
按模板补充相应章节。
"""

    def check(self, ctx):
        if ctx.doc.kind is None or not any(s.text.strip() for s in ctx.doc.sections):
            return  # no narrative at all (a tables-only file): nothing to look in
        text = "\n".join(" ".join(s.path) + "\n" + s.text for s in ctx.doc.sections)
        text += "\n".join(t.printed_title for t in ctx.doc.tables)
        missing = [name for name, rx in REQUIRED.items() if not re.search(rx, text)]
        for name in missing:
            yield Finding(code=self.code, severity=self.severity, title=self.title,
                          message=f"未找到关于“{name}”的说明", location=Location(section="全文"),
                          hint=f"按公开模板补充“{name}”的内容。")
