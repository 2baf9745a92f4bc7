"""The plan diff on the follow-up: indicator values, status flips, spending and the official lists.

Real changes in a temporary git repository, summarised in Danish (as ``make diff`` shows them).
"""

import dataclasses

import pytest
from conftest import ROOT
from gitutil import commit_all, copy_data, edit, git, init_repo

from macros.followup.compute import HIDDEN_VALUE
from macros.followup.pages import HIDDEN_TEXT
from macros.followup.progress import Status
from macros.plan import load_plan
from macros.review import plandiff


@pytest.fixture
def repo(tmp_path):
    repo = init_repo(tmp_path / "plan")
    copy_data(ROOT / "data", repo)
    commit_all(repo, "Planen", date="2025-01-10T10:00:00")
    git(repo, "tag", "v1.0")
    return repo


def section(diff, title):
    return next((s for s in diff.sections if s.title == title), None)


def test_a_changed_measurement_is_reported_with_its_status_flip(repo):
    # Volunteers in Ringparken 2025: from 22 to 9 – far behind the straight line to the target.
    edit(repo / "data" / "maalinger" / "frivillige.csv", "frivillige,ringparken,2025,22,",
         "frivillige,ringparken,2025,9,")
    found = section(plandiff.diff_versions(repo, "v1.0"), "Indikatorer og status")
    assert found is not None
    header, *rows = found.table
    assert header == ("Indikator", "Område", "År", "Før", "Nu")
    assert any(r[1] == "Ringparken/Schackenborgvænge" and r[2] == "2025" and r[3] == "22" and r[4] == "9"
               for r in rows), rows
    flips = [line for line in found.lines if "status er skiftet" in line]
    assert any(line.startswith("«Antal aktive frivillige") and "fra «på vej» til «bagud»" in line for line in flips), found.lines
    markdown = plandiff.render_markdown(plandiff.diff_versions(repo, "v1.0"))
    assert "### Indikatorer og status" in markdown


def test_a_new_measured_year_is_summarised(repo):
    path = repo / "data" / "maalinger" / "frivillige.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "frivillige,ringparken,2025,22,maalinger-eksempel,ja\n",
        "frivillige,ringparken,2025,22,maalinger-eksempel,ja\nfrivillige,ringparken,2026,25,maalinger-eksempel,ja\n"),
        encoding="utf-8")
    found = section(plandiff.diff_versions(repo, "v1.0"), "Indikatorer og status")
    assert found is not None and any(line.endswith(": nye tal for 2026.") for line in found.lines), found


def test_status_flip_and_hidden_values_without_git():
    """Comparers on two loaded plans: a hidden value is never shown as a number."""
    plan = load_plan(ROOT / "data")
    series = plan.followup.series["uden-arbejde-uddannelse"]
    year = series.years[-1]
    behind = Status("bagud", "Det seneste tal er bagud.")
    changed = dataclasses.replace(series, values={**series.values, ("motalavej", year): HIDDEN_VALUE},
                                  statuses={**series.statuses, "motalavej": behind})
    other = dataclasses.replace(plan, followup=dataclasses.replace(
        plan.followup, series={**plan.followup.series, series.indicator.id: changed}))
    found = plandiff.compare_indicators(plan, other)
    row = next(r for r in found.table[1:] if r[1] == "Motalavej")
    assert row[2] == str(year) and row[4] == HIDDEN_TEXT
    was = series.statuses["motalavej"].word.lower()
    assert any(f"Motalavej: status er skiftet fra «{was}» til «bagud»" in line for line in found.lines)
    assert plandiff.compare_indicators(plan, plan) is None


def test_spending_changes(repo):
    path = repo / "data" / "oekonomi" / "forbrug.yaml"
    edit(path, "      uddannelse-og-livschancer: 410000\n", "      uddannelse-og-livschancer: 510000\n")
    found = section(plandiff.diff_versions(repo, "v1.0"), "Forbrug")
    assert found is not None
    assert found.table[0] == ("År", "Finansiering", "Før", "Nu")
    assert found.table[1][:2] == ("2025", "Landsbyggefonden")
    assert any(line.startswith("Det samlede forbrug er ændret fra ") for line in found.lines)
    assert any(line.startswith("Den faktiske lokale medfinansiering er nu ") for line in found.lines)
    assert "Forbruget er stadig eksempeldata." in found.lines


def test_spending_made_final(repo):
    path = repo / "data" / "oekonomi" / "forbrug.yaml"
    edit(path, "    status: foreloebigt\n    opgjort_til: 2026-10-31\n", "    status: endeligt\n")
    found = section(plandiff.diff_versions(repo, "v1.0"), "Forbrug")
    assert found.lines == ("Forbruget for 2026 er nu endeligt (før foreløbigt).", "Forbruget er stadig eksempeldata.")


def test_a_new_list_placement(repo):
    path = repo / "data" / "kriterier" / "lister.yaml"
    edit(path, "lister:\n", "lister:\n  - aar: 2026\n    kilde: referat-17-4-udvalg-2025-12-09\n    placeringer:\n"
                            "      - omraade: motalavej\n        paa: [forebyggelse]\n\n")
    found = section(plandiff.diff_versions(repo, "v1.0"), "Ministeriets lister")
    assert found is not None
    assert found.lines == ("Ny liste 1. december 2026: Motalavej på «forebyggelsesområde».",), found.lines
