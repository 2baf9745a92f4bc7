"""Compare the plan at two versions and say what changed, in plain Danish.

The plan is loaded at each version with the normal loader
(:func:`macros.plan.load_plan`) from a copy of ``data/`` exported from git, so
every comparison sees validated data. One small *comparer* per dataset turns
two plans into a :class:`Section` of Danish sentences (or ``None`` when that
dataset did not change); :data:`COMPARERS` lists them in reading order.
Chapters (``docs/*.md``) are compared by file through git.

Used by ``make diff BASE=<rev>`` (scripts/plan_diff.py), the pull request
summary and the change log page.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from macros.approvals.versions import approved_versions, presented_content
from macros.budget.cofinancing import cofinancing
from macros.core import danish, gitrepo
from macros.core.errors import PlanError
from macros.criteria.engine import CriteriaEngine, Status
from macros.criteria.inputs import inputs_from_plan
from macros.followup.compute import MISSING
from macros.followup.pages import value_text
from macros.plan import Plan, load_plan
from macros.review.textdiff import TextChange, diff_text, render_changes


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[str, ...] = ()
    #: Optional table: header cells, then rows (already formatted text).
    table: tuple[tuple[str, ...], ...] = field(default=())
    #: Optional details per line (same order as ``lines``): a chapter's text changes.
    details: tuple[tuple[TextChange, ...], ...] = field(default=())


Comparer = Callable[[Plan, Plan], "Section | None"]


def _q(text: object) -> str:
    return f"«{text}»"


def _date(value) -> str:
    return danish.date_long(value) if value else "ingen dato"


def _fact_date(fact):
    return fact.date if fact is not None else None


def _section(title: str, lines: list[str], table: list[tuple[str, ...]] | None = None) -> Section | None:
    if not lines and not table:
        return None
    return Section(title, tuple(lines), tuple(table or ()))


# --- comparers ----------------------------------------------------------------------------


def compare_facts(old: Plan, new: Plan) -> Section | None:
    """plan.yaml: title, period, approval and start dates, vision, areas and parties in the plan."""
    a, b = old.facts, new.facts
    lines = []
    for label, before, after, show in [
        ("Planens titel", a.title, b.title, _q),
        ("Undertitlen", a.subtitle, b.subtitle, _q),
        ("Planperiodens start", a.start, b.start, _date),
        ("Planperiodens slut", a.end, b.end, _date),
        ("Datoen for Landsbyggefondens godkendelse", _fact_date(a.lbf_approval), _fact_date(b.lbf_approval), _date),
        ("Datoen for ikrafttræden", _fact_date(a.effective), _fact_date(b.effective), _date),
    ]:
        if before != after:
            lines.append(f"{label} er ændret fra {show(before)} til {show(after)}.")
    if a.vision != b.vision:
        lines.append(f"Visionen er ændret. Den lyder nu: {_q(b.vision)}")
    for area_id in b.area_ids:
        if area_id not in a.area_ids:
            lines.append(f"Boligområdet {new.areas[area_id].name} er kommet med i planen.")
    for area_id in a.area_ids:
        if area_id not in b.area_ids:
            lines.append(f"Boligområdet {old.areas[area_id].name} er ikke længere med i planen.")
    for party_id in b.party_ids:
        if party_id not in a.party_ids:
            lines.append(f"{new.parties[party_id].name} er kommet med som part i planen.")
    for party_id in a.party_ids:
        if party_id not in b.party_ids:
            lines.append(f"{old.parties[party_id].name} er ikke længere part i planen.")
    return _section("Grundoplysninger", lines)


def _registry(old: dict, new: dict, noun: str, name: Callable) -> list[str]:
    lines = []
    for key in new:
        if key not in old:
            lines.append(f"Ny {noun}: {name(new[key])}.")
        elif name(old[key]) != name(new[key]):
            lines.append(f"{noun.capitalize()} {name(old[key])} hedder nu {name(new[key])}.")
    for key in old:
        if key not in new:
            lines.append(f"{noun.capitalize()} {name(old[key])} er fjernet.")
    return lines


def compare_areas_and_parties(old: Plan, new: Plan) -> Section | None:
    """boligomraader.yaml and parter.yaml: entries added, removed or renamed."""
    lines = _registry(old.areas, new.areas, "boligområde", lambda a: a.name)
    lines += _registry(old.parties, new.parties, "part", lambda p: p.name)
    return _section("Boligområder og parter", lines)


def compare_sources(old: Plan, new: Plan) -> Section | None:
    """kilder.yaml: sources added, removed or retitled."""
    return _section("Kilder", _registry(old.sources, new.sources, "kilde", lambda s: _q(s.title)))


def compare_approvals(old: Plan, new: Plan) -> Section | None:
    """godkendelser.yaml: approvals registered or removed."""
    old_items = old.approvals.approvals if old.approvals else ()
    new_items = new.approvals.approvals if new.approvals else ()
    before = {(a.presented, a.body_id) for a in old_items}
    after = {(a.presented, a.body_id) for a in new_items}

    def named(plan: Plan, presented: str) -> str:
        versions = approved_versions(plan.approvals, plan.parties)
        content = presented_content(presented, versions)
        name = next((v.name for v in versions if v.content_id == content), None)
        return f"{name} (versions-id {content})" if name else presented

    lines = []
    for a in new_items:
        if (a.presented, a.body_id) not in before:
            body = new.parties[a.body_id].short_name
            lines.append(f"Version {named(new, a.presented)} er registreret som godkendt af {body} den {_date(a.date)}.")
    for a in old_items:
        if (a.presented, a.body_id) not in after:
            body = old.parties[a.body_id].short_name if a.body_id in old.parties else a.body_id
            lines.append(f"Godkendelsen af version {named(old, a.presented)} ved {body} er fjernet fra registret.")
    return _section("Godkendelser", lines)


# --- datasets added by other modules (each comparer returns None when the plan
# --- has no such dataset, so this module works whichever datasets exist) ----------------

#: Longest milestone activity quoted in a sentence.
_SHORT = 90
#: At most this many changed values are listed in a table; the rest are counted.
MAX_TABLE_ROWS = 60


def _short(text: str, limit: int = _SHORT) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _lc_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def compare_milestones(old: Plan, new: Plan) -> Section | None:
    """milepaele.yaml: milestones added, removed, moved (from → to), completed or re-statused."""
    before = {m.id: m for m in getattr(old, "milestones", ()) or ()}
    after = {m.id: m for m in getattr(new, "milestones", ()) or ()}
    lines = []
    for ident, m in after.items():
        name = _q(_short(m.activity))
        if ident not in before:
            lines.append(f"Ny milepæl: {name}, frist {_lc_first(m.deadline.label())}.")
            continue
        o = before[ident]
        if o.deadline != m.deadline:
            lines.append(
                f"Milepælen {name} er flyttet fra {_lc_first(o.deadline.label())} "
                f"til {_lc_first(m.deadline.label())}."
            )
        if o.status != m.status:
            if m.status == "gennemført":
                when = f" ({m.completion.label()})" if getattr(m, "completion", None) else ""
                lines.append(f"Milepælen {name} er gennemført{when}.")
            else:
                lines.append(f"Milepælen {name} har nu status «{m.status}» (før «{o.status}»).")
    for ident, o in before.items():
        if ident not in after:
            lines.append(f"Milepælen {_q(_short(o.activity))} er fjernet.")
    return _section("Milepæle", lines)


def _years_text(years: list[int]) -> str:
    years = sorted(years)
    return ", ".join(map(str, years[:-1])) + f" og {years[-1]}" if len(years) > 1 else str(years[0])


def _published_value(row, prefix: str, data, unit) -> str:
    """A published cell: the value, or the disclosure mark (never a small count)."""
    import math

    hidden = row.get(f"undertrykt{prefix}") or ""
    if hidden == "primaer":
        return data.suppression.small_mark
    if hidden:
        return data.suppression.hidden_mark
    value = row.get(f"vaerdi{prefix}")
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = danish.number(value, unit.decimals if unit is not None else None)
    short = getattr(unit, "short", "") if unit is not None else ""
    return f"{text}\u00a0{short}" if short else text


def compare_beboerdata(old: Plan, new: Plan) -> Section | None:
    """beboerdata/*.csv: values changed (table, area, year, old → new) and years added or removed.

    Compares the *published* tables, so a small count that is suppressed on
    the site is never shown here either.
    """
    a, b = getattr(old, "beboerdata", None), getattr(new, "beboerdata", None)
    if a is None or b is None:
        return None
    key = ["omraade", "aar", "kategori"]
    lines: list[str] = []
    rows: list[tuple[str, ...]] = []
    changed_total = 0
    for table_id, spec in b.tables.items():
        if table_id not in a.tables:
            lines.append(f"{spec.label}: ny tabel ({spec.title}).")
            continue
        before, after = a.published(table_id), b.published(table_id)
        old_years, new_years = set(before["aar"].astype(int)), set(after["aar"].astype(int))
        if added := sorted(new_years - old_years):
            lines.append(f"{spec.label} ({_short(spec.title, 60)}): nye tal for {_years_text(added)}.")
        if removed := sorted(old_years - new_years):
            lines.append(f"{spec.label} ({_short(spec.title, 60)}): tallene for {_years_text(removed)} er fjernet.")
        common = sorted(old_years & new_years)
        before = before[before["aar"].isin(common)]
        after = after[after["aar"].isin(common)]
        merged = before.merge(after, on=key, how="outer", suffixes=("_foer", "_nu"))
        for record in merged.to_dict("records"):
            old_cell = (record.get("vaerdi_foer"), record.get("undertrykt_foer") or "")
            new_cell = (record.get("vaerdi_nu"), record.get("undertrykt_nu") or "")
            if _same_cell(old_cell, new_cell):
                continue
            changed_total += 1
            if len(rows) >= MAX_TABLE_ROWS:
                continue
            try:
                category = spec.category(record["kategori"])
                unit, category_name = category.unit, category.name
            except Exception:  # a category only in the old table
                unit, category_name = None, str(record["kategori"])
            rows.append((
                spec.label,
                b.name_of(record["omraade"], new.areas),
                str(int(record["aar"])),
                category_name,
                _published_value(record, "_foer", a, unit),
                _published_value(record, "_nu", b, unit),
            ))
    if changed_total > len(rows):
        lines.append(f"{changed_total} tal er ændret; de første {len(rows)} står i tabellen.")
    elif rows:
        lines.append(f"{changed_total} tal er ændret:" if changed_total > 1 else "Ét tal er ændret:")
    table = [("Tabel", "Område", "År", "Kategori", "Før", "Nu"), *rows] if rows else None
    return _section("Beboerdata", lines, table)


def _same_cell(old: tuple, new: tuple) -> bool:
    import math

    (old_value, old_hidden), (new_value, new_hidden) = old, new
    if old_hidden or new_hidden:
        return old_hidden == new_hidden and (bool(old_hidden) or old_value == new_value)
    old_missing = old_value is None or (isinstance(old_value, float) and math.isnan(old_value))
    new_missing = new_value is None or (isinstance(new_value, float) and math.isnan(new_value))
    if old_missing or new_missing:
        return old_missing and new_missing
    return round(float(old_value), 9) == round(float(new_value), 9)


def _criteria_outcomes(plan: Plan) -> dict | None:
    """``(area, year, category id) -> (status, category name)`` for the plan's areas."""
    rules = getattr(plan, "criteria_rules", None)
    if rules is None or getattr(plan, "beboerdata", None) is None:
        return None

    inputs = inputs_from_plan(plan)
    if inputs.missing_reason:
        return {}
    engine = CriteriaEngine(rules, inputs)
    outcomes = {}
    for area in plan.plan_areas:
        for year in sorted(inputs.values.get(area.id, {})):
            for result in engine.evaluate(area.id, year).categories:
                outcomes[(area.id, year, result.category.id)] = (result.status, result.category.name)
    return outcomes


def compare_criteria(old: Plan, new: Plan) -> Section | None:
    """The statutory criteria: areas that now meet, or no longer meet, a list's conditions."""
    before, after = _criteria_outcomes(old), _criteria_outcomes(new)
    if before is None or after is None:
        return None

    lines = []
    for (area_id, year, category_id), (status, name) in sorted(after.items(), key=lambda item: (item[0][1], item[0][0])):
        area = new.areas[area_id].name
        what = f"betingelserne for {_q(_lc_first(name))}"
        previous = before.get((area_id, year, category_id))
        if previous is None:
            if status == Status.MET:
                lines.append(f"{area} opfylder {what} i {year} (nyt år i beboerdata).")
            continue
        if previous[0] == status:
            continue
        if status == Status.MET:
            lines.append(f"{area} opfylder nu {what} i {year} (før: {previous[0].value}).")
        elif previous[0] == Status.MET and status == Status.NOT_MET:
            lines.append(f"{area} opfylder ikke længere {what} i {year}.")
        else:
            lines.append(f"{area}: {what} i {year} er nu «{status.value}» (før «{previous[0].value}»).")
    return _section("Kriterier for de lovbestemte lister", lines)


def _amount_rows(a, b, years, parties) -> list[tuple[str, ...]]:
    """(year, party, before, after) for every year and party whose amount differs between two budgets."""
    rows = []
    for year in sorted(years):
        for party_id in sorted(set(a.party_ids) | set(b.party_ids)):
            before, after = a.amount(year=year, party=party_id), b.amount(year=year, party=party_id)
            if before != after:
                party = parties[party_id].name if party_id in parties else party_id
                rows.append((str(year), party, danish.kroner(before), danish.kroner(after)))
    return rows


def compare_budget(old: Plan, new: Plan) -> Section | None:
    """The budget: amounts changed per year and source, the total, and the co-financing share."""
    a, b = getattr(old, "budget", None), getattr(new, "budget", None)
    if b is None:
        return None
    if a is None:
        return _section("Budget", ["Budgettet er tilføjet planen."])
    rows = _amount_rows(a, b, set(a.years) | set(b.years), new.parties)
    lines = []
    if a.amount() != b.amount():
        lines.append(f"Det samlede budget er ændret fra {danish.kroner(a.amount())} til {danish.kroner(b.amount())}.")
    old_rule = getattr(getattr(old, "lbf_requirements", None), "cofinancing", None)
    new_rule = getattr(getattr(new, "lbf_requirements", None), "cofinancing", None)
    if rows and new_rule is not None:

        now = cofinancing(b, new_rule)
        was = cofinancing(a, old_rule) if old_rule is not None else None
        if now.share is not None:
            share = danish.percent(now.share, 1)
            before = f" (før {danish.percent(was.share, 1)})" if was is not None and was.share is not None else ""
            verdict = "opfyldt" if now.status.value == "opfyldt" else "ikke opfyldt"
            words = {">=": "mindst", ">": "over", "<=": "højst", "<": "under"}.get(new_rule.operator, new_rule.operator)
            lines.append(
                f"Den lokale medfinansiering er nu {share} af budgettet{before}. "
                f"Kravet om {words} {danish.percent(new_rule.threshold)} er {verdict}."
            )
    table = [("År", "Finansiering", "Før", "Nu"), *rows] if rows else None
    return _section("Budget", lines, table)


def _indicator_value(series, unit: str, year: int) -> str:
    """A computed value as the site shows it (hidden values stay hidden); «–» when there is none."""
    value = series.get(unit, year)
    return "–" if value.state == MISSING else value_text(series, value)


def compare_indicators(old: Plan, new: Plan) -> Section | None:
    """The follow-up: indicators added or removed, new years, changed values and status flips.

    Compares the *computed* values (after disclosure control), so a hidden value is
    «kan ikke vises (diskretion)» here too, and a small count is never shown.
    """
    a, b = getattr(old, "followup", None), getattr(new, "followup", None)
    if a is None or b is None:
        return None
    lines: list[str] = []
    flips: list[str] = []
    rows: list[tuple[str, ...]] = []
    changed_total = 0
    for ind_id, series in b.series.items():
        name = _q(series.indicator.name)
        before = a.series.get(ind_id)
        if before is None:
            lines.append(f"Ny indikator: {name}.")
            continue
        if added := sorted(set(series.years) - set(before.years)):
            lines.append(f"{name}: nye tal for {_years_text(added)}.")
        common = sorted(set(series.years) & set(before.years))
        for unit in series.units:
            for year in common:
                was, now = _indicator_value(before, unit, year), _indicator_value(series, unit, year)
                if was == now:
                    continue
                changed_total += 1
                if len(rows) < MAX_TABLE_ROWS:
                    rows.append((series.indicator.name, series.names[unit], str(year), was, now))
        for unit in series.target_units:
            old_status, new_status = before.statuses.get(unit), series.statuses.get(unit)
            if old_status is None or new_status is None or old_status.kind == new_status.kind:
                continue
            flips.append(f"{name}, {series.names[unit]}: status er skiftet fra «{old_status.word.lower()}» "
                         f"til «{new_status.word.lower()}». {new_status.reason}")
    for ind_id, series in a.series.items():
        if ind_id not in b.series:
            lines.append(f"Indikatoren {_q(series.indicator.name)} er fjernet.")
    lines += flips
    if changed_total > len(rows):
        lines.append(f"{changed_total} beregnede tal er ændret; de første {len(rows)} står i tabellen.")
    elif rows:
        lines.append(f"{changed_total} beregnede tal er ændret:" if changed_total > 1 else "Ét beregnet tal er ændret:")
    table = [("Indikator", "Område", "År", "Før", "Nu"), *rows] if rows else None
    return _section("Indikatorer og status", lines, table)


def compare_spending(old: Plan, new: Plan) -> Section | None:
    """Actual spending: amounts changed per year and party, years added or made final, the actual co-financing."""
    a, b = getattr(old, "spending", None), getattr(new, "spending", None)
    if b is None:
        return None
    if a is None:
        return _section("Forbrug", ["Forbruget er tilføjet planen."])
    lines = []
    old_years = {y.year: y for y in a.years}
    for item in b.years:
        was = old_years.get(item.year)
        state = "foreløbigt" if item.preliminary else "endeligt"
        if was is None:
            lines.append(f"Nyt år med forbrug: {item.year} ({state}).")
        elif was.preliminary != item.preliminary:
            lines.append(f"Forbruget for {item.year} er nu {state} (før {'foreløbigt' if was.preliminary else 'endeligt'}).")
        elif item.preliminary and was.until != item.until and item.until:
            lines.append(f"Forbruget for {item.year} er nu opgjort til {_date(item.until)}.")
    for year in sorted(set(old_years) - {y.year for y in b.years}):
        lines.append(f"Forbruget for {year} er fjernet.")
    rows = _amount_rows(a.actual, b.actual, set(old_years) | {y.year for y in b.years}, new.parties)
    if a.actual.amount() != b.actual.amount():
        lines.append(f"Det samlede forbrug er ændret fra {danish.kroner(a.actual.amount())} til "
                     f"{danish.kroner(b.actual.amount())}.")
    old_rule = getattr(getattr(old, "lbf_requirements", None), "cofinancing", None)
    new_rule = getattr(getattr(new, "lbf_requirements", None), "cofinancing", None)
    if rows and new_rule is not None:
        now = cofinancing(b.actual, new_rule)
        was = cofinancing(a.actual, old_rule) if old_rule is not None else None
        if now.share is not None:
            before = f" (før {danish.percent(was.share, 1)})" if was is not None and was.share is not None else ""
            lines.append(f"Den faktiske lokale medfinansiering er nu {danish.percent(now.share, 1)} af forbruget{before}.")
    if a.example_data != b.example_data:
        lines.append("Forbruget er nu rigtige tal fra regnskabet." if not b.example_data
                     else "Forbruget er nu markeret som eksempeldata.")
    elif b.example_data and (lines or rows):
        lines.append("Forbruget er stadig eksempeldata.")
    table = [("År", "Finansiering", "Før", "Nu"), *rows] if rows else None
    return _section("Forbrug", lines, table)


def _placement_text(plan: Plan, official, placement) -> str:
    rules = getattr(plan, "criteria_rules", None)
    rule_set = rules.by_id(official.rule_set_id) if rules is not None else None
    names = {c.id: c.name for c in rule_set.categories} if rule_set is not None else {}
    area = plan.areas[placement.area_id].name if placement.area_id in plan.areas else placement.area_id
    parts = []
    if placement.on:
        parts.append("på " + danish.join([_q(_lc_first(names.get(c, c))) for c in placement.on]))
    if placement.off:
        parts.append("ikke på " + danish.join([_q(_lc_first(names.get(c, c))) for c in placement.off]))
    return f"{area} " + " og ".join(parts) + (" (usikkert)" if placement.uncertain else "")


def compare_lists(old: Plan, new: Plan) -> Section | None:
    """The official lists register: new lists and changed placements."""
    a, b = getattr(old, "official_lists", None), getattr(new, "official_lists", None)
    if b is None:
        return None
    before = {o.year: o for o in (a.lists if a is not None else ())}
    lines = []
    for official in sorted(b.lists, key=lambda o: o.year):
        known = before.get(official.year)
        if known is None:
            placed = "; ".join(_placement_text(new, official, p) for p in official.placements)
            lines.append(f"Ny liste 1. december {official.year}: " + (placed or "ingen boligområder nævnt") + ".")
            continue
        for placement in official.placements:
            was = known.placement(placement.area_id)
            if was is None:
                lines.append(f"Listen 1. december {official.year}: ny placering, "
                             f"{_placement_text(new, official, placement)}.")
            elif (was.on, was.off, was.caveat) != (placement.on, placement.off, placement.caveat):
                lines.append(f"Listen 1. december {official.year}: {_placement_text(new, official, placement)} "
                             f"(før: {_placement_text(old, known, was)}).")
        for placement in known.placements:
            if official.placement(placement.area_id) is None:
                area = new.areas[placement.area_id].name if placement.area_id in new.areas else placement.area_id
                lines.append(f"Listen 1. december {official.year}: placeringen for {area} er fjernet.")
    for year in sorted(set(before) - {o.year for o in b.lists}):
        lines.append(f"Listen 1. december {year} er fjernet fra registret.")
    return _section("Ministeriets lister", lines)


#: One comparer per dataset, in the order the summary shows them.
COMPARERS: list[Comparer] = [
    compare_facts,
    compare_milestones,
    compare_criteria,
    compare_beboerdata,
    compare_indicators,
    compare_budget,
    compare_spending,
    compare_lists,
    compare_approvals,
    compare_areas_and_parties,
    compare_sources,
]


def compare(old: Plan, new: Plan, comparers: list[Comparer] | None = None) -> list[Section]:
    sections = []
    for comparer in comparers or COMPARERS:
        section = comparer(old, new)
        if section is not None:
            sections.append(section)
    return sections


# --- chapters ---------------------------------------------------------------------------------

_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def chapter_title(markdown: str, fallback: str) -> str:
    match = _HEADING.search(markdown)
    return match.group(1).strip() if match else fallback


def nav_titles(repo: Path, names: dict[str, str] | None = None) -> dict[str, str]:
    """``docs/…md`` -> its title in mkdocs.yml's navigation (``Beboerdata › Motalavej``)."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    try:
        config = yaml.load((Path(repo) / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (OSError, yaml.YAMLError):
        return {}
    titles: dict[str, str] = {}

    def walk(entries, section: str) -> None:
        for entry in entries or []:
            if isinstance(entry, str):
                stem = Path(entry).stem
                label = section if stem == "index" else f"{section} › {(names or {}).get(stem, stem)}"
                titles.setdefault(f"docs/{entry}", label)
            elif isinstance(entry, dict):
                for label, value in entry.items():
                    if isinstance(value, str):
                        titles[f"docs/{value}"] = f"{section} › {label}" if section else label
                    else:
                        walk(value, f"{section} › {label}" if section else label)

    walk(config.get("nav"), "")
    return titles


def _file_at(repo: Path, revision: str | None, path: str) -> str:
    if revision is None:
        file = repo / path
        return file.read_text(encoding="utf-8") if file.exists() else ""
    return gitrepo.run(repo, "show", f"{revision}:{path}") or ""


def compare_chapters(repo: Path, base: str, head: str | None, names: dict[str, str] | None = None) -> Section | None:
    """Chapters (docs/**/*.md) added, removed or changed between two versions.

    A changed chapter also gets its text changes (:mod:`macros.review.textdiff`).
    """
    changes = gitrepo.changed_files(repo, base, head, ("docs",))
    lines, details = [], []
    words = {"A": "er nyt", "D": "er fjernet", "M": "er ændret"}
    titles = nav_titles(repo, names)
    for status, path in changes or []:
        if not path.endswith(".md") or status not in words:
            continue
        text = _file_at(repo, base if status == "D" else head, path)
        title = chapter_title(text, titles.get(path) or Path(path).stem)
        lines.append(f"Kapitlet **{title}** (`{path}`) {words[status]}.")
        details.append(tuple(diff_text(_file_at(repo, base, path), text)) if status == "M" else ())
    if not lines:
        return None
    return Section("Kapitler", tuple(lines), (), tuple(details))


# --- loading a version ----------------------------------------------------------------------


def load_plan_at(repo: Path, revision: str, workdir: Path) -> Plan:
    """The plan's data as it was at *revision* (exported from git into *workdir*)."""
    target = workdir / "data"
    # docs/ too: some data files refer to pages, and their loaders check them.
    if not gitrepo.export_tree(repo, revision, ["data", "docs"], workdir):
        raise PlanError("sammenligningen af versioner", f"Versionen «{revision}» findes ikke i git.",
                        "Skriv et tag, en gren eller et commit-id, fx BASE=main.")

    return load_plan(target, cache=False)  # the folder is temporary


