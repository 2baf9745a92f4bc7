"""Follow-up: indicators computed from data, their progress and status, and the pages.

Unit tests of the pure functions and of the loaders' Danish messages. No MkDocs needed.
"""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from macros.core.errors import PlanError
from macros.core.html import EXAMPLE_DATA_LABEL
from macros.followup.compute import HIDDEN, MISSING, PLAN_UNIT, SHOWN, Value, share, total, weighted_mean
from macros.followup.load import Combine, Indicator, ProgressRule, Target, ValueSource
from macros.followup.pages import HIDDEN_TEXT, download_csv, render_sections, render_theme_indicators
from macros.followup.progress import BEHIND, ON_TRACK, REACHED, UNKNOWN, decide, format_value
from macros.plan import load_plan

RULE = ProgressRule("ret-linje", 0.1)


@pytest.fixture(scope="module")
def plan():
    return load_plan(ROOT / "data")


@pytest.fixture
def data_copy(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def text_of(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split()).replace("\u00a0", " ")


def replace_in(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def indicator(direction="op", baseline_year=2023, target=50.0, target_year=2029) -> Indicator:
    return Indicator(id="x", theme_id="beskaeftigelse", name="Andel i job", unit="procent", decimals=0,
                     direction=direction, values=ValueSource("kategori", Combine("sum")),
                     baseline_year=baseline_year, target=Target(target, target_year), example=True)


# --- the shipped plan -------------------------------------------------------------------


def test_every_indicator_has_computed_values_for_areas_plan_and_comparison(plan):
    for s in plan.followup.series.values():
        assert s.years, s.indicator.id
        for area in s.area_ids:
            assert s.latest(area) is not None, (s.indicator.id, area)
        assert set(s.statuses) == {*s.area_ids, PLAN_UNIT}
    # the two indicators that used to wait for data (tables 9b and 9c) now have values
    for ind_id in ("karakter-mindst-2", "trivsel-skole"):
        s = plan.followup.series[ind_id]
        assert s.latest(PLAN_UNIT)[1].shown
        assert "slagelse-kommune" in s.units and "hele-landet" in s.units


def test_no_value_is_typed_in_the_indicator_file():
    text = (ROOT / "data" / "indikatorer.yaml").read_text(encoding="utf-8")
    assert "seneste:" not in text and "udgangspunkt:" not in text


def test_plan_share_comes_from_summed_counts_not_averaged_shares(plan):
    s = plan.followup.series["selvforsoergende"]
    year = s.years[-1]
    frame = plan.beboerdata.published("15")
    rows = frame[(frame["aar"] == year) & frame["omraade"].isin(s.area_ids)]
    grad0 = rows[rows["kategori"] == "grad_0"]["vaerdi"].sum()
    everyone = rows[rows["kategori"] == "i_alt"]["vaerdi"].sum()
    assert s.get(PLAN_UNIT, year).value == pytest.approx(grad0 / everyone * 100)
    assert "samlede antal" in s.combine_note and "ikke som et gennemsnit" in s.combine_note
    weighted = plan.followup.series["uden-arbejde-uddannelse"]
    assert "vægtet med" in weighted.combine_note


def test_shipped_values_are_labelled_as_example_data(plan):
    assert all(s.example for s in plan.followup.series.values())
    html = render_theme_indicators(plan, "beskaeftigelse")
    assert EXAMPLE_DATA_LABEL in text_of(html)


# --- combining values ------------------------------------------------------------------------


def test_hidden_parts_hide_the_result():
    shown, hidden, missing = Value(10, SHOWN), Value(None, HIDDEN), Value(None, MISSING)
    assert share(shown, Value(40, SHOWN)).value == 25
    assert share(hidden, Value(40, SHOWN)).state == HIDDEN
    assert total([shown, hidden, missing]).state == HIDDEN
    assert total([shown, missing]).state == MISSING
    assert weighted_mean([Value(10, SHOWN), Value(20, SHOWN)], [Value(1, SHOWN), Value(3, SHOWN)]).value == 17.5
    assert weighted_mean([Value(10, SHOWN)], [hidden]).state == HIDDEN


# --- progress and status ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "start", "goal", "now", "year", "kind"),
    [
        ("op", 40, 50, 43, 2025, ON_TRACK),  # line: 1/3 of the way; 0.3 is within the tolerance of 0.1
        ("op", 40, 50, 42, 2025, BEHIND),  # 0.2 is more than 0.1 behind 1/3
        ("op", 40, 50, 41, 2026, BEHIND),  # expected 45; 1/10 of the way is more than 0.1 behind 0.5
        ("op", 40, 50, 50, 2025, REACHED),
        ("op", 40, 50, 38, 2025, BEHIND),  # the wrong way
        ("ned", 36, 30, 35, 2024, ON_TRACK),
        ("ned", 36, 30, 29, 2026, REACHED),
    ],
)
def test_status_follows_the_straight_line_rule(direction, start, goal, now, year, kind):
    status = decide(indicator(direction, target=goal), "a", Value(start, SHOWN), (year, Value(now, SHOWN)), RULE)
    assert status.kind == kind
    assert status.reason.endswith(".") and status.reason.count(". ") == 0  # one sentence


def test_tolerance_is_data():
    ind = indicator()
    latest = (2026, Value(44, SHOWN))  # 0.4 of the way, expected 0.5
    assert decide(ind, "a", Value(40, SHOWN), latest, ProgressRule("ret-linje", 0.1)).kind == ON_TRACK
    assert decide(ind, "a", Value(40, SHOWN), latest, ProgressRule("ret-linje", 0.05)).kind == BEHIND


def test_status_cannot_be_assessed_without_data_or_when_hidden():
    ind = indicator()
    assert decide(ind, "a", Value(None, MISSING), (2025, Value(45, SHOWN)), RULE).kind == UNKNOWN
    hidden = decide(ind, "a", Value(None, HIDDEN), (2025, Value(45, SHOWN)), RULE)
    assert hidden.kind == UNKNOWN and "diskretion" in hidden.reason
    assert decide(ind, "a", Value(40, SHOWN), (2023, Value(40, SHOWN)), RULE).kind == UNKNOWN
    assert "diskretion" in decide(ind, "a", Value(40, SHOWN), (2025, Value(None, HIDDEN)), RULE).reason


def test_values_in_danish_units():
    assert format_value(34.5, "procent", 1) == "34,5\u00a0%"
    assert format_value(31.6, "pr-1000", 1) == "31,6 pr.\u00a01.000"
    assert format_value(146626, "kroner") == "146.626\u00a0kr."


# --- pages -------------------------------------------------------------------------------------------


def test_status_is_icon_and_word_with_a_reason(plan):
    soup = BeautifulSoup(render_theme_indicators(plan, "beskaeftigelse"), "html.parser")
    statuses = soup.select(".plan-status")
    assert statuses
    for status in statuses:
        assert status.select_one(".plan-status__ikon")["aria-hidden"] == "true"
        assert status.select_one(".plan-status__ord").get_text() in {"På vej", "Bagud", "Nået", "Kan ikke vurderes"}
    for svg in soup.select("svg.plan-spark"):
        assert svg["role"] == "img" and svg.find("title").get_text().startswith("Udviklingen for")


def test_every_indicator_has_a_section_with_charts_and_table(plan):
    md = render_sections(plan)
    for ind in plan.indicators.values():
        assert f"{{#{ind.id}}}" in md, ind.id
    soup = BeautifulSoup(md, "html.parser")
    assert soup.select("svg.plan-graf title") and soup.select("table.plan-opf-tal")


def test_hidden_values_say_so_on_the_page_and_in_the_download(plan):
    s = plan.followup.series["frivillige"]
    assert s.get("sydbyen", 2022).state == HIDDEN  # «<5» in the measurements file
    assert s.get(PLAN_UNIT, 2022).state == HIDDEN  # the plan total would reveal it
    assert HIDDEN_TEXT in text_of(render_sections(plan))
    rows = list(csv.DictReader(io.StringIO(download_csv(plan))))
    hidden = [r for r in rows if r["indikator"] == "frivillige" and r["aar"] == "2022"
              and r["omraade"] in ("sydbyen", PLAN_UNIT)]
    assert len(hidden) == 2 and all(r["vaerdi"] == "" and r["bemaerkning"] == HIDDEN_TEXT for r in hidden)


def test_unknown_theme_on_a_page(plan):
    with pytest.raises(PlanError) as info:
        render_theme_indicators(plan, "beskæftigelse")
    assert "Mente du «beskaeftigelse»" in info.value.fix


# --- bad data ------------------------------------------------------------------------------------------


def test_unknown_category_names_the_known_ones(data_copy):
    replace_in(data_copy / "indikatorer.yaml", "kategori: andel_mindst_2", "kategori: andel_mindst2")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy, cache=False)
    assert "Ukendt kategori «andel_mindst2» i tabel 9c" in str(info.value)
    assert "andel_mindst_2" in str(info.value)


