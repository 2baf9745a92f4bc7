"""Milestones and decisions on the page: timeline, tables, boxes, per-party views, decision log.

Pure render functions (plan + "today" in, HTML/Markdown out) and ``blocks()``
binding them. Everything is static HTML/SVG, so it prints; status is always
shown as text and symbol, never by colour alone.

Links between pages are written for pages at the top of ``docs/`` (e.g.
``docs/tidsplan.md`` is served as ``tidsplan/``), hence the ``../`` prefix;
the end-to-end tests check that every such link resolves.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from dataclasses import dataclass

from macros.core import danish
from macros.core.errors import PlanError, suggest
from macros.core.html import block, esc
from macros.milestones import deadlines
from macros.milestones.load import (
    CURRENT,
    DONE,
    OVERDUE,
    PENDING,
    PHASES,
    UPCOMING,
    UNCONFIRMED,
    Decision,
    Milestone,
    in_phase_order,
    milestones_of_decision,
    milestones_of_party,
    next_milestones,
    overdue,
    unconfirmed,
)
from macros.model.html import source_label, sources_line

#: Where pages live, relative to a top-level page (use_directory_urls).
#: What this module's building blocks read (for the block index in README.md).
READS = ("data/milepaele.yaml", "data/beslutninger.yaml", "data/parter.yaml", "data/kilder.yaml")

TIMELINE_PAGE = "../tidsplan/"
DECISIONS_PAGE = "../beslutninger/"
#: The timeline page seen from the front page (docs/index.md is served at the site root).
FRONT_TO_TIMELINE = "tidsplan/"
#: The calendar file, relative to the site root (written by macros.milestones.calendar).
CALENDAR_FILE = "milepaele.ics"


@dataclass(frozen=True)
class StatusStyle:
    symbol: str
    label: str
    slug: str  # CSS modifier
    fill: str  # SVG fill
    stroke: str
    dash: str = ""


STATUS_STYLES: dict[str, StatusStyle] = {
    "planlagt": StatusStyle("○", "Planlagt", "planlagt", "#ffffff", "#1b4965"),
    "i gang": StatusStyle("◐", "I gang", "i-gang", "#8fb3cc", "#1b4965"),
    "gennemført": StatusStyle("✓", "Gennemført", "gennemfoert", "#2e7d32", "#1b5e20"),
    "udskudt": StatusStyle("↷", "Udskudt", "udskudt", "#ffffff", "#9a3b12", "3 2"),
    "aflyst": StatusStyle("✕", "Aflyst", "aflyst", "#c8c8c8", "#5f5f5f"),
    "ukendt": StatusStyle("?", "Status ukendt", "ukendt", "#e4def2", "#5b4a8a", "1.5 1.5"),
}

#: What each status means, for the explanation on the timeline page.
STATUS_MEANINGS: dict[str, str] = {
    "planlagt": "Milepælen ligger forude eller er ikke begyndt.",
    "i gang": "Arbejdet er begyndt.",
    "gennemført": "Milepælen er nået. Datoen står i parentes – eller «dato ukendt», når en kilde bekræfter, "
    "at den er nået, men ikke hvornår.",
    "udskudt": "Milepælen er flyttet til senere, og fristen er den nye frist. Passeres også den, "
    "står milepælen som overskredet.",
    "aflyst": "Milepælen bliver ikke til noget.",
    "ukendt": "Kilderne siger ikke, om milepælen er nået.",
}

OVERDUE_LABEL = "Overskredet"
UNCONFIRMED_LABEL = "Frist passeret – ikke bekræftet"


# --- small pieces ---------------------------------------------------------------------


def status_badge(milestone: Milestone, today: dt.date) -> str:
    """Symbol + word (+ completion date, + overdue flag): readable without colour."""
    style = STATUS_STYLES[milestone.status]
    text = f"{style.label}"
    if milestone.status == DONE and milestone.completion is not None:
        text += f" ({milestone.completion.label()})"
    badge = (
        f'<span class="plan-status plan-status--{style.slug}">'
        f'<span class="plan-status__symbol" aria-hidden="true">{style.symbol}</span> {esc(text)}</span>'
    )
    situation = milestone.situation(today)
    if situation == OVERDUE:
        badge += f' <span class="plan-flag plan-flag--overskredet">⚠ {OVERDUE_LABEL}</span>'
    elif situation == UNCONFIRMED:
        badge += f' <span class="plan-flag plan-flag--ubekraeftet">{UNCONFIRMED_LABEL}</span>'
    elif situation == CURRENT:
        badge += ' <span class="plan-flag plan-flag--aktuel">Frist nu</span>'
    return badge


def party_names(plan, milestone: Milestone, short: bool = False) -> str:
    if not milestone.responsible:
        return '<span class="plan-muted">Ikke angivet</span>'
    names = []
    for pid in milestone.responsible:
        party = plan.parties[pid]
        label = party.short_name if short else party.name
        names.append(f'<abbr title="{esc(party.name)}">{esc(label)}</abbr>' if short and label != party.name else esc(label))
    return ", ".join(names)


def milestone_anchor(milestone_id: str) -> str:
    return f"milepael-{milestone_id}"


def decision_links(plan, milestone: Milestone) -> str:
    if not milestone.decision_ids:
        return ""
    links = []
    for did in milestone.decision_ids:
        decision = plan.decisions[did]
        links.append(f'<a href="{DECISIONS_PAGE}#{esc(did)}">{esc(decision_title(decision))}</a>')
    return "<br>".join(links)


def decision_title(decision: Decision) -> str:
    when = danish.date_long(decision.date) if decision.date else "Dato ukendt"
    return f"{when}: {decision.title}"


def _note(milestone: Milestone) -> str:
    return f'<br><span class="plan-note">{esc(milestone.note)}</span>' if milestone.note else ""


def today_line(today: dt.date) -> str:
    return f'<p class="plan-today-note">Status pr. {danish.date_long(today)}.</p>'


# --- the SVG overview ---------------------------------------------------------------

_W = 800
_LEFT = 150
_RIGHT = 8
_AXIS = 42
_LANE = 15
_ROW_PAD = 8
_FONT = "Source Sans 3, DejaVu Sans, sans-serif"


#: How far past "today" the x axis reaches before later milestones become arrows.
HORIZON_DAYS = 183
_BEYOND_W = 190


def _lanes(placed, later) -> int:
    return max(1, 1 + max((p[3] for p in placed), default=-1), len(later))


def _month_index(date: dt.date, first: dt.date) -> float:
    days = calendar.monthrange(date.year, date.month)[1]
    return (date.year - first.year) * 12 + (date.month - first.month) + (date.day - 1) / days


def render_overview_svg(plan, today: dt.date) -> str:
    """A static SVG: one row per phase, months along the x axis, a "today" line."""
    fixed = [m for m in plan.milestones if m.deadline.is_fixed]
    if not fixed:
        return ""
    lo = min([m.deadline.start for m in fixed] + [today])
    # The axis runs to a little after today (or the last milestone before the
    # horizon); milestones further ahead are shown as labelled arrows at the
    # right edge, so years of empty axis do not squeeze the rest.
    horizon = today + dt.timedelta(days=HORIZON_DAYS)
    near = [m.deadline.end for m in fixed if m.deadline.end <= horizon]
    hi = max(near + [today])
    hi_month = hi.month + 2
    hi = dt.date(hi.year + (hi_month - 1) // 12, (hi_month - 1) % 12 + 1, 1)
    beyond = [m for m in fixed if m.deadline.start >= hi]
    first = dt.date(lo.year, 1, 1) if lo.month <= 2 else dt.date(lo.year, lo.month, 1)
    months = (hi.year - first.year) * 12 + hi.month - first.month
    right = _RIGHT + (_BEYOND_W if beyond else 0)
    plot = _W - _LEFT - right
    per_month = plot / months
    end_x = _LEFT + plot

    def x(date: dt.date) -> float:
        return _LEFT + _month_index(date, first) * per_month

    parts: list[str] = []
    rows: list[tuple[str, list[tuple[Milestone, float, float, int]]]] = []
    for phase, heading in PHASES.items():
        lanes: list[float] = []
        placed = []
        for m in in_phase_order([m for m in fixed if m.phase == phase and m not in beyond]):
            x0 = x(m.deadline.start)
            x1 = x(m.deadline.end + dt.timedelta(days=1))
            if m.deadline.kind == deadlines.DAY:
                x0, x1 = x0 - 5, x0 + 5
            x1 = max(x1, x0 + 6)
            lane = next((i for i, end in enumerate(lanes) if end + 2 <= x0), None)
            if lane is None:
                lanes.append(x1)
                lane = len(lanes) - 1
            else:
                lanes[lane] = x1
            placed.append((m, x0, x1, lane))
        rows.append((heading, placed, [m for m in beyond if m.phase == phase]))

    y = _AXIS
    height = _AXIS + sum(_lanes(placed, later) * _LANE + 2 * _ROW_PAD for _, placed, later in rows) + 4

    # Year grid and labels.
    for year in range(first.year, hi.year + 1):
        start = max(dt.date(year, 1, 1), first)
        if start >= hi:
            break
        gx = x(start)
        parts.append(f'<line x1="{gx:.1f}" y1="{_AXIS - 6}" x2="{gx:.1f}" y2="{height - 4}" stroke="#9aa5ad" stroke-width="0.8"/>')
        parts.append(
            f'<text x="{gx + 3:.1f}" y="{_AXIS - 10}" font-size="15" font-weight="700" fill="#1b1b1b">{year}</text>'
        )
        for month in (4, 7, 10):
            q = dt.date(year, month, 1)
            if first <= q < hi:
                qx = x(q)
                parts.append(
                    f'<line x1="{qx:.1f}" y1="{_AXIS - 3}" x2="{qx:.1f}" y2="{height - 4}" stroke="#d9dee2" stroke-width="0.6"/>'
                )

    for heading, placed, later in rows:
        lanes_used = _lanes(placed, later)
        row_h = lanes_used * _LANE + 2 * _ROW_PAD
        parts.append(f'<rect x="0" y="{y}" width="{_W}" height="{row_h}" fill="#f4f7f9" fill-opacity="0.6"/>')
        parts.append(
            f'<text x="4" y="{y + row_h / 2 + 4:.1f}" font-size="15" font-weight="700" fill="#12324a">{esc(heading)}</text>'
        )
        for m, x0, x1, lane in placed:
            style = STATUS_STYLES[m.status]
            my = y + _ROW_PAD + lane * _LANE
            title = f"<title>{esc(m.deadline.label())}: {esc(m.activity)} ({esc(style.label)})</title>"
            dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
            if m.deadline.kind == deadlines.DAY:
                cx, cy = (x0 + x1) / 2, my + _LANE / 2 - 1
                r = 5
                points = f"{cx:.1f},{cy - r:.1f} {cx + r:.1f},{cy:.1f} {cx:.1f},{cy + r:.1f} {cx - r:.1f},{cy:.1f}"
                parts.append(
                    f'<polygon points="{points}" fill="{style.fill}" stroke="{style.stroke}" stroke-width="1.2"{dash}>{title}</polygon>'
                )
            else:
                parts.append(
                    f'<rect x="{x0:.1f}" y="{my + 1:.1f}" width="{x1 - x0:.1f}" height="{_LANE - 4}" rx="2" '
                    f'fill="{style.fill}" stroke="{style.stroke}" stroke-width="1.2"{dash}>{title}</rect>'
                )
        for i, m in enumerate(later):
            style = STATUS_STYLES[m.status]
            ly = y + _ROW_PAD + i * _LANE + _LANE / 2 + 3
            parts.append(
                f'<text x="{end_x + 6:.1f}" y="{ly:.1f}" font-size="13" fill="#1b1b1b">'
                f"<title>{esc(m.activity)} ({esc(style.label)})</title>"
                f"→ {esc(m.deadline.label())} {style.symbol}</text>"
            )
        y += row_h

    if beyond:
        parts.append(
            f'<line x1="{end_x:.1f}" y1="{_AXIS - 6}" x2="{end_x:.1f}" y2="{height - 4}" stroke="#9aa5ad" '
            'stroke-width="0.8" stroke-dasharray="2 2"/>'
        )
        parts.append(f'<text x="{end_x + 6:.1f}" y="{_AXIS - 10}" font-size="13" fill="#4a4a4a">Senere:</text>')
    tx = x(today)
    parts.append(f'<line x1="{tx:.1f}" y1="{_AXIS - 4}" x2="{tx:.1f}" y2="{height - 2}" stroke="#b3471d" stroke-width="2"/>')
    anchor = "end" if tx > end_x - 130 else "start"
    label_x = tx - 4 if anchor == "end" else tx + 4
    parts.append(
        f'<text x="{label_x:.1f}" y="{_AXIS - 26}" font-size="14" font-weight="700" fill="#8a3412" text-anchor="{anchor}">'
        f"▼ I dag: {danish.date_long(today)}</text>"
    )

    last = hi - dt.timedelta(days=1)
    span = f"{danish.month_year(first.year, first.month)} til {danish.month_year(last.year, last.month)}"
    return (
        f'<figure class="plan-tl-overview">'
        '<p class="plan-tl-cue plan-kun-web" aria-hidden="true">I dag og de kommende milepæle står '
        "yderst til højre. Stryg mod højre for at se de tidligere måneder.</p>"
        f'<div class="plan-tl-scroll" role="region" tabindex="0" aria-label="Tidslinje (i dag til højre)">'
        f'<svg class="plan-tl-svg" viewBox="0 -6 {_W} {height + 6}" width="100%" role="img" '
        f'aria-labelledby="plan-tl-title plan-tl-desc" font-family="{_FONT}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="plan-tl-title">{esc(overview_alt(fixed, beyond, span, today))}</title>'
        f'<desc id="plan-tl-desc">Overblik over milepælene pr. fase med en streg for i dag '
        f"({danish.date_long(today)}). Alle milepæle står med dato og status i listen herunder.</desc>"
        f"{''.join(parts)}</svg></div>"
        f"<figcaption>{render_legend()}</figcaption></figure>"
    )


def overview_alt(fixed: list[Milestone], beyond: list[Milestone], period: str, today: dt.date) -> str:
    """What the timeline shows, in one sentence: how many milestones, over which
    months, how many in each status, and where "today" is."""
    counts = Counter(m.status for m in fixed)
    parts = [f"{counts[status]} {STATUS_STYLES[status].label.lower()}" for status in STATUS_STYLES if counts[status]]
    statuses = danish.join(parts)
    text = (
        f"Tidslinje over planens {len(fixed)} milepæle med fast frist, {period}, fordelt på faserne "
        f"{danish.join(list(PHASES.values()))}: {statuses}. En lodret streg viser i dag, {danish.date_long(today)}"
    )
    if beyond:
        text += (f"; {len(beyond)} senere milepæl står som en pil i højre side" if len(beyond) == 1
                 else f"; {len(beyond)} senere milepæle står som pile i højre side")
    return text + "."


def _swatch(style: StatusStyle) -> str:
    """The status's colour sample: a styled box, not a picture (it is decoration
    next to the status's name, so it is no figure in the tagged PDF)."""
    border = "dashed" if style.dash else "solid"
    return (
        f'<span class="plan-tl-swatch" aria-hidden="true" style="background-color: {style.fill}; '
        f'border: 1.2px {border} {style.stroke};"></span>'
    )


