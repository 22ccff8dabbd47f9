"""The 部门预算 填报 workbook's layout, shared by the writer (workbook.py) and the reader (read.py).

Sheets (the reader finds table columns by their header text and key/value rows by their label):
填表说明; 单位信息 (key/value rows, then 纳入编制范围的单位, then 部门机构设置情况); 功能分类预算 (one row per 项:
资金来源, 上年结转, 基本/项目支出, 财政拨款安排的基本支出, 上年一般公共预算拨款预算数, 用途, 原因); 经济分类基本支出;
三公经费; 政府采购; 其他事项 (机关运行经费, 国有资产, 江苏收入明细); 上年数与原因; 部门整体绩效指标; 项目绩效目标;
科目表 (hidden, for the drop-down lists).
"""

from __future__ import annotations

from gongkai.compose.budget.model import CATEGORIES, PROCUREMENT_SOURCES
from gongkai.compose.model import VEHICLE_KINDS

UNIT_SHEET, LINE_SHEET, ECON_SHEET, TP_SHEET = "单位信息", "功能分类预算", "经济分类基本支出", "三公经费"
PROC_SHEET, OTHER_SHEET, PRIOR_SHEET = "政府采购", "其他事项", "上年数与原因"
DEPT_PERF_SHEET, PROJ_PERF_SHEET, CODES_SHEET, HELP_SHEET = "部门整体绩效指标", "项目绩效目标", "科目表", "填表说明"
MEMBERS_LABEL = "纳入部门预算编制范围的预算单位（每行一个）"
ORG_LABEL = "部门机构设置情况（河北口径必填）"
ORG_COLUMNS = [("单位名称", "name"), ("单位性质", "nature"), ("单位规格", "rank"), ("经费保障形式", "funding")]
PROFILES = ("national_budget", "shanghai_budget", "shanghai_unit_budget", "jiangsu_budget", "jiangsu_budget_2017",
            "hebei_budget")
# 上海 单位预算 columns added later: a workbook made before them still reads (the field stays 0)
OPTIONAL_FIELDS = ("basic_public",)

# key/value rows: (label, path, kind, note)
UNIT_ROWS = [
    ("单位名称", ("unit", "name"), "text", "部门（单位）全称"),
    ("年度", ("unit", "year"), "int", "预算年度"),
    ("文件类型", ("unit", "kind"), "text", "部门预算"),
    ("模板口径", ("unit", "profile"), "text", "national_budget（全国通用）、shanghai_budget（上海部门预算，表格以元列示）、"
                                          "shanghai_unit_budget（上海单位预算）、jiangsu_budget（江苏公开01–12表）、"
                                          "jiangsu_budget_2017（江苏2017年表一至表十二）、hebei_budget（河北）"),
    ("金额单位", ("amount_unit",), "text", "本工作簿所有金额的单位：万元 或 元（上海口径的表格以元列示，宜按元填报）"),
    ("地区", ("unit", "region"), "text", "如 上海市普陀区"),
    ("部门职责", ("unit", "responsibilities"), "text", "写入“部门主要职能”，可分段（单元格内换行）"),
    ("机构设置", ("unit", "structure"), "text", "写入“部门机构设置”"),
    ("部门主要工作任务及目标", ("tasks",), "text", "可空；全国、江苏口径写入第一部分"),
    ("部门整体绩效目标", ("performance", "goal"), "text", "可空；河北口径必填（总体绩效目标）"),
    ("工作保障措施", ("performance", "measures"), "text", "可空"),
    ("其他需要说明的事项", ("unit", "other_text"), "text", "可空"),
]
TEXT_ROWS = ("部门职责", "机构设置", "部门主要工作任务及目标", "部门整体绩效目标", "工作保障措施", "其他需要说明的事项")

