"""Classification, completeness and hygiene rules."""

from __future__ import annotations

from gongkai.audit import audit
from gongkai.model import Section
from audit_helpers import codes_found, example, find_row


def test_c101_unknown_code():
    doc = example()
    find_row(doc, "final.expenditure", "2101506").code = "2101598"
    (f,) = codes_found(doc, "C101", "warning")  # 项-level: a region may add items
    assert "2101598" in f.message
    find_row(doc, "final.expenditure", "210").code = "299"
    assert codes_found(doc, "C101")


def test_c102_name_mismatch():
    doc = example()
    assert codes_found(doc, "C102") == []
    find_row(doc, "final.expenditure", "2101501").label = "事业运行"
    (f,) = codes_found(doc, "C102")
    assert "行政运行" in f.message and f.location.row_code == "2101501"


def test_c102_name_of_another_edition_is_a_warning():
    doc = example()
    doc.year = 2021
    find_row(doc, "final.expenditure", "20805").label = "行政事业单位离退休"  # the pre-2020 name
    (f,) = codes_found(doc, "C102", "warning")
    assert "年版" in f.message


def test_c101_c102_only_warn_when_the_catalogue_has_no_edition_for_the_year():
    from gongkai.catalog import codes

    doc = example()
    find_row(doc, "final.expenditure", "210").code = "299"
    find_row(doc, "final.expenditure", "2101501").label = "事业运行"
    doc.year = codes.editions("functional")[-1] + 1  # a year whose 科目 may have been added or renamed
    assert codes_found(doc, "C101") == [] and codes_found(doc, "C102") == []
    (unknown,) = codes_found(doc, "C101", "warning")
    (renamed,) = codes_found(doc, "C102", "warning")
    assert f"尚无 {doc.year} 年版科目表" in unknown.message and "可能是" in renamed.message
    doc.year -= 1  # the edition exists: the same misprints are errors
    assert codes_found(doc, "C101") and codes_found(doc, "C102")


def test_p101_missing_table():
    doc = example()
    doc.tables = [t for t in doc.tables if t.template_id != "final.three_public"]
    (f,) = codes_found(doc, "P101")
    assert "财政拨款“三公”经费支出决算表" in f.message


def test_p102_empty_table_without_note():
    doc = example()
    assert codes_found(doc, "P102", "warning") == []
    doc.table("final.gov_fund").empty_note = None
    assert codes_found(doc, "P102", "warning")


def test_p103_required_explanations():
    doc = example()
    assert codes_found(doc, "P103", "warning") == []
    doc.sections = [s for s in doc.sections if "名词解释" not in " ".join(s.path)]
    (f,) = codes_found(doc, "P103", "warning")
    assert "名词解释" in f.message


def test_g101_placeholder():
    doc = example()
    assert codes_found(doc, "G101") == []
    doc.sections.append(Section(path=["十、其他"], text="XX单位本年度没有国有资本经营预算收支。"))
    (f,) = codes_found(doc, "G101")
    assert f.quote.startswith("XX单位") and f.location.section == "十、其他"


def test_g102_table_year_and_unit():
    doc = example()
    assert codes_found(doc, "G102", "warning") == []
    doc.table("final.income").printed_year = 2022
    doc.table("final.expenditure").printed_unit_name = "另一市医疗保障局"
    assert len(codes_found(doc, "G102", "warning")) == 2


def test_g103_doubled_punctuation():
    doc = example()
    doc.sections.append(Section(path=["十、其他"], text="完成年初预算的100%。。"))
    assert codes_found(doc, "G103", "info")


def test_rules_registry_docs_and_selection():
    from gongkai.audit.registry import DOC_SECTIONS, all_rules, select

    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    for r in rules:
        assert all(f"### {s}" in r.doc for s in DOC_SECTIONS) and r.title
    chosen = [r.code for r in select(rules, ["B1", "X101"], ["B121"])]
    assert "B101" in chosen and "X101" in chosen and "B121" not in chosen and "T101" not in chosen
    assert audit(example(), ["Z"]).rules_run == []


def test_docs_rules_md_is_generated_from_the_registry():
    from pathlib import Path

    from gongkai.audit.registry import rules_markdown

    page = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    assert page.read_text(encoding="utf-8") == rules_markdown(), "run: gongkai rules --markdown > docs/rules.md"


def test_c101_code_of_the_wrong_family_in_a_coded_table():
    doc = example()
    find_row(doc, "final.expenditure", "2101101").code = "7110201"
    assert any("7110201" in f.message for f in codes_found(doc, "C101", "warning"))


def test_p103_silent_on_a_tables_only_file():
    doc = example()
    doc.sections = []
    assert codes_found(doc, "P103", "warning") == []


def test_g104_stray_year_in_a_heading_or_an_as_of_date():
    doc = example()  # a 2023 部门决算
    assert codes_found(doc, "G104", "warning") == []
    doc.sections.append(Section(path=["第三部分 2021年度部门决算情况说明"], text="截至2021年12月31日，共有车辆3辆。"))
    doc.sections.append(Section(path=["第五部分 2022年与2023年比较"], text="截至2024年6月，已整改。"))
    found = codes_found(doc, "G104", "warning")
    assert len(found) == 2  # the 2021 heading and 截至2021; a comparison heading and 截至 the next year are fine
    assert "2021 年" in found[0].message and found[0].quote == "第三部分 2021年度部门决算情况说明"
    assert "截至2021年" in found[1].message


def test_c102_names_off_their_codes_throughout_a_table_are_one_warning():
    doc = example()
    table = doc.table("final.gpb_basic")
    coded = [r for r in table.rows if r.code and len(r.code) == 5]
    shifted = coded[1:] + coded[:1]
    labels = [r.label for r in shifted]
    for r, label in zip(coded, labels):  # every name one row off its code
        r.label = label
    assert codes_found(doc, "C102") == []
    (f,) = codes_found(doc, "C102", "warning")
    assert "系统性错位" in f.message and len(f.related) >= 2
    # two names wrong in a table of many codes: two errors
    doc = example()
    find_row(doc, "final.expenditure", "2101501").label = "事业运行"
    find_row(doc, "final.expenditure", "2101506").label = "行政运行"
    assert len(codes_found(doc, "C102")) == 2


def test_g101_a_template_whose_own_unit_is_a_placeholder_is_one_info():
    doc = example()
    doc.sections.append(Section(path=["说明"], text="XX单位没有政府性基金收入（若本单位无此项收支，请说明）。"))
    assert len(codes_found(doc, "G101")) >= 2  # a published disclosure with leftovers: each is an error
    doc.unit_name = "示例市XX局"
    assert codes_found(doc, "G101") == []
    (f,) = codes_found(doc, "G101", "info")
    assert "模板" in f.message and f.quote == "示例市XX局"
