"""Compose → render (DOCX, PDF, HTML) → parse → check: zero error findings, every figure recovered exactly,
for every profile the composer supports, on the bundled example and on a richer fixture (all fund types,
non-fiscal sources, 结转, 2024 class list)."""

from __future__ import annotations

import copy
import importlib.util
from decimal import Decimal as D
from functools import cache

import pytest

from conftest import ROOT

FORMATS = ("docx", "pdf", "html")
PROFILES = ("national_final", "hunan_final", "shanxi_final", "sichuan_final", "shanghai_final")


@cache
def example_module():
    spec = importlib.util.spec_from_file_location("build_workbook", ROOT / "examples" / "build_workbook.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def example_dict() -> dict:
    return example_module().example_input()


def _line(code, name, **kw) -> dict:
    return {"code": code, "name": name, **{k: str(v) for k, v in kw.items()}}


def rich_dict() -> dict:
    """A 2024 unit with every kind of money: three fund types, non-fiscal income, 结转 both ways."""
    lines = [
        _line("2010301", "行政运行", inc_gpb="120.00", exp_basic="120.00", gpb_basic="120.00", budget_initial="118.00",
              prior="110.00", purpose="机关日常运转", reason="增人增资"),
        _line("2010350", "事业运行", inc_gpb="60.00", inc_business="20.00", exp_basic="80.00", gpb_basic="60.00",
              budget_initial="60.00", prior="58.00"),
        _line("2080505", "机关事业单位基本养老保险缴费支出", inc_gpb="25.10", exp_basic="25.10", gpb_basic="25.10",
              budget_initial="26.00", budget_adjusted="25.50", reason="退休减员"),
        _line("2130106", "科技转化与推广服务", inc_gpb="44.40", inc_upper="15.00", inc_other="6.00",
              exp_project="70.00", gpb_project="50.00", budget_initial="40.00", budget_adjusted="50.00",
              prior="30.00", reason="追加推广项目"),
        _line("2130104", "事业运行", inc_operating="10.00", inc_affiliated="5.00", exp_operating="8.00",
              exp_upper_remit="3.00", exp_affiliated_subsidy="4.00"),
        _line("2120801", "征地和拆迁补偿支出", inc_gf="300.00", gf_begin="50.00", exp_project="320.00",
              gf_project="320.00"),
        _line("2120802", "土地开发支出", inc_gf="12.00", gf_begin="0", exp_basic="2.00", exp_project="6.00",
              gf_basic="2.00", gf_project="6.00"),
        _line("2230105", "国有企业退休人员社会化管理补助支出", inc_soe="40.00", exp_project="35.00", soe_project="35.00"),
        _line("2210201", "住房公积金", inc_gpb="18.00", exp_basic="18.00", gpb_basic="18.00", budget_initial="18.00",
              prior="17.50"),
    ]
    gpb_in = D("120") + D("60") + D("25.10") + D("44.40") + D("18")
    gpb_out = D("120") + D("60") + D("25.10") + D("50") + D("18")
    nf_in = D("20") + D("15") + D("6") + D("10") + D("5")
    nf_out = D("20") + D("20") + D("8") + D("3") + D("4")
    other_begin, use_surplus, distribution = D("12.00"), D("3.00"), D("1.50")
    return {
        "unit": {"name": "测试县农业农村局", "year": 2024, "kind": "部门决算", "region": "测试省测试县",
                 "responsibilities": "负责全县农业农村工作。\n统筹推进乡村振兴。", "structure": "内设5个股室。",
                 "members": ["测试县农业农村局（本级）", "测试县农业技术推广中心", "测试县土地开发中心"],
                 "performance_text": "2024年度对5个项目开展绩效自评，平均得分92.50分。",
                 "other_text": "无其他需要说明的事项。"},
        "lines": lines,
        "economic": [{"code": c, "name": n, "basic": v} for c, n, v in [
            ("30101", "基本工资", "80.00"), ("30102", "津贴补贴", "40.00"), ("30108", "机关事业单位基本养老保险缴费", "25.10"),
            ("30113", "住房公积金", "18.00"), ("30305", "生活补助", "6.00"), ("30201", "办公费", "20.00"),
            ("30211", "差旅费", "9.00"), ("30231", "公务用车运行维护费", "5.00"), ("31002", "办公设备购置", "20.00")]],
        "balances": {"gpb": {"begin": "10.00", "end": str(D("10.00") + gpb_in - gpb_out)},
                     "gf": {"begin": "50.00", "end": str(D("50") + D("312") - D("328"))},
                     "soe": {"begin": "0", "end": "5.00"},
                     "other": {"begin": str(other_begin),
                               "end": str(other_begin + nf_in + use_surplus - nf_out - distribution)},
                     "use_surplus": str(use_surplus), "distribution": str(distribution)},
        "three_public": {"abroad": {"budget": "6.00", "actual": "4.50", "prior": "0"},
                         "vehicle_buy": {"budget": "20.00", "actual": "18.60", "prior": "0"},
                         "vehicle_run": {"budget": "6.00", "actual": "5.00", "prior": "5.80"},
                         "reception": {"budget": "2.00", "actual": "1.20", "prior": "1.50"},
                         "groups": 1, "travellers": 3, "vehicles_bought": 1, "vehicles_held": 3,
                         "reception_batches": 12, "reception_people": 80, "foreign_batches": 1, "foreign_people": 4},
        "running": {"admin": "34.00", "civil_service": "6.00", "prior": "41.00", "reason": "压减一般性支出"},
        "procurement": {"goods": "40.00", "works": "120.00", "services": "25.00", "sme": "150.00", "small_micro": "90.00"},
        "assets": {"vehicles": {"leader": 1, "enforcement": 1, "special": 1}, "equipment_general": 1,
                   "equipment_special": 0},
        "prior": {"grand": "700.00", "income": "650.00", "expenditure": "640.00", "fiscal_grand": "600.00",
                  "gpb_expenditure": "215.50", "gpb_basic": "190.00"},
        "reasons": {"grand": "土地开发项目增加", "gpb": "农技推广项目经费增加", "gpb_budget": "年中追加项目经费",
                    "three_public": "厉行节约",
                    "gov_fund": "主要用于征地拆迁补偿和土地开发。", "soe": "用于国有企业退休人员社会化管理补助。"},
    }


INPUTS = {"example": example_dict, "rich": rich_dict}

# 四川: each 项's 项目支出 goes to two of these 款 (half each); 基本支出 fills the 类 of the 款, smallest 项 first
PROJECT_KUAN = {"30227": "委托业务费", "30226": "劳务费", "31002": "办公设备购置", "30201": "办公费"}


def with_sichuan(data: dict) -> dict:
    """The same unit with what 四川 also prints: 项目支出 by 经济分类 款 and 功能分类 × 经济分类 类."""
    data = copy.deepcopy(data)
    data["unit"]["profile"] = "sichuan_final"
    econ = {e["code"]: dict(e) for e in data["economic"]}
    matrix: dict[str, dict[str, D]] = {}
    kuan = list(PROJECT_KUAN)
    projects = [x for x in data["lines"] if D(x.get("gpb_project", "0"))]
    for k, x in enumerate(projects):
        v = D(x["gpb_project"])
        half = (v / 2).quantize(D("0.01"))
        for code, amount in ((kuan[k % 4], v - half), (kuan[(k + 1) % 4], half)):
            e = econ.setdefault(code, {"code": code, "name": PROJECT_KUAN[code], "basic": "0"})
            e["project"] = str(D(e.get("project", "0")) + amount)
            row = matrix.setdefault(x["code"], {})
            row[code[:3]] = row.get(code[:3], D(0)) + amount
    left = {}
    for e in econ.values():
        left[e["code"][:3]] = left.get(e["code"][:3], D(0)) + D(e.get("basic", "0"))
    for x in sorted(data["lines"], key=lambda x: (D(x.get("gpb_basic", "0")), x["code"])):  # 行政运行 takes the mix
        need = D(x.get("gpb_basic", "0"))
        for cls in sorted(left):
            take = min(need, left[cls])
            if take:
                row = matrix.setdefault(x["code"], {})
                row[cls] = row.get(cls, D(0)) + take
                left[cls] -= take
                need -= take
    data["economic"] = list(econ.values())
    data["gpb_by_economic"] = [{"code": code, "amounts": {c: str(v) for c, v in sorted(row.items())}}
                               for code, row in sorted(matrix.items())]
    return data


def with_shanghai(data: dict) -> dict:
    """The same unit as a 上海 one (the region decides between the national and the 上海 nine tables)."""
    data = copy.deepcopy(data)
    name = data["unit"]["name"]
    data["unit"] |= {"name": "上海市" + name.replace("示例市", "示例区").replace("测试县", "测试区"), "profile": "shanghai_final",
                     "region": "上海市"}
    data["unit"]["members"] = [m.replace("示例市", "上海市示例区").replace("测试县", "上海市测试区") for m in data["unit"]["members"]]
    return data


ADAPT = {"sichuan_final": with_sichuan, "shanghai_final": with_shanghai}


def input_dict(which: str, profile: str) -> dict:
    data = INPUTS[which]()
    return ADAPT[profile](data) if profile in ADAPT else data


@cache
def composition(which: str, profile: str):
    from gongkai.compose import ComposeInput, compose

    return compose(ComposeInput.model_validate(input_dict(which, profile)), profile)


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
    return str(tmp_path_factory.mktemp("composed"))


def _find_row(table, row):
    if row.key:
        return table.row(row.key)
    candidates = [r for r in table.rows if r.code == row.code]
    if row.block:
        candidates = [r for r in candidates if r.block == row.block] or candidates
    return candidates[0] if candidates else None


def recovered_mismatches(composed, parsed) -> list[str]:
    """Every composed figure must come back with the same value (a blank prints zero)."""
    out = []
    for t in composed.tables:
        p = parsed.table(t.template_id)
        if p is None:
            out.append(f"{t.template_id}: table not recognised")
            continue
        if p.printed_number != t.printed_number:
            out.append(f"{t.template_id}: number {p.printed_number} != {t.printed_number}")
        for r in t.rows:
            pr = _find_row(p, r)
            if pr is None:
                out.append(f"{t.template_id}: row {r.key or r.code} {r.label} missing")
                continue
            for key, cell in r.cells.items():
                pc = pr.cells.get(key)
                got = pc.zero_or_value if pc is not None else None
                if got != cell.zero_or_value:
                    out.append(f"{t.template_id}: {r.key or r.code} {key}: {got} != {cell.zero_or_value}")
        known = {(r.key, r.code, r.block) for r in t.rows}
        for pr in p.rows:  # nothing extra with a figure in it
            if (pr.key, pr.code, pr.block) not in known and any(c.zero_or_value for c in pr.cells.values()):
                out.append(f"{t.template_id}: unexpected row {pr.label}")
    return out


CASES = [(w, p, f) for w in INPUTS for p in PROFILES for f in FORMATS]


@pytest.mark.parametrize("which,profile,fmt", CASES, ids=[f"{w}-{p}-{f}" for w, p, f in CASES])
def test_roundtrip(which, profile, fmt, tmp_root):
    from gongkai.audit import audit
    from gongkai.catalog.templates import profiles
    from gongkai.pipeline import parse_file

    comp = composition(which, profile)
    parsed = parse_file(rendered(which, profile, fmt, tmp_root))
    assert parsed.unit_name == comp.data.unit.name
    assert parsed.year == comp.data.unit.year
    assert parsed.kind is not None and parsed.kind.value == "部门决算"
    assert parsed.profile == profile
    assert {pt.template for pt in profiles()[profile].tables} <= {t.template_id for t in parsed.tables}
    report = audit(parsed)
    errors = [f"{f.code} {f.message} @ {f.location.describe()}" for f in report.findings if f.severity.value == "error"]
    assert errors == []
    assert recovered_mismatches(comp.document, parsed) == []


@pytest.mark.parametrize("which", list(INPUTS))
def test_composed_model_passes_the_audit_itself(which):
    """The canonical Document the composer builds is clean before any rendering."""
    from gongkai.audit import audit

    for profile in PROFILES:
        report = audit(composition(which, profile).document)
        assert [f.code + " " + f.message for f in report.findings if f.severity.value == "error"] == []


def test_rich_figures_are_computed_not_typed():
    comp = composition("rich", "national_final")
    s = comp.document.table("final.summary")
    f = comp.figures
    assert s.row("inc_grand").value("amount") == s.row("exp_grand").value("amount")
    assert s.row("inc_total").value("amount") == D("675.50")
    assert s.row("class_212").value("amount") == D("328.00")
    g = comp.document.table("final.gov_fund")
    total = g.row("total")
    assert (total.value("begin"), total.value("income"), total.value("total"), total.value("end")) == (
        D("50.00"), D("312.00"), D("328.00"), D("34.00"))
    assert g.by_code("21208").value("end") == D("34.00")
    fs = comp.document.table("final.fiscal_summary")
    assert fs.row("exp_end").value("gf") == D("34.00") and fs.row("exp_end").value("soe") == D("5.00")
    assert f.classes[-3:] == ["231", "232", "234"]  # 2024 class list


def test_empty_fund_tables_say_so():
    comp = composition("example", "national_final")
    for tid in ("final.gov_fund", "final.soe_capital"):
        t = comp.document.table(tid)
        assert t.rows == [] and "故本表无数据" in t.empty_note


def test_large_unit_tables_span_pages_and_still_round_trip(tmp_path):
    """About 80 项 with five-digit amounts: tables run over several pages (headers repeated) and figures
    must not wrap inside their cells."""
    from gongkai.audit import audit
    from gongkai.catalog import codes
    from gongkai.compose import ComposeInput, compose
    from gongkai.compose.render_pdf import render_pdf
    from gongkai.pipeline import parse_file

    data = rich_dict()
    have = {x["code"] for x in data["lines"]}
    items = [c for c in codes.all_codes(2024).values() if len(c.code) == 7 and c.code[:3] in ("201", "205", "213")]
    extra = D(0)
    for k, c in enumerate(x for x in items[:75] if x.code not in have):
        v = D(1000 + 977 * k) / 100 * 13
        v = v.quantize(D("0.01"))
        extra += v
        data["lines"].append({"code": c.code, "name": c.name, "inc_gpb": str(v), "exp_project": str(v),
                              "gpb_project": str(v)})
    comp = compose(ComposeInput.model_validate(data), "national_final", charts=False)
    path = tmp_path / "large.pdf"
    path.write_bytes(render_pdf(comp))
    parsed = parse_file(path)
    assert [f.message for f in audit(parsed).findings if f.severity.value == "error"] == []
    assert recovered_mismatches(comp.document, parsed) == []
    income = comp.document.table("final.income")
    assert len(income.rows) > 80 and income.row("total").value("total") > D("10000")


@pytest.mark.parametrize("fmt", FORMATS)
def test_performance_tables_round_trip(fmt, tmp_root):
    """Every 项目支出绩效自评表 comes back: each indicator with its weight and computed score, the execution
    line, the total; the audit gives no J error."""
    from gongkai.audit import audit
    from gongkai.pipeline import parse_file

    comp = composition("example", "national_final")
    parsed = parse_file(rendered("example", "national_final", fmt, tmp_root))
    composed = comp.document.performance
    assert len(composed) == 3 and len(parsed.performance) == len(composed)
    for want, got in zip(composed, parsed.performance):
        assert got.name == want.name and got.implementing_unit == want.implementing_unit
        assert (got.budget.initial, got.budget.adjusted, got.budget.executed, got.budget.rate, got.budget.weight,
                got.budget.score) == (want.budget.initial, want.budget.adjusted, want.budget.executed,
                                      want.budget.rate, want.budget.weight, want.budget.score)
        assert [(i.level1, i.level2, i.level3, i.weight, i.score) for i in got.indicators] == \
               [(i.level1, i.level2, i.level3, i.weight, i.score) for i in want.indicators]
        plain = lambda t: (t or "").replace(" ", "").replace("，", ",")  # noqa: E731 - the reader normalises commas
        assert [plain(i.reason) for i in got.indicators] == [plain(i.reason) for i in want.indicators]
        assert got.total_score == want.total_score and got.unreadable == []
        assert [s.grade for s in got.stated] == [want.grade]
    report = audit(parsed)
    assert [f.code + " " + f.message for f in report.findings
            if f.code.startswith("J") and f.severity.value == "error"] == []


def test_performance_scores_are_computed():
    comp = composition("example", "national_final")
    check = next(sp for sp in comp.performance if sp.project.name == "医保基金监管专项检查项目")
    ev = check.evaluation
    assert ev.budget.rate == D("96.00") and ev.budget.score == D("9.60")
    missed = ev.indicators[1]
    assert missed.score == D("11.25") and missed.reason  # 3 ÷ 4 × 15
    assert ev.total_score == D("95.85") and ev.grade == "优"
    text = "\n".join(s.text for s in comp.document.sections if s.path[-1].endswith("预算绩效管理情况"))
    assert "3个项目" in text and "平均分98.38分" in text and "“优”3个" in text and "专项检查次数" in text


# -- 四川 and 上海 ------------------------------------------------------------------------------------
def test_sichuan_detail_tables_are_computed_from_the_breakdown():
    """公开05表 by fund and nature, 公开07表 by 经济分类 类, 公开09表 by 经济分类 款: each total agrees with the
    standard tables, each 07 class column with the 款 of that class (基本 + 项目)."""
    comp = composition("rich", "sichuan_final")
    doc = comp.document
    assert [t.printed_number for t in doc.tables] == [f"公开{k:02d}表" for k in range(1, 14)]
    fiscal = doc.table("final.fiscal_summary").row("exp_total")
    detail = doc.table("final.fiscal_expenditure_detail")
    total = detail.row("total")
    assert total.value("c1") == fiscal.value("total") == D("636.10")
    assert [total.value(f"c{k}") for k in range(2, 11)] == [
        D("273.10"), D("223.10"), D("50.00"), D("328.00"), D("2.00"), D("326.00"), D("35.00"), D("0.00"), D("35.00")]
    assert detail.by_code("2120802").value("c5") == D("8.00")
    matrix = doc.table("final.gpb_expenditure_detail")
    classes = comp.figures.econ_classes
    assert classes[:4] == ["301", "302", "303", "307"] and len(matrix.columns) == 1 + len(classes)
    assert [c.header for c in matrix.columns[:4]] == ["合计", "工资福利支出", "商品和服务支出", "对个人和家庭的补助"]
    row = matrix.row("total")
    assert row.value("c1") == doc.table("final.gpb_expenditure").row("total").value("total") == D("273.10")
    data = comp.data
    for k, cls in enumerate(classes, start=2):
        want = sum((e.basic + e.project for e in data.economic if e.code.startswith(cls)), D("0.00"))
        assert row.value(f"c{k}") == want, cls
    assert matrix.by_code("2130106").value("c1") == D("50.00")  # 科技转化与推广服务: its 项目支出
    project = doc.table("final.gpb_project")
    assert project.row("total").value("c1") == D("50.00") == sum((x.gpb_project for x in data.lines), D(0))
    assert [r.code for r in project.rows[1:]] == ["302", "30226", "30227"]


def test_sichuan_refuses_to_compose_without_the_breakdown():
    from gongkai.compose import ComposeError, ComposeInput, compose

    with pytest.raises(ComposeError, match="功能×经济分类支出"):
        compose(ComposeInput.model_validate(example_dict()), "sichuan_final", charts=False)


def test_shanghai_prints_its_own_layout():
    comp = composition("rich", "shanghai_final")
    doc = comp.document
    assert [t.printed_number for t in doc.tables] == [None] * 9
    national = composition("rich", "national_final").document
    assert [t.template_id for t in doc.tables] == [t.template_id for t in national.tables]
    gpb = next(t for t in comp.tables if t.template_id == "final.gpb_expenditure")
    assert doc.table("final.gpb_expenditure").rows[-1].key == "total" and gpb.body[-1][0].text == "合计"
    # 基本支出表: every 款 of 301/302/303 and the usual 310 款, 0.00 printed (the corpus 决算 prints 67 rows)
    basic = doc.table("final.gpb_basic")
    assert len(basic.rows) == 67 and basic.by_code("30114").value("amount") == D("0.00")
    printed = next(t for t in comp.tables if t.template_id == "final.gpb_basic")
    assert len(printed.header) == 1 and any(c.text == "0.00" for row in printed.body for c in row)
    three = next(t for t in comp.tables if t.template_id == "final.three_public")
    assert three.header[0][0].text == "财政拨款“三公”经费" and three.header[0][0].colspan == 12
    assert doc.table("final.fiscal_summary").notes == ["注：本表反映部门本年度财政拨款总收支和结转结余情况。"]
    assert doc.table("final.summary").row("inc_gpb").number is None


def test_shanghai_without_three_public_prints_an_empty_table_that_says_so(tmp_path):
    from gongkai.audit import audit
    from gongkai.compose import ComposeInput, compose
    from gongkai.compose.render_pdf import render_pdf
    from gongkai.pipeline import parse_file

    data = input_dict("example", "shanghai_final")
    data["three_public"] = {}
    comp = compose(ComposeInput.model_validate(data), "shanghai_final", charts=False)
    printed = next(t for t in comp.tables if t.template_id == "final.three_public")
    assert all(c.text == "" for c in printed.body[0])
    assert printed.notes[-1] == "说明：上海市示例区医疗保障局本年度没有财政拨款“三公”经费支出，故本表无数据。"
    path = tmp_path / "empty.pdf"
    path.write_bytes(render_pdf(comp))
    parsed = parse_file(path)
    assert parsed.profile == "shanghai_final"
    t = parsed.table("final.three_public")
    assert t.is_empty and "故本表无数据" in t.empty_note
    assert [f.code + f.message for f in audit(parsed).findings if f.severity.value == "error"] == []
    assert recovered_mismatches(comp.document, parsed) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_sichuan_fiscal_detail_columns_come_back_as_printed(fmt, tmp_root):
    """公开05表 (an open template): 合计, then each fund's 小计/基本支出/项目支出 under the fund's name."""
    from gongkai.pipeline import parse_file

    composed = composition("rich", "sichuan_final").document.table("final.fiscal_expenditure_detail")
    parsed = parse_file(rendered("rich", "sichuan_final", fmt, tmp_root)).table("final.fiscal_expenditure_detail")
    funds = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
    want = ["合计"] + [f"{f} {part}" for f in funds for part in ("小计", "基本支出", "项目支出")]
    assert [c.header for c in composed.columns] == want
    assert [c.header for c in parsed.columns] == want
    assert [c.key for c in parsed.columns] == [f"c{k}" for k in range(1, 11)]
