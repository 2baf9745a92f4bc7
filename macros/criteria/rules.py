"""The statutory criteria as data: loading and checking ``data/kriterier/regler.yaml``.

The rule sets of 2010, 2013, 2018 and the current law (thresholds, operators,
averaging windows, "at least k of n", minimum residents, consecutive years)
live in the data file; this module only turns it into typed objects and
checks what a schema cannot: references between criteria and categories,
units, sources, and that no two rule sets claim the same year.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.core.errors import Location, PlanError, PlanErrors, suggest
from macros.core.thresholds import OPERATOR_WORDS
from macros.core.yamlio import LineDict, load_validated
from macros.model.load import known_ids

RULES_FILE = Path("kriterier") / "regler.yaml"

@dataclass(frozen=True)
class Unit:
    id: str
    sign: str  # shown after a value: "%", "×", "pr. 10.000"
    difference: str  # word for a difference: "procentpoint", "×"
    decimals: int


@dataclass(frozen=True)
class Criterion:
    id: str
    number: str
    name: str
    measure: str  # Tabel 18 category
    operator: str
    threshold: float
    unit: Unit
    basis: str
    window: int  # averaging window in years
    compare_with: str | None = None  # comparison unit (e.g. hele-landet): value becomes a ratio
    factor: float = 1.0
    legal_ref: str = ""
    line: int | None = None
    #: The figure says nothing about how well residents are doing (``neutrale_maal``):
    #: the text says over/under the threshold, never better/worse.
    neutral: bool = False

    @property
    def operator_word(self) -> str:
        return OPERATOR_WORDS[self.operator]


@dataclass(frozen=True)
class Category:
    id: str  # stable across rule sets: udsat, parallelsamfund, omdannelsesomraade, forebyggelse
    name: str  # the name in that period
    icon: str
    required: tuple[str, ...] = ()
    at_least: int | None = None
    of: tuple[str, ...] = ()
    consecutive_category: str | None = None
    consecutive_years: int | None = None
    legal_ref: str = ""

    @property
    def is_consecutive(self) -> bool:
        return self.consecutive_category is not None


@dataclass(frozen=True)
class RuleSet:
    id: str
    name: str
    first_year: int
    last_year: int | None  # None: still in force
    legal_ref: str
    source_id: str
    note: str
    residents: Criterion  # the minimum-residents condition
    criteria: tuple[Criterion, ...]
    categories: tuple[Category, ...]

    def applies_to(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    @property
    def years_label(self) -> str:
        return f"{self.first_year}–{self.last_year}" if self.last_year else f"fra {self.first_year}"


@dataclass(frozen=True)
class CriteriaRules:
    rule_sets: tuple[RuleSet, ...]
    units: dict[str, Unit]

    def for_year(self, year: int) -> RuleSet | None:
        return next((r for r in self.rule_sets if r.applies_to(year)), None)

    def by_id(self, rule_set_id: str) -> RuleSet:
        return next(r for r in self.rule_sets if r.id == rule_set_id)

    @property
    def category_ids(self) -> list[str]:
        """Every category id, in the order of first appearance (newest rule set first)."""
        seen: dict[str, None] = {}
        for rule_set in sorted(self.rule_sets, key=lambda r: -r.first_year):
            for category in rule_set.categories:
                seen.setdefault(category.id, None)
        return list(seen)


# --- loading -------------------------------------------------------------------------


def _criterion(raw: LineDict, units: dict[str, Unit], path: Path, problems: list, fallback_id: str = "",
               neutral_measures: frozenset[str] = frozenset()) -> Criterion:
    unit_id = raw["enhed"]
    if unit_id not in units:
        problems.append(
            PlanError(
                Location(path, line=raw.line_of("enhed"), column="enhed"),
                f"Ukendt enhed «{unit_id}».",
                suggest(unit_id, units),
            )
        )
        unit = Unit(unit_id, unit_id, unit_id, 1)
    else:
        unit = units[unit_id]
    return Criterion(
        id=raw.get("id", fallback_id),
        number=raw.get("nummer", ""),
        name=raw.get("navn", "Antal beboere"),
        measure=raw["maal"],
        operator=raw["operator"],
        threshold=float(raw["graense"]),
        unit=unit,
        basis=raw.get("grundlag", "pr. 1. januar"),
        window=raw.get("gennemsnit_aar", 1),
        compare_with=raw.get("sammenlign_med"),
        factor=float(raw.get("faktor", 1)),
        legal_ref=raw.get("lovtekst", ""),
        line=raw.line,
        neutral=raw["maal"] in neutral_measures,
    )


def load_rules(data_dir: Path, source_ids) -> CriteriaRules:
    """Load ``data/kriterier/regler.yaml``; raise :class:`PlanErrors` on any problem."""
    path = Path(data_dir) / RULES_FILE
    raw = load_validated(path, "kriterieregler", known_ids(source_ids))
    problems: list[PlanError] = []

    neutral_measures = frozenset(raw.get("neutrale_maal") or [])
    units: dict[str, Unit] = {}
    for item in raw["enheder"]:
        units[item["id"]] = Unit(item["id"], item["tegn"], item["forskel"], item["decimaler"])

    rule_sets: list[tuple[RuleSet, int | None]] = []
    for index, item in enumerate(raw["regelsaet"]):
        line = raw["regelsaet"].line_of(index)
        last_year = item.get("til_aar")
        if last_year is not None and last_year < item["fra_aar"]:
            problems.append(
                PlanError(
                    Location(path, line=item.line_of("til_aar"), column="til_aar"),
                    f"Regelsættet «{item['id']}» slutter ({last_year}) før det begynder ({item['fra_aar']}).",
                    "Ret «fra_aar» eller «til_aar», så til_aar er samme år eller senere.",
                )
            )

        criteria = [_criterion(c_raw, units, path, problems, neutral_measures=neutral_measures)
                    for c_raw in item["kriterier"]]
        known = {c.id for c in criteria}
        residents = _criterion(item["beboerkrav"], units, path, problems, fallback_id="beboere")

        categories: list[Category] = []
        category_ids: dict[str, int | None] = {}
        for k_index, k_raw in enumerate(item["kategorier"]):
            k_line = item["kategorier"].line_of(k_index)
            category_ids[k_raw["id"]] = k_line
            for key in ("af", "kraever"):
                for r_index, ref in enumerate(k_raw.get(key, [])):
                    if ref not in known:
                        problems.append(
                            PlanError(
                                Location(path, line=k_raw[key].line_of(r_index), column=key),
                                f"Kategorien «{k_raw['id']}» henviser til kriteriet «{ref}», "
                                f"som ikke findes i regelsættet «{item['id']}».",
                                suggest(ref, known),
                            )
                        )
            has_count = "mindst" in k_raw or "af" in k_raw
            if has_count and not ("mindst" in k_raw and "af" in k_raw):
                missing = "af" if "mindst" in k_raw else "mindst"
                problems.append(
                    PlanError(
                        Location(path, line=k_line, column=missing),
                        f"Kategorien «{k_raw['id']}» har «{'mindst' if missing == 'af' else 'af'}» "
                        f"men mangler «{missing}».",
                        "Skriv både «mindst: <antal>» og «af: [kriterier]».",
                    )
                )
            elif has_count and k_raw["mindst"] > len(k_raw["af"]):
                problems.append(
                    PlanError(
                        Location(path, line=k_raw.line_of("mindst"), column="mindst"),
                        f"Kategorien «{k_raw['id']}» kræver mindst {k_raw['mindst']} af kun "
                        f"{len(k_raw['af'])} kriterier.",
                        "Sæt «mindst» ned, eller tilføj kriterier i «af».",
                    )
                )
            if not has_count and "kraever" not in k_raw and "i_traek" not in k_raw:
                problems.append(
                    PlanError(
                        Location(path, line=k_line, column="kategorier"),
                        f"Kategorien «{k_raw['id']}» har ingen betingelser.",
                        "Tilføj «mindst» og «af», «kraever» eller «i_traek».",
                    )
                )
            if "i_traek" in k_raw and (has_count or "kraever" in k_raw):
                problems.append(
                    PlanError(
                        Location(path, line=k_raw.line_of("i_traek"), column="i_traek"),
                        f"Kategorien «{k_raw['id']}» blander «i_traek» med andre betingelser.",
                        "En kategori med «i_traek» bygger kun på en anden kategori; flyt de øvrige betingelser dertil.",
                    )
                )
            chain = k_raw.get("i_traek")
            categories.append(
                Category(
                    id=k_raw["id"],
                    name=k_raw["navn"],
                    icon=k_raw.get("ikon", "●"),
                    required=tuple(k_raw.get("kraever", ())),
                    at_least=k_raw.get("mindst"),
                    of=tuple(k_raw.get("af", ())),
                    consecutive_category=chain["kategori"] if chain else None,
                    consecutive_years=chain["aar"] if chain else None,
                    legal_ref=k_raw.get("lovtekst", ""),
                )
            )
        for category in categories:
            if category.is_consecutive:
                k_raw = item["kategorier"][[c.id for c in categories].index(category.id)]
                if category.consecutive_category not in category_ids or category.consecutive_category == category.id:
                    problems.append(
                        PlanError(
                            Location(path, line=k_raw["i_traek"].line_of("kategori"), column="kategori"),
                            f"«i_traek» i kategorien «{category.id}» henviser til «{category.consecutive_category}», "
                            f"som ikke er en anden kategori i regelsættet «{item['id']}».",
                            suggest(category.consecutive_category, [c for c in category_ids if c != category.id]),
                        )
                    )

        rule_sets.append(
            (
                RuleSet(
                    id=item["id"],
                    name=item["navn"],
                    first_year=item["fra_aar"],
                    last_year=last_year,
                    legal_ref=item["lovhenvisning"],
                    source_id=item["kilde"],
                    note=item.get("note", ""),
                    residents=residents,
                    criteria=tuple(criteria),
                    categories=tuple(categories),
                ),
                line,
            )
        )

    # No two rule sets may claim the same year.
    ordered = sorted(rule_sets, key=lambda pair: pair[0].first_year)
    for (earlier, earlier_line), (later, later_line) in zip(ordered, ordered[1:]):
        if earlier.last_year is None or earlier.last_year >= later.first_year:
            end = "og frem" if earlier.last_year is None else f"til {earlier.last_year}"
            problems.append(
                PlanError(
                    Location(path, line=later_line, column="fra_aar"),
                    f"Regelsættene «{earlier.id}» (linje {earlier_line}, fra {earlier.first_year} {end}) "
                    f"og «{later.id}» (fra {later.first_year}) gælder for de samme år.",
                    f"Sæt «til_aar» for «{earlier.id}» til {later.first_year - 1}, "
                    f"eller ret «fra_aar» for «{later.id}», så perioderne ikke overlapper.",
                )
            )
    if problems:
        problems.sort(key=lambda p: p.location.line or 0)
        raise PlanErrors(problems)
    return CriteriaRules(rule_sets=tuple(r for r, _ in ordered), units=units)
