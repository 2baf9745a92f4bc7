"""The plan's four themes (indsatsområder): purpose, goals, activities, partners.

Data: ``data/indsatsomraader.yaml``. Partners refer to parties in
``parter.yaml`` or to other actors in ``organisering.yaml``; activities and
texts cite sources in ``kilder.yaml``. The theory of change is drawn by
:mod:`macros.chapters.changetheory`, the indicators by :mod:`macros.followup.pages`.
"""

from __future__ import annotations

from macros.chapters.load import THEMES_FILE, Theme
from macros.chapters.organisation import actor_name
from macros.core.errors import PlanError, suggest
from macros.core.html import block, esc

#: What this module's building blocks read (for the block index in README.md).
READS = ("data/indsatsomraader.yaml", "data/organisering.yaml", "data/parter.yaml", "data/kilder.yaml")


def theme(plan, theme_id: str) -> Theme:
    """The theme with *theme_id*, or a Danish error naming the known ids."""
    if theme_id not in plan.themes:
        raise PlanError(None, f"Indsatsområdet «{theme_id}» findes ikke i data/{THEMES_FILE}.", suggest(theme_id, plan.themes))
    return plan.themes[theme_id]


# --- rendering -------------------------------------------------------------------


def render_purpose(t: Theme) -> str:
    return block(f'<p class="plan-formaal">{esc(t.purpose)}</p>')


def render_goals(t: Theme) -> str:
    items = "".join(f"<li>{esc(g)}</li>" for g in t.goals)
    return block(f'<ul class="plan-maal">{items}</ul>')


def render_activities(plan, t: Theme) -> str:
    """Activities as a definition list; each names the document it comes from."""
    rows = []
    for a in t.activities:
        source = plan.sources[a.source_id]
        rows.append(
            f"<dt>{esc(a.name)}</dt><dd>{esc(a.description)} "
            f'<span class="plan-kilde-inline">(Kilde: {esc(source.title)})</span></dd>'
        )
    return block(f'<dl class="plan-aktiviteter">{"".join(rows)}</dl>')


def render_partners(plan, t: Theme) -> str:
    """Partners and their roles as a two-column table."""

    rows = "".join(
        f'<tr><th scope="row">{esc(actor_name(plan, p.actor_id))}</th><td>{esc(p.role)}</td></tr>' for p in t.partners
    )
    return block(
        '<table class="plan-tabel plan-parter">'
        f"<caption>Parter og roller i indsatsområdet {esc(t.name)}</caption>"
        '<thead><tr><th scope="col">Part</th><th scope="col">Rolle</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def blocks(plan, context) -> dict:
    return {
        "formaal": lambda indsatsomraade: render_purpose(theme(plan, indsatsomraade)),
        "maal": lambda indsatsomraade: render_goals(theme(plan, indsatsomraade)),
        "aktiviteter": lambda indsatsomraade: render_activities(plan, theme(plan, indsatsomraade)),
        "parter_og_roller": lambda indsatsomraade: render_partners(plan, theme(plan, indsatsomraade)),
    }
