"""The table-template catalogue: data files under catalog/tables, loaded into small models.

A template describes one standard table: its canonical id and title, the title aliases seen in the
wild, a layout (how its grid is read), its columns (with header aliases) and its fixed rows.
Profiles (catalog/profiles) list which templates a region's disclosure set contains, with numbers.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, Field

LAYOUTS = ("two_sided", "coded", "economic_blocks", "matrix", "labelled", "unit_rows", "generic", "listed")


class TemplateColumn(BaseModel):
    key: str
    header: str
    aliases: list[str] = Field(default_factory=list)
    optional: bool = False
    text: bool = False  # a column of text (绩效目标), not of amounts

    @property
    def names(self) -> list[str]:
        return [self.header.split()[-1], *self.aliases]


class ColumnSum(BaseModel):
    """An identity between columns of every row: total = Σ parts."""

    total: str
    parts: list[str]
    requires: list[str] = Field(default_factory=list, description="parts that must be printed for the sum to hold")
    absent: list[str] = Field(default_factory=list, description="columns whose printing means another sum holds")


class TemplateRow(BaseModel):
    key: str
    label: str
    aliases: list[str] = Field(default_factory=list)
    code: str | None = None
    section: str | None = None
    unit: str | None = None

    @property
    def names(self) -> list[str]:
        return [self.label, *self.aliases]


class TemplateBlock(BaseModel):
    key: str
    name: str
    columns: list[TemplateColumn]
    rows: list[TemplateRow] = Field(default_factory=list)
    class_rows: bool = False  # the block also lists 功能分类 类 rows (总表 expenditure side)


class Template(BaseModel):
    id: str
    kind: str  # final | budget | performance
    title: str
    aliases: list[str] = Field(default_factory=list)
    layout: str
    code_kind: str | None = None
    columns: list[TemplateColumn] = Field(default_factory=list)
    rows: list[TemplateRow] = Field(default_factory=list)
    blocks: list[TemplateBlock] = Field(default_factory=list)
    orders: dict[str, list[str]] = Field(default_factory=dict)
    order_detect: dict[str, str] = Field(default_factory=dict)
    unit: str | None = None  # default printed unit, if the template fixes one
    column_sums: list[ColumnSum] = Field(default_factory=list)
    # unit_rows layout: what the rows under each unit are — none (every row is a unit), economic (经济分类 类
    # named without code), by_sum (projects: a unit row is the sum of the rows under it)
    unit_items: str | None = None
    match: str = "exact"  # exact: the title is an alias; suffix: the title ends with one (project name first)

    @property
    def names(self) -> list[str]:
        return [self.title, *self.aliases]

    def all_columns(self) -> list[TemplateColumn]:
        return self.columns + [c for b in self.blocks for c in b.columns]


class ProfileTable(BaseModel):
    template: str
    number: str | None = None
    required: bool = True


class Profile(BaseModel):
    id: str
    name: str
    kind: str  # 部门决算 / 部门预算 …
    regions: list[str] = Field(default_factory=list)
    tables: list[ProfileTable]
    sections: list[str] = Field(default_factory=list, description="required narrative sections")


def _load_yaml_dir(package: str) -> list[dict]:
    out = []
    for entry in sorted(resources.files(package).rglob("*.yaml"), key=lambda p: str(p)):
        out.append(yaml.safe_load(entry.read_text(encoding="utf-8")))
    return out


@cache
def templates() -> dict[str, Template]:
    return {t.id: t for t in (Template(**d) for d in _load_yaml_dir("gongkai.catalog.tables"))}


@cache
def profiles() -> dict[str, Profile]:
    return {p.id: p for p in (Profile(**d) for d in _load_yaml_dir("gongkai.catalog.profiles"))}


@cache
def functional_classes() -> dict[str, list[str]]:
    text = resources.files("gongkai.catalog").joinpath("functional_classes.yaml").read_text("utf-8")
    return {str(k): v for k, v in yaml.safe_load(text).items()}


_NOISE = re.compile(r"[\s　:：]|^[（(]?[一二三四五六七八九十]+[)）、.．]|^\d+[.、．]|^[（(]\d+[)）]")


@lru_cache(maxsize=8192)
def norm_label(text: str) -> str:
    """Normalise a printed label for matching: strip ordinal prefixes, spaces, brackets, quotes."""
    t = re.sub(r"\s+", "", text)
    t = re.sub(r"^[（(]?[一二三四五六七八九十]+[)）、.．]", "", t)
    t = re.sub(r"^[（(]\d+[)）]|^\d+[.、．](?!\d)", "", t)
    t = t.replace("(", "（").replace(")", "）").replace('"', "“").replace("”", "“").replace("'", "“")
    t = t.replace("：", "").replace(":", "").replace("“", "")
    return t


RELAXED_RATIO = 0.7  # how close a low-confidence (OCR) label must be to a name it is read as


def nearest(text: str, options: list[tuple[object, list[str]]], floor: float = RELAXED_RATIO) -> object | None:
    """The option whose names come closest to `text` (difflib ratio ≥ floor), when exactly one does.
    For labels read with low OCR confidence ('卫牛健康支出' for 卫生健康支出)."""
    from difflib import SequenceMatcher

    t = norm_label(text)
    if len(t) < 3:
        return None
    best, score, tie = None, floor, False
    for obj, names in options:
        r = max((SequenceMatcher(None, t, norm_label(n)).ratio() for n in names), default=0.0)
        if r > score:
            best, score, tie = obj, r, False
        elif r == score and best is not None and obj is not best:
            tie = True
    return None if tie else best


@lru_cache(maxsize=1024)
def class_code_near(label: str) -> str | None:
    """`class_code_for` for a label read with low confidence: the closest class name."""
    return nearest(label, list(functional_classes().items()))  # type: ignore[return-value]


@lru_cache(maxsize=4096)
def class_code_for(label: str) -> str | None:
    """The 功能分类 类 code for a printed class label ('九、卫生健康支出' → '210')."""
    t = norm_label(label)
    for code, names in functional_classes().items():
        if any(t == norm_label(n) for n in names):
            return code
    return None
