"""Writes the bundled example 部门预算 填报 workbook (示例市医疗保障局 2025 年部门预算, fictional).

Every figure is entered at 项 / 款 level only (in 万元); every subtotal, total, share and change is computed by
gongkai compose. Run: python examples/build_budget_workbook.py  →  examples/示例填报_2025_部门预算.xlsx
"""

from __future__ import annotations

from pathlib import Path

UNIT = "示例市医疗保障局"
CENTRE = "示例市医疗保障服务中心"
YEAR = 2025
OUTPUT = Path(__file__).resolve().parent / "示例填报_2025_部门预算.xlsx"


def line(code, name, *, gpb="0", business="0", other="0", basic="0", project="0", gpb_basic="0", basic_public="0",
         prior="0", purpose="", reason=""):
    return {"code": code, "name": name, "gpb": gpb, "business": business, "other": other, "basic": basic,
            "project": project, "gpb_basic": gpb_basic, "basic_public": basic_public, "prior": prior,
            "purpose": purpose, "reason": reason}


def basic_line(code, name, amount, prior, purpose, reason="", public="0"):
    """A 项 funded by 一般公共预算拨款 and spent on 基本支出; `public` is its 公用经费 part (上海 单位预算 prints the
    split; the 公用经费 of the lines add up to those of the 经济分类 table below: 131.65)."""
    return line(code, name, gpb=amount, basic=amount, gpb_basic=amount, basic_public=public, prior=prior,
                purpose=purpose, reason=reason)


def project_line(code, name, amount, prior, purpose, reason="", business="0", other="0"):
    """A 项 spent on 项目支出: 一般公共预算拨款 plus, for the 服务中心, its own 事业收入 and 其他收入."""
    from decimal import Decimal

    total = Decimal(amount) + Decimal(business) + Decimal(other)
    return line(code, name, gpb=amount, business=business, other=other, project=str(total), prior=prior,
                purpose=purpose, reason=reason)


ECONOMIC = [  # (code, name, 一般公共预算基本支出, 其中：机关运行经费)
    ("30101", "基本工资", "128.40", "0"), ("30102", "津贴补贴", "156.30", "0"), ("30103", "奖金", "10.70", "0"),
    ("30107", "绩效工资", "62.00", "0"), ("30108", "机关事业单位基本养老保险缴费", "56.40", "0"),
    ("30109", "职业年金缴费", "22.56", "0"), ("30110", "职工基本医疗保险缴费", "26.30", "0"),
    ("30112", "其他社会保障缴费", "2.10", "0"), ("30113", "住房公积金", "33.84", "0"),
    ("30199", "其他工资福利支出", "8.00", "0"),
    ("30201", "办公费", "24.00", "20.00"), ("30205", "水费", "3.00", "3.00"), ("30206", "电费", "9.50", "9.50"),
    ("30207", "邮电费", "6.00", "6.00"), ("30211", "差旅费", "12.00", "12.00"), ("30213", "维修（护）费", "8.00", "8.00"),
    ("30215", "会议费", "3.00", "3.00"), ("30216", "培训费", "4.50", "4.50"), ("30217", "公务接待费", "3.00", "3.00"),
    ("30228", "工会经费", "10.20", "8.50"), ("30229", "福利费", "7.45", "7.45"),
    ("30231", "公务用车运行维护费", "5.00", "5.00"), ("30239", "其他交通费用", "20.00", "20.00"),
    ("30299", "其他商品和服务支出", "6.00", "6.00"),
    ("30302", "退休费", "18.60", "0"), ("31002", "办公设备购置", "10.00", "0"),
]


def target(level1, level2, level3, description, symbol, value, unit, basis, weight=None):
    out = {"level1": level1, "level2": level2, "level3": level3, "description": description, "symbol": symbol,
           "value": value, "unit": unit, "basis": basis}
    if weight is not None:
        out["weight"] = weight
    return out


