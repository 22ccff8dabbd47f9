"""The 填报 workbook: written by `gongkai template`, filled in WPS or Excel, read back into a ComposeInput.

Sheets (the reader finds columns by their header text and key/value rows by their label, so moving
columns or inserting rows does not break it):

- 填表说明: how to fill the workbook;
- 单位信息: identity, 部门职责, 机构设置, the units in the 决算 scope (key/value rows, then a list);
- 功能分类收支: one row per 功能分类 项: 收入 by source, 支出 by nature, 财政拨款支出 by fund and 基本/项目,
  年初结转 of the fund tables, 年初预算/调整预算, 上年决算数, 用途 and 差异原因;
- 经济分类基本支出: one row per 经济分类 款 of 一般公共预算财政拨款基本支出 (and, for 四川, 项目支出);
- 功能×经济分类支出 (四川 only): each 功能分类 项's 一般公共预算财政拨款支出 by 经济分类 类 (workbook_detail);
- 结转结余: 年初/年末 结转和结余 per fund, 使用非财政拨款结余, 结余分配;
- 三公经费: 预算数/决算数/上年决算数 per item, then the counts;
- 其他事项: 机关运行经费, 政府采购, 国有资产;
- 上年数与原因: prior-year totals and the reasons inserted into the 情况说明;
- 绩效自评: one row per 绩效指标 of each project (project columns on its first row); scores are computed;
- 科目表 (hidden): the 功能分类 项 and 经济分类 款 codes of the year, for the drop-down lists.
"""

from __future__ import annotations

import io
from decimal import Decimal, InvalidOperation
from pathlib import Path as FsPath
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from gongkai.catalog import codes
from gongkai.compose.model import VEHICLE_KINDS, ComposeInput
from gongkai.compose.workbook_detail import MATRIX_SHEET, read_matrix_sheet

MONEY_FORMAT = "#,##0.00"
HEAD_FILL = PatternFill("solid", fgColor="DDE6F0")
GROUP_FILL = PatternFill("solid", fgColor="C9D7E8")
INPUT_FILL = PatternFill("solid", fgColor="FFFFFF")
KEY_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(name="宋体", bold=True, size=10)
NORMAL = Font(name="宋体", size=10)
TITLE = Font(name="黑体", size=14, bold=True)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

LINE_SHEET, ECON_SHEET, BAL_SHEET = "功能分类收支", "经济分类基本支出", "结转结余"
UNIT_SHEET, TP_SHEET, OTHER_SHEET, PRIOR_SHEET = "单位信息", "三公经费", "其他事项", "上年数与原因"
CODES_SHEET, HELP_SHEET = "科目表", "填表说明"
LINE_FIRST_ROW, ECON_FIRST_ROW = 4, 3
TEMPLATE_LINES, TEMPLATE_ECON = 200, 120

# 功能分类收支 columns: (group, header, field, kind, comment)
LINE_COLUMNS = [
    ("科目", "功能分类科目编码", "code", "code", "7位项级编码，可从下拉列表选择，如 2101501。类、款级合计由系统计算，不要填写。"),
    ("科目", "科目名称", "name", "text", "须与当年《政府收支分类科目》一致；留空则按编码自动取科目表名称。"),
    ("本年收入", "一般公共预算财政拨款收入", "inc_gpb", "money", None),
    ("本年收入", "政府性基金预算财政拨款收入", "inc_gf", "money", None),
    ("本年收入", "国有资本经营预算财政拨款收入", "inc_soe", "money", None),
    ("本年收入", "上级补助收入", "inc_upper", "money", None),
    ("本年收入", "事业收入", "inc_business", "money", None),
    ("本年收入", "经营收入", "inc_operating", "money", None),
    ("本年收入", "附属单位上缴收入", "inc_affiliated", "money", None),
    ("本年收入", "其他收入", "inc_other", "money", None),
    ("本年支出（全部资金）", "基本支出", "exp_basic", "money", "全部资金来源安排的基本支出（含财政拨款）。"),
    ("本年支出（全部资金）", "项目支出", "exp_project", "money", "全部资金来源安排的项目支出（含财政拨款）。"),
    ("本年支出（全部资金）", "上缴上级支出", "exp_upper_remit", "money", None),
    ("本年支出（全部资金）", "经营支出", "exp_operating", "money", None),
    ("本年支出（全部资金）", "对附属单位补助支出", "exp_affiliated_subsidy", "money", None),
    ("其中：财政拨款支出", "一般公共预算财政拨款基本支出", "gpb_basic", "money", "含使用以前年度财政拨款结转资金安排的支出。"),
    ("其中：财政拨款支出", "一般公共预算财政拨款项目支出", "gpb_project", "money", None),
    ("其中：财政拨款支出", "政府性基金预算财政拨款基本支出", "gf_basic", "money", None),
    ("其中：财政拨款支出", "政府性基金预算财政拨款项目支出", "gf_project", "money", None),
    ("其中：财政拨款支出", "国有资本经营预算财政拨款基本支出", "soe_basic", "money", None),
    ("其中：财政拨款支出", "国有资本经营预算财政拨款项目支出", "soe_project", "money", None),
    ("年初结转和结余", "政府性基金预算财政拨款年初结转和结余", "gf_begin", "money",
     "本科目政府性基金预算财政拨款的年初结转和结余；年末数由系统按“年初+收入−支出”计算。"),
    ("年初结转和结余", "国有资本经营预算财政拨款年初结转和结余", "soe_begin", "money", None),
    ("一般公共预算财政拨款支出预算", "年初预算数", "budget_initial", "money", "用于情况说明中的“完成年初预算”。"),
    ("一般公共预算财政拨款支出预算", "调整预算数（全年预算数）", "budget_adjusted", "money_optional",
     "年中追加、调减后的全年预算数；未调整的留空。"),
    ("上年", "上年一般公共预算财政拨款支出决算数", "prior", "money", None),
    ("说明", "主要用于", "purpose", "text", "该项支出的主要用途，写入情况说明。"),
    ("说明", "决算数与预算数差异的主要原因", "reason", "text", "决算数与年初预算数不一致时必须说明原因。"),
]
ECON_COLUMNS = [
    ("经济分类科目编码", "code", "code", "5位款级编码，如 30101。类级合计、人员经费和公用经费合计由系统计算。"),
    ("科目名称", "name", "text", "留空则按编码自动取科目表名称。"),
    ("一般公共预算财政拨款基本支出", "basic", "money", "合计须等于“功能分类收支”表一般公共预算财政拨款基本支出合计。"),
    ("一般公共预算财政拨款项目支出（四川口径填写）", "project", "money", "其他口径可不填。"),
]
FUNDS = [("一般公共预算财政拨款", "gpb"), ("政府性基金预算财政拨款", "gf"), ("国有资本经营预算财政拨款", "soe"),
         ("非财政拨款资金", "other")]
