from gongkai.ingest.base import Grid, TextLine
from gongkai.ingest.text import clean_text, parse_text


def blocks(text):
    return list(parse_text(text).blocks())


def test_cell_per_line_rows_split_on_blank_lines_and_wrapped_cells_join():
    text = "标题\n\n\t项目\n\t行次\n\n\t社会\n效益\n\t1\n\n注：说明\n"
    b = blocks(text)
    assert isinstance(b[0], TextLine) and b[0].text == "标题"
    grid = b[1]
    assert isinstance(grid, Grid)
    assert grid.texts() == [["项目", "行次"], ["社会\n效益", "1"]]
    cell = grid.rows[1][0]
    assert (cell.line, cell.line_end) == (6, 7)
    assert isinstance(b[2], TextLine) and b[2].text == "注：说明"


def test_row_per_line_keeps_empty_fields():
    text = "a\tb\t\tc\n\t9\t\n"
    (grid,) = blocks(text)
    assert grid.texts() == [["a", "b", "", "c"], ["", "9", ""]]
    assert [r[0].line for r in grid.rows] == [1, 2]


def test_trailing_tab_is_not_a_row():
    (line,) = blocks("六、基本支出决算情况说明\t\n")
    assert isinstance(line, TextLine) and line.text == "六、基本支出决算情况说明"


def test_markdown_artefacts_are_removed():
    assert clean_text("### 一、部门职责") == "一、部门职责"
    assert clean_text("- 1. 四川省医疗保障局机关") == "1. 四川省医疗保障局机关"
    assert clean_text("[bookmark: _Toc1]（一）主要职能。") == "（一）主要职能。"
    assert clean_text("**卫生健康（类）**支出") == "卫生健康（类）支出"


def test_a_title_line_after_a_cell_is_not_swallowed():
    text = "\t已完成\n项目绩效目标完成情况表(2020年度)\n\n\t项目名称\n"
    b = blocks(text)
    assert [type(x).__name__ for x in b] == ["Grid", "TextLine", "Grid"]
