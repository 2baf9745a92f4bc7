"""Static SVG line charts, rendered at build time (no JavaScript, works in the PDF).

Series are told apart by colour, line pattern *and* marker shape, and named
in a legend, so the chart never relies on colour alone. The chart carries a
text alternative (``<title>`` and ``<desc>``) for screen readers; the title
says what the chart shows (WeasyPrint makes it the figure's ``Alt`` in the
tagged PDF, see :func:`change_phrase`), and the figures themselves are always
in the table next to it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Sequence

from macros.core.html import esc

#: (colour, dash pattern, marker) per series; colours have ≥ 4.5:1 contrast on white.
STYLES = [
    ("#1b4965", "", "circle"),
    ("#a34a12", "6 4", "square"),
    ("#4a4a4a", "2 3", "triangle"),
    ("#2e6b30", "10 3 2 3", "diamond"),
]

#: The viewBox is narrow, so that on a 375 px phone (about 340 px of chart) the 15-unit text
#: is drawn at about 12 px, never under 11 px.
WIDTH, PLOT_HEIGHT = 420, 180
LEFT, RIGHT, TOP = 60, 14, 12
AXIS_SPACE, LEGEND_LINE = 32, 21
#: At most this many year labels under the axis (the last year always has one).
MAX_YEAR_LABELS = 6
#: Legend labels longer than this (characters) wrap onto more lines.
LEGEND_CHARS = 44


def wrap(text: str, width: int = LEGEND_CHARS) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


@dataclass(frozen=True)
class Series:
    label: str
    points: Sequence[tuple[int, float | None]]  # (year, value); None = not published


def nice_step(raw: float) -> float:
    """A round tick step at or above *raw*: 1, 2 or 5 × 10^n, and 25, 250, … (whole numbers)."""
    if raw <= 0:
        return 1.0
    exponent = math.floor(math.log10(raw))
    steps = (1, 2, 2.5, 5, 10) if exponent >= 1 else (1, 2, 5, 10)
    for step in steps:
        candidate = step * 10**exponent
        if candidate >= raw - 1e-12:
            return candidate
    return 10 ** (exponent + 1)


def change_phrase(points: Sequence[tuple[int, float | None]], fmt: Callable[[float], str]) -> str:
    """How a series went from its first to its last shown value, in Danish:
    ``faldt fra 44 % i 2015 til 37 % i 2024``. Empty when nothing is shown."""
    shown = [(year, value) for year, value in points if value is not None]
    if not shown:
        return ""
    (first_year, first), (last_year, last) = shown[0], shown[-1]
    if len(shown) == 1:
        return f"var {fmt(first)} i {first_year}"
    if fmt(first) == fmt(last):
        return f"var {fmt(first)} både i {first_year} og i {last_year}"
    verb = "steg" if last > first else "faldt"
    return f"{verb} fra {fmt(first)} i {first_year} til {fmt(last)} i {last_year}"


def axis_ticks(bottom: float, high: float, cap: float | None = None, count: int = 4) -> list[float]:
    """Round ticks from *bottom* to at least *high*, never past *cap* (e.g. 100 for percentages):
    ``0, 25, 50, 75, 100`` or ``0, 10, 20, 30``."""
    if cap is not None:
        high = min(high, cap)
    step = nice_step((high - bottom) / count)
    top = bottom + math.ceil((high - bottom) / step - 1e-9) * step
    if cap is not None and top > cap:
        step = nice_step((cap - bottom) / count)
        top = cap
    ticks = []
    value = bottom
    while value <= top + 1e-9:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}"/>'
    if shape == "triangle":
        return f'<path d="M{x:.1f} {y - 4.5:.1f} L{x + 4.5:.1f} {y + 3.5:.1f} L{x - 4.5:.1f} {y + 3.5:.1f} Z" fill="{colour}"/>'
    if shape == "diamond":
        return f'<path d="M{x:.1f} {y - 5:.1f} L{x + 5:.1f} {y:.1f} L{x:.1f} {y + 5:.1f} L{x - 5:.1f} {y:.1f} Z" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'


def line_chart(
    chart_id: str,
    title: str,
    description: str,
    series: Sequence[Series],
    years: Sequence[int],
    fmt: Callable[[float], str],
    connect_gaps: bool = False,
    y_min: float | None = None,
    y_max: float | None = None,
) -> str:
    """An accessible inline SVG line chart of *series* over *years*.

    ``None`` values are not drawn (the line breaks there, unless
    *connect_gaps*, used for series that only exist in some years). *y_max* caps the
    axis (100 for percentages); the ticks are round numbers from the bottom.
    """
    values = [v for s in series for _, v in s.points if v is not None]
    bottom = 0.0 if y_min is None else y_min
    if values and bottom >= min(values):
        bottom = 0.0
    ticks = axis_ticks(bottom, max(values) * 1.05 if values else 1.0, y_max)
    top = ticks[-1] if len(ticks) > 1 else bottom + 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, PLOT_HEIGHT
    labels = [wrap(s.label) for s in series]
    height = TOP + plot_h + AXIS_SPACE + LEGEND_LINE * sum(len(lines) for lines in labels) + 4
    span = max(len(years) - 1, 1)

    def x_of(year: int) -> float:
        return LEFT + plot_w * (years.index(year) / span if len(years) > 1 else 0.5)

    def y_of(value: float) -> float:
        return TOP + plot_h * (1 - (value - bottom) / (top - bottom or 1))

    parts = [
        f'<svg class="plan-graf" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="Source Sans 3, DejaVu Sans, sans-serif" font-size="15">',
        f'<title id="{chart_id}-t">{esc(title)}</title>',
        f'<desc id="{chart_id}-d">{esc(description)}</desc>',
    ]
    for value in ticks:  # horizontal grid lines with labels
        y = y_of(value)
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d0d7de" stroke-width="1"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#333">{esc(fmt(value))}</text>')
    step = max(1, math.ceil(len(years) / MAX_YEAR_LABELS))
    last = len(years) - 1
    for index, year in enumerate(years):
        # Labels counted back from the newest year, so the newest always has one.
        if (last - index) % step == 0:
            parts.append(f'<text x="{x_of(year):.1f}" y="{TOP + plot_h + 18}" text-anchor="middle" fill="#333">{year}</text>')
    for number, s in enumerate(series):
        colour, dash, marker = STYLES[number % len(STYLES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        segment: list[str] = []
        segments: list[list[str]] = []
        for year, value in s.points:
            if value is None:
                if not connect_gaps and segment:
                    segments.append(segment)
                    segment = []
                continue
            segment.append(f"{x_of(year):.1f},{y_of(value):.1f}")
        if segment:
            segments.append(segment)
        for seg in segments:
            if len(seg) > 1:
                parts.append(f'<polyline points="{" ".join(seg)}" fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr}/>')
        for year, value in s.points:
            if value is not None:
                parts.append(_marker(marker, x_of(year), y_of(value), colour))
        # legend entry below the plot
        lx = 8
        ly = TOP + plot_h + AXIS_SPACE + LEGEND_LINE * sum(len(lines) for lines in labels[:number]) + 14
        parts.append(f'<line x1="{lx:.1f}" x2="{lx + 26:.1f}" y1="{ly - 4}" y2="{ly - 4}" stroke="{colour}" stroke-width="2.5"{dash_attr}/>')
        parts.append(_marker(marker, lx + 13, ly - 4, colour))
        spans = "".join(
            f'<tspan x="{lx + 32:.1f}" dy="{0 if i == 0 else LEGEND_LINE}">{esc(line)}</tspan>'
            for i, line in enumerate(labels[number])
        )
        parts.append(f'<text x="{lx + 32:.1f}" y="{ly}" fill="#222">{spans}</text>')
    parts.append("</svg>")
    return "".join(parts)


def sparkline(points: Sequence[tuple[int, float | None]], text: str, width: int = 96, height: int = 24) -> str:
    """A small trend line (no axes) with *text* as its text alternative; ``None`` values are skipped.

    The last point gets a marker, so the line's end (the latest value) stands out
    without relying on colour.
    """
    values = [v for _, v in points if v is not None]
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = (width - 6) / max(len(points) - 1, 1)
    coords = [(3 + i * step, height - 3 - (v - low) / span * (height - 6))
              for i, (_, v) in enumerate(points) if v is not None]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    x, y = coords[-1]
    return (
        f'<svg class="plan-spark" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{esc(text)}</title>'
        f'<polyline points="{line}" fill="none" stroke="#1b4965" stroke-width="1.8"/>'
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.6" fill="#1b4965"/></svg>'
    )
