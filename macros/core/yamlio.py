"""Read YAML data files with line numbers, and validate them against schemas.

Staff edit the YAML files in the GitHub web editor. When something is wrong,
the message must name the line. PyYAML forgets line numbers once a document is
turned into Python objects, so this loader returns :class:`LineDict` and
:class:`LineList` objects that remember where each key and item stood.

Schemas are JSON Schema documents written in YAML in ``data/schemas/``. Their
violations are translated into Danish messages here; a schema may add a
``fejlbesked`` (Danish fix hint) to any sub-schema. Shared definitions live in
``faelles.schema.yaml`` (``$ref: "faelles.schema.yaml#/$defs/id"``); references
between files and unique keys are the keywords of :mod:`macros.core.schemawords`.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import referencing
import referencing.jsonschema
import yaml

from macros.core import danish
from macros.core.errors import Location, PlanError, PlanErrors, suggest
from macros.core.filememo import FileMemo
from macros.core.schemawords import REFERENCE, Explained, KnownIds, keywords

SCHEMA_DIR_NAME = "schemas"


class LineDict(dict):
    """A dict that remembers the line of itself and of each key (1-based),
    and each plain value as it was typed (``NO``, ``60.000``)."""

    line: int | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_lines: dict[Any, int] = {}
        self.typed: dict[Any, str] = {}

    def line_of(self, key: Any) -> int | None:
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A list that remembers the line of itself and of each item (1-based)."""

    line: int | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.item_lines: list[int] = []
        self.typed: dict[int, str] = {}

    def line_of(self, index: int) -> int | None:
        if 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


class YamlFloat(float):
    """A decimal number that remembers how it was typed: ``60.000`` is 60.0 to
    YAML, but a Dane meant sixty thousand."""

    text: str = ""

    def __new__(cls, value: float, text: str = ""):
        number = super().__new__(cls, value)
        number.text = text
        return number

    def __reduce__(self):
        return (YamlFloat, (float(self), self.text))


#: A number typed with Danish thousands points (``60.000``, ``1.200.000``).
THOUSANDS_POINT = re.compile(r"^[+-]?[1-9]\d{0,2}(\.\d{3})+$")


def typed_text(value: Any) -> str | None:
    """How a decimal number was typed, when known."""
    return value.text if isinstance(value, YamlFloat) else None


class _DuplicateKey(Exception):
    def __init__(self, key: Any, line: int):
        self.key, self.line = key, line


class _BadScalar(Exception):
    def __init__(self, value: str, line: int, reason: str):
        self.value, self.line, self.reason = value, line, reason


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps line numbers and refuses duplicate keys."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key_line = key_node.start_mark.line + 1
        if key in result:
            raise _DuplicateKey(key, key_line)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_line
        if isinstance(value_node, yaml.ScalarNode) and not value_node.style:
            result.typed[key] = value_node.value
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList()
    result.line = node.start_mark.line + 1
    for item in node.value:
        if isinstance(item, yaml.ScalarNode) and not item.style:
            result.typed[len(result)] = item.value
        result.append(loader.construct_object(item, deep=True))
        result.item_lines.append(item.start_mark.line + 1)
    return result


