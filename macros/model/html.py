"""HTML for the shared records: a source's label and the ``Kilde:`` line under a table."""

from __future__ import annotations

from typing import Iterable

from macros.core.html import esc
from macros.model.records import Source


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
