"""Follow-up (opfølgning): the indicators' definitions, the own measurements and the progress rule.

* ``data/indikatorer.yaml``: what each indicator measures and where its values
  come from (a beboerdata table, two counts of one, or a measurements file),
  plus the two decisions: the baseline year and the target. No value is typed.
* ``data/maalinger/*.csv``: figures outside the beboerdata, one row per
  indicator × unit × year, each with its source::

      indikator,omraade,aar,vaerdi,kilde[,eksempeldata]

  A person count of 1–4 must be written «<5» (as in the beboerdata files).
* ``data/opfoelgning.yaml``: the rule that turns progress into a status.

The values themselves are computed by :mod:`macros.followup.compute`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from macros.core import csvio
from macros.core.context import facts_until
from macros.core.errors import Location, PlanError, PlanErrors, suggest
from macros.core.yamlio import load_validated
from macros.model.load import known_ids, named_ids

INDICATORS_FILE = "indikatorer.yaml"
MEASUREMENTS_DIR = "maalinger"
RULE_FILE = "opfoelgning.yaml"
MEASUREMENT_COLUMNS = ["indikator", "omraade", "aar", "vaerdi", "kilde"]
YES = {"ja", "j", "true", "1", "x"}
#: Units whose values are counts of persons (disclosure control applies).
PERSON_COUNT_UNITS = {"antal-personer"}


@dataclass(frozen=True)
class Cell:
    """A beboerdata cell: table and category."""

    table: str
    category: str

    @property
    def text(self) -> str:
        return f"tabel {self.table}, {self.category}"


@dataclass(frozen=True)
class Combine:
    """How the plan as a whole is computed from the areas: ``sum``, ``ingen`` or weighted by *weight*."""

    method: str  # "sum" | "ingen" | "vaegtet" | "antal" (share of summed counts)
    weight: Cell | None = None


@dataclass(frozen=True)
class ValueSource:
    """Where an indicator's values come from (exactly one of the three forms)."""

    kind: str  # "kategori" | "andel" | "maalinger"
    combine: Combine
    cell: Cell | None = None  # kategori
    numerator: Cell | None = None  # andel
    denominator: Cell | None = None
    comparison: Cell | None = None  # andel: the table's own share for kommune and landet
    file: str | None = None  # maalinger


@dataclass(frozen=True)
class Target:
    value: float
    year: int


@dataclass(frozen=True)
class Reference:
    value: float
    text: str
    source_id: str
    year: int | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Indicator:
    id: str
    theme_id: str
    name: str
    unit: str
    decimals: int
    direction: str  # "op" (higher is better) or "ned" (lower is better)
    values: ValueSource
    baseline_year: int
    target: Target
    example: bool  # the decisions (baseline year, target) are examples
    area_targets: dict[str, float] = field(default_factory=dict)
    source_id: str | None = None
    reference: Reference | None = None

    @property
    def person_count(self) -> bool:
        return self.unit in PERSON_COUNT_UNITS

    def target_for(self, unit_id: str) -> Target:
        if unit_id in self.area_targets:
            return Target(self.area_targets[unit_id], self.target.year)
        return self.target


@dataclass(frozen=True)
class Measurement:
    indicator_id: str
    unit_id: str
    year: int
    value: float | None  # None: hidden in the file («<5»)
    source_id: str
    example: bool
    file: str
    row: int


@dataclass(frozen=True)
class ProgressRule:
    method: str  # "ret-linje"
    tolerance: float  # share of the whole way from baseline to target


def measurement_files(data_dir: Path) -> list[str]:
    folder = Path(data_dir) / MEASUREMENTS_DIR
    return sorted(p.name for p in folder.glob("*.csv")) if folder.is_dir() else []


def _cell(raw) -> Cell:
    return Cell(str(raw["tabel"]), raw["kategori"])


def _combine(raw) -> Combine:
    if isinstance(raw, str):
        return Combine(raw)
    return Combine("vaegtet", _cell(raw["vaegt"]))


