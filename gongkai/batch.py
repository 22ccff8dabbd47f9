"""Many files at once: folders expanded by content, one bad file never stopping the rest, and the 文件
and 表格 files of one disclosure paired into one document.

`documents(paths)` yields one `Outcome` per disclosure: its files, the parsed Document, or the Chinese
reason it could not be read. Pairing looks only inside one folder and only at what the files show:
one file prints the standard tables and hardly any narrative, the other the narrative and none of the
standard tables, and both name the same year, kind and unit.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.ingest.base import ReadError
from gongkai.model.document import Document

# in a folder, the formats gongkai reads; a text file only when it speaks of a disclosure
_FOLDER_FORMATS = {"pdf", "docx", "xlsx", "xls", "html", "mhtml"}
_DISCLOSURE_WORDS = re.compile("(?:部门|单位)(?:预算|决算)|预算公开|决算公开")
_HEAD_BYTES = 64 * 1024


@dataclass
class Outcome:
    """One disclosure of a batch: the files it was read from and the Document, or why it failed."""

    paths: list[Path]
    document: Document | None = None
    error: str | None = None
    paired: str | None = None  # why several files were read as one disclosure

    @property
    def name(self) -> str:
        return " + ".join(str(p) for p in self.paths)


@dataclass
class Expansion:
    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # files in folders that are no documents
    missing: list[tuple[Path, str]] = field(default_factory=list)  # named paths that cannot be read


def _folder_member(path: Path) -> str | None:
    """Why a file found in a folder is not read (None: it is read)."""
    from gongkai.ingest import sniff

    try:
        with path.open("rb") as fh:
            head = fh.read(_HEAD_BYTES)
    except OSError as exc:
        return f"无法读取（{exc.strerror or exc}）"
    if not head.strip():
        return "空文件"
    try:
        kind = sniff(head if not head.startswith(b"PK") else path.read_bytes())
    except ReadError as exc:
        return str(exc)
    if kind in _FOLDER_FORMATS:
        return None
    from gongkai.ingest import decode_text

    try:
        text = decode_text(head)
    except ReadError as exc:
        return str(exc)
    return None if _DISCLOSURE_WORDS.search(text) else "文本文件，未提及部门/单位预算或决算"


def expand(paths: Iterable[Path]) -> Expansion:
    """Files named directly are always attempted; folders are walked (sorted, hidden entries skipped)
    and keep the files whose content is a format gongkai reads."""
    out = Expansion()
    seen: set[Path] = set()
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for n in sorted(names):
                    f = Path(root) / n
                    if n.startswith(".") or f.resolve() in seen or not f.is_file():
                        continue
                    seen.add(f.resolve())
                    reason = _folder_member(f)
                    if reason is None:
                        out.files.append(f)
                    else:
                        out.skipped.append((f, reason))
        elif p.exists():
            if p.resolve() not in seen:
                seen.add(p.resolve())
                out.files.append(p)
        else:
            out.missing.append((p, f"文件不存在：{p}"))
    return out


def _parse(path: Path) -> Outcome:
    from gongkai.pipeline import parse_file

    try:
        return Outcome(paths=[path], document=parse_file(path))
    except ReadError as exc:
        return Outcome(paths=[path], error=_naming(path, str(exc)))
    except MemoryError:
        return Outcome(paths=[path], error=f"内存不足，无法处理：{path}")
    except Exception as exc:  # noqa: BLE001 — one bad file must never stop the batch
        return Outcome(paths=[path], error=f"处理文件时出错：{path}（{type(exc).__name__}: {exc}）")


def _naming(path: Path, message: str) -> str:
    """A reader's message with the file named, so a batch's failures can be told apart."""
    return message if str(path) in message or path.name in message else f"{path}：{message}"


def _standard_tables(doc: Document) -> int:
    return sum(1 for t in doc.tables if t.template_id and not t.template_id.startswith("perf."))


def _narrative_size(doc: Document) -> int:
    return sum(len(s.text or "") for s in doc.sections) if doc.sections else 0


def _unit_key(name: str | None) -> str:
    """A unit name without the forms that vary between files of one disclosure: 中国共产党江苏省委员会办公厅,
    中共江苏省委办公厅 and 江苏省委办公厅 are one key; so are XX局 and XX局（本级）."""
    key = re.sub(r"[（(]本级[)）]|\s", "", name or "")
    key = re.sub(r"^中国共产党(.+?)委员会", r"\1委", key)
    return re.sub(r"^中共", "", key)


def _compatible(a: Document, b: Document) -> bool:
    if a.year is None or a.year != b.year:
        return False
    if a.kind is not None and b.kind is not None and a.kind.is_final != b.kind.is_final:
        return False
    ua, ub = _unit_key(a.unit_name), _unit_key(b.unit_name)
    return not ua or not ub or ua in ub or ub in ua


def pair_parts(outcomes: list[Outcome]) -> list[Outcome]:
    """Within one folder: a file of narrative without standard tables and a file of standard tables
    with little narrative, of the same year, kind and unit, become one disclosure (narrative first)."""
    docs = [o for o in outcomes if o.document is not None]
    tables_only = [o for o in docs if _standard_tables(o.document) >= 3
                   and _narrative_size(o.document) < 1000]
    narrative_only = [o for o in docs if _standard_tables(o.document) == 0
                      and _narrative_size(o.document) >= 300]
    pairs: list[tuple[Outcome, Outcome]] = []
    used: set[int] = set()
    for n in narrative_only:
        matches = [t for t in tables_only if id(t) not in used and _compatible(n.document, t.document)]
        if len(matches) == 1:  # only an unambiguous partner
            used.update((id(n), id(matches[0])))
            pairs.append((n, matches[0]))
    if not pairs:
        return outcomes
    result: list[Outcome] = []
    for o in outcomes:
        if id(o) not in used:
            result.append(o)
            continue
        pair = next((p for p in pairs if p[0] is o), None)
        if pair is None:
            continue  # the tables file: emitted with its narrative file
        n, t = pair
        paths = [*n.paths, *t.paths]
        why = (f"同一目录下，{t.paths[0].name} 只有公开表格、{n.paths[0].name} 只有文字说明，"
               f"年度（{n.document.year}）和单位相同，合并为一份公开文件")
        merged = _parse_as_one(paths)
        if merged.document is None:
            result.extend([n, t])  # keep both parts as they were read
        else:
            merged.paired = why
            result.append(merged)
    return result


def documents(exp: Expansion, as_one: bool = False, pair: bool = True) -> Iterator[Outcome]:
    """Every disclosure of an expansion, folder by folder; failures are outcomes, not exceptions.
    `as_one` reads all files as one disclosure."""
    for p, reason in exp.missing:
        yield Outcome(paths=[p], error=_naming(p, reason))
    if as_one:
        if exp.files:
            yield _parse_as_one(exp.files)
        return
    by_folder: dict[Path, list[Path]] = {}
    for f in exp.files:
        by_folder.setdefault(f.parent, []).append(f)
    for files in by_folder.values():
        outcomes = [_parse(f) for f in files]
        yield from (pair_parts(outcomes) if pair and len(outcomes) > 1 else outcomes)


def _parse_as_one(paths: list[Path]) -> Outcome:
    from gongkai.pipeline import parse_as_one

    try:
        return Outcome(paths=paths, document=parse_as_one(paths))
    except ReadError as exc:
        return Outcome(paths=paths, error=str(exc))
    except Exception as exc:  # noqa: BLE001
        return Outcome(paths=paths, error=f"处理文件时出错（{type(exc).__name__}: {exc}）")