def test_target_year_outside_the_plan_period(data_copy):
    replace_in(data_copy / "indikatorer.yaml", "maal: {vaerdi: 30.0, aar: 2029}", "maal: {vaerdi: 30.0, aar: 2031}")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy, cache=False)
    assert "uden for planperioden 2025–2029" in str(info.value)


def test_small_person_count_in_measurements_is_refused(data_copy):
    replace_in(data_copy / "maalinger" / "frivillige.csv", "frivillige,motalavej,2022,8,", "frivillige,motalavej,2022,3,")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy, cache=False)
    assert "mellem 1 og 4" in str(info.value) and "«<5»" in str(info.value)


def test_measurement_for_an_unknown_indicator(data_copy):
    replace_in(data_copy / "maalinger" / "haervaerk.csv", "haervaerk,sydbyen,2019", "haervark,sydbyen,2019")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy, cache=False)
    assert "Ukendt indikator «haervark»" in str(info.value) and "Mente du «haervaerk»" in str(info.value)


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_measured_year_that_has_not_come_is_refused(data_copy):
    from macros.core.errors import PlanError
    from macros.plan import load_plan

    _replace(data_copy / "maalinger" / "haervaerk.csv", "haervaerk,ringparken,2020,45,", "haervaerk,ringparken,2090,45,")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    assert "haervaerk.csv, række 3" in str(info.value) and "Året 2090 er ikke gået endnu" in str(info.value)


def test_a_count_with_a_thousands_point_is_not_read_as_a_decimal(data_copy):
    from macros.core.errors import PlanError
    from macros.plan import load_plan

    _replace(data_copy / "maalinger" / "haervaerk.csv", "haervaerk,ringparken,2020,45,", "haervaerk,ringparken,2020,1.045,")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    assert "række 3" in str(info.value) and "Et antal skal være et helt tal («1.045»)" in str(info.value)
    assert "Skriv 1045 uden punktum" in str(info.value)