def render_legend() -> str:
    items = [f"<li>{_swatch(s)} {s.symbol} {esc(s.label)}</li>" for s in STATUS_STYLES.values()]
    items.append('<li><span class="plan-tl-legend__diamond" aria-hidden="true">◆</span> bestemt dag, bjælke = måned eller periode</li>')
    items.append('<li><span class="plan-tl-legend__today" aria-hidden="true">│</span> i dag</li>')
    return f'<ul class="plan-tl-legend" aria-label="Signaturforklaring">{"".join(items)}</ul>'


# --- the month-by-month list -----------------------------------------------------------


def _item(plan, m: Milestone, today: dt.date) -> str:
    return (
        f'<li class="plan-tl-item plan-tl-item--{STATUS_STYLES[m.status].slug}">'
        f'<span class="plan-tl-item__date">{esc(m.deadline.label())}</span> '
        f'<span class="plan-tl-item__text"><a href="#{milestone_anchor(m.id)}">{esc(m.activity)}</a></span> '
        f'<span class="plan-tl-item__who">Ansvarlig: {party_names(plan, m, short=True)}</span> '
        f"{status_badge(m, today)}</li>"
    )


def _today_item(today: dt.date) -> str:
    return (
        f'<li class="plan-tl-today"><span class="plan-tl-today__label">▶ I dag: {danish.date_long(today)}</span></li>'
    )


