"""The 部门预算 收支 tables, each built twice from the same figures: as the canonical `Table` (what a parser
should recover) and as a `PrintedTable` (header with merged cells, body, widths, notes) that every renderer
draws. Printed the way each profile's real documents print them (see styles.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from gongkai.compose.budget.figures import PERSONNEL_CLASSES, ZERO, BudgetFigures
from gongkai.compose.budget.styles import BudgetStyle
from gongkai.compose.tables import NUMERALS, PCell, PrintedTable, head, lab, money
from gongkai.model.amount import Unit
from gongkai.model.table import Cell, CellKind, Column, Row, Table

NOTES = {
    "budget.summary": "注：本表反映部门本年度收支预算总体情况。",
    "budget.income": "注：本表反映部门本年度各项收入预算情况。",
    "budget.income_by_source": "注：本表反映部门本年度按资金来源列示的收入预算情况。",
    "budget.expenditure": "注：本表反映部门本年度各项支出预算情况。",
    "budget.expenditure_by_purpose": "注：本表反映部门本年度按支出用途列示的支出预算情况。",
    "budget.fiscal_summary": "注：本表反映部门本年度财政拨款收支预算总体情况。",
    "budget.fiscal_expenditure": "注：本表反映部门本年度财政拨款支出预算情况（按支出功能分类科目列示）。",
    "budget.fiscal_basic": "注：本表反映部门本年度财政拨款基本支出预算情况（按部门预算支出经济分类科目列示）。",
    "budget.gpb_expenditure": "注：本表反映部门本年度一般公共预算拨款支出预算情况。",
    "budget.gpb_basic": "注：本表反映部门本年度一般公共预算基本支出预算情况（按部门预算支出经济分类科目列示）。",
    "budget.three_public": "注：本表反映部门本年度一般公共预算拨款安排的“三公”经费预算情况。",
    "budget.running_costs": "注：本表反映部门本年度一般公共预算拨款安排的机关运行经费预算情况。",
}
FUND_NAMES = {"gf": "政府性基金预算", "soe": "国有资本经营预算"}


def num(v: Decimal) -> PCell:
    """An amount as printed: blank when zero (as the real 预算 tables print)."""
    return PCell(money(v, blank_zero=True), align="right")


def cell(v: Decimal) -> Cell:
    return Cell(kind=CellKind.NUMBER, value=v, text=money(v))


@dataclass
class Entry:
    """One labelled amount line of a two-sided table."""

    key: str
    label: str
    values: dict[str, Decimal]
    code: str | None = None
    bold: bool = False


class BudgetBuilder:
    def __init__(self, f: BudgetFigures, style: BudgetStyle):
        self.f = f
        self.s = style

    def table(self, tid: str, number: str | None) -> PrintedTable:
        p: PrintedTable = getattr(self, tid.split(".", 1)[1])()
        p.template_id, p.number = tid, number
        p.title = self.s.title(tid, year=self.f.year, unit=self.f.unit_name)
        if not p.notes and tid in NOTES and self.s.family != "shanghai":
            p.notes = [NOTES[tid]]
        if p.model is not None:
            from gongkai.catalog.templates import templates

            m = p.model
            m.template_id, m.title, m.printed_title, m.printed_number = tid, templates()[tid].title, p.title, number
            m.unit = Unit.WAN if tid == "budget.three_public" else self.s.unit
            m.printed_unit_name, m.printed_year = self.f.unit_name, self.f.year
            m.notes, m.empty_note = list(p.notes), p.empty_note
        return p

    # -- coded tables (功能分类 / 经济分类 rows) ---------------------------------------------------------
    def _code_cells(self, code: str, name: str, kind: str, bold: bool = False) -> list[PCell]:
        if not self.s.split_codes:
            return [lab(code, bold), lab(name, bold)]
        parts = [code[:3], code[3:5], code[5:7]] if kind == "functional" else [code[:3], code[3:5]]
        return [PCell(x, bold=bold) for x in parts] + [lab(name, bold)]

    def _coded_head(self, names: list[str], kind: str, group: str | None) -> list[list[PCell]]:
        code_head = "功能分类科目编码" if kind == "functional" else "部门预算经济分类科目编码"
        name_head = "功能分类科目名称" if kind == "functional" else "经济分类科目名称"
        if self.s.entity == "单位":  # 上海 单位预算
            code_head = "功能分类科目编码" if kind == "functional" else "经济分类科目编码"
            name_head = "功能分类科目名称" if kind == "functional" else "部门经济分类科目名称"
        if self.s.family == "jiangsu":
            code_head = ("功能科目代码" if self.s.edition == 2017 else "功能科目编码") if kind == "functional" else "科目编码"
            name_head = "功能科目名称" if kind == "functional" else "科目名称"
            return [[head(code_head), head(name_head)] + [head(n) for n in names]]
        if self.s.split_codes:
            ncode = 3 if kind == "functional" else 2
            return [[head("项目", colspan=ncode + 1), head(group or "", colspan=len(names))],
                    [head(code_head, colspan=ncode), head(name_head, rowspan=2)] + [head(n, rowspan=2) for n in names],
                    [head(x) for x in ("类", "款", "项")[:ncode]]]
        if kind == "economic":
            return [[head("部门预算支出经济分类科目", colspan=2), head(group or "", colspan=len(names))],
                    [head("科目编码"), head("科目名称")] + [head(n) for n in names]]
        return [[head("项目", colspan=2)] + [head(n, rowspan=2) for n in names],
                [head("功能分类科目编码"), head("科目名称")]]

    def _coded(self, columns: list[tuple[str, str]], codes: list[str], value: Callable[[str, str], Decimal],
               name: Callable[[str], str], kind: str = "functional", group: str | None = None,
               total: Callable[[str], Decimal] | None = None) -> PrintedTable:
        """合计 and 类/款/项 rows; `value(column, code)` gives each figure."""
        total = total or (lambda k: sum((value(k, c) for c in codes if len(c) == 3), ZERO))
        totals = {k: total(k) for k, _ in columns}
        ncode = (3 if kind == "functional" else 2) if self.s.split_codes else 1
        rows: list[Row] = [Row(key="total", label="合计", cells={k: cell(v) for k, v in totals.items()})]
        total_row = [PCell("合计", colspan=ncode + 1, bold=True)] + [num(totals[k]) for k, _ in columns]
        body: list[list[PCell]] = []
        for code in codes:
            values = {k: value(k, code) for k, _ in columns}
            rows.append(Row(code=code, label=name(code), cells={k: cell(v) for k, v in values.items()}))
            body.append(self._code_cells(code, name(code), kind, bold=len(code) == 3)
                        + [num(values[k]) for k, _ in columns])
        body = body + [total_row] if self.s.total_last else [total_row] + body
        code_w = [0.55] * ncode if self.s.split_codes else [1.3]
        widths = code_w + [3.6] + [1.45] * len(columns)
        return PrintedTable("", None, "", self._coded_head([h for _, h in columns], kind, group), body, widths,
                            landscape=len(widths) > 8, model=Table(title="", columns=[Column(key=k, header=h)
                                                                                       for k, h in columns], rows=rows))

    def _functional(self, columns: list[tuple[str, str]], metrics: dict[str, str], group: str | None = None,
                    codes: list[str] | None = None) -> PrintedTable:
        f = self.f
        codes = codes if codes is not None else f.codes_with(*metrics.values())
        return self._coded(columns, codes, lambda k, c: f.value(metrics[k], c), f.name, group=group)

    def income(self) -> PrintedTable:
        return self._functional([("total", "合计"), ("fiscal", "财政拨款收入"), ("business", "事业收入"),
                                 ("operating", "事业单位经营收入"), ("other", "其他收入")],
                                {"total": "income", "fiscal": "fiscal", "business": "business",
                                 "operating": "operating", "other": "other"}, group="收入预算")

    def expenditure(self) -> PrintedTable:
        return self._functional([("total", "合计"), ("basic", "基本支出"), ("project", "项目支出")],
                                {"total": "expenditure", "basic": "basic", "project": "project"}, group="支出预算")

    def gpb_expenditure(self) -> PrintedTable:
        if self.s.family == "jiangsu":
            return self._functional([("total", "金额")], {"total": "gpb"})
        return self._functional([("total", "合计"), ("basic", "基本支出"), ("project", "项目支出")],
                                {"total": "gpb", "basic": "gpb_basic", "project": "gpb_project"}, group="一般公共预算支出")

    def fiscal_expenditure(self) -> PrintedTable:
        return self._functional([("total", "金额")], {"total": "fiscal"})

    def gov_fund(self) -> PrintedTable:
        return self._fund("gf")

    def soe_capital(self) -> PrintedTable:
        return self._fund("soe")

    def _fund(self, fund: str) -> PrintedTable:
        f, name = self.f, FUND_NAMES[fund]
        if self.s.family == "jiangsu":
            p = self._functional([("total", "金额")], {"total": fund})
        else:
            p = self._functional([("total", "合计"), ("basic", "基本支出"), ("project", "项目支出")],
                                 {"total": fund, "basic": f"{fund}_basic", "project": f"{fund}_project"},
                                 group=f"{name}支出")
        if f.total(fund):
            return p
        p.model.rows = []  # an empty table prints its blank 合计 row only
        p.empty_note = (f"注：本{self.s.entity}{f.year}年无{name}财政拨款安排的预算，故本表为空表。"
                        if self.s.family == "shanghai"
                        else f"注：{f.unit_name}{f.year}年度没有{name}拨款安排的支出，故本表无数据。")
        p.notes = p.notes + [p.empty_note]
        return p

    # -- 经济分类 ----------------------------------------------------------------------------------
    def _economic_codes(self, values: dict[str, Decimal]) -> list[str]:
        return sorted(c for c, v in values.items() if v)

    def gpb_basic(self) -> PrintedTable:
        f = self.f
        econ = f.economic
        codes = self._economic_codes(econ)
        if self.s.family == "jiangsu":
            return self._coded([("total", "金额")], codes, lambda k, c: econ.get(c, ZERO), f.econ_name, "economic")

        def value(k: str, c: str) -> Decimal:
            v = econ.get(c, ZERO)
            personnel = c[:3] in PERSONNEL_CLASSES
            return v if k == "total" or (k == "personnel") == personnel else ZERO

        return self._coded([("total", "合计"), ("personnel", "人员经费"), ("public", "公用经费")], codes, value,
                           f.econ_name, "economic", group="一般公共预算基本支出")

    def fiscal_basic(self) -> PrintedTable:
        f = self.f
        return self._coded([("total", "金额")], self._economic_codes(f.economic), lambda k, c: f.economic.get(c, ZERO),
                           f.econ_name, "economic")

    def running_costs(self) -> PrintedTable:
        f = self.f
        run = f.running_by_code
        return self._coded([("amount", "机关运行经费支出")], self._economic_codes(run), lambda k, c: run.get(c, ZERO),
                           f.econ_name, "economic")

    # -- two-sided 总表s ------------------------------------------------------------------------
    def _two_sided(self, header: list[list[PCell]], blocks: list[tuple[str, list[tuple[str, str]], list[Entry]]],
                   bottom: list[list[Entry | None]], widths: list[float]) -> PrintedTable:
        columns = [Column(key=k, header=h, block=name) for name, cols, _ in blocks for k, h in cols]
        rows: list[Row] = []
        body: list[list[PCell]] = []

        def side(entry: Entry | None, block: str, cols: list[tuple[str, str]]) -> list[PCell]:
            if entry is None:
                return [PCell("")] * (1 + len(cols))
            rows.append(Row(key=entry.key, code=entry.code, label=entry.label, block=block,
                            cells={k: cell(entry.values.get(k, ZERO)) for k, _ in cols}))
            label = PCell(entry.label, bold=True) if entry.bold else lab(entry.label)
            return [label] + [num(entry.values.get(k, ZERO)) for k, _ in cols]

        n = max(len(entries) for _, _, entries in blocks)
        for k in range(n):
            body.append([c for name, cols, entries in blocks
                         for c in side(entries[k] if k < len(entries) else None, name, cols)])
        for line in bottom:
            body.append([c for (name, cols, _), entry in zip(blocks, line) for c in side(entry, name, cols)])
        rows.sort(key=lambda r: [b[0] for b in blocks].index(r.block))
        return PrintedTable("", None, "", header, body, widths, model=Table(title="", columns=columns, rows=rows))

    def _classes(self, values: Callable[[str], dict[str, Decimal]]) -> list[Entry]:
        f = self.f
        return [Entry(f"class_{c}", f"{NUMERALS[k]}、{f.name(c)}", values(c), code=c)
                for k, c in enumerate(f.classes(self.s.every_class))]

    def summary(self) -> PrintedTable:
        f, fam = self.f, self.s.family
        t = f.total
        if fam == "jiangsu":
            income = [Entry("inc_fiscal", "一、财政拨款", {"amount": t("fiscal")}),
                      Entry("inc_gpb", "1.一般公共预算", {"amount": t("gpb")}),
                      Entry("inc_gf", "2.政府性基金预算", {"amount": t("gf")}),
                      Entry("inc_special_account", "二、财政专户管理资金", {"amount": t("special")}),
                      Entry("inc_other_funds", "三、其他资金", {"amount": t("other_funds")})]
            purposes = [Entry("exp_basic", "一、基本支出", {"amount": t("basic")}),
                        Entry("exp_project", "二、项目支出", {"amount": t("project")}),
                        Entry("exp_reserve", "三、单位预留机动经费", {"amount": t("reserve")})]
            classes = self._classes(lambda c: {"amount": f.value("expenditure", c)})
            bottom = [[Entry("inc_total", "当年收入小计", {"amount": f.income}, bold=True),
                       Entry("exp_total", "当年支出小计", {"amount": f.expenditure}, bold=True), None],
                      [Entry("inc_begin", "上年结转资金", {"amount": t("carryover")}, bold=True),
                       Entry("exp_end", "结转下年资金", {"amount": ZERO}, bold=True), None],
                      [Entry("inc_grand", "收入合计", {"amount": f.grand}, bold=True),
                       Entry("exp_grand", "支出合计", {"amount": f.expenditure}, bold=True), None]]
            header = [[head("收入", colspan=2), head("支出", colspan=4)],
                      [head("项目名称", rowspan=2), head("金额", rowspan=2), head("功能分类", colspan=2),
                       head("支出用途", colspan=2)],
                      [head("功能科目名称"), head("金额"), head("项目名称"), head("金额")]]
            blocks = [("收入", [("amount", "金额")], income), ("支出", [("amount", "金额")], classes),
                      ("支出用途", [("amount", "金额")], purposes)]
            return self._two_sided(header, blocks, bottom, [2.2, 1.2, 3.6, 1.2, 2.2, 1.2])
        sep = "、" if self.s.entity == "单位" else ". "
        names = ({"fiscal": "一、财政拨款收入", "gpb": f"1{sep}一般公共预算资金", "gf": f"2{sep}政府性基金",
                  "soe": f"3{sep}国有资本经营预算"}
                 if fam == "shanghai" else
                 {"fiscal": "一、财政拨款收入", "gpb": "1.一般公共预算拨款", "gf": "2.政府性基金预算拨款",
                  "soe": "3.国有资本经营预算拨款"})
        income = [Entry(f"inc_{k}", label, {"amount": t(k)}) for k, label in names.items()]
        income += [Entry("inc_business", "二、事业收入", {"amount": t("business")}),
                   Entry("inc_operating", "三、事业单位经营收入", {"amount": t("operating")}),
                   Entry("inc_other", "四、其他收入", {"amount": t("other")})]
        if self.s.entity == "单位":
            return self._unit_summary(income)
        classes = self._classes(lambda c: {"amount": f.value("expenditure", c)})
        bottom = [[Entry("inc_grand", "收入总计", {"amount": f.grand}, bold=True),
                   Entry("exp_grand", "支出总计", {"amount": f.expenditure}, bold=True)]]
        sides = ("本年收入", "本年支出") if fam == "shanghai" else ("收入", "支出")
        header = [[head(sides[0], colspan=2), head(sides[1], colspan=2)],
                  [head("项目"), head("预算数"), head("项目"), head("预算数")]]
        blocks = [("收入", [("amount", "预算数")], income), ("支出", [("amount", "预算数")], classes)]
        return self._two_sided(header, blocks, bottom, [3.0, 1.6, 3.0, 1.6])

    def _unit_summary(self, income: list[Entry]) -> PrintedTable:
        """上海 单位预算: the 支出 side by 类 in 合计 | 基本支出（人员经费、公用经费）| 项目支出."""
        f = self.f
        cols = [("amount", "合计"), ("personnel", "人员经费"), ("public", "公用经费"), ("project", "项目支出")]
        metrics = {"amount": "expenditure", "personnel": "basic_personnel", "public": "basic_public",
                   "project": "project"}
        classes = self._classes(lambda c: {k: f.value(m, c) for k, m in metrics.items()})
        bottom = [[Entry("inc_grand", "收入总计", {"amount": f.grand}, bold=True),
                   Entry("exp_grand", "支出总计", {k: f.total(m) for k, m in metrics.items()}, bold=True)]]
        header = [[head("本年收入", colspan=2), head("本年支出", colspan=5)],
                  [head("项目", rowspan=3), head("预算数", rowspan=3), head("项目", rowspan=3), head("预算数", colspan=4)],
                  [head("合计", rowspan=2), head("基本支出", colspan=2), head("项目支出", rowspan=2)],
                  [head("人员经费"), head("公用经费")]]
        blocks = [("收入", [("amount", "预算数")], income), ("支出", cols, classes)]
        p = self._two_sided(header, blocks, bottom, [2.4, 1.6, 2.8, 1.6, 1.6, 1.6, 1.6])
        p.landscape = True
        return p

    def fiscal_summary(self) -> PrintedTable:
        f, fam = self.f, self.s.family
        t = f.total
        if fam == "jiangsu":
            income = [Entry("inc_gpb", "一、一般公共预算", {"amount": t("gpb")}),
                      Entry("inc_gf", "二、政府性基金预算", {"amount": t("gf")})]
            purposes = [Entry("exp_basic", "一、基本支出", {"total": t("fiscal_basic")}),
                        Entry("exp_project", "二、项目支出", {"total": t("fiscal_project")}),
                        Entry("exp_reserve", "三、单位预留机动经费", {"total": t("reserve")})]
            bottom = [[Entry("inc_grand", "收入合计", {"amount": f.fiscal}, bold=True),
                       Entry("exp_grand", "支出合计", {"total": f.fiscal_expenditure}, bold=True)]]
            header = [[head("收入", colspan=2), head("支出", colspan=2)],
                      [head("项目名称", rowspan=2), head("金额", rowspan=2), head("支出用途", colspan=2)],
                      [head("项目名称"), head("金额")]]
            blocks = [("收入", [("amount", "金额")], income), ("支出", [("total", "金额")], purposes)]
            return self._two_sided(header, blocks, bottom, [3.0, 1.6, 3.0, 1.6])
        labels = (("一、一般公共预算资金", "二、政府性基金", "三、国有资本经营预算") if fam == "shanghai" else
                  ("一、一般公共预算拨款", "二、政府性基金预算拨款", "三、国有资本经营预算拨款"))
        income = [Entry(f"inc_{k}", label, {"amount": t(k)}) for k, label in zip(("gpb", "gf", "soe"), labels)]
        cols = [("total", "合计"), ("gpb", "一般公共预算"), ("gf", "政府性基金预算"), ("soe", "国有资本经营预算")]
        classes = self._classes(lambda c: {"total": f.value("fiscal", c), "gpb": f.value("gpb", c),
                                           "gf": f.value("gf", c), "soe": f.value("soe", c)})
        bottom = [[Entry("inc_grand", "收入总计", {"amount": f.fiscal}, bold=True),
                   Entry("exp_grand", "支出总计", {"total": f.fiscal, "gpb": t("gpb"), "gf": t("gf"), "soe": t("soe")},
                         bold=True)]]
        sides = ("财政拨款收入", "财政拨款支出") if fam == "shanghai" else ("收入", "支出")
        header = [[head(sides[0], colspan=2), head(sides[1], colspan=5)],
                  [head("项目"), head("预算数"), head("项目")] + [head(h) for _, h in cols]]
        blocks = [("收入", [("amount", "预算数")], income), ("支出", cols, classes)]
        p = self._two_sided(header, blocks, bottom, [2.6, 1.45, 2.8, 1.45, 1.45, 1.45, 1.45])
        p.landscape = True
        return p

    # -- 江苏 收入预算总表 (by source), 支出预算总表 (by purpose) --------------------------------------------
    def income_by_source(self) -> PrintedTable:
        f = self.f
        t = f.total
        gpb_special = f.conv(f.data.sources.gpb_special)
        education = f.conv(f.data.sources.special_education)
        groups = [("一般公共预算资金", [("gpb_subtotal", "小计", "一般公共预算资金小计", t("gpb")),
                                  ("gpb_appropriation", "公共财政拨款(补助)资金", None, t("gpb") - gpb_special),
                                  ("gpb_special", "专项收入", None, gpb_special)]),
                  ("政府性基金", [("gf_subtotal", "小计", "政府性基金小计", t("gf"))]),
                  ("财政专户管理资金", [("sa_subtotal", "小计", "财政专户管理资金小计", t("special")),
                                  ("sa_education", "专户管理教育收费", None, education),
                                  ("sa_other_nontax", "其他非税收入", None, t("special") - education)]),
                  ("其他资金", [("other_subtotal", "小计", "其他资金小计", t("other_funds")),
                              ("other_business", "事业收入", None, t("business")),
                              ("other_operating", "经营收入", None, t("operating")),
                              ("other_other", "其他收入", None, t("other"))]),
                  ("上年结转和结余资金", [("carryover_subtotal", "小计", "上年结转和结余资金小计", t("carryover")),
                                   ("carryover_used", "其中：动用上年结转和结余资金", None, t("carryover"))])]
        rows = [Row(key="inc_grand", label="收入总计", cells={"amount": cell(f.grand)})]
        body = [[PCell("收入总计", colspan=2, bold=True), num(f.grand)]]
        for group, items in groups:
            for k, (key, printed, label, v) in enumerate(items):
                rows.append(Row(key=key, label=label or printed, cells={"amount": cell(v)}))
                first = [PCell(group, rowspan=len(items))] if k == 0 else []
                body.append(first + [lab(printed), num(v)])
        header = [[head("项目名称", colspan=2), head("金额")]]
        return PrintedTable("", None, "", header, body, [2.6, 4.2, 1.8],
                            model=Table(title="", columns=[Column(key="amount", header="金额")], rows=rows))

    def expenditure_by_purpose(self) -> PrintedTable:
        t = self.f.total
        cols = [("total", "合计", self.f.expenditure), ("basic", "基本支出", t("basic")),
                ("project", "项目支出", t("project")), ("reserve", "单位预留机动经费", t("reserve")),
                ("carry_forward", "结转下年资金", ZERO)]
        return self._matrix([[head(h) for _, h, _ in cols]], [(k, h, v) for k, h, v in cols], [1.6] * len(cols))

    def _matrix(self, header: list[list[PCell]], cols: list[tuple[str, str, Decimal]], widths: list[float],
                landscape: bool = False) -> PrintedTable:
        model = Table(title="", columns=[Column(key=k, header=h) for k, h, _ in cols],
                      rows=[Row(key="amounts", label="金额", cells={k: cell(v) for k, _, v in cols})])
        return PrintedTable("", None, "", header, [[num(v) for _, _, v in cols]], widths, landscape=landscape,
                            model=model)

    # -- “三公” ------------------------------------------------------------------------------------
    def three_public(self) -> PrintedTable:
        f, fam = self.f, self.s.family
        b = f.three_public("budget")
        if fam == "shanghai":
            cols = [("budget_total", "合计", b["total"]), ("budget_abroad", "因公出国(境)费", b["abroad"]),
                    ("budget_reception", "公务接待费", b["reception"]), ("budget_vehicle", "小计", b["vehicle"]),
                    ("budget_vehicle_buy", "购置费", b["vehicle_buy"]), ("budget_vehicle_run", "运行费", b["vehicle_run"]),
                    ("running_costs", "机关运行经费预算数", f.wan(f.running))]
            header = [[head("“三公”经费预算数", colspan=6), head("机关运行经费预算数", rowspan=3)],
                      [head("合计", rowspan=2), head("因公出国(境)费", rowspan=2), head("公务接待费", rowspan=2),
                       head("公务用车购置及运行费", colspan=3)],
                      [head("小计"), head("购置费"), head("运行费")]]
            return self._matrix(header, cols, [1.5] * 7, landscape=True)
        if fam == "jiangsu":
            cols = [("grand_total", "合计", b["grand"]), ("budget_total", "小计", b["total"]),
                    ("budget_abroad", "因公出国（境）费", b["abroad"]), ("budget_vehicle", "小计", b["vehicle"]),
                    ("budget_vehicle_buy", "公务用车购置费", b["vehicle_buy"]),
                    ("budget_vehicle_run", "公务用车运行维护费", b["vehicle_run"]),
                    ("budget_reception", "公务接待费", b["reception"]), ("meeting", "会议费", b["meeting"]),
                    ("training", "培训费", b["training"])]
            header = [[head("合计", rowspan=3), head("“三公”经费", colspan=6), head("会议费", rowspan=3),
                       head("培训费", rowspan=3)],
                      [head("小计", rowspan=2), head("因公出国（境）费", rowspan=2), head("公务用车购置及运行维护费", colspan=3),
                       head("公务接待费", rowspan=2)],
                      [head("小计"), head("公务用车购置费"), head("公务用车运行维护费")]]
            return self._matrix(header, cols, [1.3] * 9, landscape=True)
        cols = [("budget_total", "合计", b["total"]), ("budget_abroad", "因公出国（境）费", b["abroad"]),
                ("budget_vehicle", "小计", b["vehicle"]), ("budget_vehicle_buy", "购置费", b["vehicle_buy"]),
                ("budget_vehicle_run", "运行费", b["vehicle_run"]), ("budget_reception", "公务接待费", b["reception"])]
        header = [[head("合计", rowspan=2), head("因公出国（境）费", rowspan=2), head("公务用车购置及运行费", colspan=3),
                   head("公务接待费", rowspan=2)],
                  [head("小计"), head("购置费"), head("运行费")]]
        return self._matrix(header, cols, [1.5] * 6, landscape=True)
