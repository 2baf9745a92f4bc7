"""Files as Excel and Word leave them: trailing empty columns, workbooks under a
.csv name, merge-conflict markers, look-alike characters."""

from __future__ import annotations

import pytest

from macros.core.csvio import read_csv
from macros.core.errors import PlanError
from macros.core.yamlio import load_yaml


@pytest.mark.parametrize("text", [
    "omraade;aar;vaerdi;;;\nringparken;2024;12;;;\nmotalavej;2024;13;;;\n",
    "omraade;aar;vaerdi;\nringparken;2024;12;\nmotalavej;2024;13\n",
    "omraade,aar,vaerdi\nringparken,2024,12,,\n",
])
def test_trailing_empty_columns_are_ignored(tmp_path, text):
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    table = read_csv(path)
    assert table.header == ["omraade", "aar", "vaerdi"]
    assert table.rows[0].values == {"omraade": "ringparken", "aar": "2024", "vaerdi": "12"}


def test_a_value_in_an_extra_column_is_still_refused(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("omraade;aar;vaerdi\nringparken;2024;12;x\n", encoding="utf-8")
    with pytest.raises(PlanError, match="række 2"):
        read_csv(path)


@pytest.mark.parametrize("signature", [b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"])
def test_an_excel_workbook_under_a_csv_name_is_named(tmp_path, signature):
    path = tmp_path / "t.csv"
    path.write_bytes(signature + b"\x00" * 64)
    with pytest.raises(PlanError) as caught:
        read_csv(path)
    assert "Excel-projektmappe; gem den som CSV (semikolonsepareret)" in caught.value.format()
    assert "UTF-16" not in caught.value.format()


@pytest.mark.parametrize("text, words, line, column", [
    ("a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> x\n", "fletning", 2, None),
    ("a: 1\nnavn:\u00a0x\n", "hårdt mellemrum", 2, "tegn 6"),
    ("a: 1\n  \u200bb: 2\n", "usynligt tegn", 2, "tegn 3"),
    ("navn: \u201dTekst\u201d\n", "krøllet anførselstegn", 1, "tegn 7"),
])
def test_merge_markers_and_look_alike_characters_are_named(tmp_path, text, words, line, column):
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_yaml(path)
    first = getattr(caught.value, "errors", [caught.value])[0]
    assert words in first.problem
    assert first.location.line == line and first.location.column == column


@pytest.mark.parametrize("text", [
    "tekst: Han sagde \u201dja\u201d og gik\n",
    "tekst: \"Pris\u00a0100 kr.\"\n",
    "# kommentar med \u201dcitat\u201d\nnavn: x\n",
    "liste:\n  - Ord med\u00a0hårdt mellemrum i teksten\n",
])
def test_such_characters_inside_a_text_are_fine(tmp_path, text):
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    load_yaml(path)
