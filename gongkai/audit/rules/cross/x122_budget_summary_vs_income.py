from gongkai.audit.checks import equal
from gongkai.audit.registry import Rule, register
from gongkai.audit.rules.balance._budget import current

# 收入预算总表 (by 功能分类, 上海/财政部): its 合计 row's columns against the summary's income lines
COLUMNS = (("fiscal", "inc_fiscal", "财政拨款收入"), ("business", "inc_business", "事业收入"),
           ("operating", "inc_operating", "事业单位经营收入"), ("other", "inc_other", "其他收入"),
           # by 单位 and 资金来源 (浙江, 福建)
           ("gpb", "inc_gpb", "一般公共预算"), ("gf", "inc_gf", "政府性基金预算"), ("soe", "inc_soe", "国有资本经营预算"),
           ("special_account", "inc_special_account", "财政专户管理资金"), ("carryover", "inc_begin", "上年结转结余"))
# 收入预算总表 (by 资金来源, 江苏): its 小计 rows against the summary's income lines
SOURCES = (("inc_grand", "inc_grand", "收入总计"), ("gpb_subtotal", "inc_gpb", "一般公共预算资金"),
           ("gf_subtotal", "inc_gf", "政府性基金"), ("sa_subtotal", "inc_special_account", "财政专户管理资金"),
           ("other_subtotal", "inc_other_funds", "其他资金"))
# 收入总表 (by 单位, 江苏 市级 2026): its 合计 row's columns against the summary's income lines
UNITS = (("total", "inc_grand", "收入总计"), ("cur_total", "inc_total", "本年收入合计"), ("cur_gpb", "inc_gpb", "一般公共预算"),
         ("cur_gf", "inc_gf", "政府性基金预算"), ("cur_soe", "inc_soe", "国有资本经营预算"),
         ("cur_special", "inc_special_account", "财政专户管理资金"), ("cur_business", "inc_business", "事业收入"),
         ("cur_operating", "inc_operating", "事业单位经营收入"), ("cur_other", "inc_other", "其他收入"),
         ("carry_total", "inc_begin", "上年结转结余"))


@register
class BudgetSummaryVsIncome(Rule):
    code = "X122"
    title = "收支预算总表与收入预算总表不一致"
    doc = """
### 检查内容
按功能分类列示的收入预算总表（上海、财政部）：“合计”行的合计 = 收支预算总表的当年收入（不列小计和上年结转行时为
收入总计），财政拨款收入、事业收入、事业单位经营收入、其他收入各栏 = 收支预算总表收入方对应各项。
按资金来源列示的收入预算总表（江苏公开02表）：收入总计、一般公共预算资金小计、政府性基金小计、
财政专户管理资金小计、其他资金小计 = 收支预算总表的收入合计、一般公共预算、政府性基金预算、财政专户管理资金、其他资金。
按单位列示的收入总表（江苏市级公开02表）：“合计”行的合计、本年收入小计及各项收入、上年结转结余小计 = 收支总表的
收入总计、本年收入合计及对应各项收入、上年结转结余。

### 为什么重要
收入预算总表是收支预算总表收入方的明细，两表反映同一组收入。

### 示例
上海市普陀区社会福利院2024年：收入预算总表合计行 财政拨款收入 9,501,164、事业收入 2,620,000，
与财务收支预算总表收入方一致。

### 如何修正
统一两表数字，并同步修改情况说明。
"""

    def check(self, ctx):
        s = ctx.table("budget.summary")
        if s is None:
            return
        inc = ctx.table("budget.income")
        if inc is not None and inc.row("total") is not None:
            total = inc.row("total")
            cur = current(s, "inc")
            if inc.column("current") and cur is not None:  # 本年收入 printed apart from 上年结转结余
                yield equal(ctx, type(self), ctx.operand(inc, total, "current", "收入预算总表本年收入"),
                            ctx.operand(s, cur, "amount", "收支预算总表当年收入"), "当年收入合计")
            if inc.column("carryover") or inc.column("current"):  # its 合计 then includes the 上年结转结余
                if s.row("inc_grand") is not None:
                    yield equal(ctx, type(self), ctx.operand(inc, total, "total", "收入预算总表合计"),
                                ctx.operand(s, s.row("inc_grand"), "amount", "收支预算总表收入总计"), "收入总计")
            elif cur is not None:
                yield equal(ctx, type(self), ctx.operand(inc, total, "total", "收入预算总表合计"),
                            ctx.operand(s, cur, "amount", "收支预算总表当年收入"), "当年收入合计")
            for col, key, name in COLUMNS:
                if inc.column(col) and s.row(key) is not None:
                    yield equal(ctx, type(self), ctx.operand(inc, total, col, f"收入预算总表{name}"),
                                ctx.operand(s, s.row(key), "amount", f"收支预算总表{name}"), name)
        units = ctx.table("budget.income_by_unit")
        if units is not None and (total := units.row("total")) is not None:
            for col, key, name in UNITS:
                if units.column(col) and s.row(key) is not None:
                    yield equal(ctx, type(self), ctx.operand(units, total, col, f"收入总表{name}"),
                                ctx.operand(s, s.row(key), "amount", f"收支总表{name}"), name)
        src = ctx.table("budget.income_by_source")
        if src is not None:
            for own, key, name in SOURCES:
                if src.row(own) is not None and s.row(key) is not None:
                    yield equal(ctx, type(self), ctx.operand(src, src.row(own), "amount", f"收入预算总表{name}"),
                                ctx.operand(s, s.row(key), "amount", f"收支预算总表{name}"), name)
