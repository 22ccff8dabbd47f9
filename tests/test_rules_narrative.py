"""Family N (情况说明): for every rule a case where it fires and one where it stays silent, then the seeds."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from conftest import EXAMPLE, parsed_example, parsed_seed
from gongkai.audit import audit
from gongkai.ingest.text import parse_text
from gongkai.recognize.document import recognize

N_CODES = ["N101", "N102", "N103", "N104", "N105", "N106", "N107"]


def run(doc, code, severity=None):
    return [f for f in audit(doc, select_codes=[code]).findings
            if f.code == code and (severity is None or f.severity.value == severity)]


def example_with(*replacements: tuple[str, str]):
    """The bundled consistent example with sentences of its 情况说明 rewritten."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return recognize(parse_text(text, "", ""))


def narrative(*paragraphs: str, year: int = 2022):
    lines = [f"示例局{year}年度部门决算"]
    for k, body in enumerate(paragraphs):
        lines += [f"{'一二三四五六七八九十'[k]}、情况说明{k + 1}", body]
    return recognize(parse_text("\n".join(lines) + "\n", "", ""))


def test_all_narrative_rules_are_registered_with_full_docs():
    from gongkai.audit.registry import DOC_SECTIONS, get_rule

    for code in N_CODES:
        rule = get_rule(code)
        assert rule is not None and rule.family() == "情况说明" and rule.title
        assert all(f"### {s}" in rule.doc for s in DOC_SECTIONS)


def test_consistent_example_has_no_narrative_errors():
    report = audit(parsed_example(), select_codes=["N"])
    assert not [f for f in report.findings if f.severity.value == "error"]
    assert set(N_CODES) <= set(report.rules_run)


# -------------------------------------------------------------------------------------------- N101

def test_n101_amount_contradicting_its_cell():
    doc = example_with(("本年收入合计802.50万元", "本年收入合计802.60万元"))
    (f,) = run(doc, "N101", "error")
    assert (f.actual, f.expected, f.difference) == (D("802.60"), D("802.50"), D("0.10"))
    assert f.location.section and f.location.span and f.location.span.line
    assert f.related[0].template_id == "final.summary" and f.related[0].row_label == "本年收入合计"
    assert f.quote == "2023年度本年收入合计802.60万元" and "802.5" in f.formula


def test_n101_silent_on_fewer_decimals_and_on_a_converted_unit():
    assert not run(parsed_example(), "N101")
    assert not run(example_with(("本年收入合计802.50万元", "本年收入合计803万元")), "N101")  # 802.50 → 803
    assert not run(example_with(("公用经费98.60万元", "公用经费986000元")), "N101")
    (f,) = run(example_with(("公用经费98.60万元", "公用经费985000元")), "N101")
    assert "折合 98.5万元" in f.message and f.difference == D("-0.1")


# -------------------------------------------------------------------------------------------- N102

def test_n102_total_matching_neither_side():
    doc = example_with(("收、支总计828.30万元。", "收、支总计800.00万元。"))
    (f,) = run(doc, "N102", "error")
    assert "828.3" in f.message and len(f.related) == 2 and f.actual == D("800.00")
    assert not run(doc, "N101")


def test_n102_silent_when_one_candidate_matches():
    assert not run(parsed_example(), "N102")
    doc = example_with(("财政拨款收、支总计815.80万元。", "财政拨款收、支总计815.8万元。"))
    assert not run(doc, "N102")


# -------------------------------------------------------------------------------------------- N103

PROCUREMENT = ("政府采购支出总额 4000.00万元，其中：政府采购货物支出 3000.00万元、政府采购工程支出 200.00万元、"
               "政府采购服务支出 800.00万元。授予中小企业合同金额 100.00万元，占政府采购支出总额的2.50%，"
               "其中：授予小微企业合同金额60万元，占政府采购支出总额的{share}%。")


def test_n103_share_that_does_not_follow_from_its_own_figures():
    (f,) = run(narrative(PROCUREMENT.format(share="2.50")), "N103", "error")
    assert f.expected == D("1.50") and f.actual == D("2.50")
    assert f.formula == "60 ÷ 4,000.00 = 1.50%，文中为 2.50%"
    assert f.quote == "授予小微企业合同金额60万元，占政府采购支出总额的2.50%"


def test_n103_silent_when_right_and_only_info_for_truncation():
    assert not run(narrative(PROCUREMENT.format(share="1.50")), "N103")
    doc = narrative("本年支出合计 2000.01 万元，其中：基本支出 2000 万元，占 99.99%。")
    (f,) = run(doc, "N103")
    assert f.severity.value == "info" and "截断" in f.message


def test_n103_implicit_base_is_the_list_total():
    doc = narrative("本年收入合计800.00万元，其中：财政拨款收入785.90万元，占98.25%；其他收入14.10万元，占1.76%。")
    (f,) = run(doc, "N103", "error")
    assert f.expected == D("98.24") and "本年收入合计 800.00" in f.message


