"""Labels, titles and headers read with low OCR confidence are matched loosely; confident text is not.

The bundled example is read, then a few characters are 'misread' the way OCR misreads them (卫生 → 卫牛,
人员 → 八员, 财政 → 财攻) in table labels, titles and column headers, with a given confidence.
"""

from __future__ import annotations

import pytest

from gongkai.audit import audit
from gongkai.audit.finding import Severity
from gongkai.ingest import read
from gongkai.ingest.base import Grid
from gongkai.recognize.document import recognize
from conftest import EXAMPLE

MISREADS = [("卫牛", "卫生"), ("八员经费", "人员经费"), ("财攻拨款", "财政拨款")]


def misread(confidence: float | None):
    raw = read(str(EXAMPLE))
    changed = 0
    for bad, good in MISREADS:
        for page in raw.pages:
            for block in page.blocks:
                cells = [c for row in block.rows for c in row] if isinstance(block, Grid) else [block]
                for c in cells:
                    if good in c.text and len(c.text) < 24 and "。" not in c.text:
                        c.text = c.text.replace(good, bad)
                        c.confidence = confidence
                        changed += 1
    assert changed > 20
    return recognize(raw)


def test_low_confidence_misreads_are_read_as_the_closest_names():
    clean = recognize(read(str(EXAMPLE)))
    doc = misread(0.62)
    assert [t.template_id for t in doc.tables] == [t.template_id for t in clean.tables]
    summary = doc.table("final.summary")
    row = next(r for r in summary.rows if "卫牛" in r.label)
    assert row.key == "class_210" and row.code == "210" and row.label_confidence == pytest.approx(0.62)
    assert any("按最接近的项目读取" in x for x in summary.readings)
    # every amount lands in the same row and column as in the clean reading
    for t_clean, t in zip(clean.tables, doc.tables):
        assert [(r.key, r.code, {k: c.number for k, c in r.cells.items()}) for r in t.rows] == \
               [(r.key, r.code, {k: c.number for k, c in r.cells.items()}) for r in t_clean.rows], t.template_id


def test_low_confidence_name_mismatch_is_only_a_warning():
    report = audit(misread(0.62))
    assert not [f for f in report.findings if f.severity is Severity.ERROR]
    c102 = [f for f in report.findings if f.code == "C102"]
    assert c102 and all(f.severity is Severity.WARNING and "可能为识别误差" in f.message for f in c102)


def test_confident_misprints_are_not_guessed_away():
    doc = misread(0.95)
    summary = doc.table("final.summary")
    assert summary is not None
    row = next(r for r in summary.rows if "卫牛" in r.label)
    assert row.key is None
    assert doc.table("final.fiscal_summary") is None  # its title is misprinted, not misread
    report = audit(doc)
    assert any(f.code == "C102" and f.severity is Severity.ERROR for f in report.findings)