#: The heading of the part of the list a resident came for.
NOW_TITLE = "Det sker nu og snart"
#: Situations that belong under NOW_TITLE: open milestones (overdue ones are still open).
_NOW = (OVERDUE, CURRENT, UPCOMING)


def _month_groups(plan, milestones: list[Milestone], today: dt.date, marker: bool = False) -> str:
    """Milestones month by month; with *marker*, the "today" line sits between the last
    milestone whose deadline has started and the first one that lies ahead."""
    groups: list[tuple[str, list[Milestone]]] = []
    for m in milestones:
        if m.deadline.is_fixed:
            key = danish.month_year(m.deadline.start.year, m.deadline.start.month)
            key = key[0].upper() + key[1:]
        else:
            key = "Afventer dato"
        if groups and groups[-1][0] == key:
            groups[-1][1].append(m)
        else:
            groups.append((key, [m]))
    html = []
    placed = not marker
    for key, items in groups:
        ahead = [m for m in items if m.deadline.is_fixed and m.deadline.start > today]
        if not placed and len(ahead) == len(items):
            # Before the month's heading, so "I dag" never sits under a later month.
            html.append(f'<li class="plan-tl-month"><ul class="plan-tl-month__items">{_today_item(today)}</ul></li>')
            placed = True
        lis = []
        for m in items:
            if not placed and m in ahead:
                lis.append(_today_item(today))
                placed = True
            lis.append(_item(plan, m, today))
        html.append(
            f'<li class="plan-tl-month"><p class="plan-tl-month__label">{esc(key)}</p>'
            f'<ul class="plan-tl-month__items">{"".join(lis)}</ul></li>'
        )
    if not placed:
        html.append(f'<li class="plan-tl-month"><ul class="plan-tl-month__items">{_today_item(today)}</ul></li>')
    return f'<ol class="plan-tl-months">{"".join(html)}</ol>'


