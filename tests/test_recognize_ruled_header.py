"""Ruled grids read by column: each grid column named by the header cells stacked over it (江苏 市级 2026 公开表:
基本支出 over 小计 | 人员经费 | 公用经费, 本年收入 and 上年结转结余 each over a 小计, a “三公” table without a grand
total). The fixture is a reader intermediate built here: pages of text lines and ruled grids with merged cells."""

from __future__ import annotations

from decimal import Decimal as D

from gongkai.ingest.base import Grid, GridCell, Page, RawDocument, TextLine
from gongkai.recognize.document import recognize
from gongkai.recognize.numbers import parse_number


def ruled(page: int, xs: list[float], rows: list[list[tuple]], top: float = 100.0) -> Grid:
    """A ruled grid: rows of (text, col[, colspan[, rowspan]]); column k spans xs[k]..xs[k+1]."""
    out = []
    for r, spec in enumerate(rows):
        cells = []
        for cell in spec:
            text, col, span, rspan = (*cell, 1, 1)[:4] if len(cell) < 4 else cell
            y = top + 20 * r
            cells.append(GridCell(text=text, row=r, col=col, colspan=span, rowspan=rspan,
                                  bbox=(xs[col], y, xs[col + span], y + 20 * rspan)))
        out.append(cells)
    return Grid(rows=out, page=page, ruled=True, bbox=(xs[0], top, xs[-1], top + 20 * len(rows)))


def lines(page: int, *texts: str) -> list[TextLine]:
    return [TextLine(text=t, page=page, bbox=(40, 40 + 12 * k, 400, 50 + 12 * k)) for k, t in enumerate(texts)]


XS7 = [40, 130, 340, 440, 530, 630, 720, 800]


def gpb_pages() -> list[Page]:
    header = [[("科目编码", 0, 1, 2), ("科目名称", 1, 1, 2), ("合计", 2, 1, 2), ("基本支出", 3, 3), ("项目支出", 6, 1, 2)],
              [("小计", 3), ("人员经费", 4), ("公用经费", 5)]]
    data = [
        [("合计", 0, 2), ("1,000.00", 2), ("400.00", 3), ("300.00", 4), ("100.00", 5), ("600.00", 6)],
        [("208", 0), ("社会保障和就业支出", 1), ("300.00", 2), ("300.00", 3), ("300.00", 4), ("", 5), ("", 6)],
        [("20805", 0), ("行政事业单位养老支出", 1), ("300.00", 2), ("300.00", 3), ("300.00", 4), ("", 5), ("", 6)],
        [("208 05 05", 0), ("机关事业单位基本养老保险缴费支出", 1), ("300.00", 2), ("300.00", 3), ("300.00", 4),
         ("", 5), ("", 6)],
        [("212", 0), ("城乡社区支出", 1), ("700.00", 2), ("100.00", 3), ("", 4), ("100.00", 5), ("600.00", 6)],
    ]
    more = [  # the table continued on the next page: a grid without a header, the same columns
        [("21201", 0), ("城乡社区管理事务", 1), ("700.00", 2), ("100.00", 3), ("", 4), ("100.00", 5), ("600.00", 6)],
        [("2120101", 0), ("行政运行", 1), ("100.00", 2), ("100.00", 3), ("", 4), ("100.00", 5), ("", 6)],
        [("2120199", 0), ("其他城乡社区管理事务支出", 1), ("600.00", 2), ("", 3), ("", 4), ("", 5), ("600.00", 6)],
    ]
    p1 = Page(number=1, width=842, height=595,
              blocks=[*lines(1, "公开 07 表", "一般公共预算支出表", "部门：示例局 单位：万元"), ruled(1, XS7, header + data)])
    p2 = Page(number=2, width=842, height=595, blocks=[ruled(2, XS7, more, top=60)])
    return [p1, p2]


def income_page(number: int) -> Page:
    xs = [0, 40, 130, 180] + [180 + 40 * k for k in range(1, 17)]
    header = [[("单位代码", 0, 1, 2), ("单位名称", 1, 1, 2), ("合计", 2, 1, 2), ("本年收入", 3, 10), ("上年结转结余", 13, 6)],
              [(w, 3 + k) for k, w in enumerate(["小计", "一般公共预\n算", "政府性基\n金预算", "国有资\n本经营\n预算", "财政专户管\n理资金",
                                                "事业\n收入", "事业单位\n经营收入", "上级补\n助收入", "附属单\n位上缴\n收入", "其他\n收入"])]
              + [(w, 13 + k) for k, w in enumerate(["小计", "一般公共\n预算", "政府性基\n金预算", "国有资\n本经营\n预算", "财政专户\n管理资金",
                                                   "单位\n资金"])]]

    def amounts(values: dict[int, str]) -> list[tuple]:
        return [(values.get(c, ""), c) for c in range(2, 19)]

    data = [[("合计", 0, 2), *amounts({2: "1,050.00", 3: "1,000.00", 4: "900.0\n0", 12: "100.00", 13: "50.00", 14: "50.00"})],
            [("901", 0), ("示例局", 1), *amounts({2: "1,050.00", 3: "1,000.00", 4: "900.00", 12: "100.00", 13: "50.00",
                                                14: "50.00"})],
            [("901001", 0), ("示例局（本级）", 1), *amounts({2: "1,050.00", 3: "1,000.00", 4: "900.00", 12: "100.00",
                                                       13: "50.00", 14: "50.00"})]]
    return Page(number=number, width=842, height=595,
                blocks=[*lines(number, "公开 02 表", "收入总表", "部门：示例局 单位：万元"), ruled(number, xs, header + data)])


