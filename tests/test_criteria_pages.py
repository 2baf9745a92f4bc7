"""Criteria pages: the adapter from Tabel 18, the matrix, area pages, and the built site + PDF."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from macros.core.context import BuildContext
from macros.criteria.engine import CriteriaEngine, Status
from macros.criteria.inputs import MISSING_TABLE, inputs_from_plan
from macros.criteria.pages import render_area, render_matrix
from macros.plan import load_plan
from macros.registry import building_blocks


@pytest.fixture(scope="module")
def plan():
    return load_plan(ROOT / "data")


def text_of(html):
    return BeautifulSoup(html, "html.parser").get_text(" ")


def test_adapter_reads_tabel_18_with_national_series(plan):
    inputs = inputs_from_plan(plan)
    assert not inputs.missing_reason and inputs.example_data
    assert {"ringparken", "motalavej", "sydbyen", "hele-landet"} <= set(inputs.values)
    year = max(inputs.values["ringparken"])
    assert set(inputs.values["ringparken"][year]) >= {"beboere", "doemte", "ikke_vestlige", "indkomst_pct_region"}


def test_missing_tabel_18_degrades_honestly(plan):
    class NoTable:
        beboerdata = None

    inputs = inputs_from_plan(NoTable())
    assert inputs.missing_reason == MISSING_TABLE
    html = render_area(CriteriaEngine(plan.criteria_rules, inputs), plan.areas["ringparken"], False, plan.sources)
    assert "kriterieværdier (Tabel 18) mangler" in text_of(html)


def test_matrix_has_a_row_per_year_and_text_badges(plan):
    inputs = inputs_from_plan(plan)
    engine = CriteriaEngine(plan.criteria_rules, inputs)
    years = sorted(inputs.values["ringparken"])
    soup = BeautifulSoup(render_matrix(engine, plan.plan_areas, years, True), "html.parser")
    assert len(soup.select("tbody tr")) == len(years)
    assert "Eksempeldata" in soup.get_text()
    for badge in soup.select(".plan-kat"):
        assert badge.get_text(strip=True), "a badge must carry text, not colour alone"


def test_area_page_shows_every_criterion_and_what_would_change(plan):
    blocks = building_blocks(plan, BuildContext(dt.date(2026, 1, 15), None))
    text = text_of(blocks["kriterier_omraade"]("motalavej"))
    rules = plan.criteria_rules.for_year(max(inputs_from_plan(plan).values["motalavej"]))
    for criterion in rules.criteria:
        assert criterion.name in text
    assert "Hvad skal der til" in text and "grænsen" in text and "Historik" in text


def test_shipped_forebyggelse_matrix_is_consistent_with_engine(plan):
    inputs = inputs_from_plan(plan)
    engine = CriteriaEngine(plan.criteria_rules, inputs)
    latest = max(inputs.values["sydbyen"])
    status = engine.evaluate("sydbyen", latest).category("forebyggelse").status
    cell = BeautifulSoup(render_matrix(engine, plan.plan_areas, [latest], True), "html.parser").select("tbody td")[2]
    assert ("Forebyggelsesområde" in cell.get_text()) == (status is Status.MET)


def test_built_site_and_pdf_have_the_criteria_pages(built_site, built_pdf_pages):
    for page in ["kriterier", "kriterier/ringparken", "kriterier/historik", "kriterier/dokumentkrav", "oekonomi"]:
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        assert "plan-table" in html, page
    pdf = "\n".join(built_pdf_pages)
    for phrase in ["Kriterier: Ringparken", "Lokal medfinansiering", "Kriterierne i ansøgningen 2017", "Dokumentkrav"]:
        assert phrase in pdf, phrase


def test_a_threshold_changed_in_data_changes_the_outcome(data_copy):
    """Thresholds are data: a changed co-financing limit and criterion limit change the pages.

    (That the pages' blocks reach the site and the PDF is shown by the shared build.)"""
    krav = data_copy / "lbf-krav.yaml"
    krav.write_text(krav.read_text(encoding="utf-8").replace("graense: 25", "graense: 30", 1), encoding="utf-8")
    regler = data_copy / "kriterier" / "regler.yaml"
    text = regler.read_text(encoding="utf-8")
    marker = "      - id: f-ikke-vestlige"
    start = text.index(marker)
    text = text[:start] + text[start:].replace("graense: 30", "graense: 99", 1)
    regler.write_text(text, encoding="utf-8")
    context = BuildContext(today=dt.date(2026, 1, 15), git=None)
    changed = building_blocks(load_plan(data_copy), context)
    economy = text_of(changed["medfinansiering"]())
    assert "Kravet er ikke opfyldt" in economy and "mindst 30\u00a0%" in economy
    matrix = BeautifulSoup(changed["kriterier_oversigt"](), "html.parser")
    assert not matrix.select(".plan-matrix .plan-kat--forebyggelse")
    original = BeautifulSoup(building_blocks(load_plan(ROOT / "data"), context)["kriterier_oversigt"](), "html.parser")
    assert original.select(".plan-matrix .plan-kat--forebyggelse"), "test setup: the shipped data has such areas"


def test_suppressed_cells_are_not_assessed_and_say_why(plan):
    from macros.criteria.inputs import SUPPRESSED, inputs_from_rows

    rows = [
        {"omraade": "x", "aar": 2024, "kategori": "beboere", "vaerdi": float("nan"), "undertrykt": "primaer"},
        {"omraade": "x", "aar": 2024, "kategori": "ikke_vestlige", "vaerdi": 60.0, "undertrykt": ""},
    ]
    inputs = inputs_from_rows(rows, True)
    result = CriteriaEngine(plan.criteria_rules, inputs).evaluate("x", 2024)
    assert result.residents.status is Status.UNKNOWN and SUPPRESSED in result.residents.reason
    assert result.criterion("ikke-vestlige").status is Status.MET
