"""Random realistic damage to every data file is either harmless or refused in Danish.

Property-based (hypothesis): a valid project is copied once; each example takes one
data file (YAML or CSV, not the schemas), damages it the way a staff member could
(a value of the wrong type, a removed field, an unknown id, a stray character, a
file cut off, an entry copied twice), runs ``scripts/validate.py``'s ``main`` in this
process and restores the file. Validation must then either accept the data, or exit
non-zero with a Danish message that names the damaged file (or, when the damage
removed something other files refer to, the file that refers to it), with a fix,
and without a traceback. The examples are derandomised, so CI runs the same ones.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, TEST_TODAY, copy_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import macros.core.errors

DATA_FILES = sorted(
    p.relative_to(ROOT).as_posix()
    for p in (ROOT / "data").rglob("*")
    if p.suffix in {".yaml", ".csv"} and "schemas" not in p.parts
)
KINDS = ("wrong type", "removed key", "unknown id", "stray character", "truncated", "duplicated entry")

#: Values of another type than the one a field usually holds.
WRONG_VALUES = ("[a, b]", "{felt: 1}", "42", "NO", "2025-13-45", "60.000", "''", "ja tak: nej")
#: Characters that get into files by accident: from Word, a web page, a bad merge, a slip.
STRAYS = ('"', "'", ":", "\t", "\u00a0", "\u200b", "\u201c", "{", "[", "#", "- ", "&", "*", ";", ",",
          "\n<<<<<<< HEAD\n", "\n", "x")
UNKNOWN_ID = "findes-ikke"

#: A traceback or an untranslated Python error reached the user.
LEAKS = (
    re.compile(r"Traceback \(most recent call last\)"),
    re.compile(r'^\s*File "[^"]+", line \d+', re.MULTILINE),
    re.compile(r"^\w+(Error|Exception): ", re.MULTILINE),
)

_FIELD = re.compile(r"^(?P<lead>\s*(?:- )?)(?P<key>[a-z_]+):(?P<value> .+)?$")
_ID_VALUE = re.compile(r"^(?P<lead>.*?(?:: |- |\[))(?P<id>[a-z][a-z0-9]*(?:-[a-z0-9]+)+|[a-z]{3,})(?P<rest>[\],]?.*)$")
_ITEM = re.compile(r"^(?P<indent>\s*)- ")


@dataclass(frozen=True)
class Damage:
    file: str
    kind: str
    pick: int  # which line, cell or position
    value: str  # the wrong value or stray character

    def apply(self, text: str) -> str:
        if self.file.endswith(".csv"):
            damaged = _damage_csv(text, self)
        else:
            damaged = _damage_yaml(text, self)
        return damaged if damaged is not None and damaged != text else _stray(text, self)


def _stray(text: str, damage: Damage) -> str:
    position = damage.pick % (len(text) + 1)
    return text[:position] + damage.value + text[position:]


def _chosen(lines: list[str], pattern: re.Pattern, pick: int) -> int | None:
    candidates = [n for n, line in enumerate(lines) if pattern.match(line) and not line.lstrip().startswith("#")]
    return candidates[pick % len(candidates)] if candidates else None


def _damage_yaml(text: str, damage: Damage) -> str | None:
    lines = text.split("\n")
    if damage.kind == "truncated":
        return text[: damage.pick % max(len(text), 1)]
    if damage.kind == "stray character":
        return None
    if damage.kind == "duplicated entry":
        start = _chosen(lines, _ITEM, damage.pick)
        if start is None:
            return None
        indent = len(_ITEM.match(lines[start]).group("indent"))
        end = start + 1
        while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) > indent:
            end += 1
        return "\n".join(lines[:end] + lines[start:end] + lines[end:])
    pattern = _ID_VALUE if damage.kind == "unknown id" else _FIELD
    number = _chosen(lines, pattern, damage.pick)
    if number is None:
        return None
    line = lines[number]
    if damage.kind == "removed key":
        match = _FIELD.match(line)
        lines[number] = match.group("lead") if match.group("lead").endswith("- ") else None
    elif damage.kind == "unknown id":
        match = _ID_VALUE.match(line)
        lines[number] = match.group("lead") + UNKNOWN_ID + match.group("rest")
    else:  # wrong type
        match = _FIELD.match(line)
        lines[number] = f"{match.group('lead')}{match.group('key')}: {damage.value}"
    return "\n".join(line for line in lines if line is not None)


def _damage_csv(text: str, damage: Damage) -> str | None:
    lines = text.split("\n")
    separator = ";" if ";" in lines[0] else ","
    rows = [n for n, line in enumerate(lines) if line.strip()]
    if damage.kind == "truncated":
        return text[: damage.pick % max(len(text), 1)]
    if damage.kind == "stray character" or len(rows) < 2:
        return None
    number = rows[1:][damage.pick % (len(rows) - 1)]
    cells = lines[number].rstrip("\r").split(separator)
    if damage.kind == "duplicated entry":
        lines.insert(number, lines[number])
    elif damage.kind == "removed key":
        del cells[damage.pick % len(cells)]
        lines[number] = separator.join(cells)
    elif damage.kind == "unknown id":
        cells[0] = UNKNOWN_ID
        lines[number] = separator.join(cells)
    else:  # wrong type: a value cell that is not a number
        cells[-1 if len(cells) < 4 else 3] = "mange"
        lines[number] = separator.join(cells)
    return "\n".join(lines)


damages = st.builds(
    Damage,
    file=st.sampled_from(DATA_FILES),
    kind=st.sampled_from(KINDS),
    pick=st.integers(min_value=0, max_value=100_000),
    value=st.sampled_from(WRONG_VALUES + STRAYS),
)


class Project:
    """One valid copy of the project; validation of its data in this process."""

    def __init__(self, root: Path):
        self.root = root
        copy_project(root, ("data", "docs", "mkdocs.yml"))
        spec = importlib.util.spec_from_file_location("mutation_validate", ROOT / "scripts" / "validate.py")
        self.script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(self.script)

    def validate(self) -> tuple[int, str]:
        out, err = io.StringIO(), io.StringIO()
        saved = macros.core.errors.REPO_ROOT
        macros.core.errors.REPO_ROOT = self.root
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = self.script.main(self.root / "data")
        except Exception as exc:  # noqa: BLE001 - any escape is a traceback the user would see
            return 1, f"Traceback (most recent call last):\n{type(exc).__name__}: {exc}\n"
        finally:
            macros.core.errors.REPO_ROOT = saved
        return code, out.getvalue() + err.getvalue()


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    saved = os.environ.get("PLAN_TODAY")
    os.environ["PLAN_TODAY"] = TEST_TODAY
    try:
        copy = Project(tmp_path_factory.mktemp("mutations") / "project")
        assert copy.validate()[0] == 0, "the undamaged copy must be valid"
        yield copy
    finally:
        if saved is None:
            os.environ.pop("PLAN_TODAY", None)
        else:
            os.environ["PLAN_TODAY"] = saved


def _named_files(message: str) -> set[str]:
    return set(re.findall(r"Fejl i ([^,:\s]+)", message))


@settings(max_examples=30, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(damage=damages)
def test_damaged_data_is_accepted_or_refused_in_danish_naming_the_file(project, damage):
    path = project.root / damage.file
    original = path.read_bytes()
    bom = original.startswith(b"\xef\xbb\xbf")
    try:
        damaged = damage.apply(original.decode("utf-8-sig"))
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + damaged.encode("utf-8"))
        code, output = project.validate()
    finally:
        path.write_bytes(original)
    shown = f"\n--- {damage} ---\n{output}"
    for leak in LEAKS:
        assert not leak.search(output), "technical output reached the user" + shown
    if code == 0:
        assert "Data er i orden" in output, shown
        return
    assert "Fejl i " in output and "Sådan retter du det" in output, "no Danish message with a fix" + shown
    named = _named_files(output)
    referred = "Ukendt" in output or "findes ikke" in output or "ingen poster" in output
    assert damage.file in named or (referred and named), f"the message does not name {damage.file}" + shown


def test_every_kind_of_damage_changes_a_file_of_each_format():
    """The damage itself can fail: each kind changes a YAML and a CSV file."""
    for file in ("data/milepaele.yaml", "data/maalinger/frivillige.csv"):
        text = (ROOT / file).read_text(encoding="utf-8-sig")
        for kind in KINDS:
            assert Damage(file, kind, 7, "x").apply(text) != text, (file, kind)
