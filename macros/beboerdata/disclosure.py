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

The same functions check a file that is already disclosure-controlled (the
repository holds only publishable values: "<5" and "x" written in the file):
:func:`audit` starts from the cells the file hides (*given*), whose true values
are unknown, and reports what the file still reveals and what else to hide.

Pure functions, no I/O: the loader, the import step and the property tests call
them directly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Hashable, Iterable, Mapping, Sequence

PRIMARY = "primaer"
SECONDARY = "sekundaer"

#: A sum relation ``sum(plus) = sum(minus)``, e.g. ``((total,), parts)``. Cells may come from
#: different tables (the same persons counted in two tables).
Relation = tuple[Sequence[Hashable], Sequence[Hashable]]


def is_small(value: float, min_count: int) -> bool:
    """True for a count of persons that may never be published (1 … min_count - 1)."""
    return 0 < value < min_count


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
    plus, minus = relation
    members = [(k, 1) for k in plus] + [(k, -1) for k in minus]  # sum(plus) - sum(minus) = 0
    hidden = [(k, c) for k, c in members if status.get(k)]
    if not hidden:
        return False
    if len(hidden) == 1:
        return True  # the only unknown of an equation is known
    known = sum(c * values[k] for k, c in members if not status.get(k))
    signs = {c for _, c in hidden}
    if len(signs) == 1:
        revealed_sum = -known / signs.pop()  # all hidden cells on one side: their sum is known
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
    given: Mapping[Hashable, str] | None = None,
) -> dict[Hashable, str]:
    """Return the suppression status of each cell that must not be published.

    *values* are the true values (person cells must be whole, non-negative
    numbers); *relations* list ``(total, parts)`` among person cells that are
    all present in *values*. Cells absent from the result are published.
    *given* are cells already hidden (e.g. "<5" and "x" in a file); their
    values are never read, so they may be unknown (NaN).
    """
    person_cells = set(person_cells)
    status: dict[Hashable, str] = dict(given or {})
    status.update({
        k: PRIMARY for k in person_cells if k in values and not status.get(k) and is_small(values[k], min_count)
    })
    relations = [(tuple(a), tuple(b)) for a, b in relations if all(x in values for x in (*a, *b))]
    if not status:
        return status
    degree: dict[Hashable, int] = {}
    for plus, minus in relations:
        for cell in (*plus, *minus):
            degree[cell] = degree.get(cell, 0) + 1
    for _ in range(len(values) + 1):
        changed = False
        for relation in relations:
            while needs_protection(relation, values, status, min_count):
                candidate = _next_cell(relation, values, status, degree)
                if candidate is None:
                    break
                status[candidate] = SECONDARY
                changed = True
        if not changed:
            break
    return status


def _next_cell(relation: Relation, values: Mapping[Hashable, float], status: Mapping[Hashable, str],
               degree: Mapping[Hashable, int]):
    """The published non-zero cell to hide next: in as few other relations as possible (fewer
    knock-on suppressions), then the smallest; parts before totals. None if nothing is left."""
    plus, minus = relation
    open_cells = [(0, p) for p in minus if not status.get(p) and values[p] > 0]
    open_cells += [(1, p) for p in plus if not status.get(p) and values[p] > 0]
    if not open_cells:
        return None
    return min(open_cells, key=lambda c: (degree.get(c[1], 1), c[0], values[c[1]], str(c[1])))[1]


def hide_derived(
    status: dict[Hashable, str], derived: Mapping[Hashable, Sequence[Hashable]]
) -> dict[Hashable, str]:
    """Hide every derived cell (e.g. a share) computed from a hidden cell, since it would reveal it."""
    for cell, inputs in derived.items():
        if not status.get(cell) and any(status.get(i) for i in inputs):
            status[cell] = SECONDARY
    return status


@dataclass(frozen=True)
class Audit:
    """What a disclosure-controlled table still reveals (see :func:`audit`)."""

    #: Person cells published with a count of 1 … min_count - 1.
    small: tuple[Hashable, ...]
    #: Hidden cells that a relation (total = parts) still lets a reader work out or narrow down.
    exposed: tuple[Hashable, ...]
    #: Every cell to hide in addition to those already hidden, with its status.
    to_hide: dict[Hashable, str]

    @property
    def ok(self) -> bool:
        return not self.to_hide


def audit(
    values: Mapping[Hashable, float],
    given: Mapping[Hashable, str],
    person_cells: Iterable[Hashable],
    relations: Sequence[Relation],
    derived: Mapping[Hashable, Sequence[Hashable]],
    min_count: int,
) -> Audit:
    """Check values as they would be published: *given* cells are already hidden (values unknown).

    Uses :func:`suppress` and :func:`hide_derived` themselves, so a file passes exactly when
    the site's own disclosure control would hide nothing more in it.
    """
    person_cells = set(person_cells)
    small = tuple(k for k in person_cells
                  if k in values and not given.get(k) and is_small(values[k], min_count))
    status = dict(given)
    status.update({k: PRIMARY for k in small})
    relations = [(tuple(a), tuple(b)) for a, b in relations if all(x in values for x in (*a, *b))]
    exposed: list[Hashable] = []
    for relation in relations:
        if needs_protection(relation, values, status, min_count):
            exposed += [k for k in (*relation[0], *relation[1])
                        if status.get(k) and k not in small and k not in exposed]
    full = suppress(values, person_cells, relations, min_count, given=given)
    hide_derived(full, {d: i for d, i in derived.items() if d in values})
    to_hide = {k: state for k, state in full.items() if not given.get(k)}
    return Audit(tuple(sorted(small, key=str)), tuple(exposed), to_hide)
