"""The 情况说明 and 名词解释, written from the figures: amounts, shares, year-on-year changes and 完成预算
percentages are computed here (never typed), and the user's reasons are inserted where they belong."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from importlib import resources

import yaml

from gongkai.compose.blocks import Block, Figure, Heading, ListTable, Para
from gongkai.compose.performance import score_projects, summary_paragraphs
from gongkai.compose.figures import PERSONNEL_CLASSES, Figures, pct
from gongkai.compose.model import VEHICLE_KINDS
from gongkai.compose.tables import NUMERALS


# 四川 (seed 001 and the 2024 渠县 disclosures): 预算绩效管理情况 is （四） of 十、其他重要事项的情况说明
PERFORMANCE_IN_OTHER = ("sichuan_final",)
# 上海 2024 部门决算模板: 一、主要职能; 二、部门决算单位构成 (序号 | 单位名称 | 备注)
SHANGHAI_WORDING = ("shanghai_final",)


def w(v: Decimal) -> str:
    """An amount in 万元 as the narrative prints it."""
    return f"{v:,.2f}万元"


def p(v: Decimal | None) -> str:
    return "—" if v is None else f"{v:.2f}%"


def reason(text: str, lead: str = "主要原因是") -> str:
    t = text.strip().rstrip("。；;")
    return f"{lead}{t}。" if t else ""


def change(cur: Decimal, prior: Decimal, what: str, year: int, basis: str = "年度") -> str:
    """与上年度（部门预算：上年预算）相比 … 增加/减少 X 万元，增长/下降 Y%（或 持平）."""
    diff = cur - prior
    base = f"与{year - 1}{basis}相比，{what}"
    if diff == 0:
        return f"{base}持平。"
    verb, rate_verb = ("增加", "增长") if diff > 0 else ("减少", "下降")
    rate = pct(abs(diff), prior)
    if rate is None:
        return f"{base}{verb}{w(abs(diff))}（上年{'预算' if '预算' in basis else ''}为0）。"
    return f"{base}{verb}{w(abs(diff))}，{rate_verb}{p(rate)}。"


def shares(items: list[tuple[str, Decimal]], total: Decimal, sep: str = "；") -> str:
    """'A X万元，占a%；B …' for the non-zero items."""
    parts = [f"{name}{w(v)}，占{p(pct(v, total))}" for name, v in items if v]
    return sep.join(parts)


def completion(actual: Decimal, budget: Decimal, what: str = "预算") -> str:
    if not budget:
        return f"{what}为0万元，支出决算为{w(actual)}"
    return f"{what}为{w(budget)}，支出决算为{w(actual)}，完成{what}的{p(pct(actual, budget))}"


@cache
def glossary() -> dict:
    text = resources.files("gongkai.catalog").joinpath("glossary.yaml").read_text("utf-8")
    return yaml.safe_load(text)


class Writer:
    def __init__(self, f: Figures, scored: list | None = None):
        self.f = f
        self.scored = scored  # the 绩效自评 as scored for the tables (under the configured scheme)
        self.blocks: list[Block] = []
        self.figure_no = 0

    def h(self, text: str, level: int, new_page: bool = False) -> None:
        self.blocks.append(Heading(text, level, new_page=new_page))

    def para(self, *parts: str) -> None:
        text = "".join(x for x in parts if x)
        if text:
            self.blocks.append(Para(text))

    def figure(self, key: str, caption: str) -> None:
        self.figure_no += 1
        self.blocks.append(Figure(key, f"图{self.figure_no} {caption}"))

    # -- 概况 ------------------------------------------------------------------------------------
    def overview(self, title: str = "第一部分 部门概况") -> list[Block]:
        u = self.f.data.unit
        shanghai = self.f.profile in SHANGHAI_WORDING
        self.h(title, 0, new_page=True)
        self.h("一、主要职能" if shanghai else "一、部门职责", 1)
        for line in (u.responsibilities or f"{u.name}的主要职责按机构职能配置规定执行。").splitlines():
            self.para(line.strip())
        composed = shanghai and len(u.members) > 1  # 上海: 部门决算单位构成, “机构设置” for a single unit
        self.h("二、部门决算单位构成" if composed else "二、机构设置", 1)
        for line in u.structure.splitlines():
            self.para(line.strip())
        if composed:
            self.para(f"从预算单位构成看，{u.name}部门决算包括：{u.name}本级决算、下属行政事业单位决算。")
        if u.members:
            self.para(f"纳入{u.name}{u.year}年度部门决算编制范围的单位共{len(u.members)}家，包括：")
            if shanghai:
                self.blocks.append(ListTable(["序号", "单位名称", "备注"],
                                             [[str(k + 1), m, ""] for k, m in enumerate(u.members)], [1, 6, 2]))
            else:
                self.blocks.append(ListTable(["序号", "单位名称"], [[str(k + 1), m] for k, m in enumerate(u.members)],
                                             [1, 6]))
        return self.blocks

    # -- 情况说明 ----------------------------------------------------------------------------------
    def explanation(self, title: str = "", appendix: str = "附表") -> list[Block]:
        """Under `title` (by default 第三部分 {year}年度部门决算情况说明); `appendix` is where the 绩效自评表 are."""
        f, d = self.f, self.f.data
        y, r = f.year, d.reasons
        self.h(title or f"第三部分 {y}年度部门决算情况说明", 0, new_page=True)
        n = iter(NUMERALS)

        # 一 收支总体
        self.h(f"{next(n)}、收入支出决算总体情况说明", 1)
        self.para(f"{y}年度收、支总计均为{w(f.grand)}。", change(f.grand, d.prior.grand, "收、支总计各", y),
                  reason(r.grand))
        self.figure("grand_change", "收入支出决算总计变动情况")

        # 二 收入
        self.h(f"{next(n)}、收入决算情况说明", 1)
        income = self.income_items()
        self.para(f"{y}年度本年收入合计{w(f.income_total)}",
                  f"，其中：{shares(income, f.income_total)}。" if f.income_total else "。",
                  change(f.income_total, d.prior.income, "本年收入合计", y), reason(r.income))
        if f.income_total:
            self.figure("income_structure", "收入决算结构")

        # 三 支出
        self.h(f"{next(n)}、支出决算情况说明", 1)
        self.para(f"{y}年度本年支出合计{w(f.expenditure_total)}",
                  f"，其中：{shares(self.expenditure_items(), f.expenditure_total)}。" if f.expenditure_total else "。",
                  change(f.expenditure_total, d.prior.expenditure, "本年支出合计", y), reason(r.expenditure))
        if f.expenditure_total:
            self.figure("expenditure_structure", "支出决算结构")

        # 四 财政拨款总体
        self.h(f"{next(n)}、财政拨款收入支出决算总体情况说明", 1)
        self.para(f"{y}年度财政拨款收、支总计均为{w(f.fiscal_grand)}。", change(f.fiscal_grand, d.prior.fiscal_grand,
                                                                   "财政拨款收、支总计各", y), reason(r.fiscal))
        self.figure("fiscal_change", "财政拨款收入支出决算总计变动情况")

        # 五 一般公共预算财政拨款支出
        self.h(f"{next(n)}、一般公共预算财政拨款支出决算情况说明", 1)
        gpb = f.total("gpb")
        self.h("（一）一般公共预算财政拨款支出决算总体情况", 2)
        self.para(f"{y}年度一般公共预算财政拨款支出{w(gpb)}，占本年支出合计的{p(pct(gpb, f.expenditure_total))}。",
                  change(gpb, d.prior.gpb_expenditure, "一般公共预算财政拨款支出", y), reason(r.gpb))
        self.figure("gpb_change", "一般公共预算财政拨款支出决算变动情况")
        self.h("（二）一般公共预算财政拨款支出决算结构情况", 2)
        classes = [(f"{f.class_name(c)}（类）", f.value("gpb", c)) for c in f.codes if len(c) == 3]
        if gpb:
            self.para(f"{y}年度一般公共预算财政拨款支出{w(gpb)}，主要用于以下方面：", shares(classes, gpb), "。")
            self.figure("gpb_structure", "一般公共预算财政拨款支出决算结构")
        else:
            self.para(f"{f.unit}{y}年度没有一般公共预算财政拨款支出。")
        self.h("（三）一般公共预算财政拨款支出决算具体情况", 2)
        budget = f.total("budget_initial")
        full = f.total("budget_full")
        head = f"{y}年度一般公共预算财政拨款支出年初预算为{w(budget)}，支出决算为{w(gpb)}"
        head += f"，完成年初预算的{p(pct(gpb, budget))}。" if budget else "。"
        if full != budget:
            head += f"年中预算调整后，全年预算为{w(full)}，决算数完成全年预算的{p(pct(gpb, full))}。" if full else ""
        self.para(head, reason(r.gpb_budget, "决算数与年初预算数存在差异的主要原因是") if gpb != budget else "",
                  "其中：" if gpb else "")
        k = 0
        for line in f.lines:
            actual = line.gpb_basic + line.gpb_project
            if not actual and not line.budget_initial and not line.budget_full:
                continue
            k += 1
            path = (f"{f.class_name(line.code[:3])}（类）{f.name(line.code[:5])}（款）{line.name}（项）")
            text = f"{k}.{path}：" + (f"主要用于{line.purpose.rstrip('。')}。" if line.purpose else "")
            text += completion(actual, line.budget_initial, "年初预算") + "。"
            if line.budget_full != line.budget_initial and line.budget_full:
                text += f"年中预算调整后，全年预算为{w(line.budget_full)}，决算数完成全年预算的{p(pct(actual, line.budget_full))}。"
            if actual != line.budget_initial:
                more = "大于" if actual > line.budget_initial else "小于"
                text += reason(line.reason, f"决算数{more}年初预算数的主要原因是")
            else:
                text += "决算数与年初预算数持平。"
            self.para(text)

        # 六 基本支出
        self.h(f"{next(n)}、一般公共预算财政拨款基本支出决算情况说明", 1)
        pers = [f.econ_name(c) for c in sorted(f.economic) if len(c) == 5 and c[:3] in PERSONNEL_CLASSES and f.economic[c]]
        pub = [f.econ_name(c) for c in sorted(f.economic) if len(c) == 5 and c[:3] not in PERSONNEL_CLASSES and f.economic[c]]
        basic = f.total("gpb_basic")
        self.para(f"{y}年度一般公共预算财政拨款基本支出{w(basic)}，",
                  change(basic, d.prior.gpb_basic, "一般公共预算财政拨款基本支出", y) if d.prior.gpb_basic else "",
                  f"其中：人员经费{w(f.personnel)}，占{p(pct(f.personnel, basic))}",
                  f"，主要包括：{'、'.join(pers)}" if pers else "",
                  f"；公用经费{w(f.public)}，占{p(pct(f.public, basic))}",
                  f"，主要包括：{'、'.join(pub)}" if pub else "", "。")

        # 七 三公
        self.h(f"{next(n)}、财政拨款“三公”经费支出决算情况说明", 1)
        self.three_public()

        # 八 九 基金
        for fund, name, text in (("gf", "政府性基金预算财政拨款", r.gov_fund), ("soe", "国有资本经营预算财政拨款", r.soe)):
            self.h(f"{next(n)}、{name}收入支出决算情况说明", 1)
            bal = getattr(d.balances, fund)
            inc, spent = f.total(f"inc_{fund}"), f.total(fund)
            if not (inc or spent or bal.begin or bal.end):
                self.para(f"{f.unit}{y}年度没有{name}收入，也没有使用{name}安排的支出。")
            else:
                self.para(f"{y}年度{name}年初结转和结余{w(bal.begin)}，本年收入{w(inc)}，本年支出{w(spent)}"
                          f"（其中：基本支出{w(f.total(fund + '_basic'))}，项目支出{w(f.total(fund + '_project'))}），"
                          f"年末结转和结余{w(bal.end)}。", text.strip())

        # 十 绩效 (四川: （四） of 其他重要事项)
        scored = self.scored if self.scored is not None else score_projects(d.performance, d.unit.name)
        perf = summary_paragraphs(scored, y, d.unit.name) if d.performance else []
        if perf and appendix != "附表":  # 四川 attaches them in the 附件 part
            perf[-1] = f"各项目支出绩效自评表见{appendix}。"
        perf += [x for x in d.unit.performance_text.splitlines() if x.strip()]
        inside = self.f.profile in PERFORMANCE_IN_OTHER
        if perf and not inside:
            self.h(f"{next(n)}、预算绩效管理情况", 1)
            for line in perf:
                self.para(line.strip())

        # 十一 其他重要事项
        self.h(f"{next(n)}、其他重要事项的情况说明", 1)
        self.other_matters(perf if inside else [])
        return self.blocks

    def income_items(self) -> list[tuple[str, Decimal]]:
        f = self.f
        return [("一般公共预算财政拨款收入", f.total("inc_gpb")), ("政府性基金预算财政拨款收入", f.total("inc_gf")),
                ("国有资本经营预算财政拨款收入", f.total("inc_soe")), ("上级补助收入", f.total("inc_upper")),
                ("事业收入", f.total("inc_business")), ("经营收入", f.total("inc_operating")),
                ("附属单位上缴收入", f.total("inc_affiliated")), ("其他收入", f.total("inc_other"))]

    def expenditure_items(self) -> list[tuple[str, Decimal]]:
        f = self.f
        return [("基本支出", f.total("exp_basic")), ("项目支出", f.total("exp_project")),
                ("上缴上级支出", f.total("exp_upper_remit")), ("经营支出", f.total("exp_operating")),
                ("对附属单位补助支出", f.total("exp_affiliated_subsidy"))]

    def three_public(self) -> None:
        f, t = self.f, self.f.data.three_public
        y = f.year
        b, a, pr = f.three_public("budget"), f.three_public("actual"), f.three_public("prior")
        if not (b["total"] or a["total"]):
            self.para(f"{f.unit}{y}年度没有财政拨款“三公”经费支出预算，也没有“三公”经费财政拨款支出。")
            return
        self.h("（一）“三公”经费财政拨款支出决算总体情况说明", 2)
        items = [("因公出国（境）费", "abroad"), ("公务用车购置费", "vehicle_buy"), ("公务用车运行维护费", "vehicle_run"),
                 ("公务接待费", "reception")]
        parts = [f"{name}支出{completion(a[k], b[k])}" for name, k in items if a[k] or b[k]]
        self.para(f"{y}年度“三公”经费财政拨款支出{completion(a['total'], b['total'])}。",
                  f"其中：{'；'.join(parts)}。" if parts else "",
                  reason(self.f.data.reasons.three_public,
                         "决算数" + ("小于" if a["total"] < b["total"] else "大于") + "预算数的主要原因是")
                  if a["total"] != b["total"] else "")
        self.figure("three_public", "“三公”经费财政拨款支出预算与决算")
        self.h("（二）“三公”经费财政拨款支出决算具体情况说明", 2)
        self.para(f"{y}年度“三公”经费财政拨款支出决算中，",
                  shares([("因公出国（境）费支出决算", a["abroad"]), ("公务用车购置及运行维护费支出决算", a["vehicle"]),
                          ("公务接待费支出决算", a["reception"])], a["total"], "；"),
                  "。", change(a["total"], pr["total"], "“三公”经费财政拨款支出决算", y) if pr["total"] else "",
                  "具体情况如下：")
        self.para(f"1.因公出国（境）费支出决算{w(a['abroad'])}，",
                  f"全年安排因公出国（境）团组{t.groups}个，累计{t.travellers}人次。" if t.groups else "全年未安排因公出国（境）团组。",
                  reason(t.abroad.reason))
        self.para(f"2.公务用车购置及运行维护费支出决算{w(a['vehicle'])}。其中：公务用车购置费支出{w(a['vehicle_buy'])}，",
                  f"购置公务用车{t.vehicles_bought}辆；" if t.vehicles_bought else "未购置公务用车；",
                  f"公务用车运行维护费支出{w(a['vehicle_run'])}，主要用于公务用车燃料费、维修费、过路过桥费、保险费等支出，"
                  f"截至{y}年12月31日，公务用车保有量为{t.vehicles_held}辆。",
                  reason(t.vehicle_buy.reason), reason(t.vehicle_run.reason))
        reception = f"3.公务接待费支出决算{w(a['reception'])}，"
        if t.reception_batches or t.foreign_batches:
            reception += f"其中：国内公务接待{t.reception_batches}批次，{t.reception_people}人次"
            if t.foreign_batches:
                reception += f"；外事接待{t.foreign_batches}批次，{t.foreign_people}人次"
            reception += "。"
        else:
            reception += "全年未发生公务接待。"
        self.para(reception, reason(t.reception.reason))

    def other_matters(self, performance: list[str]) -> None:
        f, d = self.f, self.f.data
        y, u = f.year, f.unit
        run, proc, assets = d.running, d.procurement, d.assets
        self.h("（一）机关运行经费支出情况", 2)
        self.para(f"{y}年度{u}机关运行经费支出{w(run.total)}。", change(run.total, run.prior, "机关运行经费支出", y),
                  reason(run.reason),
                  f"其中：行政单位{w(run.admin)}，参照公务员法管理事业单位{w(run.civil_service)}。"
                  if run.civil_service and run.admin else "")
        self.h("（二）政府采购支出情况", 2)
        if proc.total:
            self.para(f"{y}年度{u}政府采购支出总额{w(proc.total)}，其中：政府采购货物支出{w(proc.goods)}、政府采购工程支出"
                      f"{w(proc.works)}、政府采购服务支出{w(proc.services)}。授予中小企业合同金额{w(proc.sme)}，"
                      f"占政府采购支出总额的{p(pct(proc.sme, proc.total))}",
                      f"，其中：授予小微企业合同金额{w(proc.small_micro)}，占授予中小企业合同金额的"
                      f"{p(pct(proc.small_micro, proc.sme))}" if proc.sme else "", "。")
        else:
            self.para(f"{y}年度{u}没有发生政府采购支出。")
        self.h("（三）国有资产占用情况", 2)
        kinds = [f"{name}{assets.vehicles.get(k, 0)}辆" for k, name in VEHICLE_KINDS.items() if assets.vehicles.get(k, 0)]
        text = f"截至{y}年12月31日，{u}共有车辆{assets.vehicles_total}辆"
        text += f"，其中：{'、'.join(kinds)}" if kinds else ""
        text += (f"；单价50万元以上通用设备{assets.equipment_general}台（套），"
                 f"单价100万元以上专用设备{assets.equipment_special}台（套）。")
        self.para(text)
        k = 3
        for title, lines in (("预算绩效管理情况", performance), ("其他需要说明的事项", d.unit.other_text.splitlines())):
            if any(x.strip() for x in lines):
                self.h(f"（{NUMERALS[k]}）{title}", 2)
                k += 1
                for line in lines:
                    self.para(line.strip())

    # -- 名词解释 ----------------------------------------------------------------------------------
    def terms(self, title: str = "第四部分 名词解释") -> list[Block]:
        f, d = self.f, self.f.data
        self.h(title, 0, new_page=True)
        g = glossary()
        figures = {"use_surplus": d.balances.use_surplus, "distribution": d.balances.distribution,
                   "procurement": d.procurement.total}
        entries: list[tuple[str, str]] = []
        for t in g["terms"]:
            when = t.get("when")
            if t.get("always") or (when and (figures.get(when) if when in figures else f.total(when))):
                entries.append((t["term"], t["text"]))
        for line in f.lines:
            text = g["codes"].get(line.code) or g["names"].get(line.name)
            if text is None and line.code.endswith("99"):
                text = f"反映除上述项目以外其他用于{f.name(line.code[:5])}方面的支出。"
            if text:
                entries.append((f"{f.name(line.code[:5])}（款）{line.name}（项）", text))
        for k, (term, text) in enumerate(entries):
            num = NUMERALS[k] if k < len(NUMERALS) else str(k + 1)
            self.para(f"{num}、{term}：{text}")
        return self.blocks
