"""DOCX, XLSX/XLS and HTML readers, and choosing the reader by content (gongkai.ingest.read)."""

from __future__ import annotations

import base64
import datetime as dt
import sys
import types
import zipfile
import zlib
from pathlib import Path

import pytest

from gongkai.ingest import read, sniff
from gongkai.ingest.base import Grid, RawDocument, ReadError, TextLine
from gongkai.ingest.docx import read_docx
from gongkai.ingest.html import decode_html, read_html
from gongkai.ingest.xlsx import format_value, read_xlsx

docx = pytest.importorskip("docx")
openpyxl = pytest.importorskip("openpyxl")

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
if not CORPUS.exists():
    CORPUS = Path("/work/shared/corpus")
TEMPLATES = CORPUS / "shanghai" / "templates"


def cells(grid: Grid) -> list[list[tuple]]:
    """A grid as rows of (text, row, col, rowspan, colspan), spans left out when 1×1."""
    out = []
    for row in grid.rows:
        out.append([(c.text, c.row, c.col) if (c.rowspan, c.colspan) == (1, 1)
                    else (c.text, c.row, c.col, c.rowspan, c.colspan) for c in row])
    return out


def kinds(doc: RawDocument) -> list[str]:
    return ["grid" if isinstance(b, Grid) else "text" for b in doc.blocks()]


# --------------------------------------------------------------------------- DOCX


def make_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_heading("2024年部门决算", level=1)
    d.add_paragraph("单位：万元")
    t = d.add_table(rows=3, cols=4)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "收入"  # horizontally merged header cell
    t.cell(0, 2).merge(t.cell(0, 3)).text = "支出"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "财政拨款"  # vertically merged cell
    t.cell(1, 1).text = "一般公共预算"
    t.cell(1, 2).text = "一般公共服务支出"
    t.cell(1, 3).text = "100.00"
    outer = t.cell(2, 1)
    outer.paragraphs[0].text = "外层文字"
    nested = outer.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "n1", (0, 1): "n2", (1, 0): "n3", (1, 1): "n4"}.items():
        nested.cell(r, c).text = text
    t.cell(2, 2).text = "  教育支出 "
    t.cell(2, 3).text = "200.00"
    d.add_paragraph("说明：第一行\n第二行")
    d.save(path)
    return path


def test_docx_paragraphs_tables_merges_and_nested_tables(tmp_path):
    doc = read_docx(make_docx(tmp_path / "a.docx"))
    assert doc.format == "docx" and len(doc.pages) == 1 and doc.pages[0].number == 1
    assert len(doc.sha256) == 64
    assert kinds(doc) == ["text", "text", "grid", "grid", "text", "text"]
    blocks = list(doc.blocks())
    assert [(b.text, b.line) for b in blocks[:2]] == [("2024年部门决算", 1), ("单位：万元", 2)]
    outer, inner = blocks[2], blocks[3]
    assert outer.ruled and inner.ruled
    assert cells(outer) == [
        [("收入", 0, 0, 1, 2), ("支出", 0, 2, 1, 2)],
        [("财政拨款", 1, 0, 2, 1), ("一般公共预算", 1, 1), ("一般公共服务支出", 1, 2), ("100.00", 1, 3)],
        [("外层文字", 2, 1), ("教育支出", 2, 2), ("200.00", 2, 3)],
    ]
    assert inner.texts() == [["n1", "n2"], ["n3", "n4"]]
    # line = paragraph index in document order (cell paragraphs counted): increasing through the table
    assert outer.line_start == 3
    assert inner.line_start > outer.rows[2][0].line
    tail = blocks[4:]
    assert [b.text for b in tail] == ["说明：第一行", "第二行"]
    assert tail[0].line == tail[1].line == doc.line_count


