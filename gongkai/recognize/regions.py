"""Cutting the item stream into table regions (title → rows → notes) and the narrative around them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.catalog.templates import Template
from gongkai.recognize.stream import LOW_CONFIDENCE, Item
from gongkai.recognize.titles import (
    EMPTY_NOTE_RE, NUMBER_RE, UNIT_RE, is_number_line, is_toc_line, near_title_candidates, strip_title,
    title_candidates,
)

META_RE = re.compile(
    r"^(?:(?:编制|填报|预算)?(?:部门|单位)(?:名称)?[:：].*|(?:金额)?单位[:：]\s*(?:万元|元).*|[（(]?\d{4}\s*年度?[)）]?"
    r"|预算代码[:：].*|公开\s*\d+\s*表.*|.*公开\s*\d+\s*表\s*(?:(?:金额)?单位[:：]\s*(?:万元|元))?|部门公开表\d+|表\s*\d+|\[\d+\].*"
    r"|(?:公开|预算公开)?表[一二三四五六七八九十]{1,3})$"
)
HEADING_RE = re.compile(r"^(第[一二三四五六七八九十]+部分.{0,40}|[一二三四五六七八九十]+、.{2,40}(?:情况|说明|概况|职责|设置|解释|附件|其他).{0,10})$")
NOTE_RE = re.compile(r"^\s*(注|说明|备注)\s*[:：0-9１-９.]")


@dataclass
class Region:
    templates: list[Template]
    title_item: Item
    printed_title: str
    items: list[Item] = field(default_factory=list)

    @property
    def rows(self) -> list[Item]:
        return [i for i in self.items if i.is_row]


def is_meta(text: str) -> bool:
    t = text.strip().replace(" ", "").replace("　", "")
    return not t or bool(META_RE.match(t)) or bool(UNIT_RE.search(t) and len(t) < 40)


def title_of(item: Item) -> tuple[list[Template], str] | None:
    """If the item is a table title (alone or with meta cells), the candidate templates and the title."""
    texts = item.nonempty()
    if not texts or len(texts) > 6 or (item.is_row and is_toc_line(item.texts())):
        return None  # a title stands alone or with a few meta cells (部门, 单位, 公开NN表)
    if not item.is_row and re.search(r"\.{3,}|…{2,}", item.text):
        return None
    for idx, text in enumerate(texts):
        lines = text.split("\n")
        first, rest = lines[0], lines[1:]
        found = title_candidates(first)
        if not found and 1 < len(lines) <= 3:  # a title wrapped inside its cell ('…项目绩效目' / '标表')
            found = title_candidates("".join(x.strip() for x in lines))
            if found:
                first, rest = "".join(x.strip() for x in lines), []
        if not found and item.confidence is not None and item.confidence < LOW_CONFIDENCE:
            found = near_title_candidates(first)  # a title misread by OCR
        if not found:
            continue
        others = texts[:idx] + texts[idx + 1:] + rest
        if all(is_meta(o) for o in others):
            return found, strip_title(first)
    return None


def is_narrative(item: Item) -> bool:
    """Running text that ends a table region (a heading or a paragraph that is no note)."""
    if item.is_row:
        return False
    t = item.text.strip()
    if NOTE_RE.match(t) or EMPTY_NOTE_RE.search(t) or is_meta(t):
        return False
    return bool(HEADING_RE.match(t)) or len(t) > 60


def _section_inside(region: Region, item: Item) -> bool:
    """A short heading inside a table of labelled sections (公开10表: 一、政府采购情况 …); a part heading
    (第三部分 …) never is."""
    t = item.text.strip()
    return region.templates[0].layout == "labelled" and len(t) <= 20 and not re.match(r"第[一二三四五六七八九十]+部分", t)


def _after_table(region: Region, item: Item) -> bool:
    """Text at the top of a page after the table's last row ('其他相关情况说明'): the table has ended. Notes,
    table meta, numbers and empty-table statements still belong to it."""
    if item.is_row or item.span.page is None:
        return False
    last = next((i for i in reversed(region.items) if i.is_row), None)
    if last is None or last.span.page is None or item.span.page <= last.span.page:
        return False
    t = item.text.strip()
    return bool(t) and not (NOTE_RE.match(t) or EMPTY_NOTE_RE.search(t) or is_meta(t) or is_number_line(t))


def _split_title(item: Item, nxt: Item | None) -> Item | None:
    """A title wrapped over two text lines ('“三公”经费、会议费、培训费支出预算' + '表'): the joined line."""
    if nxt is None or item.is_row or nxt.is_row:
        return None
    a, b = item.text.strip(), nxt.text.strip()
    if (not a or not b or len(a) > 40 or len(b) > 12 or is_meta(a) or is_meta(b) or is_number_line(a)
            or title_candidates(a) or title_candidates(b)):
        return None
    joined = Item(text=a + b, span=item.span, confidence=item.confidence)
    return joined if title_of(joined) else None


def _take_numbers(source: list) -> list[Item]:
    """Table-number lines (公开01表, 表一) at the end of what precedes a title: they belong to that title."""
    taken: list[Item] = []
    while source and isinstance(source[-1], Item) and not source[-1].is_row and is_number_line(source[-1].text):
        taken.insert(0, source.pop())
    return taken


def segment(items: list[Item], paged: bool = False) -> tuple[list[Region], list[Item | Region]]:
    """Regions of tables, and the whole stream with regions in place of their items. In a document of
    several pages (`paged`), the page headed 目录 lists table titles but holds no table."""
    regions: list[Region] = []
    flow: list[Item | Region] = []
    current: Region | None = None
    skip = False
    toc_page: int | None = None  # the page of a 目录: the table titles it lists are not tables
    for k, item in enumerate(items):
        if skip:
            skip = False
            continue
        if paged and "目" in item.text and item.span.page is not None and re.sub(
                r"\s+", "", "".join(item.nonempty())) in ("目录", "目次"):
            toc_page, current = item.span.page, None
        if toc_page is not None and item.span.page == toc_page:
            # a 目录 laid out as a grid (an XLSX sheet) is text, not a table
            flow.append(Item(text=" ".join(item.nonempty()), span=item.span) if item.is_row else item)
            continue
        found = title_of(item)
        if not found and (joined := _split_title(item, items[k + 1] if k + 1 < len(items) else None)):
            item, found, skip = joined, title_of(joined), True
        if found:
            templates, title = found
            numbers = _take_numbers(current.items if current is not None else flow)
            current = Region(templates=templates, title_item=item, printed_title=title, items=[*numbers, item])
            regions.append(current)
            flow.append(current)
            continue
        if current is not None and (is_narrative(item) or _after_table(current, item)) and not _section_inside(
                current, item):
            current = None
        if current is not None:
            current.items.append(item)
        else:
            flow.append(item)
    # a title immediately followed by another title (a heading, then the table's own title) is one table
    merged: list[Region] = []
    for region in regions:
        if merged and all(i is merged[-1].title_item or is_number_line(i.text) for i in merged[-1].items) and set(
            t.id for t in region.templates
        ) & set(t.id for t in merged[-1].templates):
            prev = merged.pop()
            region.items = prev.items + region.items
            flow.remove(prev)
        elif merged and _continues(merged[-1], region):
            # the title and header printed again on the next page (政协 2017 政府采购预算表): one table
            prev = merged[-1]
            header = {tuple(r.texts()) for r in prev.rows[:3]}
            prev.items += [i for i in region.items
                           if i is not region.title_item and not (i.is_row and tuple(i.texts()) in header)]
            flow.remove(region)
            continue
        merged.append(region)
    return merged, flow


def _continues(prev: Region, region: Region) -> bool:
    """A region that repeats the previous table's title and first (header) row on the following page.
    Performance tables, printed one per project under one title, never continue each other."""
    if region.templates != prev.templates or region.printed_title != prev.printed_title:
        return False
    if any(t.kind == "performance" for t in region.templates):
        return False
    numbers = [printed_number(r) for r in (prev, region)]
    if numbers[1] is not None and numbers[0] != numbers[1]:
        return False  # a table number printed again on the next page must be the same number
    before, after = prev.rows, region.rows
    if not before or not after or before[-1].span.page is None or after[0].span.page != before[-1].span.page + 1:
        return False
    return before[0].texts() == after[0].texts()


def printed_number(region: Region) -> str | None:
    from gongkai.recognize.titles import find_number

    for item in region.items[:8]:
        for text in item.nonempty():
            if NUMBER_RE.search(text.replace(" ", "")):
                number = find_number(text)
                if number:
                    return number
    return None
