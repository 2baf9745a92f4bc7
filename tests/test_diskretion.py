"""Disclosure control, property-tested: for random tables, nothing published (as a value, or
as the difference between a total and its published parts) reveals a count of 1–4 — in the
suppression itself, in the HTML table, in the CSV download and in the PDF text."""

from __future__ import annotations

import csv
import dataclasses
import io
import itertools
import re

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.beboerdata import disclosure as diskretion
from macros.beboerdata.load import _publish_all
from macros.beboerdata.pages import download_csv, render_table
from macros.plan import load_plan

MIN = 5
SMALL = st.integers(0, 6)
ANY = st.one_of(st.integers(0, 6), st.integers(0, 40))


# --- the algorithm ---------------------------------------------------------------------


def _feasible_values(parts, total, status, values):
    """Brute force: every assignment of the hidden cells consistent with what is published and
    with the published rule ("<5" = 1–4, "x" = a count of at least 5). Returns, per hidden
    primary cell, the set of values it can take."""
    hidden = [c for c in [*parts, total] if status.get(c)]
    if not hidden:
        return {}
    upper = sum(values[c] for c in [*parts, total]) + 10

    def domain(cell):
        return range(1, MIN) if status[cell] == diskretion.PRIMARY else range(MIN, upper)

    possible = {c: set() for c in hidden if status[c] == diskretion.PRIMARY}
    for combo in itertools.product(*(domain(c) for c in hidden)):
        guess = dict(values)
        guess.update(zip(hidden, combo))
        if guess[total] == sum(guess[p] for p in parts):
            for cell in possible:
                possible[cell].add(guess[cell])
    return possible


@settings(max_examples=120, deadline=None)
@given(st.lists(ANY, min_size=2, max_size=5))
def test_one_sum_no_small_count_can_be_recovered(parts_values):
    parts = [f"p{i}" for i in range(len(parts_values))]
    values = dict(zip(parts, parts_values))
    values["total"] = sum(parts_values)
    status = diskretion.suppress(values, values.keys(), [(("total",), parts)], MIN)
    published = {k: v for k, v in values.items() if k not in status}
    # 1. no published count is 1–4
    assert not any(1 <= v < MIN for v in published.values())
    # 2. every small count is hidden
    assert all(k in status for k, v in values.items() if 1 <= v < MIN)
    # 3. the difference between a published total and its published parts is not 1–4
    if "total" in published:
        rest = published["total"] - sum(v for k, v in published.items() if k != "total")
        assert not 1 <= rest < MIN
    # 4. no hidden small count is pinned down exactly (brute force over all consistent tables)
    if sum(1 for s in status.values()) <= 4:
        for cell, possible in _feasible_values(parts, "total", status, values).items():
            assert values[cell] in possible
            assert len(possible) >= 2, (values, status, cell, possible)


@st.composite
def cross_tables(draw):
    rows = draw(st.integers(2, 3))
    cols = draw(st.integers(2, 4))
    grid = [[draw(ANY) for _ in range(cols)] for _ in range(rows)]
    return grid


def _grid_relations(rows: int, cols: int):
    relations = []
    for r in range(rows):
        relations.append(((f"r{r}",), tuple(f"c{r}_{c}" for c in range(cols))))
    for c in range(cols):
        relations.append(((f"k{c}",), tuple(f"c{r}_{c}" for r in range(rows))))
    relations.append((("t",), tuple(f"r{r}" for r in range(rows))))
    relations.append((("t",), tuple(f"k{c}" for c in range(cols))))
    return relations


@settings(max_examples=300, deadline=None)
@given(cross_tables())
def test_cross_table_with_row_and_column_totals(grid):
    rows, cols = len(grid), len(grid[0])
    values = {f"c{r}_{c}": grid[r][c] for r in range(rows) for c in range(cols)}
    values.update({f"r{r}": sum(grid[r]) for r in range(rows)})
    values.update({f"k{c}": sum(grid[r][c] for r in range(rows)) for c in range(cols)})
    values["t"] = sum(values[f"r{r}"] for r in range(rows))
    relations = _grid_relations(rows, cols)
    status = diskretion.suppress(values, values.keys(), relations, MIN)
    published = {k: v for k, v in values.items() if k not in status}
    assert not any(1 <= v < MIN for v in published.values())
    for (total,), parts in relations:
        hidden = [c for c in [total, *parts] if c in status]
        # an equation with exactly one unknown would reveal it
        assert len(hidden) != 1, (total, parts, status)
        if total in published:
            rest = published[total] - sum(published.get(p, 0) for p in parts)
            assert not 1 <= rest < MIN


