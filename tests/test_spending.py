"""Actual spending (data/oekonomi/forbrug.yaml) against the budget and LBF's co-financing rule."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from macros.budget.cofinancing import cofinancing
from macros.budget.followup import followup
from macros.core.context import BuildContext
from macros.core.errors import PlanError
from macros.core.thresholds import Status
from macros.plan import load_plan
from macros.registry import building_blocks


@pytest.fixture(scope="module")
def plan():
    return load_plan(ROOT / "data")


def text_of(html):
    return BeautifulSoup(html, "html.parser").get_text(" ")


def test_spending_is_example_data_up_to_the_current_year(plan):
    spending = plan.spending
    assert spending.example_data
    assert [y.year for y in spending.years] == [2025, 2026]
    assert spending.year(2026).preliminary and spending.year(2026).until is not None
    assert not spending.year(2025).preliminary


def test_followup_sums_and_shares(plan):
    result = followup(plan.budget, plan.spending, plan.lbf_requirements.cofinancing)
    spent = sum(line.total for line in plan.spending.actual.lines)
    assert result.spent_total == spent
    assert result.budget_total == plan.budget.amount()
    assert result.used_share == pytest.approx(spent / plan.budget.amount() * 100)
    per_year = dict((item.year, c) for item, c in result.years)
    assert per_year[2025].budgeted == plan.budget.amount(year=2025)
    assert sum(c.spent for c in result.themes) == spent == sum(c.spent for c in result.parties)
    # The same rule and computation as for the budget.
    assert result.cofinancing == cofinancing(plan.spending.actual, plan.lbf_requirements.cofinancing)
    local = sum(plan.spending.actual.amount(party=p) for p in plan.lbf_requirements.cofinancing.local_party_ids)
    assert result.cofinancing.share == pytest.approx(local / spent * 100)


def test_economy_blocks_carry_the_example_label_and_preliminary_word(plan):
    blocks = building_blocks(plan, BuildContext(dt.date(2026, 12, 1), None))
    for name in ["forbrug_aar", "forbrug_fordeling", "forbrug_medfinansiering"]:
        html = blocks[name]()
        assert "Eksempeldata – ikke officielle tal" in text_of(html), name
        soup = BeautifulSoup(html, "html.parser")
        for table in soup.select("table"):
            assert table.find_parent(class_="plan-table-wrap") is not None, "tables scroll on a phone"
    assert "Foreløbigt" in text_of(blocks["forbrug_aar"]())
    verdict = text_of(blocks["forbrug_medfinansiering"]())
    assert "Opfyldt" in verdict and "mindst 25" in verdict


def test_below_the_rule_is_shown_as_not_met(data_copy):
    path = data_copy / "oekonomi" / "forbrug.yaml"
    text = path.read_text(encoding="utf-8").replace("finansiering: lbf\n    beloeb:\n      uddannelse-og-livschancer: 410000",
                                                    "finansiering: lbf\n    beloeb:\n      uddannelse-og-livschancer: 9410000")
    path.write_text(text, encoding="utf-8")
    plan = load_plan(data_copy, cache=False)
    result = followup(plan.budget, plan.spending, plan.lbf_requirements.cofinancing)
    assert result.cofinancing.status is Status.NOT_MET


def test_a_plan_built_as_of_an_earlier_day_shows_no_later_spending(plan):
    blocks = building_blocks(plan, BuildContext(dt.date(2025, 11, 1), None))
    text = text_of(blocks["forbrug_aar"]())
    assert "2026" in text and "ikke vist" in text
    assert "Foreløbigt" not in text


def test_spending_for_a_party_without_budget_is_refused(data_copy):
    path = data_copy / "oekonomi" / "forbrug.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("finansiering: fob", "finansiering: bestyrelsen", 1),
                    encoding="utf-8")
    with pytest.raises(PlanError) as error:
        load_plan(data_copy, cache=False)
    assert "«bestyrelsen» har ikke noget budget" in str(error.value)
