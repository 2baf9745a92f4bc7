"""Follow-up pages: the indicators at a glance, one section per indicator, the theme tables
and the CSV download, all from the same computation (:mod:`macros.followup.compute`).

A hidden value (disclosure control) is written "kan ikke vises (diskretion)"
everywhere: in tables, in chart descriptions and in the download. A status is an
icon *and* a word, with its one-sentence reason; colour is never the only sign.
"""

from __future__ import annotations

import csv
import io

from macros.core import danish
from macros.core.errors import PlanError, suggest
from macros.core.html import block, esc, example_data_badge
from macros.core.svgchart import Series, line_chart, sparkline
from macros.followup.compute import HIDDEN, PLAN_UNIT, IndicatorSeries, Value
from macros.followup.load import INDICATORS_FILE
from macros.followup.progress import ORDER, Status, format_value

#: What this module's building blocks read (for the block index in README.md).
READS = ("data/indikatorer.yaml", "data/maalinger/", "data/opfoelgning.yaml", "data/beboerdata/",
         "data/indsatsomraader.yaml", "data/kilder.yaml")

HIDDEN_TEXT = "kan ikke vises (diskretion)"
NO_VALUE_TEXT = "intet tal"
DOWNLOAD_PATH = "opfoelgning/indikatorer.csv"
#: An indicator's section, seen from a theme page (docs/indsatsomraader/<id>.md).
SECTION_LINK = "../../opfoelgning/#"
#: Years shown in each indicator's chart and table.
CHART_YEARS = 10


def value_text(series: IndicatorSeries, value: Value) -> str:
    if value.state == HIDDEN:
        return HIDDEN_TEXT
    if not value.shown:
        return NO_VALUE_TEXT
    ind = series.indicator
    return format_value(value.value, ind.unit, ind.decimals)


def status_html(status: Status, with_reason: bool = True) -> str:
    reason = f' <span class="plan-status__grund">{esc(status.reason)}</span>' if with_reason else ""
    return (f'<span class="plan-status plan-status--{status.kind}">'
            f'<span class="plan-status__ikon" aria-hidden="true">{status.icon}</span> '
            f'<strong class="plan-status__ord">{status.word}</strong></span>{reason}')


def _latest_html(series: IndicatorSeries, unit: str) -> str:
    latest = series.latest(unit)
    if latest is None:
        return NO_VALUE_TEXT
    year, value = latest
    return f'{esc(value_text(series, value))} <span class="plan-ind__aar">({year})</span>'


def _spark(series: IndicatorSeries, unit: str) -> str:
    years = list(series.years[-CHART_YEARS:])
    points = [(y, series.get(unit, y).value if series.get(unit, y).shown else None) for y in years]
    shown = [(y, v) for y, v in points if v is not None]
    name = series.names[unit]
    if len(shown) < 2:
        return ""
    first, last = shown[0], shown[-1]
    fmt = lambda v: format_value(v, series.indicator.unit, series.indicator.decimals)  # noqa: E731
    hidden = [str(y) for y in years if series.get(unit, y).state == HIDDEN]
    text = (f"Udviklingen for {name} {first[0]}–{last[0]}: fra {fmt(first[1])} til {fmt(last[1])}"
            + (f"; {', '.join(hidden)} kan ikke vises (diskretion)" if hidden else "") + ".")
    return sparkline(points, text)


def _target_text(series: IndicatorSeries, unit: str) -> str:
    target = series.indicator.target_for(unit)
    return f"{format_value(target.value, series.indicator.unit, series.indicator.decimals)} i {target.year}"


def _example_badge(items: list[IndicatorSeries]) -> str:
    if not any(s.example for s in items):
        return ""
    return example_data_badge("Tallene, udgangspunkterne og målene er eksempler, der viser, hvordan opfølgningen "
                              "kommer til at se ud. De rigtige tal kommer med de næste beboerdata.")