# table columns: (group, header, field, kind, note)
LINE_COLUMNS = [
    ("科目", "功能分类科目编码", "code", "code", "7位项级编码，可从下拉列表选择。类、款级合计由系统计算，不要填写。"),
    ("科目", "科目名称", "name", "text", "须与当年《政府收支分类科目》一致；留空则按编码自动取科目表名称。"),
    ("当年收入（资金来源）", "一般公共预算拨款", "gpb", "money", None),
    ("当年收入（资金来源）", "政府性基金预算拨款", "gf", "money", None),
    ("当年收入（资金来源）", "国有资本经营预算拨款", "soe", "money", None),
    ("当年收入（资金来源）", "财政专户管理资金", "special", "money", "江苏、河北口径列示；全国、上海口径的表格不列此项。"),
    ("当年收入（资金来源）", "事业收入", "business", "money", None),
    ("当年收入（资金来源）", "事业单位经营收入", "operating", "money", None),
    ("当年收入（资金来源）", "其他收入", "other", "money", None),
    ("上年结转", "上年结转资金", "carryover", "money", "动用的上年结转资金（江苏、河北口径）。"),
    ("支出（全部资金）", "基本支出", "basic", "money", "基本支出 + 项目支出 + 单位预留机动经费 须等于本行资金来源合计（含上年结转）。"),
    ("支出（全部资金）", "项目支出", "project", "money", None),
    ("支出（全部资金）", "单位预留机动经费", "reserve", "money", "江苏口径；由一般公共预算拨款安排。"),
    ("其中：财政拨款安排的基本支出", "一般公共预算拨款安排的基本支出", "gpb_basic", "money",
     "项目支出 = 拨款 − 基本支出（− 单位预留机动经费），由系统计算。"),
    ("其中：财政拨款安排的基本支出", "政府性基金预算拨款安排的基本支出", "gf_basic", "money", None),
    ("其中：财政拨款安排的基本支出", "国有资本经营预算拨款安排的基本支出", "soe_basic", "money", None),
    ("上海单位预算口径", "其中：基本支出中的公用经费", "basic_public", "money",
     "上海单位预算口径：财务收支预算总表按类列示基本支出的人员经费和公用经费（全部资金）；人员经费 = 基本支出 − 公用经费，"
     "由系统计算。其他口径不用填写。"),
    ("上年", "上年一般公共预算拨款预算数", "prior", "money", "用于情况说明中“比上年增减”。"),
    ("说明", "主要用于", "purpose", "text", "该项支出的主要用途，写入情况说明。"),
    ("说明", "比上年增减的主要原因", "reason", "text", None),
]
ECON_COLUMNS = [
    (None, "经济分类科目编码", "code", "code", "5位款级编码，如 30101。类级合计、人员经费和公用经费由系统计算。"),
    (None, "科目名称", "name", "text", "留空则按编码自动取科目表名称。"),
    (None, "一般公共预算基本支出", "basic", "money", "合计须等于“功能分类预算”表一般公共预算拨款安排的基本支出合计。"),
    (None, "其中：机关运行经费", "running", "money", "行政单位和参公事业单位的日常公用经费部分。"),
]
PROC_COLUMNS = [
    (None, "品目大类", "category", "choice", "、".join(CATEGORIES)),
    (None, "项目（专项）名称", "project", "text", None),
    (None, "经济科目", "economic", "text", "经济分类科目名称，如 办公设备购置。"),
    (None, "采购物品名称", "item", "text", None),
    (None, "政府采购目录序号", "catalogue_no", "text", None),
    (None, "采购组织形式", "method", "text", "政府集中采购、部门集中采购、分散采购。"),
    (None, "计量单位", "measure", "text", None),
    (None, "数量", "quantity", "qty", None),
    (None, "单价", "price", "money_opt", None),
    (None, "采购金额", "amount", "money", None),
    (None, "资金来源", "source", "choice", "、".join(PROCUREMENT_SOURCES.values())),
]
INDICATOR_COLUMNS = [
    (None, "一级指标", "level1", "text", None), (None, "二级指标", "level2", "text", None),
    (None, "三级指标", "level3", "text", None), (None, "绩效指标描述", "description", "text", None),
    (None, "符号", "symbol", "text", "≥、≤、=；文字指标留空。"), (None, "指标值", "value", "text", None),
    (None, "单位", "unit", "text", None), (None, "指标值确定依据", "basis", "text", None),
]
DEPT_COLUMNS = INDICATOR_COLUMNS[:3] + [(None, "分值", "weight", "number", "评（扣）分标准。")] + INDICATOR_COLUMNS[3:]
PROJECT_COLUMNS = [  # a project's own columns, on its first indicator row only
    (None, "项目名称", "name", "text", "每个项目只在第一行填写，其后各指标行留空。"),
    (None, "项目预算资金", "amount", "money", None),
    (None, "绩效目标", "goal", "text", None),
]
TP_ITEMS = [("因公出国（境）费", "abroad"), ("公务用车购置费", "vehicle_buy"), ("公务用车运行维护费", "vehicle_run"),
            ("公务接待费", "reception"), ("会议费（江苏口径）", "meeting"), ("培训费（江苏口径）", "training")]
