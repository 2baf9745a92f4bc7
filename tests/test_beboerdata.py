"""Beboerdata: loading the CSV tables, both CSV dialects, and every kind of bad input."""

from __future__ import annotations


import pytest
from conftest import ROOT

from macros.core.errors import PlanError
from macros.plan import load_plan

TABLE_IDS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "9a", "9b", "9c",
             "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"]


def test_all_23_tables_are_declared_and_loaded():
    data = load_plan(ROOT / "data").beboerdata
    assert list(data.tables) == TABLE_IDS
    for table_id in TABLE_IDS:
        frame = data.frame(table_id)
        assert not frame.empty
        assert set(frame["omraade"]) >= {"ringparken", "motalavej", "sydbyen"}


def test_tabel_18_accessor_has_the_agreed_layout():
    frame = load_plan(ROOT / "data").beboerdata.frame("18")
    assert {"omraade", "aar", "kategori", "vaerdi", "eksempeldata"} <= set(frame.columns)
    assert set(frame["kategori"]) == {
        "beboere", "uden_arbejde_uddannelse", "doemte", "kun_grundskole", "indkomst_pct_region", "ikke_vestlige"}
    assert set(frame["omraade"]) == {"ringparken", "motalavej", "sydbyen", "slagelse-kommune", "hele-landet"}
    assert frame.groupby(["omraade", "kategori"]).size().eq(10).all()  # 10 yearly values per series
    assert frame["eksempeldata"].all()
    shares = frame[frame["kategori"] != "beboere"]["vaerdi"]
    assert shares.between(0, 100).all()


def test_frame_is_a_copy():
    data = load_plan(ROOT / "data").beboerdata
    frame = data.frame("18")
    frame.loc[:, "vaerdi"] = -1
    assert (data.frame("18")["vaerdi"] >= 0).all()


def test_shipped_example_data_exercise_suppression():
    data = load_plan(ROOT / "data").beboerdata
    primary = sum((data.published(t)["undertrykt"] == "primaer").sum() for t in TABLE_IDS)
    assert primary > 0
    for table_id in TABLE_IDS:
        published = data.published(table_id)
        counts = published[published["personantal"] & published["vaerdi"].notna()]["vaerdi"]
        assert not counts.between(1, 4).any(), table_id
        hidden = published[published["undertrykt"] != ""]
        assert hidden["vaerdi"].isna().all()


# --- Danish Excel ------------------------------------------------------------------


def _to_danish_excel(text: str) -> bytes:
    lines = text.splitlines()
    out = []
    for line in lines:
        cells = line.split(",")
        out.append(";".join(c.replace(".", ",") for c in cells))
    return ("\r\n".join(out) + "\r\n").encode("cp1252")


def test_danish_excel_copy_loads_exactly_like_the_original(standard_data_copy):
    original = load_plan(ROOT / "data").beboerdata
    for name in ["tabel-18.csv", "tabel-12.csv", "tabel-01.csv"]:
        path = standard_data_copy / "beboerdata" / name
        path.write_bytes(_to_danish_excel(path.read_text(encoding="utf-8")))
    copy = load_plan(standard_data_copy).beboerdata
    for table_id in ["18", "12", "1"]:
        assert copy.published(table_id).equals(original.published(table_id))


def test_utf8_bom_and_thousands_point_are_accepted(standard_data_copy):
    path = standard_data_copy / "beboerdata" / "tabel-12.csv"
    text = path.read_text(encoding="utf-8")
    lines = [";".join(line.split(",")) for line in text.splitlines()]
    # 250000 -> 250.000 as Danish Excel writes with a thousands separator
    lines = [line if i == 0 else line.replace(line.split(";")[3], f"{int(float(line.split(';')[3])):,}".replace(",", "."))
             for i, line in enumerate(lines)]
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("utf-8"))
    copy = load_plan(standard_data_copy).beboerdata
    assert copy.frame("12")["vaerdi"].equals(load_plan(ROOT / "data").beboerdata.frame("12")["vaerdi"])


