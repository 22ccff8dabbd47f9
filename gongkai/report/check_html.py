"""The reviewer's HTML report of `gongkai check`: one self-contained file.

Every table of each document is drawn in its printed form (both sides of a 总表 next to each other when
the source lines show how they were printed), with the cells a finding points at highlighted in the
colour of its severity and the cells taking part in it (the parts of a failed sum) marked more lightly.
The findings list links to the cells and the cells link back; filters are inline JavaScript and only
an enhancement: without scripts the page reads (and prints) the same, links included.

No network: inline CSS and JS, a system CJK font stack, no embedded fonts.
"""

from __future__ import annotations

from gongkai.report.performance_html import CSS as PERF_CSS
from gongkai.report.performance_html import render_performance

import re
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape

from gongkai import __version__
from gongkai.audit.finding import Finding, Location, Report, Severity
from gongkai.model.document import Document
from gongkai.model.table import CellKind, Column, Level, Row, Table

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
WHOLE = "全文"  # Location.section of findings about the document as a whole
TOTAL_KEYS = re.compile(r"(^|_)(total|grand|sum)($|_)")  # rows printed bold: 合计, 总计


# --------------------------------------------------------------------------------------------------
# Layout: how a table is drawn (shared with the XLSX report)
# --------------------------------------------------------------------------------------------------


@dataclass
class Part:
    """One side (block) of a table as printed: its columns and which row fields it shows."""

    block: str | None
    columns: list[Column]
    show_number: bool = False
    show_code: bool = False
    show_label: bool = True

    @property
    def keys(self) -> set[str]:
        return {c.key for c in self.columns}

    @property
    def width(self) -> int:
        return int(self.show_code) + int(self.show_label) + int(self.show_number) + len(self.columns)


@dataclass
class Layout:
    """`lines[k][p]` is the index (into Table.rows) of the row drawn in part p of display line k."""

    parts: list[Part]
    lines: list[list[int | None]]
    side_by_side: bool = False
    part_of_row: dict[int, int] = field(default_factory=dict)

    def rendered_keys(self, row_index: int) -> set[str]:
        part = self.part_of_row.get(row_index)
        return self.parts[part].keys if part is not None else set()


def _place(row: Row) -> tuple[int, float, bool] | None:
    """Where a row was printed: (page, line or vertical centre, whether that is a text line)."""
    span = row.span
    if span is not None and span.line is not None:
        return (span.page or 0, float(span.line), True)
    boxes = [(span.page, span.bbox)] if span is not None and span.bbox is not None else []
    boxes += [(c.span.page, c.span.bbox) for c in row.cells.values() if c.span is not None and c.span.bbox]
    if boxes:
        page, box = boxes[0]
        page = page if page is not None else (span.page if span is not None else None)
        return (page or 0, (box[1] + box[3]) / 2, False)
    return None


def _lines_of(places: list[tuple[int, float, bool] | None]) -> list[int | None]:
    """Number the printed lines: rows on one text line, or within a few points vertically, share one."""
    order = sorted((p[0], p[1], i) for i, p in enumerate(places) if p is not None)
    out: list[int | None] = [None] * len(places)
    line, page, start = -1, None, None
    for pg, y, i in order:
        tol = 0.0 if places[i][2] else 4.0
        if pg != page or start is None or y - start > tol:
            line, page, start = line + 1, pg, y
        out[i] = line
    return out


def table_layout(t: Table) -> Layout:
    """Work out the printed arrangement of a table."""
    blocks: list[str] = []
    for r in t.rows:
        if r.block is not None and r.block not in blocks:
            blocks.append(r.block)
    if t.generic or len(blocks) < 2:
        part = Part(None, list(t.columns))
        part.show_number = any(r.number is not None for r in t.rows)
        part.show_code = any(r.code for r in t.rows)
        part.show_label = not t.generic
        lines = [[k] for k in range(len(t.rows))]
        return Layout([part], lines, part_of_row={k: 0 for k in range(len(t.rows))})

    parts = []
    for b in blocks:
        cols = [c for c in t.columns if c.block in (None, b)]
        rows = [r for r in t.rows if r.block == b]
        parts.append(Part(b, cols, show_number=any(r.number is not None for r in rows),
                          show_code=any(r.code for r in rows)))
    # A two-sided 总表: the codes are implied by the labels (一、一般公共服务支出), not printed.
    if t.template_id and t.template_id.endswith("summary"):
        for p in parts:
            p.show_code = False

    sided = _side_by_side(t, blocks)
    if sided is not None:
        lines, part_of_row = sided
        return Layout(parts, lines, side_by_side=True, part_of_row=part_of_row)

    # Stacked: each block under its own sub-heading; rows without a block follow the last block.
    lines, part_of_row = [], {}
    for k, b in enumerate(blocks):
        for i, r in enumerate(t.rows):
            if r.block == b or (r.block is None and k == len(blocks) - 1):
                lines.append([None] * k + [i] + [None] * (len(blocks) - k - 1))
                part_of_row[i] = k
    return Layout(parts, lines, side_by_side=False, part_of_row=part_of_row)


def _side_by_side(t: Table, blocks: list[str]):
    """Align the blocks line by line when the source positions say how they were printed."""
    places = [_place(r) for r in t.rows]
    if any(p is None for r, p in zip(t.rows, places) if r.block is not None):
        return None
    numbers = _lines_of(places)
    by_line: dict[int, list[int | None]] = {}
    part_of_row: dict[int, int] = {}
    for i, r in enumerate(t.rows):
        if r.block is None:
            continue
        slot = by_line.setdefault(numbers[i], [None] * len(blocks))
        k = blocks.index(r.block)
        if slot[k] is not None:
            return None  # two rows of one side on one line: not a printed side-by-side layout
        slot[k] = i
        part_of_row[i] = k
    if len(by_line) >= sum(1 for r in t.rows if r.block is not None):
        return None  # no line holds two sides: the blocks were printed one after the other
    tail = []
    for i, r in enumerate(t.rows):
        if r.block is not None:
            continue
        n = numbers[i]
        slot = by_line.get(n) if n is not None else None
        if slot is not None and None in slot:
            k = slot.index(None)
        elif n is not None and slot is None:
            slot = by_line.setdefault(n, [None] * len(blocks))
            k = 0
        else:
            tail.append([i] + [None] * (len(blocks) - 1))
            part_of_row[i] = 0
            continue
        slot[k] = i
        part_of_row[i] = k
    lines = [by_line[n] for n in sorted(by_line)] + tail
    return lines, part_of_row


def cell_display(t: Table, row: Row, key: str) -> str:
    """The cell as printed."""
    cell = row.cells.get(key)
    if cell is None or cell.kind is CellKind.BLANK:
        return ""
    if cell.text.strip():
        return cell.text.strip()
    if cell.kind is CellKind.NUMBER and cell.value is not None:
        return f"{cell.value:,}"
    return "—" if cell.kind is CellKind.DASH else ""


def table_heading(t: Table) -> str:
    return f"{t.printed_number + ' ' if t.printed_number else ''}{t.printed_title or t.title}"


# --------------------------------------------------------------------------------------------------
# Where findings point
# --------------------------------------------------------------------------------------------------


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", lambda m: f"_{ord(m.group()):x}", text)


def cell_id(d: int, ti: int, ri: int, key: str) -> str:
    return f"d{d}-t{ti}-r{ri}-{_slug(key)}"


def row_id(d: int, ti: int, ri: int) -> str:
    return f"d{d}-t{ti}-r{ri}"


def table_id(d: int, ti: int) -> str:
    return f"d{d}-t{ti}"


def finding_id(d: int, fi: int) -> str:
    return f"d{d}-f{fi}"


@dataclass
class Target:
    kind: str  # cell, row, table, section, none
    table: int | None = None
    row: int | None = None
    column: str | None = None
    section: int | None = None


def _norm(text: str) -> str:
    return re.sub(r"[\s›>/|·—\-:：]", "", text or "")


