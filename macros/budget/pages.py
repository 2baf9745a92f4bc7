"""The plan's budget and Landsbyggefonden's co-financing rule.

Data: ``data/oekonomi/budget.yaml`` (amounts per year × financing party ×
theme) and the rule in ``data/lbf-krav.yaml`` (``medfinansiering``: operator,
threshold, which parties count as local). The share is computed here; the
25 % lives in the data.
"""

from __future__ import annotations

from macros.budget.cofinancing import CofinancingResult, cofinancing
from macros.budget.load import Budget
from macros.core import danish
from macros.core.html import block, esc, example_data_badge
from macros.core.thresholds import OPERATOR_WORDS, Status, status_badge
from macros.model.html import sources_line

#: What this module's building blocks read (for the block index in README.md).
READS = ("data/oekonomi/budget.yaml", "data/lbf-krav.yaml", "data/parter.yaml", "data/kilder.yaml")


# --- rendering -------------------------------------------------------------------------------


def _party(parties, party_id: str) -> str:
    party = parties.get(party_id)
    return esc(party.name if party else party_id)


def _kr(value: int) -> str:
    """Amounts in tables: the caption says «(kr.)», so cells carry only the number."""
    return danish.number(value, 0)


def render_budget_table(budget: Budget, parties) -> str:
    """Amounts per financing party (rows) and year (columns), with totals."""
    years = budget.years
    head = "".join(f'<th scope="col" class="plan-num">{y}</th>' for y in years)
    rows = []
    for party_id in budget.party_ids:
        cells = "".join(f'<td class="plan-num">{_kr(budget.amount(year=y, party=party_id))}</td>' for y in years)
        rows.append(
            f'<tr><th scope="row">{_party(parties, party_id)}</th>{cells}'
            f'<td class="plan-num"><strong>{_kr(budget.amount(party=party_id))}</strong></td></tr>'
        )
    totals = "".join(f'<td class="plan-num"><strong>{_kr(budget.amount(year=y))}</strong></td>' for y in years)
    rows.append(
        f'<tr class="plan-sum"><th scope="row">I alt</th>{totals}'
        f'<td class="plan-num"><strong>{_kr(budget.amount())}</strong></td></tr>'
    )
    badge = example_data_badge(budget.example_note) if budget.example_data else ""
    return block(
        f"{badge}\n"
        '<div class="plan-table-wrap" role="region" aria-label="Budget per år og finansieringskilde" tabindex="0">'
        '<table class="plan-table plan-budget">'
        f"<caption>Budget per år og finansieringskilde (kr.){' – eksempeldata' if budget.example_data else ''}"
        "</caption>"
        f'<thead><tr><th scope="col">Finansiering</th>{head}<th scope="col" class="plan-num">I alt</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def render_theme_table(budget: Budget) -> str:
    """Amounts per theme (rows) and year (columns), with each theme's share."""
    years = budget.years
    total = budget.amount()
    head = "".join(f'<th scope="col" class="plan-num">{y}</th>' for y in years)
    rows = []
    for theme in budget.themes:
        amount = budget.amount(theme=theme.id)
        cells = "".join(f'<td class="plan-num">{_kr(budget.amount(year=y, theme=theme.id))}</td>' for y in years)
        share = danish.percent(amount / total * 100, 1) if total else "–"
        rows.append(
            f'<tr><th scope="row">{esc(theme.name)}</th>{cells}'
            f'<td class="plan-num"><strong>{_kr(amount)}</strong></td><td class="plan-num">{share}</td></tr>'
        )
    badge = example_data_badge() if budget.example_data else ""
    return block(
        f"{badge}\n"
        '<div class="plan-table-wrap" role="region" aria-label="Budget per indsatsområde" tabindex="0">'
        '<table class="plan-table plan-budget">'
        f"<caption>Budget per indsatsområde og år (kr.){' – eksempeldata' if budget.example_data else ''}</caption>"
        f'<thead><tr><th scope="col">Indsatsområde</th>{head}<th scope="col" class="plan-num">I alt</th>'
        '<th scope="col" class="plan-num">Andel</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def render_cofinancing(result: CofinancingResult, budget: Budget, parties, sources) -> str:
    rule = result.rule
    limit = f"{OPERATOR_WORDS[rule.operator]} {danish.number(rule.threshold)}{danish.NBSP}%"
    if result.status is Status.UNKNOWN:
        verdict = "Kan ikke vurderes: budgettet er tomt (0 kr.)."
        figures = ""
    else:
        margin = result.margin
        side = "over" if margin > 0 else "under" if margin < 0 else "på"
        distance = (
            "præcis på grænsen"
            if round(margin, 9) == 0
            else f"{danish.number(abs(margin), 1)}{danish.NBSP}procentpoint {side} grænsen"
        )
        word = "opfyldt" if result.status is Status.MET else "ikke opfyldt"
        verdict = (
            f"Kravet er {word}: den lokale medfinansiering er {danish.percent(result.share, 1)} "
            f"{esc(rule.basis)} (kravet er {limit}; {distance})."
        )
        local_rows = "".join(
            f'<tr><th scope="row">{_party(parties, p)}</th><td class="plan-num">{_kr(budget.amount(party=p))}</td></tr>'
            for p in rule.local_party_ids
        )
        others = [p for p in budget.party_ids if p not in rule.local_party_ids]
        other_rows = "".join(
            f'<tr><th scope="row">{_party(parties, p)}</th><td class="plan-num">{_kr(budget.amount(party=p))}</td></tr>'
            for p in others
        )
        figures = (
            '<div class="plan-table-wrap" role="region" aria-label="Beregning af lokal medfinansiering" tabindex="0">'
            '<table class="plan-table plan-budget"><caption>Sådan er andelen beregnet (kr.)</caption>'
            '<thead><tr><th scope="col">Finansiering</th><th scope="col" class="plan-num">Beløb</th></tr></thead>'
            f"<tbody>{local_rows}"
            f'<tr class="plan-sum"><th scope="row">Lokal medfinansiering i alt</th>'
            f'<td class="plan-num"><strong>{_kr(result.local)}</strong></td></tr>'
            f"{other_rows}"
            f'<tr class="plan-sum"><th scope="row">Budget i alt</th><td class="plan-num"><strong>{_kr(result.total)}'
            "</strong></td></tr>"
            f'<tr class="plan-sum"><th scope="row">Lokal andel</th><td class="plan-num"><strong>'
            f"{danish.number(result.local, 0)} / {danish.number(result.total, 0)} = {danish.percent(result.share, 1)}"
            "</strong></td></tr></tbody></table></div>"
        )
        year_text = "; ".join(
            f"{year}: {danish.percent(share, 1) if share is not None else '–'}" for year, _, _, share in result.by_year
        )
        figures += f'<p class="plan-note">Den lokale andel år for år (kravet gælder hele perioden): {year_text}.</p>'

    badge = example_data_badge("Resultatet bygger på eksempeltal og siger intet om den rigtige plan.") if (
        budget.example_data
    ) else ""
    return block(
        f'<section class="plan-check plan-check--{result.status.css}" aria-label="{esc(rule.name)}">'
        f"{badge}"
        f'<p class="plan-check__verdict">{status_badge(result.status)} {verdict}</p>'
        f'<p class="plan-note">{esc(rule.explanation)}</p>'
        f"{figures}"
        f"{sources_line(sources, [rule.source_id] + ([budget.source_id] if budget.source_id else []))}"
        "</section>"
    )


def render_earlier_grants(budget: Budget, parties, sources) -> str:
    if not budget.earlier_grants:
        return ""
    items = "".join(
        f"<li><strong>{esc(g.period)}: {danish.kroner(g.amount)}</strong> fra {_party(parties, g.party_id)}. "
        f"{esc(g.description)}</li>"
        for g in budget.earlier_grants
    )
    return block(
        f'<ul class="plan-grants">{items}</ul>'
        f"{sources_line(sources, [g.source_id for g in budget.earlier_grants])}"
    )


def blocks(plan, context) -> dict:
    if plan.budget is None or plan.lbf_requirements is None:
        return {}
    budget = plan.budget
    rule = plan.lbf_requirements.cofinancing
    return {
        "budget_finansiering": lambda: render_budget_table(budget, plan.parties),
        "budget_indsatsomraader": lambda: render_theme_table(budget),
        "medfinansiering": lambda: render_cofinancing(cofinancing(budget, rule), budget, plan.parties, plan.sources),
        "tidligere_tilsagn": lambda: render_earlier_grants(budget, plan.parties, plan.sources),
    }
