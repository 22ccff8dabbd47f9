"""Is the document a 部门/单位 预算/决算 disclosure at all? Judged from its content: the cover or title naming
the kind, the standard tables recognised, the part headings of a disclosure (部门概况, 情况说明, 名词解释 …),
or the 预算绩效 tables published with one. Files that are something else (a notice, a statistical report, a
website's annual report) get False and a short Chinese reason; a file with no readable text gets None."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from gongkai.recognize.places import vocabulary
from gongkai.recognize.stream import Item

KIND_PHRASE = re.compile(r"(部门|单位)(预算|决算)")
HEAD_LINES = 12  # text lines that may hold the cover or title
_DOTS = re.compile(r"[.．…·•\-—_\s]{3,}\s*\d*\s*$")


@dataclass
class Judgement:
    is_disclosure: bool | None
    reason: str
    cover: str | None = None  # the cover or title line naming the kind, spaces removed
    performance_only: bool = False


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern, list[str], list[str]]:
    voc = vocabulary()
    tails = "|".join(sorted(map(re.escape, voc["cover_tails"]), key=len, reverse=True))
    cover = re.compile(rf"(部门|单位)(预算|决算)(?:{tails})?(?:[（(][^）)]*[)）])?$")
    official = re.compile("|".join(f"(?:{p})" for p in voc["official_document_patterns"]))
    return cover, official, voc["part_headings"], voc["performance_titles"]


def head_lines(items: list[Item], n: int = HEAD_LINES, rows: bool = False) -> list[str]:
    """The first text lines (not page numbers; grid rows too if asked, their cells joined), spaces removed."""
    out = []
    for i in items:
        if i.is_row and not rows:
            continue
        text = re.sub(r"\s+", "", "".join(i.nonempty()) if i.is_row else i.text)
        if text and not re.fullmatch(r"[-—－–\d\s]*", text):
            out.append(text)
        if len(out) >= n:
            break
    return out


def cover_line(lines: list[str]) -> str | None:
    """The line (or two or three consecutive lines, a cover broken over lines) that names the kind."""
    cover, _, _, _ = _patterns()
    for k in range(len(lines)):
        for span in (1, 2, 3, 4):
            text = "".join(lines[k:k + span])
            if cover.search(text):
                return text
    return None


def first_page_lines(raw) -> list[str]:
    """The text lines of the first page as read, page headers included (a title printed in the top margin,
    which the stream drops as a running header), spaces removed."""
    from gongkai.ingest.base import TextLine

    page = raw.pages[0] if raw.pages else None
    blocks = page.blocks if page is not None else []
    return [t for b in blocks[:30] if isinstance(b, TextLine) and (t := re.sub(r"\s+", "", b.text))]


def judge(items: list[Item], tables: list, first_page: list[str] | None = None) -> Judgement:
    if sum(len(i.text.strip()) for i in items) < 20:
        return Judgement(None, "文件没有可读的文字（可能是未做文字识别的扫描件），无法判断是否为预决算公开文件")
    cover_re, official, part_words, perf_words = _patterns()
    head = head_lines(items)
    official_lines = [t for t in head[:8] if official.search(t)]
    cover = None if official_lines else cover_line(head)
    standard = {t.template_id for t in tables if t.template_id and t.template_id.split(".")[0] in ("budget", "final")}
    others = {t.template_id for t in tables if t.template_id and t.template_id.startswith("other.")}
    perf = {t.template_id for t in tables if t.template_id and t.template_id.startswith("perf.")}
    parts = _part_headings(items, part_words)
    if len(standard) >= 2:
        return Judgement(True, f"识别到 {len(standard)} 张部门预算/决算标准表", cover)
    if cover and (parts or standard or others or perf):
        return Judgement(True, f"封面/标题为“{cover[:40]}”，并有{_evidence(parts, standard | others | perf)}", cover)
    if not official_lines and len(parts) >= 3:
        return Judgement(True, f"有部门预算/决算的组成部分：{'、'.join(sorted(parts)[:4])}", cover)
    leading = head_lines(items, 6, rows=True) + (first_page or [])[:6]
    perf_title = next((t for t in leading if any(w in t for w in perf_words)), None)
    if not official_lines and (perf or perf_title):
        what = perf_title or "预算绩效表"
        return Judgement(True, f"预算绩效信息公开（“{what[:40]}”），属于部门预算/决算公开的组成部分", cover,
                         performance_only=not standard)
    if not official_lines and (standard or cover):
        return Judgement(True, f"封面/标题为“{cover[:40]}”" if cover else "识别到部门预算/决算标准表", cover)
    title = _title(first_page or head, official) or _title(head_lines(items, rows=True), official)
    return Judgement(False, f"不是部门预算/决算公开文件：未见预决算的封面标题、标准表格或说明章节"
                            f"（文件标题：“{title[:40]}”）")


def _part_headings(items: list[Item], words: list[str]) -> set[str]:
    found = set()
    for i in items[:3000]:
        for text in i.nonempty() if i.is_row else [i.text]:
            text = _DOTS.sub("", re.sub(r"\s+", "", text))
            if 2 <= len(text) <= 40:
                found.update(w for w in words if w in text)
    return found


def _evidence(parts: set[str], tables: set[str]) -> str:
    bits = []
    if tables:
        bits.append(f"{len(tables)} 张标准表")
    if parts:
        bits.append("“" + "”“".join(sorted(parts)[:3]) + "”等部分")
    return "、".join(bits)


def _title(head: list[str], official: re.Pattern) -> str:
    """The document's own title: a 公文's '关于…的通知' (joined over its lines), else its first line that reads
    as a title (not a serial number, a 文号 or a date)."""
    for j, text in enumerate(head[:16]):
        if re.search(r"(?:通知|通告|公告|通报|复函|批复|意见|办法|简章)$", text):
            start = next((k for k in range(j, max(-1, j - 4), -1) if "关于" in head[k]), j)
            return "".join(head[start:j + 1])
    for text in head[:6]:
        if (re.search(r"[\u4e00-\u9fff]{4,}", text) and not official.search(text)
                and not re.fullmatch(r"[A-Z\d\-—]+|[\d年月日\s]+", text)):
            return text
    return head[0] if head else ""
