"""The 部门预算 tables kept as printed (generic layout): 政府采购预算 (江苏, 河北), 部门机构设置情况, 部门固定资产
占用情况表, 部门整体支出绩效指标 and 项目绩效目标表 (河北). Amounts in 万元."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from gongkai.compose.budget.figures import ZERO, BudgetFigures
from gongkai.compose.budget.model import CATEGORIES, PROCUREMENT_SOURCES
from gongkai.compose.tables import NUMERALS, PCell, PrintedTable, head, lab, money
from gongkai.model.amount import Unit
from gongkai.model.table import Cell, CellKind, Column, Row, Table

CATEGORY_LETTERS = {"货物": "A", "工程": "B", "服务": "C"}
_NUMBER = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


def amount(v: Decimal | None) -> PCell:
    return PCell(money(v, blank_zero=True) if v is not None else "", align="right")


def plain(v: Decimal | int) -> str:
    """A quantity or weight as written: 10, 1860, 0.5 (never 1E+1)."""
    d = Decimal(v)
    return str(int(d)) if d == d.to_integral_value() else f"{d.normalize():f}"


def quantity(v: Decimal | int | None) -> PCell:
    return PCell("" if v is None else plain(v), align="right")


def _cell(text: str) -> Cell:
    if not text:
        return Cell(kind=CellKind.BLANK)
    if _NUMBER.match(text):
        try:
            return Cell(kind=CellKind.NUMBER, value=Decimal(text.replace(",", "")), text=text)
        except InvalidOperation:  # pragma: no cover - the pattern admits numbers only
            pass
    return Cell(kind=CellKind.TEXT, text=text)


def generic_model(body: list[list[PCell]], unit: Unit | None = Unit.WAN) -> Table:
    """The printed body as a generic table: a row per printed row, a cell per printed cell."""
    n = max((len(r) for r in body), default=0)
    rows = [Row(label=next((c.text for c in r if c.text), ""),
                cells={f"c{k + 1}": _cell(c.text) for k, c in enumerate(r)}) for r in body]
    return Table(title="", generic=True, unit=unit, columns=[Column(key=f"c{k + 1}") for k in range(n)], rows=rows)


class OtherTables:
    def __init__(self, f: BudgetFigures, family: str):
        self.f = f
        self.family = family

    # -- 政府采购预算 --------------------------------------------------------------------------------
    def procurement(self) -> PrintedTable:
        return self._procurement_by_source() if self.family == "hebei" else self._procurement_by_category()

    def _procurement_by_category(self) -> PrintedTable:
        """江苏: 采购品目大类 | 专项名称 | 经济科目 | 采购物品名称 | 采购组织形式 | 总计."""
        f = self.f
        items = f.procurement_items
        body = [[lab("合计", True), PCell(""), PCell(""), PCell(""), PCell(""), amount(f.procurement())]]
        for k, cat in enumerate(CATEGORIES):
            mine = [i for i in items if i.category == cat]
            if not mine:
                continue
            body.append([lab(f"{NUMERALS[k]}、{cat}{CATEGORY_LETTERS[cat]}", True), PCell(""), PCell(""), PCell(""),
                         PCell(""), amount(f.procurement(cat))])
            groups: dict[tuple[str, str], list] = {}
            for i in mine:
                groups.setdefault((i.project, i.economic), []).append(i)
            for (project, economic), group in groups.items():
                body.append([PCell(""), lab(project), lab(economic), PCell(""), PCell(""),
                             amount(sum((i.amount for i in group), ZERO))])
                for i in group:
                    body.append([PCell(""), PCell(""), PCell(""), lab(i.item), lab(i.method), amount(i.amount)])
        header = [[head("采购品目大类"), head("专项名称"), head("经济科目"), head("采购物品名称"), head("采购组织形式"),
                   head("总计")]]
        return PrintedTable("", None, "", header, body, [1.8, 2.6, 2.0, 2.6, 1.6, 1.4], model=generic_model(body))

    def _procurement_by_source(self) -> PrintedTable:
        """河北: 项目名称 | 预算资金 | 采购物品名称 | 目录序号 | 计量单位 | 数量 | 单价 | 金额（合计及各资金来源）."""
        f = self.f
        items = f.procurement_items
        sources = list(PROCUREMENT_SOURCES)
        by_source = {s: sum((i.amount for i in items if i.source == s), ZERO) for s in sources}
        body = [[PCell("合  计", colspan=2, bold=True)] + [PCell("")] * 5 + [amount(f.procurement())]
                + [amount(by_source[s]) for s in sources]]
        seen: set[str] = set()
        for i in items:
            first = i.project not in seen
            seen.add(i.project)
            subtotal = sum((x.amount for x in items if x.project == i.project), ZERO)
            body.append([lab(i.project if first else ""), amount(subtotal) if first else PCell(""), lab(i.item),
                         PCell(i.catalogue_no), PCell(i.measure), quantity(i.quantity), amount(i.price),
                         amount(i.amount)] + [amount(i.amount if s == i.source else ZERO) for s in sources])
        header = [[head("政府采购项目来源", colspan=2), head("采购物品名称", rowspan=2), head("政府采购目录序号", rowspan=2),
                   head("计量单位", rowspan=2), head("数量", rowspan=2), head("单价", rowspan=2),
                   head("政府采购金额（当年部门预算安排资金）", colspan=6)],
                  [head("项目名称"), head("预算资金"), head("合计")] + [head(PROCUREMENT_SOURCES[s]) for s in sources]]
        widths = [2.4, 1.2, 2.2, 1.2, 0.9, 0.8, 1.0] + [1.2] * 6
        return PrintedTable("", None, "", header, body, widths, landscape=True, model=generic_model(body))

    # -- 河北: 机构, 资产, 绩效目标 ----------------------------------------------------------------------
    def organisation(self) -> PrintedTable:
        body = [[lab(u.name), PCell(u.nature), PCell(u.rank), PCell(u.funding)] for u in self.f.data.organisation]
        header = [[head("单位名称"), head("单位性质"), head("单位规格"), head("经费保障形式")]]
        return PrintedTable("", None, "", header, body, [4.0, 2.0, 1.6, 2.0], model=generic_model(body, None))

    def assets(self) -> PrintedTable:
        f = self.f
        a = f.data.assets
        w = f.to_wan
        body = [[lab("资产总额"), PCell("——"), amount(w(a.buildings_value) + w(a.vehicle_value) + w(a.equipment_value)
                                                    + w(a.other_value))],
                [lab("1、房屋（平方米）"), quantity(a.buildings_area or None), amount(w(a.buildings_value))],
                [lab("其中：办公用房（平方米）"), quantity(a.office_area or None), amount(w(a.office_value))],
                [lab("2、车辆（台、辆）"), quantity(a.vehicles_total or None), amount(w(a.vehicle_value))],
                [lab(f"3、单价在{a.equipment_threshold}万元以上的设备"), quantity(a.equipment or None),
                 amount(w(a.equipment_value))],
                [lab("4、其他固定资产"), PCell(""), amount(w(a.other_value))]]
        header = [[head("项目"), head("数量"), head("价值（金额单位：万元）")]]
        notes = [f"注：统计截止时间为{a.as_of}。"] if a.as_of else []
        return PrintedTable("", None, "", header, body, [4.4, 1.8, 2.6], notes=notes, model=generic_model(body))

    def dept_targets(self) -> PrintedTable:
        body: list[list[PCell]] = []
        last = None
        for i in self.f.data.performance.indicators:
            body.append([PCell(i.level1 if i.level1 != last else ""), PCell(i.level2), lab(i.level3),
                         PCell("" if i.weight is None else plain(i.weight)), lab(i.description),
                         PCell(i.symbol or "文字描述"), PCell(i.value), PCell(i.unit), lab(i.basis)])
            last = i.level1
        header = [[head("一级指标", rowspan=2), head("二级指标", rowspan=2), head("三级指标", rowspan=2),
                   head("评（扣）分标准", rowspan=2), head("绩效指标描述", rowspan=2), head("指标值", colspan=3),
                   head("指标值确定依据", rowspan=2)],
                  [head("符号"), head("值"), head("单位")]]
        return PrintedTable("", None, "", header, body, [1.3, 1.2, 2.0, 1.0, 2.6, 1.0, 1.2, 0.8, 1.8], landscape=True,
                            model=generic_model(body, None))

    def project_targets(self) -> list[PrintedTable]:
        out = []
        for n, proj in enumerate(self.f.data.performance.projects, 1):
            body: list[list[PCell]] = []
            last = None
            for i in proj.indicators:
                body.append([PCell(i.level1 if i.level1 != last else ""), PCell(i.level2), lab(i.level3),
                             lab(i.description), PCell(i.target), lab(i.basis)])
                last = i.level1
            header = [[head("预算资金（万元）"), PCell(money(self.f.to_wan(proj.amount)), colspan=5, align="left")],
                      [head("绩效目标"), PCell(proj.goal, colspan=5, align="left")],
                      [head("一级指标"), head("二级指标"), head("三级指标"), head("绩效指标描述"), head("指标值"),
                       head("指标值确定依据")]]
            p = PrintedTable("", None, f"{n}.{proj.name}绩效目标表", header, body, [1.4, 1.6, 2.2, 2.8, 1.4, 2.6],
                             model=generic_model(header[:2] + body, None))
            out.append(p)
        return out
