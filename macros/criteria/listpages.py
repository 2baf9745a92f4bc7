"""The official lists register on the criteria pages: the ministry's placement beside the computed verdict.

Pure render functions on the comparisons (:mod:`macros.criteria.official`).
Static HTML only (icon + word for every status, tables in the scroll
containers), so the pages read the same on a phone and in the PDF.
"""

from __future__ import annotations

from macros.core import danish
from macros.core.errors import PlanError, suggest
from macros.core.html import block, esc, example_data_badge
from macros.core.thresholds import OPERATOR_WORDS, Status, status_badge
from macros.criteria.engine import CriteriaEngine, lc
from macros.criteria.inputs import inputs_from_plan
from macros.criteria.lists import RESIDENTS, OfficialLists, Placement
from macros.criteria.official import (
    Agreement,
    Basis,
    CategoryComparison,
    PublishedResult,
    YearComparison,
    area_comparisons,
    compare_year,
    disagreement_text,
    evaluate_published,
)
from macros.criteria.pages import category_badge
from macros.model.html import source_label, sources_line

#: What this module's building blocks read (for the block index in README.md).
READS = ("data/kriterier/", "data/beboerdata/", "data/boligomraader.yaml", "data/kilder.yaml")

#: Shown beside every comparison: which of the two counts.
OFFICIAL_COUNTS = "Det er ministeriets liste, der gælder."


# --- small pieces ------------------------------------------------------------------------------


def agreement_badge(agreement: Agreement, text: str | None = None) -> str:
    """Agreement as icon + word (colour only as an extra)."""
    return (
        f'<span class="plan-status plan-status--{agreement.css}">'
        f'<span aria-hidden="true">{agreement.icon}</span>\u00a0{esc(text or agreement.value.capitalize())}</span>'
    )


def caveat_html(caveat: str) -> str:
    return (
        '<span class="plan-usikker"><strong><span aria-hidden="true">⚠</span>\u00a0Usikkert:</strong> '
        f"{esc(caveat)}</span>"
    )


def _official_cell(comparison: YearComparison, sources, with_source: bool = True) -> str:
    placement = comparison.placement
    if placement is None:
        note = comparison.official_list.note
        return (
            '<span class="plan-kat plan-kat--ingen"><span aria-hidden="true">–</span> Ikke nævnt i kilden</span>'
            + (f'<br><span class="plan-small">{esc(note)}</span>' if note and with_source else "")
        )
    badges = []
    for item in comparison.categories:
        if item.official is True:
            badges.append(category_badge(item.category))
        elif item.official is False:
            badges.append(category_badge(item.category, Status.NOT_MET))
    unstated = [lc(c.category.name) for c in comparison.categories if c.official is None]
    parts = [" ".join(badges)]
    if placement.uncertain:
        parts.append(f'<br><span class="plan-small">{caveat_html(placement.caveat)}</span>')
    if placement.note:
        parts.append(f'<br><span class="plan-small">{esc(placement.note)}</span>')
    if unstated:
        parts.append(f'<br><span class="plan-small">Ikke oplyst: {esc(", ".join(unstated))}.</span>')
    if with_source:
        parts.append(f'<br><span class="plan-small">Kilde: {source_label(sources[placement.source_id])}</span>')
    return "".join(parts)


def _computed_cell(comparison: YearComparison) -> str:
    verdict = comparison.verdict
    if verdict.rule_set is None:
        return '<span class="plan-kat plan-kat--ukendt">Ingen regler</span>'
    met = [c for c in verdict.categories if c.status is Status.MET]
    badges = [category_badge(c.category) for c in met]
    unknown = [c for c in verdict.categories if c.status is Status.UNKNOWN]
    if unknown:
        names = ", ".join(lc(c.category.name) for c in unknown)
        badges.append(
            f'<span class="plan-kat plan-kat--ukendt"><span aria-hidden="true">?</span> '
            f"Kan ikke vurderes: {esc(names)}</span>"
        )
    if not badges:
        badges.append('<span class="plan-kat plan-kat--ingen"><span aria-hidden="true">–</span> Ingen liste</span>')
    basis = {
        Basis.PUBLISHED: "Beregnet af de offentlige kriterieværdier (rigtige tal).",
        Basis.EXAMPLE: "Beregnet af eksempeldata.",
        Basis.TABLE: "Beregnet af planens kriterieværdier.",
    }[comparison.basis]
    return " ".join(badges) + f'<br><span class="plan-small">{basis}</span>'


def _comparison_line(item: CategoryComparison) -> str:
    return agreement_badge(item.agreement, f"{item.category.name}: {item.agreement.value}")


def _comparison_cell(comparison: YearComparison) -> str:
    stated = [c for c in comparison.categories if c.official is not None]
    if comparison.placement is None or not stated:
        return agreement_badge(Agreement.NO_OFFICIAL)
    lines = " ".join(_comparison_line(c) for c in stated)
    text = disagreement_text(comparison)
    if text:
        lines += f'<br><span class="plan-small">{esc(text)}</span>'
    return lines


