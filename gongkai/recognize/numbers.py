"""Reading printed numbers: thousand separators, full-width digits, spaced decimals, dashes, negatives."""

from __future__ import annotations

import re
from functools import lru_cache
from decimal import Decimal, InvalidOperation

from gongkai.model.table import CellKind

_FULL_WIDTH = str.maketrans(
    "０１２３４５６７８９，．－＋（）％　",
    "0123456789,.-+()% ",
)
_DASHES = {"-", "—", "–", "－", "——", "--", "/", "／", "-/-", "—/—", "─", "━", "…", "……"}
_SPACE_AROUND = re.compile(r"\s*([,.])\s*")
# thousands groups as printed, including a spreadsheet format that groups only the last three digits
# ('125360,898' for 125,360,898)
_NUMBER = re.compile(r"^(?P<sign>[-+−])?(?P<int>\d+(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?(?P<pct>%)?$")


@lru_cache(maxsize=32768)
def normalise(text: str) -> str:
    """Full-width to half-width, unify minus signs, drop all inner whitespace around separators."""
    t = text.translate(_FULL_WIDTH).replace("−", "-").replace("\u00a0", " ").strip()
    t = _SPACE_AROUND.sub(r"\1", t)
    return t


@lru_cache(maxsize=32768)
def parse_number(text: str, allow_percent: bool = False) -> tuple[CellKind, Decimal | None]:
    """Classify a printed cell and read its number.

    Returns (NUMBER, value), (BLANK, None), (DASH, None) or (TEXT, None). Parenthesised values are
    negative: '(12.50)' → -12.50. With `allow_percent`, '12.5%' reads as 12.5 (the printed figure).
    """
    t = normalise(text)
    if not t:
        return CellKind.BLANK, None
    if t in _DASHES or set(t) <= set("-—–－/"):
        return CellKind.DASH, None
    negative = False
    if len(t) > 2 and t[0] == "(" and t[-1] == ")":
        negative, t = True, t[1:-1].strip()
    t = t.replace(" ", "")
    if "\n" in t:  # a number wrapped in a narrow cell ('143,999.0' over '0'): the pieces are one number
        t = re.sub(r"\s+", "", t)
    m = _NUMBER.match(t)
    if not m or (m.group("pct") and not allow_percent):
        return CellKind.TEXT, None
    digits = m.group("int").replace(",", "") + (f".{m.group('frac')}" if m.group("frac") else "")
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the regex admits only digits
        return CellKind.TEXT, None
    if m.group("sign") == "-":
        negative = not negative
    return CellKind.NUMBER, -value if negative else value


def decimals_of(text: str) -> int:
    """Number of printed decimal places ('1,234.50' → 2, '12' → 0)."""
    t = normalise(text).replace(" ", "").rstrip("%)")
    return len(t.split(".")[1]) if "." in t else 0


def is_row_number(text: str) -> bool:
    """Could the text be a 行次 / 栏次 (a small whole number, no separators)?"""
    t = normalise(text)
    return t.isdigit() and len(t) <= 3 and not t.startswith("0")