TP_ITEMS = [("因公出国（境）费", "abroad"), ("公务用车购置费", "vehicle_buy"), ("公务用车运行维护费", "vehicle_run"),
            ("公务接待费", "reception")]
TP_COLUMNS = [("预算数", "budget", "money"), ("决算数", "actual", "money"), ("上年决算数", "prior", "money"),
              ("差异及变动原因", "reason", "text")]
TP_COUNTS = [("因公出国（境）团组数（个）", "groups"), ("因公出国（境）人次", "travellers"), ("购置公务用车数（辆）", "vehicles_bought"),
             ("年末公务用车保有量（辆）", "vehicles_held"), ("国内公务接待批次", "reception_batches"),
             ("国内公务接待人次", "reception_people"), ("外事接待批次", "foreign_batches"), ("外事接待人次", "foreign_people")]
# key/value sheets: (label, path, kind, note)
UNIT_ROWS = [
    ("单位名称", ("unit", "name"), "text", "部门（单位）全称，如 示例市医疗保障局"),
    ("年度", ("unit", "year"), "int", "决算年度"),
    ("文件类型", ("unit", "kind"), "text", "部门决算"),
    ("模板口径", ("unit", "profile"), "text", "national_final（全国通用）、hunan_final（湖南）、shanxi_final（山西，含公开10表）、"
                                            "sichuan_final（四川，13张表，另填经济分类项目支出和功能×经济分类支出）、"
                                            "shanghai_final（上海，9张表不印表号）"),
    ("地区", ("unit", "region"), "text", "如 湖南省长沙市"),
    ("部门职责", ("unit", "responsibilities"), "text", "写入第一部分“部门职责”，可分段（单元格内换行）"),
    ("机构设置", ("unit", "structure"), "text", "写入第一部分“机构设置”"),
    ("预算绩效管理情况", ("unit", "performance_text"), "text", "可空；填写后作为情况说明“预算绩效管理情况”一节"),
    ("其他需要说明的事项", ("unit", "other_text"), "text", "可空"),
]
MEMBERS_LABEL = "纳入部门决算编制范围的单位（每行一个）"
OTHER_ROWS = [
    ("机关运行经费：行政单位", ("running", "admin"), "money", "万元"),
    ("机关运行经费：参照公务员法管理事业单位", ("running", "civil_service"), "money", "万元"),
    ("机关运行经费：上年数", ("running", "prior"), "money", "万元"),
    ("机关运行经费变动原因", ("running", "reason"), "text", ""),
    ("政府采购：货物", ("procurement", "goods"), "money", "万元"),
    ("政府采购：工程", ("procurement", "works"), "money", "万元"),
    ("政府采购：服务", ("procurement", "services"), "money", "万元"),
    ("授予中小企业合同金额", ("procurement", "sme"), "money", "万元"),
    ("其中：授予小微企业合同金额", ("procurement", "small_micro"), "money", "万元"),
    *[(f"车辆：{name}（辆）", ("assets", "vehicles", key), "int", "截至12月31日") for key, name in VEHICLE_KINDS.items()],
    ("单价50万元以上通用设备（台、套）", ("assets", "equipment_general"), "int", ""),
    ("单价100万元以上专用设备（台、套）", ("assets", "equipment_special"), "int", ""),
]
PRIOR_ROWS = [
    ("上年收入支出总计", ("prior", "grand"), "money", "万元"),
    ("上年本年收入合计", ("prior", "income"), "money", "万元"),
    ("上年本年支出合计", ("prior", "expenditure"), "money", "万元"),
    ("上年财政拨款收入支出总计", ("prior", "fiscal_grand"), "money", "万元"),
    ("上年一般公共预算财政拨款支出", ("prior", "gpb_expenditure"), "money", "万元"),
    ("上年一般公共预算财政拨款基本支出", ("prior", "gpb_basic"), "money", "万元"),
    ("收入支出总计变动的主要原因", ("reasons", "grand"), "text", ""),
    ("收入变动的主要原因", ("reasons", "income"), "text", ""),
    ("支出变动的主要原因", ("reasons", "expenditure"), "text", ""),
    ("财政拨款收入支出变动的主要原因", ("reasons", "fiscal"), "text", ""),
    ("一般公共预算财政拨款支出变动的主要原因", ("reasons", "gpb"), "text", ""),
    ("一般公共预算财政拨款支出决算数与年初预算数差异的主要原因", ("reasons", "gpb_budget"), "text", ""),
    ("“三公”经费决算数与预算数差异的主要原因", ("reasons", "three_public"), "text", ""),
    ("政府性基金预算财政拨款收支情况说明", ("reasons", "gov_fund"), "text", "有政府性基金收支的填写"),
    ("国有资本经营预算财政拨款收支情况说明", ("reasons", "soe"), "text", "有国有资本经营收支的填写"),
]
HELP = [
    "填表说明",
    "1. 本工作簿用于编制部门决算公开文件。填好后运行：gongkai compose 本文件.xlsx -o 输出.pdf（或 .docx、.html）。",
    "2. 金额单位为万元，保留两位小数；金额不能为负数。数量（团组、人次、车辆、批次、台套）填整数。",
    "3. “功能分类收支”表每行填一个项级（7位）科目。类、款级小计，各表合计、总计，占比、增减变动和完成预算百分比"
    "全部由系统计算，不要手工填写。",
    "4. 本年支出（全部资金）按支出性质填写；其中财政拨款支出按资金性质和基本/项目分别填写，"
    "不得大于同一科目相应的支出合计。",
    "5. “结转结余”表：年末结转和结余须等于 年初结转和结余 + 本年收入 − 本年支出（按资金性质分别核对）；"
    "非财政拨款资金另加使用非财政拨款结余、减结余分配。不一致时系统拒绝生成，并指出单元格。",
    "6. “经济分类基本支出”表合计须等于一般公共预算财政拨款基本支出合计。",
    "7. 黄色批注说明各栏的口径；下拉列表提供当年科目编码。可以插入行，不要改动表头文字。",
    "8. 同样的内容也可以用 JSON 或 YAML 文件提交（字段见 gongkai.compose.model.ComposeInput）。",
    "9. “绩效自评”表每行填一个绩效指标；同一项目的项目名称、资金和年度总体目标只在该项目第一行填写，其后各行项目名称留空。"
    "得分、执行率、总分和等级全部由系统按评分规则计算，不要填写。预算执行分值（通常10）与各指标分值之和须等于100；"
    "完成值未达到年度指标值的指标须填写未完成原因。指标性质：≥（越大越好）、≤（越小越好）、=、定性（按 优/良/中/低/差 等级计分）。",
]
HELP_DETAIL = (
    "10. 四川口径（sichuan_final，公开05–13表）另需两项：“经济分类基本支出”表的“项目支出”栏按款级填写一般公共预算财政拨款"
    "项目支出，合计须等于“功能分类收支”表一般公共预算财政拨款项目支出合计（公开09表）；“功能×经济分类支出”表每行填一个"
    "有一般公共预算财政拨款支出的项级科目，按经济分类（类级）分解其支出：每行之和须等于该科目一般公共预算财政拨款基本支出"
    "与项目支出之和，每列之和须等于“经济分类基本支出”表该类各款基本支出与项目支出之和（公开07表）。不一致时系统拒绝生成，"
    "并指出单元格。")

