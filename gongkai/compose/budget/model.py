"""The 部门预算 compose input: what a finance officer fills in for a budget disclosure.

The workbook (`gongkai template --kind 部门预算`), JSON and YAML all produce a `BudgetInput`. Amounts are
Decimal in the unit the input declares (`amount_unit`: 万元 or 元) with at most two decimals; nothing derived
(类/款 subtotals, totals, the 财政拨款 项目支出 of a line, shares, year-on-year changes) is typed in.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from gongkai.compose.model import VEHICLE_KINDS, UnitInfo

ZERO = Decimal("0.00")
AMOUNT_UNITS = ("万元", "元")
CATEGORIES = ("货物", "工程", "服务")
# 政府采购 funding columns (河北 部门政府采购预算)
PROCUREMENT_SOURCES = {"gpb": "一般公共预算拨款", "gf": "基金预算拨款", "soe": "国有资本经营预算拨款",
                       "special": "财政专户核拨", "unit": "单位资金"}


def _money(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError("不是有效的金额")
    if value != value.quantize(Decimal("0.01")):
        raise ValueError("金额最多保留两位小数")
    if value < 0:
        raise ValueError("金额不能为负数")
    return value.quantize(Decimal("0.01"))


def _quantity(value: Decimal) -> Decimal:
    if not value.is_finite() or value < 0:
        raise ValueError("数量不能为负数")
    if value != value.quantize(Decimal("0.01")):
        raise ValueError("数量最多保留两位小数")
    return value


def _count(value: int) -> int:
    if value < 0:
        raise ValueError("数量不能为负数")
    return value


Money = Annotated[Decimal, AfterValidator(_money)]
Quantity = Annotated[Decimal, AfterValidator(_quantity)]
Count = Annotated[int, AfterValidator(_count)]


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _code_text(v):
    return str(v).strip().split(".")[0] if v is not None else v


class BudgetLine(_Base):
    """One 支出功能分类 项 (7-digit code): its budget by source of funds and by 基本/项目."""

    code: str = Field(description="功能分类科目编码（项级，7位）")
    name: str = Field(description="科目名称（须与当年科目表一致）")
    # 当年收入, by source
    gpb: Money = Field(default=ZERO, description="一般公共预算拨款")
    gf: Money = Field(default=ZERO, description="政府性基金预算拨款")
    soe: Money = Field(default=ZERO, description="国有资本经营预算拨款")
    special: Money = Field(default=ZERO, description="财政专户管理资金")
    business: Money = Field(default=ZERO, description="事业收入")
    operating: Money = Field(default=ZERO, description="事业单位经营收入")
    other: Money = Field(default=ZERO, description="其他收入")
    carryover: Money = Field(default=ZERO, description="上年结转资金（动用部分）")
    # 支出 (all sources), by nature
    basic: Money = Field(default=ZERO, description="基本支出")
    project: Money = Field(default=ZERO, description="项目支出")
    reserve: Money = Field(default=ZERO, description="单位预留机动经费（江苏口径，由一般公共预算拨款安排）")
    # of which 财政拨款 基本支出, by fund (项目支出 of a fund = its 拨款 − its 基本支出)
    gpb_basic: Money = Field(default=ZERO, description="其中：一般公共预算拨款安排的基本支出")
    gf_basic: Money = Field(default=ZERO, description="其中：政府性基金预算拨款安排的基本支出")
    soe_basic: Money = Field(default=ZERO, description="其中：国有资本经营预算拨款安排的基本支出")
    # 上海 单位预算: the 财务收支预算总表 splits each 类's 基本支出 (all funds) into 人员经费 and 公用经费
    basic_public: Money = Field(default=ZERO, description="其中：基本支出中的公用经费（上海单位预算口径，全部资金）")
    prior: Money = Field(default=ZERO, description="上年一般公共预算拨款预算数")
    purpose: str = Field(default="", description="主要用于（文字）")
    reason: str = Field(default="", description="比上年增减的主要原因（文字）")

    @field_validator("code", mode="before")
    @classmethod
    def _code(cls, v):
        return _code_text(v)

    @property
    def income(self) -> Decimal:
        """当年收入 (all sources but 上年结转)."""
        return self.gpb + self.gf + self.soe + self.special + self.business + self.operating + self.other

    @property
    def sources(self) -> Decimal:
        return self.income + self.carryover

    @property
    def expenditure(self) -> Decimal:
        return self.basic + self.project + self.reserve

    @property
    def basic_personnel(self) -> Decimal:
        """基本支出中的人员经费 (上海 单位预算): 基本支出 − 公用经费."""
        return self.basic - self.basic_public

    @property
    def gpb_project(self) -> Decimal:
        return self.gpb - self.gpb_basic - self.reserve

    @property
    def gf_project(self) -> Decimal:
        return self.gf - self.gf_basic

    @property
    def soe_project(self) -> Decimal:
        return self.soe - self.soe_basic


class BudgetEconomicLine(_Base):
    """One 部门预算支出经济分类 款 of 一般公共预算基本支出, with its 机关运行经费 part."""

    code: str = Field(description="经济分类科目编码（款级，5位）")
    name: str = Field(default="", description="科目名称（空则取科目表名称）")
    basic: Money = Field(default=ZERO, description="一般公共预算基本支出")
    running: Money = Field(default=ZERO, description="其中：机关运行经费")

    @field_validator("code", mode="before")
    @classmethod
    def _code(cls, v):
        return _code_text(v)


class BudgetItem(_Base):
    budget: Money = Field(default=ZERO, description="本年预算数")
    prior: Money = Field(default=ZERO, description="上年预算数")
    reason: str = Field(default="", description="增减变化的主要原因")


class BudgetThreePublic(_Base):
    """财政拨款“三公”经费 (and, for 江苏, 会议费、培训费) budget against last year's budget."""

    abroad: BudgetItem = Field(default_factory=BudgetItem, description="因公出国（境）费")
    vehicle_buy: BudgetItem = Field(default_factory=BudgetItem, description="公务用车购置费")
    vehicle_run: BudgetItem = Field(default_factory=BudgetItem, description="公务用车运行维护费")
    reception: BudgetItem = Field(default_factory=BudgetItem, description="公务接待费")
    meeting: BudgetItem = Field(default_factory=BudgetItem, description="会议费（江苏口径）")
    training: BudgetItem = Field(default_factory=BudgetItem, description="培训费（江苏口径）")
    vehicles_planned: Count = Field(default=0, description="预算安排购置公务用车数（辆）")


