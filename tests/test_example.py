"""The bundled fictional example is consistent by construction and parses to its own figures."""

from decimal import Decimal as D

from conftest import EXAMPLE, parsed_example


def test_example_is_up_to_date_with_its_generator():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_example", EXAMPLE.with_name("build_example.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build() == EXAMPLE.read_text(encoding="utf-8")


def test_example_parses_to_its_figures():
    doc = parsed_example()
    assert doc.unit_name == "示例市医疗保障局" and doc.year == 2023 and doc.profile == "national_final"
    assert len([t for t in doc.tables if t.template_id]) == 9
    s = doc.table("final.summary")
    assert s.row("inc_grand").value("amount") == s.row("exp_grand").value("amount") == D("828.30")
    basic = doc.table("final.gpb_basic")
    assert basic.row("personnel_total").value("amount") + basic.row("public_total").value("amount") == D("509.74")
    assert doc.table("final.gov_fund").empty_note
