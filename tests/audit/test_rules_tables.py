"""Balance, totals, hierarchy and cross-table rules: each fires on a planted error and is silent otherwise.

Every test names its rule code, so removing a rule from the registry makes its test fail.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from gongkai.audit import audit
from audit_helpers import bump, codes_found, doc_with, example, table

PLANTS = [
    # code, template, row key or code, column
    ("B101", "final.summary", "exp_grand", "amount"),
    ("B102", "final.summary", "inc_begin", "amount"),
    ("B103", "final.summary", "exp_end", "amount"),
    ("B104", "final.summary", "inc_other", "amount"),
    ("B105", "final.summary", "class_210", "amount"),
    ("B111", "final.fiscal_summary", "exp_grand", "total"),
    ("B112", "final.fiscal_summary", "inc_gf", "amount"),
    ("T101", "final.expenditure", "total", "basic"),
    ("T102", "final.expenditure", "2101501", "total"),
    ("T103", "final.gpb_basic", "personnel_total", "amount"),
    ("T104", "final.three_public", "amounts", "actual_total"),
    ("H101", "final.expenditure", "2101505", "project"),
    ("H102", "final.gpb_basic", "30101", "amount"),
    ("X101", "final.income", "total", "total"),
    ("X102", "final.expenditure", "total", "total"),
    ("X103", "final.fiscal_summary", "inc_gpb", "amount"),
    ("X104", "final.gpb_expenditure", "210", "total"),
    ("X105", "final.gpb_basic", "public_total", "amount"),
]


def test_consistent_example_has_no_error_or_warning():
    report = audit(example())
    assert [f.code for f in report.findings if f.severity.value != "info"] == []
    assert len(report.rules_run) >= 25


@pytest.mark.parametrize("code,template,key,column", PLANTS, ids=[p[0] for p in PLANTS])
def test_planted_error_is_found_at_its_cell(code, template, key, column):
    doc = example()
    assert codes_found(doc, code) == []
    bump(doc, template, key, column)
    found = codes_found(doc, code)
    assert found, f"{code} did not fire"
    planted = [loc for f in found for loc in f.all_locations
               if loc.template_id == template and loc.column == column]
    assert planted, f"{code} does not point at the planted cell"
    f = found[0]
    assert f.formula and f.message and abs(f.difference) == D("1.00")


def test_b121_carryover():
    cols = ["begin", "income", "total", "basic", "project", "end"]
    good = table("final.gov_fund", "政府性基金预算财政拨款收入支出决算表", cols,
                 [("total", None, "合计", ["5", "10", "12", "0", "12", "3"])])
    assert codes_found(doc_with(good), "B121") == []
    bad = table("final.gov_fund", "政府性基金预算财政拨款收入支出决算表", cols,
                [("total", None, "合计", ["5", "10", "12", "0", "12", "4"])])
    (f,) = codes_found(doc_with(bad), "B121")
    assert f.expected == D("3") and f.actual == D("4") and "年初结转和结余 5 + 本年收入 10 − 本年支出 12" in f.formula


def test_t105_info_stats():
    rows = [("procurement_total", None, "合计", ["10"]), ("procurement_goods", None, "货物", ["6"]),
            ("procurement_works", None, "工程", ["0"]), ("procurement_services", None, "服务", ["3"])]
    (f,) = codes_found(doc_with(table("final.info_stats", "部门决算公开相关信息统计表", ["value"], rows)), "T105")
    assert f.difference == D("1")


def test_x106_fund_table_against_fiscal_summary():
    doc = example()
    fiscal = doc.table("final.fiscal_summary")
    fund = table("final.gov_fund", "政府性基金预算财政拨款收入支出决算表",
                 ["begin", "income", "total", "basic", "project", "end"],
                 [("total", None, "合计", ["0", "0", "7", "0", "7", "0"])])
    doc.tables[doc.tables.index(doc.table("final.gov_fund"))] = fund
    found = codes_found(doc, "X106")
    assert found and found[0].actual == D("7") and found[0].expected == fiscal.row("exp_total").value("gf")


def test_a_rule_that_cannot_read_says_nothing():
    doc = example()
    cell = doc.table("final.summary").row("exp_grand").cells["amount"]
    cell.kind, cell.value, cell.text = cell.kind.TEXT, None, "见附表"
    assert codes_found(doc, "B101") == [] and codes_found(doc, "B103") == []