def three_public_page(number: int) -> Page:
    xs = [20, 140, 260, 360, 450, 530, 620, 720, 810]
    header = [[("“三公”经费合计", 0, 1, 2), ("因公出国（境）费", 1, 1, 2), ("公务用车购置及运行维护费", 2, 3),
               ("公务接待费", 5, 1, 2), ("会议费", 6, 1, 2), ("培训费", 7, 1, 2)],
              [("小计", 2), ("公务用车购置费", 3), ("公务用车运行维\n护费", 4)]]
    data = [[(v, k) for k, v in enumerate(["61.40", "0.00", "36.58", "17.98", "18.60", "24.82", "13.55", "77.72"])]]
    return Page(number=number, width=842, height=595,
                blocks=[*lines(number, "公开 09 表", "一般公共预算“三公”经费、会议费、培训费支出表", "部门：示例局 单位：万元"),
                        ruled(number, xs, header + data)])


def doc_of(pages: list[Page]):
    return recognize(RawDocument(path="示例.pdf", sha256="0" * 64, format="pdf", pages=pages))


def test_basic_expenditure_split_into_personnel_and_public_is_read_by_column():
    doc = doc_of(gpb_pages())
    (t,) = doc.tables
    assert t.template_id == "budget.gpb_expenditure" and t.printed_number == "公开07表"
    assert [c.key for c in t.columns] == ["total", "basic", "personnel", "public", "project"]
    values = {(r.code or r.key): [r.value(c.key) for c in t.columns] for r in t.rows}
    assert values["total"] == [D("1000.00"), D("400.00"), D("300.00"), D("100.00"), D("600.00")]
    assert values["208"] == [D("300.00"), D("300.00"), D("300.00"), None, None]
    assert values["2080505"] == [D("300.00"), D("300.00"), D("300.00"), None, None]  # a code printed in pieces
    # the rows continued on the next page, in a grid of its own, keep the header's columns
    assert values["2120101"] == [D("100.00"), D("100.00"), None, D("100.00"), None]
    assert values["2120199"] == [D("600.00"), None, None, None, D("600.00")]

    from gongkai.audit import audit

    # one table of a set: only its own arithmetic is checked (not the missing tables)
    assert [f.code for f in audit(doc).findings if f.severity.value == "error" and f.code != "P101"] == []


def test_income_by_unit_with_two_subtotals():
    doc = doc_of([income_page(1)])
    (t,) = doc.tables
    assert t.template_id == "budget.income_by_unit"
    assert [c.key for c in t.columns][:4] == ["total", "cur_total", "cur_gpb", "cur_gf"]
    assert [c.key for c in t.columns][11:13] == ["carry_total", "carry_gpb"]
    assert [(r.key, r.code, r.label) for r in t.rows] == [("total", None, "合计"), (None, None, "示例局"),
                                                          (None, None, "示例局（本级）")]
    total = t.row("total")
    assert (total.value("total"), total.value("cur_total"), total.value("cur_gpb"), total.value("cur_other"),
            total.value("carry_total"), total.value("carry_gpb")) == (
        D("1050.00"), D("1000.00"), D("900.00"), D("100.00"), D("50.00"), D("50.00"))


def test_three_public_without_grand_total():
    doc = doc_of([three_public_page(1)])
    (t,) = doc.tables
    assert t.template_id == "budget.three_public"
    (row,) = t.rows
    assert {c.key: row.value(c.key) for c in t.columns} == {
        "budget_total": D("61.40"), "budget_abroad": D("0.00"), "budget_vehicle": D("36.58"),
        "budget_vehicle_buy": D("17.98"), "budget_vehicle_run": D("18.60"), "budget_reception": D("24.82"),
        "meeting": D("13.55"), "training": D("77.72")}


def test_number_wrapped_in_a_narrow_cell():
    assert parse_number("143,999.0\n0") == parse_number("143,999.00")


def test_jiangsu_2026_profile_from_the_tables_printed():
    from gongkai.catalog.templates import profiles
    from gongkai.model.document import Document, DocumentKind, Source
    from gongkai.model.location import Span
    from gongkai.model.table import Table
    from gongkai.recognize.profiles import choose_profile

    for pid, kind in (("jiangsu_budget_2026", DocumentKind.DEPT_BUDGET), ("jiangsu_unit_budget_2026", DocumentKind.UNIT_BUDGET)):
        tables = [Table(template_id=pt.template, title=pt.template, printed_number=pt.number, span=Span(page=k + 1))
                  for k, pt in enumerate(profiles()[pid].tables)]
        doc = Document(kind=kind, tables=tables, source=Source(path="x.pdf", sha256="0" * 64, format="pdf"))
        assert choose_profile(doc) == pid  # no region: the table set decides
