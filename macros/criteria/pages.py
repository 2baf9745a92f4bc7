"""Criteria pages: the rules, the overview matrix, one page per area, and the 2017–2021 history.

Pure render functions on the engine's results (:mod:`macros.criteria`), plus
the thin adapter from the plan's Tabel 18 to the engine's input structure.
Everything is static HTML (text badges with icon and colour), so the pages
work the same in the PDF.
"""

from __future__ import annotations

from macros.core import danish
from macros.core.errors import (
    PlanError,
    suggest,
)
from macros.core.html import block, esc, example_data_badge
from macros.core.thresholds import status_badge
from macros.criteria.engine import (
    CriteriaEngine,
    CriterionResult,
    Status,
    category_change_text,
    change_text,
    explain_criterion,
    format_rule,
    format_threshold,
    format_value,
    lc,
    margin_text,
)
from macros.criteria.history import (
    CriteriaHistory,
    evaluate_history,
)
from macros.criteria.inputs import (
    MISSING_TABLE,
    inputs_from_plan,
)
from macros.criteria.official import published_year_results
from macros.criteria.rules import Category, CriteriaRules, RuleSet
from macros.model.html import sources_line

#: What this module's building blocks read (for the block index in README.md).
READS = ("data/kriterier/", "data/beboerdata/", "data/boligomraader.yaml", "data/kilder.yaml")


# --- Tabel 18 → engine input -------------------------------------------------------------


# --- the 2017–2021 history data ------------------------------------------------------------


# --- small pieces ------------------------------------------------------------------------------


def category_badge(category: Category, status: Status = Status.MET) -> str:
    """A list category as text badge: icon + name; colour only as a extra."""
    if status is Status.MET:
        return (
            f'<span class="plan-kat plan-kat--{esc(category.id)}">'
            f'<span aria-hidden="true">{esc(category.icon)}</span>\u00a0{esc(category.name)}</span>'
        )
    if status is Status.UNKNOWN:
        return (
            f'<span class="plan-kat plan-kat--ukendt"><span aria-hidden="true">?</span> '
            f"{esc(category.name)}: kan ikke vurderes</span>"
        )
    return f'<span class="plan-kat plan-kat--ikke">Ikke {lc(esc(category.name))}</span>'


def _category_names(rules: CriteriaRules) -> dict[str, str]:
    """Column headings: each category's name under the newest rule set that has it."""
    names = {}
    for rule_set in sorted(rules.rule_sets, key=lambda r: -r.first_year):
        for category in rule_set.categories:
            names.setdefault(category.id, category.name)
    return names


def _condition_text(category: Category, rule_set: RuleSet) -> str:
    parts = [f"mindst {danish.number(rule_set.residents.threshold)} beboere"]
    for criterion_id in category.required:
        criterion = rule_set.criterion(criterion_id)
        parts.append(f"{lc(criterion.name)} {format_threshold(criterion)}")
    if category.at_least is not None:
        numbers = [rule_set.criterion(c).number for c in category.of]
        parts.append(f"mindst {category.at_least} af kriterierne {', '.join(numbers)}")
    if category.is_consecutive:
        target = rule_set.category(category.consecutive_category)
        return (
            f"har opfyldt betingelserne for {lc(target.name) if target else category.consecutive_category} "
            f"i hvert af de seneste {category.consecutive_years} år"
        )
    return ", ".join(parts[:-1]) + " og " + parts[-1] if len(parts) > 1 else parts[0]


# --- rules overview ----------------------------------------------------------------------------


def _heading(rule_set: RuleSet) -> str:
    """``Ghettolisten 2013–2017`` — the years are added only when the name lacks them."""
    if str(rule_set.first_year) in rule_set.name:
        return rule_set.name
    return f"{rule_set.name} ({rule_set.years_label})"


