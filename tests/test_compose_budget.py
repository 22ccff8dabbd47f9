"""部门预算 compose: the workbook and JSON input, refusal of inconsistent input cell by cell, and the round trip
compose → render (DOCX, PDF, HTML) → parse → check for the national, 上海 (部门预算 and 单位预算), 江苏 (2018– and 2017)
and 河北 profiles: zero error findings, every table of the profile recognised, every amount recovered exactly."""

from __future__ import annotations

import importlib.util
import json
from decimal import Decimal as D
from functools import cache

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from conftest import ROOT
from test_compose_roundtrip import recovered_mismatches

EXAMPLE_XLSX = ROOT / "examples" / "示例填报_2025_部门预算.xlsx"
PROFILES = ("national_budget", "shanghai_budget", "shanghai_unit_budget", "jiangsu_budget", "jiangsu_budget_2017",
            "hebei_budget")
FORMATS = ("docx", "pdf", "html")
# a unit of each region, so that the document names its place as real ones do
NAMES = {"national_budget": ("示例市医疗保障局", "示例省示例市"),
         "shanghai_budget": ("上海市示例区医疗保障局", "上海市示例区"),
         "shanghai_unit_budget": ("上海市示例区医疗保障事务中心", "上海市示例区"),
         "jiangsu_budget": ("江苏省示例市医疗保障局", "江苏省示例市"),
         "jiangsu_budget_2017": ("江苏省示例市医疗保障局", "江苏省示例市"),
         "hebei_budget": ("河北省示例县医疗保障局", "河北省示例县")}


