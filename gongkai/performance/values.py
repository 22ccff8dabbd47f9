"""Reading the printed cells of performance tables: numbers, operators, units, dates, grades, free text.

Extractions of these tables are noisy: spaced decimals ("42. 8"), thousands separators ("4, 891. 78"),
OCR'd operators ("€" for ≤, "≽" for ≥, "&gt;"), markup left over from conversion ("<b>…</b>"). Every
reading keeps the printed text; a number keeps its printed precision (Decimal("42.8")).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from gongkai.model.performance import Measure, MeasureKind, Operator

_FULL_WIDTH = str.maketrans("０１２３４５６７８９，．－＋％＞＜＝　：", "0123456789,.-+%><= :")
_TAGS = re.compile(r"</?(?:b|i|u|sup|sub|ul|li|br|span|p)\s*/?>", re.I)
CJK = re.compile(r"[\u4e00-\u9fff]")

# operator symbols and their OCR look-alikes, and operator wording
OP_SYMBOLS: dict[str, Operator] = {
    "≥": Operator.GE, ">=": Operator.GE, "≽": Operator.GE, "≧": Operator.GE, "⩾": Operator.GE,
    ">": Operator.GT, "&gt;": Operator.GT, "＞": Operator.GT,
    "≤": Operator.LE, "<=": Operator.LE, "≼": Operator.LE, "≦": Operator.LE, "⩽": Operator.LE, "€": Operator.LE,
    "<": Operator.LT, "&lt;": Operator.LT, "＜": Operator.LT,
    "=": Operator.EQ, "＝": Operator.EQ,
    "定性": Operator.QUALITATIVE,
}
OP_WORDS: list[tuple[str, Operator]] = [
    ("大于等于", Operator.GE), ("大于或等于", Operator.GE), ("不低于", Operator.GE), ("不少于", Operator.GE),
    ("不小于", Operator.GE), ("至少", Operator.GE), ("达到", Operator.GE),
    ("小于等于", Operator.LE), ("小于或等于", Operator.LE), ("不高于", Operator.LE), ("不超过", Operator.LE),
    ("不大于", Operator.LE), ("控制在", Operator.LE),
    ("大于", Operator.GT), ("高于", Operator.GT), ("超过", Operator.GT),
    ("小于", Operator.LT), ("低于", Operator.LT),
    ("等于", Operator.EQ),
]
# trailing wording: 90%以上 (≥), 30天以内 (≤)
OP_SUFFIXES: list[tuple[str, Operator]] = [
    ("以上", Operator.GE), ("及以上", Operator.GE), ("以内", Operator.LE), ("之内", Operator.LE), ("以下", Operator.LE),
]

GRADE_CHARS = set("优良中低差好坏")
GRADES = {"优", "良", "中", "低", "差", "优秀", "良好", "中等", "较好", "好", "一般", "较差", "坏", "合格", "不合格",
          "达成", "部分达成", "未达成", "完成", "基本完成"}
GRADE_SYNONYMS = {"优秀": "优", "良好": "良", "中等": "中"}
DONE = re.compile(r"^(?:已|均已|全部|按时|如期|基本)?(?:完成|实现|达到|达成|到位|落实)(?:目标)?[。.]?$")
NOT_DONE = re.compile(r"未(?:完成|实现|达到|达成|开展|到位|落实)")
DATE_RE = re.compile(
    r"^(?P<year>(?:19|20)\d{2})\s*年\s*(?:(?P<month>\d{1,2})\s*月\s*(?:(?P<day>\d{1,2})\s*日)?)?\s*"
    r"(?P<end>底|末|年底|年末)?\s*(?P<bound>前|之前|以前|内|以内)?(?:完成)?$"
)
_NUMBER = re.compile(r"^(?P<sign>[-+])?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?$")
_VALUE = re.compile(
    r"^(?P<prefix>[^\d<>=≥≤]*?)\s*(?P<op>[<>=≥≤≽≼€]{1,2})?\s*(?P<num>[-+]?\d[\d,]*(?:\.\d+)?)\s*(?P<unit>[^\d]{0,12}?)\s*$"
)
_OCR_DIGITS = {"I": "1", "l": "1", "|": "1", "ı": "1", "O": "0", "o": "0"}


@lru_cache(maxsize=8192)
def _clean(text: str) -> str:
    t = _TAGS.sub("", text).replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&")
    t = t.translate(_FULL_WIDTH).replace("\u00a0", " ").replace("−", "-")
    return re.sub(r"\s+", " ", t).strip()


def clean(text: str | None) -> str:
    """Markup removed, full-width to half-width, whitespace collapsed (the printed words kept)."""
    return _clean(text) if text else ""


@lru_cache(maxsize=8192)
def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", _clean(text)).replace("単", "单")


def squeeze(text: str | None) -> str:
    """clean() without any whitespace: for comparing labels ('指标 性质' → '指标性质')."""
    return _squeeze(text) if text else ""


def read_number(text: str | None, ocr: bool = False) -> Decimal | None:
    """A plain printed number ('4, 891. 78' → 4891.78, '42. 8' → 42.8), else None. Keeps printed decimals.

    With `ocr`, a lone 'I'/'l' reads as 1 and 'O' as 0 (callers record that reading).
    """
    t = clean(text)
    if not t:
        return None
    t = re.sub(r"\s*([,.])\s*", r"\1", t)
    if re.search(r"\d\s+\d", t):
        return None  # several numbers in one cell
    t = t.replace(" ", "")
    if ocr and t in _OCR_DIGITS:
        t = _OCR_DIGITS[t]
    m = _NUMBER.match(t)
    if not m:
        return None
    digits = m.group("int").replace(",", "") + (f".{m.group('frac')}" if m.group("frac") else "")
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - the regex admits only digits
        return None
    return -value if m.group("sign") == "-" else value


def read_percent(text: str | None) -> Decimal | None:
    """'86. 16%' → 86.16; '100' → 100 (a 执行率/完成率 column prints percent with or without the sign)."""
    t = clean(text)
    if not t:
        return None
    t = re.sub(r"\s*([,.%])\s*", r"\1", t).replace(" ", "")
    if t.endswith("%"):
        t = t[:-1]
    return read_number(t)


def read_operator(text: str | None) -> Operator | None:
    """An 指标性质 cell: a symbol (or its OCR look-alike) or 定性. Repeated symbols ('< <') read once."""
    t = squeeze(text)
    if not t:
        return None
    if t in OP_SYMBOLS:
        return OP_SYMBOLS[t]
    if len(set(t)) == 1 and t[0] in OP_SYMBOLS and len(t) <= 3:
        return OP_SYMBOLS[t[0]]
    for word, op in OP_WORDS:
        if t == word:
            return op
    return None


def is_operator(text: str | None) -> bool:
    return read_operator(text) is not None


def normal_grade(text: str) -> str:
    return GRADE_SYNONYMS.get(text, text)


def is_scale(text: str | None) -> bool:
    """A grade scale such as '优良中低差', '优良中 低差', '好坏' (at least two grade characters, nothing else)."""
    t = squeeze(text)
    return len(t) >= 2 and set(t) <= GRADE_CHARS and t not in GRADES - {"好坏"}


def decimals(value: Decimal | None) -> int:
    """Printed decimals of a Decimal read from print."""
    if value is None:
        return 0
    exp = value.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def parse_measure(text: str | None, unit: str | None = None) -> Measure | None:
    """Read a target or actual value. `unit` is the separately printed 度量单位, if any."""
    printed = clean(text)
    if not printed:
        return None
    t = re.sub(r"\s*([,.%])\s*", r"\1", printed)
    if re.search(r"\d\s+\d", t) and not DATE_RE.match(t.replace(" ", "")):
        return Measure(text=printed, kind=MeasureKind.TEXT)  # several numbers in one cell: not one value
    t = t.replace(" ", "")
    unit = clean(unit) or None
    if unit and unit in ("级", "/"):
        unit = None
    # a grade scale or a single grade
    if is_scale(t):
        return Measure(text=printed, kind=MeasureKind.SCALE, scale=[c for c in t if c in GRADE_CHARS])
    if t.rstrip("。.") in GRADES and not DONE.match(t):
        g = t.rstrip("。.")
        return Measure(text=printed, kind=MeasureKind.GRADE, grade=normal_grade(g))
    # a date or deadline
    m = DATE_RE.match(t)
    if m:
        return Measure(text=printed, kind=MeasureKind.DATE, year=int(m.group("year")),
                       month=int(m.group("month")) if m.group("month") else None,
                       day=int(m.group("day")) if m.group("day") else None,
                       deadline=bool(m.group("bound") or m.group("end")))
    # a number, with an operator and a unit, possibly a short wording before it
    num = _number_measure(t, printed, unit)
    if num is not None:
        return num
    done = True if DONE.match(t) else False if NOT_DONE.search(t) else None
    return Measure(text=printed, kind=MeasureKind.TEXT, completed=done, unit=unit)


def _number_measure(t: str, printed: str, unit: str | None) -> Measure | None:
    op: Operator | None = None
    body = t
    for word, o in OP_WORDS:
        if body.startswith(word):
            op, body = o, body[len(word):]
            break
    for word, o in OP_SUFFIXES:
        if body.endswith(word):
            op, body = op or o, body[: -len(word)]
            break
    m = _VALUE.match(body)
    if not m:
        return None
    prefix = m.group("prefix") or ""
    if prefix and (len(prefix) > 6 or re.search(r"[，,。;；、]", prefix)):
        return None  # a sentence with a number in it, not a value
    if prefix:
        for word, o in OP_WORDS:
            if prefix.endswith(word):
                op = op or o
                break
    sym = m.group("op")
    if sym:
        sym_op = read_operator(sym)
        if sym_op is None:
            return None
        op = sym_op
    value = read_number(m.group("num"))
    if value is None:
        return None
    u = (m.group("unit") or "").strip() or None
    if u and (re.search(r"\d", u) or len(u) > 10 or re.search(r"[，,。;；]", u)):
        return None
    return Measure(text=printed, kind=MeasureKind.NUMBER, op=op, value=value, unit=u or unit)


def same_text(a: Measure | None, b: Measure | None) -> bool:
    if a is None or b is None:
        return False
    return squeeze(a.text).rstrip("。.") == squeeze(b.text).rstrip("。.")
