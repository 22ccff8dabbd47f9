import re

from gongkai.audit.finding import Finding, Location, Severity
from gongkai.audit.registry import Rule, register

# X / x runs only as whole words: 'xxgk' in a web address is 信息公开, not a placeholder
PLACEHOLDER = re.compile(r"(?<![A-Za-z])(X{2,}(?![A-Za-z])|×{2,}|x{2,}(?![A-Za-z])|＊{2,}|\*{3,}|待填写|待补充|此处填写"
                         r"|请说明|（若[^）]{0,40}）|\(若[^)]{0,40}\))")
WEB_ADDRESS = re.compile(r"(?:https?://|www\.)[\w./:%?&=#~+-]+", re.I)


@register
class Placeholder(Rule):
    code = "G101"
    title = "文中残留模板占位符"
    needs_disclosure = True
    doc = """
### 检查内容
正文、表格标题和注释中是否残留模板的占位符或填报提示：XX、××、待填写、“若本单位无……请说明”等。

### 为什么重要
残留占位符说明文件是照模板改写而未完成，公开后有损严肃性，相关内容也往往没有真正填写。

### 示例
表下注释写着“(若本单位无政府性基金收支,请说明：XX单位没有政府性基金收入……)”。

### 如何修正
删除填报提示，把占位符换成实际内容。

文件自己的单位名称就是占位符（如“上海市XX局”）时，它是一份模板而不是已公开的文件：只报告一条提示，不逐处报告。
"""

    def check(self, ctx):
        unit = ctx.doc.unit_name or ""
        if any(True for _ in _placeholders(unit)):
            found = list(self._each(ctx))
            if found:  # the document's own unit is a placeholder: a template, not a published disclosure
                first = found[0]
                yield Finding(code=self.code, severity=Severity.INFO, title=self.title,
                              message=f"文件的单位名称“{unit}”本身是占位符，这是一份模板而非已公开的文件；"
                                      f"其中 {len(found)} 处占位符不逐一报告",
                              location=first.location, related=[f.location for f in found[1:20]],
                              quote=unit, hint="公开前把模板中的占位符全部换成实际内容。")
            return
        yield from self._each(ctx)

    def _each(self, ctx):
        for s in ctx.doc.sections:
            for m in _placeholders(s.text):
                yield self._finding(m, s.text, Location(section=" › ".join(s.path), span=s.span))
        for k, t in enumerate(ctx.doc.tables):
            for note in t.notes + ([t.empty_note] if t.empty_note else []):
                for m in _placeholders(note):
                    yield self._finding(m, note, ctx.location(t))

    def _finding(self, m, text, location):
        a, b = max(0, m.start() - 20), min(len(text), m.end() + 20)
        return Finding(code=self.code, severity=self.severity, title=self.title,
                       message=f"残留占位符或填报提示“{m.group(0)}”", location=location,
                       quote=text[a:b].replace("\n", " "), hint="删除填报提示，填写实际内容。")


def _placeholders(text: str):
    """Placeholder matches outside web addresses."""
    urls = [m.span() for m in WEB_ADDRESS.finditer(text)]
    for m in PLACEHOLDER.finditer(text):
        if not any(a <= m.start() < b for a, b in urls):
            yield m
