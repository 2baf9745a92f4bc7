"""The budget 2025–2029 (data/oekonomi/budget.yaml): its records and its loader."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.core.errors import (
    Location,
    PlanError,
    PlanErrors,
    suggest,
)
from macros.core.yamlio import load_validated
from macros.model.load import known_ids

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


def amount_problems(path: Path, item, theme_ids: list[str], verb: str) -> list[PlanError]:
    """A post's ``beloeb`` has exactly one amount per theme of the budget (budget and spending
    alike); *verb* says what a zero means («budgetteret», «brugt»)."""
    amounts = item["beloeb"]
    problems = [
        PlanError(Location(path, line=amounts.line_of(theme_id), column=theme_id),
                  f"Ukendt indsatsområde «{theme_id}».", suggest(theme_id, theme_ids))
        for theme_id in amounts if theme_id not in theme_ids
    ]
    problems += [
        PlanError(Location(path, line=item.line_of("beloeb"), column="beloeb"),
                  f"Posten for {item['finansiering']} i {item['aar']} mangler et beløb for «{theme_id}».",
                  f"Tilføj «{theme_id}: 0», hvis der ikke er {verb} noget.")
        for theme_id in theme_ids if theme_id not in amounts
    ]
    return problems


def load_budget(data_dir: Path, parties, sources, plan_years: range) -> Budget:
    path = Path(data_dir) / BUDGET_FILE
    raw = load_validated(path, "budget", known_ids(sources, parties))
    problems: list[PlanError] = []
    themes = tuple(Theme(t["id"], t["navn"]) for t in raw["indsatsomraader"])
    theme_ids = [t.id for t in themes]
    lines = []
    for index, item in enumerate(raw["poster"]):
        if item["aar"] not in plan_years:
            problems.append(
                PlanError(
                    Location(path, line=item.line_of("aar"), column="aar"),
                    f"Året {item['aar']} ligger uden for planperioden ({plan_years[0]}–{plan_years[-1]}).",
                    "Ret året, eller ret planperioden i data/plan.yaml.",
                )
            )
        amounts = item["beloeb"]
        problems.extend(amount_problems(path, item, theme_ids, "budgetteret"))
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