def test_nothing_is_hidden_without_small_counts():
    values = {"a": 5, "b": 0, "c": 12, "t": 17}
    assert diskretion.suppress(values, values, [(("t",), ("a", "b", "c"))], MIN) == {}


def test_a_single_small_count_takes_a_second_cell_with_it():
    values = {"a": 3, "b": 20, "c": 40, "t": 63}
    status = diskretion.suppress(values, values, [(("t",), ("a", "b", "c"))], MIN)
    assert status == {"a": diskretion.PRIMARY, "b": diskretion.SECONDARY}


def test_two_small_counts_that_sum_below_five_need_a_third():
    values = {"a": 1, "b": 2, "c": 40, "d": 50, "t": 93}
    status = diskretion.suppress(values, values, [(("t",), ("a", "b", "c", "d"))], MIN)
    assert status["a"] == status["b"] == diskretion.PRIMARY
    assert status.get("c") == diskretion.SECONDARY


def test_derived_share_is_hidden_with_its_count():
    status = {"antal": diskretion.PRIMARY}
    diskretion.hide_derived(status, {"andel": ("antal", "i_alt")})
    assert status["andel"] == diskretion.SECONDARY


# --- the outputs: HTML, CSV download, PDF text ------------------------------------------------


@pytest.fixture(scope="module")
def plan():
    return load_plan(ROOT / "data")


YEARS = [2022, 2023, 2024]


def _plan_with_table_1(plan, cells_by_year):
    """A plan whose only beboerdata table is Tabel 1 (origin × age, nested sums) for ringparken."""
    spec = plan.beboerdata.tables["1"]
    records = []
    for year, cells in zip(YEARS, cells_by_year):
        values = dict(zip([c.id for c in spec.categories if not c.id.endswith("i_alt")], cells))
        for origin in ("dansk", "indvandrere", "efterkommere"):
            values[f"{origin}_i_alt"] = sum(values[f"{origin}_{a}"] for a in ("0_17", "18_64", "65"))
        values["i_alt"] = sum(values[f"{o}_i_alt"] for o in ("dansk", "indvandrere", "efterkommere"))
        for category in spec.categories:
            records.append(("ringparken", year, category.id, float(values[category.id]), True, "antal", True))
    raw = pd.DataFrame(records, columns=["omraade", "aar", "kategori", "vaerdi", "eksempeldata", "enhed", "personantal"])
    raw = raw.assign(skjult_i_filen="", raekke=range(2, len(raw) + 2))
    published, _problems = _publish_all(ROOT / "data" / "beboerdata", {"1": spec}, {"1": raw},
                                        plan.beboerdata.suppression, ())
    raw, published["1"] = raw.drop(columns="raekke"), published["1"].drop(columns="raekke")
    data = dataclasses.replace(plan.beboerdata, tables={"1": spec}, _raw={"1": raw}, _published=published)
    return dataclasses.replace(plan, beboerdata=data), raw


def _parse_number(text: str) -> float | None:
    if text in ("<5", "x", "–"):
        return None
    return float(text.replace(".", "").replace(",", "."))


def _html_rows(html: str) -> dict[str, list[str]]:
    soup = BeautifulSoup(html, "html.parser")
    rows = {}
    for note in soup.select(".plan-beboertabel__skjult"):  # "hidden in every year", said in words
        note.extract()
    for tr in soup.select("table.plan-beboertabel__tabel tbody tr"):
        rows[tr.th.get_text(strip=True)] = [td.get_text(strip=True) for td in tr.find_all("td")]
    return rows


