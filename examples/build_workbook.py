"""Writes the bundled example 填报 workbook (示例市医疗保障局 2023 年度部门决算, fictional).

The figures are those of examples/医疗保障局_2023_部门决算.txt (item level only: every subtotal and total is
computed by gongkai compose), plus the budgets, prior-year figures, counts and reasons a real unit would
fill in. Run: python examples/build_workbook.py  →  examples/示例填报_2023.xlsx
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_example import ECONOMIC  # noqa: E402  (the same fictional unit as the text example)

UNIT = "示例市医疗保障局"
YEAR = 2023


def line(code, name, *, gpb_basic="0", gpb_project="0", inc_gpb="0", inc_other="0", other_project="0",
         budget="0", adjusted=None, prior="0", purpose="", reason=""):
    """One 项: 一般公共预算 spending by 基本/项目, income by source; other-funded project spending on top."""
    out = {"code": code, "name": name, "inc_gpb": inc_gpb, "inc_other": inc_other,
           "exp_basic": gpb_basic, "exp_project": str(Decimal(gpb_project) + Decimal(other_project)),
           "gpb_basic": gpb_basic, "gpb_project": gpb_project, "budget_initial": budget, "prior": prior,
           "purpose": purpose, "reason": reason}
    if adjusted is not None:
        out["budget_adjusted"] = adjusted
    return out


def example_input() -> dict:
    return {
        "unit": {
            "name": UNIT, "year": YEAR, "kind": "部门决算", "profile": "national_final", "region": "示例省示例市",
            "responsibilities": (
                f"{UNIT}负责贯彻执行医疗保障法律法规和政策，组织实施全市医疗保险、生育保险、医疗救助等医疗保障制度；"
                "拟订医疗保障筹资和待遇政策，统筹城乡医疗保障待遇标准；组织实施医保目录和支付标准，推进医保支付方式改革；"
                "监督管理纳入医保支出范围内的医疗服务行为和医疗费用，依法查处医疗保障领域违法违规行为；"
                "负责医疗保障经办管理、公共服务体系和信息化建设。"),
            "structure": (f"{UNIT}内设办公室、医疗保障待遇科、医药服务管理科、基金监管科4个科室，"
                          "下设示例市医疗保障服务中心1家事业单位。"),
            "members": [f"{UNIT}（本级）", "示例市医疗保障服务中心"],
        },
        "lines": [
            line("2080505", "机关事业单位基本养老保险缴费支出", gpb_basic="52.36", inc_gpb="52.36", budget="54.00",
                 prior="50.12", purpose="机关事业单位职工基本养老保险单位缴费", reason="年中人员退休，缴费基数减少"),
            line("2080506", "机关事业单位职业年金缴费支出", gpb_basic="20.94", inc_gpb="20.94", budget="21.60",
                 prior="20.05", purpose="机关事业单位职工职业年金单位缴费", reason="年中人员退休，缴费基数减少"),
            line("2101101", "行政单位医疗", gpb_basic="18.72", inc_gpb="18.72", budget="19.30", prior="18.10",
                 purpose="行政单位职工基本医疗保险单位缴费", reason="缴费基数调整"),
            line("2101501", "行政运行", gpb_basic="386.45", inc_gpb="386.45", budget="380.00", adjusted="390.00",
                 prior="371.33", purpose="机关人员工资福利和日常公用经费",
                 reason="年中增人增资，追加人员经费"),
            line("2101502", "一般行政管理事务", gpb_project="75.30", inc_gpb="75.30", budget="80.00", prior="70.20",
                 purpose="医保政策宣传、业务培训和日常行政管理事务", reason="厉行节约，压减一般性支出"),
            line("2101505", "医疗保障政策管理", gpb_project="42.18", inc_gpb="42.18", budget="45.00", prior="40.60",
                 purpose="医保支付方式改革和药品耗材集中采购政策管理", reason="部分调研课题采用内部研究方式完成"),
            line("2101506", "医疗保障经办事务", gpb_project="128.60", inc_gpb="115.28", budget="110.00",
                 adjusted="130.00", prior="118.40", purpose="医疗保障经办服务和异地就医结算",
                 reason="医疗保障经办服务工作量增加，使用上年结转资金"),
            line("2101599", "其他医疗保障管理事务支出", gpb_project="47.50", inc_gpb="47.50", inc_other="12.50",
                 other_project="12.50", budget="50.00", prior="16.50", purpose="医保基金监管专项检查",
                 reason="专项检查按实际发生结算"),
            line("2210201", "住房公积金", gpb_basic="31.27", inc_gpb="31.27", budget="32.00", prior="30.10",
                 purpose="按规定为职工缴存住房公积金", reason="年中人员退休，缴存基数减少"),
        ],
        "economic": [{"code": c, "name": n, "basic": v} for c, n, v in ECONOMIC],
        "balances": {"gpb": {"begin": "25.80", "end": "12.48"}, "gf": {"begin": "0", "end": "0"},
                     "soe": {"begin": "0", "end": "0"}, "other": {"begin": "0", "end": "0"},
                     "use_surplus": "0", "distribution": "0"},
        "three_public": {
            "abroad": {"budget": "0", "actual": "0", "prior": "0"},
            "vehicle_buy": {"budget": "0", "actual": "0", "prior": "0"},
            "vehicle_run": {"budget": "5.00", "actual": "3.20", "prior": "3.60",
                            "reason": "严格执行公务用车使用管理规定，车辆运行费用下降"},
            "reception": {"budget": "3.00", "actual": "1.10", "prior": "1.40",
                          "reason": "严格执行公务接待标准，压减接待批次"},
            "groups": 0, "travellers": 0, "vehicles_bought": 0, "vehicles_held": 2,
            "reception_batches": 9, "reception_people": 56,
        },
        "running": {"admin": "98.60", "prior": "95.10", "reason": "办公设备更新及物业服务费调整"},
        "procurement": {"goods": "12.30", "works": "0", "services": "24.20", "sme": "30.00", "small_micro": "18.00"},
        "assets": {"vehicles": {"other": 2}, "equipment_general": 0, "equipment_special": 0},
        "prior": {"grand": "775.60", "income": "752.10", "expenditure": "749.80", "fiscal_grand": "760.00",
                  "gpb_expenditure": "735.40", "gpb_basic": "486.20"},
        "reasons": {
            "grand": "医疗保障经办服务工作量增加，相应经办支出增加",
            "income": "医疗保障经办服务和基金监管专项经费增加",
            "expenditure": "医疗保障经办服务工作量增加，基金监管专项检查支出增加",
            "fiscal": "医疗保障经办服务和基金监管专项经费增加",
            "gpb": "医疗保障经办服务工作量增加，基金监管专项检查支出增加",
            "gpb_budget": "年中追加人员经费和医疗保障经办服务经费，并使用上年结转资金",
            "three_public": "严格执行中央八项规定精神，压减公务用车运行和公务接待支出",
        },
        "performance": performance_projects(),
    }


def ind(level1, level2, level3, nature, target, unit, actual, weight, reason=""):
    return {"level1": level1, "level2": level2, "level3": level3, "nature": nature, "target": target,
            "target_unit": unit, "actual": actual, "weight": weight, "reason": reason}


def performance_projects() -> list[dict]:
    """Three fictional projects; one indicator missed (with its reason). Scores are computed, never typed."""
    return [
        {"name": "医疗保障经办服务项目", "implementer": "示例市医疗保障服务中心",
         "fiscal": {"initial": "110.00", "adjusted": "130.00", "executed": "128.60"},
         "goal": "保障全市参保群众医疗保障经办服务需求，推进异地就医直接结算，提升经办服务效率和质量。",
         "achieved": "全年办理异地就医直接结算13560人次，经办业务差错率0.3%，待遇支付平均12天办结，群众满意度93.2%。",
         "indicators": [
             ind("产出指标", "数量指标", "异地就医直接结算人次", "≥", "12000", "人次", "13560", "20"),
             ind("产出指标", "质量指标", "经办业务差错率", "≤", "0.5", "%", "0.3", "15"),
             ind("产出指标", "时效指标", "待遇支付办结时限", "≤", "15", "天", "12", "15"),
             ind("效益指标", "社会效益指标", "医保经办服务事项网上可办率", "≥", "90", "%", "92.5", "20"),
             ind("满意度指标", "服务对象满意度指标", "参保群众满意度", "≥", "90", "%", "93.2", "20"),
         ]},
        {"name": "医保基金监管专项检查项目",
         "fiscal": {"initial": "50.00", "executed": "47.50"},
         "other": {"initial": "12.50", "executed": "12.50"},
         "goal": "开展医保基金监管专项检查，实现定点医药机构检查全覆盖，追回违规使用的医保基金。",
         "achieved": "完成定点医药机构检查全覆盖，开展专项检查3次，追回医保基金236.80万元，问题于2023年11月整改完毕。",
         "indicators": [
             ind("产出指标", "数量指标", "定点医药机构检查覆盖率", "≥", "100", "%", "100", "20"),
             ind("产出指标", "数量指标", "专项检查次数", "≥", "4", "次", "3", "15",
                 "受药品耗材集中采购工作安排影响，第四次专项检查顺延至次年一季度开展；下一步将提前制定年度检查计划"),
             ind("产出指标", "时效指标", "检查问题整改完成时限", "定性", "2023年12月前", "", "2023年11月", "15"),
             ind("效益指标", "经济效益指标", "追回医保基金", "≥", "200", "万元", "236.8", "20"),
             ind("满意度指标", "服务对象满意度指标", "定点医药机构满意度", "定性", "优良中低差", "", "优", "20"),
         ]},
        {"name": "医保政策宣传培训项目",
         "fiscal": {"initial": "80.00", "executed": "75.30"},
         "goal": "开展医保政策宣传和经办人员业务培训，提高群众政策知晓度和经办队伍业务能力。",
         "achieved": "开展政策宣传活动24场，培训考核合格率97%，人均培训成本280元，培训对象满意度94%。",
         "indicators": [
             ind("产出指标", "数量指标", "开展政策宣传活动", "≥", "20", "场", "24", "30"),
             ind("产出指标", "质量指标", "培训考核合格率", "≥", "95", "%", "97", "20"),
             ind("成本指标", "经济成本指标", "人均培训成本", "≤", "300", "元", "280", "20"),
             ind("满意度指标", "服务对象满意度指标", "培训对象满意度", "≥", "90", "%", "94", "20"),
         ]},
    ]


def build(path: Path) -> Path:
    from gongkai.compose.model import ComposeInput
    from gongkai.compose.workbook import write_filled

    data = ComposeInput.model_validate(example_input())
    path.write_bytes(write_filled(data))
    return path


if __name__ == "__main__":
    out = build(Path(__file__).with_name(f"示例填报_{YEAR}.xlsx"))
    print(f"已生成 {out}")
