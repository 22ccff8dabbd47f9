"""Charts of the 情况说明 (图1–图7), drawn with matplotlib in the bundled Noto Sans SC font.

Each chart is rendered as PNG (for DOCX and PDF) and as SVG with text converted to outlines (for HTML, so
the page needs no font). Percentages printed on charts are the narrative's own (half-up, two decimals).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from gongkai.compose.figures import Figures, pct

PALETTE = ["#2f5d8a", "#d0813b", "#5f9e6e", "#b5545c", "#8064a2", "#4bacc6", "#9c8a5b", "#7f7f7f"]
BAR_PRIOR, BAR_CURRENT = "#9fb6cd", "#2f5d8a"


@dataclass
class Chart:
    key: str
    png: bytes
    svg: str
    width_in: float
    height_in: float


def _setup():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    from gongkai.compose.fonts import matplotlib_family

    family = matplotlib_family()
    plt.rcParams.update({
        "font.family": [family], "font.size": 10, "axes.unicode_minus": False, "svg.fonttype": "path",
        "axes.spines.top": False, "axes.spines.right": False, "axes.edgecolor": "#888888",
        "axes.titlesize": 11, "figure.dpi": 100,
    })
    return plt


def _finish(plt, fig, key: str) -> Chart:
    raw = io.BytesIO()
    fig.savefig(raw, format="png", dpi=200, bbox_inches="tight", facecolor="white")
    from PIL import Image

    png = io.BytesIO()
    Image.open(io.BytesIO(raw.getvalue())).convert("RGB").save(png, format="PNG", optimize=True)
    svg = io.StringIO()
    fig.savefig(svg, format="svg", bbox_inches="tight", facecolor="white")
    w, h = fig.get_size_inches()
    plt.close(fig)
    text = svg.getvalue()
    text = text[text.find("<svg"):]  # drop the XML prolog and DOCTYPE for inlining
    return Chart(key=key, png=png.getvalue(), svg=text, width_in=float(w), height_in=float(h))


def _money(v: Decimal) -> str:
    return f"{v:,.2f}"


def _bars(plt, key: str, labels: list[str], values: list[Decimal], colors: list[str]) -> Chart:
    fig, ax = plt.subplots(figsize=(5.6, 2.9))
    xs = range(len(values))
    bars = ax.bar(xs, [float(v) for v in values], width=0.5, color=colors)
    ax.set_xticks(list(xs), labels)
    ax.set_ylabel("万元")
    top = max((float(v) for v in values), default=0) or 1.0
    ax.set_ylim(0, top * 1.22)
    for b, v in zip(bars, values):
        ax.annotate(_money(v), (b.get_x() + b.get_width() / 2, b.get_height()), ha="center", va="bottom",
                    xytext=(0, 3), textcoords="offset points", fontsize=10)
    ax.grid(axis="y", color="#e3e3e3", linewidth=0.6)
    ax.set_axisbelow(True)
    return _finish(plt, fig, key)


def _change(plt, key: str, f: Figures, prior: Decimal, current: Decimal) -> Chart:
    return _bars(plt, key, [f"{f.year - 1}年度", f"{f.year}年度"], [prior, current], [BAR_PRIOR, BAR_CURRENT])


def _pie(plt, key: str, items: list[tuple[str, Decimal]]) -> Chart:
    items = [(n, v) for n, v in items if v]
    total = sum((v for _, v in items), Decimal(0))
    fig, ax = plt.subplots(figsize=(5.6, 2.9))
    wedges, _ = ax.pie([float(v) for _, v in items], colors=PALETTE[: len(items)], startangle=90, counterclock=False,
                       wedgeprops={"width": 0.42, "edgecolor": "white", "linewidth": 1.2})
    ax.set_aspect("equal")
    ax.text(0, 0, f"合计\n{_money(total)}万元", ha="center", va="center", fontsize=9.5, color="#333333", linespacing=1.5)
    labels = [f"{n}  {_money(v)}万元（{pct(v, total):.2f}%）" for n, v in items]
    ax.legend(wedges, labels, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=9.5,
              handlelength=1.0)
    return _finish(plt, fig, key)


def _grouped(plt, key: str, labels: list[str], a: list[Decimal], b: list[Decimal], names: tuple[str, str]) -> Chart:
    fig, ax = plt.subplots(figsize=(5.6, 2.9))
    xs = list(range(len(labels)))
    width = 0.36
    top = max([float(v) for v in a + b] or [0]) or 1.0
    for offset, values, color, name in ((-width / 2, a, BAR_PRIOR, names[0]), (width / 2, b, BAR_CURRENT, names[1])):
        bars = ax.bar([x + offset for x in xs], [float(v) for v in values], width=width, color=color, label=name)
        for bar, v in zip(bars, values):
            ax.annotate(_money(v), (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center", va="bottom",
                        xytext=(0, 2), textcoords="offset points", fontsize=8.5)
    ax.set_xticks(xs, labels)
    ax.set_ylabel("万元")
    ax.set_ylim(0, top * 1.25)
    ax.legend(frameon=False, fontsize=9, loc="upper right")
    ax.grid(axis="y", color="#e3e3e3", linewidth=0.6)
    ax.set_axisbelow(True)
    return _finish(plt, fig, key)


def render_charts(f: Figures, keys: list[str]) -> dict[str, Chart]:
    """The charts named by the narrative's Figure blocks."""
    plt = _setup()
    d = f.data
    out: dict[str, Chart] = {}
    for key in keys:
        if key == "grand_change":
            out[key] = _change(plt, key, f, d.prior.grand, f.grand)
        elif key == "fiscal_change":
            out[key] = _change(plt, key, f, d.prior.fiscal_grand, f.fiscal_grand)
        elif key == "gpb_change":
            out[key] = _change(plt, key, f, d.prior.gpb_expenditure, f.total("gpb"))
        elif key == "income_structure":
            from gongkai.compose.narrative import Writer

            out[key] = _pie(plt, key, Writer(f).income_items())
        elif key == "expenditure_structure":
            from gongkai.compose.narrative import Writer

            out[key] = _pie(plt, key, Writer(f).expenditure_items())
        elif key == "gpb_structure":
            out[key] = _pie(plt, key, [(f.class_name(c), f.value("gpb", c)) for c in f.codes if len(c) == 3])
        elif key == "three_public":
            b, a = f.three_public("budget"), f.three_public("actual")
            items = [("因公出国（境）费", "abroad"), ("公务用车\n购置费", "vehicle_buy"), ("公务用车\n运行维护费", "vehicle_run"),
                     ("公务接待费", "reception")]
            out[key] = _grouped(plt, key, [n for n, _ in items], [b[k] for _, k in items], [a[k] for _, k in items],
                                ("预算数", "决算数"))
    return out
