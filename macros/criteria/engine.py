"""The criteria engine: is an area on the statutory lists in a given year, and why?

Pure functions on a pure input structure (:class:`CriteriaInputs`: yearly
values per area or comparison unit, year and Tabel 18 category) and the rules
from ``data/kriterier/regler.yaml`` (:mod:`macros.criteria.rules`). No
threshold, window or operator is written here.

Three outcomes everywhere: *opfyldt*, *ikke opfyldt* and *kan ikke vurderes*.
A missing input never becomes a guess: it makes the criterion "kan ikke
vurderes" with the reason, and a category is only decided when the known
criteria decide it on their own (e.g. 2 of 4 met is enough for "2 of 4",
whatever the unknown ones are).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Mapping

from macros.core import danish
from macros.core.thresholds import PRECISION, Status, compare
from macros.criteria.rules import Category, CriteriaRules, Criterion, RuleSet

#: Tabel 18 categories in plain Danish (for messages about missing values).
MEASURE_NAMES = {
    "beboere": "antal beboere",
    "uden_arbejde_uddannelse": "andel uden arbejde eller uddannelse",
    "doemte": "andel dømte",
    "kun_grundskole": "andel med kun grundskole",
    "indkomst_pct_region": "indkomst i procent af regionen",
    "ikke_vestlige": "andel indvandrere og efterkommere fra ikke-vestlige lande",
}

#: Comparison units in plain Danish.
UNIT_NAMES = {"hele-landet": "landsgennemsnittet", "slagelse-kommune": "Slagelse Kommune"}


# --- inputs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CriteriaInputs:
    """Yearly values: ``values[unit][year][measure]``.

    ``unit`` is an area id or a comparison unit (``hele-landet``); ``measure``
    a Tabel 18 category; values are yearly (not averaged), percentages 0–100.
    ``missing_reason`` is set when the whole table is unavailable.
    """

    values: Mapping[str, Mapping[int, Mapping[str, float]]] = field(default_factory=dict)
    example_data: bool = False
    missing_reason: str = ""
    #: Why a single value is missing, e.g. suppressed for privacy: ``{(unit, year, measure): reason}``.
    gaps: Mapping[tuple[str, int, str], str] = field(default_factory=dict)

    def value(self, unit: str, year: int, measure: str) -> float | None:
        value = self.values.get(unit, {}).get(year, {}).get(measure)
        return None if value is None else float(value)

    @property
    def years(self) -> list[int]:
        return sorted({y for per_unit in self.values.values() for y in per_unit})

    def units(self) -> list[str]:
        return list(self.values)


# --- results ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionResult:
    criterion: Criterion
    year: int
    status: Status
    value: float | None = None  # in the criterion's unit (averaged, converted, or a ratio)
    years_used: tuple[int, ...] = ()
    area_average: float | None = None  # before a ratio (in Tabel 18's unit)
    reference_average: float | None = None  # e.g. the national average
    reason: str = ""  # why it cannot be assessed

    @property
    def margin(self) -> float | None:
        """Value minus threshold (positive: above the threshold)."""
        if self.value is None:
            return None
        return round(self.value - self.criterion.threshold, PRECISION)


@dataclass(frozen=True)
class CategoryResult:
    category: Category
    year: int
    status: Status
    met: tuple[CriterionResult, ...] = ()
    not_met: tuple[CriterionResult, ...] = ()
    unknown: tuple[CriterionResult, ...] = ()
    chain: tuple[tuple[int, Status, str], ...] = ()  # consecutive years: (year, status, period name)
    reason: str = ""
    explanation: str = ""


@dataclass(frozen=True)
class YearResult:
    area: str
    year: int
    rule_set: RuleSet | None
    residents: CriterionResult | None
    criteria: tuple[CriterionResult, ...]
    categories: tuple[CategoryResult, ...]
    reason: str = ""  # set when no rule set applies

    def category(self, category_id: str) -> CategoryResult | None:
        return next((c for c in self.categories if c.category.id == category_id), None)

    def criterion(self, criterion_id: str) -> CriterionResult | None:
        return next((c for c in self.criteria if c.criterion.id == criterion_id), None)


# --- comparing ---------------------------------------------------------------------------


def _years_label(years) -> str:
    years = list(years)
    if not years:
        return ""
    if len(years) == 1:
        return str(years[0])
    return f"{years[0]}–{years[-1]}"


def evaluate_criterion(criterion: Criterion, inputs: CriteriaInputs, area: str, year: int) -> CriterionResult:
    """One criterion for one area and year: average over the window, ratio if asked, compare."""
    years = tuple(range(year - criterion.window + 1, year + 1))
    if inputs.missing_reason:
        return CriterionResult(criterion, year, Status.UNKNOWN, years_used=years, reason=inputs.missing_reason)
    measure_name = MEASURE_NAMES.get(criterion.measure, criterion.measure)
    missing = [y for y in years if inputs.value(area, y, criterion.measure) is None]
    if missing:
        window = f" (kriteriet bruger gennemsnittet af {_years_label(years)})" if len(years) > 1 else ""
        why = [inputs.gaps[(area, y, criterion.measure)] for y in missing if (area, y, criterion.measure) in inputs.gaps]
        extra = f" {' '.join(dict.fromkeys(why))}" if why else ""
        return CriterionResult(
            criterion,
            year,
            Status.UNKNOWN,
            years_used=years,
            reason=f"Tabel 18 mangler værdien «{measure_name}» for {', '.join(map(str, missing))}{window}.{extra}",
        )
    area_average = sum(inputs.value(area, y, criterion.measure) for y in years) / len(years)
    value = area_average * criterion.factor
    reference = None
    if criterion.compare_with:
        reference_name = UNIT_NAMES.get(criterion.compare_with, criterion.compare_with)
        missing = [y for y in years if inputs.value(criterion.compare_with, y, criterion.measure) is None]
        if missing:
            return CriterionResult(
                criterion,
                year,
                Status.UNKNOWN,
                years_used=years,
                area_average=area_average,
                reason=f"Tabel 18 mangler {reference_name} («{measure_name}») for {', '.join(map(str, missing))}.",
            )
        reference = sum(inputs.value(criterion.compare_with, y, criterion.measure) for y in years) / len(years)
        if reference <= 0:
            return CriterionResult(
                criterion,
                year,
                Status.UNKNOWN,
                years_used=years,
                area_average=area_average,
                reference_average=reference,
                reason=f"{reference_name.capitalize()} er 0, så forholdet kan ikke beregnes.",
            )
        value = area_average / reference
    status = Status.MET if compare(criterion.operator, value, criterion.threshold) else Status.NOT_MET
    return CriterionResult(criterion, year, status, value, years, area_average, reference)


def _combine(statuses) -> Status:
    statuses = list(statuses)
    if Status.NOT_MET in statuses:
        return Status.NOT_MET
    if Status.UNKNOWN in statuses:
        return Status.UNKNOWN
    return Status.MET


def evaluate_category(
    category: Category, residents: CriterionResult, results: Mapping[str, CriterionResult], year: int
) -> CategoryResult:
    """A category that depends on this year's criteria (not a consecutive-years category)."""
    parts: list[Status] = [residents.status]
    used = [residents] + [results[c] for c in category.required] + [results[c] for c in category.of]
    for criterion_id in category.required:
        parts.append(results[criterion_id].status)
    count_status = Status.MET
    if category.at_least is not None:
        of = [results[c] for c in category.of]
        met = sum(r.status is Status.MET for r in of)
        unknown = sum(r.status is Status.UNKNOWN for r in of)
        if met >= category.at_least:
            count_status = Status.MET
        elif met + unknown < category.at_least:
            count_status = Status.NOT_MET
        else:
            count_status = Status.UNKNOWN
        parts.append(count_status)
    status = _combine(parts)
    unique = list({id(r): r for r in used}.values())
    result = CategoryResult(
        category,
        year,
        status,
        met=tuple(r for r in unique if r.status is Status.MET),
        not_met=tuple(r for r in unique if r.status is Status.NOT_MET),
        unknown=tuple(r for r in unique if r.status is Status.UNKNOWN),
    )
    explanation, reason = explain_category(result, residents, results)
    return replace(result, explanation=explanation, reason=reason)


