"""Key facts of the plan: the front page's fact box."""

from __future__ import annotations

from macros.core import danish
from macros.core.html import block, esc
from macros.model.html import sources_line

#: What this module's building blocks read (for the block index in README.md).
READS = ("data/plan.yaml", "data/boligomraader.yaml", "data/parter.yaml", "data/kilder.yaml")


def render_key_facts(plan) -> str:
    """The plan's key facts as a definition list (title, period, approval, areas, parties)."""
    facts = plan.facts
    areas = ", ".join(f"{esc(a.name)} ({esc(a.town)})" for a in plan.plan_areas)
    parties = ", ".join(esc(p.name) for p in plan.plan_parties)
    rows = [
        ("Plan", f"{esc(facts.title)} – {esc(facts.subtitle)}"),
        ("Periode", f"{danish.date_long(facts.start)} – {danish.date_long(facts.end)}"),
        ("Godkendt af Landsbyggefonden",
         danish.date_long(facts.lbf_approval.date) if facts.lbf_approval else "Endnu ikke godkendt"),
        ("Trådte i kraft", danish.date_long(facts.effective.date) if facts.effective else "Endnu ikke i kraft"),
        (f"Boligområder ({len(plan.plan_areas)})", areas),
        ("Parter", parties),
    ]
    items = "\n".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    source_ids = [facts.period_source_id] + [f.source_id for f in (facts.lbf_approval, facts.effective) if f]
    note = f'<p class="plan-note">{esc(facts.period_note)}</p>' if facts.period_note else ""
    return block(
        f'<section class="plan-keyfacts" aria-label="Nøgletal for planen">\n'
        f'<dl class="plan-keyfacts__list">\n{items}\n</dl>\n{note}\n'
        f"{sources_line(plan.sources, source_ids)}\n</section>"
    )


def blocks(plan, context) -> dict:
    return {"noegletal": lambda: render_key_facts(plan)}
