from gongkai.audit.checks import equation
from gongkai.audit.registry import Rule, register
from gongkai.model.table import Level

PERSONNEL = ("301", "303")


@register
class PersonnelPublic(Rule):
    code = "T103"
    title = "人员经费或公用经费合计不等于所含经济分类之和"
    doc = """
### 检查内容
一般公共预算财政拨款基本支出决算表：人员经费合计 = 工资福利支出（301）+ 对个人和家庭的补助（303）；
公用经费合计 = 其余各类经济分类（302 商品和服务支出、310 资本性支出，以及表中列出的 307、309、311、312、313、399 等）之和。
每个金额栏分别核对。

### 为什么重要
人员经费、公用经费是情况说明必须解释的数字，也是与一般公共预算财政拨款支出决算表“基本支出”核对的依据。

### 示例
人员经费合计 3377.74，而 301 工资福利支出 376.14 + 303 对个人和家庭的补助 3009.69 = 3385.83，相差 −8.09。

### 如何修正
按经济分类重新加总人员经费和公用经费。
"""

    def check(self, ctx):
        for t in ctx.tables("final.gpb_basic", "budget.gpb_basic"):
            classes = [r for r in t.rows if r.level is Level.CLASS]
            personnel = [r for r in classes if r.code in PERSONNEL]
            public = [r for r in classes if r.code not in PERSONNEL]
            for col in t.columns:
                for key, rows, name in (("personnel_total", personnel, "人员经费合计"), ("public_total", public, "公用经费合计")):
                    total = ctx.operand(t, t.row(key), col.key, name)
                    if rows:
                        yield equation(ctx, type(self), total, [ctx.operand(t, r, col.key) for r in rows],
                                       f"{name}（{col.header}）")