def _construct_float(loader: _Loader, node: yaml.ScalarNode) -> YamlFloat:
    return YamlFloat(yaml.SafeLoader.construct_yaml_float(loader, node), node.value)


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise _BadScalar(node.value, node.start_mark.line + 1, str(exc)) from None


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same loader on libyaml (several times faster), for files that parse. A file
    that does not is read again with :class:`_Loader`, whose messages the Danish
    syntax hints are written for."""

    yaml_constructors = dict(_Loader.yaml_constructors)


# --- YAML syntax errors in Danish -------------------------------------------------

_SYNTAX_HINTS: list[tuple[str, str, str]] = [
    (
        r"found character '\\t'",
        "Filen indeholder et tabulatortegn (tab). YAML tillader kun mellemrum til indrykning.",
        "Erstat tabulatortegnet med mellemrum (brug samme antal mellemrum som linjerne omkring).",
    ),
    (
        r"mapping values are not allowed here",
        "Der står et kolon («:») et sted, hvor YAML ikke forventer et nyt felt.",
        "Sæt teksten i anførselstegn, hvis den selv indeholder «: », "
        "fx  aktivitet: \"Møde: status\".  Tjek også indrykningen.",
    ),
    (
        r"could not find expected ':'",
        "Et felt mangler sit kolon, eller en tekst er delt over flere linjer.",
        "Skriv felter som «navn: værdi», og sæt lange tekster i anførselstegn.",
    ),
    (
        r"did not find expected key|expected <block end>",
        "Indrykningen passer ikke: en linje står længere inde eller ude end de andre i samme blok.",
        "Ret indrykningen, så felter i samme blok står lige under hinanden (brug mellemrum).",
    ),
    (
        r"did not find expected '-' indicator",
        "Et punkt i en liste står forkert indrykket.",
        "Start hvert punkt i listen med «- » i samme kolonne.",
    ),
    (
        r"found unexpected end of stream|while scanning a quoted scalar",
        "Et anførselstegn er åbnet men ikke lukket.",
        "Luk anførselstegnet på samme linje, eller fjern det.",
    ),
    (
        r"found undefined alias|found unhashable key",
        "Filen bruger et YAML-tegn («*», «&», «{» eller «[») på en måde, der ikke kan læses.",
        "Sæt værdien i anførselstegn.",
    ),
]


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _misindented(source: str | None, line: int | None) -> bool:
    """True when *line* is indented deeper than the field line before it (a stray space)."""
    if not source or not line:
        return False
    lines = source.splitlines()
    if line > len(lines) or line < 2:
        return False
    current = lines[line - 1]
    before = [t for t in lines[: line - 1] if t.strip() and not t.lstrip().startswith("#")]
    if not before or not current.strip():
        return False
    previous = before[-1]
    opens_block = previous.rstrip().endswith(":") or previous.lstrip().startswith("- ")
    return _indent(current) > _indent(previous) and not opens_block and ":" in current


def _syntax_error(path: Path, exc: yaml.YAMLError, source: str | None = None) -> PlanError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if "quoted scalar" in str(getattr(exc, "context", "") or "") and getattr(exc, "context_mark", None):
        mark = exc.context_mark  # where the quote was opened, not where the file ended
    line = mark.line + 1 if mark is not None else None
    technical = " ".join(str(getattr(exc, "problem", "") or exc).split())
    if "mapping values are not allowed" in str(exc) and _misindented(source, line):
        return PlanError(
            Location(path, line=line),
            "Indrykningen passer ikke: linjen står længere inde end linjen over den.",
            "Ret indrykningen, så felter i samme blok står lige under hinanden (brug mellemrum).",
        )
    for pattern, problem, fix in _SYNTAX_HINTS:
        if re.search(pattern, str(exc)):
            return PlanError(Location(path, line=line), problem, fix)
    return PlanError(
        Location(path, line=line),
        f"Filen kan ikke læses som YAML (teknisk besked: {technical}).",
        "Sammenlign linjen med linjerne omkring den: indrykning med mellemrum, "
        "«navn: værdi», lister med «- ».",
    )


#: Lines left by a merge conflict that was not resolved.
_CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7})(\s|$)", re.MULTILINE)

#: Characters pasted from Word or a web page that look like ordinary ones (or like nothing).
_LOOKALIKES = {
    "\u00a0": ("et hårdt mellemrum (fra Word eller en webside)", "Slet tegnet, og skriv et almindeligt mellemrum."),
    "\u200b": ("et usynligt tegn (nulbredde-mellemrum)", "Slet tegnet: stil markøren lige før og tryk Delete."),
    "\u200c": ("et usynligt tegn (nulbredde-skilletegn)", "Slet tegnet: stil markøren lige før og tryk Delete."),
    "\u200d": ("et usynligt tegn (nulbredde-bindetegn)", "Slet tegnet: stil markøren lige før og tryk Delete."),
    "\u2060": ("et usynligt tegn (ordbinder)", "Slet tegnet: stil markøren lige før og tryk Delete."),
    "\ufeff": ("et usynligt tegn (BOM midt i filen)", "Slet tegnet: stil markøren lige før og tryk Delete."),
    "\u201c": ("et krøllet anførselstegn «“» (fra Word)", 'Skriv et lige anførselstegn " i stedet.'),
    "\u201d": ("et krøllet anførselstegn «”» (fra Word)", 'Skriv et lige anførselstegn " i stedet.'),
    "\u201e": ("et krøllet anførselstegn «„» (fra Word)", 'Skriv et lige anførselstegn " i stedet.'),
    "\u2018": ("et krøllet apostrof «‘» (fra Word)", "Skriv en lige apostrof ' i stedet."),
    "\u2019": ("et krøllet apostrof «’» (fra Word)", "Skriv en lige apostrof ' i stedet."),
}


#: The look-alikes that show as nothing at all (the others look like an ordinary character).
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


def _structure_problems(path: Path, text: str) -> list[PlanError]:
    """Merge-conflict markers, and look-alike characters outside comments and quoted
    texts, found before YAML gives them a misleading name."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if _CONFLICT_MARKER.match(line):
            problems.append(PlanError(
                Location(path, line=number),
                f"Linjen «{line.strip()[:40]}» er en markering fra en fletning, der ikke er gjort færdig "
                "(en «merge conflict»): to versioner af filen står oven i hinanden.",
                "Vælg den rigtige version mellem «<<<<<<<», «=======» og «>>>>>>>», og slet de tre "
                "markeringslinjer og den version, der ikke skal bruges.",
            ))
            continue
        code = _code_part(line)
        for column, char in enumerate(code, start=1):
            if char in _LOOKALIKES and not _inside_text(code, column):
                what, fix = _LOOKALIKES[char]
                problems.append(PlanError(
                    Location(path, line=number, column=f"tegn {column}"),
                    f"Linjen indeholder {what} i tegn nr. {column}. Det ligner et almindeligt tegn, men YAML læser det "
                    "ikke som et.",
                    fix,
                ))
                break
    return problems


