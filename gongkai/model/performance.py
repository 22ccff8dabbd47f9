"""Performance (绩效) material: self-evaluation, completion and target tables as structured evaluations.

A `PerformanceEvaluation` is one printed evaluation (a 项目支出绩效自评表, a 部门整体支出绩效自评表, a
项目绩效目标完成情况表, or a 绩效目标表 that states targets only). Its figures keep the exact printed
precision (Decimal read straight from the printed text, so `Decimal("42.8")` remembers one decimal) and
point back at the generic table rows they were read from (`RowRef`), so findings can name the cell.

Targets and actual values are `Measure`s: a number with its operator and unit ("≥90%", "≤30万元"), a date
or deadline ("2020年12月前"), a grade scale ("优良中低差"), a single grade ("良"), or free text
("有所提升", "已完成"). What could not be read is recorded (`unreadable`, `readings`), never guessed.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum

from pydantic import BaseModel, Field

from gongkai.model.location import Span


class EvaluationKind(str, Enum):
    PROJECT = "project"
    DEPARTMENT = "部门整体"
    TRANSFER = "转移支付"


class Stage(str, Enum):
    """What the table reports: targets only, completion without scores, or a scored self-evaluation."""

    TARGETS = "绩效目标"
    COMPLETION = "完成情况"
    SELF_EVAL = "自评"


class Operator(str, Enum):
    """指标性质 as printed (or inferred from the target text)."""

    GE = "≥"
    GT = ">"
    LE = "≤"
    LT = "<"
    EQ = "="
    QUALITATIVE = "定性"

    @property
    def direction(self) -> int:
        """+1 the more the better (正向), −1 the less the better (反向), 0 equal/qualitative."""
        return {"≥": 1, ">": 1, "≤": -1, "<": -1}.get(self.value, 0)


class MeasureKind(str, Enum):
    NUMBER = "number"  # 90 %, ≥3345816 人, 1300 万元
    DATE = "date"  # 2020年12月前, 2021年12月31日前
    SCALE = "scale"  # 优良中低差: the grades a qualitative indicator is judged on
    GRADE = "grade"  # 优 / 良 / 较好 …: one grade
    TEXT = "text"  # 有所提升, 及时完成, 已完成 …


class Measure(BaseModel):
    """A target or an actual value as printed, and what it says."""

    text: str = Field(description="the printed text (cells joined), unchanged")
    kind: MeasureKind
    op: Operator | None = Field(default=None, description="operator printed in the value (≥90%) or its wording (不低于)")
    value: Decimal | None = Field(default=None, description="the number, exactly as printed")
    unit: str | None = Field(default=None, description="unit printed with the value or in the 度量单位 cell")
    year: int | None = None
    month: int | None = None
    day: int | None = None
    deadline: bool = Field(default=False, description="a date meant as 'by then' (…前, …底前, …之前, …内)")
    grade: str | None = Field(default=None, description="the grade, for GRADE")
    scale: list[str] = Field(default_factory=list, description="the grades, for SCALE (优, 良, 中, 低, 差)")
    completed: bool | None = Field(default=None, description="the text states completion (已完成) or not (未完成)")

    def __str__(self) -> str:
        return self.text


class RowRef(BaseModel):
    """Where a line of an evaluation was printed: a row of Document.tables, and the column of each field."""

    table_index: int
    row_index: int | None = Field(default=None, description="index in Table.rows (None for a row the recogniser dropped)")
    columns: dict[str, str] = Field(default_factory=dict, description="field → column key (c1…cN)")
    span: Span | None = None


class Indicator(BaseModel):
    level1: str | None = Field(default=None, description="一级指标 (产出/效益/满意度…)")
    level2: str | None = Field(default=None, description="二级指标 (数量指标/质量指标…)")
    level3: str | None = Field(default=None, description="三级指标: the indicator's own name")
    nature: Operator | None = Field(default=None, description="指标性质, printed or inferred")
    nature_text: str | None = Field(default=None, description="the 指标性质 cell as printed")
    nature_inferred: bool = Field(default=False, description="nature not printed; read from the target text or the indicator kind")
    target: Measure | None = Field(default=None, description="指标值 / 年度指标值 / 目标值 / 预期指标值")
    adjusted_target: Measure | None = Field(default=None, description="调整后指标值, when printed")
    actual: Measure | None = Field(default=None, description="完成值 / 实际完成值 / 业绩值")
    unit: str | None = Field(default=None, description="度量单位 cell, when printed separately")
    weight: Decimal | None = Field(default=None, description="权重 / 分值")
    score: Decimal | None = Field(default=None, description="得分 as printed")
    completion_rate: Decimal | None = Field(default=None, description="完成率 as printed, in percent")
    completion_rate_text: str | None = None
    reason: str | None = Field(default=None, description="未完成原因 / 偏差原因")
    description: str | None = Field(default=None, description="绩效指标描述 (target tables)")
    basis: str | None = Field(default=None, description="指标值确定依据 (target tables)")
    ref: RowRef | None = None
    merged_rows: list[int] = Field(default_factory=list, description="other row indexes folded in (wrapped cells)")
    problems: list[str] = Field(default_factory=list, description="cells that could not be read")

    @property
    def name(self) -> str:
        return self.level3 or self.level2 or self.level1 or "（未印名称）"

    @property
    def effective_nature(self) -> Operator | None:
        if self.nature is not None:
            return self.nature
        if self.target is not None and self.target.op is not None:
            return self.target.op
        return None


class BudgetLine(BaseModel):
    """One line of the 预算执行情况 block (总额, or a funding source such as 其中：财政资金)."""

    label: str
    initial: Decimal | None = Field(default=None, description="年初预算数")
    adjusted: Decimal | None = Field(default=None, description="调整后预算数 / 全年预算数 / 预算数")
    executed: Decimal | None = Field(default=None, description="执行数")
    rate: Decimal | None = Field(default=None, description="执行率 as printed, in percent")
    rate_text: str | None = None
    weight: Decimal | None = Field(default=None, description="权重 / 分值 (usually 10)")
    score: Decimal | None = Field(default=None, description="得分 as printed")
    reason: str | None = None
    ref: RowRef | None = None
    problems: list[str] = Field(default_factory=list)


class GradeBand(BaseModel):
    """A grade band, e.g. 优: 90 ≤ total ≤ 100."""

    grade: str
    low: Decimal | None = None
    high: Decimal | None = None
    low_inclusive: bool = True
    high_inclusive: bool = False
    text: str | None = Field(default=None, description="the printed wording, when read from the document")


class StatedScore(BaseModel):
    """A score stated in words (评价结论 cell or the narrative), to be compared with the table."""

    value: Decimal
    label: str = Field(default="总分", description="总分, or the part it scores (产出情况, 预算执行情况 …)")
    grade: str | None = Field(default=None, description="等级/等次 stated with it, if any")
    text: str = Field(description="the sentence fragment")
    source: str = Field(description="table (a conclusion cell of the evaluation) or narrative")
    section: list[str] = Field(default_factory=list)
    span: Span | None = None
    ref: RowRef | None = None


class UnreadableRow(BaseModel):
    table_index: int
    row_index: int | None = None
    span: Span | None = None
    text: str = ""
    reason: str = ""


class PerformanceEvaluation(BaseModel):
    kind: EvaluationKind
    stage: Stage
    template_id: str | None = None
    title: str = Field(default="", description="printed table title")
    name: str | None = Field(default=None, description="项目名称 (or the department for 部门整体)")
    code: str | None = Field(default=None, description="项目编码, when printed with the name")
    department: str | None = Field(default=None, description="主管部门")
    budget_unit: str | None = Field(default=None, description="预算单位")
    implementing_unit: str | None = Field(default=None, description="实施单位")
    budget: BudgetLine | None = Field(default=None, description="预算执行 总额 line (年初预算, 调整后预算, 执行数, 执行率, 权重, 得分)")
    funds: list[BudgetLine] = Field(default_factory=list, description="其中 lines by funding source")
    goal: str | None = Field(default=None, description="年度目标 / 预期目标")
    achieved: str | None = Field(default=None, description="实际完成情况")
    indicators: list[Indicator] = Field(default_factory=list)
    total_score: Decimal | None = Field(default=None, description="printed 合计 / 总分 score")
    total_weight: Decimal | None = Field(default=None, description="printed 合计 of 权重/分值, if any")
    total_ref: RowRef | None = None
    grade: str | None = Field(default=None, description="printed 等级 / 评价等次")
    grade_ref: RowRef | None = None
    bands: list[GradeBand] = Field(default_factory=list, description="grade bands printed in the document")
    bands_text: str | None = None
    has_reason_column: bool = Field(default=False, description="the table prints a 未完成原因 / 偏差原因 column")
    stated: list[StatedScore] = Field(default_factory=list, description="scores stated in words about this evaluation")
    table_indexes: list[int] = Field(default_factory=list)
    span: Span | None = None
    unreadable: list[UnreadableRow] = Field(default_factory=list, description="rows that could not be read")
    readings: list[str] = Field(default_factory=list, description="reading choices made")

    @property
    def label(self) -> str:
        return self.name or self.title or "（未识别名称）"

    @property
    def scored(self) -> bool:
        return any(i.score is not None for i in self.indicators) or self.total_score is not None