# -------------------------------------------------------------------------------------------- N104

def test_n104_growth_rate_against_the_derived_base():
    doc = narrative("2020年一般公共预算财政拨款支出1100.00万元，占本年支出合计的100%。与2019年相比，"
                    "一般公共预算财政拨款增加100.00万元，增长9.00%。", year=2020)
    (f,) = run(doc, "N104", "error")
    assert f.formula == "上年数 = 1,100.00 − 100.00 = 1,000.00；100.00 ÷ 1,000.00 = 10.00%，文中为 9.00%"
    assert f.expected == D("10.00")


def test_n104_silent_when_right_and_checks_the_stated_prior_year():
    ok = narrative("2020年度收、支总计1100.00万元。与2019年1000.00万元相比，增加100.00万元，增长10.00%。", year=2020)
    assert not run(ok, "N104")
    bad = narrative("2020年度收、支总计1100.00万元。与2019年1000.00万元相比，增加110.00万元，增长10.00%。", year=2020)
    messages = [f.message for f in run(bad, "N104")]
    assert any("增减额应为 100.00" in m for m in messages) and any("11.00%" in m for m in messages)


def test_n104_direction_contradiction():
    doc = narrative("机关运行经费支出100.00万元，比2021年减少20.00万元，增长16.67%。")
    (f,) = run(doc, "N104")
    assert "方向" in f.message


# -------------------------------------------------------------------------------------------- N105

def test_n105_same_quantity_stated_twice():
    doc = narrative("2022年一般公共预算财政拨款支出 1000 万元，主要用于以下方面：教育支出 45.60 万元，占 4.56%。",
                    "2022年部门财政拨款支出 1000万元，教育支出 45.61万元。",
                    "2022年政府性基金预算财政拨款支出0万元。2022年国有资本经营预算财政拨款支出0万元。")
    (f,) = run(doc, "N105", "warning")
    assert "45.6" in f.message and "45.61" in f.message and len(f.operands) == 2


def test_n105_keeps_scopes_apart():
    doc = narrative("2022年度收、支总计 2000.09 万元。与 2021 年相比，收、支总计各减少 500.00 万元，下降 20.00%。",
                    "2022年财政拨款收、支总计 2000 万元。与 2021 年相比，财政拨款收、支总计各减少 500.09 万元，"
                    "下降 20.00%。")
    assert not run(doc, "N105") and not run(doc, "N104")
    # 财政拨款 and 一般公共预算 are one scope only when there is no 政府性基金 / 国有资本经营 money
    doc = narrative("2022年一般公共预算财政拨款支出 1000 万元，主要用于以下方面：教育支出 45.60 万元。",
                    "2022年部门财政拨款支出 1010万元，教育支出 55.60万元。",
                    "2022年政府性基金预算财政拨款支出10万元。")
    assert not run(doc, "N105")


def test_n105_conflicting_changes():
    doc = narrative("与2021年相比，一般公共预算财政拨款支出增加200.00万元，增长20.00%。",
                    "与2021年相比，一般公共预算财政拨款支出增加120.00万元，增长12.00%。")
    (f,) = run(doc, "N105")
    assert "200.00" in f.message and "120.00" in f.message and "20.00%" in f.message


# -------------------------------------------------------------------------------------------- N106

def test_n106_completion_against_budget_and_actual():
    doc = narrative("“三公”经费财政拨款支出预算为40万元，支出决算为6.00万元，完成预算的15.50%。")
    (f,) = run(doc, "N106", "error")
    assert f.formula == "6.00 ÷ 40 = 15.00%，文中为 15.50%"
    assert not run(narrative("“三公”经费财政拨款支出预算为40万元，支出决算为6.00万元，完成预算的15.00%。"), "N106")


def test_n106_comparison_words_against_the_figures():
    doc = narrative("公务接待费支出预算为10万元，支出决算为12万元，决算数小于年初预算数。")
    (f,) = run(doc, "N106")
    assert "大于" in f.message
    assert not run(narrative("公务接待费支出预算为10万元，支出决算为2万元，决算数小于年初预算数。"), "N106")


# -------------------------------------------------------------------------------------------- N107

def test_n107_closed_list_that_does_not_add_up():
    bad = narrative("本年实际支出800.00万元，其中：人员经费700.00万元，包括工资福利支出500.00万元，对个人和家庭补助50.00万元。")
    (f,) = run(bad, "N107", "warning")
    assert (f.actual, f.expected, f.difference) == (D("700.00"), D("550.00"), D("150.00"))
    ok = narrative("本年实际支出800.00万元，其中：人员经费700.00万元，包括工资福利支出500.00万元，对个人和家庭补助200.00万元。")
    assert not run(ok, "N107")