def _code_part(line: str) -> str:
    """The line without a trailing comment (a «#» after a space, outside quotes)."""
    quote = None
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return line[:index]
    return line


def _inside_text(code: str, column: int) -> bool:
    """True when the character at *column* stands inside a value's text, where YAML
    reads it as part of the text (after «navn: » or «- » and at least one other character)."""
    before = code[: column - 1].lstrip(" ")
    item = before.startswith("- ")
    if item:
        before = before[2:]
    if ": " in before:
        value = before.split(": ", 1)[1]
    elif item and ":" not in before:
        value = before
    else:
        return False  # in the field name or right after its colon
    value = value.strip()
    return bool(value) and value[0] not in "\u201c\u201d\u201e\u2018\u2019"


#: Files already parsed (only while the live preview, macros/preview.py, loads the plan).
_PARSED = FileMemo("plan_parsed_yaml")
#: Within the block, a YAML file unchanged since it was parsed into the given dictionary
#: is not parsed again (a copy of the earlier result is returned).
reusing = _PARSED.reusing


def load_yaml(path: Path) -> Any:
    """Load one YAML file, keeping line numbers. Raises :class:`PlanError`."""
    return _PARSED.read(Path(path), _parse, share=copy.deepcopy)


def _parse(path: Path) -> Any:
    if not path.exists():
        raise PlanError(path, "Filen findes ikke.", "Opret filen eller ret stien i konfigurationen.")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise PlanError(
            path,
            "Filen er ikke gemt som UTF-8, så danske bogstaver kan ikke læses.",
            "Gem filen igen med tegnsættet UTF-8 (i GitHubs web-editor sker det automatisk).",
        ) from None
    structure = _structure_problems(path, text)
    if structure:
        raise PlanErrors(structure)
    try:
        try:
            return yaml.load(text, Loader=_FastLoader)  # noqa: S506 - a SafeLoader
        except yaml.YAMLError:
            return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except _DuplicateKey as exc:
        raise PlanError(
            Location(path, line=exc.line),
            f"Feltet «{exc.key}» står to gange i samme blok.",
            "Slet den ene forekomst, eller giv den et andet navn. "
            "Starter et nyt punkt i en liste, så skal linjen begynde med «- ».",
        ) from None
    except _BadScalar as exc:
        raise PlanError(
            Location(path, line=exc.line),
            f"«{exc.value}» er ikke en gyldig dato ({_danish_date_reason(exc.reason)}).",
            "Skriv datoen som ÅÅÅÅ-MM-DD med en dag, der findes i kalenderen, fx 2025-03-31.",
        ) from None
    except yaml.YAMLError as exc:
        raise _syntax_error(path, exc, text) from None


def _danish_date_reason(reason: str) -> str:
    if "day is out of range" in reason:
        return "dagen findes ikke i den måned"
    if "month must be in" in reason:
        return "måneden skal være 1–12"
    return "datoen findes ikke"


# --- schema validation --------------------------------------------------------------


