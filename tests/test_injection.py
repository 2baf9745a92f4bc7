"""Data values containing HTML, script or template code are shown as text everywhere.

Staff paste text from e-mails and Word into data files; a value such as
``<script>`` or ``{{ … }}`` must come out literally on the site, in the search
index, in the PDF and in downloadable files, never as markup or code.
One real build (site + PDF) of a copy of the project with hostile values.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import copy_project, run_build
from pypdf import PdfReader

SCRIPT = '<script>alert("plan")</script>'
IMG = "<img src=x onerror=alert(2)>"
SVG = '"><svg onload=alert(3)>'
JINJA = "{{ 7 * 191 }}"  # 1337 if it were evaluated

#: (file, start of a line, new value for that line's field) — hostile values in every kind of field.
HOSTILE = [
    ("data/plan.yaml", "titel: ", f"En fælles indsats {SCRIPT}"),
    ("data/plan.yaml", "undertitel: ", f"Boligsocial helhedsplan {IMG}"),
    ("data/plan.yaml", "kommune: ", f"Slagelse Kommune {JINJA}"),
    ("data/plan.yaml", "udgiver: ", f"Slagelse {SVG}"),
    ("data/boligomraader.yaml", "  navn: Motalavej", f"Motalavej {IMG}"),
    ("data/boligomraader.yaml", "  by: Korsør", f"Korsør {JINJA}"),
    ("data/parter.yaml", "  navn: Slagelse Boligselskab", f"Slagelse Boligselskab {SVG}"),
    ("data/kilder.yaml", "  udgiver: Bestyrelsen for den boligsociale helhedsplan", f"Bestyrelsen {SCRIPT}"),
]

EVENT_ATTR = re.compile(r"^on[a-z]+$")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("injection")
    project = base / "project"
    copy_project(project)
    for name, start, value in HOSTILE:
        path = project / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        index = next((i for i, line in enumerate(lines) if line.startswith(start)), None)
        assert index is not None, f"{name} has no line starting with {start!r}: update HOSTILE"
        key = start.split(":")[0]
        quoted = "'" + value.replace("'", "''") + "'"
        lines[index] = f"{key}: {quoted}\n"
        path.write_text("".join(lines), encoding="utf-8")
    site = base / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def _pages(site: Path):
    for page in sorted(site.rglob("*.html")):
        yield page, BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def test_no_injected_markup_in_any_page(hostile_site):
    offenders = []
    for page, soup in _pages(hostile_site):
        for script in soup.find_all("script"):
            if "alert(" in (script.string or ""):
                offenders.append(f"{page.relative_to(hostile_site)}: script element")
        for element in soup.find_all(True):
            for attr, value in element.attrs.items():
                if EVENT_ATTR.match(attr) and "alert" in str(value):
                    offenders.append(f"{page.relative_to(hostile_site)}: <{element.name} {attr}>")
        if soup.find("img", src="x") or soup.find("svg", attrs={"onload": True}):
            offenders.append(f"{page.relative_to(hostile_site)}: injected element")
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


def test_pdf_shows_hostile_values_literally(hostile_site):
    reader = PdfReader(hostile_site / "pdf" / "helhedsplan.pdf")
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    flat = " ".join(text.split())
    assert 'alert("plan")' in flat and "<script>" in flat
    assert "onerror=alert(2)" in flat
    assert "1337" not in flat and "7 * 191" in flat
    assert reader.metadata.title.startswith("En fælles indsats <script>")


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
