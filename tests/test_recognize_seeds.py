"""Recognition of the founding documents (skipped when ../shared/seeds is absent)."""

from __future__ import annotations

import json
import re
from decimal import Decimal as D

import jsonschema
import pytest

from conftest import parsed_seed, seed_path
from gongkai.model import CellKind, DocumentKind, Unit, json_schema

FINAL_SET = ["final.summary", "final.income", "final.expenditure", "final.fiscal_summary",
             "final.gpb_expenditure", "final.gpb_basic", "final.three_public", "final.gov_fund"]


def values(row):
    return [c.value if c.kind is CellKind.NUMBER else None for c in row.cells.values()]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_seed_parses_to_schema_valid_json(prefix):
    doc = parsed_seed(prefix)
    jsonschema.validate(json.loads(doc.model_dump_json()), json_schema())
    assert doc.tables and doc.sections


# -- seed 004: 临汾 2021, one row per line ---------------------------------------------------------
def test_004_identity_and_all_ten_tables():
    doc = parsed_seed("004")
    assert (doc.kind, doc.year, doc.unit_name, doc.profile) == (
        DocumentKind.DEPT_FINAL, 2021, "临汾市医疗保障局", "shanxi_final")
    numbered = {t.printed_number: t.template_id for t in doc.tables if t.printed_number}
    assert numbered == {
        "公开01表": "final.summary", "公开02表": "final.income", "公开03表": "final.expenditure",
        "公开04表": "final.fiscal_summary", "公开05表": "final.gpb_expenditure", "公开06表": "final.gpb_basic",
        "公开07表": "final.three_public", "公开08表": "final.gov_fund",
        "公开09表": "final.soe_capital_expenditure", "公开10表": "final.info_stats"}
    assert all(t.unit is Unit.WAN for t in doc.tables if t.printed_number)


def test_004_summary_keeps_row_numbers_apart_from_amounts():
    t = parsed_seed("004").table("final.summary")
    gpb = t.row("inc_gpb")
    assert gpb.number == 1 and gpb.value("amount") == D("6275.58")
    assert t.row("exp_total").value("amount") == D("6360.07")
    assert t.row("inc_grand").value("amount") == t.row("exp_grand").value("amount") == D("6360.07")
    assert t.row("inc_total").value("amount") == D("6355.58") and t.row("inc_total").number is None
    health = t.row("class_210")
    assert (health.number, health.code, health.value("amount")) == (40, "210", D("6048.12"))
    # every class row from 一般公共服务 (32) to 抗疫 (57) with its own 行次, none read as an amount
    classes = [r for r in t.rows if r.key and r.key.startswith("class_")]
    assert [r.number for r in classes] == list(range(32, 58))
    assert sum(r.value("amount") for r in classes) == D("6360.07")


def _oracle_rows(text: str, number: str) -> list[tuple[str, list[D]]]:
    """Independent reading of a one-row-per-line coded table: code and numbers of each line."""
    lines = text.splitlines()
    start = next(k for k, line in enumerate(lines) if number in line)
    out = []
    for line in lines[start + 1:]:
        if line.startswith("注"):
            break
        fields = [f.strip() for f in line.split("\t")]
        if re.fullmatch(r"\d{3}(\d{2}){0,2}", fields[0]):
            out.append((fields[0], [D(f.replace(",", "")) for f in fields[2:] if f]))
    return out


@pytest.mark.parametrize("template,number", [
    ("final.income", "公开02表"), ("final.expenditure", "公开03表"), ("final.gpb_expenditure", "公开05表")])
def test_004_coded_tables_every_row_and_amount(template, number):
    text = seed_path("004").read_text(encoding="utf-8")
    t = parsed_seed("004").table(template)
    coded = [(r.code, values(r)) for r in t.rows if r.code]
    assert coded == _oracle_rows(text, number)
    assert t.row("total") is not None


def test_004_basic_expenditure_four_blocks_and_summary_row():
    t = parsed_seed("004").table("final.gpb_basic")
    assert [c.key for c in t.columns] == ["amount", "basic"]
    assert {r.block for r in t.rows if r.code} == {"1", "2", "3", "4"}
    assert t.by_code("301").cells["amount"].value == D("376.14")
    assert t.by_code("303").cells["basic"].value == D("1.54")
    assert t.by_code("313").cells["basic"].kind is CellKind.DASH
    assert values(t.row("personnel_total")) == [D("3377.74"), D("360.88")]
    assert values(t.row("public_total")) == [D("2902.33"), D("51.70")]
    assert len([r for r in t.rows if r.code]) == 108


