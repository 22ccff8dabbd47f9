"""`gongkai template` and `gongkai compose`: exit codes 0 (done), 1 (input refused: inconsistent figures,
listed cell by cell), 2 (unusable input or arguments)."""

from __future__ import annotations

from pathlib import Path

FORMATS = ("docx", "pdf", "html", "xlsx")


def _fail(message: str, code: int = 2) -> None:
    from gongkai.cli import fail

    fail(message, code)


def _console():
    from gongkai.cli import err

    return err


def _check_output(output: Path, inputs: list[Path], force: bool) -> None:
    """A workbook or document the user may have filled or edited is never replaced without --force."""
    from gongkai.cli import check_output

    check_output(output, inputs, overwrite=force)


def run_template(kind: str, year: int, profile: str | None, output: Path, force: bool = False) -> int:
    from gongkai.catalog import codes

    if kind == "部门预算":
        from gongkai.compose.budget.compose import SUPPORTED
        from gongkai.compose.budget.workbook import write_budget_template as write_template
    elif kind == "部门决算":
        from gongkai.compose.compose import SUPPORTED
        from gongkai.compose.workbook import write_template
    else:
        _fail(f"暂只支持生成“部门决算”或“部门预算”填报工作簿（收到：{kind}）")
    if profile and profile not in SUPPORTED:
        _fail(f"模板口径 {profile} 暂不支持编制{kind}（目前支持：{'、'.join(SUPPORTED)}）")
    if not 2017 <= year <= 2100:
        _fail(f"年度 {year} 不在支持范围内（2017 年起）")
    if output.suffix.lower() != ".xlsx":
        _fail(f"填报工作簿应保存为 .xlsx 文件：{output}")
    _check_output(output, [], force)
    edition = codes.edition_for(year, "functional")
    data = write_template(year, profile)
    _write(output, data)
    _console().print(f"已生成{kind}填报工作簿 {output}（{year}年度，科目表采用 {edition} 年版）", highlight=False,
                     soft_wrap=True)
    return 0


def _write(output: Path, data: bytes) -> None:
    from gongkai.ingest.base import os_reason

    try:
        output.write_bytes(data)
    except OSError as exc:
        _fail(f"无法写入输出文件 {output}：{os_reason(exc)}")


def _scoring():
    """The 绩效 scoring scheme from the `performance.*` options of gongkai.toml / [tool.gongkai.options]."""
    from gongkai.config import ConfigError, find_config
    from gongkai.performance.scoring import ConfigProblem, ScoringConfig

    try:
        config, _ = find_config()
        return ScoringConfig.from_options(config.get("options", {}))
    except (ConfigError, ConfigProblem) as exc:
        _fail(str(exc))


def run_compose(source: Path, output: Path, format: str | None, profile: str | None, force: bool = False) -> int:
    from gongkai.compose.compose import ComposeError, compose
    from gongkai.compose.fonts import FontMissing
    from gongkai.compose.inputs import InputError, load_input

    fmt = (format or output.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        _fail(f"无法确定输出格式：请用 --format 指定 docx、pdf、html 或 xlsx（输出文件：{output}）")
    _check_output(output, [source], force)
    scoring = _scoring()
    try:
        loaded = load_input(source, scoring)
    except InputError as exc:
        _fail(str(exc))
    con = _console()
    for w in loaded.warnings:
        con.print(f"[yellow]提示：[/yellow]{w.describe()}", highlight=False, soft_wrap=True)
    if loaded.data is None or loaded.errors:
        con.print(f"[red]填报数据有 {len(loaded.errors)} 处错误，未生成文件：[/red]", highlight=False, soft_wrap=True)
        for p in loaded.errors:
            con.print(f"  {p.describe()}", highlight=False, soft_wrap=True)
        return 1
    try:
        comp = compose(loaded.data, profile, charts=True, scoring=scoring)
    except ComposeError as exc:
        _fail(str(exc))
    except FontMissing as exc:
        _fail(str(exc))
    if fmt == "docx":
        from gongkai.compose.render_docx import render_docx

        data = render_docx(comp)
    elif fmt == "pdf":
        from gongkai.compose.render_pdf import render_pdf

        data = render_pdf(comp)
    elif fmt == "xlsx":
        from gongkai.compose.render_xlsx import render_xlsx

        data = render_xlsx(comp)
    else:
        from gongkai.compose.render_html import render_html

        data = render_html(comp).encode("utf-8")
    _write(output, data)
    con.print(f"已生成 {output}（{comp.title}，{comp.profile} 口径，{len(comp.tables)} 张表）", highlight=False, soft_wrap=True)
    return 0
