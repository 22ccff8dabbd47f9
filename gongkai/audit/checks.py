"""Shared checks used by many rules: 'this total equals the sum of those parts', with the arithmetic."""

from __future__ import annotations

from decimal import Decimal

from gongkai.audit import precision
from gongkai.audit.context import Context
from gongkai.audit.finding import Finding, Operand
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

    Says nothing when a value cannot be read. A difference that rounding of the printed figures explains
    is a 尾差 (see gongkai.audit.precision); uncertain readings are settled by the engine for every rule.
    """
    if total is None or any(p is None for p in parts) or not parts:
        return None
    ops: list[Operand] = [p for p in parts if p is not None]
    signs = signs or [1] * len(ops)
    computed = sum((s * p.value for s, p in zip(signs, ops)), Decimal(0))
    diff = total.value - computed
    if diff == 0:
        return None
    tol = precision.tolerance(ctx, [total, *ops])
    severity, note = precision.tail(ctx, rule, diff, tol) or (rule.severity, "")
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
        formula=formula, quote=total.text, hint=hint, rounding=bool(note),
    )


def equal(ctx: Context, rule: type[Rule], a: Operand | None, b: Operand | None, what: str,
          hint: str | None = None) -> Finding | None:
    """Check a = b (the same figure printed in two places): they must agree at the coarser printed precision."""
    if a is None or b is None:
        return None
    diff = a.value - b.value
    if diff == 0:
        return None
    tol = precision.same_figure(ctx, [a, b])
    if abs(diff) <= tol:
        return None  # the same figure at the coarser of the two printed precisions
    severity, note = rule.severity, ""  # one figure printed twice: rounding explains no gap (precision.py)
    return Finding(
        code=rule.code, severity=severity, title=rule.title,
        message=f"{what}不一致：{a.label} {fmt(a.value)} ≠ {b.label} {fmt(b.value)}（相差 {fmt(diff)}）{note}",
        location=a.location, related=[b.location] if b.location else [], operands=[a, b],
        expected=b.value, actual=a.value, difference=diff, tolerance=tol,
        formula=f"{a.label} {fmt(a.value)} − {b.label} {fmt(b.value)} = {fmt(diff)}", quote=a.text, hint=hint,
    )