class CriteriaEngine:
    """Evaluates areas and years, remembering each (area, year) so chains of years are cheap."""

    def __init__(self, rules: CriteriaRules, inputs: CriteriaInputs):
        self.rules = rules
        self.inputs = inputs
        self._cache: dict[tuple[str, int], YearResult] = {}

    def _basic(self, area: str, year: int) -> YearResult:
        key = (area, year)
        if key in self._cache:
            return self._cache[key]
        rule_set = self.rules.for_year(year)
        if rule_set is None:
            result = YearResult(area, year, None, None, (), (), reason=f"Der er ingen regler for listerne i {year}.")
        else:
            residents = evaluate_criterion(rule_set.residents, self.inputs, area, year)
            results = {c.id: evaluate_criterion(c, self.inputs, area, year) for c in rule_set.criteria}
            categories = tuple(
                evaluate_category(k, residents, results, year) for k in rule_set.categories if not k.is_consecutive
            )
            result = YearResult(area, year, rule_set, residents, tuple(results.values()), categories)
        self._cache[key] = result
        return result

    def evaluate(self, area: str, year: int) -> YearResult:
        """Every criterion and category (including consecutive-years ones) for *area* in *year*."""
        basic = self._basic(area, year)
        if basic.rule_set is None:
            return basic
        categories = []
        for category in basic.rule_set.categories:
            if category.is_consecutive:
                categories.append(self._consecutive(category, area, year))
            else:
                categories.append(basic.category(category.id))
        return YearResult(area, year, basic.rule_set, basic.residents, basic.criteria, tuple(categories))

    def _consecutive(self, category: Category, area: str, year: int) -> CategoryResult:
        target = category.consecutive_category
        chain = []
        for y in range(year - category.consecutive_years + 1, year + 1):
            basic = self._basic(area, y)
            found = basic.category(target) if basic.rule_set else None
            if found is None:
                reason = basic.reason or f"Reglerne for {y} har ingen tilsvarende kategori."
                chain.append((y, Status.UNKNOWN, reason))
            else:
                chain.append((y, found.status, found.category.name))
        status = _combine(s for _, s, _ in chain)
        result = CategoryResult(category, year, status, chain=tuple(chain))
        explanation, reason = explain_consecutive(result, self.rules)
        return replace(result, explanation=explanation, reason=reason)

    def area_years(self, area: str, years) -> list[YearResult]:
        return [self.evaluate(area, y) for y in years]


