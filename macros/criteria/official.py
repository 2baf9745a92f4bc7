"""The official lists beside the plan's own computation: published values evaluated, and the two compared.

Pure functions on the register (:mod:`macros.criteria.lists`), the rules and
the engine. Where a list's criterion values are public, they are evaluated
with the rules of that year in place of the example values; otherwise the
engine's verdict from Tabel 18 is used. The ministry's list is always the
one that counts: a comparison only says whether the computation agrees.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from macros.core.thresholds import Status, compare
from macros.criteria.engine import (
    CategoryResult,
    CriteriaEngine,
    CriterionResult,
    YearResult,
    evaluate_category,
)
from macros.criteria.lists import RESIDENTS, OfficialList, OfficialLists, Placement, PublishedValue, PublishedValues
from macros.criteria.rules import Category, Criterion, RuleSet

#: Why a criterion is unknown when its value was not published with the list.
NOT_PUBLISHED = "Værdien er ikke offentliggjort i kilderne."


class Basis(enum.Enum):
    """What the computed verdict of a year rests on."""

    PUBLISHED = "offentlige kriterieværdier"
    EXAMPLE = "eksempeldata"
    TABLE = "planens kriterieværdier"


class Agreement(enum.Enum):
    AGREE = "stemmer overens"
    DISAGREE = "afviger"
    UNCOMPARABLE = "kan ikke sammenlignes"
    NO_OFFICIAL = "ingen kendt placering"

    @property
    def icon(self) -> str:
        return {"stemmer overens": "✔", "afviger": "≠", "kan ikke sammenlignes": "?", "ingen kendt placering": "–"}[
            self.value
        ]

    @property
    def css(self) -> str:
        return {
            "stemmer overens": "stemmer",
            "afviger": "afviger",
            "kan ikke sammenlignes": "ukendt",
            "ingen kendt placering": "ingen",
        }[self.value]


# --- published values -----------------------------------------------------------------------


@dataclass(frozen=True)
class PublishedResult:
    """One published value against the rule (or against each published threshold)."""

    criterion: Criterion
    published: PublishedValue | None
    status: Status
    by_threshold: tuple[tuple[float, str, Status], ...] = ()  # (threshold, source id, status)

    @property
    def threshold_disputed(self) -> bool:
        return len({t for t, _, _ in self.by_threshold}) > 1


def _published_result(criterion: Criterion, published: PublishedValue | None) -> PublishedResult:
    if published is None:
        return PublishedResult(criterion, None, Status.UNKNOWN)
    if not published.thresholds:
        met = compare(criterion.operator, published.value, criterion.threshold)
        return PublishedResult(criterion, published, Status.MET if met else Status.NOT_MET)
    by_threshold = tuple(
        (t.value, t.source_id, Status.MET if compare(criterion.operator, published.value, t.value) else Status.NOT_MET)
        for t in published.thresholds
    )
    statuses = {s for _, _, s in by_threshold}
    # Sources that disagree on the threshold decide nothing unless the verdict is the same for all.
    status = statuses.pop() if len(statuses) == 1 else Status.UNKNOWN
    return PublishedResult(criterion, published, status, by_threshold)


def evaluate_published(values: PublishedValues, rule_set: RuleSet, area_id: str, year: int):
    """The year's verdict from the published values: ``(YearResult, [PublishedResult …])``.

    A category built on consecutive years cannot be decided from one year's
    values; it is "kan ikke vurderes" with the reason.
    """
    residents = _published_result(rule_set.residents, values.value(RESIDENTS))
    results = [_published_result(c, values.value(c.id)) for c in rule_set.criteria]

    def as_result(item: PublishedResult) -> CriterionResult:
        value = item.published.value if item.published is not None else None
        reason = "" if item.status is not Status.UNKNOWN else (
            NOT_PUBLISHED if item.published is None else "Kilderne er uenige om grænsen, og værdien ligger imellem."
        )
        return CriterionResult(item.criterion, year, item.status, value, (year,), reason=reason)

    by_id = {item.criterion.id: as_result(item) for item in results}
    residents_result = as_result(residents)
    categories = []
    for category in rule_set.categories:
        if category.is_consecutive:
            categories.append(
                CategoryResult(
                    category,
                    year,
                    Status.UNKNOWN,
                    reason=(
                        f"{category.name} kræver {category.consecutive_years} år i træk, og de offentlige tal "
                        f"dækker kun {year}."
                    ),
                    explanation="",
                )
            )
        else:
            categories.append(evaluate_category(category, residents_result, by_id, year))
    year_result = YearResult(area_id, year, rule_set, residents_result, tuple(by_id.values()), tuple(categories))
    return year_result, [residents] + results


def published_year_results(lists: OfficialLists | None, rules, area_id: str) -> dict[int, YearResult]:
    """Every year with published criterion values for *area_id*: year → verdict from those values."""
    found: dict[int, YearResult] = {}
    if lists is None:
        return found
    for official in lists.lists:
        placement = official.placement(area_id)
        if placement is not None and placement.published is not None:
            found[official.year] = evaluate_published(placement.published, rules.by_id(official.rule_set_id),
                                                      area_id, official.year)[0]
    return found


# --- comparing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryComparison:
    category: Category  # with the period's own name
    official: bool | None  # on / not on / not stated
    computed: Status
    agreement: Agreement


@dataclass(frozen=True)
class YearComparison:
    area_id: str
    year: int
    official_list: OfficialList
    placement: Placement | None
    verdict: YearResult
    basis: Basis
    categories: tuple[CategoryComparison, ...]

    @property
    def agreement(self) -> Agreement:
        stated = [c for c in self.categories if c.official is not None]
        if self.placement is None or not stated:
            return Agreement.NO_OFFICIAL
        if any(c.agreement is Agreement.DISAGREE for c in stated):
            return Agreement.DISAGREE
        if all(c.agreement is Agreement.AGREE for c in stated):
            return Agreement.AGREE
        return Agreement.UNCOMPARABLE

    @property
    def disagreements(self) -> list[CategoryComparison]:
        return [c for c in self.categories if c.agreement is Agreement.DISAGREE]


def _agreement(official: bool | None, computed: Status) -> Agreement:
    if official is None:
        return Agreement.NO_OFFICIAL
    if computed is Status.UNKNOWN:
        return Agreement.UNCOMPARABLE
    return Agreement.AGREE if official == (computed is Status.MET) else Agreement.DISAGREE


def compare_year(engine: CriteriaEngine, official: OfficialList, area_id: str, example_data: bool) -> YearComparison:
    """The official placement of *area_id* on one list beside the computed verdict of that year."""
    rule_set = engine.rules.by_id(official.rule_set_id)
    placement = official.placement(area_id)
    if placement is not None and placement.published is not None:
        verdict, _ = evaluate_published(placement.published, rule_set, area_id, official.year)
        basis = Basis.PUBLISHED
    else:
        verdict = engine.evaluate(area_id, official.year)
        basis = Basis.EXAMPLE if example_data else Basis.TABLE
    categories = []
    for category in rule_set.categories:
        computed = verdict.category(category.id)
        status = computed.status if computed is not None else Status.UNKNOWN
        stated = placement.official(category.id) if placement is not None else None
        categories.append(CategoryComparison(category, stated, status, _agreement(stated, status)))
    return YearComparison(area_id, official.year, official, placement, verdict, basis, tuple(categories))


def area_comparisons(engine: CriteriaEngine, lists: OfficialLists, area_id: str, example_data: bool):
    """One comparison per list in the register, newest first."""
    return [compare_year(engine, official, area_id, example_data) for official in lists.lists]


def disagreement_text(comparison: YearComparison) -> str:
    """Plain Danish: where the computation and the official list disagree, and which one counts."""
    parts = []
    for item in comparison.disagreements:
        name = item.category.name
        if item.official:
            parts.append(f"området stod på listen «{name}», men beregningen når ikke frem til det")
        else:
            parts.append(f"området stod ikke på listen «{name}», men beregningen siger, at det opfylder betingelserne")
    if not parts:
        return ""
    text = "; ".join(parts)
    why = (
        " Beregningen bygger på eksempeldata."
        if comparison.basis is Basis.EXAMPLE
        else ""
    )
    return f"Ministeriets liste {comparison.year} og beregningen er uenige: {text}. Det er ministeriets liste, der gælder.{why}"
