"""Beboerdata on the site and in the PDF: tables, 10-year charts, sources, downloads.

Pure render functions (plan in, Markdown/HTML out). Every figure shown comes
from :meth:`Beboerdata.published`, i.e. after disclosure control, and the
downloadable CSV files are written from the same published values.
"""

from __future__ import annotations

import math
from itertools import groupby

from macros.beboerdata.load import Beboerdata, Category, TableSpec
from macros.core import csvio, danish
from macros.core.errors import PlanError, suggest
from macros.core.html import block, esc, example_data_badge
from macros.core.svgchart import Series, change_phrase, line_chart
from macros.model.html import sources_line

#: What this module's building blocks read (for the block index in README.md).
READS = ("data/beboerdata/", "data/boligomraader.yaml", "data/plan.yaml", "data/kilder.yaml")

#: Where the downloadable CSV files are published, relative to the site root.
DOWNLOAD_DIR = "beboerdata/hent"
GAP_MARK = "–"


# --- helpers -----------------------------------------------------------------------------


def _check_area(plan, area_id: str) -> None:
    if area_id not in plan.facts.area_ids:
        raise PlanError(None, f"«{area_id}» er ikke et af planens boligområder.",
                        suggest(area_id, plan.facts.area_ids))


def unit_suffix(category: Category) -> str:
    unit = category.unit
    if unit.short:
        return f" ({unit.short})"
    if not unit.person_count:
        return f" ({unit.name})"
    return ""


def format_value(value: float, category: Category) -> str:
    """A published value in Danish notation (decimal comma, thousands point)."""
    return danish.number(value, category.unit.decimals)


def value_with_unit(value: float, category: Category) -> str:
    """A value with its short unit, for sentences: ``44,6 %``, ``146.626 kr.``, ``886``."""
    short = category.unit.short
    return format_value(value, category) + (f"{danish.NBSP}{short}" if short else "")


def cell_text(value: float | None, status: str, category: Category, data: Beboerdata) -> str:
    if status == "primaer":
        return data.suppression.small_mark
    if status == "sekundaer":
        return data.suppression.hidden_mark
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return GAP_MARK
    return format_value(value, category)


#: The two forms of every download: (dialect, file name suffix). The first opens directly
#: in Danish Excel and is offered first; the second is for programs.
DOWNLOAD_FORMS = ((csvio.DANISH_EXCEL, ""), (csvio.STANDARD, "-maskinlaesbar"))


def download_name(area_id: str, table_id: str, suffix: str = "") -> str:
    return f"{area_id}-tabel-{table_id}{suffix}.csv"


def _cells(data: Beboerdata, table_id: str, units: list[str]) -> dict[tuple[str, str, int], tuple[float, str]]:
    cells = {}
    for unit in units:
        frame = data.published_for(table_id, unit)
        cells.update({
            (o, k, int(a)): (v, u)
            for o, k, a, v, u in zip(*[frame[c].tolist() for c in ("omraade", "kategori", "aar", "vaerdi", "undertrykt")])
        })
    return cells


def _years(cells: dict, area_id: str) -> list[int]:
    return sorted({year for (unit, _, year) in cells if unit == area_id})


# --- one table ---------------------------------------------------------------------------


