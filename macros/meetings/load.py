"""Meetings that get their own PDF meeting pack (``data/moeder/<id>.yaml``).

A meeting names the body that meets (a party id), the date, a title and an
agenda. Each agenda item may list ``bilag``: pages of the plan (their path in
``docs/``, optionally ``#anchor`` for one section) that go into the meeting
pack. This module loads and validates the files; the pack itself is put
together by :mod:`macros.pdf.meetingpack`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from macros.core.errors import (
    Location,
    PlanError,
    PlanErrors,
    suggest,
)
from macros.core.headings import heading_anchors, html_ids, markdown_extensions
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


def check_pages(plan_data_dir: Path, parties: dict, sources: dict, docs_dir: Path,
                blocks_html: Callable[[str], str | None] | None = None) -> None:
    """Every attached page exists in *docs_dir* (that each page is in the navigation, so
    in the PDF, is checked for all pages: :func:`macros.core.headings.navigation_problems`),
    and every attached section (``#anchor``) is a heading of that page: what the meeting
    pack needs, checked without building it (Danish error with file, line and the nearest
    page or section). A section that only a block makes (a milestone's row) is looked
    for in the blocks' HTML (*blocks_html*); without it, such a page's sections are
    checked when the PDF is built."""
    load_meetings(plan_data_dir, parties, sources, docs_dir=docs_dir, blocks_html=blocks_html)


class _Pages:
    """The chapters an agenda may attach: which exist, and their sections."""

    def __init__(self, docs_dir: Path, blocks_html: Callable[[str], str | None] | None):
        self.docs_dir = docs_dir
        self.blocks_html = blocks_html
        self.all = docs_pages(docs_dir)
        mkdocs_yml = docs_dir.parent / "mkdocs.yml"
        self.extensions = markdown_extensions(mkdocs_yml) if mkdocs_yml.is_file() else None

    def problem(self, path: Path, line: int | None, page: str, anchor: str) -> PlanError | None:
        where = Location(path, line=line, column="bilag")
        if page not in self.all:
            return PlanError(where, f"Siden «{page}» findes ikke i docs/.", _nearest_page(page, self.all))
        if not anchor:
            return None
        text = (self.docs_dir / page).read_text(encoding="utf-8")
        headings = heading_anchors(text, self.extensions)
        anchors = list(headings)
        if anchor not in anchors and "{{" in text:
            html = self.blocks_html(text) if self.blocks_html else None
            if html is None:
                return None  # the blocks' sections are known when the PDF is built
            anchors += [i for i in html_ids(html) if i not in anchors]
        if anchor in anchors:
            return None
        hint = suggest(anchor, anchors, list_known=False) or f"Afsnittene på siden: {', '.join(headings)}."
        return PlanError(
            where,
            f"Afsnittet «#{anchor}» findes ikke på siden «{page}».",
            "Brug id'et fra afsnittets adresse på sitet (det efter #). " + hint,
        )


def docs_pages(docs_dir: Path) -> list[str]:
    """Every Markdown page below *docs_dir* as a ``docs``-relative posix path."""
    return sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))


def load_meetings(data_dir: Path, parties: dict, sources: dict, docs_dir: Path | None = None,
                  blocks_html: Callable[[str], str | None] | None = None) -> dict[str, "Meeting"]:
    """Load every ``data/moeder/*.yaml``; references are checked against parties and sources.

    With *docs_dir*, the attached pages are checked against the pages in it too
    (the PDF step does this with the project's docs/; the data layer alone may
    be loaded without its pages, e.g. an old version exported from git).
    """
    folder = Path(data_dir) / MEETINGS_DIR
    if not folder.is_dir():
        return {}
    pages = _Pages(Path(docs_dir), blocks_html) if docs_dir and Path(docs_dir).is_dir() else None
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
                if pages is not None and (problem := pages.problem(path, line, page, anchor)):
                    problems.append(problem)
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
