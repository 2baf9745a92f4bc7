"""The yearly status report in Danish: HTML sections from a :class:`~macros.status.year.YearSummary`.

The same sections make the site page (``docs/aarsstatus.md``, every plan year,
newest first) and the PDF (:mod:`macros.status.report`). The follow-up tables,
the spending tables and the lists matrix are the ones the plan's own pages
use, given only what was known at the end of the year, so they carry the same
"Eksempeldata" labels and the same disclosure control. Static HTML only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.budget import followuppages
from macros.core import danish, gitrepo
from macros.core.html import block, esc, example_data_badge
from macros.core.thresholds import OPERATOR_WORDS, Status
from macros.criteria import listpages
from macros.criteria.engine import CriteriaEngine, lc
from macros.criteria.inputs import inputs_from_plan
from macros.criteria.lists import OfficialLists
from macros.followup import pages as followup_pages
from macros.followup.progress import BEHIND, LABELS, ON_TRACK, REACHED, UNKNOWN
from macros.plan import Plan
from macros.review.changelog import MAX_HISTORY
from macros.status.year import PlanYear, YearSummary, plan_years, year_summary

#: What this module's building blocks read (for the block index in README.md).
READS = ("data/plan.yaml", "data/indikatorer.yaml", "data/milepaele.yaml", "data/beslutninger.yaml",
         "data/oekonomi/forbrug.yaml", "data/kriterier/lister.yaml", "data/godkendelser.yaml", "git history")

#: The report's PDF, in the site's pdf/ folder.
PDF_NAME = "aarsstatus-{year}.pdf"
#: From the Årsstatus page (docs/aarsstatus.md) to the site root.
SITE_ROOT = "../"
PAGE_TITLE = "Årsstatus"


@dataclass(frozen=True)
class Section:
    key: str  # part of the heading's id
    title: str
    html: str


def report_title(period: PlanYear) -> str:
    return f"{PAGE_TITLE} {period.year}" + (" (foreløbig)" if period.preliminary else "")


def covered_text(period: PlanYear) -> str:
    """``1. oktober–31. december 2025`` / ``1. januar–1. december 2026 (foreløbig)``."""
    first = danish.date_long(period.start)
    if period.start.year == period.end.year:
        first = first.rsplit(" ", 1)[0]
    return f"{first}–{danish.date_long(period.end)}"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _party_names(plan: Plan, ids) -> str:
    return danish.join([plan.parties[p].short_name if p in plan.parties else p for p in ids])


# --- the summary -------------------------------------------------------------------------------


def indicators_sentence(summary: YearSummary) -> str:
    ind = summary.indicators
    if ind is None:
        return "Planen har ingen indikatorer endnu."
    counts = ind.counts
    total = sum(counts.values())
    parts = [f"{counts[k]} {LABELS[k][1].lower()}" for k in (REACHED, ON_TRACK, BEHIND, UNKNOWN) if counts[k]]
    text = (f"For hele planen er status på de {total} indikatorer med tal til og med {summary.period.year}: "
            f"{danish.join(parts)}.")
    behind = {a: n for a, n in ind.behind_by_area.items() if n}
    if behind:
        names = ind.series[0].names
        text += " Bagud i de enkelte områder: " + danish.join(
            [f"{names.get(a, a)} {_count(n, 'indikator', 'indikatorer')}" for a, n in behind.items()]) + "."
    if ind.example:
        text += " Tallene er eksempeldata."
    return text


def milestones_sentence(summary: YearSummary) -> str:
    m = summary.milestones
    parts = []
    if m.reached:
        parts.append(_count(len(m.reached), "milepæl blev nået", "milepæle blev nået"))
    if m.late:
        parts.append(_count(len(m.late), "milepæl er overskredet", "milepæle er overskredet"))
    if m.unconfirmed:
        parts.append(_count(len(m.unconfirmed), "milepæl", "milepæle")
                     + " har en frist, der er passeret, uden at kilderne bekræfter, om den er nået")
    if m.moved:
        parts.append(_count(len(m.moved), "milepæl er udskudt", "milepæle er udskudt"))
    if not parts:
        text = f"Ingen af planens milepæle havde frist eller blev nået i {summary.period.year}."
    else:
        text = danish.join(parts) + "."
    if m.still_late:
        text += " " + _count(len(m.still_late), "milepæl fra et tidligere år er stadig ikke nået.",
                             "milepæle fra tidligere år er stadig ikke nået.")
    return text


def spending_sentence(summary: YearSummary) -> str:
    sp = summary.spending
    year = summary.period.year
    if sp is None:
        return "Planen har intet budget eller forbrug registreret."
    if sp.comparison is None:
        return f"Der er ikke registreret noget forbrug for {year} endnu."
    c = sp.comparison
    share = danish.percent(c.share, 1) if c.share is not None else "–"
    when = ""
    if sp.item.preliminary:
        until = f", opgjort til {danish.date_long(sp.item.until)}" if sp.item.until else ""
        when = f" (foreløbigt tal{until})"
    text = (f"I {year} er der brugt {danish.kroner(c.spent)} af årets budget på {danish.kroner(c.budgeted)}, "
            f"dvs. {share}{when}.")
    used = sp.result.used_share
    if used is not None:
        text += f" Til og med {year} er {danish.percent(used, 1)} af hele planperiodens budget brugt."
    co = sp.result.cofinancing
    if co.status is not Status.UNKNOWN:
        rule = co.rule
        limit = f"{OPERATOR_WORDS[rule.operator]} {danish.percent(rule.threshold)}"
        word = "opfyldt" if co.status is Status.MET else "ikke opfyldt"
        text += f" Den faktiske lokale medfinansiering er {danish.percent(co.share, 1)} (kravet er {limit}: {word})."
    if sp.spending.example_data:
        text += " Tallene er eksempeldata."
    return text


def placements_text(plan: Plan, summary: YearSummary) -> list[str]:
    """One short text per plan area on the year's list (categories by the period's names)."""
    official = summary.official_list
    rule_set = plan.criteria_rules.by_id(official.rule_set_id) if plan.criteria_rules is not None else None
    names = {c.id: c.name for c in rule_set.categories} if rule_set is not None else {}
    out = []
    for area in plan.plan_areas:
        placement = official.placement(area.id)
        if placement is None:
            out.append(f"{area.name}: ikke nævnt i kilden")
            continue
        on = [lc(names.get(c, c)) for c in placement.on]
        off = [lc(names.get(c, c)) for c in placement.off]
        text = f"{area.name}: " + ("på listen " + danish.join([f"«{n}»" for n in on]) if on else "")
        if off:
            text += ("; " if on else "") + "ikke på " + danish.join([f"«{n}»" for n in off])
        if placement.uncertain:
            text += " (usikkert)"
        out.append(text)
    return out


def lists_sentence(plan: Plan, summary: YearSummary) -> str:
    year = summary.period.year
    if summary.official_list is None:
        if summary.period.preliminary:
            return f"Ministeriets lister 1. december {year} er ikke lagt ind i planen endnu."
        return f"Der er ikke registreret nogen liste fra 1. december {year} i planen."
    text = f"Ministeriets lister 1. december {year}: " + "; ".join(placements_text(plan, summary)) + "."
    if summary.official_list.note:
        text += " " + summary.official_list.note
    return text


def changes_sentence(summary: YearSummary) -> str:
    ch = summary.changes
    year = summary.period.year
    if ch.commits is None:
        return "Ændringerne i planen kan ikke vises, fordi denne udgave er bygget uden for git."
    proposals = sum(1 for c in ch.commits if c.pull_request is not None)
    others = len(ch.commits) - proposals
    if not ch.commits:
        text = f"Der er ikke lagt nogen ændringer ind i planen i {year}"
    else:
        parts = ([_count(proposals, "ændringsforslag", "ændringsforslag")] if proposals else []) + (
            [_count(others, "anden ændring", "andre ændringer") if proposals else _count(others, "ændring", "ændringer")]
            if others else [])
        text = f"{danish.join(parts)} er lagt ind i planen i {year}"
    if ch.approvals:
        text += f", og {_count(len(ch.approvals), 'godkendelse', 'godkendelser')} er registreret"
    return text + "."


def decisions_sentence(summary: YearSummary) -> str:
    if not summary.decisions:
        return f"Der er ikke registreret nogen beslutninger i {summary.period.year}."
    return f"{_count(len(summary.decisions), 'beslutning', 'beslutninger')} er truffet i året."


def render_summary(plan: Plan, summary: YearSummary) -> str:
    period = summary.period
    if period.preliminary:
        intro = (f"Årsstatussen for {period.year} er <strong>foreløbig</strong>: året er ikke slut, og den er "
                 f"opgjort {esc(danish.date_long(period.end))}. Den dækker {esc(covered_text(period))}.")
    else:
        intro = f"Årsstatussen dækker {esc(covered_text(period))}."
    items = [
        ("Indikatorer", indicators_sentence(summary)),
        ("Milepæle", milestones_sentence(summary)),
        ("Beslutninger", decisions_sentence(summary)),
        ("Økonomi", spending_sentence(summary)),
        ("Ministeriets lister", lists_sentence(plan, summary)),
        ("Ændringer i planen", changes_sentence(summary)),
    ]
    badge = example_data_badge("Indikatorerne og forbruget bygger på eksempeldata, indtil de rigtige tal er lagt "
                               "ind. Det står ved hvert tal.") if summary.example_data else ""
    rows = "".join(f"<li><strong>{esc(label)}:</strong> {esc(text)}</li>" for label, text in items)
    return f'<div class="plan-aars-sum">{badge}<p>{intro}</p><ul class="plan-aars-punkter">{rows}</ul></div>'


# --- the sections ----------------------------------------------------------------------------


def render_indicators(plan: Plan, summary: YearSummary, link_prefix: str) -> str:
    ind = summary.indicators
    if ind is None:
        return '<p class="plan-note">Planen har ingen indikatorer endnu.</p>'
    items = ind.series
    parts = [f'<p>Status er afgjort af de tal, der fandtes til og med {summary.period.year}, efter planens regel '
             "(se siden Opfølgning).</p>", followup_pages.render_status_counts(items)]
    for theme in plan.themes.values():
        theme_items = [s for s in items if s.indicator.theme_id == theme.id]
        if theme_items:
            parts.append(followup_pages.render_overview(
                theme_items, f"{theme.name}: tal til og med {summary.period.year}, mål og status",
                link_prefix=link_prefix))
    return "".join(parts)


def _milestone_item(plan: Plan, m, extra: str = "") -> str:
    who = _party_names(plan, m.responsible)
    text = f"{esc(m.activity)} <span class=\"plan-small\">Frist: {esc(m.deadline.label())}"
    if who:
        text += f". Ansvarlig: {esc(who)}"
    if extra:
        text += f". {esc(extra)}"
    return f"<li>{text}.</span></li>"


def render_milestones(plan: Plan, summary: YearSummary) -> str:
    m = summary.milestones
    on = danish.date_long(summary.period.end)
    groups = [
        ("✓", "Nået i året", m.reached, lambda x: f"Nået: {x.completion.label()}"),
        ("⚠", f"Overskredet pr. {on}", m.late, lambda x: f"Status: {x.status}"),
        ("⚠", "Overskredet fra et tidligere år og stadig ikke nået", m.still_late, lambda x: f"Status: {x.status}"),
        ("?", "Frist passeret – status ikke bekræftet", m.unconfirmed, lambda x: x.note),
        ("➜", "Udskudt", m.moved, lambda x: x.note),
        ("…", "Resten af året", m.coming, lambda x: ""),
    ]
    out = []
    for icon, title, items, extra in groups:
        if not items:
            continue
        lis = "".join(_milestone_item(plan, x, extra(x)) for x in items)
        out.append(f'<p class="plan-aars-gruppe"><span aria-hidden="true">{icon}</span> <strong>{esc(title)}'
                   f"</strong> ({len(items)})</p><ul class=\"plan-aars-liste\">{lis}</ul>")
    if not out:
        return f'<p class="plan-note">Ingen af planens milepæle havde frist eller blev nået i {summary.period.year}.</p>'
    return "".join(out)


def render_decisions(plan: Plan, summary: YearSummary, link_prefix: str) -> str:
    if not summary.decisions:
        return f'<p class="plan-note">Der er ikke registreret nogen beslutninger i {summary.period.year}.</p>'
    rows = []
    for d in summary.decisions:
        body = plan.parties[d.body].name if d.body in plan.parties else d.body_note
        rows.append(
            f'<tr><td class="plan-nowrap">{esc(danish.date_long(d.date))}</td><td>{esc(body)}</td>'
            f'<td><a href="{link_prefix}beslutninger/#{esc(d.id)}">{esc(d.title)}</a>'
            f'<br><span class="plan-small">{esc(d.text)}</span></td></tr>'
        )
    caption = f"Beslutninger i {summary.period.year}"
    return (f'<div class="plan-table-wrap" role="region" tabindex="0" aria-label="{esc(caption)}">'
            f'<table class="plan-table plan-aars-beslutninger"><caption>{esc(caption)}</caption>'
            '<thead><tr><th scope="col">Dato</th><th scope="col">Organ</th><th scope="col">Beslutning</th></tr>'
            f'</thead><tbody>{"".join(rows)}</tbody></table></div>')


def render_spending(plan: Plan, summary: YearSummary) -> str:
    sp = summary.spending
    if sp is None:
        return '<p class="plan-note">Planen har intet budget eller forbrug registreret.</p>'
    period = f"{plan.budget.years[0]}–{plan.budget.years[-1]}"
    if sp.comparison is None:
        return f'<p class="plan-note">{esc(spending_sentence(summary))}</p>'
    return (followuppages.render_years(sp.result, sp.spending, period)
            + followuppages.render_actual_cofinancing(sp.result, sp.spending, plan.sources))


def render_lists(plan: Plan, summary: YearSummary, engine: CriteriaEngine | None, example_data: bool) -> str:
    if summary.official_list is None or engine is None:
        return f"<p>{esc(lists_sentence(plan, summary))}</p>"
    lead = (f"<p>Sådan stod planens boligområder på ministeriets lister 1. december {summary.period.year}, "
            "ved siden af planens egen beregning for samme år.</p>")
    return lead + listpages.render_overview(engine, OfficialLists((summary.official_list,)), plan.plan_areas,
                                            example_data, plan.sources)


def render_changes(summary: YearSummary, repo_url: str) -> str:
    ch = summary.changes
    parts = [f"<p>{esc(changes_sentence(summary))}</p>"]
    if ch.approvals:
        items = "".join(f"<li>{esc(danish.date_long(a.date))}: version {esc(a.presented)} ({esc(a.reference)})</li>"
                        for a in ch.approvals)
        parts.append(f'<p class="plan-aars-gruppe"><strong>Godkendelser</strong></p><ul>{items}</ul>')
    listed = [c for c in (ch.commits or ()) if c.pull_request is not None or c.title == gitrepo.PR_CHECK_TITLE]
    if listed:
        repo_url = repo_url.rstrip("/")
        rows = []
        for c in listed:
            if c.pull_request is not None and repo_url:
                where = f'<a href="{esc(repo_url)}/pull/{c.pull_request}">pull request #{c.pull_request}</a>'
            elif c.pull_request is not None:
                where = f"pull request #{c.pull_request}"
            else:
                where = esc(c.short)
            rows.append(f'<tr><td class="plan-nowrap">{esc(danish.date_long(c.date))}</td><td>{esc(c.title)}</td>'
                        f"<td>{where}</td></tr>")
        caption = f"Ændringsforslag lagt ind i {summary.period.year}, nyeste først"
        parts.append(f'<div class="plan-table-wrap" role="region" tabindex="0" aria-label="{esc(caption)}">'
                     f'<table class="plan-table"><caption>{esc(caption)}</caption><thead><tr>'
                     '<th scope="col">Dato</th><th scope="col">Ændring</th><th scope="col">Hvor</th></tr></thead>'
                     f'<tbody>{"".join(rows)}</tbody></table></div>')
    if ch.commits and len(listed) < len(ch.commits):
        parts.append('<p class="plan-note">Ændringer lagt ind uden et ændringsforslag (fx arbejde på sitets '
                     "opsætning) står i historikken i repositoryet.</p>")
    return "".join(parts)


def report_sections(plan: Plan, summary: YearSummary, engine: CriteriaEngine | None, example_criteria: bool,
                    repo_url: str = "", link_prefix: str = SITE_ROOT) -> list[Section]:
    """The report's sections in reading order (*link_prefix*: from the page to the site root)."""
    year = summary.period.year
    return [
        Section("sammenfatning", "Sammenfatning", render_summary(plan, summary)),
        Section("indikatorer", "Indikatorer", render_indicators(plan, summary, link_prefix + "opfoelgning/#")),
        Section("milepaele", f"Milepæle i {year}", render_milestones(plan, summary)),
        Section("beslutninger", f"Beslutninger i {year}", render_decisions(plan, summary, link_prefix)),
        Section("oekonomi", "Økonomi: forbrug og budget", render_spending(plan, summary)),
        Section("lister", f"Ministeriets lister 1. december {year}",
                render_lists(plan, summary, engine, example_criteria)),
        Section("aendringer", f"Ændringer i planen i {year}", render_changes(summary, repo_url)),
    ]


