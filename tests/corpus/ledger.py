"""The verified-findings ledger: every error finding gongkai reports on ../shared/seeds and
../shared/corpus, each checked by hand, kept in verified_findings.yaml.

    python tests/corpus/ledger.py            # print the error findings not in the ledger, as YAML to fill in
    python tests/corpus/ledger.py --stale    # print ledger entries gongkai no longer reports

A finding is identified by (file, rule, table, at, column), not by page position, so that a change of
layout reading does not shift the key."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1].parent / "shared"
LEDGER = HERE / "verified_findings.yaml"
KEY = ("file", "rule", "table", "at", "column")


def sources() -> list[Path]:
    """What the ledger covers: each seed file, and the corpus folders (read as `gongkai check` reads them)."""
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    corpus = [SHARED / "corpus"] if (SHARED / "corpus").is_dir() else []
    return [*seeds, *corpus]


def _relative(paths: list[Path]) -> str:
    return " + ".join(str(Path(p).resolve().relative_to(SHARED.resolve())) for p in paths)


def finding_entry(files: str, finding) -> dict:
    loc = finding.location
    at = loc.row_code or re.sub(r"\s+", "", loc.row_label or "") or (loc.section or "")
    return {"file": files, "rule": finding.code, "table": loc.template_id or loc.table or "",
            "at": at, "column": loc.column or "", "says": finding.message}


def current_errors(paths: list[Path] | None = None) -> list[dict]:
    from gongkai.audit import audit
    from gongkai.batch import documents, expand

    out = []
    for outcome in documents(expand(paths or sources())):
        if outcome.document is None:
            continue
        report = audit(outcome.document)
        files = _relative(outcome.paths)
        out += [finding_entry(files, f) for f in report.findings if f.severity.value == "error"]
    return out


def key(entry: dict) -> tuple:
    return tuple(str(entry.get(k) or "") for k in KEY)


def load() -> list[dict]:
    if not LEDGER.exists():
        return []
    return yaml.safe_load(LEDGER.read_text(encoding="utf-8")) or []


def compare(current: list[dict], ledger: list[dict]) -> tuple[list[dict], list[dict]]:
    """(unlisted current errors, ledger entries no longer reported), counting repeated keys."""
    return _beyond(current, Counter(key(e) for e in ledger)), _beyond(ledger, Counter(key(e) for e in current))


def _beyond(entries: list[dict], allowance: Counter) -> list[dict]:
    """The entries left over once each key has used up its allowance."""
    left = Counter(allowance)
    out = []
    for e in entries:
        if left[key(e)] > 0:
            left[key(e)] -= 1
        else:
            out.append(e)
    return out


def main(argv: list[str]) -> int:
    current = current_errors()
    unlisted, stale = compare(current, load())
    shown = stale if "--stale" in argv else unlisted
    for e in shown:
        e.setdefault("verified", "")
    sys.stdout.write(yaml.safe_dump(shown, allow_unicode=True, sort_keys=False, width=200))
    print(f"# {len(current)} error findings; {len(unlisted)} unlisted; {len(stale)} stale", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