# --- plain Danish ------------------------------------------------------------------------


def lc(name: str) -> str:
    """A name inside a sentence: first letter lower-case, acronyms kept (``Ghettoområde (SUB)``)."""
    if len(name) > 1 and name[1].isupper():
        return name
    return name[:1].lower() + name[1:]


def _num(value: float, decimals: int) -> str:
    return danish.number(round(value, PRECISION), decimals)


def format_value(value: float, criterion: Criterion) -> str:
    unit = criterion.unit
    return f"{_num(value, unit.decimals)}{danish.NBSP}{unit.sign}"


def format_threshold(criterion: Criterion) -> str:
    """``overstiger 40 %`` (the threshold written as the law does)."""
    return f"{criterion.operator_word} {danish.number(criterion.threshold)}{danish.NBSP}{criterion.unit.sign}"


def format_rule(criterion: Criterion) -> str:
    """``overstiger 40 % af beboerne 18–64 år (gennemsnit af 2 år)``"""
    text = f"{format_threshold(criterion)} {criterion.basis}"
    if criterion.window > 1:
        text += f" (gennemsnit af {criterion.window} år)"
    return text


def _is_residents(criterion: Criterion) -> bool:
    return criterion.measure == "beboere"


def margin_text(result: CriterionResult) -> str:
    """How far the value is from the threshold, with a direction word a resident can read:
    ``bedre end grænsen med 7,7 procentpoint`` (the safe side: the criterion is not met) /
    ``dårligere end grænsen med 2,1 procentpoint`` (the criterion is met) /
    ``præcis på grænsen, og det tæller som …``. For a neutral figure (``neutrale_maal``,
    e.g. the share of immigrants): ``4,1 procentpoint over grænsen``. For the number of residents:
    ``784 flere beboere end grænsen`` / ``200 færre …``."""
    if result.value is None:
        return ""
    margin = result.margin
    unit = result.criterion.unit
    counted = "opfyldt" if result.status is Status.MET else "ikke opfyldt"
    if margin == 0:
        return f"præcis på grænsen, og det tæller som {counted}"
    if _is_residents(result.criterion):
        word = "flere" if margin > 0 else "færre"
        return f"{_num(abs(margin), unit.decimals)} {word} beboere end grænsen"
    if result.criterion.neutral:
        side = "over" if margin > 0 else "under"
        if round(margin, unit.decimals) == 0:
            return f"lige {side} grænsen"
        return f"{_num(abs(margin), unit.decimals)}{danish.NBSP}{unit.difference} {side} grænsen"
    side = "dårligere" if result.status is Status.MET else "bedre"
    if round(margin, unit.decimals) == 0:
        smallest = _num(10 ** -unit.decimals, unit.decimals)
        return f"{side} end grænsen med mindre end {smallest}{danish.NBSP}{unit.difference}"
    return f"{side} end grænsen med {_num(abs(margin), unit.decimals)}{danish.NBSP}{unit.difference}"


