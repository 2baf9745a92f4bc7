"""The plan diff: real changes in a temporary git repository, summarised in Danish."""

import dataclasses
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT
from gitutil import commit_all, copy_data, edit, git, init_repo

from macros.core.errors import PlanError
from macros.plan import load_plan
from macros.review import plandiff


@pytest.fixture
def repo(tmp_path):
    """A plan repository with data and two chapters, first commit tagged v1.0."""
    repo = init_repo(tmp_path / "plan")
    copy_data(ROOT / "data", repo)
    # The real chapters: some data files refer to pages in docs/.
    shutil.copytree(ROOT / "docs", repo / "docs", ignore=shutil.ignore_patterns("assets"))
    (repo / "docs" / "oekonomi.md").write_text("---\nejer: bestyrelsen\n---\n\n# Økonomi\n\nBudget.\n", encoding="utf-8")
    (repo / "docs" / "gammel.md").write_text("# Gammelt kapitel\n", encoding="utf-8")
    commit_all(repo, "Planen", date="2025-01-10T10:00:00")
    git(repo, "tag", "v1.0")
    return repo


def lines(diff, title):
    section = next((s for s in diff.sections if s.title == title), None)
    return list(section.lines) if section else []


def test_unchanged_plan_says_so(repo):
    diff = plandiff.diff_versions(repo, "v1.0")
    assert diff.sections == ()
    assert "Ingen ændringer i planens kapitler eller data." in plandiff.render_markdown(diff)


def test_facts_chapters_sources_and_parties(repo):
    data = repo / "data"
    edit(data / "plan.yaml", "slut: 2029-09-30", "slut: 2029-12-31")
    edit(data / "plan.yaml", "  - lbf\n", "  - lbf\n  - bestyrelsen\n")
    edit(data / "plan.yaml", "Attraktive og", "Trygge, attraktive og")
    edit(data / "boligomraader.yaml", "navn: Sydbyen", "navn: Sydbyen Slagelse")
    (repo / "docs" / "oekonomi.md").write_text("# Økonomi\n\nNyt budget.\n", encoding="utf-8")
    (repo / "docs" / "ny.md").write_text("# Nyt kapitel\n", encoding="utf-8")
    (repo / "docs" / "gammel.md").unlink()
    commit_all(repo, "Ændringer", date="2025-02-10T10:00:00")

    diff = plandiff.diff_versions(repo, "v1.0", "HEAD")
    assert lines(diff, "Grundoplysninger") == [
        "Planperiodens slut er ændret fra 30. september 2029 til 31. december 2029.",
        "Visionen er ændret. Den lyder nu: «Trygge, attraktive og bæredygtige by- og boligområder, der er "
        "naturligt integreret i den øvrige by.»",
        "Bestyrelsen for den boligsociale helhedsplan er kommet med som part i planen.",
    ]
    assert lines(diff, "Boligområder og parter") == ["Boligområde Sydbyen hedder nu Sydbyen Slagelse."]
    assert lines(diff, "Kapitler") == [
        "Kapitlet **Gammelt kapitel** (`docs/gammel.md`) er fjernet.",
        "Kapitlet **Nyt kapitel** (`docs/ny.md`) er nyt.",
        "Kapitlet **Økonomi** (`docs/oekonomi.md`) er ændret.",
    ]
    markdown = plandiff.render_markdown(diff)
    assert markdown.startswith("## Ændringer i planen\n\nSammenligner v1.0 (")
    assert "### Kapitler" in markdown and "### Grundoplysninger" in markdown
    # The working tree is compared when no head is given.
    working = plandiff.diff_versions(repo, "v1.0")
    assert working.note == "" and working.sections == diff.sections


def test_registered_approval_is_reported(repo):
    edit(repo / "data" / "godkendelser.yaml", "godkendte_versioner: []\n",
         "godkendte_versioner:\n  - forelagt_version: 3f9a1c07b2\n    organ: bestyrelsen\n    dato: 2025-01-27\n"
         "    reference: Referat, punkt 3\n")
    diff = plandiff.diff_versions(repo, "v1.0")
    assert lines(diff, "Godkendelser") == [
        "Version 2025.1 (versions-id 3f9a1c07b2) er registreret som godkendt af Bestyrelsen den 27. januar 2025."
    ]


def test_base_that_cannot_be_loaded_falls_back_to_files(repo):
    edit(repo / "data" / "parter.yaml", "id: lbf", "id: LBF ugyldig")
    commit_all(repo, "Ødelagt version")
    git(repo, "tag", "ugyldig")
    edit(repo / "data" / "parter.yaml", "id: LBF ugyldig", "id: lbf")
    diff = plandiff.diff_versions(repo, "ugyldig")
    assert "kunne ikke sammenlignes" in diff.note
    assert lines(diff, "Ændrede datafiler") == ["`data/parter.yaml`"]


def test_unknown_base_is_a_danish_error(repo):
    with pytest.raises(PlanError) as info:
        plandiff.diff_versions(repo, "v9.9")
    assert "Versionen «v9.9» findes ikke i git" in str(info.value)


def test_comparers_without_git():
    plan = load_plan(ROOT / "data")
    assert plandiff.compare(plan, plan) == []
    renamed = dataclasses.replace(plan, facts=dataclasses.replace(plan.facts, title="Ny titel"))
    (section,) = plandiff.compare(plan, renamed)
    assert section.lines == ("Planens titel er ændret fra «En fælles indsats» til «Ny titel».",)


def test_command_line_writes_markdown(repo, tmp_path):
    edit(repo / "data" / "plan.yaml", "start: 2025-10-01", "start: 2025-11-01")
    output = tmp_path / "diff.md"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "plan_diff.py"), "--repo", str(repo), "--base", "v1.0",
         "--output", str(output)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Planperiodens start er ændret fra 1. oktober 2025 til 1. november 2025." in output.read_text("utf-8")
    bad = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "plan_diff.py"), "--repo", str(repo), "--base", "findes-ikke"],
        capture_output=True, text=True, timeout=120,
    )
    assert bad.returncode == 1 and "findes ikke i git" in bad.stderr and "Traceback" not in bad.stderr


def test_chapter_without_heading_is_named_from_the_navigation(repo):
    (repo / "mkdocs.yml").write_text(
        "site_name: x\nnav:\n  - Forside: index.md\n  - Områder:\n      - omraader/index.md\n"
        "      - omraader/sydbyen.md\n  - Om sitet:\n      - Hjælp til sitet: om-sitet/hjaelp.md\n"
        "hooks:\n  - !ENV [HOOK, x.py]\n",
        encoding="utf-8",
    )
    for page in ("omraader/sydbyen.md", "om-sitet/hjaelp.md"):
        (repo / "docs" / page).parent.mkdir(parents=True, exist_ok=True)
        (repo / "docs" / page).write_text("{{ byggeklods() }}\n", encoding="utf-8")
    assert lines(plandiff.diff_versions(repo, "v1.0"), "Kapitler") == [
        "Kapitlet **Om sitet › Hjælp til sitet** (`docs/om-sitet/hjaelp.md`) er nyt.",
        "Kapitlet **Områder › Sydbyen** (`docs/omraader/sydbyen.md`) er nyt.",
    ]
