"""The compose input: everything a finance officer fills in, as one validated pydantic model.

The workbook (`gongkai template`), JSON and YAML all produce a `ComposeInput`. Money is Decimal in 万元
with at most two decimals; nothing derived (totals, 类/款 subtotals, shares, 年末 per line) is typed in.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

MONEY_PLACES = 2


def _money(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError("不是有效的金额")
    if value.as_tuple().exponent < -MONEY_PLACES and value != value.quantize(Decimal("0.01")):
        raise ValueError("金额最多保留两位小数（单位：万元）")
    if value < 0:
        raise ValueError("金额不能为负数")
    return value.quantize(Decimal("0.01"))


def _count(value: int) -> int:
    if value < 0:
        raise ValueError("数量不能为负数")
    return value


Money = Annotated[Decimal, AfterValidator(_money)]
Count = Annotated[int, AfterValidator(_count)]
ZERO = Decimal("0.00")


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class UnitInfo(_Base):
    """单位信息."""

    name: str = Field(description="部门（单位）名称，如 示例市医疗保障局", min_length=2)
    year: int = Field(description="年度（决算年度或预算年度）", ge=2017, le=2100)
    kind: str = Field(default="部门决算", description="文件类型：部门决算 或 部门预算")
    profile: str | None = Field(default=None, description="模板口径：national_final、hunan_final、shanxi_final、"
                                                          "sichuan_final、shanghai_final …")
    region: str | None = Field(default=None, description="地区（省、市、县）")
    responsibilities: str = Field(default="", description="部门职责（主要职能）")
    structure: str = Field(default="", description="机构设置情况")
    members: list[str] = Field(default_factory=list, description="纳入部门决算编制范围的单位")
    performance_text: str = Field(default="", description="预算绩效管理情况（文字，可空）")
    other_text: str = Field(default="", description="其他需要说明的事项（文字，可空）")

    @field_validator("kind")
    @classmethod
    def _kind(cls, v: str) -> str:
        if v not in ("部门决算", "部门预算"):
            raise ValueError("文件类型应为“部门决算”或“部门预算”")
        return v


class FunctionalLine(_Base):
    """One 支出功能分类 项 (7-digit code) and every figure the unit records against it."""

    code: str = Field(description="功能分类科目编码（项级，7位）")
    name: str = Field(description="科目名称（须与当年科目表一致）")
    # 本年收入, by source
    inc_gpb: Money = Field(default=ZERO, description="一般公共预算财政拨款收入")
    inc_gf: Money = Field(default=ZERO, description="政府性基金预算财政拨款收入")
    inc_soe: Money = Field(default=ZERO, description="国有资本经营预算财政拨款收入")
    inc_upper: Money = Field(default=ZERO, description="上级补助收入")
    inc_business: Money = Field(default=ZERO, description="事业收入")
    inc_operating: Money = Field(default=ZERO, description="经营收入")
    inc_affiliated: Money = Field(default=ZERO, description="附属单位上缴收入")
    inc_other: Money = Field(default=ZERO, description="其他收入")
    # 本年支出 (all sources), by nature
    exp_basic: Money = Field(default=ZERO, description="基本支出")
    exp_project: Money = Field(default=ZERO, description="项目支出")
    exp_upper_remit: Money = Field(default=ZERO, description="上缴上级支出")
    exp_operating: Money = Field(default=ZERO, description="经营支出")
    exp_affiliated_subsidy: Money = Field(default=ZERO, description="对附属单位补助支出")
    # of which 财政拨款支出, by fund and 基本/项目
    gpb_basic: Money = Field(default=ZERO, description="一般公共预算财政拨款基本支出")
    gpb_project: Money = Field(default=ZERO, description="一般公共预算财政拨款项目支出")
    gf_basic: Money = Field(default=ZERO, description="政府性基金预算财政拨款基本支出")
    gf_project: Money = Field(default=ZERO, description="政府性基金预算财政拨款项目支出")
    soe_basic: Money = Field(default=ZERO, description="国有资本经营预算财政拨款基本支出")
    soe_project: Money = Field(default=ZERO, description="国有资本经营预算财政拨款项目支出")
    # 结转 of the fund tables, per line
    gf_begin: Money = Field(default=ZERO, description="政府性基金 年初结转和结余")
    soe_begin: Money = Field(default=ZERO, description="国有资本经营 年初结转和结余")
    # 一般公共预算财政拨款支出: budgets and last year
    budget_initial: Money = Field(default=ZERO, description="年初预算数（一般公共预算财政拨款）")
    budget_adjusted: Money | None = Field(default=None, description="调整预算数（全年预算数），空则等于年初预算")
    prior: Money = Field(default=ZERO, description="上年决算数（一般公共预算财政拨款支出）")
    purpose: str = Field(default="", description="主要用于（文字）")
    reason: str = Field(default="", description="决算数与预算数差异的主要原因（文字）")

    @field_validator("code", mode="before")
    @classmethod
    def _code(cls, v):
        return str(v).strip().split(".")[0] if v is not None else v

    # derived, per line
    @property
    def income(self) -> Decimal:
        return (self.inc_gpb + self.inc_gf + self.inc_soe + self.inc_upper + self.inc_business
                + self.inc_operating + self.inc_affiliated + self.inc_other)

    @property
    def expenditure(self) -> Decimal:
        return self.exp_basic + self.exp_project + self.exp_upper_remit + self.exp_operating + self.exp_affiliated_subsidy

    @property
    def budget_full(self) -> Decimal:
        return self.budget_adjusted if self.budget_adjusted is not None else self.budget_initial


class EconomicLine(_Base):
    """One 经济分类 款 of 一般公共预算财政拨款基本支出 (and, for 四川, 项目支出)."""

    code: str = Field(description="经济分类科目编码（款级，5位）")
    name: str = Field(description="科目名称")
    basic: Money = Field(default=ZERO, description="一般公共预算财政拨款基本支出")
    project: Money = Field(default=ZERO, description="一般公共预算财政拨款项目支出（四川口径用）")

    @field_validator("code", mode="before")
    @classmethod
    def _code(cls, v):
        return str(v).strip().split(".")[0] if v is not None else v


class GpbEconomicLine(_Base):
    """One 功能分类 项's 一般公共预算财政拨款支出 (基本 + 项目) split by 经济分类 类 — the 四川 公开07表."""

    code: str = Field(description="功能分类科目编码（项级，7位），须是“功能分类收支”中的科目")
    name: str = Field(default="", description="科目名称（可空，按编码取功能分类收支中的名称）")
    amounts: dict[str, Money] = Field(default_factory=dict,
                                      description="经济分类类级编码（3位，如 301、302）→ 一般公共预算财政拨款支出金额")

    @field_validator("code", mode="before")
    @classmethod
    def _code(cls, v):
        return str(v).strip().split(".")[0] if v is not None else v

    @field_validator("amounts", mode="before")
    @classmethod
    def _keys(cls, v):
        if isinstance(v, dict):
            return {str(k).strip().split(".")[0]: x for k, x in v.items() if x is not None}
        return v

    @field_validator("amounts")
    @classmethod
    def _nonzero(cls, v: dict) -> dict:
        return {k: x for k, x in v.items() if x}  # an empty cell and 0 say the same

    @property
    def total(self) -> Decimal:
        return sum(self.amounts.values(), ZERO)


