"""The official lists register (data/kriterier/lister.yaml): each area's placement on each 1 December list, loaded.

The register holds facts from the sources, never a computation: which lists
an area was on (``paa``), which a source says it was not on (``ikke_paa``),
and, where they are public, the criterion values behind the list. Category
ids are those of the rule set that applied that year (regler.yaml), so
«parallelsamfund» in 2019 is shown with the period's own name, «Ghettoområde».
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.core.errors import Location, PlanError, PlanErrors, suggest
from macros.core.yamlio import load_validated
from macros.criteria.rules import CriteriaRules, RuleSet
from macros.model.load import known_ids

LISTS_FILE = Path("kriterier") / "lister.yaml"

#: The id of the minimum-residents condition in ``kriterievaerdier`` (not a criterion of the rule set).
RESIDENTS = "beboere"


@dataclass(frozen=True)
class PublishedThreshold:
    value: float  # in the published value's unit (e.g. percent, where the rule says «× landsgennemsnittet»)
    source_id: str


@dataclass(frozen=True)
class PublishedValue:
    criterion_id: str  # a criterion of the year's rule set, or RESIDENTS
    value: float
    thresholds: tuple[PublishedThreshold, ...]  # empty: the rule set's own threshold applies
    caveat: str


@dataclass(frozen=True)
class PublishedValues:
    source_ids: tuple[str, ...]
    values: tuple[PublishedValue, ...]

    def value(self, criterion_id: str) -> PublishedValue | None:
        return next((v for v in self.values if v.criterion_id == criterion_id), None)


@dataclass(frozen=True)
class Placement:
    area_id: str
    on: tuple[str, ...]  # category ids the area was on
    off: tuple[str, ...]  # category ids the source says the area was not on
    note: str
    caveat: str  # set when the fact is uncertain: shown with the caveat
    source_id: str
    published: PublishedValues | None
    line: int | None = None

    @property
    def uncertain(self) -> bool:
        return bool(self.caveat)

    def official(self, category_id: str) -> bool | None:
        """True: on that list; False: not on it; None: the source does not say."""
        if category_id in self.on:
            return True
        if category_id in self.off:
            return False
        return None


@dataclass(frozen=True)
class OfficialList:
    year: int
    rule_set_id: str
    source_id: str
    note: str
    placements: tuple[Placement, ...]
    line: int | None = None

    def placement(self, area_id: str) -> Placement | None:
        return next((p for p in self.placements if p.area_id == area_id), None)


@dataclass(frozen=True)
class OfficialLists:
    lists: tuple[OfficialList, ...]  # newest first

    @property
    def years(self) -> list[int]:
        return sorted(item.year for item in self.lists)

    def for_year(self, year: int) -> OfficialList | None:
        return next((item for item in self.lists if item.year == year), None)

    def placement(self, area_id: str, year: int) -> Placement | None:
        found = self.for_year(year)
        return found.placement(area_id) if found else None


# --- loading -------------------------------------------------------------------------------


def _category_list(rule_set: RuleSet) -> str:
    return ", ".join(f"{c.id} («{c.name}»)" for c in rule_set.categories)


def _check_categories(path: Path, raw, key: str, rule_set: RuleSet, year: int, problems: list) -> tuple[str, ...]:
    known = [c.id for c in rule_set.categories]
    for index, category_id in enumerate(raw.get(key, [])):
        if category_id not in known:
            problems.append(
                PlanError(
                    Location(path, line=raw[key].line_of(index), column=key),
                    f"Listen «{category_id}» findes ikke i {year} efter reglerne «{rule_set.name}». "
                    f"Reglerne det år kender: {_category_list(rule_set)}.",
                    suggest(category_id, known),
                )
            )
    return tuple(raw.get(key, []))


def _published(path: Path, raw, rule_set: RuleSet, year: int, problems: list) -> PublishedValues:
    known = [RESIDENTS] + [c.id for c in rule_set.criteria]
    values = []
    for item in raw["vaerdier"]:
        criterion_id = item["kriterium"]
        thresholds = tuple(PublishedThreshold(float(t["vaerdi"]), t["kilde"]) for t in item.get("graense", []))
        if criterion_id not in known:
            problems.append(
                PlanError(
                    Location(path, line=item.line_of("kriterium"), column="kriterium"),
                    f"Kriteriet «{criterion_id}» findes ikke i reglerne for {year} («{rule_set.name}»).",
                    suggest(criterion_id, known),
                )
            )
        elif criterion_id != RESIDENTS and rule_set.criterion(criterion_id).compare_with and not thresholds:
            criterion = rule_set.criterion(criterion_id)
            problems.append(
                PlanError(
                    Location(path, line=item.line, column="graense"),
                    f"Kriteriet «{criterion_id}» sammenlignes med {criterion.basis}, så værdien alene kan ikke "
                    "vurderes.",
                    "Skriv listens egen grænse i samme enhed som værdien under «graense» (med «vaerdi» og "
                    "«kilde»).",
                )
            )
        values.append(PublishedValue(criterion_id, float(item["vaerdi"]), thresholds, item.get("forbehold", "")))
    return PublishedValues(tuple(raw["kilder"]), tuple(values))


def load_lists(data_dir: Path, rules: CriteriaRules, sources, areas) -> OfficialLists:
    """Load ``data/kriterier/lister.yaml``; raise :class:`PlanErrors` on any problem."""
    path = Path(data_dir) / LISTS_FILE
    raw = load_validated(path, "kriterielister", known_ids(sources, areas=areas))
    problems: list[PlanError] = []
    lists = []
    for index, item in enumerate(raw["lister"]):
        year = item["aar"]
        rule_set = rules.for_year(year)
        if rule_set is None:
            problems.append(
                PlanError(
                    Location(path, line=item.line_of("aar"), column="aar"),
                    f"Der er ingen regler for listerne i {year} i kriterier/regler.yaml.",
                    "Ret året, eller tilføj reglerne for det år i kriterier/regler.yaml.",
                )
            )
            continue
        placements = []
        for p_raw in item["placeringer"]:
            on = _check_categories(path, p_raw, "paa", rule_set, year, problems)
            off = _check_categories(path, p_raw, "ikke_paa", rule_set, year, problems)
            both = [c for c in on if c in off]
            if both:
                problems.append(
                    PlanError(
                        Location(path, line=p_raw.line_of("ikke_paa"), column="ikke_paa"),
                        f"«{both[0]}» står både under «paa» og «ikke_paa» for {p_raw['omraade']} i {year}.",
                        "Slet den forkerte af de to.",
                    )
                )
            if not on and not off:
                problems.append(
                    PlanError(
                        Location(path, line=p_raw.line, column="paa"),
                        f"Placeringen for «{p_raw['omraade']}» i {year} siger ikke, hvilke lister området var på.",
                        "Skriv «paa: [...]» og/eller «ikke_paa: [...]» med lister fra kilden, eller slet punktet.",
                    )
                )
            published = (
                _published(path, p_raw["kriterievaerdier"], rule_set, year, problems)
                if "kriterievaerdier" in p_raw
                else None
            )
            placements.append(
                Placement(
                    area_id=p_raw["omraade"],
                    on=on,
                    off=off,
                    note=p_raw.get("note", ""),
                    caveat=p_raw.get("forbehold", ""),
                    source_id=p_raw.get("kilde", item["kilde"]),
                    published=published,
                    line=p_raw.line,
                )
            )
        lists.append(
            OfficialList(
                year=year,
                rule_set_id=rule_set.id,
                source_id=item["kilde"],
                note=item.get("note", ""),
                placements=tuple(placements),
                line=raw["lister"].line_of(index),
            )
        )
    if problems:
        problems.sort(key=lambda p: p.location.line or 0)
        raise PlanErrors(problems)
    return OfficialLists(tuple(sorted(lists, key=lambda item: -item.year)))
