"""The indicators' values, computed at build time for every area, the plan as a whole,
Slagelse Kommune and the whole country, for every year the data have.

Everything is computed from the *published* beboerdata (after disclosure
control) and the measurements, so a value shown here can always be derived
from what is published already and reveals nothing new:

* a cell that the disclosure control hides gives ``diskretion`` (the page
  says "kan ikke vises (diskretion)"), and so does every value computed from it:
  a share whose count is hidden, a plan total that includes a hidden area;
* a person count of 1–4 is never shown, however it came about;
* a plan-wide share is computed from the summed counts (``antal``), or, where
  only shares exist, as the areas' average weighted by a count the indicator
  names (``vaegtet``); :func:`combine_note` says which.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from macros.followup.load import Cell, Indicator, Measurement, ProgressRule

#: The id of the plan as a whole among the units.
PLAN_UNIT = "hele-planen"
PLAN_UNIT_NAME = "Hele planen"

SHOWN = "vist"
HIDDEN = "diskretion"
MISSING = "mangler"


@dataclass(frozen=True)
class Value:
    value: float | None
    state: str  # SHOWN | HIDDEN | MISSING

    @property
    def shown(self) -> bool:
        return self.state == SHOWN


NO_VALUE = Value(None, MISSING)
HIDDEN_VALUE = Value(None, HIDDEN)


@dataclass(frozen=True)
class IndicatorSeries:
    """One indicator's values: unit × year, with what it is computed from."""

    indicator: Indicator
    units: tuple[str, ...]  # areas, the plan as a whole, then the comparison units that have values
    area_ids: tuple[str, ...]
    names: dict[str, str]
    years: tuple[int, ...]
    values: dict[tuple[str, int], Value]
    how_computed: str  # one Danish sentence: where the values come from
    combine_note: str  # one Danish sentence: how the plan as a whole is computed
    example: bool  # any value or decision is example data
    source_ids: tuple[str, ...] = ()
    statuses: dict = field(default_factory=dict)  # unit id -> progress.Status (set by the assembler)

    def get(self, unit_id: str, year: int) -> Value:
        return self.values.get((unit_id, year), NO_VALUE)

    def latest(self, unit_id: str) -> tuple[int, Value] | None:
        """The last year with a value for *unit_id* (shown or hidden)."""
        for year in reversed(self.years):
            value = self.get(unit_id, year)
            if value.state != MISSING:
                return year, value
        return None

    @property
    def target_units(self) -> tuple[str, ...]:
        """Units with a target and a status: the areas and the plan as a whole."""
        return (*self.area_ids, PLAN_UNIT)


def _published_cells(beboerdata, table_id: str) -> dict[tuple[str, int, str], Value]:
    frame = beboerdata.published(table_id)
    cells = {}
    for unit, year, category, value, state in zip(frame["omraade"], frame["aar"], frame["kategori"],
                                                  frame["vaerdi"], frame["undertrykt"]):
        if state or value is None or (isinstance(value, float) and math.isnan(value)):
            cells[(unit, int(year), category)] = HIDDEN_VALUE
        else:
            cells[(unit, int(year), category)] = Value(float(value), SHOWN)
    return cells


def combine_states(values: list[Value]) -> str | None:
    """``None`` when every value is shown, else the state of the result (hidden wins over missing)."""
    if any(v.state == HIDDEN for v in values):
        return HIDDEN
    if any(v.state == MISSING for v in values):
        return MISSING
    return None


def share(numerator: Value, denominator: Value) -> Value:
    state = combine_states([numerator, denominator])
    if state:
        return Value(None, state)
    if not denominator.value:
        return NO_VALUE
    return Value(numerator.value / denominator.value * 100, SHOWN)


def total(values: list[Value]) -> Value:
    state = combine_states(values)
    return Value(None, state) if state else Value(sum(v.value for v in values), SHOWN)


def weighted_mean(values: list[Value], weights: list[Value]) -> Value:
    state = combine_states(values + weights)
    if state:
        return Value(None, state)
    weight = sum(w.value for w in weights)
    if not weight:
        return NO_VALUE
    return Value(sum(v.value * w.value for v, w in zip(values, weights)) / weight, SHOWN)


def protect_count(value: Value, min_count: int) -> Value:
    """A person count of 1 … min_count - 1 is never shown, however it was computed."""
    if value.shown and 0 < value.value < min_count:
        return HIDDEN_VALUE
    return value


def _cell_name(beboerdata, cell: Cell) -> str:
    spec = beboerdata.spec(cell.table)
    return f"«{spec.category(cell.category).name}» i tabel {spec.id}"


def combine_note(ind: Indicator, beboerdata) -> str:
    src = ind.values
    if src.combine.method == "antal":
        return ("Hele planen er beregnet af de samlede antal for områderne "
                f"({_cell_name(beboerdata, src.numerator)} delt med {_cell_name(beboerdata, src.denominator)}), "
                "ikke som et gennemsnit af områdernes andele.")
    if src.combine.method == "sum":
        return "Hele planen er summen af områdernes tal."
    if src.combine.method == "vaegtet":
        return ("Der findes kun andele eller gennemsnit for de enkelte områder, så hele planen er områdernes "
                f"værdier vægtet med {_cell_name(beboerdata, src.combine.weight)}.")
    return "Der beregnes ikke et tal for hele planen."


