"""The plan's data layer: every data file, loaded and validated once per build.

``load_plan(data_dir)`` reads each file in ``data/``, validates it against its
schema in ``data/schemas/`` and checks references between files (an area id
in plan.yaml must exist in boligomraader.yaml, and so on). All problems are
raised as :class:`~macros.errors.PlanError` with file, line and a Danish fix.

The result is an immutable :class:`Plan` that the render functions receive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .beboerdata import Beboerdata, load_beboerdata
from .errors import Location, PlanError, PlanErrors, suggest, unknown_reference
from .yamlio import LineDict, LineList, load_validated

if TYPE_CHECKING:
    from .approvals import ApprovalRegister


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    date: dt.date | None = None
    year: int | None = None
    url: str | None = None


@dataclass(frozen=True)
class Party:
    id: str
    name: str
    short_name: str
    kind: str
    members: tuple[str, ...] = ()  # for a group of parties: the member ids


@dataclass(frozen=True)
class Department:
    """A housing department (afdeling) named in a source."""

    name: str
    number: str | None = None
    housing_org_id: str | None = None
    source_id: str | None = None


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    town: str
    periods: tuple[str, ...]
    #: Housing organisations (party ids); empty = not stated in the sources.
    housing_org_ids: tuple[str, ...] = ()
    #: Departments named in the sources (not necessarily all of them).
    departments: tuple[Department, ...] = ()


@dataclass(frozen=True)
class DatedFact:
    date: dt.date
    source_id: str


@dataclass(frozen=True)
class PlanFacts:
    title: str
    subtitle: str
    publisher: str
    municipality: str
    start: dt.date
    end: dt.date
    period_note: str
    period_source_id: str
    lbf_approval: DatedFact
    effective: DatedFact
    vision: str
    vision_source_id: str | None
    area_ids: tuple[str, ...]
    party_ids: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """Everything in ``data/``, validated."""

    data_dir: Path
    facts: PlanFacts
    sources: dict[str, Source]
    parties: dict[str, Party]
    areas: dict[str, Area]
    #: Resident statistics (standard tables 1–20), see macros/beboerdata.py.
    #: ``plan.beboerdata.frame("18")`` is Tabel 18 as a pandas DataFrame.
    beboerdata: Beboerdata
    approvals: ApprovalRegister | None = None  # data/godkendelser.yaml (macros/approvals.py)
    # The plan's chapters: themes, indicators, organisation, glossary.
    themes: dict = field(default_factory=dict)
    indicators: dict = field(default_factory=dict)
    organisation: object = None
    glossary: dict = field(default_factory=dict)
    milestones: tuple = ()  # of macros.milestones.Milestone, in file order
    decisions: dict = field(default_factory=dict)  # id -> macros.milestones.Decision
    #: Statutory criteria rule sets (data/kriterier/regler.yaml).
    criteria_rules: "CriteriaRules | None" = None
    #: Budget 2025–2029 (data/oekonomi/budget.yaml).
    budget: "Budget | None" = None
    #: LBF's co-financing rule and document checklist (data/lbf-krav.yaml).
    lbf_requirements: "LbfRequirements | None" = None
    #: The 2017–2021 application's figures under the 2013 rules (data/kriterier/historik-2017-2021.yaml).
    criteria_history: "CriteriaHistory | None" = None
    #: Meetings with a PDF meeting pack (data/moeder/), see macros/meetings.py.
    meetings: dict = field(default_factory=dict)

    @property
    def plan_areas(self) -> list[Area]:
        """The areas of the current plan period, in the plan's order."""
        return [self.areas[a] for a in self.facts.area_ids]

    @property
    def plan_parties(self) -> list[Party]:
        return [self.parties[p] for p in self.facts.party_ids]


# --- reference checking -----------------------------------------------------------


class RefChecker:
    """Collects unknown-reference problems so they are all reported together."""

    def __init__(self) -> None:
        self.problems: list[PlanError] = []

    def check(self, value: str, known: Iterable[str], file: Path, line: int | None, what: str, field_name: str) -> None:
        known = list(known)
        if value not in known:
            self.problems.append(
                PlanError(Location(file, line=line, column=field_name), f"Ukendt {what} «{value}».", suggest(value, known))
            )

    def check_key(self, container: LineDict, key: str, known: Iterable[str], file: Path, what: str = "kilde") -> None:
        """Check ``container[key]`` (if present) against *known* ids, at the key's line."""
        if problem := unknown_reference(container, key, known, file, what):
            self.problems.append(problem)

    def raise_if_any(self) -> None:
        if self.problems:
            raise PlanErrors(self.problems)


