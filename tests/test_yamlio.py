import datetime as dt
from pathlib import Path

import pytest

from macros.core.errors import PlanError
from macros.core.yamlio import LineDict, LineList, line_at, load_validated, load_yaml

SCHEMA = """
$schema: https://json-schema.org/draft/2020-12/schema
type: array
items:
  type: object
  additionalProperties: false
  required: [id, navn]
  properties:
    id: {type: string}
    navn: {type: string}
    antal: {type: integer, minimum: 0}
    dato: {type: date}
    status: {enum: [planlagt, gennemført]}
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path):
    write(tmp_path, "schemas/test.schema.yaml", SCHEMA)
    return tmp_path


def test_line_numbers_are_kept(folder):
    path = write(folder, "x.yaml", "# kommentar\n- id: a\n  navn: A\n- id: b\n  navn: B\n")
    data = load_yaml(path)
    assert isinstance(data, LineList) and isinstance(data[0], LineDict)
    assert data.line_of(1) == 4
    assert data[1].line_of("navn") == 5
    assert line_at(data, [1, "navn"]) == 5


def test_dates_become_dates(folder):
    path = write(folder, "x.yaml", "dato: 2025-03-31\n")
    assert load_yaml(path)["dato"] == dt.date(2025, 3, 31)


def test_impossible_date_names_line_in_danish(folder):
    path = write(folder, "x.yaml", "a: 1\ndato: 2025-02-30\n")
    with pytest.raises(PlanError) as info:
        load_yaml(path)
    text = str(info.value)
    assert "linje 2" in text and "2025-02-30" in text and "ikke en gyldig dato" in text


def test_tab_indentation_is_explained(folder):
    path = write(folder, "x.yaml", "a:\n\tb: 1\n")
    with pytest.raises(PlanError) as info:
        load_yaml(path)
    assert "tabulatortegn" in str(info.value) and "linje 2" in str(info.value)


def test_duplicate_key_is_refused(folder):
    path = write(folder, "x.yaml", "navn: a\nnavn: b\n")
    with pytest.raises(PlanError) as info:
        load_yaml(path)
    assert "«navn» står to gange" in str(info.value) and "linje 2" in str(info.value)


def test_colon_in_text_is_explained(folder):
    path = write(folder, "x.yaml", "- id: a\n  navn: Møde: status\n")
    with pytest.raises(PlanError) as info:
        load_yaml(path)
    assert "anførselstegn" in info.value.fix


def test_missing_field(folder):
    path = write(folder, "test.yaml", "- id: a\n")
    with pytest.raises(PlanError) as info:
        load_validated(path, "test")
    assert "Feltet «navn» mangler" in str(info.value) and "test.yaml, linje 1" in str(info.value)


def test_unknown_field_suggests_the_nearest(folder):
    path = write(folder, "test.yaml", "- id: a\n  navn: A\n  statuss: planlagt\n")
    with pytest.raises(PlanError) as info:
        load_validated(path, "test")
    text = str(info.value)
    assert "Ukendt felt «statuss»" in text and "linje 3" in text and "Mente du «status»" in text


def test_wrong_type_and_enum_are_reported_together(folder):
    path = write(folder, "test.yaml", "- id: a\n  navn: A\n  antal: mange\n  status: færdig\n")
    with pytest.raises(PlanError) as info:
        load_validated(path, "test")
    text = str(info.value)
    assert "Der er 2 fejl" in text
    assert "«mange» skal være et helt tal" in text and "linje 3" in text
    assert "«færdig» er ikke en tilladt værdi" in text and "linje 4" in text


def test_negative_number_and_date_type(folder):
    path = write(folder, "test.yaml", "- id: a\n  navn: A\n  antal: -1\n  dato: '2024'\n")
    with pytest.raises(PlanError) as info:
        load_validated(path, "test")
    text = str(info.value)
    assert "skal være mindst 0" in text and "skal være en dato" in text


def test_not_utf8(folder):
    path = folder / "test.yaml"
    path.write_bytes("- id: a\n  navn: Præstevangen\n".encode("cp1252"))
    with pytest.raises(PlanError) as info:
        load_yaml(path)
    assert "UTF-8" in str(info.value)


@pytest.mark.parametrize("typed", ["27/5 2025", "27.5.2025", "27-05-2025"])
def test_a_date_typed_day_first_gets_the_iso_form_suggested(folder, typed):
    path = write(folder, "test.yaml", f"- id: a\n  navn: A\n  dato: {typed}\n")
    with pytest.raises(PlanError) as info:
        load_validated(path, "test")
    assert "linje 3" in str(info.value) and "Mente du «2025-05-27»?" in str(info.value)


def test_a_date_that_does_not_exist_gets_no_guess(folder):
    path = write(folder, "test.yaml", "- id: a\n  navn: A\n  dato: 31/2 2025\n")
    with pytest.raises(PlanError) as info:
        load_validated(path, "test")
    assert "skal være en dato" in str(info.value) and "Mente du" not in str(info.value)


def test_an_invisible_character_inside_a_value_is_named_with_line_and_column(folder):
    path = write(folder, "test.yaml", "- id: a\n  navn: A\n  status: plan\u200blagt\n")
    with pytest.raises(PlanError) as info:
        load_validated(path, "test")
    text = str(info.value)
    assert "linje 3" in text and "usynligt tegn" in text and "tegn nr. 15" in text
    assert "«planlagt»" in text


def test_an_emptied_file_is_reported_in_that_file(folder):
    path = write(folder, "test.yaml", "# kun en kommentar\n")
    with pytest.raises(PlanError) as info:
        load_validated(path, "test")
    assert "test.yaml: Filen er tom" in str(info.value)


@pytest.mark.parametrize("text", ["- id: a\n  navn: A\n  kode: a b\n", "[]\n"])
def test_every_schema_violation_says_what_to_do(tmp_path, text):
    """A rule without its own «fejlbesked» (a pattern, a list's minimum) still gets a fix."""
    write(tmp_path, "schemas/test.schema.yaml", SCHEMA.replace("type: array\n", "type: array\nminItems: 1\n", 1)
          .replace("    status:", "    kode: {type: string, pattern: '^[a-z]+$'}\n    status:"))
    path = write(tmp_path, "test.yaml", text)
    with pytest.raises(PlanError) as info:
        load_validated(path, "test")
    assert "Sådan retter du det: " in str(info.value)
