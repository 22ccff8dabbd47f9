"""Each J rule on synthetic evaluations: a case where it fires and one where it stays silent."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from gongkai.audit import audit
from gongkai.audit.registry import get_rule
from gongkai.model import Document, Source
from gongkai.model.performance import (
    BudgetLine, EvaluationKind, GradeBand, Indicator, PerformanceEvaluation, RowRef, Stage, StatedScore, UnreadableRow,
)
from gongkai.performance.values import parse_measure, read_operator, read_percent

CODES = ["J101", "J102", "J103", "J104", "J105", "J106", "J107", "J108", "J109", "J110"]


def ind(target, actual, weight, score, nature=None, unit=None, reason=None, rate=None, name="指标") -> Indicator:
    return Indicator(level3=name, nature=read_operator(nature) if nature else None, target=parse_measure(target, unit),
                     actual=parse_measure(actual, unit), weight=D(str(weight)), score=D(str(score)), reason=reason,
                     completion_rate=read_percent(rate) if rate else None, completion_rate_text=rate)


def budget(rate="100.00", weight="10", score="10", adjusted="100", executed="100") -> BudgetLine:
    return BudgetLine(label="总额", adjusted=D(adjusted), executed=D(executed), rate=D(rate), weight=D(weight),
                      score=D(score) if score is not None else None, ref=RowRef(table_index=0, row_index=None))


def full_indicators() -> list[Indicator]:
    return [ind("50", "60", 30, 30, ">", "%"), ind("优良中低差", "优", 30, 30, "定性"), ind("90", "95", 30, 30, "≥", "%")]


def doc_with(*evaluations: PerformanceEvaluation, options=None) -> Document:
    return Document(source=Source(path="synthetic", sha256="0", format="text"), performance=list(evaluations))


def evaluation(**kw) -> PerformanceEvaluation:
    base = dict(kind=EvaluationKind.PROJECT, stage=Stage.SELF_EVAL, name="测试项目", title="项目支出绩效自评表",
                budget=budget(), indicators=full_indicators(), total_score=D(100), has_reason_column=True)
    base.update(kw)
    return PerformanceEvaluation(**base)


def found(doc: Document, code: str, severity: str | None = "error", options=None) -> list:
    report = audit(doc, select_codes=[code], options=options)
    return [f for f in report.findings if f.code == code and (severity is None or f.severity.value == severity)]


def test_every_j_rule_is_registered_with_full_docs():
    for code in CODES:
        rule = get_rule(code)
        assert rule is not None and rule.family() == "绩效", code
        for section in ("### 检查内容", "### 为什么重要", "### 示例", "### 如何修正"):
            assert section in rule.doc
    assert set(get_rule("J103").options) >= {"performance.le_formula", "performance.grade_shares"}
    assert "performance.bands" in get_rule("J108").options


def test_consistent_evaluation_is_silent_on_every_j_rule():
    doc = doc_with(evaluation(stated=[StatedScore(value=D(100), text="自评得分100分", source="narrative")]))
    for code in CODES:
        assert found(doc, code, severity=None) == [], code


# -- J101 ------------------------------------------------------------------------------------------------
def test_j101_execution_score_not_rate_times_weight():
    ev = evaluation(budget=budget(rate="20.61", score="2.6", adjusted="333.57", executed="68.75"),
                    total_score=D("92.6"))
    (f,) = found(doc_with(ev), "J101")
    assert f.formula == "执行率 20.61% × 权重 10 = 2.06，表中为 2.6"
    assert (f.expected, f.actual) == (D("2.061"), D("2.6"))


def test_j101_rounding_is_info_and_correct_score_is_silent():
    ev = evaluation(budget=budget(rate="86.16", score="8.62"), total_score=D("98.62"))
    (f,) = found(doc_with(ev), "J101", "info")
    assert "8.616" in f.formula
    assert found(doc_with(evaluation(budget=budget(rate="30.00", score="3"), total_score=D(93))), "J101", None) == []


# -- J102 ------------------------------------------------------------------------------------------------
def test_j102_rate_not_executed_over_budget():
    ev = evaluation(funds=[BudgetLine(label="市县(区)财政资金", adjusted=D(1300), executed=D(1300), rate=D(50))])
    (f,) = found(doc_with(ev), "J102")
    assert "1300 ÷ 调整后预算数 1300 = 100" in f.formula and f.actual == D(50)


def test_j102_amount_rounding_is_info_and_right_rate_silent():
    ev = evaluation(budget=budget(rate="84.85", adjusted="19.04", executed="16.16", score="8.5"), total_score=D("98.5"))
    assert found(doc_with(ev), "J102", "info") and not found(doc_with(ev), "J102")
    ok = evaluation(budget=budget(rate="20.61", adjusted="333.57", executed="68.75", score="2.06"))
    assert found(doc_with(ok), "J102", None) == []


# -- J103 ------------------------------------------------------------------------------------------------
def test_j103_grade_scored_as_full_marks():
    inds = full_indicators()[:2] + [ind("优良中低差", "良", 30, 30, "定性", name="互联互通")]
    # the grade-to-score shares are a local practice: a warning under the defaults …
    (f,) = found(doc_with(evaluation(indicators=inds)), "J103", "warning")
    assert f.formula == "等级“良” 80% × 权重 30 = 24，表中为 30" and "互联互通" in f.message
    assert "等级折算" in f.message and found(doc_with(evaluation(indicators=inds)), "J103") == []
    # … and an error once the shares are configured
    shares = {"performance": {"grade_shares": {"优": 1, "良": 0.8, "中": 0.6, "低": 0.4, "差": 0.2}}}
    assert found(doc_with(evaluation(indicators=inds)), "J103", "error", shares)


def test_j101_full_marks_from_a_threshold_the_document_shows():
    # two projects at ≥ 90% scored full, one below scored in proportion: the document's practice
    evs = [evaluation(name=f"项目{k}", budget=budget(rate=r, score=s)) for k, (r, s) in
           enumerate([("91.04", "10"), ("98.85", "10"), ("86.16", "8.62")])]
    assert [f.severity.value for f in found(doc_with(*evs), "J101", None)] == ["info"]  # 8.616 printed 8.62
    # one project alone: the practice cannot be seen, so 91.04% scored full is only a warning
    (f,) = found(doc_with(evs[0]), "J101", "warning")
    assert "91.04%" in f.message and "口径" in f.message
    # below 90% scored full is an error either way
    assert found(doc_with(evaluation(budget=budget(rate="80.00", score="10"))), "J101")


def test_j103_truncation_is_info_and_other_practice_is_info():
    inds = [ind("7000", "6000", 50, "42.8", ">", "本"), ind("18000", "18800", 10, 0, "<", "元"),
            ind("优良中低差", "良", 30, 24, "定性")]
    infos = found(doc_with(evaluation(indicators=inds, total_score=D("86.8"))), "J103", "info")
    assert len(infos) == 2 and any("未达标不得分" in f.message for f in infos)
    assert found(doc_with(evaluation(indicators=inds, total_score=D("86.8"))), "J103") == []
    zero = {"performance": {"le_formula": "zero"}}
    assert not any("未达标不得分" in f.message for f in found(doc_with(evaluation(indicators=inds)), "J103", None, zero))


# -- J104 ------------------------------------------------------------------------------------------------
def test_j104_total_not_sum():
    (f,) = found(doc_with(evaluation(total_score=D("92.62"))), "J104")
    assert "= 100；表中合计为 92.62" in f.formula


def test_j104_unreadable_rows_make_it_info():
    ev = evaluation(total_score=D("92.62"), unreadable=[UnreadableRow(table_index=0, text="…", reason="多个数")])
    assert found(doc_with(ev), "J104") == [] and found(doc_with(ev), "J104", "info")


# -- J105 ------------------------------------------------------------------------------------------------
def test_j105_weights_not_full_marks():
    inds = full_indicators()[:2] + [ind("90", "95", 15, 15, "≥", "%")]
    (f,) = found(doc_with(evaluation(indicators=inds, total_score=D(85))), "J105")
    assert f.formula == "预算执行 10 + 指标权重 75 = 85，满分为 100"


def test_j105_tail_differences_and_configured_full_marks():
    inds = [ind("90", "95", "8.18", "8.18", "≥", "%") for _ in range(11)]  # 89.98
    assert found(doc_with(evaluation(indicators=inds, total_score=D("99.98"))), "J105", "info")
    inds = [ind("90", "95", 45, 45, "≥", "%") for _ in range(2)]
    assert found(doc_with(evaluation(indicators=inds)), "J105") == []
    ev = evaluation(budget=None, indicators=full_indicators(), total_score=D(90))
    assert found(doc_with(ev), "J105", None, {"performance": {"full_marks": 90}}) == []


def test_j105_only_warns_when_the_execution_part_was_not_read():
    # indicators of 90 and no budget-execution line read: the 10 points may sit in a part printed otherwise
    ev = evaluation(budget=None, indicators=full_indicators(), total_score=D(90))
    assert found(doc_with(ev), "J105") == []
    (f,) = found(doc_with(ev), "J105", "warning")
    assert "未读出预算执行部分" in f.message
    # with the execution line read, the same shortfall is an error
    inds = full_indicators()[:2] + [ind("90", "95", 15, 15, "≥", "%")]
    assert found(doc_with(evaluation(indicators=inds, total_score=D(85))), "J105")


# -- J106 ------------------------------------------------------------------------------------------------
def test_j106_met_but_not_full_and_missed_but_full():
    inds = [ind("180.35", "42.4", 10, 0, "<", "万元", name="装修费用"), ind("95", "80", 20, 20, "≥", "%", name="满意度"),
            ind("优良中低差", "优", 60, 60, "定性")]
    found_ = found(doc_with(evaluation(indicators=inds, total_score=D(90))), "J106")
    assert {f.message.split("指标“")[1].split("”")[0] for f in found_} == {"装修费用", "满意度"}


def test_j106_zero_on_an_at_most_target_is_only_info():
    inds = full_indicators()[:2] + [ind("3", "0", 30, 0, "<", "月", reason="尚未开工")]
    ev = evaluation(indicators=inds, total_score=D(70))
    assert found(doc_with(ev), "J106") == [] and found(doc_with(ev), "J106", "info")


# -- J107 ------------------------------------------------------------------------------------------------
def test_j107_missed_without_reason():
    inds = full_indicators()[:2] + [ind("优良中低差", "良", 30, 24, "定性", name="价格满意度")]
    (f,) = found(doc_with(evaluation(indicators=inds, total_score=D(94))), "J107", "warning")
    assert "价格满意度" in f.message


def test_j107_silent_with_a_reason_or_without_a_reason_column():
    inds = full_indicators()[:2] + [ind("优良中低差", "良", 30, 24, "定性", reason="宣传未完成")]
    assert found(doc_with(evaluation(indicators=inds, total_score=D(94))), "J107", None) == []
    inds[2].reason = None
    ev = evaluation(indicators=inds, total_score=D(94), has_reason_column=False)
    assert found(doc_with(ev), "J107", None) == []


# -- J108 ------------------------------------------------------------------------------------------------
def test_j108_grade_not_matching_total():
    inds = full_indicators()[:2] + [ind("90", "95", 30, "18.5", "≥", "%")]
    ev = evaluation(indicators=inds, total_score=D("88.5"), grade="优秀")
    (f,) = found(doc_with(ev), "J108")
    assert "应为“良”" in f.message


def test_j108_printed_bands_win_and_matching_grade_is_silent():
    bands = [GradeBand(grade="优", low=D(90), high=D(100), high_inclusive=True), GradeBand(grade="良", low=D(80), high=D(90)),
             GradeBand(grade="较差", low=D(60), high=D(80)), GradeBand(grade="差", high=D(60))]
    ev = evaluation(total_score=D(70), grade="较差", bands=bands, indicators=[ind("90", "95", 90, 60, "≥", "%")])
    assert found(doc_with(ev), "J108", None) == []
    ev.grade = "中"
    assert found(doc_with(ev), "J108")
    stated = evaluation(grade="优", stated=[StatedScore(value=D(100), grade="良", text="得分100分，评价结果为良",
                                                         source="narrative")])
    assert len(found(doc_with(stated), "J108")) == 1


# -- J109 ------------------------------------------------------------------------------------------------
def test_j109_stated_score_against_table():
    ev = evaluation(stated=[StatedScore(value=D(90), text="自评得分90分", source="narrative")])
    (f,) = found(doc_with(ev), "J109")
    assert f.formula == "文字所述 90 分，表中合计 100 分，相差 -10"


def test_j109_rounding_is_info_and_parts_must_add_up():
    ev = evaluation(total_score=D("85.8"), indicators=[ind("7000", "6000", 60, "42.8", ">"), ind("90", "95", 30, 30, "≥")],
                    budget=budget(rate="30.00", score="3"), stated=[StatedScore(value=D("85.86"), text="自评得分85.86分",
                                                                                 source="table")])
    assert found(doc_with(ev), "J109") == [] and found(doc_with(ev), "J109", "info")
    parts = [StatedScore(value=D(v), label=k, text=k, source="narrative") for k, v in
             (("预算执行情况", "10"), ("产出情况", "49"), ("效益情况", "27"), ("服务对象满意度", "9"))]
    ev = evaluation(stated=[StatedScore(value=D(100), text="总绩效为100分", source="narrative"), *parts])
    (f,) = found(doc_with(ev), "J109")
    assert "分项得分之和 95" in f.message
    parts[1].value = D(54)
    assert found(doc_with(ev), "J109", None) == []


# -- J110 ------------------------------------------------------------------------------------------------
def test_j110_completion_rate_not_actual_over_target():
    inds = [ind("2次", "5次", 10, 10, rate="5", name="会议次数"), ind("≥90%", "90%", 90, 90, rate="100.00%")]
    ev = evaluation(budget=None, indicators=inds)
    (f,) = found(doc_with(ev), "J110", "warning")
    assert "会议次数" in f.message and "= 250%" in f.formula


def test_j110_capped_rate_is_accepted():
    inds = [ind("2次", "5次", 10, 10, rate="100"), ind("≥90%", "90%", 90, 90, rate="100.00%")]
    assert found(doc_with(evaluation(budget=None, indicators=inds)), "J110", None) == []


@pytest.mark.parametrize("code", CODES)
def test_rules_say_nothing_without_performance_tables(code):
    assert found(doc_with(), code, None) == []


def test_a_bad_scoring_option_is_one_finding_not_a_crash():
    report = audit(doc_with(evaluation()), select_codes=["J"], options={"performance": {"le_formula": "half"}})
    (f,) = [f for f in report.findings if "配置" in f.message]
    # a warning: it is about the configuration, and an error must quote the document it contradicts
    assert f.severity.value == "warning" and "performance.le_formula" in f.message
