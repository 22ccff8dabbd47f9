"""One cause once: the findings one wrong figure produces are merged into the strongest of them.

A wrong cell makes every check it takes part in fail by the same amount; a row that was left out (or
misprinted in every column) makes one column-wise check fail in every column. Two findings are taken to
have one cause when

(a) they come from the same rule, point at the same row, rest on the same rows, are column-wise checks
    (every cell they use is in the column they point at) and have the same severity: the same row equation
    failing in several columns; or
(b) from any rules, they share a cell and their differences are equal in absolute value: the one cell's
    error seen by several checks (a class total failing T102 and H101, one 合计 in two cross-table checks); or
(c) from one rule, they are the same row-wise identity (the same columns) failing on many rows of
    one table (at least SYSTEMIC_ROWS rows and a third of the rows printing that column: three independent
    printing errors of one identity in one table are far less likely than one misread column): one cause,
    and most likely a misreading of the table's columns rather than as many printing errors, so the group
    is also an uncertain reading (a warning, see gongkai.audit.precision). A group of (a) or (b) that takes
    in such a finding shares its cause, hence its doubt: it is a warning too. Likewise a group of (b) in
    which one check finds the gap a 尾差 (the same gap explained by rounding of the figures beneath the
    shared cell, e.g. a 类 subtotal against its many 款) is a 尾差 as a whole: a 合计 added up from those
    rounded figures carries their rounding too.

The groups are closed transitively. Each group is reported once: the strongest finding (highest severity;
then the one whose own cell is shared by most of the group; then the first), its related locations listing
every cell of the group, its message naming the other checks, and `Finding.also` keeping their messages.
"""

from __future__ import annotations

from collections import defaultdict

from gongkai.audit.finding import Finding, Location, Severity
from gongkai.audit.precision import ROUNDING_SEVERITY
from gongkai.model.table import CellKind

Cell = tuple[int, int, str]
MAX_NAMED = 4
SYSTEMIC_ROWS = 3
SYSTEMIC_SHARE = 1 / 3


def _locations(f: Finding) -> list[Location]:
    return [f.location, *f.related, *(op.location for op in f.operands if op.location is not None)]


def _cells(f: Finding) -> set[Cell]:
    return {(loc.table_index, loc.row_index, loc.column) for loc in _locations(f)
            if loc.table_index is not None and loc.row_index is not None and loc.column}


def _cell(loc: Location) -> Cell | None:
    if loc.table_index is None or loc.row_index is None or not loc.column:
        return None
    return loc.table_index, loc.row_index, loc.column


class _Groups:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, members: list[int]) -> None:
        for other in members[1:]:
            a, b = self.find(members[0]), self.find(other)
            if a != b:
                self.parent[max(a, b)] = min(a, b)


