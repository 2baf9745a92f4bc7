"""Spending on the Økonomi page: spent vs budgeted per year, theme and party, and the actual co-financing share.

Pure render functions on :func:`macros.budget.followup.followup`. Every
table carries the example-data label while the figures are examples, and a
preliminary year says so in words.
"""

from __future__ import annotations

from macros.budget.followup import Comparison, Followup, followup
from macros.budget.spending import Spending
from macros.core import danish
from macros.core.html import block, esc, example_data_badge
from macros.core.thresholds import OPERATOR_WORDS, Status, status_badge
from macros.model.html import sources_line

#: What this module's building blocks read (for the block index in README.md).
READS = ("data/oekonomi/forbrug.yaml", "data/oekonomi/budget.yaml", "data/lbf-krav.yaml", "data/parter.yaml",
         "data/kilder.yaml")


def _kr(value: int) -> str:
    return danish.number(value, 0)


def _share(value: float | None) -> str:
    return "–" if value is None else danish.percent(value, 1)


def _badge(spending: Spending, note: str = "") -> str:
    return example_data_badge(note or spending.example_note) if spending.example_data else ""


def _caption(text: str, spending: Spending) -> str:
    return f"<caption>{esc(text)}{' – eksempeldata' if spending.example_data else ''}</caption>"


def _year_label(item) -> str:
    if item.preliminary:
        until = danish.date_long(item.until) if item.until else ""
        return (
            f'{item.year}<br><span class="plan-small"><strong>Foreløbigt</strong>'
            f"{' – opgjort til ' + esc(until) if until else ''}</span>"
        )
    return f'{item.year}<br><span class="plan-small">Endeligt</span>'


def render_years(result: Followup, spending: Spending, period: str) -> str:
    """Spent vs budgeted per year, and the share of the whole period's budget used so far."""
    rows = "".join(
        f'<tr><th scope="row">{_year_label(item)}</th><td class="plan-num">{_kr(c.budgeted)}</td>'
        f'<td class="plan-num">{_kr(c.spent)}</td><td class="plan-num">{_share(c.share)}</td></tr>'
        for item, c in result.years
    )
    rows += (
        f'<tr class="plan-sum"><th scope="row">I alt indtil nu</th><td class="plan-num"><strong>'
        f"{_kr(result.budget_so_far)}</strong></td><td class=\"plan-num\"><strong>{_kr(result.spent_total)}</strong>"
        f'</td><td class="plan-num"><strong>{_share(result.spent_total / result.budget_so_far * 100 if result.budget_so_far else None)}'
        "</strong></td></tr>"
    )
    notes = "".join(f"<li>{item.year}: {esc(item.note)}</li>" for item, _ in result.years if item.note)
    preliminary = [item for item, _ in result.years if item.preliminary]
    warning = (
        f'<p class="plan-note"><strong>Foreløbige tal:</strong> forbruget for '
        f"{', '.join(str(i.year) for i in preliminary)} er ikke endeligt og kan ændre sig, når regnskabet er "
        "afsluttet.</p>"
        if preliminary
        else ""
    )
    used = (
        f"<p>Indtil nu er der brugt <strong>{danish.kroner(result.spent_total)}</strong> af hele planperiodens budget ({esc(period)}) på "
        f"{danish.kroner(result.budget_total)}, dvs. <strong>{_share(result.used_share)}</strong>.</p>"
    )
    return block(
        f"{_badge(spending)}{used}"
        '<div class="plan-table-wrap" role="region" aria-label="Forbrug og budget per år" tabindex="0">'
        f'<table class="plan-table plan-budget">{_caption("Forbrug og budget per år (kr.)", spending)}'
        '<thead><tr><th scope="col">År</th><th scope="col" class="plan-num">Budget</th>'
        '<th scope="col" class="plan-num">Forbrug</th><th scope="col" class="plan-num">Brugt af budgettet</th>'
        f"</tr></thead><tbody>{rows}</tbody></table></div>{warning}"
        + (f'<ul class="plan-note">{notes}</ul>' if notes else "")
    )


def _comparison_rows(items: tuple[Comparison, ...], names: dict[str, str]) -> str:
    return "".join(
        f'<tr><th scope="row">{esc(names.get(c.label_id, c.label_id))}</th><td class="plan-num">{_kr(c.budgeted)}</td>'
        f'<td class="plan-num">{_kr(c.spent)}</td><td class="plan-num">{_share(c.share)}</td></tr>'
        for c in items
    )


