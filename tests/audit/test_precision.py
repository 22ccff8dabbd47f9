"""The precision policy (gongkai/audit/precision.py, causes.py) in every rule family, on small planted errors:

1. 尾差 — a gap rounding of the printed figures explains is info, the same in every family (strict_rounding: error);
2. 读取不确定 — a finding resting on an uncertain reading is at most a warning (“可能为识别误差”);
3. 同一原因只报一次 — the findings of one wrong figure are one finding with all its cells;
4. 引用原文 — every error quotes the printed text it contradicts.

Families without arithmetic (C, P, G) have no 尾差 and nothing to merge: their tests show the policy leaves
them alone. Every test names its family letter."""

from __future__ import annotations

from decimal import Decimal as D

from audit_helpers import bump, doc_with, example, find_row, table
from gongkai.audit import audit
from gongkai.model import Cell, CellKind, Column, Row, Table
from gongkai.model.amount import Unit
from gongkai.model.performance import RowRef
from test_performance_rules import doc_with as j_doc, evaluation, ind
from test_rules_narrative import example_with, narrative

STRICT = {"strict_rounding": True}


def run(doc, codes, options=None):
    report = audit(doc, select_codes=codes, options=options)
    assert_quoted(report)
    return report.findings


def assert_quoted(report):
    """Policy 4, checked on every audit of this file: an error quotes printed text."""
    for f in report.findings:
        if f.severity.value == "error":
            assert f.quote and f.quote.strip(), (f.code, f.message)


def of(findings, code, severity=None):
    return [f for f in findings if f.code == code and (severity is None or f.severity.value == severity)]


def low(cell: Cell, confidence: float = 0.5) -> Cell:
    cell.confidence = confidence
    return cell


# ============================================================================================ 1. 尾差

def _gpb(total: str, unit: Unit | None = None, rounded: bool = False) -> Table:
    t = table("final.gpb_expenditure", "一般公共预算财政拨款支出决算表", ["total"],
              [("total", None, "合计", [total]), (None, "201", "一般公共服务支出", ["5.00"]),
               (None, "208", "社会保障和就业支出", ["5.00"])], rounded=rounded)
    t.unit = unit
    return t


def test_t_rounding_gap_is_info_whether_or_not_the_table_states_it():
    for unit, rounded in ((Unit.WAN, False), (None, False), (Unit.WAN, True)):
        (f,) = run(doc_with(_gpb("10.01", unit, rounded)), ["T101"])
        assert f.severity.value == "info" and f.rounding and "尾差" in f.message and f.tolerance == D("0.015")
    (g,) = run(doc_with(_gpb("10.02", Unit.WAN)), ["T101"])
    assert g.severity.value == "error" and not g.rounding  # 0.02 exceeds what three rounded figures explain


def test_t_rounding_gap_is_an_error_in_yuan_or_when_strict():
    (f,) = run(doc_with(_gpb("10.01", Unit.YUAN)), ["T101"])
    assert f.severity.value == "error"  # 元 printed to the 分 is exact
    (g,) = run(doc_with(_gpb("10.01", Unit.WAN)), ["T101"], STRICT)
    assert g.severity.value == "error" and "strict_rounding" in g.message
    (h,) = run(doc_with(_gpb("10.01", Unit.YUAN, rounded=True)), ["T101"])
    assert h.severity.value == "info"  # a 元 table that states 尾数误差


def test_b_rounding_gap_is_info():
    cols = ["begin", "income", "total", "basic", "project", "end"]
    fund = table("final.gov_fund", "政府性基金预算财政拨款收入支出决算表", cols,
                 [("total", None, "合计", ["5.00", "10.00", "12.00", "0.00", "12.00", "3.01"])])
    (f,) = run(doc_with(fund), ["B121"])
    assert f.severity.value == "info" and f.rounding and f.tolerance == D("0.020")
    (g,) = run(doc_with(fund), ["B121"], STRICT)
    assert g.severity.value == "error"


def test_h_rounding_gap_is_info():
    t = table("final.gpb_expenditure", "一般公共预算财政拨款支出决算表", ["total"],
              [(None, "201", "一般公共服务支出", ["10.01"]), (None, "20101", "人大事务", ["5.00"]),
               (None, "20102", "政协事务", ["5.00"])])
    (f,) = run(doc_with(t), ["H101"])
    assert f.severity.value == "info" and "尾差" in f.message
    assert run(doc_with(t), ["H101"], STRICT)[0].severity.value == "error"


