"""Parsing performance tables from synthetic documents (no seeds needed): two flattenings of the tables."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from conftest import parsed_example
from gongkai.audit import audit
from gongkai.model.performance import EvaluationKind, MeasureKind, Operator, Stage
from gongkai.performance import parse_performance
from gongkai.pipeline import parse_file

# 部门预算项目支出绩效自评表 as tab-separated rows, an 指标性质 column, a wrapped row printed twice (四川)
SICHUAN = (
    '示例局2023年度部门决算\n'
    '\n'
    '附表: 部门预算项目支出绩效自评表(2023年度)\n'
    '\n'
    '\t项目名称\t\t51000023T000000000001-示例专项经费\t\t\t\t\t\t\t\n'
    '\t主管部门\t\t示例局\t\t\t\t实施单位(盖章)\t\t示例中心\t\n'
    '\t年度预算数(万元)\t年初预算\t调整后预算数\t\t预算执行数\t\t预算执行率\t权重\t得分\t原因\n'
    '\t总额\t100.00\t80.00\t\t40.00\t\t50.00%\t10\t5.5\t进度滞后\n'
    '\t其中: 财政资金\t100.00\t80.00\t\t40.00\t\t50.00%\t/\t/\t\n'
    '\t一级指标\t二级指标\t三级指标\t指标 性质\t指标值\t度量 单位\t完成值\t权重\t得分\t未完成原因分析\n'
    '绩效\t产出指标\t数量指标\t示例数量\t≥\t10\t个\t8\t30\t24\t进度滞后\n'
    '指标\t\t\t提供示例会议室高\t\t20\t\t0\t20\t0\t未完成采购\n'
    '\t\t\t清终端数量\t>\t20\t台\t0\t20\t0\t\n'
    '\t效益指标\t社会效益 指标\t示例效益\t定性\t优良中 低差\t\t良\t30\t30\t\n'
    '\t满意度指标\t满意度指标\t满意度\t≥\t90\t%\t95\t10\t10\t\n'
    '\t\t\t合计\t\t\t\t\t\t69.5\t\n'
    '评价结论\t自评得分69.5分。\t\t\t\t\t\t\t\t\t\n'
)

# 项目绩效自评表 one row per line, 年度指标值 with its operator, 调整后指标值 (山西)
SHANXI = (
    '示例局2023年度部门决算\n'
    '\n'
    '第五部分 附件\n'
    '\n'
    '测试经费项目绩效自评表\n'
    '\n'
    '(2023年度)\n'
    '\n'
    '项目名称\t\t测试经费\t\t\t\t\t\t\t\n'
    '主管部门\t\t示例局-001\t\t\t实施单位\t示例局\t\t\t\n'
    '项目资金(万元)\t\t\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n'
    '\t\t年度资金总额\t\t100\t80\t60\t10\t75\t7.5\n'
    '\t\t其中:中央财政资金\t\t0\t0\t0\t—\t0\t—\n'
    '\t\t市县(区)财政资金\t\t100\t80\t60\t—\t50\t—\n'
    '年度总体目标\t预期目标\t\t\t\t实际完成情况\t\t\t\t\n'
    '\t完成测试任务\t\t\t\t基本完成测试任务\t\t\t\t\n'
    '\t一级指标\t二级指标\t三级指标\t年度指标值\t调整后指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n'
    '绩效目标\t产出指标\t数量指标\t培训次数\t≥10次\t\t8次\t30\t24\t疫情影响\n'
    '\t\t质量指标\t合格率\t≥90%\t\t95%\t30\t30\t\n'
    '\t效益指标\t社会效益\t群众知晓度\t有所提升\t\t有所提升\t20\t20\t\n'
    '\t满意度指标\t服务对象满意度指标\t满意度\t≥90%\t\t80%\t10\t10\t\n'
    '总分\t\t\t\t\t\t\t100\t91.5\t\n'
    '\n'
    '项目1绩效自评综述：测试经费项目自评得分为 95 分，评价结果为优。\n'
)


@pytest.fixture
def sichuan(tmp_path):
    path = tmp_path / "sichuan.txt"
    path.write_text(SICHUAN, encoding="utf-8")
    return parse_file(path)


@pytest.fixture
def shanxi(tmp_path):
    path = tmp_path / "shanxi.txt"
    path.write_text(SHANXI, encoding="utf-8")
    return parse_file(path)


def test_sichuan_layout(sichuan):
    (ev,) = sichuan.performance
    assert (ev.kind, ev.stage, ev.name, ev.code) == (EvaluationKind.PROJECT, Stage.SELF_EVAL, "示例专项经费",
                                                   "51000023T000000000001")
    assert (ev.department, ev.implementing_unit) == ("示例局", "示例中心")
    b = ev.budget
    assert (b.initial, b.adjusted, b.executed, b.rate, b.weight, b.score) == (
        D("100.00"), D("80.00"), D("40.00"), D("50.00"), D(10), D("5.5"))
    assert [f.label for f in ev.funds] == ["其中:财政资金"]
    assert [i.level3 for i in ev.indicators] == ["示例数量", "提供示例会议室高清终端数量", "示例效益", "满意度"]
    first, wrapped, graded, satisfied = ev.indicators
    assert (first.level1, first.level2, first.nature, first.target.value, first.unit, first.actual.value) == (
        "产出指标", "数量指标", Operator.GE, D(10), "个", D(8))
    assert first.reason == "进度滞后" and ev.has_reason_column
    assert wrapped.nature is Operator.GT and wrapped.weight == 20 and wrapped.merged_rows  # the repeat folded in
    assert graded.target.kind is MeasureKind.SCALE and graded.actual.grade == "良"
    assert (satisfied.level1, satisfied.level2) == ("满意度指标", "满意度指标")
    assert ev.total_score == D("69.5") and [s.value for s in ev.stated] == [D("69.5")]
    assert ev.indicators[0].ref.columns["score"] and ev.indicators[0].ref.row_index is not None


def test_sichuan_findings_point_at_cells(sichuan):
    report = audit(sichuan, select_codes=["J"])
    errors = {(f.code, f.location.span.line) for f in report.findings if f.severity.value == "error"}
    assert errors == {("J101", 8)}
    # 良 scored the full 30: against the default grade shares, but the document prints no scale → a warning
    warnings = {(f.code, f.location.span.line) for f in report.findings if f.severity.value == "warning"}
    assert ("J103", 14) in warnings
    j101 = next(f for f in report.findings if f.code == "J101")
    assert j101.location.column == "c10" and j101.location.table_index == 0
    assert j101.formula == "执行率 50% × 权重 10 = 5，表中为 5.5"


def test_shanxi_layout(shanxi):
    (ev,) = shanxi.performance
    assert ev.name == "测试经费" and ev.department == "示例局-001"
    assert (ev.budget.adjusted, ev.budget.executed, ev.budget.rate, ev.budget.score) == (D(80), D(60), D(75), D("7.5"))
    assert [(f.label, f.rate) for f in ev.funds] == [("其中:中央财政资金", D(0)), ("市县(区)财政资金", D(50))]
    assert ev.goal == "完成测试任务" and ev.achieved == "基本完成测试任务"
    counts, rate, known, satisfied = ev.indicators
    assert (counts.target.op, counts.target.value, counts.target.unit, counts.actual.value) == (
        Operator.GE, D(10), "次", D(8))
    assert counts.nature_inferred and counts.reason == "疫情影响"
    assert known.target.text == "有所提升" and known.nature is Operator.QUALITATIVE
    assert (ev.total_score, ev.total_weight) == (D("91.5"), D(100))
    assert [s.value for s in ev.stated] == [D(95)]


def test_shanxi_findings(shanxi):
    report = audit(shanxi, select_codes=["J"])
    got = sorted((f.code, f.severity.value) for f in report.findings)
    assert got == [("J102", "error"), ("J106", "error"), ("J107", "warning"), ("J109", "error")]


def test_parse_performance_without_the_reader_and_on_documents_without_tables(sichuan):
    again = parse_performance(sichuan)  # no reader: the same evaluations (no 项目名称 row was dropped here)
    assert [e.name for e in again] == [e.name for e in sichuan.performance]
    assert parse_performance(parsed_example()) == []


@pytest.mark.parametrize("printed, grade", [("优", "优"), ("自评得分91.5分，评价等级为“良”。", "良")])
def test_grade_row_gives_the_tables_grade(tmp_path, printed, grade):
    """A '评价等级' row (as gongkai compose prints it) is the table's grade, with the cell it came from."""
    path = tmp_path / "graded.txt"
    path.write_text(SHANXI + f"评价等级\t{printed}\t\t\t\t\t\t\t\t\n", encoding="utf-8")
    ev = parse_file(path).performance[0]
    assert ev.grade == grade
    assert ev.grade_ref is not None and ev.grade_ref.columns.get("grade")
    findings = [f for f in audit(parse_file(path)).findings if f.code == "J108"]
    # 91.5 is 优 under the default bands: a 良 printed in the table contradicts it
    assert bool(findings) == (grade == "良")


def test_a_total_row_named_with_several_total_words_is_the_total_not_an_indicator(tmp_path):
    path = tmp_path / "total.txt"
    path.write_text(SICHUAN.replace("\t\t\t合计\t\t\t\t\t\t69.5\t\n", "\t\t\t总分值、评价总分 (S)\t\t\t\t\t\t69.5\t\n"),
                    encoding="utf-8")
    (ev,) = parse_file(path).performance
    assert [i.level3 for i in ev.indicators] == ["示例数量", "提供示例会议室高清终端数量", "示例效益", "满意度"]
    assert ev.total_score == D("69.5")