def render_overview(items: list[IndicatorSeries], caption: str, units: list[str] | None = None,
                    link_prefix: str = "#") -> str:
    """Indicators × areas and the plan as a whole: latest value, trend, target, status.

    Each indicator links to its section: *link_prefix* + id (``#`` on the Opfølgning page itself)."""
    if not items:
        raise PlanError(None, f"Der er ingen indikatorer at vise ({caption}).",
                        f"Tilføj indikatorer i data/{INDICATORS_FILE}, eller fjern byggeklodsen fra siden.")
    units = units or list(items[0].target_units)
    names = items[0].names
    head = "".join(f'<th scope="col">{esc(names[u])}</th>' for u in units)
    rows = []
    for s in items:
        ind = s.indicator
        direction = "Jo højere, jo bedre." if ind.direction == "op" else "Jo lavere, jo bedre."
        cells = []
        for u in units:
            status = s.statuses[u]
            cells.append(
                f'<td data-label="{esc(names[u])}"><span class="plan-opf__vaerdi">{_latest_html(s, u)}</span>'
                f'{_spark(s, u)}<span class="plan-opf__maal">Mål: {esc(_target_text(s, u))}</span>'
                f'<span class="plan-opf__status">{status_html(status, with_reason=False)}</span>'
                f'<span class="plan-opf__grund">{esc(status.reason)}</span></td>'
            )
        rows.append(
            f'<tr><th scope="row"><a href="{link_prefix}{esc(ind.id)}">{esc(ind.name)}</a>'
            f'<span class="plan-ind__detalje">{direction} Udgangspunkt: {ind.baseline_year}.</span></th>'
            f'{"".join(cells)}</tr>'
        )
    table = (
        f'<div class="plan-tabel-wrap" role="region" tabindex="0" aria-label="{esc(caption)}">'
        f'<table class="plan-tabel plan-opf"><caption>{esc(caption)}</caption>'
        f'<thead><tr><th scope="col">Indikator</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )
    return f'<div class="plan-opf-blok">{_example_badge(items)}{table}</div>'


def render_status_counts(items: list[IndicatorSeries]) -> str:
    counts = {k: 0 for k in ORDER}
    for s in items:
        counts[s.statuses[PLAN_UNIT].kind] += 1
    labels = [(k, n) for k, n in counts.items() if n]
    parts = [f"{n} {status_word(k).lower()}" for k, n in labels]
    return f'<p class="plan-opf-sum">For hele planen: {", ".join(parts)} (af {len(items)} indikatorer).</p>'


def status_word(kind: str) -> str:
    return Status(kind, "").word


def render_indicator_section(plan, series: IndicatorSeries) -> str:
    """One indicator: what it is, how it is computed, a chart per area against kommune and
    landet, the status per area, and the table behind it."""
    ind = series.indicator
    years = list(series.years[-CHART_YEARS:])
    fmt = lambda v: format_value(v, ind.unit, ind.decimals)  # noqa: E731
    comparison = [u for u in series.units if u not in series.target_units]
    charts = []
    for unit in (*series.area_ids, PLAN_UNIT):
        lines = [unit, *comparison]
        chart_series = [Series(series.names[u], [(y, series.get(u, y).value if series.get(u, y).shown else None)
                                                 for y in years]) for u in lines]
        if not any(v is not None for s in chart_series for _, v in s.points):
            continue
        described = []
        for u in lines:
            latest = series.latest(u)
            if latest:
                described.append(f"{series.names[u]} {value_text(series, latest[1])} i {latest[0]}")
        title = f"{ind.name}: {series.names[unit]} {years[0]}–{years[-1]}"
        desc = ("Linjediagram. Seneste tal: " + "; ".join(described) + ". Alle tal står i tabellen under diagrammerne.")
        chart = line_chart(f"opf-{ind.id}-{unit}", title, desc, chart_series, years, fmt, connect_gaps=True)
        charts.append(f'<figure class="plan-figur"><figcaption>{esc(series.names[unit])}</figcaption>{chart}</figure>')
    status_items = "".join(
        f"<li><strong>{esc(series.names[u])}:</strong> {status_html(series.statuses[u])}</li>" for u in series.target_units
    )
    head = "".join(f'<th scope="col">{y}</th>' for y in years)
    body = "".join(
        f'<tr><th scope="row">{esc(series.names[u])}</th>'
        + "".join(f'<td data-label="{y}">{esc(value_text(series, series.get(u, y)))}</td>' for y in years)
        + "</tr>"
        for u in series.units
    )
    caption = f"{ind.name} ({years[0]}–{years[-1]})" if years else ind.name
    table = (
        f'<div class="plan-tabel-wrap" role="region" tabindex="0" aria-label="{esc(caption)}">'
        f'<table class="plan-tabel plan-opf-tal"><caption>{esc(caption)}</caption>'
        f'<thead><tr><th scope="col">Område</th>{head}</tr></thead><tbody>{body}</tbody></table></div>'
    )
    sources = "; ".join(esc(plan.sources[s].title) for s in series.source_ids if s in plan.sources)
    target = "; ".join([f"Mål for hele planen og hvert område: {_target_text(series, PLAN_UNIT)}"]
                       + [f"{series.names[a]}: {_target_text(series, a)}" for a in ind.area_targets])
    direction = "Jo højere, jo bedre" if ind.direction == "op" else "Jo lavere, jo bedre"
    facts = (
        f'<p class="plan-opf-fakta">{direction}. Udgangspunkt: {ind.baseline_year}. {esc(target)}. '
        f"{esc(series.how_computed)} {esc(series.combine_note)}"
        + (f' <span class="plan-kilde-inline">(Kilde: {sources})</span>' if sources else "") + "</p>"
    )
    badge = _example_badge([series])
    return (
        f"\n\n### {esc(ind.name)} {{#{ind.id}}}\n\n"
        + block(f'<div class="plan-opf-indikator">{badge}{facts}<ul class="plan-opf-statusliste">{status_items}</ul>'
                f'{"".join(charts)}{table}</div>')
    )


def render_sections(plan) -> str:
    """Every indicator's section, by theme (Markdown headings, so they are in the table of contents)."""
    out = []
    for theme in plan.themes.values():
        items = plan.followup.for_theme(theme.id)
        if not items:
            continue
        out.append(f"\n\n## {esc(theme.name)}\n\n")
        out.extend(render_indicator_section(plan, s) for s in items)
    return "".join(out)


def render_at_a_glance(plan) -> str:
    items = list(plan.followup.series.values())
    parts = [render_status_counts(items)]
    for theme in plan.themes.values():
        theme_items = plan.followup.for_theme(theme.id)
        if theme_items:
            parts.append(render_overview(theme_items, f"{theme.name}: seneste tal, udvikling, mål og status"))
    link = (f'<p><a class="plan-hent" href="{DOWNLOAD_PATH.split("/")[-1]}" download>'
            "Hent hele tabellen som CSV</a> (alle indikatorer, områder og år; skjulte tal står som "
            f"«{HIDDEN_TEXT}»).</p>")
    return block("".join(parts) + link)


def render_rule(plan) -> str:
    rule = plan.followup.rule
    tolerance = danish.percent(rule.tolerance * 100)
    return block(
        '<div class="plan-opf-regel"><p>Statussen afgøres sådan (reglen står i <code>data/opfoelgning.yaml</code>): '
        "den forventede værdi følger en ret linje fra udgangspunktet til målet.</p><ul>"
        f"<li>{status_html(Status('naaet', 'Det seneste tal er lige så godt som målet eller bedre.'))}</li>"
        f"<li>{status_html(Status('paa-vej', f'Det seneste tal er højst {tolerance} af vejen efter den rette linje.'))}</li>"
        f"<li>{status_html(Status('bagud', f'Det seneste tal er mere end {tolerance} af vejen efter linjen.'))}</li>"
        f"<li>{status_html(Status('kan-ikke-vurderes', 'Der mangler et tal, det er skjult af hensyn til diskretion, eller der er ingen måling efter udgangspunktet.'))}</li>"
        "</ul></div>"
    )


def render_theme_indicators(plan, theme_id: str | None) -> str:
    """The theme page's table: the same values and statuses as the Opfølgning page."""
    if theme_id is None:
        items, caption = list(plan.followup.series.values()), "Alle planens indikatorer"
    else:
        if theme_id not in plan.themes:
            raise PlanError(None, f"Ukendt indsatsområde «{theme_id}».", suggest(theme_id, plan.themes))
        items, caption = plan.followup.for_theme(theme_id), f"Indikatorer for {plan.themes[theme_id].name}"
    html = render_overview(items, caption, link_prefix=SECTION_LINK)
    return block(html + render_references(plan, items)
                 + '<p class="plan-opf-links">Udviklingen over ti år og tallene bag står på siden '
                 f'<a href="{SECTION_LINK.rstrip("#")}">Opfølgning</a> (klik på en indikator).</p>')


def render_references(plan, items: list[IndicatorSeries]) -> str:
    """Real, historical figures for context, each with its source."""
    out = []
    for s in items:
        ref = s.indicator.reference
        if ref is None:
            continue
        unit = ref.unit or s.indicator.unit
        decimals = 0 if float(ref.value).is_integer() else 1
        year = f" ({ref.year})" if ref.year else ""
        out.append(
            f"<li><strong>{esc(s.indicator.name)}:</strong> {format_value(ref.value, unit, decimals)}{year}. "
            f'{esc(ref.text)} <span class="plan-kilde-inline">(Kilde: {esc(plan.sources[ref.source_id].title)})</span></li>'
        )
    if not out:
        return ""
    return ('<div class="plan-ind-ref"><p class="plan-ind-ref__titel">Til sammenligning: rigtige tal fra '
            f'tidligere opgørelser</p><ul>{"".join(out)}</ul></div>')


def _machine_number(value: float) -> str:
    return f"{value:.6g}" if not float(value).is_integer() else str(int(value))


def download_csv(plan) -> str:
    """The whole table: every indicator × unit × year, hidden values as the page says them."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["indikator", "navn", "enhed", "omraade", "omraade_navn", "aar", "vaerdi", "bemaerkning",
                     "eksempeldata"])
    for s in plan.followup.series.values():
        ind = s.indicator
        for unit in s.units:
            for year in s.years:
                value = s.get(unit, year)
                if value.state not in (HIDDEN, "vist"):
                    continue
                writer.writerow([ind.id, ind.name, ind.unit, unit, s.names[unit], year,
                                 _machine_number(value.value) if value.shown else "",
                                 HIDDEN_TEXT if value.state == HIDDEN else "", "ja" if s.example else "nej"])
    return out.getvalue()


def download_files(plan) -> dict[str, str]:
    return {DOWNLOAD_PATH: download_csv(plan)}


def blocks(plan, context) -> dict:
    def indikatorer(indsatsomraade=None):
        return render_theme_indicators(plan, indsatsomraade)

    def opfoelgning_oversigt():
        return render_at_a_glance(plan)

    def opfoelgning_indikatorer():
        return render_sections(plan)

    def opfoelgning_regel():
        return render_rule(plan)

    return {"indikatorer": indikatorer, "opfoelgning_oversigt": opfoelgning_oversigt,
            "opfoelgning_indikatorer": opfoelgning_indikatorer, "opfoelgning_regel": opfoelgning_regel}
