"""Statistical disclosure control (diskretionering) of person counts.

Rule (domain brief §7, configured in ``data/beboerdata/tabeller.yaml``): a
count of persons between 1 and ``min_count - 1`` is never published
(*primary* suppression, shown as "<5"), and further cells are hidden
(*secondary* suppression, shown as "x") until no sum relation ``total = parts``
lets a reader work out a hidden small count, either exactly or as the sum of
the hidden parts.

The reader is assumed to know the rule itself: a "<5" cell is 1–4, and a
secondary cell is a non-zero count of at least ``min_count``. For every
relation and every primary cell, the values still consistent with the
published figures must span at least two possibilities; and when the total is
published, the hidden parts together must not be a small count (the
difference between the total and the published parts would reveal it).
Relations may overlap (e.g. rows and columns of a cross table); the procedure
repeats until no relation needs more protection.

Pure functions, no I/O: the loader and the property tests call them directly.
"""

from __future__ import annotations

import math
from typing import Hashable, Iterable, Mapping, Sequence

PRIMARY = "primaer"
SECONDARY = "sekundaer"

Relation = tuple[Hashable, Sequence[Hashable]]  # (total, parts)


def _bounds(status: str, value: float, min_count: int) -> tuple[float, float]:
    if status == PRIMARY:
        return 1.0, float(min_count - 1)
    if status == SECONDARY:
        return float(min_count), math.inf
    return value, value


def needs_protection(
    relation: Relation, values: Mapping[Hashable, float], status: Mapping[Hashable, str], min_count: int
) -> bool:
    """True if *relation* lets a reader narrow a suppressed small count down too far."""
    total, parts = relation
    members = [(total, 1)] + [(p, -1) for p in parts]  # total - sum(parts) = 0
    hidden = [(k, c) for k, c in members if status.get(k)]
    if not hidden:
        return False
    if len(hidden) == 1:
        return True  # the only unknown of an equation is known
    known = sum(c * values[k] for k, c in members if not status.get(k))
    if not status.get(total):
        revealed_sum = known  # = sum of the hidden parts
        if 0 < revealed_sum < min_count:
            return True
    bounds = {k: _bounds(status[k], values[k], min_count) for k, _ in hidden}
    for key, coef in hidden:
        if status[key] != PRIMARY:
            continue
        # coef * x = -(known) - sum(other coef * x_other)
        lo_rhs, hi_rhs = -known, -known
        for other, c in hidden:
            if other == key:
                continue
            lo, hi = bounds[other]
            lo_rhs -= c * hi if c > 0 else c * lo
            hi_rhs -= c * lo if c > 0 else c * hi
        lo_x, hi_x = (lo_rhs, hi_rhs) if coef > 0 else (-hi_rhs, -lo_rhs)
        lo_x = max(lo_x, 1.0)
        hi_x = min(hi_x, float(min_count - 1))
        if hi_x - lo_x < 1:
            return True
    return False


def suppress(
    values: Mapping[Hashable, float],
    person_cells: Iterable[Hashable],
    relations: Sequence[Relation],
    min_count: int,
) -> dict[Hashable, str]:
    """Return the suppression status of each cell that must not be published.

    *values* are the true values (person cells must be whole, non-negative
    numbers); *relations* list ``(total, parts)`` among person cells that are
    all present in *values*. Cells absent from the result are published.
    """
    person_cells = set(person_cells)
    status: dict[Hashable, str] = {
        k: PRIMARY for k in person_cells if k in values and 0 < values[k] < min_count
    }
    relations = [(t, tuple(p)) for t, p in relations if t in values and all(x in values for x in p)]
    if not status:
        return status
    for _ in range(len(values) + 1):
        changed = False
        for relation in relations:
            while needs_protection(relation, values, status, min_count):
                candidate = _next_cell(relation, values, status)
                if candidate is None:
                    break
                status[candidate] = SECONDARY
                changed = True
        if not changed:
            break
    return status


def _next_cell(relation: Relation, values: Mapping[Hashable, float], status: Mapping[Hashable, str]):
    """The smallest published non-zero part, else the total; None if nothing is left."""
    total, parts = relation
    open_parts = [p for p in parts if not status.get(p) and values[p] > 0]
    if open_parts:
        return min(open_parts, key=lambda p: (values[p], str(p)))
    if not status.get(total) and values[total] > 0:
        return total
    return None
