"""Recognition entry point: RawDocument → canonical Document."""

from __future__ import annotations

import re

from gongkai.catalog.templates import Template
from gongkai.ingest.base import RawDocument
from gongkai.model.document import Document, Source
from gongkai.model.location import Span
from gongkai.performance import parse_performance
from gongkai.recognize.claims import extract_claims
from gongkai.recognize.disclosure import first_page_lines, judge
from gongkai.recognize.identity import identify
from gongkai.recognize.profiles import choose_profile
from gongkai.recognize.regions import Region, segment
from gongkai.recognize.sections import build_sections
from gongkai.recognize.stream import Item, to_stream
from gongkai.recognize.tables import Builder, build_generic, build_table
from gongkai.recognize.titles import EMPTY_NOTE_RE, is_toc_line


def recognize(raw: RawDocument) -> Document:
    items = to_stream(raw)
    first_page = first_page_lines(raw)
    ident = identify(items, first_page)
    regions, flow = segment(items, paged=len(raw.pages) > 1)
    tables = []
    for region in regions:
        if not region.rows and not any(EMPTY_NOTE_RE.search(i.text) for i in region.items):
            continue  # a title with nothing under it (a list of 附件, a heading before the real title)
        template = _choose(region, ident)
        for part in _split_repeated(region, template):
            tables.append(build_table(part, template))
    # grids outside any table region are kept as generic tables, never dropped
    narrative: list[Item] = []
    pending: list[Item] = []
    for entry in flow:
        if isinstance(entry, Region):
            continue
        if entry.is_row:
            pending.append(entry)
            continue
        if pending:
            tables.append(_generic(pending, narrative))
            pending = []
        narrative.append(entry)
    if pending:
        tables.append(_generic(pending, narrative))
    tables = [t for t in tables if t is not None]
    tables.sort(key=lambda t: ((t.span.page or 0) if t.span else 0, (t.span.line or 0) if t.span else 0))
    judgement = judge(items, tables, first_page)
    if judgement.is_disclosure is False:
        ident = dict.fromkeys(ident)  # a notice or a report: no disclosure's kind, year or unit
    # the cover's words decide the kind; the tables only when no cover names it (决算 or 预算 tables)
    kind = ident["kind"] if ident["cover"] or not judgement.is_disclosure else _kind_from_tables(tables, ident["kind"])
    doc = Document(
        kind=kind, year=ident["year"], unit_name=ident["unit_name"], region=ident["region"],
        level=ident["level"], is_disclosure=judgement.is_disclosure, disclosure_reason=judgement.reason,
        source=Source(path=raw.path, sha256=raw.sha256, format=raw.format,
                      pages=len(raw.pages) if raw.format not in ("text",) else None, lines=raw.line_count),
        sections=build_sections(narrative), tables=tables,
    )
    doc.profile = choose_profile(doc)
    doc.claims = extract_claims(doc)
    doc.performance = parse_performance(doc, raw)
    return doc


def _split_repeated(region: Region, template: Template) -> list[Region]:
    """Performance tables printed back to back under one title: one table per 项目名称 row."""
    if template.kind != "performance":
        return [region]
    starts = [k for k, i in enumerate(region.items)
              if i.is_row and i.nonempty() and i.nonempty()[0].replace(" ", "") == "项目名称"]
    if len(starts) < 2:
        return [region]
    parts = []
    bounds = starts + [len(region.items)]
    head = region.items[: starts[0]]
    for a, z in zip(bounds, bounds[1:]):
        items = (head if a == starts[0] else []) + region.items[a:z]
        parts.append(Region(templates=region.templates, title_item=region.title_item,
                            printed_title=region.printed_title, items=items))
    return parts


def _kind_from_tables(tables, stated=None):
    """For a disclosure without a cover naming its kind: 决算 or 预算 by the standard tables found, 部门 or 单位 as
    the text states it (上海 单位预算 print the same tables as 部门预算)."""
    from gongkai.model.document import DocumentKind

    finals = sum(1 for t in tables if t.template_id and t.template_id.startswith("final."))
    budgets = sum(1 for t in tables if t.template_id and t.template_id.startswith("budget."))
    if finals > budgets:
        return stated if stated is not None and stated.is_final else DocumentKind.DEPT_FINAL
    if budgets > finals:
        return stated if stated is not None and not stated.is_final else DocumentKind.DEPT_BUDGET
    return stated


def _choose(region: Region, ident: dict) -> Template:
    candidates = region.templates
    if len(candidates) == 1:
        return candidates[0]
    kind = ident.get("kind")
    want = "final" if kind is not None and kind.is_final else "budget" if kind is not None else None
    preferred = [t for t in candidates if t.kind == want] or candidates
    if len(preferred) == 1:
        return preferred[0]
    # the same title for tables of different layouts (收入预算总表: 上海 by 功能分类 科目, 江苏 by 资金来源):
    # the template whose columns, rows and codes the region shows
    scores = [_signature(t, region) for t in preferred]
    return preferred[scores.index(max(scores))]


def _signature(template: Template, region: Region) -> float:
    """How well a region's printed rows fit a template: the template's column and row names found in them,
    and, for tables by 科目, rows that start with a code."""
    import re

    from gongkai.catalog.templates import norm_label

    rows = [i for i in region.items if i.is_row][:40]
    text = "".join([norm_label(x) for i in rows for x in i.texts() if x.strip()])
    names = [c.names for c in template.all_columns()] + [r.names for r in template.rows]
    names += [r.names for b in template.blocks for r in b.rows]
    score = sum(1.0 for ns in names if any(norm_label(n) and norm_label(n) in text for n in ns))
    if template.layout == "coded" and template.code_kind != "unit":
        coded = sum(1 for i in rows if (ne := i.nonempty()) and re.fullmatch(r"\d{3}(?:\d{2}){0,2}", ne[0].strip()))
        score += min(coded, 3)
    return score


def _generic(rows: list[Item], before: list[Item]):
    """A grid outside any known table: keep it, titled by the text line just before it."""
    if sum(is_toc_line(r.texts()) for r in rows) > len(rows) / 2:
        return None
    last = before[-1].text.strip() if before else ""
    looks_like_title = last and len(last) <= 30 and not re.search(r"[。；;，,：:]$|[。；;]", last)
    title = last if looks_like_title else "未识别表格"
    from gongkai.catalog.templates import Template as T

    tpl = T(id="generic", kind="unknown", title=title, layout="generic")
    region = Region(templates=[tpl], title_item=rows[0], printed_title=title, items=rows)
    b = Builder(region, tpl)
    b.rows_items = rows
    table = build_generic(b)
    table.template_id = None
    table.span = Span.cover([r.span for r in rows])
    return table
