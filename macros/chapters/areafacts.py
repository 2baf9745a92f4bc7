"""Fact box for an area page: town, plan periods and current status in the plan."""

from __future__ import annotations

from macros.core.errors import PlanError, suggest
from macros.core.html import block, esc

#: What this module's building blocks read (for the block index in README.md).
READS = ("data/boligomraader.yaml", "data/plan.yaml")


def render_area_facts(plan, area_id: str) -> str:
    if area_id not in plan.areas:
        raise PlanError(None, f"Boligområdet «{area_id}» findes ikke i data/boligomraader.yaml.", suggest(area_id, plan.areas))
    area = plan.areas[area_id]
    in_plan = area_id in plan.facts.area_ids
    periods = ", ".join(esc(p) for p in area.periods)
    status = "Ja" if in_plan else "Nej – området var med i en tidligere plan"
    rows = [
        ("Boligområde", esc(area.name)),
        ("By", esc(area.town)),
        ("Med i helhedsplanerne", periods),
        (f"Med i planen {plan.facts.start.year}–{plan.facts.end.year}", status),
    ]
    items = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return block(
        f'<section class="plan-keyfacts" aria-label="Fakta om {esc(area.name)}">'
        f'<dl class="plan-keyfacts__list">{items}</dl></section>'
    )


def blocks(plan, context) -> dict:
    return {"omraade_fakta": lambda omraade: render_area_facts(plan, omraade)}
