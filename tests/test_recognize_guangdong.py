"""广东-style 部门预算 tables (表1 … 表12 above titles such as 收支总体情况表): recognised by title and structure, rows by
unit read as units and the rows under them, the 功能分类 code in brackets before the name, repeated headers skipped.
The fixture is a hand-written text dump (one table row per line, Tab-separated); figures are invented."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from conftest import CORPUS
from gongkai.audit import audit
from gongkai.ingest.text import parse_text
from gongkai.recognize.document import recognize

T = "\t"


def rows(*lines: list[str]) -> str:
    return "\n".join(T.join(cells) for cells in lines)


DUMP = "\n".join([
    "第二部分 2026年部门预算表",
    "表1",
    "收支总体情况表",
    "单位名称：示例局 单位：万元",
    rows(["收入", "支出"], ["项目", "预算", "项目", "预算"],
         ["一、预算拨款", "100.00", "一、一般公共服务支出", "90.00"],
         ["二、财政专户拨款", "0.00", "二、外交支出", "0.00"],
         ["三、事业收入", "5.00", "八、社会保障和就业支出", "10.00"],
         ["", "", "二十四、对附属单位补助支出", "5.00"],
         ["收入", "支出"], ["项目", "预算", "项目", "预算"],
         ["本年收入合计", "105.00", "本年支出合计", "105.00"],
         ["上年结转结余", "0.00", "结转结余下年", "0.00"],
         ["收入总计", "105.00", "支出总计", "105.00"]),
    "注：本套报表金额单位转换时可能存在尾数误差。",
    "",
    "表2",
    "收入总体情况表",
    "单位名称：示例局 单位：万元",
    rows(["单位名称", "合计", "财政拨款收入", "财政专户拨款收入", "其他资金收入", "上级补助收入", "附属单位上缴收入", "上年结转结余"],
         ["一般公共预算", "政府性基金预算", "国有资本经营预算", "教育收费", "其他专户收入拨款", "事业收入",
          "事业单位经营收入", "其他收入"],
         ["合计", "105.00", "100.00", "0.00", "0.00", "0.00", "0.00", "5.00", "0.00", "0.00", "0.00", "0.00", "0.00"],
         ["示例局", "80.00", "75.00", "0.00", "0.00", "0.00", "0.00", "5.00", "0.00", "0.00", "0.00", "0.00", "0.00"],
         ["示例中心", "25.00", "25.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"]),
    "注：无。",
    "",
    "表5",
    "一般公共预算支出情况表（按功能分类科目）",
    "单位名称：示例局 单位：万元",
    rows(["功能科目名称", "一般公共预算支出"], ["小计", "其中：基本支出", "项目支出"],
         ["合计", "100.00", "60.00", "40.00"],
         ["[201]一般公共服务支出", "90.00", "50.00", "40.00"],
         [" [20103]政府办公厅（室）及相关机构事务", "90.00", "50.00", "40.00"],
         ["  [2010301]行政运行", "50.00", "50.00", "0.00"],
         ["  [2010302]一般行政管理事务", "40.00", "0.00", "40.00"],
         ["[208]社会保障和就业支出", "10.00", "10.00", "0.00"],
         [" [20805]行政事业单位养老支出", "10.00", "10.00", "0.00"],
         ["  [2080505]机关事业单位基本养老保险缴费支出", "10.00", "10.00", "0.00"]),
    "",
    "表8",
    "财政拨款安排的行政经费及“三公”经费预算表",
    "单位名称：示例局 单位：万元",
    rows(["项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
         ["行政经费", "30.00", "30.00", "0.00", "0.00"],
         ["“三公”经费", "6.00", "6.00", "0.00", "0.00"],
         ["其中：（一）因公出国（境）支出", "1.00", "1.00", "0.00", "0.00"],
         ["（二）公务用车购置及运行维护支出", "3.00", "3.00", "0.00", "0.00"],
         ["1.公务用车购置费", "0.00", "0.00", "0.00", "0.00"],
         ["2.公务用车运行维护费", "3.00", "3.00", "0.00", "0.00"],
         ["（三）公务接待费支出", "2.00", "2.00", "0.00", "0.00"]),
    "",
    "表11",
    "部门预算基本支出预算表",
    "单位名称：示例局 单位：万元",
    rows(["支出项目类别（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金"],
         ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
         ["合计", "60.00", "60.00", "60.00", "0.00", "0.00", "0.00", "0.00"],
         ["示例局（本级）", "45.00", "45.00", "45.00", "0.00", "0.00", "0.00", "0.00"],
         ["工资福利支出", "40.00", "40.00", "40.00", "0.00", "0.00", "0.00", "0.00"],
         ["商品和服务支出", "5.00", "5.00", "5.00", "0.00", "0.00", "0.00", "0.00"],
         ["示例中心", "15.00", "15.00", "15.00", "0.00", "0.00", "0.00", "0.00"],
         ["工资福利支出", "15.00", "15.00", "15.00", "0.00", "0.00", "0.00", "0.00"]),
    "",
    "表12",
    "部门预算项目支出及其他支出预算表",
    "单位名称：示例局 单位：万元",
    rows(["支出项目类别（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标"],
         ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
         ["合计", "45.00", "40.00", "40.00", "0.00", "0.00", "0.00", "5.00"],
         ["示例局", "35.00", "30.00", "30.00", "0.00", "0.00", "0.00", "5.00"],
         ["机构运行经费", "30.00", "30.00", "30.00", "0.00", "0.00", "0.00", "0.00", "保障机关正常运转。"],
         ["支出项目类别（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标"],
         ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"],
         ["培训项目", "5.00", "0.00", "0.00", "0.00", "0.00", "0.00", "5.00", "完成培训任务。"],
         ["示例中心", "10.00", "10.00", "10.00", "0.00", "0.00", "0.00", "0.00"],
         ["业务专项", "10.00", "10.00", "10.00", "0.00", "0.00", "0.00", "0.00", "完成业务工作。"]),
    "注：无。",
])


@pytest.fixture(scope="module")
def doc():
    return recognize(parse_text(DUMP, path="guangdong.txt"))


def test_tables_recognised_with_their_numbers_and_profile(doc):
    got = [(t.template_id, t.printed_number) for t in doc.tables]
    assert got == [("budget.summary", "公开01表"), ("budget.income_overview_by_unit", "公开02表"),
                   ("budget.gpb_expenditure", "公开05表"), ("budget.admin_three_public", "公开08表"),
                   ("budget.basic_by_unit", "公开11表"), ("budget.project_by_unit", "公开12表")]
    # six of the twelve tables are too few for the guangdong_budget profile; the corpus test checks the profile


def test_summary_lines_and_repeated_header(doc):
    s = doc.table("budget.summary")
    assert s.row("inc_fiscal").value("amount") == D("100.00")
    assert s.row("exp_affiliated").value("amount") == D("5.00")
    assert s.row("exp_end").label == "结转结余下年"
    assert not [r for r in s.rows if r.key is None]  # the header printed again is no row


def test_rows_by_unit(doc):
    inc = doc.table("budget.income_overview_by_unit")
    assert [c.key for c in inc.columns][:3] == ["total", "gpb", "gf"] and len(inc.columns) == 12
    assert [(r.key, r.block, r.value("business")) for r in inc.rows] == [
        ("total", None, D("5.00")), (None, "单位", D("5.00")), (None, "单位", D("0.00"))]
    basic = doc.table("budget.basic_by_unit")
    assert [r.block for r in basic.rows] == [None, "单位", "明细", "明细", "单位", "明细"]
    proj = doc.table("budget.project_by_unit")
    assert [r.block for r in proj.rows] == [None, "单位", "明细", "明细", "单位", "明细"]
    assert proj.rows[2].cells["targets"].text == "保障机关正常运转。"
    assert proj.rows[3].value("other_funds") == D("5.00")


def test_bracketed_codes_and_three_public_rows(doc):
    g = doc.table("budget.gpb_expenditure")
    assert [r.code for r in g.rows] == [None, "201", "20103", "2010301", "2010302", "208", "20805", "2080505"]
    assert g.by_code("2010302").value("project") == D("40.00")
    tp = doc.table("budget.admin_three_public")
    assert [r.key for r in tp.rows] == ["admin", "three_public", "abroad", "vehicle", "vehicle_buy", "vehicle_run",
                                        "reception"]


def test_consistent_set_is_silent_and_planted_errors_found():
    """The fixture prints six of the twelve tables: P101 (missing tables) is not what is tested here."""
    assert not [f for f in audit(recognize(parse_text(DUMP, path="g.txt")), ignore_codes=["P101"]).findings if f.severity.value == "error"]
    planted = DUMP.replace(
        T.join(["示例中心", "15.00", "15.00", "15.00"]), T.join(["示例中心", "16.00", "16.00", "16.00"]))
    found = {(f.code, f.location.template_id) for f in audit(recognize(parse_text(planted, path="g.txt"))).findings
             if f.severity.value == "error"}
    assert ("T106", "budget.basic_by_unit") in found
    planted = DUMP.replace(T.join(["“三公”经费", "6.00", "6.00"]), T.join(["“三公”经费", "7.00", "7.00"]))
    found = {(f.code, f.location.template_id) for f in audit(recognize(parse_text(planted, path="g.txt"))).findings
             if f.severity.value == "error"}
    assert ("T104", "budget.admin_three_public") in found


GUANGDONG = sorted((CORPUS / "cities" / "广州").glob("*部门预算.pdf")) if CORPUS.exists() else []


@pytest.mark.skipif(not GUANGDONG, reason="corpus not available")
def test_corpus_guangdong_sets_recognised_without_errors():
    from gongkai.pipeline import parse_file

    for path in GUANGDONG:
        doc = parse_file(path)
        if doc.table("budget.summary") is None:
            continue  # not a 部门预算 set (a 调解 manual filed under the same name)
        ids = {t.template_id for t in doc.tables if t.template_id}
        assert len(ids) == 12, path.name
        assert doc.profile == "guangdong_budget"
        errors = [f for f in audit(doc).findings if f.severity.value == "error"]
        assert not errors, (path.name, [f.message for f in errors])


def test_a_column_the_template_does_not_know_keeps_the_table_as_printed():
    dump = "\n".join(["表2", "收入总体情况表", "单位名称：示例局 单位：万元",
                      rows(["单位名称", "合计", "财政拨款收入", "用事业基金弥补收支差额"],
                           ["合计", "10.00", "8.00", "2.00"], ["示例局", "10.00", "8.00", "2.00"])])
    (table,) = recognize(parse_text(dump, path="g.txt")).tables
    assert table.template_id is None and table.generic


def test_a_file_of_performance_targets_alone_gets_no_profile():
    """A 部门整体预算绩效目标申报表 published by itself: no disclosure set to hold against a profile (P101)."""
    dump = "\n".join(["部门整体支出绩效目标表", rows(["部门名称", "示例局"], ["年度预算", "100.00"],
                                                   ["一级指标", "二级指标", "三级指标", "指标值"],
                                                   ["产出指标", "数量指标", "培训人次", "≥100人次"])])
    doc = recognize(parse_text(dump, path="g.txt"))
    assert [t.template_id for t in doc.tables] == ["perf.dept_targets"]
    assert doc.profile is None
    assert not [f for f in audit(doc).findings if f.code == "P101"]