def _check_published(spec, raw, published_cells: dict[tuple[str, int], str]):
    """published_cells: (category, year) -> text shown. Checks the privacy property."""
    for (cat, year), text in published_cells.items():
        value = _parse_number(text)
        true = raw[(raw["kategori"] == cat) & (raw["aar"] == year)]["vaerdi"].iloc[0]
        if value is None:
            continue
        assert value == true  # what is published is right …
        assert not 1 <= value < MIN  # … and never a small count
    for total, parts in spec.sums:
        for year in YEARS:
            total_value = _parse_number(published_cells[(total, year)])
            if total_value is None:
                continue
            shown = [_parse_number(published_cells[(p, year)]) for p in parts]
            hidden = [p for p, v in zip(parts, shown) if v is None]
            rest = total_value - sum(v for v in shown if v is not None)
            assert not 1 <= rest < MIN, (total, year, rest)
            assert len(hidden) != 1 or rest >= MIN


table_1_cells = st.lists(st.lists(st.one_of(SMALL, st.integers(0, 300)), min_size=9, max_size=9),
                         min_size=len(YEARS), max_size=len(YEARS))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table_1_cells)
def test_html_table_never_reveals_a_small_count(plan, cells_by_year):
    plan_1, raw = _plan_with_table_1(plan, cells_by_year)
    spec = plan_1.beboerdata.tables["1"]
    rows = _html_rows(render_table(plan_1, "ringparken", "1"))
    names = {c.name: c.id for c in spec.categories}
    cells = {(names[label], year): texts[i] for label, texts in rows.items() for i, year in enumerate(YEARS)}
    _check_published(spec, raw, cells)
    small = ((raw["vaerdi"] >= 1) & (raw["vaerdi"] < MIN)).sum()
    assert sum(t == "<5" for t in cells.values()) == small


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table_1_cells)
def test_csv_download_never_reveals_a_small_count(plan, cells_by_year):
    plan_1, raw = _plan_with_table_1(plan, cells_by_year)
    spec = plan_1.beboerdata.tables["1"]
    text = download_csv(plan_1, "ringparken", "1").decode("utf-8")
    cells = {}
    for row in csv.DictReader(io.StringIO(text)):
        value = row["vaerdi"]
        cells[(row["kategori"], int(row["aar"]))] = value if value in ("<5", "x") else value.replace(".", ",")
    _check_published(spec, raw, cells)


@pytest.mark.bygger
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table_1_cells)
def test_pdf_text_shows_exactly_the_html_cells(plan, cells_by_year):
    """WeasyPrint renders the same cells as the HTML (checked above), and nothing else."""
    from pdfread import page_texts
    from weasyprint import HTML

    plan_1, raw = _plan_with_table_1(plan, cells_by_year)
    html = render_table(plan_1, "ringparken", "1")
    html = re.sub(r'<figure class="plan-graf-figur">.*?</figure>', "", html, flags=re.S)
    # The words for a row hidden in every year are checked by the HTML tests; here only the cells.
    html = re.sub(r'<span class="plan-beboertabel__skjult">.*?</span>', "", html, flags=re.S)
    rows = _html_rows(html)
    page = f'<html lang="da"><body style="font-size:8pt">{html}</body></html>'
    text = "\n".join(page_texts(HTML(string=page).write_pdf()))
    for label, texts in rows.items():
        line = next(line for line in text.splitlines() if line.startswith(label))
        assert line[len(label):].split() == texts


def test_shipped_site_data_hide_every_small_count(plan):
    """The real loader: across all 23 tables, relations inside and between tables hold."""
    data = plan.beboerdata
    relations = [(((t, total),), tuple((t, p) for p in parts)) for t, s in data.tables.items() for total, parts in s.sums]
    frames = {t: data.published(t) for t in data.tables}
    long = pd.concat([f.assign(tabel=t) for t, f in frames.items()])
    for (_area, _year), group in long.groupby(["omraade", "aar"]):
        shown = {(t, k): v for t, k, v in zip(group["tabel"], group["kategori"], group["vaerdi"])}
        person = group[group["personantal"]]
        assert not person["vaerdi"].between(1, MIN - 1).any()
        for plus, minus in relations:
            if not all(c in shown for c in (*plus, *minus)):
                continue
            hidden = [c for c in (*plus, *minus) if pd.isna(shown[c])]
            assert len(hidden) != 1
            if not any(pd.isna(shown[c]) for c in plus) and hidden:
                rest = sum(shown[c] for c in plus) - sum(shown[c] for c in minus if not pd.isna(shown[c]))
                assert not 1 <= rest < MIN


