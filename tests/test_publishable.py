"""Only what may be published is in the repository: the beboerdata files hold «<5» and «x»
instead of small counts, make validate refuses a file that does not (with the message for a
pull request first), and the privacy lint finds personal data in docs/ and data/."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, as_standard_csv
from gitutil import commit_all, git, init_repo
from macros.beboerdata.load import _load_declarations, audit_group, disclosure_rules, small_counts_in_files
from macros.model.load import load_sources
from macros.plan import load_plan
from macros.review import privacylint


def _validate_module():
    spec = importlib.util.spec_from_file_location("validate_script", ROOT / "scripts" / "validate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


VALIDATE = _validate_module()


def run_validate(data_dir: Path, changed_since: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = VALIDATE.main(data_dir, changed_since)
    return code, out.getvalue(), err.getvalue()


# --- the repository itself ----------------------------------------------------------------


def test_no_file_in_data_holds_a_small_count_or_reveals_one():
    """Walks every beboerdata file in data/ with the site's own disclosure check."""
    data_dir = ROOT / "data"
    assert small_counts_in_files(data_dir, load_sources(data_dir)) == []
    plan = load_plan(data_dir)
    assert plan.beboerdata.disclosure_problems == ()
    data = plan.beboerdata
    # Each area and year, every table together, audited again from the files alone.
    suppression = data.suppression
    rules = disclosure_rules(data.tables, _cross_sums(data_dir), suppression)
    groups, given = {}, {}
    for table_id in data.tables:
        frame = data.frame(table_id)
        for o, a, k, v, h in zip(frame["omraade"], frame["aar"], frame["kategori"], frame["vaerdi"],
                                 frame["skjult_i_filen"]):
            groups.setdefault((o, a), {})[(table_id, k)] = v
            if h:
                given.setdefault((o, a), {})[(table_id, k)] = h
    assert given, "the example tables exercise suppression"
    for key, values in groups.items():
        assert audit_group(rules, values, given.get(key, {})).ok, key
    # Person counts in the own measurements (data/maalinger/) are checked by their loader with the same minimum.
    for m in plan.measurements:
        if plan.indicators[m.indicator_id].person_count:
            assert m.value is None or not 0 < m.value < suppression.min_count


def _cross_sums(data_dir):
    return _load_declarations(data_dir / "beboerdata", load_sources(data_dir))[4]


def test_the_repository_passes_make_validate_with_the_privacy_lint():
    code, out, err = run_validate(ROOT / "data")
    assert code == 0, err
    assert "ingen personoplysninger" in out


# --- make validate refuses raw figures ----------------------------------------------------------


def _hidden_row(data_dir: Path, name: str) -> tuple[int, str]:
    lines = (data_dir / "beboerdata" / name).read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if ",<5," in line)
    return index + 1, lines[index]


def test_a_raw_small_count_is_refused_first_with_file_row_and_column(standard_data_copy):
    row, line = _hidden_row(standard_data_copy, "tabel-01.csv")
    path = standard_data_copy / "beboerdata" / "tabel-01.csv"
    text = path.read_text(encoding="utf-8").replace(line, line.replace(",<5,", ",3,"), 1)
    # Another mistake further down: the small count is still reported first.
    text = text.replace("ringparken,2024,dansk_0_17,", "ringparkn,2024,dansk_0_17,", 1)
    path.write_text(text, encoding="utf-8")
    code, _out, err = run_validate(standard_data_copy)
    assert code == 1
    assert err.startswith(VALIDATE.LOCAL_HEADLINE)
    assert f"tabel-01.csv, række {row}, kolonne/felt «vaerdi»" in err
    assert "mellem 1 og 4" in err and "make beboerdata-import" in err
    assert "Traceback" not in err and ",3," not in err  # the figure is not repeated


