"""The criteria engine against the law's boundary cases, with inputs built in code.

Thresholds come from the shipped data/kriterier/regler.yaml; the tests state the
law's own numbers so that a wrong edit of the rules file is caught too.
"""

import re

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from macros.core.errors import PlanError
from macros.criteria.engine import (
    CriteriaEngine,
    CriteriaInputs,
    Status,
    category_change_text,
    change_text,
    explain_criterion,
    margin_text,
)
from macros.criteria.rules import load_rules

SOURCES = {
    "almenboligloven",
    "l45-2013-14",
    "l38-2018-19",
    "sbst-omraadeafgraensninger",
}

#: An area comfortably inside every list, unless a test changes a value.
BASE = {
    "beboere": 2000,
    "uden_arbejde_uddannelse": 45,
    "doemte": 4.5,  # national average 1.5 below → 3.0 ×
    "kun_grundskole": 65,
    "indkomst_pct_region": 50,
    "ikke_vestlige": 60,
}
NATIONAL = {"doemte": 1.5}


@pytest.fixture(scope="module")
def rules():
    return load_rules(ROOT / "data", SOURCES)


def make_inputs(years=range(2012, 2025), overrides=None, area="omraade"):
    """Yearly values for one area and hele-landet; ``overrides[year][measure] = value`` (None deletes)."""
    overrides = overrides or {}
    values = {area: {}, "hele-landet": {}}
    for year in years:
        row = dict(BASE)
        for measure, value in overrides.get(year, {}).items():
            if value is None:
                row.pop(measure, None)
            else:
                row[measure] = value
        values[area][year] = row
        values["hele-landet"][year] = dict(NATIONAL)
    return CriteriaInputs(values)


def every_year(**values):
    return {y: dict(values) for y in range(2000, 2030)}


def result(rules, inputs, year=2024, area="omraade"):
    return CriteriaEngine(rules, inputs).evaluate(area, year)


def test_rule_sets_cover_their_years(rules):
    assert rules.for_year(2011).id == "regler-2010"
    assert rules.for_year(2015).id == "regler-2013"
    assert rules.for_year(2019).id == "regler-2018"
    assert rules.for_year(2024).id == "regler-2021"
    assert rules.for_year(2009) is None


def test_exactly_40_percent_does_not_exceed_40(rules):
    r = result(rules, make_inputs(overrides=every_year(uden_arbejde_uddannelse=40)))
    crit = r.criterion("uden-arbejde")
    assert crit.status is Status.NOT_MET
    assert margin_text(crit) == "præcis på grænsen, og det tæller som ikke opfyldt"
    r = result(rules, make_inputs(overrides=every_year(uden_arbejde_uddannelse=40.1)))
    assert r.criterion("uden-arbejde").status is Status.MET


def test_averaging_over_two_years_exact_boundary(rules):
    # (40.1 + 39.9) / 2 is 40 exactly in law, 39.99999… in floating point: not "overstiger".
    inputs = make_inputs(overrides={2023: {"uden_arbejde_uddannelse": 39.9}, 2024: {"uden_arbejde_uddannelse": 40.1}})
    crit = result(rules, inputs).criterion("uden-arbejde")
    assert crit.years_used == (2023, 2024)
    assert crit.value == pytest.approx(40.0)
    assert crit.status is Status.NOT_MET
    # 38 and 43 average 40.5: met, although one year alone is below.
    inputs = make_inputs(overrides={2023: {"uden_arbejde_uddannelse": 38}, 2024: {"uden_arbejde_uddannelse": 43}})
    crit = result(rules, inputs).criterion("uden-arbejde")
    assert crit.status is Status.MET
    assert margin_text(crit) == "dårligere end grænsen med 0,5\u00a0procentpoint"


def test_exactly_three_times_national_average_is_at_least_three(rules):
    crit = result(rules, make_inputs()).criterion("doemte")
    assert crit.value == pytest.approx(3.0)
    assert crit.status is Status.MET
    assert margin_text(crit) == "præcis på grænsen, og det tæller som opfyldt"
    crit = result(rules, make_inputs(overrides=every_year(doemte=4.4))).criterion("doemte")
    assert crit.status is Status.NOT_MET
    assert "×" in margin_text(crit) and margin_text(crit).startswith("bedre end grænsen")


