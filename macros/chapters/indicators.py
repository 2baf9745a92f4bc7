"""Indicators per theme: baseline, target, latest value and progress.

Data: ``data/indikatorer.yaml``. Each indicator belongs to a theme, has a
unit and a direction (higher or lower is better), and optional measurements
(``udgangspunkt``, ``maal``, ``seneste``: value + year). Values that are not
official must be flagged ``eksempeldata: true``; real values need a source.

Progress is shown as text *and* a bar (inline SVG with its colours as
attributes, so it prints without CSS); the bar is hidden from screen readers
because the text says the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.chapters.themes import theme
from macros.core import danish
from macros.core.errors import Location, PlanError
from macros.core.html import block, esc, example_data_badge
from macros.core.yamlio import load_validated
from macros.model.refs import RefChecker, check_unique_ids

#: What this module's building blocks read (for the block index in README.md).
READS = ("data/indikatorer.yaml", "data/indsatsomraader.yaml", "data/kilder.yaml")

FILE_NAME = "indikatorer.yaml"

#: Units whose values are counts of persons: 1–4 must never be published.
PERSON_COUNT_UNITS = {"antal-personer"}


@dataclass(frozen=True)
class Measurement:
    value: float
    year: int


@dataclass(frozen=True)
class Reference:
    value: float
    text: str
    source_id: str
    year: int | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Indicator:
    id: str
    theme_id: str
    name: str
    unit: str
    decimals: int
    direction: str  # "op" (higher is better) or "ned" (lower is better)
    data_source: str
    example: bool
    baseline: Measurement | None = None
    target: Measurement | None = None
    latest: Measurement | None = None
    source_id: str | None = None
    reference: Reference | None = None


@dataclass(frozen=True)
class Progress:
    """How far the latest value has come from the baseline towards the target.

    ``status`` is one of ``afventer`` (no baseline or target), ``ingen-maaling``
    (no value since the baseline), ``paa-vej``, ``naaet`` or ``forkert-vej``;
    ``share`` is the fraction of the way (can be < 0 or > 1), or ``None``.
    """

    status: str
    share: float | None = None

    @property
    def bar_percent(self) -> float:
        if self.share is None:
            return 0.0
        return max(0.0, min(1.0, self.share)) * 100


def progress(ind: Indicator) -> Progress:
    if ind.baseline is None or ind.target is None:
        return Progress("afventer")
    if ind.latest is None:
        return Progress("ingen-maaling")
    span = ind.target.value - ind.baseline.value
    share = (ind.latest.value - ind.baseline.value) / span
    if share >= 1:
        return Progress("naaet", share)
    if share < 0:
        return Progress("forkert-vej", share)
    return Progress("paa-vej", share)


# --- loading -----------------------------------------------------------------------


def _measurement(raw) -> Measurement | None:
    return Measurement(raw["vaerdi"], raw["aar"]) if raw is not None else None


def load_indicators(data_dir: Path, themes: dict, sources: dict, min_count: int) -> dict[str, Indicator]:
    """Load ``indikatorer.yaml`` and check references, years, direction and privacy.

    *min_count* is the disclosure rule's smallest publishable count of persons
    (``diskretionering.mindste_antal`` in beboerdata/tabeller.yaml).
    """

    path = data_dir / FILE_NAME
    items = load_validated(path, "indikatorer")
    check_unique_ids(items, path, "En indikator")
    refs = RefChecker()
    indicators: dict[str, Indicator] = {}

    def problem(item, key: str, text: str, fix: str) -> None:
        refs.problems.append(PlanError(Location(path, line=item.line_of(key), column=key), text, fix))

    for item in items:
        refs.check(item["indsatsomraade"], themes, path, item.line_of("indsatsomraade"), "indsatsområde", "indsatsomraade")
        if "kilde" in item:
            refs.check(item["kilde"], sources, path, item.line_of("kilde"), "kilde", "kilde")
        reference = item.get("reference")
        if reference is not None:
            refs.check(reference["kilde"], sources, path, reference.line_of("kilde"), "kilde", "kilde")

        measured = [k for k in ("udgangspunkt", "maal", "seneste") if k in item]
        if measured and not item["eksempeldata"] and "kilde" not in item:
            problem(
                item,
                "eksempeldata",
                f"Indikatoren «{item['id']}» har rigtige tal (eksempeldata: false), men ingen kilde.",
                "Tilføj «kilde: <id fra kilder.yaml>», eller skriv «eksempeldata: true», hvis tallene ikke er officielle.",
            )
        if item["enhed"] in PERSON_COUNT_UNITS:
            for key in measured:
                value = item[key]["vaerdi"]
                if 0 < value < min_count:
                    problem(
                        item[key],
                        "vaerdi",
                        f"Et antal personer mellem 1 og {min_count - 1} ({danish.number(value)}) må ikke offentliggøres.",
                        "Af hensyn til beboernes privatliv: slet tallet, eller brug et samlet tal for flere områder eller år.",
                    )
        if "udgangspunkt" in item and "maal" in item:
            base, goal = item["udgangspunkt"], item["maal"]
            if goal["aar"] <= base["aar"]:
                problem(goal, "aar", "Målets år skal ligge efter udgangspunktets år.", "Ret «aar» under «maal» eller «udgangspunkt».")
            if goal["vaerdi"] == base["vaerdi"]:
                problem(goal, "vaerdi", "Målet er det samme som udgangspunktet.", "Sæt et mål, der er forskelligt fra udgangspunktet.")
            elif (goal["vaerdi"] > base["vaerdi"]) != (item["retning"] == "op"):
                wanted = "højere" if item["retning"] == "op" else "lavere"
                problem(
                    goal,
                    "vaerdi",
                    f"Indikatoren skal gå «{item['retning']}», men målet er ikke {wanted} end udgangspunktet.",
                    "Ret målet eller «retning» (op = højere er bedre, ned = lavere er bedre).",
                )
        if "udgangspunkt" in item and "seneste" in item and item["seneste"]["aar"] < item["udgangspunkt"]["aar"]:
            problem(item["seneste"], "aar", "Den seneste måling er ældre end udgangspunktet.", "Ret «aar» under «seneste».")

        indicators[item["id"]] = Indicator(
            id=item["id"],
            theme_id=item["indsatsomraade"],
            name=item["navn"],
            unit=item["enhed"],
            decimals=item.get("decimaler", 0),
            direction=item["retning"],
            data_source=item["datakilde"],
            example=item["eksempeldata"],
            baseline=_measurement(item.get("udgangspunkt")),
            target=_measurement(item.get("maal")),
            latest=_measurement(item.get("seneste")),
            source_id=item.get("kilde"),
            reference=(
                Reference(reference["vaerdi"], reference["tekst"], reference["kilde"], reference.get("aar"), reference.get("enhed"))
                if reference is not None
                else None
            ),
        )
    refs.raise_if_any()
    return indicators


# --- rendering -------------------------------------------------------------------


def format_value(value: float, unit: str, decimals: int = 0) -> str:
    """A value in its unit, the Danish way: ``34,5 %``, ``31,6 pr. 1.000``, ``123``."""
    if unit == "procent":
        return danish.percent(value, decimals)
    if unit == "pr-1000":
        return f"{danish.number(value, decimals)} pr.{danish.NBSP}1.000"
    if unit == "kroner":
        return danish.kroner(value, decimals)
    return danish.number(value, decimals)


def _decimals_of(value: float) -> int:
    return 0 if float(value).is_integer() else 1


def _cell(m: Measurement | None, ind: Indicator, label: str) -> str:
    if m is None:
        return f'<td class="plan-ind__mangler" data-label="{label}">Afventer</td>'
    return (
        f'<td data-label="{label}">{format_value(m.value, ind.unit, ind.decimals)} '
        f'<span class="plan-ind__aar">({m.year})</span></td>'
    )


def _has_values(ind: Indicator) -> bool:
    return any(m is not None for m in (ind.baseline, ind.target, ind.latest))


def progress_text(p: Progress) -> str:
    if p.status == "afventer":
        return "Afventer data"
    if p.status == "ingen-maaling":
        return "Afventer første måling"
    if p.status == "naaet":
        return "✓ Målet er nået"
    if p.status == "forkert-vej":
        return "↓ Går den forkerte vej"
    return f"{danish.percent(p.share * 100)} af vejen mod målet"


def render_progress(p: Progress) -> str:
    """Progress as text plus a bar; the bar is decoration for sighted readers."""
    text = f'<span class="plan-fremdrift__tekst">{progress_text(p)}</span>'
    if p.status in ("afventer", "ingen-maaling"):
        return f'<div class="plan-fremdrift plan-fremdrift--{p.status}">{text}</div>'
    width = round(p.bar_percent, 1)
    bar = (
        '<svg class="plan-fremdrift__bar" viewBox="0 0 100 10" preserveAspectRatio="none" '
        'width="100%" height="10" aria-hidden="true" focusable="false">'
        '<rect x="0" y="0" width="100" height="10" fill="#dde6ee"/>'
        f'<rect x="0" y="0" width="{width}" height="10" fill="#1b4965"/>'
        '<rect x="0" y="0" width="100" height="10" fill="none" stroke="#1b4965" stroke-width="0.6"/>'
        "</svg>"
    )
    return f'<div class="plan-fremdrift plan-fremdrift--{p.status}">{bar}{text}</div>'


def render_indicators(plan, indicators: list[Indicator], caption: str) -> str:
    """A table of indicators with progress, the example-data label and sources."""
    if not indicators:
        raise PlanError(
            None,
            f"Der er ingen indikatorer at vise ({caption}).",
            f"Tilføj indikatorer i data/{FILE_NAME}, eller fjern byggeklodsen fra siden.",
        )
    rows = []
    for ind in indicators:
        tag = ' <span class="plan-tag">Eksempeldata</span>' if ind.example and _has_values(ind) else ""
        source = ""
        if ind.source_id:
            source = f" Kilde: {esc(plan.sources[ind.source_id].title)}."
        direction = "Jo højere, jo bedre." if ind.direction == "op" else "Jo lavere, jo bedre."
        rows.append(
            "<tr>"
            f'<th scope="row"><span class="plan-ind__navn">{esc(ind.name)}</span>{tag}'
            f'<span class="plan-ind__detalje">{direction} Datakilde: {esc(ind.data_source)}.{source}</span></th>'
            f'{_cell(ind.baseline, ind, "Udgangspunkt")}{_cell(ind.target, ind, "Mål")}'
            f'{_cell(ind.latest, ind, "Seneste")}'
            f'<td data-label="Fremdrift">{render_progress(progress(ind))}</td></tr>'
        )
    badge = ""
    if any(ind.example and _has_values(ind) for ind in indicators):
        badge = example_data_badge(
            "Udgangspunkt, mål og seneste værdi i tabellen er eksempler, der viser, hvordan "
            "opfølgningen kommer til at se ud. De rigtige tal indsættes, når de foreligger."
        )
    table = (
        '<div class="plan-tabel-wrap" role="region" tabindex="0" '
        f'aria-label="{esc(caption)}">'
        '<table class="plan-tabel plan-ind">'
        f"<caption>{esc(caption)}</caption>"
        '<thead><tr><th scope="col">Indikator</th><th scope="col">Udgangspunkt</th>'
        '<th scope="col">Mål</th><th scope="col">Seneste</th><th scope="col">Fremdrift</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div>'
    )
    return block(f'<div class="plan-ind-blok">{badge}{table}</div>' + render_references(plan, indicators))


def render_references(plan, indicators: list[Indicator]) -> str:
    """Real, historical figures for context, each with its source."""
    items = []
    for ind in indicators:
        ref = ind.reference
        if ref is None:
            continue
        unit = ref.unit or ind.unit
        year = f" ({ref.year})" if ref.year else ""
        items.append(
            f"<li><strong>{esc(ind.name)}:</strong> {format_value(ref.value, unit, _decimals_of(ref.value))}{year}. "
            f'{esc(ref.text)} <span class="plan-kilde-inline">(Kilde: {esc(plan.sources[ref.source_id].title)})</span></li>'
        )
    if not items:
        return ""
    return (
        '<div class="plan-ind-ref"><p class="plan-ind-ref__titel">Til sammenligning: rigtige tal fra '
        "tidligere opgørelser</p>"
        f'<ul>{"".join(items)}</ul></div>'
    )


def indicators_for(plan, theme_id: str | None) -> list[Indicator]:
    if theme_id is None:
        return list(plan.indicators.values())

    theme(plan, theme_id)  # Danish error for an unknown theme
    return [i for i in plan.indicators.values() if i.theme_id == theme_id]


def blocks(plan, context) -> dict:
    def indikatorer(indsatsomraade=None):
        if indsatsomraade is None:
            caption = "Alle planens indikatorer"
        else:

            caption = f"Indikatorer for {theme(plan, indsatsomraade).name}"
        return render_indicators(plan, indicators_for(plan, indsatsomraade), caption)

    return {"indikatorer": indikatorer}