def _is_date(_checker, value) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _is_integer(_checker, value) -> bool:
    """Only a whole number typed as one: JSON Schema would take 60.0 (``60.000``) too."""
    return isinstance(value, int) and not isinstance(value, bool)


_TYPE_CHECKER = jsonschema.Draft202012Validator.TYPE_CHECKER.redefine_many(
    {"date": _is_date, "integer": _is_integer}
)
_Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, type_checker=_TYPE_CHECKER)

_TYPE_NAMES = {
    "string": "en tekst",
    "integer": "et helt tal",
    "number": "et tal",
    "boolean": "ja/nej (true/false)",
    "array": "en liste (linjer der starter med «- »)",
    "object": "en blok af felter («navn: værdi»)",
    "date": "en dato (ÅÅÅÅ-MM-DD)",
    "null": "tom",
}


@lru_cache(maxsize=None)
def load_schema(schema_path: Path) -> dict:
    """Load a schema file (cached: schemas do not change during a build).

    The schemas use one type beyond JSON Schema's, ``date`` (a YAML date), so
    they are not checked against the official meta-schema; the test suite
    validates every shipped data file against its schema instead.
    """
    return load_yaml(schema_path)


@lru_cache(maxsize=None)
def schema_registry(schema_dir: Path) -> referencing.Registry:
    """Every schema in *schema_dir*, by file name, so ``$ref`` can name another file."""
    resources = [
        (path.name, referencing.Resource.from_contents(load_schema(path), referencing.jsonschema.DRAFT202012))
        for path in sorted(Path(schema_dir).glob("*.schema.yaml"))
    ]
    return referencing.Registry().with_resources(resources).crawl()


def line_at(data: Any, path: list) -> int | None:
    """Line of the element reached by following *path* (keys/indices) into *data*."""
    line = getattr(data, "line", None)
    node = data
    for step in path:
        if isinstance(node, (LineDict, LineList)):
            line = node.line_of(step) or line
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
    return line


def _field_name(path: list) -> str | None:
    names = [str(p) for p in path if isinstance(p, str)]
    return names[-1] if names else None


def typed_at(data: Any, path: list) -> str | None:
    """The plain value at *path* exactly as it was typed in the file, when known."""
    node = data
    for step in path[:-1]:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return getattr(node, "typed", {}).get(path[-1]) if path else None


def _show(value: Any, typed: str | None = None) -> str:
    if typed is not None and isinstance(value, (bool, float)):
        return typed
    if isinstance(value, YamlFloat):
        return value.text
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return "(tom)"
    if isinstance(value, (dict, list)):
        return "(en blok)" if isinstance(value, dict) else "(en liste)"
    return str(value)


def whole_number_fix(shown: str) -> str | None:
    """«skriv 60000 uden punktum» for an amount typed with thousands points (or a unit)."""
    text = shown.strip().lower().removesuffix("kr.").removesuffix("kr").strip().replace(" ", "").replace("\u00a0", "")
    if THOUSANDS_POINT.match(text):
        return f"Skriv {text.replace('.', '')} uden punktum (et beløb eller et antal skrives med cifre alene)."
    return None


def _type_fix(wanted: list, value: Any, typed: str | None = None) -> str:
    """What to write instead, for a value of the wrong type."""
    shown = _show(value, typed)
    if "date" in wanted:
        iso = danish.iso_from_day_month(shown)
        guess = f"Mente du «{iso}»? " if iso else ""
        return guess + "Skriv datoen som ÅÅÅÅ-MM-DD uden anførselstegn, fx 2025-03-31."
    if "string" in wanted and not isinstance(value, (dict, list)):
        return f'Sæt værdien i anførselstegn, fx "{shown}".'
    if set(wanted) & {"integer", "number"} and (fix := whole_number_fix(shown)):
        return fix
    if "integer" in wanted and isinstance(value, float):
        return "Skriv et helt tal med cifre, uden punktum eller komma, fx 1250."
    if "array" in wanted:
        return "Skriv hvert punkt på sin egen linje, der starter med «- » (se de andre filer i data/)."
    if "object" in wanted:
        return "Skriv punktet som de andre: felter på hver sin linje («navn: værdi»), indrykket ens."
    if set(wanted) & {"integer", "number"}:
        return "Skriv et tal med cifre, uden tusindtalspunktum, enhed eller anførselstegn, fx 1250."
    if "boolean" in wanted:
        return "Skriv ja som true og nej som false."
    return "Ret værdien, så den har den rigtige type (se kommentaren øverst i filen)."