# --- bad input: every case names file, spreadsheet row, column and a fix -------------


def _break(standard_data_copy, name: str, old: str, new: str, count: int = 1) -> str:
    path = standard_data_copy / "beboerdata" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path.read_text(encoding="utf-8")


def _error(standard_data_copy) -> str:
    with pytest.raises(PlanError) as info:
        load_plan(standard_data_copy)
    return str(info.value)


def _row_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if fragment in line)


def test_wrong_header(standard_data_copy):
    _break(standard_data_copy, "tabel-18.csv", "omraade,aar,kategori,vaerdi", "område,aar,kategori,vaerdi")
    message = _error(standard_data_copy)
    assert "data/beboerdata/tabel-18.csv" in message or "beboerdata/tabel-18.csv" in message
    assert "række 1" in message and "kolonne/felt «omraade»" in message
    assert "Første række skal være kolonnenavnene" in message


def test_missing_header(standard_data_copy):
    path = standard_data_copy / "beboerdata" / "tabel-18.csv"
    path.write_text("\n".join(path.read_text(encoding="utf-8").splitlines()[1:]), encoding="utf-8")
    message = _error(standard_data_copy)
    assert "tabel-18.csv, række 1" in message and "mangler i overskriften" in message
    assert "Indsæt en første række med kolonnenavnene" in message


def test_unknown_area(standard_data_copy):
    text = _break(standard_data_copy, "tabel-18.csv", "motalavej,2016,beboere", "motalvej,2016,beboere")
    message = _error(standard_data_copy)
    assert f"tabel-18.csv, række {_row_of(text, 'motalvej,2016')}, kolonne/felt «omraade»" in message
    assert "Ukendt område «motalvej»" in message and "Mente du «motalavej»" in message


def test_unknown_category(standard_data_copy):
    text = _break(standard_data_copy, "tabel-18.csv", "ringparken,2017,doemte,", "ringparken,2017,dømte,")
    message = _error(standard_data_copy)
    assert f"række {_row_of(text, 'ringparken,2017,dømte')}, kolonne/felt «kategori»" in message
    assert "Ukendt kategori «dømte»" in message and "doemte" in message


def test_non_numeric_value(standard_data_copy):
    text = _break(standard_data_copy, "tabel-18.csv", "sydbyen,2019,beboere,", "sydbyen,2019,beboere,ca. ")
    message = _error(standard_data_copy)
    assert f"række {_row_of(text, 'sydbyen,2019,beboere')}, kolonne/felt «vaerdi»" in message
    assert "er ikke et tal" in message


def test_negative_count(standard_data_copy):
    text = _break(standard_data_copy, "tabel-18.csv", "sydbyen,2019,beboere,", "sydbyen,2019,beboere,-")
    message = _error(standard_data_copy)
    assert f"række {_row_of(text, 'sydbyen,2019,beboere')}" in message
    assert "negativt" in message


def test_share_above_100(standard_data_copy):
    path = standard_data_copy / "beboerdata" / "tabel-18.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("ringparken,2020,ikke_vestlige,"))
    lines[index] = "ringparken,2020,ikke_vestlige,152.3,ja"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = _error(standard_data_copy)
    assert f"række {index + 1}, kolonne/felt «vaerdi»" in message
    assert "over 100 %" in message and "mellem 0 og 100" in message


def test_duplicate_key(standard_data_copy):
    path = standard_data_copy / "beboerdata" / "tabel-18.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("motalavej,2018,doemte,"))
    lines.append(lines[first])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = _error(standard_data_copy)
    assert f"række {len(lines)}" in message and f"findes allerede (række {first + 1})" in message


def test_missing_year_inside_a_series(standard_data_copy):
    path = standard_data_copy / "beboerdata" / "tabel-18.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    gone = next(i for i, line in enumerate(lines) if line.startswith("motalavej,2019,kun_grundskole,"))
    del lines[gone]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = _error(standard_data_copy)
    assert "der mangler tal for 2019" in message and "Skriv aldrig selv tal" in message and f"række {gone}" in message and "motalavej, kun_grundskole" in message


