"""Arithmetic inside one narrative sentence: 执行率 (N108), 调整后预算 (N109), 结转结余 (N110), each with a
planted error, the consistent sentence, rounding, and sentences the rules must leave alone."""

from __future__ import annotations

import pytest

from gongkai.audit import audit
from gongkai.model import Section
from audit_helpers import example


def findings(text: str, code: str, severity: str | None = "error"):
    doc = example()
    doc.sections.append(Section(path=["第三部分", "十、预算绩效管理情况"], text=text))
    return [f for f in audit(doc, select_codes=[code]).findings
            if f.code == code and (severity is None or f.severity.value == severity)]


@pytest.mark.parametrize("code, good, bad, expected", [
    ("N108", "调整后预算数为10960.26万元，决算数为7167.28万元，预算执行率为65.39%。",
     "调整后预算数为10960.26万元，决算数为7167.28万元，预算执行率为66.39%。", "65.39%"),
    ("N108", "全年预算数 100 万元，全年执行数 95 万元，执行率 95%。",
     "全年预算数 100 万元，全年执行数 95 万元，执行率 59%。", "95.00%"),
    ("N109", "批复预算金额10993.09万元，申请追减797.62万元，追加754.89万元，调整后预算数为10950.36万元。",
     "批复预算金额10993.09万元，申请追减797.62万元，追加754.89万元，调整后预算数为10960.26万元。", "10,950.36"),
    ("N110", "政府性基金年初结转和结余12.00万元，本年收入30.00万元，本年支出35.00万元，年末结转和结余7.00万元。",
     "政府性基金年初结转和结余12.00万元，本年收入30.00万元，本年支出35.00万元，年末结转和结余9.00万元。", "7.00"),
])
def test_planted_error_is_found_and_the_consistent_sentence_passes(code, good, bad, expected):
    assert findings(good, code, None) == []
    (f,) = findings(bad, code)
    assert expected in f.message and f.quote == bad.rstrip("。") and f.formula
    assert f.location.section == "第三部分 › 十、预算绩效管理情况"


def test_a_gap_rounding_explains_is_a_tail_difference_at_info():
    # 1.24 ÷ 3.30 = 37.58%, but the printed figures may stand for 1.235…1.245 ÷ 3.295…3.305: 37.37%…37.78%
    (f,) = findings("预算数3.30万元，执行数1.24万元，预算执行率为37.70%。", "N108", "info")
    assert "尾差" in f.message
    (g,) = findings("批复预算10.01万元，追加5.01万元，调整后预算数为15.03万元。", "N109", "info")
    assert "尾差" in g.message


@pytest.mark.parametrize("code, text", [
    # the rate is of another pair of figures: no execution amount before it
    ("N108", "部门预算100万元，占总预算的5%，执行率为90%。"),
    # an amount between 批复 and 调整后 that is neither 追加 nor 追减
    ("N109", "批复预算100万元，其中财政拨款80万元，调整后预算数为120万元。"),
    # a 其中 amount: the sentence is not the plain four-figure identity
    ("N110", "年初结转和结余10万元，本年收入30万元，其中财政拨款20万元，本年支出25万元，年末结转和结余15万元。"),
])
def test_sentences_the_rules_cannot_read_for_sure_are_left_alone(code, text):
    assert findings(text, code, None) == []
