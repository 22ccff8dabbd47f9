from gongkai.audit.finding import Finding, Severity
from gongkai.audit.registry import Rule, register
from gongkai.catalog import codes
from gongkai.catalog.templates import templates


def coded_rows(ctx):
    """(table, row, kind) for every row with a 科目编码 in a recognised table."""
    for t in ctx.doc.tables:
        if t.generic or t.template_id is None:
            continue
        for r in t.rows:
            if (r.key or "").startswith("class_"):
                continue  # the code was derived from the printed class name, not printed
            if r.code and r.code.isdigit() and len(r.code) in (3, 5, 7):
                template = templates().get(t.template_id)
                kind = codes.kind_of(r.code) or (template.code_kind if template else None)
                if kind:
                    yield t, r, kind  # a code of the wrong family in a coded table is reported as unknown


def foreign(t, r, kind) -> str | None:
    """Why a code may not be a 科目编码 at all: its family is not the table's (a 部门代码 read as a code, …)."""
    template = templates().get(t.template_id or "")
    own = template.code_kind if template else None
    if own and (codes.kind_of(r.code) is None or kind != own):
        return f"“{r.code}”不属于本表的科目体系，可能是部门代码等其他编码被读作科目编码"
    return None


@register
class UnknownCode(Rule):
    code = "C101"
    title = "科目编码不在当年政府收支分类科目中"
    doc = """
### 检查内容
表中每个科目编码（支出功能分类的类/款/项，部门预算支出经济分类的类/款）应存在于文件所属年度的
《政府收支分类科目》中。类、款级编码缺失为错误；项级编码缺失为警告（地方可能增设项级科目）。

### 为什么重要
编码错误会使数据无法与财政部门的汇总口径对应，也常常意味着科目名称或金额串行。

### 示例
2021 年度文件中出现经济分类 30208 “物业管理费”：30208 是取暖费，物业管理费应为 30209。

### 如何修正
按当年科目表改正编码。

文件年度晚于本工具所带的最新科目表时（如 2026 年度文件、最新为 2025 年版），按最新版核对，只作警告并注明：
新一年的科目增设和更名无法与填错区分。
"""

    def check(self, ctx):
        year = ctx.doc.year
        for t, r, kind in coded_rows(ctx):
            if codes.lookup(r.code, year, kind) is not None:
                continue
            edition = codes.edition_for(year, kind)
            item = kind == "functional" and len(r.code) == 7
            lags = codes.edition_lags(year, kind)
            doubt = foreign(t, r, kind)
            yield Finding(
                code=self.code, severity=Severity.WARNING if item or lags or doubt else self.severity, title=self.title,
                uncertain=[doubt] if doubt else [],
                message=f"科目编码 {r.code}（{r.label.strip()}）不在 {edition} 年版{_kind_name(kind)}科目中"
                        + (lag_note(year, edition) if lags else "")
                        + (f"（读取不确定：{doubt}，可能为识别误差）" if doubt else ""),
                location=ctx.location(t, r), quote=f"{r.code} {r.label}",
                hint="核对当年《政府收支分类科目》，改正编码。",
            )


def lag_note(year: int, edition: int) -> str:
    return f"（尚无 {year} 年版科目表，按 {edition} 年版核对，可能是 {year} 年新增或调整的科目）"


def _kind_name(kind: str) -> str:
    return {"functional": "支出功能分类", "economic": "部门预算支出经济分类", "economic_gov": "政府预算支出经济分类"}[kind]
