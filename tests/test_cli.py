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
