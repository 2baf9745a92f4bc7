"""Fuzzy deadlines as people write them, parsed from YAML and shown in Danish.

A milestone's ``frist`` in ``data/milepaele.yaml`` takes one of these forms
(documented for staff in ``data/README.md``):

==========================  ===========================  =============================
YAML                        meaning                      shown as
==========================  ===========================  =============================
``2024-03-13``              an exact day                 ``13. marts 2024``
``2024-05``                 some time in a month         ``maj 2024``
``primo 2024-03``           early in the month (1–10)    ``primo marts 2024``
``medio 2024-03``           mid-month (11–20)            ``medio marts 2024``
``ultimo 2024-03``          late in the month (21–end)   ``ultimo marts 2024``
``2024-08 til 2024-12``     a range (days or months)     ``august–december 2024``
``afventer``                not fixed yet                ``Afventer dato``
``afventer 2025``           not fixed, expected year     ``Afventer dato (forventet 2025)``
``afventer, aftales med SK`` not fixed, with a note      ``Afventer dato – aftales med SK``
==========================  ===========================  =============================

Every fixed form has a first and a last possible day (``start``/``end``); the
last day is the deadline that "overdue" is measured against. ``afventer`` has
neither. Month names come from Babel (CLDR), never from a hand-made table.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import re
from dataclasses import dataclass

from babel.dates import get_month_names

from macros.core import danish

DAY = "dag"
MONTH = "maaned"
PRIMO = "primo"
MEDIO = "medio"
ULTIMO = "ultimo"
RANGE = "periode"
PENDING = "afventer"

#: Which days of the month primo / medio / ultimo cover.
_PART_DAYS = {PRIMO: (1, 10), MEDIO: (11, 20), ULTIMO: (21, None)}

_MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
_DAY_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")

#: The forms, as a staff member should read them in an error message.
FORMS_HELP = (
    "Skriv fristen på en af disse former: 2024-03-13 (en dag), 2024-05 (en måned), "
    "«primo 2024-03», «medio 2024-03» eller «ultimo 2024-03» (start, midt eller slut på en måned), "
    "«2024-08 til 2024-12» (en periode) eller «afventer» / «afventer 2025» / «afventer, aftales med …» "
    "(dato ikke fastlagt)."
)


class DeadlineError(ValueError):
    """A deadline text that cannot be read; ``fix`` says what to write instead."""

    def __init__(self, problem: str, fix: str = FORMS_HELP):
        super().__init__(problem)
        self.problem = problem
        self.fix = fix


@dataclass(frozen=True)
class Point:
    """One end of a deadline: a day, or a whole month (``day is None``)."""

    year: int
    month: int
    day: int | None = None

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    @property
    def last(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or _last_day(self.year, self.month))

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")


@dataclass(frozen=True)
class Deadline:
    """A parsed ``frist``. ``kind`` is one of the constants above."""

    kind: str
    start: dt.date | None = None  # first possible day
    end: dt.date | None = None  # last possible day: the actual deadline
    expected_year: int | None = None  # only for "afventer 2025"
    pending_note: str = ""  # only for "afventer, aftales med …"
    points: tuple[Point, ...] = ()

    @property
    def is_fixed(self) -> bool:
        return self.kind != PENDING

    def label(self) -> str:
        """Proper Danish: ``13. marts 2024``, ``primo marts 2024``, ``august–december 2024``."""
        return format_deadline(self)


def _last_day(year: int, month: int) -> int:
    return _calendar.monthrange(year, month)[1]


def _danish_months() -> dict[str, int]:
    names = get_month_names("wide", context="format", locale=danish.LOCALE)
    short = get_month_names("abbreviated", context="format", locale=danish.LOCALE)
    result = {str(v).lower().rstrip("."): k for k, v in names.items()}
    result.update({str(v).lower().rstrip("."): k for k, v in short.items()})
    return result


def _hint_for_words(text: str) -> str | None:
    """If the deadline is written as prose ("primo marts 2024"), show the YAML form."""
    months = _danish_months()
    lower = text.lower().replace("–", " til ").replace(" - ", " til ").replace("/", " til ")
    items: list[dict] = []  # each: part, day, month, year
    current: dict = {}
    for word in lower.split():
        word = word.strip(",")
        if word in ("primo", "medio", "ultimo"):
            current["part"] = word
        elif re.fullmatch(r"\d{1,2}\.?", word):
            current["day"] = int(word.rstrip("."))
        elif word in months:
            current["month"] = months[word]
            items.append(current)
            current = {}
        elif re.fullmatch(r"\d{4}", word) and items:
            for item in items:
                item.setdefault("year", int(word))
        elif word == "til":
            items.append({"til": True})
    parts = []
    for item in items:
        if item.get("til"):
            parts.append("til")
            continue
        if "year" not in item:
            return None
        iso = f"{item['year']:04d}-{item['month']:02d}"
        if "day" in item:
            iso += f"-{item['day']:02d}"
        parts.append(f"{item['part']} {iso}" if "part" in item else iso)
    if not parts or parts[0] == "til" or parts[-1] == "til":
        return None
    return " ".join(p for i, p in enumerate(parts) if not (p == "til" and parts[i - 1] == "til"))


def _point(text: str) -> Point:
    text = text.strip()
    if m := _DAY_RE.match(text):
        year, month, day = (int(g) for g in m.groups())
        _check_month(text, year, month)
        if not 1 <= day <= _last_day(year, month):
            raise DeadlineError(
                f"«{text}» er ikke en dato, der findes (der er {_last_day(year, month)} dage i "
                f"{danish.month_year(year, month)}).",
                "Ret dagen, så datoen findes i kalenderen.",
            )
        return Point(year, month, day)
    if m := _MONTH_RE.match(text):
        year, month = (int(g) for g in m.groups())
        _check_month(text, year, month)
        return Point(year, month)
    raise DeadlineError(f"«{text}» er hverken en dag (ÅÅÅÅ-MM-DD) eller en måned (ÅÅÅÅ-MM).")


def _check_month(text: str, year: int, month: int) -> None:
    if not 1 <= month <= 12:
        raise DeadlineError(f"«{text}» har måneden {month}, men måneden skal være 1–12.", "Ret måneden (01–12).")
    if not 1900 <= year <= 2100:
        raise DeadlineError(f"«{text}» har året {year}, som ikke ser rigtigt ud.", "Ret årstallet.")


def parse_deadline(value: object) -> Deadline:
    """Read a ``frist`` value from YAML. Raises :class:`DeadlineError` in Danish."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return Deadline(DAY, value, value, points=(Point(value.year, value.month, value.day),))
    if not isinstance(value, str) or not value.strip():
        raise DeadlineError(f"Fristen «{value}» kan ikke læses.")
    text = " ".join(value.strip().split())
    lower = text.lower()

    if m := re.fullmatch(r"afventer(?: (\d{4}))?(?:\s*,\s*(.+))?", text, flags=re.IGNORECASE):
        year, note = m.groups()
        return Deadline(PENDING, expected_year=int(year) if year else None, pending_note=(note or "").strip())

    if m := re.fullmatch(r"(primo|medio|ultimo) (\S+)", lower):
        part, rest = m.groups()
        point = _point(rest)
        if point.day is not None:
            raise DeadlineError(
                f"«{text}»: {part} bruges om en måned, ikke en bestemt dag.",
                f"Skriv «{part} {point.year:04d}-{point.month:02d}», eller skriv kun datoen {point.iso()}.",
            )
        first, last = _PART_DAYS[part]
        last = last or _last_day(point.year, point.month)
        return Deadline(
            part,
            dt.date(point.year, point.month, first),
            dt.date(point.year, point.month, last),
            points=(point,),
        )

    if " til " in lower:
        left, right = lower.split(" til ", 1)
        a, b = _point(left), _point(right)
        if b.last < a.first:
            raise DeadlineError(
                f"Perioden «{text}» slutter ({b.iso()}) før, den starter ({a.iso()}).",
                f"Byt om på de to ender («{b.iso()} til {a.iso()}»), eller ret den ene, "
                "så perioden slutter efter starten.",
            )
        if b.first <= a.last:
            raise DeadlineError(
                f"Perioden «{text}» starter og slutter samme sted ({a.iso()} og {b.iso()} overlapper).",
                f"Skriv kun den ene ende (fx «{a.iso()}»), eller ret slutningen, så den ligger efter starten.",
            )
        return Deadline(RANGE, a.first, b.last, points=(a, b))

    if _DAY_RE.match(lower) or _MONTH_RE.match(lower):
        point = _point(lower)
        if point.day is not None:
            return Deadline(DAY, point.first, point.first, points=(point,))
        return Deadline(MONTH, point.first, point.last, points=(point,))

    hint = danish.iso_from_day_month(text) or _hint_for_words(text)
    fix = f"Mente du «{hint}»? " + FORMS_HELP if hint else FORMS_HELP
    raise DeadlineError(f"Fristen «{text}» har ikke en form, som planen kender.", fix)


