"""The 部门预算 情况说明, written from the figures: every amount, share and year-on-year change is computed here
(never typed), in 万元, from the amounts the tables print; the user's reasons are inserted where they belong.

The sections are small methods; each profile's layout (layout.py) decides their headings and order.
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.compose.blocks import Block, Figure, Heading, Para
from gongkai.compose.budget.figures import PERSONNEL_CLASSES, ZERO, BudgetFigures
from gongkai.compose.figures import pct
from gongkai.compose.model import VEHICLE_KINDS
from gongkai.compose.narrative import change as final_change
from gongkai.compose.narrative import p, reason, w

VEHICLE_SHORT = {"ministerial": "部级领导干部用车", **{k: v for k, v in VEHICLE_KINDS.items() if k != "ministerial"}}


def change(cur: Decimal, prior: Decimal, what: str, year: int) -> str:
    """A sentence after the amount: 与上年预算相比，… 增加/减少 X 万元，增长/下降 Y%（或 持平）."""
    return final_change(cur, prior, what, year, basis="年预算")


def vs(cur: Decimal, prior: Decimal, year: int) -> str:
    """The clause right after an amount: ，与上年预算相比增加 X 万元，增长 Y%（or 持平）. The amount itself is
    written without 预算 between its subject and number, so that a reader (and gongkai check) ties the change to it."""
    diff = cur - prior
    if diff == 0:
        return f"，与{year - 1}年预算持平"
    verb, rate_verb = ("增加", "增长") if diff > 0 else ("减少", "下降")
    rate = pct(abs(diff), prior)
    if rate is None:
        return f"，与{year - 1}年预算相比{verb}{w(abs(diff))}（上年预算为0）"
    return f"，与{year - 1}年预算相比{verb}{w(abs(diff))}，{rate_verb}{p(rate)}"


def shares(items: list[tuple[str, Decimal]], total: Decimal) -> str:
    return "；".join(f"{name}{w(v)}，占{p(pct(v, total))}" for name, v in items if v)


class BudgetWriter:
    def __init__(self, f: BudgetFigures, entity: str = "部门"):
        self.f = f
        self.entity = entity  # 部门 or 单位 (上海 单位预算)
        self.blocks: list[Block] = []

    def h(self, text: str, level: int, new_page: bool = False) -> None:
        self.blocks.append(Heading(text, level, new_page=new_page))

    def para(self, *parts: str) -> None:
        text = "".join(x for x in parts if x)
        if text:
            self.blocks.append(Para(text))

    def figure(self, key: str, caption: str) -> None:
        self.blocks.append(Figure(key, f"图0 {caption}"))  # numbered over the whole document later

    def take(self) -> list[Block]:
        out, self.blocks = self.blocks, []
        return out

    @property
    def y(self) -> int:
        return self.f.year

    @property
    def unit(self) -> str:
        return self.f.unit_name

    # -- the figures in 万元 ----------------------------------------------------------------------------
    def t(self, metric: str) -> Decimal:
        return self.f.wan(self.f.total(metric))

    def v(self, metric: str, code: str) -> Decimal:
        return self.f.wan(self.f.value(metric, code))

    def income_items(self) -> list[tuple[str, Decimal]]:
        return [("一般公共预算拨款收入", self.t("gpb")), ("政府性基金预算拨款收入", self.t("gf")),
                ("国有资本经营预算拨款收入", self.t("soe")), ("财政专户管理资金收入", self.t("special")),
                ("事业收入", self.t("business")), ("事业单位经营收入", self.t("operating")),
                ("其他收入", self.t("other")), ("上年结转资金", self.t("carryover"))]

    def expenditure_items(self) -> list[tuple[str, Decimal]]:
        return [("基本支出", self.t("basic")), ("项目支出", self.t("project")), ("单位预留机动经费", self.t("reserve"))]

    def class_items(self) -> list[tuple[str, Decimal]]:
        return [(f"{self.f.name(c)}（类）", self.v("gpb", c)) for c in self.f.codes if len(c) == 3 and self.v("gpb", c)]

    @property
    def grand(self) -> Decimal:
        return sum((v for _, v in self.income_items()), ZERO)

    @property
    def exp_total(self) -> Decimal:
        return sum((v for _, v in self.expenditure_items()), ZERO)

    @property
    def prior_gpb(self) -> Decimal:
        return self.t("prior")

    # -- sections -------------------------------------------------------------------------------
    def overall(self) -> None:
        d = self.f.data
        self.para(f"{self.unit}{self.y}年收、支总计均为{w(self.grand)}。",
                  change(self.grand, self.f.to_wan(d.prior.grand), "收、支总计各", self.y), reason(d.reasons.grand))
        self.figure("budget_grand_change", "收支预算总计变动情况")

    def income(self) -> None:
        d = self.f.data
        self.para(f"{self.y}年收入合计{w(self.grand)}，其中：", shares(self.income_items(), self.grand), "。")
        if self.t("carryover") and d.prior.income:
            current = self.grand - self.t("carryover")
            self.para(f"不含上年结转资金，当年收入{w(current)}", vs(current, self.f.to_wan(d.prior.income), self.y), "。")
        if self.grand:
            self.figure("budget_income_structure", "收入预算结构")

    def expenditure(self) -> None:
        d = self.f.data
        total = self.exp_total
        self.para(f"{self.y}年支出合计{w(total)}，其中：", shares(self.expenditure_items(), total), "。")
        for metric, name, prior, why in (("basic", "基本支出", d.prior.basic, d.reasons.basic),
                                         ("project", "项目支出", d.prior.project, d.reasons.project),
                                         ("reserve", "单位预留机动经费", d.prior.reserve, "")):
            cur, prior = self.t(metric), self.f.to_wan(prior)
            if cur or prior:
                self.para(f"{name}{w(cur)}", vs(cur, prior, self.y), "。", reason(why) if cur != prior else "")
        if total:
            self.figure("budget_expenditure_structure", "支出预算结构")

    def fiscal(self) -> None:
        d = self.f.data
        fiscal = self.t("fiscal")
        self.para(f"{self.y}年财政拨款收、支总计均为{w(fiscal)}。",
                  change(fiscal, self.f.to_wan(d.prior.fiscal), "财政拨款收、支总计各", self.y), reason(d.reasons.fiscal))
        for metric, name, prior in (("gpb", "一般公共预算拨款支出", self.prior_gpb),
                                    ("gf", "政府性基金预算拨款支出", self.f.to_wan(d.prior.gf)),
                                    ("soe", "国有资本经营预算拨款支出", self.f.to_wan(d.prior.soe))):
            cur = self.t(metric)
            self.para(f"{name}{w(cur)}", vs(cur, prior, self.y), "。")
        self.figure("budget_fiscal_change", "财政拨款收支预算总计变动情况")

    def gpb_total(self) -> None:
        gpb = self.t("gpb")
        self.para(f"{self.y}年一般公共预算拨款支出{w(gpb)}", vs(gpb, self.prior_gpb, self.y), "，全部为当年拨款。",
                  reason(self.f.data.reasons.gpb) if gpb != self.prior_gpb else "")

    def gpb_structure(self) -> None:
        gpb = self.t("gpb")
        if not gpb:
            self.para(f"{self.unit}{self.y}年没有一般公共预算当年拨款。")
            return
        self.para(f"{self.y}年一般公共预算拨款支出{w(gpb)}，主要用于以下方面：", shares(self.class_items(), gpb), "。")
        self.figure("budget_gpb_structure", "一般公共预算当年拨款结构")

    def gpb_detail(self) -> None:
        """By 类 and 款 with their change against last year's budget; each 项 with its use and reason."""
        f = self.f
        classes = [c for c in f.codes if len(c) == 3 and (self.v("gpb", c) or self.v("prior", c))]
        for k, c in enumerate(classes, 1):
            self.para(f"{k}.{f.name(c)}（类）{w(self.v('gpb', c))}", vs(self.v("gpb", c), self.v("prior", c), self.y), "。")
            sections = [s for s in f.codes if len(s) == 5 and s.startswith(c) and (self.v("gpb", s) or self.v("prior", s))]
            for j, s in enumerate(sections, 1):
                self.para(f"（{j}）{f.name(s)}（款）{w(self.v('gpb', s))}", vs(self.v("gpb", s), self.v("prior", s), self.y),
                          "。")
                items = [x for x in f.lines if x.code.startswith(s) and (x.gpb or x.prior)]
                for n, line in enumerate(items):
                    cur, prior = f.wan(line.gpb), f.wan(line.prior)
                    text = f"{'其中：' if n == 0 else ''}{line.name}（项）{w(cur)}"
                    text += f"，主要用于{line.purpose.rstrip('。')}。" if line.purpose else "。"
                    if cur != prior:
                        text += reason(line.reason, "与上年预算相比有所" + ("增加" if cur > prior else "减少") + "，主要原因是")
                    self.para(text)

    def basic(self) -> None:
        f, d = self.f, self.f.data
        basic = f.wan(f.personnel + f.public)
        pers = [f.econ_name(c) for c in sorted(f.economic) if len(c) == 5 and c[:3] in PERSONNEL_CLASSES and f.economic[c]]
        pub = [f.econ_name(c) for c in sorted(f.economic) if len(c) == 5 and c[:3] not in PERSONNEL_CLASSES and f.economic[c]]
        self.para(f"{self.y}年一般公共预算基本支出{w(basic)}",
                  vs(basic, f.to_wan(d.prior.gpb_basic), self.y) if d.prior.gpb_basic else "", "。",
                  f"其中：人员经费{w(f.wan(f.personnel))}，占{p(pct(f.wan(f.personnel), basic))}",
                  f"，主要包括：{'、'.join(pers)}" if pers else "",
                  f"；公用经费{w(f.wan(f.public))}，占{p(pct(f.wan(f.public), basic))}",
                  f"，主要包括：{'、'.join(pub)}" if pub else "", "。")

    def three_public(self, with_meetings: bool = False) -> None:
        f, t = self.f, self.f.data.three_public
        b, pr = f.three_public("budget"), f.three_public("prior")
        if not (b["total"] or pr["total"]):
            self.para(f"{self.unit}{self.y}年没有安排“三公”经费预算。")
        else:
            self.para(f"{self.y}年“三公”经费{w(b['total'])}", vs(b["total"], pr["total"], self.y), "。",
                      "其中：" + shares([("因公出国（境）费", b["abroad"]), ("公务用车购置及运行费", b["vehicle"]),
                                       ("公务接待费", b["reception"])], b["total"]) + "。" if b["total"] else "")
            for k, (name, key, item) in enumerate((("因公出国（境）费", "abroad", t.abroad),
                                                   ("公务用车购置及运行费", "vehicle", None),
                                                   ("公务接待费", "reception", t.reception)), 1):
                text = f"{k}.{name}{w(b[key])}{vs(b[key], pr[key], self.y)}。"
                if item is not None:
                    text += reason(item.reason) if b[key] != pr[key] else ""
                else:
                    text += (f"其中：公务用车购置费{w(b['vehicle_buy'])}"
                             + (f"，计划购置公务用车{t.vehicles_planned}辆" if t.vehicles_planned else "")
                             + f"；公务用车运行维护费{w(b['vehicle_run'])}。")
                    text += "".join(reason(x.reason) for x, kk in ((t.vehicle_buy, "vehicle_buy"),
                                                                   (t.vehicle_run, "vehicle_run")) if b[kk] != pr[kk])
                self.para(text)
            self.figure("budget_three_public", "“三公”经费预算与上年比较")
        if with_meetings:
            for name, key, item in (("会议费", "meeting", t.meeting), ("培训费", "training", t.training)):
                self.para(f"{self.y}年一般公共预算拨款安排的{name}{w(b[key])}", vs(b[key], pr[key], self.y), "。",
                          reason(item.reason) if b[key] != pr[key] else "")

    def fund(self, fund: str) -> None:
        name = {"gf": "政府性基金预算", "soe": "国有资本经营预算"}[fund]
        cur = self.t(fund)
        if not cur:
            self.para(f"{self.unit}{self.y}年没有{name}拨款安排的支出。")
            return
        prior = self.f.to_wan(getattr(self.f.data.prior, fund))
        self.para(f"{self.y}年{name}拨款支出{w(cur)}", vs(cur, prior, self.y), "。",
                  f"其中：基本支出{w(self.t(fund + '_basic'))}，项目支出{w(self.t(fund + '_project'))}。")

    def running(self) -> None:
        f, r = self.f, self.f.data.running
        cur, prior = f.wan(f.running), f.to_wan(r.prior)
        if not (cur or prior):
            self.para(f"{self.unit}{self.y}年无机关运行经费。")
            return
        counts = [f"{n}家{what}" for n, what in ((r.admin_units, "机关"), (r.civil_service_units, "参照公务员法管理的事业单位"))
                  if n]
        scope = f"（含{'和'.join(counts)}）" if counts else ""
        self.para(f"{self.y}年{self.unit}{scope}机关运行经费{w(cur)}", vs(cur, prior, self.y), "。",
                  reason(r.reason) if cur != prior else "", "机关运行经费由一般公共预算拨款安排。")

    def procurement(self) -> None:
        f, pr = self.f, self.f.data.procurement
        total = f.procurement()
        if not total:
            self.para(f"{self.y}年{self.unit}未安排政府采购预算。")
            return
        self.para(f"{self.y}年{self.unit}政府采购预算{w(total)}，其中：政府采购货物预算{w(f.procurement('货物'))}、"
                  f"政府采购工程预算{w(f.procurement('工程'))}、政府采购服务预算{w(f.procurement('服务'))}。")
        if pr.sme:
            self.para(f"{self.y}年{self.unit}面向中小企业预留政府采购项目预算金额{w(f.to_wan(pr.sme))}",
                      f"，其中，预留给小型和微型企业的政府采购项目预算为{w(f.to_wan(pr.small_micro))}" if pr.small_micro
                      else "", "。")

    def assets(self) -> None:
        a = self.f.data.assets
        when = f"截至{a.as_of}，" if a.as_of else ""
        kinds = "、".join(f"{VEHICLE_SHORT[k]}{a.vehicles.get(k, 0)}辆" for k in VEHICLE_KINDS)
        self.para(f"{when}{self.unit}共有车辆{a.vehicles_total}辆，其中：{kinds}；单价{a.equipment_threshold}万元（含）以上"
                  f"设备（不含车辆）{a.equipment}台（套）。")
        planned = "、".join(f"{VEHICLE_SHORT[k]}{a.planned_vehicles.get(k, 0)}辆" for k in VEHICLE_KINDS)
        self.para(f"{self.y}年{self.entity}预算安排购置车辆{a.planned_vehicles_total}辆",
                  f"，其中：{planned}" if a.planned_vehicles_total else "",
                  f"；安排购置单价{a.equipment_threshold}万元（含）以上设备（不含车辆）{a.planned_equipment}台（套）",
                  f"；拟购置固定资产总额{w(self.f.to_wan(a.planned_value))}" if a.planned_value else "", "。")

    def performance(self, with_goal: bool = True) -> None:
        perf = self.f.data.performance
        if perf.projects:
            amount = sum((self.f.to_wan(x.amount) for x in perf.projects), ZERO)
            self.para(f"{self.y}年，{self.unit}编报绩效目标的项目{len(perf.projects)}个，涉及项目预算资金{w(amount)}。")
        if with_goal:
            self.text(perf.goal)

    def text(self, text: str) -> None:
        for line in text.splitlines():
            self.para(line.strip())