def test_missing_year_at_the_end_of_a_series(standard_data_copy):
    path = standard_data_copy / "beboerdata" / "tabel-18.csv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if not line.startswith("sydbyen,2024,doemte,")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = _error(standard_data_copy)
    assert "mangler tal for sydbyen, doemte i 2024" in message


def test_wrong_encoding(standard_data_copy):
    path = standard_data_copy / "beboerdata" / "tabel-18.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    message = _error(standard_data_copy)
    assert "tabel-18.csv" in message and "tegnsæt" in message and "Gem filen igen" in message


def test_undecodable_bytes(standard_data_copy):
    path = standard_data_copy / "beboerdata" / "tabel-18.csv"
    raw = path.read_bytes().replace(b"ringparken,2016", b"ringp\x81rken,2016", 1)
    path.write_bytes(raw)
    message = _error(standard_data_copy)
    assert "hverken gemt som UTF-8 eller som Windows-1252" in message and "række" in message


def test_mixed_separators(standard_data_copy):
    text = _break(standard_data_copy, "tabel-18.csv", "ringparken,2016,doemte,", "ringparken;2016;doemte;")
    message = _error(standard_data_copy)
    assert f"række {_row_of(text, 'ringparken;2016')}" in message
    assert "blander formater" in message


def test_decimal_comma_in_a_comma_file(standard_data_copy):
    path = standard_data_copy / "beboerdata" / "tabel-18.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("ringparken,2016,doemte,"))
    lines[index] = 'ringparken,2016,doemte,"2,7",ja'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = _error(standard_data_copy)
    assert f"række {index + 1}, kolonne/felt «vaerdi»" in message and "blander formater" in message


def test_decimal_point_in_a_semicolon_file(standard_data_copy):
    path = standard_data_copy / "beboerdata" / "tabel-18.csv"
    text = path.read_text(encoding="utf-8").replace(",", ";")
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("ringparken;2016;doemte;"))
    lines[index] = "ringparken;2016;doemte;2.71;ja"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = _error(standard_data_copy)
    assert f"række {index + 1}" in message and "decimaltegn" in message


def test_sum_that_does_not_add_up(standard_data_copy):
    path = standard_data_copy / "beboerdata" / "tabel-02.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("sydbyen,2020,i_alt,"))
    lines[index] = "sydbyen,2020,i_alt,1,ja"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = _error(standard_data_copy)
    assert f"tabel-02.csv, række {index + 1}" in message and "summen af" in message


def test_plan_area_missing_from_a_table(standard_data_copy):
    path = standard_data_copy / "beboerdata" / "tabel-20.csv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("sydbyen,")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = _error(standard_data_copy)
    assert "tabel-20.csv" in message and "mangler tal for sydbyen" in message


def test_unknown_table_in_accessor():
    data = load_plan(ROOT / "data").beboerdata
    with pytest.raises(PlanError) as info:
        data.frame("21")
    assert "ingen beboerdatatabel «21»" in str(info.value)


def test_all_errors_of_a_file_are_reported_together(standard_data_copy):
    _break(standard_data_copy, "tabel-18.csv", "sydbyen,2019,beboere,", "sydbyen,2019,beboere,-")
    _break(standard_data_copy, "tabel-18.csv", "motalavej,2016,beboere", "motalvej,2016,beboere")
    message = _error(standard_data_copy)
    assert message.startswith("Der er 2 fejl")


def test_original_file_is_never_rewritten(standard_data_copy):
    path = standard_data_copy / "beboerdata" / "tabel-18.csv"
    path.write_bytes(_to_danish_excel(path.read_text(encoding="utf-8")))
    before = path.read_bytes()
    load_plan(standard_data_copy)
    assert path.read_bytes() == before


