"""Rows of the generic performance tables, their header roles, and aligning a row to those roles.

Performance tables reach us as generic tables: rows of cells keyed c1…cN in printed order. The header row
names the columns (一级指标 … 权重, 得分), but data rows drift: a wrapped label adds a cell, an empty cell
vanishes, a side label ('绩效指标(90分)') takes the first column. So a data row is aligned to its header's
roles by a small dynamic programme: each cell either fills one role or is left out, in order; the cost
says how well the cell's look fits the role (a 权重 must be a number, a 指标性质 an operator…) and how far
the cell sits from the role's header column. The whole row may be shifted by up to two columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from gongkai.model.location import Span
from gongkai.model.table import Table
from gongkai.performance.values import CJK, clean, is_operator, is_scale, read_number, read_percent, squeeze


@dataclass(slots=True)
class GCell:
    col: int  # 1-based printed position
    key: str  # the Table column key (c1…)
    text: str  # printed text, cleaned of markup

    @property
    def sq(self) -> str:
        return squeeze(self.text)


@dataclass(slots=True)
class GRow:
    table_index: int
    row_index: int | None  # None for a row recovered from the reader (dropped by the recogniser)
    span: Span | None
    cells: list[GCell] = field(default_factory=list)  # non-empty cells only

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    def joined(self, sep: str = " ") -> str:
        return sep.join(c.text for c in self.cells)

    def first(self, n: int = 1) -> str:
        return "".join(c.sq for c in self.cells[:n])


def table_rows(table: Table, table_index: int) -> list[GRow]:
    rows = []
    for k, r in enumerate(table.rows):
        cells = []
        for key, cell in r.cells.items():
            text = clean(cell.text)
            if not text or not re.search(r"[^\s·•.,，、:：;；'\"`~_()（）\[\]{}|\\]", text):
                continue
            col = int(key[1:]) if key.startswith("c") and key[1:].isdigit() else len(cells) + 1
            cells.append(GCell(col=col, key=key, text=text))
        rows.append(GRow(table_index=table_index, row_index=k, span=r.span, cells=cells))
    return rows


# -- what a cell looks like --------------------------------------------------------------------------
@lru_cache(maxsize=8192)
def cell_class(text: str) -> str:
    t = squeeze(text)
    if not t:
        return "junk"
    if t in ("文字描述", "文字"):
        return "op"  # 符号 column of target tables: the value is a wording
    if is_operator(t):
        return "op"
    if is_scale(t):
        return "scale"
    if t in ("/", "—", "-", "--", "——", "－", "---", "/%"):
        return "dash"
    if t in UNITS:
        return "text"
    if len(t) > 80:
        return "long"
    if not CJK.search(t) and re.search(r"\d\s+\d", re.sub(r"\s*([,.%])\s*", r"\1", clean(text))):
        return "multi"  # several numbers in one cell ('98 14', '4 4 4 4 3 4')
    if t.endswith("%") and read_percent(t) is not None:
        return "pct"
    if read_number(text) is not None or t in ("I", "l", "O"):
        return "num"
    if re.match(r"^[<>=≥≤≽€]{1,2}\s*[-\d]", t) or re.match(r"^[-\d.,]+[%\u4e00-\u9fff]", t):
        return "val"  # ≥90%, 116元, 2次: a value with its unit or operator
    if not CJK.search(t) and len(t) <= 4:
        return "junk"  # OCR debris: 'ı', 'l .', '1 /'
    return "text"


UNITS = {"%", "元", "万元", "亿元", "人", "万人", "人次", "次", "个", "家", "天", "日", "月", "年", "套", "台", "块", "本",
         "条", "万条", "份", "件", "户", "小时", "分钟", "平方米", "级", "辆", "项", "所", "批", "场", "篇", "期", "张"}

# role groups
NAME_ROLES = {"l1", "l2", "l3", "label"}
NUM_ROLES = {"weight", "score", "initial", "adjusted", "executed", "fiscal"}
VALUE_ROLES = {"target", "adjusted_target", "actual"}
TEXT_ROLES = {"reason", "desc", "basis"}

_COSTS: dict[str, dict[str, float]] = {
    #            op   scale pct  num  dash junk long  val  text multi
    "name":   dict(op=5, scale=5, pct=5, num=2, dash=3, junk=1.5, long=3, val=4, text=0, multi=3),
    "nature": dict(op=0, scale=5, pct=5, num=5, dash=3, junk=3, long=5, val=5, text=5, multi=5),
    "value":  dict(op=5, scale=0, pct=0, num=0, dash=1, junk=1.5, long=2, val=0, text=0.3, multi=0.5),
    "unit":   dict(op=5, scale=5, pct=5, num=5, dash=2, junk=1, long=5, val=5, text=1.0, multi=5),
    "num":    dict(op=5, scale=5, pct=3, num=0, dash=0.3, junk=2, long=5, val=4, text=5, multi=3),
    "rate":   dict(op=5, scale=5, pct=0, num=0.2, dash=0.3, junk=2, long=5, val=4, text=5, multi=3),
    "text":   dict(op=5, scale=5, pct=1.5, num=1.5, dash=1, junk=0.8, long=0.2, val=2, text=0.1, multi=2),
}
SKIP_CELL = dict(op=2.5, scale=2.0, pct=2.0, num=2.0, dash=0.5, junk=0.3, long=0.6, val=2.0, text=1.2, multi=1.0)
POSITION = 0.35
SHIFT = 0.25
# leaving a role without a cell: free for names and notes, dearer for the figures a row exists to print
SKIP_ROLE = {"weight": 0.6, "score": 0.6, "target": 0.3, "actual": 0.3, "executed": 0.3, "adjusted": 0.3, "rate": 0.3}
BAD = 4.0


def _group(role: str) -> str:
    if role in NAME_ROLES:
        return "name"
    if role == "nature":
        return "nature"
    if role in VALUE_ROLES:
        return "value"
    if role == "unit":
        return "unit"
    if role == "rate":
        return "rate"
    if role in NUM_ROLES:
        return "num"
    return "text"


def match_cost(cell: GCell, cls: str, role: str) -> float:
    group = _group(role)
    cost = _COSTS[group][cls]
    if group == "unit" and cls == "text":
        t = cell.sq
        cost = 0.1 if t in UNITS or (len(t) <= 6 and "/" in t) else 1.0 if len(t) <= 4 and not re.search(r"\d", t) else 4.0
    if group == "value" and cell.sq in ("文字描述", "文字"):
        cost = 0.3  # the 符号 cell of a target stated in words, printed in the value column
    if group == "name" and cls == "long":
        cost = 1.0 if len(cell.sq) <= 150 else 3.0
    return cost


@dataclass
class Alignment:
    cost: float
    cells: dict[str, GCell]
    skipped: list[GCell]
    shift: int = 0


def align(cells: list[GCell], roles: list[tuple[str, float]], shifts: tuple[int, ...] = (-2, -1, 0, 1, 2),
          left_edge: float | None = None) -> Alignment:
    """Best in-order assignment of cells to roles (each role at most one cell; cells may be left out).

    `roles` are (role, header position). Cells left of `left_edge` (a side label column) cost little to drop.
    """
    best: Alignment | None = None
    classes = [cell_class(c.text) for c in cells]
    for shift in shifts:
        a = _align_once(cells, classes, roles, shift, left_edge)
        a.cost += SHIFT * abs(shift)
        if best is None or a.cost < best.cost - 1e-9:
            best = a
    assert best is not None
    return best


def _align_once(cells, classes, roles, shift, left_edge) -> Alignment:
    n, m = len(cells), len(roles)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            c = cost[i][j]
            if c == inf:
                continue
            if i < n and j < m:
                role, pos = roles[j]
                mc = match_cost(cells[i], classes[i], role)
                if mc < BAD + 1:
                    dist = min(abs(cells[i].col + shift - pos), 8)
                    total = c + mc + POSITION * dist
                    if total < cost[i + 1][j + 1]:
                        cost[i + 1][j + 1] = total
                        back[i + 1][j + 1] = ("take", i, j)
            if j < m:  # role left empty
                skip_role = c + SKIP_ROLE.get(roles[j][0], 0.0)
                if skip_role < cost[i][j + 1]:
                    cost[i][j + 1] = skip_role
                    back[i][j + 1] = ("role", i, j)
            if i < n:  # cell left out
                skip = SKIP_CELL[classes[i]]
                if left_edge is not None and cells[i].col + shift < left_edge - 0.5:
                    skip = min(skip, 0.1)
                if c + skip < cost[i + 1][j]:
                    cost[i + 1][j] = c + skip
                    back[i + 1][j] = ("cell", i, j)
    taken: dict[str, GCell] = {}
    skipped: list[GCell] = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        if step is None:  # pragma: no cover
            break
        op, pi, pj = step
        if op == "take":
            taken[roles[pj][0]] = cells[pi]
        elif op == "cell":
            skipped.append(cells[pi])
        i, j = pi, pj
    skipped.reverse()
    return Alignment(cost=cost[n][m], cells=taken, skipped=skipped, shift=shift)


# -- headers ------------------------------------------------------------------------------------------
# (keyword, role), most specific first; matched against the squeezed header cell
INDICATOR_HEADERS: list[tuple[str, str]] = [
    ("一级指标", "l1"), ("二级指标", "l2"), ("三级指标", "l3"), ("目标指标", "l3"),
    ("评(扣)分标准", "weight"), ("评（扣）分标准", "weight"),
    ("指标性质", "nature"), ("性质", "nature"), ("符号", "nature"),
    ("调整后指标值", "adjusted_target"),
    ("指标值确定依据", "basis"), ("确定依据", "basis"),
    ("实际完成指标值", "actual"), ("实际完成值", "actual"), ("完成值", "actual"), ("业绩值", "actual"), ("实际值", "actual"),
    ("年度指标值", "target"), ("预期指标值", "target"), ("指标值", "target"), ("目标值", "target"),
    ("度量单位", "unit"), ("计量单位", "unit"),
    ("完成率", "rate"),
    ("指标得分", "score"), ("得分", "score"),
    ("权重", "weight"), ("分值", "weight"),
    ("未完成原因", "reason"), ("偏差原因", "reason"), ("原因分析", "reason"),
    ("绩效指标描述", "desc"), ("指标描述", "desc"),
]
SUB_HEADERS = {"符号": "nature", "值": "target", "单位": "unit", "指标性质": "nature", "度量单位": "unit"}

BUDGET_HEADERS: list[tuple[str, str]] = [
    ("年度预算数", "label"), ("项目资金", "label"), ("预算执行情况", "label"),
    ("年初预算", "initial"), ("调整后预算", "adjusted"), ("全年预算", "adjusted"),
    ("预算执行率", "rate"), ("执行率", "rate"),
    ("预算执行数", "executed"), ("全年执行数", "executed"), ("执行数", "executed"), ("预算执行", "executed"),
    ("其中:财政拨款", "fiscal"), ("其中：财政拨款", "fiscal"),
    ("预算数", "adjusted"),
    ("权重", "weight"), ("分值", "weight"), ("得分", "score"), ("原因", "reason"),
]
BUDGET_ORDER = ["label", "initial", "adjusted", "fiscal", "executed", "rate", "weight", "score", "reason"]
INDICATOR_ORDER = ["l1", "l2", "l3", "desc", "nature", "target", "adjusted_target", "unit", "actual", "weight", "rate",
                   "score", "reason", "basis"]


def _role_of(text: str, table: list[tuple[str, str]]) -> str | None:
    t = squeeze(text)
    if len(t) > 24:
        return None
    for key, role in table:
        if key in t:
            return role
    return None


def indicator_header(row: GRow) -> dict[str, float] | None:
    """Roles and their column positions, if the row is the header of an indicator block."""
    roles: dict[str, float] = {}
    for c in row.cells:
        role = _role_of(c.text, INDICATOR_HEADERS)
        if role and role not in roles:
            roles[role] = c.col
    names = {"l1", "l2", "l3"} & set(roles)
    values = {"target", "actual", "weight", "score", "nature"} & set(roles)
    if len(names) >= 2 and len(values) >= 1 and len(roles) >= 4:
        return roles
    return None


def sub_header(row: GRow) -> list[tuple[str, int]] | None:
    """A second header row splitting 指标值 into 符号 | 值 | 单位."""
    out = []
    for c in row.cells:
        role = SUB_HEADERS.get(c.sq)
        if role is None:
            return None
        out.append((role, c.col))
    return out if len(out) >= 2 else None


def budget_header(row: GRow) -> dict[str, float] | None:
    roles: dict[str, float] = {}
    for k, c in enumerate(row.cells):
        role = "label" if k == 0 else _role_of(c.text, BUDGET_HEADERS)
        if k == 0 and _role_of(c.text, BUDGET_HEADERS) in ("initial", "executed", "rate"):
            role = _role_of(c.text, BUDGET_HEADERS)  # no label column printed
        if role and role not in roles:
            roles[role] = c.col
    amounts = {"initial", "adjusted", "executed", "rate"} & set(roles)
    if len(amounts) >= 2 or ({"executed", "rate"} & set(roles) and {"weight", "score"} & set(roles)):
        return roles
    return None


def ordered_roles(found: dict[str, float], order: list[str]) -> list[tuple[str, float]]:
    """The roles of a canonical order, positioned where the header printed them; missing ones interpolated."""
    known = [(order.index(r), p) for r, p in found.items() if r in order]
    known.sort()
    out: list[tuple[str, float]] = []
    for idx, role in enumerate(order):
        if role in found:
            out.append((role, float(found[role])))
            continue
        before = [(i, p) for i, p in known if i < idx]
        after = [(i, p) for i, p in known if i > idx]
        if before and after:
            (i0, p0), (i1, p1) = before[-1], after[0]
            pos = p0 + (p1 - p0) * (idx - i0) / (i1 - i0)
        elif before:
            pos = before[-1][1] + (idx - before[-1][0])
        elif after:
            pos = after[0][1] - (after[0][0] - idx)
        else:
            pos = float(idx + 1)
        out.append((role, pos))
    # keep positions increasing
    out.sort(key=lambda rp: (rp[1], order.index(rp[0])))
    return out
