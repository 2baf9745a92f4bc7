"""The plan's organisation: bodies, their composition and responsibilities.

Data: ``data/organisering.yaml`` (levels, bodies, other actors). A body may
point to a party in ``parter.yaml`` (its name then comes from there); a member
of a body may be a party or one of the file's own ``aktoerer``.

Output: the organisation diagram (static HTML: one row per level, prints and
reads as nested lists without CSS) and one description block per body.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.core.errors import Location, PlanError, PlanErrors, suggest
from macros.core.html import block, esc
from macros.core.yamlio import load_validated
from macros.model.html import sources_line
from macros.model.load import known_ids

#: What this module's building blocks read (for the block index in README.md).
READS = ("data/organisering.yaml", "data/parter.yaml", "data/kilder.yaml")

FILE_NAME = "organisering.yaml"


@dataclass(frozen=True)
class Level:
    id: str
    name: str


@dataclass(frozen=True)
class Member:
    text: str
    party_id: str | None = None


@dataclass(frozen=True)
class Body:
    id: str
    name: str
    level_id: str
    summary: str
    members: tuple[Member, ...]
    responsibilities: tuple[str, ...]
    reports_to: tuple[str, ...]
    source_ids: tuple[str, ...]
    party_id: str | None = None


@dataclass(frozen=True)
class Organisation:
    levels: tuple[Level, ...]
    bodies: dict[str, Body]
    actors: dict[str, str]  # id -> name

    def bodies_at(self, level_id: str) -> list[Body]:
        return [b for b in self.bodies.values() if b.level_id == level_id]


def load_organisation(data_dir: Path, parties: dict, sources: dict) -> Organisation:
    """Load and check ``organisering.yaml`` against parties and sources."""

    path = data_dir / FILE_NAME
    raw = load_validated(path, "organisering", known_ids(sources, parties))
    problems: list[PlanError] = []

    actors = {a["id"]: a["navn"] for a in raw["aktoerer"]}
    for index, actor in enumerate(raw["aktoerer"]):
        if actor["id"] in parties:
            problems.append(
                PlanError(
                    Location(path, line=raw["aktoerer"].line_of(index), column="id"),
                    f"Aktøren «{actor['id']}» findes også som part i parter.yaml.",
                    "Slet aktøren her, så parten i parter.yaml bruges i stedet.",
                )
            )

    bodies: dict[str, Body] = {}
    for index, item in enumerate(raw["organer"]):
        line = raw["organer"].line_of(index)
        party_id = item.get("part")
        if party_id is None and "navn" not in item:
            problems.append(
                PlanError(
                    Location(path, line=line, column="navn"),
                    f"Organet «{item['id']}» har hverken «part» eller «navn».",
                    "Tilføj «navn: …» eller «part: <id fra parter.yaml>».",
                )
            )
        members = []
        for member in item["sammensaetning"]:
            members.append(Member(member["tekst"], member.get("part")))
        name = item.get("navn") or (parties[party_id].name if party_id in parties else party_id or item["id"])
        bodies[item["id"]] = Body(
            id=item["id"],
            name=name,
            level_id=item["niveau"],
            summary=item["kort"],
            members=tuple(members),
            responsibilities=tuple(item["ansvar"]),
            reports_to=tuple(item.get("refererer_til", [])),
            source_ids=tuple(item["kilder"]),
            party_id=party_id,
        )
    if problems:
        raise PlanErrors(problems)
    levels = tuple(Level(lv["id"], lv["navn"]) for lv in raw["niveauer"])
    return Organisation(levels, bodies, actors)


# --- rendering -------------------------------------------------------------------


def actor_name(plan, actor_id: str) -> str:
    """Name of a party (parter.yaml) or another actor (organisering.yaml)."""
    if actor_id in plan.parties:
        return plan.parties[actor_id].name
    return plan.organisation.actors.get(actor_id, actor_id)


def _body(plan, body_id: str) -> Body:
    bodies = plan.organisation.bodies
    if body_id not in bodies:
        raise PlanError(None, f"Organet «{body_id}» findes ikke i data/{FILE_NAME}.", suggest(body_id, bodies))
    return bodies[body_id]


def render_org_diagram(plan, link_prefix: str = "") -> str:
    """The organisation as a static diagram: one row per level, top to bottom.

    Semantically an ordered list of levels with a list of bodies each, so it
    reads well without CSS, in a screen reader and on paper. Each box links to
    the body's section (``<link_prefix>#<id>``).
    """
    org = plan.organisation
    rows = []
    for level in org.levels:
        bodies = org.bodies_at(level.id)
        if not bodies:
            continue
        boxes = "".join(
            f'<li class="plan-org__organ"><a class="plan-org__navn" href="{esc(link_prefix)}#{esc(b.id)}">'
            f"{esc(b.name)}</a>"
            f'<span class="plan-org__kort">{esc(b.summary)}</span></li>'
            for b in bodies
        )
        rows.append(
            f'<li class="plan-org__niveau plan-org__niveau--{esc(level.id)}">'
            f'<p class="plan-org__niveaunavn">{esc(level.name)}</p>'
            f'<ul class="plan-org__organer">{boxes}</ul></li>'
        )
    return block(
        '<figure class="plan-org" aria-labelledby="plan-org-titel">'
        f'<ol class="plan-org__niveauer">{"".join(rows)}</ol>'
        '<figcaption id="plan-org-titel" class="plan-org__tekst">'
        "Organisationsdiagram: helhedsplanens organer fra finansiering og politisk niveau øverst "
        "til beboerne nederst. Hvert organ er beskrevet nedenfor."
        "</figcaption></figure>"
    )


def render_body(plan, body_id: str) -> str:
    """Composition, responsibilities, reporting line and sources of one body."""
    body = _body(plan, body_id)
    members = "".join(
        "<li>"
        + (f"<strong>{esc(actor_name(plan, m.party_id))}:</strong> " if m.party_id else "")
        + f"{esc(m.text)}</li>"
        for m in body.members
    )
    duties = "".join(f"<li>{esc(d)}</li>" for d in body.responsibilities)
    reports = ""
    if body.reports_to:
        targets = ", ".join(
            f'<a href="#{esc(t)}">{esc(plan.organisation.bodies[t].name)}</a>' for t in body.reports_to
        )
        reports = f'<p class="plan-organ__refererer"><strong>Refererer til:</strong> {targets}</p>'
    return block(
        f'<div class="plan-organ">'
        f'<p class="plan-organ__kort">{esc(body.summary)}</p>'
        f'<p class="plan-organ__label">Hvem er med</p><ul>{members}</ul>'
        f'<p class="plan-organ__label">Ansvar og opgaver</p><ul>{duties}</ul>'
        f"{reports}{sources_line(plan.sources, body.source_ids)}</div>"
    )


def blocks(plan, context) -> dict:
    return {
        "organisationsdiagram": lambda: render_org_diagram(plan),
        "organ": lambda organ: render_body(plan, organ),
    }