def how_computed(ind: Indicator, beboerdata) -> str:
    src = ind.values
    if src.kind == "kategori":
        return f"LBF's beboerdata: {_cell_name(beboerdata, src.cell)}."
    if src.kind == "andel":
        text = (f"LBF's beboerdata: {_cell_name(beboerdata, src.numerator)} i procent af "
                f"{_cell_name(beboerdata, src.denominator)}.")
        if src.comparison:
            text += f" Kommunen og hele landet: {_cell_name(beboerdata, src.comparison)}."
        return text
    return f"Planens egne målinger (data/maalinger/{src.file}); kilden står for hver måling."


def compute_indicator(ind: Indicator, beboerdata, area_ids: list[str], names: dict[str, str],
                      measurements: tuple[Measurement, ...], cells_of) -> IndicatorSeries:
    """*cells_of(table_id)* gives the published cells of a table (looked up once per table)."""
    src = ind.values
    comparison_ids = list(beboerdata.comparison_units)
    min_count = beboerdata.suppression.min_count

    def cell(c: Cell, unit: str, year: int) -> Value:
        return cells_of(c.table).get((unit, year, c.category), NO_VALUE)

    own = {}
    example = ind.example
    source_ids: set[str] = set()
    if src.kind == "maalinger":
        rows = [m for m in measurements if m.indicator_id == ind.id]
        own = {(m.unit_id, m.year): (HIDDEN_VALUE if m.value is None else Value(m.value, SHOWN)) for m in rows}
        example = example or any(m.example for m in rows)
        source_ids = {m.source_id for m in rows}
        years = {y for _, y in own}
    else:
        tables = {c.table for c in (src.cell, src.numerator, src.denominator, src.comparison) if c}
        example = example or any(beboerdata.is_example(t) for t in tables)
        source_ids = {beboerdata.spec(t).source_id for t in tables}
        years = {y for t in tables for (_, y, _) in cells_of(t)}

    def area_value(unit: str, year: int) -> Value:
        if src.kind == "maalinger":
            return own.get((unit, year), NO_VALUE)
        if src.kind == "kategori":
            return cell(src.cell, unit, year)
        if unit in comparison_ids:
            return cell(src.comparison, unit, year) if src.comparison else NO_VALUE
        return share(cell(src.numerator, unit, year), cell(src.denominator, unit, year))

    def plan_value(year: int) -> Value:
        if src.kind == "maalinger" and (PLAN_UNIT, year) in own:
            return own[(PLAN_UNIT, year)]
        if src.combine.method == "ingen":
            return NO_VALUE
        if src.combine.method == "antal":
            return share(total([cell(src.numerator, a, year) for a in area_ids]),
                         total([cell(src.denominator, a, year) for a in area_ids]))
        parts = [area_value(a, year) for a in area_ids]
        if src.combine.method == "sum":
            return total(parts)
        return weighted_mean(parts, [cell(src.combine.weight, a, year) for a in area_ids])

    values: dict[tuple[str, int], Value] = {}
    for year in sorted(years):
        for unit in [*area_ids, *comparison_ids]:
            values[(unit, year)] = area_value(unit, year)
        values[(PLAN_UNIT, year)] = plan_value(year)
    if ind.person_count:
        values = {k: protect_count(v, min_count) for k, v in values.items()}
    values = {k: v for k, v in values.items() if v.state != MISSING}
    present = [u for u in comparison_ids if any(u == k[0] for k in values)]
    return IndicatorSeries(
        indicator=ind,
        units=(*area_ids, PLAN_UNIT, *present),
        area_ids=tuple(area_ids),
        names={**names, PLAN_UNIT: PLAN_UNIT_NAME},
        years=tuple(sorted({y for _, y in values})),
        values=values,
        how_computed=how_computed(ind, beboerdata),
        combine_note=combine_note(ind, beboerdata),
        example=example,
        source_ids=tuple(sorted(source_ids)),
    )


@dataclass(frozen=True)
class FollowUp:
    """Every indicator's series and status, and the rule that decided the statuses."""

    series: dict[str, IndicatorSeries]
    rule: ProgressRule

    def for_theme(self, theme_id: str) -> list[IndicatorSeries]:
        return [s for s in self.series.values() if s.indicator.theme_id == theme_id]


def compute_followup(indicators: dict[str, Indicator], beboerdata, areas: list, measurements, rule: ProgressRule,
                     assess) -> FollowUp:
    """All indicators for *areas* (the plan's areas, in order); *assess(series, unit, rule)* gives a status."""
    area_ids = [a.id for a in areas]
    names = {a.id: a.name for a in areas} | dict(beboerdata.comparison_units)
    cache: dict[str, dict] = {}

    def cells_of(table_id: str) -> dict:
        if table_id not in cache:
            cache[table_id] = _published_cells(beboerdata, table_id)
        return cache[table_id]

    series = {}
    for ind in indicators.values():
        s = compute_indicator(ind, beboerdata, area_ids, names, measurements, cells_of)
        series[ind.id] = replace(s, statuses={u: assess(s, u, rule) for u in s.target_units})
    return FollowUp(series, rule)