def test_004_three_public_and_info_stats():
    doc = parsed_seed("004")
    (row,) = doc.table("final.three_public").rows
    assert row.value("budget_total") == D("10.00") and row.value("budget_reception") == D("5.40")
    assert row.value("actual_total") == D("0.86") and row.value("actual_vehicle_run") == D("0.86")
    stats = doc.table("final.info_stats")
    assert [r.number for r in stats.rows] == list(range(1, 18))
    assert stats.row("procurement_total").value("value") == D("186.86")
    assert stats.row("running_admin").value("value") == D("28.49")
    assert stats.row("vehicles_other").value("value") == 1


def test_004_empty_tables_carry_their_note():
    doc = parsed_seed("004")
    for tid in ("final.gov_fund", "final.soe_capital_expenditure"):
        t = doc.table(tid)
        assert t.empty_note and "本表无数据" in t.empty_note and t.is_empty


# -- seed 002: 湘西 2020, one cell per line ----------------------------------------------------------
SUMMARY_002 = {
    "inc_gpb": (1, "902.19"), "inc_gf": (2, "10"), "inc_soe": (3, None), "inc_upper": (4, None),
    "inc_business": (5, None), "inc_operating": (6, None), "inc_affiliated": (7, None), "inc_other": (8, "6.29"),
    "inc_total": (10, "918.48"), "inc_use_surplus": (11, "0"), "inc_begin": (12, "1890.17"),
    "inc_grand": (13, "2808.65"), "class_201": (14, "17.11"), "class_202": (15, None), "class_203": (16, None),
    "class_204": (17, None), "class_205": (18, None), "class_206": (19, None), "class_208": (20, "63.89"),
    "class_210": (21, "768.85"), "class_221": (22, "34.83"), "class_234": (None, "10"),
    "exp_total": (23, "894.68"), "exp_distribution": (24, "0"), "exp_end": (25, "869.83"),
    "exp_grand": (26, "1764.51"),
}


def test_002_all_nine_tables():
    doc = parsed_seed("002")
    assert (doc.kind, doc.year, doc.unit_name, doc.profile) == (
        DocumentKind.DEPT_FINAL, 2020, "湘西州医疗保障局", "hunan_final")
    ids = [t.template_id for t in doc.tables if t.template_id and t.template_id.startswith("final.")]
    assert ids == FINAL_SET + ["final.soe_capital_expenditure"]


def test_002_summary_every_row():
    t = parsed_seed("002").table("final.summary")
    got = {r.key: (r.number, str(r.value("amount")) if r.value("amount") is not None else None) for r in t.rows}
    assert got == SUMMARY_002
    # the lone '10' beside 抗疫 is an amount (its 行次 is not printed), and the reading is recorded
    assert any("抗疫" in x and "按金额读取" in x for x in t.readings)


def test_002_fiscal_summary_rows():
    t = parsed_seed("002").table("final.fiscal_summary")
    assert values(t.row("exp_total")) == [D("893.31"), D("883.31"), D("10.00"), D("0.00")]
    assert t.row("inc_begin").value("amount") == D("1885.53")
    assert t.row("inc_begin_gpb").number == 29 and t.row("inc_begin_soe").number == 31
    assert t.row("inc_soe").label == "三、国有资本经营财政拨款"  # printed without 预算, still mapped
    assert t.row("inc_grand").value("amount") == D("2797.72")
    assert values(t.row("exp_grand")) == [D("1753.58"), D("1743.58"), D("10.00"), D("0.00")]
    assert values(t.row("class_234")) == [D("10.00"), D("0.00"), D("10.00"), D("0.00")]


