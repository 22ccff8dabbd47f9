"""Choosing the template profile (national, 湖南, 山西, 四川 …) that fits a recognised document.

A profile is only a candidate when the document could follow it:
- its kind is the document's kind;
- a region-specific profile (`regions:` in catalog/profiles/*.yaml) only for a document of that region (a
  document whose region is unknown only when it prints exactly the profile's tables);
- the document's standard tables fit the profile: all of the profile's tables are there, or no standard
  table outside the profile is and most of the profile's are (a document printing tables of another set
  follows another set, even when it shares most of the national nine).
A document without any standard table (a narrative-only file) gets its region's profile, if any. Among the
candidates the best cover of the document's tables wins, printed numbers and printed order breaking ties.
When none fits, the document gets none: a wrong profile makes the completeness rule claim missing tables."""

from __future__ import annotations

import re

from gongkai.catalog.templates import Profile, profiles
from gongkai.model.document import Document

MOST = 0.6  # share of a profile's tables that must be recognised when some are missing


def choose_profile(doc: Document) -> str | None:
    if doc.is_disclosure is False:
        return None
    found = {t.template_id for t in doc.tables if t.template_id}
    standard = {t for t in found if not t.startswith("perf.")}
    numbers = {(t.template_id, t.printed_number) for t in doc.tables if t.printed_number}
    order = [t.template_id for t in sorted(doc.tables, key=_position) if t.template_id]
    best, best_score = None, 0.0
    for p in profiles().values():
        if doc.kind is not None and p.kind != doc.kind.value:
            continue
        ids = {pt.template for pt in p.tables}
        in_region = region_matches(doc.region, p)
        if p.regions and in_region is False:
            continue
        if not standard:
            if not in_region:
                continue  # nothing printed to compare: only the document's own region says which set
        elif not _fits(standard, ids, p, in_region):
            continue
        score = len(found & ids) - 0.5 * len(standard - ids)
        # of two profiles covering the same tables, the one that asks for fewer tables the document lacks; a
        # profile the document follows completely beats one of its region that it follows only in part
        missing = len({pt.template for pt in p.tables if pt.required} - found)
        score -= 0.1 * missing
        if standard and not missing:
            score += 3
        score += 0.3 * sum((pt.template, pt.number) in numbers for pt in p.tables)
        if in_region:
            score += 2
        # profiles with the same tables in another order (江苏 2017 and 2018–): the printed order decides
        score += 0.01 * _common_order(order, [pt.template for pt in p.tables])
        if score > best_score:
            best, best_score = p.id, score
    return best


def region_matches(region: str | None, profile: Profile) -> bool | None:
    """True when the document's region ('江苏·无锡') is one of the profile's ('江苏', '无锡'), False when it is
    another, None when the document's region is unknown or the profile has none."""
    if not profile.regions or not region:
        return None
    parts = region.split("·")
    return any(_short(r) in parts for r in profile.regions)


def _short(region: str) -> str:
    return re.sub(r"(?:壮族自治区|回族自治区|维吾尔自治区|自治区|省|市)$", "", region.strip())


def _fits(standard: set[str], ids: set[str], profile: Profile, in_region: bool | None) -> bool:
    required = {pt.template for pt in profile.tables if pt.required} or ids
    complete = required <= standard
    if profile.regions and in_region is None:
        return complete and standard <= ids  # region unknown: only an exact match of a regional set
    if complete:
        return True
    return not (standard - ids) and len(standard & required) >= MOST * len(required)


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
