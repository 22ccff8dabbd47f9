"""Writing the 部门预算 填报 workbook (`gongkai template --kind 部门预算`), empty or filled from a BudgetInput.

Styles, cell formats and the value helpers are the 决算 workbook's (gongkai.compose.workbook); the layout is in
sheets.py, the reader in read.py.
"""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from gongkai.catalog import codes
from gongkai.compose.budget import sheets as S
from gongkai.compose.budget.model import CATEGORIES, PROCUREMENT_SOURCES, BudgetInput
from gongkai.compose.workbook import (
    BOLD, BOX, GROUP_FILL, KEY_FILL, NORMAL, TITLE, WRAP, excel, get, input_cell, list_validation, style_head,
)

TEMPLATE_ROWS = {S.LINE_SHEET: 200, S.ECON_SHEET: 120, S.PROC_SHEET: 80, S.DEPT_PERF_SHEET: 40, S.PROJ_PERF_SHEET: 120}
FIRST_ROW = 4  # tables: title, group row, header row, then data


def _validate(ws, ref: str, kind: str, choices: list[str] | None = None) -> None:
    if kind.startswith("money") or kind == "qty":
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                            showErrorMessage=True, errorTitle="数值有误", error="请填写不小于0的数值（最多两位小数）。")
    elif kind == "int":
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                            showErrorMessage=True, errorTitle="数量有误", error="请填写不小于0的整数。")
    elif kind == "number":
        dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True,
                            showErrorMessage=True, errorTitle="分值有误", error="分值应在0到100之间。")
    elif choices:
        dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                            showErrorMessage=True, errorTitle="填写有误", error=f"请选择：{'、'.join(choices)}。")
    else:
        return
    dv.add(ref)
    ws.add_data_validation(dv)


def _cell_kind(kind: str) -> str:
    return "money" if kind.startswith("money") or kind in ("qty", "number") else kind


def _kv(wb: Workbook, title: str, rows, values: dict) -> None:
    ws = wb.create_sheet(title)
    for c, text in zip("ABC", ("项目", "填写内容", "说明")):
        ws[f"{c}1"] = text
        style_head(ws[f"{c}1"])
    for r, (label, path, kind, note) in enumerate(rows, start=2):
        ws.cell(r, 1, label).font = BOLD
        ws.cell(r, 1).fill, ws.cell(r, 1).border, ws.cell(r, 1).alignment = KEY_FILL, BOX, WRAP
        cell = ws.cell(r, 2)
        input_cell(cell, _cell_kind(kind))
        v = get(values, path)
        if v not in (None, "") and not (kind in ("money", "int", "qty") and Decimal(str(v)) == 0):
            cell.value = excel(v, "money" if kind in ("money", "qty") else kind)
        _validate(ws, cell.coordinate, kind)
        ws.cell(r, 3, note).font = Font(name="宋体", size=9, color="666666")
        ws.cell(r, 3).alignment = WRAP
        if label in S.TEXT_ROWS:
            ws.row_dimensions[r].height = 80
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width, ws.column_dimensions["C"].width = 40, 60, 44
    ws.freeze_panes = "B2"


