"""The milestones as an iCalendar file (RFC 5545) that politicians can subscribe to.

Every milestone with a fixed deadline (a day, a month, primo/medio/ultimo or a
range) becomes an all-day event spanning its deadline window. An ``afventer``
milestone has no date and is left out, unless it was completed on a known day
or month (then the event is placed there). The file is written to the root of
the built site as ``milepaele.ics`` by :func:`write_calendar`, called from the
macros module's ``on_post_build`` hook.

The output is reproducible: UIDs come from milestone ids and DTSTAMP from the
build's "today" (``PLAN_TODAY``), so the same data gives the same file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar, Event

from macros.core.context import BuildContext
from macros.milestones.load import CANCELLED, DONE, PHASES, Milestone
from macros.milestones.timeline import CALENDAR_FILE, STATUS_STYLES

PRODID = "-//Slagelse Kommune//En faelles indsats – milepaele//DA"
UID_DOMAIN = "en-faelles-indsats.helhedsplan"

#: RFC 5545 STATUS for each milestone status (unknown/postponed = tentative).
EVENT_STATUS = {
    "planlagt": "CONFIRMED",
    "i gang": "CONFIRMED",
    "gennemført": "CONFIRMED",
    "udskudt": "TENTATIVE",
    "ukendt": "TENTATIVE",
    CANCELLED: "CANCELLED",
}


def event_window(m: Milestone) -> tuple[dt.date, dt.date] | None:
    """First and last day of the event: the deadline window, or for a milestone whose
    deadline was never fixed, its completion day or month; None if neither is known."""
    if m.deadline.is_fixed:
        return m.deadline.start, m.deadline.end
    if m.status == DONE and m.completion is not None and m.completion.point is not None:
        return m.completion.point.first, m.completion.point.last
    return None


def build_calendar(plan, today: dt.date, site_url: str = "") -> bytes:
    """The calendar as bytes (CRLF lines, folded as RFC 5545 requires)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{plan.facts.title} – milepæle")
    cal.add("x-wr-caldesc", f"Milepæle i {plan.facts.subtitle}")
    # Subscribed calendars look for changes once a day.
    cal.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "P1D")
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc)
    page = site_url.rstrip("/") + "/tidsplan/" if site_url else ""
    for m in plan.milestones:
        window = event_window(m)
        if window is None:
            continue
        start, end = window
        event = Event()
        event.add("uid", f"{m.id}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", end + dt.timedelta(days=1))
        summary = m.activity.rstrip(".")
        if m.deadline.kind != "dag" and m.deadline.is_fixed:
            summary = f"{summary} (frist: {m.deadline.label()})"
        event.add("summary", summary)
        style = STATUS_STYLES[m.status]
        lines = [
            f"Fase: {PHASES[m.phase]}",
            f"Frist: {m.deadline.label()}",
            "Ansvarlige: " + (", ".join(plan.parties[p].name for p in m.responsible) or "ikke angivet"),
            f"Status: {style.label}" + (f" ({m.completion.label()})" if m.status == DONE and m.completion else ""),
        ]
        if m.note:
            lines.append(f"Note: {m.note}")
        lines.append("Kilder: " + "; ".join(plan.sources[s].title for s in m.source_ids))
        event.add("description", "\n".join(lines))
        event.add("categories", [PHASES[m.phase]])
        event.add("status", EVENT_STATUS[m.status])
        event.add("transp", "TRANSPARENT")
        if page:
            event.add("url", f"{page}#milepael-{m.id}")
        cal.add_component(event)
    return cal.to_ical()


def write_calendar(plan, context: BuildContext, site_dir: Path, site_url: str = "") -> Path:
    target = Path(site_dir) / CALENDAR_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(build_calendar(plan, context.today, site_url))
    return target
