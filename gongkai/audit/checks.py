"""Shared checks used by many rules: 'this total equals the sum of those parts', with the arithmetic."""

from __future__ import annotations

from decimal import Decimal

from gongkai.audit.context import Context, tolerance
from gongkai.audit.finding import Finding, Operand, Severity
from gongkai.audit.registry import Rule

MAX_TERMS_SHOWN = 8


def fmt(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = f"{value:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".") if len(text.split(".")[1]) > 2 else text
    return text


def terms(parts: list[Operand]) -> str:
    shown = [f"{p.label} {fmt(p.value)}" for p in parts[:MAX_TERMS_SHOWN]]
    more = f" + …（共{len(parts)}项）" if len(parts) > MAX_TERMS_SHOWN else ""
    return " + ".join(shown) + more


def equation(ctx: Context, rule: type[Rule], total: Operand | None, parts: list[Operand | None],
             what: str, hint: str | None = None, signs: list[int] | None = None) -> Finding | None:
    """Check total = Σ parts (with optional signs); a finding when it does not hold.

    Says nothing when a value cannot be read. Differences within the stated rounding allowance give
    an info finding; differences on low-confidence (OCR) cells give a warning.
    """
    if total is None or any(p is None for p in parts) or not parts:
        return None
    ops: list[Operand] = [p for p in parts if p is not None]
    signs = signs or [1] * len(ops)
    computed = sum((s * p.value for s, p in zip(signs, ops)), Decimal(0))
    diff = total.value - computed
    if diff == 0:
        return None
    tol = tolerance(ctx, [total, *ops], len(ops))
    severity = rule.severity
    note = ""
    if abs(diff) <= tol:
        severity, note = Severity.INFO, f"（差额在尾数误差允许范围 ±{fmt(tol)} 内）"
    elif any((c := ctx.confidence_of(o)) is not None and c < ctx.low_confidence for o in [total, *ops]):
        severity, note = Severity.WARNING, "（涉及识别置信度较低的数字，可能为识别误差）"
    expr = " ".join(
        (("− " if s < 0 else "+ ") if k else ("−" if s < 0 else "")) + f"{p.label} {fmt(p.value)}"
        for k, (s, p) in enumerate(zip(signs, ops))
    ) if len(ops) <= MAX_TERMS_SHOWN else terms(ops)
    formula = f"{expr} = {fmt(computed)}；{total.label} 印为 {fmt(total.value)}，相差 {fmt(diff)}"
    return Finding(
        code=rule.code, severity=severity, title=rule.title,
        message=f"{what}不平：{total.label} {fmt(total.value)} ≠ {fmt(computed)}（相差 {fmt(diff)}）{note}",
        location=total.location, related=[p.location for p in ops if p.location is not None],
        operands=[total, *ops], expected=computed, actual=total.value, difference=diff, tolerance=tol,
        formula=formula, quote=total.text, hint=hint,
    )


def equal(ctx: Context, rule: type[Rule], a: Operand | None, b: Operand | None, what: str,
          hint: str | None = None) -> Finding | None:
    """Check a = b (the same figure printed in two places)."""
    if a is None or b is None:
        return None
    diff = a.value - b.value
    if diff == 0:
        return None
    tol = tolerance(ctx, [a, b], 1) if ctx.rounded else Decimal(0)
    severity, note = rule.severity, ""
    if abs(diff) <= tol:
        severity, note = Severity.INFO, f"（差额在尾数误差允许范围 ±{fmt(tol)} 内）"
    return Finding(
        code=rule.code, severity=severity, title=rule.title,
        message=f"{what}不一致：{a.label} {fmt(a.value)} ≠ {b.label} {fmt(b.value)}（相差 {fmt(diff)}）{note}",
        location=a.location, related=[b.location] if b.location else [], operands=[a, b],
        expected=b.value, actual=a.value, difference=diff, tolerance=tol,
        formula=f"{a.label} {fmt(a.value)} − {b.label} {fmt(b.value)} = {fmt(diff)}", quote=a.text, hint=hint,
    )
