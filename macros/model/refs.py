"""Checks of references between data files and of unique ids.

Every problem is a Danish :class:`~macros.core.errors.PlanError` at the line of
the reference, with the nearest known value as a suggestion.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from macros.core.errors import (
    Location,
    PlanError,
    PlanErrors,
    suggest,
    unknown_reference,
)
from macros.core.yamlio import LineDict, LineList


class RefChecker:
    """Collects unknown-reference problems so they are all reported together."""

    def __init__(self) -> None:
        self.problems: list[PlanError] = []

    def check(self, value: str, known: Iterable[str], file: Path, line: int | None, what: str, field_name: str) -> None:
        known = list(known)
        if value not in known:
            self.problems.append(
                PlanError(Location(file, line=line, column=field_name), f"Ukendt {what} «{value}».", suggest(value, known))
            )

    def check_key(self, container: LineDict, key: str, known: Iterable[str], file: Path, what: str = "kilde") -> None:
        """Check ``container[key]`` (if present) against *known* ids, at the key's line."""
        if problem := unknown_reference(container, key, known, file, what):
            self.problems.append(problem)

    def raise_if_any(self) -> None:
        if self.problems:
            raise PlanErrors(self.problems)


def check_unique_ids(items: LineList, file: Path, what: str) -> None:
    """Every item's ``id`` must be unique within its file."""
    seen: dict[str, int | None] = {}
    problems = []
    for index, item in enumerate(items):
        ident = item["id"]
        line = items.line_of(index)
        if ident in seen:
            problems.append(
                PlanError(
                    Location(file, line=line, column="id"),
                    f"{what} med id «{ident}» findes allerede (linje {seen[ident]}).",
                    "Giv hver post sit eget id.",
                )
            )
        else:
            seen[ident] = line
    if problems:
        raise PlanErrors(problems)
