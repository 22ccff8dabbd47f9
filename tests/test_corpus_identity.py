"""Identity over ../shared/corpus/cities (2026 部门预算/单位预算 of 26 cities, and files that are not
disclosures at all): a sample checked by hand against each file's cover and first pages. Skipped when the
corpus is absent; the image-only files are left out (their reading depends on OCR)."""

from __future__ import annotations

import pytest

from conftest import CORPUS, _parsed
from gongkai.audit import audit
from gongkai.catalog.templates import profiles
from gongkai.model.document import DocumentKind

CITIES = CORPUS / "cities"
needs_cities = pytest.mark.skipif(not CITIES.is_dir(), reason="../shared/corpus/cities not available")
UB, DB = DocumentKind.UNIT_BUDGET, DocumentKind.DEPT_BUDGET

# file → (kind, year, unit, region, level)
DISCLOSURES = {
    "上海/2026年上海市交通运输局_部门预算.pdf": (UB, 2026, "上海交通职业技术学院", "上海", "省级"),
    "上海/2026年上海市审计局_部门预算.pdf": (UB, 2026, "上海市审计局", "上海", "省级"),
    "上海/文化广电旅游体育局_上海市文物保护研究中心2026年度预算.pdf": (UB, 2026, "上海市文物保护研究中心", "上海", "省级"),
    "无锡/2026年无锡市交通运输局部门预算.pdf": (UB, 2026, "无锡市交通运输局（本级）", "江苏·无锡", "市级"),
    "无锡/2026年无锡市统计局部门预算.pdf": (DB, 2026, "无锡市统计局", "江苏·无锡", "市级"),
    "无锡/信访局_2026年部门预算.pdf": (DB, 2025, "无锡市信访局", "江苏·无锡", "市级"),  # the file is the 2025 one
    "无锡/城市管理和综合执法局_2026年部门预算.pdf": (UB, 2026, "无锡市应急管理综合行政执法监督局", "江苏·无锡", "市级"),
    "苏州/规划和自然资源局_苏州市自然资源和规划局（本级）2026年度单位预算公开.pdf": (
        UB, 2026, "苏州市自然资源和规划局", "江苏·苏州", "市级"),
    "苏州/2026年苏州市审计局部门预算.pdf": (DB, 2026, "苏州市审计局", "江苏·苏州", "市级"),
    "福州/2026年福州市公安局部门预算.pdf": (UB, 2026, "福州市公安局治安管理支队", "福建·福州", "市级"),
    "福州/2026年福州市生态环境局部门预算.pdf": (UB, 2026, "福州经济技术开发区生态环境局", "福建·福州", "县级"),
    "福州/生态环境局_2026年度福州市仓山生态环境局单位预算.pdf": (UB, 2026, "福州市仓山生态环境局", "福建·福州", "县级"),
    "福州/2026年福州市商务局部门预算.pdf": (DB, 2026, "福州市商务局", "福建·福州", "市级"),
    "广州/2026年广州市交通运输局部门预算.pdf": (DB, 2026, "广州市交通运输局", "广东·广州", "市级"),
    "广州/2026年广州市宣传部部门预算.pdf": (DB, 2026, "中国共产党广州市委员会宣传部", "广东·广州", "市级"),
    "湖州/2026年湖州市卫生健康委员会部门预算.pdf": (DB, 2026, "湖州市卫生健康委员会", "浙江·湖州", "市级"),
    "珠海/财政局_2026年部门预算.pdf": (DB, 2026, "珠海市政府投资交通市政项目工务中心", "广东·珠海", "市级"),
    # 预算绩效 tables alone: part of a disclosure, no kind of their own
    "广州/生态环境局_广州市生态环境局2026年部门整体预算绩效目标申报表.pdf": (None, 2026, "广州市生态环境局", "广东·广州", "市级"),
    "广州/2026年广州市生态环境局部门预算.pdf": (None, 2026, "广州市生态环境局", "广东·广州", "市级"),
    "宁德/政府办公厅_2026年部门预算.pdf": (None, 2024, "宁德市人民政府办公室", "福建·宁德", "市级"),
}

# files that are something else, with a word of the title the reason quotes
NOT_DISCLOSURES = {
    "南宁/财政局_2026年部门预算.pdf": "政府网站工作年度报表",
    "镇江/民政局_2026年部门预算.pdf": "政府网站工作年度报表",
    "包头/2026年包头市政府办公厅部门预算.pdf": "的通知",
    "宁波/卫生健康委员会_2026年部门预算.pdf": "巡察通告",
    "惠州/2026年惠州市民政局部门预算.pdf": "惠州市民政局关于贯彻实施",
    "福州/医疗保障局_福州市2026年执行最高付费标准中药饮片目录.pdf": "中药饮片目录",
    "福州/商务局_2025年福州市物流业运行情况报告.pdf": "物流业运行情况报告",
    "镇江/财政局_2026年部门预算.pdf": "报名简章",
    "遵义/水务局_2026年部门预算.pdf": "工作岗位规范",
    "广州/司法局_2026年部门预算_2.pdf": "行业标准",
    "珠海/医疗保障局_2026年部门预算.pdf": "供应清单",
    "济南/2026年济南市审计局部门预算.pdf": "政府信息公开申请表",
    "潍坊/2026年潍坊市统计局部门预算.pdf": "巡视集中整改进展情况的通报",
}


def parsed(rel: str):
    path = CITIES / rel
    if not path.exists():
        pytest.skip(f"{rel} not in the corpus")
    return _parsed(str(path))


@needs_cities
@pytest.mark.parametrize("rel", sorted(DISCLOSURES))
def test_identity_of_disclosures(rel):
    doc = parsed(rel)
    assert doc.is_disclosure is True
    assert (doc.kind, doc.year, doc.unit_name, doc.region, doc.level) == DISCLOSURES[rel]
    # a regional profile only for a document of its region
    if doc.profile and profiles()[doc.profile].regions:
        assert doc.region.split("·")[0] in profiles()[doc.profile].regions


@needs_cities
@pytest.mark.parametrize("rel", sorted(NOT_DISCLOSURES))
def test_non_disclosures_are_said_so_with_no_error(rel):
    doc = parsed(rel)
    assert doc.is_disclosure is False and NOT_DISCLOSURES[rel] in doc.disclosure_reason
    assert (doc.kind, doc.unit_name, doc.profile) == (None, None, None)
    assert [f.code for f in audit(doc).findings] == ["P100"]


@needs_cities
def test_no_city_document_gets_another_regions_profile():
    for rel in sorted(DISCLOSURES):
        doc = parsed(rel)
        regions = profiles()[doc.profile].regions if doc.profile else []
        assert not regions or (doc.region and doc.region.split("·")[0] in regions), (rel, doc.profile)
