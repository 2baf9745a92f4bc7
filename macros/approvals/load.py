"""Loading the approvals register, ``data/godkendelser.yaml``.

Each entry says which body approved which version of the plan, when, and
where the decision is minuted. The version is named by what the body was
given: the *content id* printed on the PDF's cover
(:mod:`macros.core.contentid`), or the name of a version already approved
(``v2026.1``), e.g. when the city council approves what the board approved.

This loader checks the file on its own (schema, bodies, sources, decisions,
duplicates). Whether a content id is one this repository has ever had, and
whether the plan has changed since the body saw it, needs git history; that
check is made when the real repository is validated
(:mod:`macros.review.approvalcheck`), never when an old version's data is
loaded for a comparison.

Approvals made before the plan lived in this repository are kept in the same
file (``tidligere_godkendelser``) but never make a version "approved".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from macros.core.errors import PlanError, PlanErrors
from macros.core.yamlio import load_filled, load_validated
from macros.model.load import known_ids

REGISTER_FILE = "godkendelser.yaml"
DECISIONS_FILE = "beslutninger.yaml"


@dataclass(frozen=True)
class Approval:
    """One body's approval of the version it was given."""

    presented: str  # forelagt_version: a content id, or a version name such as v2026.1
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
    #: The register file (for error locations); ``None`` when there is none.
    file: Path | None = None


def decision_ids(data_dir: Path) -> dict[str, dict] | None:
    """Ids in data/beslutninger.yaml with their ``titel``, or None if the file does not
    exist. An emptied file is reported in that file (:func:`load_filled`)."""
    path = data_dir / DECISIONS_FILE
    if not path.exists():
        return None
    items = load_filled(path)
    items = items if isinstance(items, list) else []
    return {str(i["id"]): {"titel": i.get("titel")} for i in items if isinstance(i, dict) and "id" in i}


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

    entries = raw["godkendte_versioner"]
    for index, item in enumerate(entries):
        line = entries.line_of(index)
        approvals.append(
            Approval(str(item["forelagt_version"]), item["organ"], item["dato"], item["reference"], item.get("beslutning"), line)
        )

    for item in raw.get("tidligere_godkendelser") or []:
        earlier.append(EarlierApproval(item["organ"], item["dato"], item["hvad"], item["kilde"], item.get("beslutning")))
    if problems:
        raise PlanErrors(problems)
    return ApprovalRegister(tuple(approvals), tuple(earlier), path)
