"""Shared by the J rules: the scored evaluations of a document (computed once per audit) and locations."""

from __future__ import annotations

from decimal import Decimal

from gongkai.audit.context import Context
from gongkai.audit.finding import Finding, Location, Severity
from gongkai.audit.registry import Rule
from gongkai.model.performance import PerformanceEvaluation, RowRef
from gongkai.performance.scoring import OPTION_KEYS, ConfigProblem, EvaluationScore, ScoringConfig, score_evaluation

SCORING_OPTIONS = OPTION_KEYS


def options(*keys: str) -> dict[str, str]:
    """The documented configuration keys a rule reads."""
    return {f"performance.{k}": OPTION_KEYS[f"performance.{k}"] for k in keys}


def config(ctx: Context) -> ScoringConfig:
    """The scoring scheme from `performance.*` options; a bad option falls back to the defaults and is reported
    once (by `config_notice`), so that one typo does not stop the whole audit."""
    cached = getattr(ctx, "_performance_config", None)
    if cached is None:
        try:
            cached = ScoringConfig.from_options(ctx.options)
        except ConfigProblem as exc:
            cached = ScoringConfig()
            ctx._performance_config_problem = str(exc)  # type: ignore[attr-defined]
        ctx._performance_config = cached  # type: ignore[attr-defined]
    return cached


def config_notice(ctx: Context, rule: type[Rule]):
    """A finding for a bad `performance.*` option, from the first J rule that runs."""
    config(ctx)
    problem = getattr(ctx, "_performance_config_problem", None)
    if problem and ctx.doc.performance and not getattr(ctx, "_performance_config_reported", False):
        ctx._performance_config_reported = True  # type: ignore[attr-defined]
        # a problem of the configuration, not of the document: a warning (there is no printed text to quote)
        yield Finding(code=rule.code, severity=Severity.WARNING, title=rule.title, location=Location(),
                      message=f"绩效评分配置有误，已按默认口径复算：{problem}",
                      hint="改正 [tool.gongkai.options] 中的 performance.* 设置（见 gongkai rules J103）。")


def scored(ctx: Context) -> list[tuple[PerformanceEvaluation, EvaluationScore]]:
    """Each evaluation of the document with its recomputation (cached on the context)."""
    cached = getattr(ctx, "_performance_scores", None)
    if cached is None:
        cfg = config(ctx)
        cached = [(e, score_evaluation(e, cfg)) for e in ctx.doc.performance]
        ctx._performance_scores = cached  # type: ignore[attr-defined]
    return cached


def where(ctx: Context, ev: PerformanceEvaluation, ref: RowRef | None, field: str | None = None) -> Location:
    """The cell a finding points at: the row (and the column of `field`) the figure was read from."""
    if ref is not None and 0 <= ref.table_index < len(ctx.doc.tables):
        table = ctx.doc.tables[ref.table_index]
        if ref.row_index is not None and 0 <= ref.row_index < len(table.rows):
            row = table.rows[ref.row_index]
            column = ref.columns.get(field) if field else None
            return ctx.location(table, row, column)
        loc = ctx.location(table)
        return loc.model_copy(update={"span": ref.span or loc.span})
    if ev.table_indexes:
        loc = ctx.location(ctx.doc.tables[ev.table_indexes[0]])
        return loc.model_copy(update={"span": ev.span or loc.span})
    return Location(table=ev.title or None, span=ev.span)


def subject(ev: PerformanceEvaluation) -> str:
    """How a message names the evaluation."""
    name = ev.name or "（名称未能识别）"
    where_ = f"（{ev.span.describe()}）" if ev.span else ""
    kind = {"project": "项目", "部门整体": "部门整体", "转移支付": "转移支付"}[ev.kind.value]
    return f"{kind}“{name[:40]}”{where_}"


def unreadable_note(ev: PerformanceEvaluation) -> str:
    if not ev.unreadable:
        return ""
    lines = "、".join(u.span.describe() for u in ev.unreadable[:3] if u.span)
    return f"（本表有 {len(ev.unreadable)} 行无法读取：{lines}，差额可能来自这些行）"


def finding(rule: type[Rule], severity: Severity, message: str, location: Location, *, formula: str | None = None,
            expected: Decimal | None = None, actual: Decimal | None = None, quote: str | None = None,
            hint: str | None = None, related: list[Location] | None = None, rounding: bool = False,
            uncertain: list[str] | None = None) -> Finding:
    diff = actual - expected if actual is not None and expected is not None else None
    return Finding(code=rule.code, severity=severity, title=rule.title, message=message, location=location,
                   related=related or [], expected=expected, actual=actual, difference=diff, formula=formula,
                   quote=quote, hint=hint, rounding=rounding, uncertain=uncertain or [])


def tail(ctx: Context, rule: type[Rule], why: str) -> tuple[Severity, str]:
    """A gap the rounding of printed figures explains (尾差), as every family reports it."""
    from gongkai.audit.precision import rounding_verdict

    return rounding_verdict(ctx, rule, why)


def contradiction(line) -> str | None:
    """'met_not_full' / 'missed_full' for a line whose target was plainly met (or missed) yet scored otherwise.
    Graded (优良中低差) lines are not judged here: their share is a matter of J103."""
    if line.kind != "indicator" or line.printed is None or line.weight is None or line.met is None:
        return None
    if line.basis == "等级比例":
        return None
    if line.met and line.printed < line.weight:
        return "met_not_full"
    if line.met is False and line.printed >= line.weight and line.weight > 0:
        return "missed_full"
    return None