def test_h_a_subtotal_tail_carries_into_the_total_that_shares_it():
    """A 类 printed 0.02 off the sum of its five 款 (尾差 over six figures) makes the 合计 0.02 off too: one cause,
    and that cause is rounding — the group is a 尾差, though T101 alone (three figures, ±0.015) would not say so."""
    rows = [("total", None, "合计", ["10.04"]), (None, "201", "一般公共服务支出", ["5.00"])]
    rows += [(None, f"2010{k}", f"款{k}", ["1.00"]) for k in range(1, 5)] + [(None, "20105", "款5", ["1.02"])]
    rows += [(None, "208", "社会保障和就业支出", ["5.02"])]
    t = table("final.gpb_expenditure", "一般公共预算财政拨款支出决算表", ["total"], rows)
    alone = of(run(doc_with(t), ["T101"]), "T101")
    assert [f.severity.value for f in alone] == ["error"]
    (f,) = run(doc_with(t), ["T101", "H101"])
    assert f.severity.value == "info" and f.rounding and {f.code, *(a.split("：")[0] for a in f.also)} == {"T101", "H101"}
    assert run(doc_with(t), ["T101", "H101"], STRICT)[0].severity.value == "error"


def _basic_pair(total_basic: str, personnel: str = "5.00", public: str = "5.00"):
    g = table("final.gpb_expenditure", "一般公共预算财政拨款支出决算表", ["total", "basic", "project"],
              [("total", None, "合计", ["12.00", total_basic, "2.00"])])
    b = table("final.gpb_basic", "一般公共预算财政拨款基本支出决算表", ["amount"],
              [("personnel_total", None, "人员经费合计", [personnel]), ("public_total", None, "公用经费合计", [public])])
    return doc_with(g, b)


def test_x_sum_across_tables_has_the_rounding_allowance():
    (f,) = run(_basic_pair("10.01"), ["X105"])  # X105 and N107 now agree: a 0.01 gap over 3 figures is 尾差
    assert f.severity.value == "info" and f.rounding
    assert run(_basic_pair("10.01"), ["X105"], STRICT)[0].severity.value == "error"
    assert run(_basic_pair("10.05"), ["X105"])[0].severity.value == "error"


def test_x_one_figure_printed_twice_has_no_rounding_allowance():
    doc = example()
    bump(doc, "final.fiscal_summary", "inc_gpb", "amount", "0.01")
    (f,) = of(run(doc, ["X103"]), "X103")
    assert f.severity.value == "error" and not f.rounding  # both are roundings of one exact figure
    cell = find_row(doc, "final.fiscal_summary", "inc_gpb").cells["amount"]
    cell.value, cell.text = cell.value - D("0.01"), f"{cell.value - D('0.01'):.1f}"  # 790.0 printed to 1 decimal
    assert of(run(doc, ["X103"]), "X103") == []  # agrees with 790.00 at the coarser precision


def test_n_rounding_gap_is_info():
    doc = narrative("2022年本年支出合计 100.01 万元，其中：基本支出 60.00 万元，项目支出 40.00 万元。")
    (f,) = run(doc, ["N107"])
    assert f.severity.value == "info" and f.rounding and "尾差" in f.message
    assert run(doc, ["N107"], STRICT)[0].severity.value == "warning"  # N107's own level
    far = narrative("2022年本年支出合计 100.10 万元，其中：基本支出 60.00 万元，项目支出 40.00 万元。")
    assert run(far, ["N107"])[0].severity.value == "warning"


def test_j_rounding_gap_is_info():
    ev = evaluation(budget=__import__("test_performance_rules").budget(rate="86.16", score="8.62"),
                    total_score=D("98.62"))
    (f,) = run(j_doc(ev), ["J101"])
    assert f.severity.value == "info" and f.rounding and "尾差" in f.message
    assert of(run(j_doc(ev), ["J101"], STRICT), "J101", "error")


