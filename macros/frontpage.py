"""Front-page blocks: the vision as a quotation and the plan's status today."""

from __future__ import annotations

from . import danish
from .context import BuildContext
from .html import block, esc, sources_line


def render_vision(plan) -> str:
    facts = plan.facts
    source = sources_line(plan.sources, [facts.vision_source_id]) if facts.vision_source_id else ""
    return block(
        f'<figure class="plan-vision"><blockquote><p>{esc(" ".join(facts.vision.split()))}</p></blockquote>'
        f"<figcaption>{source}</figcaption></figure>"
    )


def plan_status(plan, today) -> str:
    """Where the plan stands on *today*: before start, running (year n of N) or ended."""
    facts = plan.facts
    if today < facts.effective.date:
        return (
            f"Godkendt af Landsbyggefonden {danish.date_long(facts.lbf_approval.date)}. "
            f"Planen træder i kraft {danish.date_long(facts.effective.date)}."
        )
    if today > facts.end:
        return f"Planperioden sluttede {danish.date_long(facts.end)}."
    total_years = round((facts.end - facts.start).days / 365.25)
    year = min((today - facts.start).days // 365 + 1, total_years)
    return (
        f"Planen er i gang. Den trådte i kraft {danish.date_long(facts.effective.date)} "
        f"og er nu i sit {danish.number(year)}. år af {danish.number(total_years)}."
    )


def render_status(plan, context: BuildContext) -> str:
    return block(
        f'<p class="plan-status"><strong>Status {danish.date_long(context.today)}:</strong> '
        f"{esc(plan_status(plan, context.today))}</p>"
    )


def blocks(plan, context) -> dict:
    return {
        "vision": lambda: render_vision(plan),
        "planstatus": lambda: render_status(plan, context),
    }