def section_id(period: PlanYear, key: str) -> str:
    return f"aarsstatus-{period.year}-{key}"


# --- the site page ------------------------------------------------------------------------------


def render_index(years: list[PlanYear], pdf_prefix: str = SITE_ROOT + "pdf/") -> str:
    """The list of reports: each year's section on this page and its PDF."""
    if not years:
        return block('<p class="plan-note">Den første årsstatus kommer, når planperioden er begyndt.</p>')
    items = "".join(
        f'<li><a href="#aarsstatus-{p.year}">{esc(report_title(p))}</a>, {esc(covered_text(p))} · '
        f'<a class="plan-pdf-noref" href="{pdf_prefix}{PDF_NAME.format(year=p.year)}">PDF</a></li>'
        for p in reversed(years)
    )
    return block(f'<ul class="plan-aars-oversigt">{items}</ul>')


def render_page(sections_by_year: list[tuple[PlanYear, list[Section]]]) -> str:
    """Every year's report, newest first, as Markdown headings (so they are in the page's contents) and HTML."""
    out = []
    for period, sections in reversed(sections_by_year):
        out.append(f"\n\n## {esc(report_title(period))} {{#aarsstatus-{period.year}}}\n\n")
        for s in sections:
            out.append(f"\n\n### {esc(s.title)} {{#{section_id(period, s.key)}}}\n\n")
            out.append(block(s.html))
    return "".join(out)


