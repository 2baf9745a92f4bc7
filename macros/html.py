"""Small helpers for building safe HTML in render functions.

Every value that comes from data is escaped with :func:`esc`. Render functions
return HTML as ``str``; MkDocs passes block-level HTML through Markdown as is.
"""

from __future__ import annotations

from typing import Iterable

from markupsafe import escape

from .plan import Source


def esc(value: object) -> str:
    """Escape a data value for HTML text or attribute use."""
    return str(escape("" if value is None else str(value)))


def block(html: str) -> str:
    """Surround an HTML block with blank lines so Markdown leaves it alone."""
    return f"\n\n{html.strip()}\n\n"


def source_label(source: Source) -> str:
    """``Titel (udgiver, år)`` with a link when the source has a URL."""
    when = source.date.year if source.date else source.year
    detail = esc(source.publisher) + (f", {when}" if when else "")
    title = esc(source.title)
    if source.url:
        title = f'<a href="{esc(source.url)}">{title}</a>'
    return f"{title} ({detail})"


def sources_line(sources: dict[str, Source], ids: Iterable[str]) -> str:
    """A ``Kilde:`` line under a table or figure."""
    unique = list(dict.fromkeys(ids))
    if not unique:
        return ""
    label = "Kilde" if len(unique) == 1 else "Kilder"
    items = "; ".join(source_label(sources[i]) for i in unique)
    return f'<p class="plan-kilde"><span class="plan-kilde__label">{label}:</span> {items}</p>'


#: The label shown wherever example (not official) figures appear.
EXAMPLE_DATA_LABEL = "Eksempeldata – ikke officielle tal"


def example_data_badge(note: str = "") -> str:
    """A visible, printable marker for example data (text, not colour alone)."""
    extra = f' <span class="plan-eksempel__note">{esc(note)}</span>' if note else ""
    return (
        '<p class="plan-eksempel" role="note">'
        f'<strong class="plan-eksempel__label">⚠ {EXAMPLE_DATA_LABEL}</strong>{extra}</p>'
    )
