"""The records that every wing shares: sources, parties, areas and the plan's own facts.

They are loaded by :mod:`macros.model.load` from ``kilder.yaml``,
``parter.yaml``, ``boligomraader.yaml`` and ``plan.yaml``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    date: dt.date | None = None
    year: int | None = None
    url: str | None = None


@dataclass(frozen=True)
class Party:
    id: str
    name: str
    short_name: str
    kind: str
    members: tuple[str, ...] = ()  # for a group of parties: the member ids


@dataclass(frozen=True)
class Department:
    """A housing department (afdeling) named in a source."""

    name: str
    number: str | None = None
    housing_org_id: str | None = None
    source_id: str | None = None


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    town: str
    periods: tuple[str, ...]
    #: Housing organisations (party ids); empty = not stated in the sources.
    housing_org_ids: tuple[str, ...] = ()
    #: Departments named in the sources (not necessarily all of them).
    departments: tuple[Department, ...] = ()


@dataclass(frozen=True)
class DatedFact:
    date: dt.date
    source_id: str


@dataclass(frozen=True)
class PlanFacts:
    title: str
    subtitle: str
    publisher: str
    municipality: str
    start: dt.date
    end: dt.date
    period_note: str
    period_source_id: str
    #: Landsbyggefonden's approval and the date the plan took effect (``None`` before LBF has approved).
    lbf_approval: DatedFact | None
    effective: DatedFact | None
    vision: str
    vision_source_id: str | None
    area_ids: tuple[str, ...]
    party_ids: tuple[str, ...]
    #: Address of the accessibility statement in the WAS tool; empty while
    #: plan.yaml holds the placeholder (WAS_PLACEHOLDER).
    was_statement: str = ""
