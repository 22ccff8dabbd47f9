"""Identity from the document's own words: whether it is a disclosure at all, kind, year, unit, region and level
(gazetteer in catalog/places.yaml), and the profile chosen only where its region and tables fit."""

from __future__ import annotations

import pytest

from gongkai.audit import audit
from gongkai.catalog.templates import profiles
from gongkai.model import Document, Source, Table
from gongkai.model.document import DocumentKind
from gongkai.pipeline import parse_file
from gongkai.recognize.places import gazetteer, region_and_level
from gongkai.recognize.profiles import choose_profile

UNIT_COVER = """2026 年度
无锡市交通运输局（本级）
单位预算公开
无锡市交通运输局（本级）2026 年度单位预算公开
目  录
第一部分 单位概况
一、主要职能
二、单位机构设置及预算单位构成情况
第二部分 2026 年度单位预算表
第三部分 2026 年度单位预算情况说明
第四部分 名词解释
第一部分 单位概况
一、主要职能
负责全市交通运输工作。2025 年度完成了各项任务。
"""

DEPT_COVER_2025 = """2025 年度无锡市信访局部门预算公开
目  录
第一部分 部门概况
第二部分 2025 年度部门预算表
第三部分 2025 年度部门预算情况说明
第四部分 名词解释
一、主要职能
2026 年将继续做好信访工作，2024 年度已完成的事项见附件。
"""

NOTICE = """包府办发〔2026〕11 号
示例市人民政府办公室
关于印发示例市建筑垃圾污染环境
防治工作规划（2025—2035 年）的通知
各旗、县、区人民政府，市直有关部门：
经市人民政府同意，现将规划印发给你们，请认真贯彻落实。部门预算安排的资金按规定使用。
2026 年 3 月 6 日
"""

WEBSITE_REPORT = """政府网站工作年度报表
（2025 年度）
填报单位:示例市财政局
\t网站名称\t示例市财政局网站
\t首页网址\thttp://example.gov.cn/
\t独立用户访问总量（单位：个）\t530000
\t网站总访问量（单位：次）\t960000
"""

PERFORMANCE = """示例市生态环境局2026年部门整体预算绩效目标申报表
\t部门名称\t示例市生态环境局
\t部门预算支出\t预算金额（万元）\t收入来源\t预算金额（万元）
\t基本支出\t58,118.59\t财政拨款\t92,008.68
"""


def parse_text(tmp_path, name: str, text: str):
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


def test_unit_budget_cover_gives_kind_year_unit_region_and_level(tmp_path):
    doc = parse_text(tmp_path, "unit", UNIT_COVER)
    assert doc.is_disclosure is True and doc.disclosure_reason
    assert (doc.kind, doc.year, doc.unit_name) == (DocumentKind.UNIT_BUDGET, 2026, "无锡市交通运输局（本级）")
    assert (doc.region, doc.level) == ("江苏·无锡", "市级")


def test_the_cover_year_wins_over_years_in_passing(tmp_path):
    doc = parse_text(tmp_path, "dept", DEPT_COVER_2025)
    assert (doc.kind, doc.year, doc.unit_name) == (DocumentKind.DEPT_BUDGET, 2025, "无锡市信访局")


@pytest.mark.parametrize("name,text,words", [
    ("notice", NOTICE, "关于印发示例市建筑垃圾污染环境防治工作规划"),
    ("website", WEBSITE_REPORT, "政府网站工作年度报表"),
])
def test_a_non_disclosure_is_said_so_and_gets_no_disclosure_rules(tmp_path, name, text, words):
    doc = parse_text(tmp_path, name, text)
    assert doc.is_disclosure is False and words in doc.disclosure_reason
    assert (doc.kind, doc.year, doc.unit_name, doc.region, doc.profile) == (None, None, None, None, None)
    report = audit(doc)
    assert [(f.code, f.severity.value) for f in report.findings] == [("P100", "info")]
    assert report.rules_run == ["P100"]


def test_a_performance_table_alone_is_part_of_a_disclosure_without_a_profile(tmp_path):
    doc = parse_text(tmp_path, "perf", PERFORMANCE)
    assert doc.is_disclosure is True and "绩效" in doc.disclosure_reason
    assert (doc.year, doc.unit_name, doc.profile) == (2026, "示例市生态环境局", None)
    assert not [f for f in audit(doc).findings if f.code.startswith("P") and f.severity.value == "error"]


def test_a_file_without_text_cannot_be_judged():
    from gongkai.ingest.base import Page, RawDocument
    from gongkai.recognize.document import recognize

    doc = recognize(RawDocument(path="scan.pdf", sha256="0", format="pdf", pages=[Page(number=k) for k in (1, 2)]))
    assert doc.is_disclosure is None and "扫描件" in doc.disclosure_reason
    assert doc.profile is None and not [f for f in audit(doc).findings if f.severity.value == "error"]


# -- the gazetteer --------------------------------------------------------------------------------------------

def test_gazetteer_has_every_province_and_prefecture():
    provinces, prefectures = gazetteer()
    assert len(provinces) == 31 and len(prefectures) == 333
    assert {p.short for p in provinces if p.municipality} == {"北京", "天津", "上海", "重庆"}


