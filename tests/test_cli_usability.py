"""What a new user trips over: unknown rule codes, overwriting a filled workbook, missing output folders,
multi-file CSV, English framework messages, internal row prefixes in the XLSX 问题清单."""

from __future__ import annotations

import csv
import io
import re

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLE, ROOT
from gongkai.cli import app

EXAMPLE_XLSX = ROOT / "examples" / "示例填报_2023.xlsx"
ENGLISH = re.compile(r"Usage:|Error:|Missing|No such|Invalid value|Try '|requires an argument|"
                     r"Is a directory|Show this message|unexpected extra|\[required\]|\[default")


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


# ---- 1. unknown rule codes ------------------------------------------------------------------------


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_code_on_the_command_line_is_refused(option):
    r = run("check", EXAMPLE, option, "B1,ZZZ")
    assert r.exit_code == 2
    assert "ZZZ" in r.output and "不对应任何规则" in r.output and "未发现问题" not in r.output
    assert "B1" not in r.output.split("：", 1)[1].split("（")[0]  # only the unknown code is named


def test_unknown_rule_code_in_the_configuration_is_refused(tmp_path, monkeypatch):
    (tmp_path / "gongkai.toml").write_text('select = ["B", "Q9"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("check", EXAMPLE)
    assert r.exit_code == 2 and "Q9" in r.output and "gongkai.toml" in r.output
    (tmp_path / "gongkai.toml").write_text('ignore = "X9"\n', encoding="utf-8")
    r = run("check", EXAMPLE)
    assert r.exit_code == 2 and "X9" in r.output


def test_known_prefixes_still_select():
    r = run("check", EXAMPLE, "--select", "b1", "--ignore", "B102")
    assert r.exit_code == 0 and "未发现问题" in r.output


# ---- 2. never replace a filled workbook or composed document without --force ---------------------


def test_template_refuses_an_existing_workbook_unless_forced(tmp_path):
    out = tmp_path / "填报.xlsx"
    out.write_bytes(b"filled in by the user")
    r = run("template", "--year", "2024", "-o", out)
    assert r.exit_code == 2 and "已存在" in r.output and "--force" in r.output
    assert out.read_bytes() == b"filled in by the user"
    r = run("template", "--year", "2024", "-o", out, "--force")
    assert r.exit_code == 0 and out.read_bytes()[:2] == b"PK"


def test_compose_refuses_an_existing_output_unless_forced(tmp_path):
    out = tmp_path / "公开.html"
    out.write_text("edited by hand", encoding="utf-8")
    r = run("compose", EXAMPLE_XLSX, "-o", out)
    assert r.exit_code == 2 and "已存在" in r.output
    assert out.read_text(encoding="utf-8") == "edited by hand"
    r = run("compose", EXAMPLE_XLSX, "-o", out, "--force")
    assert r.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    r = run("compose", EXAMPLE_XLSX, "-o", EXAMPLE_XLSX, "--force")
    assert r.exit_code == 2 and "不能与输入文件相同" in r.output


def test_reports_may_replace_a_previous_report_but_never_an_input(tmp_path):
    out = tmp_path / "report.json"
    out.write_text("old report", encoding="utf-8")
    assert run("check", EXAMPLE, "-f", "json", "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("{")
    copy = tmp_path / "doc.txt"
    copy.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    r = run("check", copy, "-f", "json", "-o", copy)
    assert r.exit_code == 2 and "不能与输入文件相同" in r.output


# ---- 3. one CSV for several files -----------------------------------------------------------------


def test_multi_file_csv_has_one_header_and_source_columns(tmp_path):
    second = tmp_path / "second.txt"
    second.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    r = run("parse", EXAMPLE, second, "-f", "csv")
    assert r.exit_code == 0
    assert r.stdout.count("file,unit_name,year,doc_kind,") == 1
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert {x["file"] for x in rows} == {str(EXAMPLE), str(second)}
    hit = [x for x in rows if x["template_id"] == "final.summary" and x["row_key"] == "exp_total"]
    assert len(hit) == 2 and all(x["unit_name"] == "示例市医疗保障局" and x["year"] == "2023"
                                 and x["doc_kind"] == "部门决算" and x["value"] == "815.82" for x in hit)


# ---- 5. framework messages in Chinese -------------------------------------------------------------


@pytest.mark.parametrize("args,said", [
    (["template", "--year", "2024"], "缺少选项 --output"),
    (["check", EXAMPLE, "--colour"], "没有选项 --colour"),
    (["parse", "-f", "xml", EXAMPLE], "可选：text、json、csv"),
    (["parse", "--rows", "many", EXAMPLE], "应为整数"),
    (["parse"], "缺少参数 FILES"),
    (["frobnicate"], "没有命令 frobnicate"),
    (["rules", "B101", "extra"], "多余的参数：extra"),
    (["check", EXAMPLE, "-o"], "选项 -o 后面需要一个值"),
])
def test_usage_errors_are_chinese(args, said):
    r = run(*args)
    assert r.exit_code == 2
    assert said in r.output and "错误：" in r.output
    assert not ENGLISH.search(r.output), r.output


@pytest.mark.parametrize("args", [["--help"], ["parse", "--help"], ["check", "--help"], ["compose", "--help"]])
def test_help_screens_are_chinese(args):
    r = run(*args)
    assert r.exit_code == 0 and "用法：" in r.output and "选项：" in r.output
    assert not ENGLISH.search(r.output), r.output


def test_output_that_is_a_folder_is_refused_in_chinese(tmp_path):
    r = run("parse", EXAMPLE, "-o", tmp_path)
    assert r.exit_code == 2 and "文件夹" in r.output and not ENGLISH.search(r.output)


# ---- 6. missing output folders are not created ----------------------------------------------------


@pytest.mark.parametrize("args", [
    ["parse", EXAMPLE, "-o", "{missing}/out.txt"],
    ["check", EXAMPLE, "-f", "html", "-o", "{missing}/report.html"],
    ["template", "--year", "2024", "-o", "{missing}/填报.xlsx"],
    ["compose", EXAMPLE_XLSX, "-o", "{missing}/公开.html"],
    ["schema", "-o", "{missing}/schema.json"],
])
def test_missing_output_folder_is_refused(tmp_path, args):
    missing = tmp_path / "no" / "such"
    r = run(*[str(a).replace("{missing}", str(missing)) for a in args])
    assert r.exit_code == 2 and "输出文件夹不存在" in r.output and str(missing) in "".join(r.output.split())
    assert not (tmp_path / "no").exists()


# ---- 7. the XLSX 问题清单 shows rows as printed ------------------------------------------------------


def test_xlsx_listing_shows_printed_rows_not_internal_blocks():
    from test_report_html import make_pair
    from test_report_xlsx import book

    doc, report = make_pair()
    h101 = next(f for f in report.findings if f.code == "H101")
    h101.location.block = "2"  # the second column group of a table printed in two halves
    ws = book([(doc, report)])["问题清单"]
    rows = {r[2].value: r for r in ws.iter_rows(min_row=2)}
    assert not rows["H101"][6].value.startswith("2·") and "社会保障和就业支出" in rows["H101"][6].value
    assert rows["B104"][6].value.startswith("收入·")  # the printed side of a two-sided table stays


def test_malformed_configuration_and_input_are_described_in_chinese(tmp_path, monkeypatch):
    (tmp_path / "gongkai.toml").write_text("select = [B\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("check", EXAMPLE)
    assert r.exit_code == 2 and "第 1 行" in r.output and not re.search(r"[A-Za-z]{5,}", r.output.replace(
        str(tmp_path), "").replace("gongkai.toml", ""))
    (tmp_path / "gongkai.toml").unlink()
    bad = tmp_path / "填报.json"
    bad.write_text('{"unit": ', encoding="utf-8")
    r = run("compose", bad, "-o", tmp_path / "out.html")
    assert r.exit_code == 2 and "第 1 行第 10 列" in r.output and "Expecting" not in r.output
