"""Finding table titles, numbers (公开01表), units and notes in text lines and grid rows."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from gongkai.catalog.templates import Template, templates
from gongkai.model.amount import Unit

_CN = "一二三四五六七八九十"
NUMBER_RE = re.compile(
    rf"(公开|预算公开|附表|部门公开表|表)\s*([0-9０-９]{{1,2}}(?:-\d{{1,2}})?|[{_CN}]{{1,3}}(?![\u4e00-\u9fff]))\s*表?")
PRINTED_NUMBER_RE = re.compile(r"(?:公开|部门公开表|预算公开表?)\s*([0-9０-９]{1,2}(?:-\d{1,2})?)\s*表?")
# 江苏 prints "公开表一" … "公开表十二" (and, standing alone above a title, "表一" … "表十二")
CN_NUMBER_RE = re.compile(rf"(?:公开|预算公开)表\s*([{_CN}]{{1,3}})(?![\u4e00-\u9fff])")
BARE_NUMBER_RE = re.compile(rf"表\s*([0-9０-９]{{1,2}}|[{_CN}]{{1,3}})")
UNIT_RE = re.compile(r"(?:金额)?单位[:：]\s*(万元|元)")
_PREFIX = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十]+[)）、.．]|\d+[.、．]|附表\s*\d*[:：、]?|表\s*\d+[:：、]?)\s*")
_YEAR_UNIT = re.compile(r"^.*?\d{4}\s*年(?:度)?\s*")
# the level of government printed between the year and the title ('2026年市级部门收支预算总表')
_LEVEL = re.compile(r"^(?:省|市|县|区|乡|镇)级(?=部门|单位)")
_LEVEL_UNIT = re.compile(r"^(?:省|市|县|区|乡|镇)级(?:部门|单位)")
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
            ids = index.setdefault(_norm(name), [])
            if t.id not in ids:  # a title repeated among its aliases
                ids.append(t.id)
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
    bare = _YEAR_UNIT.sub("", _SUFFIX.sub("", t))
    forms = (t, _SUFFIX.sub("", t), _YEAR_UNIT.sub("", t), bare, _LEVEL.sub("", bare), _LEVEL_UNIT.sub("", bare))
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


NEAR_TITLE_RATIO = 0.85


@lru_cache(maxsize=1024)
def near_title_candidates(text: str) -> list[Template]:
    """For a title read with low OCR confidence ('财攻拨款收入支出决算总表'): the templates of the one
    closest title or alias (difflib ratio ≥ 0.85, lengths within two characters)."""
    from difflib import SequenceMatcher

    t = _norm(_YEAR_UNIT.sub("", _SUFFIX.sub("", strip_title(text))))
    if len(t) < 5 or len(t) > 40 or "。" in t or "，" in t:
        return []
    scored = sorted(((SequenceMatcher(None, t, alias).ratio(), alias) for alias in _alias_index()
                     if abs(len(alias) - len(t)) <= 2), reverse=True)
    if not scored or scored[0][0] < NEAR_TITLE_RATIO or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return []
    return [templates()[i] for i in _alias_index()[scored[0][1]]]


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
    """The printed table number, normalised to 公开NN表: '公开01表', '部门公开表3', '公开表一', or a line that
    is only '表一' / '表2'."""
    t = text.replace(" ", "").replace("　", "")
    m = PRINTED_NUMBER_RE.search(t)
    if m:
        digits = m.group(1).translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    elif (m := CN_NUMBER_RE.search(t) or BARE_NUMBER_RE.fullmatch(t)) is not None:
        digits = m.group(1).translate(str.maketrans("０１２３４５６７８９", "0123456789"))
        if not digits.isdigit():
            digits = str(cn_int(digits))
    else:
        return None
    return f"公开{digits.zfill(2) if '-' not in digits else digits}表"


def is_number_line(text: str) -> bool:
    """A line that is only a table number (公开01表, 公开表一, 表一), as printed above a title."""
    t = text.replace(" ", "").replace("　", "")
    return bool(t) and (bool(re.fullmatch(r"(?:公开|部门公开表|预算公开表?)[0-9０-９]{1,2}(?:-\d{1,2})?表?", t))
                        or bool(CN_NUMBER_RE.fullmatch(t)) or bool(BARE_NUMBER_RE.fullmatch(t)))


def cn_int(text: str) -> int:
    """一 … 九十九 as an int."""
    digits = {c: k + 1 for k, c in enumerate("一二三四五六七八九")}
    if "十" not in text:
        return digits.get(text, 0)
    tens, _, ones = text.partition("十")
    return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)


EMPTY_NOTE_RE = re.compile(
    r"(本表无数据|故本表为空|本表为空|本表本年无发生额|无此项(?:收支|支出|收入)|没有.{0,30}(?:收入|支出|收支).{0,20}(?:故|因此).{0,6}(?:无数据|为空)"
    r"|(?:本部门|本单位|我单位|我部门)无(?:相关|该|此)?(?:收支)?(?:项目|收支|支出|收入)"
    r"|(?:本部门|本单位|我单位|我部门)无.{0,20}(?:收支|支出|收入)(?:安排|预算)"
    r"|^\s*[（(]\s*无.{0,20}(?:收支|支出|收入)\s*[)）]\s*$)")
ROUNDING_RE = re.compile(r"尾数误差|四舍五入|尾差")
