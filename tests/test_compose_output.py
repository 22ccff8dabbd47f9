"""What the composed disclosure says and how it is rendered: narrative figures computed from the tables,
名词解释 for what is used, charts drawn in the bundled CJK font, fonts embedded, self-contained HTML."""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from decimal import Decimal as D

from test_compose_roundtrip import composition


def _text(comp) -> str:
    from gongkai.compose.blocks import Para

    return "\n".join(b.text for b in comp.blocks if isinstance(b, Para))


def _section(comp, heading: str) -> str:
    return next(s.text for s in comp.document.sections if s.path[-1] == heading)


def test_narrative_states_the_computed_figures():
    comp = composition("example", "national_final")
    text = _text(comp)
    assert "2023年度收、支总计均为828.30万元。与2022年度相比，收、支总计各增加52.70万元，增长6.79%。" in text
    assert "主要原因是医疗保障经办服务工作量增加，相应经办支出增加。" in text
    assert "其中：一般公共预算财政拨款收入790.00万元，占98.44%；其他收入12.50万元，占1.56%。" in text
    assert "基本支出509.74万元，占62.48%；项目支出306.08万元，占37.52%。" in text
    assert "年初预算为791.90万元，支出决算为803.32万元，完成年初预算的101.44%。" in text
    assert "全年预算为821.90万元，决算数完成全年预算的97.74%。" in text
    assert "人员经费411.14万元，占80.66%" in text and "公用经费98.60万元，占19.34%" in text
    assert "“三公”经费财政拨款支出预算为8.00万元，支出决算为4.30万元，完成预算的53.75%。" in text
    assert "授予中小企业合同金额30.00万元，占政府采购支出总额的82.19%" in text
    assert "没有政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出。" in text
    # every 项 with 一般公共预算 spending is explained, with its reason
    detail = _section(comp, "（三）一般公共预算财政拨款支出决算具体情况")
    assert detail.count("（项）：") == 9
    assert "4.卫生健康支出（类）医疗保障管理事务（款）行政运行（项）：主要用于机关人员工资福利和日常公用经费。年初预算为380.00万元，" \
           "支出决算为386.45万元，完成年初预算的101.70%。年中预算调整后，全年预算为390.00万元，决算数完成全年预算的99.09%。" \
           "决算数大于年初预算数的主要原因是年中增人增资，追加人员经费。" in detail


def test_narrative_of_the_rich_unit():
    comp = composition("rich", "national_final")
    text = _text(comp)
    assert "政府性基金预算财政拨款年初结转和结余50.00万元，本年收入312.00万元，本年支出328.00万元" in text
    assert "年末结转和结余34.00万元" in text
    assert "全年安排因公出国（境）团组1个，累计3人次" in text
    assert "外事接待1批次，4人次" in text
    assert "其中：领导用车" not in text and "主要领导干部用车1辆" in text
    assert "与2023年度相比，机关运行经费支出减少1.00万元，下降2.44%。" in text
    headings = [s.path[-1] for s in comp.document.sections]
    assert "十、预算绩效管理情况" in headings and "十一、其他重要事项的情况说明" in headings
    assert "（四）其他需要说明的事项" in headings


def test_change_wording():
    from gongkai.compose.narrative import change, completion

    assert change(D("10"), D("10"), "支出", 2024) == "与2023年度相比，支出持平。"
    assert change(D("8"), D("10"), "支出", 2024) == "与2023年度相比，支出减少2.00万元，下降20.00%。"
    assert change(D("8"), D("0"), "支出", 2024) == "与2023年度相比，支出增加8.00万元（上年为0）。"
    assert completion(D("5"), D("0"), "预算") == "预算为0万元，支出决算为5.00万元"


def test_glossary_lists_terms_and_codes_used():
    comp = composition("example", "national_final")
    terms = _section(comp, "第四部分 名词解释")
    assert "一、财政拨款收入：" in terms and "其他收入：" in terms
    assert "事业收入" not in terms  # the example has none
    assert "医疗保障管理事务（款）行政运行（项）：反映行政单位" in terms
    assert "医疗保障管理事务（款）其他医疗保障管理事务支出（项）：" in terms
    rich = _section(composition("rich", "national_final"), "第四部分 名词解释")
    assert "事业收入：" in rich and "使用非财政拨款结余：" in rich and "结余分配：" in rich