def test_only_cells_hidden_in_the_file_have_no_value():
    data = load_plan(ROOT / "data").beboerdata
    for table_id in TABLE_IDS:
        frame = data.frame(table_id)
        missing = frame["vaerdi"].isna()
        assert (missing == (frame["skjult_i_filen"] != "")).all(), table_id


# --- rendering and tooling ---------------------------------------------------------------


def test_block_with_unknown_area_explains_itself():
    from macros.beboerdata.pages import render_table

    plan = load_plan(ROOT / "data")
    with pytest.raises(PlanError) as info:
        render_table(plan, "ringparkn", "18")
    assert "Mente du «ringparken»" in str(info.value)


def test_election_table_marks_years_without_election():
    from bs4 import BeautifulSoup

    from macros.beboerdata.pages import render_table

    html = render_table(load_plan(ROOT / "data"), "sydbyen", "19")
    soup = BeautifulSoup(html, "html.parser")
    cells = [td.get_text() for td in soup.select("tbody td")]
    assert "–" in cells and "ikke var valg" in soup.get_text()


def test_numbers_are_danish_and_units_named():
    from bs4 import BeautifulSoup

    from macros.beboerdata.pages import render_table

    plan = load_plan(ROOT / "data")
    soup = BeautifulSoup(render_table(plan, "ringparken", "12"), "html.parser")
    first = soup.select_one("tbody tr td").get_text()
    assert "." in first and "," not in first  # e.g. 268.300 (thousands point)
    assert "(kr.)" in soup.select_one("tbody th").get_text()
    assert "Slagelse Kommune" in soup.get_text() and "Hele landet" in soup.get_text()


def test_synthetic_plan_has_the_requested_size(tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from generate_synthetic_plan import generate

    project = generate(tmp_path / "syn", areas=6, years=10)
    plan = load_plan(project / "data")
    assert len(plan.plan_areas) == 6
    frame = plan.beboerdata.frame("18")
    assert frame["omraade"].nunique() == 6 + 2 and frame["aar"].nunique() == 10
    assert (project / "docs" / "beboerdata" / "syntetisk-003.md").exists()
    assert "beboerdata/syntetisk-003.md" in (project / "mkdocs.yml").read_text(encoding="utf-8")


def test_windows_1252_letters_are_read_correctly(standard_data_copy):
    path = standard_data_copy / "beboerdata" / "tabel-18.csv"
    text = path.read_text(encoding="utf-8").replace("sydbyen,2016,beboere", "søndermarken,2016,beboere")
    path.write_bytes(text.replace(",", ";").encode("cp1252"))
    message = _error(standard_data_copy)
    assert "Ukendt område «søndermarken»" in message


def test_declaration_with_unknown_unit_is_reported_once(standard_data_copy):
    path = standard_data_copy / "beboerdata" / "tabeller.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "enhed: procent, beregnet_af: [alder_0_5", "enhed: procnt, beregnet_af: [alder_0_5")
    path.write_text(text, encoding="utf-8")
    message = _error(standard_data_copy)
    line = next(i for i, l in enumerate(text.splitlines(), start=1) if "procnt" in l)
    assert f"tabeller.yaml, linje {line}, kolonne/felt «enhed»" in message and "Mente du «procent»" in message
    assert "Der er" not in message  # no knock-on errors


def test_cross_table_reference_must_exist(standard_data_copy):
    path = standard_data_copy / "beboerdata" / "tabeller.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('["18:beboere"]', '["18:beboer"]'), encoding="utf-8")
    message = _error(standard_data_copy)
    assert "Tabel 18 har ingen kategori «beboer»" in message and "Mente du «beboere»" in message


def test_tables_that_count_the_same_persons_must_agree(standard_data_copy):
    path = standard_data_copy / "beboerdata" / "tabel-18.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("motalavej,2020,beboere,"))
    lines[index] = "motalavej,2020,beboere,9999,ja"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    message = _error(standard_data_copy)
    assert "tabel 18 «beboere» = 9999" in message and "tabel 1 «i_alt»" in message
    assert f"tabel-18.csv, række {index + 1}" in message