class FundBalance(_Base):
    """年初/年末 结转和结余 of one fund."""

    begin: Money = ZERO
    end: Money = ZERO


class Balances(_Base):
    gpb: FundBalance = Field(default_factory=FundBalance, description="一般公共预算财政拨款")
    gf: FundBalance = Field(default_factory=FundBalance, description="政府性基金预算财政拨款")
    soe: FundBalance = Field(default_factory=FundBalance, description="国有资本经营预算财政拨款")
    other: FundBalance = Field(default_factory=FundBalance, description="非财政拨款资金")
    use_surplus: Money = Field(default=ZERO, description="使用非财政拨款结余")
    distribution: Money = Field(default=ZERO, description="结余分配")


class ThreePublicItem(_Base):
    budget: Money = ZERO
    actual: Money = ZERO
    prior: Money = ZERO
    reason: str = Field(default="", description="决算数与预算数（及上年）差异的原因")


class ThreePublic(_Base):
    abroad: ThreePublicItem = Field(default_factory=ThreePublicItem, description="因公出国（境）费")
    vehicle_buy: ThreePublicItem = Field(default_factory=ThreePublicItem, description="公务用车购置费")
    vehicle_run: ThreePublicItem = Field(default_factory=ThreePublicItem, description="公务用车运行维护费")
    reception: ThreePublicItem = Field(default_factory=ThreePublicItem, description="公务接待费")
    groups: Count = Field(default=0, description="因公出国（境）团组数")
    travellers: Count = Field(default=0, description="因公出国（境）人次")
    vehicles_bought: Count = Field(default=0, description="购置公务用车数（辆）")
    vehicles_held: Count = Field(default=0, description="年末公务用车保有量（辆）")
    reception_batches: Count = Field(default=0, description="国内公务接待批次")
    reception_people: Count = Field(default=0, description="国内公务接待人次")
    foreign_batches: Count = Field(default=0, description="外事接待批次")
    foreign_people: Count = Field(default=0, description="外事接待人次")


