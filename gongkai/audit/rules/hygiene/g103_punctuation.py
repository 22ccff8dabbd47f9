import re

from gongkai.audit.finding import Finding, Location
from gongkai.audit.registry import Rule, Severity, register

DOUBLED = re.compile(r"([。，、；：！？])\1+|[，、；：][。]|。[，、；]")


@register
class Punctuation(Rule):
    code = "G103"
    title = "标点重复或误用"
    needs_disclosure = True
    severity = Severity.INFO
    doc = """
### 检查内容
正文中连续重复的标点（“。。”“，，”），或相互冲突的标点连用（“，。”“。，”）。

### 为什么重要
公开文件代表机关形象，文字应规范。

### 示例
“完成年初预算的 100%。。”

### 如何修正
删去多余的标点。
"""

    def check(self, ctx):
        for s in ctx.doc.sections:
            for m in DOUBLED.finditer(s.text):
                a, b = max(0, m.start() - 15), min(len(s.text), m.end() + 5)
                yield Finding(code=self.code, severity=self.severity, title=self.title,
                              message=f"标点“{m.group(0)}”重复或误用",
                              location=Location(section=" › ".join(s.path), span=s.span),
                              quote=s.text[a:b].replace("\n", " "), hint="删去多余的标点。")
