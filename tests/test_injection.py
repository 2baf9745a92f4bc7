"""Data values containing HTML, script or template code are shown as text everywhere.

Staff paste text from e-mails and Word into data files; a value such as
``<script>`` or ``{{ … }}`` must come out literally on the site, in the search
index, in the PDF and in downloadable files, never as markup or code.
One real build of a copy of the project with hostile values (tests/hostile.py; the
fixtures ``hostile_site`` and ``hostile_pdf_html`` are in tests/conftest.py). For the
PDF, the document WeasyPrint is given is checked, after every step of ours: the PDF
shows that document's text, and takes its title from the document's ``<title>``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup
from hostile import IMG, SCRIPT, SVG

EVENT_ATTR = re.compile(r"^on[a-z]+$")


def _pages(site: Path):
    for page in sorted(site.rglob("*.html")):
        yield page.relative_to(site).as_posix(), BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def _injected(name: str, soup: BeautifulSoup) -> list[str]:
    """Markup from the hostile values that became elements or attributes in *soup*."""
    offenders = []
    for script in soup.find_all("script"):
        if "alert(" in (script.string or ""):
            offenders.append(f"{name}: script element")
    for element in soup.find_all(True):
        for attr, value in element.attrs.items():
            if EVENT_ATTR.match(attr) and "alert" in str(value):
                offenders.append(f"{name}: <{element.name} {attr}>")
    if soup.find("img", src="x") or soup.find("svg", attrs={"onload": True}):
        offenders.append(f"{name}: injected element")
    return offenders


def test_no_injected_markup_in_any_page(hostile_site):
    offenders = [found for name, soup in _pages(hostile_site) for found in _injected(name, soup)]
    assert not offenders, offenders


def test_hostile_values_are_shown_as_text(hostile_site):
    front = BeautifulSoup((hostile_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = front.select_one(".plan-keyfacts").get_text(" ")
    for value in (SCRIPT, IMG, SVG):
        assert value in text, value
    assert "Korsør {{ 7 * 191 }}" in text  # template code in data is not evaluated
    assert "1337" not in front.get_text()


def test_search_index_holds_only_escaped_markup(hostile_site):
    raw = (hostile_site / "search" / "search_index.json").read_text(encoding="utf-8")
    index = json.loads(raw)
    texts = " ".join(doc.get("text", "") + doc.get("title", "") for doc in index["docs"])
    assert "alert" in texts, "the hostile values should be in the index (as text)"
    assert "<script" not in texts and "<img" not in texts and "<svg" not in texts


def test_pdf_shows_hostile_values_literally(hostile_pdf_html):
    soup = BeautifulSoup(hostile_pdf_html, "html.parser")
    assert not _injected("PDF", soup)
    flat = " ".join(soup.body.get_text(" ").split())
    assert 'alert("plan")' in flat and "<script>" in flat
    assert "onerror=alert(2)" in flat
    assert "1337" not in flat and "7 * 191" in flat
    assert soup.title.get_text().startswith("En fælles indsats <script>")


def test_downloadable_files_are_plain_data(hostile_site):
    """CSV/JSON downloads must not carry spreadsheet formulas or markup that runs."""
    downloads = [p for p in hostile_site.rglob("*") if p.suffix in {".csv", ".json"} and "search" not in p.parts]
    for path in downloads:
        text = path.read_text(encoding="utf-8-sig")
        for line in text.splitlines():
            for cell in line.split(","):
                assert not cell.lstrip('"').startswith(("=", "+", "@")) or cell.strip('"').replace(".", "").lstrip(
                    "+"
                ).isdigit(), f"{path.name}: cell could run as a spreadsheet formula: {cell}"
