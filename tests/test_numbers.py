"""Numbers are exact or refused: no amount or count can be misread.

YAML reads ``60.000`` as 60.0 and JSON Schema calls 60.0 an integer, so a
Danish thousands point would silently make sixty thousand kroner sixty. Every
numeric field of every schema is therefore either ``type: integer`` (only a
whole number typed as one) or ``type: number`` with ``kommatal: true`` (a
share or a rate, where a number typed with thousands points is refused).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from macros.core.errors import PlanError
from macros.core.yamlio import load_yaml, validate

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = sorted((ROOT / "data" / "schemas").glob("*.schema.yaml"))


def _numeric_fields(node, path=""):
    """(path, sub-schema) of every sub-schema whose type is numeric."""
    if isinstance(node, dict):
        types = node.get("type")
        types = types if isinstance(types, list) else [types]
        if {"number", "integer"} & {t for t in types if isinstance(t, str)}:
            yield path, node
        for key, value in node.items():
            yield from _numeric_fields(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _numeric_fields(value, f"{path}/{index}")


def test_the_schemas_have_numeric_fields():
    assert sum(1 for s in SCHEMAS for _ in _numeric_fields(load_yaml(s))) >= 25


@pytest.mark.parametrize("schema", SCHEMAS, ids=[s.name for s in SCHEMAS])
def test_every_numeric_field_is_whole_or_says_it_takes_decimals(schema):
    wrong = [
        path for path, sub in _numeric_fields(load_yaml(schema))
        if "number" in (sub["type"] if isinstance(sub["type"], list) else [sub["type"]]) and sub.get("kommatal") is not True
    ]
    assert not wrong, (f"{schema.name}: numeric fields {wrong} must be «type: integer» (an amount, a count) "
                       "or «type: number» with «kommatal: true» (a share, a rate)")


def _problem(tmp_path, text: str, schema: dict) -> PlanError:
    (tmp_path / "schemas").mkdir(exist_ok=True)
    schema_file = tmp_path / "schemas" / "t.schema.yaml"
    schema_file.write_text(yaml.safe_dump(schema), encoding="utf-8")
    data_file = tmp_path / "t.yaml"
    data_file.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        validate(load_yaml(data_file), schema_file, data_file)
    return caught.value


AMOUNT = {"type": "object", "properties": {"beloeb": {"type": "integer"}}}
SHARE = {"type": "object", "properties": {"andel": {"type": "number", "kommatal": True}}}


@pytest.mark.parametrize("typed, fix", [
    ("60.000", "Skriv 60000 uden punktum"),
    ("1.200.000", "Skriv 1200000 uden punktum"),
    ('"1.200.000"', "Skriv 1200000 uden punktum"),
    ("450.000 kr.", "Skriv 450000 uden punktum"),
    ("60.5", "helt tal"),
    ("60.0", "helt tal"),
])
def test_an_amount_that_is_not_a_whole_number_is_refused_as_typed(tmp_path, typed, fix):
    error = _problem(tmp_path, f"beloeb: {typed}\n", AMOUNT)
    shown = typed.strip('"')
    assert f"«{shown}»" in error.format(), error.format()
    assert fix in error.format()


def test_a_share_typed_with_thousands_points_is_refused(tmp_path):
    error = _problem(tmp_path, "andel: 5.593\n", SHARE)
    assert "«5.593»" in error.format() and "Skriv 5593 uden punktum" in error.format()


@pytest.mark.parametrize("typed", ["42.5", "0.270", "31.6", "2"])
def test_ordinary_decimals_pass(tmp_path, typed):
    data_file = tmp_path / "t.yaml"
    data_file.write_text(f"andel: {typed}\n", encoding="utf-8")
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "t.schema.yaml").write_text(yaml.safe_dump(SHARE), encoding="utf-8")
    validate(load_yaml(data_file), tmp_path / "schemas" / "t.schema.yaml", data_file)


def test_a_yaml_boolean_where_text_is_expected_is_shown_as_typed(tmp_path):
    error = _problem(tmp_path, "navn: NO\n", {"type": "object", "properties": {"navn": {"type": "string"}}})
    assert "«NO»" in error.format() and '"NO"' in error.format(), error.format()
    assert "False" not in error.format()