def _point_label(point: Point, with_year: bool = True) -> str:
    if point.day is not None:
        label = danish.date_long(point.first)
        return label if with_year else label.rsplit(" ", 1)[0]
    name = danish.month_name(point.month)
    return f"{name} {point.year}" if with_year else name


def format_deadline(deadline: Deadline) -> str:
    """The Danish text of a deadline."""
    kind = deadline.kind
    if kind == PENDING:
        label = "Afventer dato"
        if deadline.expected_year:
            label += f" (forventet {deadline.expected_year})"
        if deadline.pending_note:
            label += f" – {deadline.pending_note}"
        return label
    if kind == DAY:
        return danish.date_long(deadline.start)
    if kind == MONTH:
        return danish.month_year(deadline.start.year, deadline.start.month)
    if kind in _PART_DAYS:
        return f"{kind} {danish.month_year(deadline.start.year, deadline.start.month)}"
    a, b = deadline.points
    if a.year != b.year:
        return f"{_point_label(a)}–{_point_label(b)}"
    if a.day is not None and b.day is not None and a.month == b.month:
        return f"{a.day}.–{_point_label(b)}"
    return f"{_point_label(a, with_year=False)}–{_point_label(b)}"


# --- completion dates ------------------------------------------------------------------

UNKNOWN = "ukendt"


