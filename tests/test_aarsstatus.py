"""The yearly status report: plan years, the year's summary, its sections and its PDF.

Unit tests of the pure functions (no MkDocs): the PDF test renders one report
with WeasyPrint from a small stand-in for the plan's prepared document.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from macros.core.context import BuildContext
from macros.core.errors import PlanError
from macros.core.gitrepo import Commit
from macros.core.html import EXAMPLE_DATA_LABEL
from macros.followup.compute import HIDDEN_VALUE, PLAN_UNIT
from macros.followup.pages import HIDDEN_TEXT
from macros.followup.progress import as_of_year
from macros.pdf.accessibility import check_pdf
from macros.pdf.document import RUNNING_STYLE_ID, PreparedPdf, write_pdf
from macros.plan import load_plan
from macros.status import pages, report
from macros.status.year import PlanYear, plan_years, select_years, year_summary

START, END = dt.date(2025, 10, 1), dt.date(2029, 9, 30)


@pytest.fixture(scope="module")
def plan():
    return load_plan(ROOT / "data")


def text_of(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split()).replace("\u00a0", " ")


def commit(day: str, title: str, pr: int | None = None) -> Commit:
    return Commit("a" * 40, "aaaaaaa", dt.date.fromisoformat(day), title, pr)


COMMITS = [
    commit("2026-03-02", "Nye beboerdata fra februar 2026", 12),
    commit("2026-02-10", "Opsætning af sitet"),
    commit("2025-11-20", "Ret beskrivelsen af lektiecaféen", 7),
]


# --- plan years ------------------------------------------------------------------------------


def test_plan_years_are_calendar_years_inside_the_period():
    years = plan_years(START, END, dt.date(2026, 1, 15))
    assert years == [
        PlanYear(2025, dt.date(2025, 10, 1), dt.date(2025, 12, 31), preliminary=False),
        PlanYear(2026, dt.date(2026, 1, 1), dt.date(2026, 1, 15), preliminary=True),
    ]
    assert years[1].label == "2026 (foreløbig)"
    assert plan_years(START, END, dt.date(2025, 9, 30)) == []
    after = plan_years(START, END, dt.date(2030, 2, 1))
    assert [y.year for y in after] == [2025, 2026, 2027, 2028, 2029]
    assert after[-1] == PlanYear(2029, dt.date(2029, 1, 1), END, preliminary=False)
    # The last day of a year is still in it: the report is preliminary until the year is over.
    assert plan_years(START, END, dt.date(2026, 12, 31))[-1].preliminary


def test_selecting_years_and_a_year_that_has_not_begun():
    years = plan_years(START, END, dt.date(2026, 1, 15))
    assert select_years(years, "") == years
    assert select_years(years, "ingen") == []
    assert [y.year for y in select_years(years, "2026, 2025")] == [2026, 2025]
    with pytest.raises(PlanError) as error:
        select_years(years, "2027", where="make aarsstatus")
    message = error.value.format()
    assert "2027" in message and "2025–2026" in message and "AAR=2026" in message


# --- the year's contents ------------------------------------------------------------------


def test_the_years_milestones_and_decisions(plan):
    first, second = plan_years(plan.facts.start, plan.facts.end, dt.date(2026, 1, 25))
    summary = year_summary(plan, first, COMMITS)
    assert [m.id for m in summary.milestones.reached] == [
        "planen-traeder-i-kraft", "workshop-roller-organisering", "udvalg-17-4-afsluttende-moede"]
    assert [d.id for d in summary.decisions] == ["helhedsplanen-traeder-i-kraft",
                                                 "udvalg-17-4-afsluttende-anbefalinger"]
    later = year_summary(plan, second, COMMITS)
    # A deadline in January 2026 whose status the sources do not confirm.
    assert [m.id for m in later.milestones.unconfirmed] == ["workshop-data-forandringsteori"]
    assert later.milestones.reached == () and later.decisions == ()
    assert "planperioden-slutter" not in [m.id for m in later.milestones.coming]  # not due in 2026


def test_changes_are_the_commits_of_the_year_only(plan):
    first, second = plan_years(plan.facts.start, plan.facts.end, dt.date(2026, 12, 1))
    assert [c.pull_request for c in year_summary(plan, first, COMMITS).changes.commits] == [7]
    assert [c.pull_request for c in year_summary(plan, second, COMMITS).changes.commits] == [12, None]
    assert year_summary(plan, first, None).changes.commits is None
    text = pages.changes_sentence(year_summary(plan, second, COMMITS))
    assert text == "1 ændringsforslag og 1 anden ændring er lagt ind i planen i 2026."


def test_indicators_as_they_stood_at_the_end_of_a_year(plan):
    early = as_of_year(plan.followup, 2023)
    for ind_id, s in early.series.items():
        assert all(y <= 2023 for y in s.years), ind_id
        assert all(year <= 2023 for _, year in s.values), ind_id
    # With nothing measured after the baseline year, no status can be decided yet.
    baseline_2023 = [s for s in early.series.values() if s.indicator.baseline_year == 2023]
    assert baseline_2023 and all(s.statuses[PLAN_UNIT].kind == "kan-ikke-vurderes" for s in baseline_2023)
    # The whole follow-up is unchanged by it.
    assert as_of_year(plan.followup, 2100).series.keys() == plan.followup.series.keys()


def test_the_summary_in_plain_danish_with_the_example_label(plan):
    period = plan_years(plan.facts.start, plan.facts.end, dt.date(2026, 12, 1))[0]
    summary = year_summary(plan, period, COMMITS)
    html = pages.render_summary(plan, summary)
    text = text_of(html)
    assert EXAMPLE_DATA_LABEL in text
    assert "Årsstatussen dækker 1. oktober–31. december 2025." in text
    assert "3 milepæle blev nået" in text
    assert "2 beslutninger er truffet i året." in text
    assert re.search(r"I 2025 er der brugt [\d.]+ kr\. af årets budget på [\d.]+ kr\.", text)
    assert "Tallene er eksempeldata." in pages.spending_sentence(summary)
    assert "Tallene er eksempeldata." in pages.indicators_sentence(summary)
    # The 2025 list names no area: the summary says so, with the list's own note.
    assert "Ministeriets lister 1. december 2025" in text and "ikke nævnt i kilden" in text


def test_a_preliminary_year_says_so_and_a_missing_list_is_not_invented(plan):
    period = plan_years(plan.facts.start, plan.facts.end, dt.date(2026, 12, 1))[-1]
    summary = year_summary(plan, period, COMMITS)
    text = text_of(pages.render_summary(plan, summary))
    assert "foreløbig" in text and "opgjort 1. december 2026" in text
    assert summary.official_list is None
    assert "Ministeriets lister 1. december 2026 er ikke lagt ind i planen endnu." in text
    assert "foreløbigt tal" in pages.spending_sentence(summary)


def test_a_hidden_value_stays_hidden_in_the_report(plan):
    """Disclosure control: a value hidden in the follow-up is «kan ikke vises (diskretion)» in the report too."""
    series = plan.followup.series["uden-arbejde-uddannelse"]
    last = series.years[-1]
    values = {**series.values, ("ringparken", last): HIDDEN_VALUE}
    hidden_series = dataclasses.replace(series, values=values)
    followup = dataclasses.replace(plan.followup, series={**plan.followup.series, series.indicator.id: hidden_series})
    hidden_plan = dataclasses.replace(plan, followup=followup)
    period = PlanYear(last, dt.date(last, 1, 1), dt.date(last, 12, 31), False)
    summary = year_summary(hidden_plan, period, [])
    html = pages.render_indicators(hidden_plan, summary, "../opfoelgning/#")
    assert HIDDEN_TEXT in text_of(html)
    assert summary.indicators.followup.series[series.indicator.id].statuses["ringparken"].kind == "kan-ikke-vurderes"


def test_every_section_is_there_and_the_site_page_has_headings(plan):
    context = BuildContext(dt.date(2026, 12, 1), None)
    found = pages.build_reports(plan, context, ROOT)
    assert [p.year for p in found.years] == [2025, 2026]
    keys = [s.key for s in found.sections[0]]
    assert keys == ["sammenfatning", "indikatorer", "milepaele", "beslutninger", "oekonomi", "lister", "aendringer"]
    page = pages.render_page(list(zip(found.years, found.sections)))
    assert page.index("## Årsstatus 2026 (foreløbig) {#aarsstatus-2026}") < page.index("## Årsstatus 2025 {")
    assert "### Milepæle i 2025 {#aarsstatus-2025-milepaele}" in page
    # Built outside git: the changes say so instead of showing nothing.
    assert "bygget uden for git" in page
    index = pages.render_index(found.years)
    assert 'href="../pdf/aarsstatus-2025.pdf"' in index and "2026 (foreløbig)" in index
    assert "<script" not in page


# --- the PDF ------------------------------------------------------------------------------


def _prepared(plan, context) -> PreparedPdf:
    """A stand-in for the plan's prepared document: its head is all a report takes from it."""
    html = (f"<html lang='da'><head><meta charset='utf-8'><title>Planen</title>"
            f"<meta name='description' content='x'><style id='{RUNNING_STYLE_ID}'></style></head>"
            "<body><article><h1 id='x'>Planen</h1></article></body></html>")
    return PreparedPdf(html, BeautifulSoup(html, "html.parser"), plan, context, ROOT / "docs", 0.0)