def test_ratio_below_shows_times_margin(rules):
    crit = result(rules, make_inputs(overrides=every_year(doemte=3.9))).criterion("doemte")
    assert crit.value == pytest.approx(2.6)
    assert margin_text(crit) == "bedre end grænsen med 0,4\u00a0× landsgennemsnittet"


def test_exactly_55_percent_income_is_not_less_than_55(rules):
    crit = result(rules, make_inputs(overrides=every_year(indkomst_pct_region=55))).criterion("indkomst")
    assert crit.status is Status.NOT_MET
    crit = result(rules, make_inputs(overrides=every_year(indkomst_pct_region=54.9))).criterion("indkomst")
    assert crit.status is Status.MET


def test_999_residents_is_not_eligible(rules):
    r = result(rules, make_inputs(overrides=every_year(beboere=999)))
    for category_id in ("udsat", "parallelsamfund", "forebyggelse"):
        category = r.category(category_id)
        assert category.status is Status.NOT_MET, category_id
        assert "999" in category.explanation and "1.000" in category.explanation
        assert "færre beboere, end loven gælder for" in category_change_text(category)
    r = result(rules, make_inputs(overrides=every_year(beboere=1000)))
    assert r.category("udsat").status is Status.MET


def test_non_western_exactly_50_is_not_parallelsamfund(rules):
    r = result(rules, make_inputs(overrides=every_year(ikke_vestlige=50)))
    assert r.category("udsat").status is Status.MET
    assert r.category("parallelsamfund").status is Status.NOT_MET
    assert r.category("omdannelsesomraade").status is Status.NOT_MET
    # 50 % is still above the 30 % of the forebyggelse rule.
    assert r.category("forebyggelse").status is Status.MET
    r = result(rules, make_inputs(overrides=every_year(ikke_vestlige=50.1)))
    assert r.category("parallelsamfund").status is Status.MET


def test_five_consecutive_years_under_current_law(rules):
    # Parallelsamfund 2020–2024, but not in 2019 (non-western share 50 %).
    inputs = make_inputs(overrides={2019: {"ikke_vestlige": 50}})
    r = result(rules, inputs, 2024)
    assert r.category("omdannelsesomraade").status is Status.MET
    assert [y for y, _, _ in r.category("omdannelsesomraade").chain] == [2020, 2021, 2022, 2023, 2024]
    # Only four years in a row (2020–2023) is not enough under the current law …
    r = result(rules, inputs, 2023)
    assert r.category("omdannelsesomraade").status is Status.NOT_MET
    assert "2019" in r.category("omdannelsesomraade").explanation


def test_four_consecutive_years_under_2018_law(rules):
    # Ghettoområde 2017–2020 (2016 broken): hårdt ghettoområde in 2020 under the 2018 law.
    inputs = make_inputs(overrides={2016: {"ikke_vestlige": 40, "kun_grundskole": 40, "indkomst_pct_region": 60}})
    r = result(rules, inputs, 2020)
    assert r.rule_set.id == "regler-2018"
    category = r.category("omdannelsesomraade")
    assert category.category.name == "Hårdt ghettoområde"
    assert category.status is Status.MET
    assert [y for y, _, _ in category.chain] == [2017, 2018, 2019, 2020]
    assert result(rules, inputs, 2019).category("omdannelsesomraade").status is Status.NOT_MET


def test_missing_year_cannot_be_assessed(rules):
    inputs = make_inputs(overrides={2023: {"uden_arbejde_uddannelse": None}})
    crit = result(rules, inputs).criterion("uden-arbejde")
    assert crit.status is Status.UNKNOWN
    assert "2023" in crit.reason and "gennemsnittet af 2023–2024" in crit.reason
    assert explain_criterion(crit).startswith("Kan ikke vurderes")
    assert crit.value is None and margin_text(crit) == "" and change_text(crit) == ""


