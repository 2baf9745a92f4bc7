"""Theory-of-change diagram: ressourcer → aktiviteter → resultater → effekter.

Static HTML (an ordered list of four steps), drawn side by side with arrows on
wide screens and on A4, stacked with downward arrows on phones. The arrows are
decoration (CSS); the order and the step names carry the meaning, so the
diagram reads the same without CSS and in a screen reader.
"""

from __future__ import annotations

from macros.chapters.load import CHANGE_STEPS, Theme
from macros.chapters.themes import theme
from macros.core import danish
from macros.core.html import block, esc

#: Heading and plain-language explanation of each step.
#: What this module's building blocks read (for the block index in README.md).
READS = ("data/indsatsomraader.yaml",)

STEP_LABELS = {
    "ressourcer": ("Ressourcer", "det, vi sætter ind"),
    "aktiviteter": ("Aktiviteter", "det, vi gør"),
    "resultater": ("Resultater", "det, der kommer ud af det på kort sigt"),
    "effekter": ("Effekter", "den forandring, vi vil se på længere sigt"),
}


def change_theory_alt(t: Theme) -> str:
    """What the diagram shows, from the data: «Forandringsteori for X i fire trin:
    3 ressourcer, 5 aktiviteter, 4 resultater og 2 effekter – …»"""
    counts = danish.join([f"{len(t.change_theory[key])} {STEP_LABELS[key][0].lower()}" for key in CHANGE_STEPS])
    return (
        f"Forandringsteori for {t.name} i {len(CHANGE_STEPS)} trin: {counts}, "
        "læst fra ressourcer over aktiviteter og resultater til effekter."
    )


def render_change_theory(t: Theme) -> str:
    steps = []
    for number, key in enumerate(CHANGE_STEPS, start=1):
        title, hint = STEP_LABELS[key]
        items = "".join(f"<li>{esc(x)}</li>" for x in t.change_theory[key])
        steps.append(
            f'<li class="plan-ft__led plan-ft__led--{key}">'
            f'<p class="plan-ft__titel"><span class="plan-ft__nr">{number}</span> {title}</p>'
            f'<p class="plan-ft__hint">{hint}</p>'
            f'<ul class="plan-ft__punkter">{items}</ul></li>'
        )
    caption = esc(change_theory_alt(t)) + " Parterne bruger den som arbejdsredskab og justerer den undervejs."
    return block(
        f'<figure class="plan-ft" aria-label="{esc(change_theory_alt(t))}">'
        f'<ol class="plan-ft__led-liste">{"".join(steps)}</ol>'
        f'<figcaption class="plan-ft__tekst">{caption}</figcaption></figure>'
    )


def blocks(plan, context) -> dict:
    return {"forandringsteori": lambda indsatsomraade: render_change_theory(theme(plan, indsatsomraade))}
