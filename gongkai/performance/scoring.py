"""Recomputing performance scores: what each printed score should be, under a documented scheme.

The scheme (configurable per region under `[tool.gongkai.options]`, keys `performance.*`):

- 预算执行 (execution): ``min(执行率, 100%) × 权重``. The 执行率 used is the printed one (the table scores
  from what it prints); when none is printed, 执行数 ÷ 调整后预算数.
- 正向 indicators (≥, >): full weight when met; otherwise ``完成值 ÷ 指标值 × 权重``.
- 反向 indicators (≤, <): full weight when met; otherwise, by `performance.le_formula`:
  ``target_over_actual`` (default) ``指标值 ÷ 完成值 × 权重``; ``linear_penalty``
  ``(1 − (完成值 − 指标值) ÷ 指标值) × 权重``, floored at 0; ``zero`` no points.
- = indicators: full weight when equal; below the target ``完成值 ÷ 指标值 × 权重``; above it by
  `performance.eq_over`: ``full`` (default) or ``target_over_actual``.
- 定性 indicators graded 优/良/中/低/差: ``等级比例 × 权重`` with `performance.grade_shares`
  (default 优 100%, 良 80%, 中 60%, 低 40%, 差 20%; seed 001 scores 良 at 80%).
- Dates and deadlines (2020年12月前): full weight when met (actual date on or before, or 已完成).
- Targets in words (有所提升) are judged only when the actual states completion (已完成) or repeats the
  target; a printed 完成率 then gives ``min(完成率, 100%) × 权重``.
- `performance.strict_operators` (default false): read > and < as strict. Extractions often print ">" for
  "≥" (the bar under the sign is lost), so by default they count as ≥ / ≤.
- Totals: Σ of the scores; full marks `performance.full_marks` (100).
- 等级 bands: printed bands in the document win; else `performance.bands` (lower bounds, default
  优 90, 良 80, 中 60, 差 0).

Rounding: a printed score that equals the recomputed one rounded half-up or truncated to the printed
decimals (42.857 → 42.8) is "rounding", not an error.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from enum import Enum

from pydantic import BaseModel, Field

from gongkai.model.performance import (
    BudgetLine, GradeBand, Indicator, MeasureKind, Operator, PerformanceEvaluation, RowRef, Stage,
)
from gongkai.performance.values import GRADE_SYNONYMS, decimals, same_text

HUNDRED = Decimal(100)
LE_FORMULAS = ("target_over_actual", "linear_penalty", "zero")
LE_LABELS = {"target_over_actual": "指标值÷完成值", "linear_penalty": "按超出比例扣分", "zero": "未达标不得分"}
EQ_OVER = ("full", "target_over_actual")
DEFAULT_SHARES = {"优": Decimal("1"), "良": Decimal("0.8"), "中": Decimal("0.6"), "低": Decimal("0.4"), "差": Decimal("0.2")}
DEFAULT_BANDS = {"优": Decimal(90), "良": Decimal(80), "中": Decimal(60), "差": Decimal(0)}

OPTION_KEYS = {
    "performance.le_formula": "反向（≤）指标未达标时的计分方法：target_over_actual（指标值÷完成值×权重，默认）、"
                              "linear_penalty（(1−(完成值−指标值)÷指标值)×权重，最低 0）或 zero（不得分）",
    "performance.eq_over": "“=”指标完成值超过指标值时：full（得满分，默认）或 target_over_actual（指标值÷完成值×权重）",
    "performance.grade_shares": "定性指标各等级得分比例，如 {\"优\" = 1.0, \"良\" = 0.8, \"中\" = 0.6, \"低\" = 0.4, \"差\" = 0.2}（TOML 中汉字键须加引号）",
    "performance.bands": "等级下限（文件中印有等级标准时以文件为准），如 {\"优\" = 90, \"良\" = 80, \"中\" = 60, \"差\" = 0}",
    "performance.full_marks": "满分，默认 100（含预算执行 10 分）",
    "performance.strict_operators": "是否把“>”“<”按严格大于、小于计（默认 false：提取时常把“≥”印成“>”）",
}


class ConfigProblem(ValueError):
    """A bad performance.* option; the message is Chinese."""


class ScoringConfig(BaseModel):
    le_formula: str = "target_over_actual"
    eq_over: str = "full"
    grade_shares: dict[str, Decimal] = Field(default_factory=lambda: dict(DEFAULT_SHARES))
    bands: dict[str, Decimal] = Field(default_factory=lambda: dict(DEFAULT_BANDS))
    full_marks: Decimal = HUNDRED
    strict_operators: bool = False

    @classmethod
    def from_options(cls, options: dict | None) -> "ScoringConfig":
        """Read `performance.*` keys: nested ({'performance': {...}}, as TOML dotted keys parse) or flat."""
        options = options or {}
        values: dict = {}
        nested = options.get("performance")
        if isinstance(nested, dict):
            values.update(nested)
        for k, v in options.items():
            if isinstance(k, str) and k.startswith("performance."):
                values[k.split(".", 1)[1]] = v
        cfg = cls()
        unknown = set(values) - {k.split(".", 1)[1] for k in OPTION_KEYS}
        if unknown:
            raise ConfigProblem(f"未知的绩效配置项：{'、'.join('performance.' + u for u in sorted(unknown))}")
        if "le_formula" in values:
            if values["le_formula"] not in LE_FORMULAS:
                raise ConfigProblem(f"performance.le_formula 应为 {'、'.join(LE_FORMULAS)} 之一，而不是 {values['le_formula']!r}")
            cfg.le_formula = values["le_formula"]
        if "eq_over" in values:
            if values["eq_over"] not in EQ_OVER:
                raise ConfigProblem(f"performance.eq_over 应为 {'、'.join(EQ_OVER)} 之一，而不是 {values['eq_over']!r}")
            cfg.eq_over = values["eq_over"]
        for key in ("grade_shares", "bands"):
            if key in values:
                raw = values[key]
                if not isinstance(raw, dict) or not raw:
                    raise ConfigProblem(f"performance.{key} 应为表，如 {{\"优\" = 1.0, \"良\" = 0.8}}")
                try:
                    setattr(cfg, key, {str(g): Decimal(str(v)) for g, v in raw.items()})
                except Exception as exc:  # noqa: BLE001 - any unreadable value
                    raise ConfigProblem(f"performance.{key} 的值应为数字：{exc}") from exc
        if "full_marks" in values:
            try:
                cfg.full_marks = Decimal(str(values["full_marks"]))
            except Exception as exc:  # noqa: BLE001
                raise ConfigProblem("performance.full_marks 应为数字") from exc
        if "strict_operators" in values:
            cfg.strict_operators = bool(values["strict_operators"])
        return cfg

    def band_list(self) -> list[GradeBand]:
        ordered = sorted(self.bands.items(), key=lambda gv: gv[1], reverse=True)
        out, upper = [], None
        for grade, low in ordered:
            out.append(GradeBand(grade=grade, low=low, high=upper, low_inclusive=True, high_inclusive=False))
            upper = low
        return out


class Verdict(str, Enum):
    MATCH = "match"  # printed = recomputed
    ROUNDING = "rounding"  # printed = recomputed rounded or truncated to the printed decimals
    DIFFERS = "differs"
    UNSCORED = "unscored"  # cannot be recomputed (unreadable cells, a target in words, …)
    MISSING = "missing"  # nothing printed

    @property
    def label(self) -> str:
        return {"match": "一致", "rounding": "尾数差异", "differs": "不符", "unscored": "无法复算", "missing": "未印"}[self.value]


class Alternative(BaseModel):
    label: str
    value: Decimal


class LineScore(BaseModel):
    """One scored line: the execution line or an indicator."""

    kind: str = Field(description="execution or indicator")
    index: int | None = Field(default=None, description="index in PerformanceEvaluation.indicators")
    label: str
    weight: Decimal | None = None
    printed: Decimal | None = None
    recomputed: Decimal | None = None
    formula: str | None = None
    verdict: Verdict = Verdict.UNSCORED
    met: bool | None = Field(default=None, description="target met (True), missed (False), or unknown")
    basis: str | None = Field(default=None, description="what the recomputation rests on")
    alternatives: list[Alternative] = Field(default_factory=list, description="other accepted practices")
    matches_alternative: str | None = None
    expected_rate: Decimal | None = Field(default=None, description="完成率 that follows from target and actual (%)")
    note: str | None = None
    ref: RowRef | None = None


class EvaluationScore(BaseModel):
    label: str
    lines: list[LineScore] = Field(default_factory=list)
    printed_total: Decimal | None = None
    printed_sum: Decimal | None = Field(default=None, description="Σ printed scores (None when some are missing)")
    recomputed_total: Decimal | None = None
    total_verdict: Verdict = Verdict.UNSCORED
    weight_sum: Decimal | None = None
    full_marks: Decimal = HUNDRED
    printed_grade: str | None = None
    grade_for_total: str | None = None
    bands_source: str = "config"
    notes: list[str] = Field(default_factory=list)


# -- arithmetic ----------------------------------------------------------------------------------------
def fmt(value: Decimal | None, places: int = 4) -> str:
    """A figure for messages: at most `places` decimals, no trailing zeros."""
    if value is None:
        return "—"
    q = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) if value.as_tuple().exponent < -places else value
    text = f"{q:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def show(value: Decimal | None, printed: Decimal | None = None) -> str:
    """A recomputed figure as messages show it: to two decimals, or to as many as the printed figure has."""
    if value is None:
        return "—"
    return fmt(value, max(2, decimals(printed) + 1))


def _tidy(line: "LineScore") -> None:
    if line.formula and line.recomputed is not None:
        line.formula = line.formula.replace(f"= {fmt(line.recomputed)}", f"= {show(line.recomputed, line.printed)}")


def compare(printed: Decimal | None, computed: Decimal | None) -> Verdict:
    if printed is None:
        return Verdict.MISSING
    if computed is None:
        return Verdict.UNSCORED
    if printed == computed:
        return Verdict.MATCH
    places = decimals(printed)
    unit = Decimal(1).scaleb(-places)
    candidates = {computed.quantize(unit, rounding=ROUND_HALF_UP), computed.quantize(unit, rounding=ROUND_DOWN)}
    if places < 2:  # a figure first rounded to cents, then shortened
        cents = computed.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        candidates |= {cents.quantize(unit, rounding=ROUND_HALF_UP), cents.quantize(unit, rounding=ROUND_DOWN)}
    return Verdict.ROUNDING if printed in candidates else Verdict.DIFFERS


def normal_grade(grade: str | None) -> str | None:
    if grade is None:
        return None
    g = grade.strip().strip("“”\"'")
    return GRADE_SYNONYMS.get(g, g)


def grade_for(total: Decimal | None, bands: list[GradeBand]) -> str | None:
    if total is None:
        return None
    for b in bands:
        low_ok = b.low is None or (total >= b.low if b.low_inclusive else total > b.low)
        high_ok = b.high is None or (total <= b.high if b.high_inclusive else total < b.high)
        if low_ok and high_ok:
            return b.grade
    return None


# -- lines -----------------------------------------------------------------------------------------------
def execution_line(ev: PerformanceEvaluation, cfg: ScoringConfig) -> LineScore | None:
    b: BudgetLine | None = ev.budget
    if b is None or (b.weight is None and b.score is None):
        return None
    line = LineScore(kind="execution", label="预算执行率", weight=b.weight, printed=b.score, ref=b.ref)
    if b.weight is None:
        line.note = "权重未印或无法读取"
        line.verdict = compare(b.score, None)
        return line
    rate, basis = b.rate, "表中执行率"
    if rate is None and b.executed is not None and b.adjusted:
        rate, basis = b.executed / b.adjusted * HUNDRED, "执行数÷调整后预算数"
    if rate is None:
        line.note = "执行率无法读取"
        line.verdict = compare(b.score, None)
        return line
    capped = min(rate, HUNDRED)
    value = capped / HUNDRED * b.weight
    cap = "（超过 100% 按 100% 计）" if rate > HUNDRED else ""
    shown = f"{fmt(rate)}%" if basis == "表中执行率" else f"{fmt(b.executed)}÷{fmt(b.adjusted)} = {fmt(rate)}%"
    line.recomputed, line.basis = value, basis
    line.formula = f"执行率 {shown}{cap} × 权重 {fmt(b.weight)} = {fmt(value)}"
    line.met = rate >= HUNDRED
    line.verdict = compare(b.score, value)
    _tidy(line)
    return line


def _units_compatible(ind: Indicator) -> bool:
    t, a = ind.target, ind.actual
    tu, au = (t.unit or "").strip(), (a.unit or "").strip()
    if not tu or not au or tu == au:
        return True
    return tu.replace(" ", "") == au.replace(" ", "")


def _op(ind: Indicator, cfg: ScoringConfig) -> Operator | None:
    op = ind.effective_nature
    if op is Operator.QUALITATIVE and ind.target is not None and ind.target.kind is MeasureKind.NUMBER:
        op = ind.target.op or Operator.GE
    return op


def indicator_line(ind: Indicator, index: int, cfg: ScoringConfig) -> LineScore:
    line = LineScore(kind="indicator", index=index, label=ind.name, weight=ind.weight, printed=ind.score, ref=ind.ref)
    w = ind.weight
    t, a = ind.target, ind.actual
    value: Decimal | None = None
    unreadable = next((p for p in ind.problems if ("完成值" in p or "指标值" in p) and ("无法读取" in p or "未能读取" in p)), None)
    if a is None or unreadable:
        line.note = unreadable or "完成值未印或无法读取"
    elif t is None and a.kind is not MeasureKind.GRADE and ind.completion_rate is None:
        line.note = "指标值未印或无法读取"
    elif a.kind is MeasureKind.GRADE and (t is None or t.kind in (MeasureKind.SCALE, MeasureKind.GRADE, MeasureKind.TEXT)
                                         or ind.effective_nature is Operator.QUALITATIVE):
        value = _grade(ind, line, cfg)
    elif t is not None and t.kind is MeasureKind.NUMBER and a.kind is MeasureKind.NUMBER:
        value = _quantitative(ind, line, cfg, t.value, a.value, "指标值")
        adj = ind.adjusted_target
        if adj is not None and adj.kind is MeasureKind.NUMBER and adj.value != t.value and w is not None:
            alt = _quantitative(ind, LineScore(kind="x", label=""), cfg, adj.value, a.value, "调整后指标值")
            if alt is not None:
                line.alternatives.append(Alternative(label="按调整后指标值", value=alt))
    elif t is not None and t.kind is MeasureKind.DATE:
        value = _date(ind, line)
    elif t is not None and t.kind in (MeasureKind.SCALE, MeasureKind.GRADE, MeasureKind.TEXT) \
            and a.kind is MeasureKind.NUMBER and a.value == 0:
        line.met = False
        if w is not None:
            value = Decimal(0)
            line.formula = f"完成值 0（未完成）× 权重 {fmt(w)} = 0"
            line.basis = "未完成"
    else:
        value = _words(ind, line)
    if value is None and ind.adjusted_target is not None and ind.adjusted_target.kind is MeasureKind.NUMBER \
            and a is not None and a.kind is MeasureKind.NUMBER and w is not None:
        value = _quantitative(ind, line, cfg, ind.adjusted_target.value, a.value, "调整后指标值")
    if value is None and ind.completion_rate is not None and w is not None and line.met is None:
        rate = ind.completion_rate
        value = min(rate, HUNDRED) / HUNDRED * w
        line.met = rate >= HUNDRED
        line.basis = "表中完成率"
        line.formula = f"完成率 {fmt(rate)}% × 权重 {fmt(w)} = {fmt(value)}"
    if w is None:
        value = None
        line.note = line.note or "权重未印或无法读取"
    line.recomputed = value
    line.verdict = compare(ind.score, value)
    if line.verdict is Verdict.DIFFERS and ind.score is not None:
        for alt in line.alternatives:
            if compare(ind.score, alt.value) in (Verdict.MATCH, Verdict.ROUNDING):
                line.matches_alternative = alt.label
                break
    _expected_rate(ind, line)
    _tidy(line)
    return line


def _grade(ind: Indicator, line: LineScore, cfg: ScoringConfig) -> Decimal | None:
    g = normal_grade(ind.actual.grade)
    share = cfg.grade_shares.get(g) if g else None
    if share is None:
        line.note = f"等级“{ind.actual.grade}”不在等级比例表中"
        return None
    line.met = share >= 1
    line.basis = "等级比例"
    if ind.weight is None:
        return None
    value = share * ind.weight
    line.formula = f"等级“{ind.actual.grade}” {fmt(share * HUNDRED)}% × 权重 {fmt(ind.weight)} = {fmt(value)}"
    return value


def _quantitative(ind: Indicator, line: LineScore, cfg: ScoringConfig, t: Decimal, a: Decimal, tname: str) -> Decimal | None:
    if not _units_compatible(ind):
        line.note = f"指标值与完成值单位不同（{ind.target.unit} / {ind.actual.unit}）"
        return None
    op = _op(ind, cfg)
    w = ind.weight
    sign = {Operator.GE: "≥", Operator.GT: ">", Operator.LE: "≤", Operator.LT: "<", Operator.EQ: "="}.get(op, "≥")
    strict = cfg.strict_operators and op in (Operator.GT, Operator.LT)
    head = f"完成值 {fmt(a)}，{tname} {sign}{fmt(t)}"
    if op in (Operator.LE, Operator.LT):
        met = a < t if strict else a <= t
        line.met = met
        if w is None:
            return None
        if met:
            line.formula = f"{head}，已达标，得满分 {fmt(w)}"
            return w
        forms = {
            "target_over_actual": (t / a * w if a else Decimal(0), f"{tname} {fmt(t)} ÷ 完成值 {fmt(a)} × 权重 {fmt(w)}"),
            "linear_penalty": (max(Decimal(0), (1 - (a - t) / t) * w) if t else Decimal(0),
                               f"(1 − ({fmt(a)} − {fmt(t)}) ÷ {fmt(t)}) × 权重 {fmt(w)}"),
            "zero": (Decimal(0), "未达标不得分"),
        }
        value, expr = forms[cfg.le_formula]
        line.basis = f"反向指标：{LE_LABELS[cfg.le_formula]}"
        line.formula = f"{head}，未达标：{expr} = {fmt(value)}"
        line.alternatives += [Alternative(label=LE_LABELS[k], value=v) for k, (v, _) in forms.items() if k != cfg.le_formula]
        return value
    if op is Operator.EQ:
        line.met = a == t
        if w is None:
            return None
        if a == t:
            line.formula = f"{head}，已达标，得满分 {fmt(w)}"
            return w
        if a < t:
            value = a / t * w if t else Decimal(0)
            line.formula = f"{head}，未达标：完成值 {fmt(a)} ÷ {tname} {fmt(t)} × 权重 {fmt(w)} = {fmt(value)}"
            return value
        line.met = True if cfg.eq_over == "full" else False
        if cfg.eq_over == "full":
            line.formula = f"{head}，超过指标值，得满分 {fmt(w)}"
            return w
        value = t / a * w
        line.formula = f"{head}，超过指标值：{tname} {fmt(t)} ÷ 完成值 {fmt(a)} × 权重 {fmt(w)} = {fmt(value)}"
        return value
    # 正向 (≥, >), and numbers without a stated operator
    met = a > t if strict else a >= t
    line.met = met
    if w is None:
        return None
    if met:
        line.formula = f"{head}，已达标，得满分 {fmt(w)}"
        return w
    value = a / t * w if t else Decimal(0)
    line.formula = f"{head}，未达标：完成值 {fmt(a)} ÷ {tname} {fmt(t)} × 权重 {fmt(w)} = {fmt(value)}"
    return value


def _date(ind: Indicator, line: LineScore) -> Decimal | None:
    t, a = ind.target, ind.actual
    if a.kind is MeasureKind.DATE:
        key = lambda m: (m.year or 0, m.month or 12, m.day or 31)  # noqa: E731
        line.met = key(a) <= key(t)
    elif a.completed is not None:
        line.met = a.completed
    else:
        line.note = "完成时间无法判断"
        return None
    line.basis = "完成时限"
    if line.met and ind.weight is not None:
        line.formula = f"完成“{a.text}”，时限“{t.text}”，已达标，得满分 {fmt(ind.weight)}"
        return ind.weight
    return None


def _words(ind: Indicator, line: LineScore) -> Decimal | None:
    t, a = ind.target, ind.actual
    if a.completed is True or same_text(t, a):
        line.met = True
        line.basis = "完成情况与目标一致" if same_text(t, a) else "完成值表明已完成"
        if ind.weight is not None:
            line.formula = f"完成“{a.text}”，目标“{t.text if t else '—'}”，已达标，得满分 {fmt(ind.weight)}"
            return ind.weight
    elif a.completed is False:
        line.met = False
        line.basis = "完成值表明未完成"
    else:
        line.note = "目标为文字表述，无法据以复算"
    return None


def _expected_rate(ind: Indicator, line: LineScore) -> None:
    t, a = ind.target, ind.actual
    if ind.completion_rate is None or t is None or a is None:
        return
    if t.kind is not MeasureKind.NUMBER or a.kind is not MeasureKind.NUMBER or not t.value or not _units_compatible(ind):
        return
    op = ind.effective_nature
    if op in (Operator.LE, Operator.LT):
        line.expected_rate = HUNDRED if a.value <= t.value else t.value / a.value * HUNDRED
    else:
        line.expected_rate = a.value / t.value * HUNDRED


# -- an evaluation ----------------------------------------------------------------------------------------
def score_evaluation(ev: PerformanceEvaluation, cfg: ScoringConfig | None = None) -> EvaluationScore:
    cfg = cfg or ScoringConfig()
    out = EvaluationScore(label=ev.label, full_marks=cfg.full_marks, printed_total=ev.total_score, printed_grade=ev.grade)
    if ev.stage is Stage.TARGETS or not any(i.weight is not None or i.score is not None for i in ev.indicators):
        # targets only, or completion without weights: nothing to recompute but the weights
        weights = [i.weight for i in ev.indicators]
        if ev.indicators and all(w is not None for w in weights):
            out.weight_sum = sum(weights, Decimal(0))
        out.grade_for_total = grade_for(ev.total_score, ev.bands or cfg.band_list())
        out.bands_source = "document" if ev.bands else "config"
        return out
    exe = execution_line(ev, cfg)
    if exe is not None:
        out.lines.append(exe)
    for k, ind in enumerate(ev.indicators):
        out.lines.append(indicator_line(ind, k, cfg))
    printed = [ln.printed for ln in out.lines]
    if out.lines and all(p is not None for p in printed):
        out.printed_sum = sum(printed, Decimal(0))
    recomputed = [ln.recomputed if ln.recomputed is not None else ln.printed for ln in out.lines]
    if out.lines and all(v is not None for v in recomputed):
        out.recomputed_total = sum(recomputed, Decimal(0))
    if ev.total_score is not None:
        if out.printed_sum is not None:
            out.total_verdict = compare(ev.total_score, out.printed_sum)
            if out.total_verdict is Verdict.DIFFERS and out.recomputed_total is not None and \
                    compare(ev.total_score, out.recomputed_total) in (Verdict.MATCH, Verdict.ROUNDING):
                out.total_verdict = Verdict.ROUNDING
        elif out.recomputed_total is not None:
            out.total_verdict = compare(ev.total_score, out.recomputed_total)
    weights = [ln.weight for ln in out.lines]
    if out.lines and all(w is not None for w in weights):
        out.weight_sum = sum(weights, Decimal(0))
    bands = ev.bands or cfg.band_list()
    out.bands_source = "document" if ev.bands else "config"
    out.grade_for_total = grade_for(ev.total_score, bands)
    if ev.unreadable:
        out.notes.append(f"有 {len(ev.unreadable)} 行无法读取，合计与权重的核对可能不完整")
    return out


def score_all(evaluations: list[PerformanceEvaluation], cfg: ScoringConfig | None = None) -> list[EvaluationScore]:
    cfg = cfg or ScoringConfig()
    return [score_evaluation(e, cfg) for e in evaluations]