def _year_heading(comparison: YearComparison, rules) -> str:
    rule_set = rules.by_id(comparison.official_list.rule_set_id)
    return f'1. dec. {comparison.year}<br><span class="plan-small">{esc(rule_set.name)}</span>'


def _summary(comparisons: list[YearComparison], example_data: bool) -> str:
    known = [c for c in comparisons if c.agreement is not Agreement.NO_OFFICIAL]
    if not known:
        return (
            '<p class="plan-check plan-check--ukendt">'
            f"{agreement_badge(Agreement.NO_OFFICIAL, 'Ingen kendt placering')} Ingen af kilderne i registret nævner "
            "området på ministeriets lister. Det betyder ikke nødvendigvis, at området aldrig har stået på en liste.</p>"
        )
    disagree = [c for c in known if c.agreement is Agreement.DISAGREE]
    years = ", ".join(str(c.year) for c in sorted(disagree, key=lambda c: c.year))
    if disagree:
        text = (
            f"Planens beregning afviger fra ministeriets liste i {len(disagree)} af de {len(known)} år, hvor "
            f"områdets placering er kendt ({years}). {OFFICIAL_COUNTS}"
        )
        if example_data:
            text += " Beregningen bygger på eksempeldata, så afvigelserne siger intet om de rigtige tal."
        badge = agreement_badge(Agreement.DISAGREE, "Afviger")
        css = "ukendt"
    else:
        text = f"Hvor det kan sammenlignes, stemmer planens beregning med ministeriets lister. {OFFICIAL_COUNTS}"
        badge = agreement_badge(Agreement.AGREE)
        css = "opfyldt"
    return f'<p class="plan-check plan-check--{css}">{badge} {esc(text)}</p>'


# --- published values --------------------------------------------------------------------------


def _value_text(item: PublishedResult) -> str:
    value = item.published.value
    if item.criterion.measure == RESIDENTS:
        return danish.number(value, 0)
    decimals = 0 if value == int(value) else 1 if round(value, 1) == value else 2
    return danish.percent(value, decimals)


def _threshold_text(item: PublishedResult, sources) -> str:
    criterion = item.criterion
    rule = f"{OPERATOR_WORDS[criterion.operator]} {danish.number(criterion.threshold)}{danish.NBSP}{criterion.unit.sign}"
    if not item.by_threshold:
        return esc(rule)
    published = " eller ".join(
        f"{danish.percent(t, 2)} ({esc(sources[s].publisher)})" for t, s, _ in item.by_threshold
    )
    return f"{esc(rule)} {esc(criterion.basis)}: {published}"


def _result_text(item: PublishedResult) -> str:
    if item.published is None:
        return status_badge(Status.UNKNOWN, "Ikke offentliggjort")
    if item.threshold_disputed and item.status is not Status.UNKNOWN:
        return status_badge(item.status, f"{item.status.label} med begge grænser")
    return status_badge(item.status)


def render_published(placement: Placement, rule_set, year: int, area, sources) -> str:
    """The criterion values behind one list, as published, evaluated with the rules of that year."""
    verdict, items = evaluate_published(placement.published, rule_set, area.id, year)
    rows = []
    for item in items:
        if item.published is None and item.criterion.measure == RESIDENTS:
            continue
        value = _value_text(item) if item.published is not None else "–"
        caveat = (
            f'<br><span class="plan-small">{caveat_html(item.published.caveat)}</span>'
            if item.published is not None and item.published.caveat
            else ""
        )
        number = esc(item.criterion.number) if item.criterion.measure != RESIDENTS else ""
        rows.append(
            f'<tr><th scope="row" class="plan-nummer">{number}</th><td>{esc(item.criterion.name)}</td>'
            f'<td class="plan-num">{value}</td><td>{_threshold_text(item, sources)}</td>'
            f"<td>{_result_text(item)}{caveat}</td></tr>"
        )
    categories = "".join(
        f'<li class="plan-kat-result">{status_badge(c.status, c.category.name + ": " + c.status.value)}'
        f"<p>{esc(c.explanation or c.reason)}</p></li>"
        for c in verdict.categories
    )
    return block(
        f'<h3 id="offentlige-vaerdier-{year}">Kriterieværdierne på listen 1. december {year} (offentlige tal)</h3>'
        f"<p>Værdierne er dem, ministeriet brugte til listen {year}, som kilderne gengiver dem. De er rigtige tal "
        f"og bruges her i stedet for eksempeldata for {year}, vurderet efter <strong>{esc(rule_set.name)}</strong>.</p>"
        '<div class="plan-table-wrap" role="region" tabindex="0" aria-label="Offentlige kriterieværdier">'
        f'<table class="plan-table plan-criteria"><caption>{esc(area.name)}: kriterieværdierne på listen '
        f"1. december {year}</caption>"
        '<thead><tr><th scope="col">Nr.</th><th scope="col">Kriterium</th><th scope="col" class="plan-num">Værdi</th>'
        '<th scope="col">Grænse</th><th scope="col">Resultat</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
        f'<ul class="plan-kat-results">{categories}</ul>'
        f"{sources_line(sources, placement.published.source_ids)}"
    )


