"""Region and level of a disclosing unit from its name, by the gazetteer in catalog/places.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Place:
    name: str  # 无锡市, 湘西土家族苗族自治州, 江苏省
    short: str  # 无锡, 湘西, 江苏
    province: str  # short name of the province (the place itself for a province)
    prefecture: bool
    municipality: bool = False


@cache
def vocabulary() -> dict:
    text = resources.files("gongkai.catalog").joinpath("identity.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@cache
def gazetteer() -> tuple[list[Place], list[Place]]:
    """(provinces, prefectures), longest names first so that 内蒙古 wins over shorter matches."""
    data = yaml.safe_load(resources.files("gongkai.catalog").joinpath("places.yaml").read_text("utf-8"))
    provinces, prefectures = [], []
    for p in data["provinces"]:
        provinces.append(Place(p["name"], p["short"], p["short"], False, bool(p.get("municipality"))))
        for entry in p.get("prefectures", []):
            name, _, short = entry.partition("|")
            short = short or re.sub(r"(?:市|地区|盟)$", "", name)
            prefectures.append(Place(name, short, p["short"], True))
    by_length = lambda pl: -len(pl.short)  # noqa: E731
    return sorted(provinces, key=by_length), sorted(prefectures, key=by_length)


def _strip_party(name: str) -> str:
    return re.sub(r"^(?:中国共产党|中共)", "", name)  # 中共江苏省委办公厅, 中国共产党广州市委员会宣传部


def _starts(name: str, place: Place) -> int:
    """Length of the place's name at the start of a unit name (full, or short not followed by what makes it
    another place: 吉林市 is not 吉林省, 朝阳区 is not 朝阳市), else 0."""
    if name.startswith(place.name):
        return len(place.name)
    after = name[len(place.short):len(place.short) + 1]
    if name.startswith(place.short) and not re.match(r"[区县旗]" if place.prefecture else r"[市州区县旗盟]", after):
        return len(place.short)
    return 0


def locate(name: str) -> tuple[Place | None, Place | None, str]:
    """The province and prefecture a unit name begins with ('江苏省无锡市…', '无锡市…', '福州经济技术开发区…'),
    and the rest of the name after them."""
    name = _strip_party(name.replace(" ", ""))
    provinces, prefectures = gazetteer()
    province = next((p for p in provinces if name.startswith(p.name)), None)
    prefecture = None if province else next((p for p in prefectures if name.startswith(p.name)), None)
    if province is None and prefecture is None:
        province = next((p for p in provinces if _starts(name, p)), None)
    rest = name[_starts(name, province):] if province else name
    if prefecture is None:
        for p in prefectures:
            if province is not None and p.province != province.short:
                continue
            if province is None and any(p.short == q.short for q in provinces) and not rest.startswith(p.name):
                continue  # 吉林 alone is the province
            if n := _starts(rest, p):
                prefecture, rest = p, rest[n:]
                break
    else:
        rest = rest[len(prefecture.name):]
    if province is None and prefecture is not None:
        province = next(p for p in provinces if p.short == prefecture.province)
    return province, prefecture, rest


def find_in_text(text: str) -> tuple[Place | None, Place | None]:
    """A full place name anywhere in a text (a cover line): the prefecture first, then the province."""
    text = text.replace(" ", "")
    provinces, prefectures = gazetteer()
    for p in prefectures:
        if p.name in text:
            return next(q for q in provinces if q.short == p.province), p
    for p in provinces:
        if p.name in text:
            return p, None
    return None, None


def is_central(name: str) -> bool:
    voc = vocabulary()
    name = name.replace(" ", "")
    return (any(name.startswith(p) for p in voc["central_prefixes"])
            or any(re.match(rx, name) for rx in voc["central_names"]))


def region_and_level(name: str | None, cover: str = "") -> tuple[str | None, str | None]:
    """'江苏·无锡' / '江苏' / None, and 省级 / 市级 / 县级 / 中央 / None, from the unit name (then the cover)."""
    if not name:
        province, prefecture = find_in_text(cover)
        return _region(province, prefecture), None
    province, prefecture, rest = locate(name)
    if province is None:
        if is_central(_strip_party(name)):
            # a central organ's office in a province or city (国家税务总局江苏省税务局) is of that place
            province, prefecture = find_in_text(name)
            if province is None:
                return None, "中央"
            return _region(province, prefecture), "市级" if prefecture is not None else "省级"
        province, prefecture = find_in_text(cover)
        return _region(province, prefecture), "县级" if _county(name) else None
    level = "县级" if _county(rest) else "市级" if prefecture is not None else "省级"
    return _region(province, prefecture), level


def _county(rest: str) -> bool:
    return any(re.match(rx, rest) for rx in vocabulary()["county_markers"])


def _region(province: Place | None, prefecture: Place | None) -> str | None:
    if province is None:
        return None
    return f"{province.short}·{prefecture.short}" if prefecture is not None else province.short
