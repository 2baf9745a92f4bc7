"""The chapters' data: themes (indsatsomraader.yaml), organisation (organisering.yaml),
indicators (indikatorer.yaml) and glossary (ordliste.yaml), as records, loaded and checked.

The render modules beside this one (themes.py, organisation.py, indicators.py,
glossary.py) turn them into pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.core import danish
from macros.core.errors import Location, PlanError, PlanErrors
from macros.core.yamlio import load_validated
from macros.model.load import known_ids

THEMES_FILE = "indsatsomraader.yaml"
ORGANISATION_FILE = "organisering.yaml"
INDICATORS_FILE = "indikatorer.yaml"
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


#: Units whose values are counts of persons: 1–4 must never be published.
PERSON_COUNT_UNITS = {"antal-personer"}


@dataclass(frozen=True)
class Measurement:
    value: float
    year: int


@dataclass(frozen=True)
class Reference:
    value: float
    text: str
    source_id: str
    year: int | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Indicator:
    id: str
    theme_id: str
    name: str
    unit: str
    decimals: int
    direction: str  # "op" (higher is better) or "ned" (lower is better)
    data_source: str
    example: bool
    baseline: Measurement | None = None
    target: Measurement | None = None
    latest: Measurement | None = None
    source_id: str | None = None
    reference: Reference | None = None


def _measurement(raw) -> Measurement | None:
    return Measurement(raw["vaerdi"], raw["aar"]) if raw is not None else None


def load_indicators(data_dir: Path, themes: dict, sources: dict, min_count: int) -> dict[str, Indicator]:
    """Load ``indikatorer.yaml`` and check references, years, direction and privacy.

    *min_count* is the disclosure rule's smallest publishable count of persons
    (``diskretionering.mindste_antal`` in beboerdata/tabeller.yaml).
    """

    path = data_dir / INDICATORS_FILE
    items = load_validated(path, "indikatorer", known_ids(sources).with_ids("indsatsomraader", themes))
    problems: list[PlanError] = []
    indicators: dict[str, Indicator] = {}

    def problem(item, key: str, text: str, fix: str) -> None:
        problems.append(PlanError(Location(path, line=item.line_of(key), column=key), text, fix))

    for item in items:
        reference = item.get("reference")
        measured = [k for k in ("udgangspunkt", "maal", "seneste") if k in item]
        if measured and not item["eksempeldata"] and "kilde" not in item:
            problem(
                item,
                "eksempeldata",
                f"Indikatoren «{item['id']}» har rigtige tal (eksempeldata: false), men ingen kilde.",
                "Tilføj «kilde: <id fra kilder.yaml>», eller skriv «eksempeldata: true», hvis tallene ikke er officielle.",
            )
        if item["enhed"] in PERSON_COUNT_UNITS:
            for key in measured:
                value = item[key]["vaerdi"]
                if 0 < value < min_count:
                    problem(
                        item[key],
                        "vaerdi",
                        f"Et antal personer mellem 1 og {min_count - 1} ({danish.number(value)}) må ikke offentliggøres.",
                        "Af hensyn til beboernes privatliv: slet tallet, eller brug et samlet tal for flere områder eller år.",
                    )
        if "udgangspunkt" in item and "maal" in item:
            base, goal = item["udgangspunkt"], item["maal"]
            if goal["aar"] <= base["aar"]:
                problem(goal, "aar", "Målets år skal ligge efter udgangspunktets år.", "Ret «aar» under «maal» eller «udgangspunkt».")
            if goal["vaerdi"] == base["vaerdi"]:
                problem(goal, "vaerdi", "Målet er det samme som udgangspunktet.", "Sæt et mål, der er forskelligt fra udgangspunktet.")
            elif (goal["vaerdi"] > base["vaerdi"]) != (item["retning"] == "op"):
                wanted = "højere" if item["retning"] == "op" else "lavere"
                problem(
                    goal,
                    "vaerdi",
                    f"Indikatoren skal gå «{item['retning']}», men målet er ikke {wanted} end udgangspunktet.",
                    "Ret målet eller «retning» (op = højere er bedre, ned = lavere er bedre).",
                )
        if "udgangspunkt" in item and "seneste" in item and item["seneste"]["aar"] < item["udgangspunkt"]["aar"]:
            problem(item["seneste"], "aar", "Den seneste måling er ældre end udgangspunktet.", "Ret «aar» under «seneste».")

        indicators[item["id"]] = Indicator(
            id=item["id"],
            theme_id=item["indsatsomraade"],
            name=item["navn"],
            unit=item["enhed"],
            decimals=item.get("decimaler", 0),
            direction=item["retning"],
            data_source=item["datakilde"],
            example=item["eksempeldata"],
            baseline=_measurement(item.get("udgangspunkt")),
            target=_measurement(item.get("maal")),
            latest=_measurement(item.get("seneste")),
            source_id=item.get("kilde"),
            reference=(
                Reference(reference["vaerdi"], reference["tekst"], reference["kilde"], reference.get("aar"), reference.get("enhed"))
                if reference is not None
                else None
            ),
        )
    if problems:
        raise PlanErrors(problems)
    return indicators


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