def explain_criterion(result: CriterionResult) -> str:
    """One or two plain-Danish sentences: value, rule, verdict."""
    criterion = result.criterion
    if result.status is Status.UNKNOWN:
        return f"Kan ikke vurderes: {result.reason}"
    years = _years_label(result.years_used)
    what = "Gennemsnittet" if len(result.years_used) > 1 else "Værdien"
    if criterion.compare_with and result.reference_average is not None:
        reference = UNIT_NAMES.get(criterion.compare_with, criterion.compare_with)
        value = (
            f"{what} for {years} er {_num(result.area_average, 2)}{danish.NBSP}%, "
            f"og {reference} er {_num(result.reference_average, 2)}{danish.NBSP}%: "
            f"det er {format_value(result.value, criterion)} {reference}."
        )
    else:
        value = f"{what} for {years} er {format_value(result.value, criterion)} {criterion.basis}."
    if _is_residents(criterion):
        verdict = ("Loven gælder derfor for området" if result.status is Status.MET
                   else "Loven gælder derfor ikke for området")
    else:
        verdict = "Kriteriet er opfyldt" if result.status is Status.MET else "Kriteriet er ikke opfyldt"
    return f"{value} Grænsen: {format_threshold(criterion)}. {verdict} ({margin_text(result)})."


def change_text(result: CriterionResult) -> str:
    """What would change the result: how far the value is from flipping it."""
    criterion = result.criterion
    if result.value is None:
        return ""
    margin = abs(result.margin)
    unit = criterion.unit
    amount = f"{_num(margin, unit.decimals)}{danish.NBSP}{unit.difference}"
    limit = f"{danish.number(criterion.threshold)}{danish.NBSP}{unit.sign}"
    upward = criterion.operator in (">", ">=")
    strict = criterion.operator in (">", "<")
    if result.status is Status.MET:
        # Leaving: the value must cross back over the limit.
        move = "falde" if upward else "stige"
        if strict:
            end = f"til {limit} eller der{'under' if upward else 'over'}"
            size = f"med {amount}"
        else:
            end = f"til {'under' if upward else 'over'} {limit}"
            size = f"med mere end {amount}"
        return f"Kriteriet er ikke længere opfyldt, hvis værdien {move}r {size} {end}."
    move = "stige" if upward else "falde"
    if strict:
        end = f"til {'over' if upward else 'under'} {limit}"
        size = f"med mere end {amount}" if margin else "en smule"
    else:
        end = f"til {limit} eller der{'over' if upward else 'under'}"
        size = f"med {amount}"
    return f"Kriteriet bliver først opfyldt, hvis værdien {move}r {size} {end}."


def explain_category(result: CategoryResult, residents: CriterionResult, results: Mapping[str, CriterionResult]):
    """(explanation, reason) for a this-year category."""
    category = result.category
    name = lc(category.name)
    if residents.status is Status.NOT_MET:
        return (
            f"Området hører ikke under «{name}»: det har {danish.number(residents.value)} beboere, og loven "
            f"gælder kun områder med {format_threshold(residents.criterion)}.",
            "",
        )
    sentences = []
    if residents.status is Status.UNKNOWN:
        sentences.append(f"antallet af beboere kan ikke vurderes ({residents.reason})")
    for criterion_id in category.required:
        required = results[criterion_id]
        crit = required.criterion
        if required.status is Status.MET:
            sentences.append(f"kravet «{crit.name}» ({format_threshold(crit)}) er opfyldt")
        elif required.status is Status.NOT_MET:
            sentences.append(f"kravet «{crit.name}» ({format_threshold(crit)}) er ikke opfyldt")
        else:
            sentences.append(f"kravet «{crit.name}» kan ikke vurderes")
    if category.at_least is not None:
        of = [results[c] for c in category.of]
        met = [r for r in of if r.status is Status.MET]
        unknown = [r for r in of if r.status is Status.UNKNOWN]
        text = f"området opfylder {len(met)} af {len(of)} kriterier, og der skal mindst {category.at_least} til"
        if unknown:
            text += f"; {len(unknown)} kan ikke vurderes"
        sentences.append(text)
    verdict = {
        Status.MET: f"Efter lovens kriterier hører området under «{name}».",
        Status.NOT_MET: f"Efter lovens kriterier hører området ikke under «{name}».",
        Status.UNKNOWN: f"Det kan ikke afgøres, om området hører under «{name}», fordi der mangler tal.",
    }[result.status]
    reason = ""
    if result.status is Status.UNKNOWN:
        reason = " ".join(dict.fromkeys(r.reason for r in result.unknown if r.reason))
    details = "; ".join(sentences)
    return f"{verdict} {details[:1].upper()}{details[1:]}.", reason


