"""End-to-end: milestones, decisions and the calendar in the built site and PDF."""

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, TEST_TODAY
from icalendar import Calendar

from macros.core.context import BuildContext
from macros.milestones.calendar import write_calendar
from macros.plan import load_plan
from macros.registry import building_blocks

PAGES = ["index.html", "tidsplan/index.html", "tidsplan-parter/index.html", "beslutninger/index.html"]


def _site_url() -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return re.search(r"^site_url:\s*(\S+)", text, re.M).group(1)


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_calendar_is_in_the_site_and_linked_from_the_timeline(built_site):
    ics = built_site / "milepaele.ics"
    cal = Calendar.from_ical(ics.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert len(events) >= 25
    link = _soup(built_site / "tidsplan" / "index.html").select_one("a.plan-calendar__link")
    assert link["href"] == _site_url().rstrip("/") + "/milepaele.ics"
    # The link's path below site_url is the file that was written.
    assert (built_site / link["href"][len(_site_url()):]).is_file()


def test_links_between_milestones_decisions_and_parties_resolve(built_site):
    """Every internal link on the milestone pages points at an existing page and anchor."""
    checked = 0
    for page in PAGES:
        url = "/" + page.removesuffix("index.html")
        for a in _soup(built_site / page).select("article a[href]"):
            href = a["href"]
            parsed = urlparse(href)
            if parsed.scheme or href.startswith("//") or a.get("class") == ["headerlink"]:
                continue
            target = urlparse(urljoin(url, href))
            file = built_site / target.path.lstrip("/")
            if target.path.endswith("/") or not target.path:
                file = file / "index.html"
            assert file.is_file(), f"{page}: {href}"
            if target.fragment:
                assert _soup(file).find(id=target.fragment), f"{page}: {href}"
            checked += 1
    assert checked > 60


def test_pages_show_the_milestones(built_site):
    index = _soup(built_site / "index.html")
    assert index.select_one(".plan-next")["aria-label"] == "Næste milepæle"
    assert "21. januar 2026" in index.select_one(".plan-next").get_text()
    timeline = _soup(built_site / "tidsplan" / "index.html")
    assert timeline.select_one("svg.plan-tl-svg") is not None
    assert "I dag: 15. januar 2026" in timeline.select_one(".plan-tl-today").get_text()
    assert len(timeline.select("table.plan-ms-table tbody tr[id]")) == len(
        yaml.safe_load((ROOT / "data" / "milepaele.yaml").read_text(encoding="utf-8")))
    assert not timeline.find("script", src=re.compile("plan"))  # nothing needs JavaScript
    decisions = _soup(built_site / "beslutninger" / "index.html")
    for decision in yaml.safe_load((ROOT / "data" / "beslutninger.yaml").read_text(encoding="utf-8")):
        assert decisions.find(id=decision["id"]), decision["id"]
    parties = _soup(built_site / "tidsplan-parter" / "index.html")
    assert parties.find(id="part-bestyrelsen").get_text(strip=True).startswith("Hvad skal Bestyrelsen nå?")


def test_pdf_has_timeline_table_party_views_and_decisions(built_pdf_pages):
    text = "\n".join(built_pdf_pages)
    for expected in ("I dag: 15. januar 2026", "Afventer dato (forventet 2025)", "august–december 2024",
                     "Hvad skal Bestyrelsen nå?", "Landsbyggefonden godkender helhedsplanen 2025–2029",
                     "Frist passeret – ikke bekræftet", "milepaele.ics"):
        assert expected in text, expected


def test_one_date_in_yaml_changes_timeline_table_and_calendar(data_copy, tmp_path):
    """A date is data: the timeline, the table and the calendar all follow it.

    (That these blocks reach the site and the PDF is shown by the shared build.)"""
    data = data_copy / "milepaele.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("frist: 2026-01-21", "frist: 2026-02-18"), encoding="utf-8")
    plan = load_plan(data_copy)
    context = BuildContext(today=dt.date.fromisoformat(TEST_TODAY), git=None)
    blocks = building_blocks(plan, context)
    for name in ("tidslinje", "milepaelstabel"):
        page = blocks[name]()
        assert "18. februar 2026" in page and "21. januar 2026" not in page, name
    write_calendar(plan, context, tmp_path, "https://example.org/plan/")
    cal = Calendar.from_ical((tmp_path / "milepaele.ics").read_bytes())
    event = next(e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("workshop-data-forandringsteori@"))
    assert event.decoded("DTSTART") == dt.date(2026, 2, 18)
