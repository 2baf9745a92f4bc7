"""End-to-end: the beboerdata pages, their PDF pages and the CSV downloads of the real build."""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, run_build

from macros.beboerdata.pages import download_files, render_area_page
from macros.plan import load_plan

AREAS = ["ringparken", "motalavej", "sydbyen"]
EXAMPLE = "Eksempeldata – ikke officielle tal"


@pytest.fixture(scope="module")
def plan():
    return load_plan(ROOT / "data")


@pytest.fixture(scope="module")
def pdf_pages(built_pdf_pages):
    return built_pdf_pages


def _page(site, area):
    return BeautifulSoup((site / "beboerdata" / area / "index.html").read_text(encoding="utf-8"), "html.parser")


def _primary_count(plan, area):
    total = 0
    for table_id in plan.beboerdata.tables:
        frame = plan.beboerdata.published(table_id)
        total += int(((frame["omraade"] == area) & (frame["undertrykt"] == "primaer")).sum())
    return total


@pytest.mark.parametrize("area", AREAS)
def test_area_page_shows_all_23_tables_with_chart_source_and_download(built_site, plan, area):
    page = _page(built_site, area)
    tables = page.select(".plan-beboertabel")
    assert len(tables) == len(plan.beboerdata.tables) == 23
    for table in tables:
        assert table.select_one("table.plan-beboertabel__tabel tbody tr td")  # never an empty table
        svg = table.select_one("svg.plan-graf")
        assert svg is not None and svg.get("role") == "img"
        assert svg.find("title").get_text() and "Linjediagram" in svg.find("desc").get_text()
        assert table.select_one(".plan-kilde")
        assert EXAMPLE in table.get_text()
    links = page.select("a.plan-hent")
    assert len(links) == 2 * 23  # for Danish Excel, and machine-readable
    assert len(page.select("a.plan-hent--maskine")) == 23
    assert not page.find("script", src=lambda s: s and "beboerdata" in s)


@pytest.mark.parametrize("area", AREAS)
def test_small_counts_are_shown_as_less_than_five(built_site, plan, area):
    page = _page(built_site, area)
    cells = [td.get_text(strip=True) for td in page.select("table.plan-beboertabel__tabel td")]
    assert cells.count("<5") == _primary_count(plan, area) > 0
    counts = page.select("table.plan-beboertabel__tabel td")
    for td in counts:
        text = td.get_text(strip=True)
        assert text not in {"1", "2", "3", "4"}


def test_downloads_exist_after_suppression(built_site, plan):
    folder = built_site / "beboerdata" / "hent"
    files = sorted(folder.glob("*-maskinlaesbar.csv"))
    assert len(files) == 3 * 23
    assert len(sorted(folder.glob("*.csv"))) == 2 * 3 * 23
    small_marks = 0
    for path in files:
        raw = path.read_bytes()
        excel = (folder / path.name.replace("-maskinlaesbar", "")).read_bytes()
        assert excel.startswith(b"\xef\xbb\xbf") and not raw.startswith(b"\xef\xbb\xbf")
        assert excel.count(b"<5") == raw.count(b"<5") and excel.count(b";x;") == raw.count(b",x,")
        for row in csv.DictReader(io.StringIO(raw.decode("utf-8"))):
            if row["enhed"] == "antal" and row["vaerdi"] not in ("<5", "x"):
                assert not 1 <= float(row["vaerdi"]) <= 4, (path.name, row)
            small_marks += row["vaerdi"] == "<5"
            assert row["eksempeldata"] == "ja"
    assert small_marks == sum(_primary_count(plan, a) for a in AREAS)


def test_download_links_are_relative_and_point_to_the_files(built_site):
    """Relative, so a preview of a pull request serves its own files (the PDF makes them absolute)."""
    page = _page(built_site, "ringparken")
    links = page.select("a.plan-hent")
    assert [a["href"] for a in links[:2]] == ["../hent/ringparken-tabel-1.csv", "../hent/ringparken-tabel-1-maskinlaesbar.csv"]
    assert "Excel" in links[0].get_text()
    for a in links:
        assert (built_site / "beboerdata" / "ringparken" / a["href"]).resolve().is_file()


def test_pdf_has_every_table_for_every_area(pdf_pages, plan):
    text = "\n".join(pdf_pages)
    for area in AREAS:
        assert f"Beboerdata for {plan.areas[area].name}" in text
    for table_id in plan.beboerdata.tables:
        assert text.count(f"Tabel {table_id}. ") >= 3
    assert text.count(EXAMPLE) >= 3 * 23
    assert text.count("<5") >= sum(_primary_count(plan, a) for a in AREAS)
    assert "hent/ringparken-tabel-18.csv" in text.replace("\n", "")


def test_pdf_shows_the_published_figures(pdf_pages, plan):
    """Tabel 18 for Ringparken: the 2024 number of residents appears in Danish notation."""
    frame = plan.beboerdata.published("18")
    residents = frame.query("omraade == 'ringparken' and kategori == 'beboere' and aar == 2024")["vaerdi"].iloc[0]
    text = "\n".join(pdf_pages)
    assert f"{int(residents):,}".replace(",", ".") in text


def test_index_page_shows_real_application_figures_with_source(built_site):
    page = BeautifulSoup((built_site / "beboerdata" / "index.html").read_text(encoding="utf-8"), "html.parser")
    figures = page.select_one(".plan-ansoegningstal")
    text = figures.get_text(" ")
    assert "5.593" in text and "146.626" in text and "42" in text and "31,6" in text
    assert "Kilde" in text and "2017–2021" in text
    assert EXAMPLE not in text


def test_other_dialects_render_exactly_like_the_original(standard_data_copy, plan):
    """The same tables as standard CSV (',', decimal point, UTF-8) and as older Danish Excel saves them
    (';', decimal comma, Windows-1252) give the same pages and downloads."""
    data_copy = standard_data_copy
    standard = load_plan(data_copy)
    for area in AREAS:
        assert render_area_page(standard, area) == render_area_page(plan, area)
    assert download_files(standard) == download_files(plan)
    folder = data_copy / "beboerdata"
    for path in folder.glob("tabel-*.csv"):
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_bytes(("\r\n".join(";".join(c.replace(".", ",") for c in line.split(",")) for line in lines)
                          + "\r\n").encode("cp1252"))
    excel = load_plan(data_copy)
    for area in AREAS:
        original = render_area_page(plan, area)
        assert "plan-beboertabel__tabel" in original
        assert render_area_page(excel, area) == original
    assert download_files(excel) == download_files(plan)


@pytest.mark.bygger
def test_bad_csv_stops_the_build_and_keeps_the_old_site(project_copy, tmp_path):
    path = project_copy / "data" / "beboerdata" / "tabel-18.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].rsplit(";", 2)[0] + ";abc;ja"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(project_copy, site, pdf=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "tabel-18.csv, række 6, kolonne/felt «vaerdi»" in output and "«abc» er ikke et tal" in output
    assert "Traceback" not in output
    assert not site.exists()
