"""The plan's budget and Landsbyggefonden's co-financing rule.

Data: ``data/oekonomi/budget.yaml`` (amounts per year × financing party ×
theme) and the rule in ``data/lbf-krav.yaml`` (``medfinansiering``: operator,
threshold, which parties count as local). The share is computed here; the
25 % lives in the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.core import danish
from macros.core.errors import (
    Location,
    PlanError,
    PlanErrors,
    suggest,
)
from macros.core.html import block, esc, example_data_badge
from macros.core.thresholds import OPERATOR_WORDS, Status, compare, status_badge
from macros.core.yamlio import load_validated
from macros.model.load import known_ids
from macros.model.html import sources_line

#: What this module's building blocks read (for the block index in README.md).
READS = ("data/oekonomi/budget.yaml", "data/lbf-krav.yaml", "data/parter.yaml", "data/kilder.yaml")

BUDGET_FILE = Path("oekonomi") / "budget.yaml"


@dataclass(frozen=True)
class Theme:
    id: str
    name: str


@dataclass(frozen=True)
class BudgetLine:
    year: int
    party_id: str
    amounts: dict[str, int]  # theme id -> kroner

    @property
    def total(self) -> int:
        return sum(self.amounts.values())


@dataclass(frozen=True)
class EarlierGrant:
    period: str
    party_id: str
    amount: int
    description: str
    source_id: str


@dataclass(frozen=True)
class Budget:
    example_data: bool
    example_note: str
    themes: tuple[Theme, ...]
    lines: tuple[BudgetLine, ...]
    earlier_grants: tuple[EarlierGrant, ...]
    source_id: str | None = None

    @property
    def years(self) -> list[int]:
        return sorted({line.year for line in self.lines})

    @property
    def party_ids(self) -> list[str]:
        return list(dict.fromkeys(line.party_id for line in self.lines))

    def amount(self, year: int | None = None, party: str | None = None, theme: str | None = None) -> int:
        """Sum of amounts, optionally restricted to a year, a party and a theme."""
        total = 0
        for line in self.lines:
            if (year is None or line.year == year) and (party is None or line.party_id == party):
                total += line.amounts.get(theme, 0) if theme else line.total
        return total


@dataclass(frozen=True)
class CofinancingRule:
    name: str
    operator: str
    threshold: float
    basis: str
    local_party_ids: tuple[str, ...]
    explanation: str
    source_id: str


@dataclass(frozen=True)
class CofinancingResult:
    rule: CofinancingRule
    total: int
    local: int
    status: Status
    share: float | None  # percent 0–100
    by_year: tuple[tuple[int, int, int, float | None], ...]  # year, total, local, share

    @property
    def margin(self) -> float | None:
        return None if self.share is None else self.share - self.rule.threshold


def load_budget(data_dir: Path, parties, sources, plan_years: range) -> Budget:
    path = Path(data_dir) / BUDGET_FILE
    raw = load_validated(path, "budget", known_ids(sources, parties))
    problems: list[PlanError] = []
    themes = tuple(Theme(t["id"], t["navn"]) for t in raw["indsatsomraader"])
    theme_ids = [t.id for t in themes]
    seen: dict[tuple[int, str], int | None] = {}
    lines = []
    for index, item in enumerate(raw["poster"]):
        line = raw["poster"].line_of(index)
        key = (item["aar"], item["finansiering"])
        if key in seen:
            problems.append(
                PlanError(
                    Location(path, line=line, column="aar"),
                    f"Der er allerede en post for {key[1]} i {key[0]} (linje {seen[key]}).",
                    "Læg beløbene sammen i én post, eller ret år eller finansieringskilde.",
                )
            )
        seen[key] = line
        if item["aar"] not in plan_years:
            problems.append(
                PlanError(
                    Location(path, line=item.line_of("aar"), column="aar"),
                    f"Året {item['aar']} ligger uden for planperioden ({plan_years[0]}–{plan_years[-1]}).",
                    "Ret året, eller ret planperioden i data/plan.yaml.",
                )
            )
        amounts = item["beloeb"]
        for theme_id in amounts:
            if theme_id not in theme_ids:
                problems.append(
                    PlanError(
                        Location(path, line=amounts.line_of(theme_id), column=theme_id),
                        f"Ukendt indsatsområde «{theme_id}».",
                        suggest(theme_id, theme_ids),
                    )
                )
        for theme_id in theme_ids:
            if theme_id not in amounts:
                problems.append(
                    PlanError(
                        Location(path, line=item.line_of("beloeb"), column="beloeb"),
                        f"Posten for {item['finansiering']} i {item['aar']} mangler et beløb for «{theme_id}».",
                        f"Tilføj «{theme_id}: 0», hvis der ikke er budgetteret noget.",
                    )
                )
        lines.append(BudgetLine(item["aar"], item["finansiering"], dict(amounts)))
    grants = []
    for index, item in enumerate(raw.get("tidligere_tilsagn", [])):
        grants.append(EarlierGrant(item["periode"], item["part"], item["beloeb"], item["beskrivelse"], item["kilde"]))
    if not raw["eksempeldata"] and "kilde" not in raw:
        problems.append(
            PlanError(
                Location(path, line=raw.line_of("eksempeldata"), column="kilde"),
                "Budgettet er markeret som rigtige tal, men der står ingen kilde.",
                "Tilføj «kilde: <id fra kilder.yaml>» for det godkendte budget, eller sæt «eksempeldata: true».",
            )
        )
    if problems:
        problems.sort(key=lambda p: p.location.line or 0)
        raise PlanErrors(problems)
    return Budget(
        example_data=raw["eksempeldata"],
        example_note=raw.get("eksempeldata_note", ""),
        themes=themes,
        lines=tuple(lines),
        earlier_grants=tuple(grants),
        source_id=raw.get("kilde"),
    )


def cofinancing(budget: Budget, rule: CofinancingRule) -> CofinancingResult:
    """Local parties' share of the budget, in total and per year, checked against the rule."""

    def share(total: int, local: int) -> float | None:
        return None if total <= 0 else local / total * 100

    total = budget.amount()
    local = sum(budget.amount(party=p) for p in rule.local_party_ids)
    by_year = []
    for year in budget.years:
        y_total = budget.amount(year=year)
        y_local = sum(budget.amount(year=year, party=p) for p in rule.local_party_ids)
        by_year.append((year, y_total, y_local, share(y_total, y_local)))
    value = share(total, local)
    if value is None:
        status = Status.UNKNOWN
    else:
        status = Status.MET if compare(rule.operator, value, rule.threshold) else Status.NOT_MET
    return CofinancingResult(rule, total, local, status, value, tuple(by_year))


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
