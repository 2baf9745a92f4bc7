"""The approvals register and the approval status of the built version.

``data/godkendelser.yaml`` records which body approved which version of the
plan (a git tag or a full commit id of this repository), when, and where the
decision is minuted. From it and git this module answers one question for the
site banner, the PDF cover and the change log: *is what is being built an
approved version?*

* The built commit is **approved** when a registered version resolves to
  exactly that commit and the working tree has no local changes.
* Otherwise it is a **draft**; the nearest approved ancestor (if any) is the
  base the change log counts changes from.
* Outside a git checkout the version cannot be known: the status says so.

Approvals made before the plan lived in this repository are kept in the same
file (``tidligere_godkendelser``) but never make a version "approved".
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from macros.core import danish, gitrepo
from macros.core.context import BuildContext, GitInfo
from macros.core.errors import Location, PlanError, PlanErrors
from macros.core.yamlio import load_validated, load_yaml
from macros.model.load import known_ids

REGISTER_FILE = "godkendelser.yaml"
DECISIONS_FILE = "beslutninger.yaml"

APPROVED = "godkendt"
DRAFT = "udkast"
UNKNOWN = "ukendt"

#: Page with the changes since the last approved version (docs/aendringslog.md).
CHANGELOG_PAGE = "aendringslog.md"
CHANGELOG_TITLE = "Ændringslog"


@dataclass(frozen=True)
class Approval:
    """One body's approval of one version of this repository."""

    version: str  # git tag or full commit id
    body_id: str
    date: dt.date
    reference: str
    decision_id: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class EarlierApproval:
    """An approval of the plan from before it was kept here (no version)."""

    body_id: str
    date: dt.date
    what: str
    source_id: str
    decision_id: str | None = None


@dataclass(frozen=True)
class ApprovalRegister:
    approvals: tuple[Approval, ...] = ()
    earlier: tuple[EarlierApproval, ...] = ()


def decision_ids(data_dir: Path) -> list[str] | None:
    """Ids in data/beslutninger.yaml, or None if the file does not exist."""
    path = data_dir / DECISIONS_FILE
    if not path.exists():
        return None
    items = load_yaml(path) or []
    return [str(i["id"]) for i in items if isinstance(i, dict) and "id" in i]


def load_register(data_dir: Path, parties: dict, sources: dict) -> ApprovalRegister:
    """Load and check ``data/godkendelser.yaml`` (its schema checks bodies, sources and
    decisions; the decision log is read for its ids, as it is loaded later)."""
    path = data_dir / REGISTER_FILE
    if not path.exists():
        return ApprovalRegister()
    known = known_ids(sources, parties).with_ids("beslutninger", decision_ids(data_dir))
    raw = load_validated(path, "godkendelser", known)
    problems: list[PlanError] = []
    approvals, earlier = [], []
    seen: dict[tuple[str, str], int | None] = {}

    entries = raw["godkendte_versioner"]
    for index, item in enumerate(entries):
        line = entries.line_of(index)
        key = (str(item["version"]), item["organ"])
        if key in seen:
            problems.append(
                PlanError(
                    Location(path, line=line, column="version"),
                    f"Version «{key[0]}» er allerede registreret som godkendt af «{key[1]}» (linje {seen[key]}).",
                    "Slet den ene af de to poster.",
                )
            )
        seen[key] = line
        approvals.append(
            Approval(str(item["version"]), item["organ"], item["dato"], item["reference"], item.get("beslutning"), line)
        )

    for item in raw.get("tidligere_godkendelser") or []:
        earlier.append(EarlierApproval(item["organ"], item["dato"], item["hvad"], item["kilde"], item.get("beslutning")))
    if problems:
        raise PlanErrors(problems)
    return ApprovalRegister(tuple(approvals), tuple(earlier))


# --- status ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ApprovedVersion:
    """A registered version, with the commit it resolves to in this checkout."""

    version: str
    commit: str | None  # None: the tag/commit is not in this checkout (yet)
    approvals: tuple[Approval, ...]

    @property
    def latest_date(self) -> dt.date:
        return max(a.date for a in self.approvals)


