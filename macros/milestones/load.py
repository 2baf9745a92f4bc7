"""Milestones and decisions: loading, validation and the status rules around "today".

Data: ``data/milepaele.yaml`` (milestones) and ``data/beslutninger.yaml``
(decision log), both documented for staff in ``data/README.md``.

Status semantics
----------------
``status`` is what the sources say; "today" (``BuildContext.today``) decides
how a milestone is *situated*:

* ``gennemført`` – done; needs ``gennemfoert`` (a day, a month, or ``ukendt``
  when a source confirms it happened but not when).
* ``aflyst`` – cancelled; never overdue.
* ``planlagt`` / ``i gang`` / ``udskudt`` – open. Once the last day of the
  deadline has passed, the milestone is **overdue** (overskredet).
* ``ukendt`` – the sources do not say whether it happened. A passed deadline
  is *not* reported as overdue (that would claim a failure nobody recorded);
  it is listed as "frist passeret – status ikke bekræftet" so staff can look
  it up.
* A deadline of the form ``afventer`` is never overdue and never "next".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from macros.core.errors import Location, PlanError, PlanErrors
from macros.core.yamlio import LineDict, load_validated
from macros.milestones.deadlines import (
    Completion,
    Deadline,
    DeadlineError,
    parse_completion,
    parse_deadline,
)
from macros.model.load import known_ids, named_ids
from macros.model.records import Party, Source

MILESTONES_FILE = "milepaele.yaml"
DECISIONS_FILE = "beslutninger.yaml"

#: Phases in order, with their Danish headings.
PHASES: dict[str, str] = {
    "prækvalifikation": "Prækvalifikation",
    "ansøgning": "Ansøgning",
    "implementering": "Implementering",
    "drift": "Drift",
}

DONE = "gennemført"
CANCELLED = "aflyst"
UNKNOWN = "ukendt"

# Situations relative to "today".
OVERDUE = "overskredet"
UNCONFIRMED = "ubekraeftet"  # deadline passed, status unknown
CURRENT = "aktuel"  # today lies within the deadline window
UPCOMING = "kommende"
PENDING = "afventer"
FINISHED = "gennemfoert"
DROPPED = "aflyst"


@dataclass(frozen=True)
class Milestone:
    id: str
    activity: str
    phase: str
    responsible: tuple[str, ...]
    deadline: Deadline
    status: str
    completion: Completion | None
    note: str
    source_ids: tuple[str, ...]
    decision_ids: tuple[str, ...]
    line: int | None = None

    def situation(self, today: dt.date) -> str:
        """Where the milestone stands on *today* (see the module docstring).

        A milestone completed after *today* (a build for an earlier day, e.g. a
        reprinted meeting pack) stands as it did on that day: not yet done.
        """
        done_later = self.completion is not None and self.completion.point is not None \
            and self.completion.point.first > today
        if self.status == DONE and not done_later:
            return FINISHED
        if self.status == CANCELLED:
            return DROPPED
        if not self.deadline.is_fixed:
            return PENDING
        if self.deadline.end < today:
            return UNCONFIRMED if self.status == UNKNOWN else OVERDUE
        if self.deadline.start <= today:
            return CURRENT
        return UPCOMING

    def sort_key(self) -> tuple:
        fixed = self.deadline.is_fixed
        far = dt.date.max
        return (not fixed, self.deadline.start if fixed else far, self.deadline.end if fixed else far)


@dataclass(frozen=True)
class Decision:
    id: str
    title: str
    date: dt.date | None
    date_note: str
    body: str | None
    body_note: str
    meeting: str
    text: str
    source_ids: tuple[str, ...]


# --- queries -------------------------------------------------------------------------


def in_phase_order(milestones) -> list[Milestone]:
    """Grouped by phase (in PHASES order), chronological within a phase, ``afventer`` last."""
    order = {p: i for i, p in enumerate(PHASES)}
    indexed = list(enumerate(milestones))
    indexed.sort(key=lambda im: (order[im[1].phase], *im[1].sort_key(), im[0]))
    return [m for _, m in indexed]


def next_milestones(milestones, today: dt.date, count: int = 5) -> list[Milestone]:
    """The next open milestones with a fixed deadline that has not passed."""
    candidates = [m for m in milestones if m.situation(today) in (CURRENT, UPCOMING)]
    return sorted(candidates, key=lambda m: m.sort_key())[:count]


def overdue(milestones, today: dt.date) -> list[Milestone]:
    return sorted((m for m in milestones if m.situation(today) == OVERDUE), key=lambda m: m.sort_key())


def unconfirmed(milestones, today: dt.date) -> list[Milestone]:
    return sorted((m for m in milestones if m.situation(today) == UNCONFIRMED), key=lambda m: m.sort_key())


def milestones_of_party(milestones, party_id: str, parties: dict[str, Party]) -> list[tuple[Milestone, Party | None]]:
    """Milestones the party answers for, directly or through a group it belongs to.

    Returns ``(milestone, via)`` pairs; ``via`` is the group, or None when direct.
    """
    groups = [p for p in parties.values() if party_id in p.members]
    result = []
    for m in milestones:
        if party_id in m.responsible:
            result.append((m, None))
            continue
        via = next((g for g in groups if g.id in m.responsible), None)
        if via is not None:
            result.append((m, via))
    return result


def milestones_of_decision(milestones, decision_id: str) -> list[Milestone]:
    return [m for m in milestones if decision_id in m.decision_ids]


# --- loaders ---------------------------------------------------------------------------


def load_decisions(data_dir: Path, sources: dict[str, Source], parties: dict[str, Party]) -> dict[str, Decision]:
    path = data_dir / DECISIONS_FILE
    items = load_validated(path, "beslutninger", known_ids(sources, parties))
    problems: list[PlanError] = []
    for index, item in enumerate(items):
        item: LineDict
        if "organ" not in item and "organ_note" not in item:
            problems.append(
                PlanError(
                    Location(path, line=items.line_of(index), column="organ"),
                    f"Beslutningen «{item['id']}» har hverken «organ» eller «organ_note».",
                    "Skriv hvem der traf beslutningen som «organ: <id fra parter.yaml>», eller forklar i "
                    "«organ_note», at kilderne ikke siger det.",
                )
            )
        if "dato" not in item and "dato_note" not in item:
            problems.append(
                PlanError(
                    Location(path, line=items.line_of(index), column="dato"),
                    f"Beslutningen «{item['id']}» har ingen dato og ingen «dato_note».",
                    "Tilføj «dato: ÅÅÅÅ-MM-DD». Kendes datoen ikke, så skriv i «dato_note», hvorfor "
                    "(fx at kilderne ikke nævner den) – gæt ikke.",
                )
            )
    if problems:
        raise PlanErrors(problems)
    return {
        i["id"]: Decision(
            id=i["id"],
            title=_clean(i["titel"]),
            date=i.get("dato"),
            date_note=_clean(i.get("dato_note", "")),
            body=i.get("organ"),
            body_note=_clean(i.get("organ_note", "")),
            meeting=_clean(i["moede"]),
            text=_clean(i["beslutning"]),
            source_ids=tuple(i["kilder"]),
        )
        for i in items
    }


def load_milestones(
    data_dir: Path,
    sources: dict[str, Source],
    parties: dict[str, Party],
    decisions: dict[str, Decision],
) -> tuple[Milestone, ...]:
    path = data_dir / MILESTONES_FILE
    items = load_validated(path, "milepaele", known_ids(sources, parties).with_ids("beslutninger", named_ids(decisions, titel="title")))
    problems: list[PlanError] = []
    result: list[Milestone] = []
    for index, item in enumerate(items):
        item: LineDict
        ident = item["id"]
        deadline = None
        try:
            deadline = parse_deadline(item["frist"])
        except DeadlineError as error:
            problems.append(
                PlanError(Location(path, line=item.line_of("frist"), column="frist"), error.problem, error.fix)
            )

        status = item["status"]
        completion = None
        if "gennemfoert" in item:
            try:
                completion = parse_completion(item["gennemfoert"])
            except DeadlineError as error:
                problems.append(
                    PlanError(
                        Location(path, line=item.line_of("gennemfoert"), column="gennemfoert"),
                        error.problem,
                        error.fix,
                    )
                )
            if status != DONE:
                problems.append(
                    PlanError(
                        Location(path, line=item.line_of("gennemfoert"), column="gennemfoert"),
                        f"Milepælen «{ident}» har en dato for gennemførelse, men status er «{status}».",
                        "Sæt «status: gennemført», eller slet linjen «gennemfoert».",
                    )
                )
            elif completion is not None and completion.point is None and "note" not in item:
                problems.append(
                    PlanError(
                        Location(path, line=item.line_of("gennemfoert"), column="gennemfoert"),
                        f"Milepælen «{ident}» er gennemført på en ukendt dato, men der er ingen «note».",
                        "Skriv i «note», hvilken kilde der viser, at milepælen er nået, og at datoen ikke kendes.",
                    )
                )
        elif status == DONE:
            problems.append(
                PlanError(
                    Location(path, line=item.line_of("status"), column="status"),
                    f"Milepælen «{ident}» har status «gennemført», men ingen dato for gennemførelse.",
                    "Tilføj en linje «gennemfoert: ÅÅÅÅ-MM-DD» (eller ÅÅÅÅ-MM). Bekræfter kilden, at den "
                    "er nået, men ikke hvornår, så skriv «gennemfoert: ukendt» og forklar i «note».",
                )
            )
        if status == UNKNOWN and "note" not in item:
            problems.append(
                PlanError(
                    Location(path, line=item.line_of("status"), column="status"),
                    f"Milepælen «{ident}» har status «ukendt», men ingen «note».",
                    "Skriv i «note», hvad kilderne siger (eller ikke siger) om milepælen.",
                )
            )
        if deadline is not None:
            result.append(
                Milestone(
                    id=ident,
                    activity=_clean(item["aktivitet"]),
                    phase=item["fase"],
                    responsible=tuple(item["ansvarlige"]),
                    deadline=deadline,
                    status=status,
                    completion=completion,
                    note=_clean(item.get("note", "")),
                    source_ids=tuple(item["kilder"]),
                    decision_ids=tuple(item.get("beslutninger", [])),
                    line=items.line_of(index),
                )
            )
    if problems:
        raise PlanErrors(problems)
    return tuple(result)


def _clean(text: str) -> str:
    return " ".join(str(text).split())