def _first_repeat(items: Any) -> int | None:
    """Index of the first item that repeats an earlier one."""
    if not isinstance(items, list):
        return None
    for index, item in enumerate(items):
        if item in items[:index]:
            return index
    return None


#: Checks of a text's content, which a look-alike character inside the text breaks unseen.
_CONTENT_CHECKS = {"pattern", "enum", "const", REFERENCE}


def _hidden_character(value: Any, file: Path, line: int | None) -> PlanError | None:
    """A text that fails because of a look-alike or invisible character inside it
    (YAML keeps it as part of the text), named with its line and column."""
    if not isinstance(value, str):
        return None
    char = next((c for c in value if c in _LOOKALIKES), None)
    if char is None:
        return None
    what, fix = _LOOKALIKES[char]
    column = None
    if line is not None:
        try:
            column = Path(file).read_text(encoding="utf-8-sig").splitlines()[line - 1].find(char) + 1 or None
        except (OSError, UnicodeDecodeError, IndexError):
            column = None
    visible = "".join(c for c in value if c not in _LOOKALIKES)
    at = f" i tegn nr. {column} på linjen" if column else ""
    seen = "Tegnet kan ikke ses" if char in _INVISIBLE else "Det ligner et almindeligt tegn"
    return PlanError(
        Location(file, line=line, column=f"tegn {column}" if column else None),
        f"Værdien «{visible}» indeholder {what}{at}. {seen}, men gør, at værdien ikke genkendes.",
        fix,
    )


#: What to do, for a rule whose schema gives no ``fejlbesked`` of its own.
_DEFAULT_FIXES = {
    "pattern": "Skriv værdien i samme form som i de andre poster i filen (se kommentaren øverst i filen).",
    "minItems": "Tilføj punkter i listen, hvert på sin egen linje, der starter med «- ».",
    "const": "Ret værdien til den, der står i beskeden.",
}
_FALLBACK_FIX = "Ret værdien, så den passer til de andre poster i filen (se kommentaren øverst i filen)."


def _translate(error: jsonschema.ValidationError, data: Any, file: Path) -> PlanError:
    """The Danish message for one violation, always with a fix."""
    problem = _translate_kind(error, data, file)
    if not problem.fix:
        problem = PlanError(problem.location, problem.problem, _DEFAULT_FIXES.get(error.validator, _FALLBACK_FIX))
    return problem


def _translate_kind(error: jsonschema.ValidationError, data: Any, file: Path) -> PlanError:
    path = list(error.absolute_path)
    field = _field_name(path)
    hint = error.schema.get("fejlbesked", "") if isinstance(error.schema, dict) else ""
    kind = error.validator
    value = error.instance
    typed = typed_at(data, path)
    where = Location(file, line=line_at(data, path), column=field)

    if kind in _CONTENT_CHECKS and (hidden := _hidden_character(value, file, where.line)):
        return hidden
    if isinstance(error, Explained):
        return PlanError(where, error.problem, error.fix)

    if kind == "required":
        missing = re.search(r"'([^']+)' is a required property", error.message)
        name = missing.group(1) if missing else "?"
        where.column = name
        return PlanError(where, f"Feltet «{name}» mangler.", hint or f"Tilføj en linje «{name}: …».")
    if kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extras = [k for k in value if k not in allowed] if isinstance(value, dict) else []
        name = extras[0] if extras else "?"
        where = Location(file, line=line_at(data, path + [name]), column=name)
        return PlanError(where, f"Ukendt felt «{name}».", hint or suggest(name, allowed))
    if kind == "type":
        wanted = error.validator_value
        wanted = wanted if isinstance(wanted, list) else [wanted]
        names = " eller ".join(_TYPE_NAMES.get(w, w) for w in wanted)
        numeric = whole_number_fix(_show(value, typed)) if set(wanted) & {"integer", "number"} else None
        return PlanError(where, f"Værdien «{_show(value, typed)}» skal være {names}.",
                         " ".join(f for f in (numeric, hint) if f) or _type_fix(wanted, value, typed))
    if kind == "enum":
        return PlanError(
            where, f"«{_show(value, typed)}» er ikke en tilladt værdi.",
            hint or suggest(_show(value, typed), map(str, error.validator_value))
        )
    if kind == "const":
        return PlanError(where, f"Værdien skal være «{error.validator_value}».", hint)
    if kind == "pattern":
        return PlanError(where, f"«{_show(value, typed)}» har ikke den rigtige form.", hint)
    if kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        words = {
            "minimum": "mindst",
            "exclusiveMinimum": "større end",
            "maximum": "højst",
            "exclusiveMaximum": "mindre end",
        }[kind]
        return PlanError(where, f"«{_show(value, typed)}» skal være {words} {error.validator_value}.", hint)
    if kind == "minItems":
        return PlanError(where, f"Listen skal have mindst {error.validator_value} punkt(er).", hint)
    if kind == "uniqueItems":
        twice = _first_repeat(value)
        if twice is not None:
            where.line = line_at(data, path + [twice]) or where.line
        shown = f" («{_show(value[twice])}»)" if twice is not None else ""
        return PlanError(where, f"Listen indeholder det samme punkt to gange{shown}.", hint or "Slet dubletten.")
    if kind == "minLength":
        return PlanError(where, "Feltet er tomt.", hint or "Skriv en værdi, eller slet feltet.")
    if kind in ("oneOf", "anyOf"):
        return PlanError(where, f"«{_show(value)}» passer ikke til nogen af de tilladte former.", hint)
    return PlanError(where, f"Værdien «{_show(value)}» er ikke gyldig ({error.message}).", hint)