@dataclass(frozen=True)
class ApprovalStatus:
    state: str  # APPROVED, DRAFT or UNKNOWN
    version_label: str
    #: The built version's approvals (state APPROVED) ...
    approved: ApprovedVersion | None = None
    #: ... or the nearest approved ancestor the changes are counted from (DRAFT).
    base: ApprovedVersion | None = None
    #: Registered versions this checkout does not contain (e.g. tag not yet made).
    missing: tuple[str, ...] = ()
    dirty: bool = False

    @property
    def is_approved(self) -> bool:
        return self.state == APPROVED

    @property
    def short_label(self) -> str:
        """One word for a page footer: ``Godkendt`` or ``Udkast``."""
        return "Godkendt" if self.is_approved else "Udkast"

    def text(self, parties: dict) -> str:
        """The one-line status in Danish (see :func:`status_text`)."""
        return status_text(self, parties)


def _group(register: ApprovalRegister, repo: Path) -> list[ApprovedVersion]:
    by_version: dict[str, list[Approval]] = {}
    for approval in register.approvals:
        by_version.setdefault(approval.version, []).append(approval)
    return [
        ApprovedVersion(version, gitrepo.resolve_commit(repo, version), tuple(sorted(items, key=lambda a: a.date)))
        for version, items in by_version.items()
    ]


@functools.lru_cache(maxsize=32)
def resolve_status(register: ApprovalRegister, git: GitInfo | None, repo: Path) -> ApprovalStatus:
    """Decide whether the built commit is an approved version (see module docstring)."""
    if git is None:
        return ApprovalStatus(UNKNOWN, "ukendt version (bygget uden for git)")
    label = git.describe + (", med lokale ændringer" if git.dirty else "")
    versions = _group(register, repo)
    missing = tuple(v.version for v in versions if v.commit is None)
    present = [v for v in versions if v.commit is not None]

    exact = [v for v in present if v.commit == git.commit]
    if exact and not git.dirty:
        # Several names for one commit: the one with the most (then latest) approvals.
        best = max(exact, key=lambda v: (len(v.approvals), v.latest_date))
        return ApprovalStatus(APPROVED, best.version, approved=best, missing=missing)

    # Nearest approved ancestor: the one with the fewest commits between it and HEAD.
    ancestors = []
    for candidate in present:
        if gitrepo.is_ancestor(repo, candidate.commit, git.commit):
            distance = gitrepo.count_between(repo, candidate.commit, git.commit)
            ancestors.append((distance if distance is not None else 10**9, candidate))
    base = min(ancestors, key=lambda pair: pair[0])[1] if ancestors else None
    return ApprovalStatus(DRAFT, label, base=base, missing=missing, dirty=git.dirty)


def status_for(plan, context: BuildContext) -> ApprovalStatus:
    """The status of the build described by *context* for the loaded *plan*."""
    register = getattr(plan, "approvals", None) or ApprovalRegister()
    return resolve_status(register, context.git, Path(plan.data_dir).parent)


# --- wording ----------------------------------------------------------------------------


def _body_name(parties: dict, body_id: str) -> str:
    party = parties.get(body_id)
    return party.short_name if party else body_id


def approvals_phrase(version: ApprovedVersion, parties: dict) -> str:
    """``Bestyrelsen den 27. januar 2025 og Byrådet den 5. marts 2025``."""
    parts = [f"{_body_name(parties, a.body_id)} den {danish.date_long(a.date)}" for a in version.approvals]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " og " + parts[-1]


def status_text(status: ApprovalStatus, parties: dict) -> str:
    """The one-line status: ``Godkendt af … (version …)`` or ``UDKAST – ikke godkendt (…)``."""
    if status.state == APPROVED and status.approved is not None:
        return f"Godkendt af {approvals_phrase(status.approved, parties)} (version {status.approved.version})"
    if status.state == UNKNOWN:
        return "UDKAST – ikke godkendt (bygget uden for git, versionen kan ikke fastslås)"
    return f"UDKAST – ikke godkendt (version {status.version_label})"


def base_text(status: ApprovalStatus, parties: dict) -> str:
    """One sentence about the last approved version, for drafts."""
    if status.state == UNKNOWN:
        return (
            "Denne udgave er bygget uden for git (fx fra en downloadet zip-fil), så det kan ikke afgøres, "
            "om den er godkendt, og ændringsloggen kan ikke vises."
        )
    if status.base is not None:
        return (
            f"Seneste godkendte version er {status.base.version}, godkendt af "
            f"{approvals_phrase(status.base, parties)}."
        )
    return "Ingen version af planen i dette repository er endnu registreret som godkendt."


def site_status(plan, context: BuildContext) -> dict:
    """What the site's banner shows (plain values for the theme template)."""
    status = status_for(plan, context)
    return {
        "state": status.state,
        "text": status_text(status, plan.parties),
        "detail": "" if status.is_approved else base_text(status, plan.parties),
        "changelog": CHANGELOG_PAGE,
    }