@dataclass(frozen=True)
class Reports:
    """Every plan year's summary and sections for one build."""

    years: list[PlanYear]
    summaries: list[YearSummary]
    sections: list[list[Section]]


def build_reports(plan: Plan, context, repo: Path, repo_url: str = "", link_prefix: str = SITE_ROOT) -> Reports:
    """Read the history once, and work out every year that has begun by the build's day."""
    facts = plan.facts
    years = plan_years(facts.start, facts.end, context.today)
    commits = gitrepo.commits(repo, "HEAD", None, limit=MAX_HISTORY) if context.git is not None else None
    summaries = [year_summary(plan, p, commits) for p in years]
    engine, example = None, False
    if plan.criteria_rules is not None and plan.official_lists is not None:
        inputs = inputs_from_plan(plan)
        engine, example = CriteriaEngine(plan.criteria_rules, inputs), inputs.example_data
    sections = [report_sections(plan, s, engine, example, repo_url, link_prefix) for s in summaries]
    return Reports(years, summaries, sections)


def blocks(plan: Plan, context) -> dict:
    repo = Path(plan.data_dir).parent
    state: dict = {}

    def reports(repo_url: str) -> Reports:
        if repo_url not in state:
            state[repo_url] = build_reports(plan, context, repo, repo_url)
        return state[repo_url]

    def aarsstatus_oversigt():
        return render_index(plan_years(plan.facts.start, plan.facts.end, context.today))

    def aarsstatus(repo_url=""):
        found = reports(repo_url)
        return render_page(list(zip(found.years, found.sections)))

    return {"aarsstatus_oversigt": aarsstatus_oversigt, "aarsstatus": aarsstatus}
