"""Writing publishable beboerdata files: true values in, «<5» and «x» out.

The repository holds only values that may be published (see data/README.md).
Both the import step for raw tables (:mod:`macros.beboerdata.rawimport`) and the
generator of the example tables (``scripts/beboerdata_example.py``) go through
:func:`hide` and :func:`table_csv`, so the files they write pass the same
disclosure check as ``make validate`` (:func:`macros.beboerdata.load.audit_group`,
which in turn is :func:`macros.beboerdata.disclosure.audit`).
"""

from __future__ import annotations

import csv
import io
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


def value_text(value: float, person_count: bool) -> str:
    """A value as the files write it: counts as whole numbers, other values without trailing zeros."""
    if person_count:
        return str(int(value))
    return ("%.4f" % value).rstrip("0").rstrip(".")


def table_csv(spec: TableSpec, rows: list[tuple[str, int, str, float, bool]], status: dict[Cell, str],
              suppression: Suppression) -> str:
    """The publishable CSV text of one table: *rows* are ``(area, year, category, value, example)``."""
    person = {c.id for c in spec.categories if c.unit.person_count}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for area, year, cat, value, example in rows:
        state = status.get((area, year, cat))
        if state:
            text = mark_of(state, suppression)
        elif value is None or (isinstance(value, float) and math.isnan(value)):
            raise ValueError(f"no value for {(area, year, cat)} and not hidden")
        else:
            text = value_text(value, cat in person)
        writer.writerow([area, year, cat, text, "ja" if example else "nej"])
    return buffer.getvalue()