def test_c_p_g_have_no_rounding_and_strict_rounding_leaves_them_alone():
    doc = example()
    find_row(doc, "final.expenditure", "2101501").code = "21998"  # an unknown 款 code
    doc.tables[0].notes.append("注：XX单位无此项支出。")
    doc.tables = [t for t in doc.tables if t.template_id != "final.gpb_basic"]
    plain = [(f.code, f.severity) for f in run(doc, ["C", "P", "G"])]
    assert {"C101", "P101", "G101"} <= {c for c, _ in plain}
    assert plain == [(f.code, f.severity) for f in run(doc, ["C", "P", "G"], STRICT)]
    assert not any(f.rounding for f in run(doc, ["C", "P", "G"]))


# ================================================================================= 2. 读取不确定

def _uncertain(f) -> bool:
    # (a low OCR confidence is flagged first by gongkai.audit.ocr_guard, in its own words)
    return f.severity.value == "warning" and "可能为识别误差" in f.message and bool(f.uncertain)


def test_b_low_confidence_cell_makes_a_warning():
    doc = example()
    low(bump(doc, "final.summary", "exp_grand", "amount"))
    found = of(run(doc, ["B101"]), "B101")
    assert found and all(_uncertain(f) for f in found)


def test_t_ambiguous_cell_reading_makes_a_warning():
    doc = example()
    bump(doc, "final.expenditure", "total", "basic")
    find_row(doc, "final.expenditure", "210").cells["basic"].reading = "孤立的整数按金额读取（也可能是行次）"
    (f,) = of(run(doc, ["T101"]), "T101")
    assert _uncertain(f) and "行次" in f.message


def test_h_guessed_row_makes_a_warning():
    doc = example()
    bump(doc, "final.expenditure", "2101505", "project")
    find_row(doc, "final.expenditure", "2101505").label_confidence = 0.6  # the row's name was read loosely
    found = of(run(doc, ["H101"]), "H101")
    assert found and all(_uncertain(f) for f in found)


def test_x_recorded_row_reading_makes_a_warning():
    doc = example()
    bump(doc, "final.expenditure", "total", "total")
    t = doc.table("final.expenditure")
    row = t.row("total")
    from gongkai.model.location import Span

    row.span = Span(page=3, line=77)
    t.readings.append(f"{row.span.describe()}：本行有3个数值，模板有4栏，按顺序对应")
    (f,) = of(run(doc, ["X102"]), "X102")
    assert _uncertain(f) and "按顺序对应" in f.message


def test_n_claim_on_a_low_confidence_cell_makes_a_warning():
    doc = example_with(("本年收入合计802.50万元", "本年收入合计802.60万元"))
    (f,) = of(run(doc, ["N101"]), "N101", "error")
    low(doc.table("final.summary").row("inc_total").cells["amount"])
    (g,) = of(run(doc, ["N101"]), "N101")
    assert _uncertain(g)


def test_n_change_that_fits_another_figure_of_the_sentence_is_a_warning():
    """Which figure a '比上年减少…，下降…%' is about is a reading of the sentence: when the stated change fits the
    total rather than the 其中 figure it was attached to, the mismatch is not an error."""
    text = ("相应安排支出预算 10344.71 万元，其中：基本支出 8974.01 万元、项目支出 1370.70 万元。"
            "比上年减少 32.61 万元，下降 {r}%，主要原因是基本支出减少 29.53 万元、项目支出减少 3.08 万元。")
    (f,) = of(run(narrative(text.format(r="0.31")), ["N104"]), "N104")
    assert _uncertain(f) and "相应安排支出预算" in f.message
    (g,) = of(run(narrative(text.format(r="0.51")), ["N104"]), "N104")
    assert g.severity.value == "error"  # fits no figure of the sentence


def test_c_low_confidence_code_row_makes_a_warning():
    doc = example()
    row = find_row(doc, "final.expenditure", "2101501")
    row.code = "21998"  # an unknown 款 code
    assert of(run(doc, ["C101"]), "C101", "error")
    row.label_confidence = 0.7
    assert all(_uncertain(f) for f in of(run(doc, ["C101"]), "C101"))


def test_c_code_outside_the_tables_classification_is_a_warning():
    doc = example()
    find_row(doc, "final.expenditure", "2101501").code = "302"  # an 经济分类 code in a 功能分类 table
    found = of(run(doc, ["C101", "C102"]), "C102")
    assert found and all(_uncertain(f) and "部门代码" in f.message for f in found)


