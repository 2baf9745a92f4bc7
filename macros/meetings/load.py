"""Meetings that get their own PDF meeting pack (``data/moeder/<id>.yaml``).

A meeting names the body that meets (a party id), the date, a title and an
agenda. Each agenda item may list ``bilag``: pages of the plan (their path in
``docs/``, optionally ``#anchor`` for one section) that go into the meeting
pack. This module loads and validates the files; the pack itself is put
together by :mod:`macros.pdf.meetingpack`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from macros.core.errors import (
    Location,
    PlanError,
    PlanErrors,
)
from macros.core.yamlio import load_validated
from macros.model.load import known_ids

MEETINGS_DIR = "moeder"


@dataclass(frozen=True)
class AgendaRef:
    """A page (``docs`` path) or one section of it (``anchor``) attached to an agenda item."""

    path: str
    anchor: str | None
    line: int | None

    @property
    def text(self) -> str:
        return self.path + (f"#{self.anchor}" if self.anchor else "")


@dataclass(frozen=True)
class AgendaItem:
    number: int
    title: str
    description: str
    recommendation: str
    refs: tuple[AgendaRef, ...]


@dataclass(frozen=True)
class Meeting:
    id: str
    file: Path
    title: str
    body_id: str
    date: dt.date
    time: str
    place: str
    note: str
    source_id: str | None
    items: tuple[AgendaItem, ...]

    @property
    def refs(self) -> list[AgendaRef]:
        return [ref for item in self.items for ref in item.refs]


def check_pages(plan_data_dir: Path, parties: dict, sources: dict, docs_dir: Path) -> None:
    """Every attached page exists in *docs_dir* (Danish error with file, line and nearest page)."""
    load_meetings(plan_data_dir, parties, sources, docs_dir=docs_dir)


def docs_pages(docs_dir: Path) -> list[str]:
    """Every Markdown page below *docs_dir* as a ``docs``-relative posix path."""
    return sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))


def load_meetings(data_dir: Path, parties: dict, sources: dict, docs_dir: Path | None = None) -> dict[str, "Meeting"]:
    """Load every ``data/moeder/*.yaml``; references are checked against parties and sources.

    With *docs_dir*, the attached pages are checked against the pages in it too
    (the PDF step does this with the project's docs/; the data layer alone may
    be loaded without its pages, e.g. an old version exported from git).
    """
    folder = Path(data_dir) / MEETINGS_DIR
    if not folder.is_dir():
        return {}
    pages = docs_pages(Path(docs_dir)) if docs_dir and Path(docs_dir).is_dir() else []
    meetings: dict[str, Meeting] = {}
    problems: list[PlanError] = []
    known = known_ids(sources, parties)
    for path in sorted(folder.glob("*.yaml")):
        meeting_id = path.stem
        if not _valid_id(meeting_id):
            problems.append(
                PlanError(
                    path,
                    f"Filnavnet «{path.name}» kan ikke bruges som mødets id.",
                    "Omdøb filen, så navnet kun har små bogstaver a–z, tal og bindestreg, "
                    "fx «bestyrelse-2025-01-27.yaml».",
                )
            )
            continue
        raw = load_validated(path, "moede", known)
        items = []
        for number, item in enumerate(raw["dagsorden"], start=1):
            refs = []
            attachments = item.get("bilag", [])
            for index, text in enumerate(attachments):
                page, _, anchor = text.partition("#")
                line = attachments.line_of(index)
                if pages and page not in pages:
                    problems.append(
                        PlanError(
                            Location(path, line=line, column="bilag"),
                            f"Siden «{page}» findes ikke i docs/.",
                            _nearest_page(page, pages),
                        )
                    )
                refs.append(AgendaRef(page, anchor or None, line))
            items.append(
                AgendaItem(
                    number=number,
                    title=item["punkt"],
                    description=item.get("beskrivelse", ""),
                    recommendation=item.get("indstilling", ""),
                    refs=tuple(refs),
                )
            )
        meetings[meeting_id] = Meeting(
            id=meeting_id,
            file=path,
            title=raw["titel"],
            body_id=raw["organ"],
            date=raw["dato"],
            time=raw.get("tidspunkt", ""),
            place=raw.get("sted", ""),
            note=raw.get("note", ""),
            source_id=raw.get("kilde"),
            items=tuple(items),
        )
    if problems:
        raise PlanErrors(problems)
    return meetings


def _valid_id(text: str) -> bool:
    import re

    return re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", text) is not None


def _nearest_page(page: str, pages: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(page, pages, n=1, cutoff=0.5)
    hint = f"Mente du «{close[0]}»? " if close else ""
    return hint + "Skriv stien til en side i docs/, fx «oekonomi.md» eller «boligomraader/index.md»."
