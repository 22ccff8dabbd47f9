"""Batches a reviewer can trust: folders read by content, one bad file never stopping the rest, the
exit code saying the worst, the 文件 and 表格 files of one disclosure paired, and the corpus survey."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import EXAMPLE
from gongkai.batch import documents, expand
from gongkai.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def _split_example(folder: Path) -> tuple[Path, Path]:
    """The example disclosure as two files: the narrative (文件) and the tables (表格)."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(k for k, x in enumerate(lines) if x.startswith("第二部分"))
    end = next(k for k, x in enumerate(lines) if x.startswith("第三部分"))
    narrative = folder / "示例市医疗保障局2023年度部门决算公开文件.txt"
    tables = folder / "示例市医疗保障局2023年度部门决算公开表.txt"
    narrative.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    tables.write_text(lines[0] + "\n" + "".join(lines[start:end]), encoding="utf-8")
    return narrative, tables


def _mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "批量"
    (folder / "子目录").mkdir(parents=True)
    (folder / "a_示例.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "子目录" / "b_示例.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "损坏.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 40)
    (folder / "图片.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (folder / "说明.txt").write_text("这是一份说明，与公开文件无关。\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text("部门决算\n", encoding="utf-8")
    return folder


def test_folder_is_expanded_recursively_by_content(tmp_path):
    folder = _mixed_folder(tmp_path)
    exp = expand([folder])
    names = sorted(p.name for p in exp.files)
    assert names == ["a_示例.txt", "b_示例.txt", "损坏.pdf"]  # a PDF by its magic, even a broken one
    skipped = {p.name: why for p, why in exp.skipped}
    assert set(skipped) == {"图片.png", "说明.txt"} and "图片" in skipped["图片.png"]


def test_one_bad_file_never_stops_the_batch_and_the_exit_code_says_the_worst(tmp_path):
    folder = _mixed_folder(tmp_path)
    r = run("check", folder, "-f", "json")
    assert r.exit_code == 2  # a file could not be read: worse than findings
    assert "损坏.pdf" in r.stderr and "Traceback" not in r.output
    reports = json.loads(r.stdout)
    assert len(reports) == 2 and all(x["unit_name"] == "示例市医疗保障局" for x in reports)
    # the good files alone: no error findings → 0
    good = run("check", folder / "a_示例.txt", folder / "子目录")
    assert good.exit_code == 0, good.output
    # a missing file among good ones: the good ones are still checked, the missing one named
    r = run("parse", folder / "a_示例.txt", tmp_path / "没有.pdf")
    assert r.exit_code == 2 and "没有.pdf" in r.stderr and "示例市医疗保障局" in r.stdout


def test_outcomes_carry_the_reason_of_each_failure(tmp_path):
    folder = _mixed_folder(tmp_path)
    outcomes = list(documents(expand([folder, tmp_path / "missing.docx"])))
    failed = {o.paths[0].name: o.error for o in outcomes if o.document is None}
    assert set(failed) == {"missing.docx", "损坏.pdf"}
    assert "文件不存在" in failed["missing.docx"] and "损坏.pdf" in failed["损坏.pdf"]


def test_narrative_and_tables_files_of_one_disclosure_are_paired(tmp_path):
    narrative, tables = _split_example(tmp_path)
    outcomes = list(documents(expand([tmp_path])))
    assert len(outcomes) == 1
    o = outcomes[0]
    assert [p.name for p in o.paths] == [narrative.name, tables.name] and o.paired
    doc = o.document
    assert len([t for t in doc.tables if t.template_id]) == 9 and doc.sections and len(doc.source.parts) == 2
    # not paired when asked not to, or when the years differ
    assert len(list(documents(expand([tmp_path]), pair=False))) == 2
    tables.write_text(tables.read_text(encoding="utf-8").replace("2023", "2022"), encoding="utf-8")
    assert len(list(documents(expand([tmp_path])))) == 2


def test_pairing_is_reported_on_the_command_line(tmp_path):
    _split_example(tmp_path)
    r = run("parse", tmp_path)
    assert r.exit_code == 0 and "合并" in r.stderr and r.stdout.count("示例市医疗保障局  2023年度") == 1


def test_survey_text_json_and_markdown(tmp_path):
    folder = _mixed_folder(tmp_path)
    r = run("survey", folder, "-f", "json")
    assert r.exit_code == 2  # the broken PDF
    data = json.loads(r.stdout)
    docs = {Path(d["files"][0]).name: d for d in data["documents"]}
    ok = docs["a_示例.txt"]
    assert ok["kind"] == "部门决算" and ok["year"] == 2023 and ok["unit"] == "示例市医疗保障局"
    assert len(ok["standard"]) == 9 and ok["balance"] == "平衡" and ok["findings"]["error"] == 0
    assert {e["template"] for e in ok["standard"]} >= {"final.summary", "final.three_public"}
    assert docs["损坏.pdf"]["error"] and data["totals"]["failed"] == 1 and data["totals"]["standard"] == 18
    md = run("survey", folder / "a_示例.txt", folder / "子目录", "-f", "markdown", "-o", tmp_path / "s.md")
    assert md.exit_code == 0
    text = (tmp_path / "s.md").read_text(encoding="utf-8")
    assert "| 按模板识别的标准表 | 18 |" in text and "final.gpb_basic" in text
    plain = run("survey", folder / "a_示例.txt")
    assert "收支总表：平衡" in plain.stdout and "标准表：final.summary" in plain.stdout


def test_survey_reports_an_unbalanced_summary_and_a_grid_left_generic(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    broken = tmp_path / "不平.txt"
    # the 支出 side's 总计 misprinted, and a table whose title gongkai does not know
    lines = text.splitlines()
    k = next(i for i, x in enumerate(lines) if x.startswith("总计\t"))  # the 收入支出决算总表's last row
    cells = lines[k].split("\t")
    cells[-1] = "828.40"
    lines[k] = "\t".join(cells)
    lines += ["", "某某专项资金分配明细表", "项目\t金额", "甲\t1.00", "合计\t1.00"]
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    data = json.loads(run("survey", broken, "-f", "json").stdout)["documents"][0]
    assert data["balance"].startswith("不平")
    assert [e["title"] for e in data["generic_standard"]] == ["某某专项资金分配明细表"]
