"""Government revenue/expenditure classification codes (政府收支分类科目).

Three kinds of catalogue are shipped as CSV files in ``gongkai/catalog/codes/``:

* ``functional``   支出功能分类科目 (类 3 digits, 款 5 digits, 项 7 digits)
* ``economic``     部门预算支出经济分类科目 (类 3 digits, 款 5 digits)
* ``economic_gov`` 政府预算支出经济分类科目 (类 3 digits, 款 5 digits)

One file per edition year (``<kind>_<year>.csv``). Files are loaded lazily
and cached. See ``codes/README.md`` for coverage and known gaps.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

KINDS = ("functional", "economic", "economic_gov")
_FILE_RE = re.compile(r"^(functional|economic_gov|economic)_(\d{4})\.csv$")
_LEVELS = {3: "类", 5: "款", 7: "项"}


@dataclass(frozen=True)
class Code:
    """One catalogue entry."""

    code: str
    name: str
    kind: str

    @property
    def level(self) -> str:
        """"类", "款" or "项", derived from the code length."""
        return level_of(self.code)

    @property
    def parent_code(self) -> str | None:
        """Code of the enclosing 类/款, or None for a 类."""
        return self.code[:-2] if len(self.code) > 3 else None


def level_of(code: str) -> str:
    """Level ("类"/"款"/"项") of a code string, from its length."""
    try:
        return _LEVELS[len(code)]
    except KeyError:
        raise ValueError(f"not a classification code: {code!r}") from None


def kind_of(code: str) -> str | None:
    """Guess the catalogue kind from the leading digit (2/3/5), or None."""
    if not code or not code.isdigit():
        return None
    return {"2": "functional", "3": "economic", "5": "economic_gov"}.get(code[0])


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {KINDS}")


def _data_dir():
    return resources.files("gongkai.catalog").joinpath("codes")


@lru_cache(maxsize=None)
def _editions() -> dict[str, tuple[int, ...]]:
    found: dict[str, list[int]] = {k: [] for k in KINDS}
    for entry in _data_dir().iterdir():
        m = _FILE_RE.match(entry.name)
        if m:
            found[m.group(1)].append(int(m.group(2)))
    return {k: tuple(sorted(v)) for k, v in found.items()}


def editions(kind: str = "functional") -> tuple[int, ...]:
    """Edition years available for ``kind``, ascending."""
    _check_kind(kind)
    return _editions()[kind]


def edition_for(year: int | None, kind: str = "functional") -> int:
    """Edition to use for a document of ``year``.

    The newest edition not later than ``year``; the earliest edition when
    ``year`` predates all of them; the latest when ``year`` is None.
    """
    eds = editions(kind)
    if not eds:
        raise LookupError(f"no {kind} catalogue files installed")
    if year is None:
        return eds[-1]
    usable = [e for e in eds if e <= year]
    return usable[-1] if usable else eds[0]


def edition_lags(year: int | None, kind: str = "functional") -> bool:
    """True when the catalogue has no edition for ``year`` yet and an older one stands in: codes added
    or renamed that year cannot be told from mistakes."""
    return year is not None and edition_for(year, kind) < year


@lru_cache(maxsize=None)
def _load(kind: str, edition: int) -> dict[str, Code]:
    text = _data_dir().joinpath(f"{kind}_{edition}.csv").read_text(encoding="utf-8")
    out: dict[str, Code] = {}
    for row in csv.DictReader(io.StringIO(text)):
        code = row["code"].strip()
        out[code] = Code(code=code, name=row["name"].strip(), kind=kind)
    return out


def all_codes(year: int | None = None, kind: str = "functional") -> dict[str, Code]:
    """All entries of the edition used for ``year`` (a fresh dict)."""
    _check_kind(kind)
    return dict(_load(kind, edition_for(year, kind)))


def lookup(code: str, year: int | None = None, kind: str = "functional") -> Code | None:
    """The entry for ``code`` in the edition used for ``year``, or None."""
    _check_kind(kind)
    return _load(kind, edition_for(year, kind)).get(str(code).strip())


def children(code: str | None, year: int | None = None, kind: str = "functional") -> list[Code]:
    """Direct children of ``code`` (all 类 when ``code`` is None or "")."""
    _check_kind(kind)
    table = _load(kind, edition_for(year, kind))
    if not code:
        return [c for c in table.values() if len(c.code) == 3]
    return [c for c in table.values() if c.parent_code == code]


_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "〔": "(", "〕": ")", "【": "[", "】": "]"})
_SPACE_RE = re.compile(r"\s+")


def normalize_name(name: str) -> str:
    """Canonical form of a name: NFKC, no whitespace, ASCII brackets/quotes."""
    s = unicodedata.normalize("NFKC", name or "").translate(_QUOTES)
    return _SPACE_RE.sub("", s)


def names_match(a: str, b: str) -> bool:
    """True when two names differ only in whitespace, width or quote style."""
    return normalize_name(a) == normalize_name(b)
