"""End-to-end: build the real site and PDF like `make site` does.

A failed build that keeps the last good site (a broken link, bad data, a broken block)
is checked case by case in the bad-input corpus (tests/test_bad_inputs.py); here, that
a failed first build leaves no site at all."""

import re
import subprocess

import pikepdf
import pytest
from bs4 import BeautifulSoup
from conftest import run_build

EXTERNAL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
RESOURCE_ATTRS = {"link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src",
                  "audio": "src", "embed": "src", "object": "data"}




def test_every_page_is_danish(built_site):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) >= 12
    for page in pages:
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert html.html.get("lang") == "da", page


def test_front_page_shows_key_facts_from_data(built_site):
    html = BeautifulSoup((built_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    facts = html.select_one(".plan-keyfacts")
    assert facts is not None
    text = facts.get_text(" ")
    assert "31. marts 2025" in text and "1. oktober 2025" in text and "Sydbyen" in text


def test_no_resource_from_another_host(built_site):
    offenders = []
    for page in built_site.rglob("*.html"):
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in RESOURCE_ATTRS.items():
            for element in html.find_all(tag):
                if tag == "link" and "stylesheet" not in (element.get("rel") or []) and element.get("rel") != [
                    "preconnect"
                ]:
                    if not any(r in (element.get("rel") or []) for r in ("icon", "preload", "manifest")):
                        continue
                value = element.get(attr) or ""
                if EXTERNAL.match(value):
                    offenders.append(f"{page.name}: <{tag} {attr}={value}>")
        for element in html.select("[data-md-component=source]"):
            offenders.append(f"{page.name}: repository widget would call the GitHub API")
    for css in built_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8", errors="replace")):
            if EXTERNAL.match(url):
                offenders.append(f"{css.name}: url({url})")
        for url in re.findall(r"@import\s+(?:url\()?['\"]?([^'\");]+)", css.read_text(encoding="utf-8", errors="replace")):
            if EXTERNAL.match(url):
                offenders.append(f"{css.name}: @import {url}")
    assert not offenders, offenders


def test_pdf_cover_toc_and_language(built_site, built_pdf_pages):
    pages = built_pdf_pages
    assert "En fælles indsats" in pages[0] and "Forslag til godkendelse" in pages[0]
    assert "Indhold" in pages[1]
    full = "\n".join(pages)
    # The change log quotes commit messages, which may say anything: its pages
    # are left out. Elsewhere "None" would be a Python value leaking into the text.
    log = BeautifulSoup((built_site / "aendringslog" / "index.html").read_text(encoding="utf-8"), "html.parser")

    def squeeze(text):
        return re.sub(r"[\s\-‐]+", "", text)

    quoted = [squeeze(cell.get_text())[:20] for cell in log.select("article table td")]
    quoted = [q for q in quoted if len(q) >= 8]
    squeezed = [squeeze(p) for p in pages]
    others = [p for p, flat in zip(pages, squeezed) if not any(q in flat for q in quoted)]
    assert len(others) < len(pages) or not quoted
    assert "None" not in "\n".join(others)
    assert "Table of contents" not in full
    assert "æ" in full and "ø" in full
    with pikepdf.open(built_site / "pdf" / "helhedsplan.pdf") as pdf:
        assert str(pdf.Root.get("/Lang")) == "da"
        assert str(pdf.docinfo.get("/Title", "")).startswith("En fælles indsats")


def test_pdf_pages_have_danish_page_numbers(built_pdf_pages):
    pages = built_pdf_pages
    total = len(pages)
    for number, text in enumerate(pages[1:], start=2):
        assert f"Side {number} af {total}" in text, number


@pytest.mark.bygger
def test_bad_data_fails_before_anything_is_built(project_copy, tmp_path):
    plan = project_copy / "data" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("  - sydbyen\n", "  - sydbyn\n"), encoding="utf-8")
    result = run_build(project_copy, tmp_path / "site", pdf=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Fejl i data/plan.yaml" in output or "plan.yaml, linje" in output
    assert "Mente du «sydbyen»" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site").exists()


def test_validate_script_reports_in_danish(project_copy):
    import sys

    plan = project_copy / "data" / "parter.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("type: fond", "type: fundation"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(project_copy / "scripts" / "validate.py"), str(project_copy / "data")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "«fundation» er ikke en tilladt værdi" in result.stderr
    assert "Traceback" not in result.stderr