def _table(wb: Workbook, title: str, heading: str, columns, rows: list[dict], choices: dict[str, list[str]] | None = None,
           code_ref: str | None = None) -> None:
    """A sheet of one row per record: title, group row, header row (with notes), then the records."""
    ws = wb.create_sheet(title)
    ws.cell(1, 1, heading).font = TITLE
    k = 0
    while k < len(columns):
        j = k
        while j + 1 < len(columns) and columns[j + 1][0] == columns[k][0]:
            j += 1
        ws.cell(2, k + 1, columns[k][0] or "")
        if j > k:
            ws.merge_cells(start_row=2, start_column=k + 1, end_row=2, end_column=j + 1)
        for col in range(k + 1, j + 2):
            style_head(ws.cell(2, col), GROUP_FILL)
        k = j + 1
    n = max(TEMPLATE_ROWS[title], len(rows) + 20)
    last = FIRST_ROW + n - 1
    for k, (_, header, field, kind, note) in enumerate(columns):
        col = k + 1
        cell = ws.cell(3, col, header)
        style_head(cell)
        if note:
            cell.comment = Comment(note, "gongkai")
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = 30 if kind == "text" else 13
        for r in range(FIRST_ROW, last + 1):
            input_cell(ws.cell(r, col), _cell_kind(kind))
        ref = f"{letter}{FIRST_ROW}:{letter}{last}"
        if kind == "code" and code_ref:
            list_validation(ws, ref, code_ref, header)
        else:
            _validate(ws, ref, kind, (choices or {}).get(field))
    for r, record in enumerate(rows, start=FIRST_ROW):
        for k, (_, _, field, kind, _) in enumerate(columns):
            v = record.get(field)
            if v in (None, "") or (kind in ("money", "qty") and Decimal(str(v)) == 0):
                continue
            if field == "source":
                v = PROCUREMENT_SOURCES.get(v, v)
            ws.cell(r, k + 1, excel(v, "money" if kind.startswith("money") or kind == "qty" else
                                     "number" if kind == "number" else "text" if kind in ("choice", "code") else kind))
    ws.row_dimensions[3].height = 54
    ws.freeze_panes = ws.cell(FIRST_ROW, 3 if title == S.LINE_SHEET else 2)


def _unit_sheet(wb: Workbook, values: dict) -> None:
    _kv(wb, S.UNIT_SHEET, S.UNIT_ROWS, values)
    ws = wb[S.UNIT_SHEET]
    for path, choices in ((("unit", "profile"), S.PROFILES), (("amount_unit",), ("万元", "元"))):
        row = next(k for k, (_, p, _, _) in enumerate(S.UNIT_ROWS, start=2) if p == path)
        _validate(ws, f"B{row}", "choice", list(choices))
    start = len(S.UNIT_ROWS) + 3
    members = values.get("unit", {}).get("members", [])
    ws.cell(start, 1, S.MEMBERS_LABEL)
    style_head(ws.cell(start, 1))
    for k in range(max(8, len(members))):
        c = ws.cell(start + 1 + k, 1, members[k] if k < len(members) else None)
        c.border, c.font = BOX, NORMAL
    org_row = start + 2 + max(8, len(members))
    ws.cell(org_row, 1, S.ORG_LABEL)
    style_head(ws.cell(org_row, 1))
    for j, (header, _) in enumerate(S.ORG_COLUMNS):
        style_head(ws.cell(org_row + 1, 1 + j, header))
    org = values.get("organisation", [])
    for k in range(max(6, len(org))):
        for j, (_, field) in enumerate(S.ORG_COLUMNS):
            c = ws.cell(org_row + 2 + k, 1 + j, org[k].get(field) or None if k < len(org) else None)
            c.border, c.font = BOX, NORMAL
    ws.column_dimensions["D"].width = 16


def _three_public(wb: Workbook, values: dict) -> None:
    ws = wb.create_sheet(S.TP_SHEET)
    ws.cell(1, 1, "财政拨款“三公”经费（及江苏口径的会议费、培训费）预算").font = TITLE
    for k, text in enumerate(["项目"] + [h for h, _, _ in S.TP_COLUMNS]):
        style_head(ws.cell(2, k + 1, text))
    tp = values.get("three_public", {})
    for r, (name, key) in enumerate(S.TP_ITEMS, start=3):
        ws.cell(r, 1, name).font, ws.cell(r, 1).border = BOLD, BOX
        for j, (_, part, kind) in enumerate(S.TP_COLUMNS):
            c = ws.cell(r, 2 + j)
            input_cell(c, kind)
            v = tp.get(key, {}).get(part)
            if v not in (None, "") and not (kind == "money" and Decimal(str(v)) == 0):
                c.value = excel(v, kind)
    _validate(ws, f"B3:C{2 + len(S.TP_ITEMS)}", "money")
    r = 4 + len(S.TP_ITEMS)
    ws.cell(r, 1, S.TP_COUNT[0]).font, ws.cell(r, 1).border = BOLD, BOX
    input_cell(ws.cell(r, 2), "int")
    if tp.get("vehicles_planned"):
        ws.cell(r, 2, int(tp["vehicles_planned"]))
    _validate(ws, f"B{r}", "int")
    ws.column_dimensions["A"].width, ws.column_dimensions["D"].width = 30, 50
    ws.column_dimensions["B"].width = ws.column_dimensions["C"].width = 14