class Procurement(_Base):
    goods: Money = Field(default=ZERO, description="政府采购货物支出")
    works: Money = Field(default=ZERO, description="政府采购工程支出")
    services: Money = Field(default=ZERO, description="政府采购服务支出")
    sme: Money = Field(default=ZERO, description="授予中小企业合同金额")
    small_micro: Money = Field(default=ZERO, description="其中：授予小微企业合同金额")

    @property
    def total(self) -> Decimal:
        return self.goods + self.works + self.services


class Running(_Base):
    """机关运行经费."""

    admin: Money = Field(default=ZERO, description="行政单位机关运行经费")
    civil_service: Money = Field(default=ZERO, description="参照公务员法管理事业单位机关运行经费")
    prior: Money = Field(default=ZERO, description="上年机关运行经费")
    reason: str = Field(default="", description="变动原因")

    @property
    def total(self) -> Decimal:
        return self.admin + self.civil_service


VEHICLE_KINDS = {
    "ministerial": "副部（省）级及以上领导用车", "leader": "主要领导干部用车", "confidential": "机要通信用车",
    "emergency": "应急保障用车", "enforcement": "执法执勤用车", "special": "特种专业技术用车",
    "retired": "离退休干部用车", "other": "其他用车",
}


class Assets(_Base):
    """国有资产占用 (counts at 12月31日)."""

    vehicles: dict[str, Count] = Field(default_factory=dict, description="车辆数，按用途：" + "、".join(
        f"{k}={v}" for k, v in VEHICLE_KINDS.items()))
    equipment_general: Count = Field(default=0, description="单价50万元以上通用设备（台、套）")
    equipment_special: Count = Field(default=0, description="单价100万元以上专用设备（台、套）")

    @field_validator("vehicles")
    @classmethod
    def _kinds(cls, v: dict[str, int]) -> dict[str, int]:
        unknown = set(v) - set(VEHICLE_KINDS)
        if unknown:
            raise ValueError(f"未知的车辆用途：{'、'.join(sorted(unknown))}")
        return v

    @property
    def vehicles_total(self) -> int:
        return sum(self.vehicles.values())


class Prior(_Base):
    """上年决算数, for the 变动 narrative and charts."""

    grand: Money = Field(default=ZERO, description="上年收入支出总计")
    income: Money = Field(default=ZERO, description="上年本年收入合计")
    expenditure: Money = Field(default=ZERO, description="上年本年支出合计")
    fiscal_grand: Money = Field(default=ZERO, description="上年财政拨款收入支出总计")
    gpb_expenditure: Money = Field(default=ZERO, description="上年一般公共预算财政拨款支出")
    gpb_basic: Money = Field(default=ZERO, description="上年一般公共预算财政拨款基本支出")


class Reasons(_Base):
    """The user's explanations, inserted into the 情况说明."""

    grand: str = Field(default="", description="收入支出总计变动的主要原因")
    income: str = Field(default="", description="收入变动的主要原因")
    expenditure: str = Field(default="", description="支出变动的主要原因")
    fiscal: str = Field(default="", description="财政拨款收入支出变动的主要原因")
    gpb: str = Field(default="", description="一般公共预算财政拨款支出变动的主要原因")
    gpb_budget: str = Field(default="", description="一般公共预算财政拨款支出决算数与年初预算数差异的主要原因")
    three_public: str = Field(default="", description="“三公”经费决算数与预算数差异的主要原因")
    gov_fund: str = Field(default="", description="政府性基金预算财政拨款收支情况说明")
    soe: str = Field(default="", description="国有资本经营预算财政拨款收支情况说明")


NATURES = ("≥", "≤", "=", "定性")
NATURE_SYNONYMS = {">=": "≥", "＞＝": "≥", "≧": "≥", "<=": "≤", "＜＝": "≤", "≦": "≤", "＝": "=", "==": "=",
                   "正向": "≥", "反向": "≤", "定量": "≥"}


