"""Narrative sections: heading paths (第一部分 › 一、 › （一）) with the text under each."""

from __future__ import annotations

import re

from gongkai.model.document import Section
from gongkai.model.location import Span
from gongkai.recognize.stream import Item

# Heading levels, outermost first. A line is a heading when it matches one and is short.
LEVELS = [
    re.compile(r"^第[一二三四五六七八九十]+部[分]?\s*\S{0,30}$|^第[0-9]+部\s*$"),
    re.compile(r"^[一二三四五六七八九十]+\s*[、.．]\s*\S.{0,40}$|^[0-9]、\s*\S.{0,40}$"),
    re.compile(r"^[（(][一二三四五六七八九十]+[)）]\s*\S.{0,40}$"),
]
MAX_HEADING = 48


def heading_level(text: str) -> int | None:
    t = text.strip()
    if len(t) > MAX_HEADING or t.endswith(("。", "；", ";")) or re.search(r"\d+(\.\d+)?\s*万元", t):
        return None
    for level, rx in enumerate(LEVELS):
        if rx.match(t):
            return level
    return None


def build_sections(flow: list[Item]) -> list[Section]:
    sections: list[Section] = []
    path: list[str] = []
    levels: list[int] = []
    body: list[Item] = []

    def close():
        if path or body:
            text = "\n".join(i.text for i in body)
            spans = [i.span for i in body]
            confs = [i.confidence for i in body for _ in i.text.split("\n")]
            sections.append(Section(path=list(path) or ["（前言）"], text=text, span=Span.cover(spans),
                                    line_confidence=confs if any(c is not None for c in confs) else []))

    for item in flow:
        level = None if item.is_row else heading_level(item.text)
        if level is None:
            body.append(item)
            continue
        close()
        body = []
        while levels and levels[-1] >= level:
            levels.pop()
            path.pop()
        levels.append(level)
        path.append(item.text.strip())
    close()
    return [s for s in sections if s.text or s.path]