@dataclass(frozen=True)
class Completion:
    """When a milestone was completed: a day, a month, or ``ukendt`` (sources do not say)."""

    point: Point | None  # None = unknown

    def label(self) -> str:
        if self.point is None:
            return "dato ukendt"
        return _point_label(self.point)

    @property
    def date(self) -> dt.date | None:
        """The last possible day of completion (None when unknown)."""
        return self.point.last if self.point else None


def parse_completion(value: object) -> Completion:
    """Read ``gennemfoert``: ``2025-03-31``, ``2024-03`` or ``ukendt``."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return Completion(Point(value.year, value.month, value.day))
    if isinstance(value, str) and value.strip().lower() == UNKNOWN:
        return Completion(None)
    if isinstance(value, str):
        try:
            return Completion(_point(value))
        except DeadlineError as error:
            iso = danish.iso_from_day_month(value)
            raise DeadlineError(error.problem, (f"Mente du «{iso}»? " if iso else "") + _COMPLETION_HELP) from None
    raise DeadlineError(f"Datoen for gennemførelse «{value}» kan ikke læses.", _COMPLETION_HELP)


_COMPLETION_HELP = (
    "Skriv datoen for gennemførelse som 2025-03-31 (en dag) eller 2024-03 (en måned). "
    "Siger kilderne ikke hvornår, så skriv «ukendt» og forklar i «note»."
)
