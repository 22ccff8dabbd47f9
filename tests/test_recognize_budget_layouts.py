"""浙江- and 福建-style 部门预算 layouts, on hand-built item streams: titles carrying the level of government,
columns read from a ruled header (group headings, 小计 under a group, one name under two groups), the “三公”
table by unit and printed down the page, titles wrapped inside a cell, and the profile each set gets."""

from __future__ import annotations

from decimal import Decimal

from gongkai.catalog.templates import templates
from gongkai.ingest.base import GridCell
from gongkai.model.location import Span
from gongkai.recognize.regions import segment, title_of
from gongkai.recognize.stream import Item
from gongkai.recognize.tables import build_table
from gongkai.recognize.titles import title_candidates


def line(text: str, page: int = 1) -> Item:
    return Item(text=text, span=Span(page=page))


def grid_row(cells: list[tuple[str, int, int]], row: int, page: int = 1, grid: int = 1) -> Item:
    """A row of a ruled grid (cells with boxes, as the PDF reader gives them): (text, column, colspan) per cell."""
    gc = [GridCell(text=t, row=row, col=c, colspan=s, bbox=(50.0 * c, 20.0 * row, 50.0 * (c + s), 20.0 * row + 20))
          for t, c, s in cells]
    return Item(text=" ".join(t for t, _, _ in cells if t), span=Span(page=page), cells=gc, grid=grid)


def data_row(texts: list[str], row: int, page: int = 1, grid: int = 1) -> Item:
    return grid_row([(t, k, 1) for k, t in enumerate(texts)], row, page, grid)


def build(items: list[Item], template_id: str | None = None):
    regions, _ = segment(items, paged=True)
    assert len(regions) == 1
    region = regions[0]
    template = templates()[template_id] if template_id else region.templates[0]
    return build_table(region, template)


def amounts(table, row_label: str) -> dict[str, Decimal | None]:
    row = next(r for r in table.rows if r.label == row_label)
    return {k: c.value for k, c in row.cells.items()}


def test_titles_with_year_and_level_of_government():
    assert [t.id for t in title_candidates("2026年市级部门收支预算总表")] == ["budget.summary"]
    assert [t.id for t in title_candidates("2026 年市级部门支出预算总表")] == ["budget.expenditure"]
    assert [t.id for t in title_candidates('2026年县级部门一般公共预算"三公"经费支出表')] == ["budget.three_public"]
    assert [t.id for t in title_candidates("（十）2026年市级部门项目支出预算表")] == ["budget.project_expenditure"]
    assert [t.id for t in title_candidates("2026年市级部门项目支出绩效表")] == ["budget.project_performance"]
    assert [t.id for t in title_candidates("2026 年度一般公共预算支出经济分类情况表")] == ["budget.gpb_economic"]
    assert [t.id for t in title_candidates("2026 年度一般公共预算基本支出经济分类情况表")] == ["budget.gpb_basic"]


def test_title_wrapped_inside_its_cell():
    item = grid_row([("城乡居民医保财政补助（区县补助）项目绩效目标\n表", 0, 4)], 0)
    found = title_of(item)
    assert found is not None and found[0][0].id == "perf.project_targets"


def test_expenditure_columns_under_a_group_heading():
    """总计 | 基本支出（人员支出 | 公用经费）| 项目支出 | …: 基本支出 has no amounts of its own."""
    items = [
        line("表03"), line("2026 年市级部门支出预算总表"), line("001-某某局 单位:万元"),
        grid_row([("科目编码", 0, 1), ("科目名称", 1, 1), ("总计", 2, 1), ("基本支出", 3, 2), ("项目支出", 5, 1),
                  ("事业单位\n经营支出", 6, 1), ("上缴上级\n支出", 7, 1), ("对附属单\n位补助支\n出", 8, 1)], 0),
        grid_row([("人员支出", 3, 1), ("公用经费", 4, 1)], 1),
        data_row(["**", "**", "1", "2", "3", "4", "5", "6", "7"], 2),
        data_row(["", "合计", "110.00", "80.00", "20.00", "10.00", "", "", ""], 3),
        data_row(["201", "一般公共服务支出", "110.00", "80.00", "20.00", "10.00", "", "", ""], 4),
    ]
    t = build(items)
    assert t.template_id == "budget.expenditure"
    assert [c.key for c in t.columns] == ["total", "personnel", "public", "project", "operating", "superior_payment",
                                          "affiliated_subsidy"]
    assert amounts(t, "一般公共服务支出")["public"] == Decimal("20.00")
    assert amounts(t, "一般公共服务支出")["project"] == Decimal("10.00")


