"""The plan diff on real changes to the plan's datasets, made in a temporary git repository."""

import dataclasses
import re

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


def set_csv_value(path, area, year, category, value):
    """Set one value in a table as Danish Excel would save it (';', decimal comma, CRLF)."""
    raw = path.read_bytes()
    pattern = re.compile(rf"^{area};{year};{category};[^;\r\n]*".encode(), re.MULTILINE)
    assert pattern.search(raw), (area, year, category)
    new = f"{area};{year};{category};{value.replace('.', ',')}".encode()
    path.write_bytes(pattern.sub(new, raw, count=1))


def test_milestone_moved_and_completed(repo):
    path = repo / "data" / "milepaele.yaml"
    text = path.read_text(encoding="utf-8")
    block = text[text.index("- id: byraad-temamoede"):]
    block = block[: block.index("\n- id:")] if "\n- id:" in block else block
    changed = block.replace("frist: 2024-04", "frist: 2024-06").replace("status: ukendt", "status: gennemført\n  gennemfoert: 2024-06-12")
    assert changed != block
    path.write_text(text.replace(block, changed), encoding="utf-8")
    lines = section(plandiff.diff_versions(repo, "v1.0"), "Milepæle").lines
    assert any(" er flyttet fra april 2024 til juni 2024." in line for line in lines), lines
    assert any(" er gennemført (12. juni 2024)." in line for line in lines), lines


def test_beboerdata_value_changed(repo):
    set_csv_value(repo / "data" / "beboerdata" / "tabel-18.csv", "sydbyen", 2024, "indkomst_pct_region", "50.0")
    values = section(plandiff.diff_versions(repo, "v1.0"), "Beboerdata")
    assert values.lines == ("Ét tal er ændret:",)
    header, row = values.table
    assert header == ("Tabel", "Område", "År", "Kategori", "Før", "Nu")
    assert row[:3] == ("Tabel 18", "Sydbyen", "2024")
    assert row[4].startswith("62,7") and row[5].startswith("50,0")
    assert "| Tabel 18 | Sydbyen | 2024 |" in plandiff.render_markdown(plandiff.diff_versions(repo, "v1.0"))


def _with_cell(plan, table_id, where, **changes):
    """A copy of *plan* whose raw and published table have one cell changed."""
    data = plan.beboerdata
    raw, published = dict(data._raw), dict(data._published)
    for frames, columns in ((raw, ("vaerdi",)), (published, ("vaerdi", "undertrykt"))):
        frame = frames[table_id].copy()
        mask = (frame["omraade"] == where[0]) & (frame["aar"] == where[1]) & (frame["kategori"] == where[2])
        assert mask.sum() == 1
        for column in columns:
            if column in changes:
                frame.loc[mask, column] = changes[column]
        frames[table_id] = frame
    return dataclasses.replace(plan, beboerdata=dataclasses.replace(data, _raw=raw, _published=published))


def test_beboerdata_diff_shows_published_values_only():
    plan = load_plan(ROOT / "data")
    cell = ("motalavej", 2015, "efterkommere_65")  # 2 persons: published as "<5"
    published = plan.beboerdata.published("1")
    hidden = published[(published.omraade == cell[0]) & (published.aar == cell[1]) & (published.kategori == cell[2])]
    assert hidden["undertrykt"].item() == "primaer"
    # 2 → 3 in the raw data, suppressed before and after: nothing to report.
    still_hidden = _with_cell(plan, "1", cell, vaerdi=3.0)
    assert plandiff.compare_beboerdata(plan, still_hidden) is None
    # 2 → 12: the old value appears only as the suppression mark.
    shown = _with_cell(plan, "1", cell, vaerdi=12.0, undertrykt="")
    (row,) = plandiff.compare_beboerdata(plan, shown).table[1:]
    assert row[:3] == ("Tabel 1", "Motalavej", "2015") and row[4] == "<5" and row[5].startswith("12")


def test_new_year_of_beboerdata_is_summarised(repo):
    table = repo / "data" / "beboerdata" / "tabel-18.csv"
    raw = table.read_bytes()
    extra = [line.replace(b";2024;", b";2025;") for line in raw.splitlines() if b";2024;" in line]
    table.write_bytes(raw + b"".join(line + b"\r\n" for line in extra))
    lines = section(plandiff.diff_versions(repo, "v1.0"), "Beboerdata").lines
    assert any(line.startswith("Tabel 18 (") and line.endswith("nye tal for 2025.") for line in lines), lines
def test_criteria_status_flipped(repo):
    table = repo / "data" / "beboerdata" / "tabel-18.csv"
    # Sydbyen 2024: more residents without work or education (both years of the
    # average) and a lower income make it meet 2 of the 4 criteria.
    for year in (2023, 2024):
        set_csv_value(table, "sydbyen", year, "uden_arbejde_uddannelse", "45.0")
    set_csv_value(table, "sydbyen", 2024, "indkomst_pct_region", "50.0")
    diff = plandiff.diff_versions(repo, "v1.0")
    assert diff.note == ""
    criteria = section(diff, "Kriterier for de lovbestemte lister").lines
    assert "Sydbyen opfylder nu betingelserne for «udsat boligområde» i 2024 (før: ikke opfyldt)." in criteria
    assert section(diff, "Beboerdata").lines == ("3 tal er ændret:",)
    markdown = plandiff.render_markdown(diff)
    assert "### Kriterier for de lovbestemte lister" in markdown


def test_criteria_status_flipped_back(repo):
    table = repo / "data" / "beboerdata" / "tabel-18.csv"
    # Motalavej meets the conditions for «udsat boligområde» in 2024; a higher income
    # and fewer residents without work or education take that away.
    for year in (2023, 2024):
        set_csv_value(table, "motalavej", year, "uden_arbejde_uddannelse", "20.0")
        set_csv_value(table, "motalavej", year, "doemte", "0.5")
    set_csv_value(table, "motalavej", 2024, "indkomst_pct_region", "90.0")
    set_csv_value(table, "motalavej", 2024, "kun_grundskole", "20.0")
    criteria = section(plandiff.diff_versions(repo, "v1.0"), "Kriterier for de lovbestemte lister").lines
    assert "Motalavej opfylder ikke længere betingelserne for «udsat boligområde» i 2024." in criteria


def test_budget_change_reports_new_cofinancing_share(repo):
    path = repo / "data" / "oekonomi" / "budget.yaml"
    edit(path, "      uddannelse-og-livschancer: 90000\n", "      uddannelse-og-livschancer: 190000\n")
    budget = section(plandiff.diff_versions(repo, "v1.0"), "Budget")
    assert budget.table[1] == ("2025", "Slagelse Kommune", "300.000\u00a0kr.", "400.000\u00a0kr.")
    assert any(line.startswith("Det samlede budget er ændret fra ") for line in budget.lines)
    share = next(line for line in budget.lines if line.startswith("Den lokale medfinansiering er nu "))
    assert "(før " in share and "Kravet om mindst 25\u00a0% er opfyldt." in share


# --- the follow-up: indicator values, status flips, spending and the official lists -----------


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
