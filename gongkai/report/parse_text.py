"""Readable summary of a parsed Document (the `gongkai parse --format text` output)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table as RichTable

from gongkai.model import CellKind, Document, Table

KEY_TOTALS = ("inc_total", "exp_total", "inc_grand", "exp_grand", "total")


def _fmt(cell) -> str:
    if cell is None:
        return ""
    if cell.kind is CellKind.NUMBER:
        return f"{cell.value:,}"
    if cell.kind is CellKind.DASH:
        return "—"
    return cell.text.replace("\n", " ")[:40]


def render(doc: Document, console: Console, rows_limit: int | None = None) -> None:
    src = doc.source
    console.print(f"[bold]{doc.unit_name or '（单位未识别）'}[/bold]  "
                  f"{doc.year or '？'}年度 {doc.kind.value if doc.kind else '（类型未识别）'}")
    console.print(f"地区：{doc.region or '未注明'}  层级：{doc.level or '未注明'}  "
                  f"模板：{doc.profile or '未匹配'}")
    if doc.is_disclosure is not True and doc.disclosure_reason:
        console.print(f"[yellow]{doc.disclosure_reason}[/yellow]", highlight=False)
    size = f"{src.pages}页" if src.pages else f"{src.lines}行"
    console.print(f"来源：{src.path}（{src.format}，{size}，sha256 {src.sha256[:12]}…）")
    console.print(f"章节 {len(doc.sections)} 个，表格 {len(doc.tables)} 张\n")
    for t in doc.tables:
        render_table(t, console, rows_limit)


def render_table(t: Table, console: Console, rows_limit: int | None = None) -> None:
    where = t.span.describe() if t.span else ""
    number = f"{t.printed_number} " if t.printed_number else ""
    unit = f"单位：{t.unit.value}" if t.unit else "单位未注明"
    kind = "（未识别表格）" if t.template_id is None else ""
    console.print(f"[bold cyan]{number}{t.printed_title or t.title}[/bold cyan]{kind}  {unit}  {where}")
    if t.empty_note and not t.rows:
        console.print(f"  本表无数据：{t.empty_note}\n")
        return
    grid = RichTable(show_header=True, header_style="bold", box=None, pad_edge=False)
    has_block = any(r.block for r in t.rows) and not t.generic
    if has_block:
        grid.add_column("栏")
    grid.add_column("行次", justify="right")
    grid.add_column("编码")
    grid.add_column("项目")
    for c in t.columns:
        grid.add_column(c.header or c.key, justify="right")
    shown = t.rows if rows_limit is None else t.rows[:rows_limit]
    for r in shown:
        cells = [_fmt(r.cells.get(c.key)) if (c.block in (None, r.block) or not has_block) else ""
                 for c in t.columns]
        lead = [r.block or ""] if has_block else []
        grid.add_row(*lead, str(r.number or ""), r.code or "", r.label.replace("\n", " ")[:30], *cells)
    console.print(grid)
    if rows_limit is not None and len(t.rows) > rows_limit:
        console.print(f"  …… 共 {len(t.rows)} 行，仅显示前 {rows_limit} 行")
    totals = [r for r in t.rows if r.key in KEY_TOTALS]
    if totals:
        parts = [f"{r.label.replace(' ', '')}（{r.block or '合计'}）{_fmt(next(iter(r.cells.values()), None))}"
                 for r in totals]
        console.print("  关键合计：" + "；".join(parts))
    for reading in t.readings:
        console.print(f"  [dim]读取说明：{reading}[/dim]")
    console.print()
