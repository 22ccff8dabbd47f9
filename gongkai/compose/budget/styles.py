"""How each 部门预算 profile prints: titles, unit, code layout, where the 合计 row goes, which 类 are listed.

Read from the real documents: 上海 (department_budget_template.xlsx and the 2023–2025 PDFs: "2025年部门…表"
titles, 元 with the “三公” table in 万元, 类|款|项 codes in separate columns, 合计 last, only the 类 used);
江苏 (2018–2019 公开01–12表: 万元, printed numbers, joined codes, 合计 first, every 类 of the year);
上海 单位预算 (unit_budget_template.xlsx and the 2024–2025 单位预算 PDFs: "2025年预算单位…表" titles, the “三公”
table "2025年单位…", 单位 for 部门 in the headings, the 财务收支预算总表 支出 side split into 合计 | 人员经费 |
公用经费 | 项目支出);
江苏 2017 (省人大、省委办公厅、省政协办公厅: the twelve tables in the 2017 order, numbered 表一 … 表十二 where
numbered, shorter titles, 功能科目代码, the 情况说明 table by table);
河北 (seed 003: no 收支 tables, the figures stated in the text; 机构、绩效目标、政府采购、国有资产 tables);
全国 (财政部 表样 names, 万元, joined codes, 合计 first, every 类).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai.model.amount import Unit

NATIONAL_TITLES = {
    "budget.summary": "部门收支总表", "budget.income": "部门收入总表", "budget.expenditure": "部门支出总表",
    "budget.fiscal_summary": "财政拨款收支总表", "budget.gpb_expenditure": "一般公共预算支出表",
    "budget.gpb_basic": "一般公共预算基本支出表", "budget.three_public": "一般公共预算“三公”经费支出表",
    "budget.gov_fund": "政府性基金预算支出表", "budget.soe_capital": "国有资本经营预算支出表",
}
SHANGHAI_TITLES = {
    "budget.summary": "{year}年部门财务收支预算总表", "budget.income": "{year}年部门收入预算总表",
    "budget.expenditure": "{year}年部门支出预算总表", "budget.fiscal_summary": "{year}年部门财政拨款收支预算总表",
    "budget.gpb_expenditure": "{year}年部门一般公共预算支出功能分类预算表",
    "budget.gov_fund": "{year}年部门政府性基金预算支出功能分类预算表",
    "budget.soe_capital": "{year}年部门国有资本经营预算支出功能分类预算表",
    "budget.gpb_basic": "{year}年部门一般公共预算基本支出部门预算经济分类预算表",
    "budget.three_public": "{year}年部门“三公”经费和机关运行经费预算表",
}
SHANGHAI_UNIT_TITLES = {
    "budget.summary": "{year}年预算单位财务收支预算总表", "budget.income": "{year}年预算单位收入预算总表",
    "budget.expenditure": "{year}年预算单位支出预算总表", "budget.fiscal_summary": "{year}年预算单位财政拨款收支预算总表",
    "budget.gpb_expenditure": "{year}年预算单位一般公共预算支出功能分类预算表",
    "budget.gov_fund": "{year}年预算单位政府性基金预算支出功能分类预算表",
    "budget.soe_capital": "{year}年预算单位国有资本经营预算支出功能分类预算表",
    "budget.gpb_basic": "{year}年预算单位一般公共预算基本支出部门预算经济分类预算表",
    "budget.three_public": "{year}年单位“三公”经费和机关运行经费预算表",
}
JIANGSU_TITLES = {
    "budget.summary": "收支预算总表", "budget.income_by_source": "收入预算总表",
    "budget.expenditure_by_purpose": "支出预算总表", "budget.fiscal_summary": "财政拨款收支预算总表",
    "budget.fiscal_expenditure": "财政拨款支出预算表（功能科目）",
    "budget.fiscal_basic": "财政拨款基本支出预算表（经济科目）",
    "budget.gpb_expenditure": "一般公共预算支出预算表（功能科目）",
    "budget.gpb_basic": "一般公共预算基本支出预算表（经济科目）",
    "budget.three_public": "一般公共预算“三公”经费、会议费、培训费支出预算表",
    "budget.gov_fund": "财政拨款政府性基金支出预算表", "budget.running_costs": "一般公共预算机关运行经费支出预算表",
    "other.procurement": "{year}年政府采购预算表",
}
JIANGSU_2017_TITLES = {
    **JIANGSU_TITLES,
    "budget.fiscal_expenditure": "财政拨款支出预算表", "budget.fiscal_basic": "财政拨款基本支出预算表",
    "budget.gpb_expenditure": "一般公共预算支出预算表", "budget.gpb_basic": "一般公共预算基本支出预算表",
}
HEBEI_TITLES = {
    "other.organisation": "部门机构设置情况", "perf.dept_targets": "部门整体支出绩效指标",
    "perf.project_targets": "{n}.{project}绩效目标表", "other.procurement": "部门政府采购预算",
    "other.assets": "{unit}部门固定资产占用情况表",
}


@dataclass(frozen=True)
class BudgetStyle:
    family: str  # national | shanghai | jiangsu | hebei
    unit: Unit  # the main tables' unit
    titles: dict[str, str] = field(default_factory=dict)
    split_codes: bool = False  # 类 | 款 | 项 in separate columns
    total_last: bool = False  # the 合计 row at the bottom of coded tables
    every_class: bool = True  # the year's whole 类 list on the 总表s
    entity: str = "部门"  # 部门 (部门预算) or 单位 (上海 单位预算): the word the headings, notes and text use
    edition: int | None = None  # 2017: 江苏's 2017 edition (numbers 表一…, 功能科目代码, 情况说明 table by table)
    unit_caption: str = "编制部门"  # before the unit's name above each table

    def __post_init__(self):
        if self.entity == "单位" and self.unit_caption == "编制部门":
            object.__setattr__(self, "unit_caption", "编制单位")

    def title(self, tid: str, **kw) -> str:
        return self.titles.get(tid, "").format(**kw)


STYLES = {
    "national_budget": BudgetStyle("national", Unit.WAN, NATIONAL_TITLES),
    "shanghai_budget": BudgetStyle("shanghai", Unit.YUAN, SHANGHAI_TITLES, split_codes=True, total_last=True,
                                   every_class=False),
    "shanghai_unit_budget": BudgetStyle("shanghai", Unit.YUAN, SHANGHAI_UNIT_TITLES, split_codes=True, total_last=True,
                                        every_class=False, entity="单位"),
    "jiangsu_budget": BudgetStyle("jiangsu", Unit.WAN, JIANGSU_TITLES),
    "jiangsu_budget_2017": BudgetStyle("jiangsu", Unit.WAN, JIANGSU_2017_TITLES, edition=2017,
                                       unit_caption="部门"),
    "hebei_budget": BudgetStyle("hebei", Unit.WAN, HEBEI_TITLES),
}
