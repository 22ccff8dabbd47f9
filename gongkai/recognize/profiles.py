"""Choosing the template profile (national, 湖南, 山西, 四川 …) that fits a recognised document."""

from __future__ import annotations

from gongkai.catalog.templates import profiles
from gongkai.model.document import Document


def choose_profile(doc: Document) -> str | None:
    """The profile whose table set best covers the document's tables; region breaks ties."""
    found = {t.template_id for t in doc.tables if t.template_id}
    numbers = {(t.template_id, t.printed_number) for t in doc.tables if t.printed_number}
    best, best_score = None, 0.0
    for p in profiles().values():
        if doc.kind is not None and p.kind != doc.kind.value:
            continue
        ids = {pt.template for pt in p.tables}
        score = len(found & ids) - 0.5 * len(found - ids - {None})
        score += 0.3 * sum((pt.template, pt.number) in numbers for pt in p.tables)
        if doc.region and any(r in doc.region for r in p.regions):
            score += 2
        if score > best_score:
            best, best_score = p.id, score
    return best