def render_timeline(plan, today: dt.date) -> str:
    """Overview SVG and legend; then what happens now and next (open milestones, with the
    "today" line in its place, and those waiting for a date); then, per phase, the milestones
    that are done, cancelled or whose deadline has passed unconfirmed, in sections that fold
    on screen (the PDF prints them open)."""
    ordered = in_phase_order(plan.milestones)
    now = sorted([m for m in plan.milestones if m.situation(today) in _NOW], key=lambda m: m.sort_key())
    waiting = [m for m in ordered if m.situation(today) == PENDING]
    now_html = (
        f'<section class="plan-tl-now" aria-labelledby="plan-tl-now-title">'
        f'<p class="plan-tl-now__title" id="plan-tl-now-title">{NOW_TITLE}</p>'
        f"{_month_groups(plan, now, today, marker=True)}"
    )
    if waiting:
        now_html += (
            '<p class="plan-tl-now__sub">Venter på en dato</p>'
            f'<ul class="plan-ms-list plan-tl-waiting">{"".join(_item(plan, m, today) for m in waiting)}</ul>'
        )
    now_html += "</section>"
    sections = []
    for phase, heading in PHASES.items():
        past = [m for m in ordered if m.phase == phase and m.situation(today) not in (*_NOW, PENDING)]
        if not past:
            continue
        word = "milepæl" if len(past) == 1 else "milepæle"
        sections.append(
            f'<details class="plan-tl-phase">'
            f'<summary><span class="plan-tl-phase__title">{esc(heading)}</span> '
            f'<span class="plan-tl-phase__count">({len(past)} {word}: nået, aflyst eller frist passeret)</span>'
            f"</summary>{_month_groups(plan, past, today)}</details>"
        )
    past_html = ""
    if sections:
        past_html = (
            '<p class="plan-tl-past__title">Tidligere milepæle, fase for fase</p>'
            f'<div class="plan-tl-phases">{"".join(sections)}</div>'
        )
    return block(
        f'<div class="plan-timeline">{render_overview_svg(plan, today)}'
        f"{now_html}{past_html}{today_line(today)}</div>"
    )


