"""Choosing the template profile (national, 湖南, 山西, 四川 …) that fits a recognised document."""

from __future__ import annotations

from gongkai.catalog.templates import profiles
from gongkai.model.document import Document


def choose_profile(doc: Document) -> str | None:
    """The profile whose table set best covers the document's tables; region breaks ties."""
    found = {t.template_id for t in doc.tables if t.template_id}
    numbers = {(t.template_id, t.printed_number) for t in doc.tables if t.printed_number}
    order = [t.template_id for t in sorted(doc.tables, key=_position) if t.template_id]
    best, best_score = None, 0.0
    for p in profiles().values():
        if doc.kind is not None and p.kind != doc.kind.value:
            continue
        ids = {pt.template for pt in p.tables}
        score = len(found & ids) - 0.5 * len(found - ids - {None})
        score += 0.3 * sum((pt.template, pt.number) in numbers for pt in p.tables)
        if doc.region and any(r in doc.region for r in p.regions):
            score += 2
        # profiles with the same tables in another order (江苏 2017 and 2018–): the printed order decides
        score += 0.01 * _common_order(order, [pt.template for pt in p.tables])
        if score > best_score:
            best, best_score = p.id, score
    return best


def _position(table) -> tuple[int, int]:
    span = table.span
    return ((span.page or 0) if span else 0, (span.line or 0) if span else 0)


def _common_order(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence of two lists of template ids."""
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]
