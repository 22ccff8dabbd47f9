"""Narrative sections: headings printed over two lines are one heading; 目录 entries are not headings."""

from __future__ import annotations

from gongkai.model.location import Span
from gongkai.recognize.sections import build_sections
from gongkai.recognize.stream import Item


def lines(*texts, page=None):
    return [Item(text=t, span=Span(page=page, line=k + 1)) for k, t in enumerate(texts)]


def placed(*rows, page=3):
    """(text, x0, top, x1, bottom) lines of one PDF page."""
    return [Item(text=t, span=Span(page=page, bbox=(x0, top, x1, bottom))) for t, x0, top, x1, bottom in rows]


def paths(sections):
    return [s.path for s in sections]


def test_bare_part_number_joins_the_title_on_the_next_line():
    got = build_sections(lines("第一部分", "单位概况", "一、主要职责", "负责全市的有关工作。"))
    assert paths(got) == [["第一部分 单位概况"], ["第一部分 单位概况", "一、主要职责"]]
    assert got[1].text == "负责全市的有关工作。"


def test_wrapped_heading_tail_joins_without_positions():
    got = build_sections(lines("第三部分 2023年度部门决算情况", "说明", "一、收入支出决算总体情况说明", "收支总计828.30万元。"))
    assert paths(got)[0] == ["第三部分 2023年度部门决算情况说明"]


def test_wrapped_heading_by_position_centred_or_reaching_the_right_margin():
    page = placed(
        ("第一部分 示例市政务服务和数据管理局概", 97, 61, 504, 83),
        ("况", 290, 83, 312, 105),  # centred under the first line
        ("示例市政务服务和数据管理局的主要职责是：负责全市政务服务的统筹。", 63, 120, 533, 136),
        ("九、一般公共预算“三公”经费、会议费、培训费支出预算情", 96, 642, 533, 658),
        ("况说明", 63, 673, 111, 689),  # the first line reached the right margin
        ("2026年“三公”经费预算12.00万元。", 63, 700, 300, 716),
    )
    got = build_sections(page)
    assert paths(got) == [["第一部分 示例市政务服务和数据管理局概况"],
                          ["第一部分 示例市政务服务和数据管理局概况", "九、一般公共预算“三公”经费、会议费、培训费支出预算情况说明"]]


def test_short_lines_that_are_not_a_continuation_stay_body():
    page = placed(
        ("第二部分 2026年部门预算表", 282, 42, 558, 64),
        ("表1", 780, 89, 798, 101),  # a table number far to the right
        page=7,
    )
    assert paths(build_sections(page)) == [["第二部分 2026年部门预算表"]]
    got = build_sections(lines("一、部门职责", "负责。", "二、机构设置"))
    assert paths(got) == [["一、部门职责"], ["二、机构设置"]] and got[0].text == "负责。"


def test_dotted_toc_entries_are_one_toc_section():
    got = build_sections(lines(
        "目 录", "第一部分 单位概况........................1", "一、单位主要职责..............2",
        "第二部分 2026 年度单位预算表..............5", page=2)
        + lines("第一部分", "单位概况", page=3)
        + lines("一、单位主要职责", "示例局的主要职责是：负责全市有关工作。", page=4))
    assert paths(got) == [["目录"], ["第一部分 单位概况"], ["第一部分 单位概况", "一、单位主要职责"]]
    assert "一、单位主要职责" in got[0].text and "第二部分" in got[0].text


def test_toc_without_page_numbers_ends_when_the_first_entry_recurs():
    got = build_sections(lines(
        "目  录", "第一部分 单位概况", "一、主要职能", "二、机构设置", "第二部分 2026 年度单位预算表", "一、收支总表",
        "第三部分 2026 年度单位预算情况说明", "第四部分 名词解释", page=2)
        + lines("第一部分 单位概况", "一、主要职能", "负责全市有关工作。", page=3))
    assert paths(got) == [["目录"], ["第一部分 单位概况"], ["第一部分 单位概况", "一、主要职能"]]
    assert got[0].text.count("\n") == 6


def test_toc_with_numbered_sub_entries_continuing_on_the_next_page():
    got = build_sections(lines("目录", "一、单位主要职能", "五、单位预算表", "1. 2026年收支预算总表", page=2)
                         + lines("六、其他相关情况说明", "示例局（单位）主要职能", "示例局负责全市有关工作。", page=3)
                         + lines("一、2026年“三公”经费预算情况说明", "预算12.00万元。", page=20))
    assert paths(got) == [["目录"], ["（正文）"], ["一、2026年“三公”经费预算情况说明"]]
    assert "六、其他相关情况说明" in got[0].text


def test_toc_in_a_text_dump_via_the_pipeline(tmp_path):
    from gongkai.pipeline import parse_file

    body = "第一部分 部门概况\n一、部门职责\n负责全市有关工作。\n"
    for toc in ("第一部分 部门概况 1\n第二部分 2024年度部门决算表 3\n",  # entries as text lines
                "第一部分 部门概况\t1\n第二部分 2024年度部门决算表\t3\n"):  # entries as a grid, not narrative
        path = tmp_path / "doc.txt"
        path.write_text("示例市示例局2024年度部门决算\n目录\n" + toc + body, encoding="utf-8")
        doc = parse_file(path)
        assert [s.path for s in doc.sections if s.path[0] != "（前言）"] == [
            ["目录"], ["第一部分 部门概况"], ["第一部分 部门概况", "一、部门职责"]], toc


def test_part_heading_after_a_labelled_table_starts_a_section(tmp_path):
    """A short 第X部分 heading right after a table of labelled sections (部门决算公开相关信息统计表) is not one of
    that table's section labels."""
    from gongkai.pipeline import parse_file

    path = tmp_path / "doc.txt"
    path.write_text(
        "示例市示例局2021年度部门决算\n\n部门决算公开相关信息统计表\n\t\t公开10表\n单位：万元\n"
        "一、政府采购情况\t\t\n项目\t行次\t采购金额\n合计\t1\t186.86\n货物\t2\t180.37\n"
        "二、机关运行经费\t\t\n项目\t\t统计数\n(一) 行政单位\t5\t28.49\n"
        "注：本表反映部门本年度政府采购及机关运行经费情况。\n\n"
        "第三部分 2021 年度部门决算情况说明\n\n一、收入支出决算总体情况说明\n\n"
        "2021年度收入总计100.00万元，支出总计100.00万元。\n", encoding="utf-8")
    doc = parse_file(path)
    assert ["第三部分 2021 年度部门决算情况说明", "一、收入支出决算总体情况说明"] in [s.path for s in doc.sections]
