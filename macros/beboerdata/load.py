"""Beboerdata: the standard resident-statistics tables, loaded from CSV.

``data/beboerdata/tabeller.yaml`` declares every table (its CSV file, title,
source, categories with units, sum relations between person counts, the
units it is compared with). Each CSV has a tidy layout, one row per
area × year × category::

    omraade,aar,kategori,vaerdi[,eksempeldata]

The loader reads every file once per build (via ``load_plan``), in either
CSV dialect (see :mod:`macros.core.csvio`), checks each value against the
declaration and raises Danish errors naming file, spreadsheet row and column.

The files hold only publishable values: a count of 1–4 is written «<5» and a
cell hidden so that totals cannot reveal it is written «x» (the marks are set in
``diskretionering``). The loader reads the marks as hidden cells and applies the
disclosure control of :mod:`macros.beboerdata.disclosure` once more, as a second
safety net, so every output (HTML, PDF, downloads) uses the same published
values. What that second pass still had to hide is kept as
:attr:`Beboerdata.disclosure_problems` (``make validate`` refuses the files).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from macros.beboerdata import disclosure as diskretion
from macros.core import csvio
from macros.core.context import facts_until
from macros.core.errors import Location, PlanError, PlanErrors, suggest
from macros.core.yamlio import LineDict, load_validated
from macros.model.load import known_ids

REQUIRED_COLUMNS = ["omraade", "aar", "kategori", "vaerdi"]
OPTIONAL_COLUMNS = ["eksempeldata"]
YES = {"ja", "j", "true", "1", "x"}
NO = {"nej", "n", "false", "0", ""}
#: Years accepted in a file (a plausibility guard against typos such as 20223).
YEAR_RANGE = (1990, 2100)


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    short: str
    decimals: int
    minimum: float | None
    maximum: float | None
    person_count: bool


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    unit: Unit
    derived_from: tuple[str, ...] = ()  # cells of the same table this value is computed from
    aliases: tuple[str, ...] = ()  # other names in raw tables (``lbf_navn``), for the import step


@dataclass(frozen=True)
class TableSpec:
    id: str
    title: str
    topic: str
    file: str
    source_id: str
    example: bool
    note: str
    gaps_allowed: bool
    comparison: tuple[str, ...]
    chart: tuple[str, ...]
    categories: tuple[Category, ...]
    sums: tuple[tuple[str, tuple[str, ...]], ...]

    def category(self, category_id: str) -> Category:
        return next(c for c in self.categories if c.id == category_id)

    @property
    def label(self) -> str:
        return f"Tabel {self.id}"

    @property
    def comparable_categories(self) -> tuple[Category, ...]:
        """Categories compared with kommune and hele landet (shares, averages; not counts)."""
        if not self.comparison:
            return ()
        return tuple(c for c in self.categories if not c.unit.person_count)


@dataclass(frozen=True)
class Suppression:
    min_count: int
    small_mark: str
    hidden_mark: str
    explanation: str


@dataclass(frozen=True)
class Comparison:
    name: str
    value: float


@dataclass(frozen=True)
class PublicFigure:
    """A real, published figure for the whole 2017–2021 application area."""

    id: str
    name: str
    value: float
    unit: str  # antal, procent, kr, pr_1000, indeks, tilfaelde
    year: int | None
    comparisons: tuple[Comparison, ...]


@dataclass(frozen=True)
class ApplicationFigures:
    """The public figures of the 2017–2021 application (``ansoegning-2017-2021.yaml``)."""

    source_id: str
    area: str
    figures: tuple[PublicFigure, ...]

    def get(self, figure_id: str) -> PublicFigure:
        return next(f for f in self.figures if f.id == figure_id)


@dataclass(frozen=True, eq=False)  # eq=False: DataFrames cannot be compared with ==
class Beboerdata:
    """All beboerdata tables of the plan, validated and disclosure-controlled."""

    folder: Path
    units: dict[str, Unit]
    comparison_units: dict[str, str]  # id -> name
    suppression: Suppression
    tables: dict[str, TableSpec]  # in declaration order
    #: Real public figures for the 2017–2021 application area (aggregates, not series).
    application: ApplicationFigures
    _raw: dict[str, pd.DataFrame] = field(repr=False)
    _published: dict[str, pd.DataFrame] = field(repr=False)
    #: Cells the files publish although they must not (a count of 1–4, a hidden count that the
    #: totals reveal, a share computed from a hidden count): Danish errors naming file, row, column
    #: and the cells to hide. The site hides them anyway; ``make validate`` refuses the files.
    disclosure_problems: tuple[PlanError, ...] = ()
    _by_unit: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def spec(self, table_id: str) -> TableSpec:
        table_id = str(table_id)
        if table_id not in self.tables:
            raise PlanError(None, f"Der findes ingen beboerdatatabel «{table_id}».", suggest(table_id, self.tables))
        return self.tables[table_id]

    def frame(self, table_id: str) -> pd.DataFrame:
        """The table as loaded, before the second disclosure pass (for calculations only, never for publishing).

        Columns: ``omraade, aar, kategori, vaerdi, eksempeldata, enhed, personantal, skjult_i_filen``;
        one row per area × year × category. ``vaerdi`` is a float; percentages are 0–100.
        Cells the file hides («<5», «x») have ``vaerdi`` NaN and ``skjult_i_filen`` set
        (``"primaer"`` or ``"sekundaer"``).
        """
        self.spec(table_id)
        return self._raw[str(table_id)].copy()

    def published(self, table_id: str) -> pd.DataFrame:
        """The table as it may be published: like :meth:`frame`, plus ``undertrykt``
        (``""``, ``"primaer"`` or ``"sekundaer"``); suppressed cells have ``vaerdi`` NaN."""
        self.spec(table_id)
        return self._published[str(table_id)].copy()

    def published_for(self, table_id: str, unit_id: str) -> pd.DataFrame:
        """Published rows of one area or comparison unit (read-only; indexed once per table,
        so rendering every area's page stays linear in the amount of data)."""
        table_id = str(table_id)
        if table_id not in self._by_unit:
            self.spec(table_id)
            self._by_unit[table_id] = {u: g for u, g in self._published[table_id].groupby("omraade", sort=False)}
        empty = self._published[table_id].iloc[0:0]
        return self._by_unit[table_id].get(unit_id, empty)

    def name_of(self, unit_id: str, areas: dict) -> str:
        if unit_id in areas:
            return areas[unit_id].name
        return self.comparison_units.get(unit_id, unit_id)

    def is_example(self, table_id: str) -> bool:
        spec = self.spec(table_id)
        return spec.example or bool(self._raw[spec.id]["eksempeldata"].any())

    @property
    def years(self) -> list[int]:
        years = set()
        for frame in self._raw.values():
            years.update(int(y) for y in frame["aar"].unique())
        return sorted(years)


# --- declarations ---------------------------------------------------------------------


def _load_declarations(folder: Path, sources: dict) -> tuple[dict, dict, Suppression, dict[str, TableSpec]]:
    path = folder / "tabeller.yaml"
    raw: LineDict = load_validated(path, "beboerdata-tabeller", known_ids(sources))
    problems: list[PlanError] = []

    units = {
        uid: Unit(uid, u["navn"], u.get("kort", ""), u["decimaler"], u.get("min"), u.get("max"), u["personantal"])
        for uid, u in raw["enheder"].items()
    }
    comparison_units = {c["id"]: c["navn"] for c in raw["sammenligningsenheder"]}
    d = raw["diskretionering"]
    suppression = Suppression(d["mindste_antal"], d["tegn_smaa_tal"], d["tegn_skjult"], d["forklaring"])

    tables: dict[str, TableSpec] = {}
    files: dict[str, str] = {}
    for index, t in enumerate(raw["tabeller"]):
        line = raw["tabeller"].line_of(index)

        def problem(text: str, fix: str, column: str | None = None, at: int | None = None) -> None:
            problems.append(PlanError(Location(path, line=at or line, column=column), text, fix))

        if t["id"] in tables:
            problem(f"Tabel «{t['id']}» står to gange.", "Giv hver tabel sit eget nummer.", "id")
            continue
        if t["fil"] in files:
            problem(f"Filen «{t['fil']}» bruges også af tabel {files[t['fil']]}.", "Giv hver tabel sin egen fil.", "fil")
        files[t["fil"]] = t["id"]
        categories = []
        seen: set[str] = set()
        skipped: set[str] = set()  # categories with an unknown unit (reported once, not again below)
        for cindex, c in enumerate(t["kategorier"]):
            cline = t["kategorier"].line_of(cindex)
            if c["id"] in seen:
                problem(f"Kategorien «{c['id']}» står to gange i tabel {t['id']}.", "Slet den ene.", "id", cline)
            seen.add(c["id"])
            if c["enhed"] not in units:
                problem(f"Ukendt enhed «{c['enhed']}».", suggest(c["enhed"], units), "enhed", cline)
                skipped.add(c["id"])
                continue
            categories.append(Category(c["id"], c["navn"], units[c["enhed"]], tuple(c.get("beregnet_af", [])),
                                       tuple(c.get("lbf_navn", []))))
        by_id = {c.id: c for c in categories}
        for cindex, c in enumerate(categories):
            for source in c.derived_from:
                if source not in by_id and source not in skipped:
                    problem(f"«beregnet_af» nævner en ukendt kategori «{source}».", suggest(source, by_id),
                            "beregnet_af", t["kategorier"].line_of(cindex))
        sums = []
        for s in t.get("summer", []):
            names = [s["total"], *s["dele"]]
            if any(n in skipped for n in names):
                continue
            bad = [n for n in names if n not in by_id]
            for n in bad:
                problem(f"Summen nævner en ukendt kategori «{n}».", suggest(n, by_id), "summer", s.line)
            if not bad and not all(by_id[n].unit.person_count for n in names):
                problem("En sum må kun bestå af antal (personer eller husstande).", "Fjern andele og beløb fra summen.",
                        "summer", s.line)
            sums.append((s["total"], tuple(s["dele"])))
        for unit_id in t.get("sammenligning", []):
            if unit_id not in comparison_units:
                problem(f"Ukendt sammenligningsenhed «{unit_id}».", suggest(unit_id, comparison_units),
                        "sammenligning", t.line_of("sammenligning"))
        for cid in t.get("graf", []):
            if cid not in by_id and cid not in skipped:
                problem(f"Grafen nævner en ukendt kategori «{cid}».", suggest(cid, by_id), "graf", t.line_of("graf"))
        tables[t["id"]] = TableSpec(
            id=t["id"],
            title=t["titel"],
            topic=t["emne"],
            file=t["fil"],
            source_id=t["kilde"],
            example=t["eksempeldata"],
            note=t.get("note", ""),
            gaps_allowed=t.get("aar_med_huller", False),
            comparison=tuple(t.get("sammenligning", [])),
            chart=tuple(t.get("graf", [categories[0].id] if categories else [])),
            categories=tuple(categories),
            sums=tuple(sums),
        )
    cross_sums = []
    for index, relation in enumerate(raw.get("faelles_summer", [])):
        line = raw["faelles_summer"].line_of(index)
        sides = []
        for side in ("venstre", "hoejre"):
            cells = []
            for ref in relation[side]:
                table_id, cat = ref.split(":")
                if table_id not in tables:
                    problems.append(PlanError(Location(path, line=line, column=side), f"Ukendt tabel «{table_id}» i «{ref}».",
                                              suggest(table_id, tables)))
                elif cat not in {c.id for c in tables[table_id].categories}:
                    problems.append(PlanError(Location(path, line=line, column=side),
                                              f"Tabel {table_id} har ingen kategori «{cat}».",
                                              suggest(cat, [c.id for c in tables[table_id].categories])))
                elif not tables[table_id].category(cat).unit.person_count:
                    problems.append(PlanError(Location(path, line=line, column=side),
                                              f"«{ref}» er ikke et antal og kan ikke indgå i en sum.",
                                              "Brug kun kategorier med enheden antal."))
                cells.append((table_id, cat))
            sides.append(tuple(cells))
        cross_sums.append((sides[0], sides[1]))
    if problems:
        raise PlanErrors(problems)
    return units, comparison_units, suppression, tables, tuple(cross_sums)


# --- CSV files ------------------------------------------------------------------------


def _header_error(path: Path, header: list[str]) -> PlanError | None:
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [c for c in header if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    duplicated = sorted({c for c in header if header.count(c) > 1})
    expected = ",".join(REQUIRED_COLUMNS) + "[,eksempeldata]"
    if not (missing or unknown or duplicated):
        return None
    if not any(c in header for c in REQUIRED_COLUMNS):
        what = f"Første række er ikke en overskrift (den indeholder «{', '.join(header[:4])}»); kolonnenavnene mangler i overskriften."
        return PlanError(Location(path, row=1), what,
                         f"Indsæt en første række med kolonnenavnene: {expected} (rækkefølgen er fri).")
    if duplicated:
        what = f"Kolonnen «{duplicated[0]}» står to gange i overskriften."
    elif missing and unknown:
        what = f"Kolonnen «{missing[0]}» mangler, og «{unknown[0]}» er ukendt."
    elif missing:
        what = f"Kolonnen «{missing[0]}» mangler i overskriften."
    else:
        what = f"Ukendt kolonne «{unknown[0]}» i overskriften."
    column = (missing or unknown or duplicated)[0]
    hint = suggest(unknown[0], REQUIRED_COLUMNS + OPTIONAL_COLUMNS) + " " if unknown else ""
    return PlanError(
        Location(path, row=1, column=column),
        what,
        f"{hint}Første række skal være kolonnenavnene: {expected} (rækkefølgen er fri).",
    )


def _load_table(path: Path, spec: TableSpec, known_units: dict[str, str], plan_area_ids: list[str],
                comparison_units: dict[str, str], suppression: Suppression, until_year: int) -> pd.DataFrame:
    """One table; *until_year*: the last year that can have figures (no rows from the future)."""
    table = csvio.read_csv(path)
    header_problem = _header_error(path, table.header)
    if header_problem:
        raise header_problem
    categories = {c.id: c for c in spec.categories}
    problems: list[PlanError] = []
    records = []
    seen: dict[tuple, int] = {}

    def problem(row: int, column: str, text: str, fix: str) -> None:
        problems.append(PlanError(Location(path, row=row, column=column), text, fix))

    for csv_row in table.rows:
        v, r = csv_row.values, csv_row.row
        ok = True
        area = v["omraade"]
        if area not in known_units:
            problem(r, "omraade", f"Ukendt område «{area}».",
                    suggest(area, known_units) + " Nye boligområder skal først stå i data/boligomraader.yaml.")
            ok = False
        elif area in comparison_units and area not in spec.comparison and area not in plan_area_ids:
            problem(r, "omraade", f"Tabel {spec.id} sammenlignes ikke med «{area}».",
                    "Slet rækken, eller tilføj enheden under «sammenligning» for tabellen i tabeller.yaml.")
            ok = False
        year_text = v["aar"]
        try:
            year = int(year_text)
            if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
                raise ValueError
        except ValueError:
            problem(r, "aar", f"«{year_text}» er ikke et årstal.", "Skriv året med fire cifre, fx 2024.")
            ok = False
        else:
            if year > until_year:
                problem(r, "aar", f"Året {year} ligger efter i år ({until_year}): der kan ikke være tal for et år, "
                        "der ikke er gået.", "Ret årstallet, hvis det er skrevet forkert, eller slet rækken.")
                ok = False
        cat = v["kategori"]
        if cat not in categories:
            problem(r, "kategori", f"Ukendt kategori «{cat}» i tabel {spec.id}.", suggest(cat, categories))
            ok = False
        text = v["vaerdi"]
        hidden = _hidden_mark(text, categories.get(cat), suppression)
        try:
            if hidden:
                value = math.nan
            else:
                value = csvio.parse_number(text, table.dialect)
        except csvio.NumberFormatError as exc:
            if text == suppression.small_mark:
                problem(r, "vaerdi", f"«{text}» bruges kun om antal personer, og {cat} er ikke et antal.",
                        f"Skriv tallet, eller «{suppression.hidden_mark}», hvis det skal skjules.")
            elif not text:
                problem(r, "vaerdi", "Værdien mangler.",
                        "Skriv tallet. Er tallet ukendt, så slet hele rækken (kun muligt i slutningen af en serie).")
            elif exc.mixed:
                sep, dec = table.dialect.separator, table.dialect.decimal
                problem(r, "vaerdi", f"«{text}» bruger et andet decimaltegn end resten af filen "
                        f"(filen er {table.dialect.description} med decimal«{dec}»).",
                        f"Filen blander formater. Skriv decimaler med «{dec}», når kolonnerne er adskilt af «{sep}».")
            else:
                problem(r, "vaerdi", f"«{text}» er ikke et tal.",
                        "Skriv kun tallet, uden enhed, procenttegn eller bogstaver (fx 42,5 eller 42.5).")
            ok = False
            value = math.nan
        if cat in categories and not math.isnan(value):
            unit = categories[cat].unit
            if unit.person_count and value < 0:
                problem(r, "vaerdi", f"Et antal kan ikke være negativt ({text}).", "Ret tallet til 0 eller derover.")
                ok = False
            elif unit.person_count and value != int(value):
                digits = text.replace(".", "").replace(",", "")
                problem(r, "vaerdi", f"Et antal skal være et helt tal («{text}»).",
                        f"Skriv {digits} uden punktum, hvis punktummet skiller tusinder."
                        if re.fullmatch(r"[1-9]\d{0,2}(\.\d{3})+", text) else "Ret tallet til et helt tal.")
                ok = False
            elif unit.maximum is not None and value > unit.maximum:
                what = "En andel kan ikke være over 100 %" if unit.id == "procent" else f"Værdien må højst være {unit.maximum:g}"
                problem(r, "vaerdi", f"{what} ({text}).",
                        "Skriv andelen i procent som et tal mellem 0 og 100 (fx 42,5 for 42,5 %)."
                        if unit.id == "procent" else f"Ret tallet, så det ligger mellem {unit.minimum:g} og {unit.maximum:g}.")
                ok = False
            elif unit.minimum is not None and value < unit.minimum:
                problem(r, "vaerdi", f"Værdien må ikke være under {unit.minimum:g} ({text}).",
                        f"Ret tallet til {unit.minimum:g} eller derover.")
                ok = False
        flag = v.get("eksempeldata", "").lower()
        if flag not in YES | NO:
            problem(r, "eksempeldata", f"«{v.get('eksempeldata')}» er ikke ja eller nej.",
                    "Skriv «ja» for eksempeldata (ikke officielle tal) og «nej» eller ingenting for rigtige tal.")
            ok = False
        if not ok:
            continue
        key = (area, year, cat)
        if key in seen:
            problem(r, "kategori", f"Rækken findes allerede (række {seen[key]}): {area}, {year}, {cat}.",
                    "Slet den ene af de to rækker, eller ret område, år eller kategori.")
            continue
        seen[key] = r
        records.append((area, year, cat, value, flag in YES, r, hidden))
    if problems:
        raise PlanErrors(problems)
    if not records:
        raise PlanError(path, "Filen indeholder ingen tal.",
                        "Skriv en række per område, år og kategori under overskriften.")
    _check_series(path, spec, records, plan_area_ids)
    _check_sums(path, spec, records)
    frame = pd.DataFrame(records, columns=["omraade", "aar", "kategori", "vaerdi", "eksempeldata", "raekke",
                                           "skjult_i_filen"])
    frame["enhed"] = frame["kategori"].map(lambda c: categories[c].unit.id)
    frame["personantal"] = frame["kategori"].map(lambda c: categories[c].unit.person_count)
    order = {c.id: i for i, c in enumerate(spec.categories)}
    frame = frame.assign(_o=frame["kategori"].map(order)).sort_values(["omraade", "_o", "aar"]).drop(columns="_o")
    return frame.reset_index(drop=True)


def _hidden_mark(text: str, category: Category | None, suppression: Suppression) -> str:
    """The suppression status a value written in a file stands for ("" for a number)."""
    if category is None:
        return ""
    if text == suppression.hidden_mark:
        return diskretion.SECONDARY
    if text == suppression.small_mark and category.unit.person_count:
        return diskretion.PRIMARY
    if not text and category.derived_from:
        return diskretion.SECONDARY  # a share left blank because its count is hidden
    return ""


def _years_text(years) -> str:
    return ", ".join(str(y) for y in years)


def _check_series(path: Path, spec: TableSpec, records: list[tuple], plan_area_ids: list[str]) -> None:
    """No gaps inside a series; every plan area and comparison unit covers the table's years.

    *records* are ``(area, year, category, value, example, row, hidden)``; plain Python for speed
    (the check runs once per file and must stay linear in the number of rows).
    """
    problems = []
    series: dict[tuple[str, str], dict[int, int]] = {}
    for area, year, cat, _value, _example, row, _hidden in records:
        series.setdefault((area, cat), {})[year] = row
    all_years = sorted({r[1] for r in records})
    if not spec.gaps_allowed:
        for (area, cat), rows in series.items():
            years = sorted(rows)
            missing = [y for y in range(years[0], years[-1] + 1) if y not in rows]
            if missing:
                before = max(y for y in years if y < missing[0])
                after = min(y for y in years if y > missing[0])
                problems.append(PlanError(
                    Location(path, row=rows[after], column="aar"),
                    f"Serien for {area}, {cat} springer fra {before} (række {rows[before]}) til {after} "
                    f"(denne række): der mangler tal for {_years_text(missing)}.",
                    "Tjek årstallet i denne række og i række "
                    f"{rows[before]}: et forkert årstal er den almindelige årsag. Skriv aldrig selv tal for "
                    "de manglende år; kun Landsbyggefondens tal må stå i filen. Mangler de i leverancen, så "
                    "spørg den dataansvarlige.",
                ))
    for unit in list(plan_area_ids) + list(spec.comparison):
        cats = spec.categories if unit in plan_area_ids else spec.comparable_categories
        for cat in cats:
            years = series.get((unit, cat.id), {})
            if spec.gaps_allowed:
                if not years:
                    problems.append(PlanError(Location(path, column="omraade"),
                                              f"Der er ingen tal for {unit}, {cat.id}.",
                                              f"Tilføj rækker for «{unit}» med kategorien «{cat.id}»."))
                continue
            missing = [y for y in all_years if y not in years]
            if missing and len(problems) < 10:
                problems.append(PlanError(
                    Location(path, column="omraade"),
                    f"Der mangler tal for {unit}, {cat.id} i {_years_text(missing)}"
                    f" (filen har tal for {all_years[0]}–{all_years[-1]}).",
                    f"Alle områder skal have de samme år. Tjek område og årstal i rækkerne for «{unit}», "
                    f"«{cat.id}» og i rækkerne for {_years_text(missing)}. Skriv aldrig selv tal: mangler de i "
                    "Landsbyggefondens leverance, så spørg den dataansvarlige.",
                ))
    if problems:
        raise PlanErrors(problems)


def _check_sums(path: Path, spec: TableSpec, records: list[tuple]) -> None:
    if not spec.sums:
        return
    cells: dict[tuple[str, int], dict[str, tuple[float, int]]] = {}
    for area, year, cat, value, _example, row, _hidden in records:
        cells.setdefault((area, year), {})[cat] = (value, row)
    problems = []
    for (area, year), values in cells.items():
        for total, parts in spec.sums:
            if total not in values or not all(p in values for p in parts):
                continue
            if any(math.isnan(values[n][0]) for n in (total, *parts)):
                continue  # a hidden cell: the file cannot show whether the sum holds
            expected = sum(values[p][0] for p in parts)
            if abs(values[total][0] - expected) > 1e-9:
                problems.append(PlanError(
                    Location(path, row=values[total][1], column="vaerdi"),
                    f"«{total}» for {area} {year} er {values[total][0]:g}, men summen af {', '.join(parts)} er {expected:g}.",
                    "Ret totalen eller et af delene, så de passer sammen (tabellens summer står i tabeller.yaml).",
                ))
                if len(problems) >= 10:
                    raise PlanErrors(problems)
    if problems:
        raise PlanErrors(problems)


def _columns(frame: pd.DataFrame, *names: str) -> list[list]:
    """Columns as plain lists (iterating pandas columns element by element is slow)."""
    return [frame[n].tolist() for n in names]


# --- disclosure control --------------------------------------------------------------


def _check_cross_sums(folder: Path, tables: dict[str, TableSpec], raw: dict[str, pd.DataFrame], cross_sums) -> None:
    """The same persons counted in two tables must add up to the same number."""
    problems = []
    lookup = {
        t: {(o, int(a), k): (v, r) for o, a, k, v, r in zip(*_columns(f, "omraade", "aar", "kategori", "vaerdi", "raekke"))}
        for t, f in raw.items()
    }
    for left, right in cross_sums:
        first_table = left[0][0]
        for (area, year, cat), (_, row) in lookup[first_table].items():
            if cat != left[0][1]:
                continue
            try:
                lsum = sum(lookup[t][(area, year, k)][0] for t, k in left)
                rsum = sum(lookup[t][(area, year, k)][0] for t, k in right)
            except KeyError:
                continue
            if math.isnan(lsum) or math.isnan(rsum):
                continue  # a hidden cell on either side
            if abs(lsum - rsum) > 1e-9:
                names = lambda cells: " + ".join(f"tabel {t} «{k}»" for t, k in cells)  # noqa: E731
                problems.append(PlanError(
                    Location(folder / tables[first_table].file, row=row, column="vaerdi"),
                    f"For {area} {year} er {names(left)} = {lsum:g}, men {names(right)} = {rsum:g}. "
                    "Tallene tæller de samme personer og skal være ens.",
                    "Ret tallene i de to tabeller, så de passer sammen (se «faelles_summer» i tabeller.yaml).",
                ))
    if problems:
        raise PlanErrors(problems[:10])


@dataclass(frozen=True)
class DisclosureRules:
    """The cells the disclosure control protects and the relations between them, for all tables.

    Cells are ``(table id, category id)``; the control runs per area and year.
    """

    person: frozenset
    relations: tuple
    derived: dict
    min_count: int


def disclosure_rules(tables: dict[str, TableSpec], cross_sums, suppression: Suppression) -> DisclosureRules:
    person = frozenset((t, c.id) for t, spec in tables.items() for c in spec.categories if c.unit.person_count)
    # Relations between tables first: hiding there tends to need fewer cells overall.
    relations = list(cross_sums)
    relations += [(((t, total),), tuple((t, p) for p in parts)) for t, spec in tables.items() for total, parts in spec.sums]
    derived = {(t, c.id): tuple((t, d) for d in c.derived_from)
               for t, spec in tables.items() for c in spec.categories if c.derived_from}
    return DisclosureRules(person, tuple(relations), derived, suppression.min_count)


def audit_group(rules: DisclosureRules, values: dict, given: dict) -> diskretion.Audit:
    """Audit one area and year: *values* and *given* (cells hidden already) keyed by (table, category)."""
    return diskretion.audit(values, given, rules.person & values.keys(), rules.relations,
                            {d: i for d, i in rules.derived.items() if d in values}, rules.min_count)


def _publish_all(folder: Path, tables: dict[str, TableSpec], raw: dict[str, pd.DataFrame], suppression: Suppression,
                 cross_sums) -> tuple[dict[str, pd.DataFrame], tuple[PlanError, ...]]:
    """Apply disclosure control jointly to all tables, one area and year at a time.

    Returns the published tables and the problems of files that publish too much.
    """
    rules = disclosure_rules(tables, cross_sums, suppression)
    groups: dict[tuple[str, int], dict[tuple[str, str], float]] = {}
    given: dict[tuple[str, int], dict[tuple[str, str], str]] = {}
    rows: dict[tuple, int] = {}
    for t, f in raw.items():
        for o, a, k, v, h, r in zip(*_columns(f, "omraade", "aar", "kategori", "vaerdi", "skjult_i_filen", "raekke")):
            groups.setdefault((o, int(a)), {})[(t, k)] = v
            if h:
                given.setdefault((o, int(a)), {})[(t, k)] = h
            rows[(t, o, int(a), k)] = r
    hidden: dict[tuple, str] = {}
    problems: list[PlanError] = []
    for (area, year), values in groups.items():
        in_file = given.get((area, year), {})
        result = audit_group(rules, values, in_file)
        for (t, k), state in {**in_file, **result.to_hide}.items():
            hidden[(t, area, int(year), k)] = state
        if not result.ok:
            problems += _disclosure_errors(folder, tables, rows, area, year, result, suppression)
    published = {}
    for t, frame in raw.items():
        out = frame.copy()
        states = [hidden.get((t, o, int(a), k), "") for o, a, k in zip(*_columns(frame, "omraade", "aar", "kategori"))]
        out["undertrykt"] = states
        out.loc[out["undertrykt"] != "", "vaerdi"] = math.nan
        published[t] = out
    return published, tuple(problems)


def mark_of(state: str, suppression: Suppression) -> str:
    """What a file (and the site) writes for a hidden cell."""
    return suppression.small_mark if state == diskretion.PRIMARY else suppression.hidden_mark


def _disclosure_errors(folder: Path, tables: dict[str, TableSpec], rows: dict, area: str, year: int,
                       result: diskretion.Audit, suppression: Suppression) -> list[PlanError]:
    """Danish errors for one area and year: each names its cell and every cell to hide."""
    small = f"1 og {suppression.min_count - 1}"

    def where(cell) -> tuple[Path, int]:
        t, k = cell
        return folder / tables[t].file, rows[(t, area, year, k)]

    def todo(exclude=None) -> str:
        items = []
        for cell, state in sorted(result.to_hide.items(), key=lambda item: (str(item[0][0]), where(item[0])[1])):
            if cell == exclude:
                continue
            path, row = where(cell)
            items.append(f"{path.name} række {row} ({cell[1]}): «{mark_of(state, suppression)}»")
        return "; ".join(items)

    def fix(first: str, cell) -> str:
        rest = todo(exclude=cell)
        also = f" Skjul også: {rest}." if rest else ""
        return (f"{first}{also} Ret ikke tallene i hånden: brug importtrinnet "
                "(make beboerdata-import), eller send filen til den dataansvarlige.")

    errors = []
    for cell in result.small:
        path, row = where(cell)
        errors.append(PlanError(
            Location(path, row=row, column="vaerdi"),
            f"Et antal personer mellem {small} står i filen ({area}, {year}, {cell[1]}). "
            "Alt i repositoryet er offentligt, så tallet må ikke stå her.",
            fix(f"Skriv «{suppression.small_mark}» i stedet for tallet.", cell),
        ))
    for cell in result.exposed:
        path, row = where(cell)
        errors.append(PlanError(
            Location(path, row=row, column="vaerdi"),
            f"Det skjulte tal ({area}, {year}, {cell[1]}) kan regnes ud fra de andre tal og totalen.",
            fix("Skjul flere tal:", None),
        ))
    if errors:
        return errors  # each of them lists every cell to hide
    for cell in result.to_hide:  # what is left: shares computed from a hidden count
        path, row = where(cell)
        derived = bool(tables[cell[0]].category(cell[1]).derived_from)
        errors.append(PlanError(
            Location(path, row=row, column="vaerdi"),
            f"Tallet ({area}, {year}, {cell[1]}) er beregnet af et skjult tal og afslører det." if derived else
            f"Tallet ({area}, {year}, {cell[1]}) afslører et skjult tal.",
            fix(f"Skriv «{suppression.hidden_mark}» i stedet for tallet.", cell),
        ))
    return errors


def _load_application(folder: Path, sources: dict) -> ApplicationFigures:
    path = folder / "ansoegning-2017-2021.yaml"
    raw = load_validated(path, "beboerdata-ansoegning", known_ids(sources))
    problems = []
    seen: dict[str, int | None] = {}
    for index, item in enumerate(raw["tal"]):
        if item["id"] in seen:
            problems.append(PlanError(Location(path, line=raw["tal"].line_of(index), column="id"),
                                      f"Tallet med id «{item['id']}» findes allerede (linje {seen[item['id']]}).",
                                      "Giv hvert tal sit eget id."))
        seen[item["id"]] = raw["tal"].line_of(index)
        if item["enhed"] == "procent" and not 0 <= item["vaerdi"] <= 100:
            problems.append(PlanError(Location(path, line=item.line_of("vaerdi"), column="vaerdi"),
                                      f"En andel skal ligge mellem 0 og 100 ({item['vaerdi']}).",
                                      "Skriv andelen i procent som et tal mellem 0 og 100."))
    if problems:
        raise PlanErrors(problems)
    figures = tuple(
        PublicFigure(i["id"], i["navn"], float(i["vaerdi"]), i["enhed"], i.get("aar"),
                     tuple(Comparison(c["navn"], float(c["vaerdi"])) for c in i.get("sammenligning", [])))
        for i in raw["tal"]
    )
    return ApplicationFigures(raw["kilde"], raw["omraade"], figures)


# --- the quick first check --------------------------------------------------------------


def small_counts_in_files(data_dir: Path, sources: dict) -> list[PlanError]:
    """Every count of 1 … min_count - 1 written as a number in a beboerdata file.

    Runs before the full load (``make validate`` shows these first): it needs only
    ``tabeller.yaml`` and reads each file's numbers, skipping what it cannot read
    (the full load reports that). The complete check, including cells that totals
    reveal, is :attr:`Beboerdata.disclosure_problems`.
    """
    folder = Path(data_dir) / "beboerdata"
    try:
        _units, _comparison, suppression, tables, _cross = _load_declarations(folder, sources)
    except PlanError:
        return []
    problems = []
    for spec in tables.values():
        person = {c.id for c in spec.categories if c.unit.person_count}
        try:
            table = csvio.read_csv(folder / spec.file)
        except PlanError:
            continue
        for row in table.rows:
            if row.values.get("kategori") not in person:
                continue
            try:
                value = csvio.parse_number(row.values.get("vaerdi", ""), table.dialect)
            except csvio.NumberFormatError:
                continue
            if value != int(value):
                continue  # not a count at all (e.g. 1.851 in a comma file): the loader says so
            if diskretion.is_small(value, suppression.min_count):
                problems.append(PlanError(
                    Location(folder / spec.file, row=row.row, column="vaerdi"),
                    f"Et antal personer mellem 1 og {suppression.min_count - 1} står i filen "
                    f"({row.values.get('omraade')}, {row.values.get('aar')}, {row.values.get('kategori')}). "
                    "Alt i repositoryet er offentligt, så tallet må ikke stå her.",
                    f"Skriv ikke «{suppression.small_mark}» i hånden: de tal, der ellers afslører det lille tal, "
                    "skal også skjules. Kør importtrinnet (make beboerdata-import) på den rå tabel, "
                    "eller send filen til den dataansvarlige.",
                ))
    return problems


# --- entry point ----------------------------------------------------------------------


def load_beboerdata(data_dir: Path, sources: dict, areas: dict, plan_area_ids: list[str]) -> Beboerdata:
    """Load, validate and disclosure-control every table declared in ``beboerdata/tabeller.yaml``."""
    folder = Path(data_dir) / "beboerdata"
    units, comparison_units, suppression, tables, cross_sums = _load_declarations(folder, sources)
    application = _load_application(folder, sources)
    known_units = {**{a: a for a in areas}, **comparison_units}
    raw = {}
    problems: list[PlanError] = []
    for spec in tables.values():
        try:
            raw[spec.id] = _load_table(folder / spec.file, spec, known_units, plan_area_ids, comparison_units,
                                       suppression, facts_until().year)
        except PlanErrors as exc:
            problems.extend(exc.errors)
            continue
        except PlanError as exc:
            problems.append(exc)
            continue
    if problems:
        raise PlanErrors(problems)
    _check_cross_sums(folder, tables, raw, cross_sums)
    published, disclosure_problems = _publish_all(folder, tables, raw, suppression, cross_sums)
    for frame in list(raw.values()) + list(published.values()):
        frame.drop(columns="raekke", inplace=True)
    return Beboerdata(folder, units, comparison_units, suppression, tables, application, raw, published,
                      disclosure_problems)