# --- computed indicators (macros/followup/) ------------------------------------------------------


def _followup_indicator(values, unit="procent"):
    from macros.followup.load import Indicator, Target

    return Indicator(id="test", theme_id="beskaeftigelse", name="Test", unit=unit, decimals=1, direction="op",
                     values=values, baseline_year=YEARS[0], target=Target(50.0, 2029), example=True)


def _series(plan_1, ind, measurements=()):
    from macros.followup.compute import _published_cells, compute_indicator

    cache = {}

    def cells_of(table_id):
        return cache.setdefault(table_id, _published_cells(plan_1.beboerdata, table_id))

    return compute_indicator(ind, plan_1.beboerdata, ["ringparken"], {"ringparken": "Ringparken"}, measurements,
                             cells_of)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table_1_cells)
def test_indicator_share_is_not_shown_when_its_count_is_hidden(plan, cells_by_year):
    """A share computed from a count that the published table hides says "kan ikke vises (diskretion)"
    on the page and in the download; a shown share comes from shown counts only."""
    from macros.followup.compute import HIDDEN, PLAN_UNIT
    from macros.followup.load import Cell, Combine, ValueSource
    from macros.followup.pages import HIDDEN_TEXT, value_text

    plan_1, _raw = _plan_with_table_1(plan, cells_by_year)
    ind = _followup_indicator(ValueSource("andel", Combine("antal"), numerator=Cell("1", "indvandrere_0_17"),
                                          denominator=Cell("1", "i_alt")))
    series = _series(plan_1, ind)
    published = plan_1.beboerdata.published("1")
    for year in YEARS:
        cells = published[published["aar"] == year].set_index("kategori")["undertrykt"]
        hidden_input = bool(cells["indvandrere_0_17"]) or bool(cells["i_alt"])
        for unit in ("ringparken", PLAN_UNIT):
            value = series.get(unit, year)
            assert (value.state == HIDDEN) == hidden_input, (unit, year, cells_by_year)
            if hidden_input:
                assert value_text(series, value) == HIDDEN_TEXT


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table_1_cells)
def test_indicator_count_never_shows_one_to_four(plan, cells_by_year):
    """A person count taken from a table, or summed for the plan, is never 1–4."""
    from macros.followup.load import Cell, Combine, ValueSource

    plan_1, _raw = _plan_with_table_1(plan, cells_by_year)
    for category in ("indvandrere_0_17", "efterkommere_65", "i_alt"):
        ind = _followup_indicator(ValueSource("kategori", Combine("sum"), cell=Cell("1", category)), "antal-personer")
        series = _series(plan_1, ind)
        assert not any(v.shown and 1 <= v.value < MIN for v in series.values.values())


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.one_of(SMALL, st.integers(0, 60)), min_size=3, max_size=3), min_size=1, max_size=4))
def test_measured_counts_and_their_plan_total_never_reveal_a_small_count(plan, values_by_year):
    """Own measurements (person counts): a small count is hidden (the file says «<5»), and so is the plan
    total that would reveal it; no value 1–4 reaches the page or the download."""
    from macros.followup.compute import HIDDEN, PLAN_UNIT, compute_indicator
    from macros.followup.load import Combine, Measurement, ValueSource
    from macros.followup.pages import value_text

    areas = ["a", "b", "c"]
    ind = _followup_indicator(ValueSource("maalinger", Combine("sum"), file="x.csv"), "antal-personer")
    rows = tuple(
        Measurement("test", area, 2020 + i, None if 1 <= v < MIN else float(v), "maalinger-eksempel", True, "x.csv", 2)
        for i, year_values in enumerate(values_by_year) for area, v in zip(areas, year_values)
    )
    series = compute_indicator(ind, plan.beboerdata, areas, {a: a for a in areas}, rows, lambda t: {})
    for i, year_values in enumerate(values_by_year):
        year = 2020 + i
        if any(1 <= v < MIN for v in year_values):
            assert series.get(PLAN_UNIT, year).state == HIDDEN
        for unit in (*areas, PLAN_UNIT):
            value = series.get(unit, year)
            assert not (value.shown and 1 <= value.value < MIN)
            text = value_text(series, value)
            assert text not in {str(n) for n in range(1, MIN)}