class BudgetRunning(_Base):
    """机关运行经费: the amount is the 经济分类 lines' 机关运行经费; here last year's and the reason."""

    prior: Money = Field(default=ZERO, description="上年机关运行经费预算数")
    reason: str = Field(default="", description="增减变化的主要原因")
    admin_units: Count = Field(default=0, description="行政单位（机关）家数")
    civil_service_units: Count = Field(default=0, description="参照公务员法管理事业单位家数")


class ProcurementItem(_Base):
    """One line of the 政府采购预算: what is bought, how, and with which money."""

    category: str = Field(description="品目大类：货物、工程、服务")
    project: str = Field(default="", description="项目（专项）名称")
    economic: str = Field(default="", description="经济科目（名称）")
    item: str = Field(description="采购物品名称", min_length=1)
    catalogue_no: str = Field(default="", description="政府采购目录序号")
    method: str = Field(default="", description="采购组织形式：政府集中采购、部门集中采购、分散采购")
    measure: str = Field(default="", description="计量单位")
    quantity: Quantity | None = Field(default=None, description="数量")
    price: Money | None = Field(default=None, description="单价")
    amount: Money = Field(description="采购金额")
    source: str = Field(default="gpb", description="资金来源：" + "、".join(f"{k}={v}" for k, v in PROCUREMENT_SOURCES.items()))

    @field_validator("category")
    @classmethod
    def _category(cls, v: str) -> str:
        v = v.rstrip("类ABC").strip()
        if v not in CATEGORIES:
            raise ValueError(f"品目大类应为 {'、'.join(CATEGORIES)} 之一")
        return v

    @field_validator("source", mode="before")
    @classmethod
    def _source(cls, v):
        text = str(v or "gpb").strip()
        by_name = {name: key for key, name in PROCUREMENT_SOURCES.items()}
        text = by_name.get(text, text)
        if text not in PROCUREMENT_SOURCES:
            raise ValueError(f"资金来源应为 {'、'.join(PROCUREMENT_SOURCES.values())} 之一")
        return text