def systemic(ctx, findings: list[Finding]) -> tuple[list[Finding], list[list[int]]]:
    """(c): the findings with each systemic group marked as an uncertain reading, and the groups."""
    by_identity: dict[tuple, list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        own = _cell(f.location)
        cells = _cells(f)
        if own is None or f.rounding or {(c[0], c[1]) for c in cells} != {own[:2]}:
            continue  # not a row-wise identity
        columns = frozenset(c[2] for c in cells)
        if len(columns) > 1:
            by_identity[(f.code, own[0], own[2], columns)].append(i)
    out, groups = list(findings), []
    for (_, table_index, column, _), members in by_identity.items():
        table = ctx.doc.tables[table_index]
        printed = sum(1 for r in table.rows if (c := r.cells.get(column)) is not None and c.kind is CellKind.NUMBER)
        if len(members) < SYSTEMIC_ROWS or len(members) < SYSTEMIC_SHARE * printed:
            continue
        reason = (f"“{table.printed_title or table.title}”{len(members)} 行（该栏共印 {printed} 行）的同一栏间关系都不平，"
                  "更可能是栏目对应识别有误")
        for k in members:
            f = out[k]
            update: dict = {"uncertain": [*f.uncertain, reason]}
            if f.severity is Severity.ERROR:
                update |= {"severity": Severity.WARNING, "message": f"{f.message}（读取不确定：{reason}，可能为识别误差）"}
            out[k] = f.model_copy(update=update)
        groups.append(members)
    return out, groups


def merge(findings: list[Finding], extra: list[list[int]] | None = None, strict: bool = False) -> list[Finding]:
    """The findings with each group of one cause replaced by its strongest member (order kept); `extra` are
    the systemic groups (`systemic`), whose doubt a group taking them in shares."""
    groups = _Groups(len(findings))
    systemic_reasons = {r for members in extra or [] for k in members for r in findings[k].uncertain[-1:]}
    for members in extra or []:
        groups.join(members)
    cells = [_cells(f) for f in findings]
    by_row: dict[tuple, list[int]] = defaultdict(list)
    by_cell: dict[tuple, list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        own = _cell(f.location)
        if own is not None and cells[i] and all(c[2] == own[2] for c in cells[i]):
            rows = frozenset((c[0], c[1]) for c in cells[i])
            by_row[(f.code, f.severity, own[0], own[1], rows)].append(i)
        if f.difference is not None and f.difference != 0:
            for c in cells[i]:
                by_cell[(c, abs(f.difference))].append(i)
    for members in [*by_row.values(), *by_cell.values()]:
        if len(members) > 1:
            groups.join(members)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(findings)):
        clusters[groups.find(i)].append(i)
    keep: dict[int, Finding] = {}
    for members in clusters.values():
        if len(members) == 1:
            keep[members[0]] = findings[members[0]]
            continue
        best = _strongest(findings, cells, members)
        merged = _merged(findings[best], [findings[k] for k in members if k != best])
        doubt = next((r for k in members for r in findings[k].uncertain if r in systemic_reasons), None)
        if doubt and merged.severity is Severity.ERROR:
            merged = merged.model_copy(update={"severity": Severity.WARNING,
                                               "message": f"{merged.message}（读取不确定：{doubt}，可能为识别误差）"})
        tail = next((findings[k] for k in members if findings[k].rounding), None)
        if tail is not None and not strict and merged.severity.rank < ROUNDING_SEVERITY.rank:
            merged = merged.model_copy(update={
                "severity": ROUNDING_SEVERITY, "rounding": True,
                "message": f"{merged.message}（尾差：同一差额在 {tail.code} 中可由所涉各数字的舍入解释，"
                           f"合计若由这些已舍入的数字加总，也带有其舍入）"})
        keep[best] = merged
    return [keep[i] for i in sorted(keep)]


def _strongest(findings: list[Finding], cells: list[set[Cell]], members: list[int]) -> int:
    shared: dict[Cell, int] = defaultdict(int)
    for k in members:
        for c in cells[k]:
            shared[c] += 1

    def rank(k: int):
        own = _cell(findings[k].location)
        return findings[k].severity.rank, -(shared.get(own, 0) if own else 0), k

    return min(members, key=rank)


def _merged(best: Finding, others: list[Finding]) -> Finding:
    seen = {_key(best.location)}
    related = []
    for loc in [*best.related, *(loc for o in others for loc in [o.location, *o.related])]:
        if _key(loc) not in seen:
            seen.add(_key(loc))
            related.append(loc)
    same_rule = all(o.code == best.code for o in others)
    named = "；".join(f"{o.code} {_short(o.location)}" + (f"相差 {o.difference:f}" if o.difference is not None else "")
                     for o in others[:MAX_NAMED])
    more = f"等 {len(others)} 项" if len(others) > MAX_NAMED else ""
    what = "同一行另有" if same_rule and all(_same_row(best, o) for o in others) else "同一原因另使"
    note = f"（{what} {len(others)} 项核对不平，只报此一项：{named}{more}）"
    also = [*best.also, *(f"{o.code}：{o.message}" for o in others)]
    return best.model_copy(update={"related": related, "message": best.message + note, "also": also,
                                   "uncertain": list(dict.fromkeys([*best.uncertain, *(u for o in others
                                                                                       for u in o.uncertain)]))})


def _same_row(a: Finding, b: Finding) -> bool:
    return (a.location.table_index, a.location.row_index) == (b.location.table_index, b.location.row_index)


def _key(loc: Location) -> tuple:
    return (loc.table_index, loc.row_index, loc.column, loc.section, loc.span.model_dump_json() if loc.span else None)


def _short(loc: Location) -> str:
    parts = []
    if loc.row_label or loc.row_code:
        parts.append(f"“{' '.join(x for x in (loc.row_code, (loc.row_label or '').replace(' ', '')) if x)}”行")
    if loc.column_header:
        parts.append(f"“{loc.column_header}”栏")
    if not parts:
        return loc.describe()
    return (f"{loc.printed_number or loc.table or ''}" if loc.table else "") + "".join(parts)