def test_figures_are_numbered_in_order():
    from gongkai.compose.blocks import Figure

    figs = [b.caption for b in composition("example", "national_final").blocks if isinstance(b, Figure)]
    assert figs == ["图1 收入支出决算总计变动情况", "图2 收入决算结构", "图3 支出决算结构", "图4 财政拨款收入支出决算总计变动情况",
                    "图5 一般公共预算财政拨款支出决算变动情况", "图6 一般公共预算财政拨款支出决算结构",
                    "图7 “三公”经费财政拨款支出预算与决算"]


def test_charts_use_the_bundled_font_without_missing_glyphs():
    from gongkai.compose.charts import render_charts
    from gongkai.compose.fonts import font_path, matplotlib_family, sans, serif

    assert sans().name == "NotoSansSC-Regular.otf" and serif().is_file()
    assert font_path() == sans()
    assert "Noto Sans" in matplotlib_family()
    comp = composition("rich", "national_final")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        charts = render_charts(comp.figures, ["gpb_structure", "three_public", "income_structure"])
    assert not [w for w in caught if "missing from" in str(w.message) or "Glyph" in str(w.message)]
    for chart in charts.values():
        assert chart.png.startswith(b"\x89PNG") and chart.svg.startswith("<svg")
        assert "<text" not in chart.svg  # text as outlines: the HTML needs no font


def test_pdf_embeds_the_cjk_fonts_as_subsets(tmp_path):
    from gongkai.compose.render_pdf import render_pdf

    data = render_pdf(composition("example", "national_final"))
    assert data.startswith(b"%PDF-")
    fonts = set(re.findall(rb"/BaseFont\s*/([A-Z]{6}\+[A-Za-z-]+)", data))
    assert any(b"NotoSerifSC" in f for f in fonts) and any(b"NotoSansSC" in f for f in fonts)
    assert b"/ToUnicode" in data and b"/FontFile3" in data  # CFF outlines, real text layer


def test_docx_sets_east_asian_fonts_and_real_tables():
    from gongkai.compose.render_docx import render_docx

    data = render_docx(composition("example", "shanxi_final"))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert 'w:eastAsia="仿宋_GB2312"' in xml and 'w:eastAsia="宋体"' in xml and 'w:eastAsia="黑体"' in xml
    assert xml.count("<w:tbl>") >= 11  # ten 公开表 and the list of units
    assert 'w:gridSpan w:val="2"' in xml and "w:vMerge" in xml  # merged header cells
    assert "<w:tblHeader/>" in xml  # header rows repeat on every page
    assert 'w:orient="landscape"' in xml


def test_html_is_self_contained():
    from gongkai.compose.render_html import render_html

    html = render_html(composition("example", "national_final"))
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html
    assert not re.search(r"""(?:src|href)=["'](?:https?:|//)""", html)  # nothing loaded from outside
    assert "<link" not in html and "<script" not in html
    assert html.count("<svg") == 7 and html.count("<table") == 13  # 9 tables, 名单, 3 张绩效自评表
    assert 'rowspan="2"' in html and 'colspan="2"' in html
    assert "公开01表" in html and "注：本表反映部门本年度的总收支和年末结转结余情况。" in html


def test_profiles_print_their_own_tables():
    national = composition("example", "national_final")
    shanxi = composition("example", "shanxi_final")
    hunan = composition("example", "hunan_final")
    assert [t.number for t in national.tables] == [f"公开0{k}表" for k in range(1, 10)]
    assert shanxi.tables[-1].template_id == "final.info_stats" and shanxi.tables[-1].number == "公开10表"
    assert hunan.tables[-1].template_id == "final.soe_capital_expenditure"
    info = shanxi.document.table("final.info_stats")
    assert info.row("procurement_total").value("value") == D("36.50")
    assert info.row("vehicles_total").value("value") == 2 and info.row("vehicles_other").value("value") == 2
    # 行次 and 栏次 where the regional sets print them
    s = hunan.document.table("final.summary")
    assert s.row("inc_gpb").number == 1 and s.row("exp_grand").number is not None
    assert national.document.table("final.summary").row("inc_gpb").number is None
    paired = national.document.table("final.three_public").columns
    assert [c.key for c in paired[:2]] == ["budget_total", "actual_total"]
    blocked = hunan.document.table("final.three_public").columns
    assert [c.key for c in blocked[:2]] == ["budget_total", "budget_abroad"]


