"""The approved versions: the register's entries grouped by what was approved.

Entries that name the same content id are one version. Versions get readable
names in the order they were first approved, numbered within the year:
the first text approved in 2026 is version ``2026.1``, the next ``2026.2``.
The git tag of a version is ``v`` + its name (``v2026.1``); the publishing
workflow creates it. An entry may also name an approved version instead of a
content id (``forelagt_version: v2026.1``), e.g. when the city council
approves what the board approved; it then joins that version.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from macros.approvals.load import Approval, ApprovalRegister

#: A content id as printed on the cover (see macros.core.contentid).
CONTENT_ID = re.compile(r"^[0-9a-f]{10}$")
#: A version's name, with or without the tag's ``v``.
VERSION_NAME = re.compile(r"^v?(\d{4}\.\d+)$")
TAG_PREFIX = "v"


@dataclass(frozen=True)
class Endorsement:
    """One body's approval of a version, with the body's name as the site shows it."""

    body_id: str
    body_name: str  # short name, e.g. "Bestyrelsen"
    body_kind: str  # the party's type in parter.yaml (organ, politisk, …)
    date: dt.date
    reference: str
    decision_id: str | None = None


@dataclass(frozen=True)
class ApprovedVersion:
    name: str  # "2026.1"
    content_id: str
    endorsements: tuple[Endorsement, ...]

    @property
    def tag(self) -> str:
        return TAG_PREFIX + self.name

    @property
    def first_date(self) -> dt.date:
        return min(e.date for e in self.endorsements)

    @property
    def latest(self) -> Endorsement:
        return max(self.endorsements, key=lambda e: e.date)


def _endorsement(approval: Approval, parties: dict) -> Endorsement:
    party = parties.get(approval.body_id)
    return Endorsement(
        approval.body_id,
        party.short_name if party else approval.body_id,
        party.kind if party else "",
        approval.date,
        approval.reference,
        approval.decision_id,
    )


def approved_versions(register: ApprovalRegister | None, parties: dict) -> tuple[ApprovedVersion, ...]:
    """The register's versions, oldest first, named ``<year>.<n>``.

    Entries naming an unknown version are left out here (the validation
    reports them, see macros/review/approvalcheck.py).
    """
    approvals = register.approvals if register is not None else ()
    by_id: dict[str, list[Approval]] = {}
    for approval in approvals:
        if CONTENT_ID.match(approval.presented):
            by_id.setdefault(approval.presented, []).append(approval)
    ordered = sorted(by_id.items(), key=lambda item: (min(a.date for a in item[1]), item[0]))
    names: dict[str, str] = {}
    per_year: dict[int, int] = {}
    for content, items in ordered:
        year = min(a.date for a in items).year
        per_year[year] = per_year.get(year, 0) + 1
        names[content] = f"{year}.{per_year[year]}"
    by_name = {name: content for content, name in names.items()}
    for approval in approvals:
        match = VERSION_NAME.match(approval.presented)
        if match and match.group(1) in by_name:
            by_id[by_name[match.group(1)]].append(approval)
    return tuple(
        ApprovedVersion(
            names[content],
            content,
            tuple(_endorsement(a, parties) for a in sorted(by_id[content], key=lambda a: (a.date, a.body_id))),
        )
        for content, _ in ordered
    )


def presented_content(presented: str, versions: tuple[ApprovedVersion, ...]) -> str | None:
    """The content id an entry's ``forelagt_version`` stands for, or ``None`` if it names no known version."""
    if CONTENT_ID.match(presented):
        return presented
    match = VERSION_NAME.match(presented)
    if match:
        for version in versions:
            if version.name == match.group(1):
                return version.content_id
    return None