class BudgetProcurement(_Base):
    items: list[ProcurementItem] = Field(default_factory=list, description="政府采购预算明细")
    sme: Money = Field(default=ZERO, description="面向中小企业预留的采购项目预算金额")
    small_micro: Money = Field(default=ZERO, description="其中：预留给小型和微型企业的金额")


class BudgetAssets(_Base):
    """国有资产占用 (at a stated date) and the purchases this budget plans."""

    as_of: str = Field(default="", description="统计截止日期，如 2024年12月31日")
    vehicles: dict[str, Count] = Field(default_factory=dict, description="车辆数，按用途：" + "、".join(
        f"{k}={v}" for k, v in VEHICLE_KINDS.items()))
    vehicle_value: Money = Field(default=ZERO, description="车辆价值")
    buildings_area: Quantity = Field(default=Decimal(0), description="房屋（平方米）")
    buildings_value: Money = Field(default=ZERO, description="房屋价值")
    office_area: Quantity = Field(default=Decimal(0), description="其中：办公用房（平方米）")
    office_value: Money = Field(default=ZERO, description="其中：办公用房价值")
    equipment_threshold: Count = Field(default=100, description="大型设备的单价标准（万元）：上海 100，江苏、河北 20")
    equipment: Count = Field(default=0, description="单价在标准以上的设备（台、套）")
    equipment_value: Money = Field(default=ZERO, description="单价在标准以上的设备价值")
    other_value: Money = Field(default=ZERO, description="其他固定资产价值")
    planned_vehicles: dict[str, Count] = Field(default_factory=dict, description="本年预算安排购置车辆，按用途")
    planned_equipment: Count = Field(default=0, description="本年预算安排购置单价在标准以上的设备（台、套）")
    planned_value: Money = Field(default=ZERO, description="本年拟购置固定资产总额")

    @field_validator("vehicles", "planned_vehicles")
    @classmethod
    def _kinds(cls, v: dict[str, int]) -> dict[str, int]:
        unknown = set(v) - set(VEHICLE_KINDS)
        if unknown:
            raise ValueError(f"未知的车辆用途：{'、'.join(sorted(unknown))}")
        return v

    @property
    def vehicles_total(self) -> int:
        return sum(self.vehicles.values())

    @property
    def planned_vehicles_total(self) -> int:
        return sum(self.planned_vehicles.values())

    @property
    def total_value(self) -> Decimal:
        return self.buildings_value + self.vehicle_value + self.equipment_value + self.other_value

    @property
    def given(self) -> bool:
        return bool(self.vehicles_total or self.total_value or self.equipment or self.buildings_area
                    or self.planned_vehicles_total or self.planned_equipment or self.planned_value)


class BudgetPrior(_Base):
    """上年预算数 of the totals (the 一般公共预算拨款 by 科目 is on each line)."""

    grand: Money = Field(default=ZERO, description="上年收支预算总计")
    income: Money = Field(default=ZERO, description="上年当年收入预算合计")
    fiscal: Money = Field(default=ZERO, description="上年财政拨款收支预算总计")
    gf: Money = Field(default=ZERO, description="上年政府性基金预算拨款")
    soe: Money = Field(default=ZERO, description="上年国有资本经营预算拨款")
    basic: Money = Field(default=ZERO, description="上年基本支出预算")
    project: Money = Field(default=ZERO, description="上年项目支出预算")
    reserve: Money = Field(default=ZERO, description="上年单位预留机动经费（江苏口径）")
    gpb_basic: Money = Field(default=ZERO, description="上年一般公共预算基本支出预算")


class BudgetReasons(_Base):
    grand: str = Field(default="", description="收支预算总计增减的主要原因")
    fiscal: str = Field(default="", description="财政拨款收支预算增减的主要原因")
    gpb: str = Field(default="", description="一般公共预算拨款增减的主要原因")
    basic: str = Field(default="", description="基本支出增减的主要原因")
    project: str = Field(default="", description="项目支出增减的主要原因")


