from gongkai.audit.finding import Finding, Severity
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.codes.c101_unknown_code import _kind_name, coded_rows, foreign, lag_note
from gongkai.catalog import codes


SYSTEMATIC = 3  # this many mismatches, and a third of a table's codes, are one systematic cause


@register
class NameMismatch(Rule):
    code = "C102"
    title = "科目名称与科目编码不符"
    doc = """
### 检查内容
每个科目编码后的科目名称应与文件所属年度《政府收支分类科目》中该编码的名称一致（忽略空格、全半角括号和引号）。
名称与其他年度版本一致时为警告（沿用了旧名称或提前使用了新名称），与任何版本都不一致时为错误。
文件年度晚于本工具所带的最新科目表时，名称不符只作警告（新一年的科目更名无法与写错区分）。
名称是扫描件识别所得且识别置信度低于 `low_confidence`（默认 0.9）时，只作警告并注明“可能为识别误差”。

### 为什么重要
编码与名称不符，说明编码填错、名称写错或两行串位，读者无法确定金额属于哪个科目。

### 示例
39905 “赠与”：39905 不是赠与，赠与的编码是 39906。

### 如何修正
以当年科目表为准改正名称或编码。

一张表中不符的名称达到 3 个且占本表科目的三分之一以上时，多半是套用了其他版本或地方的科目表、或名称整体错了行，
这是一个原因而不是许多个错误：合并为一条警告，列出所有单元格。
"""

    def check(self, ctx):
        by_table: dict[int, list] = {}
        coded: dict[int, int] = {}
        for t, r, kind in coded_rows(ctx):
            coded[id(t)] = coded.get(id(t), 0) + 1
        for t, f in self._each(ctx):
            by_table.setdefault(id(t), []).append(f)
        for table_id, found in by_table.items():
            errors = [f for f in found if f.severity is Severity.ERROR]
            n = coded.get(table_id, 0)
            if len(errors) >= SYSTEMATIC and len(errors) * 3 >= n:
                yield self._systematic(errors, n)
                found = [f for f in found if f.severity is not Severity.ERROR]
            for f in found:
                yield f

    def _systematic(self, errors: list, coded: int) -> Finding:
        """Many names off their codes in one table: one cause (another code list, names shifted a row), said
        once as a warning with every cell."""
        first = errors[0]
        shown = "；".join(f.quote for f in errors[:5]) + ("……" if len(errors) > 5 else "")
        return Finding(
            code=self.code, severity=Severity.WARNING, title=self.title,
            message=(f"本表 {coded} 个科目中有 {len(errors)} 个名称与编码不符，编码与名称系统性错位，"
                     f"可能套用了其他版本或地方的科目表，或名称整体错行：{shown}"),
            location=first.location, related=[f.location for f in errors[1:]], quote=first.quote,
            hint="对照当年《政府收支分类科目》逐行核对本表的编码和名称。",
        )

    def _each(self, ctx):
        year = ctx.doc.year
        for t, r, kind in coded_rows(ctx):
            entry = codes.lookup(r.code, year, kind)
            label = r.label.strip()
            if entry is None or not label or codes.names_match(entry.name, label):
                continue
            other = [e for e in codes.editions(kind)
                     if (x := codes.lookup(r.code, e, kind)) is not None and codes.names_match(x.name, label)]
            severity = Severity.WARNING if other else self.severity
            extra = f"（该名称见于 {other[0]}–{other[-1]} 年版）" if other else ""
            if not other and codes.edition_lags(year, kind):
                severity = Severity.WARNING
                extra += lag_note(year, codes.edition_for(year, kind))
            # a label read with low OCR confidence is settled by the engine (precision.py): a warning
            doubt = foreign(t, r, kind)
            if doubt:
                severity = Severity.WARNING
                extra += f"（读取不确定：{doubt}，可能为识别误差）"
            finding = Finding(
                code=self.code, severity=severity, title=self.title, uncertain=[doubt] if doubt else [],
                message=f"科目编码 {r.code} 在 {codes.edition_for(year, kind)} 年版{_kind_name(kind)}中为“{entry.name}”，"
                        f"表中写作“{label}”{extra}",
                location=ctx.location(t, r), quote=f"{r.code} {label}",
                hint=f"改为“{entry.name}”，或核对编码是否填错。",
            )
            yield t, finding
