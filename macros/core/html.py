"""Small helpers for building safe HTML in render functions.

Every value that comes from data is escaped with :func:`esc`. Render functions
return HTML as ``str``; MkDocs passes block-level HTML through Markdown as is.
"""

from __future__ import annotations

from markupsafe import escape


def esc(value: object) -> str:
    """Escape a data value for HTML text or attribute use."""
    return str(escape("" if value is None else str(value)))


def block(html: str) -> str:
    """Surround an HTML block with blank lines so Markdown leaves it alone."""
    return f"\n\n{html.strip()}\n\n"


#: The label shown wherever example (not official) figures appear.
EXAMPLE_DATA_LABEL = "Eksempeldata – ikke officielle tal"


def example_data_badge(note: str = "") -> str:
    """A visible, printable marker for example data (text, not colour alone)."""
    extra = f' <span class="plan-eksempel__note">{esc(note)}</span>' if note else ""
    return (
        '<p class="plan-eksempel" role="note">'
        f'<strong class="plan-eksempel__label">⚠ {EXAMPLE_DATA_LABEL}</strong>{extra}</p>'
    )
