"""Running the selected rules over a document, then applying the precision policy to what they found.

Every rule's findings go through the same passes: `guard` (gongkai.audit.ocr_guard: low OCR confidence),
`settle` (gongkai.audit.precision: any other uncertain reading makes an error at most a warning; an error quotes
the printed text it contradicts), `systemic` and `merge` (gongkai.audit.causes: the findings of one cause are
reported once)."""

from __future__ import annotations

from gongkai.audit.causes import merge, systemic
from gongkai.audit.context import Context
from gongkai.audit.finding import Report
from gongkai.audit.ocr_guard import guard
from gongkai.audit.precision import settle, strict
from gongkai.audit.registry import all_rules, select
from gongkai.model.document import Document


def audit(doc: Document, select_codes: list[str] | None = None, ignore_codes: list[str] | None = None,
          profile: str | None = None, options: dict | None = None) -> Report:
    ctx = Context(doc=doc, options=options or {}, profile=profile or doc.profile)
    rules = select(all_rules(), select_codes, ignore_codes)
    if doc.is_disclosure is False:
        # not a 预算/决算 disclosure (a notice, a report): no disclosure rule applies, only the one that says so
        rules = [r for r in rules if r.applies_to_non_disclosures]
    disclosure = is_disclosure(doc)
    findings = []
    for rule_cls in rules:
        if rule_cls.needs_disclosure and not disclosure:
            continue
        findings.extend(guard(ctx, f, rule_cls.absence) for f in rule_cls().check(ctx) if f is not None)
    findings, groups = systemic(ctx, settle(ctx, findings))
    findings = merge(findings, groups, strict=strict(ctx))
    findings.sort(key=lambda f: (f.location.table_index if f.location.table_index is not None else 10**6,
                                 f.location.row_index or 0, f.severity.rank, f.code))
    return Report(path=doc.source.path, unit_name=doc.unit_name, year=doc.year,
                  kind=doc.kind.value if doc.kind else None, profile=ctx.profile,
                  rules_run=[r.code for r in rules if disclosure or not r.needs_disclosure],
                  disclosure=disclosure, findings=findings)


def is_disclosure(doc: Document) -> bool:
    """Whether the document reads as a 部门预算/决算 disclosure: as recognition judged it from the content
    (Document.is_disclosure), else its kind was stated, a table was recognised against the catalogue, or a
    绩效 evaluation was read."""
    if doc.is_disclosure is not None:
        return doc.is_disclosure
    return (doc.kind is not None or bool(doc.performance)
            or any(t.template_id and not t.generic for t in doc.tables))
