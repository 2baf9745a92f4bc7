"""What one plan year holds, worked out from the plan, the build's day and the commits (pure).

A *plan year* is a calendar year inside the plan period (``data/plan.yaml``).
It covers the days from the later of 1 January and the plan's start to the
earlier of 31 December, the plan's end and the build's day ("today", fixed by
``PLAN_TODAY``). A year that is not over on that day is *preliminary*
(foreløbig): its report says what is known so far.

Everything is computed as it stood on the year's last covered day, so a
report for 2025 built in 2027 says the same as one built on 31 December 2025
(apart from facts recorded later about that year, e.g. a completion date).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from macros.approvals.load import Approval
from macros.budget.followup import Comparison, Followup, followup
from macros.budget.spending import Spending, SpendingYear
from macros.core import gitrepo
from macros.core.errors import Location, PlanError
from macros.criteria.lists import OfficialList
from macros.followup.compute import PLAN_UNIT, FollowUp, IndicatorSeries
from macros.followup.progress import BEHIND, ON_TRACK, ORDER, REACHED, as_of_year
from macros.milestones.load import (
    CURRENT,
    DONE,
    OVERDUE,
    UNCONFIRMED,
    UPCOMING,
    Decision,
    Milestone,
)
from macros.plan import Plan

#: The milestone status that says a deadline was moved.
POSTPONED = "udskudt"
#: ``PLAN_AARSSTATUS`` / ``make aarsstatus``: no reports at all.
NONE = "ingen"


@dataclass(frozen=True)
class PlanYear:
    year: int
    start: dt.date  # first day covered
    end: dt.date  # last day covered: the day the report stands on
    preliminary: bool  # the year was not over on the build's day

    @property
    def label(self) -> str:
        return f"{self.year} (foreløbig)" if self.preliminary else str(self.year)


def plan_years(start: dt.date, end: dt.date, today: dt.date) -> list[PlanYear]:
    """Every plan year that has begun by *today*, oldest first (*start*–*end*: the plan period)."""
    years = []
    for year in range(start.year, min(end.year, today.year) + 1):
        first = max(start, dt.date(year, 1, 1))
        last_day = min(end, dt.date(year, 12, 31))
        if first > today:
            continue
        years.append(PlanYear(year, first, min(last_day, today), preliminary=today <= last_day))
    return years


def select_years(years: list[PlanYear], selection: str, where: str = "miljøvariablen PLAN_AARSSTATUS") -> list[PlanYear]:
    """The years named in *selection* (comma-separated; empty: all; ``ingen``: none)."""
    if selection.strip() == NONE:
        return []
    wanted = [s.strip() for s in selection.split(",") if s.strip()]
    if not wanted:
        return list(years)
    known = {str(y.year): y for y in years}
    for item in wanted:
        if item not in known:
            span = f"{years[0].year}–{years[-1].year}" if years else "ingen endnu"
            raise PlanError(
                Location(where),
                f"Der kan ikke laves en årsstatus for «{item}»: året er ikke et planår, der er begyndt "
                f"(planår indtil nu: {span}).",
                "Skriv et af planårene, fx AAR=" + (str(years[-1].year) if years else "<år>")
                + ". Planperioden står i data/plan.yaml, og dagen styres af PLAN_TODAY.",
            )
    return [known[item] for item in dict.fromkeys(wanted)]


# --- the parts of a year -----------------------------------------------------------------


@dataclass(frozen=True)
class YearMilestones:
    reached: tuple[Milestone, ...]  # completed on a known day within the year
    late: tuple[Milestone, ...]  # deadline passed within the year, not completed
    still_late: tuple[Milestone, ...]  # deadline passed before the year, still not completed
    unconfirmed: tuple[Milestone, ...]  # deadline passed within the year, the sources do not say
    moved: tuple[Milestone, ...]  # postponed (status «udskudt»), deadline not before the year
    coming: tuple[Milestone, ...]  # the rest of a preliminary year


def _within(day: dt.date | None, period: PlanYear) -> bool:
    return day is not None and period.start <= day <= period.end


def year_milestones(milestones, period: PlanYear) -> YearMilestones:
    on = period.end
    year_end = dt.date(period.year, 12, 31)

    def completed(m: Milestone) -> dt.date | None:
        point = m.completion.point if m.completion is not None else None
        return point.first if point is not None and m.status == DONE else None

    def ordered(items):
        return tuple(sorted(items, key=lambda m: m.sort_key()))

    fixed = [m for m in milestones if m.deadline.is_fixed]
    return YearMilestones(
        reached=tuple(sorted((m for m in milestones if _within(completed(m), period)), key=completed)),
        late=ordered(m for m in fixed if m.situation(on) == OVERDUE and m.deadline.end >= period.start),
        still_late=ordered(m for m in fixed if m.situation(on) == OVERDUE and m.deadline.end < period.start),
        unconfirmed=ordered(m for m in fixed if m.situation(on) == UNCONFIRMED and _within(m.deadline.end, period)),
        moved=ordered(m for m in milestones if m.status == POSTPONED and m.situation(on) != OVERDUE
                      and (not m.deadline.is_fixed or m.deadline.end >= period.start)),
        coming=ordered(m for m in fixed if period.preliminary and m.situation(on) in (CURRENT, UPCOMING)
                       and m.deadline.start <= year_end),
    )


@dataclass(frozen=True)
class YearIndicators:
    followup: FollowUp  # values up to the year, statuses decided again from them
    counts: dict[str, int]  # status kind -> number of indicators, for the plan as a whole
    behind_by_area: dict[str, int]  # area id -> number of indicators behind
    example: bool

    @property
    def series(self) -> list[IndicatorSeries]:
        return list(self.followup.series.values())


def year_indicators(plan: Plan, period: PlanYear) -> YearIndicators | None:
    if plan.followup is None or not plan.followup.series:
        return None
    result = as_of_year(plan.followup, period.year)
    items = list(result.series.values())
    counts = {kind: sum(1 for s in items if s.statuses[PLAN_UNIT].kind == kind) for kind in ORDER}
    behind = {a: sum(1 for s in items if s.statuses[a].kind == BEHIND) for a in plan.facts.area_ids}
    return YearIndicators(result, counts, behind, any(s.example for s in items))


@dataclass(frozen=True)
class YearSpending:
    spending: Spending  # only the years up to the report's year
    result: Followup
    item: SpendingYear | None  # the report's year, when spending is recorded for it
    comparison: Comparison | None


def year_spending(plan: Plan, period: PlanYear) -> YearSpending | None:
    if plan.spending is None or plan.budget is None or plan.lbf_requirements is None:
        return None
    spending = plan.spending.up_to(period.year)
    result = followup(plan.budget, spending, plan.lbf_requirements.cofinancing)
    found = next(((item, c) for item, c in result.years if item.year == period.year), (None, None))
    return YearSpending(spending, result, found[0], found[1])


@dataclass(frozen=True)
class YearChanges:
    commits: tuple[gitrepo.Commit, ...] | None  # None: built outside git
    approvals: tuple[Approval, ...]


@dataclass(frozen=True)
class YearSummary:
    period: PlanYear
    indicators: YearIndicators | None
    milestones: YearMilestones
    decisions: tuple[Decision, ...]
    spending: YearSpending | None
    official_list: OfficialList | None  # the list of 1 December of the year, when registered
    changes: YearChanges

    @property
    def example_data(self) -> bool:
        return bool((self.indicators and self.indicators.example)
                    or (self.spending and self.spending.spending.example_data))


def year_summary(plan: Plan, period: PlanYear, commits: list[gitrepo.Commit] | None) -> YearSummary:
    """Everything the report for *period* says; *commits*: the plan's history, newest first."""
    decisions = sorted((d for d in plan.decisions.values() if _within(d.date, period)), key=lambda d: d.date)
    lists = plan.official_lists
    approvals = plan.approvals.approvals if plan.approvals else ()
    return YearSummary(
        period=period,
        indicators=year_indicators(plan, period),
        milestones=year_milestones(plan.milestones, period),
        decisions=tuple(decisions),
        spending=year_spending(plan, period),
        official_list=lists.for_year(period.year) if lists is not None else None,
        changes=YearChanges(
            None if commits is None else tuple(c for c in commits if _within(c.date, period)),
            tuple(sorted((a for a in approvals if _within(a.date, period)), key=lambda a: a.date)),
        ),
    )


#: Status kinds counted as going well in the summary.
GOING_WELL = (REACHED, ON_TRACK)
