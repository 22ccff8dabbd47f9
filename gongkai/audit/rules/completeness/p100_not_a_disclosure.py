from gongkai.audit.finding import Finding, Location, Severity
from gongkai.audit.registry import Rule, register


@register
class NotADisclosure(Rule):
    code = "P100"
    title = "不是部门预算、决算公开文件"
    severity = Severity.INFO
    applies_to_non_disclosures = True
    doc = """
### 检查内容
按文件内容（封面或标题、标准表格、部门概况/情况说明/名词解释等组成部分）判断文件是否为部门预算、单位预算、
部门决算或单位决算公开文件。不是的（如通知、通报、政府网站年度报表、统计报告、目录清单），只给出本提示，
不再运行其他审核规则。

### 为什么重要
在预决算公开栏目中挂错的文件不能按预决算的口径审核，否则“缺少表格”等结论都是误报；同时栏目中挂错文件
本身也值得核对。

### 示例
文件标题为“政府网站工作年度报表”，没有任何预算表格和说明章节。

### 如何修正
核对公开栏目中的文件，换上正确的部门预算、决算公开文件。
"""

    def check(self, ctx):
        if ctx.doc.is_disclosure is False:
            yield Finding(code=self.code, severity=self.severity, title=self.title,
                          message=ctx.doc.disclosure_reason or self.title, location=Location(section="全文"),
                          hint="核对该文件是否挂错，换上部门预算、决算公开文件。")
