"""Every figure's text alternative says what the figure shows, computed from the data."""

from __future__ import annotations

import datetime as dt

from bs4 import BeautifulSoup
from conftest import ROOT

from macros.beboerdata.pages import chart_alt, render_table
from macros.chapters.changetheory import render_change_theory
from macros.chapters.organisation import render_org_diagram
from macros.chapters.themes import theme
from macros.core import danish
from macros.core.svgchart import change_phrase
from macros.milestones.timeline import render_overview_svg
from macros.plan import load_plan

NBSP = "\u00a0"


def pct(value: float) -> str:
    return danish.percent(value)


def test_change_phrase_says_up_down_or_unchanged():
    assert change_phrase([(2015, 44), (2020, None), (2024, 37)], pct) == f"faldt fra 44{NBSP}% i 2015 til 37{NBSP}% i 2024"
    assert change_phrase([(2015, 30), (2024, 32)], pct).startswith("steg fra 30")
    assert change_phrase([(2015, 30), (2024, 30)], pct) == f"var 30{NBSP}% både i 2015 og i 2024"
    assert change_phrase([(2015, None), (2024, 30)], pct) == f"var 30{NBSP}% i 2024"
    assert change_phrase([(2015, None)], pct) == ""


def test_chart_alt_names_the_example_data():
    line = f"18–64-årige uden arbejde eller uddannelse i Ringparken faldt fra 44{NBSP}% i 2015 til 37{NBSP}% i 2024"
    assert chart_alt("Tabel 18", [line], example=True) == f"Tabel 18: {line} (eksempeldata)."
    assert "eksempeldata" not in chart_alt("Tabel 18", [line], example=False)


def test_resident_chart_title_is_computed_from_the_table():
    plan = load_plan(ROOT / "data")
    svg = BeautifulSoup(render_table(plan, "ringparken", "18"), "html.parser").find("svg")
    title = svg.find("title").get_text()
    assert title.startswith("Tabel 18: ") and "i Ringparken/Schackenborgvænge faldt fra" in title
    assert " i 2015 til " in title and "%" in title
    assert title.endswith("(eksempeldata).") == plan.beboerdata.is_example("18")


def test_timeline_title_counts_milestones_by_status_and_names_today():
    plan = load_plan(ROOT / "data")
    today = dt.date(2026, 1, 15)
    svg = BeautifulSoup(render_overview_svg(plan, today), "html.parser")
    title = svg.find("title").get_text()
    fixed = [m for m in plan.milestones if m.deadline.is_fixed]
    assert f"planens {len(fixed)} milepæle" in title and "15. januar 2026" in title
    assert "gennemført" in title
    # the legend's colour samples are styled boxes, not pictures (no untitled figures in the PDF)
    assert all(s.find("title") for s in svg.find_all("svg"))


def test_organisation_and_change_theory_say_what_they_show():
    plan = load_plan(ROOT / "data")
    caption = BeautifulSoup(render_org_diagram(plan), "html.parser").figcaption.get_text()
    bodies = plan.organisation.bodies
    assert f"med {len(bodies)} organer" in caption
    assert all(b.name in caption for b in bodies.values())
    t = theme(plan, "beskaeftigelse")
    figure = BeautifulSoup(render_change_theory(t), "html.parser").figure
    assert figure["aria-label"].startswith(f"Forandringsteori for {t.name} i 4 trin: ")
    assert f"{len(t.change_theory['aktiviteter'])} aktiviteter" in figure["aria-label"]
