"""The 四川 detail tables (公开05表, 公开07表, 公开09表), built like the standard ones in `tables`.

Their recognition templates leave the columns open (read positionally from the printed header), so the
model columns are keyed c1, c2 … in print order and every amount is printed, zero included: a column the
parser cannot see in any row would shift the keys.

- 财政拨款支出决算明细表: 功能分类 类/款/项 × 合计 and, per fund, 小计 | 基本支出 | 项目支出;
- 一般公共预算财政拨款支出决算明细表: 功能分类 类/款/项 × 合计 and each 经济分类 类 of the year's catalogue;
- 一般公共预算财政拨款项目支出决算表: 经济分类 类/款 of 一般公共预算财政拨款项目支出, 决算数.
"""

from __future__ import annotations

from gongkai.compose.tables import NOTES, Builder, PCell, PrintedTable, cell, head, lab, num
from gongkai.model.table import Column, Row, Table

FUNDS = (("一般公共预算财政拨款", "gpb"), ("政府性基金预算财政拨款", "gf"), ("国有资本经营预算财政拨款", "soe"))


def _keyed(b: Builder, metrics: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(header, metric) → (c<N>, header), with the builder's metric map set to c<N> → metric."""
    b._with_map({f"c{k + 1}": metric for k, (_, metric) in enumerate(metrics)})
    return [(f"c{k + 1}", h) for k, (h, _) in enumerate(metrics)]


# -- 公开05 财政拨款支出决算明细表 ------------------------------------------------------------------------
def fiscal_expenditure_detail(b: Builder) -> PrintedTable:
    metrics = [("合计", "fiscal")]
    for name, fund in FUNDS:
        metrics += [(f"{name} 小计", fund), (f"{name} 基本支出", f"{fund}_basic"), (f"{name} 项目支出", f"{fund}_project")]
    keyed = _keyed(b, metrics)
    model, body = b._coded(keyed, b.f.codes_with("fiscal"), blank=False)
    names = ["合计"] + ["小计", "基本支出", "项目支出"] * len(FUNDS)
    header = b._coded_head(names, groups=[("", 1)] + [(name, 3) for name, _ in FUNDS])
    return PrintedTable("", None, "", header, body, [1.3, 3.2] + [1.1] * len(keyed),
                        [NOTES["final.fiscal_expenditure_detail"]], landscape=True, model=model)


# -- 公开07 一般公共预算财政拨款支出决算明细表 --------------------------------------------------------------
def gpb_expenditure_detail(b: Builder) -> PrintedTable:
    f = b.f
    metrics = [("合计", "gpb")] + [(f.econ_name(c), f"gpb_econ_{c}") for c in f.econ_classes]
    keyed = _keyed(b, metrics)
    model, body = b._coded(keyed, f.codes_with("gpb"), blank=False)
    header = b._coded_head([h for _, h in keyed])
    return PrintedTable("", None, "", header, body, [1.3, 3.0] + [1.1] * len(keyed),
                        [NOTES["final.gpb_expenditure_detail"]], landscape=True, model=model)


# -- 公开09 一般公共预算财政拨款项目支出决算表 --------------------------------------------------------------
def gpb_project(b: Builder) -> PrintedTable:
    f = b.f
    proj = f.economic_project
    codes: list[str] = []
    for cls in sorted(c for c, v in proj.items() if len(c) == 3 and v):
        codes += [cls] + sorted(c for c, v in proj.items() if len(c) == 5 and c.startswith(cls) and v)
    total = f.total("gpb_project")
    header = [[head("项目", colspan=2), head("决算数", rowspan=2)], [head("经济分类科目编码"), head("科目名称")]]
    if b.s.rowno:
        header.append([head("栏次", colspan=2), head("1")])
    column = Column(key="c1", header="决算数", number=1 if b.s.rowno else None)
    notes = [NOTES["final.gpb_project"]]
    if not total:
        empty = f"说明：{f.unit}本年度没有一般公共预算财政拨款项目支出，故本表无数据。"
        body = [[PCell("合计", colspan=2, bold=True), PCell("")]]
        return PrintedTable("", None, "", header, body, [1.6, 5.0, 2.0], notes + [empty], empty_note=empty,
                            model=Table(title="", columns=[column], rows=[]))
    rows = [Row(key="total", label="合计", cells={"c1": cell(total)})]
    body = [[PCell("合计", colspan=2, bold=True), num(total)]]
    for code in codes:
        bold = len(code) == 3
        rows.append(Row(code=code, label=f.econ_name(code), cells={"c1": cell(proj[code])}))
        body.append([lab(code, bold), lab(f.econ_name(code), bold), num(proj[code])])
    return PrintedTable("", None, "", header, body, [1.6, 5.0, 2.0], notes,
                        model=Table(title="", columns=[column], rows=rows))