def test_p_missing_table_with_unread_grids_is_a_warning():
    doc = example()
    doc.tables = [t for t in doc.tables if t.template_id != "final.gpb_basic"]
    assert of(run(doc, ["P101"]), "P101", "error")
    doc.tables.append(Table(title="某表", generic=True, columns=[Column(key="c1")],
                            rows=[Row(label="合计", cells={"c1": Cell(kind=CellKind.NUMBER, value=D(5), text="5")})]))
    (f,) = of(run(doc, ["P101"]), "P101")
    assert _uncertain(f) and "未能按模板识别" in f.message


def test_p_file_with_few_of_the_sets_tables_is_a_warning():
    doc = example()
    doc.tables = doc.tables[:2]
    (f,) = of(run(doc, ["P101"]), "P101")
    assert f.severity.value == "warning" and "分册" in f.message


def test_g_placeholder_in_an_unrecognised_table_is_a_warning():
    doc = example()
    doc.tables[0].notes.append("注：XX单位无此项支出。")
    assert of(run(doc, ["G101"]), "G101", "error")
    doc.tables[0].generic = True
    assert all(_uncertain(f) for f in of(run(doc, ["G101"]), "G101"))


def test_j_low_confidence_score_cell_makes_a_warning():
    inds = [ind("50", "60", 30, 30, ">", "%"), ind("90", "45", 30, 30 - 10, "≥", "%", name="互联互通"),
            ind("90", "95", 30, 30, "≥", "%")]
    grid = Table(title="项目支出绩效自评表", generic=True, columns=[Column(key=f"c{k}") for k in (1, 2, 3)],
                 rows=[Row(label="互联互通", cells={"c1": Cell(kind=CellKind.TEXT, text="互联互通"),
                                                    "c2": Cell(kind=CellKind.NUMBER, value=D(30), text="30"),
                                                    "c3": Cell(kind=CellKind.NUMBER, value=D(20), text="20")})])
    inds[1].ref = RowRef(table_index=0, row_index=0, columns={"score": "c3", "weight": "c2"})
    doc = j_doc(evaluation(indicators=inds))
    doc.tables = [grid]
    assert of(run(doc, ["J103"]), "J103", "error")  # a generic 绩效 table is read by design: not a doubt
    low(grid.rows[0].cells["c3"])
    (f,) = of(run(doc, ["J103"]), "J103")
    assert _uncertain(f)


def test_j_total_above_the_parts_with_no_execution_part_read_is_a_warning():
    ev = evaluation(budget=None, total_score=D(97))  # indicators 90, the 预算执行 得分 7 not read
    (f,) = of(run(j_doc(ev), ["J104"]), "J104")
    assert _uncertain(f) and "预算执行" in f.message
    assert of(run(j_doc(evaluation(total_score=D(97))), ["J104"]), "J104", "error")  # execution read: 100 ≠ 97


# ================================================================================ 3. 同一原因只报一次

def test_b_one_wrong_total_in_two_balances_is_one_finding():
    doc = example()
    bump(doc, "final.summary", "exp_grand", "amount")
    errors = [f for f in run(doc, ["B"]) if f.severity.value == "error"]
    (f,) = errors  # B101 (收支总计) and B103 (支出方总计) fail by the same 1 at the same cell
    assert {f.code, *(a.split("：")[0] for a in f.also)} == {"B101", "B103"} and "只报此一项" in f.message


def test_t_a_row_failing_in_every_column_is_one_finding():
    t = table("final.expenditure", "支出决算表", ["total", "basic", "project"],
              [("total", None, "合计", ["30.00", "18.00", "12.00"]), (None, "201", "一般公共服务支出", ["10.00", "5.00", "5.00"]),
               (None, "208", "社会保障和就业支出", ["10.00", "5.00", "5.00"])])
    t.unit = Unit.WAN
    (f,) = of(run(doc_with(t), ["T101"]), "T101")
    columns = {loc.column for loc in f.all_locations if loc.row_label == "合计"}
    assert columns == {"total", "basic", "project"} and len(f.also) == 2


