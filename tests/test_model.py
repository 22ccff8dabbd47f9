from decimal import Decimal

import jsonschema
import pytest

from gongkai.model import Amount, Cell, CellKind, Document, Level, Row, Source, Span, Table, Unit, json_schema
from gongkai.model.table import level_of_code


def test_amount_converts_exactly():
    assert Amount(value=Decimal("6275.58"), unit=Unit.WAN).to(Unit.YUAN).value == Decimal("62755800")
    assert Amount(value=Decimal("1"), unit=Unit.YUAN).to(Unit.WAN).value == Decimal("0.0001")


def test_levels_from_codes():
    assert level_of_code("210") is Level.CLASS
    assert level_of_code("21015") is Level.SECTION
    assert level_of_code("2101501") is Level.ITEM
    assert level_of_code("合计") is None and level_of_code(None) is None


def test_cells_keep_text_and_zero_semantics():
    blank = Cell(kind=CellKind.BLANK)
    dash = Cell(kind=CellKind.DASH, text="—")
    text = Cell(kind=CellKind.TEXT, text="优")
    num = Cell(kind=CellKind.NUMBER, value=Decimal("1.50"), text="1.50")
    assert blank.number is None and blank.zero_or_value == 0
    assert dash.zero_or_value == 0 and text.zero_or_value is None
    assert num.number == Decimal("1.50")


def test_row_and_table_lookups():
    row = Row(code="2101501", label="行政运行", cells={"total": Cell(kind=CellKind.NUMBER, value=Decimal(3))})
    table = Table(title="支出决算表", rows=[row, Row(key="total", label="合计")])
    assert table.by_code("2101501") is row and table.row("total").label == "合计"
    assert row.level is Level.ITEM and row.value("total") == 3 and row.value("x") is None


def test_span_describes_in_chinese():
    assert Span(page=3).describe() == "第3页"
    assert Span(line=10, line_end=12).describe() == "第10–12行"
    assert Span.cover([Span(line=5), None, Span(line=2, line_end=9)]) == Span(line=2, line_end=9)


def test_decimal_survives_json_round_trip():
    doc = Document(source=Source(path="x", sha256="0", format="text"),
                   tables=[Table(title="t", rows=[Row(cells={"a": Cell(kind=CellKind.NUMBER, value=Decimal("0.10"), text="0.10")})])])
    again = Document.model_validate_json(doc.model_dump_json())
    assert again.tables[0].rows[0].cells["a"].value == Decimal("0.10")
    jsonschema.validate(doc.model_dump(mode="json"), json_schema())


def test_schema_rejects_a_wrong_document():
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"source": {"path": 1}}, json_schema())
