"""Performance material of the founding documents: every layout parses, and the audit finds what is wrong.

Skipped when ../shared/seeds is absent. Figures below are read off the seeds by eye.
"""

from __future__ import annotations

from decimal import Decimal as D

from conftest import parsed_example, parsed_seed
from gongkai.audit import audit
from gongkai.model.performance import EvaluationKind, MeasureKind, Operator, Stage
from gongkai.performance.scoring import Verdict, score_evaluation


def j_findings(prefix: str, code: str, severity: str | None = "error"):
    report = audit(parsed_seed(prefix), select_codes=["J"])
    return [f for f in report.findings if f.code == code and (severity is None or f.severity.value == severity)]


def by_line(doc, line: int):
    return next(e for e in doc.performance if e.span and e.span.line <= line <= e.span.line_end)


# -- seed 001: 部门预算项目支出绩效自评表, tab rows with wrapped, garbled cells --------------------------------
def test_001_every_project_self_evaluation_parses():
    doc = parsed_seed("001")
    evs = doc.performance
    assert len(evs) == 19  # 16 recognised tables, three of which print two evaluations each
    assert all(e.kind is EvaluationKind.PROJECT and e.stage is Stage.SELF_EVAL for e in evs)
    assert all(e.indicators for e in evs) and sum(len(e.indicators) for e in evs) >= 105
    assert all(e.budget is not None and e.budget.weight == 10 for e in evs)
    names = [e.name or "" for e in evs]
    assert "基金监管工作经费" in names and "医保经办服务规范建设项目" in names
    assert sum("省级预算内基本建设资" in n for n in names) == 3


def test_001_activation_rate_is_confirmed():
    doc = parsed_seed("001")
    ev = by_line(doc, 366)
    ind = next(i for i in ev.indicators if i.level3 == "医保电子凭证激活率")
    assert (ind.nature, ind.target.value, ind.actual.value, ind.weight, ind.score) == (
        Operator.GT, D(50), D(40), D(30), D(24))
    assert (ind.level1, ind.level2) == ("效益指标", "社会效益指标") and ind.reason.startswith("受疫情影响")
    line = next(ln for ln in score_evaluation(ev).lines if ln.label == "医保电子凭证激活率")
    assert line.verdict is Verdict.MATCH and line.recomputed == D(24)


def test_001_unreadable_rows_are_recorded():
    doc = parsed_seed("001")
    lines = sorted(u.span.line for e in doc.performance for u in e.unreadable)
    assert lines == [366, 391, 393, 398, 631]
    garbled = by_line(doc, 391)
    assert garbled.name is None and garbled.budget.score == D("8.054") and garbled.budget.rate == D("80.54")


def test_001_wrapped_rows_fold_into_one_indicator():
    ev = by_line(parsed_seed("001"), 425)  # 全省视频会议系统: wrapped names, numbers printed twice
    assert ev.name == "全省视频频会议系统" and len(ev.indicators) == 14  # 12 产出 + 效益 + 满意度
    assert ev.indicators[0].level3 == "提供市级视频会议室高清视频会议终端数量"
    assert sum(i.weight for i in ev.indicators) == 90 and ev.total_score == 0


def test_001_execution_score_of_the_capital_project_is_wrong():
    (f,) = [f for f in j_findings("001", "J101") if f.location.span.line == 718]
    assert f.formula == "执行率 20.61% × 权重 10 = 2.06，表中为 2.6"
    assert "省级预算内基本建设资" in f.message and "四川省医疗保障事务中心" == by_line(parsed_seed("001"), 718).implementing_unit


def test_001_the_other_errors():
    doc = parsed_seed("001")
    j101 = {f.location.span.line for f in j_findings("001", "J101")}
    assert j101 == {718}  # 20.61% × 10 = 2.06 printed 2.6
    # 91.04% scored 10 (line 647) follows the document's own practice: every project at or above 90% has full
    # marks (99.26%, 98.85%, 99.90%, 91.04%), those below are scored in proportion (86.16% → 8.62)
    assert 647 not in {f.location.span.line for f in j_findings("001", "J101", None)}
    # 良 scored full marks (政务云): the document prints no grade-to-score scale, so not provably wrong
    j103 = j_findings("001", "J103", "warning")
    assert {f.location.span.line for f in j103} >= {804, 805, 806} and not j_findings("001", "J103")
    assert all("等级“良” 80% × 权重 10 = 8，表中为 10" in f.formula for f in j103 if f.location.span.line in (804, 805, 806))
    # a cost indicator 'met' (42.4 < 180.35) scored 0 in a project that was hardly carried out (23.51%)
    (j106,) = j_findings("001", "J106", "warning")
    assert j106.location.span.line == 832 and "装修改造工程总体费用预算" in j106.message and "未实施" in j106.message
    assert by_line(doc, 832).budget.rate == D("23.51")


def test_001_rounding_is_reported_as_rounding():
    infos = j_findings("001", "J103", "info")
    tail = next(f for f in infos if f.location.span.line == 521)
    assert "42.8" in tail.message and "仅差尾数" in tail.message and "42.86" in tail.formula
    (narrative,) = j_findings("001", "J109", "info")[:1]
    assert narrative.actual == D("85.86") and narrative.expected == D("85.8") and "仅差尾数" in narrative.message
    assert all(f.severity.value == "info" for f in j_findings("001", "J104", None))  # 92.62 vs rows lost in extraction


def test_001_warnings():
    j102 = j_findings("001", "J102", "warning")
    assert [f.location.span.line for f in j102] == [794]  # 执行数 27.70 > 调整后预算 27.00, printed 100%
    j107 = {f.location.span.line for f in j_findings("001", "J107", "warning")}
    assert j107 == {723, 724, 726, 727, 781}


