#!/usr/bin/env python3
"""Validate all plan data without building the site (fast feedback).

Prints a Danish confirmation, or every problem with file, line and fix.

The order matters: first whether the files hold only publishable values (no
count of persons 1–4 in data/beboerdata/, the cheapest check), then all data,
then the data against the chapters (pages and sections that meeting agendas
attach, computed from the Markdown), then the disclosure check of every table (cells that totals would reveal), then
the privacy lint of docs/ and data/. With ``--aendret-siden <commit>`` (the pull
request check), a file changed since that commit that holds unpublishable
values is reported with what the author must do now: the figures are already
visible in the pull request.

    python scripts/validate.py [data-mappe] [--aendret-siden <commit>]

For the repository itself it also checks the approvals register against git
history (macros/review/approvalcheck.py): unknown versions, and approvals of
a version that has changed since the body was given it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.beboerdata.load import small_counts_in_files  # noqa: E402
from macros.core import csvio, gitrepo  # noqa: E402
from macros.core.context import build_context  # noqa: E402
from macros.core.errors import PlanError, PlanErrors  # noqa: E402
from macros.model.load import load_sources  # noqa: E402
from macros.plan import check_against_pages, load_plan  # noqa: E402
from macros.review.approvalcheck import check_register  # noqa: E402
from macros.registry import blocks_html, building_blocks  # noqa: E402
from macros.review.privacylint import lint  # noqa: E402

#: The first thing the author of a pull request with raw figures reads.
PULL_REQUEST_HEADLINE = """\
STOP: Ændringsforslaget indeholder tal, der ikke må offentliggøres (antal personer
fra 1 til 4, eller tal, der afslører dem). Tallene kan allerede ses af alle i
ændringsforslaget (pull request) på GitHub.

Gør sådan nu:
  1. Luk ændringsforslaget («Close pull request»), og slet grenen («Delete branch»).
  2. Lav filen igen med importtrinnet (make beboerdata-import FIL=<rå fil>), som
     skjuler de små tal, eller send den rå fil til den dataansvarlige.
  3. Bed en administrator af repositoryet om at fjerne tallene helt; se «Hvis rå
     tal er kommet på GitHub» i CONTRIBUTING.md.
"""

#: The same problem found before anything was pushed.
LOCAL_HEADLINE = """\
Filerne indeholder tal, der ikke må offentliggøres (antal personer fra 1 til 4,
eller tal, der afslører dem). Alt i repositoryet er offentligt: læg ikke filen på
GitHub. Lav den med importtrinnet (make beboerdata-import FIL=<rå fil>), eller
send den rå fil til den dataansvarlige.
"""


class Unpublishable(Exception):
    """Files hold values that may not be published."""

    def __init__(self, errors: list[PlanError]):
        super().__init__()
        self.errors = errors


def changed_data_files(project: Path, base: str) -> set[Path] | None:
    """Files under data/ added or changed since *base* (None if git cannot tell)."""
    changed = gitrepo.changed_files(project, base, "HEAD", paths=("data",))
    if changed is None:
        return None
    return {(project / path).resolve() for status, path in changed if status != "D"}


def _in(errors: list[PlanError], files: set[Path] | None) -> bool:
    if files is None:
        return True  # git could not tell: assume the pull request changed them
    return any(e.location.file is not None and Path(e.location.file).resolve() in files for e in errors)


def check(data_dir: Path) -> str:
    """Every check in order; returns the confirmation or raises PlanError / Unpublishable."""
    with csvio.reusing({}):  # the first check and the full load read the same tables
        return _check(data_dir)


def _check(data_dir: Path) -> str:
    project = data_dir.parent
    small = small_counts_in_files(data_dir, load_sources(data_dir))
    if small:
        raise Unpublishable(small)
    plan = load_plan(data_dir)
    docs_dir = project / "docs"
    if docs_dir.is_dir():
        blocks = building_blocks(plan, build_context(project))
        check_against_pages(plan, docs_dir, blocks_html(blocks))
    check_register(project, plan)
    if plan.beboerdata.disclosure_problems:
        raise Unpublishable(list(plan.beboerdata.disclosure_problems))
    privacy = lint(project, data_dir)
    if privacy:
        raise PlanErrors(privacy)
    return (
        f"Data er i orden: {plan.facts.title}, {len(plan.plan_areas)} boligområder, {len(plan.parties)} parter, "
        f"{len(plan.milestones)} milepæle, {len(plan.decisions)} beslutninger. "
        "Alle tal må offentliggøres, og der er ingen personoplysninger i docs/ og data/."
    )


def main(data_dir: Path = ROOT / "data", changed_since: str | None = None) -> int:
    data_dir = Path(data_dir).resolve()
    try:
        print(check(data_dir))
        return 0
    except Unpublishable as refused:
        files = changed_data_files(data_dir.parent, changed_since) if changed_since else set()
        headline = PULL_REQUEST_HEADLINE if changed_since and _in(refused.errors, files) else LOCAL_HEADLINE
        print(headline, file=sys.stderr)
        print(PlanErrors(refused.errors).format(), file=sys.stderr)
    except PlanError as error:
        print(error.format(), file=sys.stderr)
    print("\nData er ikke i orden. Ret fejlen og prøv igen.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Kontrollér planens data.")
    parser.add_argument("data_dir", nargs="?", default=str(ROOT / "data"), help="datamappen (standard: data/)")
    parser.add_argument("--aendret-siden", metavar="COMMIT",
                        help="ændringsforslagets grundlag: filer ændret siden da får beskeden til forslagets forfatter")
    args = parser.parse_args()
    sys.exit(main(Path(args.data_dir), args.aendret_siden))