PERF_SHEET = "绩效自评"
PERF_FIRST_ROW = 3
TEMPLATE_PERF = 60
# (header, path inside a project, kind, note); project columns first, then the indicator columns
PERF_PROJECT_COLUMNS = [
    ("项目名称", ("name",), "text", "每个项目只在第一行填写，其后各指标行留空。"),
    ("主管部门", ("department",), "text", "留空则为本部门。"),
    ("实施单位", ("implementer",), "text", "留空则为本部门。"),
    ("财政拨款年初预算数", ("fiscal", "initial"), "money", "当年财政拨款，万元。"),
    ("财政拨款全年预算数", ("fiscal", "adjusted"), "money_opt", "调整后的全年预算数；留空则等于年初预算数。"),
    ("财政拨款全年执行数", ("fiscal", "executed"), "money", None),
    ("上年结转年初预算数", ("carryover", "initial"), "money", None),
    ("上年结转全年预算数", ("carryover", "adjusted"), "money_opt", "留空则等于年初预算数。"),
    ("上年结转全年执行数", ("carryover", "executed"), "money", None),
    ("其他资金年初预算数", ("other", "initial"), "money", None),
    ("其他资金全年预算数", ("other", "adjusted"), "money_opt", "留空则等于年初预算数。"),
    ("其他资金全年执行数", ("other", "executed"), "money", None),
    ("预算执行分值", ("execution_weight",), "number", "预算执行率的分值，通常为10；得分=执行率×分值，由系统计算。"),
    ("年度总体目标（预期目标）", ("goal",), "text", None),
    ("年度总体目标（实际完成情况）", ("achieved",), "text", None),
]
PERF_INDICATOR_COLUMNS = [
    ("一级指标", "level1", "text", "产出指标、效益指标、满意度指标、成本指标。"),
    ("二级指标", "level2", "text", "数量指标、质量指标、时效指标、社会效益指标、服务对象满意度指标等。"),
    ("三级指标", "level3", "text", "指标名称。"),
    ("指标性质", "nature", "text", "≥、≤、= 或 定性。"),
    ("年度指标值", "target", "text", "数值（不含符号，如 95），或文字（如 2023年12月前、优良中低差）。"),
    ("指标值单位", "target_unit", "text", "如 %、人次、万元；文字指标留空。"),
    ("实际完成值", "actual", "text", "数值，或定性指标的等级（优、良、中、低、差），或完成日期。"),
    ("完成值单位", "actual_unit", "text", "留空则同指标值单位。"),
    ("分值", "weight", "number", "指标权重；与预算执行分值合计须为100。"),
    ("未完成原因", "reason", "text", "完成值未达到年度指标值时必填（偏差原因分析及改进措施）。"),
]


# ------------------------------------------------------------------------------------------------ writing
def style_head(cell, fill=HEAD_FILL) -> None:
    cell.font = BOLD
    cell.fill = fill
    cell.alignment = CENTER
    cell.border = BOX