# --- the table ----------------------------------------------------------------------------


def render_table(plan, today: dt.date) -> str:
    """All milestones by phase: deadline, activity (+ note, numbered sources), responsible,
    status, decisions. The numbered source list follows the table."""
    numbers: dict[str, int] = {}
    for m in in_phase_order(plan.milestones):
        for sid in m.source_ids:
            numbers.setdefault(sid, len(numbers) + 1)
    body = []
    for phase, heading in PHASES.items():
        items = in_phase_order([m for m in plan.milestones if m.phase == phase])
        if not items:
            continue
        body.append(f'<tr class="plan-ms-phase"><th colspan="5" scope="colgroup">{esc(heading)}</th></tr>')
        for m in items:
            refs = ", ".join(
                f'<a href="#plan-ms-kilde-{numbers[s]}">{numbers[s]}</a>' for s in m.source_ids
            )
            label = "Kilde" if len(m.source_ids) == 1 else "Kilder"
            body.append(
                f'<tr id="{milestone_anchor(m.id)}">'
                f'<td class="plan-ms-date">{esc(m.deadline.label())}</td>'
                f'<th scope="row" class="plan-ms-activity">{esc(m.activity)}{_note(m)}'
                f'<br><span class="plan-note plan-ms-sources">{label}: {refs}</span></th>'
                f"<td>{party_names(plan, m)}</td>"
                f"<td>{status_badge(m, today)}</td>"
                f"<td>{decision_links(plan, m)}</td></tr>"
            )
    sources = "".join(
        f'<li id="plan-ms-kilde-{n}">{source_label(plan.sources[sid])}</li>' for sid, n in numbers.items()
    )
    return block(
        '<div class="plan-table-wrap"><table class="plan-ms-table">'
        "<caption>Milepæle fordelt på faser, med frist, ansvarlige, status og beslutninger</caption>"
        '<thead><tr><th scope="col">Frist</th><th scope="col">Milepæl</th><th scope="col">Ansvarlige</th>'
        '<th scope="col">Status</th><th scope="col">Beslutninger</th></tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
        f"{today_line(today)}"
        f'<div class="plan-kilde"><span class="plan-kilde__label">Kilder til tabellen:</span>'
        f'<ol class="plan-ms-sourcelist">{sources}</ol></div>'
    )