@cache
def example_module():
    spec = importlib.util.spec_from_file_location("build_budget_workbook",
                                                  ROOT / "examples" / "build_budget_workbook.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def example_dict(profile: str = "national_budget") -> dict:
    d = example_module().example_input()
    d["unit"]["name"], d["unit"]["region"] = NAMES[profile]
    d["unit"]["profile"] = profile
    return d


def _line(code, name, **kw) -> dict:
    return {"code": code, "name": name, **{k: str(v) for k, v in kw.items()}}


def rich_dict(profile: str) -> dict:
    """The example plus the money only some tables show: 政府性基金 and 国有资本经营 (全国、上海), or 财政专户管理资金,
    上年结转, 单位预留机动经费, 政府性基金, 专项收入, 会议费和培训费 (江苏)."""
    d = example_dict(profile)
    lines = d["lines"]
    lines.append(_line("2120801", "征地和拆迁补偿支出", gf="180.00", project="180.00", prior="0"))
    if profile.startswith("jiangsu"):
        run = next(x for x in lines if x["code"] == "2101501")
        run["gpb"], run["reserve"] = "432.35", "30.00"  # 30.00 of 一般公共预算拨款 kept as 单位预留机动经费
        lines.append(_line("2101599", "其他医疗保障管理事务支出", gpb="50.00", special="8.00", carryover="12.00",
                           project="70.00"))
        lines[:] = [x for x in lines if not (x["code"] == "2101599" and "special" not in x)]
        d["sources"] = {"gpb_special": "25.00", "special_education": "3.00"}
        d["three_public"]["meeting"] = {"budget": "6.00", "prior": "5.00", "reason": "新增业务培训会议"}
        d["three_public"]["training"] = {"budget": "4.00", "prior": "4.00"}
        d["prior"]["reserve"] = "25.00"
    else:
        lines.append(_line("2230105", "国有企业退休人员社会化管理补助支出", soe="40.00", soe_basic="10.00", basic="10.00",
                           project="30.00"))
        d["prior"].update({"gf": "150.00", "soe": "40.00"})
    return d


def yuan_dict(profile: str = "shanghai_budget") -> dict:
    """上海, entered in 元 (as 上海 budgets are), with amounts that are not whole 万元."""
    d = example_dict(profile)
    d["amount_unit"] = "元"

    def scale(v):
        return str(D(v) * 10000)

    for x in d["lines"]:
        for k in ("gpb", "business", "other", "basic", "project", "gpb_basic", "basic_public", "prior"):
            x[k] = scale(x[k])
    odd = next(x for x in d["lines"] if x["code"] == "2101599")  # 500,000 → 503,456.78 元
    for k in ("gpb", "project"):
        odd[k] = "503456.78"
    for e in d["economic"]:
        e["basic"], e["running"] = scale(e["basic"]), scale(e["running"])
    d["three_public"]["reception"] = {"budget": "31234.00", "prior": "35000.00", "reason": "压减接待批次"}
    d["three_public"]["vehicle_run"] = {"budget": "50000.00", "prior": "50000.00"}
    for item in d["procurement"]["items"]:
        item["amount"], item["price"] = scale(item["amount"]), scale(item["price"])
    for k in ("sme", "small_micro"):
        d["procurement"][k] = scale(d["procurement"][k])
    for k in ("vehicle_value", "buildings_value", "office_value", "other_value"):
        d["assets"][k] = scale(d["assets"][k])
    for k, v in list(d["prior"].items()):
        d["prior"][k] = scale(v)
    d["running"]["prior"] = scale(d["running"]["prior"])
    for p in d["performance"]["projects"]:
        p["amount"] = scale(p["amount"])
    return d


INPUTS = {"example": example_dict, "rich": rich_dict, "yuan": yuan_dict}


@cache
def composition(which: str, profile: str):
    from gongkai.compose import compose
    from gongkai.compose.budget.model import BudgetInput

    return compose(BudgetInput.model_validate(INPUTS[which](profile)), profile, charts=which == "example")


@cache
def rendered(which: str, profile: str, fmt: str, tmp_root: str) -> str:
    from pathlib import Path

    comp = composition(which, profile)
    if fmt == "docx":
        from gongkai.compose.render_docx import render_docx

        data = render_docx(comp)
    elif fmt == "pdf":
        from gongkai.compose.render_pdf import render_pdf

        data = render_pdf(comp)
    else:
        from gongkai.compose.render_html import render_html

        data = render_html(comp).encode("utf-8")
    path = Path(tmp_root) / f"{which}_{profile}.{fmt}"
    path.write_bytes(data)
    return str(path)


@pytest.fixture(scope="module")
def tmp_root(tmp_path_factory):
    return str(tmp_path_factory.mktemp("budget"))


def _numbers(table) -> list[D]:
    return [c.value for r in table.rows for c in r.cells.values() if c.kind.value == "number" and c.value]


def mismatches(composed, parsed) -> list[str]:
    """Standard tables: every cell by row key / code (recovered_mismatches). Tables kept as printed (采购, 机构,
    资产, 绩效目标): the amounts of each, in order, table by table."""
    standard = composed.model_copy(update={"tables": [t for t in composed.tables if not t.generic]})
    out = recovered_mismatches(standard, parsed)
    for t in standard.tables:
        p = parsed.table(t.template_id)
        if p is not None and (p.unit, p.printed_title) != (t.unit, t.printed_title):
            out.append(f"{t.template_id}: printed as {p.printed_title} in {p.unit}, composed {t.printed_title} in {t.unit}")
    for tid in dict.fromkeys(t.template_id for t in composed.tables if t.generic):
        mine = [t for t in composed.tables if t.template_id == tid]
        theirs = [t for t in parsed.tables if t.template_id == tid]
        if len(theirs) != len(mine):
            out.append(f"{tid}: {len(theirs)} tables recognised, {len(mine)} composed")
        for k, (a, b) in enumerate(zip(mine, theirs)):
            if _numbers(a) != _numbers(b):
                out.append(f"{tid} #{k}: {_numbers(b)} != {_numbers(a)}")
    return out


CASES = ([("example", p, f) for p in PROFILES for f in FORMATS]
         + [("rich", p, f) for p in ("national_budget", "shanghai_budget", "shanghai_unit_budget", "jiangsu_budget",
                                     "jiangsu_budget_2017") for f in ("docx", "pdf")]
         + [("yuan", p, f) for p in ("shanghai_budget", "shanghai_unit_budget") for f in ("docx", "pdf")])


@pytest.mark.parametrize("which,profile,fmt", CASES, ids=[f"{w}-{p}-{f}" for w, p, f in CASES])
def test_roundtrip(which, profile, fmt, tmp_root):
    from gongkai.audit import audit
    from gongkai.catalog.templates import profiles
    from gongkai.pipeline import parse_file

    comp = composition(which, profile)
    parsed = parse_file(rendered(which, profile, fmt, tmp_root))
    assert (parsed.unit_name, parsed.year) == (comp.data.unit.name, comp.data.unit.year)
    assert parsed.kind is not None and parsed.kind.value == profiles()[profile].kind
    assert parsed.profile == profile
    wanted = [pt.template for pt in profiles()[profile].tables]
    assert [t.template_id for t in parsed.tables if t.template_id] == [t.template_id for t in comp.tables]
    assert set(wanted) <= {t.template_id for t in parsed.tables}
    report = audit(parsed)
    errors = [f"{f.code} {f.message} @ {f.location.describe()}" for f in report.findings if f.severity.value == "error"]
    assert errors == []
    assert mismatches(comp.document, parsed) == []


@pytest.mark.parametrize("which,profile", [("example", p) for p in PROFILES] + [("rich", "jiangsu_budget"),
                                                                             ("rich", "jiangsu_budget_2017"),
                                                                             ("rich", "shanghai_budget"),
                                                                             ("rich", "shanghai_unit_budget"),
                                                                             ("yuan", "shanghai_budget"),
                                                                             ("yuan", "shanghai_unit_budget")])
def test_composed_model_passes_the_audit_itself(which, profile):
    from gongkai.audit import audit

    report = audit(composition(which, profile).document)
    assert [f.code + " " + f.message for f in report.findings] == []


def test_tables_print_in_the_profiles_units_titles_and_order():
    sh = composition("example", "shanghai_budget")
    assert [t.title for t in sh.tables][:2] == ["2025年部门财务收支预算总表", "2025年部门收入预算总表"]
    assert [t.number for t in sh.tables] == [None] * 9
    units = {t.template_id: t.unit.value for t in sh.document.tables}
    assert units["budget.income"] == "元" and units["budget.three_public"] == "万元"
    income = sh.document.table("budget.income")
    assert income.row("total").value("total") == D("9903500.00")  # 990.35 万元, printed in 元
    assert income.by_code("2101506").value("business") == D("300000.00")
    js = composition("example", "jiangsu_budget")
    assert [t.number for t in js.tables] == [f"公开{k:02d}表" for k in range(1, 13)]
    assert all(t.unit.value == "万元" for t in js.document.tables if not t.generic)
    hb = composition("example", "hebei_budget")
    assert [t.template_id for t in hb.tables] == ["other.organisation", "perf.dept_targets", "perf.project_targets",
                                                  "perf.project_targets", "other.procurement", "other.assets"]
    assert hb.tables[2].title == "1.医疗保障经办服务项目绩效目标表"


def test_figures_are_computed_not_typed():
    js = composition("rich", "jiangsu_budget").document
    s = js.table("budget.summary")
    assert s.row("inc_total").value("amount") == D("1208.35")  # 990.35 + 30.00 + 180.00 + 8.00
    assert s.row("inc_begin").value("amount") == D("12.00")
    assert s.row("inc_grand").value("amount") == s.row("exp_grand").value("amount") == D("1220.35")
    assert s.row("exp_reserve").value("amount") == D("30.00")
    f = js.table("budget.fiscal_summary")
    assert f.row("exp_project").value("total") == D("479.00")  # 一般公共预算 299.00 + 政府性基金 180.00
    src = js.table("budget.income_by_source")
    assert (src.row("gpb_appropriation").value("amount"), src.row("gpb_special").value("amount")) == (D("960.85"),
                                                                                                      D("25.00"))
    assert js.table("budget.three_public").row("amounts").value("grand_total") == D("18.00")
    sh = composition("rich", "shanghai_budget").document
    fs = sh.table("budget.fiscal_summary")
    assert fs.row("class_212").value("gf") == D("1800000.00")
    assert sh.table("budget.soe_capital").row("total").value("basic") == D("100000.00")
    assert sh.table("budget.three_public").row("amounts").value("running_costs") == D("115.95")


def test_yuan_input_prints_yuan_tables_and_rounds_only_the_wan_figures():
    comp = composition("yuan", "shanghai_budget")
    doc = comp.document
    assert doc.table("budget.expenditure").by_code("2101599").value("project") == D("503456.78")
    tp = doc.table("budget.three_public").row("amounts")
    assert (tp.value("budget_reception"), tp.value("budget_total")) == (D("3.12"), D("8.12"))
    text = "\n".join(s.text for s in doc.sections)
    assert "“三公”经费8.12万元" in text and "支出合计990.70万元" in text


def _headings(comp, level: int) -> list[str]:
    from gongkai.compose.blocks import Heading

    return [b.text for b in comp.blocks if isinstance(b, Heading) and b.level == level]


def _header_texts(t) -> set[str]:
    return {c.text for row in t.header for c in row}


def test_shanghai_unit_budget_prints_as_the_unit_documents():
    comp = composition("example", "shanghai_unit_budget")
    doc = comp.document
    assert doc.kind.value == "单位预算" and comp.title == "上海市示例区医疗保障事务中心2025年单位预算"
    assert [t.title for t in comp.tables] == [
        "2025年预算单位财务收支预算总表", "2025年预算单位收入预算总表", "2025年预算单位支出预算总表",
        "2025年预算单位财政拨款收支预算总表", "2025年预算单位一般公共预算支出功能分类预算表",
        "2025年预算单位政府性基金预算支出功能分类预算表", "2025年预算单位国有资本经营预算支出功能分类预算表",
        "2025年预算单位一般公共预算基本支出部门预算经济分类预算表", "2025年单位“三公”经费和机关运行经费预算表"]
    assert _headings(comp, 0) == ["一、单位主要职能", "二、单位机构设置", "三、名词解释", "四、2025年单位预算编制说明",
                                  "五、单位预算表", "六、其他相关情况说明"]
    # the 支出 side of the 财务收支预算总表: 合计 | 人员经费 | 公用经费 | 项目支出, in 元
    s = doc.table("budget.summary")
    assert [(c.block, c.key) for c in s.columns] == [("收入", "amount"), ("支出", "amount"), ("支出", "personnel"),
                                                     ("支出", "public"), ("支出", "project")]
    row = s.row("exp_grand")
    assert [row.value(k) for k in ("amount", "personnel", "public", "project")] == [
        D("9903500.00"), D("5252000.00"), D("1316500.00"), D("3335000.00")]
    row = s.row("class_210")
    assert [row.value(k) for k in ("amount", "personnel", "public", "project")] == [
        D("8589500.00"), D("3938000.00"), D("1316500.00"), D("3335000.00")]
    assert {"经济分类科目编码", "部门经济分类科目名称"} <= _header_texts(comp.tables[7])
    assert comp.tables[5].empty_note == "注：本单位2025年无政府性基金预算财政拨款安排的预算，故本表为空表。"
    text = "\n".join(x.text for x in doc.sections)
    assert "2025年单位预算安排购置车辆" in text and "部门预算" not in text


def test_shanghai_unit_budget_needs_the_public_part_of_basic():
    from gongkai.compose import compose
    from gongkai.compose.budget.model import BudgetInput
    from gongkai.compose.compose import ComposeError
    from gongkai.compose.inputs import load_dict

    d = example_dict("shanghai_unit_budget")
    for x in d["lines"]:
        x["basic_public"] = "0"
    with pytest.raises(ComposeError, match="基本支出的公用经费合计 0.00 小于经济分类一般公共预算基本支出的公用经费 131.65"):
        compose(BudgetInput.model_validate(d), charts=False)
    compose(BudgetInput.model_validate(d), "shanghai_budget", charts=False)  # the 部门预算 does not print the split
    d["lines"][0]["basic_public"] = "20.00"
    assert [p.describe() for p in load_dict(d).errors] == [
        "字段 lines[0].basic_public：2080501 行政单位离退休：基本支出中的公用经费 20.00 大于基本支出 18.60"]


def test_jiangsu_2017_prints_its_order_numbers_and_sections():
    from gongkai.compose.tables import NUMERALS

    comp = composition("example", "jiangsu_budget_2017")
    assert [t.template_id for t in comp.tables] == [
        "budget.summary", "budget.income_by_source", "budget.expenditure_by_purpose", "budget.fiscal_summary",
        "budget.fiscal_expenditure", "budget.fiscal_basic", "budget.gov_fund", "budget.gpb_expenditure",
        "budget.gpb_basic", "budget.running_costs", "budget.three_public", "other.procurement"]
    assert [t.number for t in comp.tables] == [f"表{n}" for n in NUMERALS[:12]]
    assert [t.printed_number for t in comp.document.tables] == [f"公开{k:02d}表" for k in range(1, 13)]
    assert [comp.tables[k].title for k in (4, 5, 7, 8)] == ["财政拨款支出预算表", "财政拨款基本支出预算表",
                                                            "一般公共预算支出预算表", "一般公共预算基本支出预算表"]
    assert "功能科目代码" in _header_texts(comp.tables[4])
    u = "江苏省示例市医疗保障局"
    assert _headings(comp, 0) == ["第一部分 部门概况", f"第二部分 {u}2025年度部门预算表",
                                  f"第三部分 {u}2025年度部门预算情况说明", "第四部分 名词解释"]
    level1 = _headings(comp, 1)
    assert level1[:3] == ["一、主要职能", "二、部门机构设置和所属单位情况", "一、收支预算总表情况说明"]
    assert "七、政府性基金支出预算表情况说明" in level1 and "十二、2025年政府采购预算表情况说明" in level1
    text = {x.path[-1]: x.text for x in comp.document.sections}
    assert "会议费" in text["十一、一般公共预算“三公”经费、会议费、培训费支出预算表情况说明"]


def test_narrative_states_shares_and_changes():
    doc = composition("example", "national_budget").document
    text = {s.path[-1]: s.text for s in doc.sections}
    assert "一般公共预算拨款收入955.85万元，占96.52%" in text["二、收入预算情况"]
    assert "收、支总计各增加44.82万元，增长4.74%" in text["一、收支预算总体情况"]
    three = text["七、“三公”经费预算情况"]
    assert "3.公务接待费3.00万元，与2024年预算相比减少0.50万元，下降14.29%。主要原因是" in three
    detail = text["（三）一般公共预算当年拨款具体使用情况"]
    assert "医疗保障管理事务（款）798.15万元，与2024年预算相比增加34.60万元，增长4.53%" in detail
    terms = text["第四部分 名词解释"]
    assert "单位预留机动经费" not in terms and "事业收入" in terms and "医疗保障经办事务（项）" in terms


# -- input: workbook, JSON, refusal ----------------------------------------------------------------------
def _load(path):
    from gongkai.compose.inputs import load_input

    return load_input(path)


def test_bundled_workbook_is_up_to_date_and_reads_back_exactly(tmp_path):
    from gongkai.compose.budget.model import BudgetInput

    expected = BudgetInput.model_validate(example_module().example_input())
    fresh = example_module().build(tmp_path / "fresh.xlsx")
    for path in (EXAMPLE_XLSX, fresh):
        loaded = _load(path)
        assert loaded.problems == []
        assert loaded.data == expected


@pytest.mark.parametrize("which,profile", [("rich", "jiangsu_budget"), ("yuan", "shanghai_budget")])
def test_filled_workbook_round_trips_every_field(which, profile, tmp_path):
    from gongkai.compose.budget.model import BudgetInput
    from gongkai.compose.budget.workbook import write_filled_budget

    data = BudgetInput.model_validate(INPUTS[which](profile))
    path = tmp_path / "filled.xlsx"
    path.write_bytes(write_filled_budget(data))
    loaded = _load(path)
    assert [p.describe() for p in loaded.problems if p.severity == "error"] == []
    assert loaded.data == data


def test_cli_template_writes_a_budget_workbook(tmp_path):
    from gongkai.cli import app

    out = tmp_path / "预算填报.xlsx"
    r = CliRunner().invoke(app, ["template", "--kind", "部门预算", "--year", "2025", "--profile", "shanghai_budget",
                                 "-o", str(out)])
    assert r.exit_code == 0, r.output
    wb = load_workbook(out)
    assert wb.sheetnames[:3] == ["填表说明", "单位信息", "功能分类预算"]
    for name in ("经济分类基本支出", "三公经费", "政府采购", "其他事项", "上年数与原因", "部门整体绩效指标", "项目绩效目标"):
        assert name in wb.sheetnames
    assert wb["科目表"].sheet_state == "hidden"
    unit = {wb["单位信息"].cell(r, 1).value: wb["单位信息"].cell(r, 2).value for r in range(2, 14)}
    assert (unit["文件类型"], unit["模板口径"], unit["年度"], unit["金额单位"]) == ("部门预算", "shanghai_budget", 2025, "元")
    ws = wb["功能分类预算"]
    assert ws["A3"].value == "功能分类科目编码" and ws["K3"].comment is not None
    assert {"list", "decimal"} <= {dv.type for dv in ws.data_validations.dataValidation}
    assert ws["C4"].number_format == "#,##0.00"
    assert "部门预算" in wb["填表说明"]["A1"].value
    # an empty template is refused, not composed
    loaded = _load(out)
    assert loaded.data is None and any("至少要填写一行" in p.message for p in loaded.problems)
    r = CliRunner().invoke(app, ["template", "--kind", "部门预算", "--year", "2025", "--profile", "hunan_final",
                                 "-o", str(out)])
    assert r.exit_code == 2 and "暂不支持编制部门预算" in r.output


def _broken(tmp_path, edits: dict[tuple[str, str], object]):
    wb = load_workbook(EXAMPLE_XLSX)
    for (sheet, cell), value in edits.items():
        wb[sheet][cell] = value
    path = tmp_path / "broken.xlsx"
    wb.save(path)
    return path


def test_inconsistent_line_is_refused_at_its_cell(tmp_path):
    # row 9 is 2101501 行政运行 (402.35, all 基本支出): column K is 基本支出
    loaded = _load(_broken(tmp_path, {("功能分类预算", "K9"): 400}))
    errors = [p.describe() for p in loaded.errors]
    assert any(e.startswith("工作表“功能分类预算”K9：2101501 行政运行：基本支出 400.00 + 项目支出 0.00 = 400.00，"
                            "不等于资金来源合计 402.35") for e in errors), errors


def test_economic_total_and_unknown_code_are_refused(tmp_path):
    loaded = _load(_broken(tmp_path, {("经济分类基本支出", "C4"): 130}))
    assert [p.describe() for p in loaded.errors] == [
        "工作表“经济分类基本支出”C列（一般公共预算基本支出合计）：经济分类一般公共预算基本支出合计 658.45 ≠ "
        "功能分类一般公共预算拨款安排的基本支出合计 656.85（相差 1.60）"]
    loaded = _load(_broken(tmp_path, {("功能分类预算", "A9"): "2101598"}))
    assert any(p.describe().startswith("工作表“功能分类预算”A9：科目编码 2101598 不在 2025 年版") for p in loaded.errors)


def test_cli_refuses_inconsistent_input_and_writes_nothing(tmp_path):
    from gongkai.cli import app

    bad = _broken(tmp_path, {("功能分类预算", "N9"): 500})  # 一般公共预算拨款安排的基本支出 > 拨款
    target = tmp_path / "out.pdf"
    r = CliRunner().invoke(app, ["compose", str(bad), "-o", str(target)])
    assert r.exit_code == 1 and not target.exists()
    assert "工作表“功能分类预算”N9" in r.output and "大于一般公共预算拨款 402.35" in r.output


def test_json_and_yaml_input(tmp_path):
    import yaml

    from gongkai.cli import app
    from gongkai.compose.inputs import load_dict

    data = example_dict("jiangsu_budget")
    src = tmp_path / "预算.json"
    src.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    out = tmp_path / "预算.html"
    r = CliRunner().invoke(app, ["compose", str(src), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "jiangsu_budget 口径，12 张表" in r.output and "收支预算总表" in out.read_text("utf-8")
    data["lines"][0]["basic"] = "18.00"
    ysrc = tmp_path / "预算.yaml"
    ysrc.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    loaded = _load(ysrc)
    assert [p.describe() for p in loaded.errors] == [
        "字段 lines[0].basic：2080501 行政单位离退休：基本支出 18.00 + 项目支出 0.00 = 18.00，不等于资金来源合计 18.60"
        "（一般公共预算拨款 18.60；相差 -0.60）"]
    data["amount_unit"] = "千元"
    assert any("金额单位应为" in p.message for p in load_dict(data).problems)


def test_profile_without_a_column_for_the_money_refuses():
    from gongkai.compose import compose
    from gongkai.compose.budget.model import BudgetInput
    from gongkai.compose.compose import ComposeError

    data = BudgetInput.model_validate(rich_dict("jiangsu_budget"))
    with pytest.raises(ComposeError, match="上海 部门预算.*财政专户管理资金.*2101599"):
        compose(data, "shanghai_budget", charts=False)
    bare = example_dict("hebei_budget")
    bare["organisation"] = []
    with pytest.raises(ComposeError, match="部门机构设置情况"):
        compose(BudgetInput.model_validate(bare), "hebei_budget", charts=False)
    with pytest.raises(ComposeError, match="暂不支持编制部门预算"):
        compose(BudgetInput.model_validate(example_dict()), "national_final", charts=False)


def test_xlsx_output_keeps_each_tables_unit(tmp_path):
    from gongkai.compose.render_xlsx import render_xlsx

    path = tmp_path / "tables.xlsx"
    path.write_bytes(render_xlsx(composition("example", "shanghai_budget")))
    wb = load_workbook(path)
    assert len(wb.sheetnames) == 9
    metas = [" ".join(str(c.value) for c in wb[n][2] if c.value) for n in wb.sheetnames]
    assert "金额单位：元" in metas[0] and "金额单位：万元" in metas[-1]


@pytest.mark.parametrize("profile,caption", [("shanghai_budget", "编制部门"), ("shanghai_unit_budget", "编制单位"),
                                             ("jiangsu_budget_2017", "部门")])
def test_tables_name_the_unit_as_the_profile_does(profile, caption, tmp_root):
    """上海 单位预算 prints 编制单位：, 江苏 2017 prints 部门：, the others 编制部门：."""
    html = open(rendered("example", profile, "html", tmp_root), encoding="utf-8").read()
    name = NAMES[profile][0]
    assert f"<span>{caption}：{name}</span>" in html
    others = {"编制部门", "编制单位", "部门"} - {caption}
    assert not any(f"<span>{o}：{name}</span>" in html for o in others)