def _relevant(errors: list[jsonschema.ValidationError]) -> list[jsonschema.ValidationError]:
    """One problem per value: an unknown reference that also has the wrong form is
    reported for its form, unless it is a known item's name (then the id is the hint)."""
    by_name = {tuple(e.absolute_path) for e in errors if getattr(e, "by_name", False)}
    broken = {tuple(e.absolute_path) for e in errors if e.validator != REFERENCE}
    return [
        e
        for e in errors
        if (e.validator == REFERENCE and (getattr(e, "by_name", False) or tuple(e.absolute_path) not in broken))
        or (e.validator != REFERENCE and tuple(e.absolute_path) not in by_name)
    ]


def validate(data: Any, schema_path: Path, file: Path, known: KnownIds | None = None) -> None:
    """Validate *data* read from *file*; raise all problems at once, in line order.

    *known* holds the id sets of the files loaded before this one, for the
    schema's ``findes_i`` references.
    """
    schema_path = Path(schema_path)
    schema = load_schema(schema_path)
    validator_class = jsonschema.validators.extend(_Validator, keywords(known or KnownIds(), data))
    validator = validator_class(schema, registry=schema_registry(schema_path.parent))
    problems = [_translate(e, data, file) for e in _relevant(list(validator.iter_errors(data)))]
    if problems:
        problems.sort(key=lambda p: p.location.line or 0)
        raise PlanErrors(problems)


def load_filled(path: Path) -> Any:
    """Load ``path`` like :func:`load_yaml`, refusing a file that is empty (or holds only
    comments) with a message about that file. A file read only for its ids, before it
    is loaded itself, is read with this, so an emptied file is never blamed on the
    files that refer to it."""
    data = load_yaml(path)
    if data is None:
        raise PlanError(
            path,
            "Filen er tom (eller indeholder kun kommentarer).",
            "Gendan indholdet fra den seneste version (på GitHub: «History»), og ret derefter det, du ville ændre.",
        )
    return data


def load_validated(path: Path, schema_name: str, known: KnownIds | None = None) -> Any:
    """Load ``path`` and validate it against ``data/schemas/<schema_name>.schema.yaml``,
    with *known* id sets for its references to other files."""
    path = Path(path)
    data = load_filled(path)
    schema_path = schema_file(path.parent, schema_name)
    validate(data, schema_path, path, known)
    return data


def schema_file(data_dir: Path, schema_name: str) -> Path:
    """Locate a schema: ``<data_dir>/schemas`` or, for nested folders, the nearest above."""
    for folder in [Path(data_dir), *Path(data_dir).parents]:
        candidate = folder / SCHEMA_DIR_NAME / f"{schema_name}.schema.yaml"
        if candidate.exists():
            return candidate
    raise PlanError(
        Path(data_dir) / SCHEMA_DIR_NAME / f"{schema_name}.schema.yaml",
        "Skemafilen findes ikke.",
        "Skemaer vedligeholdes af udviklerne; kontakt dem.",
    )
