"""HTML rendering: one self-contained page (inline CSS, charts as inline SVG with outlined text, no external
resources), real <table> markup with rowspan/colspan, print rules for A4."""

from __future__ import annotations

from html import escape

from gongkai.compose.blocks import Contents, Cover, Figure, Heading, ListTable, Para, TableBlock, unit_text
from gongkai.compose.compose import Composition
from gongkai.compose.tables import PCell, PrintedTable

CSS = """
:root { --ink: #1a1a1a; --rule: #333; --head: #f2f2f2; --muted: #666; --accent: #2f5d8a; }
* { box-sizing: border-box; }
body { margin: 0; background: #eceff3; color: var(--ink);
  font-family: "FangSong", "STFangsong", "仿宋", "仿宋_GB2312", "Noto Serif SC", "Source Han Serif SC", "SimSun", serif;
  font-size: 16px; line-height: 1.9; }
main { max-width: 1060px; margin: 24px auto; }
.page { background: #fff; margin: 0 auto 24px; padding: 56px 72px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
.narrow { max-width: 820px; }
h1, h2, h3, h4, .table-title, figcaption, th, nav { font-family: "SimHei", "Heiti SC", "Microsoft YaHei", "Noto Sans SC",
  "Source Han Sans SC", sans-serif; font-weight: normal; }
.cover { min-height: 900px; display: flex; flex-direction: column; justify-content: center; text-align: center; }
.cover h1 { font-size: 40px; line-height: 1.6; margin: 8px 0; letter-spacing: 2px; }
nav h2 { text-align: center; font-size: 26px; letter-spacing: 12px; }
nav ol { list-style: none; padding: 0; }
nav li { margin: 4px 0; }
nav li.l1 { padding-left: 2em; font-family: inherit; }
nav a { color: var(--ink); text-decoration: none; }
nav a:hover { color: var(--accent); text-decoration: underline; }
h2.part { text-align: center; font-size: 24px; margin: 8px 0 20px; }
h3 { font-size: 19px; margin: 18px 0 6px; }
h4 { font-size: 17px; margin: 12px 0 4px; text-indent: 2em; font-family: "KaiTi", "STKaiti", "楷体", "楷体_GB2312", serif;
  font-weight: bold; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.plain { text-indent: 0; }
figure { margin: 14px auto 18px; text-align: center; }
figure svg { max-width: 620px; width: 100%; height: auto; }
figcaption { font-size: 14px; margin-top: 4px; }
.table-title { text-align: center; font-size: 22px; margin: 0 0 4px; }
.table-number, .table-unit { text-align: right; font-size: 13px; }
.table-meta { display: flex; justify-content: space-between; font-size: 13px; margin: 2px 0 4px; }
table { border-collapse: collapse; width: 100%; font-family: "SimSun", "宋体", "Songti SC", "Noto Serif SC", serif;
  font-size: 13px; line-height: 1.45; }
th, td { border: 1px solid var(--rule); padding: 3px 5px; }
th { background: var(--head); text-align: center; font-size: 13px; }
td.r { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.c { text-align: center; }
td.b { font-weight: bold; }
.note { font-size: 13px; text-indent: 0; margin-top: 6px; line-height: 1.6; }
.list { width: auto; min-width: 60%; margin: 8px auto; font-size: 15px; }
@media print {
  body { background: #fff; }
  main { margin: 0; max-width: none; }
  .page { box-shadow: none; margin: 0; padding: 0; page-break-after: always; }
  @page { size: A4; margin: 20mm; }
  @page wide { size: A4 landscape; margin: 15mm; }
  .page.landscape { page: wide; }
}
"""


def _cell(c: PCell, tag: str) -> str:
    attrs = ""
    if c.colspan > 1:
        attrs += f' colspan="{c.colspan}"'
    if c.rowspan > 1:
        attrs += f' rowspan="{c.rowspan}"'
    if tag == "td":
        cls = {"right": "r", "center": "c", "left": ""}[c.align] + (" b" if c.bold else "")
        if cls.strip():
            attrs += f' class="{cls.strip()}"'
    return f"<{tag}{attrs}>{escape(c.text)}</{tag}>"


