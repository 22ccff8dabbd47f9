"""One disclosure written as DOCX, XLSX, HTML and PDF parses to identical canonical table data (issue 4)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from gongkai.compose.compose import compose
from gongkai.compose.inputs import load_input
from gongkai.pipeline import parse_file

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("docx", "xlsx", "html", "pdf")


@cache
def composed():
    loaded = load_input(ROOT / "examples" / "示例填报_2023.xlsx")
    assert loaded.data is not None and not loaded.errors
    return compose(loaded.data, None, charts=False)


def render(fmt: str) -> bytes:
    comp = composed()
    if fmt == "docx":
        from gongkai.compose.render_docx import render_docx
        return render_docx(comp)
    if fmt == "pdf":
        from gongkai.compose.render_pdf import render_pdf
        return render_pdf(comp)
    if fmt == "xlsx":
        from gongkai.compose.render_xlsx import render_xlsx
        return render_xlsx(comp)
    from gongkai.compose.render_html import render_html
    return render_html(comp).encode("utf-8")


def table_data(doc) -> dict:
    """What a table says, independent of layout: per standard table, its rows' keys/codes and amounts."""
    out = {}
    for t in doc.tables:
        if not (t.template_id or "").startswith("final."):
            continue
        rows = []
        for r in t.rows:
            values = {k: c.zero_or_value for k, c in r.cells.items()}
            if r.key is None and r.code is None and not any(values.values()):
                continue  # an empty filler row some layouts print
            rows.append((r.block, r.key, r.code, tuple(sorted(values.items()))))
        out[t.template_id] = (t.printed_number, t.unit, sorted(rows, key=str))
    return out


@pytest.fixture(scope="module")
def parsed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formats")
    docs = {}
    for fmt in FORMATS:
        path = folder / f"示例.{fmt}"
        path.write_bytes(render(fmt))
        docs[fmt] = parse_file(path)
    return docs


def test_every_format_gives_the_same_tables(parsed):
    reference = table_data(parsed["docx"])
    assert len(reference) == 9
    for fmt in FORMATS[1:]:
        assert table_data(parsed[fmt]) == reference, f"{fmt} differs from docx"


def test_every_format_gives_the_same_identity_and_figures(parsed):
    for fmt, doc in parsed.items():
        assert (doc.unit_name, doc.year, doc.kind.value, doc.profile) == (
            "示例市医疗保障局", 2023, "部门决算", "national_final"), fmt
        summary = doc.table("final.summary")
        assert summary.row("inc_grand").value("amount") == composed().document.table("final.summary").row(
            "inc_grand").value("amount"), fmt


def test_a_degraded_scan_of_the_summary_page_reads_right_or_flags_low_confidence(tmp_path):
    """The composed PDF's 收入支出决算总表 page, rasterised, degraded and wrapped as a scan: every amount
    is read exactly, or its cell carries a confidence below the audit's threshold."""
    import pypdfium2 as pdfium

    from fixtures_scan import degrade, image_pdf

    pdf = pdfium.PdfDocument(render("pdf"))
    page_no = next(k for k in range(len(pdf)) if "收入支出决算总表" in pdf[k].get_textpage().get_text_range()
                   and "公开01表" in pdf[k].get_textpage().get_text_range())
    image = pdf[page_no].render(scale=150 / 72, grayscale=True).to_pil()
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(image_pdf([degrade(image, angle=0.4, blur=0.8, noise=10.0, quality=45)]))
    doc = parse_file(scan)
    table = doc.table("final.summary")
    assert table is not None
    expected = composed().document.table("final.summary")
    checked = 0
    for want in expected.rows:
        got = table.row(want.key) if want.key else None
        if got is None or want.value("amount") is None:
            continue
        cell = got.cells.get("amount")
        assert cell is not None, want.key
        checked += 1
        if cell.zero_or_value != want.value("amount"):  # a zero may be printed blank
            assert cell.confidence is not None and cell.confidence < 0.9, (want.key, cell.text, cell.confidence)
    assert checked >= 10
