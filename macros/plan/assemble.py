"""The plan's data layer: every data file, loaded and validated once per build.

``load_plan(data_dir)`` reads each file in ``data/``, validates it against its
schema in ``data/schemas/`` and checks references between files (an area id
in plan.yaml must exist in boligomraader.yaml, and so on). All problems are
raised as :class:`~macros.core.errors.PlanError` with file, line and a Danish fix.

The result is an immutable :class:`Plan` that the render functions receive.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from macros.approvals.load import ApprovalRegister, load_register
from macros.beboerdata.load import Beboerdata, load_beboerdata
from macros.budget.load import Budget, load_budget
from macros.budget.spending import Spending, load_spending
from macros.chapters.load import Organisation, Term, Theme, load_glossary, load_organisation, load_themes
from macros.core.context import facts_until
from macros.core.errors import PlanError, PlanErrors
from macros.core.headings import navigation_problems
from macros.criteria.history import CriteriaHistory, load_history
from macros.criteria.lists import OfficialLists, load_lists
from macros.criteria.requirements import LbfRequirements, load_requirements
from macros.criteria.rules import CriteriaRules, load_rules
from macros.followup.compute import PLAN_UNIT, FollowUp, compute_followup
from macros.followup.load import Indicator, Measurement, load_indicators, load_measurements, load_rule
from macros.followup.progress import assess
from macros.meetings.load import Meeting, check_pages, load_meetings
from macros.milestones.load import Decision, Milestone, load_decisions, load_milestones
from macros.model.load import load_areas, load_facts, load_parties, load_sources
from macros.model.records import Area, Party, PlanFacts, Source


@dataclass(frozen=True)
class Plan:
    """Everything in ``data/``, validated: one field per wing."""

    data_dir: Path
    facts: PlanFacts
    sources: dict[str, Source]
    parties: dict[str, Party]
    areas: dict[str, Area]
    #: Resident statistics (standard tables 1–20), see macros/beboerdata/.
    #: ``plan.beboerdata.frame("18")`` is Tabel 18 as a pandas DataFrame.
    beboerdata: Beboerdata
    #: data/godkendelser.yaml, see macros/approvals/.
    approvals: ApprovalRegister | None = None
    # The plan's chapters (macros/chapters/): themes, organisation, glossary.
    themes: dict[str, Theme] = field(default_factory=dict)
    #: Indicator definitions (data/indikatorer.yaml), own measurements (data/maalinger/) and
    #: every indicator's computed values and status (macros/followup/).
    indicators: dict[str, Indicator] = field(default_factory=dict)
    measurements: tuple[Measurement, ...] = ()
    followup: FollowUp | None = None
    organisation: Organisation | None = None
    glossary: dict[str, Term] = field(default_factory=dict)
    #: data/milepaele.yaml in file order, and data/beslutninger.yaml by id (macros/milestones/).
    milestones: tuple[Milestone, ...] = ()
    decisions: dict[str, Decision] = field(default_factory=dict)
    #: Statutory criteria rule sets (data/kriterier/regler.yaml).
    criteria_rules: CriteriaRules | None = None
    #: Budget 2025–2029 (data/oekonomi/budget.yaml).
    budget: Budget | None = None
    #: Actual spending per year, party and theme (data/oekonomi/forbrug.yaml).
    spending: Spending | None = None
    #: LBF's co-financing rule and document checklist (data/lbf-krav.yaml).
    lbf_requirements: LbfRequirements | None = None
    #: The 2017–2021 application's figures under the 2013 rules (data/kriterier/historik-2017-2021.yaml).
    criteria_history: CriteriaHistory | None = None
    #: The official lists register: each area's placement on each 1 December list (data/kriterier/lister.yaml).
    official_lists: OfficialLists | None = None
    #: Meetings with a PDF meeting pack (data/moeder/), see macros/meetings/.
    meetings: dict[str, Meeting] = field(default_factory=dict)

    @property
    def plan_areas(self) -> list[Area]:
        """The areas of the current plan period, in the plan's order."""
        return [self.areas[a] for a in self.facts.area_ids]

    @property
    def plan_parties(self) -> list[Party]:
        return [self.parties[p] for p in self.facts.party_ids]


