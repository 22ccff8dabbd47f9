"""Command line: thin wrappers over the pipeline. User-facing text is Chinese."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from gongkai import __version__
from gongkai.cli_zh import ChineseGroup
from gongkai.ingest.base import ReadError, os_reason

app = typer.Typer(
    help="gongkai（公开）：部门预算、部门决算公开文件的解析、审核、编制与分析工具。",
    no_args_is_help=True, add_completion=False, rich_markup_mode=None, cls=ChineseGroup,
)
err = Console(stderr=True, soft_wrap=True)


class ParseFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


def fail(message: str, code: int = 2) -> None:
    err.print(f"[red]错误：[/red]{message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def check_output(output: Path, inputs: list[Path], overwrite: bool = True) -> None:
    """Refuse an output path that cannot or must not be written: a folder, a file in a missing folder
    (never created silently), an input file, or an existing file when `overwrite` is off."""
    if output.is_dir():
        fail(f"输出路径是一个文件夹，请指定文件名：{output}")
    folder = output.parent
    if not folder.exists():
        fail(f"输出文件夹不存在：{folder}（请先创建该文件夹）")
    if not folder.is_dir():
        fail(f"输出路径中的 {folder} 不是文件夹")
    if any(output.resolve() == p.resolve() for p in inputs if p.exists()):
        fail(f"输出文件不能与输入文件相同：{output}")
    if not overwrite and output.exists():
        fail(f"输出文件已存在：{output}（为免覆盖已有内容，请换一个文件名，或加 --force 覆盖）")


def write_output(content: str | bytes, output: Path | None, inputs: list[Path]) -> None:
    if output is None:
        sys.stdout.write(content)
        return
    check_output(output, inputs)
    try:
        if isinstance(content, bytes):
            output.write_bytes(content)
        else:
            output.write_text(content, encoding="utf-8")
    except OSError as exc:
        fail(f"无法写入输出文件 {output}：{os_reason(exc)}")
    err.print(f"已写入 {output}", highlight=False)


def write_bytes(content: bytes, output: Path, inputs: list[Path]) -> None:
    write_output(content, output, inputs)


def load_batch(files: list[Path], as_one: bool = False, pair: bool = True):
    """The disclosures under the given files and folders, one Outcome each; failures are printed (file
    and reason) as they happen and never stop the rest. Returns (outcomes read, number failed)."""
    from gongkai.batch import documents, expand

    exp = expand(files)
    for path, reason in exp.skipped:
        err.print(f"跳过 {escape(str(path))}：{escape(reason)}", highlight=False)
    good, failed = [], 0
    for outcome in documents(exp, as_one=as_one, pair=pair):
        if outcome.document is None:
            failed += 1
            err.print(f"[red]错误：[/red]{escape(outcome.error or '')}", highlight=False)
            continue
        if outcome.paired:
            err.print(f"合并：{escape(outcome.paired)}", highlight=False)
        good.append(outcome)
    if not good and not failed:
        fail("目录中没有可读取的公开文件：" + "、".join(escape(str(f)) for f in files))
    return good, failed


def finish(failed: int, total: int, errors: bool) -> None:
    """Exit with the worst outcome: 2 if a file could not be used, 1 if errors were found, else 0."""
    if failed and total:
        err.print(f"共 {total + failed} 份文件，{failed} 份无法读取", highlight=False)
    raise typer.Exit(2 if failed else 1 if errors else 0)


@app.command()
def parse(
    files: list[Path] = typer.Argument(..., help="公开文件（文本、PDF、DOCX、XLSX、HTML）"),
    format: ParseFormat = typer.Option(ParseFormat.text, "--format", "-f", help="输出格式：text、json 或 csv"),
    output: Path | None = typer.Option(None, "--output", "-o", help="输出到文件（默认输出到屏幕）"),
    rows: int | None = typer.Option(None, "--rows", help="text 格式下每张表最多显示的行数"),
    as_one: bool = typer.Option(False, "--as-one", help="把多个文件作为同一份公开文件合并解析（如说明 PDF 与表格 PDF）"),
    no_pair: bool = typer.Option(False, "--no-pair", help="不自动合并同一目录中属于同一份公开文件的说明与表格"),
) -> None:
    """解析公开文件，输出规范化的数据模型。"""
    if output is not None:
        check_output(output, files)
    outcomes, failed = load_batch(files, as_one, pair=not no_pair)
    docs = [o.document for o in outcomes]
    if not docs:
        finish(failed, 0, False)
    if format is ParseFormat.json:
        payload = [json.loads(d.model_dump_json()) for d in docs]
        content = json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2) + "\n"
    elif format is ParseFormat.csv:
        from gongkai.report.parse_csv import render as render_csv

        content = render_csv(docs)
    else:
        from gongkai.report.parse_text import render as render_text

        console = Console(record=True, width=160, file=open("/dev/null", "w") if output else None)
        for d in docs:
            render_text(d, console, rows)
        if output is None:
            finish(failed, len(docs), False)
        content = console.export_text()
    write_output(content, output, [p for o in outcomes for p in o.paths])
    finish(failed, len(docs), False)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"
    xlsx = "xlsx"


def _codes(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [c.strip() for v in values for c in v.split(",") if c.strip()]


def _rule_codes(codes, where: str) -> list[str] | None:
    """Rule codes or prefixes as given on the command line or in the configuration; unknown ones refused."""
    from gongkai.audit.registry import unknown_codes

    if isinstance(codes, str):
        codes = [codes]
    codes = _codes([str(c) for c in codes]) if codes else None
    unknown = unknown_codes(codes)
    if unknown:
        fail(f"{where} 有不对应任何规则的编码：{'、'.join(unknown)}（用 gongkai rules 查看全部规则编码）")
    return codes


@app.command()
def check(
    files: list[Path] = typer.Argument(..., help="要审核的公开文件"),
    format: CheckFormat = typer.Option(None, "--format", "-f", help="输出格式：text、json、html 或 xlsx"),
    output: Path | None = typer.Option(None, "--output", "-o", help="输出到文件（html、xlsx 必须指定）"),
    select_: list[str] = typer.Option(None, "--select", help="只运行这些规则（编码或前缀，逗号分隔，如 B,X101）"),
    ignore: list[str] = typer.Option(None, "--ignore", help="不运行这些规则（编码或前缀）"),
    profile: str | None = typer.Option(None, "--profile", help="按指定模板口径审核（如 national_final、hunan_final）"),
    quiet_info: bool = typer.Option(False, "--no-info", help="不显示“提示”级别的结果"),
    as_one: bool = typer.Option(False, "--as-one", help="把多个文件作为同一份公开文件合并审核"),
    no_pair: bool = typer.Option(False, "--no-pair", help="不自动合并同一目录中属于同一份公开文件的说明与表格"),
) -> None:
    """审核公开文件：表内平衡、表间勾稽、情况说明与表格一致性等。有错误时退出码为 1。"""
    from gongkai.audit import audit
    from gongkai.catalog.templates import profiles
    from gongkai.config import ConfigError, find_config

    try:
        config, config_path = find_config()
    except ConfigError as exc:
        fail(str(exc))
    where = f"配置文件 {config_path}"
    fmt = format or CheckFormat(config.get("format", "text"))
    if fmt in (CheckFormat.html, CheckFormat.xlsx) and output is None:
        fail(f"{fmt.value} 格式需要用 -o 指定输出文件")
    if output is not None:
        check_output(output, files)
    profile = profile or config.get("profile")
    if profile and profile not in profiles():
        fail(f"未知的模板口径：{profile}（可选：{'、'.join(sorted(profiles()))}）")
    chosen = _rule_codes(_codes(select_), "--select") or _rule_codes(config.get("select"), f"{where} 中的 select")
    ignored = _rule_codes(_codes(ignore), "--ignore") or _rule_codes(config.get("ignore"), f"{where} 中的 ignore")
    outcomes, failed = load_batch(files, as_one, pair=not no_pair)
    inputs = [p for o in outcomes for p in o.paths]
    pairs = []
    for outcome in outcomes:
        doc = outcome.document
        try:
            report = audit(doc, chosen, ignored, profile, config.get("options", {}))
        except Exception as exc:  # noqa: BLE001 — one document's failure never stops the batch
            failed += 1
            err.print(f"[red]错误：[/red]审核 {escape(outcome.name)} 时出错（{type(exc).__name__}: {escape(str(exc))}）",
                      highlight=False)
            continue
        if quiet_info:
            report.findings = [x for x in report.findings if x.severity.value != "info"]
        pairs.append((doc, report))
    if fmt is CheckFormat.json:
        payload = [json.loads(r.model_dump_json()) for _, r in pairs]
        write_output(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2) + "\n",
                     output, inputs)
    elif fmt is CheckFormat.html:
        from gongkai.report.check_html import render as render_html

        write_output(render_html(pairs), output, inputs)
    elif fmt is CheckFormat.xlsx:
        from gongkai.report.check_xlsx import render as render_xlsx

        write_bytes(render_xlsx(pairs), output, inputs)
    else:
        from gongkai.report.check_text import render as render_text

        console = Console(record=output is not None, width=200, file=open("/dev/null", "w") if output else None)
        for _, r in pairs:
            render_text(r, console)
        if output is not None:
            write_output(console.export_text(), output, inputs)
    finish(failed, len(pairs), any(r.has_errors for _, r in pairs))


class SurveyFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


@app.command()
def survey(
    files: list[Path] = typer.Argument(..., help="公开文件或目录（递归读取目录中的文件）"),
    format: SurveyFormat = typer.Option(SurveyFormat.text, "--format", "-f", help="输出格式：text、json 或 markdown"),
    output: Path | None = typer.Option(None, "--output", "-o", help="输出到文件（默认输出到屏幕）"),
) -> None:
    """调查一批公开文件：每份文件的类型、年度、单位、层级、地区、口径，识别出的标准表，未识别的疑似标准表，
    收支总表是否平衡，以及审核结果的条数。"""
    from gongkai.audit import audit
    from gongkai.batch import documents, expand
    from gongkai.report import survey_render
    from gongkai.report.survey import survey_document, totals

    root = files[0] if len(files) == 1 and files[0].is_dir() else None
    exp = expand(files)
    rows = []
    for outcome in documents(exp):
        report = None
        if outcome.document is not None:
            try:
                report = audit(outcome.document)
            except Exception as exc:  # noqa: BLE001 — one document's failure never stops the survey
                outcome.error = f"审核时出错（{type(exc).__name__}: {exc}）"
        doc = outcome.document if outcome.error is None else None
        rows.append(survey_document(outcome.paths, doc, report, outcome.error, bool(outcome.paired), root))
        if err.is_terminal:
            err.print(f"[dim]已调查 {len(rows)} 份：{escape(outcome.name)}[/dim]", highlight=False)
    summary = totals(rows)
    if format is SurveyFormat.json:
        content = survey_render.as_json(rows, summary)
    elif format is SurveyFormat.markdown:
        shown = " ".join(str(f) for f in files)
        content = survey_render.markdown(rows, summary, f"gongkai survey {shown} -f markdown")
    else:
        content = survey_render.text(rows, summary)
    write_output(content, output, exp.files)
    raise typer.Exit(2 if summary.failed else 0)


@app.command()
def rules(
    code: str | None = typer.Argument(None, help="规则编码，如 B101；不填则列出全部规则"),
    markdown: bool = typer.Option(False, "--markdown", help="输出全部规则说明（Markdown，即 docs/rules.md）"),
) -> None:
    """列出审核规则，或显示一条规则的说明。"""
    from gongkai.audit.registry import FAMILIES, all_rules, get_rule, rules_markdown

    if markdown:
        sys.stdout.write(rules_markdown())
        return
    console = Console(highlight=False)
    if code:
        rule = get_rule(code)
        if rule is None:
            fail(f"没有编码为 {code} 的规则（用 gongkai rules 查看全部）")
        console.print(f"[bold]{rule.code} {rule.title}[/bold]（{rule.family()}，默认级别：{rule.severity.label}）")
        console.print(rule.doc.strip())
        if rule.options:
            console.print("\n### 配置项")
            for key, meaning in rule.options.items():
                console.print(f"- `{key}`：{meaning}")
        return
    current = None
    for rule in all_rules():
        if rule.code[0] != current:
            current = rule.code[0]
            console.print(f"\n[bold]{current} {FAMILIES.get(current, '')}[/bold]")
        console.print(f"  {rule.code}  {rule.severity.label}  {rule.title}")


@app.command()
def template(
    kind: str = typer.Option("部门决算", "--kind", help="文件类型：部门决算 或 部门预算"),
    year: int = typer.Option(..., "--year", help="年度，如 2024"),
    profile: str | None = typer.Option(None, "--profile", help="模板口径（默认全国通用）"),
    output: Path = typer.Option(..., "--output", "-o", help="要生成的填报工作簿（.xlsx）"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的输出文件"),
) -> None:
    """生成供财务人员填写的填报工作簿（可用 WPS 或 Excel 填写）。"""
    from gongkai.compose.cli import run_template

    raise typer.Exit(run_template(kind, year, profile, output, force))


class ComposeFormat(str, Enum):
    docx = "docx"
    pdf = "pdf"
    html = "html"
    xlsx = "xlsx"


@app.command()
def compose(
    source: Path = typer.Argument(..., help="填报工作簿（.xlsx），或同样内容的 JSON/YAML"),
    output: Path = typer.Option(..., "--output", "-o", help="输出文件"),
    format: ComposeFormat | None = typer.Option(None, "--format", "-f", help="docx、pdf、html 或 xlsx（仅表格）（默认按输出文件扩展名）"),
    profile: str | None = typer.Option(None, "--profile", help="模板口径（默认取工作簿中的设置）"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的输出文件"),
) -> None:
    """由填报数据生成完整、自洽的公开文件（表格、情况说明、图表、名词解释）。"""
    from gongkai.compose.cli import run_compose

    raise typer.Exit(run_compose(source, output, format.value if format else None, profile, force))


class ScoreFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def score(
    files: list[Path] = typer.Argument(..., help="含绩效自评表的公开文件"),
    format: ScoreFormat = typer.Option(ScoreFormat.text, "--format", "-f", help="输出格式：text 或 json"),
    output: Path | None = typer.Option(None, "--output", "-o", help="输出到文件"),
) -> None:
    """按评分规则重新计算绩效自评表的得分，与表中印出的得分对照。"""
    from gongkai.performance.cli import run_score

    raise typer.Exit(run_score(files, format.value, output))


@app.command()
def schema(output: Path | None = typer.Option(None, "--output", "-o", help="输出到文件")) -> None:
    """输出规范数据模型（Document）的 JSON Schema。"""
    from gongkai.model import json_schema

    write_output(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", output, [])


def version_callback(value: bool) -> None:
    if value:
        print(f"gongkai {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True,
                                      help="显示版本")) -> None:
    """gongkai（公开）：部门预算、部门决算公开文件的解析、审核、编制与分析工具。"""


if __name__ == "__main__":  # pragma: no cover
    app()
