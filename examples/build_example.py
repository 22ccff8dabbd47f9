"""Writes the bundled fictional example disclosure (示例市医疗保障局 2023 年度部门决算) as a text dump.

Every derived figure (类/款 subtotals, totals, shares, changes) is computed here from the item-level
figures below, so the example is consistent by construction. Run: python examples/build_example.py
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal as D
from pathlib import Path

UNIT = "示例市医疗保障局"
YEAR = 2023
NAMES = {
    "208": "社会保障和就业支出", "20805": "行政事业单位养老支出",
    "2080505": "机关事业单位基本养老保险缴费支出", "2080506": "机关事业单位职业年金缴费支出",
    "210": "卫生健康支出", "21011": "行政事业单位医疗", "2101101": "行政单位医疗",
    "21015": "医疗保障管理事务", "2101501": "行政运行", "2101502": "一般行政管理事务",
    "2101505": "医疗保障政策管理", "2101506": "医疗保障经办事务", "2101599": "其他医疗保障管理事务支出",
    "221": "住房保障支出", "22102": "住房改革支出", "2210201": "住房公积金",
}
# item: (basic, project, fiscal income, other income, fiscal spending)
ITEMS = {
    "2080505": ("52.36", "0", "52.36", "0", "52.36"),
    "2080506": ("20.94", "0", "20.94", "0", "20.94"),
    "2101101": ("18.72", "0", "18.72", "0", "18.72"),
    "2101501": ("386.45", "0", "386.45", "0", "386.45"),
    "2101502": ("0", "75.30", "75.30", "0", "75.30"),
    "2101505": ("0", "42.18", "42.18", "0", "42.18"),
    "2101506": ("0", "128.60", "115.28", "0", "128.60"),
    "2101599": ("0", "60.00", "47.50", "12.50", "47.50"),
    "2210201": ("31.27", "0", "31.27", "0", "31.27"),
}
BEGIN, PRIOR_TOTAL = D("25.80"), D("775.60")
ECONOMIC = [  # (code, name, amount); class rows are computed
    ("30101", "基本工资", "120.50"), ("30102", "津贴补贴", "85.30"), ("30103", "奖金", "10.04"),
    ("30107", "绩效工资", "60.20"), ("30108", "机关事业单位基本养老保险缴费", "52.36"),
    ("30109", "职业年金缴费", "20.94"), ("30110", "职工基本医疗保险缴费", "18.72"),
    ("30112", "其他社会保障缴费", "3.15"), ("30113", "住房公积金", "31.27"),
    ("30302", "退休费", "8.16"), ("30309", "奖励金", "0.50"),
    ("30201", "办公费", "18.40"), ("30205", "水费", "2.10"), ("30206", "电费", "8.30"), ("30207", "邮电费", "6.20"),
    ("30209", "物业管理费", "22.00"), ("30211", "差旅费", "9.60"), ("30213", "维修（护）费", "4.30"),
    ("30215", "会议费", "1.20"), ("30216", "培训费", "3.40"), ("30217", "公务接待费", "1.10"),
    ("30228", "工会经费", "6.80"), ("30229", "福利费", "4.50"), ("30231", "公务用车运行维护费", "3.20"),
    ("30239", "其他交通费用", "2.30"), ("31002", "办公设备购置", "5.20"),
]
ECON_CLASSES = {"301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助", "310": "资本性支出"}
PROCUREMENT = {"goods": D("12.30"), "works": D("0.00"), "services": D("24.20"), "total": D("36.50"), "sme": D("30.00")}
VEHICLES = 2
THREE_PUBLIC = {"budget": ("8.00", "0.00", "5.00", "0.00", "5.00", "3.00"),
                "actual": ("4.30", "0.00", "3.20", "0.00", "3.20", "1.10")}
CLASS_ORDER = ["一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
               "文化旅游体育与传媒支出", "社会保障和就业支出", "卫生健康支出", "节能环保支出", "城乡社区支出",
               "农林水支出", "交通运输支出", "资源勘探工业信息等支出", "商业服务业等支出", "金融支出",
               "援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出", "粮油物资储备支出",
               "国有资本经营预算支出", "灾害防治及应急管理支出", "其他支出", "抗疫特别国债安排的支出"]
NUMERALS = "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十 二十一 二十二 二十三 二十四".split()


def money(x: D) -> str:
    return f"{x:,.2f}"


def pct(a: D, b: D) -> str:
    return f"{(a / b * 100).quantize(D('0.01'), ROUND_HALF_UP)}%"


def rollup(column: int) -> dict[str, D]:
    """Item values of one ITEMS column, with 款 and 类 subtotals."""
    out: dict[str, D] = {}
    for code, values in ITEMS.items():
        v = D(values[column])
        for prefix in (code[:3], code[:5], code):
            out[prefix] = out.get(prefix, D(0)) + v
    return dict(sorted(out.items()))


def build() -> str:
    basic, project, fiscal_in, other_in, fiscal_out = (rollup(k) for k in range(5))
    spend = {c: basic[c] + project[c] for c in basic}
    income = {c: fiscal_in[c] + other_in[c] for c in basic}
    classes = [c for c in basic if len(c) == 3]
    tot = lambda d: sum((d[c] for c in classes), D(0))  # noqa: E731
    inc_total, exp_total = tot(income), tot(spend)
    grand = inc_total + BEGIN
    end = grand - exp_total
    f_in, f_out = tot(fiscal_in), tot(fiscal_out)
    f_end = f_in + BEGIN - f_out
    f_grand = f_in + BEGIN
    lines: list[str] = [f"{UNIT} {YEAR} 年度部门决算", "", "第一部分 部门概况", "", "一、部门职责", "",
                        f"{UNIT}负责贯彻执行医疗保障法律法规和政策，组织实施全市医疗保险、生育保险、医疗救助等医疗保障制度。",
                        "", "二、机构设置", "", f"{UNIT}部门决算由本级及所属1家事业单位的决算汇总组成。", "",
                        f"第二部分 {YEAR} 年度部门决算表", ""]
    t = lambda *cells: "\t".join(cells)  # noqa: E731
    # 公开01表
    lines += ["收入支出决算总表" + "\t" * 6 + "公开01表", t(f"部门：{UNIT}", "", f"{YEAR}年度", "", "", "金额单位：万元"),
              t("项目", "行次", "决算数", "项目", "行次", "决算数"), t("栏次", "", "1", "栏次", "", "2")]
    inc_rows = [("一、一般公共预算财政拨款收入", f_in), ("二、政府性基金预算财政拨款收入", D(0)),
                ("三、国有资本经营预算财政拨款收入", D(0)), ("四、上级补助收入", D(0)), ("五、事业收入", D(0)),
                ("六、经营收入", D(0)), ("七、附属单位上缴收入", D(0)), ("八、其他收入", tot(other_in))]
    by_name = {NAMES[c]: spend[c] for c in classes}
    for k, name in enumerate(CLASS_ORDER):
        left = inc_rows[k] if k < len(inc_rows) else ("", None)
        lines.append(t(left[0], str(k + 1), money(left[1]) if left[1] is not None else "",
                       f"{NUMERALS[k]}、{name}", str(k + 29), money(by_name.get(name, D(0)))))
    lines += [t("本年收入合计", "25", money(inc_total), "本年支出合计", "53", money(exp_total)),
              t("使用非财政拨款结余", "26", "0.00", "结余分配", "54", "0.00"),
              t("年初结转和结余", "27", money(BEGIN), "年末结转和结余", "55", money(end)),
              t("总计", "28", money(grand), "总计", "56", money(grand)), "",
              "注：本表反映部门本年度的总收支和年末结转结余情况。本套报表金额单位转换时可能存在尾数误差。", ""]
    # 公开02表 / 03表
    lines += ["收入决算表" + "\t" * 6 + "公开02表", t(f"部门：{UNIT}", f"{YEAR}年度", "金额单位：万元"),
              t("功能分类科目编码", "科目名称", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入",
                "附属单位上缴收入", "其他收入"), t("栏次", "", *[str(k) for k in range(1, 8)])]
    zero = ["0.00"] * 4
    lines.append(t("合计", "", money(inc_total), money(f_in), *zero, money(tot(other_in))))
    lines += [t(c, NAMES[c], money(income[c]), money(fiscal_in[c]), *zero, money(other_in[c])) for c in basic]
    lines += ["", "注：本表反映部门本年度取得的各项收入情况。", ""]
    lines += ["支出决算表" + "\t" * 6 + "公开03表", t(f"部门：{UNIT}", f"{YEAR}年度", "金额单位：万元"),
              t("功能分类科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出",
                "对附属单位补助支出"), t("栏次", "", *[str(k) for k in range(1, 7)])]
    lines.append(t("合计", "", money(exp_total), money(tot(basic)), money(tot(project)), *zero[:3]))
    lines += [t(c, NAMES[c], money(spend[c]), money(basic[c]), money(project[c]), *zero[:3]) for c in basic]
    lines += ["", "注：本表反映部门本年度各项支出情况。", ""]
    # 公开04表
    lines += ["财政拨款收入支出决算总表" + "\t" * 6 + "公开04表", t(f"部门：{UNIT}", f"{YEAR}年度", "金额单位：万元"),
              t("项目", "行次", "决算数", "项目", "行次", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款",
                "国有资本经营预算财政拨款"), t("栏次", "", "1", "栏次", "", "2", "3", "4", "5")]
    f_by_name = {NAMES[c]: fiscal_out[c] for c in classes}
    f_inc = [("一、一般公共预算财政拨款", f_in), ("二、政府性基金预算财政拨款", D(0)), ("三、国有资本经营预算财政拨款", D(0))]
    for k, name in enumerate(CLASS_ORDER):
        left = f_inc[k] if k < 3 else ("", None)
        v = f_by_name.get(name, D(0))
        lines.append(t(left[0], str(k + 1), money(left[1]) if left[1] is not None else "",
                       f"{NUMERALS[k]}、{name}", str(k + 31), money(v), money(v), "0.00", "0.00"))
    lines += [t("本年收入合计", "25", money(f_in), "本年支出合计", "55", money(f_out), money(f_out), "0.00", "0.00"),
              t("年初财政拨款结转和结余", "26", money(BEGIN), "年末财政拨款结转和结余", "56", money(f_end), money(f_end), "0.00", "0.00"),
              t("一般公共预算财政拨款", "27", money(BEGIN), "", "57", "", "", "", ""),
              t("政府性基金预算财政拨款", "28", "0.00", "", "58", "", "", "", ""),
              t("国有资本经营预算财政拨款", "29", "0.00", "", "59", "", "", "", ""),
              t("总计", "30", money(f_grand), "总计", "60", money(f_grand), money(f_grand), "0.00", "0.00"), "",
              "注：本表反映部门本年度财政拨款总收支和年末结转结余情况。", ""]
    # 公开05表
    f_basic = {c: basic[c] for c in basic}
    f_project = {c: fiscal_out[c] - basic[c] for c in basic}
    lines += ["一般公共预算财政拨款支出决算表" + "\t" * 4 + "公开05表", t(f"部门：{UNIT}", f"{YEAR}年度", "金额单位：万元"),
              t("功能分类科目编码", "科目名称", "合计", "基本支出", "项目支出"), t("栏次", "", "1", "2", "3"),
              t("合计", "", money(f_out), money(tot(f_basic)), money(tot(f_project)))]
    lines += [t(c, NAMES[c], money(fiscal_out[c]), money(f_basic[c]), money(f_project[c])) for c in basic]
    lines += ["", "注：本表反映部门本年度一般公共预算财政拨款支出情况。", ""]
    # 公开06表: personnel (301, 303) left, public (302, 310) right
    econ = {code: D(v) for code, _, v in ECONOMIC}
    names = {code: n for code, n, _ in ECONOMIC} | ECON_CLASSES
    cls = {k: sum((v for c, v in econ.items() if c.startswith(k)), D(0)) for k in ECON_CLASSES}
    left = [c for c in ["301", *[c for c in econ if c.startswith("301")], "303", *[c for c in econ if c.startswith("303")]]]
    right = [c for c in ["302", *[c for c in econ if c.startswith("302")], "310", *[c for c in econ if c.startswith("310")]]]
    value = lambda c: cls[c] if len(c) == 3 else econ[c]  # noqa: E731
    lines += ["一般公共预算财政拨款基本支出决算表" + "\t" * 5 + "公开06表", t(f"部门：{UNIT}", f"{YEAR}年度", "金额单位：万元"),
              t("经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数")]
    for k in range(max(len(left), len(right))):
        a = [left[k], names[left[k]], money(value(left[k]))] if k < len(left) else ["", "", ""]
        b = [right[k], names[right[k]], money(value(right[k]))] if k < len(right) else ["", "", ""]
        lines.append(t(*a, *b))
    personnel, public = cls["301"] + cls["303"], cls["302"] + cls["310"]
    lines += [t("人员经费合计", "", money(personnel), "公用经费合计", "", money(public)), "",
              "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。", ""]
    # 公开07表
    lines += ["财政拨款“三公”经费支出决算表" + "\t" * 10 + "公开07表", t(f"部门：{UNIT}", f"{YEAR}年度", "金额单位：万元"),
              t("预算数", "", "", "", "", "", "决算数"),
              t("合计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费",
                "合计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费"),
              t("", "", "小计", "公务用车购置费", "公务用车运行维护费", "", "", "", "小计", "公务用车购置费", "公务用车运行维护费", ""),
              t(*[str(k) for k in range(1, 13)]), t(*THREE_PUBLIC["budget"], *THREE_PUBLIC["actual"]), "",
              "注：本表反映部门本年度“三公”经费支出预决算情况。", ""]
    for num, title in (("08", "政府性基金预算财政拨款收入支出决算表"), ("09", "国有资本经营预算财政拨款收入支出决算表")):
        lines += [title + "\t" * 6 + f"公开{num}表", t(f"部门：{UNIT}", f"{YEAR}年度", "金额单位：万元"),
                  t("功能分类科目编码", "科目名称", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"),
                  t("", "", "", "", "合计", "基本支出", "项目支出", ""), t("栏次", "", "1", "2", "3", "4", "5", "6"),
                  t("合计", "", "", "", "", "", "", ""), "",
                  f"说明：{UNIT}本年度没有{title[:-7]}收入和支出，故本表无数据。", ""]
    # narrative
    change = grand - PRIOR_TOTAL
    i_share = pct(f_in, inc_total)
    lines += [f"第三部分 {YEAR} 年度部门决算情况说明", "", "一、收入支出决算总体情况说明", "",
              f"{YEAR}年度收、支总计{money(grand)}万元。与{YEAR - 1}年相比，收、支总计各增加{money(change)}万元，"
              f"增长{pct(change, PRIOR_TOTAL)}。主要原因是医疗保障经办服务工作量增加。", "",
              "二、收入决算情况说明", "",
              f"{YEAR}年度本年收入合计{money(inc_total)}万元，其中：一般公共预算财政拨款收入{money(f_in)}万元，"
              f"占{i_share}；其他收入{money(tot(other_in))}万元，占{pct(tot(other_in), inc_total)}。", "",
              "三、支出决算情况说明", "",
              f"{YEAR}年度本年支出合计{money(exp_total)}万元，其中：基本支出{money(tot(basic))}万元，"
              f"占{pct(tot(basic), exp_total)}；项目支出{money(tot(project))}万元，占{pct(tot(project), exp_total)}。", "",
              "四、财政拨款收入支出决算总体情况说明", "",
              f"{YEAR}年度财政拨款收、支总计{money(f_grand)}万元。", "",
              "五、一般公共预算财政拨款支出决算情况说明", "",
              f"{YEAR}年度一般公共预算财政拨款支出{money(f_out)}万元，占本年支出合计的{pct(f_out, exp_total)}。", "",
              "六、一般公共预算财政拨款基本支出决算情况说明", "",
              f"{YEAR}年度一般公共预算财政拨款基本支出{money(tot(f_basic))}万元，其中：人员经费{money(personnel)}万元，"
              f"公用经费{money(public)}万元。", "",
              "七、财政拨款“三公”经费支出决算情况说明", "",
              f"{YEAR}年度“三公”经费财政拨款支出预算为{THREE_PUBLIC['budget'][0]}万元，支出决算为{THREE_PUBLIC['actual'][0]}万元，"
              f"完成预算的{pct(D(THREE_PUBLIC['actual'][0]), D(THREE_PUBLIC['budget'][0]))}。", "",
              "八、政府性基金预算财政拨款收入支出决算情况说明", "",
              f"{UNIT}{YEAR}年度没有政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出。", "",
              "九、国有资本经营预算财政拨款收入支出决算情况说明", "",
              f"{UNIT}{YEAR}年度没有国有资本经营预算财政拨款收入，也没有使用国有资本经营预算财政拨款安排的支出。", "",
              "十、其他重要事项的情况说明", "",
              "（一）机关运行经费支出情况", "",
              f"{YEAR}年度{UNIT}机关运行经费支出{money(public)}万元，主要用于办公费、水电费、物业管理费、差旅费等日常公用支出。", "",
              "（二）政府采购支出情况", "",
              f"{YEAR}年度政府采购支出总额{money(PROCUREMENT['total'])}万元，其中：政府采购货物支出{money(PROCUREMENT['goods'])}万元，"
              f"政府采购工程支出{money(PROCUREMENT['works'])}万元，政府采购服务支出{money(PROCUREMENT['services'])}万元。"
              f"授予中小企业合同金额{money(PROCUREMENT['sme'])}万元，占政府采购支出总额的{pct(PROCUREMENT['sme'], PROCUREMENT['total'])}。", "",
              "（三）国有资产占用情况", "",
              f"截至{YEAR}年12月31日，{UNIT}共有车辆{VEHICLES}辆，均为其他用车；无单价100万元以上专用设备。", "",
              "第四部分 名词解释", "",
              "一、财政拨款收入：指本级财政当年拨付的资金。", "",
              "二、基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。", ""]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    out = Path(__file__).with_name(f"医疗保障局_{YEAR}_部门决算.txt")
    out.write_text(build(), encoding="utf-8")
    print(f"已生成 {out}")
