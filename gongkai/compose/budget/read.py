"""Reading a filled 部门预算 workbook back into a BudgetInput-shaped dict, remembering the cell of every field
so that problems are reported as 工作表“功能分类预算”N12."""

from __future__ import annotations

from typing import Any

from openpyxl.utils import get_column_letter

from gongkai.catalog import codes
from gongkai.compose.budget import sheets as S
from gongkai.compose.workbook import WorkbookError, as_int, as_number, as_text, cell_ref, putter


def is_budget_workbook(wb) -> bool:
    return S.LINE_SHEET in wb.sheetnames and S.UNIT_SHEET in wb.sheetnames


def _convert(v: Any, kind: str) -> Any:
    if kind.startswith("money") or kind in ("qty", "number"):
        return as_number(v)
    if kind == "int":
        return as_int(v)
    return as_text(v)


def _rows(ws, columns, base: tuple, where: dict, year: int | None = None, kind: str | None = None) -> list[dict]:
    """The records of a table sheet: columns found by header text, blank rows skipped."""
    first = columns[0][1]
    header_row = next((r for r in range(1, 8) if as_text(ws.cell(r, 1).value) == first), None)
    if header_row is None:
        raise WorkbookError(f"{cell_ref(ws, 'A3')}：找不到表头“{first}”（不要改动表头文字）")
    by_header = {h: (field, k) for _, h, field, k, _ in columns}
    cols = {c: by_header[h] for c in range(1, ws.max_column + 1) if (h := as_text(ws.cell(header_row, c).value)) in by_header}
    found = {v[0] for v in cols.values()}
    lost = [h for h, (f, _) in by_header.items() if f not in found and f not in S.OPTIONAL_FIELDS]
    if lost:
        raise WorkbookError(f"工作表“{ws.title}”缺少栏目：{'、'.join(lost)}（不要改动表头文字）")
    out: list[dict] = []
    for r in range(header_row + 1, ws.max_row + 1):
        cells = {c: ws.cell(r, c) for c in cols}
        if all(as_text(cell.value) is None for cell in cells.values()):
            continue
        k = len(out)
        record: dict = {}
        for c, cell in cells.items():
            field, fkind = cols[c]
            where[base + (k, field)] = cell_ref(ws, cell.coordinate)
            value = _convert(cell.value, fkind)
            if value is not None:
                record[field] = value
        where[base + (k,)] = cell_ref(ws, f"第{r}行")
        if kind and year and record.get("code") and "name" not in record:
            entry = codes.lookup(str(record["code"]), year, kind)
            record["name"] = entry.name if entry else ""
        out.append(record)
    where[base] = f"工作表“{ws.title}”"
    return out


