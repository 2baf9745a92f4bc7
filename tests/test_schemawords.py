"""The schemas' own keywords (macros/core/schemawords.py): findes_i, unikke and
the shared definitions in data/schemas/faelles.schema.yaml."""

from pathlib import Path

import pytest

from macros.core.errors import PlanError
from macros.core.schemawords import KnownIds
from macros.core.yamlio import load_validated, load_yaml

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_SCHEMAS = ROOT / "data" / "schemas"

COMMON = """
$schema: https://json-schema.org/draft/2020-12/schema
$defs:
  id:
    type: string
    pattern: "^[a-z0-9]+(-[a-z0-9]+)*$"
    fejlbesked: "Et id skrives med små bogstaver."
  part:
    $ref: "#/$defs/id"
    findes_i: {liste: parter, navne: [navn]}
    kaldes: part
"""

SCHEMA = """
$schema: https://json-schema.org/draft/2020-12/schema
type: array
unikke: id
kaldes: en milepæl
items:
  type: object
  properties:
    id: {$ref: "faelles.schema.yaml#/$defs/id"}
    ansvarlige:
      type: array
      items: {$ref: "faelles.schema.yaml#/$defs/part"}
    boligorganisation:
      type: string
      findes_i: {liste: parter, hvor: {type: boligorganisation}}
      kaldes: boligorganisation
    se_ogsaa:
      type: array
      items: {type: string, findes_i: "#", kaldes: milepæl}
"""

PARTIES = {
    "bestyrelsen": {"type": "organ", "navn": "Bestyrelsen"},
    "sb": {"type": "boligorganisation", "navn": "Slagelse Boligselskab"},
}


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "faelles.schema.yaml").write_text(COMMON, encoding="utf-8")
    (tmp_path / "schemas" / "test.schema.yaml").write_text(SCHEMA, encoding="utf-8")
    return tmp_path


def refused(folder: Path, text: str, known: KnownIds | None = None) -> str:
    path = folder / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_validated(path, "test", known or KnownIds().with_ids("parter", PARTIES))
    return str(info.value)


def accepted(folder: Path, text: str, known: KnownIds | None = None):
    path = folder / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return load_validated(path, "test", known or KnownIds().with_ids("parter", PARTIES))


def test_known_references_are_accepted(folder):
    data = accepted(folder, "- id: a\n  ansvarlige: [bestyrelsen, sb]\n  boligorganisation: sb\n  se_ogsaa: [b]\n- id: b\n")
    assert data[0]["ansvarlige"] == ["bestyrelsen", "sb"]


def test_unknown_reference_is_named_in_danish_at_its_line_and_field(folder):
    message = refused(folder, "- id: a\n  ansvarlige:\n    - bestyrelsen\n    - bestyrelse\n")
    assert "x.yaml, linje 4, kolonne/felt «ansvarlige»: Ukendt part «bestyrelse»." in message
    assert "Mente du «bestyrelsen»? Kendte værdier: bestyrelsen, sb." in message


def test_a_party_written_by_name_gets_its_id_suggested(folder):
    message = refused(folder, "- id: a\n  ansvarlige: [Slagelse Boligselskab]\n")
    assert "Ukendt part «Slagelse Boligselskab»." in message and "Mente du «sb» (Slagelse Boligselskab)?" in message


def test_a_filter_limits_the_known_ids(folder):
    message = refused(folder, "- id: a\n  boligorganisation: bestyrelsen\n")
    assert "linje 2" in message and "Ukendt boligorganisation «bestyrelsen»." in message
    assert "Brug en af disse værdier: sb." in message  # only sb is a housing organisation


def test_a_reference_within_the_same_file(folder):
    message = refused(folder, "- id: a\n  se_ogsaa: [c]\n- id: b\n")
    assert "linje 2" in message and "Ukendt milepæl «c»." in message and "a, b" in message


def test_an_id_set_given_as_none_is_not_checked(folder):
    accepted(folder, "- id: a\n  ansvarlige: [hvem-som-helst]\n", KnownIds().with_ids("parter", None))


def test_an_id_set_the_loader_forgot_is_a_programming_error(folder):
    path = folder / "x.yaml"
    path.write_text("- id: a\n  ansvarlige: [sb]\n", encoding="utf-8")
    with pytest.raises(LookupError, match="parter"):
        load_validated(path, "test", KnownIds())


def test_duplicate_id_names_both_lines(folder):
    message = refused(folder, "- id: a\n- id: b\n\n- id: a\n")
    assert "x.yaml, linje 4, kolonne/felt «id»: En milepæl med id «a» findes allerede (linje 1)." in message


def test_the_common_id_definition_is_used_through_ref(folder):
    message = refused(folder, "- id: Æble\n")
    assert "«Æble» har ikke den rigtige form" in message and "Et id skrives med små bogstaver." in message


def test_a_wrongly_formed_reference_is_reported_once(folder):
    message = refused(folder, "- id: a\n  ansvarlige: [Q+]\n")
    assert "har ikke den rigtige form" in message and "Ukendt part" not in message


def test_no_shipped_schema_copies_the_id_rule():
    """The id rule lives in faelles.schema.yaml only; the others use $ref."""
    copies = [
        p.name
        for p in SHIPPED_SCHEMAS.glob("*.schema.yaml")
        if p.name != "faelles.schema.yaml" and "^[a-z0-9]+(-[a-z0-9]+)*$" in p.read_text(encoding="utf-8")
    ]
    assert copies == []
    assert "faelles.schema.yaml#/$defs/id" in (SHIPPED_SCHEMAS / "parter.schema.yaml").read_text(encoding="utf-8")