def _codes_sheet(wb: Workbook, year: int) -> tuple[str, str]:
    cs = wb.create_sheet(S.CODES_SHEET)
    cs.append(["功能分类项级编码", "科目名称", "经济分类款级编码", "科目名称"])
    items = [c for c in codes.all_codes(year, "functional").values() if len(c.code) == 7]
    econ = [c for c in codes.all_codes(year, "economic").values() if len(c.code) == 5]
    for k in range(max(len(items), len(econ))):
        row = [items[k].code, items[k].name] if k < len(items) else [None, None]
        cs.append(row + ([econ[k].code, econ[k].name] if k < len(econ) else [None, None]))
    cs.sheet_state = "hidden"
    return f"={S.CODES_SHEET}!$A$2:$A${len(items) + 1}", f"={S.CODES_SHEET}!$C$2:$C${len(econ) + 1}"


def build_budget_workbook(year: int, profile: str | None, data: BudgetInput | None = None) -> bytes:
    values = data.model_dump(mode="json") if data is not None else {
        "unit": {"year": year, "kind": "部门预算", "profile": profile or "national_budget"},
        "amount_unit": "元" if profile in ("shanghai_budget", "shanghai_unit_budget") else "万元"}
    wb = Workbook()
    help_ws = wb.active
    help_ws.title = S.HELP_SHEET
    for k, text in enumerate(S.HELP):
        c = help_ws.cell(k + 1, 1, text)
        c.font = TITLE if k == 0 else Font(name="宋体", size=11)
        c.alignment = Alignment(wrap_text=True, vertical="top")
    help_ws.column_dimensions["A"].width = 110
    _unit_sheet(wb, values)
    functional, economic = _codes_sheet(wb, year)
    unit = f"金额单位：{values.get('amount_unit', '万元')}（与“单位信息”一致）"
    _table(wb, S.LINE_SHEET, f"{year}年 功能分类（项级）预算　　{unit}", S.LINE_COLUMNS, values.get("lines", []),
           code_ref=functional)
    _table(wb, S.ECON_SHEET, f"{year}年 一般公共预算基本支出（经济分类款级）　　{unit}", S.ECON_COLUMNS,
           values.get("economic", []), code_ref=economic)
    _three_public(wb, values)
    _table(wb, S.PROC_SHEET, f"{year}年 政府采购预算　　{unit}", S.PROC_COLUMNS, values.get("procurement", {}).get("items", []),
           choices={"category": list(CATEGORIES), "source": list(PROCUREMENT_SOURCES.values())})
    _kv(wb, S.OTHER_SHEET, S.OTHER_ROWS, values)
    _kv(wb, S.PRIOR_SHEET, S.PRIOR_ROWS, values)
    perf = values.get("performance", {})
    _table(wb, S.DEPT_PERF_SHEET, "部门整体支出绩效指标", S.DEPT_COLUMNS, perf.get("indicators", []))
    rows = []
    for proj in perf.get("projects", []):
        for j, ind in enumerate(proj.get("indicators", [])):
            rows.append(({k: proj.get(k) for k in ("name", "amount", "goal")} if j == 0 else {}) | ind)
    _table(wb, S.PROJ_PERF_SHEET, f"项目绩效目标　　{unit}", S.PROJECT_COLUMNS + S.INDICATOR_COLUMNS, rows)
    wb.move_sheet(S.CODES_SHEET, offset=len(wb.sheetnames))
    wb.active = 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write_budget_template(year: int, profile: str | None = None) -> bytes:
    return build_budget_workbook(year, profile)


def write_filled_budget(data: BudgetInput) -> bytes:
    return build_budget_workbook(data.unit.year, data.unit.profile, data)
