"""Cutting the item stream into table regions (title → rows → notes) and the narrative around them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gongkai.catalog.templates import Template
from gongkai.recognize.stream import Item
from gongkai.recognize.titles import (
    EMPTY_NOTE_RE, NUMBER_RE, UNIT_RE, is_toc_line, strip_title, title_candidates,
)

META_RE = re.compile(
    r"^(?:(?:编制|填报|预算)?(?:部门|单位)(?:名称)?[:：].*|(?:金额)?单位[:：]\s*(?:万元|元).*|[（(]?\d{4}\s*年度?[)）]?"
    r"|预算代码[:：].*|公开\s*\d+\s*表.*|.*公开\s*\d+\s*表\s*(?:(?:金额)?单位[:：]\s*(?:万元|元))?|部门公开表\d+|表\s*\d+|\[\d+\].*)$"
)
HEADING_RE = re.compile(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、.{2,40}(?:情况|说明|概况|职责|设置|解释|附件|其他).{0,10})$")
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
        first = text.split("\n")[0]
        found = title_candidates(first)
        if not found:
            continue
        others = texts[:idx] + texts[idx + 1:] + text.split("\n")[1:]
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
    """A short heading inside a table of labelled sections (公开10表: 一、政府采购情况 …)."""
    return region.templates[0].layout == "labelled" and len(item.text.strip()) <= 20


def segment(items: list[Item]) -> tuple[list[Region], list[Item | Region]]:
    """Regions of tables, and the whole stream with regions in place of their items."""
    regions: list[Region] = []
    flow: list[Item | Region] = []
    current: Region | None = None
    for item in items:
        found = title_of(item)
        if found:
            templates, title = found
            current = Region(templates=templates, title_item=item, printed_title=title, items=[item])
            regions.append(current)
            flow.append(current)
            continue
        if current is not None and is_narrative(item) and not _section_inside(current, item):
            current = None
        if current is not None:
            current.items.append(item)
        else:
            flow.append(item)
    # a title immediately followed by another title (a heading, then the table's own title) is one table
    merged: list[Region] = []
    for region in regions:
        if merged and len(merged[-1].items) == 1 and set(t.id for t in region.templates) & set(
            t.id for t in merged[-1].templates
        ):
            prev = merged.pop()
            region.items = prev.items + region.items
            flow.remove(prev)
        merged.append(region)
    return merged, flow


def printed_number(region: Region) -> str | None:
    from gongkai.recognize.titles import find_number

    for item in region.items[:8]:
        for text in item.nonempty():
            if NUMBER_RE.search(text.replace(" ", "")):
                number = find_number(text)
                if number:
                    return number
    return None