class PerfFund(_Base):
    """One funding source of a project: 年初预算数, 全年预算数 (调整后), 全年执行数."""

    initial: Money = Field(default=ZERO, description="年初预算数")
    adjusted: Money | None = Field(default=None, description="全年预算数（调整后），空则等于年初预算数")
    executed: Money = Field(default=ZERO, description="全年执行数")

    @property
    def full(self) -> Decimal:
        return self.adjusted if self.adjusted is not None else self.initial


class PerfIndicator(_Base):
    """One 绩效指标 of a project: names, 指标性质, target and actual values; the score is computed."""

    level1: str = Field(description="一级指标：产出指标、效益指标、满意度指标、成本指标", min_length=1)
    level2: str = Field(description="二级指标：数量指标、质量指标、时效指标、社会效益指标 …", min_length=1)
    level3: str = Field(description="三级指标：指标名称", min_length=1)
    nature: str = Field(default="≥", description="指标性质：≥（正向）、≤（反向）、=、定性")
    target: str = Field(description="年度指标值（数值或文字，如 95、2023年12月前、优良中低差）", min_length=1)
    target_unit: str = Field(default="", description="指标值计量单位，如 %、人次、万元")
    actual: str = Field(description="实际完成值（数值，或定性指标的等级 优/良/中/低/差）", min_length=1)
    actual_unit: str = Field(default="", description="完成值计量单位，空则同指标值")
    weight: Decimal = Field(description="分值（权重）", ge=0, le=100)
    reason: str = Field(default="", description="未完成原因（偏差原因分析及改进措施）")

    @field_validator("target", "actual", mode="before")
    @classmethod
    def _text(cls, v):
        if isinstance(v, (int, float, Decimal)):
            return str(v)
        return v

    @field_validator("nature", mode="before")
    @classmethod
    def _nature(cls, v):
        t = str(v or "≥").strip().replace(" ", "")
        t = NATURE_SYNONYMS.get(t, t)
        if t not in NATURES:
            raise ValueError(f"指标性质应为 {'、'.join(NATURES)} 之一")
        return t

    @property
    def unit_of_actual(self) -> str:
        return self.actual_unit or self.target_unit


class PerfProject(_Base):
    """One project of the 项目支出绩效自评表: the unit types figures and texts; every score is computed."""

    name: str = Field(description="项目名称", min_length=2)
    department: str = Field(default="", description="主管部门，空则为本部门")
    implementer: str = Field(default="", description="实施单位，空则为本部门")
    fiscal: PerfFund = Field(default_factory=PerfFund, description="其中：当年财政拨款")
    carryover: PerfFund = Field(default_factory=PerfFund, description="上年结转资金")
    other: PerfFund = Field(default_factory=PerfFund, description="其他资金")
    execution_weight: Decimal = Field(default=Decimal(10), description="预算执行率分值（通常 10）", ge=0, le=100)
    goal: str = Field(default="", description="年度总体目标：预期目标")
    achieved: str = Field(default="", description="年度总体目标：实际完成情况")
    indicators: list[PerfIndicator] = Field(description="绩效指标", min_length=1)

    @property
    def funds(self) -> list[tuple[str, PerfFund]]:
        return [("其中：当年财政拨款", self.fiscal), ("上年结转资金", self.carryover), ("其他资金", self.other)]

    @property
    def initial(self) -> Decimal:
        return self.fiscal.initial + self.carryover.initial + self.other.initial

    @property
    def full(self) -> Decimal:
        return self.fiscal.full + self.carryover.full + self.other.full

    @property
    def executed(self) -> Decimal:
        return self.fiscal.executed + self.carryover.executed + self.other.executed


class ComposeInput(_Base):
    """Everything needed to compose one 部门决算 disclosure."""

    unit: UnitInfo
    lines: list[FunctionalLine] = Field(description="功能分类 项级 收支", min_length=1)
    economic: list[EconomicLine] = Field(default_factory=list, description="经济分类 款级 基本支出（四川另填项目支出）")
    gpb_by_economic: list[GpbEconomicLine] = Field(
        default_factory=list, description="一般公共预算财政拨款支出 功能分类（项）× 经济分类（类）；四川口径必填，其他口径不用")
    balances: Balances = Field(default_factory=Balances)
    three_public: ThreePublic = Field(default_factory=ThreePublic)
    running: Running = Field(default_factory=Running)
    procurement: Procurement = Field(default_factory=Procurement)
    assets: Assets = Field(default_factory=Assets)
    prior: Prior = Field(default_factory=Prior)
    reasons: Reasons = Field(default_factory=Reasons)
    performance: list[PerfProject] = Field(default_factory=list, description="项目支出绩效自评（得分由系统计算）")
