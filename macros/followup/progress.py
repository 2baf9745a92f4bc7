"""Progress from the baseline towards the target, and the status it gives.

The rule is data (``data/opfoelgning.yaml``): the expected value in a year lies
on a straight line from the baseline (its year is a decision, its value
computed) to the target; a value no more than ``tolerance`` (a share of the
whole way) behind that line is *på vej*, further behind is *bagud*; a value as
good as the target or better is *nået*. Without a baseline value, a later
value, or when either is hidden by disclosure control, the status is *kan ikke
vurderes*. Every status carries one plain Danish sentence saying why.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from macros.core import danish
from macros.followup.compute import HIDDEN, FollowUp, IndicatorSeries, Value
from macros.followup.load import Indicator, ProgressRule

ON_TRACK = "paa-vej"
BEHIND = "bagud"
REACHED = "naaet"
UNKNOWN = "kan-ikke-vurderes"

#: Status -> (icon, word). The icon is decoration; the word says it.
LABELS = {
    ON_TRACK: ("➜", "På vej"),
    BEHIND: ("⚠", "Bagud"),
    REACHED: ("✓", "Nået"),
    UNKNOWN: ("?", "Kan ikke vurderes"),
}
ORDER = (REACHED, ON_TRACK, BEHIND, UNKNOWN)


@dataclass(frozen=True)
class Status:
    kind: str
    reason: str  # one plain Danish sentence
    share: float | None = None  # fraction of the way from baseline to target (can be < 0 or > 1)
    expected_share: float | None = None

    @property
    def icon(self) -> str:
        return LABELS[self.kind][0]

    @property
    def word(self) -> str:
        return LABELS[self.kind][1]


def format_value(value: float, unit: str, decimals: int = 0) -> str:
    """A value in its unit, the Danish way: ``34,5 %``, ``31,6 pr. 1.000``, ``123``."""
    if unit == "procent":
        return danish.percent(value, decimals)
    if unit == "pr-1000":
        return f"{danish.number(value, decimals)} pr.{danish.NBSP}1.000"
    if unit == "kroner":
        return danish.kroner(value, decimals)
    return danish.number(value, decimals)


def decide(ind: Indicator, unit_id: str, baseline: Value, latest: tuple[int, Value] | None,
           rule: ProgressRule) -> Status:
    """The status of *ind* for *unit_id*: pure, from the baseline value and the latest (year, value)."""
    fmt = lambda v: format_value(v, ind.unit, ind.decimals)  # noqa: E731
    target = ind.target_for(unit_id)
    by = ind.baseline_year
    if baseline.state == HIDDEN:
        return Status(UNKNOWN, f"Tallet for udgangspunktet ({by}) kan ikke vises af hensyn til diskretion, "
                               "så fremdriften kan ikke vurderes.")
    if not baseline.shown:
        return Status(UNKNOWN, f"Der er intet tal for udgangspunktet ({by}), så fremdriften kan ikke vurderes.")
    if latest is None or latest[0] <= by:
        return Status(UNKNOWN, f"Der er endnu ingen måling efter udgangspunktet i {by} "
                               f"({fmt(baseline.value)}).")
    year, value = latest
    if not value.shown:
        return Status(UNKNOWN, f"Det seneste tal ({year}) kan ikke vises af hensyn til diskretion, "
                               "så fremdriften kan ikke vurderes.")
    sign = 1 if ind.direction == "op" else -1
    now, start = value.value, baseline.value
    if sign * (now - target.value) >= 0:
        return Status(REACHED, f"Målet på {fmt(target.value)} for {target.year} er nået: "
                               f"{fmt(now)} i {year}.", None)
    span = target.value - start
    if sign * span <= 0:
        return Status(BEHIND, f"Udgangspunktet ({fmt(start)} i {by}) var bedre end målet på "
                              f"{fmt(target.value)}, men i {year} er tallet {fmt(now)}.")
    got = (now - start) / span
    expected = min(1.0, max(0.0, (year - by) / (target.year - by)))
    expected_value = start + expected * span
    way = danish.percent(got * 100 + 0.0)
    if got < 0:
        text = (f"{fmt(now)} i {year} er længere fra målet ({fmt(target.value)} i {target.year}) "
                f"end udgangspunktet ({fmt(start)} i {by}).")
        return Status(BEHIND, text, got, expected)
    if got >= expected - rule.tolerance:
        text = (f"{fmt(now)} i {year} er {way} af vejen fra udgangspunktet ({fmt(start)} i {by}) mod målet "
                f"({fmt(target.value)} i {target.year}); en ret linje gav {fmt(expected_value)}, og tallet er "
                "inden for tolerancen.")
        return Status(ON_TRACK, text, got, expected)
    text = (f"{fmt(now)} i {year} er kun {way} af vejen fra udgangspunktet ({fmt(start)} i {by}) mod målet "
            f"({fmt(target.value)} i {target.year}); en ret linje gav {fmt(expected_value)}.")
    return Status(BEHIND, text, got, expected)


def assess(series: IndicatorSeries, unit_id: str, rule: ProgressRule) -> Status:
    ind = series.indicator
    return decide(ind, unit_id, series.get(unit_id, ind.baseline_year), series.latest(unit_id), rule)


def as_of_year(followup: FollowUp, year: int) -> FollowUp:
    """*followup* as it stood at the end of *year*: only values measured up to that year,
    and every status decided again from them by the same rule (for the yearly status report)."""
    series = {}
    for ind_id, s in followup.series.items():
        cut = replace(s, years=tuple(y for y in s.years if y <= year),
                      values={k: v for k, v in s.values.items() if k[1] <= year})
        series[ind_id] = replace(cut, statuses={u: assess(cut, u, followup.rule) for u in cut.target_units})
    return FollowUp(series, followup.rule)