# --- boxes and lists ----------------------------------------------------------------------


def _short_list(plan, items: list[Milestone], today: dt.date, link: str | None) -> str:
    lis = []
    for m in items:
        text = esc(m.activity)
        if link is not None:
            text = f'<a href="{link}#{milestone_anchor(m.id)}">{text}</a>'
        lis.append(
            f'<li><span class="plan-tl-item__date">{esc(m.deadline.label())}</span> {text} '
            f'<span class="plan-tl-item__who">Ansvarlig: {party_names(plan, m, short=True)}</span> '
            f"{status_badge(m, today)}</li>"
        )
    return f'<ul class="plan-ms-list">{"".join(lis)}</ul>'


def render_next(plan, today: dt.date, count: int = 5, timeline_href: str = FRONT_TO_TIMELINE) -> str:
    """The front page's "next milestones" box (links are relative to the front page)."""
    items = next_milestones(plan.milestones, today, count)
    pending = [m for m in plan.milestones if not m.deadline.is_fixed and m.status not in (DONE, "aflyst")]
    if items:
        content = _short_list(plan, items, today, link=timeline_href)
    else:
        content = '<p>Der er ingen kommende milepæle med fast dato.</p>'
    extra = ""
    if pending:
        word = "milepæl venter" if len(pending) == 1 else "milepæle venter"
        extra = f'<p class="plan-note">{len(pending)} {word} stadig på en dato.</p>'
    return block(
        '<div class="plan-box plan-next" role="region" aria-label="Næste milepæle">'
        f"{content}{extra}"
        f"{today_line(today)}</div>"
    )


def render_overdue(plan, today: dt.date) -> str:
    """Overdue milestones, and milestones whose deadline passed without a confirmed status."""
    late = overdue(plan.milestones, today)
    unsure = unconfirmed(plan.milestones, today)
    if late:
        late_html = _short_list(plan, late, today, link="")
    else:
        late_html = f"<p>Ingen milepæle er overskredet pr. {danish.date_long(today)}.</p>"
    parts = [
        '<div class="plan-box plan-overdue" role="region" aria-labelledby="plan-overdue-title">',
        f'<p class="plan-box__title" id="plan-overdue-title">⚠ Overskredne milepæle ({len(late)})</p>',
        '<p class="plan-note">Fristen er passeret, og milepælen står som planlagt, i gang eller udskudt.</p>',
        late_html,
        "</div>",
    ]
    if unsure:
        parts += [
            '<div class="plan-box plan-unconfirmed" role="region" aria-labelledby="plan-unconfirmed-title">',
            f'<p class="plan-box__title" id="plan-unconfirmed-title">Frist passeret – status ikke bekræftet ({len(unsure)})</p>',
            '<p class="plan-note">Kilderne siger ikke, om disse milepæle er nået. De regnes ikke som '
            "overskredne; ret status i data, når det er afklaret.</p>",
            _short_list(plan, unsure, today, link=""),
            "</div>",
        ]
    return block("".join(parts))


