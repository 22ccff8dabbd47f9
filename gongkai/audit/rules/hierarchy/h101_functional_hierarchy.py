from gongkai.audit.checks import equation
from gongkai.audit.registry import Rule, register
from gongkai.model.table import Level


def children_by_parent(rows) -> dict[str, list]:
    """Rows directly under each parent code, in the order printed (款 under 类, 项 under 款)."""
    out: dict[str, list] = {}
    for r in rows:
        level = r.level
        if level is Level.SECTION:
            out.setdefault(r.code[:3], []).append(r)
        elif level is Level.ITEM:
            out.setdefault(r.code[:5], []).append(r)
    return out


@register
class FunctionalHierarchy(Rule):
    code = "H101"
    title = "功能分类上级科目不等于下级科目之和"
    doc = """
### 检查内容
按支出功能分类列示的每张表、每个金额栏：“类”= 其下各“款”之和，“款”= 其下各“项”之和。
只在表中列出了下级科目时核对。

### 为什么重要
层级汇总错误会使类级数字（总表、情况说明引用的数字）与明细脱节。

### 示例
210 卫生健康支出 768.85 = 21011 行政事业单位医疗 20.32 + 21015 医疗保障管理事务 717.96 + 21099 其他卫生健康支出 30.57。

### 如何修正
重新汇总下级科目，改正上级科目金额，或补列漏掉的下级科目。
"""
    family_kind = "functional"

    def check(self, ctx):
        for t in ctx.doc.tables:
            if t.generic or not any(r.code for r in t.rows):
                continue
            rows = [r for r in t.rows if r.code and r.code[0] == ("2" if self.family_kind == "functional" else "3")]
            kids_of = children_by_parent(rows)
            for parent in rows:
                if parent.level not in (Level.CLASS, Level.SECTION):
                    continue
                kids = kids_of.get(parent.code)
                if not kids:
                    continue
                for col in t.columns:
                    if col.key not in parent.cells:
                        continue
                    name = f"{parent.code} {parent.label.replace(' ', '')}"
                    yield equation(ctx, type(self), ctx.operand(t, parent, col.key, name),
                                   [ctx.operand(t, k, col.key, f"{k.code} {k.label.replace(' ', '')}") for k in kids],
                                   f"“{name}”（{col.header}）")
