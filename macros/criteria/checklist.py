"""Landsbyggefonden's requirements: the co-financing rule and the document checklist.

Data: ``data/lbf-krav.yaml``. The checklist page shows each required document
of the prækvalifikation (I–VII) and the final application (I–VI) with its
status, date and link; a status that is derived from another fact (e.g. LBF's
approval of the whole plan) says so and cites the fact's source.
"""

from __future__ import annotations

from macros.budget.cofinancing import cofinancing
from macros.core import danish
from macros.core.html import block, esc
from macros.core.thresholds import status_badge
from macros.criteria.requirements import (
    STATUS_TEXT,
    LbfRequirements,
)
from macros.model.html import sources_line

#: What this module's building blocks read (for the block index in README.md).
READS = ("data/lbf-krav.yaml", "data/oekonomi/budget.yaml", "data/kilder.yaml")


def render_checklist(requirements: LbfRequirements, sources, cofinancing_result=None, budget=None) -> str:
    """One table per phase: number, requirement, status (icon + word), date, link/source."""
    sections = []
    for phase in requirements.phases:
        docs = [d for d in requirements.documents if d.phase_id == phase.id]
        if not docs:
            continue
        rows = []
        for doc in docs:
            label, status = STATUS_TEXT[doc.status]
            if doc.derived:
                label += " (afledt)"
            notes = []
            if doc.status_reason:
                source = sources[doc.status_source_id].title if doc.status_source_id else ""
                notes.append(
                    f"{esc(doc.status_reason)}"
                    + (f' <span class="plan-kilde">Kilde: {esc(source)}.</span>' if source else "")
                )
            elif doc.status == "ukendt":
                notes.append("Kilderne oplyser ikke status for dette krav.")
            if doc.computed == "medfinansiering" and cofinancing_result is not None:
                share = cofinancing_result.share
                computed = (
                    f"Beregnet af budgettet: {danish.percent(share, 1)} – "
                    f"{cofinancing_result.status.value}" if share is not None else "Budgettet er tomt."
                )
                if budget is not None and budget.example_data:
                    computed += " (eksempeldata – ikke officielle tal)"
                notes.append(f"{esc(computed)}. Se beregningen under Økonomi.")
            link = f'<a href="{esc(doc.link)}">Dokument</a>' if doc.link else ""
            date = danish.date_long(doc.date) if doc.date else "–"
            rows.append(
                f'<tr><th scope="row" class="plan-nummer">{esc(doc.number)}</th>'
                f"<td>{esc(doc.text)}{'<br>' + link if link else ''}</td>"
                f"<td>{status_badge(status, label)}</td><td>{date}</td>"
                f'<td class="plan-small">{" ".join(notes)}</td></tr>'
            )
        done = sum(1 for d in docs if d.status == "godkendt")
        sections.append(
            f'<h2 id="{esc(phase.id)}">{esc(phase.name)} ({len(docs)} krav)</h2>'
            f"<p>{esc(phase.description)} Godkendt: {done} af {len(docs)}"
            f"{' (heraf afledt: ' + str(sum(d.derived for d in docs)) + ')' if any(d.derived for d in docs) else ''}."
            "</p>"
            '<div class="plan-table-wrap" role="region" tabindex="0" '
            f'aria-label="Dokumentkrav til {esc(phase.name.lower())}">'
            '<table class="plan-table plan-checklist">'
            f"<caption>Dokumentkrav til {esc(phase.name.lower())}</caption>"
            '<thead><tr><th scope="col">Nr.</th><th scope="col">Krav</th><th scope="col">Status</th>'
            '<th scope="col">Dato</th><th scope="col">Bemærkning</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )
    source_ids = [d.source_id for d in requirements.documents]
    return block("\n".join(sections) + sources_line(sources, source_ids))


def blocks(plan, context) -> dict:
    if plan.lbf_requirements is None:
        return {}
    result = cofinancing(plan.budget, plan.lbf_requirements.cofinancing) if plan.budget else None
    return {
        "dokumentkrav": lambda: render_checklist(plan.lbf_requirements, plan.sources, result, plan.budget),
    }

