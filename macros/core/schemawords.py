"""The schemas' own keywords: references between files and unique keys.

JSON Schema checks one file at a time. Two keywords added here (through
``jsonschema.validators.extend``) let a schema also say how files refer to
each other, so the loaders need no hand-written checks for it:

``findes_i``
    The value (a text) must be an id in a known set: ``findes_i: parter`` (the
    ids of ``parter.yaml``, supplied by the loader in a :class:`KnownIds`), or
    a list in the same file given as a JSON pointer, ``findes_i: "#/niveauer"``
    (``"#"``: the file itself is the list). Long form::

        findes_i:
          liste: [parter, "#/aktoerer"]  # one set or several (any of them)
          hvor: {type: boligorganisation}  # only items with these field values
          navne: [navn, kort_navn]  # also recognise a value written by name

    An unknown value gets the nearest id as "Mente du …?": an id it resembles,
    an item whose name (``navne``) it is, or the item it names word by word
    (``kommunen`` -> ``slagelse-kommune``, matched on the id and the names). A
    reference to a set with no items (its file emptied) says so, and names that
    file, instead of listing no values.

``unikke``
    On a list of blocks: the field (or the combination of fields) is unique
    within the list, ``unikke: id`` or ``unikke: [aar, finansiering]``. The
    long form words the message for the file's own readers:
    ``{felter: [aar, finansiering], besked: "Der er allerede en post for
    {finansiering} i {aar}", ret: "Læg beløbene sammen i én post."}``; the
    message gets the line of the first block added.

``kommatal``
    On a ``type: number`` field: decimals are allowed (a share, a rate). Every
    other numeric field is ``type: integer`` (an amount, a count, a year),
    where only a whole number typed as one passes. A decimal typed with Danish
    thousands points (``60.000``, which YAML reads as 60) is refused even here.
    The test suite checks that every ``type: number`` says ``kommatal: true``.

``ikke_efter``
    ``ikke_efter: i_dag`` on a date (or a month ``ÅÅÅÅ-MM``) that records
    something that has happened: it may not lie after today
    (:func:`macros.core.context.facts_until`). ``ikke_efter: i_aar`` on a
    measured year: not after the current year.

Both ``findes_i`` and ``unikke`` use the sibling keyword ``kaldes`` (what one value or item is called,
e.g. ``kaldes: part``, ``kaldes: en kilde``) in their Danish messages.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from jsonschema import ValidationError

from macros.core import danish
from macros.core.context import facts_until
from macros.core.errors import suggest

REFERENCE = "findes_i"
UNIQUE = "unikke"
NOUN = "kaldes"
DECIMALS = "kommatal"
NOT_AFTER = "ikke_efter"
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")

#: A number typed with Danish thousands points (``60.000``, ``1.200.000``).
_THOUSANDS_POINT = re.compile(r"^[+-]?[1-9]\d{0,2}(\.\d{3})+$")

#: The attributes known about one id: field name (as in the data file) -> value.
Attributes = Mapping[str, Any]


@dataclass(frozen=True)
class KnownIds:
    """Id sets that ``findes_i`` can name, each id with the fields a filter or
    a name hint may look at. A set given as ``None`` is deliberately not
    checked (e.g. an optional file that does not exist)."""

    sets: Mapping[str, Mapping[str, Attributes] | None] = field(default_factory=lambda: MappingProxyType({}))

    def with_ids(self, name: str, ids: Iterable[str] | Mapping[str, Attributes] | None) -> "KnownIds":
        """A copy that also knows *ids* (plain ids, or ids with their attributes) as *name*."""
        if ids is None:
            entry = None
        elif isinstance(ids, Mapping):
            entry = MappingProxyType({str(k): _attributes(v) for k, v in ids.items()})
        else:
            entry = MappingProxyType({str(k): MappingProxyType({}) for k in ids})
        return KnownIds(MappingProxyType({**self.sets, name: entry}))

    def lookup(self, name: str) -> Mapping[str, Attributes] | None:
        if name not in self.sets:
            raise LookupError(
                f"The schema refers to the id set {name!r}, but the loader did not supply it "
                f"(known: {', '.join(sorted(self.sets)) or 'none'})."
            )
        return self.sets[name]


def _attributes(value: Any) -> Attributes:
    return MappingProxyType(dict(value)) if isinstance(value, Mapping) else MappingProxyType({})


class Explained(ValidationError):
    """A violation of one of these keywords, already worded in Danish."""

    def __init__(self, problem: str, fix: str, path: Iterable = (), by_name: bool = False):
        super().__init__(problem, path=tuple(path))
        self.problem = problem
        self.fix = fix
        #: The message names the item meant (the value is its name, or resembles its id
        #: or names): a better hint than the form of an id, so it is kept when both fail.
        self.by_name = by_name


# --- findes_i --------------------------------------------------------------------------


def _spec(value: Any) -> dict:
    """The long form of a ``findes_i`` value."""
    spec = dict(value) if isinstance(value, Mapping) else {"liste": value}
    lists = spec.get("liste")
    spec["liste"] = [lists] if isinstance(lists, str) else list(lists or [])
    return spec


def _local_ids(root: Any, pointer: str) -> dict[str, Attributes]:
    """The ``id``s of the blocks in the list at JSON pointer *pointer* of *root*."""
    node = root
    for step in [s for s in pointer.lstrip("#").split("/") if s]:
        step = step.replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping):
            node = node.get(step)
        elif isinstance(node, list) and step.isdigit() and int(step) < len(node):
            node = node[int(step)]
        else:
            node = None
    items = node if isinstance(node, list) else []
    return {str(i["id"]): i for i in items if isinstance(i, Mapping) and isinstance(i.get("id"), (str, int))}


def candidates(spec: dict, known: KnownIds, root: Any) -> dict[str, Attributes] | None:
    """Every id the reference may name, with its attributes; ``None``: not checked."""
    found: dict[str, Attributes] = {}
    for name in spec["liste"]:
        ids = _local_ids(root, name) if name.startswith("#") else known.lookup(name)
        if ids is None:
            return None
        found.update(ids)
    wanted = spec.get("hvor") or {}
    return {k: v for k, v in found.items() if all(v.get(f) == w for f, w in wanted.items())}


def slug(text: str) -> str:
    """Lower-case a–z/0–9 words joined by hyphens (æ → ae, ø → oe, å → aa)."""
    text = str(text).lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return "-".join("".join(c if c.isalnum() else " " for c in text).split())


def _by_name(value: str, ids: dict[str, Attributes], fields: list[str]) -> str | None:
    """The id whose name (one of *fields*) *value* is, when it is written by name."""
    by_name = {slug(attrs[f]): ident for ident, attrs in ids.items() for f in fields if attrs.get(f)}
    match = by_name.get(slug(value))
    if match is None and not difflib.get_close_matches(value, list(ids), n=1, cutoff=0.6):
        close = difflib.get_close_matches(slug(value), list(by_name), n=1, cutoff=0.75)
        match = by_name[close[0]] if close else None
    return match


#: Words too small to say which item is meant («i», «og», «for»).
_MIN_WORD = 3


def _words(text: Any) -> list[str]:
    return [w for w in slug(text).split("-") if len(w) >= _MIN_WORD or w.isdigit()]


def _same_word(typed: str, known: str) -> bool:
    """One word of a value against one word of an id or a name: the same, the same
    word with a Danish ending (``kommunen`` / ``kommune``), or a small typo."""
    if typed == known:
        return True
    if min(len(typed), len(known)) >= 4 and (typed.startswith(known) or known.startswith(typed)):
        return True
    return min(len(typed), len(known)) >= 5 and difflib.SequenceMatcher(None, typed, known).ratio() >= 0.85


def _word_score(typed: list[str], known: list[str]) -> float:
    """How well the typed words name *known*: the share of the typed words found, plus
    the share of the known words they cover (so «kommunen» is nearer «Slagelse
    Kommune» than «Byrådet i Slagelse Kommune»). 0 when fewer than half are found."""
    if not typed or not known:
        return 0.0
    found = sum(1 for w in typed if any(_same_word(w, k) for k in known))
    if found * 2 < len(typed):
        return 0.0
    return found / len(typed) + found / len(known)


def nearest_by_words(value: str, ids: Mapping[str, Attributes], fields: Iterable[str] = ()) -> list[str]:
    """The ids that *value* names best, word by word, matched on each id itself and
    on its names (*fields*, e.g. ``navn``, ``kort_navn``): ``kommunen`` ->
    ``slagelse-kommune``. Several ids only when they match equally well."""
    typed = _words(value)
    scores: dict[str, float] = {}
    for ident, attrs in ids.items():
        texts = [ident] + [attrs[f] for f in fields if attrs.get(f)]
        score = max(_word_score(typed, _words(text)) for text in texts)
        if score > 0:
            scores[ident] = score
    if not scores:
        return []
    best = max(scores.values())
    return sorted(i for i, s in scores.items() if s == best)


def _source_file(spec: dict) -> str:
    """Where the ids of a reference are kept, for the message: ``parter.yaml`` or a list in the file."""
    sources = [f"listen «{s.lstrip('#/') or 'i filen'}» i samme fil" if s.startswith("#") else f"{s}.yaml"
               for s in spec["liste"]]
    return " eller ".join(sources)


def reference_problem(value: str, spec: dict, ids: dict[str, Attributes], noun: str | None) -> Explained:
    problem = f"Ukendt {noun or 'værdi'} «{value}»."
    fields = list(spec.get("navne") or [])
    if not ids:
        return Explained(
            problem,
            f"Der er ingen at henvise til: {_source_file(spec)} har ingen poster (filen er tom eller mangler sine "
            "poster). Gendan den fil først, eller slet henvisningen her.",
        )
    if fields and (match := _by_name(value, ids, fields)) is not None:
        name = ids[match].get(fields[0]) or match
        source = spec["liste"][0]
        where = f" fra {source}.yaml" if not source.startswith("#") else ""
        return Explained(problem, f"Mente du «{match}» ({name})? Skriv id'et{where}, ikke navnet.", by_name=True)
    if difflib.get_close_matches(value, list(ids), n=1, cutoff=0.6):
        return Explained(problem, suggest(value, ids), by_name=True)
    nearest = nearest_by_words(value, ids, fields)
    if 0 < len(nearest) <= 3:
        named = " eller ".join(
            f"«{i}» ({ids[i][fields[0]]})" if fields and ids[i].get(fields[0]) else f"«{i}»" for i in nearest
        )
        return Explained(problem, f"Mente du {named}? Kendte værdier: {', '.join(sorted(ids))}.", by_name=True)
    return Explained(problem, suggest(value, ids))


def reference_keyword(known: KnownIds, root: Any):
    """The ``findes_i`` keyword, for one file (*root*) and the ids known so far."""

    def findes_i(validator, value, instance, schema):
        if not isinstance(instance, str):
            return  # the type is checked (and explained) by ``type``
        spec = _spec(value)
        ids = candidates(spec, known, root)
        if ids is not None and instance not in ids:
            yield reference_problem(instance, spec, ids, schema.get(NOUN))

    return findes_i


# --- unikke ----------------------------------------------------------------------------


def _line(items: Any, index: int, fields: list[str]) -> int | None:
    item = items[index]
    if hasattr(item, "line_of") and len(fields) == 1:
        return item.line_of(fields[0])
    return items.line_of(index) if hasattr(items, "line_of") else None


def unique_keyword(validator, value, instance, schema):
    """``unikke``: no two blocks of the list share the key (see the module docstring)."""
    if not isinstance(instance, list):
        return
    spec = value if isinstance(value, Mapping) else {"felter": value}
    fields = [spec["felter"]] if isinstance(spec["felter"], str) else list(spec["felter"])
    noun = str(schema.get(NOUN) or "en post")
    seen: dict[tuple, int] = {}
    for index, item in enumerate(instance):
        if not isinstance(item, Mapping) or not all(f in item for f in fields):
            continue  # a missing field is reported by ``required``
        key = tuple(str(item[f]) for f in fields)
        if key not in seen:
            seen[key] = index
            continue
        first = _line(instance, seen[key], fields)
        if "besked" in spec:
            problem = str(spec["besked"]).format(**dict(zip(fields, key))) + f" (linje {first})."
        else:
            named = " og ".join(f"{f} «{k}»" for f, k in zip(fields, key))
            problem = f"{noun[:1].upper()}{noun[1:]} med {named} findes allerede (linje {first})."
        fix = spec.get("ret") or (
            "Giv hver post sit eget id." if fields == ["id"] else "Slet den ene af de to poster, eller ret den ene."
        )
        yield Explained(problem, str(fix), path=(index, fields[0]))


# --- kommatal --------------------------------------------------------------------------


def decimals_keyword(validator, value, instance, schema):
    """``kommatal: true``: decimals allowed, but not a number typed with thousands points."""
    typed = getattr(instance, "text", None)
    if isinstance(instance, float) and typed and _THOUSANDS_POINT.match(typed.strip()):
        yield Explained(
            f"«{typed}» er skrevet med tusindtalspunktum, så det læses som {instance:g} og ikke som "
            f"{typed.replace('.', '')}.",
            f"Skriv {typed.replace('.', '')} uden punktum. Er det et decimaltal, så skriv det med højst to "
            "decimaler, fx 60.5.",
        )


# --- ikke_efter -------------------------------------------------------------------------


def _first_day(instance: Any) -> dt.date | None:
    if isinstance(instance, dt.datetime):
        return instance.date()
    if isinstance(instance, dt.date):
        return instance
    match = _MONTH.match(instance) if isinstance(instance, str) else None
    if match and 1 <= int(match.group(2)) <= 12:
        return dt.date(int(match.group(1)), int(match.group(2)), 1)
    return None


def not_after_keyword(until: dt.date):
    """``ikke_efter: i_dag`` / ``i_aar``: no fact from the future."""

    def ikke_efter(validator, value, instance, schema):
        if value == "i_aar":
            if isinstance(instance, int) and not isinstance(instance, bool) and instance > until.year:
                yield Explained(
                    f"Året {instance} ligger efter i år ({until.year}). Tal for et år, der ikke er gået, "
                    "kan ikke være målt.",
                    "Ret årstallet til det år, tallet er målt. Er det et mål for fremtiden, så skriv det "
                    "under «maal».",
                )
            return
        first = _first_day(instance)
        if first is not None and first > until:
            shown = instance.isoformat() if isinstance(instance, dt.date) else str(instance)
            yield Explained(
                f"Datoen {shown} ligger efter i dag ({danish.date_long(until)}). Planen kan ikke sige, "
                "at noget er sket på en dag, der ikke er kommet endnu.",
                "Ret datoen til den dag, det skete. Er det ikke sket endnu, så slet linjen (en milepæl "
                "får så sin status tilbage, fx «status: planlagt», og fristen står i «frist»).",
            )

    return ikke_efter


def keywords(known: KnownIds, root: Any) -> dict:
    """The keyword functions for ``jsonschema.validators.extend``."""
    return {REFERENCE: reference_keyword(known, root), UNIQUE: unique_keyword, DECIMALS: decimals_keyword,
            NOT_AFTER: not_after_keyword(facts_until())}
