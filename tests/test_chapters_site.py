"""End-to-end checks of the plan's chapters in the built site and PDF."""

from __future__ import annotations

import posixpath
import re

from bs4 import BeautifulSoup
from conftest import ROOT

from macros.core.html import EXAMPLE_DATA_LABEL
from macros.plan import load_plan

CHAPTER_PAGES = [
    "index.html",
    "om-planen/index.html",
    "boligomraader/index.html",
    "organisering/index.html",
    "ordliste/index.html",
    "om-sitet/index.html",
    "om-sitet/tilgaengelighed/index.html",
]


def soup_of(site, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def internal_links(site, page: str) -> set[str]:
    """Pages (as ``dir/index.html`` paths) linked from *page*'s content."""
    base = posixpath.dirname(page)
    found = set()
    for a in soup_of(site, page).select("article a[href]"):
        href = a["href"].split("#")[0]
        if not href or re.match(r"^[a-z]+:", href):
            continue
        target = posixpath.normpath(posixpath.join(base, href))
        if not target.endswith(".html"):
            target = posixpath.join(target, "index.html")
        target = target.removeprefix("./")
        if (site / target).exists():
            found.add(target)
    return found


def test_every_chapter_has_a_plain_summary_and_sources(built_site):
    plan = load_plan(ROOT / "data")
    pages = CHAPTER_PAGES + [f"boligomraader/{a}/index.html" for a in plan.areas]
    pages += [f"indsatsomraader/{t}/index.html" for t in plan.themes] + ["indsatsomraader/index.html"]
    for page in pages:
        html = soup_of(built_site, page)
        summary = html.select_one(".admonition.kort-fortalt")
        assert summary is not None and "Kort fortalt" in summary.get_text(), page
        assert html.select(".plan-kildeliste li"), f"{page} has no sources"


def test_from_front_page_to_each_areas_data_and_criteria_in_two_clicks(built_site):
    plan = load_plan(ROOT / "data")
    one = internal_links(built_site, "index.html")
    two = set(one)
    for page in one:
        two |= internal_links(built_site, page)
    for area in plan.plan_areas:
        for section in ("beboerdata", "kriterier"):
            specific = f"{section}/{area.id}/index.html"
            wanted = specific if (built_site / specific).exists() else f"{section}/index.html"
            assert wanted in two, f"{area.id}: {wanted} is more than two clicks from the front page"
        assert f"boligomraader/{area.id}/index.html" in one


def test_theme_pages_show_diagram_and_labelled_indicators(built_site):
    html = soup_of(built_site, "indsatsomraader/beskaeftigelse/index.html")
    assert len(html.select(".plan-ft__led")) == 4
    table = html.select_one("table.plan-opf")
    assert table is not None and table.select("tbody tr")
    assert EXAMPLE_DATA_LABEL in html.get_text(" ")
    assert html.select(".plan-status__ord")  # status as a word, not colour alone


def test_organisation_diagram_links_resolve_on_the_page(built_site):
    html = soup_of(built_site, "organisering/index.html")
    ids = {element.get("id") for element in html.find_all(id=True)}
    links = [a["href"] for a in html.select(".plan-org a")]
    assert links and all(link.lstrip("#") in ids for link in links)


def test_glossary_terms_are_explained_in_the_text(built_site):
    html = soup_of(built_site, "om-planen/index.html")
    abbrs = {a.get_text(): a.get("title") for a in html.select("article abbr")}
    assert "LBF" in abbrs and abbrs["LBF"]
    for page in built_site.rglob("*.html"):
        assert "*[LBF]" not in page.read_text(encoding="utf-8"), page


def test_pdf_has_the_chapters_and_no_glossary_markup(built_pdf_pages):
    text = "\n".join(built_pdf_pages)
    for heading in ("Om planen", "Ringparken/Schackenborgvænge", "Forandringsteori", "Organisering", "Ordliste",
                    "Tilgængelighedserklæring", "Kort fortalt"):
        assert heading in text, heading
    assert "*[" not in text
    assert "Eksempeldata" in text
