"""Scores and grade bands stated in words: 评价结论 cells, the narrative, printed 备注 of bands.

A stated score is linked to an evaluation only on good evidence: a conclusion cell of the evaluation's own
table; a narrative clause about 部门整体 when the document has one department evaluation; a narrative
clause naming a project (a common run of at least six characters with its name, or the whole of a shorter
name) when that project's own
table states no score. Clauses about 转移支付 never link to 部门预算 projects.
"""

from __future__ import annotations

import re
from decimal import Decimal

from gongkai.model.document import Document
from gongkai.model.location import Span
from gongkai.model.performance import (
    EvaluationKind, GradeBand, PerformanceEvaluation, RowRef, Stage, StatedScore,
)
from gongkai.performance.values import squeeze

TOTAL_RE = re.compile(
    r"(?:(?:自评|综合|评价|绩效)(?:得分|评分)|总绩效|总得分|总分|评分)(?:为|是|:|：)?(?P<value>\d+(?:\.\d+)?)分"
)
PART_RE = re.compile(r"(?P<label>[\u4e00-\u9fff]{2,10}?)得分(?:为)?(?P<value>\d+(?:\.\d+)?)分")
GRADE_RE = re.compile(r"(?:评价结果|评价等次|等次|等级|评定为|结果为)(?:为|是|:|：)?[“\"'「]?(?P<grade>优秀|良好|优|良|中等|中|较差|差|合格|不合格)")
BAND_RE = re.compile(
    r"(?P<low>\d+(?:\.\d+)?)\s*分?\s*[（(]\s*含\s*[)）]\s*(?:分)?\s*[—\-－~～至到]+\s*(?P<high>\d+(?:\.\d+)?)\s*分?\s*(?:为|:|：)\s*"
    r"(?P<grade>优秀|良好|优|良|中等|中|较差|差|合格|不合格)"
)
BAND_LOW_RE = re.compile(r"(?P<high>\d+(?:\.\d+)?)\s*分?\s*以下\s*(?:为|:|：)\s*(?P<grade>优秀|良好|优|良|中等|中|较差|差|合格|不合格)")
FULL_MARKS = Decimal(100)


def _clause_scores(text: str, source: str, ref: RowRef | None = None, section: list[str] | None = None,
                   span: Span | None = None, readings: list[str] | None = None) -> list[StatedScore]:
    out: list[StatedScore] = []
    flat = squeeze(text)
    for m in TOTAL_RE.finditer(flat):
        value = Decimal(m.group("value"))
        quote = flat[max(0, m.start() - 30): m.end() + 12]
        if value > FULL_MARKS:
            if readings is not None:
                readings.append(f"“{quote}”中的得分 {value} 超过满分，疑为换行拆开的数字，未采用")
            continue
        tail = flat[m.end(): m.end() + 40]
        g = GRADE_RE.search(tail)
        out.append(StatedScore(value=value, text=quote, source=source, ref=ref, section=section or [], span=span,
                               grade=g.group("grade") if g else None))
    for m in PART_RE.finditer(flat):
        label = m.group("label")
        if label.endswith(("自评", "综合", "评价", "绩效", "总")) or label in ("得分",):
            continue
        label = re.sub(r"^(?:其中|包括|是|为)[:：]?", "", label)
        value = Decimal(m.group("value"))
        if value > FULL_MARKS:
            continue
        out.append(StatedScore(value=value, label=label, text=flat[max(0, m.start() - 10): m.end() + 5],
                               source=source, ref=ref, section=section or [], span=span))
    return out


def stated_in_rows(rows, ev: PerformanceEvaluation) -> list[StatedScore]:
    """Scores stated in the evaluation's own 评价结论 rows (cells joined: the extraction wraps them)."""
    out: list[StatedScore] = []
    for r in rows:
        text = "".join(c.text for c in r.cells)
        if "分" not in text:
            continue
        ref = RowRef(table_index=r.table_index, row_index=r.row_index, span=r.span,
                     columns={"text": r.cells[0].key} if r.cells else {})
        out.extend(_clause_scores(text, "table", ref=ref, span=r.span, readings=ev.readings))
    return out


