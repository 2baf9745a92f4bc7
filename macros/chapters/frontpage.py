"""Front-page blocks: the vision as a quotation and the plan's status today."""

from __future__ import annotations

from macros.core import danish
from macros.core.context import BuildContext
from macros.core.errors import PlanError, suggest
from macros.core.html import block, esc
from macros.milestones.deadlines import format_deadline
from macros.model.html import sources_line

#: What this module's building blocks read (for the block index in README.md).
READS = ("data/plan.yaml", "data/milepaele.yaml", "data/godkendelser.yaml", "data/kilder.yaml")


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
    if facts.lbf_approval is None or facts.effective is None:
        return "Planen er et forslag. Den er endnu ikke godkendt af Landsbyggefonden."
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
        f'<p class="plan-planstatus"><strong>Status {danish.date_long(context.today)}:</strong> '
        f"{esc(plan_status(plan, context.today))}</p>"
    )


#: The plan's own dates (data/plan.yaml), by the name used on the pages.
PLAN_DATES = {
    "godkendt_af_lbf": lambda facts: facts.lbf_approval.date if facts.lbf_approval else None,
    "ikrafttraeden": lambda facts: facts.effective.date if facts.effective else None,
    "start": lambda facts: facts.start,
    "slut": lambda facts: facts.end,
}


def plan_date(plan, which: str) -> str:
    """A date from plan.yaml, in Danish, so prose never repeats a date by hand."""
    if which not in PLAN_DATES:
        raise PlanError(None, f"«{which}» er ikke en af planens datoer.", suggest(which, PLAN_DATES))
    value = PLAN_DATES[which](plan.facts)
    return danish.date_long(value) if value is not None else "(endnu ikke fastlagt)"


def milestone_date(plan, milestone_id: str) -> str:
    """The deadline of a milestone in data/milepaele.yaml, in Danish (fuzzy dates as written)."""

    known = {m.id: m for m in plan.milestones}
    if milestone_id not in known:
        raise PlanError(None, f"Milepælen «{milestone_id}» findes ikke i data/milepaele.yaml.", suggest(milestone_id, known))
    return format_deadline(known[milestone_id].deadline)


def render_was_statement(plan) -> str:
    """The link to the accessibility statement in Digitaliseringsstyrelsen's WAS tool,
    or an open note that it is not there yet (plan.yaml holds a placeholder)."""
    link = plan.facts.was_statement
    if link:
        return block(
            '<p class="plan-was">Den officielle tilgængelighedserklæring fra Digitaliseringsstyrelsens '
            f'WAS-værktøj: <a href="{esc(link)}">Tilgængelighedserklæring i WAS-værktøjet</a>.</p>'
        )
    return block(
        '<p class="plan-was plan-note">Linket til erklæringen i Digitaliseringsstyrelsens WAS-værktøj er '
        "endnu ikke indsat: i data/plan.yaml står en pladsholder («was_erklaering»), indtil erklæringen "
        "er lavet i WAS-værktøjet.</p>"
    )


def blocks(plan, context) -> dict:
    return {
        "was_erklaering": lambda: render_was_statement(plan),
        "vision": lambda: render_vision(plan),
        "planstatus": lambda: render_status(plan, context),
        "plandato": lambda hvilken: plan_date(plan, hvilken),
        "milepael_dato": lambda milepael: milestone_date(plan, milepael),
    }
