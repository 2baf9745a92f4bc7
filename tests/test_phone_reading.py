"""What a resident reads on a phone: round percentage axes, words instead of marks,
criteria sentences with a direction, and the timeline leading with what happens now."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from macros.beboerdata.pages import render_area_page
from macros.core.svgchart import WIDTH, axis_ticks
from macros.criteria.engine import CriteriaEngine, margin_text
from macros.criteria.inputs import inputs_from_plan
from macros.plan import load_plan


@pytest.fixture(scope="module")
def plan():
    return load_plan(ROOT / "data")


def test_ticks_are_round_and_percentages_stop_at_100():
    assert axis_ticks(0, 104, cap=100) == [0, 25, 50, 75, 100]
    assert axis_ticks(0, 52.5, cap=100) == [0, 20, 40, 60]
    assert axis_ticks(0, 38) == [0, 10, 20, 30, 40]
    assert 12.5 not in axis_ticks(0, 50, cap=100)


def _axis_labels(svg) -> list[float]:
    labels = [t.get_text() for t in svg.find_all("text", attrs={"text-anchor": "end"})]
    return [float(t.replace(".", "").replace(",", ".")) for t in labels]


@pytest.mark.parametrize("area", ["ringparken", "sydbyen"])
def test_percentage_charts_never_pass_100_and_start_at_0(plan, area):
    soup = BeautifulSoup(render_area_page(plan, area), "html.parser")
    checked = 0
    for table_id, spec in plan.beboerdata.tables.items():
        first = spec.category(spec.chart[0])
        if first.unit.maximum != 100:
            continue
        svg = soup.find("svg", attrs={"aria-labelledby": re.compile(rf"^graf-{area}-{re.escape(table_id)}-t ")})
        labels = _axis_labels(svg)
        assert labels[0] == 0 and max(labels) <= 100, (table_id, labels)
        steps = {round(b - a, 6) for a, b in zip(labels, labels[1:])}
        assert len(steps) == 1 and steps.pop() in (1, 2, 5, 10, 20, 25, 50), (table_id, labels)
        checked += 1
    assert checked > 3


def test_chart_text_is_at_least_11_px_on_a_375_px_phone(plan):
    soup = BeautifulSoup(render_area_page(plan, "ringparken"), "html.parser")
    svg = soup.find("svg", class_="plan-graf")
    size = float(svg["font-size"])
    drawn = 375 - 2 * 16  # the content column at 375 px
    assert size * drawn / WIDTH >= 11


def test_a_row_hidden_in_every_year_says_so_in_words(plan):
    soup = BeautifulSoup(render_area_page(plan, "ringparken"), "html.parser")
    notes = soup.select(".plan-beboertabel__skjult")
    assert notes and all("privatlivet" in n.get_text() for n in notes)
    for note in notes:
        cells = [td.get_text(strip=True) for td in note.find_parent("tr").find_all("td")]
        assert cells and all(c in ("<5", "x") for c in cells)


def test_every_criterion_margin_has_a_direction_word(plan):
    engine = CriteriaEngine(plan.criteria_rules, inputs_from_plan(plan))
    seen = 0
    for area in plan.plan_areas:
        for year in engine.inputs.years:
            result = engine.evaluate(area.id, year)
            for r in [result.residents, *result.criteria] if result.rule_set else []:
                if r is None or r.value is None:
                    continue
                text = margin_text(r)
                if r.criterion.neutral:
                    # A neutral figure (the share of immigrants) is never called better or worse.
                    assert re.search(r" (over|under) grænsen$", text) and not re.search(r"bedre|dårligere", text), text
                else:
                    assert re.search(r"\b(bedre|dårligere|flere|færre|præcis på grænsen)\b", text), text
                    assert " over grænsen" not in text and " under grænsen" not in text
                seen += 1
    assert seen > 50
