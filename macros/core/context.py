"""Facts about the build itself: which day counts as "today", and which version.

"Today" decides which milestones are overdue and which are next. It defaults
to the build date and can be fixed with the environment variable
``PLAN_TODAY=YYYY-MM-DD`` so that tests, and the PDF printed for a given
meeting, are reproducible.

The version comes from git: the nearest tag and the commit. Outside a git
checkout (e.g. a downloaded zip) the build still works and says so.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from macros.core.errors import PlanError

TODAY_ENV = "PLAN_TODAY"


@dataclass(frozen=True)
class GitInfo:
    commit: str  # full hash
    short: str  # abbreviated hash
    tag: str | None  # exact tag on this commit, if any
    describe: str  # e.g. "v1.0-3-gabc1234" or the short hash
    commit_date: dt.date
    dirty: bool


@dataclass(frozen=True)
class BuildContext:
    today: dt.date
    git: GitInfo | None

    @property
    def version_label(self) -> str:
        """Human-readable version: ``v1.0``, ``v1.0-3-gabc1234`` or a note."""
        if self.git is None:
            return "ukendt version (bygget uden for git)"
        label = self.git.describe
        if self.git.dirty:
            label += " (med lokale ændringer)"
        return label


def today_from_env(environ: dict | None = None) -> dt.date:
    """The reference date: ``PLAN_TODAY`` if set, else the current date."""
    environ = os.environ if environ is None else environ
    raw = environ.get(TODAY_ENV, "").strip()
    if not raw:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise PlanError(
            f"miljøvariablen {TODAY_ENV}",
            f"«{raw}» er ikke en gyldig dato.",
            f"Skriv datoen som ÅÅÅÅ-MM-DD, fx {TODAY_ENV}=2025-01-27, eller fjern variablen.",
        ) from None


def facts_until(environ: dict | None = None) -> dt.date:
    """The last day a fact in the data (a completion, a decision, an approval,
    a measured year) may carry: the later of ``PLAN_TODAY`` and the calendar.

    A fact dated after it cannot have happened yet and is refused. A build for
    an earlier day (``PLAN_TODAY`` in the tests, a reprinted meeting pack)
    still accepts facts that are true by the calendar, and shows the plan as
    it stood on its day: a milestone completed after that day is shown as not
    yet completed (see ``Milestone.situation``).
    """
    return max(today_from_env(environ), dt.date.today())


def _git(repo: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", *args], cwd=repo, capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    return result.stdout.strip()


def git_info(repo: Path) -> GitInfo | None:
    """Read version facts from git, or ``None`` outside a checkout."""
    commit = _git(repo, "rev-parse", "HEAD")
    if not commit:
        return None
    short = _git(repo, "rev-parse", "--short", "HEAD") or commit[:7]
    tag = _git(repo, "describe", "--tags", "--exact-match", "HEAD")
    describe = _git(repo, "describe", "--tags", "--always") or short
    date_text = _git(repo, "show", "-s", "--format=%cs", "HEAD")
    commit_date = dt.date.fromisoformat(date_text) if date_text else dt.date.today()
    status = _git(repo, "status", "--porcelain", "--untracked-files=no")
    return GitInfo(
        commit=commit,
        short=short,
        tag=tag or None,
        describe=describe,
        commit_date=commit_date,
        dirty=bool(status),
    )


def build_context(repo: Path, environ: dict | None = None) -> BuildContext:
    return BuildContext(today=today_from_env(environ), git=git_info(repo))