def test_the_report_document(plan):
    context = BuildContext(dt.date(2026, 1, 15), None)
    found = pages.build_reports(plan, context, ROOT, "https://github.com/eksempel/plan")
    html = report.year_report_html(_prepared(plan, context), found.years[0], found.sections[0])
    soup = BeautifulSoup(html, "html.parser")
    assert soup.title.string.startswith("Årsstatus 2025 – ")
    cover = soup.find(id="plan-cover")
    assert "Årsstatus 2025" in cover.get_text() and "Planens version" in cover.get_text()
    assert "Eksempeldata" in cover.get_text()
    chapters = [h.get_text(" ", strip=True) for h in soup.select("article.plan-aars > h1")]
    assert chapters[0] == "1. Sammenfatning" and chapters[-1] == "7. Ændringer i planen i 2025"
    assert soup.find(id="doc-toc") is not None
    # Links to the site's other pages are plain text on paper.
    assert not [a["href"] for a in soup.find_all("a", href=True)
                if not a["href"].startswith(("#", "http", "mailto:"))]
    assert "Årsstatus 2025 · " in soup.find("style", id=RUNNING_STYLE_ID).string


def test_the_report_pdf_passes_the_accessibility_check(plan, tmp_path):
    context = BuildContext(dt.date(2026, 1, 15), None)
    found = pages.build_reports(plan, context, ROOT)
    html = report.year_report_html(_prepared(plan, context), found.years[-1], found.sections[-1])
    target = tmp_path / "aarsstatus-2026.pdf"
    write_pdf(html, target)
    assert check_pdf(target, "da") == []
