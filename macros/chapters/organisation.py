"""The plan's organisation: bodies, their composition and responsibilities.

Data: ``data/organisering.yaml`` (levels, bodies, other actors). A body may
point to a party in ``parter.yaml`` (its name then comes from there); a member
of a body may be a party or one of the file's own ``aktoerer``.

Output: the organisation diagram (static HTML: one row per level, prints and
reads as nested lists without CSS) and one description block per body.
"""

from __future__ import annotations

from macros.chapters.load import ORGANISATION_FILE, Body
from macros.core import danish
from macros.core.errors import PlanError, suggest
from macros.core.html import block, esc
from macros.model.html import sources_line

#: What this module's building blocks read (for the block index in README.md).
READS = ("data/organisering.yaml", "data/parter.yaml", "data/kilder.yaml")


# --- rendering -------------------------------------------------------------------


def actor_name(plan, actor_id: str) -> str:
    """Name of a party (parter.yaml) or another actor (organisering.yaml)."""
    if actor_id in plan.parties:
        return plan.parties[actor_id].name
    return plan.organisation.actors.get(actor_id, actor_id)


def _body(plan, body_id: str) -> Body:
    bodies = plan.organisation.bodies
    if body_id not in bodies:
        raise PlanError(None, f"Organet «{body_id}» findes ikke i data/{ORGANISATION_FILE}.", suggest(body_id, bodies))
    return bodies[body_id]


def org_diagram_alt(levels: list[tuple[str, list[str]]]) -> str:
    """What the diagram shows, from the data: «Organisationsdiagram med 9 organer på
    4 niveauer, øverst til nederst: Politisk niveau: Byrådet; …»"""
    count = sum(len(names) for _, names in levels)
    rows = "; ".join(f"{name}: {danish.join(names)}" for name, names in levels)
    return (
        f"Organisationsdiagram med {count} organer på {len(levels)} niveauer, øverst til nederst: {rows}. "
        "Hvert organ er beskrevet nedenfor."
    )


def render_org_diagram(plan, link_prefix: str = "") -> str:
    """The organisation as a static diagram: one row per level, top to bottom.

    Semantically an ordered list of levels with a list of bodies each, so it
    reads well without CSS, in a screen reader and on paper. Each box links to
    the body's section (``<link_prefix>#<id>``).
    """
    org = plan.organisation
    rows = []
    shown = []  # (level name, body names) for the text alternative
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
        shown.append((level.name, [b.name for b in bodies]))
        rows.append(
            f'<li class="plan-org__niveau plan-org__niveau--{esc(level.id)}">'
            f'<p class="plan-org__niveaunavn">{esc(level.name)}</p>'
            f'<ul class="plan-org__organer">{boxes}</ul></li>'
        )
    return block(
        '<figure class="plan-org" aria-labelledby="plan-org-titel">'
        f'<ol class="plan-org__niveauer">{"".join(rows)}</ol>'
        f'<figcaption id="plan-org-titel" class="plan-org__tekst">{esc(org_diagram_alt(shown))}</figcaption></figure>'
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
