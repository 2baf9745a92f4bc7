"""Danish formatting of dates and numbers (via Babel's CLDR data).

All user-facing numbers and dates go through these functions so that the site
and the PDF agree: decimal comma, thousands point, lower-case month names.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from babel.dates import format_date as _format_date
from babel.dates import get_month_names
from babel.numbers import format_decimal

LOCALE = "da_DK"
NBSP = "\u00a0"


def date_long(value: dt.date) -> str:
    """``13. marts 2024``"""
    return _format_date(value, format="d. MMMM y", locale=LOCALE)


def month_name(month: int) -> str:
    """``marts`` (lower case, as Danish writes it)."""
    return get_month_names("wide", context="format", locale=LOCALE)[month]


def month_year(year: int, month: int) -> str:
    """``marts 2024``"""
    return f"{month_name(month)} {year}"


@functools.lru_cache(maxsize=1 << 16, typed=True)
def number(value: float | int, decimals: int | None = None) -> str:
    """``5.593`` / ``42,1`` — with a fixed number of decimals when given.

    Cached: a plan's tables repeat the same few thousand values many times, and
    Babel's formatting is the costliest step of writing them (``typed`` keeps
    ``1`` and ``1.0`` apart)."""
    if decimals is None:
        return format_decimal(value, locale=LOCALE)
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def percent(value: float, decimals: int = 0) -> str:
    """``42 %`` for the value 42 (the value is already in percent)."""
    return f"{number(value, decimals)}{NBSP}%"


def kroner(value: float, decimals: int = 0) -> str:
    """``146.626 kr.``"""
    return f"{number(value, decimals)}{NBSP}kr."


def join(items: list[str]) -> str:
    """``a, b og c`` (``a`` for one item, empty for none)."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


#: A date written the Danish way, day first: ``27/5 2025``, ``27.5.2025``, ``27-05-2025``, ``27/5-25``.
_DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})\s*[./-]\s*(\d{1,2})\s*(?:[./\- ]\s*)(\d{4}|\d{2})\s*$")


def iso_from_day_month(text: object) -> str | None:
    """``2025-05-27`` for a date typed day first (``27/5 2025``, ``27.5.2025``,
    ``27-05-2025``); ``None`` when *text* is not such a date or the day does not exist."""
    match = _DAY_MONTH_YEAR.match(text) if isinstance(text, str) else None
    if not match:
        return None
    day, month, year = (int(g) for g in match.groups())
    if len(match.group(3)) == 2:
        year += 2000
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
