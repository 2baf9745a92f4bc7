"""Writing publishable beboerdata files: true values in, «<5» and «x» out.

The repository holds only values that may be published (see data/README.md).
Both the import step for raw tables (:mod:`macros.beboerdata.rawimport`) and the
generator of the example tables (``scripts/beboerdata_example.py``) go through
:func:`hide` and :func:`table_csv`, so the files they write pass the same
disclosure check as ``make validate`` (:func:`macros.beboerdata.load.audit_group`,
which in turn is :func:`macros.beboerdata.disclosure.audit`).
"""

from __future__ import annotations

import math
from pathlib import Path

from macros.beboerdata.load import (
    DisclosureRules,
    Suppression,
    TableSpec,
    _load_declarations,
    audit_group,
    disclosure_rules,
    mark_of,
)
from macros.core import csvio
from macros.model.load import load_sources

HEADER = ["omraade", "aar", "kategori", "vaerdi", "eksempeldata"]

#: A cell of one table: (area, year, category).
Cell = tuple[str, int, str]


def declarations(data_dir: Path) -> tuple[dict[str, TableSpec], Suppression, DisclosureRules]:
    """The tables of ``beboerdata/tabeller.yaml`` with the disclosure rule and relations."""
    data_dir = Path(data_dir)
    _units, _comparison, suppression, tables, cross_sums = _load_declarations(
        data_dir / "beboerdata", load_sources(data_dir))
    return tables, suppression, disclosure_rules(tables, cross_sums, suppression)


def hide(rules: DisclosureRules, values: dict[str, dict[Cell, float]],
         given: dict[str, dict[Cell, str]] | None = None) -> dict[str, dict[Cell, str]]:
    """The cells to hide in each table (``table id -> cell -> status``), jointly for all tables.

    *values* are the true values per table; cells in *given* are hidden already (their value
    may be NaN). The result includes the given cells.
    """
    given = given or {}
    groups: dict[tuple[str, int], dict] = {}
    hidden_groups: dict[tuple[str, int], dict] = {}
    for table_id, cells in values.items():
        for (area, year, cat), value in cells.items():
            groups.setdefault((area, year), {})[(table_id, cat)] = value
    for table_id, cells in given.items():
        for (area, year, cat), state in cells.items():
            hidden_groups.setdefault((area, year), {})[(table_id, cat)] = state
    out: dict[str, dict[Cell, str]] = {t: {} for t in values}
    for (area, year), group in groups.items():
        in_file = hidden_groups.get((area, year), {})
        result = audit_group(rules, group, in_file)
        for (table_id, cat), state in {**in_file, **result.to_hide}.items():
            out.setdefault(table_id, {})[(area, year, cat)] = state
    return out


#: The format of the files in data/beboerdata/: what Danish Excel saves (see data/README.md),
#: so that a file saved again from Excel changes only in the edited lines.
FILE_DIALECT = csvio.DANISH_EXCEL


def value_text(value: float, person_count: bool, dialect: csvio.CsvDialect = FILE_DIALECT) -> str:
    """A value as the files write it: counts as whole numbers, other values without trailing zeros."""
    if person_count:
        return str(int(value))
    return csvio.number_text(value, dialect)


def table_csv(spec: TableSpec, rows: list[tuple[str, int, str, float, bool]], status: dict[Cell, str],
              suppression: Suppression) -> str:
    """The publishable CSV text of one table: *rows* are ``(area, year, category, value, example)``.

    The text is in :data:`FILE_DIALECT` (it starts with the BOM character; write it as UTF-8
    with ``newline=""``)."""
    person = {c.id for c in spec.categories if c.unit.person_count}
    lines = [HEADER]
    for area, year, cat, value, example in rows:
        state = status.get((area, year, cat))
        if state:
            text = mark_of(state, suppression)
        elif value is None or (isinstance(value, float) and math.isnan(value)):
            raise ValueError(f"no value for {(area, year, cat)} and not hidden")
        else:
            text = value_text(value, cat in person)
        lines.append([area, str(year), cat, text, "ja" if example else "nej"])
    return csvio.csv_text(lines, FILE_DIALECT)