def test_text_dump_rows_keep_the_reading_by_names():
    """Cells without boxes (a text dump) do not place columns: a dump's header cells need not sit over their
    columns."""
    from dataclasses import replace

    header = grid_row([("项目", 0, 1), ("本年收入合计", 1, 1), ("财政拨款收入", 2, 1)], 0)
    header.cells = [replace(c, bbox=None) for c in header.cells]
    names = grid_row([("功能分类科目编码", 0, 1), ("科目名称", 1, 1), ("", 2, 1), ("", 3, 1)], 1)
    names.cells = [replace(c, bbox=None) for c in names.cells]
    items = [line("收入决算表"), header, names, data_row(["合计", "", "10.00", "10.00"], 2)]
    t = build(items, "final.income")
    assert [c.key for c in t.columns][:2] == ["total", "fiscal"]


def test_subtotal_under_a_group_and_one_name_under_two_groups():
    """收入预算总表 by unit: 总计 | 本年收入（小计 | 一般公共预算 | 事业收入）| 上年结转结余（小计 | 一般公共预算）."""
    items = [
        line("2026年市级部门收入预算总表"), line("单位：万元"),
        grid_row([("单位名称", 0, 1), ("总计", 1, 1), ("本年收入", 2, 3), ("上年结转结余", 5, 2)], 0),
        grid_row([("小计", 2, 1), ("一般公共\n预算", 3, 1), ("事业收入", 4, 1), ("小计", 5, 1),
                  ("一般公共\n预算", 6, 1)], 1),
        data_row(["合计", "130.00", "100.00", "90.00", "10.00", "30.00", "30.00"], 2),
    ]
    t = build(items)
    assert t.template_id == "budget.income"
    assert [c.key for c in t.columns] == ["total", "current", "gpb", "business", "carryover", "carry_gpb"]
    assert amounts(t, "合计") == {"total": Decimal("130.00"), "current": Decimal("100.00"), "gpb": Decimal("90.00"),
                                  "business": Decimal("10.00"), "carryover": Decimal("30.00"),
                                  "carry_gpb": Decimal("30.00")}


def test_three_public_by_unit_reads_the_total_row():
    items = [
        line("2026年市级部门一般公共预算“三公”经费支出表"), line("单位：万元"),
        grid_row([("单位名称", 0, 1), ("“三公”经费\n合计", 1, 1), ("因公出国(境)费\n用", 2, 1),
                  ("公务用车购置及运行费", 3, 3), ("公务接待费", 6, 1)], 0),
        grid_row([("小计", 3, 1), ("公务用车购置\n费", 4, 1), ("公务用车运行\n维护费", 5, 1)], 1),
        data_row(["合计", "9.30", "", "3.50", "", "3.50", "5.80"], 2),
        data_row(["某某局", "7.50", "", "3.50", "", "3.50", "4.00"], 3),
    ]
    t = build(items)
    assert t.template_id == "budget.three_public"
    assert len(t.rows) == 1
    cells = t.rows[0].cells
    assert (cells["budget_total"].value, cells["budget_vehicle_run"].value, cells["budget_reception"].value) == (
        Decimal("9.30"), Decimal("3.50"), Decimal("5.80"))