def _table(header: list[list[PCell]], body: list[list[PCell]], widths: list[float], cls: str = "") -> str:
    total = sum(widths) or 1
    cols = "".join(f'<col style="width:{100 * w / total:.2f}%">' for w in widths)
    out = [f'<table{f" class={chr(34)}{cls}{chr(34)}" if cls else ""}><colgroup>{cols}</colgroup><thead>']
    out += ["<tr>" + "".join(_cell(c, "th") for c in r) + "</tr>" for r in header]
    out.append("</thead><tbody>")
    out += ["<tr>" + "".join(_cell(c, "td") for c in r) + "</tr>" for r in body]
    out.append("</tbody></table>")
    return "\n".join(out)


def _table_page(block: TableBlock, anchor: str, part: str = "") -> str:
    """One table's page; `part` is the anchor of an inline part title, printed as the block's banner."""
    t: PrintedTable = block.table
    parts = [f'<section class="page{" landscape" if t.landscape else ""}" id="{anchor}">']
    if block.banner:
        parts.append(f'<h2 class="part" id="{part}">{escape(block.banner)}</h2>' if part else
                     f'<h2 class="part">{escape(block.banner)}</h2>')
    parts.append(f'<div class="table-title">{escape(t.title)}</div>')
    if t.number:
        parts.append(f'<div class="table-number">{escape(t.number)}</div>')
    if block.meta:
        parts.append(f'<div class="table-meta"><span>{escape(block.unit_caption)}：{escape(block.unit)}</span> <span>{block.year}年度</span> '
                     f'<span>{escape(unit_text(block))}</span></div>')
    else:
        parts.append(f'<div class="table-unit">{escape(unit_text(block))}</div>')
    parts.append(_table(t.header, t.body, t.widths))
    parts += [f'<p class="note">{escape(n)}</p>' for n in t.notes]
    parts.append("</section>")
    return "\n".join(parts)


def render_html(comp: Composition) -> str:
    toc: list[tuple[int, str, str]] = []
    body: list[str] = []
    open_page = False
    n = 0

    def anchor() -> str:
        nonlocal n
        n += 1
        return f"s{n}"

    def start_page(extra: str = "") -> None:
        nonlocal open_page
        if open_page:
            body.append("</section>")
        body.append(f'<section class="page narrow{extra}">')
        open_page = True

    contents_at = None
    part = ""  # the anchor of an inline part title, placed on its first table's page
    for block in comp.blocks:
        if isinstance(block, Cover):
            start_page(" cover")
            body.append(f"<h1>{escape(block.unit)}</h1><h1>{escape(block.title)}</h1>")
        elif isinstance(block, Contents):
            start_page()
            contents_at = len(body)
            body.append("")  # filled below
        elif isinstance(block, Heading) and block.inline:
            part = anchor()
            toc.append((0, block.text, part))
        elif isinstance(block, Heading):
            if block.new_page:
                start_page()
            a = anchor()
            if block.toc and block.level <= 1:
                toc.append((block.level, block.text, a))
            tag, cls = {0: ("h2", ' class="part"'), 1: ("h3", ""), 2: ("h4", "")}[block.level]
            body.append(f'<{tag} id="{a}"{cls}>{escape(block.text)}</{tag}>')
        elif isinstance(block, Para):
            body.append(f"<p{'' if block.indent else ' class=' + chr(34) + 'plain' + chr(34)}>{escape(block.text)}</p>")
        elif isinstance(block, Figure):
            chart = comp.charts.get(block.key)
            if chart is not None:
                body.append(f"<figure>{chart.svg}<figcaption>{escape(block.caption)}</figcaption></figure>")
        elif isinstance(block, ListTable):
            body.append(_table([[PCell(h) for h in block.header]],
                               [[PCell(c, align="center" if k == 0 else "left") for k, c in enumerate(r)]
                                for r in block.rows], block.widths, "list"))
        elif isinstance(block, TableBlock):
            if open_page:
                body.append("</section>")
                open_page = False
            a = anchor()
            if block.toc:
                toc.append((1, block.toc, a))
            body.append(_table_page(block, a, part))
            part = ""
    if open_page:
        body.append("</section>")
    if contents_at is not None:
        items = "".join(f'<li class="l{level}"><a href="#{a}">{escape(text)}</a></li>' for level, text, a in toc)
        body[contents_at] = f"<nav><h2>目录</h2><ol>{items}</ol></nav>"
    title = escape(comp.title)
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{title}</title>\n'
            f'<meta name="generator" content="gongkai compose">\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n'
            + "\n".join(body) + "\n</main>\n</body>\n</html>\n")