def _keyword_values(node, name):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == name:
                yield value
            yield from _keyword_values(value, name)
    elif isinstance(node, list):
        for item in node:
            yield from _keyword_values(item, name)


def test_every_shipped_reference_names_a_set_and_says_what_it_is():
    sets = set()
    for path in SHIPPED_SCHEMAS.glob("*.schema.yaml"):
        for value in _keyword_values(load_yaml(path), "findes_i"):
            lists = value["liste"] if isinstance(value, dict) else value
            sets.update([lists] if isinstance(lists, str) else lists)
    assert {"kilder", "parter", "boligomraader", "beslutninger", "#/niveauer"} <= sets


# --- compound keys, worded by the schema ---------------------------------------------------


def _duplicate_line(data_copy: Path, name: str, anchor: str) -> tuple[Path, int]:
    """Repeat the block that starts with *anchor* at the end of its list; return the file and the new line."""
    path = data_copy / name
    text = path.read_text(encoding="utf-8")
    start = text.index(anchor)
    end = text.find("\n  - ", start + 1)
    block = text[start:end if end != -1 else len(text)].rstrip("\n") + "\n"
    insert_at = end + 1 if end != -1 else len(text)
    # Insert the copy right after the original block.
    new = text[:insert_at] + block + text[insert_at:]
    path.write_text(new, encoding="utf-8")
    return path, new[:insert_at].count("\n") + 1


@pytest.mark.parametrize("name, anchor, wording", [
    ("oekonomi/budget.yaml", "  - aar: 2026\n", "Der er allerede en post for"),
    ("lbf-krav.yaml", "  - fase: ", "står allerede i filen"),
])
def test_a_repeated_compound_key_is_refused_in_the_files_own_words(data_copy, name, anchor, wording):
    from macros.plan import load_plan

    path, line = _duplicate_line(data_copy, name, anchor)
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    message = str(info.value)
    assert f"{path.name}, linje {line}" in message, message
    assert wording in message and "(linje " in message


def test_the_long_form_of_unikke_words_the_message(folder):
    schema = folder / "schemas" / "test.schema.yaml"
    schema.write_text(
        "type: array\nunikke:\n  felter: [aar, part]\n  besked: 'Der er allerede en post for {part} i {aar}'\n"
        "  ret: 'Læg dem sammen.'\nitems: {type: object}\n",
        encoding="utf-8",
    )
    message = refused(folder, "- aar: 2026\n  part: sb\n- aar: 2026\n  part: fob\n- aar: 2026\n  part: sb\n")
    assert "linje 5, kolonne/felt «aar»: Der er allerede en post for sb i 2026 (linje 1)." in message
    assert "Læg dem sammen." in message


MUNICIPAL_PARTIES = {
    "slagelse-kommune": {"type": "kommune", "navn": "Slagelse Kommune", "kort_navn": "SK"},
    "byraadet": {"type": "politisk", "navn": "Byrådet i Slagelse Kommune", "kort_navn": "Byrådet"},
    "sb": {"type": "boligorganisation", "navn": "Slagelse Boligselskab", "kort_navn": "SB"},
    "boligorganisationerne": {"type": "organ", "navn": "Boligorganisationerne (Slagelse Boligselskab og FOB)"},
}


@pytest.mark.parametrize(
    "typed, meant",
    [("kommunen", "slagelse-kommune"), ("boligselskabet", "sb"), ("Slagelse kommunes", "slagelse-kommune"), ("Kommunen", "slagelse-kommune")],
)
def test_an_unknown_id_is_matched_on_words_of_the_id_and_the_names(folder, typed, meant):
    """«kommunen» is no typo of an id and no name, but names one item word by word."""
    message = refused(folder, f"- id: a\n  ansvarlige: [{typed}]\n", KnownIds().with_ids("parter", MUNICIPAL_PARTIES))
    assert f"Ukendt part «{typed}»." in message
    assert f"Mente du «{meant}»" in message


def test_a_value_that_names_nothing_gets_the_list_and_no_guess(folder):
    message = refused(folder, "- id: a\n  ansvarlige: [vandvaerket]\n", KnownIds().with_ids("parter", MUNICIPAL_PARTIES))
    assert "Mente du" not in message and "Brug en af disse værdier: boligorganisationerne, byraadet" in message


def test_a_reference_to_an_empty_set_names_the_file_it_comes_from(folder):
    """No «use one of these values: .» with nothing after it: the referenced file is empty."""
    message = refused(folder, "- id: a\n  ansvarlige: [sb]\n", KnownIds().with_ids("parter", {}))
    assert "Ukendt part «sb»." in message and "parter.yaml har ingen poster" in message
    assert "Brug en af disse værdier" not in message


def test_references_to_named_collections_declare_their_names():
    """Every reference to a collection whose items have a name says so (``navne``), so an
    unknown value written as a name, or word by word, gets its id suggested."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in SHIPPED_SCHEMAS.glob("*.schema.yaml"))
    for collection in ("parter", "kilder", "boligomraader", "beslutninger", "indsatsomraader"):
        assert f"findes_i: {collection}" not in text, f"a reference to {collection} without navne"
        assert f"liste: {collection}, navne:" in text or f"liste: [{collection}" in text