@dataclass(frozen=True)
class PlanDiff:
    base_label: str
    head_label: str
    sections: tuple[Section, ...]
    note: str = ""


def diff_versions(repo: Path, base: str, head: str | None = None, head_plan: Plan | None = None) -> PlanDiff:
    """Compare the plan at *base* with *head* (a revision, or the working tree if None)."""
    repo = Path(repo)
    base_commit = gitrepo.resolve_commit(repo, base)
    if base_commit is None:
        raise PlanError("sammenligningen af versioner", f"Versionen «{base}» findes ikke i git.",
                        "Skriv et tag, en gren eller et commit-id, fx make diff BASE=main.")
    if head is not None and gitrepo.resolve_commit(repo, head) is None:
        raise PlanError("sammenligningen af versioner", f"Versionen «{head}» findes ikke i git.",
                        "Skriv et tag, en gren eller et commit-id.")
    head_label = head or "arbejdskopien"
    note = ""
    sections: list[Section] = []
    new: Plan | None = None
    with tempfile.TemporaryDirectory(prefix="plan-diff-") as tmp:
        try:
            if head is None:
                new = head_plan or load_plan(repo / "data")
            else:
                new = load_plan_at(repo, head, Path(tmp) / "head")
            old = load_plan_at(repo, base_commit, Path(tmp) / "base")
            sections = compare(old, new)
        except PlanError as error:
            where = getattr(getattr(error, "location", None), "file", None)
            what = f" ({Path(where).name})" if where else ""
            note = (
                "Planens data kunne ikke sammenlignes, fordi den ene version ikke kan indlæses med den "
                f"nuværende kode, fx fordi en datafil, der kræves nu, ikke fandtes dengang{what}: "
                f"{error.problem} Ændrede datafiler vises i stedet."
            )
            files = gitrepo.changed_files(repo, base_commit, head, ("data",)) or []
            sections = [Section("Ændrede datafiler", tuple(f"`{p}`" for _, p in files))] if files else []
    names = {area.id: area.name for area in new.areas.values()} if new is not None else None
    chapters = compare_chapters(repo, base_commit, head, names)
    if chapters is not None:
        sections.insert(0, chapters)
    short = base_commit[:7]
    base_label = base if base == short or base.startswith(short) else f"{base} ({short})"
    return PlanDiff(base_label, head_label, tuple(sections), note)


# --- output ---------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(diff: PlanDiff, heading_level: int = 2, title: str = "Ændringer i planen",
                    screen_reader: bool = False) -> str:
    """The diff as Markdown (GitHub job summary, change log page, terminal).

    *screen_reader* adds hidden text markers to deletions and insertions (for the site).
    """
    h = "#" * heading_level
    out = [f"{h} {title}", "", f"Sammenligner {_cell(diff.base_label)} med {_cell(diff.head_label)}.", ""]
    if diff.note:
        out += [f"> {diff.note}", ""]
    if not diff.sections:
        out += ["Ingen ændringer i planens kapitler eller data.", ""]
    for section in diff.sections:
        out += [f"{h}# {section.title}", ""]
        for index, line in enumerate(section.lines):
            out.append(f"- {line}")
            if index < len(section.details) and section.details[index]:
                out.append(render_changes(section.details[index], screen_reader))
        if section.lines:
            out.append("")
        if section.table:
            header, *rows = section.table
            out.append("| " + " | ".join(map(_cell, header)) + " |")
            out.append("|" + "---|" * len(header))
            out += ["| " + " | ".join(map(_cell, row)) + " |" for row in rows]
            out.append("")
    return "\n".join(out).rstrip() + "\n"
