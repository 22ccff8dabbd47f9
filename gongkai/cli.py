"""Command line: thin wrappers over the pipeline. User-facing text is Chinese."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console

from gongkai import __version__
from gongkai.ingest.base import ReadError

app = typer.Typer(
    help="gongkai（公开）：部门预算、部门决算公开文件的解析、审核、编制与分析工具。",
    no_args_is_help=True, add_completion=False, rich_markup_mode=None,
)
err = Console(stderr=True)


class ParseFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


def fail(message: str, code: int = 2) -> None:
    err.print(f"[red]错误：[/red]{message}", highlight=False)
    raise typer.Exit(code)


def write_output(content: str, output: Path | None, inputs: list[Path]) -> None:
    if output is None:
        sys.stdout.write(content)
        return
    if any(output.resolve() == p.resolve() for p in inputs if p.exists()):
        fail(f"输出文件不能与输入文件相同：{output}")
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(content, encoding="utf-8")
    except OSError as exc:
        fail(f"无法写入输出文件 {output}：{exc.strerror or exc}")
    err.print(f"已写入 {output}")


def load(path: Path):
    from gongkai.pipeline import parse_file

    try:
        return parse_file(path)
    except ReadError as exc:
        fail(str(exc))


@app.command()
def parse(
    files: list[Path] = typer.Argument(..., help="公开文件（文本、PDF、DOCX、XLSX、HTML）"),
    format: ParseFormat = typer.Option(ParseFormat.text, "--format", "-f", help="输出格式：text、json 或 csv"),
    output: Path | None = typer.Option(None, "--output", "-o", help="输出到文件（默认输出到屏幕）"),
    rows: int | None = typer.Option(None, "--rows", help="text 格式下每张表最多显示的行数"),
) -> None:
    """解析公开文件，输出规范化的数据模型。"""
    docs = [load(f) for f in files]
    if format is ParseFormat.json:
        payload = [json.loads(d.model_dump_json()) for d in docs]
        content = json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2) + "\n"
    elif format is ParseFormat.csv:
        from gongkai.report.parse_csv import render as render_csv

        content = "".join(render_csv(d) for d in docs)
    else:
        from gongkai.report.parse_text import render as render_text

        console = Console(record=True, width=160, file=open("/dev/null", "w") if output else None)
        for d in docs:
            render_text(d, console, rows)
        if output is None:
            return
        content = console.export_text()
    write_output(content, output, files)


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