def example_input() -> dict:
    return {
        "unit": {
            "name": UNIT, "year": YEAR, "kind": "部门预算", "profile": "national_budget", "region": "示例省示例市",
            "responsibilities": (
                f"{UNIT}负责贯彻执行医疗保障法律法规和政策，组织实施全市医疗保险、生育保险、医疗救助等医疗保障制度；"
                "拟订医疗保障筹资和待遇政策，统筹城乡医疗保障待遇标准；组织实施医保目录和支付标准，推进医保支付方式改革；"
                "监督管理纳入医保支出范围内的医疗服务行为和医疗费用，依法查处医疗保障领域违法违规行为；"
                "负责医疗保障经办管理、公共服务体系和信息化建设。"),
            "structure": (f"{UNIT}内设办公室、医疗保障待遇科、医药服务管理科、基金监管科4个科室，"
                          f"下设{CENTRE}1家事业单位。"),
            "members": [f"{UNIT}（本级）", CENTRE],
            "other_text": "本部门无其他需要说明的事项。",
        },
        "amount_unit": "万元",
        "lines": [
            basic_line("2080501", "行政单位离退休", "18.60", "17.90", "机关离退休人员退休费"),
            basic_line("2080505", "机关事业单位基本养老保险缴费支出", "56.40", "54.20", "在职人员基本养老保险单位缴费"),
            basic_line("2080506", "机关事业单位职业年金缴费支出", "22.56", "21.68", "在职人员职业年金单位缴费"),
            basic_line("2101101", "行政单位医疗", "20.10", "19.30", "机关人员基本医疗保险单位缴费"),
            basic_line("2101102", "事业单位医疗", "6.20", "5.90", "事业单位人员基本医疗保险单位缴费"),
            basic_line("2101501", "行政运行", "402.35", "386.45", "机关人员工资福利和日常公用经费",
                       "人员正常晋级晋档增资", public="108.00"),
            project_line("2101502", "一般行政管理事务", "78.00", "80.00", "医保政策宣传、业务培训和日常行政管理事务",
                         "压减一般性支出"),
            project_line("2101505", "医疗保障政策管理", "45.00", "45.00", "医保支付方式改革和药品耗材集中采购政策管理"),
            project_line("2101506", "医疗保障经办事务", "126.00", "110.00", "医疗保障经办服务和异地就医结算",
                         "异地就医直接结算业务量增加", business="30.00", other="4.50"),
            basic_line("2101550", "事业运行", "96.80", "92.10", f"{CENTRE}人员工资福利和日常运转", public="23.65"),
            project_line("2101599", "其他医疗保障管理事务支出", "50.00", "50.00", "医保基金监管专项检查"),
            basic_line("2210201", "住房公积金", "33.84", "32.50", "按规定为职工缴存住房公积金"),
        ],
        "economic": [{"code": c, "name": n, "basic": v, "running": r} for c, n, v, r in ECONOMIC],
        "three_public": {
            "vehicle_run": {"budget": "5.00", "prior": "5.00"},
            "reception": {"budget": "3.00", "prior": "3.50", "reason": "严格执行公务接待标准，压减接待批次"},
        },
        "running": {"prior": "112.40", "reason": "办公用房物业和能耗支出增加", "admin_units": 1},
        "procurement": {
            "items": [
                {"category": "货物", "project": "办公设备购置费", "economic": "办公设备购置", "item": "台式计算机",
                 "catalogue_no": "A02010104", "method": "分散采购", "measure": "台", "quantity": "10", "price": "0.50",
                 "amount": "5.00"},
                {"category": "货物", "project": "办公设备购置费", "economic": "办公设备购置", "item": "打印设备",
                 "catalogue_no": "A02021000", "method": "分散采购", "measure": "台", "quantity": "4", "price": "0.30",
                 "amount": "1.20"},
                {"category": "服务", "project": "医疗保障经办事务", "economic": "委托业务费", "item": "医保信息系统运行维护服务",
                 "catalogue_no": "C16000000", "method": "政府集中采购", "measure": "项", "quantity": "1", "price": "36.00",
                 "amount": "36.00"},
                {"category": "服务", "project": "医疗保障政策管理", "economic": "委托业务费", "item": "医保政策研究咨询服务",
                 "catalogue_no": "C23000000", "method": "分散采购", "measure": "项", "quantity": "1", "price": "12.00",
                 "amount": "12.00"},
            ],
            "sme": "42.00", "small_micro": "30.00",
        },
        "assets": {"as_of": "2024年12月31日", "vehicles": {"enforcement": 1, "other": 1}, "vehicle_value": "36.80",
                   "buildings_area": "1860", "buildings_value": "820.00", "office_area": "1420",
                   "office_value": "640.00", "equipment_threshold": 100, "equipment": 0, "other_value": "58.40"},
        "prior": {"grand": "945.53", "income": "945.53", "fiscal": "915.03", "basic": "630.03", "project": "315.50",
                  "gpb_basic": "630.03"},
        "reasons": {"grand": "异地就医直接结算业务量增加，人员正常晋级增资", "fiscal": "异地就医直接结算业务量增加，人员正常晋级增资",
                    "gpb": "异地就医直接结算业务量增加，人员正常晋级增资", "basic": "人员正常晋级晋档增资",
                    "project": "医疗保障经办服务经费增加"},
        "organisation": [{"name": UNIT, "nature": "行政机关", "rank": "正处级", "funding": "财政拨款"},
                         {"name": CENTRE, "nature": "事业单位", "rank": "正科级", "funding": "财政补助"}],
        "performance": {
            "goal": "推进医疗保障待遇政策落实，提升医保经办服务效率，加强医保基金监管，保障参保群众合法权益。",
            "measures": "落实预算绩效管理责任，按季度开展绩效运行监控，及时纠正执行偏差。",
            "indicators": [
                target("部门产出", "数量", "基本医疗保险参保率", "参保人数占应参保人数的比例", "≥", "95", "%", "工作计划", "20"),
                target("部门产出", "质量", "医保待遇按时足额支付率", "按时足额支付的待遇占应支付待遇的比例", "≥", "98", "%",
                       "工作计划", "20"),
                target("部门产出", "时效", "重点工作完成及时率", "按计划完成的重点工作占比", "≥", "95", "%", "工作计划", "20"),
                target("部门效果", "社会效益", "医保服务便民程度", "医保经办服务事项网上可办程度", "", "持续提升", "",
                       "工作计划", "20"),
                target("部门效果", "满意度", "参保群众满意度", "问卷调查满意人数占比", "≥", "90", "%", "调查问卷", "20"),
            ],
            "projects": [
                {"name": "医疗保障经办服务项目", "amount": "160.50",
                 "goal": "保障参保群众医疗保障经办服务需求，推进异地就医直接结算，提升经办服务效率。",
                 "indicators": [
                     target("产出指标", "数量指标", "异地就医直接结算人次", "全年异地就医直接结算人次", "≥", "14000", "人次",
                            "工作计划"),
                     target("产出指标", "质量指标", "经办业务差错率", "经办业务差错笔数占业务总笔数的比例", "≤", "0.5", "%",
                            "工作计划"),
                     target("效益指标", "社会效益指标", "医保经办事项网上可办率", "可网上办理的事项占比", "≥", "90", "%",
                            "工作计划"),
                     target("满意度指标", "服务对象满意度指标", "参保群众满意度", "问卷调查满意人数占比", "≥", "90", "%",
                            "调查问卷"),
                 ]},
                {"name": "医保基金监管专项检查项目", "amount": "50.00",
                 "goal": "开展医保基金监管专项检查，实现定点医药机构检查全覆盖。",
                 "indicators": [
                     target("产出指标", "数量指标", "定点医药机构检查覆盖率", "已检查机构占定点医药机构的比例", "=", "100", "%",
                            "工作计划"),
                     target("产出指标", "时效指标", "问题整改完成时限", "检查发现问题的整改完成时间", "", "2025年12月前", "",
                            "工作计划"),
                     target("满意度指标", "服务对象满意度指标", "定点医药机构满意度", "问卷调查满意机构占比", "≥", "85", "%",
                            "调查问卷"),
                 ]},
            ],
        },
    }


def build(path: Path = OUTPUT) -> Path:
    from gongkai.compose.budget.model import BudgetInput
    from gongkai.compose.budget.workbook import write_filled_budget

    data = BudgetInput.model_validate(example_input())
    path.write_bytes(write_filled_budget(data))
    return path


if __name__ == "__main__":
    print(build())
