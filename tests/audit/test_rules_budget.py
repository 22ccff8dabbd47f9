"""部门预算 balance and cross-table rules (B131–B134, X121–X126): each fires on a planted error and is silent
on a consistent set, for the 江苏 layout (收支预算总表 by 功能分类 and 支出用途, 收入预算总表 by 资金来源, one-row
支出预算总表, 财政拨款收支预算总表 by 支出用途) and the 上海 layout (财务收支预算总表 with 人员经费 | 公用经费 | 项目支出,
收入/支出预算总表 by 功能分类, 财政拨款收支预算总表 by 功能分类 × 资金). Every test names its rule code.

The corpus test runs every rule over the real 部门预算 sets in ../shared/corpus: none fires (each identity was checked
on every set before it became a rule), and a figure planted in a real set is found."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from audit_helpers import codes_found, doc_with
from conftest import CORPUS, _parsed
from gongkai.audit import audit
from gongkai.model import Cell, CellKind, Column, Row, Table

CODES = ["B131", "B132", "B133", "B134", "X121", "X122", "X123", "X124", "X125", "X126"]


def cell(text: str | None) -> Cell:
    if not text:
        return Cell(kind=CellKind.BLANK)
    return Cell(kind=CellKind.NUMBER, value=D(text.replace(",", "")), text=text)


def tab(template_id: str, columns: list[tuple[str, str | None]], rows: list[tuple]) -> Table:
    """columns: (key, block); rows: (key, code, label, {column: text})."""
    return Table(template_id=template_id, title=template_id, printed_title=template_id,
                 columns=[Column(key=k, header=k, block=b) for k, b in columns],
                 rows=[Row(key=k, code=code, label=label, cells={c: cell(v) for c, v in values.items()})
                       for k, code, label, values in rows])


def a(v):
    return {"amount": v}


def t(v, **more):
    return {"total": v, **more}


def jiangsu():
    """A consistent 江苏-style set (万元): 财政拨款 100 (一般公共预算 90, 政府性基金 10) + 财政专户 5."""
    summary = tab("budget.summary", [("amount", "收入"), ("amount", "支出"), ("amount", "支出用途")], [
        ("inc_fiscal", None, "一、财政拨款", a("100.00")), ("inc_gpb", None, "1.一般公共预算", a("90.00")),
        ("inc_gf", None, "2.政府性基金预算", a("10.00")), ("inc_special_account", None, "二、财政专户管理资金", a("5.00")),
        ("inc_other_funds", None, "三、其他资金", a("")), ("inc_total", None, "当年收入小计", a("105.00")),
        ("inc_begin", None, "上年结转资金", a("")), ("inc_grand", None, "收入合计", a("105.00")),
        ("class_201", "201", "一、一般公共服务支出", a("80.00")), ("class_208", "208", "八、社会保障和就业支出", a("25.00")),
        ("exp_total", None, "当年支出小计", a("105.00")), ("exp_end", None, "结转下年资金", a("")),
        ("exp_grand", None, "支出合计", a("105.00")), ("exp_basic", None, "一、基本支出", a("60.00")),
        ("exp_project", None, "二、项目支出", a("40.00")), ("exp_reserve", None, "三、单位预留机动经费", a("5.00"))])
    by_source = tab("budget.income_by_source", [("amount", None)], [
        ("inc_grand", None, "收入总计", a("105.00")), ("gpb_subtotal", None, "一般公共预算资金小计", a("90.00")),
        ("gpb_appropriation", None, "公共财政拨款(补助)资金", a("90.00")), ("gpb_special", None, "专项收入", a("")),
        ("gf_subtotal", None, "政府性基金小计", a("10.00")), ("sa_subtotal", None, "财政专户管理资金小计", a("5.00")),
        ("sa_education", None, "专户管理教育收费", a("")), ("sa_other_nontax", None, "其他非税收入", a("5.00")),
        ("other_subtotal", None, "其他资金小计", a("")), ("other_business", None, "事业收入", a("")),
        ("other_other", None, "其他收入", a("")), ("carryover_subtotal", None, "上年结转和结余资金小计", a(""))])
    purpose = tab("budget.expenditure_by_purpose", [(k, None) for k in ("total", "basic", "project", "reserve",
                                                                          "carry_forward")], [
        ("amounts", None, "金额", {"total": "105.00", "basic": "60.00", "project": "40.00", "reserve": "5.00",
                                 "carry_forward": ""})])
    fiscal = tab("budget.fiscal_summary", [("amount", "收入"), ("total", "支出")], [
        ("inc_gpb", None, "一、一般公共预算", a("90.00")), ("inc_gf", None, "二、政府性基金预算", a("10.00")),
        ("inc_grand", None, "收入合计", a("100.00")), ("exp_basic", None, "一、基本支出", t("55.00")),
        ("exp_project", None, "二、项目支出", t("40.00")), ("exp_reserve", None, "三、单位预留机动经费", t("5.00")),
        ("exp_grand", None, "支出合计", t("100.00"))])
    coded = [("total", None, "合计"), (None, "201", "一般公共服务支出"), (None, "208", "社会保障和就业支出")]

    def functional(tid, values):
        return tab(tid, [("total", None)], [(k, c, lbl, t(v)) for (k, c, lbl), v in zip(coded, values)])

    return doc_with(summary, by_source, purpose, fiscal,
                    functional("budget.fiscal_expenditure", ["100.00", "75.00", "25.00"]),
                    tab("budget.fiscal_basic", [("total", None)], [("total", None, "合计", t("55.00"))]),
                    functional("budget.gpb_expenditure", ["90.00", "70.00", "20.00"]),
                    tab("budget.gpb_basic", [("total", None)], [("total", None, "合计", t("50.00"))]),
                    functional("budget.gov_fund", ["10.00", "5.00", "5.00"]), year=2019)


def shanghai():
    """A consistent 上海 单位预算-style set (元): 财政拨款 100 (一般公共预算) + 事业收入 20."""
    exp = lambda v, p, q, r: {"amount": v, "personnel": p, "public": q, "project": r}  # noqa: E731
    summary = tab("budget.summary", [("amount", "收入"), ("amount", "支出"), ("personnel", "支出"), ("public", "支出"),
                                     ("project", "支出")], [
        ("inc_fiscal", None, "一、财政拨款收入", a("100")), ("inc_gpb", None, "1、一般公共预算资金", a("100")),
        ("inc_gf", None, "2、政府性基金", a("")), ("inc_soe", None, "3、国有资本经营预算", a("")),
        ("inc_business", None, "二、事业收入", a("20")), ("inc_operating", None, "三、事业单位经营收入", a("")),
        ("inc_other", None, "四、其他收入", a("")), ("inc_grand", None, "收入总计", a("120")),
        ("class_201", "201", "一、一般公共服务支出", exp("90", "50", "10", "30")),
        ("class_208", "208", "二、社会保障和就业支出", exp("30", "20", "", "10")),
        ("exp_grand", None, "支出总计", exp("120", "70", "10", "40"))])
    income = tab("budget.income", [(k, None) for k in ("total", "fiscal", "business", "operating", "other")], [
        ("total", None, "合计", {"total": "120", "fiscal": "100", "business": "20", "operating": "", "other": ""})])
    three = [("total", None, "合计"), (None, "201", "一般公共服务支出"), (None, "208", "社会保障和就业支出")]

    def functional(tid, values):
        return tab(tid, [("total", None), ("basic", None), ("project", None)],
                   [(k, c, lbl, {"total": v[0], "basic": v[1], "project": v[2]}) for (k, c, lbl), v in zip(three, values)])

    fiscal = tab("budget.fiscal_summary", [("amount", "收入"), ("total", "支出"), ("gpb", "支出"), ("gf", "支出"),
                                           ("soe", "支出")], [
        ("inc_gpb", None, "一、一般公共预算资金", a("100")), ("inc_gf", None, "二、政府性基金", a("")),
        ("inc_soe", None, "三、国有资本经营预算", a("")), ("inc_grand", None, "收入总计", a("100")),
        ("class_201", "201", "一、一般公共服务支出", {"total": "80", "gpb": "80", "gf": "", "soe": ""}),
        ("class_208", "208", "二、社会保障和就业支出", {"total": "20", "gpb": "20", "gf": "", "soe": ""}),
        ("exp_grand", None, "支出总计", {"total": "100", "gpb": "100", "gf": "", "soe": ""})])
    empty = [("total", None, "合计", {"total": "", "basic": "", "project": ""})]
    return doc_with(summary, income,
                    functional("budget.expenditure", [("120", "80", "40"), ("90", "60", "30"), ("30", "20", "10")]),
                    fiscal,
                    functional("budget.gpb_expenditure", [("100", "80", "20"), ("80", "60", "20"), ("20", "20", "")]),
                    tab("budget.gov_fund", [("total", None), ("basic", None), ("project", None)], empty),
                    tab("budget.soe_capital", [("total", None), ("basic", None), ("project", None)], empty),
                    tab("budget.gpb_basic", [("total", None), ("personnel", None), ("public", None)],
                        [("total", None, "合计", {"total": "80", "personnel": "70", "public": "10"})]), year=2025)


SETS = {"jiangsu": jiangsu, "shanghai": shanghai}


def plant(doc, template_id, key, column, delta="1"):
    tbl = doc.table(template_id)
    row = tbl.row(key) or tbl.by_code(key)
    c = row.cells[column]
    value = (c.value or D(0)) + D(delta)
    c.kind, c.value, c.text = CellKind.NUMBER, value, f"{value}"


PLANTS = [
    # code, set, template, row key or code, column
    ("B131", "jiangsu", "budget.summary", "inc_gf", "amount"),  # 财政拨款 ≠ 一般公共预算 + 政府性基金
    ("B131", "jiangsu", "budget.summary", "inc_begin", "amount"),  # 收入合计 ≠ 当年收入小计 + 上年结转
    ("B131", "shanghai", "budget.summary", "inc_business", "amount"),  # 收入总计 ≠ Σ 收入
    ("B132", "jiangsu", "budget.summary", "exp_reserve", "amount"),  # 支出用途 side
    ("B132", "jiangsu", "budget.summary", "class_208", "amount"),  # 功能分类 side
    ("B132", "shanghai", "budget.summary", "class_201", "personnel"),  # 人员经费 column
    ("B133", "jiangsu", "budget.fiscal_summary", "exp_project", "total"),
    ("B133", "jiangsu", "budget.fiscal_summary", "inc_gf", "amount"),
    ("B133", "shanghai", "budget.fiscal_summary", "class_208", "gpb"),
    ("B134", "jiangsu", "budget.income_by_source", "sa_other_nontax", "amount"),
    ("B134", "jiangsu", "budget.income_by_source", "gf_subtotal", "amount"),
    ("X121", "jiangsu", "budget.fiscal_summary", "inc_gpb", "amount"),
    ("X121", "shanghai", "budget.fiscal_summary", "inc_grand", "amount"),
    ("X122", "jiangsu", "budget.income_by_source", "sa_subtotal", "amount"),
    ("X122", "shanghai", "budget.income", "total", "business"),
    ("X123", "jiangsu", "budget.expenditure_by_purpose", "amounts", "reserve"),
    ("X123", "shanghai", "budget.expenditure", "208", "project"),
    ("X123", "shanghai", "budget.expenditure", "201", "basic"),
    ("X124", "jiangsu", "budget.gov_fund", "total", "total"),
    ("X124", "shanghai", "budget.gpb_expenditure", "201", "total"),
    ("X124", "shanghai", "budget.gov_fund", "total", "total"),  # an empty table against a 0 in the 总表
    ("X125", "jiangsu", "budget.fiscal_basic", "total", "total"),
    ("X125", "jiangsu", "budget.gpb_expenditure", "208", "total"),
    ("X125", "jiangsu", "budget.fiscal_expenditure", "total", "total"),
    ("X126", "shanghai", "budget.gpb_basic", "total", "total"),
]


@pytest.mark.parametrize("name", sorted(SETS))
def test_consistent_budget_sets_are_silent(name):
    doc = SETS[name]()
    report = audit(doc, select_codes=CODES)
    assert [(f.code, f.message) for f in report.findings] == []
    assert set(CODES) <= set(report.rules_run)  # every rule is registered and ran


@pytest.mark.parametrize("code,name,template,key,column", PLANTS,
                         ids=[f"{p[0]}-{p[1]}-{p[3]}-{p[4]}" for p in PLANTS])
def test_planted_budget_error_is_found_at_its_cell(code, name, template, key, column):
    doc = SETS[name]()
    assert codes_found(doc, code) == []
    plant(doc, template, key, column)
    found = codes_found(doc, code)
    assert found, f"{code} did not fire"
    assert any(loc.template_id == template and loc.column == column for f in found for loc in f.all_locations), \
        f"{code} does not point at the planted cell"
    assert all(f.formula and f.message and abs(f.difference) == D(1) for f in found)


def test_b131_b132_formula_names_the_lines():
    doc = jiangsu()
    plant(doc, "budget.summary", "exp_reserve", "amount")
    (f,) = codes_found(doc, "B132")
    assert "基本支出 60" in f.formula and "单位预留机动经费 6" in f.formula and f.expected == D("106.00")


def test_b134_leaves_the_grand_total_alone_when_carryover_is_printed():
    """Whether 收入总计 counts all 上年结转和结余 or only the 动用 part is not stated: no check then."""
    doc = jiangsu()
    plant(doc, "budget.income_by_source", "carryover_subtotal", "amount", "7")
    assert codes_found(doc, "B134") == []


def test_x124_without_fund_columns_needs_no_carryover():
    """江苏: the fund tables are compared with the 总表's 收入 lines only when nothing is carried over."""
    doc = jiangsu()
    plant(doc, "budget.gov_fund", "total", "total")
    assert codes_found(doc, "X124")
    plant(doc, "budget.summary", "inc_begin", "amount", "3")
    assert codes_found(doc, "X124") == []