def read_budget_workbook(wb) -> tuple[dict, dict[tuple, str]]:
    """The workbook's content as a BudgetInput-shaped dict, and where each field came from."""
    data: dict = {}
    where: dict[tuple, str] = {}
    put = putter(data, where)

    def kv(sheet: str, rows) -> None:
        if sheet not in wb.sheetnames:
            return
        ws = wb[sheet]
        by_label = {label: (path, kind) for label, path, kind, _ in rows}
        for r in range(1, ws.max_row + 1):
            label = as_text(ws.cell(r, 1).value)
            if label in by_label:  # the first row of a label only (the lists below repeat 单位名称)
                path, kind = by_label.pop(label)
                put(path, _convert(ws.cell(r, 2).value, kind), cell_ref(ws, f"B{r}"))

    kv(S.UNIT_SHEET, S.UNIT_ROWS)
    _lists(wb[S.UNIT_SHEET], data, where)
    year = data.get("unit", {}).get("year")
    year = year if isinstance(year, int) else None
    data["lines"] = _rows(wb[S.LINE_SHEET], S.LINE_COLUMNS, ("lines",), where, year, "functional")
    if S.ECON_SHEET in wb.sheetnames:
        data["economic"] = _rows(wb[S.ECON_SHEET], S.ECON_COLUMNS, ("economic",), where, year, "economic")
        basic = next(k for k, c in enumerate(S.ECON_COLUMNS, 1) if c[2] == "basic")
        where[("economic",)] = f"工作表“{S.ECON_SHEET}”{get_column_letter(basic)}列（一般公共预算基本支出合计）"
    if S.TP_SHEET in wb.sheetnames:
        ws = wb[S.TP_SHEET]
        items = dict(S.TP_ITEMS)
        for r in range(1, ws.max_row + 1):
            label = as_text(ws.cell(r, 1).value)
            if label in items:
                for j, (_, part, kind) in enumerate(S.TP_COLUMNS):
                    c = ws.cell(r, 2 + j)
                    put(("three_public", items[label], part), _convert(c.value, kind), cell_ref(ws, c.coordinate))
            elif label == S.TP_COUNT[0]:
                put(S.TP_COUNT[1], as_int(ws.cell(r, 2).value), cell_ref(ws, f"B{r}"))
    if S.PROC_SHEET in wb.sheetnames:
        data.setdefault("procurement", {})["items"] = _rows(wb[S.PROC_SHEET], S.PROC_COLUMNS, ("procurement", "items"),
                                                            where)
    kv(S.OTHER_SHEET, S.OTHER_ROWS)
    kv(S.PRIOR_SHEET, S.PRIOR_ROWS)
    perf = data.setdefault("performance", {})
    if S.DEPT_PERF_SHEET in wb.sheetnames:
        perf["indicators"] = _rows(wb[S.DEPT_PERF_SHEET], S.DEPT_COLUMNS, ("performance", "indicators"), where)
    if S.PROJ_PERF_SHEET in wb.sheetnames:
        perf["projects"] = _projects(wb[S.PROJ_PERF_SHEET], where)
    return data, where


def _lists(ws, data: dict, where: dict) -> None:
    """纳入编制范围的预算单位 and 部门机构设置情况, below the key/value rows of 单位信息."""
    labels = {as_text(ws.cell(r, 1).value): r for r in range(1, ws.max_row + 1)}
    members: list[str] = []
    start, org_start = labels.get(S.MEMBERS_LABEL), labels.get(S.ORG_LABEL)
    if start:
        for r in range(start + 1, (org_start or ws.max_row + 1)):
            if t := as_text(ws.cell(r, 1).value):
                members.append(t)
    data.setdefault("unit", {})["members"] = members
    org: list[dict] = []
    if org_start:
        for r in range(org_start + 2, ws.max_row + 1):
            row = {field: as_text(ws.cell(r, 1 + j).value) for j, (_, field) in enumerate(S.ORG_COLUMNS)}
            if not any(row.values()):
                continue
            k = len(org)
            for j, (_, field) in enumerate(S.ORG_COLUMNS):
                where[("organisation", k, field)] = cell_ref(ws, f"{get_column_letter(1 + j)}{r}")
            where[("organisation", k)] = cell_ref(ws, f"第{r}行")
            org.append({f: v for f, v in row.items() if v is not None})
    data["organisation"] = org


def _projects(ws, where: dict) -> list[dict]:
    """项目绩效目标: one row per indicator; a row with any project column starts a new project."""
    temp: dict[tuple, str] = {}
    rows = _rows(ws, S.PROJECT_COLUMNS + S.INDICATOR_COLUMNS, ("rows",), temp)
    own = [f for _, _, f, _, _ in S.PROJECT_COLUMNS]
    projects: list[dict] = []
    for k, row in enumerate(rows):
        if any(f in row for f in own) or not projects:
            p = len(projects)
            projects.append({f: row[f] for f in own if f in row} | {"indicators": []})
            where[("performance", "projects", p)] = temp.get(("rows", k), "")
            where[("performance", "projects", p, "indicators")] = temp.get(("rows", k), "")
            for f in own:
                where[("performance", "projects", p, f)] = temp[("rows", k, f)]
        p, proj = len(projects) - 1, projects[-1]
        j = len(proj["indicators"])
        indicator = {f: v for f, v in row.items() if f not in own}
        where[("performance", "projects", p, "indicators", j)] = temp[("rows", k)]
        for _, _, f, _, _ in S.INDICATOR_COLUMNS:
            where[("performance", "projects", p, "indicators", j, f)] = temp[("rows", k, f)]
        if indicator:
            proj["indicators"].append(indicator)
    return projects
