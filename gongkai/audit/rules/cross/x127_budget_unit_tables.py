from gongkai.audit.checks import equal, equation
from gongkai.audit.registry import Rule, register

# 收入总体情况表 (by unit) 合计 row: (its columns, the 收支总体情况表 income line, name)
INCOME = ((("total",), "inc_grand", "收入总计"), (("gpb", "gf", "soe"), "inc_fiscal", "财政拨款（预算拨款）收入"),
          (("sa_education", "sa_other"), "inc_special_account", "财政专户拨款收入"), (("business",), "inc_business", "事业收入"),
          (("operating",), "inc_operating", "事业单位经营收入"), (("other",), "inc_other", "其他收入"),
          (("upper",), "inc_upper", "上级补助收入"), (("affiliated",), "inc_affiliated", "附属单位上缴收入"),
          (("carryover",), "inc_begin", "上年结转结余"))
# 基本支出 / 项目支出预算表 (by unit) 总计 against the 本年支出总体情况表 合计 row
EXPENDITURE = (("budget.basic_by_unit", "basic", "基本支出"), ("budget.project_by_unit", "project", "项目支出"))


@register
class BudgetUnitTables(Rule):
    code = "X127"
    title = "按单位列示的收入、基本支出、项目支出表与总表不一致"
    doc = """
### 检查内容
按单位列示的表（广东）与总表核对：
收入总体情况表“合计”行：合计 = 收支总体情况表收入总计；一般公共预算 + 政府性基金预算 + 国有资本经营预算 = 预算拨款；
教育收费 + 其他专户收入拨款 = 财政专户拨款；事业收入、事业单位经营收入、其他收入、上级补助收入、附属单位上缴收入、
上年结转结余各与收支总体情况表同名行相等。
部门预算基本支出预算表、项目支出及其他支出预算表“合计”行的总计 = 本年支出总体情况表合计行的基本支出、项目支出。

### 为什么重要
按单位列示的表是总表按单位的分解，合计应与总表一致；不一致说明漏列了某个单位或某笔资金。

### 示例
收入总体情况表 合计 121,393.52 = 收支总体情况表 收入总计 121,393.52：一致。

### 如何修正
统一各表数字。
"""

    def check(self, ctx):
        s, inc = ctx.table("budget.summary"), ctx.table("budget.income_overview_by_unit")
        if s is not None and inc is not None and (total := inc.row("total")) is not None:
            for cols, key, name in INCOME:
                if s.row(key) is None or not all(inc.column(c) for c in cols):
                    continue
                if len(cols) == 1:
                    a = ctx.operand(inc, total, cols[0], f"收入总体情况表{name}")
                else:
                    yield equation(ctx, type(self), ctx.operand(s, s.row(key), "amount", f"收支总体情况表{name}"),
                                   [ctx.operand(inc, total, c, f"收入总体情况表{inc.column(c).header}") for c in cols],
                                   name)
                    continue
                yield equal(ctx, type(self), a, ctx.operand(s, s.row(key), "amount", f"收支总体情况表{name}"), name)
        e = ctx.table("budget.expenditure")
        if e is None or e.row("total") is None:
            return
        for tid, col, name in EXPENDITURE:
            t = ctx.table(tid)
            if t is None or t.row("total") is None or not e.column(col):
                continue
            yield equal(ctx, type(self), ctx.operand(t, t.row("total"), "total", f"{t.title}合计"),
                        ctx.operand(e, e.row("total"), col, f"支出预算总表合计{name}"), name)
