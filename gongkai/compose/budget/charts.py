"""Charts of the 部门预算 情况说明, drawn with the 决算 charts' helpers (same fonts, palette, PNG + outlined SVG).
Values in 万元, the same rounded figures the text states."""

from __future__ import annotations

from gongkai.compose.charts import BAR_CURRENT, BAR_PRIOR, Chart, _bars, _grouped, _pie, _setup
from gongkai.compose.budget.narrative import BudgetWriter


def render_budget_charts(writer: BudgetWriter, keys: list[str]) -> dict[str, Chart]:
    plt = _setup()
    f, d = writer.f, writer.f.data
    years = [f"{f.year - 1}年预算", f"{f.year}年预算"]
    out: dict[str, Chart] = {}
    for key in keys:
        if key == "budget_grand_change":
            out[key] = _bars(plt, key, years, [f.to_wan(d.prior.grand), writer.grand], [BAR_PRIOR, BAR_CURRENT])
        elif key == "budget_fiscal_change":
            out[key] = _bars(plt, key, years, [f.to_wan(d.prior.fiscal), writer.t("fiscal")], [BAR_PRIOR, BAR_CURRENT])
        elif key == "budget_income_structure":
            out[key] = _pie(plt, key, writer.income_items())
        elif key == "budget_expenditure_structure":
            out[key] = _pie(plt, key, writer.expenditure_items())
        elif key == "budget_gpb_structure":
            out[key] = _pie(plt, key, [(name.removesuffix("（类）"), v) for name, v in writer.class_items()])
        elif key == "budget_three_public":
            b, pr = f.three_public("budget"), f.three_public("prior")
            items = [("因公出国（境）费", "abroad"), ("公务用车\n购置费", "vehicle_buy"), ("公务用车\n运行维护费", "vehicle_run"),
                     ("公务接待费", "reception")]
            out[key] = _grouped(plt, key, [n for n, _ in items], [pr[k] for _, k in items], [b[k] for _, k in items],
                                (f"{f.year - 1}年预算", f"{f.year}年预算"))
    return out
