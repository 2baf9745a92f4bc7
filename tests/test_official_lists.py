"""The official lists register (data/kriterier/lister.yaml): loading, published values, comparison, pages."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from macros.core.context import BuildContext
from macros.core.errors import PlanError
from macros.core.thresholds import Status
from macros.criteria.engine import CriteriaEngine
from macros.criteria.inputs import inputs_from_plan
from macros.criteria.lists import PublishedThreshold, PublishedValue, PublishedValues, load_lists
from macros.criteria.official import Agreement, Basis, compare_year, evaluate_published
from macros.plan import load_plan
from macros.registry import building_blocks


@pytest.fixture(scope="module")
def plan():
    return load_plan(ROOT / "data")


def text_of(html):
    return BeautifulSoup(html, "html.parser").get_text(" ")


def test_register_uses_the_rule_sets_category_ids(plan):
    lists = plan.official_lists
    assert lists.years[0] == 2013 and 2025 in lists.years
    for official in lists.lists:
        known = {c.id for c in plan.criteria_rules.by_id(official.rule_set_id).categories}
        for placement in official.placements:
            assert set(placement.on) | set(placement.off) <= known
            assert placement.source_id in plan.sources
    assert plan.official_lists.placement("ringparken", 2019).on == ("parallelsamfund", "omdannelsesomraade")
    assert plan.official_lists.placement("sydbyen", 2019) is None
    assert plan.official_lists.placement("motalavej", 2020).uncertain


def test_ringparken_2019_real_values_meet_the_2018_rules(plan):
    placement = plan.official_lists.placement("ringparken", 2019)
    rule_set = plan.criteria_rules.for_year(2019)
    verdict, items = evaluate_published(placement.published, rule_set, "ringparken", 2019)
    assert verdict.category("udsat").status is Status.MET
    assert verdict.category("parallelsamfund").status is Status.MET
    # One year's values cannot decide a category that needs several years in a row.
    assert verdict.category("omdannelsesomraade").status is Status.UNKNOWN
    by_id = {i.criterion.id: i for i in items}
    assert by_id["indkomst"].status is Status.NOT_MET  # 57,7 % is not below 55 %
    assert by_id["doemte"].threshold_disputed and by_id["doemte"].status is Status.MET  # 2,07 ≥ 1,98 and ≥ 2,03


def test_disputed_threshold_decides_nothing_when_the_value_lies_between(plan):
    rule_set = plan.criteria_rules.for_year(2019)
    values = PublishedValues(
        ("sn-2020-ringparken",),
        (PublishedValue("doemte", 2.0, (PublishedThreshold(1.98, "a"), PublishedThreshold(2.03, "b")), "uenige"),),
    )
    verdict, items = evaluate_published(values, rule_set, "ringparken", 2019)
    doemte = next(i for i in items if i.criterion.id == "doemte")
    assert doemte.status is Status.UNKNOWN
    assert verdict.criterion("uden-arbejde").status is Status.UNKNOWN  # not published: never guessed


def test_comparison_says_which_one_is_official(plan):
    inputs = inputs_from_plan(plan)
    engine = CriteriaEngine(plan.criteria_rules, inputs)
    found = [compare_year(engine, o, "motalavej", True) for o in plan.official_lists.lists]
    disagreeing = [c for c in found if c.agreement is Agreement.DISAGREE]
    assert disagreeing, "the example data disagree with the real lists somewhere"
    html = building_blocks(plan, BuildContext(dt.date(2026, 12, 1), None))["listeplaceringer_omraade"]("motalavej")
    text = text_of(html)
    assert "Afviger" in text and "Det er ministeriets liste, der gælder" in text
    assert "Eksempeldata" in text
    real = compare_year(engine, plan.official_lists.for_year(2019), "ringparken", True)
    assert real.basis is Basis.PUBLISHED


def test_area_page_shows_period_names_caveats_and_real_values(plan):
    blocks = building_blocks(plan, BuildContext(dt.date(2026, 12, 1), None))
    soup = BeautifulSoup(blocks["listeplaceringer_omraade"]("ringparken"), "html.parser")
    rows = {tr.th.get_text(" ", strip=True)[:12]: tr for tr in soup.select("table.plan-official tbody tr")}
    assert "Hårdt ghettoområde" in rows["1. dec. 2019"].get_text()
    assert "Ikke omdannelsesområde" in rows["1. dec. 2021"].get_text()
    assert "Usikkert" in rows["1. dec. 2020"].get_text()
    assert "offentlige kriterieværdier" in rows["1. dec. 2019"].get_text()
    text = soup.get_text(" ")
    assert "1,98 %" in text and "2,03 %" in text and "Usikkert" in text  # the disputed threshold, with its caveat
    for badge in soup.select(".plan-status, .plan-kat"):
        assert badge.get_text(strip=True), "a status must carry a word, not colour alone"
    # The criteria history uses the real values for 2019 instead of the example values.
    history = text_of(blocks["kriterier_omraade"]("ringparken"))
    assert "Offentlige tal" in history and "fra listen 1. december 2019" in history


def test_area_never_named_is_not_said_to_be_off_the_lists(plan):
    text = text_of(building_blocks(plan, BuildContext(dt.date(2026, 12, 1), None))["listeplaceringer_omraade"]("sydbyen"))
    assert "Ikke nævnt i kilden" in text and "Ingen kendt placering" in text
    assert "Afviger" not in text


def test_next_years_list_is_one_entry(data_copy):
    path = data_copy / "kriterier" / "lister.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "lister:\n",
        "lister:\n  - aar: 2026\n    kilde: sm-2021-udsatte-boligomraader\n    placeringer:\n"
        "      - omraade: sydbyen\n        paa: [forebyggelse]\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    plan = load_plan(data_copy, cache=False)
    assert plan.official_lists.lists[0].year == 2026
    html = building_blocks(plan, BuildContext(dt.date(2026, 12, 1), None))["listeplaceringer"]()
    assert "1. dec. 2026" in text_of(html) and "Forebyggelsesområde" in text_of(html)


def test_category_unknown_in_that_years_rules_is_refused(data_copy, plan):
    path = data_copy / "kriterier" / "lister.yaml"
    text = path.read_text(encoding="utf-8").replace("paa: [forebyggelse]", "paa: [hardt-ghetto]", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as error:
        load_lists(data_copy, plan.criteria_rules, plan.sources, plan.areas)
    assert "Listen «hardt-ghetto» findes ikke i 2022" in str(error.value)
