"""The compose input: the workbook template, reading it back, JSON/YAML, and refusal of inconsistent inputs
with cell-level Chinese messages."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
import yaml
from openpyxl import load_workbook

from conftest import ROOT
from test_compose_roundtrip import example_dict, example_module, rich_dict

EXAMPLE_XLSX = ROOT / "examples" / "示例填报_2023.xlsx"


def _load(path):
    from gongkai.compose.inputs import load_input

    return load_input(path)


def test_bundled_workbook_is_up_to_date_and_reads_back_exactly(tmp_path):
    from gongkai.compose.model import ComposeInput

    fresh = example_module().build(tmp_path / "fresh.xlsx")
    expected = ComposeInput.model_validate(example_dict())
    for path in (EXAMPLE_XLSX, fresh):
        loaded = _load(path)
        assert loaded.problems == []
        assert loaded.data == expected


def test_filled_workbook_round_trips_every_field(tmp_path):
    from gongkai.compose.model import ComposeInput
    from gongkai.compose.workbook import write_filled

    data = ComposeInput.model_validate(rich_dict())
    path = tmp_path / "rich.xlsx"
    path.write_bytes(write_filled(data))
    loaded = _load(path)
    assert loaded.problems == []
    assert loaded.data == data


def test_template_has_the_sheets_lists_and_notes(tmp_path):
    from gongkai.compose.workbook import write_template

    path = tmp_path / "t.xlsx"
    path.write_bytes(write_template(2024, "shanxi_final"))
    wb = load_workbook(path)
    assert wb.sheetnames[:2] == ["填表说明", "单位信息"]
    for name in ("功能分类收支", "经济分类基本支出", "结转结余", "三公经费", "其他事项", "上年数与原因", "科目表"):
        assert name in wb.sheetnames
    assert wb["科目表"].sheet_state == "hidden"
    codes = {wb["科目表"].cell(r, 1).value for r in range(2, wb["科目表"].max_row + 1)}
    assert "2013901" in codes  # 社会工作事务 行政运行, new in the 2024 catalogue
    ws = wb["功能分类收支"]
    assert ws["A3"].value == "功能分类科目编码" and ws["A3"].comment is not None
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert {"list", "decimal"} <= kinds
    assert ws["C4"].number_format == "#,##0.00"
    unit = wb["单位信息"]
    assert unit["B3"].value == 2024 and unit["B5"].value == "shanxi_final"
    # an empty template is refused, not composed: nothing to compose from
    loaded = _load(path)
    assert loaded.data is None
    assert any("至少要填写一行" in p.message for p in loaded.problems)


def _broken_workbook(tmp_path, edits: dict[tuple[str, str], object]):
    wb = load_workbook(EXAMPLE_XLSX)
    for (sheet, cell), value in edits.items():
        wb[sheet][cell] = value
    path = tmp_path / "broken.xlsx"
    wb.save(path)
    return _load(path)


def test_carryover_that_does_not_follow_is_refused_with_the_cell(tmp_path):
    loaded = _broken_workbook(tmp_path, {("结转结余", "C3"): 20})
    msgs = [p.describe() for p in loaded.errors]
    assert msgs == ["工作表“结转结余”C3：一般公共预算财政拨款年末结转和结余 20.00 ≠ 年初 25.80 + 本年收入 790.00 − "
                    "本年支出 803.32 = 12.48"]


def test_basic_by_function_must_equal_economic_total(tmp_path):
    loaded = _broken_workbook(tmp_path, {("经济分类基本支出", "C3"): 121.5})
    [p] = loaded.errors
    assert p.where == "工作表“经济分类基本支出”C列（基本支出合计）"
    assert "经济分类基本支出合计 510.74 ≠ 功能分类一般公共预算财政拨款基本支出合计 509.74" in p.message


def test_unknown_code_and_wrong_name_point_at_their_cells(tmp_path):
    loaded = _broken_workbook(tmp_path, {("功能分类收支", "A6"): "2101109"})
    assert [p.describe() for p in loaded.errors] == ["工作表“功能分类收支”A6：科目编码 2101109 不在 2023 年版支出功能分类科目中"]
    loaded = _broken_workbook(tmp_path, {("功能分类收支", "B7"): "行政单位医疗费"})
    assert [p.describe() for p in loaded.errors] == [
        "工作表“功能分类收支”B7：科目 2101501 在 2023 年版科目表中名为“行政运行”，填写为“行政单位医疗费”"]
    loaded = _broken_workbook(tmp_path, {("功能分类收支", "A6"): "21011"})
    assert "应为7位项级编码" in loaded.errors[0].message


def test_negative_and_non_numeric_amounts_are_refused(tmp_path):
    loaded = _broken_workbook(tmp_path, {("功能分类收支", "C4"): -3, ("三公经费", "C5"): "三点二"})
    msgs = {p.where: p.message for p in loaded.errors}
    assert msgs["工作表“功能分类收支”C4"].startswith("金额不能为负数")
    assert msgs["工作表“三公经费”C5"].startswith("不是有效的数字")
    loaded = _broken_workbook(tmp_path, {("功能分类收支", "C4"): 52.365})
    assert "最多保留两位小数" in loaded.errors[0].message


def test_fiscal_spending_cannot_exceed_the_line_total(tmp_path):
    loaded = _broken_workbook(tmp_path, {("功能分类收支", "P5"): 30})
    first = loaded.errors[0]
    assert first.where == "工作表“功能分类收支”K5"
    assert "财政拨款基本支出 30.00 大于基本支出合计 20.94" in first.message


def test_counts_must_back_the_three_public_amounts(tmp_path):
    loaded = _broken_workbook(tmp_path, {("三公经费", "C6"): 2.0, ("三公经费", "B13"): None, ("三公经费", "B14"): None,
                                         ("三公经费", "B6"): 3.0})
    assert any(p.where == "工作表“三公经费”B13" and "接待批次为0" in p.message for p in loaded.errors)


def test_json_and_yaml_are_the_same_input(tmp_path):
    from gongkai.compose.model import ComposeInput

    expected = ComposeInput.model_validate(example_dict())
    j = tmp_path / "in.json"
    j.write_text(json.dumps(example_dict(), ensure_ascii=False), encoding="utf-8")
    y = tmp_path / "in.yaml"
    y.write_text(yaml.safe_dump(example_dict(), allow_unicode=True), encoding="utf-8")
    for path in (j, y):
        loaded = _load(path)
        assert loaded.problems == [] and loaded.data == expected


def test_json_problems_name_the_field(tmp_path):
    data = example_dict()
    data["balances"]["gpb"]["end"] = "1.00"
    data["lines"][0]["inc_gpb"] = "-5"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    loaded = _load(path)
    assert [p.describe() for p in loaded.errors] == ["字段 lines[0].inc_gpb：金额不能为负数（填写为“-5”）"]
    data["lines"][0]["inc_gpb"] = "52.36"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    [p] = _load(path).errors
    assert p.where == "字段 balances.gpb.end" and "≠ 年初 25.80" in p.message


def test_money_model_rules():
    from pydantic import ValidationError

    from gongkai.compose.model import FunctionalLine

    line = FunctionalLine(code=2101501.0, name="行政运行", inc_gpb="1,2".replace(",", ""))
    assert line.code == "2101501" and line.inc_gpb == D("12.00")
    assert FunctionalLine(code="2101501", name="x", budget_initial="5").budget_full == D("5.00")
    with pytest.raises(ValidationError):
        FunctionalLine(code="2101501", name="x", inc_gpb="1.234")
    with pytest.raises(ValidationError):
        FunctionalLine(code="2101501", name="x", unknown_field=1)


def test_cli_template_and_refusal(tmp_path):
    from typer.testing import CliRunner

    from gongkai.cli import app

    runner = CliRunner()
    out = tmp_path / "填报.xlsx"
    r = runner.invoke(app, ["template", "--kind", "部门决算", "--year", "2024", "-o", str(out)])
    assert r.exit_code == 0 and out.exists()
    r = runner.invoke(app, ["template", "--year", "2024", "--profile", "nowhere", "-o", str(out)])
    assert r.exit_code == 2
    bad = tmp_path / "bad.xlsx"
    wb = load_workbook(EXAMPLE_XLSX)
    wb["结转结余"]["C3"] = 20
    wb.save(bad)
    target = tmp_path / "out.pdf"
    r = runner.invoke(app, ["compose", str(bad), "-o", str(target)])
    assert r.exit_code == 1 and not target.exists()
    assert "工作表“结转结余”C3" in "".join(r.output.split())
    r = runner.invoke(app, ["compose", str(tmp_path / "missing.xlsx"), "-o", str(target)])
    assert r.exit_code == 2
    r = runner.invoke(app, ["compose", str(EXAMPLE_XLSX), "-o", str(tmp_path / "out.txt")])
    assert r.exit_code == 2 and "docx、pdf、html或xlsx" in "".join(r.output.split())
    from gongkai.catalog.templates import profiles
    from gongkai.compose.compose import SUPPORTED

    other = next(p for p in sorted(profiles()) if p not in SUPPORTED)
    r = runner.invoke(app, ["compose", str(EXAMPLE_XLSX), "-o", str(tmp_path / "out.html"), "--profile", other])
    assert r.exit_code == 2 and "暂不支持" in "".join(r.output.split())
    # 四川 prints tables the national example has no data for: refused, saying what is missing
    r = runner.invoke(app, ["compose", str(EXAMPLE_XLSX), "-o", str(tmp_path / "out.html"), "--profile", "sichuan_final"])
    said = "".join(r.output.split())
    assert r.exit_code == 2 and not (tmp_path / "out.html").exists()
    assert "功能×经济分类支出" in said and "经济分类项目支出尚未填写" in said
    r = runner.invoke(app, ["compose", str(EXAMPLE_XLSX), "-o", str(tmp_path / "out.html")])
    assert r.exit_code == 0 and (tmp_path / "out.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def _perf_problems(content: dict) -> list[str]:
    from gongkai.compose.inputs import load_dict

    return [p.describe() for p in load_dict(content).errors]


def test_performance_weights_and_reasons_are_checked():
    from test_compose_roundtrip import example_dict

    content = example_dict()
    assert _perf_problems(content) == []
    content["performance"][0]["indicators"][0]["weight"] = "25"
    content["performance"][1]["indicators"][1]["reason"] = ""
    problems = _perf_problems(content)
    assert any("performance[0].indicators" in p and "应等于满分 100" in p for p in problems)
    assert any("performance[1].indicators[1].reason" in p and "专项检查次数" in p and "未完成原因" in p for p in problems)


def test_performance_problems_name_the_cell(tmp_path):
    from openpyxl import load_workbook

    from gongkai.compose.inputs import load_input

    path = tmp_path / "perf.xlsx"
    path.write_bytes(EXAMPLE_XLSX.read_bytes())
    wb = load_workbook(path)
    ws = wb["绩效自评"]
    heads = {ws.cell(2, c).value: c for c in range(1, ws.max_column + 1)}
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, heads["三级指标"]).value == "专项检查次数")
    ws.cell(row, heads["未完成原因"]).value = None
    ws.cell(row, heads["指标性质"]).value = "大约"
    wb.save(path)
    problems = [p.describe() for p in load_input(path).errors]
    col = lambda h: f"{chr(64 + heads[h])}{row}"  # noqa: E731
    assert any(p.startswith(f"工作表“绩效自评”{col('指标性质')}") and "指标性质" in p for p in problems), problems
    wb = load_workbook(path)
    wb["绩效自评"].cell(row, heads["指标性质"]).value = "≥"
    wb.save(path)
    problems = [p.describe() for p in load_input(path).errors]
    assert any(p.startswith(f"工作表“绩效自评”{col('未完成原因')}") and "未完成原因" in p for p in problems), problems


# -- 四川: 项目支出 by 经济分类 款 and the 功能×经济分类支出 sheet ---------------------------------------------
MATRIX = "功能×经济分类支出"


def _sichuan_workbook(tmp_path, which="example"):
    from gongkai.compose.model import ComposeInput
    from gongkai.compose.workbook import write_filled
    from test_compose_roundtrip import input_dict

    data = ComposeInput.model_validate(input_dict(which, "sichuan_final"))
    path = tmp_path / f"{which}_sichuan.xlsx"
    path.write_bytes(write_filled(data))
    return path, data


def _edited(path, edits: dict[tuple[str, str], object]):
    wb = load_workbook(path)
    for (sheet, cell), value in edits.items():
        wb[sheet][cell] = value
    out = path.with_name("edited.xlsx")
    wb.save(out)
    return _load(out)


def test_sichuan_template_has_the_breakdown_sheet_and_others_do_not(tmp_path):
    from gongkai.compose.workbook import write_template

    path = tmp_path / "sc.xlsx"
    path.write_bytes(write_template(2024, "sichuan_final"))
    wb = load_workbook(path)
    assert wb.sheetnames.index(MATRIX) == wb.sheetnames.index("经济分类基本支出") + 1
    ws = wb[MATRIX]
    heads = [c.value for c in ws[2]]
    assert heads[:4] == ["功能分类科目编码", "科目名称", "301 工资福利支出", "302 商品和服务支出"]
    assert "399 其他支出" in heads and len(heads) == 12  # the ten 类 of the 2024 经济分类
    assert ws["A2"].comment is not None and "每行各经济分类之和" in ws["C2"].comment.text
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert {"list", "decimal"} <= kinds
    assert ws["C3"].number_format == "#,##0.00"
    econ = [c.value for c in wb["经济分类基本支出"][2]]
    assert "一般公共预算财政拨款项目支出（四川口径填写）" in econ
    help_text = "\n".join(str(c.value) for c in wb["填表说明"]["A"] if c.value)
    assert "四川口径" in help_text and MATRIX in help_text
    assert wb["单位信息"]["B5"].value == "sichuan_final"
    lists = [dv.formula1 for dv in wb["单位信息"].data_validations.dataValidation if dv.type == "list"]
    assert any("sichuan_final" in f and "shanghai_final" in f for f in lists)
    plain = tmp_path / "national.xlsx"
    plain.write_bytes(write_template(2024, None))
    wb = load_workbook(plain)
    assert MATRIX not in wb.sheetnames
    assert "一般公共预算财政拨款项目支出（四川口径填写）" not in [c.value for c in wb["经济分类基本支出"][2]]


def test_sichuan_workbook_reads_back_exactly(tmp_path):
    for which in ("example", "rich"):
        path, data = _sichuan_workbook(tmp_path, which)
        loaded = _load(path)
        assert loaded.problems == [] and loaded.data == data
        assert loaded.data.gpb_by_economic and any(e.project for e in loaded.data.economic)


def test_inconsistent_sichuan_breakdown_is_refused_with_the_cell(tmp_path):
    path, data = _sichuan_workbook(tmp_path)
    ws = load_workbook(path)[MATRIX]
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == "2101501")  # 行政运行
    # one amount off: the row no longer adds up to the line, and its class column no longer to the 款
    loaded = _edited(path, {(MATRIX, f"D{row}"): float(ws[f"D{row}"].value) + 1})
    msgs = [p.describe() for p in loaded.errors]
    assert msgs == [
        f"工作表“{MATRIX}”C{row}:L{row}：2101501 行政运行：各经济分类支出之和 387.45 ≠ 该科目一般公共预算财政拨款支出 386.45"
        "（基本支出 386.45 + 项目支出 0.00，见“功能分类收支”表；相差 1.00）",
        f"工作表“{MATRIX}”D列（302 商品和服务支出）：经济分类 302 商品和服务支出：各功能分类科目合计 302.59 ≠ "
        "“经济分类基本支出”表 302 各款基本支出 93.40 + 项目支出 208.19 = 301.59（相差 1.00）"]
    # a 项 that is not among the functional lines, and text in an amount cell
    loaded = _edited(path, {(MATRIX, f"A{row}"): "2101109", (MATRIX, "C3"): "五十"})
    msgs = [p.describe() for p in loaded.errors]
    assert msgs == [f"工作表“{MATRIX}”C3：不是有效的数字（填写为“五十”）"]
    loaded = _edited(path, {(MATRIX, f"A{row}"): "2101109"})
    assert [p.describe() for p in loaded.errors] == [
        f"工作表“{MATRIX}”A{row}：功能分类科目编码“2101109”不在“功能分类收支”表中（本表只分解该表已填写的项级科目）"]
    # the 项目支出 by 经济分类 must add up to the functional 项目支出
    econ = load_workbook(path)["经济分类基本支出"]
    prow = next(r for r in range(3, econ.max_row + 1) if econ.cell(r, 4).value)
    loaded = _edited(path, {("经济分类基本支出", f"D{prow}"): float(econ[f"D{prow}"].value) + 5})
    assert [p.describe() for p in loaded.errors] == [
        "工作表“经济分类基本支出”D列（项目支出合计）：经济分类项目支出合计 298.58 ≠ 功能分类一般公共预算财政拨款项目支出合计 "
        "293.58（相差 5.00）"]


def test_sichuan_breakdown_missing_is_refused(tmp_path):
    from gongkai.compose.inputs import load_dict
    from test_compose_roundtrip import input_dict

    content = input_dict("example", "sichuan_final")
    content["gpb_by_economic"] = []
    for e in content["economic"]:
        e.pop("project", None)
    assert [p.describe() for p in load_dict(content).errors] == [
        "字段 economic.project：sichuan_final 口径须按经济分类（款级）填写一般公共预算财政拨款项目支出（公开09表）："
        "功能分类项目支出合计 293.58，经济分类项目支出尚未填写",
        "字段 gpb_by_economic：sichuan_final 口径须填写“功能×经济分类支出”（公开07表）：一般公共预算财政拨款支出 803.32 "
        "尚未按功能分类科目分解到经济分类"]
    content["unit"]["profile"] = "national_final"  # not needed for the national nine tables
    assert load_dict(content).errors == []
    # a row left out, and a class code that is no 经济分类 类 (JSON/YAML name the field)
    content = input_dict("example", "sichuan_final")
    dropped = content["gpb_by_economic"].pop(0)
    content["gpb_by_economic"][0]["amounts"]["388"] = "1.00"
    msgs = [p.describe() for p in load_dict(content).errors]
    assert msgs == ["字段 gpb_by_economic[0].amounts.388：“388”不是 2023 年版部门预算支出经济分类的类级编码（如 301、302）"]
    del content["gpb_by_economic"][0]["amounts"]["388"]
    msgs = [p.describe() for p in load_dict(content).errors]
    assert msgs[0] == (f"字段 gpb_by_economic：功能分类 {dropped['code']} 机关事业单位基本养老保险缴费支出 有一般公共预算财政拨款支出 "
                       "52.36，本表没有这一科目的经济分类分解")


def test_cli_refuses_an_inconsistent_sichuan_workbook(tmp_path):
    from typer.testing import CliRunner

    from gongkai.cli import app

    path, _ = _sichuan_workbook(tmp_path)
    wb = load_workbook(path)
    wb[MATRIX]["C3"] = float(wb[MATRIX]["C3"].value) - 2
    bad = tmp_path / "bad_sichuan.xlsx"
    wb.save(bad)
    target = tmp_path / "out.pdf"
    r = CliRunner().invoke(app, ["compose", str(bad), "-o", str(target)])
    assert r.exit_code == 1 and not target.exists()
    said = "".join(r.output.split())
    assert f"工作表“{MATRIX}”C3:L3" in said and f"工作表“{MATRIX}”C列（301工资福利支出）" in said