def test_docx_content_controls_and_tracked_changes(tmp_path):
    """Text in content controls and tracked insertions counts; tracked deletions do not."""
    path = make_docx(tmp_path / "b.docx")
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts["word/document.xml"].decode()
    extra = ('<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>控件内文字</w:t></w:r>'
             '<w:ins w:id="1" w:author="a"><w:r><w:t>插入</w:t></w:r></w:ins>'
             '<w:del w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>'
             '</w:p></w:sdtContent></w:sdt>')
    xml = xml.replace("<w:sectPr", extra + "<w:sectPr", 1)
    parts["word/document.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    doc = read(path)
    assert [b.text for b in doc.blocks() if isinstance(b, TextLine)][-1] == "控件内文字插入"


# --------------------------------------------------------------------------- XLSX


def make_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "收支表"
    ws["A2"] = "2024年收入支出决算总表"  # row 1 stays empty: an edge row, dropped
    ws.merge_cells("A2:E2")
    ws["D3"] = "单位：万元"
    ws["A4"], ws["C4"], ws["E4"] = "收入", "支出", "备注"
    ws.merge_cells("A4:B4")
    ws.merge_cells("C4:D4")
    ws.merge_cells("E4:E5")
    for col, text in zip("ABCD", ["项目", "金额", "项目", "比上年"]):
        ws[f"{col}5"] = text
    ws["A6"], ws["B6"], ws["C6"], ws["D6"] = "财政拨款收入", 1234.5, " 一般公共服务支出 ", 0.125
    ws["B6"].number_format = "#,##0.00"
    ws["D6"].number_format = "0.0%"
    # row 7 stays empty: inside the table, kept
    ws["A8"], ws["B8"], ws["C8"], ws["D8"] = "合计", 1234, "人数", 12.0
    ws["A9"], ws["B9"], ws["C9"], ws["D9"] = "日期", dt.datetime(2024, 1, 5), "负数", -1234.5
    ws["B9"].number_format = 'yyyy"年"m"月"d"日"'
    ws["D9"].number_format = "#,##0.00;[Red]-#,##0.00"
    ws["E8"] = "=B8*2"  # a formula never calculated (written by a program): no cached value, shown ""
    ws["G12"].number_format = "#,##0.00"  # formatted but empty: not part of the used range
    wb.create_sheet("空表")
    hidden = wb.create_sheet("隐藏")
    hidden["A1"] = "代码表"
    hidden.sheet_state = "hidden"
    wb.save(path)
    return path


def test_xlsx_sheets_merges_and_number_formats(tmp_path):
    doc = read_xlsx(make_xlsx(tmp_path / "a.xlsx"))
    assert doc.format == "xlsx"
    assert [p.number for p in doc.pages] == [1, 2]  # the hidden third sheet is skipped
    assert doc.pages[1].blocks == []
    (grid,) = doc.pages[0].blocks
    assert grid.name == "收支表" and grid.page == 1 and grid.ruled
    assert cells(grid) == [
        [("2024年收入支出决算总表", 0, 0, 1, 5)],
        [("", 1, 0), ("", 1, 1), ("", 1, 2), ("单位：万元", 1, 3), ("", 1, 4)],
        [("收入", 2, 0, 1, 2), ("支出", 2, 2, 1, 2), ("备注", 2, 4, 2, 1)],
        [("项目", 3, 0), ("金额", 3, 1), ("项目", 3, 2), ("比上年", 3, 3)],
        [("财政拨款收入", 4, 0), ("1,234.50", 4, 1), ("一般公共服务支出", 4, 2), ("12.5%", 4, 3), ("", 4, 4)],
        [("", 5, c) for c in range(5)],
        [("合计", 6, 0), ("1234", 6, 1), ("人数", 6, 2), ("12", 6, 3), ("", 6, 4)],
        [("日期", 7, 0), ("2024年1月5日", 7, 1), ("负数", 7, 2), ("-1,234.50", 7, 3), ("", 7, 4)],
    ]
    # line = the sheet row number; a vertically merged cell ends on its last row
    assert grid.rows[0][0].line == 2 and grid.line_end == 9
    assert grid.rows[2][2].line == 4 and grid.rows[2][2].line_end == 5


def test_xlsx_read_by_content_under_any_name(tmp_path):
    src = make_xlsx(tmp_path / "a.xlsx")
    renamed = tmp_path / "表格.dat"
    renamed.write_bytes(src.read_bytes())
    doc = read(renamed)
    assert doc.format == "xlsx" and doc.path == str(renamed)
    assert doc.pages[0].blocks[0].rows[0][0].text == "2024年收入支出决算总表"


@pytest.mark.parametrize(
    "value, fmt, shown",
    [
        (1234.5, "#,##0.00", "1,234.50"),
        (1234.0, "General", "1234"),
        (1234, "General", "1234"),
        (0.1 + 0.2, "General", "0.3"),
        (0.125, "0.0%", "12.5%"),
        (0.5, "0%", "50%"),
        (-1234.5, "#,##0.00", "-1,234.50"),
        (-1234.5, "#,##0.00_);[Red](#,##0.00)", "(1,234.50)"),
        (1234.5, "#,##0_ ", "1,235"),
        (2.5, "0", "3"),  # Excel rounds half away from zero
        (201, "000000", "000201"),
        (12.345, '0.00"万元"', "12.35万元"),
        (3, 'G/通用格式"人"', "3人"),
        (1234.5, "[$¥-804]#,##0.00", "¥1,234.50"),
        (0, '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', "-"),
        (123, "@", "123"),
        (1234567, "#,##0,", "1,235"),
        (dt.datetime(2024, 1, 5), "mm-dd-yy", "2024/1/5"),
        (dt.datetime(2024, 1, 5, 13, 7), "yyyy-mm-dd hh:mm", "2024-01-05 13:07"),
        ("文字", "#,##0.00", "文字"),
        (True, "General", "TRUE"),
    ],
)
def test_number_formats(value, fmt, shown):
    assert format_value(value, fmt).strip() == shown


# --------------------------------------------------------------------------- XLS (old binary)

# A small .xls written by xlwt 1.3.0 (sheet "收入支出决算总表": a title merged over 4 columns, 收入/支出
# merged header cells, amounts formatted "#,##0.00" and a "0.0%" cell; a hidden second sheet "隐藏").
XLS_FIXTURE = (
    "eNrtWGtIFFEUPnce7q7t6q6PSAMRQStbyggiCJ0elL/cXCuKiFJzsVC0FolMKFMXhBCMIk3qh2E/+mNF0IMiCvrRj8AeP4Ig0CII"
    "hCAoiFCnc87MrK5O4EIJypxhzrn3PL57995zHzuvRwKjg3dzx2AWlYEMU7oHUmboBL4eq+IHtOs6FS3pxld3aFGRx40TmaLCY98r"
    "F80hzfcYSHBHeY4c4BO+h+AEhJqbIvkLSNu5DzWC+lAqFMw9Ca7hmwY53K8M5keZZzK/zb5PmG9lTQ/zUvQdFQdhRAsVbzbz+IBU"
    "wLY05AIecMwH1myAbHhJeXyuVxi+KmyLHq9pXCqGPMULQ4BzXR5pikSp7oGboACUrCspHIUszIAh+KnnA/ywlvqzfEe/sHoBqP+V"
    "qHf9Re8GxVZP0zpbf0nCiW4HvVpQ3sdgBbxQeOcWmyKR8PrI7/C9cF/blupj3THwwoCL8kYSvVdGYhNwGXzouYz3+TnuKoh9eyp2"
    "5+qu0I6wZNhRkAuK1v5vp1C8uXi934uIoWBHY/hkuKu/r62gR4t8rS1rIH/3tMlXP1hFsSkggvUth9m6d/CCWSULVTGxT6fSmcR7"
    "mD9hD/PxyvYir4N0Lgd4ffux9xO3vr+tqK3UjrCmnc8t43QrpPEBHc5TBAangYUHtESgmCPWMu9g1JVczmWehWsMZVFltlnY1ck+"
    "XWwtwnY2Mr3TVs0or8ZybDz8MC/2WVuD5eHysTNZw++1QSjAOazDeHo6ISiCYuAq0SPNksLcBz8yz5mzJ7olv9l33TzC02ESUrkY"
    "YP4Uxwh4dOiROULYRAi0BdhCHpKNh8SYEmO6zREXpkVibMsix1uSbXBkxqHRNmqEo8ZrUoJNNm2EpdhgKYxF83dWSuV1kgHj3S7T"
    "RliuuE1G2410A0u1wVIZy236qwlYKmPR3UjGnFERK9Nac9oXzA6Zx0AypZFrRDKUSRlwn1R4Zk3TQmS1iPPFmtXCNqtJ8qiC3ag6"
    "5JBDDjnkkEPG+S/xTcS44armTcNlfteZxHfK+UyyZKkKmvFpwf+JO6EJZRRak8qf5aAKC0vMM8b6Xki0H1uPQgPUcj8aks5fvCmK"
    "mb9n3oH+f7eEkm1/Kpl+/uf2/wA2DEXz"
)


def test_xls_old_binary_workbook(tmp_path):
    pytest.importorskip("xlrd")
    path = tmp_path / "old.xls"
    path.write_bytes(zlib.decompress(base64.b64decode(XLS_FIXTURE)))
    doc = read(path)
    assert doc.format == "xls"
    assert [p.number for p in doc.pages] == [1]  # the hidden sheet is skipped
    (grid,) = doc.pages[0].blocks
    assert grid.name == "收入支出决算总表"
    assert cells(grid)[0] == [("收入支出决算总表", 0, 0, 1, 4)]
    assert cells(grid)[2] == [("收入", 2, 0, 1, 2), ("支出", 2, 2, 1, 2)]
    assert grid.texts()[3:] == [
        ["项目", "金额", "项目", "金额"],
        ["一般公共预算财政拨款收入", "1,234.50", "一般公共服务支出", "1,000.00"],
        ["本年收入合计", "1,234.50", "本年支出合计", "12.5%"],
    ]


def test_xls_without_xlrd_gives_chinese_error(tmp_path, monkeypatch):
    path = tmp_path / "old.xls"
    path.write_bytes(zlib.decompress(base64.b64decode(XLS_FIXTURE)))
    monkeypatch.setitem(sys.modules, "xlrd", None)
    with pytest.raises(ReadError, match="暂不支持旧版 .xls 文件，请另存为 .xlsx"):
        read(path)


def _ole2_renamed(stream: str) -> bytes:
    """The .xls fixture with its "Workbook" stream renamed (to fake a .doc or an encrypted file)."""
    data = bytearray(zlib.decompress(base64.b64decode(XLS_FIXTURE)))
    old = "Workbook".encode("utf-16-le") + b"\x00\x00"
    at = data.index(old)
    new = stream.encode("utf-16-le") + b"\x00\x00"
    data[at: at + 64] = new.ljust(64, b"\x00")
    data[at + 64: at + 66] = len(new).to_bytes(2, "little")
    return bytes(data)


def test_ole2_doc_and_encrypted_files(tmp_path):
    doc = tmp_path / "old.doc"
    doc.write_bytes(_ole2_renamed("WordDocument"))
    with pytest.raises(ReadError, match="暂不支持旧版 .doc 文件，请另存为 .docx"):
        read(doc)
    enc = tmp_path / "secret.xlsx"
    enc.write_bytes(_ole2_renamed("EncryptedPackage"))
    with pytest.raises(ReadError, match="加密"):
        read(enc)


# --------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>不显示的标题</title><style>td {{ color: red }}</style>
<script>var s = "<table><tr><td>脚本</td></tr></table>";</script></head>
<body>
<h1>2024年部门决算</h1>
<p>单位：万元<br>编制单位：某某局</p>
<div style="display:none">隐藏文字</div>
<table border="1">
<caption>收入支出决算总表</caption>
<tr><th colspan="2">收入<th colspan="2">支出
<tr><td>项目<td>金额<td rowspan="2">一般公共
服务支出<td>1,234.50
<tr><td>合计</td><td>&nbsp;</td><td>外层<table><tr><td>n1<td>n2</td></tr></table></td></tr>
</table>
<ul><li>第一条</li><li>第二条</ul>
说明{extra}
</body></html>
"""


def test_html_gbk_page_tables_spans_and_text(tmp_path):
    path = tmp_path / "page.htm"
    path.write_bytes(PAGE.format(extra="").encode("gbk"))
    doc = read_html(path)
    assert doc.format == "html" and len(doc.pages) == 1
    blocks = list(doc.blocks())
    assert kinds(doc) == ["text"] * 4 + ["grid", "grid"] + ["text"] * 3
    assert [(b.text, b.line) for b in blocks[:4]] == [
        ("2024年部门决算", 6), ("单位：万元", 7), ("编制单位：某某局", 7), ("收入支出决算总表", 10)]
    outer, inner = blocks[4], blocks[5]
    assert outer.name == "收入支出决算总表" and outer.ruled
    assert cells(outer) == [
        [("收入", 0, 0, 1, 2), ("支出", 0, 2, 1, 2)],
        [("项目", 1, 0), ("金额", 1, 1), ("一般公共服务支出", 1, 2, 2, 1), ("1,234.50", 1, 3)],
        [("合计", 2, 0), ("", 2, 1), ("外层", 2, 3)],  # column 2 is taken by the rowspan
    ]
    assert inner.texts() == [["n1", "n2"]]
    assert [c.line for c in outer.rows[1]] == [12, 12, 12, 13]
    assert [b.text for b in blocks[6:]] == ["第一条", "第二条", "说明"]


def test_html_encodings():
    text = "<p>收入支出决算总表</p>"
    assert decode_html(text.encode("gb18030")) == text  # no declaration: GB18030 fallback
    assert decode_html(b"\xef\xbb\xbf" + text.encode()) == text  # BOM
    assert decode_html(text.encode("utf-16")) == text
    # declared gb2312 but really UTF-8 (a common mistake): valid UTF-8 wins
    mislabelled = '<meta charset="gb2312">' + text
    assert decode_html(mislabelled.encode("utf-8")) == mislabelled
    big5 = '<meta charset="big5"><p>收入支出決算總表</p>'
    assert decode_html(big5.encode("big5")) == big5


def test_html_sloppy_markup():
    from gongkai.ingest.html import parse_html

    doc = parse_html("<body><table><tr><td>a<td rowspan=0>b<tr><td>c</table>"
                     "<table><tr><td colspan=3>x</td><tr></tr></table>尾")
    grids = [b for b in doc.blocks() if isinstance(b, Grid)]
    assert cells(grids[0]) == [[("a", 0, 0), ("b", 0, 1, 2, 1)], [("c", 1, 0)]]
    assert cells(grids[1]) == [[("x", 0, 0, 1, 3)]]  # the empty trailing row is dropped
    assert [b.text for b in doc.blocks() if isinstance(b, TextLine)] == ["尾"]


def test_mhtml_single_file_page(tmp_path):
    html = PAGE.format(extra="").encode("gbk")
    qp = base64.encodebytes(html).decode("ascii")
    mht = ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\n"
           "Content-Type: text/html; charset=\"gb2312\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
           f"{qp}\r\n--B--\r\n")
    path = tmp_path / "page.mht"
    path.write_text(mht, encoding="ascii")
    doc = read(path)
    assert doc.format == "html"
    assert next(b for b in doc.blocks() if isinstance(b, Grid)).name == "收入支出决算总表"


# --------------------------------------------------------------------------- the same table in every format

TABLE = [
    [("收入", 2), ("支出", 2)],
    [("项目", 1), ("决算数", 1), ("项目", 1), ("决算数", 1)],
    [("一般公共预算财政拨款收入", 1), (1234.5, 1), ("一般公共服务支出", 1), (1234.5, 1)],
    [("本年收入合计", 1), (1234.5, 1), ("本年支出合计", 1), (1234.5, 1)],
]


def _shown(value) -> str:
    return f"{value:,.2f}" if isinstance(value, float) else value


def table_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("收入支出决算总表")
    t = d.add_table(rows=4, cols=4)
    for r, row in enumerate(TABLE):
        c = 0
        for value, span in row:
            cell = t.cell(r, c) if span == 1 else t.cell(r, c).merge(t.cell(r, c + span - 1))
            cell.text = _shown(value)
            c += span
    d.save(path)
    return path


def table_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, row in enumerate(TABLE, 1):
        c = 1
        for value, span in row:
            ws.cell(r, c, value)
            if isinstance(value, float):
                ws.cell(r, c).number_format = "#,##0.00"
            if span > 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=c + span - 1)
            c += span
    wb.save(path)
    return path


def table_html(path: Path) -> Path:
    rows = []
    for row in TABLE:
        tds = "".join(f'<td colspan="{span}">{_shown(v)}</td>' if span > 1 else f"<td>\n  {_shown(v)}\n</td>"
                      for v, span in row)
        rows.append(f"<tr>{tds}</tr>")
    page = ("<html><head><meta charset='gbk'></head><body><p>收入支出决算总表</p>"
            f"<table>{''.join(rows)}</table></body></html>")
    path.write_bytes(page.encode("gbk"))
    return path


def test_same_table_in_docx_xlsx_html_reads_the_same(tmp_path):
    docs = {
        "docx": read(table_docx(tmp_path / "t.bin1")),
        "xlsx": read(table_xlsx(tmp_path / "t.bin2")),
        "html": read(table_html(tmp_path / "t.bin3")),
    }
    assert {k: d.format for k, d in docs.items()} == {"docx": "docx", "xlsx": "xlsx", "html": "html"}
    grids = {k: next(b for b in d.blocks() if isinstance(b, Grid)) for k, d in docs.items()}
    expected = [[_shown(v) for v, _ in row] for row in TABLE]
    for kind, grid in grids.items():
        assert grid.texts() == expected, kind
        assert grid.ruled, kind
    structure = {k: [(c.row, c.col, c.rowspan, c.colspan) for r in g.rows for c in r] for k, g in grids.items()}
    assert structure["docx"] == structure["xlsx"] == structure["html"]


# --------------------------------------------------------------------------- choosing the reader by content


def test_docx_renamed_txt_is_read_as_docx(tmp_path):
    src = make_docx(tmp_path / "a.docx")
    renamed = tmp_path / "a.txt"
    renamed.write_bytes(src.read_bytes())
    assert sniff(renamed.read_bytes()) == "docx"
    doc = read(renamed)
    assert doc.format == "docx" and kinds(doc)[:3] == ["text", "text", "grid"]


def test_text_renamed_pdf_is_read_as_text(tmp_path):
    path = tmp_path / "dump.pdf"
    path.write_text("收入支出决算总表\n项目\t金额\n合计\t1,234.50\n", encoding="gb18030")
    doc = read(path)
    assert doc.format == "text"
    assert doc.sha256 and [b.text for b in doc.blocks() if isinstance(b, TextLine)] == ["收入支出决算总表"]
    assert next(b for b in doc.blocks() if isinstance(b, Grid)).texts()[1] == ["合计", "1,234.50"]


def test_html_renamed_txt_is_read_as_html(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes(PAGE.format(extra="").encode("gbk"))
    assert read(path).format == "html"


def test_pdf_magic_goes_to_the_pdf_reader(tmp_path, monkeypatch):
    path = tmp_path / "x.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    fake = types.ModuleType("gongkai.ingest.pdf")
    fake.read_pdf = lambda p, data=None: RawDocument(path=str(p), sha256="", format="pdf", pages=[])
    monkeypatch.setitem(sys.modules, "gongkai.ingest.pdf", fake)
    doc = read(path)
    assert doc.format == "pdf" and len(doc.sha256) == 64
    monkeypatch.setitem(sys.modules, "gongkai.ingest.pdf", None)  # the PDF reader cannot be imported
    with pytest.raises(ReadError, match="暂不支持PDF"):
        read(path)


def test_zip_that_is_not_docx_or_xlsx(tmp_path):
    path = tmp_path / "a.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(ReadError, match="ZIP文件不是DOCX或XLSX文档"):
        read(path)


def test_damaged_docx_and_xlsx(tmp_path):
    bad_zip = tmp_path / "bad.docx"
    bad_zip.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 20)
    with pytest.raises(ReadError, match="损坏"):
        read(bad_zip)
    bad_xml = tmp_path / "bad2.docx"
    with zipfile.ZipFile(bad_xml, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document><broken")
    with pytest.raises(ReadError, match="DOCX"):
        read(bad_xml)
    bad_xlsx = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(bad_xlsx, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ReadError, match="XLSX"):
        read(bad_xlsx)


def test_missing_directory_empty_binary_unreadable(tmp_path, monkeypatch):
    missing = tmp_path / "nope.pdf"
    with pytest.raises(ReadError, match=f"文件不存在：{missing}"):
        read(missing)
    with pytest.raises(ReadError, match="这是一个目录，不是文件："):
        read(tmp_path)
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    with pytest.raises(ReadError, match="文件为空："):
        read(empty)
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b" \r\n\t \n")
    with pytest.raises(ReadError, match="文件为空："):
        read(blank)
    binary = tmp_path / "data.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ReadError, match=r"不是可识别的文档（二进制文件）"):
        read(binary)
    image = tmp_path / "scan.pdf"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with pytest.raises(ReadError, match="图片"):
        read(image)
    locked = tmp_path / "locked.txt"
    locked.write_text("x")

    def denied(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(ReadError, match=f"无法读取文件：{locked}"):
        read(locked)


def test_text_encodings(tmp_path):
    for enc in ("utf-8", "utf-8-sig", "gb18030", "utf-16"):
        path = tmp_path / f"t-{enc}.txt"
        path.write_bytes("一、部门主要职能\n".encode(enc))
        doc = read(path)
        assert doc.format == "text"
        assert [b.text for b in doc.blocks()] == ["一、部门主要职能"], enc


def test_every_error_is_a_read_error_not_a_traceback(tmp_path):
    junk = [b"PK\x05\x06" + b"\x00" * 18, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x01" * 600,
            b"<html><table><tr><td rowspan=99999 colspan=99999>x", b"\xff\xfe" + "<p>表</p>".encode("utf-16-le")]
    for i, data in enumerate(junk):
        path = tmp_path / f"j{i}"
        path.write_bytes(data)
        try:
            read(path)
        except ReadError as exc:
            assert any("\u4e00" <= ch <= "\u9fff" for ch in str(exc))


# --------------------------------------------------------------------------- the real Shanghai templates

DEPARTMENT_SHEETS = {
    "封面": "上海市普陀区2026年区级部门预算",
    "目录": "目  录",
    "部门主要职能": "XX（部门）主要职能",
    "部门机构设置": "XX（部门）机构设置",
    "名词解释": "名词解释",
    "部门编制说明": "2026年部门预算编制说明",
    "部门收支总表": "2026年部门财务收支预算总表",
    "部门收入总表": "2026年部门收入预算总表",
    "部门支出总表": "2026年部门支出预算总表",
    "部门财政拨款收支总表": "2026年部门财政拨款收支预算总表",
    "部门一般公共预算拨款表": "2026年部门一般公共预算支出功能分类预算表",
    "部门政府性基金拨款表": "2026年部门政府性基金预算支出功能分类预算表",
    "部门国有资本经营预算拨款表 ": "2026年部门国有资本经营预算支出功能分类预算表",
    "部门一般公共预算拨款基本支出明细表": "2026年部门一般公共预算基本支出部门预算经济分类预算表",
    "部门“三公”经费和机关运行费预算表": "2026年部门“三公”经费和机关运行经费预算表",
    "其他相关情况说明": "其他相关情况说明",
    "项目经费情况说明": "XX项目经费情况说明",
}


@pytest.mark.skipif(not (TEMPLATES / "department_budget_template.xlsx").exists(),
                    reason="shared corpus not available")
def test_shanghai_department_budget_template():
    doc = read(TEMPLATES / "department_budget_template.xlsx")
    assert doc.format == "xlsx"
    assert [p.number for p in doc.pages] == list(range(1, 18))
    grids = [p.blocks[0] for p in doc.pages]
    assert {g.name: g.rows[0][0].text for g in grids} == DEPARTMENT_SHEETS
    by_name = {g.name: g for g in grids}
    total = by_name["部门收支总表"]
    assert total.texts()[2] == ["编制部门：", "单位：元"]
    assert cells(total)[4] == [("本年收入", 4, 0, 1, 2), ("本年支出", 4, 2, 1, 2)]
    assert total.texts()[5] == ["项目", "预算数", "项目", "预算数"]
    assert total.texts()[-1] == ["收入总计", "", "支出总计", ""]
    income = by_name["部门收入总表"]
    assert income.texts()[5] == ["功能分类科目编码", "功能分类科目名称", "合计", "财政拨款收入", "事业收入",
                                 "事业单位\n经营收入", "其他收入"]
    assert income.texts()[6] == ["类", "款", "项"]
    assert income.texts()[8][:4] == ["205", "02", "", "普通教育"]
    sangong = by_name["部门“三公”经费和机关运行费预算表"]
    assert sangong.texts()[1][-1] == "单位:万元"


@pytest.mark.skipif(not (TEMPLATES / "unit_budget_template.xlsx").exists(),
                    reason="shared corpus not available")
def test_shanghai_unit_budget_template():
    doc = read(TEMPLATES / "unit_budget_template.xlsx")
    grids = [p.blocks[0] for p in doc.pages]
    assert len(grids) == 16
    titles = [g.rows[0][0].text for g in grids]
    assert "2026年预算单位财务收支预算总表" in titles
    assert "2026年单位“三公”经费和机关运行经费预算表" in titles
    total = next(g for g in grids if g.name == "单位收支总表")
    assert cells(total)[4] == [("本年收入", 4, 0, 1, 2), ("本年支出", 4, 2, 1, 5)]
