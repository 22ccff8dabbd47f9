"""Narrative sections: heading paths (第一部分 › 一、 › （一）) with the text under each.

Two layouts need care. A heading printed over two lines ('第一部分' / '单位概况', or a long heading whose
last characters wrap: '…支出预算情' / '况说明') is one heading: the second line is joined when it is short,
ends no sentence, and, where the reader gives positions, sits centred under the first or follows a first
line that reaches the right margin. The entries of a 目录 (table of contents) are text of a 目录 section,
never headings: after a line that is only 目录/目次, heading-like lines and lines ending in dot leaders or
a page number belong to it until the first entry recurs as the real heading (the same text, or the same
number: 第一部分, 一、) or plain text starts.
"""

from __future__ import annotations

import re

from gongkai.model.document import Section
from gongkai.model.location import Span
from gongkai.recognize.stream import Item
from gongkai.recognize.titles import is_number_line

# Heading levels, outermost first. A line is a heading when it matches one and is short.
LEVELS = [
    re.compile(r"^第[一二三四五六七八九十]+部[分]?\s*(?:\S.{0,30})?$|^第[0-9]+部\s*$"),
    re.compile(r"^[一二三四五六七八九十]+\s*[、.．]\s*\S.{0,40}$|^[0-9]、\s*\S.{0,40}$"),
    re.compile(r"^[（(][一二三四五六七八九十]+[)）]\s*\S.{0,40}$"),
]
MAX_HEADING = 48
BARE_PART = re.compile(r"第[一二三四五六七八九十]+部分?")
TOC_HEADING = re.compile(r"目[录次]")
SENTENCE = re.compile(r"[，。；：:;,！？!?ꎮꎬ]")  # ꎮ ꎬ: 。， as some PDF fonts map them
ENUMERATOR = re.compile(r"第[一二三四五六七八九十]+部分?|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]"
                        r"|\d+[、.．]")
DOT_LEADERS = re.compile(r"\.{3,}|…{2,}|·{3,}|．{3,}")
PAGE_AFTER_TITLE = re.compile(r"[\u4e00-\u9fff）)”]\s*[-－—]?\s*\d{1,3}\s*[-－—]?$")
WRAP_MAX, BARE_MAX, BARE_LINES = 6, 30, 3
MIN_TOC = 3  # entries a 目录 without dot leaders or page numbers lists at least


def heading_level(text: str) -> int | None:
    t = text.strip()
    if len(t) > MAX_HEADING or t.endswith(("。", "；", ";")) or re.search(r"\d+(\.\d+)?\s*万元", t):
        return None
    for level, rx in enumerate(LEVELS):
        if rx.match(t):
            return level
    return None


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def is_toc_entry(text: str) -> bool:
    """A 目录 line: a title with dot leaders, or a title followed by a page number."""
    t = text.strip()
    return bool(DOT_LEADERS.search(t) or PAGE_AFTER_TITLE.search(t))


def _entry_key(text: str) -> str:
    """A 目录 entry as the heading it lists: without leaders, page number and spaces."""
    t = DOT_LEADERS.split(text.strip())[0]
    return _compact(re.sub(r"\s*[-－—]?\s*\d{1,3}\s*[-－—]?$", "", t) if not DOT_LEADERS.search(text) else t)


def _continuation(prev: Item, nxt: Item, right: float | None, bare: bool) -> bool:
    """Whether `nxt` is the rest of the heading printed on the line `prev` (see the module docstring)."""
    b = nxt.text.strip()
    if (not b or len(b) > (BARE_MAX if bare else WRAP_MAX) or nxt.is_row or nxt.span.page != prev.span.page
            or heading_level(b) is not None or is_number_line(b) or SENTENCE.search(b)
            or TOC_HEADING.fullmatch(_compact(b)) or is_toc_entry(b)):
        return False
    pa, pb = prev.span.bbox, nxt.span.bbox
    if pa is None or pb is None:  # no positions (text dump, DOCX): a bare 第X部分, or a tail of ≤ 3 characters
        return bare or len(b) <= 3
    height = pa[3] - pa[1]
    if pb[1] < pa[1] or pb[1] - pa[3] > 2 * height:
        return False
    centred = abs((pa[0] + pa[2]) / 2 - (pb[0] + pb[2]) / 2) <= height and pb[2] - pb[0] <= pa[2] - pa[0] + height
    full = right is not None and pa[2] >= right - 1.5 * height
    return centred or (full and not bare)


def _right_margins(flow: list[Item]) -> dict[int | None, float]:
    right: dict[int | None, float] = {}
    for item in flow:
        if item.span.bbox is not None:
            right[item.span.page] = max(right.get(item.span.page, 0.0), item.span.bbox[2])
    return right


def build_sections(flow: list[Item]) -> list[Section]:
    sections: list[Section] = []
    path: list[str] = []
    levels: list[int] = []
    body: list[Item] = []
    right = _right_margins(flow)
    toc: dict | None = None  # {"first": (key, number) of the first entry} while inside a 目录

    def close():
        if path or body:
            text = "\n".join(i.text for i in body)
            spans = [i.span for i in body]
            confs = [i.confidence for i in body for _ in i.text.split("\n")]
            untitled = "（正文）" if sections else "（前言）"
            sections.append(Section(path=list(path) or [untitled], text=text, span=Span.cover(spans),
                                    line_confidence=confs if any(c is not None for c in confs) else []))

    def in_toc(item: Item) -> bool:
        text = item.text.strip()
        entry = is_toc_entry(text)
        numbered = ENUMERATOR.match(_compact(text)) and len(text) <= MAX_HEADING and not SENTENCE.search(text)
        if not entry and not numbered and heading_level(text) is None:
            return False
        toc["dotted"] |= entry
        key = _entry_key(text)
        mark = ENUMERATOR.match(key)
        if toc["first"] is None:
            toc["first"] = (key, mark.group(0) if mark else None)
            return True
        first, first_mark = toc["first"]
        # the first entry's heading again (by text or by its number): the document proper begins
        return entry or not (key == first or (mark is not None and mark.group(0) == first_mark))

    k = 0
    while k < len(flow):
        item = flow[k]
        k += 1
        if toc is not None and not item.is_row:
            if in_toc(item):
                body.append(item)
                continue
            if not toc["dotted"] and len(body) < MIN_TOC:
                k, body = toc["start"], []  # a 目录 heading without a list of entries: read them again
            toc = None  # the 目录 ends: what follows is not under it
            close()
            body, path, levels = [], [], []
            if k == 0 or flow[k - 1] is not item:
                continue
        if not item.is_row and TOC_HEADING.fullmatch(_compact(item.text)):
            close()
            body, path, levels = [], ["目录"], [0]
            toc = {"first": None, "dotted": False, "start": k}
            continue
        level = None if item.is_row else heading_level(item.text)
        if level is None:
            body.append(item)
            continue
        heading = item.text.strip()
        bare = level == 0 and bool(BARE_PART.fullmatch(_compact(heading)))
        prev, joined = item, []
        while k < len(flow) and len(joined) < (BARE_LINES if bare else 1) and _continuation(
                prev, flow[k], right.get(flow[k].span.page), bare):
            prev = flow[k]
            joined.append(prev.text.strip())
            k += 1
        if joined:
            heading = f"{heading} {''.join(joined)}" if bare else heading + joined[0]
        close()
        body = []
        while levels and levels[-1] >= level:
            levels.pop()
            path.pop()
        levels.append(level)
        path.append(heading)
    close()
    return [s for s in sections if s.text or s.path]
