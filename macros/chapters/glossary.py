"""Glossary: the terms residents stumble on, on their own page and in the text.

Data: ``data/ordliste.yaml``. Every term has a short plain-Danish
explanation. The glossary page lists them all (``{{ ordliste() }}``); in the
text, the word forms listed under ``markeres`` get the explanation as a
hover/tap tooltip: :func:`on_post_page_macros` (exported by the macros
package) appends Markdown abbreviation definitions (``*[LBF]: …``) to every
page, which the ``abbr`` extension turns into ``<abbr title="…">``.
"""

from __future__ import annotations

from macros.chapters.load import Term
from macros.core.html import block, esc

#: What this module's building blocks read (for the block index in README.md).
READS = ("data/ordliste.yaml",)


def render_glossary(terms: dict[str, Term]) -> str:
    """All terms alphabetically (Danish order) as a definition list with anchors."""

    ordered = sorted(terms.values(), key=lambda t: _danish_sort_key(t.term))
    rows = []
    for t in ordered:
        see = ""
        if t.see_also:
            links = ", ".join(f'<a href="#{esc(o)}">{esc(terms[o].term)}</a>' for o in t.see_also)
            see = f' <span class="plan-ordliste__se">Se også: {links}.</span>'
        rows.append(f'<dt id="{esc(t.id)}">{esc(t.term)}</dt><dd>{esc(t.explanation)}{see}</dd>')
    return block(f'<dl class="plan-ordliste">{"".join(rows)}</dl>')


_DANISH_ALPHABET = "abcdefghijklmnopqrstuvwxyzæøå"


def _danish_sort_key(text: str) -> tuple:
    """Sort like a Danish dictionary: æ, ø, å after z; § and other signs first."""
    key = []
    for ch in text.lower():
        if ch == "é":
            ch = "e"
        pos = _DANISH_ALPHABET.find(ch)
        key.append(pos if pos >= 0 else -1)
    return tuple(key)


def abbreviation_lines(terms: dict[str, Term]) -> str:
    """Markdown abbreviation definitions for every marked word form."""
    lines = []
    for t in terms.values():
        for form in t.forms:
            lines.append(f"*[{form}]: {t.explanation}")
    return "\n".join(lines)


def append_abbreviations(markdown: str, terms: dict[str, Term]) -> str:
    lines = abbreviation_lines(terms)
    if not lines:
        return markdown
    return markdown.rstrip("\n") + "\n\n" + lines + "\n"


def page_tooltips(markdown: str, meta: dict | None, terms: dict[str, Term]) -> str:
    """A page's Markdown with the glossary's tooltip lines, unless its front
    matter says ``ordliste: false``."""
    if (meta or {}).get("ordliste") is False:
        return markdown
    return append_abbreviations(markdown, terms)


def blocks(plan, context) -> dict:
    return {"ordliste": lambda: render_glossary(plan.glossary)}
