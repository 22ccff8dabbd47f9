"""The HTML report shows each 绩效自评表 with recomputed scores beside the printed ones."""

from conftest import parsed_seed
from gongkai.audit import audit
from gongkai.report.check_html import render
from gongkai.report.performance_html import render_performance


def test_seed_001_self_evaluations_recomputed_in_the_report():
    doc = parsed_seed("001")
    section = render_performance(doc)
    assert "绩效自评表复算" in section and section.count('class="pmeta"') == len(doc.performance)
    # 省级预算内基本建设资金: 执行率 20.61% × 10 = 2.06, printed 2.6
    row = next(r for r in section.split("<tr>") if "20.61%" in r and "预算执行率" in r)
    assert ">2.6<" in row and ">2.06<" in row and 'class="v-differs"' in row
    html = render([(doc, audit(doc))])
    assert render_performance(doc, anchor="d0-perf") in html


def test_no_section_without_performance_tables():
    from conftest import parsed_example

    assert render_performance(parsed_example()) == ""