def load_indicators(data_dir: Path, themes: dict, sources: dict, beboerdata, areas: dict,
                    period: range) -> dict[str, Indicator]:
    """Load ``indikatorer.yaml`` and check every reference: themes, tables,
    categories, measurement files, areas, and that the target year lies in *period*."""
    path = Path(data_dir) / INDICATORS_FILE
    known = (known_ids(sources, areas=areas).with_ids("indsatsomraader", named_ids(themes, navn="name"))
             .with_ids("tabeller", beboerdata.tables).with_ids("maalingsfiler", measurement_files(data_dir)))
    items = load_validated(path, "indikatorer", known)
    problems: list[PlanError] = []
    indicators: dict[str, Indicator] = {}

    def problem(item, key: str, text: str, fix: str) -> None:
        problems.append(PlanError(Location(path, line=item.line_of(key), column=key), text, fix))

    def check_cell(holder, key: str, raw) -> None:
        spec = beboerdata.tables[str(raw["tabel"])]
        known_categories = [c.id for c in spec.categories]
        if raw["kategori"] not in known_categories:
            problem(raw, "kategori", f"Ukendt kategori «{raw['kategori']}» i tabel {spec.id}.",
                    suggest(raw["kategori"], known_categories))

    for item in items:
        raw = item["vaerdier"]
        forms = {"kategori": {"tabel", "kategori", "samlet"}, "andel": {"taeller", "naevner"},
                 "maalinger": {"maalinger", "samlet"}}
        given = set(raw)
        kind = next((k for k, need in forms.items() if need <= given), None)
        allowed = {"kategori": {"tabel", "kategori", "samlet"}, "andel": {"taeller", "naevner", "sammenligning"},
                   "maalinger": {"maalinger", "samlet"}}
        if kind is None or given - allowed[kind]:
            problem(item, "vaerdier", f"«vaerdier» for indikatoren «{item['id']}» passer ikke til nogen af de tre former.",
                    "Skriv {tabel, kategori, samlet}, {taeller, naevner[, sammenligning]} eller "
                    "{maalinger: <fil i data/maalinger/>, samlet}. Se kommentaren øverst i filen.")
            continue
        if kind == "kategori":
            check_cell(item, "vaerdier", raw)
        for key in ("taeller", "naevner", "sammenligning"):
            if key in raw:
                check_cell(raw, key, raw[key])
        combine = raw.get("samlet")
        if isinstance(combine, dict):
            check_cell(combine, "vaegt", combine["vaegt"])
        if kind == "kategori":
            values = ValueSource("kategori", _combine(combine), cell=_cell(raw))
        elif kind == "andel":
            values = ValueSource("andel", Combine("antal"), numerator=_cell(raw["taeller"]),
                                 denominator=_cell(raw["naevner"]),
                                 comparison=_cell(raw["sammenligning"]) if "sammenligning" in raw else None)
        else:
            values = ValueSource("maalinger", _combine(combine), file=raw["maalinger"])

        goal = item["maal"]
        if goal["aar"] not in period:
            problem(goal, "aar", f"Målets år {goal['aar']} ligger uden for planperioden "
                    f"{period.start}–{period.stop - 1}.",
                    f"Skriv et år fra {period.start} til {period.stop - 1} under «maal».")
        if goal["aar"] <= item["udgangspunkt_aar"]:
            problem(item, "udgangspunkt_aar", "Udgangspunktets år skal ligge før målets år.",
                    "Ret «udgangspunkt_aar» eller «aar» under «maal».")
        area_targets = dict(item.get("omraade_maal", {}))
        for area_id in area_targets:
            if area_id not in areas:
                problem(item, "omraade_maal", f"Ukendt boligområde «{area_id}» under «omraade_maal».",
                        suggest(area_id, areas))
        if not item["eksempeldata"] and "kilde" not in item:
            problem(item, "eksempeldata",
                    f"Indikatorens mål er vedtaget (eksempeldata: false), men der er ingen kilde for «{item['id']}».",
                    "Tilføj «kilde: <id fra kilder.yaml>» (fx referatet), eller skriv «eksempeldata: true».")
        reference = item.get("reference")
        indicators[item["id"]] = Indicator(
            id=item["id"],
            theme_id=item["indsatsomraade"],
            name=item["navn"],
            unit=item["enhed"],
            decimals=item.get("decimaler", 0),
            direction=item["retning"],
            values=values,
            baseline_year=item["udgangspunkt_aar"],
            target=Target(float(goal["vaerdi"]), goal["aar"]),
            example=item["eksempeldata"],
            area_targets={k: float(v) for k, v in area_targets.items()},
            source_id=item.get("kilde"),
            reference=(
                Reference(reference["vaerdi"], reference["tekst"], reference["kilde"], reference.get("aar"),
                          reference.get("enhed"))
                if reference is not None else None
            ),
        )
    if problems:
        raise PlanErrors(problems)
    return indicators


