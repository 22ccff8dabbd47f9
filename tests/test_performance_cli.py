"""`gongkai score`: printed and recomputed scores side by side, JSON, exit codes, configuration."""

from __future__ import annotations

import json
from decimal import Decimal

from typer.testing import CliRunner

from conftest import EXAMPLE, seed_path
from gongkai.cli import app

runner = CliRunner()

TABLE = (
    "示例局2023年度部门决算\n\n测试经费项目绩效自评表\n\n"
    "项目名称\t\t测试经费\t\t\t\t\t\t\t\n"
    "项目资金(万元)\t\t\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
    "\t\t年度资金总额\t\t100\t80\t60\t10\t75\t9\n"
    "\t一级指标\t二级指标\t三级指标\t年度指标值\t调整后指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
    "绩效目标\t产出指标\t数量指标\t培训次数\t≥10次\t\t8次\t60\t48\t疫情影响\n"
    "\t\t成本指标\t培训费用\t≤10万元\t\t12万元\t30\t25\t超支\n"
    "总分\t\t\t\t\t\t\t100\t82\t\n"
)


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def write(tmp_path):
    path = tmp_path / "score.txt"
    path.write_text(TABLE, encoding="utf-8")
    return path


def test_score_side_by_side(tmp_path):
    r = run("score", write(tmp_path))
    assert r.exit_code == 0, r.output
    assert "项目：测试经费" in r.output and "表中得分" in r.output and "复算得分" in r.output
    assert "执行率 75% × 权重 10 = 7.5" in r.output and "不符" in r.output
    assert "指标值 10 ÷ 完成值 12 × 权重 30 = 25" in r.output  # 反向指标, default formula


def test_score_json(tmp_path):
    r = run("score", write(tmp_path), "-f", "json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    (item,) = data["evaluations"]
    assert item["evaluation"]["name"] == "测试经费"
    lines = item["score"]["lines"]
    assert [ln["verdict"] for ln in lines] == ["differs", "match", "match"]
    assert Decimal(lines[0]["recomputed"]) == Decimal("7.5") and lines[0]["printed"] == "9"


def test_score_reads_the_configuration(tmp_path, monkeypatch):
    path = write(tmp_path)
    (tmp_path / "gongkai.toml").write_text('[options]\nperformance.le_formula = "linear_penalty"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("score", path)
    assert r.exit_code == 0 and "(1 − (12 − 10) ÷ 10) × 权重 30 = 24" in r.output
    (tmp_path / "gongkai.toml").write_text('[options]\nperformance.le_formula = "half"\n', encoding="utf-8")
    r = run("score", path)
    assert r.exit_code == 2 and "performance.le_formula" in r.output


def test_score_output_file_and_unusable_input(tmp_path):
    out = tmp_path / "out.txt"
    r = run("score", write(tmp_path), "-o", out)
    assert r.exit_code == 0 and "测试经费" in out.read_text(encoding="utf-8")
    r = run("score", tmp_path / "missing.txt")
    assert r.exit_code == 2 and "错误" in r.output and "Traceback" not in r.output


def test_score_on_a_document_without_performance_tables():
    r = run("score", EXAMPLE)
    assert r.exit_code == 0 and "未找到绩效表" in r.output


def test_score_seed_001():
    r = run("score", seed_path("001"))
    assert r.exit_code == 0
    assert "绩效表 19 张" in r.output and "执行率 20.61% × 权重 10 = 2.06" in r.output and "无法读取" in r.output
