"""The 2017–2021 application's figures under the rules of its time (data/kriterier/historik-2017-2021.yaml): loaded and evaluated."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.core import danish
from macros.core.errors import (
    Location,
    PlanError,
    PlanErrors,
    suggest,
)
from macros.core.yamlio import load_validated
from macros.criteria.engine import (
    CriterionResult,
    Status,
    compare,
)
from macros.criteria.rules import CriteriaRules
from macros.model.load import known_ids

HISTORY_FILE = Path("kriterier") / "historik-2017-2021.yaml"


@dataclass(frozen=True)
class HistoryFigure:
    criterion_id: str
    measured_as: str
    value: float
    unit: str
    converted: float | None
    municipality: float | None
    comparable: bool
    remark: str
    difference: str


@dataclass(frozen=True)
class KnownListing:
    when: str
    text: str
    source_id: str


@dataclass(frozen=True)
class CriteriaHistory:
    rule_set_id: str
    source_id: str
    area_text: str
    residents: int
    residents_note: str
    figures: tuple[HistoryFigure, ...]
    known_listings: tuple[KnownListing, ...]


def load_history(data_dir: Path, rules: CriteriaRules, sources) -> CriteriaHistory:
    path = Path(data_dir) / HISTORY_FILE
    known = known_ids(sources).with_ids("regelsaet", [r.id for r in rules.rule_sets])
    raw = load_validated(path, "kriteriehistorik", known)
    problems: list[PlanError] = []
    rule_set = rules.by_id(raw["regelsaet"])
    figures = []
    for item in raw["tal"]:
        if item["kriterium"] not in [c.id for c in rule_set.criteria]:
            problems.append(
                PlanError(
                    Location(path, line=item.line_of("kriterium"), column="kriterium"),
                    f"Kriteriet «{item['kriterium']}» findes ikke i regelsættet «{rule_set.id}».",
                    suggest(item["kriterium"], [c.id for c in rule_set.criteria]),
                )
            )
        if not item["sammenlignelig"] and "afvigelse" not in item:
            problems.append(
                PlanError(
                    Location(path, line=item.line_of("sammenlignelig"), column="afvigelse"),
                    f"Tallet for «{item['kriterium']}» er markeret som ikke sammenligneligt, men forskellen er ikke forklaret.",
                    "Skriv i «afvigelse», hvordan tallet er opgjort anderledes end kriteriet.",
                )
            )
        figures.append(
            HistoryFigure(
                criterion_id=item["kriterium"],
                measured_as=item["opgoerelse"],
                value=float(item["vaerdi"]),
                unit=item["enhed"],
                converted=item.get("i_kriteriets_enhed"),
                municipality=item.get("kommune"),
                comparable=item["sammenlignelig"],
                remark=item.get("bemaerkning", ""),
                difference=item.get("afvigelse", ""),
            )
        )
    listings = []
    for item in raw.get("kendte_listeplaceringer", []):
        listings.append(KnownListing(item["tidspunkt"], item["tekst"], item["kilde"]))
    if problems:
        raise PlanErrors(problems)
    return CriteriaHistory(
        rule_set_id=raw["regelsaet"],
        source_id=raw["kilde"],
        area_text=raw["omraade"],
        residents=raw["beboere"]["vaerdi"],
        residents_note=raw["beboere"].get("afvigelse", ""),
        figures=tuple(figures),
        known_listings=tuple(listings),
    )


@dataclass(frozen=True)
class HistoryResult:
    figure: HistoryFigure
    result: CriterionResult  # status UNKNOWN when not comparable
    indicative: str  # for non-comparable figures: where the number lies, with the caveat


def evaluate_history(history: CriteriaHistory, rules: CriteriaRules):
    """The application's figures under its rule set; returns (rule set, per-figure results, category)."""
    rule_set = rules.by_id(history.rule_set_id)
    results = []
    for figure in history.figures:
        criterion = rule_set.criterion(figure.criterion_id)
        if figure.comparable:
            status = Status.MET if compare(criterion.operator, figure.value, criterion.threshold) else Status.NOT_MET
            result = CriterionResult(criterion, 0, status, figure.value)
            results.append(HistoryResult(figure, result, ""))
        else:
            result = CriterionResult(
                criterion, 0, Status.UNKNOWN, reason="kan ikke vurderes præcist: " + figure.difference
            )
            indicative = ""
            number = figure.converted if figure.converted is not None else None
            if number is not None:
                side = "over" if compare(">", number, criterion.threshold) else "ikke over"
                indicative = (
                    f"Omregnet svarer tallet til {danish.number(number)}\u00a0{criterion.unit.sign}, "
                    f"hvilket er {side} grænsen – men det måler noget andet end kriteriet."
                )
            results.append(HistoryResult(figure, result, indicative))
    # The category, decided only by what is comparable.
    category = next(c for c in rule_set.categories if not c.is_consecutive)
    of = [r for r in results if r.result.criterion.id in category.of]
    met = sum(r.result.status is Status.MET for r in of)
    unknown = sum(r.result.status is Status.UNKNOWN for r in of) + (len(category.of) - len(of))
    if met >= (category.at_least or 0):
        status = Status.MET
    elif met + unknown < (category.at_least or 0):
        status = Status.NOT_MET
    else:
        status = Status.UNKNOWN
    return rule_set, results, category, status, met, unknown
