"""Precision as a tested property: every error finding on the seeds and the corpus is in the ledger of
hand-verified findings, and every ledger entry is still reported. Skipped when ../shared is absent."""

from __future__ import annotations

import pytest

from corpus import ledger

pytestmark = pytest.mark.skipif(not (ledger.SHARED / "corpus").is_dir() or not (ledger.SHARED / "seeds").is_dir(),
                                reason="../shared not available")


@pytest.fixture(scope="module")
def current():
    return ledger.current_errors()


def test_every_ledger_entry_says_how_it_was_verified():
    entries = ledger.load()
    for e in entries:
        assert set(ledger.KEY) <= set(e), e
        assert len(str(e.get("verified") or "")) >= 20, f"no verification note: {e}"


def test_no_error_finding_outside_the_ledger(current):
    unlisted, _ = ledger.compare(current, ledger.load())
    shown = "\n".join(f"{e['file']} {e['rule']} {e['table']} {e['at']} {e['column']}: {e['says']}" for e in unlisted)
    assert not unlisted, f"{len(unlisted)} error findings not verified in the ledger:\n{shown}"


def test_no_ledger_entry_disappeared(current):
    _, stale = ledger.compare(current, ledger.load())
    shown = "\n".join(f"{e['file']} {e['rule']} {e['table']} {e['at']}" for e in stale)
    assert not stale, f"{len(stale)} verified findings are no longer reported:\n{shown}"
