"""Errors that staff members can act on.

Every problem in the plan's data or pages is raised as a :class:`PlanError`.
Its message is Danish and always says *where* (file, line or spreadsheet row,
column), *what* is wrong and *what to do*. The class derives from MkDocs'
``PluginError`` so that MkDocs prints the message and aborts the build
without a Python traceback.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from mkdocs.exceptions import PluginError

#: Folder that paths in messages are shown relative to (the repository root).
REPO_ROOT = Path(__file__).resolve().parents[2]


def display_path(path: str | Path) -> str:
    """Show *path* relative to the repository when possible (``data/x.yaml``)."""
    p = Path(path)
    try:
        return p.resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return p.as_posix()


@dataclass
class Location:
    """Where a problem is: a file and, when known, a line or row and a column."""

    file: str | Path | None
    line: int | None = None  # 1-based line in a text file
    row: int | None = None  # 1-based row number as a spreadsheet shows it
    column: str | None = None  # column or field name

    def describe(self) -> str:
        parts = [display_path(self.file) if self.file is not None else "ukendt sted"]
        if self.row is not None:
            parts.append(f"række {self.row}")
        elif self.line is not None:
            parts.append(f"linje {self.line}")
        if self.column:
            parts.append(f"kolonne/felt «{self.column}»")
        return ", ".join(parts)


class PlanError(PluginError):
    """A problem in the plan's data or pages, explained in Danish.

    ``problem`` says what is wrong, ``fix`` what the staff member should do.
    """

    def __init__(self, location: Location | str | Path | None, problem: str, fix: str = ""):
        if not isinstance(location, Location):
            location = Location(location)
        self.location = location
        self.problem = problem
        self.fix = fix
        # ClickException (a base class) stores the text in ``self.message``.
        super().__init__(self.format())

    def format(self) -> str:
        text = f"Fejl i {self.location.describe()}: {self.problem}"
        if self.fix:
            text += f"\n  Sådan retter du det: {self.fix}"
        return text

    def __str__(self) -> str:
        return self.format()


class PlanErrors(PlanError):
    """Several problems found in one pass, reported together."""

    def __init__(self, errors: list[PlanError]):
        self.errors = list(errors)
        first = errors[0]
        super().__init__(first.location, first.problem, first.fix)

    def format(self) -> str:
        if len(self.errors) == 1:
            return self.errors[0].format()
        lines = [f"Der er {len(self.errors)} fejl i planens data:"]
        for number, error in enumerate(self.errors, start=1):
            lines.append(f"{number}. {error.format()}")
        return "\n".join(lines)


def suggest(value: str, known: Iterable[str], list_known: bool = True) -> str:
    """Danish hint naming the nearest known value, or listing the known ones.

    With ``list_known=False`` (many known values, e.g. version ids) only the
    nearest one is named, and an empty string is returned when none is near.
    """
    known = sorted(set(known))
    close = difflib.get_close_matches(str(value), known, n=1, cutoff=0.6)
    if not list_known:
        return f"Mente du «{close[0]}»?" if close else ""
    if close:
        return f"Mente du «{close[0]}»? Kendte værdier: {', '.join(known)}."
    return f"Brug en af disse værdier: {', '.join(known)}."