def test_x123_class_missing_from_the_expenditure_table():
    doc = shanghai()
    e = doc.table("budget.expenditure")
    e.rows = [r for r in e.rows if r.code != "208"]
    found = codes_found(doc, "X123")
    assert any("未列 208" in f.formula for f in found)


def test_x126_needs_a_basic_column():
    """江苏's 一般公共预算支出预算表 prints 金额 only: nothing to compare."""
    doc = jiangsu()
    plant(doc, "budget.gpb_basic", "total", "total", "5")
    assert codes_found(doc, "X126") == []


def test_unreadable_figure_says_nothing():
    doc = jiangsu()
    c = doc.table("budget.fiscal_summary").row("inc_gpb").cells["amount"]
    c.kind, c.value, c.text = CellKind.TEXT, None, "见附表"
    assert codes_found(doc, "X121") == [] and codes_found(doc, "B133") == []


# -- the corpus ------------------------------------------------------------------------------------------
def budget_sets():
    if not CORPUS.is_dir():
        return []
    return sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*.pdf")
                  if p.parts[-3:-1] == ("shanghai", "budget") or "jiangsu" in p.parts)


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not available")


@needs_corpus
@pytest.mark.parametrize("rel", budget_sets() or ["none"])
def test_corpus_budget_sets_hold_every_identity(rel):
    """The 9 江苏 table sets (省人大、省委办公厅、省政协 2017–2019) and the 6 上海 sets satisfy every B13x/X12x
    identity as printed: no finding of any severity."""
    doc = _parsed(str(CORPUS / rel))
    if not doc.tables:  # 江苏's narrative-only files
        pytest.skip("no tables")
    report = audit(doc, select_codes=CODES)
    assert [(f.code, f.message) for f in report.findings] == []
    # and the rules did read the set: a figure planted in the 财政拨款收支预算总表 is found
    doc = doc.model_copy(deep=True)
    plant(doc, "budget.fiscal_summary", "inc_gpb", "amount")
    errors = [f for f in audit(doc, select_codes=CODES).findings if f.severity.value == "error"]
    # one planted cell, one cause: the X121 gap is folded into the B133 finding (Finding.also)
    assert {"B133", "X121"} <= {f.code for f in errors} | {a.split("：")[0] for f in errors for a in f.also}
    if doc.table("budget.gpb_expenditure").column("basic"):  # 上海
        plant(doc, "budget.gpb_basic", "total", "total")
        assert codes_found(doc, "X126")
    else:  # 江苏
        plant(doc, "budget.fiscal_basic", "total", "total")
        assert codes_found(doc, "X125")
