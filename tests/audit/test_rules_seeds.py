"""What the audit reports on the founding documents (skipped without ../shared/seeds)."""

from __future__ import annotations

from decimal import Decimal as D

from conftest import parsed_seed
from gongkai.audit import audit


def findings(prefix, code, severity="error"):
    return [f for f in audit(parsed_seed(prefix)).findings if f.code == code and f.severity.value == severity]


def test_002_summary_totals_do_not_balance():
    (f,) = findings("002", "B101")
    assert (f.actual, f.expected) == (D("2808.65"), D("1764.51"))
    assert f.location.printed_number == "公开01表" and f.location.row_number == 13
    (g,) = [x for x in findings("002", "B111") if x.message.startswith("财政拨款收入总计")]
    assert (g.actual, g.expected) == (D("2797.72"), D("1753.58"))


def test_002_three_public_vehicle_subtotal():
    # one wrong subtotal makes the 合计 fail by the same 17: reported once, at the subtotal, with both cells
    (vehicle,) = findings("002", "T104")
    assert vehicle.location.column == "budget_vehicle" and (vehicle.actual, vehicle.expected) == (D("34"), D("17"))
    assert "budget_total" in {loc.column for loc in vehicle.related}
    assert {a.split("：")[0] for a in vehicle.also} == {"T104", "N101"}  # the 情况说明 states the right 17


def test_002_fiscal_summary_against_gpb_table():
    found = findings("002", "X104")
    assert any(f.location.row_code == "234" and f.difference == D("-10") for f in found)


def test_004_class_303_does_not_add_up():
    (f,) = findings("004", "H102")
    assert f.location.row_code == "303" and (f.actual, f.expected) == (D("3009.69"), D("3001.60"))
    # the 303 row is the one cause of the 人员经费合计 gap too: T103 is folded into the H102 finding
    assert findings("004", "T103") == []
    assert any(a.startswith("T103") and "8.09" in a for a in f.also)
    assert "人员经费合计" in {loc.row_label for loc in f.related}


def test_004_rounding_differences_are_only_info():
    report = audit(parsed_seed("004"))
    tails = [f for f in report.findings if f.difference is not None and abs(f.difference) <= D("0.02")]
    assert tails and all(f.severity.value == "info" for f in tails)


def test_004_economic_codes():
    c102 = {f.location.row_code for f in findings("004", "C102")}
    assert {"30208", "30901", "31001", "30999", "31302"} <= c102
    assert {f.location.row_code for f in findings("004", "C101")} == {"30238", "39905"}


def test_002_placeholder_left_in_the_note():
    assert any("XX" in f.message for f in findings("002", "G101"))