def test_t_one_identity_failing_on_many_rows_is_one_uncertain_finding():
    """(c): 项目支出 repeating 基本支出 on every row — a misread column, not three printing errors."""
    rows = [(None, "201", "一般公共服务支出", ["10.00", "10.00", "10.00"]), (None, "20101", "人大事务", ["6.00", "6.00", "6.00"]),
            (None, "20102", "政协事务", ["4.00", "4.00", "4.00"])]
    t = table("final.expenditure", "支出决算表", ["total", "basic", "project"], rows)
    (f,) = of(run(doc_with(t), ["T102"]), "T102")
    assert _uncertain(f) and "栏目对应识别有误" in f.message and len(f.also) == 2
    (g,) = of(run(doc_with(table("final.expenditure", "支出决算表", ["total", "basic", "project"], rows[:1])), ["T102"]),
              "T102")
    assert g.severity.value == "error"  # one row: a printing error is as likely as a misreading


def test_h_class_total_failing_t102_and_h101_is_one_finding():
    t = table("final.expenditure", "支出决算表", ["total", "basic", "project"],
              [(None, "201", "一般公共服务支出", ["10.00", "6.00", "5.00"]), (None, "20101", "人大事务", ["5.00", "3.00", "2.00"]),
               (None, "20102", "政协事务", ["5.00", "2.00", "3.00"])])
    t.unit = Unit.WAN
    found = [f for f in run(doc_with(t), ["T102", "H101"]) if f.severity.value == "error"]
    (f,) = found
    assert {f.code, *(a.split("：")[0] for a in f.also)} == {"T102", "H101"}
    assert (f.location.row_code, f.location.column) == ("201", "basic")  # the cell both checks share


def test_x_one_total_in_several_cross_checks_is_one_finding():
    doc = example()
    bump(doc, "final.summary", "inc_total", "amount")
    errors = [f for f in run(doc, ["X", "B"]) if f.severity.value == "error"]
    (f,) = errors
    codes = {f.code, *(a.split("：")[0] for a in f.also)}
    assert {"X101", "B104"} <= codes and f.location.row_label == "本年收入合计"


def test_n_statement_of_the_wrong_cell_joins_its_table_finding():
    doc = example()
    bump(doc, "final.summary", "inc_total", "amount", "0.10")
    errors = [f for f in run(doc, ["N", "B", "X"]) if f.severity.value == "error"]
    (f,) = errors
    assert "N101" in {f.code, *(a.split("：")[0] for a in f.also)}


def test_c_p_g_distinct_findings_stay_distinct():
    doc = example()
    find_row(doc, "final.expenditure", "2101501").code = "2109998"
    find_row(doc, "final.expenditure", "2101505").code = "2109997"
    doc.tables[0].notes += ["注：XX单位无此项支出。", "注：**** 待补充。"]
    found = run(doc, ["C101", "G101"])
    assert len(of(found, "C101")) == 2 and len(of(found, "G101")) >= 2 and not any(f.also for f in found)


def test_j_independent_scores_stay_distinct():
    inds = [ind("90", "45", 30, 20, "≥", "%", name="甲"), ind("90", "45", 30, 25, "≥", "%", name="乙"),
            ind("90", "95", 30, 30, "≥", "%")]
    found = of(run(j_doc(evaluation(indicators=inds)), ["J103"]), "J103", "error")
    assert len(found) == 2 and not any(f.also for f in found)


# ===================================================================================== 4. 引用原文

def test_every_error_of_a_planted_set_quotes_printed_text():
    """One planted error per family in one document, the whole audit run: every error quotes printed text."""
    doc = example_with(("本年收入合计802.50万元", "本年收入合计802.60万元"))
    for template, key, column in (("final.summary", "exp_grand", "amount"), ("final.expenditure", "2101505", "project"),
                                  ("final.three_public", "amounts", "actual_total"), ("final.gpb_basic", "30101", "amount")):
        bump(doc, template, key, column)
    find_row(doc, "final.expenditure", "2101501").code = "21998"
    doc.tables[0].notes.append("注：XX单位无此项支出。")
    report = audit(doc)
    errors = [f for f in report.findings if f.severity.value == "error"]
    assert {f.code[0] for f in errors} >= {"B", "H", "T", "N", "C", "G"}
    assert_quoted(report)
    jerr = [f for f in audit(j_doc(evaluation(indicators=[ind("90", "45", 30, 20, "≥", "%")] * 3,
                                              total_score=D(95)))).findings if f.severity.value == "error"]
    assert {f.code for f in jerr} >= {"J103", "J104"} and all(f.quote for f in jerr)
