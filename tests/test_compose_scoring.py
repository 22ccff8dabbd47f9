"""Composition scores the 绩效自评表 under the region's `performance.*` options, as `check` and `score` do."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from gongkai.cli import app
from gongkai.compose.compose import compose
from gongkai.compose.inputs import load_input
from gongkai.performance.scoring import ScoringConfig

WORKBOOK = Path(__file__).resolve().parents[1] / "examples" / "示例填报_2023.xlsx"
STRICT_BANDS = '[options]\nperformance.bands = {"优" = 100, "良" = 90, "中" = 60, "差" = 0}\n'


def test_grades_follow_the_configured_bands():
    data = load_input(WORKBOOK).data
    default = compose(data, charts=False)
    strict = compose(data, charts=False, scoring=ScoringConfig.from_options(
        {"performance.bands": {"优": 100, "良": 90, "中": 60, "差": 0}}))
    totals = [sp.total for sp in default.performance]
    assert totals and all(90 <= t < 100 for t in totals)
    assert [sp.grade for sp in default.performance] == ["优"] * len(totals)
    assert [sp.grade for sp in strict.performance] == ["良"] * len(totals)
    assert [sp.total for sp in strict.performance] == totals


def test_compose_cli_reads_the_configuration(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    (tmp_path / "gongkai.toml").write_text(STRICT_BANDS, encoding="utf-8")
    r = runner.invoke(app, ["compose", str(WORKBOOK), "-o", "out.html"])
    assert r.exit_code == 0, r.output
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "评价等级为“良”" in html and "评价等级为“优”" not in html
    # the same configuration checks the composed file clean
    r = runner.invoke(app, ["check", "out.html", "--select", "J"])
    assert r.exit_code == 0, r.output

    (tmp_path / "gongkai.toml").write_text('[options]\nperformance.le_formula = "half"\n', encoding="utf-8")
    r = runner.invoke(app, ["compose", str(WORKBOOK), "-o", "again.html"])
    assert r.exit_code == 2 and "performance.le_formula" in r.output
    assert not (tmp_path / "again.html").exists()
