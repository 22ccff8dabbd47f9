"""The scoring engine on synthetic indicators: every formula, the rounding verdicts, the configuration."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from gongkai.model.performance import (
    BudgetLine, EvaluationKind, GradeBand, Indicator, MeasureKind, Operator, PerformanceEvaluation, Stage,
)
from gongkai.performance.scoring import (
    ConfigProblem, ScoringConfig, Verdict, compare, execution_line, grade_for, indicator_line, score_evaluation,
)
from gongkai.performance.values import parse_measure, read_number, read_operator, read_percent


def ind(target, actual, weight, score=None, nature=None, unit=None, rate=None, adjusted=None) -> Indicator:
    return Indicator(level3="指标", nature=read_operator(nature) if nature else None, nature_text=nature,
                     target=parse_measure(target, unit), actual=parse_measure(actual, unit),
                     adjusted_target=parse_measure(adjusted, unit) if adjusted else None,
                     weight=D(weight) if weight is not None else None, score=D(score) if score is not None else None,
                     completion_rate=read_percent(rate) if rate else None)


def line(i: Indicator, cfg: ScoringConfig | None = None):
    return indicator_line(i, 0, cfg or ScoringConfig())


def evaluation(budget=None, indicators=(), total=None, grade=None, bands=()) -> PerformanceEvaluation:
    return PerformanceEvaluation(kind=EvaluationKind.PROJECT, stage=Stage.SELF_EVAL, name="测试项目", budget=budget,
                                 indicators=list(indicators), total_score=D(total) if total else None, grade=grade,
                                 bands=list(bands))


# -- reading values --------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,kind,op,value,unit", [
    ("≥90%", MeasureKind.NUMBER, Operator.GE, D("90"), "%"),
    ("≤30万", MeasureKind.NUMBER, Operator.LE, D("30"), "万"),
    (">=95%", MeasureKind.NUMBER, Operator.GE, D("95"), "%"),
    ("大于99%", MeasureKind.NUMBER, Operator.GT, D("99"), "%"),
    ("=17个县(市、区)", MeasureKind.NUMBER, Operator.EQ, D("17"), "个县(市、区)"),
    ("满意度99.5%", MeasureKind.NUMBER, None, D("99.5"), "%"),
    ("36.15万人", MeasureKind.NUMBER, None, D("36.15"), "万人"),
    ("42. 8", MeasureKind.NUMBER, None, D("42.8"), None),
])
def test_numbers_keep_operator_unit_and_printed_precision(text, kind, op, value, unit):
    m = parse_measure(text)
    assert (m.kind, m.op, m.value, m.unit) == (kind, op, value, unit)
    assert m.text == text


def test_dates_scales_grades_and_words():
    d = parse_measure("2020年12月前")
    assert (d.kind, d.year, d.month, d.deadline) == (MeasureKind.DATE, 2020, 12, True)
    assert parse_measure("2021年12月31日前").day == 31
    assert parse_measure("2020年底").deadline
    s = parse_measure("优良中 低差")
    assert s.kind is MeasureKind.SCALE and s.scale == ["优", "良", "中", "低", "差"]
    assert parse_measure("良").kind is MeasureKind.GRADE and parse_measure("优秀").grade == "优"
    words = parse_measure("有所提升")
    assert words.kind is MeasureKind.TEXT and words.completed is None
    assert parse_measure("已完成").completed is True and parse_measure("未完成招标").completed is False
    assert parse_measure("98 14").kind is MeasureKind.TEXT  # two numbers in one cell: not one value


def test_printed_numbers_and_operators_from_noisy_cells():
    assert read_number("4, 891. 78") == D("4891.78")
    assert read_number("8. 054") == D("8.054") and str(read_number("42. 8")) == "42.8"
    assert read_number("4 4 4 4 3 4") is None
    assert read_number("I") is None and read_number("I", ocr=True) == 1
    assert read_percent("86. 16%") == D("86.16") and read_percent("100") == D("100")
    assert read_operator("€") is Operator.LE and read_operator("≽") is Operator.GE
    assert read_operator("< <") is Operator.LT and read_operator("<b>&gt;</b>") is Operator.GT
    assert read_operator("> > > > =") is None and read_operator("定性") is Operator.QUALITATIVE


# -- execution ------------------------------------------------------------------------------------------
def test_execution_score_is_rate_times_weight():
    ev = evaluation(budget=BudgetLine(label="总额", adjusted=D("333.57"), executed=D("68.75"), rate=D("20.61"),
                                      weight=D(10), score=D("2.6")))
    ln = execution_line(ev, ScoringConfig())
    assert ln.recomputed == D("2.061") and ln.verdict is Verdict.DIFFERS
    assert ln.formula == "执行率 20.61% × 权重 10 = 2.06"


def test_execution_rate_over_100_counts_as_100_and_missing_rate_is_computed():
    ev = evaluation(budget=BudgetLine(label="总额", adjusted=D(100), executed=D(120), weight=D(10), score=D(10)))
    ln = execution_line(ev, ScoringConfig())
    assert ln.recomputed == D(10) and ln.verdict is Verdict.MATCH and "超过 100%" in ln.formula
    assert ln.basis == "执行数÷调整后预算数"


# -- quantitative indicators --------------------------------------------------------------------------------
def test_at_least_met_and_missed():
    assert line(ind("50", "60", 30, 30, ">", "%")).verdict is Verdict.MATCH
    missed = line(ind("50", "40", 30, 24, ">", "%"))  # seed 001: 医保电子凭证激活率
    assert missed.recomputed == D(24) and missed.verdict is Verdict.MATCH and missed.met is False
    assert "完成值 40 ÷ 指标值 50 × 权重 30 = 24" in missed.formula


def test_strict_operators_option():
    i = ind("90", "90%", 10, 10, ">", "%")
    assert line(i).met is True
    strict = line(i, ScoringConfig(strict_operators=True))
    assert strict.met is False  # J106 then reports the full marks given to a missed target


@pytest.mark.parametrize("formula,expected", [
    ("target_over_actual", D(18000) / D(18800) * 10),
    ("linear_penalty", (1 - (D(18800) - D(18000)) / D(18000)) * 10),
    ("zero", D(0)),
])
def test_at_most_missed_by_configured_formula(formula, expected):
    ln = line(ind("18000", "18800", 10, 0, "<", "元"), ScoringConfig(le_formula=formula))
    assert ln.met is False and ln.recomputed == expected
    assert len(ln.alternatives) == 2


def test_linear_penalty_floors_at_zero_and_at_most_met_is_full():
    assert line(ind("10", "25", 10, 0, "≤"), ScoringConfig(le_formula="linear_penalty")).recomputed == 0
    assert line(ind("30", "15", 20, 20, "<", "分钟")).verdict is Verdict.MATCH


def test_printed_zero_matching_another_practice_is_noted():
    ln = line(ind("18000", "18800", 10, 0, "<", "元"))
    assert ln.verdict is Verdict.DIFFERS and ln.matches_alternative == "未达标不得分"


def test_equal_targets():
    assert line(ind("=100%", "99%", 18, "17.82")).verdict is Verdict.MATCH  # seed 004
    below = line(ind("3", "1", 50, "16.66", "="))
    assert below.verdict is Verdict.ROUNDING  # 16.666… truncated to 16.66
    assert line(ind("8", "9", 50, 50, "=")).recomputed == 50
    over = line(ind("8", "10", 50, 40, "="), ScoringConfig(eq_over="target_over_actual"))
    assert over.recomputed == D(40) and over.verdict is Verdict.MATCH


def test_adjusted_target_is_an_accepted_alternative():
    ln = line(ind("≥3345816人", "3328221人", 18, "17.5", adjusted="3328221人"))
    assert [(a.label, a.value) for a in ln.alternatives] == [("按调整后指标值", D(18))]
    ln = line(ind("≥3345816人", "3328221人", 18, "18.0", adjusted="3328221人"))
    assert ln.verdict is Verdict.DIFFERS and ln.matches_alternative == "按调整后指标值"


# -- qualitative, dates, words ----------------------------------------------------------------------------
def test_grades_use_the_shares():
    good = line(ind("优良中低差", "良", 30, 24, "定性"))
    assert good.recomputed == D(24) and good.verdict is Verdict.MATCH and "80%" in good.formula
    assert line(ind("优良中低差", "良", 10, 10, "定性")).verdict is Verdict.DIFFERS
    cfg = ScoringConfig(grade_shares={"优": D(1), "良": D("0.9")})
    assert line(ind("优良中低差", "良", 10, 9, "定性"), cfg).verdict is Verdict.MATCH
    assert line(ind("优良中低差", "中", 10, 6, "定性"), cfg).verdict is Verdict.UNSCORED
    assert line(ind("优良中低差", "0", 4, 0, "定性")).verdict is Verdict.MATCH  # not done: nothing


def test_deadlines_and_words():
    assert line(ind("2021年12月31日前", "2021年12月31日前", 20, 20)).verdict is Verdict.MATCH
    assert line(ind("2020年12月前", "已完成", 10, 10)).met is True
    late = line(ind("2020年6月前", "2020年12月", 10, 10))
    assert late.met is False and late.recomputed is None
    assert line(ind("逐步扩大", "逐步扩大", 8, 8)).verdict is Verdict.MATCH
    assert line(ind("有所提升", "提升明显", 8, 8)).verdict is Verdict.UNSCORED


def test_target_in_words_with_a_printed_completion_rate():
    ln = line(ind("普遍知晓", "90%", 10, 9, rate="90%"))
    assert ln.recomputed == D(9) and ln.basis == "表中完成率" and ln.verdict is Verdict.MATCH


def test_expected_completion_rate():
    assert line(ind("2次", "5次", 10, 10, rate="5")).expected_rate == D(250)
    assert line(ind("≤1300万元", "1300万元", 20, 20, rate="100")).expected_rate == D(100)


# -- rounding and totals ---------------------------------------------------------------------------------
@pytest.mark.parametrize("printed,computed,verdict", [
    ("42.8", "42.857142", Verdict.ROUNDING),  # truncated
    ("8.62", "8.616", Verdict.ROUNDING),  # rounded
    ("17.91", "17.9053", Verdict.ROUNDING),
    ("2.6", "2.061", Verdict.DIFFERS),
    ("10", "9.104", Verdict.DIFFERS),
    ("24", "24.0", Verdict.MATCH),
])
def test_rounding_is_told_apart_from_errors(printed, computed, verdict):
    assert compare(D(printed), D(computed)) is verdict


def test_totals_weights_and_grades():
    ev = evaluation(budget=BudgetLine(label="总额", rate=D("30.00"), weight=D(10), score=D(3)),
                    indicators=[ind("7000", "6000", 50, "42.8", ">", "本"), ind("优良中低差", "优", 30, 30, "定性"),
                                ind("90", "100", 10, 10, ">", "%")], total="85.8")
    sc = score_evaluation(ev)
    assert sc.printed_sum == D("85.8") and sc.total_verdict is Verdict.MATCH
    assert sc.weight_sum == D(100) and sc.grade_for_total == "良"
    assert sc.recomputed_total.quantize(D("0.001")) == D("85.857")


def test_bands_default_and_printed():
    cfg = ScoringConfig()
    assert [grade_for(D(x), cfg.band_list()) for x in ("95", "90", "89.99", "60", "59")] == ["优", "优", "良", "中", "差"]
    printed = [GradeBand(grade="优", low=D(90), high=D(100), high_inclusive=True),
               GradeBand(grade="良", low=D(80), high=D(90)), GradeBand(grade="较差", low=D(60), high=D(80)),
               GradeBand(grade="差", low=None, high=D(60))]
    assert grade_for(D(70), printed) == "较差" and grade_for(D(100), printed) == "优"
    ev = evaluation(total="70", bands=printed)
    assert score_evaluation(ev).grade_for_total == "较差" and score_evaluation(ev).bands_source == "document"


# -- configuration ---------------------------------------------------------------------------------------
def test_configuration_nested_and_flat_keys():
    nested = ScoringConfig.from_options({"performance": {"le_formula": "linear_penalty", "grade_shares": {"良": 0.9},
                                                         "bands": {"优": 85, "合格": 60, "不合格": 0}}})
    assert nested.le_formula == "linear_penalty" and nested.grade_shares == {"良": D("0.9")}
    assert [b.grade for b in nested.band_list()] == ["优", "合格", "不合格"]
    flat = ScoringConfig.from_options({"performance.eq_over": "target_over_actual", "performance.full_marks": 90,
                                       "performance.strict_operators": True, "low_confidence": 0.9})
    assert flat.eq_over == "target_over_actual" and flat.full_marks == 90 and flat.strict_operators


@pytest.mark.parametrize("options", [
    {"performance": {"le_formula": "half"}}, {"performance.eq_over": "never"}, {"performance": {"unknown": 1}},
    {"performance": {"grade_shares": {"良": "abc"}}}, {"performance": {"bands": []}},
])
def test_bad_configuration_is_refused_in_chinese(options):
    with pytest.raises(ConfigProblem, match="performance"):
        ScoringConfig.from_options(options)
