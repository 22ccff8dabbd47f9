from gongkai.audit.registry import register
from gongkai.audit.rules.hierarchy.h101_functional_hierarchy import FunctionalHierarchy


@register
class EconomicHierarchy(FunctionalHierarchy):
    code = "H102"
    title = "经济分类类级科目不等于所属款级科目之和"
    doc = """
### 检查内容
按经济分类列示的表（一般公共预算财政拨款基本支出决算表等）每个金额栏：“类”（如 301 工资福利支出）= 其下各“款”之和。

### 为什么重要
基本支出按经济分类逐项公开，类级数字是人员经费、公用经费的组成部分。

### 示例
301 工资福利支出 376.14 应等于 30101 基本工资、30102 津贴补贴 … 30199 其他工资福利支出之和。

### 如何修正
重新汇总各款，改正类级金额，或补列漏掉的款。
"""
    family_kind = "economic"