def test_unknown_criterion_decides_only_when_needed(rules):
    # 3 of 4 known and met: 2 of 4 is decided whatever the unknown one is.
    inputs = make_inputs(overrides={2023: {"uden_arbejde_uddannelse": None}})
    assert result(rules, inputs).category("udsat").status is Status.MET
    # Only one met, one unknown: cannot be decided.
    overrides = every_year(indkomst_pct_region=90, doemte=1)  # only kun_grundskole met
    overrides[2023]["uden_arbejde_uddannelse"] = None
    category = result(rules, make_inputs(overrides=overrides)).category("udsat")
    assert category.status is Status.UNKNOWN
    assert "2023" in category.reason
    # One met, one unknown, two not met: 2 of 4 can no longer be reached → decided.
    overrides = every_year(indkomst_pct_region=90, doemte=1, kun_grundskole=10)
    overrides[2023]["uden_arbejde_uddannelse"] = None
    assert result(rules, make_inputs(overrides=overrides)).category("udsat").status is Status.NOT_MET
    # A missing national average makes the ratio unknown, not zero.
    inputs = make_inputs()
    del inputs.values["hele-landet"][2024]["doemte"]
    crit = result(rules, inputs).criterion("doemte")
    assert crit.status is Status.UNKNOWN and "landsgennemsnittet" in crit.reason


def test_missing_year_in_a_chain_cannot_be_assessed(rules):
    inputs = make_inputs(years=range(2021, 2025))  # no data before 2021
    category = result(rules, inputs, 2024).category("omdannelsesomraade")
    assert category.status is Status.UNKNOWN
    assert "2020" in category.explanation


def test_whole_table_missing_is_explained(rules):
    inputs = CriteriaInputs({}, missing_reason="Kriterieværdier (Tabel 18) mangler.")
    r = result(rules, inputs)
    assert all(c.status is Status.UNKNOWN for c in r.categories)
    assert "Tabel 18" in r.category("udsat").reason


def test_2010_rules_use_four_year_average_per_10000(rules):
    inputs = make_inputs(years=range(2005, 2025), overrides={y: {"doemte": 2.7} for y in range(2008, 2012)})
    r = result(rules, inputs, 2011)
    crit = r.criterion("doemte")
    assert crit.years_used == (2008, 2009, 2010, 2011)
    assert crit.value == pytest.approx(270) and crit.status is Status.NOT_MET  # > 270, not ≥
    assert r.category("parallelsamfund").category.name == "Ghettoområde"


def test_2013_rules_need_three_of_five(rules):
    overrides = every_year(kun_grundskole=10, indkomst_pct_region=90, doemte=1)  # 2 of 5 met
    r = result(rules, make_inputs(overrides=overrides), 2015)
    assert r.category("parallelsamfund").status is Status.NOT_MET
    assert "2 af 5" in r.category("parallelsamfund").explanation


def test_explanations_and_change_sentences_are_plain_danish(rules):
    overrides = every_year(uden_arbejde_uddannelse=42.1, indkomst_pct_region=54.6)
    r = result(rules, make_inputs(overrides=overrides))
    crit = r.criterion("uden-arbejde")
    assert margin_text(crit) == "dårligere end grænsen med 2,1\u00a0procentpoint"
    assert "overstiger 40\u00a0%" in explain_criterion(crit)
    assert "falder med 2,1\u00a0procentpoint til 40\u00a0% eller derunder" in change_text(crit)
    income = r.criterion("indkomst")
    assert "stiger med 0,4\u00a0procentpoint til 55\u00a0% eller derover" in change_text(income)


# --- rule-file errors -------------------------------------------------------------------


def _break(data_copy, old, new, count=1):
    path = data_copy / "kriterier" / "regler.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, count)
    path.write_text(text, encoding="utf-8")
    return text


def _line_of(text, fragment, start=0):
    return text.index(fragment, start) and text[: text.index(fragment, start)].count("\n") + 1


def test_unknown_operator_names_file_and_line(data_copy):
    text = _break(data_copy, 'operator: ">"\n        graense: 40', 'operator: "=>"\n        graense: 40')
    line = _line_of(text, 'operator: "=>"')
    with pytest.raises(PlanError) as info:
        load_rules(data_copy, SOURCES)
    message = str(info.value)
    assert f"data/kriterier/regler.yaml, linje {line}" in message or f"regler.yaml, linje {line}" in message
    assert "«=>» er ikke en tilladt værdi" in message and "(overstiger)" in message


