"""Landsbyggefonden's requirements: the co-financing rule and the document checklist.

Data: ``data/lbf-krav.yaml``. The checklist page shows each required document
of the prækvalifikation (I–VII) and the final application (I–VI) with its
status, date and link; a status that is derived from another fact (e.g. LBF's
approval of the whole plan) says so and cites the fact's source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from macros.budget.pages import CofinancingRule, cofinancing
from macros.core import danish
from macros.core.errors import (
    Location,
    PlanError,
    PlanErrors,
)
from macros.core.html import block, esc
from macros.core.thresholds import Status, status_badge
from macros.core.yamlio import load_validated
from macros.model.load import known_ids
from macros.model.html import sources_line

#: What this module's building blocks read (for the block index in README.md).
READS = ("data/lbf-krav.yaml", "data/oekonomi/budget.yaml", "data/kilder.yaml")

REQUIREMENTS_FILE = Path("lbf-krav.yaml")

#: Status words in the data file → text shown on the site, and how it maps to the three outcomes.
STATUS_TEXT = {
    "ukendt": ("Ukendt", Status.UNKNOWN),
    "mangler": ("Mangler", Status.NOT_MET),
    "i-gang": ("I gang", Status.UNKNOWN),
    "indsendt": ("Indsendt", Status.UNKNOWN),
    "godkendt": ("Godkendt", Status.MET),
}


@dataclass(frozen=True)
class Phase:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class DocumentRequirement:
    phase_id: str
    number: str
    text: str
    status: str
    derived: bool
    status_reason: str
    status_source_id: str | None
    date: dt.date | None
    link: str | None
    computed: str | None
    source_id: str


@dataclass(frozen=True)
class LbfRequirements:
    cofinancing: CofinancingRule
    phases: tuple[Phase, ...]
    documents: tuple[DocumentRequirement, ...]


def load_requirements(data_dir: Path, parties, sources) -> LbfRequirements:
    path = Path(data_dir) / REQUIREMENTS_FILE
    raw = load_validated(path, "lbf-krav", known_ids(sources, parties))
    problems: list[PlanError] = []
    rule_raw = raw["medfinansiering"]
    rule = CofinancingRule(
        name=rule_raw["navn"],
        operator=rule_raw["operator"],
        threshold=float(rule_raw["graense"]),
        basis=rule_raw["grundlag"],
        local_party_ids=tuple(rule_raw["lokale_parter"]),
        explanation=rule_raw["forklaring"],
        source_id=rule_raw["kilde"],
    )
    phases = tuple(Phase(p["id"], p["navn"], p.get("beskrivelse", "")) for p in raw["faser"])
    documents = []
    seen: dict[tuple[str, str], int | None] = {}
    for index, item in enumerate(raw["dokumentkrav"]):
        line = raw["dokumentkrav"].line_of(index)
        key = (item["fase"], item["nummer"])
        if key in seen:
            problems.append(
                PlanError(
                    Location(path, line=line, column="nummer"),
                    f"Krav {key[1]} i fasen «{key[0]}» står allerede på linje {seen[key]}.",
                    "Ret nummeret, eller slet dubletten.",
                )
            )
        seen[key] = line
        if item.get("afledt") and not ("status_begrundelse" in item and "status_kilde" in item):
            problems.append(
                PlanError(
                    Location(path, line=item.line_of("afledt"), column="afledt"),
                    f"Krav {item['nummer']} har en afledt status uden begrundelse og kilde.",
                    "Skriv i «status_begrundelse», hvad status er udledt af, og angiv «status_kilde».",
                )
            )
        documents.append(
            DocumentRequirement(
                phase_id=item["fase"],
                number=item["nummer"],
                text=item["krav"],
                status=item["status"],
                derived=bool(item.get("afledt")),
                status_reason=item.get("status_begrundelse", ""),
                status_source_id=item.get("status_kilde"),
                date=item.get("dato"),
                link=item.get("link"),
                computed=item.get("beregning"),
                source_id=item["kilde"],
            )
        )
    if problems:
        problems.sort(key=lambda p: p.location.line or 0)
        raise PlanErrors(problems)
    return LbfRequirements(rule, phases, tuple(documents))


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

