"""The reviewer's workbook: 汇总, 问题清单, one sheet per table with coloured, commented cells."""

from __future__ import annotations

import io
import shutil
from decimal import Decimal

from openpyxl import load_workbook
from typer.testing import CliRunner

from conftest import EXAMPLE
from gongkai.cli import app
from gongkai.report.check_xlsx import FILL, LIST_HEADERS, number_format, render
from gongkai.audit.finding import Severity
from test_report_html import make_pair


def rgb(cell) -> str:
    return (cell.fill.fgColor.rgb or "")[-6:] if cell.fill and cell.fill.fill_type == "solid" else ""


def book(pairs):
    return load_workbook(io.BytesIO(render(pairs)))


def find(ws, value):
    return next(c for row in ws.iter_rows() for c in row if c.value == value)


def test_sheets_summary_and_listing():
    doc, report = make_pair()
    wb = book([(doc, report)])
    assert wb.sheetnames == ["汇总", "问题清单", "公开01表 收入支出决算总表", "公开02表 收入决算表", "情况说明"]
    s = wb["汇总"]
    head = [c.value for c in s[1]]
    assert head[:10] == ["文件", "单位", "年度", "类型", "模板口径", "表格数", "错误", "警告", "提示", "合计"]
    assert [c.value for c in s[2]][1:10] == ["示例市医疗保障局", 2023, "部门决算", "national_final", 2, 1, 2, 1, 4]
    assert rgb(s.cell(2, 7)) == FILL[Severity.ERROR][0]

    ws = wb["问题清单"]
    assert tuple(c.value for c in ws[1]) == LIST_HEADERS
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:M5"
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert [r[2] for r in rows] == ["B104", "H101", "N101", "P101"]
    b104 = dict(zip(LIST_HEADERS, rows[0]))
    assert b104["级别"] == "错误" and b104["表"] == "公开01表 收入支出决算总表"
    assert b104["行"] == "收入·本年收入合计（行次3）" and b104["栏"] == "决算数"
    assert "相差 10.00" in b104["说明"] and b104["算式"].startswith("一般公共预算") and b104["建议"]
    n101 = dict(zip(LIST_HEADERS, rows[2]))
    assert n101["表"] == "情况说明" and n101["原文"] == "收、支总计828.30万元"
    assert rgb(ws.cell(2, 4)) == FILL[Severity.ERROR][0]
    assert rgb(ws.cell(3, 4)) == FILL[Severity.WARNING][0]
    assert rgb(ws.cell(4, 4)) == FILL[Severity.INFO][0]
    assert ws.column_dimensions["J"].width > 30
    # the 位置 cell links to the table sheet cell
    assert ws.cell(2, 9).hyperlink.location == "'公开01表 收入支出决算总表'!C8"
    assert ws.cell(4, 9).hyperlink.location.startswith("'情况说明'!A")


def test_table_sheets_fill_and_comment_the_cells():
    doc, report = make_pair()
    wb = book([(doc, report)])
    ws = wb["公开01表 收入支出决算总表"]
    assert ws["A1"].value == "公开01表 收入支出决算总表"
    assert [c.value for c in ws[4]] == ["项目", "行次", "决算数", "项目", "行次", "决算数"]
    assert [c.value for c in ws[5]] == ["栏次", None, 1, "栏次", None, 2]
    # the two sides side by side: 本年收入合计 next to 本年支出合计
    assert [c.value for c in ws[8]] == ["本年收入合计", 3, Decimal("812.50"), "本年支出合计", 6, Decimal("802.50")] \
        or [c.value for c in ws[8]] == ["本年收入合计", 3, 812.5, "本年支出合计", 6, 802.5]
    total = ws["C8"]
    assert rgb(total) == FILL[Severity.ERROR][0]
    assert "B104 错误" in total.comment.text and "相差 10.00" in total.comment.text
    assert "参与 N101" in total.comment.text  # also the related cell of the narrative finding
    assert total.number_format == "0.00"
    for ref in ("C6", "C7"):
        assert rgb(ws[ref]) == FILL[Severity.ERROR][1]
        assert "参与 B104" in ws[ref].comment.text
    assert ws["F6"].comment is None and rgb(ws["F6"]) == ""

    t2 = wb["公开02表 收入决算表"]
    cell = find(t2, "社会保障和就业支出")
    fiscal = t2.cell(cell.row, 4)
    assert fiscal.value == Decimal("73.30") or fiscal.value == 73.3
    assert rgb(fiscal) == FILL[Severity.WARNING][0] and "H101" in fiscal.comment.text
    assert t2.cell(cell.row, 5).value == "-"

    narr = wb["情况说明"]
    hit = find(narr, "第三部分 情况说明 › 一、收入支出决算总体情况说明")
    assert rgb(hit) == FILL[Severity.INFO][0] and "N101" in hit.comment.text


def test_number_format_follows_the_print():
    assert number_format("790.00") == "0.00"
    assert number_format("3,009.69") == "#,##0.00"
    assert number_format("10") == "0"
    assert number_format("0.125") == "0.000"


def test_several_documents_and_empty_ones():
    a, ra = make_pair()
    b, rb = make_pair()
    rb.findings = []
    wb = book([(a, ra), (b, rb)])
    assert wb["汇总"].max_row >= 3 and wb["问题清单"].max_row == 5
    assert wb["问题清单"].cell(2, 9).hyperlink is not None
    from gongkai.audit.finding import Report
    from gongkai.model import Document, Source

    empty = book([(Document(source=Source(path="x", sha256="0" * 64, format="text")), Report(path="x"))])
    assert empty.sheetnames == ["汇总", "问题清单"] and empty["问题清单"].max_row == 1


def test_cli_check_xlsx_on_a_planted_error(tmp_path):
    src = tmp_path / "planted.txt"
    shutil.copy(EXAMPLE, src)
    text = src.read_text(encoding="utf-8")
    src.write_text(text.replace("总计	28	828.30	总计	56	828.30", "总计	28	828.30	总计	56	838.30"),
                   encoding="utf-8")
    out = tmp_path / "report.xlsx"
    r = CliRunner().invoke(app, ["check", str(src), "-f", "xlsx", "-o", str(out)])
    assert r.exit_code == 1, r.output
    wb = load_workbook(out)
    listing = wb["问题清单"]
    codes = [c.value for c in listing["C"][1:]]
    assert "B103" in codes  # B101 fails by the same amount at the same cell: folded into B103 (one cause)
    row = codes.index("B103") + 2
    sheet, ref = listing.cell(row, 9).hyperlink.location.rsplit("!", 1)
    target = wb[sheet.strip("'")][ref]
    assert target.value in (Decimal("828.30"), 828.3, Decimal("838.30"), 838.3)
    assert rgb(target) == FILL[Severity.ERROR][0] and target.comment is not None
    planted = find(wb["公开01表 收入支出决算总表"], 838.3)
    assert planted.fill.fill_type == "solid" and planted.comment is not None
