"""Milestones and decisions: shipped data, bad input, status rules around "today", rendering, calendar."""

import dataclasses
import datetime as dt

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from icalendar import Calendar

from macros.core.context import BuildContext
from macros.core.errors import PlanError
from macros.milestones import load as ms
from macros.milestones.calendar import build_calendar
from macros.milestones.deadlines import parse_deadline
from macros.milestones.timeline import (
    render_all_parties,
    render_decisions,
    render_next,
    render_overdue,
    render_party,
    render_table,
    render_timeline,
)
from macros.plan import load_plan
from macros.registry import building_blocks, checked

D = dt.date
TODAY = D(2026, 1, 15)


@pytest.fixture(scope="module")
def plan():
    return load_plan(ROOT / "data")


def by_id(plan, ident):
    return next(m for m in plan.milestones if m.id == ident)


def text_of(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


# --- shipped data -------------------------------------------------------------------


def test_every_row_of_the_process_plan_and_the_later_facts_are_shipped(plan):
    procesplan = [m for m in plan.milestones if "procesplan-2024-02" in m.source_ids]
    assert len(procesplan) == 22  # every row of the table in the 2024 process plan
    later = {"planen-traeder-i-kraft", "workshop-roller-organisering", "workshop-data-forandringsteori",
             "planperioden-slutter", "lbf-godkender-helhedsplan"}
    assert later <= {m.id for m in plan.milestones}
    kinds = {m.deadline.kind for m in plan.milestones}
    assert kinds == {"dag", "maaned", "primo", "ultimo", "periode", "afventer"}


def test_milestones_agree_with_the_plan_facts(plan):
    """The same facts appear in plan.yaml and milepaele.yaml; they must not drift apart."""
    lbf = by_id(plan, "lbf-godkender-helhedsplan")
    assert lbf.status == "gennemført" and lbf.completion.date == plan.facts.lbf_approval.date == D(2025, 3, 31)
    start = by_id(plan, "planen-traeder-i-kraft")
    assert start.completion.date == start.deadline.start == plan.facts.effective.date == D(2025, 10, 1)
    assert by_id(plan, "planperioden-slutter").deadline.end == plan.facts.end
    assert by_id(plan, "workshop-roller-organisering").completion.date == D(2025, 10, 23)
    assert by_id(plan, "workshop-data-forandringsteori").deadline.start == D(2026, 1, 21)


def test_nothing_is_claimed_without_a_source(plan):
    for m in plan.milestones:
        assert m.source_ids, m.id
        if m.status == "ukendt":
            assert m.note, m.id
        if m.status == "gennemført" and m.completion.point is None:
            assert m.note, m.id
    for d in plan.decisions.values():
        assert d.source_ids
        assert d.date or d.date_note
        assert d.body or d.body_note


def test_required_decisions_exist_and_link_both_ways(plan):
    assert plan.decisions["moede-2021-05-05-helhedsplan-2021-2024"].date == D(2021, 5, 5)
    assert plan.decisions["udvalg-17-4-afsluttende-anbefalinger"].date == D(2025, 12, 9)
    assert plan.decisions["lbf-godkender-helhedsplan"].date == D(2025, 3, 31)
    assert plan.decisions["helhedsplanen-traeder-i-kraft"].date == D(2025, 10, 1)
    byraad = plan.decisions["byraadet-praekvalifikation-og-17-4-udvalg"]
    assert byraad.date is None and "ikke" in byraad.date_note and byraad.body == "byraadet"
    linked = ms.milestones_of_decision(plan.milestones, "lbf-godkender-helhedsplan")
    assert [m.id for m in linked] == ["lbf-godkender-helhedsplan"]


# --- bad input -----------------------------------------------------------------------


def _replace(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, count)
    path.write_text(text, encoding="utf-8")
    return text


def _line(text, needle):
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def _error(data_dir) -> str:
    with pytest.raises(PlanError) as info:
        load_plan(data_dir)
    return str(info.value)


def test_unknown_party_suggests_the_nearest_id(data_copy):
    text = _replace(data_copy / "milepaele.yaml", "ansvarlige: [sb]", "ansvarlige: [bestyrelse, sb]")
    message = _error(data_copy)
    assert f"milepaele.yaml, linje {_line(text, 'ansvarlige: [bestyrelse, sb]')}" in message
    assert "Ukendt part «bestyrelse»" in message and "Mente du «bestyrelsen»?" in message


def test_impossible_date(data_copy):
    text = _replace(data_copy / "milepaele.yaml", "frist: 2024-03-13", "frist: 2024-02-30")
    message = _error(data_copy)
    assert f"milepaele.yaml, linje {_line(text, 'frist: 2024-02-30')}" in message
    assert "«2024-02-30» er ikke en gyldig dato" in message and "ÅÅÅÅ-MM-DD" in message


def test_impossible_month_in_a_range(data_copy):
    text = _replace(data_copy / "milepaele.yaml", "frist: 2024-06 til 2024-07", "frist: 2024-06 til 2024-17")
    message = _error(data_copy)
    assert f"linje {_line(text, '2024-17')}, kolonne/felt «frist»" in message
    assert "«2024-17» har måneden 17" in message


def test_range_ending_before_it_starts(data_copy):
    text = _replace(data_copy / "milepaele.yaml", "frist: 2024-08 til 2024-12", "frist: 2024-12 til 2024-08")
    message = _error(data_copy)
    assert f"milepaele.yaml, linje {_line(text, 'frist: 2024-12 til 2024-08')}" in message
    assert "slutter (2024-08) før, den starter (2024-12)" in message
    assert "«2024-08 til 2024-12»" in message


def test_duplicate_milestone_id(data_copy):
    _replace(data_copy / "milepaele.yaml", "- id: fob-organisationsbestyrelse", "- id: sb-organisationsbestyrelse")
    message = _error(data_copy)
    assert "En milepæl med id «sb-organisationsbestyrelse» findes allerede" in message


def test_done_without_completion_date(data_copy):
    text = _replace(
        data_copy / "milepaele.yaml",
        "  status: gennemført\n  gennemfoert: 2025-10-23\n",
        "  status: gennemført\n",
    )
    message = _error(data_copy)
    lines = text.splitlines()
    start = _line(text, "- id: workshop-roller-organisering")
    line = next(i for i in range(start, len(lines) + 1) if lines[i - 1] == "  status: gennemført")
    assert f"milepaele.yaml, linje {line}, kolonne/felt «status»" in message
    assert "«workshop-roller-organisering» har status «gennemført», men ingen dato" in message
    assert "gennemfoert: ÅÅÅÅ-MM-DD" in message


def test_completion_date_on_an_open_milestone(data_copy):
    _replace(data_copy / "milepaele.yaml", "  status: planlagt\n", "  status: planlagt\n  gennemfoert: 2024-09-30\n")
    message = _error(data_copy)
    assert "har en dato for gennemførelse, men status er «planlagt»" in message


def test_unknown_status_word(data_copy):
    text = _replace(data_copy / "milepaele.yaml", "  status: planlagt\n", "  status: gennemfort\n")
    message = _error(data_copy)
    assert f"milepaele.yaml, linje {_line(text, 'status: gennemfort')}" in message
    assert "«gennemfort» er ikke en tilladt værdi" in message and "Mente du «gennemført»?" in message


def test_unknown_phase(data_copy):
    _replace(data_copy / "milepaele.yaml", "fase: drift", "fase: driften")
    assert "Mente du «drift»?" in _error(data_copy)


def test_deadline_written_as_prose(data_copy):
    text = _replace(data_copy / "milepaele.yaml", "frist: primo 2024-03", "frist: Primo marts 2024")
    message = _error(data_copy)
    assert f"linje {_line(text, 'Primo marts 2024')}" in message and "Mente du «primo 2024-03»?" in message


def test_yaml_syntax_error(data_copy):
    text = _replace(data_copy / "milepaele.yaml", "  aktivitet: Prækvalifikationsmaterialet sendes",
                    "  aktivitet: Status: Prækvalifikationsmaterialet sendes")
    message = _error(data_copy)
    assert f"milepaele.yaml, linje {_line(text, 'Status: Præ')}" in message
    assert "anførselstegn" in message


def test_unknown_decision_reference(data_copy):
    text = _replace(data_copy / "milepaele.yaml", "beslutninger: [lbf-godkender-helhedsplan]",
                    "beslutninger: [lbf-godkender-planen]")
    message = _error(data_copy)
    assert f"linje {_line(text, 'lbf-godkender-planen')}" in message
    assert "Ukendt beslutning «lbf-godkender-planen»" in message and "Mente du «lbf-godkender-helhedsplan»?" in message


def test_unknown_status_needs_a_note(data_copy):
    _replace(data_copy / "milepaele.yaml", "  note: Kilderne siger ikke, om temamødet blev holdt.\n", "")
    assert "har status «ukendt», men ingen «note»" in _error(data_copy)


def test_decision_without_date_needs_a_reason(data_copy):
    _replace(data_copy / "beslutninger.yaml", "  dato_note: >-\n    Datoen står ikke i kilderne. Procesplanen havde sat sagen på\n"
             "    byrådsmødet 27. maj 2024, men det er ikke bekræftet.\n", "")
    message = _error(data_copy)
    assert "beslutninger.yaml" in message and "ingen dato og ingen «dato_note»" in message and "gæt ikke" in message


def test_decision_with_unknown_body(data_copy):
    text = _replace(data_copy / "beslutninger.yaml", "organ: byraadet", "organ: byraad")
    message = _error(data_copy)
    assert f"beslutninger.yaml, linje {_line(text, 'organ: byraad')}" in message and "Mente du «byraadet»?" in message


def test_duplicate_decision_id(data_copy):
    _replace(data_copy / "beslutninger.yaml", "- id: helhedsplanen-traeder-i-kraft", "- id: lbf-godkender-helhedsplan")
    assert "En beslutning med id «lbf-godkender-helhedsplan» findes allerede" in _error(data_copy)


def test_group_member_must_be_a_known_party(data_copy):
    _replace(data_copy / "parter.yaml", "medlemmer: [sb, fob, boligkorsoer]", "medlemmer: [sb, fob, boligkorsor]")
    assert "Mente du «boligkorsoer»?" in _error(data_copy)


# --- status around today ------------------------------------------------------------------


def make(status="planlagt", frist="2026-01-20", completion=None, **kw):
    from macros.milestones.deadlines import parse_completion

    return ms.Milestone(
        id=kw.get("id", "x"), activity=kw.get("activity", "Aktivitet"), phase=kw.get("phase", "drift"),
        responsible=kw.get("responsible", ("bestyrelsen",)), deadline=parse_deadline(frist), status=status,
        completion=parse_completion(completion) if completion else None, note="", source_ids=("procesplan-2024-02",),
        decision_ids=(),
    )


@pytest.mark.parametrize(
    "status, frist, today, situation",
    [
        ("planlagt", "2026-01-20", D(2026, 1, 15), ms.UPCOMING),
        ("planlagt", "2026-01-20", D(2026, 1, 20), ms.CURRENT),  # the deadline day itself is not overdue
        ("planlagt", "2026-01-20", D(2026, 1, 21), ms.OVERDUE),
        ("i gang", "2026-01", D(2026, 1, 31), ms.CURRENT),
        ("i gang", "2026-01", D(2026, 2, 1), ms.OVERDUE),
        ("udskudt", "ultimo 2025-12", D(2026, 1, 1), ms.OVERDUE),
        ("planlagt", "primo 2026-02", D(2026, 1, 31), ms.UPCOMING),
        ("ukendt", "2025-03", D(2026, 1, 15), ms.UNCONFIRMED),  # passed but never "overdue"
        ("ukendt", "2026-03", D(2026, 1, 15), ms.UPCOMING),
        ("aflyst", "2025-03", D(2026, 1, 15), ms.DROPPED),
        ("planlagt", "afventer", D(2030, 1, 1), ms.PENDING),
        ("planlagt", "afventer 2025", D(2030, 1, 1), ms.PENDING),
    ],
)
def test_situation_around_today(status, frist, today, situation):
    assert make(status, frist).situation(today) == situation


def test_done_is_done_whatever_the_deadline():
    assert make("gennemført", "2020-01", completion="ukendt").situation(D(2030, 1, 1)) == ms.FINISHED


def test_next_and_overdue_lists():
    items = [
        make(id="a", frist="2026-03"), make(id="b", frist="2026-01-20"), make(id="c", frist="2025-12"),
        make(id="d", frist="afventer"), make(id="e", status="ukendt", frist="2025-11"),
        make(id="f", status="gennemført", frist="2026-02", completion="2026-01-10"),
        make(id="g", status="i gang", frist="2026-01 til 2026-04"),
    ]
    assert [m.id for m in ms.next_milestones(items, TODAY, 5)] == ["g", "b", "a"]
    assert [m.id for m in ms.next_milestones(items, TODAY, 1)] == ["g"]
    assert [m.id for m in ms.overdue(items, TODAY)] == ["c"]
    assert [m.id for m in ms.unconfirmed(items, TODAY)] == ["e"]


def test_shipped_plan_on_the_test_day(plan):
    assert [m.id for m in ms.next_milestones(plan.milestones, TODAY, 2)] == [
        "workshop-data-forandringsteori", "planperioden-slutter"]
    assert ms.overdue(plan.milestones, TODAY) == []
    assert "tpl-orientering" in {m.id for m in ms.unconfirmed(plan.milestones, TODAY)}


# --- rendering -----------------------------------------------------------------------------


def test_timeline_by_phase_with_today_marker_and_text_status(plan):
    html = render_timeline(plan, TODAY)
    soup = BeautifulSoup(html, "html.parser")
    svg = soup.find("svg", class_="plan-tl-svg")
    assert svg["role"] == "img" and "15. januar 2026" in svg.find("desc").get_text()
    assert "I dag: 15. januar 2026" in svg.get_text()
    # What happens now and next comes first; earlier milestones fold per phase, in phase order.
    assert soup.select_one(".plan-timeline > section.plan-tl-now").find().get_text() == "Det sker nu og snart"
    titles = [p.get_text() for p in soup.select("details.plan-tl-phase > summary .plan-tl-phase__title")]
    assert titles and titles == [p for p in ["Prækvalifikation", "Ansøgning", "Implementering", "Drift"] if p in titles]
    for details in soup.select("details.plan-tl-phase"):
        for li in details.select(".plan-tl-item"):
            assert not li.select_one(".plan-flag--overskredet") and "plan-tl-item--planlagt" not in li["class"]
    text = text_of(html)
    for label in ("13. marts 2024", "primo marts 2024", "august–december 2024", "Afventer dato",
                  "Afventer dato (forventet 2025)", "ultimo september 2029"):
        assert label in text
    # The marker sits right before the first milestone after today (21 January 2026).
    items = soup.select(".plan-tl-now .plan-tl-month__items > li")
    marker = next(i for i, li in enumerate(items) if "plan-tl-today" in li["class"])
    assert "21. januar 2026" in items[marker + 1].get_text()
    # Status is written out, not only coloured.
    for li in items[:marker]:
        assert li.select_one(".plan-status").get_text(strip=True)
    # Later milestones become labelled arrows instead of stretching the axis to 2029.
    assert "→ ultimo september 2029" in svg.get_text()


def test_timeline_marker_moves_with_today(plan):
    today = D(2024, 3, 15)
    soup = BeautifulSoup(render_timeline(plan, today), "html.parser")
    items = soup.select(".plan-tl-now .plan-tl-month__items > li")
    marker = next(i for i, li in enumerate(items) if "plan-tl-today" in li["class"])
    first_ahead = next(m for m in ms.next_milestones(plan.milestones, today, 50) if m.deadline.start > today)
    assert first_ahead.activity in items[marker + 1].get_text()
    # Never under a later month's heading: the month label before the marker is not after today.
    month = items[marker].find_parent(class_="plan-tl-month").select_one(".plan-tl-month__label")
    assert month is None or month.get_text() == "Marts 2024"
    assert "I dag: 15. marts 2024" in soup.find("svg").get_text()


def test_table_has_danish_dates_parties_status_and_decision_links(plan):
    soup = BeautifulSoup(render_table(plan, TODAY), "html.parser")
    row = soup.find("tr", id="milepael-lbf-godkender-helhedsplan")
    cells = [c.get_text(" ", strip=True) for c in row.find_all(["td", "th"])]
    assert cells[0] == "Afventer dato (forventet 2025)"
    assert cells[2] == "Landsbyggefonden"
    assert "Gennemført (31. marts 2025)" in cells[3]
    assert row.select_one("td a")["href"] == "../beslutninger/#lbf-godkender-helhedsplan"
    # Every milestone names its sources, numbered into the list under the table.
    for tr in soup.select("tbody tr[id]"):
        refs = tr.select(".plan-ms-sources a")
        assert refs, tr["id"]
        for a in refs:
            assert soup.find(id=a["href"][1:]), a["href"]
    assert "Samlet procesplan" in soup.select_one(".plan-ms-sourcelist").get_text()
    assert len(soup.select("tbody tr[id]")) == len(plan.milestones)
    assert "Frist passeret – ikke bekræftet" in soup.find("tr", id="milepael-tpl-orientering").get_text()


def test_overdue_list_names_overdue_milestones(plan):
    late = dataclasses.replace(by_id(plan, "planperioden-slutter"), deadline=parse_deadline("2025-12"))
    changed = dataclasses.replace(plan, milestones=plan.milestones[:-1] + (late,))
    text = text_of(render_overdue(changed, TODAY))
    assert "Overskredne milepæle (1)" in text and "Planperioden for helhedsplanen" in text and "⚠ Overskredet" in text
    assert "Ingen milepæle er overskredet pr. 15. januar 2026" in text_of(render_overdue(plan, TODAY))


def test_next_box(plan):
    soup = BeautifulSoup(render_next(plan, TODAY, 3), "html.parser")
    links = soup.select("li a")
    assert links[0]["href"] == "tidsplan/#milepael-workshop-data-forandringsteori"
    assert "21. januar 2026" in soup.get_text() and "Status pr. 15. januar 2026" in soup.get_text()
    assert "1 milepæl venter stadig på en dato" in soup.get_text()
    empty = text_of(render_next(plan, D(2030, 1, 1), 3))
    assert "ingen kommende milepæle" in empty


def test_party_views_include_group_milestones(plan):
    sb = text_of(render_party(plan, "sb", TODAY))
    assert "13. marts 2024" in sb and "Gennemført (marts 2024)" in sb
    assert "(som del af Boligorganisationerne)" in sb  # from the group boligorganisationerne
    lbf = text_of(render_party(plan, "lbf", TODAY))
    assert "Landsbyggefonden godkender den nye helhedsplan" in lbf
    everyone = render_all_parties(plan, TODAY)
    assert "## Hvad skal Bestyrelsen nå? {#part-bestyrelsen}" in everyone
    assert "## Hvad skal Slagelse Kommune nå? {#part-slagelse-kommune}" in everyone


def test_decision_log_lists_its_milestones(plan):
    md = render_decisions(plan, TODAY)
    assert "{#lbf-godkender-helhedsplan}" in md and "{#moede-2021-05-05-helhedsplan-2021-2024}" in md
    assert "## 31. marts 2025: Landsbyggefonden godkender helhedsplanen 2025–2029" in md
    assert 'href="../tidsplan/#milepael-lbf-godkender-helhedsplan"' in md
    assert "Dato ukendt: Byrådet godkender prækvalifikationen" in md
    assert "Ingen milepæle henviser til beslutningen" in md  # the 2021 meeting


def test_data_text_is_escaped(plan):
    evil = dataclasses.replace(by_id(plan, "tpl-orientering"), activity="<script>x</script> *fed*")
    changed = dataclasses.replace(plan, milestones=(evil,))
    for html in (render_table(changed, TODAY), render_timeline(changed, TODAY)):
        assert "<script>" not in html and "&lt;script&gt;" in html


def test_blocks_check_their_arguments(plan):
    blocks = building_blocks(plan, BuildContext(TODAY, None))
    for name in ("tidslinje", "milepaelstabel", "naeste_milepaele", "overskredne_milepaele",
                 "milepaele_for_part", "alle_parters_milepaele", "beslutningslog", "kalenderlink",
                 "statusforklaring"):
        assert name in blocks
    with pytest.raises(PlanError) as info:
        blocks["milepaele_for_part"]("bestyrelse")
    assert "Mente du «bestyrelsen»?" in str(info.value)
    with pytest.raises(PlanError):
        checked("tidslinje", blocks["tidslinje"])("for mange")
    with pytest.raises(PlanError):
        blocks["kalenderlink"]("")
    link = blocks["kalenderlink"]("https://eksempel.dk/plan/")
    assert 'href="https://eksempel.dk/plan/milepaele.ics"' in link


# --- calendar ------------------------------------------------------------------------------


def test_calendar_parses_back_and_matches_the_data(plan):
    raw = build_calendar(plan, TODAY, "https://eksempel.dk/plan/")
    cal = Calendar.from_ical(raw)
    assert str(cal["VERSION"]) == "2.0" and "PRODID" in cal
    events = {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    fixed = {m.id for m in plan.milestones if m.deadline.is_fixed}
    assert fixed <= set(events)
    assert "politisk-fremlaeggelse-udkast" not in events  # "afventer": no date
    assert set(events) - fixed == {"lbf-godkender-helhedsplan"}  # unfixed, but done on a known day
    for uid, event in events.items():
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and type(end) is dt.date and end > start, uid
        assert event.decoded("DTSTAMP") == dt.datetime(2026, 1, 15, tzinfo=dt.timezone.utc)
    sb = events["sb-organisationsbestyrelse"]
    assert sb.decoded("DTSTART") == D(2024, 3, 13) and sb.decoded("DTEND") == D(2024, 3, 14)
    month = events["udkast-helhedsplan"]
    assert month.decoded("DTSTART") == D(2024, 8, 1) and month.decoded("DTEND") == D(2025, 1, 1)
    assert "(frist: august–december 2024)" in str(month["SUMMARY"])
    assert events["lbf-godkender-helhedsplan"].decoded("DTSTART") == D(2025, 3, 31)
    assert str(events["tpl-orientering"]["STATUS"]) == "TENTATIVE"
    assert str(sb["URL"]) == "https://eksempel.dk/plan/tidsplan/#milepael-sb-organisationsbestyrelse"
    assert b"\r\n" in raw and all(len(line) <= 75 for line in raw.split(b"\r\n"))


def test_calendar_is_reproducible_and_follows_the_data(data_copy):
    first = build_calendar(load_plan(data_copy), TODAY)
    assert build_calendar(load_plan(data_copy), TODAY) == first
    _replace(data_copy / "milepaele.yaml", "frist: 2026-01-21", "frist: 2026-02-18")
    moved = Calendar.from_ical(build_calendar(load_plan(data_copy), TODAY))
    event = next(e for e in moved.walk("VEVENT") if str(e["UID"]).startswith("workshop-data-forandringsteori@"))
    assert event.decoded("DTSTART") == D(2026, 2, 18)


def test_party_written_by_name_gets_its_id_suggested(data_copy):
    _replace(data_copy / "milepaele.yaml", "ansvarlige: [sb]", "ansvarlige: [slagelse-boligselskab]")
    assert "Ukendt part «slagelse-boligselskab»" in (message := _error(data_copy))
    assert "Mente du «sb» (Slagelse Boligselskab)?" in message


def test_status_and_phase_words_agree_between_schema_and_code():
    import yaml

    from macros.milestones.calendar import EVENT_STATUS
    from macros.milestones.timeline import STATUS_MEANINGS, STATUS_STYLES

    schema = yaml.safe_load((ROOT / "data" / "schemas" / "milepaele.schema.yaml").read_text(encoding="utf-8"))
    props = schema["items"]["properties"]
    statuses = set(props["status"]["enum"])
    assert statuses == set(STATUS_STYLES) == set(STATUS_MEANINGS) == set(EVENT_STATUS)
    assert list(props["fase"]["enum"]) == list(ms.PHASES)
    legend = text_of(building_blocks(load_plan(ROOT / "data"), BuildContext(TODAY, None))["statusforklaring"]())
    for style in STATUS_STYLES.values():
        assert f"{style.symbol} {style.label}" in legend
