"""浙江 (表01–表11) and 福建 (一、… 十、 and 项目绩效目标表) 部门预算 sets in ../shared/corpus: every standard table
recognised, figures as printed, no error finding. Skipped when the corpus is absent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import CORPUS, _parsed

ZJ = "cities/湖州/2026年湖州市财政局部门预算.pdf"
FJ = "cities/福州/2026年福州市公安局部门预算.pdf"
ZJ_TABLES = ["budget.summary", "budget.income", "budget.expenditure", "budget.fiscal_summary",
             "budget.gpb_expenditure", "budget.gpb_basic", "budget.three_public", "budget.gov_fund",
             "budget.soe_capital", "budget.project_expenditure", "budget.project_performance"]
FJ_TABLES = ["budget.summary", "budget.income", "budget.expenditure", "budget.fiscal_summary",
             "budget.gpb_expenditure", "budget.gov_fund", "budget.soe_capital", "budget.gpb_economic",
             "budget.gpb_basic", "budget.three_public", "perf.project_targets", "perf.project_targets"]


def parsed(rel: str):
    path = CORPUS / rel
    if not path.exists():
        pytest.skip(f"{rel} not in the corpus")
    return _parsed(str(path))


def value(table, key_or_code: str, column: str) -> Decimal | None:
    row = next(r for r in table.rows if r.key == key_or_code or r.code == key_or_code)
    return row.cells[column].value


def test_zhejiang_set():
    from gongkai.audit import audit

    doc = parsed(ZJ)
    assert doc.profile == "zhejiang_budget"
    assert [t.template_id for t in doc.tables] == ZJ_TABLES
    assert [t.printed_number for t in doc.tables] == [f"公开{k:02d}表" for k in range(1, 12)]
    t = {x.template_id: x for x in doc.tables}
    # 支出预算总表 over two pages: 总计 | 基本支出（人员支出、公用经费）| 项目支出 …
    assert (value(t["budget.expenditure"], "total", "personnel"), value(t["budget.expenditure"], "total", "public"),
            value(t["budget.expenditure"], "total", "project")) == (Decimal("4944.99"), Decimal("626.67"),
                                                                    Decimal("1266.75"))
    assert value(t["budget.expenditure"], "2210201", "personnel") == Decimal("420.07")  # on the second page
    assert value(t["budget.gpb_expenditure"], "total", "basic") == Decimal("5571.66")
    assert value(t["budget.income"], "total", "current") == Decimal("6838.41")
    assert value(t["budget.three_public"], "amounts", "budget_reception") == Decimal("5.80")
    assert value(t["budget.project_expenditure"], "total", "gpb") == Decimal("1266.75")
    assert len(t["budget.project_performance"].rows) == 8
    assert not [f for f in audit(doc).findings if f.severity.value == "error"]


def test_fujian_set():
    from gongkai.audit import audit

    doc = parsed(FJ)
    assert doc.profile in ("fujian_budget", "fujian_unit_budget")
    assert [t.template_id for t in doc.tables if t.template_id] == FJ_TABLES
    t = {x.template_id: x for x in doc.tables}
    assert value(t["budget.income"], "total", "gpb") == Decimal("2796.14")
    assert value(t["budget.gpb_economic"], "301", "total") == Decimal("2120.90")
    assert value(t["budget.gpb_basic"], "30101", "total") == Decimal("464.20")
    assert value(t["budget.three_public"], "amounts", "budget_vehicle_run") == Decimal("25.31")
    assert not [f for f in audit(doc).findings if f.severity.value == "error"]
