"""Tabel 18 (criteria values) as the criteria engine's inputs, after disclosure control."""

from __future__ import annotations

from macros.criteria.engine import (
    CriteriaInputs,
)

#: Shown wherever the criteria values are not available.
MISSING_TABLE = "Kan ikke vurderes – kriterieværdier (Tabel 18) mangler."


#: Reason shown when Tabel 18 has a cell suppressed for privacy (diskretionering).
SUPPRESSED = "Værdien er skjult af hensyn til diskretionering (for få personer)."


def inputs_from_rows(rows, example_data: bool) -> CriteriaInputs:
    """Tidy rows (``omraade, aar, kategori, vaerdi`` and optionally ``undertrykt``) → :class:`CriteriaInputs`.

    A missing or suppressed value stays missing (never 0), with the reason kept for the explanation.
    """
    values: dict[str, dict[int, dict[str, float]]] = {}
    gaps: dict[tuple[str, int, str], str] = {}
    for row in rows:
        value = row["vaerdi"]
        key = (str(row["omraade"]), int(row["aar"]), str(row["kategori"]))
        if row.get("undertrykt"):
            gaps[key] = SUPPRESSED
            continue
        if value is None or value != value:  # None or NaN
            continue
        values.setdefault(key[0], {}).setdefault(key[1], {})[key[2]] = float(value)
    return CriteriaInputs(values, example_data=example_data, gaps=gaps)


def inputs_from_plan(plan) -> CriteriaInputs:
    """The plan's Tabel 18 (``plan.beboerdata``) as engine input, or an input that explains it is missing."""
    data = getattr(plan, "beboerdata", None)
    if data is None or "18" not in data.tables:
        return CriteriaInputs(missing_reason=MISSING_TABLE)
    # The published (disclosure-controlled) table: the pages show these values, so a
    # suppressed person count can never reappear through the criteria pages.
    frame = data.published("18")
    if len(frame) == 0:
        return CriteriaInputs(missing_reason=MISSING_TABLE)
    rows = frame[["omraade", "aar", "kategori", "vaerdi", "undertrykt"]].to_dict("records")
    return inputs_from_rows(rows, data.is_example("18"))