def test_a_cell_the_totals_reveal_is_refused_with_the_cells_to_hide(standard_data_copy):
    """Un-hiding an «x» (writing its true value back) lets the totals reveal the «<5»."""
    path = standard_data_copy / "beboerdata" / "tabel-01.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    before = load_plan(ROOT / "data").beboerdata
    small_row, small_line = _hidden_row(standard_data_copy, "tabel-01.csv")
    area, year = small_line.split(",")[:2]
    x_index = next(i for i, l in enumerate(lines) if l.startswith(f"{area},{year},") and ",x," in l)
    # Any plausible count ≥ 5 will do: the reader would then know the hidden sum.
    lines[x_index] = lines[x_index].replace(",x,", ",40,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _out, err = run_validate(standard_data_copy)
    assert code == 1 and before.disclosure_problems == ()
    assert f"Det skjulte tal ({area}, {year}, " in err and "kan regnes ud fra de andre tal og totalen" in err
    hidden_rows = [i + 1 for i, l in enumerate(lines) if l.startswith(f"{area},{year},") and (",x," in l or ",<5," in l)]
    assert any(f"tabel-01.csv, række {r}, kolonne/felt «vaerdi»" in err for r in hidden_rows + [small_row])
    assert f"tabel-01.csv række {x_index + 1} (" in err  # the un-hidden cell is to be hidden again
    assert "Skjul flere tal:" in err and "«x»" in err


def test_a_share_computed_from_a_hidden_count_is_refused(standard_data_copy):
    """Tabel 2: «andel_0_17» is computed from the age counts; hiding one of them hides the share."""
    path = standard_data_copy / "beboerdata" / "tabel-02.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = {l.split(",")[2]: i for i, l in enumerate(lines) if l.startswith("sydbyen,2020,")}
    for cat in ("alder_0_5", "alder_6_17"):  # hidden in the file, as if totals revealed them
        lines[rows[cat]] = lines[rows[cat]].replace(lines[rows[cat]].split(",")[3], "x")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _out, err = run_validate(standard_data_copy)
    assert code == 1
    assert f"tabel-02.csv, række {rows['andel_0_17'] + 1}" in err and "beregnet af et skjult tal" in err
    # Written «x» (or left blank), the share passes.
    lines[rows["andel_0_17"]] = lines[rows["andel_0_17"]].replace(lines[rows["andel_0_17"]].split(",")[3], "")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run_validate(standard_data_copy)[0] == 0


def test_the_site_still_hides_what_a_raw_file_would_reveal(standard_data_copy):
    """Second safety net: loading a raw file hides the small count on the site anyway."""
    row, line = _hidden_row(standard_data_copy, "tabel-01.csv")
    area, year, cat = line.split(",")[:3]
    path = standard_data_copy / "beboerdata" / "tabel-01.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(line, line.replace(",<5,", ",3,"), 1), encoding="utf-8")
    data = load_plan(standard_data_copy, cache=False).beboerdata
    assert data.disclosure_problems
    published = data.published("1")
    cell = published[(published.omraade == area) & (published.aar == int(year)) & (published.kategori == cat)]
    assert cell["undertrykt"].item() == "primaer" and cell["vaerdi"].isna().all()


# --- the pull request check ------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path):
    repo = init_repo(tmp_path / "repo")
    shutil.copytree(ROOT / "data", repo / "data")
    shutil.copytree(ROOT / "docs", repo / "docs")
    as_standard_csv(repo / "data")  # the tests edit rows as comma text
    base = commit_all(repo, "Planen")
    return repo, base


def test_a_pull_request_with_a_raw_3_fails_first_with_what_to_do_now(repo):
    repo, base = repo
    path = repo / "data" / "beboerdata" / "tabel-01.csv"
    _row, line = _hidden_row(repo / "data", "tabel-01.csv")
    path.write_text(path.read_text(encoding="utf-8").replace(line, line.replace(",<5,", ",3,"), 1), encoding="utf-8")
    git(repo, "checkout", "--quiet", "-b", "nye-tal")
    commit_all(repo, "Nye beboerdata")
    code, _out, err = run_validate(repo / "data", base)
    assert code == 1
    first = err.splitlines()[0]
    assert first.startswith("STOP: Ændringsforslaget indeholder tal, der ikke må offentliggøres")
    head = err[: err.index("Fejl i")]
    assert "kan allerede ses af alle i\nændringsforslaget (pull request)" in head
    assert "Luk ændringsforslaget" in head and "slet grenen" in head
    assert "make beboerdata-import" in head and "send den rå fil til den dataansvarlige" in head
    assert "tabel-01.csv" in err


def test_raw_figures_that_the_pull_request_did_not_change_get_the_plain_message(repo):
    repo, _base = repo
    path = repo / "data" / "beboerdata" / "tabel-01.csv"
    _row, line = _hidden_row(repo / "data", "tabel-01.csv")
    path.write_text(path.read_text(encoding="utf-8").replace(line, line.replace(",<5,", ",3,"), 1), encoding="utf-8")
    base = commit_all(repo, "Rå tal på main")
    commit_all(repo, "Intet andet")
    code, _out, err = run_validate(repo / "data", base)
    assert code == 1 and err.startswith(VALIDATE.LOCAL_HEADLINE)


# --- the privacy lint: one case per rule, and the allowlist ------------------------------------


@pytest.fixture(scope="module")
def rules():
    return privacylint.load_rules(ROOT / "data")


def _problems(text, rules):
    return [f.problem for f in privacylint.lint_text(text, rules)]


def test_cpr_number_with_a_real_date_is_found(rules):
    findings = privacylint.lint_text("Linje et\nBeboer 010203-1234 har\n", rules)
    assert [(f.line, "CPR-nummer" in f.problem) for f in findings] == [(2, True)]
    assert not _problems("Sagen 320199-1234 og 011399-1234 er ingen datoer.", rules)
    assert _problems("cpr.nr. 2902001234", rules)  # 29 February, without the dash after «cpr»


def test_danish_phone_number_is_found(rules):
    for text in ("Ring på 21 43 65 87.", "tlf. 21436587", "+45 2143 6587", "mobil: 21436587"):
        assert any("telefonnummer" in p for p in _problems(text, rules)), text
    # Amounts and years are not phone numbers.
    assert not _problems("Budgettet er 23000000 kr. i 2025–2029 (20252029) og 1.234.567,89 kr.", rules)


def test_email_address_is_found(rules):
    assert any("E-mailadressen «anne.hansen@example.dk»" in p for p in _problems("Skriv til anne.hansen@example.dk.", rules))


def test_words_that_suggest_a_residents_case_are_found(rules):
    (problem,) = _problems("Familien i opgang 4 har sagsnummer 12.", rules)
    assert "«sagsnummer»" in problem and "enkelt beboers sag" in problem
    assert not _problems("Indsatsen for familier med børn.", rules)


def test_the_allowlist_admits_official_contact_points(tmp_path):
    config = (ROOT / "data" / "privatliv.yaml").read_text(encoding="utf-8").replace(
        "tilladte_kontakter: []",
        "tilladte_kontakter:\n  - navn: Helhedsplanens sekretariat\n"
        "    telefon: \"21 43 65 87\"\n    email: sekretariat@example.dk\n")
    (tmp_path / "schemas").mkdir()
    shutil.copy(ROOT / "data" / "schemas" / "privatliv.schema.yaml", tmp_path / "schemas")
    (tmp_path / "privatliv.yaml").write_text(config, encoding="utf-8")
    allowed = privacylint.load_rules(tmp_path)
    text = "Kontakt sekretariat@example.dk eller +45 21 43 65 87."
    assert not _problems(text, allowed)
    assert len(_problems(text + " Eller anne@example.dk, tlf. 31436587.", allowed)) == 2


def test_lint_names_file_and_line_and_runs_in_make_validate(standard_data_copy):
    docs = standard_data_copy.parent / "docs"
    shutil.copytree(ROOT / "docs", docs)
    page = docs / "om-planen.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSkriv til anne.hansen@example.dk\n", encoding="utf-8")
    line = page.read_text(encoding="utf-8").count("\n")
    code, _out, err = run_validate(standard_data_copy)
    assert code == 1
    assert f"docs/om-planen.md, linje {line}" in err and "anne.hansen@example.dk" in err
