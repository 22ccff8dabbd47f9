"""Document identity: kind, fiscal year, unit name, region and level, from the document's own words.

The cover or title names the kind and year ("2026 年度 / 无锡市交通运输局（本级） / 单位预算公开"); the unit comes
from the cover, else from the 部门名称/单位名称 captions; region and level from the unit name by the gazetteer
(catalog/places.yaml, see places.py). The tables decide nothing here (document.py may fall back on them)."""

from __future__ import annotations

import re
from collections import Counter

from gongkai.model.document import DocumentKind
from gongkai.recognize.disclosure import KIND_PHRASE, cover_line, head_lines
from gongkai.recognize.places import region_and_level, vocabulary
from gongkai.recognize.stream import Item

KIND_RE = re.compile(r"(部门|单位)\s*(决算|预算)")
YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年\s*(?:度)?\s*(?:[省市区县]级\s*)?(?:部门|单位)?\s*(决算|预算)")
COVER_YEAR_RE = re.compile(r"((?:19|20)\d{2})年度?")
# a table title with its year: '2023年部门财务收支预算总表', '2019年政府采购预算表'
TITLE_YEAR_RE = re.compile(r"^\s*((?:19|20)\d{2})\s*年度?\s*\S{2,40}表\s*$")
PART_RE = re.compile(r"^第[一二三四五六七八九十]+部分")
UNIT_RE = re.compile(r"(?:^|[\s|])(?:编制|预算)?(?:部门|单位)(?:名称)?[:：]\s*([^\s|:：]{2,40})")
UNIT_CAPTION = re.compile(r"^(?:编制|预算)?(?:部门|单位)(?:（单位）|\(单位\))?名称[:：]?$")
MONEY_UNIT = re.compile(r"^[万亿千百]?元")
ORG_RE = re.compile(r"((?:[\u4e00-\u9fff]{2,6}(?:省|市|州|县|区|盟|旗))+[\u4e00-\u9fff]{2,12}?(?:局|委员会|厅|办公厅|办公室|中心|院|委))")
TITLE_UNIT_RE = re.compile(r"^(?:#\s*)?(?:(?:19|20)\d{2}\s*年度?\s*)?([\u4e00-\u9fff（）()]{3,40}?)\s*(?:(?:19|20)\d{2}\s*年度?)?\s*(?:部门|单位)(?:决算|预算)")


def identify(items: list[Item], first_page: list[str] | None = None) -> dict:
    """first_page: the first page's lines as read, a title in the top margin included."""
    head = [i.text for i in items[:250] if not i.is_row]
    cover = cover_line(head_lines(items))
    kind = _kind(head, cover)
    year = _year(items, head, cover, (first_page or [])[:4] + head_lines(items, 4))
    unit = _unit(items, head, cover)
    region, level = region_and_level(unit, " ".join(head_lines(items, 5)))
    return {"kind": kind, "year": year, "unit_name": unit, "region": region, "level": level, "cover": cover}


def _kind(head: list[str], cover: str | None) -> DocumentKind | None:
    if cover:
        *_, m = KIND_PHRASE.finditer(cover)
        return DocumentKind(m.group(1) + m.group(2))
    kinds: Counter = Counter()
    for k, text in enumerate(head):
        for m in KIND_RE.finditer(text):
            kinds[m.group(1) + m.group(2)] += 25 if k < 5 else 1
    return DocumentKind(kinds.most_common(1)[0][0]) if kinds else None


def _year(items: list[Item], head: list[str], cover: str | None, leading: list[str]) -> int | None:
    if cover and (m := COVER_YEAR_RE.search(cover)):
        return int(m.group(1))
    # a title that names its year: '广州市生态环境局2026年部门整体预算绩效目标申报表', '（2024年度）'
    for text in leading:
        if m := re.search(r"((?:19|20)\d{2})年度?[^\d]{0,30}表(?:[（(][^）)]*[)）])?$|^[（(]((?:19|20)\d{2})年度[)）]$", text):
            return int(m.group(1) or m.group(2))
    years: Counter = Counter()
    for k, text in enumerate(head):
        weight = 25 if k < 5 else 1
        for m in YEAR_RE.finditer(text):
            years[int(m.group(1))] += weight
        m = TITLE_YEAR_RE.match(text)
        if m and _is_title(text):
            years[int(m.group(1))] += 3
    if years:
        return years.most_common(1)[0][0]
    all_years = Counter(int(y) for i in items[:400] for y in re.findall(r"((?:19|20)\d{2})\s*年度", i.text))
    return all_years.most_common(1)[0][0] if all_years else None


def _unit(items: list[Item], head: list[str], cover: str | None) -> str | None:
    from_cover = _unit_of_cover(cover) if cover else None
    units = Counter(m.group(1) for i in items for m in UNIT_RE.finditer(i.text)
                    if len(m.group(1)) >= 3 and not MONEY_UNIT.match(m.group(1)))
    for i in items[:3000]:
        cells = [c.strip().replace(" ", "") for c in i.nonempty()] if i.is_row else []
        for a, b in zip(cells, cells[1:]):
            if UNIT_CAPTION.match(a) and 3 <= len(b) <= 40 and not UNIT_CAPTION.match(b):
                units[b] += 1
    caption = units.most_common(1)[0][0] if units else None
    if from_cover:
        # the caption may name the same unit in full ('江苏省人大常委会' on the cover, '…办公厅' in the tables)
        if caption and caption.startswith(from_cover) and len(caption) > len(from_cover):
            return caption
        return from_cover
    if caption:
        return caption
    # the cover, often broken over lines ('中共上海市普陀区委' / '社会工作部 2024 年度' / '部门决算'), then the
    # first lines one by one; never a part heading ('第二部分 2019年度部门预算表')
    for text in ["".join(head[:2]), "".join(head[:3]), *head[:10]]:
        m = TITLE_UNIT_RE.search(PART_RE.sub("", text.replace(" ", "").replace("　", "")))
        if m and not PART_RE.match(m.group(1)) and "目录" not in m.group(1):
            return m.group(1)
    orgs = Counter(m.group(1) for text in head for m in ORG_RE.finditer(text.replace(" ", "")))
    return orgs.most_common(1)[0][0] if orgs else None


def _unit_of_cover(cover: str) -> str | None:
    """'2026年度无锡市交通运输局（本级）单位预算公开' → '无锡市交通运输局（本级）'; None when what is left is not
    a unit's name ('上海市2026年市级单位预算': the unit is in the 预算单位 caption)."""
    text = PART_RE.sub("", cover)
    *_, m = KIND_PHRASE.finditer(text)
    text = text[: m.start()]
    text = re.sub(r"(?:19|20)\d{2}年度?", "", text)
    text = re.sub(r"(?:[省市区县]级|本级)$", "", text) if not text.endswith(("（本级）", "(本级)")) else text
    endings = tuple(vocabulary()["unit_endings"])
    if 3 <= len(text) <= 40 and text.endswith(endings) and "目录" not in text:
        return text
    return None


def _is_title(text: str) -> bool:
    from gongkai.recognize.titles import title_candidates

    return bool(title_candidates(text))