def test_three_public_printed_down_the_page():
    items = [
        line("2026 年度一般公共预算“三公”经费支出预算表"), line("单位：万元"),
        data_row(["项目", "预算数"], 0), data_row(["合计", "27.31"], 1), data_row(["1、因公出国（境）费用", "0.00"], 2),
        data_row(["2、公务接待费", "2.00"], 3), data_row(["3、公务用车购置及运行费", "25.31"], 4),
        data_row(["其中：（1）公务用车购置费", "0.00"], 5), data_row(["（2）公务用车运行费", "25.31"], 6),
    ]
    t = build(items)
    cells = t.rows[0].cells
    assert {k: c.value for k, c in cells.items()} == {
        "budget_total": Decimal("27.31"), "budget_abroad": Decimal("0.00"), "budget_vehicle": Decimal("25.31"),
        "budget_vehicle_buy": Decimal("0.00"), "budget_vehicle_run": Decimal("25.31"),
        "budget_reception": Decimal("2.00")}


def test_table_numbered_on_every_page_is_one_table():
    header = [("科目编码", 0, 1), ("科目名称", 1, 1), ("合计", 2, 1)]
    items = [
        line("表05", 1), line("2026年市级部门一般公共预算支出表", 1), line("单位：万元", 1),
        grid_row(header, 0, 1, 1), data_row(["", "合计", "30.00"], 1, 1, 1),
        data_row(["201", "一般公共服务支出", "10.00"], 2, 1, 1),
        line("表05", 2), line("2026年市级部门一般公共预算支出表", 2), line("单位：万元", 2),
        grid_row(header, 0, 2, 2), data_row(["221", "住房保障支出", "20.00"], 1, 2, 2),
    ]
    regions, _ = segment(items, paged=True)
    assert len(regions) == 1
    t = build_table(regions[0], regions[0].templates[0])
    assert [r.code for r in t.rows] == [None, "201", "221"]


def test_profiles_chosen_from_the_tables_printed():
    from gongkai.model.document import Document, DocumentKind, Source
    from gongkai.model.table import Table
    from gongkai.recognize.profiles import choose_profile

    def doc(kind, ids):
        return Document(kind=kind, source=Source(path="synthetic", sha256="0", format="text"), tables=[Table(template_id=i, title=i) for i in ids])

    nine = ["budget.summary", "budget.income", "budget.expenditure", "budget.fiscal_summary",
            "budget.gpb_expenditure", "budget.gpb_basic", "budget.three_public", "budget.gov_fund",
            "budget.soe_capital"]
    assert choose_profile(doc(DocumentKind.DEPT_BUDGET, nine)) == "national_budget"
    assert choose_profile(doc(DocumentKind.DEPT_BUDGET, nine + ["budget.project_expenditure",
                                                           "budget.project_performance"])) == "zhejiang_budget"
    assert choose_profile(doc(DocumentKind.DEPT_BUDGET, nine + ["budget.gpb_economic"])) == "fujian_budget"


def test_project_expenditure_listed_by_unit_and_project():
    items = [
        line("表10"), line("2026年市级部门项目支出预算表"), line("单位：万元"),
        grid_row([("单位名称", 0, 1), ("项目名称", 1, 1), ("总计", 2, 1), ("一般公共预算", 3, 1), ("政府性基金", 4, 1),
                  ("单位资金", 5, 1)], 0),
        data_row(["**", "**", "1", "2", "3", "4"], 1),
        data_row(["", "合计", "300.00", "250.00", "50.00", ""], 2),
        data_row(["某某局", "信息化建设与运维", "100.00", "100.00", "", ""], 3),
        data_row(["某某中心", "综合业务管理", "200.00", "150.00", "50.00", ""], 4),
    ]
    t = build(items)
    assert t.template_id == "budget.project_expenditure"
    assert [c.key for c in t.columns] == ["total", "gpb", "gf", "unit_funds"]
    assert [(r.key, r.label) for r in t.rows] == [("total", "合计"), (None, "某某局 信息化建设与运维"),
                                                  (None, "某某中心 综合业务管理")]
    assert amounts(t, "某某中心 综合业务管理")["gf"] == Decimal("50.00")
