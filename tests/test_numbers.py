from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.model.table import CellKind
from gongkai.recognize.numbers import decimals_of, is_row_number, parse_number

FULL = str.maketrans("0123456789,.-", "０１２３４５６７８９，．－")


@pytest.mark.parametrize("text,value", [
    ("6,275.58", "6275.58"), ("12905. 09", "12905.09"), ("4, 891. 78", "4891.78"), ("（12.5）", "-12.5"),
    ("(1,000.00)", "-1000.00"), ("－3", "-3"), ("１２３．４", "123.4"), ("0　", "0"), ("-0.38", "-0.38"),
])
def test_reads_printed_numbers(text, value):
    assert parse_number(text) == (CellKind.NUMBER, Decimal(value))


@pytest.mark.parametrize("text,kind", [
    ("", CellKind.BLANK), ("　", CellKind.BLANK), ("—", CellKind.DASH), ("-", CellKind.DASH),
    ("/", CellKind.DASH), ("——", CellKind.DASH), ("≥90%", CellKind.TEXT), ("1,23", CellKind.TEXT),
    ("1.2.3", CellKind.TEXT), ("优", CellKind.TEXT), ("86.16%", CellKind.TEXT),
])
def test_classifies_non_numbers(text, kind):
    assert parse_number(text)[0] is kind


def test_percent_only_when_allowed():
    assert parse_number("86.16%", allow_percent=True) == (CellKind.NUMBER, Decimal("86.16"))


def _printed(value: Decimal, sep: bool, full: bool, spaced: bool, paren: bool) -> str:
    text = f"{abs(value):,.2f}" if sep else f"{abs(value):.2f}"
    if spaced:
        text = text.replace(".", ". ").replace(",", ", ")
    if value < 0:
        text = f"({text})" if paren else f"-{text}"
    return text.translate(FULL) if full else text


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
       st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_round_trips_every_printing(value, sep, full, spaced, paren):
    kind, read = parse_number(_printed(value, sep, full, spaced, paren))
    assert kind is CellKind.NUMBER
    assert read == value.quantize(Decimal("0.01"))


@given(st.integers(min_value=1, max_value=999))
def test_row_numbers(n):
    assert is_row_number(str(n))
    assert not is_row_number(f"{n}.00")


def test_decimals_of():
    assert decimals_of("1,234.50") == 2 and decimals_of("12") == 0 and decimals_of("12905. 09") == 2


def test_a_spreadsheet_format_that_groups_only_the_last_three_digits():
    from decimal import Decimal

    from gongkai.model.table import CellKind
    from gongkai.recognize.numbers import parse_number

    assert parse_number("125360,898") == (CellKind.NUMBER, Decimal("125360898"))
    assert parse_number("7880,000.50") == (CellKind.NUMBER, Decimal("7880000.50"))
    assert parse_number("2019,2020")[0] is CellKind.TEXT  # not a thousands group
    assert parse_number("12,34")[0] is CellKind.TEXT
