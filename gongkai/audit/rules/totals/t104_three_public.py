from gongkai.audit.checks import equation
from gongkai.audit.registry import Rule, register


@register
class ThreePublic(Rule):
    code = "T104"
    title = "“三公”经费合计或公务用车小计不等于分项之和"
    doc = """
### 检查内容
财政拨款“三公”经费支出决算表，预算数和决算数分别核对（广东 行政经费及“三公”经费预算表按行列示，各栏分别核对）：
合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费；
公务用车购置及运行维护费 = 公务用车购置费 + 公务用车运行维护费。

### 为什么重要
“三公”经费是社会关注度最高的数字，情况说明逐项解释，表内必须自洽。

### 示例
预算数：合计 34 = 因公出国（境）费 0 + 公务用车购置及运行维护费 34 + 公务接待费 17？实为 51，不平。

### 如何修正
核对各分项，改正合计或小计。
"""

    def check(self, ctx):
        yield from self._by_rows(ctx)
        for t in ctx.tables("final.three_public", "budget.three_public"):
            for r in t.rows:
                for p in ("budget", "actual"):
                    if f"{p}_total" not in r.cells:
                        continue
                    name = "预算数" if p == "budget" else "决算数"
                    yield equation(ctx, type(self), ctx.operand(t, r, f"{p}_total", f"{name}合计"),
                                   [ctx.operand(t, r, f"{p}_{k}", f"{name}{lbl}") for k, lbl in
                                    (("abroad", "因公出国（境）费"), ("vehicle", "公务用车购置及运行维护费"), ("reception", "公务接待费"))],
                                   f"“三公”经费{name}合计")
                    yield equation(ctx, type(self), ctx.operand(t, r, f"{p}_vehicle", f"{name}公务用车购置及运行维护费"),
                                   [ctx.operand(t, r, f"{p}_vehicle_buy", f"{name}购置费"),
                                    ctx.operand(t, r, f"{p}_vehicle_run", f"{name}运行维护费")],
                                   f"公务用车购置及运行维护费{name}")

    def _by_rows(self, ctx):
        """广东 行政经费及“三公”经费预算表: the 三公 items are rows, each fund a column."""
        for t in ctx.tables("budget.admin_three_public"):
            rows = {k: t.row(k) for k in ("three_public", "abroad", "vehicle", "reception", "vehicle_buy", "vehicle_run")}
            for col in t.columns:
                if all(rows[k] is not None for k in ("three_public", "abroad", "vehicle", "reception")):
                    yield equation(ctx, type(self), ctx.operand(t, rows["three_public"], col.key, f"“三公”经费（{col.header}）"),
                                   [ctx.operand(t, rows[k], col.key, lbl) for k, lbl in
                                    (("abroad", "因公出国（境）支出"), ("vehicle", "公务用车购置及运行维护支出"),
                                     ("reception", "公务接待费支出"))], f"“三公”经费（{col.header}）")
                if all(rows[k] is not None for k in ("vehicle", "vehicle_buy", "vehicle_run")):
                    yield equation(ctx, type(self), ctx.operand(t, rows["vehicle"], col.key, f"公务用车购置及运行维护支出（{col.header}）"),
                                   [ctx.operand(t, rows["vehicle_buy"], col.key, "公务用车购置费"),
                                    ctx.operand(t, rows["vehicle_run"], col.key, "公务用车运行维护费")],
                                   f"公务用车购置及运行维护支出（{col.header}）")