def render_breakdown(result: Followup, spending: Spending, themes, parties) -> str:
    """Spent vs the budget of the same years, per theme and per financing party."""
    years = ", ".join(str(item.year) for item, _ in result.years)
    head = (
        '<th scope="col" class="plan-num">Budget</th><th scope="col" class="plan-num">Forbrug</th>'
        '<th scope="col" class="plan-num">Brugt af budgettet</th></tr></thead>'
    )
    theme_names = {t.id: t.name for t in themes}
    party_names = {p: (parties[p].name if p in parties else p) for p in (c.label_id for c in result.parties)}
    return block(
        f"{_badge(spending, 'Forbruget er opdigtet.') if spending.example_data else ''}"
        f"<p>Forbruget sammenlignes med budgettet for de samme år ({esc(years)}).</p>"
        '<div class="plan-table-wrap" role="region" aria-label="Forbrug per indsatsområde" tabindex="0">'
        f'<table class="plan-table plan-budget">{_caption("Forbrug og budget per indsatsområde (kr.)", spending)}'
        f'<thead><tr><th scope="col">Indsatsområde</th>{head}'
        f"<tbody>{_comparison_rows(result.themes, theme_names)}</tbody></table></div>"
        '<div class="plan-table-wrap" role="region" aria-label="Forbrug per finansieringskilde" tabindex="0">'
        f'<table class="plan-table plan-budget">{_caption("Forbrug og budget per finansieringskilde (kr.)", spending)}'
        f'<thead><tr><th scope="col">Finansiering</th>{head}'
        f"<tbody>{_comparison_rows(result.parties, party_names)}</tbody></table></div>"
    )


def render_actual_cofinancing(result: Followup, spending: Spending, sources) -> str:
    """LBF's co-financing rule (the same rule and computation as for the budget) applied to what was spent."""
    co = result.cofinancing
    rule = co.rule
    limit = f"{OPERATOR_WORDS[rule.operator]} {danish.number(rule.threshold)}{danish.NBSP}%"
    if co.status is Status.UNKNOWN:
        verdict = "Kan ikke vurderes: der er ikke registreret noget forbrug endnu."
    else:
        side = "over" if co.margin > 0 else "under" if co.margin < 0 else "på"
        word = "opfyldt" if co.status is Status.MET else "ikke opfyldt"
        verdict = (
            f"Indtil nu er kravet {word}: kommunen og boligorganisationerne har betalt "
            f"{danish.kroner(co.local)} af et forbrug på {danish.kroner(co.total)}, dvs. "
            f"{danish.percent(co.share, 1)} (kravet er {limit}; {danish.number(abs(co.margin), 1)}{danish.NBSP}"
            f"procentpoint {side} grænsen)."
        )
    per_year = "; ".join(
        f"{year}{' (foreløbigt)' if spending.year(year) and spending.year(year).preliminary else ''}: {_share(share)}"
        for year, _, _, share in co.by_year
    )
    badge = _badge(spending, "Resultatet bygger på opdigtet forbrug og siger intet om den rigtige plan.")
    return block(
        f'<section class="plan-check plan-check--{co.status.css}" aria-label="Faktisk lokal medfinansiering">'
        f"{badge}"
        f'<p class="plan-check__verdict">{status_badge(co.status)} {esc(verdict)}</p>'
        f'<p class="plan-note">Den faktiske lokale andel år for år: {esc(per_year)}. Kravet gælder hele perioden, '
        "så et enkelt år under grænsen er ikke i sig selv et brud; det er et signal til bestyrelsen.</p>"
        f"{sources_line(sources, [rule.source_id] + ([spending.source_id] if spending.source_id else []))}"
        "</section>"
    )


def blocks(plan, context) -> dict:
    spending = getattr(plan, "spending", None)
    if spending is None or plan.budget is None or plan.lbf_requirements is None:
        return {}
    later = [y.year for y in spending.years if y.year > context.today.year]
    spending = spending.up_to(context.today.year)
    result = followup(plan.budget, spending, plan.lbf_requirements.cofinancing)
    hidden = (
        f'<p class="plan-note">Forbruget for {", ".join(map(str, later))} er ikke vist: planen er bygget, som den '
        f"så ud {danish.date_long(context.today)}.</p>"
        if later
        else ""
    )
    return {
        "forbrug_aar": lambda: render_years(result, spending, f"{plan.budget.years[0]}–{plan.budget.years[-1]}")
        + block(hidden),
        "forbrug_fordeling": lambda: render_breakdown(result, spending, plan.budget.themes, plan.parties),
        "forbrug_medfinansiering": lambda: render_actual_cofinancing(result, spending, plan.sources),
    }