@pytest.mark.parametrize("name,region,level", [
    ("无锡市交通运输局（本级）", "江苏·无锡", "市级"),
    ("江苏省人大常委会办公厅", "江苏", "省级"),
    ("中共江苏省委办公厅", "江苏", "省级"),
    ("中国共产党广州市委员会宣传部", "广东·广州", "市级"),
    ("上海市审计局", "上海", "省级"),
    ("上海市普陀区商务委员会", "上海", "县级"),
    ("福州市仓山生态环境局", "福建·福州", "县级"),
    ("福州经济技术开发区生态环境局", "福建·福州", "县级"),
    ("福州市公安局治安管理支队", "福建·福州", "市级"),
    ("廊坊市广阳区医疗保障局", "河北·廊坊", "县级"),
    ("湘西土家族苗族自治州财政局", "湖南·湘西", "市级"),
    ("吉林市财政局", "吉林·吉林", "市级"),
    ("吉林省财政厅", "吉林", "省级"),
    ("海南藏族自治州财政局", "青海·海南州", "市级"),
    ("兴安盟财政局", "内蒙古·兴安", "市级"),
    ("朝阳区财政局", None, "县级"),
    ("中华人民共和国财政部", None, "中央"),
    ("国家统计局", None, "中央"),
    ("国家税务总局江苏省税务局", "江苏", "省级"),
    ("示例市医疗保障局", None, None),
])
def test_region_and_level_from_the_unit_name(name, region, level):
    assert region_and_level(name) == (region, level)


# -- the profile ----------------------------------------------------------------------------------------------

def doc_of(kind, region, *template_ids, generic: int = 0) -> Document:
    tables = [Table(template_id=t, title=t) for t in template_ids]
    tables += [Table(template_id=None, title="未识别表格", rows=[]) for _ in range(generic)]
    return Document(kind=kind, region=region, is_disclosure=True, tables=tables,
                    source=Source(path="synthetic", sha256="0", format="text"))


def ids_of(profile_id: str) -> list[str]:
    return [pt.template for pt in profiles()[profile_id].tables]


def test_a_regional_profile_is_never_given_to_another_region():
    for p in profiles().values():
        if not p.regions:
            continue
        doc = doc_of(DocumentKind(p.kind), "示例省·示例", *ids_of(p.id))
        chosen = choose_profile(doc)
        assert chosen is None or not profiles()[chosen].regions, (p.id, chosen)


def test_the_region_and_the_tables_choose_the_profile():
    sh = ids_of("shanghai_unit_budget")
    assert choose_profile(doc_of(DocumentKind.UNIT_BUDGET, "上海", *sh)) == "shanghai_unit_budget"
    assert choose_profile(doc_of(DocumentKind.UNIT_BUDGET, "江苏·无锡", *sh)) is None  # no 单位预算 set there
    nine = ids_of("national_budget")
    assert choose_profile(doc_of(DocumentKind.DEPT_BUDGET, "福建·福州", *nine)) == "national_budget"
    # a set with a table the national nine do not have, missing one of theirs: another set, not the national
    other = [t for t in nine if t != "budget.three_public"] + ["budget.running_costs"]
    assert choose_profile(doc_of(DocumentKind.DEPT_BUDGET, "江苏·无锡", *other)) is None
    # region unknown: a regional set only when exactly its tables are printed
    assert choose_profile(doc_of(DocumentKind.UNIT_BUDGET, None, *sh)) == "shanghai_unit_budget"
    assert choose_profile(doc_of(DocumentKind.UNIT_BUDGET, None, *sh[:6])) is None


def test_missing_tables_are_only_a_warning_when_unrecognised_grids_may_be_them():
    nine = [t for t in ids_of("national_budget") if t != "budget.gpb_basic"]
    doc = doc_of(DocumentKind.DEPT_BUDGET, "河南·郑州", *nine)  # a region with no set of its own
    doc.profile = choose_profile(doc)
    assert doc.profile == "national_budget"
    (f,) = [f for f in audit(doc, select_codes=["P101"]).findings]
    assert f.severity.value == "error"
    doc.tables.append(Table(template_id=None, title="单位：万元", generic=True, rows=_rows(3)))
    (f,) = [f for f in audit(doc, select_codes=["P101"]).findings]
    assert f.severity.value == "warning" and "未能按模板识别" in f.message


def test_a_non_disclosure_gets_no_completeness_findings_even_with_a_profile():
    doc = doc_of(None, None)
    doc.is_disclosure, doc.disclosure_reason, doc.profile = False, "不是部门预算/决算公开文件", "national_budget"
    assert [f.code for f in audit(doc).findings] == ["P100"]


def _rows(n: int):
    from decimal import Decimal

    from gongkai.model import Cell, CellKind, Row

    return [Row(key=str(k), label=f"行{k}", cells={"a": Cell(kind=CellKind.NUMBER, value=Decimal(k + 1), text=str(k + 1))})
            for k in range(n)]
