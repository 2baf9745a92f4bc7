"""Budget, the co-financing rule, the document checklist and the 2017–2021 history."""

import dataclasses

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from macros.budget.cofinancing import cofinancing
from macros.budget.load import Budget, BudgetLine, Theme
from macros.budget.pages import render_budget_table, render_cofinancing
from macros.core.errors import PlanError
from macros.criteria.checklist import render_checklist
from macros.criteria.engine import Status
from macros.criteria.history import evaluate_history
from macros.criteria.pages import render_history
from macros.plan import load_plan


@pytest.fixture(scope="module")
def plan():
    return load_plan(ROOT / "data")


def text_of(html):
    return BeautifulSoup(html, "html.parser").get_text(" ")


def budget_with(lbf, local):
    themes = (Theme("t", "Tema"),)
    lines = (BudgetLine(2026, "lbf", {"t": lbf}), BudgetLine(2026, "slagelse-kommune", {"t": local}))
    return Budget(True, "", themes, lines, ())


@pytest.mark.parametrize(
    "lbf, local, status",
    [(75, 25, Status.MET), (76, 24, Status.NOT_MET), (70, 30, Status.MET), (0, 0, Status.UNKNOWN)],
)
def test_cofinancing_share_against_the_rule_in_data(plan, lbf, local, status):
    rule = plan.lbf_requirements.cofinancing
    assert rule.threshold == 25 and rule.operator == ">="  # the 25 % rule lives in data/lbf-krav.yaml
    result = cofinancing(budget_with(lbf, local), rule)
    assert result.status is status


def test_cofinancing_is_shown_with_figures_and_example_label(plan):
    result = cofinancing(plan.budget, plan.lbf_requirements.cofinancing)
    assert result.local == sum(plan.budget.amount(party=p) for p in ("slagelse-kommune", "sb", "fob", "boligkorsoer"))
    text = text_of(render_cofinancing(result, plan.budget, plan.parties, plan.sources))
    assert "Eksempeldata – ikke officielle tal" in text
    assert "Kravet er opfyldt" in text or "Kravet er ikke opfyldt" in text
    assert "mindst 25\u00a0%" in text and "Lokal medfinansiering i alt" in text and "Budget i alt" in text
    assert "procentpoint" in text


def test_changing_the_threshold_in_data_flips_the_check(plan):
    rule = dataclasses.replace(plan.lbf_requirements.cofinancing, threshold=30)
    result = cofinancing(plan.budget, rule)
    assert result.status is Status.NOT_MET
    assert "Kravet er ikke opfyldt" in text_of(render_cofinancing(result, plan.budget, plan.parties, plan.sources))


def test_budget_table_totals_and_label(plan):
    html = render_budget_table(plan.budget, plan.parties)
    soup = BeautifulSoup(html, "html.parser")
    total_row = soup.select("tbody tr")[-1]
    assert total_row.th.get_text() == "I alt"
    assert total_row.select("td")[-1].get_text().replace(".", "") == str(plan.budget.amount())
    assert "Eksempeldata" in soup.get_text()


def _write(data_copy, name, old, new):
    path = data_copy / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text.replace(old, new, 1)


def test_budget_unknown_theme_names_line(data_copy):
    text = _write(data_copy, "oekonomi/budget.yaml", "      beskaeftigelse: 375000", "      beskæftigelse: 375000")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    message = str(info.value)
    line = text.splitlines().index("      beskæftigelse: 375000") + 1
    assert f"budget.yaml, linje {line}" in message and "Ukendt indsatsområde «beskæftigelse»" in message
    assert "mangler et beløb for «beskaeftigelse»" in message


def test_budget_amount_with_thousands_point_is_refused(data_copy):
    _write(data_copy, "oekonomi/budget.yaml", "      beskaeftigelse: 375000", '      beskaeftigelse: "375.000"')
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    assert "hele kroner" in str(info.value)


def test_budget_unknown_party_and_duplicate(data_copy):
    _write(data_copy, "oekonomi/budget.yaml", "    finansiering: fob", "    finansiering: fobb")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    assert "Ukendt finansieringskilde «fobb»" in str(info.value) and "Mente du «fob»" in str(info.value)


def test_lbf_rule_unknown_operator(data_copy):
    _write(data_copy, "lbf-krav.yaml", 'operator: ">="', 'operator: "=>"')
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    assert "lbf-krav.yaml, linje" in str(info.value) and "«=>» er ikke en tilladt værdi" in str(info.value)


def test_checklist_shows_both_phases_and_derived_status(plan):
    html = render_checklist(plan.lbf_requirements, plan.sources)
    soup = BeautifulSoup(html, "html.parser")
    tables = soup.select("table.plan-checklist")
    assert len(tables) == 2
    assert [len(t.select("tbody tr")) for t in tables] == [7, 6]
    final = tables[1].get_text(" ")
    assert "Godkendt (afledt)" in final and "31. marts 2025" in final and "§ 17,4-udvalget" in final
    assert "Ukendt" in tables[0].get_text(" ")


def test_derived_status_needs_reason_and_source(data_copy):
    path = data_copy / "lbf-krav.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    status_begrundelse: >-")
    end = text.index("    dato: 2025-03-31", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    assert "afledt status uden begrundelse" in str(info.value)


def test_history_is_honest_about_different_definitions(plan):
    rule_set, results, category, status, met, unknown = evaluate_history(plan.criteria_history, plan.criteria_rules)
    assert rule_set.id == "regler-2013"
    by_id = {r.result.criterion.id: r for r in results}
    assert by_id["uden-arbejde"].result.status is Status.MET  # 42 % > 40 %
    assert by_id["ikke-vestlige"].result.status is Status.NOT_MET  # 44 % is not > 50 %
    for differing in ("doemte", "grundskole", "indkomst"):
        assert by_id[differing].result.status is Status.UNKNOWN
    assert status is Status.UNKNOWN and met == 1 and unknown == 3
    text = text_of(render_history(plan.criteria_history, plan.criteria_rules, plan.sources))
    assert "Kan ikke vurderes præcist" in text and "afgørelser" in text
    assert "5.593" in text and "Ansøgning til én fælles boligsocial indsats" in text


def test_known_listings_never_name_the_forebyggelse_areas(plan):
    listing = next(k for k in plan.criteria_history.known_listings if "forebyggelse" in k.text)
    assert listing.source_id == "referat-17-4-udvalg-2025-12-09"
    for area in plan.areas.values():
        assert area.name not in listing.text
