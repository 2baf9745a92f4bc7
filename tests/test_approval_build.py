"""End-to-end: the status line, change log and page facts in real builds."""

import re

import pytest
from bs4 import BeautifulSoup
from conftest import run_build
from macros.core import contentid
from gitutil import commit_all, edit, init_repo

APPROVAL = """godkendte_versioner:
  - forelagt_version: {cid}
    organ: bestyrelsen
    dato: 2025-11-30
    reference: Referat af bestyrelsesmøde 30. november 2025, punkt 3
"""
IN_FORCE = "Planen er godkendt af Landsbyggefonden og gælder fra 1. oktober 2025."
HEX_ID = re.compile(r"\b[0-9a-f]{7,40}\b")


def page(site, path="index.html"):
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def words(element):
    return " ".join(element.get_text(" ").split()) if element is not None else ""


def test_shipped_site_shows_status_line_changelog_and_owners(built_site):
    front = page(built_site)
    banner = front.select_one(".md-banner .plan-banner")
    # A resident reads that the plan is in force; the text's own status follows; no hash as the version.
    assert words(banner.select_one(".plan-banner__lang")).startswith(IN_FORCE)
    assert "Teksten er et forslag" in words(banner)
    assert not HEX_ID.search(words(banner))
    assert front.select_one('.md-banner a[href$="aendringslog/"]') is not None
    facts = words(front.select_one(".plan-sidefakta"))
    assert "Ansvarlig for siden: Bestyrelsen for den boligsociale helhedsplan" in facts
    log = page(built_site, "aendringslog/index.html")
    assert "Ingen version af planen i dette repository er endnu registreret som godkendt" in words(log)
    assert "31. marts 2025" in words(log)  # the LBF approval outside the repository
    assert log.select_one('article a[href$="beslutninger/#lbf-godkender-helhedsplan"]') is not None


def test_pdf_cover_status_and_changelog_chapter(built_pdf_pages):
    pages = built_pdf_pages
    cover = " ".join(pages[0].split())
    assert "Teksten er et forslag" in cover and "Ændringslog" in cover
    assert "Forslag til godkendelse" in cover and "Versions-id" in cover
    assert any("Godkendte versioner" in text for text in pages[1:])


@pytest.mark.bygger
def test_build_outside_git_says_so(project_copy, tmp_path):
    site = tmp_path / "site"
    result = run_build(project_copy, site, pdf=False)
    assert result.returncode == 0, result.stdout + result.stderr
    banner = words(page(site).select_one(".plan-banner"))
    assert IN_FORCE in banner and "Teksten er et forslag" in banner
    assert "uden for git" in words(page(site, "aendringslog/index.html"))
    facts = words(page(site).select_one(".plan-sidefakta"))
    assert "Ansvarlig for siden" in facts and "Senest ændret" not in facts


@pytest.mark.bygger
def test_registered_content_is_approved_then_corrected(project_copy, tmp_path):
    repo = init_repo(project_copy)
    commit_all(repo, "Planen, som bestyrelsen fik den", date="2025-11-20T10:00:00")
    register = repo / "data" / "godkendelser.yaml"
    edit(register, "godkendte_versioner: []\n", APPROVAL.format(cid=contentid.of_tree(repo)))
    commit_all(repo, "Registrér bestyrelsens godkendelse (#6)", date="2025-12-01T10:00:00")

    site = tmp_path / "approved"
    result = run_build(repo, site, pdf=False)
    assert result.returncode == 0, result.stdout + result.stderr
    front = page(site)
    assert words(front.select_one(".plan-banner__lang")) == (
        f"{IN_FORCE} Teksten er godkendt af bestyrelsen 30. november 2025"
    )
    assert "Senest ændret: 20. november 2025" in words(front.select_one(".plan-sidefakta"))

    edit(repo / "docs" / "om-planen.md", "# Om planen", "# Om planen\n\nEt nyt afsnit.")
    commit_all(repo, "Nyt afsnit om planen (#7)", date="2026-02-03T10:00:00")
    site = tmp_path / "corrected"
    result = run_build(repo, site, pdf=False)
    assert result.returncode == 0, result.stdout + result.stderr
    banner = page(site).select_one(".plan-banner")
    assert words(banner.select_one(".plan-banner__lang")) == (
        f"{IN_FORCE} Teksten er rettet siden bestyrelsens godkendelse 30. november 2025"
    )
    assert words(banner.select_one(".plan-banner__kort")) == (
        "Planen gælder fra 1. oktober 2025. Teksten er rettet siden godkendelsen 30. november 2025"
    )
    assert words(banner.select_one('a[href$="aendringslog/"]')) == "se hvad der er ændret"
    log = page(site, "aendringslog/index.html")
    assert "Version 2025.1 + 1 rettelse (3. februar 2026)" in words(log)
    rows = [words(r) for r in log.select("article table tbody tr")]
    assert rows[0].startswith("3. februar 2026 Nyt afsnit om planen pull request #7")
    assert not any("Registrér" in r for r in rows)
    assert "Kapitlet Om planen ( docs/om-planen.md ) er ændret." in words(log)
    inserted = log.select_one("article ins")
    assert inserted is not None and "Et nyt afsnit." in words(inserted)
    assert "[indsat:" in words(inserted)  # a text marker for screen readers, not colour alone
    link = log.select_one('article a[href$="/pull/7"]')
    assert link is not None and link["href"].startswith("https://github.com/")


def test_contributing_guide_is_on_the_site(built_site):
    html = page(built_site, "om-sitet/bidrag/index.html")
    text = words(html.select_one("article"))
    for heading in ("Ret en tekst i GitHubs web-editor", "Opdatér en milepæl",
                    "Nye beboerdata fra Landsbyggefonden", "Læs kontrollerne og forhåndsvisningen",
                    "Hvem godkender hvad"):
        assert heading in text
    assert html.select_one("article h1").get_text(strip=True).startswith("Sådan bidrager du")