def input_cell(cell, kind: str) -> None:
    cell.border = BOX
    cell.font = NORMAL
    if kind.startswith("money"):
        cell.number_format = MONEY_FORMAT
    elif kind == "code":
        cell.number_format = "@"
    elif kind == "text":
        cell.alignment = WRAP


def money_validation(ws, ref: str) -> None:
    dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                        showErrorMessage=True, errorTitle="金额有误", error="请填写不小于0的金额（万元，最多两位小数）。")
    dv.add(ref)
    ws.add_data_validation(dv)


def _int_validation(ws, ref: str) -> None:
    dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                        showErrorMessage=True, errorTitle="数量有误", error="请填写不小于0的整数。")
    dv.add(ref)
    ws.add_data_validation(dv)


def list_validation(ws, ref: str, source: str, title: str) -> None:
    dv = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=True,
                        errorStyle="warning", errorTitle=title, error="编码不在当年科目表中，请核对。")
    dv.add(ref)
    ws.add_data_validation(dv)


def _kv_sheet(wb: Workbook, title: str, rows, values: dict | None) -> None:
    ws = wb.create_sheet(title)
    ws["A1"], ws["B1"], ws["C1"] = "项目", "填写内容", "说明"
    for c in ("A1", "B1", "C1"):
        style_head(ws[c])
    for k, (label, path, kind, note) in enumerate(rows):
        r = k + 2
        ws.cell(r, 1, label).font = BOLD
        ws.cell(r, 1).fill = KEY_FILL
        ws.cell(r, 1).border = BOX
        ws.cell(r, 1).alignment = WRAP
        cell = ws.cell(r, 2)
        input_cell(cell, kind)
        if values is not None:
            v = get(values, path)
            if v not in (None, ""):
                cell.value = excel(v, kind)
        if kind == "money":
            money_validation(ws, cell.coordinate)
        elif kind == "int":
            _int_validation(ws, cell.coordinate)
        ws.cell(r, 3, note).font = Font(name="宋体", size=9, color="666666")
        ws.cell(r, 3).alignment = WRAP
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 44
    ws.freeze_panes = "B2"


def get(values: dict, path: tuple) -> Any:
    cur: Any = values
    for p in path:
        if not isinstance(cur, dict) or p not in cur:
            return None
        cur = cur[p]
    return cur


def excel(v: Any, kind: str) -> Any:
    if kind.startswith("money"):
        return float(Decimal(str(v)))
    if kind == "int":
        return int(v)
    if kind == "number":
        d = Decimal(str(v))
        return int(d) if d == d.to_integral_value() else float(d)
    return str(v)


def _final_profiles() -> list[str]:
    from gongkai.catalog.templates import profiles
    from gongkai.compose.tables import STYLES

    return [p for p in STYLES if p in profiles() and profiles()[p].kind == "部门决算"]