def _and_list(items) -> str:
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]


def explain_consecutive(result: CategoryResult, rules: CriteriaRules):
    category = result.category
    needed = category.consecutive_years
    met_years = [y for y, s, _ in result.chain if s is Status.MET]
    not_met = [y for y, s, _ in result.chain if s is Status.NOT_MET]
    unknown = [(y, why) for y, s, why in result.chain if s is Status.UNKNOWN]
    span = _years_label([y for y, _, _ in result.chain])
    names = sorted({why for _, s, why in result.chain if s is not Status.UNKNOWN})
    target = " / ".join(lc(n) for n in names) or category.consecutive_category
    if result.status is Status.MET:
        text = (
            f"Området har opfyldt betingelserne ({target}) i alle {needed} år {span}, "
            f"så det hører under «{lc(category.name)}»."
        )
    elif result.status is Status.NOT_MET:
        text = (
            f"Området hører ikke under «{lc(category.name)}»: det kræver, at området har været {target} {needed} år i træk ({span}), "
            f"men det var det ikke i {_and_list(not_met)}."
        )
    else:
        text = (
            f"Det kan ikke afgøres, om området hører under «{lc(category.name)}»: det kræver, at området har været {target} "
            f"{needed} år i træk ({span}), og {_and_list([y for y, _ in unknown])} kan ikke vurderes."
        )
    reason = " ".join(dict.fromkeys(why for _, why in unknown)) if unknown else ""
    del met_years
    return text, reason


def category_change_text(result: CategoryResult) -> str:
    """What would change a category's result (the nearest criteria to their thresholds)."""
    category = result.category
    if result.status is Status.UNKNOWN or category.is_consecutive:
        if category.is_consecutive and result.status is Status.MET:
            return (
                f"Området hører under «{lc(category.name)}», så længe det hvert år opfylder betingelserne; "
                "opfylder det dem ikke ét år, er det ikke længere på denne liste."
            )
        return ""
    too_few = [r for r in result.not_met if r.criterion.measure == "beboere"]
    if too_few:
        return (
            f"Området har færre beboere, end loven gælder for, så det kommer ikke på listen; det ændrer sig "
            f"kun, hvis beboertallet kommer op på {format_threshold(too_few[0].criterion)}."
        )
    countable = [r for r in result.met + result.not_met if r.criterion.id in category.of]
    if result.status is Status.MET and category.at_least is not None:
        met = [r for r in countable if r.status is Status.MET]
        spare = len(met) - category.at_least + 1
        nearest = sorted(met, key=lambda r: abs(r.margin or 0) / max(abs(r.criterion.threshold), 1e-9))[:spare]
        text = (
            f"Området hører ikke længere under «{lc(category.name)}», hvis {spare} af de {len(met)} opfyldte "
            f"kriterier holder op med at være opfyldt. Tættest på grænsen: "
            + "; ".join(f"{lc(r.criterion.name)} ({margin_text(r)})" for r in nearest)
            + "."
        )
        return text
    if result.status is Status.NOT_MET and category.at_least is not None:
        met = [r for r in countable if r.status is Status.MET]
        missing = category.at_least - len(met)
        if missing <= 0:
            return ""
        candidates = sorted(
            [r for r in countable if r.status is Status.NOT_MET],
            key=lambda r: abs(r.margin or 0) / max(abs(r.criterion.threshold), 1e-9),
        )[:missing]
        more = "ét kriterium mere" if missing == 1 else f"{missing} kriterier mere"
        return (
            f"Området ville først høre under «{lc(category.name)}», hvis {more} end i dag blev opfyldt. "
            f"Nærmest grænsen: " + "; ".join(f"{lc(r.criterion.name)} ({margin_text(r)})" for r in candidates)
            + "."
        )
    return ""