def test_sichuan_explains_performance_under_other_matters():
    """四川 (seed 001; the 2024 渠县 disclosures): 十、其他重要事项的情况说明 holds （四）预算绩效管理情况."""
    comp = composition("rich", "sichuan_final")
    paths = [s.path for s in comp.document.sections]
    headings = [p[-1] for p in paths]
    assert "十、其他重要事项的情况说明" in headings and "十一、其他重要事项的情况说明" not in headings
    assert not any(h.endswith("、预算绩效管理情况") for h in headings)
    perf = next(p for p in paths if p[-1] == "（四）预算绩效管理情况")
    assert perf[-2] == "十、其他重要事项的情况说明"
    assert "平均得分92.50分" in _section(comp, "（四）预算绩效管理情况")
    assert "（五）其他需要说明的事项" in headings
    national = [s.path[-1] for s in composition("rich", "national_final").document.sections]
    assert "十、预算绩效管理情况" in national and "（四）其他需要说明的事项" in national


def test_shanghai_overview_follows_the_template():
    comp = composition("example", "shanghai_final")
    headings = [s.path[-1] for s in comp.document.sections]
    assert "一、主要职能" in headings and "二、部门决算单位构成" in headings and "一、部门职责" not in headings
    text = _section(comp, "二、部门决算单位构成")
    assert "从预算单位构成看，上海市示例区医疗保障局部门决算包括：上海市示例区医疗保障局本级决算、下属行政事业单位决算。" in text
    from gongkai.compose.blocks import ListTable

    (names,) = [b for b in comp.blocks if isinstance(b, ListTable)]
    assert names.header == ["序号", "单位名称", "备注"]


def test_sichuan_prints_thirteen_numbered_tables_wide_ones_landscape():
    comp = composition("example", "sichuan_final")
    assert [(t.number, t.title) for t in comp.tables][4:9] == [
        ("公开05表", "财政拨款支出决算明细表"), ("公开06表", "一般公共预算财政拨款支出决算表"),
        ("公开07表", "一般公共预算财政拨款支出决算明细表"), ("公开08表", "一般公共预算财政拨款基本支出决算表"),
        ("公开09表", "一般公共预算财政拨款项目支出决算表")]
    wide = {t.template_id: t for t in comp.tables}
    assert wide["final.fiscal_expenditure_detail"].landscape and wide["final.gpb_expenditure_detail"].landscape
    assert wide["final.fiscal_expenditure_detail"].ncols == 12 and wide["final.gpb_expenditure_detail"].ncols == 13
    assert wide["final.gpb_expenditure_detail"].header[-1][0].text == "栏次"  # 行次/栏次 as the 湖南/山西 sets


def test_pdf_contents_grow_to_a_second_page_when_needed():
    """Seven 绩效自评表 (or 13 公开表) make the 目录 longer than a page: it takes two, 第一部分 still starts page 1."""
    import pypdfium2 as pdfium

    from gongkai.compose import ComposeInput, compose
    from gongkai.compose.render_pdf import render_pdf
    from test_compose_roundtrip import example_dict

    data = example_dict()
    data["performance"] += [dict(p, name=f"{p['name']}（二期）") for p in data["performance"]]
    data["performance"].append(dict(data["performance"][0], name="医疗保障经办服务项目（三期）"))
    comp = compose(ComposeInput.model_validate(data), "national_final", charts=False)
    pdf = pdfium.PdfDocument(render_pdf(comp))
    text = [pdf[k].get_textpage().get_text_range().replace("\r", "") for k in range(4)]
    assert text[1].startswith("目") and "第一部分 部门概况" in text[1] and "第四部分 名词解释" not in text[1]
    assert "第四部分 名词解释" in text[2] and "第一部分 部门概况" not in text[2]
    assert text[3].startswith("第一部分 部门概况") and text[3].rstrip().endswith("— 1 —")
    first = next(line for line in text[1].splitlines() if line.startswith("第一部分"))
    assert first.rstrip().endswith(" 1")


# -- each region's layout ---------------------------------------------------------------------------
def _parts(comp) -> list[str]:
    return [s.path[0] for s in comp.document.sections if len(s.path) == 1]


def _tables_under(comp, part: str) -> list[str]:
    """The 目录 entries of the tables printed in `part` (up to the next part)."""
    from gongkai.compose.blocks import Heading, TableBlock

    out, inside = [], False
    for b in comp.blocks:
        if isinstance(b, Heading) and b.level == 0:
            inside = b.text == part
        elif inside and isinstance(b, TableBlock):
            out.append(b.toc)
    return out


