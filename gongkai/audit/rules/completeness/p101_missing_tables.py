from gongkai.audit.finding import Finding, Location, Severity
from gongkai.audit.precision import unrecognised_grids
from gongkai.audit.registry import Rule, register
from gongkai.catalog.templates import profiles, templates


@register
class MissingTables(Rule):
    code = "P101"
    title = "缺少应公开的表格"
    absence = True
    doc = """
### 检查内容
按文件的类型和地区口径（profile，如全国 2024 年部门决算模板的 9 张表、山西的 10 张表、四川的 13 张表），
检查应公开的表格是否都已公开。文件中一张标准表都没有时给出警告（表格可能另行公开），
只缺部分表格时为错误；文件中另有未能识别的表格时只给出警告（缺少的表可能以其他标题或格式印出）。
口径按文件的地区和所印表格自动选择，没有相符的口径时不检查；可用 `--profile` 指定口径。
不是部门预算、决算公开文件的（如通知、报表）不检查。

### 为什么重要
《地方预决算公开操作规程》要求部门决算、预算完整公开全套表格，即使某张表没有数据也要公开并注明。

### 示例
山西口径应公开 公开01–10表，文件中缺少 公开10表 部门决算公开相关信息统计表。

### 如何修正
补充公开缺少的表格；确无数据的表格保留表样并注明“本表无数据”。
"""

    def check(self, ctx):
        profile = profiles().get(ctx.profile or "")
        if profile is None or ctx.doc.is_disclosure is False:
            return
        present = {t.template_id for t in ctx.doc.tables}
        standard = [pt for pt in profile.tables if pt.required]
        missing = [pt for pt in standard if pt.template not in present]
        if not missing:
            return
        found_any = any(pt.template in present for pt in standard)
        unread = unrecognised_grids(ctx)
        doubt = (f"（读取不确定：文件中另有 {len(unread)} 张未能按模板识别的表格，缺少的表可能在其中，可能为识别误差）"
                 if unread and found_any else "")
        found = len(standard) - len(missing)
        if found_any and not doubt and found * 2 < len(standard):
            # a file holding only a few of the set's tables is more likely one part of a disclosure published in
            # several files (or a set of another kind) than a disclosure missing most of its tables
            doubt = f"（文件只含该口径 {found} 张表，可能是分册公开的一部分，或不属于此口径）"
        names = "、".join(f"{pt.number or ''}{templates()[pt.template].title}" for pt in missing)
        printed = [f"{t.printed_number or ''}{t.printed_title or t.title}" for t in ctx.doc.tables if t.template_id]
        quote = ("文件所列表格：" + "、".join(printed[:12]) + ("等" if len(printed) > 12 else "")) if printed else None
        yield Finding(
            code=self.code, severity=self.severity if found_any and not doubt else Severity.WARNING, title=self.title,
            uncertain=[doubt] if doubt else [],
            message=(f"按“{profile.name}”口径，缺少 {len(missing)} 张表：{names}{doubt}" if found_any else
                     f"文件未包含“{profile.name}”口径的任何公开表格（共 {len(standard)} 张），表格可能另行公开"),
            location=Location(section="全文"), quote=quote, hint="补充公开缺少的表格。",
        )