def test_n107_open_list_is_not_assumed_complete():
    doc = narrative("2022年本年支出合计 100.00 万元，其中：基本支出 40.00 万元。")
    assert not run(doc, "N107")
    doc = narrative("2022年本年支出合计 100.00 万元，其中：基本支出 70.00 万元，项目支出 40.00 万元。")
    (f,) = run(doc, "N107")
    assert "大于合计" in f.message


ITEMS = ("2022 年一般公共预算财政拨款支出决算数为 100.00 万元。其中：\n"
         "1. 一般公共服务支出(类)其他一般公共服务支出(款)其他一般公共服务支出(项): 支出决算为 60.00 万元。\n"
         "2. 教育支出(类)进修及培训(款)培训支出(项):支出决算为40.00万元。")


def test_n107_class_against_a_complete_item_list():
    structure = "2022年一般公共预算财政拨款支出 100 万元，主要用于以下方面：一般公共服务支出 60.00 万元，教育支出 {v} 万元。"
    doc = narrative(structure.format(v="39.99"), ITEMS)
    (f,) = run(doc, "N107", "warning")
    assert f.expected == D("40.00") and f.actual == D("39.99") and "以 40.00 代入则为 100.00" in f.message
    assert not run(narrative(structure.format(v="40.00"), ITEMS), "N107")


# ------------------------------------------------------------------------------------------- seeds

def seed_findings(prefix, code, severity=None):
    return run(parsed_seed(prefix), code, severity)


def test_seed_002_total_restated_wrongly_lists_both_table_figures():
    found = [f for f in seed_findings("002", "N102", "error") if f.actual == D("1813.16")]
    (f,) = found
    assert "2,808.65" in f.message and "1,764.51" in f.message
    assert f.location.section.endswith("一、收入支出决算总体情况说明") and f.location.span.line == 2184
    assert {r.printed_number for r in f.related} == {"公开01表"}


def test_seed_001_small_business_share():
    (f,) = [f for f in seed_findings("001", "N103", "error") if f.actual == D("2.89")]
    assert f.expected == D("2.12") and "112" in f.formula and "5,289.97" in f.formula


def test_seed_000_growth_rate_and_the_two_versions_of_the_change():
    (f,) = [f for f in seed_findings("000", "N104", "error") if f.actual == D("8.49")]
    assert f.formula.endswith("102.62 ÷ 1,181.06 = 8.69%，文中为 8.49%")
    (g,) = seed_findings("000", "N105")
    assert "276.96" in g.message and "102.62" in g.message and "27.51%" in g.message and "8.49%" in g.message


def test_seed_001_education_figure_identified_by_the_item_list():
    (f,) = [f for f in seed_findings("001", "N105") if "教育支出" in f.message]
    assert "69.83" in f.message and "69.84" in f.message
    (g,) = [g for g in seed_findings("001", "N107") if g.location.span and g.location.span.line == 107]
    assert (g.actual, g.expected) == (D("69.83"), D("69.84")) and "12,905.00" in g.message


def test_seed_001_total_and_fiscal_total_changes_are_both_right():
    report = audit(parsed_seed("001"), select_codes=["N"])
    for f in report.findings:
        text = " ".join(filter(None, [f.message, f.formula, f.quote]))
        assert "3638" not in text.replace(",", "").replace(" ", ""), f.message


@pytest.mark.parametrize("prefix,code,actual,expected", [
    ("002", "N106", "16.17", "16.32"),  # “三公”经费 5.55 ÷ 34
    ("002", "N106", "4.88", "4.82"),  # 公务接待费 0.82 ÷ 17
    ("004", "N104", "27.81", "28.81"),  # 社会保障和就业 112.26 ÷ (277.42 + 112.26)
    ("004", "N106", "40.31", "40.33"),  # 卫生健康 5968.12 ÷ 14798.42
    ("002", "N103", "98.24", "98.23"),  # 财政拨款收入 902.19 ÷ 918.48
])
def test_seed_arithmetic_errors(prefix, code, actual, expected):
    found = [f for f in seed_findings(prefix, code, "error") if f.actual == D(actual)]
    assert len(found) == 1 and found[0].expected == D(expected)


@pytest.mark.parametrize("prefix,value,cell", [
    ("004", "6355.58", "6360.07"),  # “收入总计” is the 本年收入合计
    ("004", "6275.58", "6280.07"),  # “财政拨款收入总计” likewise
    ("002", "2181.11", "893.31"),  # 绩效自评报告 states another 一般公共预算财政拨款支出
])
def test_seed_amounts_contradicting_cells(prefix, value, cell):
    found = [f for f in seed_findings(prefix, "N101", "error") if f.actual == D(value)]
    assert len(found) == 1 and found[0].expected == D(cell)


def test_seeds_without_tables_are_not_linked():
    for prefix in ("000", "001", "003"):
        assert not seed_findings(prefix, "N101") and not seed_findings(prefix, "N102")