def render_table(plan, area_id: str, table_id: str) -> str:
    """Table *table_id* for *area_id*: example label, figures by year (with kommune and
    hele landet for shares and averages), a 10-year chart, source, legend and download link."""
    _check_area(plan, area_id)
    data = plan.beboerdata
    spec = data.spec(table_id)
    comparison = list(spec.comparison) if spec.comparable_categories else []
    cells = _cells(data, spec.id, [area_id, *comparison])
    years = _years(cells, area_id)
    area_name = plan.areas[area_id].name
    comparable = {c.id for c in spec.comparable_categories}
    suppressed = any(s for (u, _, _), (_, s) in cells.items() if u == area_id and s)

    head = "".join(f'<th scope="col">{y}</th>' for y in years)
    rows = []
    for category in spec.categories:
        label = esc(category.name) + esc(unit_suffix(category))
        statuses = [cells.get((area_id, category.id, y), (None, ""))[1] for y in years]
        if years and all(statuses):
            label += (f'<span class="plan-beboertabel__skjult">Skjult alle år af hensyn til privatlivet: '
                      f'«{esc(data.suppression.small_mark)}» er under {data.suppression.min_count} personer, '
                      f'«{esc(data.suppression.hidden_mark)}» '
                      'et tal, der ellers kunne regnes ud.</span>')
        values = "".join(
            f"<td>{esc(cell_text(*cells.get((area_id, category.id, y), (None, '')), category, data))}</td>"
            for y in years
        )
        total_class = ' class="plan-beboertabel__total"' if category.id == "i_alt" else ""
        rows.append(f'<tr{total_class}><th scope="row">{label}</th>{values}</tr>')
        if category.id in comparable:
            for unit_id in comparison:
                unit_name = data.name_of(unit_id, plan.areas)
                values = "".join(
                    f"<td>{esc(cell_text(*cells.get((unit_id, category.id, y), (None, '')), category, data))}</td>"
                    for y in years
                )
                rows.append(
                    f'<tr class="plan-beboertabel__sml"><th scope="row">'
                    f'<span class="plan-sr">{esc(category.name)}, </span>{esc(unit_name)}</th>{values}</tr>'
                )
    caption = f"{spec.label}. {spec.title}, {area_name}, {years[0]}–{years[-1]}" if years else spec.title
    table = (
        f'<div class="plan-tabel-scroll plan-tabel-scroll--nyeste" role="region" tabindex="0" '
        f'aria-label="{esc(caption)} (nyeste år til højre)">'
        f'<table class="plan-beboertabel__tabel"><caption class="plan-sr">{esc(caption)}</caption>'
        f'<thead><tr><th scope="col">{"Kategori" if not comparison else "Kategori / sammenligning"}</th>{head}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div>'
    )
    parts = []
    if data.is_example(spec.id):
        parts.append(example_data_badge())
    if spec.note:
        parts.append(f'<p class="plan-note">{esc(spec.note)}</p>')
    parts.append(table)
    parts.append(render_chart(plan, area_id, spec, cells, years))
    notes = []
    if suppressed:
        notes.append(esc(data.suppression.explanation))
    if spec.gaps_allowed:
        notes.append(f"«{GAP_MARK}» betyder, at der ikke var valg det år.")
    if notes:
        parts.append(f'<p class="plan-note plan-beboertabel__forklaring">{" ".join(notes)}</p>')
    parts.append(sources_line(plan.sources, [spec.source_id]))
    # Search leaves the figures out (a run of numbers is no use as a search hit); the
    # table's heading stays searchable.
    html = (f'<div class="plan-beboertabel" id="tabel-{esc(spec.id)}-data" data-search-exclude="ja">'
            f'{"".join(parts)}</div>')
    return block(html) + download_links(spec, area_id, area_name)


def download_links(spec: TableSpec, area_id: str, area_name: str) -> str:
    """The Markdown paragraph with both downloads (relative links, checked by the strict build)."""
    excel = (
        f'[Hent {esc(spec.label.lower())} for {esc(area_name)} til Excel (CSV)]'
        f'(hent/{download_name(area_id, spec.id)}){{: .plan-hent }}'
    )
    machine = (
        f'[maskinlæsbar CSV (komma, decimalpunktum)](hent/{download_name(area_id, spec.id, DOWNLOAD_FORMS[1][1])})'
        '{: .plan-hent .plan-hent--maskine }'
    )
    return f"{excel} · {machine}\n\n"


def chart_alt(label: str, changes: list[str], example: bool) -> str:
    """The chart's text alternative: what each line did, e.g. «Tabel 18: 18–64-årige
    uden arbejde eller uddannelse i Ringparken faldt fra 44 % i 2015 til 37 % i 2024
    (eksempeldata).»"""
    return f"{label}: " + "; ".join(changes) + (" (eksempeldata)" if example else "") + "."


