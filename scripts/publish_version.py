#!/usr/bin/env python3
"""Create the version tag and GitHub release of an approved version, with its PDF.

Run by the publishing workflow (.github/workflows/udgiv.yml) after every merge
into main, with the PDF that was just built. When the merged plan is an
approved version (its content id is in data/godkendelser.yaml) and that
version has no release yet, it creates the release, and with it the tag
(``v2026.1``) on the merged commit, using the GitHub CLI (``gh``). Otherwise
it says why there is nothing to publish and succeeds. Running it again does
nothing, so a re-run of the workflow is safe.

Usage: python scripts/publish_version.py --pdf site/pdf/helhedsplan.pdf [--sha COMMIT] [--dry-run]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.approvals.status import ApprovalStatus, status_for  # noqa: E402
from macros.approvals.wording import endorsements_phrase  # noqa: E402
from macros.core import gitrepo  # noqa: E402
from macros.core.context import build_context  # noqa: E402
from macros.core.errors import PlanError  # noqa: E402
from macros.plan import load_plan  # noqa: E402

Runner = Callable[[list[str]], subprocess.CompletedProcess]


@dataclass(frozen=True)
class Release:
    tag: str
    title: str
    notes: str
    asset: str  # file name of the PDF on the release


def release_for(status: ApprovalStatus) -> Release | None:
    """The release an approved status calls for, or ``None`` when the text is not an approved version."""
    if not status.is_approved:
        return None
    version = status.review.version
    notes = (
        f"{status.line()}\n\n"
        f"Godkendt af {endorsements_phrase(version.endorsements)}.\n\n"
        f"{status.small_print()}"
    )
    return Release(version.tag, f"Helhedsplanen, version {version.name}", notes, f"helhedsplan-{version.tag}.pdf")


def run_command(command: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, check=False)


def publish(repo: Path, pdf: Path, sha: str, run: Runner = run_command, out_dir: Path | None = None) -> str:
    """Create the release if one is due; returns what was done, in Danish."""
    plan = load_plan(repo / "data")
    status = status_for(plan, build_context(repo))
    release = release_for(status)
    if release is None:
        return f"Ingen ny version at udgive: {status.version_label()}. {status.review.sentence()}."
    if run(["gh", "release", "view", release.tag]).returncode == 0:
        return f"Version {release.tag} er allerede udgivet; intet at gøre."
    if not pdf.is_file():
        raise PlanError(pdf, "PDF'en til udgivelsen findes ikke.", "Byg sitet med make site først.")
    out_dir = out_dir or repo / "build"
    out_dir.mkdir(parents=True, exist_ok=True)
    asset = out_dir / release.asset
    shutil.copyfile(pdf, asset)
    result = run([
        "gh", "release", "create", release.tag, str(asset),
        "--target", sha, "--title", release.title, "--notes", release.notes,
    ])
    if result.returncode != 0:
        raise PlanError(
            "udgivelsen af versionen",
            f"GitHub kunne ikke oprette udgivelsen {release.tag}: {(result.stderr or '').strip()}",
            "Kør arbejdsgangen «Udgiv site» igen; fortsætter fejlen, så kontakt en administrator.",
        )
    return f"Version {release.tag} er udgivet med PDF'en {release.asset}."


def main(argv: list[str] | None = None, run: Runner = run_command) -> int:
    parser = argparse.ArgumentParser(description="Udgiv en godkendt version af planen på GitHub.")
    parser.add_argument("--pdf", default=str(ROOT / "site" / "pdf" / "helhedsplan.pdf"))
    parser.add_argument("--sha", default=None, help="commit'en, tagget skal sættes på (standard: HEAD)")
    parser.add_argument("--dry-run", action="store_true", help="vis kun, hvad der ville ske")
    parser.add_argument("--repo", default=str(ROOT), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    repo = Path(args.repo)
    sha = args.sha or gitrepo.resolve_commit(repo, "HEAD") or "HEAD"
    if args.dry_run:
        def run(command: list[str], _real=run) -> subprocess.CompletedProcess:  # noqa: F811
            if command[:3] == ["gh", "release", "view"]:
                return _real(command)
            print("Ville køre:", " ".join(command))
            return subprocess.CompletedProcess(command, 0, "", "")
    try:
        print(publish(repo, Path(args.pdf), sha, run))
    except PlanError as error:
        print(error.format(), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