def build_workbook(year: int, profile: str | None, data: ComposeInput | None = None) -> bytes:
    from gongkai.compose.detail import needs_matrix, needs_project
    from gongkai.compose.workbook_detail import write_matrix_sheet

    values = data.model_dump(mode="json") if data is not None else None
    profile = profile or (data.unit.profile if data is not None else None)
    with_project = needs_project(profile) or any(e.project for e in (data.economic if data else []))
    with_matrix = needs_matrix(profile) or bool(data is not None and data.gpb_by_economic)
    wb = Workbook()
    help_ws = wb.active
    help_ws.title = HELP_SHEET
    for k, text in enumerate(HELP + ([HELP_DETAIL] if with_project or with_matrix else [])):
        c = help_ws.cell(k + 1, 1, text)
        c.font = TITLE if k == 0 else Font(name="宋体", size=11)
        c.alignment = Alignment(wrap_text=True, vertical="top")
    help_ws.column_dimensions["A"].width = 110

    # 单位信息
    unit_values = values or {"unit": {"year": year, "kind": "部门决算", "profile": profile or "national_final"}}
    _kv_sheet(wb, UNIT_SHEET, UNIT_ROWS, unit_values)
    ws = wb[UNIT_SHEET]
    start = len(UNIT_ROWS) + 3
    ws.cell(start, 1, MEMBERS_LABEL)
    style_head(ws.cell(start, 1))
    members = (values or {}).get("unit", {}).get("members", []) if values else []
    for k in range(max(10, len(members))):
        c = ws.cell(start + 1 + k, 1, members[k] if k < len(members) else None)
        c.border = BOX
        c.font = NORMAL
    for r in range(2, len(UNIT_ROWS) + 2):
        if UNIT_ROWS[r - 2][0] in ("部门职责", "机构设置", "预算绩效管理情况", "其他需要说明的事项"):
            ws.row_dimensions[r].height = 90
    pv = DataValidation(type="list", formula1=f'"{",".join(_final_profiles())}"', allow_blank=True)
    pv.add("B5")
    ws.add_data_validation(pv)

    # 科目表 (hidden)
    cs = wb.create_sheet(CODES_SHEET)
    cs.append(["功能分类项级编码", "科目名称", "经济分类款级编码", "科目名称"])
    items = [c for c in codes.all_codes(year, "functional").values() if len(c.code) == 7]
    econ = [c for c in codes.all_codes(year, "economic").values() if len(c.code) == 5]
    for k in range(max(len(items), len(econ))):
        row = [items[k].code, items[k].name] if k < len(items) else [None, None]
        row += [econ[k].code, econ[k].name] if k < len(econ) else [None, None]
        cs.append(row)
    cs.sheet_state = "hidden"

    # 功能分类收支
    ws = wb.create_sheet(LINE_SHEET, 2)
    ws.cell(1, 1, f"{year}年度 功能分类（项级）收支情况　　单位：万元").font = TITLE
    k = 0
    while k < len(LINE_COLUMNS):
        group = LINE_COLUMNS[k][0]
        j = k
        while j + 1 < len(LINE_COLUMNS) and LINE_COLUMNS[j + 1][0] == group:
            j += 1
        ws.cell(2, k + 1, group)
        if j > k:
            ws.merge_cells(start_row=2, start_column=k + 1, end_row=2, end_column=j + 1)
        for col in range(k + 1, j + 2):
            style_head(ws.cell(2, col), GROUP_FILL)
        k = j + 1
    lines = (values or {}).get("lines", []) if values else []
    n_rows = max(TEMPLATE_LINES, len(lines) + 20)
    for k, (_, header, field, kind, note) in enumerate(LINE_COLUMNS):
        col = k + 1
        cell = ws.cell(3, col, header)
        style_head(cell)
        if note:
            cell.comment = Comment(note, "gongkai")
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = 12 if kind.startswith("money") else 30 if kind == "text" else 11
        for r in range(LINE_FIRST_ROW, LINE_FIRST_ROW + n_rows):
            input_cell(ws.cell(r, col), kind)
        ref = f"{letter}{LINE_FIRST_ROW}:{letter}{LINE_FIRST_ROW + n_rows - 1}"
        if kind.startswith("money"):
            money_validation(ws, ref)
        elif kind == "code":
            list_validation(ws, ref, f"={CODES_SHEET}!$A$2:$A${len(items) + 1}", "功能分类科目编码")
    ws.column_dimensions["B"].width = 26
    for r, line in enumerate(lines, start=LINE_FIRST_ROW):
        for k, (_, _, field, kind, _) in enumerate(LINE_COLUMNS):
            v = line.get(field)
            if v not in (None, "") and not (kind.startswith("money") and Decimal(str(v)) == 0 and field != "code"):
                ws.cell(r, k + 1, excel(v, kind))
    ws.freeze_panes = ws.cell(LINE_FIRST_ROW, 3)
    ws.row_dimensions[3].height = 54

    # 经济分类基本支出
    ws = wb.create_sheet(ECON_SHEET, 3)
    what = "基本支出和项目支出" if with_project else "基本支出"
    ws.cell(1, 1, f"{year}年度 一般公共预算财政拨款{what}（经济分类款级）　　单位：万元").font = TITLE
    econ_rows = (values or {}).get("economic", []) if values else []
    n_rows = max(TEMPLATE_ECON, len(econ_rows) + 20)
    econ_columns = [c for c in ECON_COLUMNS if with_project or c[1] != "project"]
    for k, (header, field, kind, note) in enumerate(econ_columns):
        cell = ws.cell(2, k + 1, header)
        style_head(cell)
        cell.comment = Comment(note, "gongkai")
        letter = get_column_letter(k + 1)
        ws.column_dimensions[letter].width = 16 if kind != "text" else 30
        for r in range(ECON_FIRST_ROW, ECON_FIRST_ROW + n_rows):
            input_cell(ws.cell(r, k + 1), kind)
        ref = f"{letter}{ECON_FIRST_ROW}:{letter}{ECON_FIRST_ROW + n_rows - 1}"
        if kind == "money":
            money_validation(ws, ref)
        elif kind == "code":
            list_validation(ws, ref, f"={CODES_SHEET}!$C$2:$C${len(econ) + 1}", "经济分类科目编码")
    for r, e in enumerate(econ_rows, start=ECON_FIRST_ROW):
        for k, (_, field, kind, _) in enumerate(econ_columns):
            v = e.get(field)
            if v not in (None, "") and not (kind == "money" and Decimal(str(v)) == 0):
                ws.cell(r, k + 1, excel(v, kind))
    ws.freeze_panes = ws.cell(ECON_FIRST_ROW, 3)

    # 结转结余
    ws = wb.create_sheet(BAL_SHEET, 4)
    ws.cell(1, 1, "结转结余情况　　单位：万元").font = TITLE
    for k, text in enumerate(("资金性质", "年初结转和结余", "年末结转和结余")):
        style_head(ws.cell(2, k + 1, text))
    ws.cell(2, 3).comment = Comment("年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出（非财政拨款资金另加使用非财政拨款结余、"
                                    "减结余分配）。系统会核对。", "gongkai")
    bal = (values or {}).get("balances", {}) if values else {}
    for k, (name, key) in enumerate(FUNDS):
        r = 3 + k
        ws.cell(r, 1, name).font = BOLD
        ws.cell(r, 1).border = BOX
        for j, part in enumerate(("begin", "end")):
            c = ws.cell(r, 2 + j)
            input_cell(c, "money")
            v = bal.get(key, {}).get(part)
            if v not in (None, ""):
                c.value = excel(v, "money")
    money_validation(ws, "B3:C6")
    for k, (name, key) in enumerate((("使用非财政拨款结余", "use_surplus"), ("结余分配", "distribution"))):
        r = 8 + k
        ws.cell(r, 1, name).font = BOLD
        ws.cell(r, 1).border = BOX
        c = ws.cell(r, 2)
        input_cell(c, "money")
        if bal.get(key) not in (None, ""):
            c.value = excel(bal[key], "money")
    money_validation(ws, "B8:B9")
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 18
    ws.column_dimensions["C"].width = 18

    # 三公经费
    ws = wb.create_sheet(TP_SHEET, 5)
    ws.cell(1, 1, "财政拨款“三公”经费　　单位：万元").font = TITLE
    for k, (text, _, _) in enumerate([("项目", None, None), *TP_COLUMNS]):
        style_head(ws.cell(2, k + 1, text))
    ws.cell(2, 2).comment = Comment("全年预算数（按规定程序调整后的预算数）。", "gongkai")
    ws.cell(2, 3).comment = Comment("含当年财政拨款和以前年度财政拨款结转资金安排的实际支出。", "gongkai")
    tp = (values or {}).get("three_public", {}) if values else {}
    for k, (name, key) in enumerate(TP_ITEMS):
        r = 3 + k
        ws.cell(r, 1, name).font = BOLD
        ws.cell(r, 1).border = BOX
        for j, (_, part, kind) in enumerate(TP_COLUMNS):
            c = ws.cell(r, 2 + j)
            input_cell(c, kind)
            v = tp.get(key, {}).get(part)
            if v not in (None, ""):
                c.value = excel(v, kind)
    money_validation(ws, "B3:D6")
    style_head(ws.cell(8, 1, "数量"))
    style_head(ws.cell(8, 2, "填写内容"))
    for k, (name, key) in enumerate(TP_COUNTS):
        r = 9 + k
        ws.cell(r, 1, name).font = BOLD
        ws.cell(r, 1).border = BOX
        c = ws.cell(r, 2)
        input_cell(c, "int")
        if tp.get(key) not in (None, ""):
            c.value = int(tp[key])
    _int_validation(ws, f"B9:B{8 + len(TP_COUNTS)}")
    ws.column_dimensions["A"].width = 28
    for letter in "BCD":
        ws.column_dimensions[letter].width = 14
    ws.column_dimensions["E"].width = 50

    _kv_sheet(wb, OTHER_SHEET, OTHER_ROWS, values)
    _kv_sheet(wb, PRIOR_SHEET, PRIOR_ROWS, values)
    _perf_sheet(wb, (values or {}).get("performance", []) if values else [])
    if with_matrix:
        write_matrix_sheet(wb, year, (values or {}).get("gpb_by_economic", []) if values else [],
                           wb.sheetnames.index(ECON_SHEET) + 1, f"={CODES_SHEET}!$A$2:$A${len(items) + 1}")
    wb.move_sheet(CODES_SHEET, offset=len(wb.sheetnames))
    wb.active = 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _perf_sheet(wb: Workbook, projects: list[dict]) -> None:
    """绩效自评: one row per indicator; a project's own columns on its first row only."""
    ws = wb.create_sheet(PERF_SHEET)
    ws.cell(1, 1, "项目支出绩效自评（得分由系统计算，不要填写）　　金额单位：万元").font = TITLE
    columns = [(h, kind, note) for h, _, kind, note in PERF_PROJECT_COLUMNS] + \
              [(h, kind, note) for h, _, kind, note in PERF_INDICATOR_COLUMNS]
    n_rows = max(TEMPLATE_PERF, sum(len(p.get("indicators", [])) for p in projects) + 20)
    last = PERF_FIRST_ROW + n_rows - 1
    for k, (header, kind, note) in enumerate(columns):
        cell = ws.cell(2, k + 1, header)
        style_head(cell, GROUP_FILL if k < len(PERF_PROJECT_COLUMNS) else HEAD_FILL)
        if note:
            cell.comment = Comment(note, "gongkai")
        letter = get_column_letter(k + 1)
        ws.column_dimensions[letter].width = 30 if header in ("项目名称", "三级指标", "未完成原因") or "目标" in header \
            else 14
        for r in range(PERF_FIRST_ROW, last + 1):
            input_cell(ws.cell(r, k + 1), "money" if kind.startswith("money") else kind)
        ref = f"{letter}{PERF_FIRST_ROW}:{letter}{last}"
        if kind.startswith("money"):
            money_validation(ws, ref)
        elif header in ("预算执行分值", "分值"):
            dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True,
                                showErrorMessage=True, errorTitle="分值有误", error="分值应在0到100之间。")
            dv.add(ref)
            ws.add_data_validation(dv)
        elif header == "指标性质":
            dv = DataValidation(type="list", formula1='"≥,≤,=,定性"', allow_blank=True, showErrorMessage=True,
                                errorTitle="指标性质有误", error="请选择 ≥、≤、= 或 定性。")
            dv.add(ref)
            ws.add_data_validation(dv)
        elif header == "一级指标":
            dv = DataValidation(type="list", formula1='"产出指标,效益指标,满意度指标,成本指标"', allow_blank=True,
                                showErrorMessage=True, errorStyle="warning", errorTitle="一级指标",
                                error="一级指标通常为 产出指标、效益指标、满意度指标、成本指标。")
            dv.add(ref)
            ws.add_data_validation(dv)
    r = PERF_FIRST_ROW
    for proj in projects:
        for j, ind in enumerate(proj.get("indicators", [])):
            if j == 0:
                for k, (_, path, kind, _) in enumerate(PERF_PROJECT_COLUMNS):
                    v = get(proj, path)
                    if v in (None, "") or (kind == "money" and Decimal(str(v)) == 0):
                        continue
                    ws.cell(r, k + 1, excel(v, "money" if kind.startswith("money") else kind))
            for k, (_, field, kind, _) in enumerate(PERF_INDICATOR_COLUMNS, start=len(PERF_PROJECT_COLUMNS)):
                v = ind.get(field)
                if v not in (None, ""):
                    ws.cell(r, k + 1, excel(v, kind))
            r += 1
    ws.freeze_panes = ws.cell(PERF_FIRST_ROW, 2)