def render_chart(plan, area_id: str, spec: TableSpec, cells: dict, years: list[int]) -> str:
    data = plan.beboerdata
    area_name = plan.areas[area_id].name
    chart_categories = [spec.category(c) for c in spec.chart]
    comparable = {c.id for c in spec.comparable_categories}
    if len(chart_categories) == 1 and chart_categories[0].id in comparable:
        category = chart_categories[0]
        lines = [(area_id, area_name, category)] + [
            (u, data.name_of(u, plan.areas), category) for u in spec.comparison
        ]
        subject = category.name + unit_suffix(category)
    else:
        lines = [(area_id, c.name, c) for c in chart_categories]
        subject = ", ".join(c.name for c in chart_categories) + unit_suffix(chart_categories[0])
    series = []
    described = []
    changes = []
    for unit_id, label, category in lines:
        points = []
        for y in years:
            value, status = cells.get((unit_id, category.id, y), (None, ""))
            ok = not status and value is not None and not math.isnan(value)
            points.append((y, float(value) if ok else None))
        series.append(Series(label, points))
        shown = [(y, v) for y, v in points if v is not None]
        if shown:
            text = (f"{label}: {format_value(shown[0][1], category)} i {shown[0][0]}, "
                    f"{format_value(shown[-1][1], category)} i {shown[-1][0]}")
            if len(shown) < len(points):
                text += " (nogle år vises ikke)"
            described.append(text)
            place = label if len(lines) > 1 and lines[0][2] is lines[-1][2] else area_name
            change = change_phrase(points, lambda v, c=category: value_with_unit(v, c))
            changes.append(f"{category.name} i {place} {change}")
    title = f"{spec.label}: udviklingen {years[0]}–{years[-1]} i {subject}, {area_name}"
    alt = chart_alt(spec.label, changes, data.is_example(spec.id)) if changes else title
    description = "Linjediagram. " + "; ".join(described) + ". Alle tal står i tabellen."
    fmt_category = chart_categories[0]

    def axis(value: float) -> str:
        decimals = 0 if fmt_category.unit.person_count or value >= 100 or float(value).is_integer() else 1
        return danish.number(value, decimals)

    svg = line_chart(
        f"graf-{area_id}-{spec.id}", alt, description, series, years, axis,
        connect_gaps=spec.gaps_allowed,
        y_min=fmt_category.unit.minimum if fmt_category.unit.id == "indeks" else None,
        y_max=fmt_category.unit.maximum if fmt_category.unit.maximum == 100 else None,
    )
    return (f'<figure class="plan-graf-figur">{svg}'
            f'<figcaption>{esc(title)}</figcaption></figure>')


# --- pages -------------------------------------------------------------------------------


def render_area_page(plan, area_id: str) -> str:
    """The whole beboerdata page of an area: every table, grouped by topic."""
    _check_area(plan, area_id)
    data = plan.beboerdata
    area = plan.areas[area_id]
    out = [f"# Beboerdata for {esc(area.name)}\n\n"]
    intro = (
        f'<p>Her er de {len(data.tables)} standardtabeller for {esc(area.name)} ({esc(area.town)}), '
        f'år for år. Hvor det giver mening, står tallene for '
        f'{" og ".join(esc(n) for n in data.comparison_units.values())} under områdets egne. '
        f'Hver tabel kan hentes som CSV-fil.</p>'
    )
    out.append(block(intro))
    out.append(block(render_area_facts(plan, area_id)))
    if any(data.is_example(t) for t in data.tables):
        out.append(block(example_data_badge("Tallene på denne side er opfundet til at vise, hvordan tabellerne "
                                            "kommer til at se ud. De er ikke Danmarks Statistiks tal.")))
    out.append(block(f'<p class="plan-note">{esc(data.suppression.explanation)}</p>'))
    for topic, specs in groupby(data.tables.values(), key=lambda s: s.topic):
        out.append(f"## {topic}\n\n")
        for spec in specs:
            out.append(f"### {spec.label}. {spec.title} {{#tabel-{spec.id}}}\n\n")
            out.append(render_table(plan, area_id, spec.id))
    return "".join(out)