def render_party(plan, party_id: str, today: dt.date) -> str:
    """One party's milestones: open first, then done and others."""
    party = plan.parties[party_id]
    pairs = milestones_of_party(in_phase_order(plan.milestones), party_id, plan.parties)
    if not pairs:
        return block(f'<p class="plan-muted">{esc(party.name)} har ingen milepæle i tidsplanen.</p>')

    def li(m: Milestone, via) -> str:
        via_text = f' <span class="plan-note">(som del af {esc(via.short_name)})</span>' if via else ""
        return (
            f'<li><span class="plan-tl-item__date">{esc(m.deadline.label())}</span> '
            f'<a href="{TIMELINE_PAGE}#{milestone_anchor(m.id)}">{esc(m.activity)}</a>{via_text} '
            f"{status_badge(m, today)}</li>"
        )

    groups = [
        ("Skal nås", [p for p in pairs if p[0].situation(today) in (CURRENT, "kommende", "afventer")]),
        ("Overskredet", [p for p in pairs if p[0].situation(today) == OVERDUE]),
        ("Frist passeret – ikke bekræftet", [p for p in pairs if p[0].situation(today) == UNCONFIRMED]),
        ("Gennemført", [p for p in pairs if p[0].situation(today) == "gennemfoert"]),
        ("Aflyst", [p for p in pairs if p[0].situation(today) == "aflyst"]),
    ]
    html = []
    for title, items in groups:
        if not items and title not in ("Skal nås",):
            continue
        content = "".join(li(m, via) for m, via in items) or "<li>Intet at nå lige nu.</li>"
        html.append(f'<p class="plan-party__group">{esc(title)} ({len(items)})</p><ul class="plan-ms-list">{content}</ul>')
    return block(f'<div class="plan-party">{"".join(html)}{today_line(today)}</div>')


def party_label(party) -> str:
    """The short name, unless it is an acronym (``SK``): then the full name."""
    short = party.short_name
    if short.isupper() and len(short) <= 4 and len(party.name) <= 30:
        return party.name
    return short


def party_heading(plan, party_id: str) -> str:
    return f"Hvad skal {party_label(plan.parties[party_id])} nå?"


def render_all_parties(plan, today: dt.date) -> str:
    """A Markdown heading (anchor ``part-<id>``) and the view for each party."""
    out = []
    for party in plan.parties.values():
        out.append(f"\n## {_md_text(party_heading(plan, party.id))} {{#part-{party.id}}}\n")
        if party_label(party) != party.name:
            out.append(f"\n{_md_text(party.name)}\n")
        out.append(render_party(plan, party.id, today))
    return "\n".join(out)


# --- decisions -------------------------------------------------------------------------------


def _md_text(text: str) -> str:
    """Escape data text for use in a Markdown line."""
    text = esc(text)
    for char in "\\`*_[]{}#|":
        text = text.replace(char, "\\" + char)
    return text


def render_decisions(plan, today: dt.date) -> str:
    """The decision log: a heading per decision (anchor = its id) and its details and milestones."""
    out = []
    for decision in plan.decisions.values():
        out.append(f"\n## {_md_text(decision_title(decision))} {{#{decision.id}}}\n")
        rows = []
        when = danish.date_long(decision.date) if decision.date else "Ukendt"
        if decision.date_note:
            when += f'<br><span class="plan-note">{esc(decision.date_note)}</span>'
        rows.append(("Dato", when))
        body = esc(plan.parties[decision.body].name) if decision.body else "Fremgår ikke af kilderne"
        if decision.body_note:
            body += f'<br><span class="plan-note">{esc(decision.body_note)}</span>'
        rows.append(("Organ", body))
        rows.append(("Møde", esc(decision.meeting)))
        rows.append(("Beslutning", esc(decision.text)))
        linked = milestones_of_decision(plan.milestones, decision.id)
        if linked:
            items = "".join(
                f'<li><a href="{TIMELINE_PAGE}#{milestone_anchor(m.id)}">{esc(m.activity)}</a> '
                f'<span class="plan-tl-item__date">({esc(m.deadline.label())})</span> {status_badge(m, today)}</li>'
                for m in linked
            )
            rows.append(("Milepæle", f'<ul class="plan-ms-list">{items}</ul>'))
        else:
            rows.append(("Milepæle", '<span class="plan-muted">Ingen milepæle henviser til beslutningen.</span>'))
        dl = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
        out.append(
            block(
                f'<div class="plan-decision"><dl class="plan-decision__list">{dl}</dl>'
                f"{sources_line(plan.sources, decision.source_ids)}</div>"
            )
        )
    return "\n".join(out)


