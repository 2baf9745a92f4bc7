"""Spending against the budget: per year, theme and party, the share used, and the actual co-financing share."""

from __future__ import annotations

from dataclasses import dataclass

from macros.budget.cofinancing import CofinancingResult, cofinancing
from macros.budget.load import Budget, CofinancingRule
from macros.budget.spending import Spending, SpendingYear


@dataclass(frozen=True)
class Comparison:
    label_id: str  # a year (as text), a theme id or a party id
    budgeted: int
    spent: int

    @property
    def share(self) -> float | None:
        """Spent as percent of budgeted (None when nothing was budgeted)."""
        return None if self.budgeted <= 0 else self.spent / self.budgeted * 100


@dataclass(frozen=True)
class Followup:
    years: tuple[tuple[SpendingYear, Comparison], ...]
    budget_total: int  # the whole plan period
    spent_total: int
    budget_so_far: int  # the budget of the years with spending
    themes: tuple[Comparison, ...]  # spent vs the budget of the years with spending
    parties: tuple[Comparison, ...]
    cofinancing: CofinancingResult  # LBF's rule applied to what was actually spent

    @property
    def used_share(self) -> float | None:
        """The share of the whole period's budget spent so far (percent)."""
        return None if self.budget_total <= 0 else self.spent_total / self.budget_total * 100


def followup(budget: Budget, spending: Spending, rule: CofinancingRule) -> Followup:
    actual = spending.actual
    years = tuple(
        (item, Comparison(str(item.year), budget.amount(year=item.year), actual.amount(year=item.year)))
        for item in spending.years
    )
    so_far = [item.year for item in spending.years]

    def budgeted(**kwargs) -> int:
        return sum(budget.amount(year=y, **kwargs) for y in so_far)

    def spent(**kwargs) -> int:
        return sum(actual.amount(year=y, **kwargs) for y in so_far)

    return Followup(
        years=years,
        budget_total=budget.amount(),
        spent_total=actual.amount(),
        budget_so_far=budgeted(),
        themes=tuple(Comparison(t.id, budgeted(theme=t.id), spent(theme=t.id)) for t in budget.themes),
        parties=tuple(Comparison(p, budgeted(party=p), spent(party=p)) for p in budget.party_ids),
        cofinancing=cofinancing(actual, rule),
    )