TP_COLUMNS = [("本年预算数", "budget", "money"), ("上年预算数", "prior", "money"), ("增减变化的主要原因", "reason", "text")]
TP_COUNT = ("预算安排购置公务用车数（辆）", ("three_public", "vehicles_planned"))
OTHER_ROWS = [
    ("机关运行经费：上年预算数", ("running", "prior"), "money", "本年数由“经济分类基本支出”表的机关运行经费计算"),
    ("机关运行经费增减变化的主要原因", ("running", "reason"), "text", ""),
    ("机关运行经费：行政单位（机关）家数", ("running", "admin_units"), "int", "可空"),
    ("机关运行经费：参公事业单位家数", ("running", "civil_service_units"), "int", "可空"),
    ("面向中小企业预留的采购项目预算金额", ("procurement", "sme"), "money", "政府采购"),
    ("其中：预留给小型和微型企业的金额", ("procurement", "small_micro"), "money", "政府采购"),
    ("国有资产统计截止日期", ("assets", "as_of"), "text", "如 2024年12月31日"),
    *[(f"车辆：{name}（辆）", ("assets", "vehicles", key), "int", "国有资产") for key, name in VEHICLE_KINDS.items()],
    ("车辆价值", ("assets", "vehicle_value"), "money", ""),
    ("房屋（平方米）", ("assets", "buildings_area"), "qty", ""),
    ("房屋价值", ("assets", "buildings_value"), "money", ""),
    ("其中：办公用房（平方米）", ("assets", "office_area"), "qty", ""),
    ("其中：办公用房价值", ("assets", "office_value"), "money", ""),
    ("大型设备单价标准（万元）", ("assets", "equipment_threshold"), "int", "上海 100；江苏、河北 20"),
    ("单价在标准以上的设备（台、套）", ("assets", "equipment"), "int", ""),
    ("单价在标准以上的设备价值", ("assets", "equipment_value"), "money", ""),
    ("其他固定资产价值", ("assets", "other_value"), "money", ""),
    *[(f"本年预算安排购置车辆：{name}（辆）", ("assets", "planned_vehicles", key), "int", "")
      for key, name in VEHICLE_KINDS.items()],
    ("本年预算安排购置单价在标准以上的设备（台、套）", ("assets", "planned_equipment"), "int", ""),
    ("本年拟购置固定资产总额", ("assets", "planned_value"), "money", ""),
    ("一般公共预算拨款中的专项收入", ("sources", "gpb_special"), "money", "江苏口径收入预算总表"),
    ("财政专户管理资金中的专户管理教育收费", ("sources", "special_education"), "money", "江苏口径收入预算总表"),
]
PRIOR_ROWS = [
    ("上年收支预算总计", ("prior", "grand"), "money", ""),
    ("上年当年收入预算合计", ("prior", "income"), "money", "不含上年结转"),
    ("上年财政拨款收支预算总计", ("prior", "fiscal"), "money", ""),
    ("上年政府性基金预算拨款", ("prior", "gf"), "money", ""),
    ("上年国有资本经营预算拨款", ("prior", "soe"), "money", ""),
    ("上年基本支出预算", ("prior", "basic"), "money", ""),
    ("上年项目支出预算", ("prior", "project"), "money", ""),
    ("上年单位预留机动经费", ("prior", "reserve"), "money", "江苏口径"),
    ("上年一般公共预算基本支出预算", ("prior", "gpb_basic"), "money", ""),
    ("收支预算总计增减的主要原因", ("reasons", "grand"), "text", ""),
    ("财政拨款收支预算增减的主要原因", ("reasons", "fiscal"), "text", ""),
    ("一般公共预算拨款增减的主要原因", ("reasons", "gpb"), "text", ""),
    ("基本支出增减的主要原因", ("reasons", "basic"), "text", ""),
    ("项目支出增减的主要原因", ("reasons", "project"), "text", ""),
]
HELP = [
    "填表说明（部门预算）",
    "1. 本工作簿用于编制部门预算公开文件。填好后运行：gongkai compose 本文件.xlsx -o 输出.pdf（或 .docx、.html、.xlsx）。",
    "2. 金额单位在“单位信息”表的“金额单位”中选择（万元 或 元），全部金额按同一单位填写，最多两位小数，不能为负数。"
    "上海口径的表格以元列示（“三公”经费表以万元列示），其他口径以万元列示，系统自动换算。",
    "3. “功能分类预算”表每行填一个项级（7位）科目：按资金来源填写当年收入和上年结转，按支出性质填写基本支出、项目支出"
    "（江苏口径另有单位预留机动经费），三者之和须等于本行资金来源合计；再填写各项财政拨款中安排基本支出的部分"
    "（上海单位预算口径另填基本支出中的公用经费）。"
    "类、款级小计，各表合计，占比和增减变化全部由系统计算，不要手工填写。",
    "4. “经济分类基本支出”表按款级填写一般公共预算基本支出及其中的机关运行经费，合计须等于功能分类中一般公共预算拨款安排的"
    "基本支出合计。人员经费（工资福利支出、对个人和家庭的补助）和公用经费由系统计算。",
    "5. “三公经费”表填写本年预算数和上年预算数；“政府采购”表每行一个采购品目；“上年数与原因”表填写上年预算数和增减原因。",
    "6. “部门整体绩效指标”“项目绩效目标”表填写绩效目标（河北口径必填，其他口径填写后在情况说明中列示）；项目绩效目标"
    "每行填一个指标，项目名称、预算资金和绩效目标只在该项目第一行填写。",
    "7. 数据自相矛盾时系统拒绝生成，并指出工作表和单元格。同样的内容也可以用 JSON 或 YAML 文件提交"
    "（字段见 gongkai.compose.budget.model.BudgetInput）。",
]