class SourceDetail(_Base):
    """Detail of two sources that 江苏 prints on its 收入预算总表."""

    gpb_special: Money = Field(default=ZERO, description="一般公共预算拨款中的专项收入")
    special_education: Money = Field(default=ZERO, description="财政专户管理资金中的专户管理教育收费")


class OrgUnit(_Base):
    """One row of 部门机构设置情况 (河北)."""

    name: str = Field(description="单位名称", min_length=2)
    nature: str = Field(default="", description="单位性质：行政机关、参照公务员法管理事业单位、事业单位")
    rank: str = Field(default="", description="单位规格，如 正处级")
    funding: str = Field(default="", description="经费保障形式：财政拨款、财政补助、自收自支")


class TargetIndicator(_Base):
    """One 绩效指标 of a budget 绩效目标."""

    level1: str = Field(description="一级指标", min_length=1)
    level2: str = Field(description="二级指标", min_length=1)
    level3: str = Field(description="三级指标", min_length=1)
    description: str = Field(default="", description="绩效指标描述")
    symbol: str = Field(default="", description="符号：≥、≤、=，文字指标留空")
    value: str = Field(description="指标值（数值或文字）", min_length=1)
    unit: str = Field(default="", description="计量单位")
    basis: str = Field(default="", description="指标值确定依据")
    weight: Decimal | None = Field(default=None, description="分值（部门整体绩效指标的评分标准）", ge=0, le=100)

    @field_validator("value", mode="before")
    @classmethod
    def _text(cls, v):
        return str(v) if isinstance(v, (int, float, Decimal)) else v

    @property
    def target(self) -> str:
        """The 指标值 as one printed text: ≥90%."""
        return f"{self.symbol}{self.value}{self.unit}"


class ProjectTarget(_Base):
    name: str = Field(description="项目名称", min_length=2)
    amount: Money = Field(default=ZERO, description="项目预算资金")
    goal: str = Field(default="", description="绩效目标")
    indicators: list[TargetIndicator] = Field(description="绩效指标", min_length=1)


class BudgetPerformance(_Base):
    goal: str = Field(default="", description="部门整体绩效目标（文字）")
    measures: str = Field(default="", description="工作保障措施（文字）")
    indicators: list[TargetIndicator] = Field(default_factory=list, description="部门整体支出绩效指标")
    projects: list[ProjectTarget] = Field(default_factory=list, description="项目绩效目标")

    @property
    def given(self) -> bool:
        return bool(self.goal or self.indicators or self.projects)


class BudgetInput(_Base):
    """Everything needed to compose one 部门预算 disclosure."""

    unit: UnitInfo
    amount_unit: str = Field(default="万元", description="填报金额单位：万元 或 元")
    lines: list[BudgetLine] = Field(description="功能分类 项级 预算", min_length=1)
    economic: list[BudgetEconomicLine] = Field(default_factory=list, description="经济分类 款级 一般公共预算基本支出")
    three_public: BudgetThreePublic = Field(default_factory=BudgetThreePublic)
    running: BudgetRunning = Field(default_factory=BudgetRunning)
    procurement: BudgetProcurement = Field(default_factory=BudgetProcurement)
    assets: BudgetAssets = Field(default_factory=BudgetAssets)
    prior: BudgetPrior = Field(default_factory=BudgetPrior)
    reasons: BudgetReasons = Field(default_factory=BudgetReasons)
    sources: SourceDetail = Field(default_factory=SourceDetail)
    organisation: list[OrgUnit] = Field(default_factory=list, description="部门机构设置情况（河北口径）")
    tasks: str = Field(default="", description="部门主要工作任务及目标（文字，可空）")
    performance: BudgetPerformance = Field(default_factory=BudgetPerformance, description="绩效目标")

    @field_validator("amount_unit")
    @classmethod
    def _amount_unit(cls, v: str) -> str:
        if v not in AMOUNT_UNITS:
            raise ValueError("金额单位应为“万元”或“元”")
        return v

    @field_validator("unit")
    @classmethod
    def _budget(cls, v: UnitInfo) -> UnitInfo:
        if v.kind != "部门预算":
            raise ValueError("部门预算的填报数据，文件类型应为“部门预算”")
        return v
