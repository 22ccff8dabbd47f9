"""Document identity: kind, fiscal year, unit name and region, from the first lines and the tables."""

from __future__ import annotations

import re
from collections import Counter

from gongkai.model.document import DocumentKind
from gongkai.recognize.stream import Item

PROVINCES = [
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建",
    "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西",
    "甘肃", "青海", "宁夏", "新疆",
]
# Prefecture-level places seen in the project's documents, with their province (a full gazetteer is
# future work; a place not listed leaves the region unset rather than guessed).
PLACES = {
    "广元": "四川", "成都": "四川", "湘西": "湖南", "长沙": "湖南", "廊坊": "河北", "石家庄": "河北",
    "临汾": "山西", "太原": "山西", "普陀": "上海", "南京": "江苏",
}
KIND_RE = re.compile(r"(部门|单位)\s*(决算|预算)")
YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年\s*(?:度)?\s*(?:[省市区县]级\s*)?(?:部门|单位)?\s*(决算|预算)")
# a table title with its year: '2023年部门财务收支预算总表', '2019年政府采购预算表'
TITLE_YEAR_RE = re.compile(r"^\s*((?:19|20)\d{2})\s*年度?\s*\S{2,40}表\s*$")
PART_RE = re.compile(r"^第[一二三四五六七八九十]+部分")
UNIT_RE = re.compile(r"(?:^|[\s|])(?:编制)?(?:部门|单位)(?:名称)?[:：]\s*([^\s|:：]{2,40})")
ORG_RE = re.compile(r"((?:[\u4e00-\u9fff]{2,6}(?:省|市|州|县|区|盟|旗))+[\u4e00-\u9fff]{2,12}?(?:局|委员会|厅|办公厅|办公室|中心|院|委))")
TITLE_UNIT_RE = re.compile(r"^(?:#\s*)?(?:(?:19|20)\d{2}\s*年度?\s*)?([\u4e00-\u9fff（）()]{3,40}?)\s*(?:(?:19|20)\d{2}\s*年度?)?\s*(?:部门|单位)(?:决算|预算)")


def identify(items: list[Item]) -> dict:
    head = [i.text for i in items[:250] if not i.is_row]
    kinds: Counter = Counter()
    years: Counter = Counter()
    for k, text in enumerate(head):
        weight = 25 if k < 5 else 1
        for m in KIND_RE.finditer(text):
            kinds[m.group(1) + m.group(2)] += weight
        for m in YEAR_RE.finditer(text):
            years[int(m.group(1))] += weight
        m = TITLE_YEAR_RE.match(text)
        if m and _is_title(text):
            years[int(m.group(1))] += 3
    kind = DocumentKind(kinds.most_common(1)[0][0]) if kinds else None
    year = years.most_common(1)[0][0] if years else None
    if year is None:
        all_years = Counter(int(y) for i in items[:400] for y in re.findall(r"((?:19|20)\d{2})\s*年度", i.text))
        year = all_years.most_common(1)[0][0] if all_years else None

    unit = None
    units = Counter(m.group(1) for i in items for m in UNIT_RE.finditer(i.text) if len(m.group(1)) >= 3)
    if units:
        unit = units.most_common(1)[0][0]
    if unit is None:
        # the cover, often broken over lines ('中共上海市普陀区委' / '社会工作部 2024 年度' / '部门决算'), then the
        # first lines one by one; never a part heading ('第二部分 2019年度部门预算表')
        for text in ["".join(head[:2]), "".join(head[:3]), *head[:10]]:
            m = TITLE_UNIT_RE.search(PART_RE.sub("", text.replace(" ", "").replace("　", "")))
            if m and not PART_RE.match(m.group(1)) and "目录" not in m.group(1):
                unit = m.group(1)
                break
    if unit is None:
        orgs = Counter(m.group(1) for text in head for m in ORG_RE.finditer(text.replace(" ", "")))
        if orgs:
            unit = orgs.most_common(1)[0][0]
    region = _region_of(" ".join([unit or ""] + head[:5]))
    return {"kind": kind, "year": year, "unit_name": unit, "region": region, "level": _level_of(unit or "")}


def _region_of(text: str) -> str | None:
    for p in PROVINCES:
        if p in text:
            return p
    for place, province in PLACES.items():
        if place in text:
            return f"{province}·{place}"
    return None


def _level_of(unit: str) -> str | None:
    unit = re.sub(r"^(?:中国共产党|中共)", "", unit)  # 中共江苏省委办公厅, 中国共产党江苏省委员会办公厅
    if re.match(r"^(?:[\u4e00-\u9fff]{2,3})省", unit):
        return "省级"
    if re.search(r"[区县]", unit[:6]):
        return "县级"
    if re.search(r"[市州盟]", unit[:6]):
        return "市级"
    return None


def _is_title(text: str) -> bool:
    from gongkai.recognize.titles import title_candidates

    return bool(title_candidates(text))
