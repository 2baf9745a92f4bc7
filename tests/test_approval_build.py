"""End-to-end: the approval status, change log and page facts in real builds."""

import pytest
from bs4 import BeautifulSoup
from conftest import run_build
from gitutil import commit_all, edit, git, init_repo
from pypdf import PdfReader

APPROVAL = """godkendte_versioner:
  - version: v1.0
    organ: bestyrelsen
    dato: 2025-01-27
    reference: Referat af bestyrelsesmøde 27. januar 2025, punkt 3
"""


def page(site, path="index.html"):
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def words(element):
    return " ".join(element.get_text(" ").split()) if element is not None else ""


def test_shipped_site_shows_status_banner_changelog_and_owners(built_site):
    front = page(built_site)
    banner = words(front.select_one(".md-banner .plan-banner"))
    assert banner.startswith("⚠ UDKAST – ikke godkendt")
    assert front.select_one('.md-banner a[href$="aendringslog/"]') is not None
    facts = words(front.select_one(".plan-sidefakta"))
    assert "Ansvarlig for siden: Bestyrelsen for den boligsociale helhedsplan" in facts
    log = page(built_site, "aendringslog/index.html")
    assert "Ingen version af planen i dette repository er endnu registreret som godkendt" in words(log)
    assert "31. marts 2025" in words(log)  # the LBF approval outside the repository
    assert log.select_one('article a[href$="beslutninger/#lbf-godkender-helhedsplan"]') is not None


def test_pdf_cover_status_and_changelog_chapter(built_site):
    pages = [p.extract_text() or "" for p in PdfReader(built_site / "pdf" / "helhedsplan.pdf").pages]
    assert "UDKAST – ikke godkendt" in pages[0] and "Ændringslog" in pages[0]
    assert any("Godkendte versioner" in text for text in pages[1:])


@pytest.mark.bygger
def test_build_outside_git_says_so(project_copy, tmp_path):
    site = tmp_path / "site"
    result = run_build(project_copy, site, pdf=False)
    assert result.returncode == 0, result.stdout + result.stderr
    banner = words(page(site).select_one(".plan-banner"))
    assert "bygget uden for git" in banner
    assert "uden for git" in words(page(site, "aendringslog/index.html"))
    facts = words(page(site).select_one(".plan-sidefakta"))
    assert "Ansvarlig for siden" in facts and "Senest ændret" not in facts


@pytest.mark.bygger
def test_approved_tag_then_later_draft(project_copy, tmp_path):
    repo = init_repo(project_copy)
    register = repo / "data" / "godkendelser.yaml"
    edit(register, "godkendte_versioner: []\n", APPROVAL)
    commit_all(repo, "Planen som vedtaget", date="2025-01-28T10:00:00")
    git(repo, "tag", "-a", "v1.0", "-m", "Godkendt af bestyrelsen 27. januar 2025")

    site = tmp_path / "approved"
    result = run_build(repo, site, pdf=False)
    assert result.returncode == 0, result.stdout + result.stderr
    front = page(site)
    assert words(front.select_one(".plan-banner")) == "✔ Godkendt af Bestyrelsen den 27. januar 2025 (version v1.0)"
    assert "Senest ændret: 28. januar 2025" in words(front.select_one(".plan-sidefakta"))

    edit(repo / "docs" / "om-planen.md", "# Om planen", "# Om planen\n\nEt nyt afsnit.")
    commit_all(repo, "Nyt afsnit om planen (#7)", date="2025-02-03T10:00:00")
    site = tmp_path / "draft"
    result = run_build(repo, site, pdf=False)
    assert result.returncode == 0, result.stdout + result.stderr
    banner = words(page(site).select_one(".plan-banner"))
    assert banner.startswith("⚠ UDKAST – ikke godkendt (version v1.0-1-g")
    assert "Seneste godkendte version er v1.0, godkendt af Bestyrelsen den 27. januar 2025" in banner
    log = page(site, "aendringslog/index.html")
    rows = [words(r) for r in log.select("article table tbody tr")]
    assert rows[0].startswith("3. februar 2025 Nyt afsnit om planen pull request #7")
    assert not any("Planen som vedtaget" in r for r in rows)
    assert "Kapitlet Om planen ( docs/om-planen.md ) er ændret." in words(log)
    link = log.select_one('article a[href$="/pull/7"]')
    assert link is not None and link["href"].startswith("https://github.com/")


def test_contributing_guide_is_on_the_site(built_site):
    html = page(built_site, "om-sitet/bidrag/index.html")
    text = words(html.select_one("article"))
    for heading in ("Ret en tekst i GitHubs web-editor", "Opdatér en milepæl",
                    "Tilføj næste års beboerdata fra Excel", "Læs kontrollerne og forhåndsvisningen",
                    "Hvem godkender hvad"):
        assert heading in text
    assert html.select_one("article h1").get_text(strip=True).startswith("Sådan bidrager du")