_CACHE: dict[Path, tuple[tuple, "Plan"]] = {}


def _fingerprint(data_dir: Path) -> tuple:
    """Cheap identity of the data folder's contents (names, sizes, times)."""
    return tuple(
        (str(p), st.st_size, st.st_mtime_ns)
        for p in sorted(data_dir.rglob("*"))
        if p.is_file() and (st := p.stat())
    )


def load_plan(data_dir: Path, cache: bool = True) -> Plan:
    """Load and validate every data file.

    The result is remembered until a file in ``data_dir`` changes (names,
    sizes and times), so ``mkdocs serve`` and the tests reload only after an
    edit. ``cache=False`` loads without remembering (a temporary folder).
    Raises :class:`PlanError` on any problem.
    """
    data_dir = Path(data_dir).resolve()
    if not data_dir.is_dir():
        raise PlanError(data_dir, "Datamappen findes ikke.", "Kør kommandoen fra projektets rodmappe.")
    if not cache:
        return _load(data_dir)
    # The data are checked against today (no facts from the future), so the day is part of the key.
    fingerprint = (_fingerprint(data_dir), facts_until())
    cached = _CACHE.get(data_dir)
    if cached and cached[0] == fingerprint:
        return cached[1]
    plan = _load(data_dir)
    _CACHE[data_dir] = (fingerprint, plan)
    return plan


def _load(data_dir: Path) -> Plan:
    sources = load_sources(data_dir)
    parties = load_parties(data_dir)
    areas = load_areas(data_dir, sources, parties)
    facts = load_facts(data_dir, sources, parties, areas)
    approvals = load_register(data_dir, parties, sources)
    organisation = load_organisation(data_dir, parties, sources)
    themes = load_themes(data_dir, sources, parties, list(organisation.actors))
    beboerdata = load_beboerdata(data_dir, sources, areas, list(facts.area_ids))
    period = range(facts.start.year, facts.end.year + 1)
    indicators = load_indicators(data_dir, themes, sources, beboerdata, areas, period)
    units = {**{a: a for a in facts.area_ids}, **beboerdata.comparison_units, PLAN_UNIT: PLAN_UNIT}
    measurements = load_measurements(data_dir, indicators, sources, units, beboerdata.suppression.small_mark,
                                     beboerdata.suppression.min_count)
    followup = compute_followup(indicators, beboerdata, [areas[a] for a in facts.area_ids], measurements,
                                load_rule(data_dir), assess)
    glossary = load_glossary(data_dir)
    decisions = load_decisions(data_dir, sources, parties)
    milestones = load_milestones(data_dir, sources, parties, decisions)
    criteria_rules = load_rules(data_dir, sources)
    budget = load_budget(data_dir, parties, sources, range(facts.start.year, facts.end.year + 1))
    spending = load_spending(data_dir, budget, parties, sources, range(facts.start.year, facts.end.year + 1))
    lbf_requirements = load_requirements(data_dir, parties, sources)
    criteria_history = load_history(data_dir, criteria_rules, sources)
    official_lists = load_lists(data_dir, criteria_rules, sources, areas)
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
        measurements=measurements,
        followup=followup,
        organisation=organisation,
        glossary=glossary,
        milestones=milestones,
        decisions=decisions,
        criteria_rules=criteria_rules,
        budget=budget,
        spending=spending,
        lbf_requirements=lbf_requirements,
        criteria_history=criteria_history,
        official_lists=official_lists,
        meetings=meetings,
    )


def check_against_pages(plan: Plan, docs_dir: Path, blocks_html: Callable[[str], str | None] | None = None) -> None:
    """Checks between the data and the chapters in ``docs/`` (run by every build
    and by ``make validate``; not by :func:`load_plan`, because the plan diff
    loads old versions of ``data/`` without their pages). *blocks_html* gives the
    HTML of a page's blocks, for sections that only a block makes
    (:func:`macros.registry.blocks_html`)."""
    problems = navigation_problems(Path(docs_dir), Path(docs_dir).parent / "mkdocs.yml")
    if problems:
        raise PlanErrors(problems)
    check_pages(plan.data_dir, plan.parties, plan.sources, Path(docs_dir), blocks_html)
