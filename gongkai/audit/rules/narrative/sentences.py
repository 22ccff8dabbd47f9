"""Arithmetic inside one sentence of the narrative: the amounts and rates it states, each with the words
that lead up to it, so that a rule can check a sentence against itself (执行率 = 执行数 ÷ 预算数,
调整后预算 = 批复 ± 追加/追减, 年末 = 年初 + 收入 − 支出) without looking at any table."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from gongkai.audit.finding import Location
from gongkai.audit.rules.narrative.common import half
from gongkai.model.document import Document

_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
# an amount (万元/元/亿元) or a percentage, numbers possibly spaced ('10993. 09', '4, 891. 78')
_FIGURE = re.compile(r"(?<![\d.])(\d[\d,，]*(?:\s*[.．]\s*\d+)?)\s*(万元|亿元|元|%|％)")
_SCALE = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}


@dataclass(frozen=True)
class Figure:
    value: Decimal
    unit: str  # 元 / 万元 / 亿元 / %
    printed: str
    lead: str  # the words between the previous figure (or the sentence start) and this one

    @property
    def decimals(self) -> int:
        return len(self.printed.split(".")[1]) if "." in self.printed else 0

    @property
    def half_unit(self) -> Decimal:
        return half(self.decimals)

    def in_yuan(self) -> Decimal:
        return self.value * _SCALE[self.unit]

    def yuan_half(self) -> Decimal:
        return self.half_unit * _SCALE[self.unit]


@dataclass(frozen=True)
class Sentence:
    text: str
    figures: tuple[Figure, ...]
    location: Location

    def amounts(self) -> list[Figure]:
        return [f for f in self.figures if f.unit != "%"]


def _number(text: str) -> tuple[Decimal, str] | None:
    printed = re.sub(r"[\s,，]", "", text).replace("．", ".")
    try:
        return Decimal(printed), printed
    except ArithmeticError:
        return None


def sentences(doc: Document) -> Iterator[Sentence]:
    """Every sentence of the narrative that states two or more figures."""
    for section in doc.sections:
        location = Location(section=" › ".join(section.path), span=section.span)
        for m in _SENTENCE.finditer(section.text or ""):
            text = m.group().strip()
            figures, last = [], 0
            for f in _FIGURE.finditer(text):
                read = _number(f.group(1))
                if read is None:
                    continue
                unit = "%" if f.group(2) in ("%", "％") else f.group(2)
                figures.append(Figure(read[0], unit, read[1], text[last:f.start()]))
                last = f.end()
            if len(figures) >= 2:
                yield Sentence(text=text, figures=tuple(figures), location=location)


def has(lead: str, *words: str) -> bool:
    return any(w in lead for w in words)


def explained_by_rounding(stated: Decimal, stated_half: Decimal, low: Decimal, high: Decimal) -> bool:
    """Whether the stated figure, ± half its last digit, meets the range the other printed figures allow."""
    return stated - stated_half <= high and stated + stated_half >= low