def test_002_coded_tables():
    doc = parsed_seed("002")
    income = doc.table("final.income")
    assert values(income.row("total")) == [D(x) for x in ("918.48", "912.19", "0.00", "0.00", "0.00", "0.00", "6.29")]
    assert len([r for r in income.rows if r.code]) == 30
    assert values(income.by_code("2101501")) == [D(x) for x in ("256.35", "250.06", "0.00", "0.00", "0.00", "0.00", "6.29")]
    exp = doc.table("final.expenditure")
    assert values(exp.row("total"))[:3] == [D("894.68"), D("743.90"), D("150.78")]
    assert values(exp.by_code("2101599"))[:3] == [D("33.03"), D("10.71"), D("22.32")]
    gpb = doc.table("final.gpb_expenditure")
    assert values(gpb.row("total")) == [D("893.31"), D("742.53"), D("150.78")]
    assert values(gpb.by_code("210")) == [D("767.47"), D("643.80"), D("123.67")]
    assert values(gpb.by_code("2340299")) == [D("10"), D("0"), D("10")]
    assert len([r for r in gpb.rows if r.code]) == 31
    fund = doc.table("final.gov_fund")
    assert values(fund.by_code("2340299")) == [D(x) for x in ("0", "10", "10", "0", "10", "0")]


def test_002_basic_and_three_public():
    doc = parsed_seed("002")
    basic = doc.table("final.gpb_basic")
    assert basic.by_code("301").value("amount") == D("552.94")
    assert basic.by_code("30106").cells["amount"].kind is CellKind.BLANK
    assert basic.by_code("30207").value("amount") == D("0.13")  # the row whose left block is missing
    assert basic.by_code("30109").block == "1"  # a wrapped-away row stays in its own block
    assert basic.row("personnel_total").value("amount") == D("715.72")
    assert basic.row("public_total").value("amount") == D("26.81")
    (row,) = doc.table("final.three_public").rows
    assert values(row) == [D(x) for x in ("34", "0", "34", "0", "17", "17", "5.55", "0", "4.73", "0", "4.73", "0.82")]
    assert doc.table("final.soe_capital_expenditure").empty_note


# -- seed 003: 廊坊 2021 部门预算 ------------------------------------------------------------------
def test_003_budget_tables():
    doc = parsed_seed("003")
    assert (doc.kind, doc.year, doc.unit_name) == (DocumentKind.DEPT_BUDGET, 2021, "廊坊市广阳区医疗保障局")
    ids = [t.template_id for t in doc.tables]
    assert ids.count("perf.project_targets") == 6
    for tid in ("perf.dept_targets", "other.procurement", "other.assets", "other.organisation"):
        assert tid in ids
    targets = doc.tables_of("perf.project_targets")
    assert targets[0].printed_title.endswith("绩效目标表") and "第一批" in targets[0].printed_title
    assets = doc.table("other.assets")
    assert any("34.45" in c.text for r in assets.rows for c in r.cells.values())


# -- seeds 000 and 001: narrative and performance tables ---------------------------------------------
def test_000_sections_and_five_completion_tables():
    doc = parsed_seed("000")
    assert (doc.kind, doc.year, doc.unit_name) == (DocumentKind.DEPT_FINAL, 2020, "广元市医疗保障局")
    assert len(doc.tables_of("perf.project_completion")) == 5
    paths = [" › ".join(s.path) for s in doc.sections]
    assert any("收入决算情况说明" in p for p in paths)
    assert any("1310.85" in s.text for s in doc.sections)


def test_001_sections_and_self_evaluation_tables():
    doc = parsed_seed("001")
    assert (doc.kind, doc.year, doc.unit_name, doc.profile) == (
        DocumentKind.DEPT_FINAL, 2022, "四川省医疗保障局", "sichuan_final")
    assert len(doc.tables_of("perf.project_self_eval")) >= 16
    headings = [s.heading for s in doc.sections]
    assert "一、收入支出决算总体情况说明" in headings and "第三部分 名词解释" in headings
    section = next(s for s in doc.sections if s.heading == "一、收入支出决算总体情况说明")
    assert "12905. 09" in section.text and section.span.line is not None


def test_ambiguous_reading_is_confirmed_by_the_tables_own_identity():
    t = parsed_seed("002").table("final.summary")
    cell = t.row("class_234").cells["amount"]
    assert "按金额读取" in cell.reading and "等于本年支出合计" in cell.reading
    assert len([x for x in t.readings if "抗疫" in x]) == 1