def check_unique_ids(items: LineList, file: Path, what: str) -> None:
    """Every item's ``id`` must be unique within its file."""
    seen: dict[str, int | None] = {}
    problems = []
    for index, item in enumerate(items):
        ident = item["id"]
        line = items.line_of(index)
        if ident in seen:
            problems.append(
                PlanError(
                    Location(file, line=line, column="id"),
                    f"{what} med id «{ident}» findes allerede (linje {seen[ident]}).",
                    "Giv hver post sit eget id.",
                )
            )
        else:
            seen[ident] = line
    if problems:
        raise PlanErrors(problems)


# --- loaders ------------------------------------------------------------------------


def _load_sources(data_dir: Path) -> dict[str, Source]:
    path = data_dir / "kilder.yaml"
    items = load_validated(path, "kilder")
    check_unique_ids(items, path, "En kilde")
    return {
        i["id"]: Source(i["id"], i["titel"], i["udgiver"], i.get("dato"), i.get("aar"), i.get("url")) for i in items
    }


def _load_parties(data_dir: Path) -> dict[str, Party]:
    path = data_dir / "parter.yaml"
    items = load_validated(path, "parter")
    check_unique_ids(items, path, "En part")
    parties = {
        i["id"]: Party(i["id"], i["navn"], i["kort_navn"], i["type"], tuple(i.get("medlemmer", []))) for i in items
    }
    from .milestones import check_party_members

    check_party_members(path, items, parties)
    return parties


def _load_areas(data_dir: Path, sources: dict | None = None, parties: dict | None = None) -> dict[str, Area]:
    path = data_dir / "boligomraader.yaml"
    items = load_validated(path, "boligomraader")
    check_unique_ids(items, path, "Et boligområde")
    refs = RefChecker()
    orgs = [p.id for p in (parties or {}).values() if p.kind == "boligorganisation"]
    for item in items:
        for index, org in enumerate(item.get("boligorganisationer", [])):
            refs.check(org, orgs, path, item["boligorganisationer"].line_of(index), "boligorganisation",
                       "boligorganisationer")
        for dep in item.get("afdelinger", []):
            if "boligorganisation" in dep:
                refs.check(dep["boligorganisation"], orgs, path, dep.line_of("boligorganisation"), "boligorganisation",
                           "boligorganisation")
            if "kilde" in dep and sources is not None:
                refs.check(dep["kilde"], sources, path, dep.line_of("kilde"), "kilde", "kilde")
    refs.raise_if_any()
    return {
        i["id"]: Area(
            i["id"], i["navn"], i["by"], tuple(i["perioder"]),
            tuple(i.get("boligorganisationer", [])),
            tuple(Department(d["navn"], d.get("nummer"), d.get("boligorganisation"), d.get("kilde"))
                  for d in i.get("afdelinger", [])),
        )
        for i in items
    }


def _load_facts(data_dir: Path, sources: dict, parties: dict, areas: dict) -> PlanFacts:
    path = data_dir / "plan.yaml"
    raw: LineDict = load_validated(path, "plan")
    refs = RefChecker()

    period = raw["periode"]
    refs.check_key(period, "kilde", sources, path)
    refs.check_key(raw["godkendt_af_lbf"], "kilde", sources, path)
    refs.check_key(raw["ikrafttraeden"], "kilde", sources, path)
    refs.check_key(raw, "vision_kilde", sources, path)
    for index, area_id in enumerate(raw["boligomraader"]):
        refs.check(area_id, areas, path, raw["boligomraader"].line_of(index), "boligområde", "boligomraader")
    for index, party_id in enumerate(raw["parter"]):
        refs.check(party_id, parties, path, raw["parter"].line_of(index), "part", "parter")
    if period["slut"] <= period["start"]:
        refs.problems.append(
            PlanError(
                Location(path, line=period.line_of("slut"), column="slut"),
                "Periodens slutdato ligger før eller på startdatoen.",
                "Ret «start» eller «slut», så slut kommer efter start.",
            )
        )
    refs.raise_if_any()

    def dated(key: str) -> DatedFact:
        return DatedFact(raw[key]["dato"], raw[key]["kilde"])

    return PlanFacts(
        title=raw["titel"],
        subtitle=raw["undertitel"],
        publisher=raw["udgiver"],
        municipality=raw["kommune"],
        start=period["start"],
        end=period["slut"],
        period_note=period.get("note", ""),
        period_source_id=period["kilde"],
        lbf_approval=dated("godkendt_af_lbf"),
        effective=dated("ikrafttraeden"),
        vision=raw.get("vision", ""),
        vision_source_id=raw.get("vision_kilde"),
        area_ids=tuple(raw["boligomraader"]),
        party_ids=tuple(raw["parter"]),
    )


