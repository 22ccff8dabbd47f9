"""The reviewer's HTML report: tables with highlighted cells, findings with filters, links both ways."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from html.parser import HTMLParser

from typer.testing import CliRunner

from conftest import EXAMPLE
from gongkai.audit.finding import Finding, Location, Operand, Report, Severity
from gongkai.cli import app
from gongkai.model import Cell, CellKind, Column, Document, Row, Section, Source, Span, Table, Unit
from gongkai.report.check_html import cell_id, render, row_id, table_layout


def num(text: str, line: int) -> Cell:
    return Cell(kind=CellKind.NUMBER, value=Decimal(text.replace(",", "")), text=text, span=Span(line=line))


def make_pair() -> tuple[Document, Report]:
    """Two tables (a two-sided 总表 and a 收入决算表), a failed sum, a warning, a narrative finding."""
    summary = Table(
        template_id="final.summary", title="收入支出决算总表", printed_title="收入支出决算总表",
        printed_number="公开01表", unit=Unit.WAN, span=Span(line=8, line_end=14),
        columns=[Column(key="amount", header="决算数", number=1, block="收入"),
                 Column(key="amount", header="决算数", number=2, block="支出")],
        rows=[
            Row(key="inc_gpb", number=1, label="一、一般公共预算财政拨款收入", block="收入",
                cells={"amount": num("790.00", 10)}, span=Span(line=10)),
            Row(key="inc_other", number=2, label="二、其他收入", block="收入",
                cells={"amount": num("12.50", 11)}, span=Span(line=11)),
            Row(key="inc_total", number=3, label="本年收入合计", block="收入",
                cells={"amount": num("812.50", 12)}, span=Span(line=12)),
            Row(key="class_208", number=4, code="208", label="一、社会保障和就业支出", block="支出",
                cells={"amount": num("73.30", 10)}, span=Span(line=10)),
            Row(key="exp_total", number=6, label="本年支出合计", block="支出",
                cells={"amount": num("802.50", 12)}, span=Span(line=12)),
        ],
        notes=["注：本表反映部门本年度的总收支情况。"],
    )
    income = Table(
        template_id="final.income", title="收入决算表", printed_title="收入决算表", printed_number="公开02表",
        unit=Unit.WAN, span=Span(line=16, line_end=22),
        columns=[Column(key="total", header="本年收入合计", number=1),
                 Column(key="fiscal", header="财政拨款收入", number=2),
                 Column(key="other", header="其他收入", number=3)],
        rows=[
            Row(key="total", label="合计", cells={"total": num("802.50", 19), "fiscal": num("790.00", 19),
                                                  "other": num("12.50", 19)}, span=Span(line=19)),
            Row(code="208", label="社会保障和就业支出",
                cells={"total": num("73.30", 20), "fiscal": num("73.30", 20),
                       "other": Cell(kind=CellKind.DASH, text="-")}, span=Span(line=20)),
            Row(code="20805", label="行政事业单位养老支出",
                cells={"total": num("73.30", 21), "fiscal": num("70.30", 21),
                       "other": Cell(kind=CellKind.BLANK)}, span=Span(line=21)),
        ],
    )
    doc = Document(
        kind="部门决算", year=2023, unit_name="示例市医疗保障局", profile="national_final",
        source=Source(path="examples/示例.txt", sha256="ab" * 32, format="text", lines=40),
        tables=[summary, income],
        sections=[
            Section(path=["第一部分 部门概况", "一、部门职责"], text="负责医疗保障。", span=Span(line=3)),
            Section(path=["第三部分 情况说明", "一、收入支出决算总体情况说明"],
                    text="2023年度收、支总计828.30万元。与上年相比增加52.70万元。", span=Span(line=30)),
        ],
    )

    def loc(ti: int, ri: int, column: str | None) -> Location:
        t = doc.tables[ti]
        r = t.rows[ri]
        col = next((c for c in t.columns if c.key == column and c.block in (None, r.block)), None)
        return Location(table=t.printed_title, template_id=t.template_id, table_index=ti,
                        printed_number=t.printed_number, row_label=r.label, row_code=r.code,
                        row_number=r.number, row_index=ri, block=r.block, column=column,
                        column_header=col.header if col else None, span=r.span)

    total, parts = loc(0, 2, "amount"), [loc(0, 0, "amount"), loc(0, 1, "amount")]
    findings = [
        Finding(code="B104", severity=Severity.ERROR, title="本年收入合计不等于各项收入之和",
                message="本年收入合计不平：本年收入合计 812.50 ≠ 802.50（相差 10.00）",
                location=total, related=parts,
                operands=[Operand(label="本年收入合计", value=Decimal("812.50"), text="812.50", location=total),
                          Operand(label="一、一般公共预算财政拨款收入", value=Decimal("790.00"), text="790.00",
                                  location=parts[0]),
                          Operand(label="二、其他收入", value=Decimal("12.50"), text="12.50", location=parts[1])],
                formula="一般公共预算财政拨款收入 790.00 + 其他收入 12.50 = 802.50；本年收入合计 印为 812.50，相差 10.00",
                quote="812.50", hint="逐项核对收入来源。"),
        Finding(code="H101", severity=Severity.WARNING, title="上级科目不等于下级科目之和",
                message="“208 社会保障和就业支出”财政拨款收入 73.30 ≠ 70.30", location=loc(1, 1, "fiscal"),
                related=[loc(1, 2, "fiscal")], formula="20805 70.30 = 70.30；208 印为 73.30"),
        Finding(code="N101", severity=Severity.INFO, title="情况说明的金额与表格不一致",
                message="情况说明称收、支总计 828.30 万元，表中为 812.50 万元",
                location=Location(section="第三部分 情况说明 › 一、收入支出决算总体情况说明", span=Span(line=30)),
                related=[total], quote="收、支总计828.30万元"),
        Finding(code="P101", severity=Severity.WARNING, title="缺少必须公开的表",
                message="未找到“政府性基金预算财政拨款收入支出决算表”", location=Location()),
    ]
    report = Report(path=doc.source.path, unit_name=doc.unit_name, year=2023, kind="部门决算",
                    profile="national_final", rules_run=["B104", "H101", "N101", "P101"], findings=findings)
    return doc, report


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside each element with an id."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def by_id(self, ident: str) -> tuple[str, dict] | None:
        return next((t for t in self.tags if t[1].get("id") == ident), None)


def parsed(html: str) -> Elements:
    p = Elements()
    p.feed(html)
    return p


def test_tables_are_drawn_with_highlighted_and_related_cells():
    doc, report = make_pair()
    html = render([(doc, report)])
    el = parsed(html)
    assert "公开01表" in html and "收入支出决算总表" in html and "金额单位：万元" in html
    primary = el.by_id(cell_id(0, 0, 2, "amount"))
    assert primary and primary[0] == "td"
    classes = primary[1]["class"].split()
    assert "hl" in classes and "hl-error" in classes and "num" in classes
    assert "d0-f0" in primary[1]["data-findings"].split()
    for ri in (0, 1):
        tag, attrs = el.by_id(cell_id(0, 0, ri, "amount"))
        assert "rel" in attrs["class"].split() and "rel-error" in attrs["class"].split()
        assert "hl" not in attrs["class"].split()
    # the total is also the related cell of the narrative finding
    assert "d0-f2" in primary[1]["data-findings"].split()
    warn = el.by_id(cell_id(0, 1, 1, "fiscal"))
    assert "hl-warning" in warn[1]["class"].split()
    # a cell with no finding is plain, printed as printed, right-aligned
    plain = el.by_id(cell_id(0, 1, 0, "total"))
    assert "hl" not in plain[1]["class"].split() and "num" in plain[1]["class"].split()
    assert re.search(r'id="d0-t1-r0-total"[^>]*>802\.50<', html)
    # row anchors, the two sides of the 总表 side by side on one line, 行次 and 编码 columns
    assert el.by_id(row_id(0, 0, 2)) and el.by_id(row_id(0, 1, 2))
    assert table_layout(doc.tables[0]).side_by_side
    assert re.search(r"<tr>[^\n]*本年收入合计[^\n]*?本年支出合计[^\n]*?</tr>", html)
    assert ">行次<" in html and ">科目编码<" in html and ">20805<" in html
    assert ">栏次<" in html


def test_findings_carry_filter_data_and_link_to_their_cells():
    doc, report = make_pair()
    html = render([(doc, report)])
    el = parsed(html)
    items = [a for t, a in el.tags if t == "li" and "finding" in a.get("class", "").split()]
    assert len(items) == 4
    first = items[0]
    assert first["id"] == "d0-f0" and first["data-sev"] == "error" and first["data-code"] == "B104"
    assert first["data-family"] == "B" and first["data-table"] == "t0"
    assert first["data-targets"] == cell_id(0, 0, 2, "amount")
    assert set(first["data-related"].split()) == {cell_id(0, 0, 0, "amount"), cell_id(0, 0, 1, "amount")}
    assert "812.50" in first["data-text"]
    # every link target exists
    ids = {a.get("id") for _, a in el.tags if a.get("id")}
    for _, a in el.tags:
        href = a.get("href", "")
        if href.startswith("#") and href != "#top":
            assert href[1:] in ids, href
    assert f'href="#{cell_id(0, 0, 2, "amount")}"' in html  # finding → cell
    assert 'href="#d0-f0"' in html  # cell → finding
    # content of an entry: code, severity, title, message, location, formula, quote, hint
    for text in ("B104", "错误", "本年收入合计不等于各项收入之和", "相差 10.00", "公开01表 收入支出决算总表",
                 "算式", "原文", "建议", "逐项核对收入来源"):
        assert text in html
    # filter controls exist (progressive enhancement)
    assert 'name="sev"' in html and 'name="code"' in html and 'name="table"' in html and 'name="q"' in html
    # a finding without any place is listed under 全文
    assert items[3]["data-table"] == "doc" and items[3]["data-targets"] == ""


def test_narrative_finding_quotes_its_section():
    doc, report = make_pair()
    html = render([(doc, report)])
    el = parsed(html)
    nf = next(a for t, a in el.tags if a.get("id") == "d0-f2")
    assert nf["data-table"] == "narr" and nf["data-targets"] == "d0-f2-q"
    assert el.by_id("d0-f2-q")
    assert re.search(r'<mark class="q hl hl-info"[^>]*data-findings="d0-f2"[^>]*>'
                     r'<a class="back" href="#d0-f2">收、支总计828\.30万元</a></mark>', html)
    assert "第三部分 情况说明 › 一、收入支出决算总体情况说明" in html
    # the section holding the finding is open, the others are collapsed
    assert re.search(r'<details class="sec has" id="d0-s1" open>', html)
    assert re.search(r'<details class="sec" id="d0-s0">', html)


def test_self_contained_chinese_and_escaped():
    doc, report = make_pair()
    report.findings[0].message += "<script>alert(1)</script>"
    html = render([(doc, report)])
    assert html.startswith("<!DOCTYPE html>") and 'lang="zh-CN"' in html
    assert "http://" not in html and "https://" not in html
    assert not re.search(r"<(link|img|iframe)\b", html) and "<script src" not in html
    assert "@import" not in html and "url(" not in html and "@font-face" not in html
    assert "Noto Sans CJK SC" in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)" in html
    assert "示例市医疗保障局" in html and "已运行规则" in html and "national_final" in html


def test_several_documents_get_an_index_and_distinct_ids():
    a, ra = make_pair()
    b, rb = make_pair()
    b.unit_name = rb.unit_name = "另一局"
    rb.findings = []
    html = render([(a, ra), (b, rb)])
    assert "文件索引" in html and 'href="#d0"' in html and 'href="#d1"' in html
    assert 'id="d1-t0-r2-amount"' in html and "未发现问题" in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_empty_report_and_document():
    doc = Document(source=Source(path="x.txt", sha256="0" * 64, format="text"))
    html = render([(doc, Report(path="x.txt"))])
    assert "未发现问题" in html and "（单位未识别）" in html


def test_unknown_location_indexes_do_not_break_the_page():
    doc, report = make_pair()
    report.findings.append(Finding(code="X999", severity=Severity.ERROR, title="t", message="m",
                                   location=Location(table="不存在的表", table_index=42, row_index=7,
                                                     column="nope")))
    report.findings.append(Finding(code="X998", severity=Severity.ERROR, title="t", message="m",
                                   location=Location(table_index=1, row_index=99, column="total")))
    report.findings.append(Finding(code="X997", severity=Severity.INFO, title="t", message="m",
                                   location=Location(table_index=1, row_index=0, column="not_a_column")))
    html = render([(doc, report)])
    el = parsed(html)
    assert next(a for _, a in el.tags if a.get("id") == "d0-f4")["data-targets"] == ""
    assert next(a for _, a in el.tags if a.get("id") == "d0-f5")["data-targets"] == "d0-t1"
    assert next(a for _, a in el.tags if a.get("id") == "d0-f6")["data-targets"] == row_id(0, 1, 0)


def test_cli_check_html_highlights_a_planted_error(tmp_path):
    src = tmp_path / "planted.txt"
    shutil.copy(EXAMPLE, src)
    text = src.read_text(encoding="utf-8")
    # 总表, 支出方 总计 (行次 56): 828.30 → 838.30
    planted = text.replace("总计	28	828.30	总计	56	828.30", "总计	28	828.30	总计	56	838.30")
    assert planted != text
    src.write_text(planted, encoding="utf-8")
    out = tmp_path / "report.html"
    r = CliRunner().invoke(app, ["check", str(src), "-f", "html", "-o", str(out)])
    assert r.exit_code == 1, r.output
    html = out.read_text(encoding="utf-8")
    el = parsed(html)
    from gongkai.pipeline import parse_file

    doc = parse_file(src)
    t = doc.tables[0]
    ri = next(k for k, row in enumerate(t.rows) if row.key == "exp_grand")
    tag, attrs = el.by_id(cell_id(0, 0, ri, "amount"))
    assert "hl-error" in attrs["class"].split()
    assert re.search(rf'id="{cell_id(0, 0, ri, "amount")}"[^>]*><a class="back" href="#d0-f\d+">838\.30</a>', html)
    # B101 (收支总计) and B103 (支出方总计) fail by the same 10 at this cell: one cause, reported once (as B103)
    assert 'data-code="B103"' in html and "B101" in html


def _two_sided(spans: bool, boxes: bool = False) -> Table:
    def cell(text, y, x):
        box = (x, y, x + 60, y + 16) if boxes else None
        return Cell(kind=CellKind.NUMBER, value=Decimal(text), text=text, span=Span(page=3, bbox=box))

    def span(line):
        return Span(line=line) if spans else (Span(page=3) if boxes else None)

    return Table(
        template_id="final.fiscal_summary", title="财政拨款收入支出决算总表",
        columns=[Column(key="amount", header="决算数", block="收入"), Column(key="total", header="合计", block="支出"),
                 Column(key="gpb", header="一般公共预算财政拨款", block="支出")],
        rows=[Row(key="inc_gpb", label="一般公共预算财政拨款", block="收入", span=span(5),
                  cells={"amount": cell("10", 100.0, 200)}),
              Row(key="inc_total", label="本年收入合计", block="收入", span=span(6),
                  cells={"amount": cell("10", 116.5, 200)}),
              Row(key="class_201", code="201", label="一般公共服务支出", block="支出", span=span(5),
                  cells={"total": cell("10", 101.0, 400), "gpb": cell("10", 101.0, 470)}),
              Row(key="exp_total", label="本年支出合计", block="支出", span=span(6),
                  cells={"total": cell("10", 117.0, 400), "gpb": cell("10", 117.0, 470)})])


def test_layout_side_by_side_from_lines_or_boxes_else_stacked():
    by_line = table_layout(_two_sided(spans=True))
    by_box = table_layout(_two_sided(spans=False, boxes=True))
    for layout in (by_line, by_box):
        assert layout.side_by_side and layout.lines == [[0, 2], [1, 3]]
        assert [c.key for c in layout.parts[1].columns] == ["total", "gpb"]
    stacked = table_layout(_two_sided(spans=False))
    assert not stacked.side_by_side and stacked.lines == [[0, None], [1, None], [None, 2], [None, 3]]

    doc = Document(source=Source(path="p.pdf", sha256="0" * 64, format="pdf"), tables=[_two_sided(spans=False)])
    loc = Location(table_index=0, row_index=3, column="gpb")
    report = Report(path="p.pdf", findings=[Finding(code="B111", severity=Severity.ERROR, title="t", message="m",
                                                    location=loc)])
    html = render([(doc, report)])
    assert '<tr class="blockhead"><th colspan="3">收入</th></tr>' in html
    assert '<tr class="blockhead"><th colspan="3">支出</th></tr>' in html
    assert "hl-error" in parsed(html).by_id(cell_id(0, 0, 3, "gpb"))[1]["class"]
    # the rule left the names out of the Location: the report names the place itself
    assert "财政拨款收入支出决算总表，“本年支出合计”行，“一般公共预算财政拨款”栏" in html
    from gongkai.report.check_xlsx import render as render_xlsx

    assert render_xlsx([(doc, report)])[:2] == b"PK"
