"""Reading narrative claims: each pattern, units, spaced numbers, groups, scopes, codes and links to cells."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from conftest import EXAMPLE, parsed_example
from gongkai.ingest.text import parse_text
from gongkai.model import Unit
from gongkai.model.claim import ClaimKind, Scope
from gongkai.recognize.document import recognize

A, SHARE, CHG, RATE, DONE, FLAT, CMP = (ClaimKind.AMOUNT, ClaimKind.SHARE, ClaimKind.CHANGE_AMOUNT,
                                        ClaimKind.CHANGE_RATE, ClaimKind.COMPLETION, ClaimKind.FLAT,
                                        ClaimKind.COMPARISON)


def doc_of(*paragraphs: str, year: int = 2022):
    """A small disclosure: a title and one headed section per paragraph (heading, body)."""
    lines = [f"示例局{year}年度部门决算"]
    for k, (heading, body) in enumerate(paragraphs):
        lines += [f"{'一二三四五六七八九十'[k]}、{heading}", body]
    return recognize(parse_text("\n".join(lines) + "\n", "", ""))


def claims_of(body: str, heading: str = "收入支出决算总体情况说明", year: int = 2022):
    return doc_of((heading, body), year=year).claims


def one(claims, kind, subject=None, value=None):
    found = [c for c in claims if c.kind is kind and (subject is None or c.subject == subject)
             and (value is None or c.value == D(value))]
    assert len(found) == 1, [(c.kind.value, c.subject, c.value) for c in claims]
    return found[0]


# ------------------------------------------------------------------------------------------ amounts

def test_amount_with_spaced_number_and_its_fragment():
    claims = claims_of("2022 年度收、支总计 2345. 67 万元。")
    c = one(claims, A, "收支总计")
    assert c.value == D("2345.67") and c.printed == "2345.67" and c.decimals == 2
    assert c.unit is Unit.WAN and c.period == "本年" and c.scope is Scope.ALL and c.normalised
    assert c.text == "2022 年度收、支总计 2345. 67 万元"
    assert c.section == ["一、收入支出决算总体情况说明"] and c.span.line == 3


def test_units_yuan_thousands_separators_and_bare_wan():
    claims = claims_of("外事接待支出0元，国内公务接待支出1,234.50万元，公务接待费10万，占100%。",
                       heading="“三公”经费支出决算情况说明")
    assert one(claims, A, "外事接待费").unit is Unit.YUAN
    home = one(claims, A, "国内公务接待费")
    assert home.value == D("1234.50") and home.printed == "1234.50"
    assert one(claims, A, "公务接待费").unit is Unit.WAN


def test_thresholds_and_per_capita_figures_are_not_amounts():
    claims = claims_of("单价50万元以上通用设备0台，人均减轻123.45元，标准300元/人·年。")
    assert [c.value for c in claims if c.kind is A] == [D("123.45")]


def test_free_wording_is_kept_but_not_normalised():
    claims = claims_of("开展整体支出绩效评价，涉及一般公共预算支出 1000.00 万元；年末结转和结余项目资金88.88万元。")
    assert all(not c.normalised for c in claims)


# ------------------------------------------------------------------------------------------- shares

def test_share_of_its_list_total():
    claims = claims_of("2022年本年支出合计 2000. 00 万元，其中：基本支出 725.40 万元，占 36. 27%；"
                       "项目支出 1274.60 万元，占 63.73%。", heading="支出决算情况说明")
    total = one(claims, A, "本年支出合计")
    basic = one(claims, A, "基本支出")
    share = one(claims, SHARE, "基本支出")
    assert basic.parent == total.id and basic.parent_subject == "本年支出合计" and basic.scope is Scope.ALL
    assert share.about == basic.id and share.value == D("36.27") and share.base_subject is None
    assert share.group == basic.group == total.group


def test_share_of_a_named_base_and_of_an_inline_base():
    claims = claims_of("2022年一般公共预算财政拨款支出 1999.80 万元，占本年支出合计的 99.99%。人均减轻 150.00 元，"
                       "占最低档次缴费标准 300 元/人·年的 50.00%。", heading="一般公共预算财政拨款支出决算情况说明")
    named = one(claims, SHARE, "一般公共预算财政拨款支出")
    assert named.base_subject == "本年支出合计" and named.value == D("99.99")
    inline = [c for c in claims if c.kind is SHARE and c.base_value is not None][0]
    assert inline.base_value == D("300") and inline.base_unit is Unit.YUAN
    assert claims[inline.about].value == D("150.00")


def test_share_named_numerator_and_a_sentence_starting_with_share_continues_the_group():
    claims = claims_of("政府采购支出总额400.00万元，其中政府采购货物支出100.00万元。占政府采购支出总额的25.00%，"
                       "政府采购服务支出300.00万元。", heading="政府采购支出情况")
    goods = one(claims, A, "政府采购货物支出")
    share = one(claims, SHARE)
    assert share.about == goods.id and share.group == goods.group and share.base_subject == "政府采购支出总额"


# ------------------------------------------------------------------------------------------ changes

def test_change_amount_and_rate_with_direction_and_base():
    claims = claims_of("2022 年度收、支总计 2000. 00 万元。与 2021 年相比,收、支总计各减少 500. 00 万元,下降 20. 00%。")
    change = one(claims, CHG, "收支总计")
    rate = one(claims, RATE, "收支总计")
    assert change.value == D("500.00") and change.direction == -1 and change.base_subject == "上年"
    assert rate.value == D("20.00") and rate.direction == -1 and rate.group == change.group


def test_prior_year_amount_continues_the_group_of_the_sentence_before():
    claims = claims_of("2020年度收、支总计1100.00万元。与2019年1000.00万元相比，增加100.00万元，增长10.00%。", year=2020)
    now, before = (one(claims, A, "收支总计", v) for v in ("1100.00", "1000.00"))
    assert now.period == "本年" and before.period == "上年"
    change = one(claims, CHG)
    assert change.subject == "收支总计" and change.direction == 1 and change.about == now.id
    assert now.group == before.group == change.group == one(claims, RATE).group


def test_different_subjects_are_never_merged():
    claims = claims_of("与上年相比，收、支总计各减少500.00万元。财政拨款收、支总计各减少500.09万元，下降20.00%。")
    assert one(claims, CHG, "收支总计").value == D("500.00")
    assert one(claims, CHG, "财政拨款收支总计").value == D("500.09")


def test_fiscal_scope_carries_to_the_second_total_of_a_pair():
    claims = claims_of("2021年度财政拨款收入总计 3000.00 万元、支出总计 3004.49 万元。",
                       heading="财政拨款收入支出决算总体情况说明")
    assert {c.subject for c in claims} == {"财政拨款收入总计", "财政拨款支出总计"}


def test_bare_fund_name_before_a_change_takes_the_subject_of_the_sentence_before():
    claims = claims_of("2020年一般公共预算财政拨款支出1200.00万元。与2019年相比，一般公共预算财政拨款增加200.00万元，增长20.00%。",
                       heading="一般公共预算财政拨款支出决算情况说明")
    assert one(claims, CHG).subject == "一般公共预算财政拨款支出"


# ---------------------------------------------------------------------- completion, flat, comparison

def test_budget_actual_completion_and_comparison():
    claims = claims_of("公务用车购置及运行维护费年初预算为 5.00 万元，支出决算为 1.00 万元，完成年初预算的 20.00%，"
                       "决算数小于预算数。", heading="“三公”经费支出决算情况说明")
    budget, actual = one(claims, A, value="5.00"), one(claims, A, value="1.00")
    assert budget.period == "年初预算" and actual.period == "本年" and budget.subject == actual.subject
    done = one(claims, DONE)
    assert done.about == actual.id and done.value == D("20.00")
    assert one(claims, CMP).direction == -1


def test_flat_statement():
    claims = claims_of("因公出国（境）费支出决算为 0 万元，较 2020 年相比，保持一致。",
                       heading="“三公”经费支出决算情况说明")
    flat = one(claims, FLAT)
    assert flat.direction == 0 and flat.subject == "因公出国（境）费"


# ------------------------------------------------------------------------------------ classes, codes

def test_item_with_printed_code():
    claims = claims_of("其他政府办公厅（室）及相关机构事务支出201（类）03（款）99（项），年初预算为5万元，支出决算为12.5万元。",
                       heading="一般公共预算财政拨款支出决算具体情况")
    actual = one(claims, A, value="12.5")
    assert actual.code == "2010399" and actual.class_name == "一般公共服务支出" and actual.scope is Scope.GPB
    assert one(claims, A, value="5").period == "年初预算"


def test_item_named_by_class_kuan_xiang_resolves_its_code_from_the_catalogue():
    claims = claims_of("3. 教育支出(类)进修及培训(款)培训支出(项):支出决算为45.60万元,完成预算80.00%。",
                       heading="一般公共预算财政拨款支出决算具体情况")
    item = one(claims, A)
    assert item.code == "2050803" and item.class_name == "教育支出"
    assert item.subject == "教育支出（类）进修及培训（款）培训支出（项）"


def test_class_names_in_a_structure_sentence_get_class_codes_and_the_list_scope():
    claims = claims_of("2020年度财政拨款支出500.00万元，主要用于以下方面：一般公共服务（类）支出25.00万元，占5.00%；"
                       "社会保障和就业支出50.00万元，占10.00%。", heading="一般公共预算财政拨款支出决算情况说明")
    total = one(claims, A, "财政拨款支出")
    general = one(claims, A, "一般公共服务支出")
    assert general.code == "201" and general.parent == total.id and general.scope is Scope.FISCAL
    assert one(claims, A, "社会保障和就业支出").code == "208"


def test_list_opened_by_qizhong_runs_over_the_item_lines():
    body = ("2022 年一般公共预算财政拨款支出决算数为 100.00 万元，完成预算 80.00%。其中：\n"
            "1. 一般公共服务支出(类)其他一般公共服务支出(款)其他一般公共服务支出(项): 支出决算为 20.00 万元。\n"
            "2. 教育支出(类)进修及培训(款)培训支出(项):支出决算为80.00万元。")
    claims = claims_of(body, heading="一般公共预算财政拨款支出决算具体情况")
    total = one(claims, A, "一般公共预算财政拨款支出")
    items = [c for c in claims if c.kind is A and c.code]
    assert len(items) == 2 and all(c.parent == total.id for c in items)
    assert {c.span.line for c in items} == {4, 5}


def test_personnel_costs_under_basic_expenditure_and_under_the_whole_total():
    d = doc_of(("一般公共预算财政拨款支出决算情况说明",
                "2021 年度一般公共预算财政拨款支出 5000.00 万元。其中，人员经费 3000.00 万元，日常公用经费 2000.00 万元。"),
               ("一般公共预算财政拨款基本支出决算情况说明",
                "2021 年度一般公共预算财政拨款基本支出 400.00 万元，其中：人员经费 350.00 万元；公用经费 50.00 万元。"))
    under_total, under_basic = [c for c in d.claims if c.subject == "人员经费"]
    assert under_total.parent_subject == "一般公共预算财政拨款支出" and under_basic.parent_subject == "基本支出"
    assert [c.subject for c in d.claims if c.value == D("2000.00")] == ["公用经费"]


def test_budget_list_parts_take_the_budget_period():
    claims = claims_of("2020年“三公经费”预算安排数30万元，其中：公务用车运行维护费10万元、公务接待费20万元。"
                       "实际支出数为6.00 万元，其中：公务用车运行维护费4.00万元、公务接待费2.00万元。",
                       heading="部门整体支出绩效情况")
    assert [c.period for c in claims if c.kind is A] == ["预算", "预算", "预算", "本年", "本年", "本年"]
    assert one(claims, A, "“三公”经费", "6.00").group == one(claims, A, "“三公”经费", "30").group


# ------------------------------------------------------------------------------------------- links

def _example_with(old: str, new: str):
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    return recognize(parse_text(text.replace(old, new), "", ""))


def test_links_to_the_cells_restated():
    doc = parsed_example()

    def cells(subject, value, scope=None):
        c = next(c for c in doc.claims if c.kind is A and c.subject == subject and c.value == D(value)
                 and (scope is None or c.scope is scope))
        return [(doc.tables[r.table_index].template_id, doc.tables[r.table_index].rows[r.row_index].key, r.column)
                for r in c.refs]

    assert cells("收支总计", "828.30") == [("final.summary", "inc_grand", "amount"),
                                          ("final.summary", "exp_grand", "amount")]
    assert cells("本年收入合计", "802.50") == [("final.summary", "inc_total", "amount")]
    assert cells("基本支出", "509.74", Scope.ALL) == [("final.expenditure", "total", "basic")]
    assert cells("基本支出", "509.74", Scope.GPB) == [("final.gpb_expenditure", "total", "basic")]
    assert cells("一般公共预算财政拨款支出", "803.32") == [("final.gpb_expenditure", "total", "total")]
    assert cells("人员经费", "411.14") == [("final.gpb_basic", "personnel_total", "amount")]
    assert cells("“三公”经费", "8.00") == [("final.three_public", "amounts", "budget_total")]
    assert cells("“三公”经费", "4.30") == [("final.three_public", "amounts", "actual_total")]
    assert cells("财政拨款收支总计", "815.80") == [("final.fiscal_summary", "inc_grand", "amount"),
                                              ("final.fiscal_summary", "exp_grand", "total")]


def test_class_names_link_to_rows_by_code():
    doc = _example_with("占本年支出合计的98.47%。",
                        "占本年支出合计的98.47%。主要用于以下方面：社会保障和就业支出73.30万元，卫生健康支出698.75万元。")
    health = next(c for c in doc.claims if c.subject == "卫生健康支出")
    (ref,) = health.refs
    row = doc.tables[ref.table_index].rows[ref.row_index]
    assert doc.tables[ref.table_index].template_id == "final.gpb_expenditure" and row.code == "210"


def test_prior_year_and_free_figures_are_not_linked():
    doc = parsed_example()
    assert all(not c.refs for c in doc.claims if c.period != "本年" and c.subject != "“三公”经费")
    assert all(not c.refs for c in doc.claims if not c.normalised)


def test_spans_are_the_source_lines():
    doc = parsed_example()
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    for c in doc.claims:
        assert c.span is not None and c.span.line is not None
        assert c.text.replace(" ", "")[:6] in lines[c.span.line - 1].replace(" ", "")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_claims_have_places_and_groups(prefix):
    from conftest import parsed_seed

    doc = parsed_seed(prefix)
    assert doc.claims
    assert all(c.section and c.text and c.group is not None for c in doc.claims)
    assert all(c.id == k for k, c in enumerate(doc.claims))
    amounts = [c for c in doc.claims if c.kind is A and c.value is not None]
    assert all(c.printed for c in amounts)