_CACHE: dict[Path, tuple[tuple, "Plan"]] = {}


def _fingerprint(data_dir: Path) -> tuple:
    """Cheap identity of the data folder's contents (names, sizes, times)."""
    return tuple(
        (str(p), st.st_size, st.st_mtime_ns)
        for p in sorted(data_dir.rglob("*"))
        if p.is_file() and (st := p.stat())
    )


def load_plan(data_dir: Path) -> Plan:
    """Load and validate every data file, once per build.

    The result is cached until a file in ``data_dir`` changes, so the site
    build and the PDF step share one load (and ``mkdocs serve`` reloads after
    an edit). Raises :class:`PlanError` on any problem.
    """
    data_dir = Path(data_dir).resolve()
    if not data_dir.is_dir():
        raise PlanError(data_dir, "Datamappen findes ikke.", "Kør kommandoen fra projektets rodmappe.")
    fingerprint = _fingerprint(data_dir)
    cached = _CACHE.get(data_dir)
    if cached and cached[0] == fingerprint:
        return cached[1]
    plan = _load(data_dir)
    _CACHE[data_dir] = (fingerprint, plan)
    return plan


def _load(data_dir: Path) -> Plan:
    # Imported here: these modules render HTML, and macros.html imports this module.
    from .glossary import load_glossary
    from .indicators import load_indicators
    from .organisation import load_organisation
    from .themes import load_themes

    sources = _load_sources(data_dir)
    parties = _load_parties(data_dir)
    areas = _load_areas(data_dir, sources, parties)
    facts = _load_facts(data_dir, sources, parties, areas)
    from .approvals import load_register  # imports this module

    approvals = load_register(data_dir, parties, sources)
    organisation = load_organisation(data_dir, parties, sources)
    themes = load_themes(data_dir, sources, [*parties, *organisation.actors])
    indicators = load_indicators(data_dir, themes, sources)
    glossary = load_glossary(data_dir)
    from .milestones import load_decisions, load_milestones

    decisions = load_decisions(data_dir, sources, parties)
    milestones = load_milestones(data_dir, sources, parties, decisions)
    beboerdata = load_beboerdata(data_dir, sources, areas, list(facts.area_ids))
    from .criteria_rules import load_rules

    criteria_rules = load_rules(data_dir, sources)
    from .budget import load_budget
    from .lbf_requirements import load_requirements

    budget = load_budget(data_dir, parties, sources, range(facts.start.year, facts.end.year + 1))
    lbf_requirements = load_requirements(data_dir, parties, sources)
    from .criteria_pages import load_history

    criteria_history = load_history(data_dir, criteria_rules, sources)
    from .meetings import load_meetings

    meetings = load_meetings(data_dir, parties, sources)
    return Plan(
        data_dir=data_dir,
        facts=facts,
        sources=sources,
        parties=parties,
        areas=areas,
        beboerdata=beboerdata,
        approvals=approvals,
        themes=themes,
        indicators=indicators,
        organisation=organisation,
        glossary=glossary,
        milestones=milestones,
        decisions=decisions,
        criteria_rules=criteria_rules,
        budget=budget,
        lbf_requirements=lbf_requirements,
        criteria_history=criteria_history,
        meetings=meetings,
    )


def check_against_pages(plan: Plan, docs_dir: Path) -> None:
    """Checks between the data and the chapters in ``docs/`` (run by every build
    and by ``make validate``; not by :func:`load_plan`, because the plan diff
    loads old versions of ``data/`` without their pages)."""
    from .meetings import check_pages

    check_pages(plan.data_dir, plan.parties, plan.sources, Path(docs_dir))