def render_rules(rules: CriteriaRules, sources) -> str:
    """Every rule set (newest first): its years, categories with conditions, and criteria."""
    parts = []
    for rule_set in sorted(rules.rule_sets, key=lambda r: -r.first_year):
        categories = "".join(
            f"<li>{category_badge(c)}: {esc(_condition_text(c, rule_set))}"
            f"{' (' + esc(c.legal_ref) + ')' if c.legal_ref else ''}.</li>"
            for c in rule_set.categories
        )
        rows = "".join(
            f'<tr><th scope="row" class="plan-nummer">{esc(c.number)}</th><td>{esc(c.name)}</td>'
            f"<td>{esc(format_rule(c))}</td></tr>"
            for c in rule_set.criteria
        )
        note = f'<p class="plan-note">{esc(rule_set.note)}</p>' if rule_set.note else ""
        parts.append(
            f'<h3 id="{esc(rule_set.id)}">{esc(_heading(rule_set))}</h3>'
            f"<p>{esc(rule_set.legal_ref)}. Et område kommer på en liste, når det opfylder betingelserne:</p>"
            f'<ul class="plan-kat-list">{categories}</ul>'
            '<div class="plan-table-wrap" role="region" tabindex="0" '
            f'aria-label="Kriterier i {esc(rule_set.name)}">'
            f'<table class="plan-table plan-criteria"><caption>Kriterier, {esc(rule_set.name)}</caption>'
            '<thead><tr><th scope="col">Nr.</th><th scope="col">Kriterium</th><th scope="col">Grænse</th></tr>'
            f"</thead><tbody>{rows}</tbody></table></div>{note}"
            f"{sources_line(sources, [rule_set.source_id])}"
        )
    return block("\n".join(parts))


# --- overview matrix ---------------------------------------------------------------------------


def _cell(year_result) -> str:
    if year_result.rule_set is None:
        return '<span class="plan-kat plan-kat--ukendt">Ingen regler</span>'
    met = [c for c in year_result.categories if c.status is Status.MET]
    unknown = [c for c in year_result.categories if c.status is Status.UNKNOWN]
    badges = [category_badge(c.category) for c in met]
    if unknown:
        names = ", ".join(lc(c.category.name) for c in unknown)
        badges.append(
            f'<span class="plan-kat plan-kat--ukendt"><span aria-hidden="true">?</span> '
            f"Kan ikke vurderes: {esc(names)}</span>"
        )
    if not badges:
        badges.append('<span class="plan-kat plan-kat--ingen"><span aria-hidden="true">–</span> Ingen liste</span>')
    return " ".join(badges)