def test_missing_threshold_names_file_and_line(data_copy):
    text = _break(data_copy, "        graense: 60\n", "")
    with pytest.raises(PlanError) as info:
        load_rules(data_copy, SOURCES)
    message = str(info.value)
    assert "regler.yaml, linje" in message and "Feltet «graense» mangler" in message


def test_overlapping_periods_are_refused(data_copy):
    text = _break(data_copy, "fra_aar: 2018\n    til_aar: 2020", "fra_aar: 2018\n    til_aar: 2021")
    with pytest.raises(PlanError) as info:
        load_rules(data_copy, SOURCES)
    message = str(info.value)
    line = _line_of(text, "  - id: regler-2021")
    assert f"regler.yaml, linje {line}" in message
    assert "«regler-2018»" in message and "«regler-2021»" in message and "samme år" in message
    assert "til_aar" in message


def test_unknown_criterion_reference_suggests_nearest(data_copy):
    _break(data_copy, "af: [uden-arbejde, doemte, grundskole, indkomst]", "af: [uden-arbejde, domte, grundskole, indkomst]")
    with pytest.raises(PlanError) as info:
        load_rules(data_copy, SOURCES)
    message = str(info.value)
    assert "«domte»" in message and "Mente du «doemte»" in message and "linje" in message


def test_changing_a_threshold_in_data_changes_the_result(data_copy):
    _break(data_copy, "graense: 55\n        enhed: procent\n        grundlag: af gennemsnittet for samme gruppe i "
           "regionen (skattepligtige 15–64 år ekskl. uddannelsessøgende)\n        gennemsnit_aar: 1\n        lovtekst",
           "graense: 50\n        enhed: procent\n        grundlag: af gennemsnittet for samme gruppe i "
           "regionen (skattepligtige 15–64 år ekskl. uddannelsessøgende)\n        gennemsnit_aar: 1\n        lovtekst")
    changed = load_rules(data_copy, SOURCES)
    inputs = make_inputs(overrides=every_year(indkomst_pct_region=52))
    assert result(changed, inputs).criterion("indkomst").status is Status.NOT_MET
    assert result(load_rules(ROOT / "data", SOURCES), inputs).criterion("indkomst").status is Status.MET


def test_category_change_sentence_names_the_nearest_criteria(rules):
    # udsat: criteria 1 (42.1 %) and 3 (65 %) met, 2 and 4 not; 2 of 4 needed → 1 must go.
    overrides = every_year(uden_arbejde_uddannelse=42.1, doemte=3, indkomst_pct_region=70)
    category = result(rules, make_inputs(overrides=overrides)).category("udsat")
    assert category.status is Status.MET
    text = category_change_text(category)
    assert "hvis 1 af de 2 opfyldte kriterier holder op med at være opfyldt" in text
    assert "uden tilknytning til arbejdsmarked eller uddannelse (dårligere end grænsen med 2,1\u00a0procentpoint)" in text


def test_a_neutral_figure_is_over_or_under_the_threshold_never_better_or_worse(tmp_path):
    """The share of immigrants says nothing about how residents are doing (neutrale_maal in the rules)."""
    import datetime as dt

    from macros.core.context import BuildContext
    from macros.plan import load_plan
    from macros.registry import building_blocks

    plan = load_plan(ROOT / "data")
    assert any(c.neutral and c.measure == "ikke_vestlige" for r in plan.criteria_rules.rule_sets for c in r.criteria)
    blocks = building_blocks(plan, BuildContext(dt.date(2026, 1, 15), None))
    for area in plan.facts.area_ids:
        text = " ".join(BeautifulSoup(blocks["kriterier_omraade"](area), "html.parser").get_text(" ").split())
        for card in re.findall(r"Indvandrere og efterkommere fra ikke-vestlige lande.{0,200}?grænsen", text):
            assert "bedre" not in card and "dårligere" not in card, card
            assert " over grænsen" in card or " under grænsen" in card, card
