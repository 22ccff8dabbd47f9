"""The corpus survey: per document what gongkai recognised and found, and the totals over a batch.

A view over (Outcome, Report) pairs, rendered as text, JSON or Markdown (docs/corpus-survey.md). It is
deterministic — no timings, no absolute paths — so a committed survey shows what a change did to coverage.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

from gongkai.model.document import Document
from gongkai.model.table import Table

TOTAL_LABELS = {"合计", "总计", "收入总计", "支出总计", "本年收入合计", "本年支出合计", "收入合计", "支出合计"}


@dataclass
class TableEntry:
    template: str | None
    title: str
    pages: str

    @property
    def label(self) -> str:
        return f"{self.template or '通用'}（{self.pages}）" if self.template else f"“{self.title}”（{self.pages}）"


@dataclass
class DocumentSurvey:
    files: list[str]
    error: str | None = None
    disclosure: bool | None = None
    disclosure_reason: str | None = None
    kind: str | None = None
    year: int | None = None
    unit: str | None = None
    level: str | None = None
    region: str | None = None
    profile: str | None = None
    pages: int | None = None
    paired: bool = False
    standard: list[TableEntry] = field(default_factory=list)
    generic_standard: list[TableEntry] = field(default_factory=list)  # generic grids that look standard
    generic_other: int = 0
    missing: list[str] = field(default_factory=list)  # the profile's tables not found
    balance: str = "无收支总表"
    findings: dict[str, int] = field(default_factory=dict)  # by severity
    rules: dict[str, int] = field(default_factory=dict)  # error findings by rule

    def to_json(self) -> dict:
        d = asdict(self)
        return d


def _pages(t: Table) -> str:
    pages = [r.span.page for r in t.rows if r.span and r.span.page]
    if t.span and t.span.page:
        pages.append(t.span.page)
    if not pages:
        lines = [r.span.line for r in t.rows if r.span and r.span.line] or ([t.span.line] if t.span and t.span.line else [])
        return f"第{min(lines)}行" if lines else "位置不详"
    a, z = min(pages), max(pages)
    return f"第{a}页" if a == z else f"第{a}–{z}页"


def looks_standard(t: Table) -> bool:
    """A generic grid that may be a standard table gongkai failed to recognise: a 合计/总计 row with
    amounts, or a title naming budget or final-account figures."""
    for r in t.rows:
        label = re.sub(r"\s+", "", r.label or "")
        texts = [re.sub(r"\s+", "", c.text) for c in r.cells.values()]
        if (label in TOTAL_LABELS or any(x in TOTAL_LABELS for x in texts[:3])) and any(
                c.value is not None for c in r.cells.values()):
            return True
    title = re.sub(r"\s+", "", t.title or "")
    return bool(re.search(r"(预算|决算|收支|收入|支出|三公|经费|拨款)[^，。；]{0,12}表$", title))


def _first_value(t: Table, key: str) -> Decimal | None:
    row = next((r for r in t.rows if r.key == key), None)
    if row is None:
        return None
    for c in t.columns:
        cell = row.cells.get(c.key)
        if cell is not None and cell.value is not None:
            return cell.value
    return None


def summary_balance(doc: Document) -> str:
    """Whether the 收支总表 balances: 收入总计 = 支出总计 as printed."""
    table = next((t for t in doc.tables if (t.template_id or "").endswith(".summary")), None)
    if table is None:
        return "无收支总表"
    income, spending = _first_value(table, "inc_grand"), _first_value(table, "exp_grand")
    if income is None or spending is None:
        return "总计未读出"
    if income == spending:
        return "平衡"
    digits = max(-income.as_tuple().exponent, -spending.as_tuple().exponent, 0)
    gap = abs(income - spending)
    return f"尾差 {gap}" if gap <= Decimal(1).scaleb(-digits) else f"不平 {income} ≠ {spending}"


def _missing(doc: Document) -> list[str]:
    from gongkai.catalog.templates import profiles, templates

    profile = profiles().get(doc.profile or "")
    if profile is None:
        return []
    found = {t.template_id for t in doc.tables}
    catalogue = templates()
    return [catalogue[e.template].title if e.template in catalogue else e.template
            for e in profile.tables if e.required and e.template not in found]


def survey_document(files: list[Path], doc: Document | None, report=None, error: str | None = None,
                    paired: bool = False, root: Path | None = None) -> DocumentSurvey:
    names = [_relative(f, root) for f in files]
    if doc is None:
        return DocumentSurvey(files=names, error=error)
    s = DocumentSurvey(
        files=names, disclosure=getattr(doc, "is_disclosure", None),
        disclosure_reason=getattr(doc, "disclosure_reason", None),
        kind=doc.kind.value if doc.kind else None, year=doc.year, unit=doc.unit_name, level=doc.level,
        region=doc.region, profile=doc.profile, pages=doc.source.pages, paired=paired,
    )
    for t in doc.tables:
        entry = TableEntry(template=t.template_id, title=t.printed_title or t.title, pages=_pages(t))
        if t.template_id:
            s.standard.append(entry)
        elif looks_standard(t):
            s.generic_standard.append(entry)
        else:
            s.generic_other += 1
    s.missing = _missing(doc)
    s.balance = summary_balance(doc)
    if report is not None:
        sev = Counter(f.severity.value for f in report.findings)
        s.findings = {k: sev.get(k, 0) for k in ("error", "warning", "info")}
        s.rules = dict(sorted(Counter(f.code for f in report.findings if f.severity.value == "error").items()))
    return s


def _relative(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return str(Path(path).resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)


@dataclass
class Totals:
    documents: int = 0
    failed: int = 0
    disclosures: int = 0
    not_disclosures: int = 0
    standard: int = 0
    generic_standard: int = 0
    balanced: int = 0
    unbalanced: int = 0
    no_summary: int = 0
    findings: dict[str, int] = field(default_factory=dict)
    templates: dict[str, int] = field(default_factory=dict)

    @property
    def coverage(self) -> float | None:
        total = self.standard + self.generic_standard
        return self.standard / total if total else None


def totals(surveys: list[DocumentSurvey]) -> Totals:
    t = Totals(documents=len(surveys))
    sev: Counter = Counter()
    tpl: Counter = Counter()
    for s in surveys:
        if s.error:
            t.failed += 1
            continue
        if s.disclosure is False:
            t.not_disclosures += 1
        else:
            t.disclosures += 1
        t.standard += len(s.standard)
        t.generic_standard += len(s.generic_standard)
        tpl.update(e.template for e in s.standard)
        if s.balance == "平衡" or s.balance.startswith("尾差"):
            t.balanced += 1
        elif s.balance.startswith("不平") or s.balance == "总计未读出":
            t.unbalanced += 1
        else:
            t.no_summary += 1
        sev.update(s.findings)
    t.findings = {k: sev.get(k, 0) for k in ("error", "warning", "info")}
    t.templates = dict(sorted(tpl.items()))
    return t
