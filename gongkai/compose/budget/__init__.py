"""Compose for 部门预算 (budget disclosures): input model, workbook, validation, figures, tables, narrative.

    data = load_input("填报_部门预算.xlsx").data   # BudgetInput, validated, problems located by cell
    comp = compose(data, "shanghai_budget")        # gongkai.compose.compose dispatches on the input's kind
"""

from gongkai.compose.budget.model import BudgetInput

__all__ = ["BudgetInput"]
