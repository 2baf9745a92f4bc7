"""LBF's requirements (data/lbf-krav.yaml): the co-financing rule and the checklist of documents, loaded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from macros.budget.load import CofinancingRule
from macros.core.errors import (
    Location,
    PlanError,
    PlanErrors,
)
from macros.core.thresholds import Status
from macros.core.yamlio import load_validated
from macros.model.load import known_ids

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
    for index, item in enumerate(raw["dokumentkrav"]):
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
