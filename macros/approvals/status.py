"""The approval status of what is being built: a value object that says itself in Danish.

A build is **approved** exactly when its content id (what the plan says, see
:mod:`macros.core.contentid`) is one a body approved, as recorded in the
register. So the commit that registers an approval is approved at once,
later edits that do not touch the content (code, the register itself) keep
it approved, and any change to the text or data makes it "rettet siden".

Otherwise the first-parent history (the order changes reached main) is
walked back to the newest approved content: the base the change log counts
from, and the number of content changes ("rettelser") since. With no
approved content in the history the text is a proposal ("forslag"). Outside
a git checkout an approved content is still recognised; anything else
cannot be decided.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from macros.approvals import wording
from macros.approvals.load import ApprovalRegister
from macros.approvals.versions import ApprovedVersion, approved_versions
from macros.core import contentid, gitrepo
from macros.core.context import BuildContext, GitInfo
from macros.model.records import PlanFacts

APPROVED, CHANGED, NEVER, UNKNOWN = wording.APPROVED, wording.CHANGED, wording.NEVER, wording.UNKNOWN

#: Page with the changes since the last approved version (docs/aendringslog.md).
CHANGELOG_PAGE = "aendringslog.md"
CHANGELOG_TITLE = "Ændringslog"
#: At most this many commits are walked back to find the approved version.
MAX_HISTORY = 2000


@dataclass(frozen=True)
class LegalStatus:
    """The plan's legal standing, from data/plan.yaml and the build's date."""

    state: str
    effective: dt.date | None
    end: dt.date

    @classmethod
    def of(cls, facts: PlanFacts, today: dt.date) -> "LegalStatus":
        approved = facts.lbf_approval.date if facts.lbf_approval else None
        effective = facts.effective.date if facts.effective else None
        return cls(wording.legal_state(approved, effective, facts.end, today), effective, facts.end)

    @property
    def in_effect(self) -> bool:
        return self.state != wording.NOT_APPROVED_BY_LBF

    def sentence(self) -> str:
        return wording.legal_sentence(self.state, self.effective, self.end)

    def short(self) -> str:
        return wording.legal_short(self.state, self.effective, self.end)


@dataclass(frozen=True)
class ReviewStatus:
    """Whether the text being built is the text a body approved."""

    state: str  # APPROVED, CHANGED, NEVER or UNKNOWN
    content_id: str
    #: The approved version: this text's (APPROVED) or the one the changes are counted from (CHANGED).
    version: ApprovedVersion | None = None
    #: The newest commit with the approved content (CHANGED): the change log's base.
    base_commit: str | None = None
    #: Content changes since the approved version (CHANGED).
    corrections: int | None = None
    #: Date of the newest change to the content (CHANGED, NEVER).
    changed_on: dt.date | None = None
    commit: str | None = None  # short commit id of the build
    dirty: bool = False

    def sentence(self) -> str:
        return wording.review_sentence(self.state, self.version)

    def short(self) -> str:
        return wording.review_short(self.state, self.version)

    def version_label(self) -> str:
        return wording.version_label(self.state, self.version, self.corrections, self.changed_on)

    def small_print(self) -> str:
        return wording.small_print(self.content_id, self.commit, self.dirty)


@dataclass(frozen=True)
class ApprovalStatus:
    legal: LegalStatus
    review: ReviewStatus
    versions: tuple[ApprovedVersion, ...] = ()

    @property
    def is_approved(self) -> bool:
        return self.review.state == APPROVED

    @property
    def state(self) -> str:
        """A CSS modifier: ``udkast`` (not approved by LBF) or the review state."""
        return self.review.state if self.legal.in_effect else "udkast"

    @property
    def link_text(self) -> str:
        return wording.LINK_TEXT[self.review.state]

    def line(self) -> str:
        """Both statuses in full: ``Planen er godkendt … Teksten er rettet siden …``."""
        return f"{self.legal.sentence()} {self.review.sentence()}."

    def short_line(self) -> str:
        """Both statuses for a narrow phone screen."""
        return f"{self.legal.short()} {self.review.short()}."

    def printed_line(self) -> str:
        """For paper: the full line, pointing to the change log chapter when the text is not approved."""
        if self.review.state in (CHANGED, NEVER):
            return f"{self.legal.sentence()} {self.review.sentence()} – se kapitlet «{CHANGELOG_TITLE}»."
        return self.line()

    def version_label(self) -> str:
        return self.review.version_label()

    def small_print(self) -> str:
        return self.review.small_print()


def _walk(repo: Path, approved: dict[str, ApprovedVersion], current: str, today: dt.date):
    """(base version, base commit, corrections, date of newest change) from the first-parent history."""
    log = gitrepo.first_parent_dates(repo, "HEAD", MAX_HISTORY) or []
    corrections, changed_on = 0, None
    with contentid.History(repo) as history:
        ids = [history.content_id(commit) for commit, _ in log]
        if not log or ids[0] != current:  # uncommitted changes to the content
            corrections, changed_on = 1, today
        for index, (commit, day) in enumerate(log):
            if ids[index] in approved:
                return approved[ids[index]], commit, corrections, changed_on
            parent = ids[index + 1] if index + 1 < len(ids) else None
            if ids[index] != parent:
                corrections += 1
                changed_on = changed_on or day
    return None, None, corrections, changed_on


def resolve(register: ApprovalRegister | None, parties: dict, facts: PlanFacts, root: Path,
            context: BuildContext) -> ApprovalStatus:
    """The status of the plan in *root* as built by *context* (see the module docstring)."""
    legal = LegalStatus.of(facts, context.today)
    versions = approved_versions(register, parties)
    approved = {v.content_id: v for v in versions}
    current = contentid.of_tree(root)
    git: GitInfo | None = context.git
    commit, dirty = (git.short, git.dirty) if git else (None, False)
    if current in approved:
        return ApprovalStatus(legal, ReviewStatus(APPROVED, current, approved[current], commit=commit, dirty=dirty),
                              versions)
    if git is None:
        state = UNKNOWN if versions else NEVER
        return ApprovalStatus(legal, ReviewStatus(state, current), versions)
    base, base_commit, corrections, changed_on = _walk(root, approved, current, context.today)
    if base is None:
        review = ReviewStatus(NEVER, current, changed_on=changed_on, commit=commit, dirty=dirty)
    else:
        review = ReviewStatus(CHANGED, current, base, base_commit, corrections, changed_on, commit, dirty)
    return ApprovalStatus(legal, review, versions)


def status_for(plan, context: BuildContext) -> ApprovalStatus:
    """The status of the build described by *context* for the loaded *plan*."""
    return resolve(plan.approvals, plan.parties, plan.facts, Path(plan.data_dir).parent, context)


def site_status(plan, context: BuildContext) -> dict:
    """What the site's banner shows (plain values for the theme template)."""
    status = status_for(plan, context)
    return {
        "state": status.state,
        "legal": status.legal.sentence(),
        "review": status.review.sentence(),
        "short": f"{status.legal.short()} {status.review.short()}",
        "link_text": status.link_text,
        "version": status.version_label(),
        "small": status.small_print(),
        "changelog": CHANGELOG_PAGE,
    }