def load_measurements(data_dir: Path, indicators: dict[str, Indicator], sources: dict, unit_ids: dict[str, str],
                      small_mark: str, min_count: int) -> tuple[Measurement, ...]:
    """Read every CSV in ``data/maalinger/``; check indicator, unit, year, value and source per row.

    *unit_ids* are the areas and comparison units a row may name. A person count
    between 1 and ``min_count - 1`` is refused: the file must say *small_mark*.
    """
    folder = Path(data_dir) / MEASUREMENTS_DIR
    problems: list[PlanError] = []
    rows: list[Measurement] = []
    seen: dict[tuple, int] = {}
    for name in measurement_files(data_dir):
        path = folder / name
        table = csvio.read_csv(path)
        missing = [c for c in MEASUREMENT_COLUMNS if c not in table.header]
        if missing:
            problems.append(PlanError(Location(path, row=1), f"Kolonnen «{missing[0]}» mangler i første række.",
                                      f"Første række skal være: {','.join(MEASUREMENT_COLUMNS)},eksempeldata"))
            continue
        for csv_row in table.rows:
            v, r = csv_row.values, csv_row.row

            def problem(column: str, text: str, fix: str) -> None:
                problems.append(PlanError(Location(path, row=r, column=column), text, fix))

            ind = indicators.get(v["indikator"])
            if ind is None:
                problem("indikator", f"Ukendt indikator «{v['indikator']}».",
                        suggest(v["indikator"], indicators) + f" Indikatorerne står i data/{INDICATORS_FILE}.")
                continue
            if ind.values.kind != "maalinger" or ind.values.file != name:
                problem("indikator", f"Indikatoren «{ind.id}» henter ikke sine tal fra {name}.",
                        f"Flyt rækken til den fil, indikatoren nævner under «vaerdier», eller ret indikatoren i "
                        f"data/{INDICATORS_FILE}.")
                continue
            if v["omraade"] not in unit_ids:
                problem("omraade", f"Ukendt område «{v['omraade']}».", suggest(v["omraade"], unit_ids))
                continue
            try:
                year = int(v["aar"])
            except ValueError:
                problem("aar", f"«{v['aar']}» er ikke et årstal.", "Skriv året med fire cifre, fx 2025.")
                continue
            if year > facts_until().year:
                problem("aar", f"Året {year} er ikke gået endnu, så der kan ikke være målt et tal for det.",
                        "Ret årstallet. Skriv aldrig selv tal for et år, der ikke er gået.")
                continue
            if v["kilde"] not in sources:
                problem("kilde", f"Ukendt kilde «{v['kilde']}».", suggest(v["kilde"], sources))
                continue
            text = v["vaerdi"].strip()
            if text == small_mark and ind.person_count:
                value = None
            else:
                try:
                    value = csvio.parse_number(text, table.dialect)
                except csvio.NumberFormatError:
                    problem("vaerdi", f"«{text}» er ikke et tal.", "Skriv kun tallet, uden enhed eller procenttegn.")
                    continue
                if ind.unit.startswith("antal") and not value.is_integer():
                    problem("vaerdi", f"Et antal skal være et helt tal («{text}»).",
                            f"Skriv {text.replace('.', '').replace(',', '')} uden punktum eller komma, "
                            "hvis punktummet skiller tusinder.")
                    continue
                if ind.person_count and 0 < value < min_count:
                    problem("vaerdi", f"Et antal personer mellem 1 og {min_count - 1} står i filen. "
                            "Alt i repositoryet er offentligt, så tallet må ikke stå her.",
                            f"Skriv «{small_mark}» i stedet for tallet.")
                    continue
                if math.isnan(value) or value < 0:
                    problem("vaerdi", f"Værdien «{text}» kan ikke bruges.", "Skriv et tal på 0 eller derover.")
                    continue
            key = (ind.id, v["omraade"], year)
            if key in seen:
                problem("aar", f"Der er allerede en måling for {ind.id}, {v['omraade']}, {year} (række {seen[key]}).",
                        "Slet den ene af rækkerne.")
                continue
            seen[key] = r
            rows.append(Measurement(ind.id, v["omraade"], year, value, v["kilde"],
                                    v.get("eksempeldata", "").strip().lower() in YES, name, r))
    if problems:
        raise PlanErrors(problems[:20])
    return tuple(rows)


def load_rule(data_dir: Path) -> ProgressRule:
    raw = load_validated(Path(data_dir) / RULE_FILE, "opfoelgning")
    return ProgressRule(raw["fremdrift"]["metode"], float(raw["fremdrift"]["tolerance"]))
