"""Linter-style text output of audit reports, grouped by table."""

from __future__ import annotations

from itertools import groupby

from rich.console import Console

from gongkai.audit.finding import Report, Severity

COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render(report: Report, console: Console, show_formula: bool = True) -> None:
    who = f"{report.unit_name or '（单位未识别）'} {report.year or ''}年度{report.kind or ''}"
    console.print(f"[bold]{report.path}[/bold]  {who}  模板：{report.profile or '未匹配'}", highlight=False)
    if not report.findings:
        console.print("  未识别为部门预算或部门决算公开文件（未注明文件类型，也没有识别出公开表），未发现问题。\n"
                      if not report.disclosure else "  未发现问题。\n")
        return

    def group_key(f):
        loc = f.location
        if loc.table:
            return f"{loc.printed_number + ' ' if loc.printed_number else ''}{loc.table}"
        return f"情况说明 › {loc.section}" if loc.section else "全文"

    for key, items in groupby(report.findings, key=group_key):
        console.print(f"  [bold cyan]{key}[/bold cyan]", highlight=False)
        for f in items:
            where = f.location.span.describe() if f.location.span else ""
            colour = COLOURS[f.severity]
            console.print(f"    [{colour}]{f.code} {f.severity.label}[/{colour}] {where}  {f.message}", highlight=False)
            if show_formula and f.formula:
                console.print(f"        [dim]算式：{f.formula}[/dim]", highlight=False)
            if f.quote and not f.location.table:
                console.print(f"        [dim]原文：{f.quote}[/dim]", highlight=False)
            if f.hint:
                console.print(f"        [dim]建议：{f.hint}[/dim]", highlight=False)
    c = report.counts
    console.print(f"  共 {len(report.findings)} 条：错误 {c['error']}，警告 {c['warning']}，提示 {c['info']}\n")
