"""Finding table titles, numbers (公开01表), units and notes in text lines and grid rows."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from gongkai.catalog.templates import Template, templates
from gongkai.model.amount import Unit

NUMBER_RE = re.compile(r"(公开|预算公开|附表|部门公开表|表)\s*([0-9０-９]{1,2}(?:-\d{1,2})?)\s*表?")
PRINTED_NUMBER_RE = re.compile(r"(?:公开|部门公开表|预算公开表?)\s*([0-9０-９]{1,2}(?:-\d{1,2})?)\s*表?")
UNIT_RE = re.compile(r"(?:金额)?单位[:：]\s*(万元|元)")
_PREFIX = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十]+[)）、.．]|\d+[.、．]|附表\s*\d*[:：、]?|表\s*\d+[:：、]?)\s*")
_YEAR_UNIT = re.compile(r"^.*?\d{4}\s*年(?:度)?\s*")
_SUFFIX = re.compile(r"\s*[（(](?:[一二三]|\d{4}年度?)[)）]\s*$")


def _norm(text: str) -> str:
    t = text.replace('"', "“").replace("”", "“").replace("\u201c", "“")
    t = re.sub(r"\s+", "", t)
    return t


@cache
def _alias_index() -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for t in templates().values():
        for name in t.names:
            index.setdefault(_norm(name), []).append(t.id)
    return index


def strip_title(text: str) -> str:
    """Remove ordinal prefixes, a leading 'XX 2021 年度' and printed numbers around a title."""
    t = text.split("\n")[0].strip()
    t = re.sub(r"\[bookmark:[^\]]*\]", "", t)
    t = _PREFIX.sub("", t)
    t = PRINTED_NUMBER_RE.sub("", t)
    return t.strip()


@cache
def _suffix_index() -> list[tuple[str, str]]:
    """(normalised alias, template id) for suffix-matched templates, longest alias first."""
    pairs = [(_norm(name), t.id) for t in templates().values() if t.match == "suffix" for name in t.names]
    return sorted(pairs, key=lambda p: -len(p[0]))


@lru_cache(maxsize=4096)
def title_candidates(text: str) -> list[Template]:
    """Templates whose title or alias this text is (exactly, after normalisation), or — for templates
    matched by suffix, such as 绩效目标表 after a project name — ends with."""
    t = strip_title(text)
    if not t or len(t) > 60:
        return []
    index = _alias_index()
    forms = (t, _SUFFIX.sub("", t), _YEAR_UNIT.sub("", t), _YEAR_UNIT.sub("", _SUFFIX.sub("", t)))
    for form in forms:
        ids = index.get(_norm(form))
        if ids:
            return [templates()[i] for i in ids]
    if "。" in t or "，" in t or len(t) > 50:
        return []
    normed = {_norm(f) for f in forms}
    for alias, tid in _suffix_index():
        if any(f.endswith(alias) for f in normed):
            return [templates()[tid]]
    return []


def is_toc_line(cells: list[str]) -> bool:
    """A 目录 entry: dot leaders, or a title followed only by a page number."""
    joined = "".join(cells)
    if re.search(r"(\.{3,}|…{2,}|·{3,})", joined):
        return True
    rest = [c.strip() for c in cells[1:] if c.strip()]
    return bool(rest) and all(re.fullmatch(r"[.\s]*\d{1,3}", c) for c in rest)


def find_unit(text: str) -> Unit | None:
    m = UNIT_RE.search(text.replace(" ", ""))
    return Unit(m.group(1)) if m else None


def find_number(text: str) -> str | None:
    m = PRINTED_NUMBER_RE.search(text.replace(" ", ""))
    if not m:
        return None
    digits = m.group(1).translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return f"公开{digits.zfill(2) if '-' not in digits else digits}表"


EMPTY_NOTE_RE = re.compile(r"(本表无数据|故本表为空|本表为空|无此项(?:收支|支出|收入)|没有.{0,30}(?:收入|支出|收支).{0,20}(?:故|因此).{0,6}(?:无数据|为空))")
ROUNDING_RE = re.compile(r"尾数误差|四舍五入|尾差")
