"""The standard tables: each built twice from the same figures — as the canonical model `Table` (what
a parser should recover) and as a `PrintedTable` (header block with merged cells, body, widths, notes)
that every renderer draws the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from gongkai.catalog.templates import templates
from gongkai.compose.figures import PERSONNEL_CLASSES, ZERO, Figures
from gongkai.compose.model import VEHICLE_KINDS
from gongkai.model.amount import Unit
from gongkai.model.table import Cell, CellKind, Column, Row, Table

NUMERALS = ("一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十 二十一 二十二 二十三 二十四 "
            "二十五 二十六 二十七 二十八 二十九 三十").split()

NOTES = {
    "final.summary": "注：本表反映部门本年度的总收支和年末结转结余情况。",
    "final.income": "注：本表反映部门本年度取得的各项收入情况。",
    "final.expenditure": "注：本表反映部门本年度各项支出情况。",
    "final.fiscal_summary": "注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。",
    "final.gpb_expenditure": "注：本表反映部门本年度一般公共预算财政拨款支出情况。",
    "final.gpb_basic": "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
    "final.three_public": "注：本表反映部门本年度“三公”经费支出预决算情况。其中，预算数为“三公”经费全年预算数，反映按规定程序调整后的预算数；"
                          "决算数是包括当年一般公共预算财政拨款和以前年度结转资金安排的实际支出。",
    "final.gov_fund": "注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。",
    "final.soe_capital": "注：本表反映部门本年度国有资本经营预算财政拨款收入支出及结转和结余情况。",
    "final.soe_capital_expenditure": "注：本表反映部门本年度国有资本经营预算财政拨款支出情况。",
    "final.info_stats": "注：本表反映部门本年度政府采购及机关运行经费和国有资产占用情况。",
    "final.fiscal_expenditure_detail": "注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款"
                                       "按支出功能分类科目（项级）列示的基本支出和项目支出情况。",
    "final.gpb_expenditure_detail": "注：本表反映部门本年度一般公共预算财政拨款支出按支出功能分类科目（项级）和部门预算支出经济分类科目"
                                    "（类级）列示的明细情况。",
    "final.gpb_project": "注：本表反映部门本年度一般公共预算财政拨款项目支出按部门预算支出经济分类科目列示的明细情况。",
}
# 上海 2024 基本支出表: the 310 资本性支出 款 it lists (the others are 基本建设-type, printed only when used)
BASIC_310 = ("31001", "31002", "31003", "31007", "31013", "31019", "31021", "31022", "31099")


@dataclass
class Style:
    """How a profile prints its tables."""

    rowno: bool = False  # 行次 on the 总表s and 栏次 rows
    three_public: str = "paired"  # paired (2024 national) | blocked (预算数 block, then 决算数 block)
    zero_blank: bool = True  # zero amounts in detail rows printed as blanks
    total_last: tuple[str, ...] = ()  # tables whose 合计 row comes after the 类/款/项 rows
    basic_full: bool = False  # 基本支出表: every 款 of the year's catalogue, zeros printed, no 人员/公用经费 header row
    three_public_banner: bool = False  # “财政拨款“三公”经费” over the whole 三公 table; no 三公 → blank row and 说明
    notes: dict[str, str] = field(default_factory=dict)  # the profile's own wording of a table's note
    table_meta: bool = True  # 编制部门 … 年度 printed above each table, beside the unit
    unit_label: str = "金额单位"  # the unit line: 金额单位：万元 or 单位：万元


STYLES = {
    "national_final": Style(),
    "hunan_final": Style(rowno=True, three_public="blocked", zero_blank=False),
    "shanxi_final": Style(rowno=True, three_public="blocked", zero_blank=False),
    "sichuan_final": Style(rowno=True, three_public="blocked", zero_blank=False),
    # 上海 2024 部门决算模板 (附件2) and the 普陀区委社会工作部 2024 决算: no 公开NN表 numbers, no 行次/栏次
    "shanghai_final": Style(
        total_last=("final.gpb_expenditure",), basic_full=True, three_public_banner=True,
        table_meta=False, unit_label="单位",
        notes={"final.fiscal_summary": "注：本表反映部门本年度财政拨款总收支和结转结余情况。",
               "final.three_public": "注：本表反映部门本年度“三公”经费支出预决算情况。"}),
}


@dataclass
class PCell:
    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    align: str = "center"  # left | center | right
    bold: bool = False


@dataclass
class PrintedTable:
    template_id: str
    number: str | None
    title: str
    header: list[list[PCell]]
    body: list[list[PCell]]
    widths: list[float]
    notes: list[str] = field(default_factory=list)
    empty_note: str | None = None
    landscape: bool = False
    model: Table | None = None

    @property
    def ncols(self) -> int:
        return len(self.widths)


def money(v: Decimal | None, blank_zero: bool = False) -> str:
    if v is None or (blank_zero and not v):
        return ""
    return f"{v:,.2f}"


def num(v: Decimal, blank_zero: bool = False) -> PCell:
    return PCell(money(v, blank_zero), align="right")


def cell(v: Decimal | int) -> Cell:
    if isinstance(v, int):
        return Cell(kind=CellKind.NUMBER, value=Decimal(v), text=str(v))
    return Cell(kind=CellKind.NUMBER, value=v, text=money(v))


def lab(text: str, bold: bool = False, colspan: int = 1) -> PCell:
    return PCell(text, colspan=colspan, align="left", bold=bold)


def head(text: str, colspan: int = 1, rowspan: int = 1) -> PCell:
    return PCell(text, colspan=colspan, rowspan=rowspan, bold=True)


class Builder:
    def __init__(self, f: Figures, style: Style):
        self.f = f
        self.s = style

    def table(self, tid: str, number: str | None) -> PrintedTable:
        name = tid.split(".", 1)[1]
        build = getattr(self, name, None)
        if build is None:  # the 四川 detail tables
            from gongkai.compose import tables_detail

            build = partial(getattr(tables_detail, name), self)
        p: PrintedTable = build()
        p.number = number
        if not p.notes and tid in NOTES:
            p.notes = [NOTES[tid]]
        if tid in self.s.notes:
            p.notes = [self.s.notes[tid] if n == NOTES.get(tid) else n for n in p.notes]
        if tid in self.s.total_last and p.model is not None and p.model.rows and p.model.rows[0].key == "total":
            p.body.append(p.body.pop(0))
            p.model.rows.append(p.model.rows.pop(0))
        tpl = templates()[tid]
        p.title = tpl.title
        p.template_id = tid
        if p.model is not None:
            p.model.template_id = tid
            p.model.title = tpl.title
            p.model.printed_title = tpl.title
            p.model.printed_number = number
            p.model.unit = Unit.WAN
            p.model.printed_unit_name = self.f.unit
            p.model.printed_year = self.f.year
            p.model.notes = list(p.notes)
            p.model.empty_note = p.empty_note
        return p

    # -- helpers ----------------------------------------------------------------------------------
    def _coded_head(self, names: list[str], groups: list[tuple[str, int]] | None = None) -> list[list[PCell]]:
        """项目 | columns; with `groups` a two-level header (group over sub-columns)."""
        rows: list[list[PCell]] = []
        if groups is None:
            rows.append([head("项目", colspan=2)] + [head(n, rowspan=2) for n in names])
            rows.append([head("功能分类科目编码"), head("科目名称")])
        else:
            top = [head("项目", colspan=2)]
            sub: list[PCell] = [head("功能分类科目编码"), head("科目名称")]
            k = 0
            for gname, width in groups:
                if width == 1:
                    top.append(head(names[k], rowspan=2))
                else:
                    top.append(head(gname, colspan=width))
                    sub += [head(n) for n in names[k:k + width]]
                k += width
            rows += [top, sub]
        if self.s.rowno:
            rows.append([head("栏次", colspan=2)] + [head(str(k + 1)) for k in range(len(names))])
        return rows

    def _coded(self, metrics: list[tuple[str, str]], codes: list[str], blank: bool = True) -> tuple[Table, list[list[PCell]]]:
        """合计 row then 类/款/项 rows: (model table, printed body)."""
        f = self.f
        columns = [Column(key=k, header=h) for k, h in metrics]
        if self.s.rowno:
            for n, c in enumerate(columns):
                c.number = n + 1
        rows: list[Row] = []
        body: list[list[PCell]] = []
        totals = {k: sum((f.value(self._metric_map[k], c) for c in codes if len(c) == 3), ZERO) for k, _ in metrics}
        rows.append(Row(key="total", label="合计", cells={k: cell(v) for k, v in totals.items()}))
        body.append([PCell("合计", colspan=2, bold=True)] + [num(totals[k], blank and self.s.zero_blank) for k, _ in metrics])
        for code in codes:
            values = {k: f.value(self._metric_map[k], code) for k, _ in metrics}
            rows.append(Row(code=code, label=f.name(code), cells={k: cell(v) for k, v in values.items()}))
            body.append([lab(code), lab(f.name(code))] + [num(values[k], blank and self.s.zero_blank) for k, _ in metrics])
        return Table(title="", columns=columns, rows=rows), body

    _metric_map: dict[str, str] = {}

    def _with_map(self, mapping: dict[str, str]):
        self._metric_map = mapping

    # -- 公开01 收入支出决算总表 ------------------------------------------------------------------------
    def summary(self) -> PrintedTable:
        f, b = self.f, self.f.data.balances
        income = [("inc_gpb", "一般公共预算财政拨款收入", f.total("inc_gpb")),
                  ("inc_gf", "政府性基金预算财政拨款收入", f.total("inc_gf")),
                  ("inc_soe", "国有资本经营预算财政拨款收入", f.total("inc_soe")),
                  ("inc_upper", "上级补助收入", f.total("inc_upper")),
                  ("inc_business", "事业收入", f.total("inc_business")),
                  ("inc_operating", "经营收入", f.total("inc_operating")),
                  ("inc_affiliated", "附属单位上缴收入", f.total("inc_affiliated")),
                  ("inc_other", "其他收入", f.total("inc_other"))]
        classes = [(f"class_{c}", f.class_name(c), f.value("expenditure", c), c) for c in f.classes]
        bottom = [(("inc_total", "本年收入合计", f.income_total), ("exp_total", "本年支出合计", f.expenditure_total)),
                  (("inc_use_surplus", "使用非财政拨款结余", b.use_surplus), ("exp_distribution", "结余分配", b.distribution)),
                  (("inc_begin", "年初结转和结余", f.begin_total), ("exp_end", "年末结转和结余", f.end_total)),
                  (("inc_grand", "总计", f.grand), ("exp_grand", "总计", f.grand_out))]
        return self._two_sided(income, classes, bottom, [("amount", "决算数")], [("amount", "决算数")])

    # -- 公开04 财政拨款收入支出决算总表 -------------------------------------------------------------------
    def fiscal_summary(self) -> PrintedTable:
        f, b = self.f, self.f.data.balances
        income = [("inc_gpb", "一般公共预算财政拨款", f.total("inc_gpb")),
                  ("inc_gf", "政府性基金预算财政拨款", f.total("inc_gf")),
                  ("inc_soe", "国有资本经营预算财政拨款", f.total("inc_soe"))]
        classes = [(f"class_{c}", f.class_name(c),
                    {"total": f.value("fiscal", c), "gpb": f.value("gpb", c), "gf": f.value("gf", c),
                     "soe": f.value("soe", c)}, c) for c in f.classes]
        exp_total = {"total": f.fiscal_expenditure, "gpb": f.total("gpb"), "gf": f.total("gf"), "soe": f.total("soe")}
        exp_end = {"total": f.fiscal_end, "gpb": b.gpb.end, "gf": b.gf.end, "soe": b.soe.end}
        exp_grand = {k: exp_total[k] + exp_end[k] for k in exp_total}
        bottom = [(("inc_total", "本年收入合计", f.fiscal_income), ("exp_total", "本年支出合计", exp_total)),
                  (("inc_begin", "年初财政拨款结转和结余", f.fiscal_begin), ("exp_end", "年末财政拨款结转和结余", exp_end)),
                  (("inc_begin_gpb", "一般公共预算财政拨款", b.gpb.begin), None),
                  (("inc_begin_gf", "政府性基金预算财政拨款", b.gf.begin), None),
                  (("inc_begin_soe", "国有资本经营预算财政拨款", b.soe.begin), None),
                  (("inc_grand", "总计", f.fiscal_grand), ("exp_grand", "总计", exp_grand))]
        return self._two_sided(income, classes, bottom, [("amount", "决算数")],
                               [("total", "合计"), ("gpb", "一般公共预算财政拨款"), ("gf", "政府性基金预算财政拨款"),
                                ("soe", "国有资本经营预算财政拨款")])

    def _two_sided(self, income, classes, bottom, inc_cols, exp_cols) -> PrintedTable:
        rowno = self.s.rowno
        left_n = max(len(income), len(classes))
        n_left = 1 + rowno + len(inc_cols)
        n_right = 1 + rowno + len(exp_cols)
        header = [[head("收入", colspan=n_left), head("支出", colspan=n_right)],
                  [head("项目")] + ([head("行次")] if rowno else []) + [head(h) for _, h in inc_cols]
                  + [head("项目")] + ([head("行次")] if rowno else []) + [head(h) for _, h in exp_cols]]
        if rowno:
            header.append([head("栏次"), head("")] + [head(str(k + 1)) for k in range(len(inc_cols))]
                          + [head("栏次"), head("")] + [head(str(k + 1 + len(inc_cols))) for k in range(len(exp_cols))])
        columns = [Column(key=k, header=h, block="收入") for k, h in inc_cols] + \
                  [Column(key=k, header=h, block="支出") for k, h in exp_cols]
        if rowno:
            for n, c in enumerate(columns):
                c.number = n + 1
        total_rows = left_n + len(bottom)
        inc_rows: list[Row] = []
        exp_rows: list[Row] = []
        body: list[list[PCell]] = []

        def side(entry, k: int, cols, block: str, rows_out: list[Row], ordinal: bool, number: int):
            """Printed cells of one side of one row, and its model row."""
            if entry is None:
                return [lab("")] + ([PCell(str(number))] if rowno else []) + [PCell("") for _ in cols]
            key, label, values, *code = entry
            if not isinstance(values, dict):
                values = {cols[0][0]: values}
            printed = f"{NUMERALS[k]}、{label}" if ordinal else label
            total_like = key.endswith(("_total", "_grand"))
            rows_out.append(Row(key=key, code=code[0] if code else None, label=printed, block=block,
                                number=number if rowno else None,
                                cells={c: cell(values[c]) for c, _ in cols}))
            indent = "　" if key.startswith("inc_begin_") else ""
            label_cell = PCell(label, bold=True) if total_like else lab(indent + printed)
            blank = self.s.zero_blank
            return [label_cell] + ([PCell(str(number))] if rowno else []) + [num(values[c], blank) for c, _ in cols]

        for k in range(left_n):
            left = side(income[k] if k < len(income) else None, k, inc_cols, "收入", inc_rows, True, k + 1)
            right = side(classes[k] if k < len(classes) else None, k, exp_cols, "支出", exp_rows, True,
                         total_rows + k + 1)
            body.append(left + right)
        for j, (lentry, rentry) in enumerate(bottom):
            k = left_n + j
            left = side(lentry, k, inc_cols, "收入", inc_rows, False, k + 1)
            right = side(rentry, k, exp_cols, "支出", exp_rows, False, total_rows + k + 1)
            body.append(left + right)
        wide = len(exp_cols) > 2
        label_w, amount_w = (3.0, 0.95) if wide else (3.2, 1.3)
        widths = [label_w] + ([0.45] if rowno else []) + [amount_w] * len(inc_cols) + [label_w] \
            + ([0.45] if rowno else []) + [amount_w] * len(exp_cols)
        model = Table(title="", columns=columns, rows=inc_rows + exp_rows)
        return PrintedTable(template_id="", number=None, title="", header=header, body=body, widths=widths,
                            landscape=False, model=model)

    # -- 公开02 收入决算表 ----------------------------------------------------------------------------
    def income(self) -> PrintedTable:
        metrics = [("total", "本年收入合计"), ("fiscal", "财政拨款收入"), ("upper", "上级补助收入"), ("business", "事业收入"),
                   ("operating", "经营收入"), ("affiliated", "附属单位上缴收入"), ("other", "其他收入")]
        self._with_map({"total": "income", "fiscal": "inc_fiscal", "upper": "inc_upper", "business": "inc_business",
                        "operating": "inc_operating", "affiliated": "inc_affiliated", "other": "inc_other"})
        model, body = self._coded(metrics, self.f.codes_with("income"))
        return PrintedTable("", None, "", self._coded_head([h for _, h in metrics]), body,
                            [1.3, 3.6] + [1.25] * len(metrics), [NOTES["final.income"]], landscape=True, model=model)

    # -- 公开03 支出决算表 ----------------------------------------------------------------------------
    def expenditure(self) -> PrintedTable:
        metrics = [("total", "本年支出合计"), ("basic", "基本支出"), ("project", "项目支出"), ("upper_remit", "上缴上级支出"),
                   ("operating", "经营支出"), ("affiliated_subsidy", "对附属单位补助支出")]
        self._with_map({"total": "expenditure", "basic": "exp_basic", "project": "exp_project",
                        "upper_remit": "exp_upper_remit", "operating": "exp_operating",
                        "affiliated_subsidy": "exp_affiliated_subsidy"})
        model, body = self._coded(metrics, self.f.codes_with("expenditure"))
        return PrintedTable("", None, "", self._coded_head([h for _, h in metrics]), body,
                            [1.3, 3.6] + [1.35] * len(metrics), [NOTES["final.expenditure"]], landscape=True, model=model)

    # -- 公开05 一般公共预算财政拨款支出决算表 ---------------------------------------------------------------
    def gpb_expenditure(self) -> PrintedTable:
        metrics = [("total", "合计"), ("basic", "基本支出"), ("project", "项目支出")]
        self._with_map({"total": "gpb", "basic": "gpb_basic", "project": "gpb_project"})
        model, body = self._coded(metrics, self.f.codes_with("gpb"))
        return PrintedTable("", None, "", self._coded_head([h for _, h in metrics]), body, [1.4, 4.2, 1.5, 1.5, 1.5],
                            [NOTES["final.gpb_expenditure"]], model=model)

    # -- 公开09 (湖南/山西) 国有资本经营预算财政拨款支出决算表 ------------------------------------------------
    def soe_capital_expenditure(self) -> PrintedTable:
        metrics = [("total", "合计"), ("basic", "基本支出"), ("project", "项目支出")]
        self._with_map({"total": "soe", "basic": "soe_basic", "project": "soe_project"})
        model, body = self._coded(metrics, self.f.codes_with("soe"))
        p = PrintedTable("", None, "", self._coded_head([h for _, h in metrics]), body, [1.4, 4.2, 1.5, 1.5, 1.5],
                         [NOTES["final.soe_capital_expenditure"]], model=model)
        return self._maybe_empty(p, "soe", "国有资本经营预算财政拨款")

    # -- 公开08/09 政府性基金、国有资本经营预算财政拨款收入支出决算表 -------------------------------------------
    def gov_fund(self) -> PrintedTable:
        return self._fund("gf", "final.gov_fund", "政府性基金预算财政拨款")

    def soe_capital(self) -> PrintedTable:
        return self._fund("soe", "final.soe_capital", "国有资本经营预算财政拨款")

    def _fund(self, fund: str, tid: str, name: str) -> PrintedTable:
        metrics = [("begin", "年初结转和结余"), ("income", "本年收入"), ("total", "合计"), ("basic", "基本支出"),
                   ("project", "项目支出"), ("end", "年末结转和结余")]
        self._with_map({"begin": f"{fund}_begin", "income": f"inc_{fund}", "total": fund, "basic": f"{fund}_basic",
                        "project": f"{fund}_project", "end": f"{fund}_end"})
        codes = self.f.codes_with(f"{fund}_begin", f"inc_{fund}", fund, f"{fund}_end")
        model, body = self._coded(metrics, codes)
        for c in model.columns:
            if c.key == "total":
                c.header = "本年支出 合计"
        header = self._coded_head([h for _, h in metrics],
                                  groups=[("", 1), ("", 1), ("本年支出", 3), ("", 1)])
        p = PrintedTable("", None, "", header, body, [1.4, 3.6, 1.4, 1.4, 1.4, 1.4, 1.4, 1.4], [NOTES[tid]],
                         landscape=True, model=model)
        return self._maybe_empty(p, fund, name)

    def _maybe_empty(self, p: PrintedTable, fund: str, name: str) -> PrintedTable:
        f = self.f
        if any(f.total(m) for m in (f"{fund}_begin", f"inc_{fund}", fund)):
            return p
        p.body = [[PCell("合计", colspan=2, bold=True)] + [PCell("") for _ in range(p.ncols - 2)]]
        p.model.rows = []  # an empty table prints a blank 合计 row only: no figures
        p.empty_note = f"说明：{f.unit}本年度没有{name}收入和支出，故本表无数据。"
        p.notes = p.notes + [p.empty_note]
        return p

    # -- 公开06 一般公共预算财政拨款基本支出决算表 -------------------------------------------------------------
    def gpb_basic(self) -> PrintedTable:
        f = self.f
        econ = f.economic
        used_classes = sorted({c for c in econ if len(c) == 3} | {"301", "302", "303", "310"})
        listed = self._basic_listed() if self.s.basic_full else set()

        def block(classes: list[str]) -> list[str]:
            out = []
            for c in classes:
                out.append(c)
                out += sorted(k for k in set(econ) | listed
                              if len(k) == 5 and k.startswith(c) and (econ.get(k) or k in listed))
            return out

        left = block([c for c in used_classes if c in PERSONNEL_CLASSES])
        right = block([c for c in used_classes if c not in PERSONNEL_CLASSES])
        header = [[head("人员经费", colspan=3), head("公用经费", colspan=3)],
                  [head("经济分类科目编码"), head("科目名称"), head("决算数")] * 2]
        if self.s.basic_full:
            header = header[1:]
        body: list[list[PCell]] = []
        rows: list[Row] = []
        for k in range(max(len(left), len(right))):
            printed: list[PCell] = []
            for side, block_no in ((left, "1"), (right, "2")):
                if k < len(side):
                    code = side[k]
                    v = econ.get(code, ZERO)
                    bold = len(code) == 3
                    blank = self.s.zero_blank and not bold and not self.s.basic_full
                    printed += [lab(code, bold), lab(f.econ_name(code), bold), num(v, blank)]
                    rows.append(Row(code=code, label=f.econ_name(code), block=block_no, cells={"amount": cell(v)}))
                else:
                    printed += [PCell(""), PCell(""), PCell("")]
            body.append(printed)
        body.append([PCell("人员经费合计", colspan=2, bold=True), num(f.personnel),
                     PCell("公用经费合计", colspan=2, bold=True), num(f.public)])
        rows.sort(key=lambda r: r.block)
        rows += [Row(key="personnel_total", label="人员经费合计", cells={"amount": cell(f.personnel)}),
                 Row(key="public_total", label="公用经费合计", cells={"amount": cell(f.public)})]
        model = Table(title="", columns=[Column(key="amount", header="决算数")], rows=rows)
        return PrintedTable("", None, "", header, body, [1.2, 3.0, 1.3, 1.2, 3.0, 1.3], [NOTES["final.gpb_basic"]],
                            model=model)

    def _basic_listed(self) -> set[str]:
        """The 款 a full 基本支出表 prints whatever their amount: 301, 302, 303 in full, 310 as 上海 lists it."""
        from gongkai.catalog import codes

        kuan = [c.code for c in codes.all_codes(self.f.year, "economic").values() if len(c.code) == 5]
        return {k for k in kuan if k[:3] in ("301", "302", "303") or k in BASIC_310}

    # -- 公开07 财政拨款“三公”经费支出决算表 -------------------------------------------------------------
    def three_public(self) -> PrintedTable:
        budget, actual = self.f.three_public("budget"), self.f.three_public("actual")
        items = ["total", "abroad", "vehicle", "vehicle_buy", "vehicle_run", "reception"]
        tpl = templates()["final.three_public"]
        order = tpl.orders[self.s.three_public]
        values = {f"budget_{k}": budget[k] for k in items} | {f"actual_{k}": actual[k] for k in items}
        names = {"total": "合计", "abroad": "因公出国（境）费", "vehicle": "公务用车购置及运行维护费",
                 "vehicle_buy": "公务用车购置费", "vehicle_run": "公务用车运行维护费", "reception": "公务接待费"}
        if self.s.three_public == "paired":
            header = [[head("合计", 2, 2), head(names["abroad"], 2, 2), head(names["vehicle"], 6), head(names["reception"], 2, 2)],
                      [head("小计", 2), head(names["vehicle_buy"], 2), head(names["vehicle_run"], 2)],
                      [head(x) for _ in range(6) for x in ("预算数", "决算数")]]
        else:
            one = [head("合计", 1, 2), head(names["abroad"], 1, 2), head(names["vehicle"], 3), head(names["reception"], 1, 2)]
            header = [[head("预算数", 6), head("决算数", 6)], one + [PCell(c.text, c.colspan, c.rowspan, bold=True) for c in one],
                      [head("小计"), head(names["vehicle_buy"]), head(names["vehicle_run"])] * 2]
        if self.s.rowno:
            header.append([head(str(k + 1)) for k in range(12)])
        empty_note = None
        if self.s.three_public_banner:
            header.insert(0, [head("财政拨款“三公”经费", 12)])
        body = [[PCell(money(values[k]), align="right") for k in order]]
        if self.s.three_public_banner and not any(values.values()):
            empty_note = f"说明：{self.f.unit}本年度没有财政拨款“三公”经费支出，故本表无数据。"
            body = [[PCell("") for _ in order]]
        by_key = {c.key: c for c in tpl.columns}
        columns = [Column(key=k, header=by_key[k].header, number=n + 1) for n, k in enumerate(order)]
        model = Table(title="", columns=columns, rows=[Row(key="amounts", label="金额",
                                                            cells={k: cell(values[k]) for k in order})])
        notes = [NOTES["final.three_public"]] + ([empty_note] if empty_note else [])
        return PrintedTable("", None, "", header, body, [1.0] * 12, notes, empty_note=empty_note, landscape=True,
                            model=model)

    # -- 公开10 (山西) 部门决算公开相关信息统计表 ----------------------------------------------------------
    def info_stats(self) -> PrintedTable:
        d = self.f.data
        p, r, a = d.procurement, d.running, d.assets
        entries: list[tuple[str | None, str, Decimal | int | None]] = [
            (None, "一、政府采购情况", None), ("procurement_total", "合计", p.total), ("procurement_goods", "货物", p.goods),
            ("procurement_works", "工程", p.works), ("procurement_services", "服务", p.services),
            (None, "二、机关运行经费", None), ("running_admin", "（一）行政单位", r.admin),
            ("running_civil_service", "（二）参照公务员法管理事业单位", r.civil_service),
            (None, "三、国有资产占用情况", None), ("vehicles_total", "（一）车辆数合计（辆）", a.vehicles_total)]
        for n, (k, name) in enumerate(VEHICLE_KINDS.items()):
            entries.append((f"vehicles_{k}", f"{n + 1}.{name}", a.vehicles.get(k, 0)))
        entries += [("equipment_general", "（二）单价50万元以上通用设备（台、套）", a.equipment_general),
                    ("equipment_special", "（三）单价100万元以上专用设备（台、套）", a.equipment_special)]
        header = [[head("项目"), head("行次"), head("金额（数量）")]]
        body, rows, n = [], [], 0
        for key, label, v in entries:
            if key is None:
                body.append([lab(label, bold=True), PCell(""), PCell("")])
                continue
            n += 1
            text = str(v) if isinstance(v, int) else money(v)
            body.append([lab(label), PCell(str(n)), PCell(text, align="right")])
            rows.append(Row(key=key, number=n, label=label, cells={"value": cell(v)}))
        model = Table(title="", columns=[Column(key="value", header="金额/数量")], rows=rows)
        return PrintedTable("", None, "", header, body, [5.0, 0.8, 2.0], [NOTES["final.info_stats"]], model=model)


def build_tables(f: Figures, profile_id: str) -> list[PrintedTable]:
    from gongkai.catalog.templates import profiles

    from gongkai.compose.detail import needs_matrix, needs_project, profile_problems

    if needs_matrix(profile_id) or needs_project(profile_id):
        problems = profile_problems(f.data, profile_id)
        if problems:
            from gongkai.compose.compose import ComposeError

            raise ComposeError(f"缺少经济分类明细数据，无法编制（请用 gongkai template --profile {profile_id} 生成的工作簿"
                               f"填写）：{'；'.join(problems)}")
    f.profile = profile_id
    profile = profiles()[profile_id]
    b = Builder(f, STYLES.get(profile_id, Style()))
    return [b.table(pt.template, pt.number) for pt in profile.tables]