def parse_bands(text: str) -> list[GradeBand]:
    bands: list[GradeBand] = []
    flat = re.sub(r"\s+", "", text)
    for m in BAND_RE.finditer(flat):
        low, high = Decimal(m.group("low")), Decimal(m.group("high"))
        bands.append(GradeBand(grade=m.group("grade"), low=low, high=high, low_inclusive=True,
                               high_inclusive=high >= FULL_MARKS, text=m.group(0)))
    for m in BAND_LOW_RE.finditer(flat):
        bands.append(GradeBand(grade=m.group("grade"), low=None, high=Decimal(m.group("high")),
                               high_inclusive=False, text=m.group(0)))
    return bands if len(bands) >= 2 else []


def _lcs(a: str, b: str) -> int:
    """Length of the longest common run of characters."""
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def _line_of(raw_lines: list[tuple[int, str]], quote: str) -> int | None:
    key = squeeze(quote)[-14:]
    for line, text in raw_lines:
        if key and key in squeeze(text):
            return line
    return None


def attach_narrative(doc: Document, evaluations: list[PerformanceEvaluation], raw=None) -> None:
    # bands printed with the tables or in the text
    texts = [n for e in evaluations for k in e.table_indexes for n in doc.tables[k].notes]
    texts += [s.text for s in doc.sections]
    bands, bands_text = [], None
    for t in texts:
        found = parse_bands(t)
        if found:
            bands, bands_text = found, "；".join(b.text or "" for b in found)
            break
    for e in evaluations:
        if bands and not e.bands:
            e.bands, e.bands_text = [b.model_copy() for b in bands], bands_text
    raw_lines: list[tuple[int, str]] = []
    if raw is not None:
        from gongkai.ingest.base import TextLine

        raw_lines = [(b.line, b.text) for p in raw.pages for b in p.blocks if isinstance(b, TextLine) and b.line]
    scored = [e for e in evaluations if e.stage is Stage.SELF_EVAL]
    # text printed under a table (kept as its notes): about that table's evaluation when it holds one
    for k, table in enumerate(doc.tables):
        hosted = [e for e in scored if k in e.table_indexes]
        for note in table.notes:
            if "分" not in note:
                continue
            found = _clause_scores(note, "narrative", span=table.span)
            target = hosted[0] if len(hosted) == 1 else _link(note, hosted) if hosted else None
            if target is not None:
                for st in found:
                    line = _line_of(raw_lines, st.text) if raw_lines else None
                    st.span = Span(line=line) if line is not None else st.span
                    target.stated.append(st)
    depts = [e for e in scored if e.kind is EvaluationKind.DEPARTMENT]
    for s in doc.sections:
        if "分" not in s.text:
            continue
        for paragraph in s.text.split("\n"):
            if "分" not in paragraph:
                continue
            flat = squeeze(paragraph)
            if "部门整体" in flat or "整体支出" in flat:
                # a paragraph about the department as a whole: all its scores are the department's
                pieces = [(paragraph, depts[0] if len(depts) == 1 else None)]
            else:
                pieces = [(c, None) for c in re.split(r"(?<=[。；;])", paragraph)]
            for clause, target in pieces:
                found = _clause_scores(clause, "narrative", section=s.path, span=s.span)
                if not found:
                    continue
                target = target or _link(clause, scored)
                if target is None:
                    continue
                for st in found:
                    line = _line_of(raw_lines, st.text) if raw_lines else None
                    if line is not None:
                        st.span = Span(line=line)
                    target.stated.append(st)


def _link(clause: str, scored: list[PerformanceEvaluation]):
    flat = squeeze(clause)
    transfer = "转移支付" in flat
    best, best_len, tie, best_name = None, 0, False, ""
    for e in scored:
        if e.kind is EvaluationKind.DEPARTMENT or not e.name:
            continue
        if transfer != (e.kind is EvaluationKind.TRANSFER):
            continue
        if any(st.source == "table" for st in e.stated):
            continue
        head = flat[: flat.find("得分")] if "得分" in flat else flat
        n = _lcs(squeeze(e.name), head[-60:])
        if n > best_len:
            best, best_len, tie, best_name = e, n, False, squeeze(e.name)
        elif n == best_len and n:
            tie = True
    whole = best_len == len(best_name) and best_len >= 4  # a short name printed in full
    if best is None or tie or (best_len < 6 and not whole):
        return None
    return best
