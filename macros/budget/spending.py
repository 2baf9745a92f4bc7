"""Actual spending (data/oekonomi/forbrug.yaml): its records and its loader.

Spending has the budget's shape (year × financing party × theme), so it is
kept as a :class:`~macros.budget.load.Budget` of actual amounts: the
co-financing rule (:mod:`macros.budget.cofinancing`) applies to it unchanged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from macros.budget.load import Budget, BudgetLine, amount_problems
from macros.core.errors import Location, PlanError, PlanErrors, suggest
from macros.core.yamlio import load_validated
from macros.model.load import known_ids

SPENDING_FILE = Path("oekonomi") / "forbrug.yaml"


@dataclass(frozen=True)
class SpendingYear:
    year: int
    preliminary: bool
    until: dt.date | None  # the date a preliminary figure is counted up to
    note: str
    line: int | None = None


@dataclass(frozen=True)
class Spending:
    example_data: bool
    example_note: str
    years: tuple[SpendingYear, ...]
    actual: Budget  # the amounts spent, in the budget's shape
    source_id: str | None = None

    def year(self, year: int) -> SpendingYear | None:
        return next((y for y in self.years if y.year == year), None)

    def up_to(self, last_year: int) -> "Spending":
        """Only the years up to *last_year* (a plan built as it was on an earlier day shows no later spending)."""
        lines = tuple(line for line in self.actual.lines if line.year <= last_year)
        return replace(
            self,
            years=tuple(y for y in self.years if y.year <= last_year),
            actual=replace(self.actual, lines=lines),
        )


def load_spending(data_dir: Path, budget: Budget, parties, sources, plan_years: range) -> Spending:
    """Load ``data/oekonomi/forbrug.yaml`` against the budget's themes and parties."""
    path = Path(data_dir) / SPENDING_FILE
    raw = load_validated(path, "forbrug", known_ids(sources, parties))
    problems: list[PlanError] = []
    theme_ids = [t.id for t in budget.themes]
    years = []
    for index, item in enumerate(raw["aar"]):
        if item["aar"] not in plan_years:
            problems.append(
                PlanError(
                    Location(path, line=item.line_of("aar"), column="aar"),
                    f"Året {item['aar']} ligger uden for planperioden ({plan_years[0]}–{plan_years[-1]}).",
                    "Ret året, eller ret planperioden i data/plan.yaml.",
                )
            )
        preliminary = item["status"] == "foreloebigt"
        if preliminary and "opgjort_til" not in item:
            problems.append(
                PlanError(
                    Location(path, line=item.line_of("status"), column="opgjort_til"),
                    f"Forbruget for {item['aar']} er foreløbigt, men der står ikke, hvornår det er opgjort.",
                    "Tilføj «opgjort_til: ÅÅÅÅ-MM-DD» (datoen, forbruget er opgjort til).",
                )
            )
        years.append(
            SpendingYear(item["aar"], preliminary, item.get("opgjort_til"), item.get("note", ""),
                         raw["aar"].line_of(index))
        )
    year_ids = [y.year for y in years]
    lines = []
    for index, item in enumerate(raw["poster"]):
        if item["aar"] not in year_ids:
            problems.append(
                PlanError(
                    Location(path, line=item.line_of("aar"), column="aar"),
                    f"Året {item['aar']} står ikke under «aar» øverst i filen.",
                    f"Tilføj «- aar: {item['aar']}» med «status» under «aar», eller ret året i posten.",
                )
            )
        if item["finansiering"] not in budget.party_ids:
            problems.append(
                PlanError(
                    Location(path, line=item.line_of("finansiering"), column="finansiering"),
                    f"«{item['finansiering']}» har ikke noget budget i budget.yaml, så forbruget kan ikke "
                    "sammenlignes.",
                    suggest(item["finansiering"], budget.party_ids),
                )
            )
        amounts = item["beloeb"]
        problems.extend(amount_problems(path, item, theme_ids, "brugt"))
        lines.append(BudgetLine(item["aar"], item["finansiering"], dict(amounts)))
    if not raw["eksempeldata"] and "kilde" not in raw:
        problems.append(
            PlanError(
                Location(path, line=raw.line_of("eksempeldata"), column="kilde"),
                "Forbruget er markeret som rigtige tal, men der står ingen kilde.",
                "Tilføj «kilde: <id fra kilder.yaml>» for regnskabet, eller sæt «eksempeldata: true».",
            )
        )
    if problems:
        problems.sort(key=lambda p: p.location.line or 0)
        raise PlanErrors(problems)
    actual = Budget(
        example_data=raw["eksempeldata"],
        example_note=raw.get("eksempeldata_note", ""),
        themes=budget.themes,
        lines=tuple(lines),
        earlier_grants=(),
        source_id=raw.get("kilde"),
    )
    return Spending(
        example_data=raw["eksempeldata"],
        example_note=raw.get("eksempeldata_note", ""),
        years=tuple(sorted(years, key=lambda y: y.year)),
        actual=actual,
        source_id=raw.get("kilde"),
    )
