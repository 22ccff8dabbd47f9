"""The command line as a user runs it: exit codes, formats, Chinese errors, no tracebacks."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest
from typer.testing import CliRunner

from conftest import EXAMPLE
from gongkai.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_parse_text_summary_of_the_example():
    r = run("parse", EXAMPLE, "--rows", "3")
    assert r.exit_code == 0, r.output
    assert "示例市医疗保障局" in r.output and "2023年度 部门决算" in r.output
    assert "公开01表 收入支出决算总表" in r.output and "本年支出合计（支出）815.82" in r.output


def test_parse_json_validates_against_schema():
    r = run("parse", EXAMPLE, "--format", "json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    schema = json.loads(run("schema").stdout)
    jsonschema.validate(doc, schema)
    assert doc["tables"][0]["printed_number"] == "公开01表"


def test_parse_csv_one_row_per_cell(tmp_path):
    out = tmp_path / "cells.csv"
    r = run("parse", EXAMPLE, "-f", "csv", "-o", out)
    assert r.exit_code == 0 and out.exists()
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    hit = [x for x in rows if x["template_id"] == "final.summary" and x["label"] == "本年支出合计"]
    assert hit and hit[0]["value"] == "815.82" and hit[0]["unit"] == "万元" and hit[0]["line"]


def _written(name: str, data: bytes):
    def make(folder):
        (folder / name).write_bytes(data)
        return folder / name
    return make


@pytest.mark.parametrize("make,message", [
    (lambda p: p / "missing.txt", "文件不存在"),
    (_written("empty.txt", b""), "文件为空"),
    (_written("blank.txt", b"  \n\n"), "文件为空"),
    (_written("bin.dat", b"\x00\x01\x02binary\x00" * 50), "二进制"),
    (lambda p: p, "目录"),
])
def test_unusable_input_exits_2_with_one_chinese_line(tmp_path, make, message):
    r = run("parse", make(tmp_path))
    assert r.exit_code == 2
    assert message in r.output and "Traceback" not in r.output


def test_output_never_overwrites_the_input(tmp_path):
    src = tmp_path / "doc.txt"
    src.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    before = src.read_bytes()
    r = run("parse", src, "-o", src)
    assert r.exit_code == 2 and "不能与输入文件相同" in r.output
    assert src.read_bytes() == before


def test_schema_command():
    schema = json.loads(run("schema").stdout)
    assert schema["title"] == "Document" and "tables" in schema["properties"]


def _planted(tmp_path):
    """The example with the 总表 支出方 总计 changed from 828.30 to 829.30."""
    text = EXAMPLE.read_text(encoding="utf-8").replace("总计\t56\t828.30", "总计\t56\t829.30")
    assert "829.30" in text
    path = tmp_path / "planted.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_check_exit_codes_and_text_output(tmp_path):
    clean = run("check", EXAMPLE)
    assert clean.exit_code == 0 and "未发现问题" in clean.output
    r = run("check", _planted(tmp_path))
    assert r.exit_code == 1
    assert "公开01表 收入支出决算总表" in r.output and "B103 错误" in r.output and "算式：" in r.output
    assert "B101" in r.output  # the same wrong 支出总计 breaks B101 too: one cause, reported once (under B103)


def test_check_select_ignore_and_json(tmp_path):
    path = _planted(tmp_path)
    r = run("check", path, "--select", "B101", "-f", "json")
    data = json.loads(r.stdout)
    assert {f["code"] for f in data["findings"]} == {"B101"} and data["rules_run"] == ["B101"]
    r = run("check", path, "--ignore", "B")
    assert r.exit_code == 0


def test_check_reads_configuration(tmp_path, monkeypatch):
    path = _planted(tmp_path)
    (tmp_path / "gongkai.toml").write_text('ignore = ["B10"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("check", path, "-f", "json")
    assert not [f for f in json.loads(r.stdout)["findings"] if f["code"].startswith("B10")]
    (tmp_path / "gongkai.toml").write_text('colour = "red"\n', encoding="utf-8")
    bad = run("check", path)
    assert bad.exit_code == 2 and "未知的设置项" in bad.output


def test_check_unknown_profile_and_missing_output(tmp_path):
    assert run("check", EXAMPLE, "--profile", "mars").exit_code == 2
    r = run("check", EXAMPLE, "-f", "html")
    assert r.exit_code == 2 and "-o" in r.output


def test_rules_listing_and_doc():
    r = run("rules")
    assert r.exit_code == 0 and "B101" in r.output and "收支平衡" in r.output
    one = run("rules", "b101")
    assert "### 检查内容" in one.output and "### 如何修正" in one.output
    assert run("rules", "Z999").exit_code == 2


def test_parse_as_one_merges_files(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    cut = text.index("第三部分")
    tables, narrative = tmp_path / "表格.txt", tmp_path / "说明.txt"
    tables.write_text(text[:cut], encoding="utf-8")
    narrative.write_text(text[cut:], encoding="utf-8")
    r = run("parse", narrative, tables, "--as-one", "-f", "json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert [p["path"] for p in doc["source"]["parts"]] == [str(narrative), str(tables)]
    assert len([t for t in doc["tables"] if t["template_id"]]) == 9
    assert any("收入支出决算总体情况说明" in " ".join(s["path"]) for s in doc["sections"])
    paired = json.loads(run("parse", narrative, tables, "-f", "json").stdout)  # paired by what they show
    assert [p["path"] for p in paired["source"]["parts"]] == [str(narrative), str(tables)]
    separately = json.loads(run("parse", narrative, tables, "--no-pair", "-f", "json").stdout)
    assert isinstance(separately, list) and len(separately) == 2