def _read_perf(ws, put_where) -> list[dict]:
    header_row = next((r for r in range(1, 8) if as_text(ws.cell(r, 1).value) == PERF_PROJECT_COLUMNS[0][0]), None)
    if header_row is None:
        raise WorkbookError(f"{cell_ref(ws, 'A2')}：找不到表头“{PERF_PROJECT_COLUMNS[0][0]}”")
    heads = {as_text(ws.cell(header_row, c).value): c for c in range(1, ws.max_column + 1)}
    lost = [h for h, *_ in PERF_PROJECT_COLUMNS + PERF_INDICATOR_COLUMNS if h not in heads]
    if lost:
        raise WorkbookError(f"工作表“{PERF_SHEET}”缺少栏目：{'、'.join(lost)}（不要改动表头文字）")
    projects: list[dict] = []
    for r in range(header_row + 1, ws.max_row + 1):
        pcells = [(path, kind, ws.cell(r, heads[h])) for h, path, kind, _ in PERF_PROJECT_COLUMNS]
        icells = [(field, kind, ws.cell(r, heads[h])) for h, field, kind, _ in PERF_INDICATOR_COLUMNS]
        if all(as_text(c.value) is None for *_, c in pcells + icells):
            continue
        starts = any(as_text(c.value) is not None for *_, c in pcells) or not projects
        if starts:
            k = len(projects)
            proj: dict = {"indicators": []}
            put_where(("performance", k), cell_ref(ws, f"第{r}行"))
            put_where(("performance", k, "indicators"), cell_ref(ws, f"第{r}行起（{as_text(ws.cell(r, 1).value) or '项目'}的各指标行）"))
            for path, kind, c in pcells:
                put_where(("performance", k) + path, cell_ref(ws, c.coordinate))
                v = as_number(c.value) if kind.startswith("money") or kind == "number" else as_text(c.value)
                if v is not None:
                    cur = proj
                    for part in path[:-1]:
                        cur = cur.setdefault(part, {})
                    cur[path[-1]] = v
            projects.append(proj)
        k, proj = len(projects) - 1, projects[-1]
        j = len(proj["indicators"])
        ind: dict = {}
        put_where(("performance", k, "indicators", j), cell_ref(ws, f"第{r}行"))
        for field, kind, c in icells:
            put_where(("performance", k, "indicators", j, field), cell_ref(ws, c.coordinate))
            v = as_number(c.value) if kind == "number" else as_text(c.value)
            if v is not None:
                ind[field] = v
        if ind:
            proj["indicators"].append(ind)
    return projects