# -- seed 000: 项目绩效目标完成情况表, one cell per line --------------------------------------------------
def test_000_five_completion_tables():
    evs = parsed_seed("000").performance
    assert [e.name for e in evs] == ["DRG项目经费", "打击欺诈骗保业务经费", "业务档案电子信息系统建设", "帮村扶贫工作经费",
                                     "办公会议设备采购"]
    assert all(e.stage is Stage.COMPLETION for e in evs)
    assert [(e.budget.adjusted, e.budget.executed) for e in evs] == [
        (D(50), D("46.73")), (D(10), D(10)), (D(30), D("20.51")), (D("3.72"), D("3.72")), (D("4.8"), D("4.8"))]
    assert [len(e.indicators) for e in evs] == [6, 6, 6, 3, 6]
    drg = evs[0]
    assert drg.goal.startswith("有效控制医保基金增长") and drg.achieved.startswith("全市二级及以上")
    deadline = drg.indicators[2]
    assert deadline.target.kind is MeasureKind.DATE and deadline.target.text == "2020年12月前"
    assert deadline.actual.completed is True
    satisfaction = drg.indicators[5]
    assert (satisfaction.target.op, satisfaction.target.value, satisfaction.actual.value) == (Operator.GT, D(99), D("99.5"))
    assert audit(parsed_seed("000"), select_codes=["J"]).findings == []


# -- seed 002: 部门整体支出绩效自评表 under untitled grids ------------------------------------------------
def test_002_department_self_evaluation():
    (ev,) = parsed_seed("002").performance
    assert ev.kind is EvaluationKind.DEPARTMENT and ev.name == "湘西州医疗保障局"
    assert (ev.total_score, ev.grade) == (D(92), "优")
    assert [b.grade for b in ev.bands] == ["优", "良", "较差", "差"]
    assert len(ev.indicators) == 6 and ev.indicators[0].level2 == "数量指标"
    assert ev.indicators[-1].target.text == "达到90%" and ev.indicators[-1].actual.text == "达90%"
    assert ev.goal.startswith("目标1") and ev.achieved.startswith("1、")
    stated = {s.label: s.value for s in ev.stated}
    assert stated == {"总分": D(92), "预算执行情况": D(7), "产出情况": D(49), "效益情况": D(27), "服务对象满意度": D(9)}
    assert audit(parsed_seed("002"), select_codes=["J"]).findings == []


# -- seed 003: 部门整体支出绩效指标 and six 绩效目标表 (targets only) ----------------------------------------
def test_003_targets():
    evs = parsed_seed("003").performance
    assert [e.stage for e in evs] == [Stage.TARGETS] * 7
    dept = evs[0]
    assert dept.kind is EvaluationKind.DEPARTMENT and len(dept.indicators) == 6
    assert sum(i.weight for i in dept.indicators) == 100
    assert dept.indicators[0].target.text == "有所提升" and dept.indicators[0].target.kind is MeasureKind.TEXT
    quality = dept.indicators[1]
    assert (quality.level1, quality.level2, quality.nature, quality.target.value, quality.target.unit) == (
        "部门产出", "质量", Operator.GE, D(90), "%")
    projects = evs[1:]
    assert [len(e.indicators) for e in projects] == [6, 6, 6, 6, 6, 7]
    veterans = projects[2]
    cost = next(i for i in veterans.indicators if i.level2 == "成本指标")
    assert (cost.target.op, cost.target.value, cost.target.unit) == (Operator.LE, D(30), "万")
    assert projects[-1].indicators[-1].target.text == "≥85%"  # printed over three lines
    assert audit(parsed_seed("003"), select_codes=["J"]).findings == []


# -- seed 004: 部门整体支出绩效自评表 and three 项目绩效自评表, one row per line ----------------------------
def test_004_department_and_projects():
    evs = parsed_seed("004").performance
    assert [e.kind for e in evs] == [EvaluationKind.DEPARTMENT] + [EvaluationKind.PROJECT] * 3
    dept = evs[0]
    assert (dept.total_score, dept.total_weight, dept.grade) == (D("98.5"), D(100), "优秀")
    assert dept.budget.adjusted == D("15263.65") and dept.budget.executed == D("6275.58")
    assert len(dept.indicators) == 9 and dept.indicators[5].completion_rate == D(90)
    assert [len(e.indicators) for e in evs[1:]] == [11, 6, 5]
    residents = evs[3]
    assert residents.name == "城乡居民医疗保险市级配套资金" and residents.total_score == D("98.78")
    sc = score_evaluation(residents)
    assert sc.total_verdict is Verdict.MATCH and sc.weight_sum == D(100)
    assert [s.value for e in evs[1:] for s in e.stated] == [D(100), D(100), D("98.78")]


def test_004_findings():
    j102 = j_findings("004", "J102")
    assert [f.location.span.line for f in j102] == [550, 617]  # 市县(区)财政资金 1300/1300 printed 50
    assert {f.location.span.line for f in j_findings("004", "J110", "warning")} == {526, 530}
    infos = j_findings("004", "J103", "info")
    assert {f.actual for f in infos} == {D("17.91"), D("17.05")}
    report = audit(parsed_seed("004"), select_codes=["J"])
    assert all(f.severity.value == "info" for f in report.findings
               if f.difference is not None and abs(f.difference) <= D("0.02"))


# -- the bundled example has no performance tables ------------------------------------------------------------
def test_example_has_no_performance_material():
    doc = parsed_example()
    assert doc.performance == []
    assert audit(doc, select_codes=["J"]).findings == []
