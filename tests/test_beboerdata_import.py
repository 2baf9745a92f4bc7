"""The import step: raw tables (Excel and CSV, with small counts) become publishable files
that make validate accepts; the raw file is only read. The tests make their own raw files."""

from __future__ import annotations

import contextlib
import importlib.util
import io
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT
from macros.beboerdata.rawimport import import_table
from macros.core import csvio
from macros.core.errors import PlanError
from macros.plan import load_plan


def _script(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


VALIDATE = _script("validate")
IMPORT = _script("beboerdata_import")


def _validates(data_dir: Path) -> str:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = VALIDATE.main(data_dir)
    assert code == 0, err.getvalue()
    return out.getvalue()


def _rows(data_dir: Path, name: str) -> list[dict]:
    return [row.values for row in csvio.read_csv(data_dir / "beboerdata" / name).rows]


def _raw_table_4(data_dir: Path) -> dict[tuple[str, str], dict[int, int]]:
    """Tabel 4 (households) as true values, with one small count: sydbyen 2020 «andre» = 3."""
    values: dict[tuple[str, str], dict[int, int]] = {}
    for r in _rows(data_dir, "tabel-04.csv"):
        values.setdefault((r["omraade"], r["kategori"]), {})[int(r["aar"])] = int(r["vaerdi"])
    old = values[("sydbyen", "andre")][2020]
    values[("sydbyen", "andre")][2020] = 3
    values[("sydbyen", "i_alt")][2020] -= old - 3
    return values


def test_excel_download_with_a_small_count_becomes_a_publishable_file(data_copy, tmp_path):
    plan = load_plan(data_copy)
    spec = plan.beboerdata.tables["4"]
    names = {c.id: c.name for c in spec.categories}
    raw = _raw_table_4(data_copy)
    years = sorted(next(iter(raw.values())))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Tabel 4"
    sheet.append([f"Tabel 4. {spec.title}"])
    sheet.append([])
    sheet.append(["Område", "Opgørelse", *years])  # LBF's wide layout: one column per year
    for (area, cat), series in raw.items():
        sheet.append([plan.areas[area].name, names[cat], *[series[y] for y in years]])
    path = tmp_path / "raa-data" / "lbf-beboerdata.xlsx"
    path.parent.mkdir()
    book.save(path)
    before = path.read_bytes()

    report = import_table(data_copy, path, "4")

    assert path.read_bytes() == before  # the raw file is only read
    rows = {(r["omraade"], int(r["aar"]), r["kategori"]): r["vaerdi"] for r in _rows(data_copy, "tabel-04.csv")}
    assert rows[("sydbyen", 2020, "andre")] == "<5"
    hidden = [k for k, v in rows.items() if v == "x"]
    assert hidden and all(k[:2] == ("sydbyen", 2020) for k in hidden)
    assert not any(v.isdigit() and 0 < int(v) < 5 for v in rows.values())
    assert all(r["eksempeldata"] == "nej" for r in _rows(data_copy, "tabel-04.csv"))
    text = report.text()
    assert "sydbyen 2020, andre" in text and "«<5»" in text and "«x»" in text
    assert "må ikke lægges i repositoryet" in text
    _validates(data_copy)


def test_danish_excel_csv_in_the_long_layout_with_a_share(data_copy, tmp_path):
    """Tabel 2 as Danish Excel saves it: «;», decimal comma, Windows-1252. A small age group
    hides one more count, and the share computed from it."""
    rows = _rows(data_copy, "tabel-02.csv")
    cells = {(r["omraade"], r["aar"], r["kategori"]): r for r in rows}
    small, rest = cells[("sydbyen", "2020", "alder_0_5")], cells[("sydbyen", "2020", "alder_6_17")]
    children = int(small["vaerdi"]) + int(rest["vaerdi"])
    small["vaerdi"], rest["vaerdi"] = "2", str(children - 2)
    lines = ["Område;År;Kategori;Værdi"]
    plan = load_plan(data_copy)
    names = {**{a.id: a.name for a in plan.areas.values()}, **plan.beboerdata.comparison_units}
    for r in rows:
        lines.append(";".join([names[r["omraade"]], r["aar"], r["kategori"], r["vaerdi"].replace(".", ",")]))
    path = tmp_path / "tabel 2 fra LBF.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))

    report = import_table(data_copy, path, example=True)

    assert report.table.id == "2"  # read from the file name
    written = {(r["omraade"], r["aar"], r["kategori"]): r["vaerdi"] for r in _rows(data_copy, "tabel-02.csv")}
    assert written[("sydbyen", "2020", "alder_0_5")] == "<5"
    assert written[("sydbyen", "2020", "andel_0_17")] == "x"  # a share of a hidden count
    assert written[("ringparken", "2020", "andel_0_17")] == cells[("ringparken", "2020", "andel_0_17")]["vaerdi"]
    assert "andele beregnet af et skjult tal" in report.text()
    _validates(data_copy)


def test_command_prints_the_report_and_refuses_bad_raw_files_in_danish(data_copy, tmp_path, capsys):
    good = tmp_path / "tabel-04.csv"
    raw = _raw_table_4(data_copy)
    lines = ["omraade,aar,kategori,vaerdi"] + [f"{a},{y},{k},{v}" for (a, k), s in raw.items() for y, v in s.items()]
    good.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert IMPORT.main([str(good), "--data", str(data_copy)]) == 0
    assert "Tabel 4" in capsys.readouterr().out

    bad = tmp_path / "tabel-04-fejl.csv"
    bad.write_text("\n".join(lines[:3] + ["ringparkn,2020,andre,3"] + lines[3:]) + "\n", encoding="utf-8")
    before = (data_copy / "beboerdata" / "tabel-04.csv").read_bytes()
    assert IMPORT.main([str(bad), "--data", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "tabel-04-fejl.csv, række 4, kolonne/felt «A (omraade)»" in err
    assert "Ukendt område «ringparkn»" in err and "Mente du «ringparken»" in err
    assert "Intet er skrevet" in err and "Traceback" not in err
    assert (data_copy / "beboerdata" / "tabel-04.csv").read_bytes() == before


def test_the_table_must_be_known(data_copy, tmp_path):
    path = tmp_path / "beboerdata.csv"
    path.write_text("omraade,aar,kategori,vaerdi\nringparken,2020,andre,3\n", encoding="utf-8")
    with pytest.raises(PlanError) as info:
        import_table(data_copy, path)
    assert "TABEL=" in str(info.value)


def test_raw_files_stay_out_of_git_and_the_make_target_exists():
    assert "/raa-data/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "beboerdata-import:" in makefile and "scripts/beboerdata_import.py" in makefile