def write_template(year: int, profile: str | None = None) -> bytes:
    return build_workbook(year, profile)


def write_filled(data: ComposeInput) -> bytes:
    return build_workbook(data.unit.year, data.unit.profile, data)


# ------------------------------------------------------------------------------------------------ reading
class WorkbookError(Exception):
    """The workbook cannot be read as a 填报 workbook (missing sheet, header …); the message is Chinese."""


def cell_ref(ws, cell) -> str:
    return f"工作表“{ws.title}”{cell}"


def as_text(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    t = str(v).strip()
    return t or None


def as_number(v: Any) -> Any:
    """A cell value as the model expects a number: Decimal from floats without binary noise; text kept."""
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
    t = str(v).strip().replace(",", "").replace("，", "").replace(" ", "")
    try:
        return Decimal(t)
    except InvalidOperation:
        return str(v).strip()


def as_int(v: Any) -> Any:
    n = as_number(v)
    if isinstance(n, Decimal) and n == n.to_integral_value():
        return int(n)
    return n


def putter(data: dict, where: dict[tuple, str]):
    """`put(path, value, ref)`: set a nested field of `data` and remember the cell it came from."""
    def put(path: tuple, value: Any, ref: str) -> None:
        where[path] = ref
        if value is None:
            return
        cur = data
        for p in path[:-1]:
            cur = cur.setdefault(p, {})
        cur[path[-1]] = value

    return put


def read_workbook(path: str | FsPath) -> tuple[dict, dict[tuple, str]]:
    """The workbook's content as a ComposeInput-shaped dict, and where each field came from."""
    try:
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds
        raise WorkbookError(f"无法读取填报工作簿：{path}（{type(exc).__name__}）") from None
    from gongkai.compose.budget.read import is_budget_workbook, read_budget_workbook

    if is_budget_workbook(wb):  # a 部门预算 workbook (gongkai template --kind 部门预算)
        return read_budget_workbook(wb)
    missing = [s for s in (UNIT_SHEET, LINE_SHEET) if s not in wb.sheetnames]
    if missing:
        raise WorkbookError(f"不是 gongkai 填报工作簿：缺少工作表“{'、'.join(missing)}”（请用 gongkai template 生成）")
    data: dict = {}
    where: dict[tuple, str] = {}
    put = putter(data, where)

    def convert(v: Any, kind: str) -> Any:
        if kind.startswith("money"):
            return as_number(v)
        if kind == "int":
            return as_int(v)
        return as_text(v)

    def kv(sheet: str, rows) -> None:
        if sheet not in wb.sheetnames:
            return
        ws = wb[sheet]
        by_label = {label: (path, kind) for label, path, kind, _ in rows}
        for r in range(1, ws.max_row + 1):
            label = as_text(ws.cell(r, 1).value)
            if label in by_label:
                path, kind = by_label[label]
                c = ws.cell(r, 2)
                put(path, convert(c.value, kind), cell_ref(ws, c.coordinate))

    kv(UNIT_SHEET, UNIT_ROWS)
    ws = wb[UNIT_SHEET]
    members: list[str] = []
    start = next((r for r in range(1, ws.max_row + 1) if as_text(ws.cell(r, 1).value) == MEMBERS_LABEL), None)
    if start:
        for r in range(start + 1, ws.max_row + 1):
            t = as_text(ws.cell(r, 1).value)
            if t:
                members.append(t)
    data.setdefault("unit", {})["members"] = members
    year = data.get("unit", {}).get("year")

    # 功能分类收支
    ws = wb[LINE_SHEET]
    header_row = next((r for r in range(1, 8) if as_text(ws.cell(r, 1).value) == LINE_COLUMNS[0][1]), None)
    if header_row is None:
        raise WorkbookError(f"{cell_ref(ws, 'A3')}：找不到表头“{LINE_COLUMNS[0][1]}”")
    by_header = {h: (field, kind) for _, h, field, kind, _ in LINE_COLUMNS}
    cols: dict[int, tuple[str, str]] = {}
    for c in range(1, ws.max_column + 1):
        h = as_text(ws.cell(header_row, c).value)
        if h in by_header:
            cols[c] = by_header[h]
    lost = [h for h, (f, _) in by_header.items() if f not in {v[0] for v in cols.values()}]
    if lost:
        raise WorkbookError(f"工作表“{LINE_SHEET}”缺少栏目：{'、'.join(lost)}（不要改动表头文字）")
    lines: list[dict] = []
    for r in range(header_row + 1, ws.max_row + 1):
        row = {cols[c][0]: ws.cell(r, c) for c in cols}
        if all(as_text(cell.value) is None for cell in row.values()):
            continue
        k = len(lines)
        line: dict = {}
        for field, cell in row.items():
            kind = next(kd for f, kd in cols.values() if f == field)
            value = convert(cell.value, kind)
            where[("lines", k, field)] = cell_ref(ws, cell.coordinate)
            if value is not None:
                line[field] = value
        where[("lines", k)] = cell_ref(ws, f"第{r}行")
        if "name" not in line and line.get("code") and year:
            entry = codes.lookup(str(line["code"]), year, "functional")
            if entry is not None:
                line["name"] = entry.name
        lines.append(line)
    data["lines"] = lines
    where[("lines",)] = f"工作表“{LINE_SHEET}”"

    # 经济分类
    econ: list[dict] = []
    if ECON_SHEET in wb.sheetnames:
        ws = wb[ECON_SHEET]
        header_row = next((r for r in range(1, 8) if as_text(ws.cell(r, 1).value) == ECON_COLUMNS[0][0]), None)
        if header_row is not None:
            by_header = {h: (f, kd) for h, f, kd, _ in ECON_COLUMNS}
            cols = {c: by_header[h] for c in range(1, ws.max_column + 1)
                    if (h := as_text(ws.cell(header_row, c).value)) in by_header}
            for r in range(header_row + 1, ws.max_row + 1):
                row = {cols[c][0]: (ws.cell(r, c), cols[c][1]) for c in cols}
                if all(as_text(cell.value) is None for cell, _ in row.values()):
                    continue
                k = len(econ)
                e: dict = {}
                for field, (cell, kind) in row.items():
                    where[("economic", k, field)] = cell_ref(ws, cell.coordinate)
                    value = convert(cell.value, kind)
                    if value is not None:
                        e[field] = value
                where[("economic", k)] = cell_ref(ws, f"第{r}行")
                if "name" not in e and e.get("code") and year:
                    entry = codes.lookup(str(e["code"]), year, "economic")
                    e["name"] = entry.name if entry else ""
                econ.append(e)
            basic_col = next((c for c, (f, _) in cols.items() if f == "basic"), 3)
            where[("economic",)] = f"工作表“{ECON_SHEET}”{get_column_letter(basic_col)}列（基本支出合计）"
            project_col = next((c for c, (f, _) in cols.items() if f == "project"), None)
            where[("economic", "project")] = (f"工作表“{ECON_SHEET}”{get_column_letter(project_col)}列（项目支出合计）"
                                              if project_col else f"工作表“{ECON_SHEET}”（缺少“项目支出”栏）")
    data["economic"] = econ
    if MATRIX_SHEET in wb.sheetnames:
        data["gpb_by_economic"] = read_matrix_sheet(wb[MATRIX_SHEET], where, as_text, as_number)

    # 结转结余
    if BAL_SHEET in wb.sheetnames:
        ws = wb[BAL_SHEET]
        labels = {name: key for name, key in FUNDS}
        for r in range(1, ws.max_row + 1):
            label = as_text(ws.cell(r, 1).value)
            if label in labels:
                for j, part in enumerate(("begin", "end")):
                    c = ws.cell(r, 2 + j)
                    put(("balances", labels[label], part), as_number(c.value), cell_ref(ws, c.coordinate))
            elif label in ("使用非财政拨款结余", "结余分配"):
                c = ws.cell(r, 2)
                key = "use_surplus" if label == "使用非财政拨款结余" else "distribution"
                put(("balances", key), as_number(c.value), cell_ref(ws, c.coordinate))

    # 三公经费
    if TP_SHEET in wb.sheetnames:
        ws = wb[TP_SHEET]
        items = dict(TP_ITEMS)
        counts = dict(TP_COUNTS)
        for r in range(1, ws.max_row + 1):
            label = as_text(ws.cell(r, 1).value)
            if label in items:
                for j, (_, part, kind) in enumerate(TP_COLUMNS):
                    c = ws.cell(r, 2 + j)
                    put(("three_public", items[label], part), convert(c.value, kind), cell_ref(ws, c.coordinate))
            elif label in counts:
                c = ws.cell(r, 2)
                put(("three_public", counts[label]), as_int(c.value), cell_ref(ws, c.coordinate))

    kv(OTHER_SHEET, OTHER_ROWS)
    kv(PRIOR_SHEET, PRIOR_ROWS)
    if PERF_SHEET in wb.sheetnames:
        data["performance"] = _read_perf(wb[PERF_SHEET], where.__setitem__)
        where[("performance",)] = f"工作表“{PERF_SHEET}”"
    return data, where
