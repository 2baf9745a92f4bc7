"""LBF's co-financing rule applied to the budget: the local share against the threshold."""

from __future__ import annotations

from dataclasses import dataclass

from macros.budget.load import Budget, CofinancingRule
from macros.core.thresholds import Status, compare


@dataclass(frozen=True)
class CofinancingResult:
    rule: CofinancingRule
    total: int
    local: int
    status: Status
    share: float | None  # percent 0–100
    by_year: tuple[tuple[int, int, int, float | None], ...]  # year, total, local, share

    @property
    def margin(self) -> float | None:
        return None if self.share is None else self.share - self.rule.threshold


def cofinancing(budget: Budget, rule: CofinancingRule) -> CofinancingResult:
    """Local parties' share of the budget, in total and per year, checked against the rule."""

    def share(total: int, local: int) -> float | None:
        return None if total <= 0 else local / total * 100

    total = budget.amount()
    local = sum(budget.amount(party=p) for p in rule.local_party_ids)
    by_year = []
    for year in budget.years:
        y_total = budget.amount(year=year)
        y_local = sum(budget.amount(year=year, party=p) for p in rule.local_party_ids)
        by_year.append((year, y_total, y_local, share(y_total, y_local)))
    value = share(total, local)
    if value is None:
        status = Status.UNKNOWN
    else:
        status = Status.MET if compare(rule.operator, value, rule.threshold) else Status.NOT_MET
    return CofinancingResult(rule, total, local, status, value, tuple(by_year))