# --- the area page -----------------------------------------------------------------------------


def render_area_lists(engine: CriteriaEngine, lists: OfficialLists, area, example_data: bool, sources) -> str:
    """Year by year: the ministry's list (official) beside the plan's computation, and whether they agree."""
    comparisons = area_comparisons(engine, lists, area.id, example_data)
    rows = "".join(
        f'<tr><th scope="row">{_year_heading(c, engine.rules)}</th><td>{_official_cell(c, sources)}</td>'
        f"<td>{_computed_cell(c)}</td><td>{_comparison_cell(c)}</td></tr>"
        for c in comparisons
    )
    badge = (
        example_data_badge("Planens beregning bygger på eksempeldata, undtagen hvor der står «offentlige tal».")
        if example_data
        else ""
    )
    published = "".join(
        render_published(c.placement, engine.rules.by_id(c.official_list.rule_set_id), c.year, area, sources)
        for c in comparisons
        if c.placement is not None and c.placement.published is not None
    )
    return block(
        f"{badge}{_summary(comparisons, example_data)}"
        '<div class="plan-table-wrap" role="region" tabindex="0" aria-label="Ministeriets lister og beregningen">'
        f'<table class="plan-table plan-official"><caption>{esc(area.name)}: ministeriets lister (officielle) og '
        "planens beregning år for år</caption>"
        '<thead><tr><th scope="col">Liste</th><th scope="col">Ministeriets liste (officiel)</th>'
        '<th scope="col">Planens beregning</th><th scope="col">Sammenligning</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    ) + published


# --- the overview ------------------------------------------------------------------------------


def render_overview(engine: CriteriaEngine, lists: OfficialLists, areas, example_data: bool, sources) -> str:
    """Lists (rows, newest first) × areas: the official placement, the computation and the agreement."""
    head = "".join(f'<th scope="col">{esc(a.name).replace("/", "/<wbr>")}</th>' for a in areas)
    rows = []
    for official in lists.lists:
        cells = []
        for area in areas:
            comparison = compare_year(engine, official, area.id, example_data)
            cells.append(
                f"<td>{_official_cell(comparison, sources, with_source=False)}"
                f'<br><span class="plan-small">Beregning:</span> {_computed_cell(comparison)}'
                f"<br>{_comparison_cell(comparison)}</td>"
            )
        rule_set = engine.rules.by_id(official.rule_set_id)
        rows.append(
            f'<tr><th scope="row">1. dec. {official.year}<br><span class="plan-small">{esc(rule_set.name)}</span>'
            f"</th>{''.join(cells)}</tr>"
        )
    notes = "".join(
        f"<li><strong>1. december {o.year}:</strong> {esc(o.note)}</li>" for o in lists.lists if o.note
    )
    unnamed = [
        a.name for a in areas if not any(o.placement(a.id) for o in lists.lists)
    ]
    if unnamed:
        notes += (
            f"<li>{esc(' og '.join(unnamed))} er ikke nævnt i nogen af kilderne. Det betyder ikke nødvendigvis, "
            "at området aldrig har stået på en liste.</li>"
        )
    badge = (
        example_data_badge("Planens beregning bygger på eksempeldata, undtagen hvor der står «offentlige tal».")
        if example_data
        else ""
    )
    return block(
        f"{badge}"
        f'<p class="plan-check">{agreement_badge(Agreement.DISAGREE, "Afviger")} betyder, at planens beregning og '
        f"ministeriets liste er uenige. {OFFICIAL_COUNTS}</p>"
        '<div class="plan-table-wrap" role="region" tabindex="0" aria-label="Ministeriets lister">'
        '<table class="plan-table plan-matrix plan-official"><caption>Ministeriets lister 1. december '
        "(officielle) og planens beregning</caption>"
        f'<thead><tr><th scope="col">Liste</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        + (f"<ul>{notes}</ul>" if notes else "")
        + sources_line(sources, [o.source_id for o in lists.lists]
                       + [p.source_id for o in lists.lists for p in o.placements])
    )


# --- building blocks ---------------------------------------------------------------------------


def blocks(plan, context) -> dict:
    rules = plan.criteria_rules
    lists = plan.official_lists
    if rules is None or lists is None:
        return {}
    inputs = inputs_from_plan(plan)
    engine = CriteriaEngine(rules, inputs)

    def area_block(omraade: str) -> str:
        if omraade not in plan.areas:
            raise PlanError(
                None, f"Ukendt boligområde «{omraade}» i listeplaceringer_omraade.", suggest(omraade, plan.areas)
            )
        return render_area_lists(engine, lists, plan.areas[omraade], inputs.example_data, plan.sources)

    return {
        "listeplaceringer": lambda: render_overview(engine, lists, plan.plan_areas, inputs.example_data,
                                                    plan.sources),
        "listeplaceringer_omraade": area_block,
    }