def render_matrix(engine: CriteriaEngine, areas, years, example_data: bool) -> str:
    """Years (rows, newest first) × areas (columns) → the lists each area meets."""
    if not years:
        return render_missing()
    head = "".join(f'<th scope="col">{esc(a.name).replace("/", "/<wbr>")}</th>' for a in areas)
    rows = []
    for year in sorted(years, reverse=True):
        rule_set = engine.rules.for_year(year)
        period = f'<br><span class="plan-small">{esc(rule_set.name)}</span>' if rule_set else ""
        cells = "".join(f"<td>{_cell(engine.evaluate(a.id, year))}</td>" for a in areas)
        rows.append(f'<tr><th scope="row">{year}{period}</th>{cells}</tr>')
    badge = example_data_badge("Kriterieværdierne er eksempeldata, så vurderingerne er det også.") if example_data else ""
    return block(
        f"{badge}"
        '<div class="plan-table-wrap" role="region" tabindex="0" aria-label="Oversigt over listerne">'
        '<table class="plan-table plan-matrix"><caption>Hvilke lister opfylder områderne hvert år?'
        f"{' (eksempeldata)' if example_data else ''}</caption>"
        f'<thead><tr><th scope="col">År</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def render_missing(reason: str = MISSING_TABLE) -> str:
    return block(
        f'<p class="plan-check plan-check--ukendt">{status_badge(Status.UNKNOWN)} {esc(reason)} '
        "Vurderingen vises her, så snart tallene er lagt ind i planens data.</p>"
    )


# --- one area ------------------------------------------------------------------------------------


def _criterion_card(result: CriterionResult) -> str:
    """One criterion as a card: the area's value, the threshold and the result, each on its own
    line, so a phone shows them all without sideways scrolling (and the PDF prints them)."""
    c = result.criterion
    value = format_value(result.value, c) if result.value is not None else "–"
    if result.value is not None and len(result.years_used) > 1:
        value += f' <span class="plan-small">(gennemsnit {result.years_used[0]}–{result.years_used[-1]})</span>'
    detail = esc(margin_text(result)) if result.value is not None else esc(result.reason)
    number = f"Kriterium {esc(c.number)}: " if c.number and c.number not in ("–", "-") else ""
    return (
        f'<li class="plan-kriteriekort"><p class="plan-kriteriekort__navn">{number}{esc(c.name)}</p>'
        '<dl class="plan-kriteriekort__tal">'
        f"<dt>Områdets værdi</dt><dd class=\"plan-num\">{value}</dd>"
        f"<dt>Grænse</dt><dd>{esc(format_rule(c))}</dd>"
        f"<dt>Resultat</dt><dd>{status_badge(result.status)}<br>"
        f'<span class="plan-small">{detail}</span></dd></dl></li>'
    )


def _terms(engine: CriteriaEngine, rule_set: RuleSet) -> str:
    """The words the page uses, explained in the text (tooltips do not work on a phone).
    Built from the rules, so the conditions and the old names follow the law in the data."""
    older = {}
    for other in sorted(engine.rules.rule_sets, key=lambda r: -r.first_year):
        for category in other.categories:
            current = rule_set.category(category.id)
            if current is not None and category.name != current.name:
                older.setdefault(category.id, []).append(category.name)
    items = []
    for category in rule_set.categories:
        text = f"Et område, der opfylder betingelserne: {_condition_text(category, rule_set)}."
        if category.id in older:
            names = " og ".join(f"«{n}»" for n in dict.fromkeys(older[category.id]))
            text += f" Hed tidligere {names}."
        items.append(f"<dt>{esc(category.name)}</dt><dd>{esc(text)}</dd>")
    numbers = [c.number for c in rule_set.criteria if c.number not in ("–", "-")]
    differences = sorted({c.unit.difference for c in rule_set.criteria})
    neutral = any(c.neutral for c in rule_set.criteria)
    items.append(
        "<dt>Kriterium og grænse</dt><dd>Loven måler områderne på nogle få tal, fx hvor mange der er uden "
        "arbejde eller uddannelse. Hvert tal har en grænse i loven. Et kriterium er «opfyldt», når områdets "
        f"tal er på den forkerte side af grænsen. Kriterierne har numrene {esc(', '.join(numbers))}; "
        "numre med F er de samme slags tal med de grænser, der gælder for forebyggelsesområder.</dd>"
        if any(n.startswith("F") for n in numbers)
        else f"<dt>Kriterium og grænse</dt><dd>Loven måler områderne på nogle få tal (kriterierne "
        f"{esc(', '.join(numbers))}). Hvert tal har en grænse i loven. Et kriterium er «opfyldt», når "
        "områdets tal er på den forkerte side af grænsen.</dd>"
    )
    items.append(
        "<dt>Bedre end / dårligere end grænsen</dt><dd>«Bedre end grænsen» betyder, at området ligger på den "
        "gode side af grænsen, så kriteriet ikke er opfyldt. «Dårligere end grænsen» betyder, at kriteriet er "
        "opfyldt. Tallet siger hvor meget.</dd>"
    )
    if neutral:
        items.append(
            "<dt>Over / under grænsen</dt><dd>Andelen af indvandrere og efterkommere siger intet om, hvordan "
            "beboerne har det. Derfor står der her kun, om tallet er over eller under lovens grænse.</dd>"
        )
    if "procentpoint" in differences:
        items.append(
            "<dt>Procentpoint</dt><dd>Forskellen mellem to procenttal. Fra 30 % til 32 % er 2 procentpoint "
            "(ikke 2 %).</dd>"
        )
    return (
        '<div class="plan-box plan-ordforklaring" role="note" aria-label="Ord på siden">'
        '<p class="plan-box__title">Ord på siden</p>'
        f'<dl class="plan-ordforklaring__liste">{"".join(items)}</dl></div>'
    )


def render_area_latest(engine: CriteriaEngine, area, year: int, example_data: bool, sources) -> str:
    result = engine.evaluate(area.id, year)
    if result.rule_set is None:
        return render_missing(result.reason)
    rule_set = result.rule_set
    items = []
    for category in result.categories:
        change = category_change_text(category)
        items.append(
            f'<li class="plan-kat-result">{status_badge(category.status, category.category.name + ": " + category.status.value)}'
            f"<p>{esc(category.explanation)}</p>"
            + (f'<p class="plan-small">{esc(category.reason)}</p>' if category.reason else "")
            + (f'<p class="plan-change"><strong>Hvad skal der til?</strong> {esc(change)}</p>' if change else "")
            + "</li>"
        )
    residents = [result.residents] if result.residents else []
    cards = "".join(_criterion_card(r) for r in residents + list(result.criteria))
    changes = "".join(
        f"<li><strong>{esc(r.criterion.name)}:</strong> {esc(change_text(r))}</li>"
        for r in result.criteria
        if r.value is not None
    )
    explanations = "".join(f"<li>{esc(explain_criterion(r))}</li>" for r in residents + list(result.criteria))
    badge = example_data_badge("Kriterieværdierne er eksempeldata, så vurderingen er det også.") if example_data else ""
    return block(
        f"{badge}"
        f"{_terms(engine, rule_set)}"
        f"<p>Vurderet efter <strong>{esc(rule_set.name)}</strong> ({esc(rule_set.legal_ref)}).</p>"
        f'<ul class="plan-kat-results">{"".join(items)}</ul>'
        f'<h3 id="kriterier-{year}">Kriterierne i {year}</h3>'
        f'<ul class="plan-kriteriekort-liste" aria-label="{esc(area.name)}: kriterierne i {year}'
        f"{' (eksempeldata)' if example_data else ''}\">{cards}</ul>"
        f'<h3 id="forklaring-{year}">Forklaring</h3><ul>{explanations}</ul>'
        + (f'<h3 id="hvad-skal-der-til-{year}">Hvad skal der til for at ændre resultatet?</h3><ul>{changes}</ul>'
           if changes else "")
        + sources_line(sources, [rule_set.source_id])
    )


def render_area_history(engine: CriteriaEngine, area, years, example_data: bool, published=None) -> str:
    """Year by year; a year in *published* (year → verdict from a list's public values) uses those real values."""
    published = published or {}
    names = _category_names(engine.rules)
    head = "".join(f'<th scope="col">{esc(n)}</th>' for n in names.values())
    rows = []
    for year in sorted(set(years) | set(published), reverse=True):
        result = published.get(year) or engine.evaluate(area.id, year)
        if result.rule_set is None:
            rows.append(f'<tr><th scope="row">{year}</th><td colspan="{len(names) + 1}">{esc(result.reason)}</td></tr>')
            continue
        cells = []
        for category_id in names:
            category = result.category(category_id)
            if category is None:
                cells.append('<td><span class="plan-small">(fandtes ikke)</span></td>')
            else:
                label = category.status.value if category.category.name == names[category_id] else (
                    f"{category.status.value} ({lc(category.category.name)})"
                )
                cells.append(f"<td>{status_badge(category.status, label)}</td>")
        met = [r.criterion.number for r in result.criteria if r.status is Status.MET]
        real = (
            '<br><span class="plan-small"><strong>Offentlige tal</strong> fra listen 1. december '
            f"{year} (se nedenfor)</span>"
            if year in published
            else ""
        )
        rows.append(
            f'<tr><th scope="row">{year}<br><span class="plan-small">{esc(result.rule_set.name)}</span>{real}</th>'
            f"{''.join(cells)}<td>{esc(', '.join(met)) or 'ingen'}</td></tr>"
        )
    return block(
        '<div class="plan-table-wrap" role="region" tabindex="0" aria-label="Historik">'
        f'<table class="plan-table plan-history"><caption>{esc(area.name)}: listerne år for år'
        f"{' (eksempeldata, undtagen år med offentlige tal)' if example_data and published else ''}"
        f"{' (eksempeldata)' if example_data and not published else ''}</caption>"
        f'<thead><tr><th scope="col">År</th>{head}<th scope="col">Opfyldte kriterier (nr.)</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def render_area(engine: CriteriaEngine, area, example_data: bool, sources, published=None) -> str:
    if engine.inputs.missing_reason:
        return render_missing(engine.inputs.missing_reason)
    years = sorted(engine.inputs.values.get(area.id, {}))
    if not years:
        return render_missing(f"Kan ikke vurderes – Tabel 18 har ingen tal for {area.name}.")
    latest = years[-1]
    return (
        block(f'<h2 id="seneste-aar">Seneste år: {latest}</h2>')
        + render_area_latest(engine, area, latest, example_data, sources)
        + block('<h2 id="historik">Historik</h2>')
        + render_area_history(engine, area, years, example_data, published)
    )


# --- the 2017–2021 history page ---------------------------------------------------------------


def render_history(history: CriteriaHistory, rules: CriteriaRules, sources) -> str:
    rule_set, results, category, status, met, unknown = evaluate_history(history, rules)
    rows = []
    for item in results:
        figure, result = item.figure, item.result
        value = f"{danish.number(figure.value)} {esc(figure.unit)}"
        municipality = f"{danish.number(figure.municipality)} {esc(figure.unit)}" if figure.municipality is not None else "–"
        if result.status is Status.UNKNOWN:
            verdict = status_badge(Status.UNKNOWN, "Kan ikke vurderes præcist")
            note = esc(figure.difference) + (f" {esc(item.indicative)}" if item.indicative else "")
        else:
            verdict = status_badge(result.status)
            note = f"{esc(margin_text(result).capitalize())}. {esc(figure.remark)}"
        municipality_text = (
            f'<br><span class="plan-small">Kommunen: {municipality}</span>' if figure.municipality is not None else ""
        )
        rows.append(
            f'<tr><th scope="row" class="plan-nummer">{esc(result.criterion.number)}</th>'
            f"<td>{esc(result.criterion.name)}<br>"
            f'<span class="plan-small">Reglen: {esc(format_rule(result.criterion))}</span></td>'
            f'<td><strong>{value}</strong>{municipality_text}<br><span class="plan-small">{esc(figure.measured_as)}'
            f"</span></td>"
            f'<td>{verdict}<br><span class="plan-small">{note}</span></td></tr>'
        )
    verdict = {
        Status.MET: "opfyldte ansøgningsområdet betingelserne",
        Status.NOT_MET: "opfyldte ansøgningsområdet ikke betingelserne",
        Status.UNKNOWN: "kan det ikke vurderes præcist, om ansøgningsområdet opfyldte betingelserne",
    }[status]
    summary = (
        f"Efter reglerne {rule_set.years_label} ({esc(rule_set.name)}) kræver {lc(esc(category.name))} "
        f"{esc(_condition_text(category, rule_set))}. Med ansøgningens tal er {met} "
        f"{'kriterium' if met == 1 else 'kriterier'} opfyldt, og {unknown} kan ikke vurderes præcist. "
        f"Samlet {verdict}."
    )
    residents = (
        f"<p>Ansøgningsområdet havde {danish.number(history.residents)} beboere. "
        f"{esc(history.residents_note)}</p>"
    )
    return block(
        f"<p><strong>Område:</strong> {esc(history.area_text)}.</p>{residents}"
        f'<p class="plan-check plan-check--{status.css}">{status_badge(status)} {summary}</p>'
        '<div class="plan-table-wrap" role="region" tabindex="0" aria-label="Ansøgningens tal">'
        '<table class="plan-table plan-criteria"><caption>Ansøgningens tal 2017–2021 vurderet efter reglerne '
        f"{rule_set.years_label}</caption>"
        '<thead><tr><th scope="col">Nr.</th><th scope="col">Kriterium</th><th scope="col">Ansøgningens tal</th>'
        '<th scope="col">Vurdering</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
        f"{sources_line(sources, [history.source_id, rule_set.source_id])}"
    )


def render_known_listings(history: CriteriaHistory, sources) -> str:
    items = "".join(
        f"<li><strong>{esc(k.when)}:</strong> {esc(k.text)}</li>" for k in history.known_listings
    )
    return block(f"<ul>{items}</ul>{sources_line(sources, [k.source_id for k in history.known_listings])}")


# --- building blocks -------------------------------------------------------------------------


def blocks(plan, context) -> dict:
    rules = plan.criteria_rules
    if rules is None:
        return {}
    inputs = inputs_from_plan(plan)
    engine = CriteriaEngine(rules, inputs)
    area_years = sorted({y for a in plan.plan_areas for y in inputs.values.get(a.id, {})})

    def area_block(omraade: str) -> str:
        if omraade not in plan.areas:
            raise PlanError(None, f"Ukendt boligområde «{omraade}» i kriterier_omraade.", suggest(omraade, plan.areas))
        published = published_year_results(plan.official_lists, rules, omraade)
        return render_area(engine, plan.areas[omraade], inputs.example_data, plan.sources, published)

    def matrix() -> str:
        if inputs.missing_reason:
            return render_missing(inputs.missing_reason)
        return render_matrix(engine, plan.plan_areas, area_years, inputs.example_data)

    result = {
        "kriterier_regler": lambda: render_rules(rules, plan.sources),
        "kriterier_oversigt": matrix,
        "kriterier_omraade": area_block,
    }
    if plan.criteria_history is not None:
        result["kriterier_historik"] = lambda: render_history(plan.criteria_history, rules, plan.sources)
        result["kendte_listeplaceringer"] = lambda: render_known_listings(plan.criteria_history, plan.sources)
    return result