def test_national_parts_are_unchanged():
    comp = composition("example", "national_final")
    assert _parts(comp) == ["第一部分 部门概况", "第二部分 2023年度部门决算表", "第三部分 2023年度部门决算情况说明",
                            "第四部分 名词解释"]
    tables = _tables_under(comp, "第二部分 2023年度部门决算表")
    assert tables[0] == "一、收入支出决算总表" and tables[-1].startswith("十二、项目支出绩效自评表")


def test_sichuan_prints_the_tables_last():
    """Seed 001: 概况, 情况说明, 名词解释, 附件 (the 绩效自评表), 附表 (the 13 公开表)."""
    comp = composition("example", "sichuan_final")
    assert _parts(comp) == ["第一部分 部门概况", "第二部分 2023年度部门决算情况说明", "第三部分 名词解释",
                            "第四部分 附件", "第五部分 附表"]
    attached = _tables_under(comp, "第四部分 附件")
    assert len(attached) == 3 and all(t.startswith(f"{n}、项目支出绩效自评表（") for t, n in zip(attached, "一二三"))
    appended = _tables_under(comp, "第五部分 附表")
    assert appended[0] == "一、收入支出决算总表" and appended[-1] == "十三、财政拨款“三公”经费支出决算表"
    assert len(appended) == 13
    assert "各项目支出绩效自评表见附件。" in _section(comp, "（四）预算绩效管理情况")
    # nothing to attach: no 附件 part, the 附表 become 第四部分
    assert _parts(composition("rich", "sichuan_final"))[-2:] == ["第三部分 名词解释", "第四部分 附表"]


def test_shanghai_part_titles_carry_the_unit_name():
    comp = composition("example", "shanghai_final")
    u = "上海市示例区医疗保障局"
    assert _parts(comp) == [f"第一部分 {u}概况", f"第二部分 {u}2023年度部门决算表",
                            f"第三部分 {u}2023年度部门决算情况说明", "第四部分 名词解释"]
    from gongkai.compose.blocks import Heading, TableBlock

    part = next(k for k, b in enumerate(comp.blocks) if isinstance(b, Heading) and b.text.startswith("第二部分"))
    first = comp.blocks[part + 1]
    assert comp.blocks[part].inline and isinstance(first, TableBlock) and first.banner == f"{u}2023年度部门决算表"
    assert not any(b.banner for b in comp.blocks[part + 2:] if isinstance(b, TableBlock))


def _pdf_pages(comp) -> list[str]:
    import pypdfium2 as pdfium

    from gongkai.compose.render_pdf import render_pdf

    pdf = pdfium.PdfDocument(render_pdf(comp))
    return [pdf[k].get_textpage().get_text_range().replace("\r", "") for k in range(len(pdf))]


def test_shanghai_tables_print_only_the_unit_line():
    """上海 2024 决算: 单位：万元 right above each table, no 编制部门 / 年度 line; the part title heads the first
    table's page (no divider page, no 第二部分)."""
    from docx import Document as Docx

    from gongkai.compose.render_docx import render_docx
    from gongkai.compose.render_html import render_html

    comp = composition("example", "shanghai_final")
    pages = _pdf_pages(comp)
    tables = [p for p in pages if "注：本表反映" in p]
    assert len(tables) >= 9 and all("单位：万元" in p for p in tables)
    assert not any("编制部门" in p or "金额单位" in p for p in pages)
    first = next(p for p in pages if "收入支出决算总表" in p and "目" not in p[:2])
    lines = [x.strip() for x in first.splitlines() if x.strip()]
    assert lines[:3] == ["上海市示例区医疗保障局2023年度部门决算表", "收入支出决算总表", "单位：万元"]
    assert not any(p.strip().startswith("第二部分") for p in pages)
    html = render_html(comp)
    assert html.count('<div class="table-unit">单位：万元</div>') >= 9 and "编制部门" not in html
    docx = Docx(io.BytesIO(render_docx(comp)))
    texts = [p.text for p in docx.paragraphs]
    assert texts.count("单位：万元") >= 9 and not any("编制部门" in t for t in texts)
    national = "\n".join(_pdf_pages(composition("example", "national_final")))
    assert "编制部门：" in national and "金额单位：万元" in national
