"""The chapters' data: themes (indsatsomraader.yaml), organisation (organisering.yaml),
and glossary (ordliste.yaml), as records, loaded and checked.

The render modules beside this one (themes.py, organisation.py, glossary.py) turn them into pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.core.errors import Location, PlanError, PlanErrors
from macros.core.yamlio import load_validated
from macros.model.load import known_ids

THEMES_FILE = "indsatsomraader.yaml"
ORGANISATION_FILE = "organisering.yaml"
GLOSSARY_FILE = "ordliste.yaml"

#: The four links of a theory of change, in order (data keys).
CHANGE_STEPS = ("ressourcer", "aktiviteter", "resultater", "effekter")


@dataclass(frozen=True)
class Activity:
    name: str
    description: str
    source_id: str


@dataclass(frozen=True)
class Partner:
    actor_id: str
    role: str


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    purpose: str
    goals: tuple[str, ...]
    activities: tuple[Activity, ...]
    partners: tuple[Partner, ...]
    change_theory: dict[str, tuple[str, ...]]  # keys: CHANGE_STEPS
    source_ids: tuple[str, ...]


def load_themes(data_dir: Path, sources: dict, parties: dict, actor_ids: list[str]) -> dict[str, Theme]:
    """Load ``indsatsomraader.yaml`` (its schema checks sources and partners:
    parties, or actors from organisering.yaml)."""

    path = data_dir / THEMES_FILE
    items = load_validated(path, "indsatsomraader", known_ids(sources, parties).with_ids("aktoerer", actor_ids))
    themes: dict[str, Theme] = {}
    for item in items:
        themes[item["id"]] = Theme(
            id=item["id"],
            name=item["navn"],
            purpose=item["formaal"],
            goals=tuple(item["maal"]),
            activities=tuple(Activity(a["navn"], a["beskrivelse"], a["kilde"]) for a in item["aktiviteter"]),
            partners=tuple(Partner(p["part"], p["rolle"]) for p in item["parter"]),
            change_theory={step: tuple(item["forandringsteori"][step]) for step in CHANGE_STEPS},
            source_ids=tuple(item["kilder"]),
        )
    return themes


@dataclass(frozen=True)
class Level:
    id: str
    name: str


@dataclass(frozen=True)
class Member:
    text: str
    party_id: str | None = None


@dataclass(frozen=True)
class Body:
    id: str
    name: str
    level_id: str
    summary: str
    members: tuple[Member, ...]
    responsibilities: tuple[str, ...]
    reports_to: tuple[str, ...]
    source_ids: tuple[str, ...]
    party_id: str | None = None


@dataclass(frozen=True)
class Organisation:
    levels: tuple[Level, ...]
    bodies: dict[str, Body]
    actors: dict[str, str]  # id -> name

    def bodies_at(self, level_id: str) -> list[Body]:
        return [b for b in self.bodies.values() if b.level_id == level_id]


def load_organisation(data_dir: Path, parties: dict, sources: dict) -> Organisation:
    """Load and check ``organisering.yaml`` against parties and sources."""

    path = data_dir / ORGANISATION_FILE
    raw = load_validated(path, "organisering", known_ids(sources, parties))
    problems: list[PlanError] = []

    actors = {a["id"]: a["navn"] for a in raw["aktoerer"]}
    for index, actor in enumerate(raw["aktoerer"]):
        if actor["id"] in parties:
            problems.append(
                PlanError(
                    Location(path, line=raw["aktoerer"].line_of(index), column="id"),
                    f"Aktøren «{actor['id']}» findes også som part i parter.yaml.",
                    "Slet aktøren her, så parten i parter.yaml bruges i stedet.",
                )
            )

    bodies: dict[str, Body] = {}
    for index, item in enumerate(raw["organer"]):
        line = raw["organer"].line_of(index)
        party_id = item.get("part")
        if party_id is None and "navn" not in item:
            problems.append(
                PlanError(
                    Location(path, line=line, column="navn"),
                    f"Organet «{item['id']}» har hverken «part» eller «navn».",
                    "Tilføj «navn: …» eller «part: <id fra parter.yaml>».",
                )
            )
        members = []
        for member in item["sammensaetning"]:
            members.append(Member(member["tekst"], member.get("part")))
        name = item.get("navn") or (parties[party_id].name if party_id in parties else party_id or item["id"])
        bodies[item["id"]] = Body(
            id=item["id"],
            name=name,
            level_id=item["niveau"],
            summary=item["kort"],
            members=tuple(members),
            responsibilities=tuple(item["ansvar"]),
            reports_to=tuple(item.get("refererer_til", [])),
            source_ids=tuple(item["kilder"]),
            party_id=party_id,
        )
    if problems:
        raise PlanErrors(problems)
    levels = tuple(Level(lv["id"], lv["navn"]) for lv in raw["niveauer"])
    return Organisation(levels, bodies, actors)


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    explanation: str
    forms: tuple[str, ...]
    see_also: tuple[str, ...]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def load_glossary(data_dir: Path) -> dict[str, Term]:
    """Load ``ordliste.yaml``; check cross-references and that no form is claimed twice."""

    path = data_dir / GLOSSARY_FILE
    items = load_validated(path, "ordliste")
    problems: list[PlanError] = []
    claimed: dict[str, str] = {}
    for item in items:
        for index, form in enumerate(item.get("markeres", [])):
            if form in claimed:
                problems.append(
                    PlanError(
                        Location(path, line=item["markeres"].line_of(index), column="markeres"),
                        f"Ordformen «{form}» står også under «{claimed[form]}».",
                        "En ordform kan kun have én forklaring: slet den det ene sted.",
                    )
                )
            claimed[form] = item["id"]
    if problems:
        raise PlanErrors(problems)
    terms = {
        i["id"]: Term(i["id"], i["term"], _one_line(i["forklaring"]), tuple(i.get("markeres", [])), tuple(i.get("se_ogsaa", [])))
        for i in items
    }
    return terms
