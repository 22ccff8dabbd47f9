"""Helpers shared by the narrative rules: where a claim is, what a subject's figure is, percentages worked out."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from gongkai.audit.context import Context
from gongkai.audit.finding import Location, Operand
from gongkai.model.amount import Unit, convert
from gongkai.model.claim import CellRef, Claim, ClaimKind, Scope
from gongkai.recognize.claims import SCOPED, candidates, fiscal_is_gpb

HUNDRED = Decimal(100)


def half(decimals: int) -> Decimal:
    """Half a unit of the last printed digit."""
    return Decimal(5) * Decimal(10) ** -(decimals + 1)


def decimals_of(printed: str | None) -> int:
    return len(printed.split(".")[1]) if printed and "." in printed else 0


def show(value: Decimal, decimals: int | None = None) -> str:
    """A number for a formula: at `decimals` (rounded half up) or as printed."""
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{value:,f}"
    return text


def at(value: Decimal, decimals: int) -> Decimal:
    """`value` rounded half up to `decimals` places: what the text should have printed."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def pct(value: Decimal, decimals: int) -> str:
    return show(value, max(decimals, 2)) + "%"


def unit_label(unit: Unit | None) -> str:
    return unit.value if unit is not None else ""


def section_of(c: Claim) -> str:
    return " › ".join(c.section)


def where(c: Claim) -> Location:
    """The narrative place of a claim: heading path and lines."""
    return Location(section=section_of(c), span=c.span)


def quote(*claims: Claim) -> str:
    """The exact fragment covering the given claims (the stretch of their sentence from the first to the last)."""
    real = [c for c in claims if c is not None]
    if not real:
        return ""
    first = real[0]
    same = [c for c in real if c.sentence == first.sentence and c.offset is not None and c.sentence]
    if len(same) == len(real) and first.sentence:
        start = min(c.offset for c in same)
        end = max(c.offset + len(c.text) for c in same)
        return first.sentence[start:end]
    seen: list[str] = []
    for c in sorted(real, key=lambda x: x.id if x.id is not None else 0):
        if c.text not in seen:
            seen.append(c.text)
    return " …… ".join(seen)


def operand(c: Claim, label: str | None = None) -> Operand:
    return Operand(label=label or c.subject or "文中数字", value=c.value, text=c.printed, location=where(c))


def decimals_in(c: Claim, unit: Unit | None) -> int:
    """Printed decimals of a claim once expressed in `unit` (5786 元 is 0.5786 万元: four decimals)."""
    if unit is None or c.unit is None or c.unit is unit:
        return c.decimals
    return c.decimals + 4 if c.unit is Unit.YUAN else c.decimals - 4


def precision_in(c: Claim, unit: Unit | None) -> int:
    """Decimals to which an amount is taken to be exact when judging rounding: as printed, but an amount in 万元
    printed without decimals ('34万元', '12905万元') is read as 34.00 — these disclosures drop '.00', they do not
    round to whole 万元."""
    d = decimals_in(c, unit)
    return max(d, 2) if (unit or c.unit) is Unit.WAN else d


def in_unit(c: Claim, unit: Unit | None) -> Decimal:
    """The claim's value in `unit` (converted explicitly between 元 and 万元)."""
    if unit is None or c.unit is None or c.unit is unit:
        return c.value
    return convert(c.value, c.unit, unit)


# ------------------------------------------------------------------------------------------- cells

def cell_of(ctx: Context, ref: CellRef):
    t = ctx.doc.tables[ref.table_index]
    row = t.rows[ref.row_index]
    return t, row, row.cells.get(ref.column)


def cell_operand(ctx: Context, ref: CellRef, label: str | None = None) -> Operand | None:
    t, row, cell = cell_of(ctx, ref)
    op = ctx.operand(t, row, ref.column, label)
    return op


def cell_label(ctx: Context, ref: CellRef) -> str:
    t, row, _ = cell_of(ctx, ref)
    col = t.column(ref.column)
    name = (row.label or row.code or "").replace(" ", "")
    if t.template_id == "final.three_public":
        name = ""
    head = col.header.replace(" ", "") if col and col.header else ref.column
    number = f"{t.printed_number} " if t.printed_number else ""
    side = f"{row.block}方" if row.block in ("收入", "支出") else ""
    cell = f"{side}“{name}”" if name else ""
    return f"{number}{t.printed_title or t.title}{cell}{head}"


# ------------------------------------------------------------------------------------- resolution

@dataclass
class Figure:
    """A figure found for a subject: from a claim or from a cell."""

    value: Decimal
    unit: Unit | None
    decimals: int
    label: str
    claim: Claim | None = None
    ref: CellRef | None = None
    place: str = "group"  # group / section / document / table / inline

    def operand(self, ctx: Context) -> Operand:
        if self.claim is not None:
            return operand(self.claim, self.label)
        if self.ref is not None:
            op = cell_operand(ctx, self.ref, self.label)
            if op is not None:
                return op
        return Operand(label=self.label, value=self.value)

    def location(self, ctx: Context) -> Location | None:
        if self.claim is not None:
            return where(self.claim)
        if self.ref is not None:
            t, row, _ = cell_of(ctx, self.ref)
            return ctx.location(t, row, self.ref.column)
        return None

    def precision(self, unit: Unit | None) -> int:
        """Decimals taken as exact when judging rounding (see precision_in)."""
        d = self.decimals
        if unit is not None and self.unit is not None and unit is not self.unit:
            d = d + 4 if self.unit is Unit.YUAN else d - 4
        return max(d, 2) if (unit or self.unit) is Unit.WAN else d

    def in_unit(self, unit: Unit | None) -> Decimal:
        if unit is None or self.unit is None or unit is self.unit:
            return self.value
        return convert(self.value, self.unit, unit)