def calendar_url(site_url: str) -> str:
    """The calendar's public address (absolute, so it can be subscribed to and printed)."""
    return site_url.rstrip("/") + "/" + CALENDAR_FILE


def render_calendar_link(site_url: str) -> str:
    url = calendar_url(site_url)
    return block(
        '<div class="plan-calendar plan-box">'
        '<p class="plan-box__title">Milepælene i din kalender</p>'
        f'<p><a class="plan-calendar__link" href="{esc(url)}">Hent kalenderfilen (.ics)</a> '
        f'eller abonnér på adressen <code>{esc(url)}</code> i Outlook, Google Kalender eller Apple '
        "Kalender. Så kommer ændringer i tidsplanen automatisk med.</p>"
        '<p class="plan-note">Kalenderen indeholder alle milepæle med en fast dag, måned eller periode '
        "(hele perioden vises som en heldagsbegivenhed). Milepæle, der afventer en dato, er ikke med.</p></div>"
    )


def render_status_legend() -> str:
    """A table explaining each status word and the flags shown next to it."""
    rows = [
        f"<tr><td>{status_badge_for(status)}</td><td>{esc(STATUS_MEANINGS[status])}</td></tr>"
        for status in STATUS_STYLES
    ]
    rows.append(
        f'<tr><td><span class="plan-flag plan-flag--overskredet">⚠ {OVERDUE_LABEL}</span></td>'
        "<td>Fristen er passeret, og milepælen står stadig som planlagt, i gang eller udskudt.</td></tr>"
    )
    rows.append(
        f'<tr><td><span class="plan-flag plan-flag--ubekraeftet">{UNCONFIRMED_LABEL}</span></td>'
        "<td>Fristen er passeret, men kilderne siger ikke, om milepælen er nået. Den regnes ikke som "
        "overskredet.</td></tr>"
    )
    rows.append(
        '<tr><td><span class="plan-flag plan-flag--aktuel">Frist nu</span></td>'
        "<td>I dag ligger inden for fristen (fx i den måned, fristen gælder).</td></tr>"
    )
    return block(
        '<table class="plan-status-legend"><caption>Status og markeringer</caption>'
        '<thead><tr><th scope="col">Markering</th><th scope="col">Betyder</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def status_badge_for(status: str) -> str:
    style = STATUS_STYLES[status]
    return (
        f'<span class="plan-status plan-status--{style.slug}">'
        f'<span class="plan-status__symbol" aria-hidden="true">{style.symbol}</span> {esc(style.label)}</span>'
    )


# --- building blocks ----------------------------------------------------------------------------


def blocks(plan, context) -> dict:
    today = context.today

    def for_party(part: str) -> str:
        if part not in plan.parties:
            raise PlanError(
                None,
                f"Byggeklodsen milepaele_for_part kender ikke parten «{part}».",
                suggest(part, plan.parties),
            )
        return render_party(plan, part, today)

    def next_box(antal: int = 5) -> str:
        if not isinstance(antal, int) or antal < 1:
            raise PlanError(
                None, f"Byggeklodsen naeste_milepaele: «{antal}» er ikke et gyldigt antal.", "Skriv fx {{ naeste_milepaele(5) }}."
            )
        return render_next(plan, today, antal)

    def calendar_block(adresse: str) -> str:
        if not isinstance(adresse, str) or not adresse.startswith(("https://", "http://")):
            raise PlanError(
                None,
                f"Byggeklodsen kalenderlink: «{adresse}» er ikke sitets webadresse.",
                "Skriv {{ kalenderlink(config.site_url) }}, og sæt site_url i mkdocs.yml.",
            )
        return render_calendar_link(adresse)

    return {
        "tidslinje": lambda: render_timeline(plan, today),
        "milepaelstabel": lambda: render_table(plan, today),
        "naeste_milepaele": next_box,
        "overskredne_milepaele": lambda: render_overdue(plan, today),
        "milepaele_for_part": for_party,
        "alle_parters_milepaele": lambda: render_all_parties(plan, today),
        "beslutningslog": lambda: render_decisions(plan, today),
        "kalenderlink": calendar_block,
        "statusforklaring": render_status_legend,
    }
