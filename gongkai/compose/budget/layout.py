"""The order and headings of a composed 部门预算, per profile, as the real documents lay them out:

- 全国、江苏: 第一部分 部门概况 / 第二部分 部门预算表 / 第三部分 情况说明 / 第四部分 名词解释;
- 上海: 一、部门主要职能 二、部门机构设置 三、名词解释 四、部门预算编制说明 五、部门预算表 六、其他相关情况说明
  (上海 单位预算: the same with 单位 for 部门);
- 江苏 2017: 第一部分 部门概况 / 第二部分 {单位}{年}年度部门预算表 / 第三部分 …部门预算情况说明, table by table
  (一、收支预算总表情况说明 … 十二、政府采购预算表情况说明) / 第四部分 名词解释;
- 河北: 一 部门职责及机构设置 … 九 其他需要说明的事项, the tables within the text they belong to.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from gongkai.compose.blocks import Block, Contents, Cover, Heading, ListTable, TableBlock
from gongkai.compose.budget.narrative import BudgetWriter, shares, vs
from gongkai.compose.budget.styles import BudgetStyle
from gongkai.compose.narrative import glossary as code_glossary
from gongkai.compose.narrative import w as w_
from gongkai.compose.tables import NUMERALS, PrintedTable


@cache
def budget_glossary() -> dict:
    return yaml.safe_load(resources.files("gongkai.compose.budget").joinpath("glossary.yaml").read_text("utf-8"))


class Layout:
    def __init__(self, writer: BudgetWriter, tables: list[PrintedTable], style: BudgetStyle):
        self.w = writer
        self.f = writer.f
        self.tables = tables
        self.style = style
        self.family = style.family
        self.entity = style.entity

    def block(self, t: PrintedTable, toc: str = "") -> TableBlock:
        tid = t.template_id
        if tid in ("other.organisation", "perf.dept_targets", "perf.project_targets"):
            unit = ""  # no amounts (the 项目预算资金 row says 万元 itself)
        elif tid == "budget.three_public" or tid.startswith("other."):
            unit = "万元"
        else:
            unit = self.f.unit.value
        return TableBlock(t, self.f.unit_name, self.f.year, toc=toc, money_unit=unit,
                          unit_caption=self.style.unit_caption)

    def of(self, tid: str) -> list[PrintedTable]:
        return [t for t in self.tables if t.template_id == tid]

    def blocks(self) -> list[Block]:
        y, u = self.f.year, self.f.unit_name
        title = f"{y}年部门预算信息公开情况说明" if self.family == "hebei" else f"{y}年{self.entity}预算"
        out: list[Block] = [Cover(unit=u, title=title), Contents()]
        if self.style.edition == 2017:
            return out + self.jiangsu_2017()
        return out + getattr(self, self.family if self.family != "jiangsu" else "national")()

    # -- shared pieces ----------------------------------------------------------------------------
    def h(self, text: str, level: int, new_page: bool = False) -> None:
        self.w.h(text, level, new_page)

    def overview(self, duties: str, structure: str) -> None:
        d = self.f.data
        self.h(duties, 1 if self.family != "shanghai" else 0, self.family == "shanghai")
        self.w.text(d.unit.responsibilities or f"{d.unit.name}的主要职能按机构职能配置规定执行。")
        self.h(structure, 1 if self.family != "shanghai" else 0, self.family == "shanghai")
        self.w.text(d.unit.structure)
        if d.unit.members and self.entity == "部门":  # a 单位预算 is one unit's own
            self.w.para(f"纳入{d.unit.name}{self.f.year}年部门预算编制范围的预算单位共{len(d.unit.members)}家，包括：")
            self.w.blocks.append(ListTable(["序号", "单位名称"], [[str(k + 1), m] for k, m in enumerate(d.unit.members)],
                                           [1, 6]))

    def table_part(self, heading: str, numbered: bool) -> list[Block]:
        out: list[Block] = [Heading(heading, 0, new_page=True)]
        for k, t in enumerate(self.tables):
            toc = f"{k + 1}. {t.title}" if not numbered else f"{NUMERALS[k]}、{t.title}"
            out.append(self.block(t, toc))
        return out

    def explanation(self, sections: list[tuple[str, list]], level: int = 1, numbering: str = "一") -> None:
        """Numbered sections, each a heading then the writer methods (or (subheading, methods) pairs)."""
        for k, (title, parts) in enumerate(sections):
            mark = f"{NUMERALS[k]}、" if numbering == "一" else f"（{NUMERALS[k]}）"
            self.h(f"{mark}{title}", level)
            for part in parts:
                if isinstance(part, tuple):
                    self.h(part[0], level + 1)
                    for fn in part[1]:
                        fn()
                else:
                    part()

    def terms(self) -> None:
        f = self.f
        g, codes = budget_glossary(), code_glossary()
        entries: list[tuple[str, str]] = []
        for t in g["terms"]:
            when = t.get("when")
            value = f.procurement() if when == "procurement" else f.total(when) if when else 0
            if t.get("always") or value:
                entries.append((t["term"], t["text"]))
        for line in f.lines:
            text = codes["codes"].get(line.code) or codes["names"].get(line.name)
            if text is None and line.code.endswith("99"):
                text = f"反映除上述项目以外其他用于{f.name(line.code[:5])}方面的支出。"
            if text:
                entries.append((f"{f.name(line.code[:5])}（款）{line.name}（项）", text))
        for k, (term, text) in enumerate(entries):
            self.w.para(f"{NUMERALS[k] if k < len(NUMERALS) else k + 1}、{term}：{text}")

    def other(self) -> list[tuple[str, list]]:
        w, d = self.w, self.f.data
        out: list[tuple[str, list]] = [("机关运行经费预算情况", [w.running]), ("政府采购预算情况", [w.procurement])]
        if d.assets.given:
            out.append(("国有资产占用情况", [w.assets]))
        if d.performance.given:
            out.append(("绩效目标设置情况", [w.performance]))
        if d.unit.other_text.strip():
            out.append(("其他需要说明的事项", [lambda: w.text(d.unit.other_text)]))
        return out

    # -- 全国、江苏 ---------------------------------------------------------------------------------
    def national(self) -> list[Block]:
        w, y, d = self.w, self.f.year, self.f.data
        jiangsu = self.family == "jiangsu"
        self.h("第一部分 部门概况", 0, new_page=True)
        self.overview("一、主要职能", "二、部门机构设置及预算单位构成情况" if jiangsu else "二、机构设置")
        if d.tasks.strip():
            self.h(f"三、{y}年部门主要工作任务及目标", 1)
            w.text(d.tasks)
        out = w.take() + self.table_part(f"第二部分 {y}年部门预算表", numbered=True)
        self.h(f"第三部分 {y}年部门预算情况说明", 0, new_page=True)
        sections: list[tuple[str, list]] = [
            ("收支预算总体情况", [w.overall]), ("收入预算情况", [w.income]), ("支出预算情况", [w.expenditure]),
            ("财政拨款收支预算总体情况", [w.fiscal]),
            ("一般公共预算当年拨款情况", [("（一）一般公共预算当年拨款规模变化情况", [w.gpb_total]),
                                ("（二）一般公共预算当年拨款结构情况", [w.gpb_structure]),
                                ("（三）一般公共预算当年拨款具体使用情况", [w.gpb_detail])]),
            ("一般公共预算基本支出情况", [w.basic]),
            ("一般公共预算“三公”经费、会议费、培训费支出预算情况" if jiangsu else "“三公”经费预算情况",
             [lambda: w.three_public(with_meetings=jiangsu)]),
            ("政府性基金预算支出情况", [lambda: w.fund("gf")])]
        if not jiangsu:
            sections.append(("国有资本经营预算支出情况", [lambda: w.fund("soe")]))
        self.explanation(sections + self.other())
        self.h("第四部分 名词解释", 0, new_page=True)
        self.terms()
        return out + w.take()

    # -- 上海 -------------------------------------------------------------------------------------
    def shanghai(self) -> list[Block]:
        w, y, e = self.w, self.f.year, self.entity
        self.overview(f"一、{e}主要职能", f"二、{e}机构设置")
        self.h("三、名词解释", 0, new_page=True)
        self.terms()
        self.h(f"四、{y}年{e}预算编制说明", 0, new_page=True)
        self.explanation([("收支预算总体情况", [w.overall]), ("收入预算情况", [w.income]),
                          ("支出预算情况", [w.expenditure]), ("财政拨款收支预算情况", [w.fiscal]),
                          ("一般公共预算当年拨款情况", [w.gpb_total, w.gpb_structure, w.gpb_detail]),
                          ("一般公共预算基本支出情况", [w.basic]),
                          ("政府性基金和国有资本经营预算支出情况", [lambda: w.fund("gf"), lambda: w.fund("soe")])],
                         numbering="（一）")
        out = w.take() + self.table_part(f"五、{e}预算表", numbered=False)
        self.h("六、其他相关情况说明", 0, new_page=True)
        self.explanation([(f"{y}年“三公”经费预算情况说明", [w.three_public])] + self.other())
        return out + w.take()

    # -- 江苏 2017 --------------------------------------------------------------------------------
    def jiangsu_2017(self) -> list[Block]:
        w, f, d = self.w, self.f, self.f.data
        y, u = f.year, f.unit_name
        self.h("第一部分 部门概况", 0, new_page=True)
        self.h("一、主要职能", 1)
        w.text(d.unit.responsibilities or f"{u}的主要职能按机构职能配置规定执行。")
        k = 1
        if d.tasks.strip():
            self.h(f"二、{y}年度部门主要工作任务及目标", 1)
            w.text(d.tasks)
            k = 2
        self.h(f"{NUMERALS[k]}、部门机构设置和所属单位情况", 1)
        w.text(d.unit.structure)
        if d.unit.members:
            w.para(f"纳入{u}{y}年部门预算编制范围的预算单位共{len(d.unit.members)}家，包括：{'、'.join(d.unit.members)}。")
        out = w.take() + self.table_part(f"第二部分 {u}{y}年度部门预算表", numbered=True)
        self.h(f"第三部分 {u}{y}年度部门预算情况说明", 0, new_page=True)
        titles = {t.template_id: t.title for t in self.tables}
        basic = f.wan(f.personnel + f.public)
        sections: list[tuple[str, list]] = [
            (f"{titles['budget.summary']}情况说明", [w.overall]),
            (f"{titles['budget.income_by_source']}情况说明", [w.income]),
            (f"{titles['budget.expenditure_by_purpose']}情况说明", [w.expenditure]),
            (f"{titles['budget.fiscal_summary']}情况说明", [w.fiscal]),
            (f"{titles['budget.fiscal_expenditure']}情况说明", [w.gpb_detail]),
            (f"{titles['budget.fiscal_basic']}情况说明", [w.basic]),
            (f"{titles['budget.gov_fund'].removeprefix('财政拨款')}情况说明", [lambda: w.fund("gf")]),
            (f"{titles['budget.gpb_expenditure']}情况说明", [w.gpb_total, w.gpb_structure]),
            (f"{titles['budget.gpb_basic']}情况说明",
             [lambda: w.para(f"{y}年一般公共预算基本支出{w_(basic)}", vs(basic, f.to_wan(d.prior.gpb_basic), y)
                             if d.prior.gpb_basic else "", "，其中：",
                             shares([("人员经费", f.wan(f.personnel)), ("公用经费", f.wan(f.public))], basic), "。")]),
            (f"{titles['budget.running_costs']}情况说明", [w.running]),
            (f"{titles['budget.three_public']}情况说明", [lambda: w.three_public(with_meetings=True)]),
            (f"{titles['other.procurement']}情况说明", [w.procurement])]
        sections += [(t, parts) for t, parts in self.other() if t not in ("机关运行经费预算情况", "政府采购预算情况")]
        self.explanation(sections)
        self.h("第四部分 名词解释", 0, new_page=True)
        self.terms()
        return out + w.take()

    # -- 河北 -------------------------------------------------------------------------------------
    def hebei(self) -> list[Block]:
        w, f, d = self.w, self.f, self.f.data
        y, u = f.year, f.unit_name
        self.h(f"{u}{y}年部门预算信息公开情况说明", 0, new_page=True)
        w.para(f"按照《中华人民共和国预算法》《地方预决算公开操作规程》等规定，现将{u}{y}年部门预算公开如下：")
        self.h("一、部门职责及机构设置情况", 1)
        w.para("部门职责：")
        w.text(d.unit.responsibilities)
        w.para("机构设置：")
        w.text(d.unit.structure)
        out = w.take() + [self.block(t) for t in self.of("other.organisation")]
        self.explanation([
            ("部门预算安排的总体情况", [lambda: w.para(f"{u}部门预算实行综合预算制度，全部收入和支出均反映在部门预算中。"),
                                 ("（一）收入说明", [w.income]), ("（二）支出说明", [w.expenditure, w.basic]),
                                 ("（三）比上年增减情况", [w.overall]), ("（四）财政拨款收支预算情况", [w.fiscal]),
                                 ("（五）一般公共预算当年拨款情况", [w.gpb_total, w.gpb_structure, w.gpb_detail]),
                                 ("（六）政府性基金和国有资本经营预算支出情况", [lambda: w.fund("gf"), lambda: w.fund("soe")])]),
            ("机关运行经费安排情况", [w.running]),
            ("财政拨款“三公”经费预算情况及增减变化原因", [w.three_public])])
        self._renumber_from(2)
        out += w.take()
        self.h("五、绩效预算信息", 1)
        self.h("第一部分 部门整体绩效目标", 2)
        w.para("（一）总体绩效目标")
        w.text(d.performance.goal)
        if d.performance.measures.strip():
            w.para("（二）工作保障措施")
            w.text(d.performance.measures)
        w.para(f"（{'三' if d.performance.measures.strip() else '二'}）部门整体支出绩效指标")
        out += w.take() + [self.block(t) for t in self.of("perf.dept_targets")]
        self.h("第二部分 资金绩效目标", 2)
        w.performance(with_goal=False)
        out += w.take() + [self.block(t) for t in self.of("perf.project_targets")]
        self.h("六、政府采购预算情况", 1)
        w.procurement()
        out += w.take() + [self.block(t) for t in self.of("other.procurement")]
        self.h("七、国有资产信息", 1)
        if d.assets.given:
            w.assets()
        else:
            w.para(f"{u}暂无需要说明的国有资产占用情况。")
        out += w.take() + [self.block(t) for t in self.of("other.assets")]
        self.h("八、名词解释", 1)
        self.terms()
        self.h("九、其他需要说明的事项", 1)
        w.text(d.unit.other_text or f"{u}无其他需要说明的事项。")
        return out + w.take()

    def _renumber_from(self, start: int) -> None:
        """The level-1 headings just written, numbered from `start` (二、三、四 after 一、部门职责…)."""
        k = start - 1
        for b in self.w.blocks:
            if isinstance(b, Heading) and b.level == 1:
                b.text = f"{NUMERALS[k]}、{b.text.split('、', 1)[1]}"
                k += 1