def canonical_scope(ctx: Context, scope: Scope | None) -> Scope | None:
    if scope is Scope.FISCAL and same_fiscal(ctx):
        return Scope.GPB
    return scope


def same_fiscal(ctx: Context) -> bool:
    cached = getattr(ctx, "_fiscal_is_gpb", None)
    if cached is None:
        cached = fiscal_is_gpb(ctx.doc)
        ctx._fiscal_is_gpb = cached  # type: ignore[attr-defined]
    return cached


def scope_fits(ctx: Context, a: Scope | None, b: Scope | None) -> bool:
    if a is None or b is None:
        return True
    return canonical_scope(ctx, a) == canonical_scope(ctx, b)


def claim_figure(c: Claim, place: str, label: str | None = None) -> Figure:
    return Figure(c.value, c.unit, c.decimals, label or c.subject, claim=c, place=place)


def resolve(ctx: Context, subject: str, near: Claim, scope: Scope | None = None, period: str = "本年",
            group_only: bool = False) -> Figure | None:
    """The figure of `subject` as the document states it, looked for in the sentence of `near`, then its section,
    then the whole document (when every statement agrees), then the tables."""
    claims = ctx.doc.claims

    def ok(c: Claim) -> bool:
        return (c.kind is ClaimKind.AMOUNT and c.normalised and c.subject == subject and c.period == period
                and c.value is not None and (subject not in SCOPED or scope_fits(ctx, c.scope, scope)))

    same_group = [c for c in claims if ok(c) and c.group == near.group and near.group is not None]
    if same_group:
        before = [c for c in same_group if (c.id or 0) < (near.id or 0)]
        return claim_figure((before or same_group)[-1], "group")
    if group_only:
        return None
    same_section = [c for c in claims if ok(c) and c.section == near.section]
    if same_section:
        before = [c for c in same_section if (c.id or 0) < (near.id or 0)]
        return claim_figure((before or same_section)[-1], "section")
    everywhere = [c for c in claims if ok(c)]
    if everywhere:
        values = {in_unit(c, everywhere[0].unit) for c in everywhere}
        if len(values) == 1:
            return claim_figure(everywhere[0], "document")
        return None
    probe = Claim(kind=ClaimKind.AMOUNT, subject=subject, text="", scope=scope, period=period,
                  value=Decimal(0), unit=Unit.WAN)
    refs = [r for r in candidates(ctx.doc, probe, same_fiscal(ctx)) if r is not None]
    if len(refs) == 1:
        t, row, cell = cell_of(ctx, refs[0])
        if cell is not None and cell.zero_or_value is not None and t.unit is not None:
            return Figure(cell.zero_or_value, t.unit, decimals_of(cell.text.replace(",", "")),
                          cell_label(ctx, refs[0]), ref=refs[0], place="table")
    return None


def group_claims(ctx: Context, c: Claim) -> list[Claim]:
    return [x for x in ctx.doc.claims if x.group is not None and x.group == c.group]


# --------------------------------------------------------------------------------------- percents

def ratio(numerator: Decimal, denominator: Decimal) -> Decimal:
    return numerator / denominator * HUNDRED


def rounding_explains(stated: Decimal, d_stated: int, num: Decimal, d_num: int, den: Decimal, d_den: int,
                      base_offset: Decimal = Decimal(0), d_offset: int | None = None) -> bool:
    """Whether some values that round to the printed numerator and denominator give the printed percentage.
    `base_offset` (with its own precision) is added to the denominator (a base derived as current − change)."""
    hn, hd = half(d_num), half(d_den)
    if d_offset is not None:
        hd += half(d_offset)
    lo_den, hi_den = den - hd, den + hd
    if lo_den <= 0:
        return True
    lo = (num - hn) / hi_den * HUNDRED
    hi = (num + hn) / lo_den * HUNDRED
    hs = half(d_stated)
    return not (stated + hs < lo or stated - hs > hi)


def truncation_explains(stated: Decimal, d_stated: int, computed: Decimal) -> bool:
    """The printed percentage is the computed one cut (not rounded) at the printed decimals."""
    step = Decimal(1).scaleb(-d_stated)
    cut = (computed / step).to_integral_value(rounding="ROUND_DOWN") * step
    return cut == stated and computed != stated


def agree(a: Decimal, da: int, b: Decimal, db: int) -> bool:
    """Two printed figures state the same value at the coarser of their precisions."""
    return abs(a - b) <= half(min(da, db))
