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

from macros.chapters.load import INDICATORS_FILE, Indicator, Measurement
from macros.chapters.themes import theme
from macros.core import danish
from macros.core.errors import PlanError
from macros.core.html import block, esc, example_data_badge

#: What this module's building blocks read (for the block index in README.md).
READS = ("data/indikatorer.yaml", "data/indsatsomraader.yaml", "data/kilder.yaml")


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


def progress_alt(ind: Indicator, p: Progress) -> str:
    """What the progress bar shows, as a sentence (its text alternative in the PDF):
    «Fremdrift for X: 40 % af vejen fra udgangspunktet 44 % (2015) mod målet 30 % (2028);
    seneste måling 38 % (2024) (eksempeldata).»"""
    how = {"naaet": "målet er nået", "forkert-vej": "går den forkerte vej"}.get(p.status)
    if how is None and p.share is not None:
        how = f"{danish.percent(p.share * 100)} af vejen"
    parts = [f"Fremdrift for {ind.name}: {how or progress_text(p).lower()}"]

    def value(m: Measurement) -> str:
        return f"{format_value(m.value, ind.unit, ind.decimals)} ({m.year})"

    if ind.baseline is not None and ind.target is not None:
        parts[0] += f" fra udgangspunktet {value(ind.baseline)} mod målet {value(ind.target)}"
    if ind.latest is not None:
        parts.append(f"seneste måling {value(ind.latest)}")
    return "; ".join(parts) + (" (eksempeldata)" if ind.example and _has_values(ind) else "") + "."


def render_progress(p: Progress, alt: str = "") -> str:
    """Progress as text plus a bar; the bar is decoration for sighted readers.

    The bar is hidden from screen readers on the web (the text next to it says
    the same), but the tagged PDF makes every SVG a figure: its ``<title>``
    (*alt*) becomes the figure's text alternative there.
    """
    text = f'<span class="plan-fremdrift__tekst">{progress_text(p)}</span>'
    if p.status in ("afventer", "ingen-maaling"):
        return f'<div class="plan-fremdrift plan-fremdrift--{p.status}">{text}</div>'
    width = round(p.bar_percent, 1)
    bar = (
        '<svg class="plan-fremdrift__bar" viewBox="0 0 100 10" preserveAspectRatio="none" '
        'width="100%" height="10" aria-hidden="true" focusable="false">'
        f"<title>{esc(alt or progress_text(p))}</title>"
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
            f"Tilføj indikatorer i data/{INDICATORS_FILE}, eller fjern byggeklodsen fra siden.",
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
            f'<td data-label="Fremdrift">{render_progress(progress(ind), progress_alt(ind, progress(ind)))}</td></tr>'
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