def render_area_facts(plan, area_id: str) -> str:
    """Town, housing organisations and the departments the sources name (never guessed)."""
    area = plan.areas[area_id]
    orgs = ", ".join(esc(plan.parties[o].name) for o in area.housing_org_ids) or "ikke oplyst i planens kilder"
    if area.departments:
        deps = ", ".join(esc(d.name) for d in area.departments) + " (listen er ikke nødvendigvis fuldstændig)"
    else:
        deps = "ikke oplyst i planens kilder"
    source_ids = [d.source_id for d in area.departments if d.source_id]
    return (
        f'<dl class="plan-omraadefakta"><dt>By</dt><dd>{esc(area.town)}</dd>'
        f"<dt>Boligorganisationer</dt><dd>{orgs}</dd><dt>Afdelinger</dt><dd>{deps}</dd></dl>"
        + sources_line(plan.sources, source_ids)
    )


def render_table_list(plan) -> str:
    """Overview: the tables, their topic and which areas have pages."""
    data = plan.beboerdata
    rows = []
    for spec in data.tables.values():
        kind = "Eksempeldata" if data.is_example(spec.id) else "Officielle tal"
        compared = "ja" if spec.comparable_categories else "nej"
        rows.append(
            f'<tr><th scope="row">{esc(spec.label)}</th><td>{esc(spec.title)}</td>'
            f"<td>{esc(spec.topic)}</td><td>{compared}</td><td>{kind}</td></tr>"
        )
    table = (
        '<div class="plan-tabel-scroll" role="region" tabindex="0" aria-label="Standardtabellerne">'
        '<table class="plan-beboerliste"><caption class="plan-sr">Standardtabellerne i beboerdata</caption>'
        '<thead><tr><th scope="col">Tabel</th><th scope="col">Indhold</th><th scope="col">Emne</th>'
        '<th scope="col">Sammenlignes med kommune og land</th><th scope="col">Tallene er</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div>'
    )
    return block(table)


def render_area_links(plan) -> str:
    """Markdown links to each area's page (checked by the strict build)."""
    return "\n" + "\n".join(f"- [{esc(a.name)} ({esc(a.town)})]({a.id}.md)" for a in plan.plan_areas) + "\n\n"


_PUBLIC_UNITS = {"procent": "%", "kr": "kr.", "pr_1000": "pr. 1.000 beboere", "indeks": "", "antal": "",
                 "tilfaelde": "tilfælde"}


def _public_value(value: float, unit: str) -> str:
    decimals = 0 if float(value).is_integer() else 1
    if unit == "procent":
        return danish.percent(value, decimals)
    if unit == "kr":
        return danish.kroner(value)
    suffix = _PUBLIC_UNITS[unit]
    return danish.number(value, decimals) + (f"{danish.NBSP}{suffix}" if suffix else "")


def render_application_figures(plan) -> str:
    """The real public figures of the 2017–2021 application, with their source."""
    app = plan.beboerdata.application
    rows = []
    for figure in app.figures:
        when = str(figure.year) if figure.year else "–"
        comparisons = "; ".join(f"{esc(c.name)}: {esc(_public_value(c.value, figure.unit))}" for c in figure.comparisons)
        rows.append(
            f'<tr><th scope="row">{esc(figure.name)}</th><td class="plan-tal">{esc(_public_value(figure.value, figure.unit))}</td>'
            f"<td>{when}</td><td>{comparisons or '–'}</td></tr>"
        )
    html = (
        f'<div class="plan-ansoegningstal" role="region" aria-label="Offentlige tal fra ansøgningen 2017–2021">'
        f'<p class="plan-note">{esc(app.area)}.</p>'
        '<div class="plan-tabel-scroll" role="region" tabindex="0" aria-label="Offentlige tal 2017–2021">'
        '<table class="plan-ansoegningstal__tabel"><caption class="plan-sr">Offentlige tal fra ansøgningen 2017–2021</caption>'
        '<thead><tr><th scope="col">Tal</th><th scope="col">Ansøgningsområdet</th><th scope="col">År</th>'
        '<th scope="col">Til sammenligning</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div>'
        f"{sources_line(plan.sources, [app.source_id])}</div>"
    )
    return block(html)