class Resolver:
    """Turns Locations into the table cell, row, table or narrative section they point at."""

    def __init__(self, doc: Document, layouts: list[Layout]):
        self.doc = doc
        self.layouts = layouts

    def table_index(self, loc: Location) -> int | None:
        ti = loc.table_index
        if ti is not None and 0 <= ti < len(self.doc.tables):
            return ti
        if loc.template_id:
            hits = [k for k, t in enumerate(self.doc.tables) if t.template_id == loc.template_id]
            if hits:
                return hits[0]
        if loc.table:
            for k, t in enumerate(self.doc.tables):
                if loc.table in (t.printed_title, t.title):
                    return k
        return None

    def row_index(self, t: Table, loc: Location) -> int | None:
        ri = loc.row_index
        if ri is not None and 0 <= ri < len(t.rows):
            return ri
        if ri is None and (loc.row_code or loc.row_label):
            for k, r in enumerate(t.rows):
                if loc.block and r.block != loc.block:
                    continue
                if loc.row_code and r.code == loc.row_code:
                    return k
                if not loc.row_code and loc.row_label and _norm(r.label) == _norm(loc.row_label):
                    return k
        return None

    def resolve(self, loc: Location) -> Target:
        ti = self.table_index(loc)
        if ti is not None:
            t = self.doc.tables[ti]
            ri = self.row_index(t, loc)
            if ri is None:
                return Target("table", ti)
            if loc.column and loc.column in self.layouts[ti].rendered_keys(ri):
                return Target("cell", ti, ri, loc.column)
            return Target("row", ti, ri)
        si = self.section_index(loc)
        if si is not None:
            return Target("section", section=si)
        return Target("none")

    def section_index(self, loc: Location) -> int | None:
        secs = self.doc.sections
        if loc.section:
            want = _norm(loc.section)
            for k, s in enumerate(secs):
                if _norm(" › ".join(s.path)) == want:
                    return k
            for k, s in enumerate(secs):
                if s.path and _norm(s.path[-1]) == want:
                    return k
            for k, s in enumerate(secs):
                if s.path and want.endswith(_norm(s.path[-1])) and _norm(s.path[-1]):
                    return k
        if loc.span is not None and loc.span.line is not None:
            best = None
            for k, s in enumerate(secs):
                if s.span is not None and s.span.line is not None and s.span.line <= loc.span.line:
                    if best is None or s.span.line >= secs[best].span.line:
                        best = k
            return best
        return None


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where a quote stands in a text, ignoring whitespace differences."""
    quote = (quote or "").strip()
    if not quote or not text:
        return None
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    keep = [k for k, ch in enumerate(text) if not ch.isspace()]
    squeezed = "".join(text[k] for k in keep)
    q = "".join(quote.split())
    at = squeezed.find(q) if q else -1
    if at < 0:
        return None
    return keep[at], keep[at + len(q) - 1] + 1


# --------------------------------------------------------------------------------------------------
# The per-document model of the page
# --------------------------------------------------------------------------------------------------


@dataclass
class Mark:
    primary: list[int] = field(default_factory=list)  # finding indexes pointing here
    related: list[int] = field(default_factory=list)  # finding indexes this takes part in


@dataclass
class DocPage:
    d: int
    doc: Document
    report: Report
    layouts: list[Layout]
    targets: list[list[Target]]  # per finding: primary first, then related
    cells: dict[tuple, Mark]  # (ti, ri, key) / (ti, ri) / (ti,) -> marks
    quotes: dict[int, list[tuple[int, int, int, bool]]]  # section -> (start, end, finding, primary)
    quote_anchor: dict[int, int]  # finding -> section holding its quote

    def worst(self, findings: list[int]) -> Severity:
        return min((self.report.findings[f].severity for f in findings), key=lambda s: s.rank)

    def element_id(self, tg: Target, fi: int | None = None) -> str | None:
        if tg.kind == "cell":
            return cell_id(self.d, tg.table, tg.row, tg.column)
        if tg.kind == "row":
            return row_id(self.d, tg.table, tg.row)
        if tg.kind == "table":
            return table_id(self.d, tg.table)
        if tg.kind == "section":
            if fi is not None and self.quote_anchor.get(fi) == tg.section:
                return f"{finding_id(self.d, fi)}-q"
            return f"d{self.d}-s{tg.section}"
        return None

    def table_of(self, fi: int) -> int | None:
        tg = self.targets[fi][0]
        return tg.table if tg.kind in ("cell", "row", "table") else None


def build_page(d: int, doc: Document, report: Report) -> DocPage:
    layouts = [table_layout(t) for t in doc.tables]
    res = Resolver(doc, layouts)
    page = DocPage(d, doc, report, layouts, [], defaultdict(Mark), defaultdict(list), {})
    for fi, f in enumerate(report.findings):
        tgs = [res.resolve(f.location)] + [res.resolve(loc) for loc in f.related]
        page.targets.append(tgs)
        for k, tg in enumerate(tgs):
            key = {"cell": (tg.table, tg.row, tg.column), "row": (tg.table, tg.row),
                   "table": (tg.table,)}.get(tg.kind)
            if key is not None:
                lst = page.cells[key].primary if k == 0 else page.cells[key].related
                if fi not in lst:
                    lst.append(fi)
        _place_quote(page, fi, f)
    return page


def _place_quote(page: DocPage, fi: int, f: Finding) -> None:
    """Narrative findings: find the quoted fragment in the section text (or anywhere in the narrative)."""
    if not f.quote or page.targets[fi][0].kind not in ("section", "none"):
        return
    secs = page.doc.sections
    first = page.targets[fi][0].section
    order = ([first] if first is not None else []) + [k for k in range(len(secs)) if k != first]
    for k in order:
        hit = find_quote(secs[k].text, f.quote)
        if hit:
            page.quotes[k].append((hit[0], hit[1], fi, True))
            page.quote_anchor[fi] = k
            if first is None or first != k:
                page.targets[fi][0] = Target("section", section=k)
            return


# --------------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------------


def e(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def _rule_titles(codes: list[str]) -> dict[str, str]:
    try:
        from gongkai.audit.registry import get_rule
    except Exception:  # pragma: no cover - the registry ships with the package
        return {}
    out = {}
    for c in codes:
        try:
            rule = get_rule(c)
        except Exception:  # pragma: no cover - a broken rule module must not break the report
            rule = None
        if rule is not None:
            out[c] = rule.title
    return out


def _family(code: str) -> str:
    from gongkai.audit.registry import FAMILIES

    return FAMILIES.get(code[:1], "其他")


def _doc_title(doc: Document, report: Report) -> str:
    unit = report.unit_name or doc.unit_name or "（单位未识别）"
    year = report.year or doc.year
    kind = report.kind or (doc.kind.value if doc.kind else "")
    return f"{unit} {str(year) + '年度' if year else ''}{kind}".strip()


def _badges(counts: dict[str, int], cls: str = "") -> str:
    out = []
    for s in SEVERITIES:
        n = counts.get(s.value, 0)
        out.append(f'<span class="count sev-{s.value}{" zero" if not n else ""} {cls}">'
                   f'{e(s.label)} <b>{n}</b></span>')
    return "".join(out)


def render(pairs: list[tuple[Document, Report]]) -> str:
    pages = [build_page(d, doc, report) for d, (doc, report) in enumerate(pairs)]
    total = defaultdict(int)
    for p in pages:
        for k, v in p.report.counts.items():
            total[k] += v
    if len(pages) == 1:
        title = f"审核报告 · {_doc_title(pages[0].doc, pages[0].report)}"
    else:
        title = f"审核报告 · {len(pages)} 份文件"
    body = [f'<header class="masthead" id="top"><div class="wrap"><div class="brand">gongkai 审核报告</div>'
            f'<h1>{e(title.removeprefix("审核报告 · "))}</h1>'
            f'<div class="counts">{_badges(total)}</div></div></header>']
    if len(pages) > 1:
        body.append(_render_index(pages))
    body.extend(_render_doc(p, several=len(pages) > 1) for p in pages)
    body.append(f'<footer class="wrap foot">由 gongkai {e(__version__)} 生成。'
                f'点击问题可定位到单元格，点击标色单元格可查看相关问题；打印时保留标色。</footer>')
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="gongkai">\n'
        f"<title>{e(title)}</title>\n<style>{CSS}{PERF_CSS}</style>\n</head>\n"
        f'<body>\n<script>document.documentElement.classList.add("js")</script>\n'
        + "\n".join(body)
        + f'\n<div id="pop" class="pop" role="dialog" hidden></div>\n<script>{JS}</script>\n</body>\n</html>\n'
    )


def _render_index(pages: list[DocPage]) -> str:
    rows = []
    for p in pages:
        c = p.report.counts
        nums = "".join(f'<td class="num sev-{s.value}{" zero" if not c[s.value] else ""}">{c[s.value]}</td>'
                       for s in SEVERITIES)
        rows.append(
            f'<tr><td><a href="#d{p.d}">{e(p.report.unit_name or p.doc.unit_name or "（单位未识别）")}</a></td>'
            f'<td>{e(p.report.year or p.doc.year or "")}</td><td>{e(p.report.kind or "")}</td>'
            f'<td class="path">{e(p.report.path)}</td>{nums}</tr>')
    return ('<nav class="wrap index"><h2>文件索引</h2><table class="grid"><thead><tr><th>单位</th><th>年度</th>'
            '<th>类型</th><th>来源文件</th><th>错误</th><th>警告</th><th>提示</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></nav>')


def _render_doc(p: DocPage, several: bool) -> str:
    doc, report = p.doc, p.report
    src = doc.source
    size = f"{src.pages} 页" if src.pages else (f"{src.lines} 行" if src.lines else "")
    titles = _rule_titles(report.rules_run)
    rules = "".join(f'<li><code>{e(c)}</code> {e(titles.get(c, ""))}</li>' for c in report.rules_run)
    meta = [
        ("单位", report.unit_name or doc.unit_name or "（未识别）"),
        ("年度", f"{report.year or doc.year}年度" if (report.year or doc.year) else "（未识别）"),
        ("类型", report.kind or (doc.kind.value if doc.kind else "（未识别）")),
        ("模板口径", report.profile or doc.profile or "未匹配"),
        ("地区 / 层级", " ".join(x for x in (doc.region, doc.level) if x) or "未注明"),
        ("来源文件", f"{report.path}（{src.format}{'，' + size if size else ''}）"),
        ("SHA-256", src.sha256[:16] + "…" if src.sha256 else ""),
        ("内容", f"表格 {len(doc.tables)} 张，章节 {len(doc.sections)} 个"),
    ]
    if doc.is_disclosure is not True and doc.disclosure_reason:
        meta.insert(0, ("文件判断", doc.disclosure_reason))
    dl = "".join(f'<div{" class=wide" if k in ("来源文件", "文件判断") else ""}><dt>{e(k)}</dt><dd>{e(v)}</dd></div>'
                 for k, v in meta)
    head = (f'<header class="dochead">{"<h2>" + e(_doc_title(doc, report)) + "</h2>" if several else ""}'
            f'<div class="counts big">{_badges(report.counts)}'
            f'<span class="count total">共 <b>{len(report.findings)}</b> 条</span></div>'
            f'<dl class="meta">{dl}</dl>'
            f'<details class="rules"><summary>已运行规则 {len(report.rules_run)} 条</summary>'
            f'<ul>{rules}</ul></details></header>')
    side = _render_findings(p)
    main = (_render_toc(p) + "".join(_render_table(p, ti) for ti in range(len(doc.tables)))
            + render_performance(doc, anchor=f"d{p.d}-perf") + _render_narrative(p))
    return (f'<section class="doc wrap" id="d{p.d}" data-doc="{p.d}">{head}'
            f'<div class="body"><aside class="side">{side}</aside><main class="main">{main}</main></div>'
            f'{"<p class=totop><a href=#top>↑ 返回文件索引</a></p>" if several else ""}</section>')


# ---- findings list ------------------------------------------------------------------------------


def _group_of(p: DocPage, fi: int) -> tuple[tuple, str, str]:
    """(sort key, group key, group title) of a finding."""
    tg = p.targets[fi][0]
    if tg.table is not None:
        return (0, tg.table), f"t{tg.table}", table_heading(p.doc.tables[tg.table])
    loc = p.report.findings[fi].location
    if tg.kind == "section" or (loc.section and loc.section != WHOLE):
        return (1, 0), "narr", "情况说明"
    if loc.table:
        return (0, 10**6), "tx", f"{loc.printed_number + ' ' if loc.printed_number else ''}{loc.table}"
    return (2, 0), "doc", "全文"


def _render_findings(p: DocPage) -> str:
    findings = p.report.findings
    if not findings:
        return ('<div class="findings-head"><h3>问题清单</h3></div>'
                '<p class="clean">未发现问题。所选规则均已通过。</p>')
    groups: dict[str, list[int]] = defaultdict(list)
    meta: dict[str, tuple] = {}
    for fi in range(len(findings)):
        sort, key, title = _group_of(p, fi)
        groups[key].append(fi)
        meta[key] = (sort, title)
    order = sorted(groups, key=lambda k: meta[k][0])

    codes = sorted({f.code for f in findings})
    fams = defaultdict(list)
    for c in codes:
        fams[c[:1]].append(c)
    titles = _rule_titles(codes)
    code_opts = "".join(
        f'<optgroup label="{e(fam)} {e(_family(fam + "000"))}"><option value="{e(fam)}*">全部 {e(fam)} 类</option>'
        + "".join(f'<option value="{e(c)}">{e(c)} {e(titles.get(c, ""))}</option>' for c in cs) + "</optgroup>"
        for fam, cs in sorted(fams.items()))
    table_opts = "".join(f'<option value="{e(k)}">{e(meta[k][1])}</option>' for k in order)
    c = p.report.counts
    sev_boxes = "".join(
        f'<label class="chip sev-{s.value}"><input type="checkbox" name="sev" value="{s.value}" checked>'
        f'{e(s.label)} {c[s.value]}</label>' for s in SEVERITIES if c[s.value])
    filters = (
        '<form class="filters" onsubmit="return false">'
        f'<div class="row">{sev_boxes}</div>'
        f'<div class="row"><select name="code" aria-label="规则"><option value="">全部规则</option>{code_opts}</select>'
        f'<select name="table" aria-label="表"><option value="">全部表格</option>{table_opts}</select></div>'
        '<div class="row"><input type="search" name="q" placeholder="搜索：说明、项目、金额…" aria-label="搜索">'
        '<label class="plain"><input type="checkbox" name="only">只显示有问题的表</label></div>'
        f'<div class="shown" aria-live="polite">显示 <b>{len(findings)}</b> / {len(findings)} 条</div></form>')

    parts = [f'<div class="findings-head"><h3>问题清单</h3>{filters}</div><div class="flist">']
    for key in order:
        parts.append(f'<section class="fgroup" data-group="{e(key)}"><h4>{e(meta[key][1])}'
                     f'<span class="n">{len(groups[key])}</span></h4><ol>')
        for fi in groups[key]:
            parts.append(_render_finding(p, fi, key))
        parts.append("</ol></section>")
    parts.append("</div>")
    return "".join(parts)


def _render_finding(p: DocPage, fi: int, group: str) -> str:
    f = p.report.findings[fi]
    tgs = p.targets[fi]
    ids = [p.element_id(tg, fi) for tg in tgs]
    primary = ids[0]
    related = [i for i in ids[1:] if i and i != primary]
    sev = f.severity.value
    where = describe(p, f.location, tgs[0])
    loc_html = f'<a class="goto" href="#{e(primary)}">{e(where)}</a>' if primary else f"<span>{e(where)}</span>"
    body = [f'<p class="msg">{e(f.message)}</p>', f'<p class="loc"><span class="k">位置</span>{loc_html}</p>']
    if f.formula:
        body.append(f'<p class="formula"><span class="k">算式</span><span>{e(f.formula)}</span></p>')
    if related:
        ops, n = _operand_links(p, fi, tgs)
        if n > 4:
            body.append(f'<div class="ops"><span class="k">涉及</span><details><summary>{n} 个单元格</summary>'
                        f'<span>{ops}</span></details></div>')
        elif ops:
            body.append(f'<p class="ops"><span class="k">涉及</span><span>{ops}</span></p>')
    if f.quote and not _quote_is_cell(p, tgs[0], f.quote):
        body.append(f'<blockquote class="quote"><span class="k">原文</span>{e(f.quote)}</blockquote>')
    if f.hint:
        body.append(f'<p class="hint"><span class="k">建议</span><span>{e(f.hint)}</span></p>')
    text = " ".join(x for x in (f.code, f.title, f.message, where, f.formula, f.quote, f.hint) if x)
    return (f'<li class="finding sev-{sev}" id="{finding_id(p.d, fi)}" tabindex="0" data-sev="{sev}" '
            f'data-code="{e(f.code)}" data-family="{e(f.code[:1])}" data-table="{e(group)}" '
            f'data-targets="{e(primary or "")}" data-related="{e(" ".join(related))}" '
            f'data-text="{e(text)}">'
            f'<div class="fh"><span class="badge sev-{sev}">{e(f.severity.label)}</span>'
            f'<code class="code">{e(f.code)}</code><span class="title">{e(f.title)}</span></div>'
            + "".join(body) + "</li>")


def describe(p: DocPage, loc: Location, tg: Target) -> str:
    """Location.describe(), or, when the rule left the names out, the names of the place pointed at."""
    text = loc.describe()
    if text or tg.kind == "none":
        return text or "全文"
    if tg.kind == "section":
        return "“" + " › ".join(p.doc.sections[tg.section].path) + "”"
    t = p.doc.tables[tg.table]
    parts = [table_heading(t)]
    if tg.row is not None:
        r = t.rows[tg.row]
        parts.append("“" + " ".join(x for x in (r.code, r.label.replace(" ", "")) if x) + "”行")
    if tg.column is not None:
        col = next((c for c in t.columns if c.key == tg.column and c.block in (None, t.rows[tg.row].block)), None)
        parts.append(f"“{col.header if col and col.header else tg.column}”栏")
    return "，".join(parts)


def _quote_is_cell(p: DocPage, tg: Target, quote: str) -> bool:
    """A quote that only repeats the printed figure of the cell pointed at says nothing new."""
    if tg.kind != "cell":
        return False
    t = p.doc.tables[tg.table]
    return _norm(cell_display(t, t.rows[tg.row], tg.column)) == _norm(quote)


def _operand_links(p: DocPage, fi: int, tgs: list[Target]) -> tuple[str, int]:
    f = p.report.findings[fi]
    by_id = {}
    for op in f.operands:
        if op.location is None:
            continue
        key = (op.location.table_index, op.location.row_index, op.location.column, op.location.section)
        by_id.setdefault(key, op)
    out = []
    for loc, tg in zip(f.all_locations[1:], tgs[1:]):
        eid = p.element_id(tg)
        if not eid:
            continue
        op = by_id.get((loc.table_index, loc.row_index, loc.column, loc.section))
        label = (op.label if op else None) or (loc.row_label or "").replace(" ", "") or loc.describe()
        value = f" {op.text or op.value}" if op is not None and (op.text or op.value is not None) else ""
        out.append(f'<a class="op" href="#{e(eid)}">{e(label)}{e(value)}</a>')
    n = len(out)
    if n > 24:
        out = out[:24] + [f'<span class="more">…共 {n} 项</span>']
    return "".join(out), n


# ---- tables -------------------------------------------------------------------------------------


def _table_counts(p: DocPage, ti: int) -> dict[str, int]:
    c = {s.value: 0 for s in SEVERITIES}
    for fi, f in enumerate(p.report.findings):
        if p.table_of(fi) == ti:
            c[f.severity.value] += 1
    return c


def _render_toc(p: DocPage) -> str:
    if not p.doc.tables:
        return '<p class="muted-note">未识别出表格。</p>'
    items = []
    for ti, t in enumerate(p.doc.tables):
        c = _table_counts(p, ti)
        dots = "".join(f'<span class="dot sev-{s}">{n}</span>' for s, n in c.items() if n)
        cls = ("has" if dots else "ok") + (" generic" if t.template_id is None else "") \
            + (" tagged" if t.template_id is None and "未识别" not in t.title else "")
        items.append(f'<li class="{cls}"><a href="#{table_id(p.d, ti)}">{e(table_heading(t))}</a>{dots}</li>')
    narr = ""
    if p.doc.sections:
        fis = [fi for fi in range(len(p.report.findings)) if p.targets[fi][0].kind == "section"]
        n = len(fis)
        dots = f'<span class="dot sev-{p.worst(fis).value}">{n}</span>' if n else ""
        narr = f'<li class="{"has" if n else "ok"}"><a href="#d{p.d}-narr">情况说明及其他文字</a>{dots}</li>'
    return f'<nav class="toc"><h3>表格目录</h3><ol>{"".join(items)}{narr}</ol></nav>'


def _mark_attrs(p: DocPage, mark: Mark | None, base: list[str]) -> tuple[list[str], str, str]:
    """Classes, extra attributes and the back-link of a marked element."""
    if mark is None or not (mark.primary or mark.related):
        return base, "", ""
    cls = list(base)
    if mark.primary:
        cls += ["hl", f"hl-{p.worst(mark.primary).value}"]
    if mark.related:
        cls += ["rel", f"rel-{p.worst(mark.related).value}"]
    fids = [finding_id(p.d, f) for f in mark.primary + [x for x in mark.related if x not in mark.primary]]
    fs = p.report.findings
    tip = "；".join(f"{fs[f].code} {fs[f].severity.label}：{fs[f].message}" for f in mark.primary) \
        or "；".join(f"参与 {fs[f].code}：{fs[f].message}" for f in mark.related)
    attrs = f' data-findings="{e(" ".join(fids))}" title="{e(tip)}" tabindex="0"'
    return cls, attrs, fids[0]


def _td(p: DocPage, eid: str | None, classes: list[str], mark: Mark | None, content: str,
        extra: str = "") -> str:
    cls, attrs, back = _mark_attrs(p, mark, classes)
    inner = f'<a class="back" href="#{back}">{content}</a>' if back and content else content
    id_attr = f' id="{eid}"' if eid else ""
    return f'<td{id_attr} class="{" ".join(cls)}"{attrs}{extra}>{inner}</td>'


def _row_tds(p: DocPage, ti: int, ri: int | None, part: Part) -> str:
    t = p.doc.tables[ti]
    if ri is None:
        return "".join('<td class="void"></td>' for _ in range(part.width))
    row = t.rows[ri]
    row_mark = p.cells.get((ti, ri))
    out = []
    rid = row_id(p.d, ti, ri)
    lead_cls = ["lead"]
    if row.key and TOTAL_KEYS.search(row.key) or _norm(row.label) in ("合计", "总计"):
        lead_cls.append("tot")
    placed_id = False
    if part.show_code:
        out.append(_td(p, None, ["code"], row_mark, e(row.code or "")))
    if part.show_label:
        lvl = {Level.SECTION: " l2", Level.ITEM: " l3", Level.CLASS: " l1"}.get(row.level, "") if part.show_code else ""
        label = e(row.label.strip()).replace("\n", "<br>")
        wrap = ["wrap"] if len(row.label.strip()) > 18 else []
        out.append(_td(p, rid, ["label" + lvl] + wrap + lead_cls[1:], row_mark, label))
        placed_id = True
    if part.show_number:
        out.append(_td(p, None, ["no"], row_mark, e(row.number if row.number is not None else "")))
    for k, col in enumerate(part.columns):
        cell = row.cells.get(col.key)
        text = cell_display(t, row, col.key)
        mark = p.cells.get((ti, ri, col.key))
        if mark is None and row_mark is not None:
            mark = row_mark
        kind = cell.kind.value if cell is not None else "blank"
        cls = ["num" if kind in ("number", "dash", "blank") else "txt", f"k-{kind}"] + lead_cls[1:]
        eid = cell_id(p.d, ti, ri, col.key)
        extra = ""
        if not placed_id and k == 0:
            # no label column (generic tables): the row anchor sits on the first cell
            out.append(f'<td class="anchor-cell" id="{rid}" hidden></td>')
            placed_id = True
        if cell is not None and cell.reading:
            extra = f' data-reading="{e(cell.reading)}"'
        if cell is not None and cell.confidence is not None and cell.confidence < 0.9:
            cls.append("lowconf")
        out.append(_td(p, eid, cls, mark, e(text).replace("\n", "<br>"), extra))
    if not placed_id:
        out.append(f'<td class="anchor-cell" id="{rid}" hidden></td>')
    return "".join(out)


def _header(parts: list[Part], generic: bool) -> str:
    """Header rows: field names, column headers (two levels when headers read 上级·下级), 栏次."""
    two_level = any("·" in (c.header or "") for part in parts for c in part.columns)
    top, sub, numbers = [], [], []
    has_numbers = any(c.number is not None for part in parts for c in part.columns)
    for k, part in enumerate(parts):
        sep = " sep" if k else ""
        fixed = []
        if part.show_code:
            fixed.append("科目编码" if part.show_label else "编码")
        if part.show_label:
            fixed.append("项目" if not part.show_code else "科目名称")
        if part.show_number:
            fixed.append("行次")
        rs = ' rowspan="2"' if two_level else ""
        for j, name in enumerate(fixed):
            top.append(f'<th class="fix{sep if j == 0 else ""}"{rs}>{e(name)}</th>')
            numbers.append(f'<th class="fix{sep if j == 0 else ""}">{"栏次" if j == 0 else ""}</th>')
        cols = part.columns
        j = 0
        while j < len(cols):
            first_sep = sep if (j == 0 and not fixed) else ""
            head = cols[j].header or ("" if generic else cols[j].key)
            if two_level and "·" in head:
                group = head.split("·", 1)[0]
                n = 1
                while j + n < len(cols) and (cols[j + n].header or "").split("·", 1)[0] == group \
                        and "·" in (cols[j + n].header or ""):
                    n += 1
                top.append(f'<th class="grp{first_sep}" colspan="{n}">{e(group)}</th>')
                for m in range(n):
                    sub.append(f'<th class="col">{e(cols[j + m].header.split("·", 1)[1])}</th>')
            else:
                top.append(f'<th class="col{first_sep}"{rs}>{e(head)}</th>')
                n = 1
            for m in range(n):
                num = cols[j + m].number
                sep_m = first_sep if m == 0 else ""
                numbers.append(f'<th class="colno{sep_m}">{e(num if num is not None else "")}</th>')
            j += n
    if generic and not any(c.header for part in parts for c in part.columns):
        return ""
    rows = [f'<tr>{"".join(top)}</tr>']
    if two_level:
        rows.append(f'<tr>{"".join(sub)}</tr>')
    if has_numbers:
        rows.append(f'<tr class="colnos">{"".join(numbers)}</tr>')
    return f'<thead>{"".join(rows)}</thead>'


def _render_table(p: DocPage, ti: int) -> str:
    t = p.doc.tables[ti]
    layout = p.layouts[ti]
    counts = _table_counts(p, ti)
    tmark = p.cells.get((ti,))
    cap_cls, cap_attrs, _ = _mark_attrs(p, tmark, ["ttitle"])
    info = []
    if t.unit:
        info.append(f"金额单位：{t.unit.value}")
    if t.span:
        info.append(f"原文{t.span.describe()}")
    if t.template_id is None:
        info.append("未识别的表格，按原样列出")
    elif t.printed_title and t.printed_title != t.title:
        info.append(f"规范名称：{t.title}")
    dots = "".join(f'<span class="dot sev-{s}">{n}</span>' for s, n in counts.items() if n)
    state = "has" if any(counts.values()) or tmark else "ok"
    out = [f'<section class="tbl {state}" id="{table_id(p.d, ti)}" data-table="t{ti}">'
           f'<details open><summary class="tcap">'
           f'<span class="tno">{e(t.printed_number or "")}</span>'
           f'<span class="{" ".join(cap_cls)}"{cap_attrs}>{e(t.printed_title or t.title)}</span>{dots}'
           f'<span class="tinfo">{e("　".join(info))}</span></summary>']
    table_quotes = _table_quotes(p, ti)
    if not t.rows:
        note = t.empty_note or "本表未读出数据行。"
        note_html = _highlight(p, note, table_quotes.get(note, []))
        out.append(f'<p class="empty"><span class="tag">本表无数据</span>{note_html}</p>')
    else:
        cls = "grid sheet" + (" generic" if t.generic else "") + (" sided" if layout.side_by_side else "")
        out.append(f'<div class="scroll"><table class="{cls}">')
        if layout.side_by_side or len(layout.parts) == 1:
            out.append(_header(layout.parts, t.generic))
        out.append("<tbody>")
        if layout.side_by_side or len(layout.parts) == 1:
            for line in layout.lines:
                tds = "".join(_row_tds(p, ti, ri, layout.parts[k]) for k, ri in enumerate(line))
                out.append(f"<tr>{tds}</tr>")
        else:  # stacked blocks, each with its own heading
            width = max(part.width for part in layout.parts)
            current = None
            for line in layout.lines:
                k = next(k for k, ri in enumerate(line) if ri is not None)
                part = layout.parts[k]
                if current != k:
                    current = k
                    heads = []
                    if part.show_code:
                        heads.append("编码")
                    if part.show_label:
                        heads.append("项目")
                    if part.show_number:
                        heads.append("行次")
                    heads += [c.header or c.key for c in part.columns]
                    pad = "".join("<th></th>" for _ in range(width - part.width))
                    out.append(f'<tr class="blockhead"><th colspan="{width}">{e(part.block)}</th></tr>'
                               f'<tr class="blockcols">{"".join(f"<th>{e(h)}</th>" for h in heads)}{pad}</tr>')
                pad = "".join('<td class="void"></td>' for _ in range(width - part.width))
                out.append(f"<tr>{_row_tds(p, ti, line[k], part)}{pad}</tr>")
        out.append("</tbody></table></div>")
    notes = [n for n in t.notes if t.rows or _norm(n) != _norm(t.empty_note or "")]
    if t.rows and t.empty_note and t.empty_note not in notes:
        notes.append(t.empty_note)
    extras = [f'<p class="note">{_highlight(p, n, table_quotes.get(n, []))}</p>' for n in notes]
    if t.readings:
        extras.append('<details class="readings"><summary>读取说明 ' + str(len(t.readings)) + ' 条</summary><ul>'
                      + "".join(f"<li>{e(r)}</li>" for r in t.readings) + "</ul></details>")
    out.append("".join(extras))
    out.append("</details></section>")
    return "".join(out)


def _table_quotes(p: DocPage, ti: int) -> dict[str, list[tuple[int, int, int, bool]]]:
    """Findings on a whole table that quote its notes: where the quote stands in which note."""
    t = p.doc.tables[ti]
    texts = list(t.notes) + ([t.empty_note] if t.empty_note else [])
    out: dict[str, list] = defaultdict(list)
    for fi, f in enumerate(p.report.findings):
        tg = p.targets[fi][0]
        if tg.kind != "table" or tg.table != ti or not f.quote:
            continue
        for text in texts:
            hit = find_quote(text, f.quote)
            if hit:
                out[text].append((hit[0], hit[1], fi, True))
                break
    return out


# ---- narrative ----------------------------------------------------------------------------------


def _render_narrative(p: DocPage) -> str:
    secs = p.doc.sections
    if not secs:
        return ""
    by_section = defaultdict(list)
    for fi in range(len(p.report.findings)):
        tg = p.targets[fi][0]
        if tg.kind == "section":
            by_section[tg.section].append(fi)
    out = [f'<section class="narr" id="d{p.d}-narr"><h3>情况说明及其他文字'
           '<button type="button" class="toggle-all" data-open="0">全部展开</button></h3>'
           '<p class="muted-note">有问题的章节已展开，引文按所属问题的级别标色；点击章节标题展开或折叠。</p>']
    for k, s in enumerate(secs):
        if not s.text.strip() and k not in by_section:
            continue
        fis = by_section.get(k, [])
        dots = ""
        if fis:
            worst = p.worst(fis)
            dots = f'<span class="dot sev-{worst.value}">{len(fis)}</span>'
        mark = Mark(primary=fis) if fis else None
        cls, attrs, _ = _mark_attrs(p, mark, ["spath"])
        where = f'<span class="tinfo">{e(s.span.describe())}</span>' if s.span else ""
        path = " › ".join(s.path) or "（无标题）"
        out.append(f'<details class="sec{" has" if fis else ""}" id="d{p.d}-s{k}"{" open" if fis else ""}>'
                   f'<summary><span class="{" ".join(cls)}"{attrs}>{e(path)}</span>{dots}{where}</summary>'
                   f'<div class="stext">{_highlight(p, s.text, p.quotes.get(k, []))}</div></details>')
    out.append("</section>")
    return "".join(out)


def _highlight(p: DocPage, text: str, quotes: list[tuple[int, int, int, bool]]) -> str:
    if not quotes:
        return e(text)
    cuts = sorted({0, len(text), *[q[0] for q in quotes], *[q[1] for q in quotes]})
    starts = defaultdict(list)
    for a, _, fi, _ in quotes:
        starts[a].append(fi)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        for fi in starts.get(a, []):
            out.append(f'<span class="qa" id="{finding_id(p.d, fi)}-q"></span>')
        piece = e(text[a:b])
        covering = [fi for s, t, fi, _ in quotes if s <= a and b <= t]
        if covering:
            cls, attrs, back = _mark_attrs(p, Mark(primary=covering), ["q"])
            out.append(f'<mark class="{" ".join(cls)}"{attrs}><a class="back" href="#{back}">{piece}</a></mark>')
        else:
            out.append(piece)
    return "".join(out)


# --------------------------------------------------------------------------------------------------
# Inline CSS and JS
# --------------------------------------------------------------------------------------------------

CSS = r"""
:root{
  --fg:#1d2433;--muted:#667085;--line:#e4e7ec;--bg:#f6f7f9;--card:#fff;--accent:#2e5aac;
  --err:#c8102e;--err-bg:#fde3e3;--err-soft:#fff4f4;
  --warn:#b45309;--warn-bg:#fdefc8;--warn-soft:#fffaeb;
  --info:#1d5fbf;--info-bg:#dbe8fd;--info-soft:#f3f8ff;
  --font:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","Hiragino Sans GB","WenQuanYi Micro Hei",sans-serif;
  --mono:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Noto Sans Mono CJK SC",monospace;
}
*{box-sizing:border-box}
html{scroll-padding-top:16px}
body{margin:0;font:14px/1.6 var(--font);color:var(--fg);background:var(--bg);-webkit-print-color-adjust:exact;print-color-adjust:exact}
a{color:var(--accent);text-decoration:none}
a:hover{text-decoration:underline}
code{font-family:var(--mono);font-size:.92em}
.wrap{max-width:1680px;margin:0 auto;padding:0 24px}
.masthead{background:#1f2a44;color:#fff;padding:18px 0 16px}
.masthead .wrap{display:flex;align-items:baseline;gap:20px;flex-wrap:wrap}
.masthead .brand{font-size:13px;letter-spacing:.08em;opacity:.7}
.masthead h1{font-size:21px;margin:0;font-weight:600;flex:1}
.masthead .count{background:rgba(255,255,255,.1);color:#fff;border-color:rgba(255,255,255,.2)}
.masthead .count.zero{opacity:.5}
.count{display:inline-flex;align-items:center;gap:4px;border:1px solid var(--line);border-radius:999px;padding:1px 10px;margin-right:6px;font-size:13px;background:#fff;white-space:nowrap}
.count b{font-variant-numeric:tabular-nums}
.count.sev-error:not(.zero) b{color:var(--err)}.count.sev-warning:not(.zero) b{color:var(--warn)}.count.sev-info:not(.zero) b{color:var(--info)}
.masthead .count b{color:#fff!important}
.masthead .count.sev-error:not(.zero){background:var(--err)}
.masthead .count.sev-warning:not(.zero){background:var(--warn)}
.masthead .count.sev-info:not(.zero){background:var(--info)}
.count.zero{color:var(--muted)}
.count.total{border-style:dashed}
.index{margin-top:20px}
.index h2{font-size:16px}
.doc{margin-top:20px;margin-bottom:40px}
.dochead{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px 20px;margin-bottom:16px}
.dochead h2{margin:0 0 8px;font-size:20px}
.dochead .counts.big .count{font-size:14px;padding:2px 12px}
.meta{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:4px 24px;margin:12px 0 6px}
.meta div{display:flex;gap:8px;min-width:0}
.meta dt{color:var(--muted);white-space:nowrap}
.meta dd{margin:0;overflow-wrap:anywhere}
.meta .wide{grid-column:span 2}
.rules summary{cursor:pointer;color:var(--muted)}
.rules ul{columns:3 280px;margin:6px 0 0;padding-left:18px;font-size:13px}
.body{display:grid;grid-template-columns:minmax(350px,28%) minmax(0,1fr);gap:20px;align-items:start}
.side{position:sticky;top:0;max-height:100vh;overflow:auto;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:0 0 12px}
.findings-head{position:sticky;top:0;z-index:2;background:var(--card);padding:12px 14px 8px;border-bottom:1px solid var(--line)}
.findings-head h3{margin:0 0 6px;font-size:16px}
.filters{display:none;font-size:13px}
.js .filters{display:block}
.filters .row{display:flex;gap:6px;flex-wrap:wrap;margin-bottom:6px;align-items:center}
.filters select,.filters input[type=search]{font:inherit;border:1px solid #cfd4dc;border-radius:6px;padding:3px 6px;background:#fff;min-width:0;flex:1}
.filters .plain{display:inline-flex;gap:4px;align-items:center;color:var(--muted);white-space:nowrap}
.chip{display:inline-flex;align-items:center;gap:4px;border-radius:999px;padding:1px 10px 1px 6px;border:1px solid;cursor:pointer;user-select:none}
.chip input{margin:0}
.chip.sev-error{color:var(--err);background:var(--err-soft)}
.chip.sev-warning{color:var(--warn);background:var(--warn-soft)}
.chip.sev-info{color:var(--info);background:var(--info-soft)}
.shown{color:var(--muted)}
.clean{padding:14px;color:#067647;font-weight:600}
.clean:before{content:"✓ "}
.fgroup h4{margin:12px 14px 4px;font-size:13px;color:var(--muted);font-weight:600;display:flex;gap:6px;align-items:center}
.fgroup h4 .n{background:#eef0f4;border-radius:999px;padding:0 7px;font-size:12px;color:var(--fg)}
.fgroup ol{list-style:none;margin:0;padding:0 10px}
.finding{border:1px solid var(--line);border-left:4px solid;border-radius:8px;padding:8px 10px;margin:6px 0;cursor:pointer;background:#fff}
.finding.sev-error{border-left-color:var(--err)}
.finding.sev-warning{border-left-color:var(--warn)}
.finding.sev-info{border-left-color:var(--info)}
.finding:hover{box-shadow:0 1px 4px rgba(16,24,40,.1)}
.finding.active{outline:2px solid var(--accent);outline-offset:1px}
.finding:target{outline:2px solid var(--accent)}
.finding p,.finding blockquote{margin:3px 0}
.fh{display:flex;gap:6px;align-items:baseline;flex-wrap:wrap}
.fh .title{font-weight:600}
.badge{font-size:12px;border-radius:4px;padding:0 6px;color:#fff;white-space:nowrap}
.badge.sev-error{background:var(--err)}.badge.sev-warning{background:var(--warn)}.badge.sev-info{background:var(--info)}
.code{color:#475467;background:#f2f4f7;border-radius:4px;padding:0 4px}
.msg{font-size:13.5px}
.finding .k{display:inline-block;min-width:2.6em;margin-right:6px;color:var(--muted);font-size:12px}
.loc,.formula,.hint,.ops,.quote{font-size:12.5px;display:flex;gap:0}
.loc .k,.formula .k,.hint .k,.ops .k,.quote .k{flex:none}
.formula span:last-child{font-family:var(--mono);font-size:12px;color:#344054;overflow-wrap:anywhere}
.quote{background:#f9fafb;border-left:3px solid #d0d5dd;padding:2px 6px;color:#344054}
.hint{color:#344054}
.ops>span:last-child,.ops details>span{display:flex;flex-wrap:wrap;gap:3px}
.ops details summary{cursor:pointer;color:#344054;font-size:12px}
.ops details[open] summary{margin-bottom:3px}
.op{font-size:12px;border:1px dashed #b9c0cc;border-radius:4px;padding:0 5px;color:#344054;white-space:nowrap}
.more{font-size:12px;color:var(--muted)}
.main{min-width:0}
.toc{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:10px 16px;margin-bottom:16px}
.toc h3{margin:0 0 4px;font-size:15px}
.toc ol{margin:0;padding:0;list-style:none;columns:2 300px;column-gap:24px;font-size:13px}
.toc li{break-inside:avoid;padding:1px 0;display:flex;gap:6px;align-items:center}
.toc li.ok a{color:#475467}
.toc li.generic a{color:#98a2b3}
.toc li.tagged a:after{content:"（未识别）";font-size:11px}
.dot{display:inline-block;min-width:18px;height:18px;line-height:18px;text-align:center;border-radius:9px;color:#fff;font-size:11px;padding:0 5px;font-weight:600}
.dot.sev-error{background:var(--err)}.dot.sev-warning{background:var(--warn)}.dot.sev-info{background:var(--info)}
.tbl,.narr{background:var(--card);border:1px solid var(--line);border-radius:10px;margin-bottom:16px;padding:0 0 10px}
.tbl.ok{border-color:#eaecf0}
.tbl>details>summary,.sec>summary{list-style:none;cursor:pointer;padding:10px 16px;display:flex;gap:10px;align-items:center;flex-wrap:wrap;border-bottom:1px solid var(--line);border-radius:10px 10px 0 0}
.tbl>details:not([open])>summary{border-bottom:0}
.tbl>details>summary::-webkit-details-marker,.sec>summary::-webkit-details-marker{display:none}
.tbl>details>summary:before,.sec>summary:before{content:"▸";color:var(--muted);transition:transform .15s}
.tbl>details[open]>summary:before,.sec[open]>summary:before{transform:rotate(90deg)}
.tno{font-size:12px;color:var(--muted);border:1px solid var(--line);border-radius:4px;padding:0 6px}
.tno:empty{display:none}
.ttitle{font-weight:600;font-size:15px}
.tinfo{color:var(--muted);font-size:12px;margin-left:auto}
.scroll{overflow-x:auto;padding:8px 16px 0}
table.grid{border-collapse:collapse;font-size:13px;font-variant-numeric:tabular-nums}
table.sheet{min-width:60%}
.grid th,.grid td{border:1px solid #d8dde5;padding:3px 8px;vertical-align:top}
.grid thead th{background:#f2f4f7;font-weight:600;text-align:center;vertical-align:middle;color:#344054}
.grid thead tr.colnos th{font-weight:400;color:var(--muted);font-size:12px;background:#f8f9fb}
.grid .sep{border-left:3px double #98a2b3}
.sided td.label:not(:first-child),.sided td.code:not(:first-child){border-left:3px double #98a2b3}
.grid td.num{text-align:right;white-space:nowrap;min-width:5.5em}
.grid td.k-dash{color:var(--muted)}
.grid td.txt{max-width:36em;white-space:normal}
.grid td.code{font-family:var(--mono);font-size:12.5px;color:#344054;white-space:nowrap}
.grid td.no{text-align:center;color:var(--muted);white-space:nowrap}
.grid td.label{min-width:16em}
.sided td.label{white-space:nowrap}
.sided td.label.wrap{white-space:normal;min-width:14em}
.grid td.l2{padding-left:1.6em}.grid td.l3{padding-left:2.8em;color:#344054}
.grid td.l1{font-weight:600}
.grid td.tot{font-weight:700;background:#fafbfc}
.grid td.void{background:#fcfcfd}
.grid tbody tr:hover td{background-color:#f5f8ff}
.grid .blockhead th{text-align:left;background:#e9edf5}
.grid .blockcols th{font-weight:500;font-size:12px;background:#f8f9fb}
.grid.generic td{font-size:12.5px}
.grid a.back{color:inherit;text-decoration:none;display:block}
.grid td.lowconf{text-decoration:underline dotted #98a2b3}
td.hl,span.hl,mark.hl{cursor:pointer;font-weight:700}
td.hl-error,mark.hl-error{background:var(--err-bg)!important;box-shadow:inset 0 0 0 2px var(--err);color:#8f0a1f}
td.hl-warning,mark.hl-warning{background:var(--warn-bg)!important;box-shadow:inset 0 0 0 2px var(--warn);color:#7a3a04}
td.hl-info,mark.hl-info{background:var(--info-bg)!important;box-shadow:inset 0 0 0 2px var(--info);color:#123f85}
td.rel:not(.hl){cursor:pointer}
td.rel-error:not(.hl){background:var(--err-soft)!important;box-shadow:inset 0 0 0 1px #f3a6a6}
td.rel-warning:not(.hl){background:var(--warn-soft)!important;box-shadow:inset 0 0 0 1px #f5d58a}
td.rel-info:not(.hl){background:var(--info-soft)!important;box-shadow:inset 0 0 0 1px #a9c6f5}
span.hl{border-radius:4px;padding:0 6px}span.hl-error{background:var(--err-bg);color:#8f0a1f}span.hl-warning{background:var(--warn-bg);color:#7a3a04}span.hl-info{background:var(--info-bg);color:#123f85}
span.muted{background:transparent!important;color:inherit}
td.muted,mark.muted{background:transparent!important;box-shadow:none!important;color:inherit;font-weight:inherit}
.flash{animation:flash 1.6s ease-out 1}
@keyframes flash{0%,35%{outline:3px solid #1f2a44;outline-offset:-1px;filter:brightness(.92)}100%{outline:3px solid transparent}}
.tbl.ok.hide{display:none}
.note{margin:6px 16px 0;color:var(--muted);font-size:12.5px}
.empty{margin:10px 16px;color:var(--muted)}
.tag{display:inline-block;background:#eef0f4;color:#344054;border-radius:4px;padding:0 6px;margin-right:8px;font-size:12px}
.toggle-all{display:none;margin-left:12px;font:inherit;font-size:12px;font-weight:400;border:1px solid #cfd4dc;background:#fff;border-radius:6px;padding:1px 8px;cursor:pointer;color:#344054}
.js .toggle-all{display:inline-block}
.narr>h3{display:flex;align-items:center}
.readings{margin:6px 16px 0;font-size:12.5px;color:var(--muted)}
.readings summary{cursor:pointer}
.narr{padding:0 0 8px}
.narr>h3{margin:0;padding:12px 16px 0;font-size:15px}
.muted-note{color:var(--muted);font-size:12.5px;margin:2px 16px 8px}
.sec{border-top:1px solid var(--line)}
.sec>summary{border-bottom:0;border-radius:0;padding:7px 16px}
.spath{font-weight:500}
.stext{white-space:pre-wrap;padding:4px 20px 12px 36px;line-height:1.85;font-size:14px;max-width:62em}
mark.q{border-radius:3px;padding:1px 0;font-weight:600}
mark.q a.back{color:inherit;text-decoration:none}
.pop{position:absolute;z-index:50;max-width:460px;min-width:280px;background:#fff;border:1px solid #cfd4dc;border-radius:8px;box-shadow:0 8px 24px rgba(16,24,40,.18);padding:8px 10px;font-size:13px}
.pop .pi{border-left:3px solid;padding:2px 8px;margin:4px 0}
.pop .pi.sev-error{border-color:var(--err)}.pop .pi.sev-warning{border-color:var(--warn)}.pop .pi.sev-info{border-color:var(--info)}
.pop .pr{color:var(--muted);font-size:12px}
.pop .x{float:right;border:0;background:none;font-size:16px;cursor:pointer;color:var(--muted);line-height:1}
.foot{color:var(--muted);font-size:12px;padding:10px 24px 30px}
.totop{margin:0;font-size:13px}
.grid.index td.path{font-family:var(--mono);font-size:12px;color:var(--muted)}
.index td.num.zero{color:var(--muted)}
.index td.num.sev-error:not(.zero){color:var(--err);font-weight:700}
.index td.num.sev-warning:not(.zero){color:var(--warn);font-weight:700}
.index td.num.sev-info:not(.zero){color:var(--info);font-weight:700}
.index table{background:#fff}
@media (max-width:1100px){.body{grid-template-columns:1fr}.side{position:static;max-height:none}}
@media print{
  body{background:#fff;font-size:11pt}
  .masthead{background:#fff;color:#000;border-bottom:2px solid #000}
  .masthead .count{color:#000;border-color:#999}
  .filters,.pop{display:none!important}
  .body{display:block}
  .side{position:static;max-height:none;overflow:visible;border:0}
  .findings-head{position:static}
  .finding{break-inside:avoid}
  .tbl{break-inside:auto;border:0}
  .tbl>details>summary{break-after:avoid}
  .tbl>details>summary:before,.sec>summary:before{display:none}
  .scroll{overflow:visible}
  .grid thead{display:table-header-group}
  .grid tr{break-inside:avoid}
  .tbl.ok.hide{display:block}
  a{color:inherit}
}
"""

JS = r"""
(function(){
  var pop=document.getElementById('pop');
  function $(s,r){return (r||document).querySelector(s)}
  function $$(s,r){return Array.prototype.slice.call((r||document).querySelectorAll(s))}
  function byId(i){return i?document.getElementById(i):null}
  function openUp(el){for(var p=el;p;p=p.parentElement){if(p.tagName==='DETAILS')p.open=true}}
  function flash(el){if(!el)return;el.classList.remove('flash');void el.offsetWidth;el.classList.add('flash')}
  function show(li){
    var t=byId(li.dataset.targets);
    var rel=(li.dataset.related||'').split(' ').filter(Boolean).map(byId).filter(Boolean);
    if(t&&t.hidden)t=t.parentElement;
    if(t){openUp(t);t.scrollIntoView({behavior:'smooth',block:'center',inline:'center'});flash(t)}
    rel.forEach(function(r){openUp(r);flash(r)});
    $$('.finding.active').forEach(function(x){x.classList.remove('active')});
    li.classList.add('active');
    if(history.replaceState)history.replaceState(null,'','#'+li.id);
  }
  document.addEventListener('click',function(ev){
    var a=ev.target.closest('a');
    var li=ev.target.closest('.finding');
    if(li&&ev.target.closest('summary'))return;
    if(li&&(!a||a.classList.contains('goto'))){ev.preventDefault();hidePop();show(li);return}
    if(li&&a&&a.classList.contains('op')){ev.preventDefault();var o=byId(a.getAttribute('href').slice(1));if(o){openUp(o);o.scrollIntoView({behavior:'smooth',block:'center'});flash(o)}return}
    var m=ev.target.closest('[data-findings]');
    if(m&&!ev.target.closest('.pop')){ev.preventDefault();showPop(m);return}
    if(!ev.target.closest('.pop'))hidePop();
  });
  document.addEventListener('keydown',function(ev){
    if(ev.key==='Escape')hidePop();
    if(ev.key==='Enter'){var li=ev.target.closest&&ev.target.closest('.finding');if(li)show(li);var m=ev.target.closest&&ev.target.closest('[data-findings]');if(m&&!li)showPop(m)}
  });
  function hidePop(){pop.hidden=true}
  function showPop(el){
    var ids=el.dataset.findings.split(' ');
    var own=el.classList.contains('hl');
    var html='<button class="x" aria-label="关闭">×</button>';
    ids.forEach(function(id){
      var li=byId(id);if(!li)return;
      var sev=li.dataset.sev;
      var msg=$('.msg',li);var fh=$('.fh',li);
      var rel=(li.dataset.targets.split(' ').indexOf(el.id)<0&&(li.dataset.related||'').split(' ').indexOf(el.id)>=0);
      html+='<div class="pi sev-'+sev+'">'+fh.innerHTML+(rel?' <span class="pr">（本格为相关单元格）</span>':'')+
        '<div>'+(msg?msg.innerHTML:'')+'</div><a href="#'+id+'" data-go="'+id+'">在问题清单中查看 →</a></div>';
      li.classList.add('active');
    });
    $$('.finding.active').forEach(function(x){if(ids.indexOf(x.id)<0)x.classList.remove('active')});
    pop.innerHTML=html;pop.hidden=false;
    var r=el.getBoundingClientRect();
    var left=Math.min(window.scrollX+r.left,window.scrollX+document.documentElement.clientWidth-pop.offsetWidth-12);
    pop.style.left=Math.max(8,left)+'px';pop.style.top=(window.scrollY+r.bottom+6)+'px';
    var first=byId(ids[0]);if(first)listTo(first);
  }
  pop.addEventListener('click',function(ev){
    if(ev.target.classList.contains('x')){hidePop();return}
    var a=ev.target.closest('a[data-go]');
    if(a){ev.preventDefault();var li=byId(a.dataset.go);hidePop();if(li){if(li.hidden){resetFilters(li)}listTo(li,true);flash(li)}}
  });
  function listTo(li,force){
    var side=li.closest('.side');if(!side)return;
    if(side.scrollHeight>side.clientHeight+4&&getComputedStyle(side).position==='sticky'){
      var head=$('.findings-head',side);var off=head?head.offsetHeight:0;
      side.scrollTo({top:li.offsetTop-off-20,behavior:'smooth'});
    }else if(force){li.scrollIntoView({behavior:'smooth',block:'center'})}
  }
  function resetFilters(li){var f=li.closest('.doc').querySelector('.filters');if(f){f.reset();apply(f)}}
  function apply(form){
    var doc=form.closest('.doc');
    var sev=$$('input[name=sev]',form).filter(function(x){return x.checked}).map(function(x){return x.value});
    var code=form.elements.code.value,table=form.elements.table.value;
    var q=form.elements.q.value.trim().toLowerCase();
    var shown=0,all=$$('.finding',doc);
    all.forEach(function(li){
      var ok=sev.indexOf(li.dataset.sev)>=0;
      if(ok&&code)ok=code.slice(-1)==='*'?li.dataset.family===code.slice(0,-1):li.dataset.code===code;
      if(ok&&table)ok=li.dataset.table===table;
      if(ok&&q)ok=li.dataset.text.toLowerCase().indexOf(q)>=0;
      li.hidden=!ok;if(ok)shown++;
    });
    $$('.fgroup',doc).forEach(function(g){g.hidden=!$$('.finding',g).some(function(li){return !li.hidden})});
    $$('[data-findings]',doc).forEach(function(el){
      var vis=el.dataset.findings.split(' ').some(function(id){var li=byId(id);return li&&!li.hidden});
      el.classList.toggle('muted',!vis);
    });
    var only=form.elements.only.checked;
    $$('.tbl.ok',doc).forEach(function(t){t.classList.toggle('hide',only)});
    var s=$('.shown b',form);if(s)s.textContent=shown;
  }
  $$('.filters').forEach(function(form){
    form.addEventListener('input',function(){apply(form)});
    form.addEventListener('change',function(){apply(form)});
  });
  $$('.toggle-all').forEach(function(b){b.addEventListener('click',function(){
    var open=b.dataset.open!=='1';b.dataset.open=open?'1':'0';b.textContent=open?'全部折叠':'全部展开';
    $$('details.sec',b.closest('.narr')).forEach(function(d){d.open=open||d.classList.contains('has')});
  })});
  window.addEventListener('beforeprint',function(){$$('details').forEach(function(d){d.dataset.wasOpen=d.open?'1':'';d.open=true})});
  window.addEventListener('afterprint',function(){$$('details').forEach(function(d){if(d.dataset.wasOpen==='')d.open=false})});
  if(location.hash){var li=byId(location.hash.slice(1));if(li&&li.classList.contains('finding'))setTimeout(function(){show(li)},50)}
})();
"""
