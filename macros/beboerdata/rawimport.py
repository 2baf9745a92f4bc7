"""The import step for raw beboerdata tables: raw in, publishable CSV out.

``make beboerdata-import FIL=<file> [TABEL=<nr>]`` (scripts/beboerdata_import.py)
is for the person responsible for data, who receives Landsbyggefonden's raw
tables (the Excel download or a CSV export) with true figures, small counts
included. It

1. reads the raw table: ``.xlsx`` (openpyxl) or ``.csv`` in any dialect Danish
   Excel writes (``;``, decimal comma, Windows-1252 or UTF-8 with BOM; see
   :mod:`macros.core.csvio`);
2. maps it to our layout as ``data/beboerdata/tabeller.yaml`` declares it: the
   table (``TABEL`` or the table number in the file name or title), the areas
   (id or name), the categories (id, ``navn`` or the names under ``lbf_navn``),
   in either a long layout (one row per area, year and category) or LBF's wide
   one (one column per year);
3. applies primary and secondary suppression jointly with the other tables
   (:func:`macros.beboerdata.publish.hide`, the same disclosure control the
   site and ``make validate`` use);
4. checks the result as ``make validate`` would, and only then writes the
   publishable CSV into data/beboerdata/ (and the other tables' files, if the
   same persons counted there need a cell hidden too);
5. returns a Danish report of what it hid and why.

The raw file itself is never written to and never belongs in the repository
(keep it in ``raa-data/``, which git ignores).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from macros.beboerdata import disclosure
from macros.beboerdata import publish
from macros.beboerdata.load import TableSpec, _load_table, load_beboerdata
from macros.core import csvio
from macros.core.context import facts_until
from macros.core.errors import Location, PlanError, PlanErrors, display_path, suggest
from macros.core.yamlio import load_validated
from macros.model.load import known_ids, load_areas, load_facts, load_parties, load_sources

#: Raw tables are kept here, never in git (see .gitignore and data/README.md).
RAW_FOLDER = "raa-data"
#: Shown at most this many hidden cells per kind in the report (the rest are counted).
REPORT_LIMIT = 25

_TABLE_IN_TEXT = re.compile(r"\btabel[\s_.-]*0*(\d{1,2}[a-c]?)\b", re.IGNORECASE)
_YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass(frozen=True)
class RawCell:
    row: int  # as the spreadsheet shows it (1-based)
    column: str  # the column's letter and header, e.g. "C (2016)"


@dataclass(frozen=True)
class ImportReport:
    table: TableSpec
    raw_file: Path
    sheet: str | None
    target: Path
    rows: list  # (area, year, category, value, example)
    hidden: dict  # (area, year, category) -> status, in the imported table
    other_files: dict = field(default_factory=dict)  # file name -> cells newly hidden there
    min_count: int = 5
    marks: tuple[str, str] = ("<5", "x")

    def text(self) -> str:
        areas = list(dict.fromkeys(r[0] for r in self.rows))
        years = sorted({r[1] for r in self.rows})
        where = f" (arket «{self.sheet}»)" if self.sheet else ""
        lines = [
            f"Tabel {self.table.id} «{self.table.title}» er importeret fra {display_path(self.raw_file)}{where}.",
            f"Skrevet: {display_path(self.target)} – {len(self.rows)} tal for {', '.join(areas)}, "
            f"{years[0]}–{years[-1]}.",
        ]
        small = sorted(c for c, s in self.hidden.items() if s == disclosure.PRIMARY)
        derived = {c.id for c in self.table.categories if c.derived_from}
        shares = sorted(c for c, s in self.hidden.items() if s == disclosure.SECONDARY and c[2] in derived)
        others = sorted(c for c, s in self.hidden.items() if s == disclosure.SECONDARY and c[2] not in derived)
        if not self.hidden:
            lines.append(f"Intet skulle skjules: tabellen har ingen antal personer fra 1 til {self.min_count - 1}.")
        else:
            lines.append(f"Skjult, så filen må offentliggøres (antal personer under {self.min_count} vises aldrig):")
        for cells, why in (
            (small, f"skrevet «{self.marks[0]}»: antal personer fra 1 til {self.min_count - 1}"),
            (others, f"skrevet «{self.marks[1]}»: ville ellers afsløre et lille tal gennem en total "
                     "eller en anden tabel med de samme personer"),
            (shares, f"skrevet «{self.marks[1]}»: andele beregnet af et skjult tal"),
        ):
            if not cells:
                continue
            lines.append(f"  {len(cells)} tal {why}:")
            for area, year, cat in cells[:REPORT_LIMIT]:
                lines.append(f"    - {area} {year}, {cat}")
            if len(cells) > REPORT_LIMIT:
                lines.append(f"    … og {len(cells) - REPORT_LIMIT} flere")
        for name, count in self.other_files.items():
            lines.append(f"Også opdateret: data/beboerdata/{name} ({count} tal skjult, fordi de samme personer "
                         "tælles der).")
        lines += [
            "Kontrol: filerne er læst igen med samme kontrol som make validate og må offentliggøres.",
            f"Den rå fil må ikke lægges i repositoryet: gem den i {RAW_FOLDER}/ (git ignorerer mappen), "
            "eller slet den.",
            "Er det rigtige tal: sæt «eksempeldata: false» og den rigtige «kilde» for tabellen i "
            "data/beboerdata/tabeller.yaml.",
        ]
        return "\n".join(lines)


# --- reading the raw file ---------------------------------------------------------------


def _normal(text) -> str:
    text = str(text).replace("\u2013", "-").replace("\u2014", "-").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip().strip(":").strip().lower()


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_grid(path: Path, table_id: str | None = None) -> tuple[list[tuple[int, list]], str | None, csvio.CsvDialect]:
    """The raw file's rows ``(spreadsheet row, cells)``, the sheet used (Excel) and the number dialect."""
    path = Path(path)
    if not path.exists():
        raise PlanError(path, "Filen findes ikke.", f"Skriv stien til den rå fil, fx FIL={RAW_FOLDER}/tabel-18.xlsx.")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception:  # noqa: BLE001 - any unreadable workbook gets the same Danish answer
            raise PlanError(path, "Excel-filen kan ikke læses.",
                            "Åbn filen i Excel, og gem den igen som «Excel-projektmappe (.xlsx)».") from None
        sheet = book.active
        if table_id:
            for candidate in book.worksheets:
                match = _TABLE_IN_TEXT.search(candidate.title)
                if match and match.group(1).lower() == str(table_id).lower():
                    sheet = candidate
        grid = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = ["" if v is None else (v.strip() if isinstance(v, str) else v) for v in row]
            if any(c != "" for c in cells):
                grid.append((number, cells))
        title = sheet.title
        book.close()
        return grid, title, csvio.CsvDialect(",", ".", "xlsx")
    if suffix not in (".csv", ".txt"):
        raise PlanError(path, f"Filtypen «{path.suffix}» kan ikke importeres.",
                        "Brug Landsbyggefondens Excel-fil (.xlsx) eller en CSV-fil (.csv).")
    text, encoding = csvio.decode(path, path.read_bytes())
    separator = ";" if text.count(";") >= text.count(",") else ","
    dialect = csvio.CsvDialect(separator, "," if separator == ";" else ".", encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    grid = []
    for cells in reader:
        if any(c.strip() for c in cells):
            grid.append((reader.line_num, [c.strip() for c in cells]))
    return grid, None, dialect


def detect_table(path: Path, grid, tables: dict[str, TableSpec], table_id: str | None, sheet: str | None) -> TableSpec:
    """The declared table: TABEL, else the number in the file name, sheet name or the title rows."""
    candidates = [str(table_id)] if table_id else []
    if not candidates:
        texts = [Path(path).stem, sheet or ""] + [str(c) for _, cells in grid[:5] for c in cells if isinstance(c, str)]
        for text in texts:
            match = _TABLE_IN_TEXT.search(text)
            if match:
                candidates.append(match.group(1).lower())
                break
    if not candidates:
        raise PlanError(path, "Det fremgår ikke af filen, hvilken tabel den er.",
                        "Angiv tabellens nummer: make beboerdata-import FIL=… TABEL=18.")
    wanted = candidates[0].lstrip("0") or "0"
    if wanted not in tables:
        raise PlanError(path, f"Der findes ingen beboerdatatabel «{wanted}».", suggest(wanted, tables))
    return tables[wanted]


# --- mapping to our layout --------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    header_row: int
    header: list
    columns: dict  # role -> index (omraade, kategori; long layout also aar, vaerdi, eksempeldata)
    years: dict  # index -> year (wide layout)


def _find_layout(path: Path, grid, aliases: dict[str, set[str]]) -> _Layout:
    for index, (number, cells) in enumerate(grid):
        names = [_normal(c) if isinstance(c, str) else c for c in cells]
        columns = {}
        for role, known in aliases.items():
            for i, name in enumerate(names):
                if isinstance(name, str) and name in known and role not in columns:
                    columns[role] = i
        years = {}
        for i, name in enumerate(names):
            text = str(int(name)) if isinstance(name, (int, float)) and name == int(name) else str(name)
            if _YEAR.match(text):
                years[i] = int(text)
        if {"omraade", "aar", "kategori", "vaerdi"} <= columns.keys():
            return _Layout(number, cells, columns, {})
        if years and {"omraade", "kategori"} <= columns.keys():
            return _Layout(number, cells, columns, years)
        if years and len(years) < len(cells):
            # LBF's wide layout without recognised headers: area and category are the first two columns.
            others = [i for i in range(len(cells)) if i not in years]
            if len(others) >= 2:
                return _Layout(number, cells, {"omraade": others[0], "kategori": others[1]}, years)
    expected = ", ".join(sorted(aliases.get("omraade", ())))
    raise PlanError(
        path, "Overskriftsrækken blev ikke fundet.",
        "Filen skal have en række med kolonnenavnene: enten et område, en kategori og ét år per kolonne "
        "(Landsbyggefondens tabel), eller omraade, aar, kategori og vaerdi. "
        f"Områdekolonnen kan hedde: {expected}.")


def _parse(value, dialect: csvio.CsvDialect, marks: tuple[str, str]) -> tuple[float | None, str]:
    """(value, hidden status) of one raw cell; raises NumberFormatError."""
    if isinstance(value, bool):
        raise csvio.NumberFormatError(mixed=False)
    if isinstance(value, (int, float)):
        return float(value), ""
    text = str(value).strip()
    if text == marks[0]:
        return None, disclosure.PRIMARY
    if text.lower() == marks[1]:
        return None, disclosure.SECONDARY
    try:
        return csvio.parse_number(text, dialect), ""
    except csvio.NumberFormatError:
        other = csvio.CsvDialect(dialect.separator, "." if dialect.decimal == "," else ",", dialect.encoding)
        if dialect.encoding == "xlsx":  # a number typed as text in Excel
            return csvio.parse_number(text, other), ""
        raise


def map_records(path: Path, grid, layout: _Layout, spec: TableSpec, units: dict[str, str], dialect, marks,
                example: bool) -> list[tuple]:
    """``(area, year, category, value, status, example, RawCell)`` for every value of the raw table."""
    categories = {}
    for c in spec.categories:
        for name in (c.id, c.name, *c.aliases):
            categories[_normal(name)] = c
    problems: list[PlanError] = []
    records = []
    header = layout.header

    def label(i: int) -> str:
        name = header[i] if i < len(header) else ""
        return f"{_column_letter(i)} ({name})" if name != "" else _column_letter(i)

    def problem(row, i, text, fix):
        problems.append(PlanError(Location(path, row=row, column=label(i)), text, fix))

    for number, cells in grid:
        if number <= layout.header_row:
            continue
        cells = list(cells) + [""] * (len(header) - len(cells))
        area_text = cells[layout.columns["omraade"]]
        cat_text = cells[layout.columns["kategori"]]
        if area_text == "" and cat_text == "":
            continue
        area = units.get(_normal(area_text))
        if area is None:
            problem(number, layout.columns["omraade"], f"Ukendt område «{area_text}».",
                    suggest(str(area_text), sorted(set(units.values()))) +
                    " Nye boligområder skal først stå i data/boligomraader.yaml.")
            continue
        category = categories.get(_normal(cat_text))
        if category is None:
            problem(number, layout.columns["kategori"], f"Tabel {spec.id} har ingen kategori «{cat_text}».",
                    suggest(str(cat_text), [c.name for c in spec.categories]) +
                    " Et andet navn for kategorien skrives under «lbf_navn» i data/beboerdata/tabeller.yaml.")
            continue
        if layout.years:
            items = [(i, year) for i, year in layout.years.items()]
        else:
            year_text = cells[layout.columns["aar"]]
            try:
                items = [(layout.columns["vaerdi"], int(float(year_text)))]
            except ValueError:
                problem(number, layout.columns["aar"], f"«{year_text}» er ikke et årstal.", "Skriv året med fire cifre.")
                continue
        flag = example
        if "eksempeldata" in layout.columns:
            flag = _normal(cells[layout.columns["eksempeldata"]]) in {"ja", "j", "true", "1", "x"}
        for i, year in items:
            raw = cells[i] if i < len(cells) else ""
            if raw == "":
                continue  # no figure that year (e.g. no election)
            try:
                value, status = _parse(raw, dialect, marks)
            except csvio.NumberFormatError:
                problem(number, i, f"«{raw}» er ikke et tal.", "Skriv kun tallet, uden enhed eller tekst.")
                continue
            records.append((area, year, category.id, value, status, flag, RawCell(number, label(i))))
    if problems:
        raise PlanErrors(problems)
    if not records:
        raise PlanError(path, f"Filen indeholder ingen tal for tabel {spec.id}.",
                        "Kontrollér, at det er den rigtige fil og det rigtige ark.")
    return records


# --- the import -------------------------------------------------------------------------


def _aliases(data_dir: Path) -> dict[str, set[str]]:
    raw = load_validated(Path(data_dir) / "beboerdata" / "tabeller.yaml", "beboerdata-tabeller",
                         known_ids(load_sources(data_dir)))
    columns = (raw.get("import") or {}).get("kolonner", {})
    aliases = {role: {_normal(n) for n in names} | {role} for role, names in columns.items()}
    for role in ("omraade", "aar", "kategori", "vaerdi", "eksempeldata"):
        aliases.setdefault(role, {role})
    return aliases


def import_table(data_dir: Path, raw_path: Path, table_id: str | None = None, example: bool = False) -> ImportReport:
    """Import one raw table into ``data_dir/beboerdata`` as a publishable file; see the module docstring."""
    data_dir = Path(data_dir).resolve()
    raw_path = Path(raw_path)
    folder = data_dir / "beboerdata"
    tables, suppression, rules = publish.declarations(data_dir)
    sources = load_sources(data_dir)
    parties = load_parties(data_dir)
    areas = load_areas(data_dir, sources, parties)
    facts = load_facts(data_dir, sources, parties, areas)
    plan_area_ids = list(facts.area_ids)
    declared = load_validated(folder / "tabeller.yaml", "beboerdata-tabeller", known_ids(sources))
    comparison_units = {c["id"]: c["navn"] for c in declared["sammenligningsenheder"]}
    units = {}
    for unit_id, name in [*((a.id, a.name) for a in areas.values()), *comparison_units.items()]:
        units[_normal(unit_id)] = unit_id
        units[_normal(name)] = unit_id

    grid, sheet, dialect = read_grid(raw_path, table_id)
    spec = detect_table(raw_path, grid, tables, table_id, sheet)
    layout = _find_layout(raw_path, grid, _aliases(data_dir))
    marks = (suppression.small_mark, suppression.hidden_mark)
    records = map_records(raw_path, grid, layout, spec, units, dialect, marks, example)

    # The other tables as they are in the repository (publishable: their hidden cells are given).
    known_units = {**{a: a for a in areas}, **comparison_units}
    frames = {}
    for other in tables.values():
        if other.id != spec.id and (folder / other.file).exists():
            frames[other.id] = _load_table(folder / other.file, other, known_units, plan_area_ids, comparison_units,
                                           suppression, facts_until().year)
    values = {t: {(o, int(a), k): v for o, a, k, v in zip(f["omraade"], f["aar"], f["kategori"], f["vaerdi"])}
              for t, f in frames.items()}
    given = {t: {(o, int(a), k): h for o, a, k, h in zip(f["omraade"], f["aar"], f["kategori"], f["skjult_i_filen"]) if h}
             for t, f in frames.items()}
    values[spec.id] = {(r[0], r[1], r[2]): (r[3] if r[4] == "" else float("nan")) for r in records}
    given[spec.id] = {(r[0], r[1], r[2]): r[4] for r in records if r[4]}
    status = publish.hide(rules, values, given)

    # The new file, in our order: plan areas, then kommune and landet; categories as declared; years.
    position = {u: i for i, u in enumerate([*plan_area_ids, *comparison_units, *areas])}
    order = {c.id: i for i, c in enumerate(spec.categories)}
    records.sort(key=lambda r: (position.get(r[0], len(position)), order[r[2]], r[1]))
    rows = [(r[0], r[1], r[2], r[3], r[5]) for r in records]
    texts = {spec.file: publish.table_csv(spec, rows, status.get(spec.id, {}), suppression)}
    origin = {i + 2: r[6] for i, r in enumerate(records)}  # written row -> raw cell
    other_files = {}
    for t, frame in frames.items():
        new = {c: s for c, s in status.get(t, {}).items() if c not in given.get(t, {})}
        if not new:
            continue
        frame = frame.sort_values("raekke")  # the file's own order: only the marks change
        other_rows = [(o, int(a), k, v, e) for o, a, k, v, e in
                      zip(frame["omraade"], frame["aar"], frame["kategori"], frame["vaerdi"], frame["eksempeldata"])]
        texts[tables[t].file] = publish.table_csv(tables[t], other_rows, status[t], suppression)
        other_files[tables[t].file] = len(new)

    _check_before_writing(data_dir, folder, texts, sources, areas, plan_area_ids, raw_path, spec, origin)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8", newline="")
    hidden = {c: s for c, s in status.get(spec.id, {}).items()}
    return ImportReport(spec, raw_path, sheet, folder / spec.file, rows, hidden, other_files,
                        suppression.min_count, marks)


def _check_before_writing(data_dir: Path, folder: Path, texts: dict[str, str], sources, areas, plan_area_ids,
                          raw_path: Path, spec: TableSpec, origin: dict[int, RawCell]) -> None:
    """Load the would-be files exactly as ``make validate`` does; raise errors pointing at the raw file."""
    with tempfile.TemporaryDirectory(prefix="beboerdata-import-") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(folder, copy / "beboerdata")
        shutil.copytree(data_dir / "schemas", copy / "schemas")
        for name, text in texts.items():
            (copy / "beboerdata" / name).write_text(text, encoding="utf-8", newline="")
        try:
            result = load_beboerdata(copy, sources, areas, plan_area_ids)
        except PlanError as exc:
            errors = exc.errors if isinstance(exc, PlanErrors) else [exc]
            raise PlanErrors([_relocate(e, copy, folder, raw_path, spec, origin) for e in errors]) from None
        if result.disclosure_problems:  # cannot happen: the same control wrote the files
            raise PlanErrors([_relocate(e, copy, folder, raw_path, spec, origin) for e in result.disclosure_problems])


def _relocate(error: PlanError, copy: Path, folder: Path, raw_path: Path, spec: TableSpec,
              origin: dict[int, RawCell]) -> PlanError:
    file = Path(error.location.file) if error.location.file is not None else None
    if file is not None and file.name == spec.file and error.location.row in origin:
        cell = origin[error.location.row]
        return PlanError(Location(raw_path, row=cell.row, column=cell.column), error.problem,
                         error.fix + " Ret den rå fil, og kør importtrinnet igen.")
    if file is not None and copy in file.parents:
        return PlanError(Location(folder / file.relative_to(copy / "beboerdata"), row=error.location.row,
                                  column=error.location.column), error.problem, error.fix)
    return error