# --- downloads ---------------------------------------------------------------------------


def _unit_rows(plan, spec: TableSpec, unit: str, own: bool, dialect: csvio.CsvDialect) -> list[list[str]]:
    """The download rows of one area or comparison unit (*own*: the area the file is about;
    a comparison unit gives only the comparable categories)."""
    data = plan.beboerdata
    comparable = {c.id for c in spec.comparable_categories}
    names = {c.id: c for c in spec.categories}
    source = plan.sources[spec.source_id].title
    frame = data.published_for(spec.id, unit)
    unit_name = data.name_of(unit, plan.areas)
    columns = ("omraade", "aar", "kategori", "vaerdi", "undertrykt", "eksempeldata")
    rows = []
    for o, a, k, v, u, e in zip(*[frame[c].tolist() for c in columns]):
        if not own and k not in comparable:
            continue
        if u == "primaer":
            text = data.suppression.small_mark
        elif u == "sekundaer":
            text = data.suppression.hidden_mark
        else:
            text = csvio.number_text(v, dialect)
        rows.append([spec.id, o, unit_name, str(int(a)), k, names[k].name, names[k].unit.id, text,
                     "ja" if (e or spec.example) else "nej", source])
    return rows


def download_rows(plan, area_id: str, table_id: str, dialect: csvio.CsvDialect = csvio.STANDARD,
                  comparisons: dict | None = None) -> list[list[str]]:
    """The published table (after suppression) as tidy rows, values written for *dialect*.
    *comparisons* keeps the comparison units' rows, which are the same in every area's file."""
    spec = plan.beboerdata.spec(table_id)
    rows = [["tabel", "omraade", "omraadenavn", "aar", "kategori", "kategorinavn", "enhed", "vaerdi",
             "eksempeldata", "kilde"]]
    rows += _unit_rows(plan, spec, area_id, True, dialect)
    comparisons = {} if comparisons is None else comparisons
    for unit in spec.comparison:
        key = (spec.id, unit, dialect)
        if key not in comparisons:
            comparisons[key] = _unit_rows(plan, spec, unit, False, dialect)
        rows += comparisons[key]
    return rows


def download_csv(plan, area_id: str, table_id: str, dialect: csvio.CsvDialect = csvio.STANDARD,
                 comparisons: dict | None = None) -> bytes:
    """The bytes of one download in *dialect* (see :data:`DOWNLOAD_FORMS`)."""
    return csvio.write_csv(download_rows(plan, area_id, table_id, dialect, comparisons), dialect)


def download_files(plan) -> dict[str, bytes]:
    """Every downloadable CSV, in both forms: site path -> bytes."""
    comparisons: dict = {}
    return {
        f"{DOWNLOAD_DIR}/{download_name(area.id, table_id, suffix)}":
            download_csv(plan, area.id, table_id, dialect, comparisons)
        for area in plan.plan_areas
        for table_id in plan.beboerdata.tables
        for dialect, suffix in DOWNLOAD_FORMS
    }


def blocks(plan, context) -> dict:
    return {
        "beboerdata_side": lambda omraade: render_area_page(plan, omraade),
        "beboerdata_tabel": lambda omraade, tabel: render_table(plan, omraade, str(tabel)),
        "beboerdata_oversigt": lambda: render_table_list(plan),
        "beboerdata_omraader": lambda: render_area_links(plan),
        "ansoegningstal": lambda: render_application_figures(plan),
    }
