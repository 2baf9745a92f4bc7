"""The plan's chapters: themes, indicators, theory of change, organisation, glossary.

Unit tests of the loaders (with the Danish messages a staff member gets for bad
input) and of the pure render functions. No MkDocs needed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from macros.chapters.changetheory import render_change_theory
from macros.chapters.frontpage import plan_status
from macros.chapters.glossary import (
    abbreviation_lines,
    append_abbreviations,
    page_tooltips,
    render_glossary,
)
from macros.chapters.indicators import (
    format_value,
    progress,
    render_indicators,
    render_progress,
)
from macros.chapters.load import Indicator, Measurement
from macros.chapters.organisation import render_body, render_org_diagram
from macros.chapters.sources import render_source_list
from macros.core.context import BuildContext
from macros.core.errors import PlanError
from macros.core.html import EXAMPLE_DATA_LABEL
from macros.plan import load_plan
from macros.registry import building_blocks, checked


@pytest.fixture(scope="module")
def plan():
    return load_plan(ROOT / "data")


def text_of(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def replace_in(path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {path.name}"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if fragment in line)


# --- shipped data -------------------------------------------------------------------


def test_shipped_chapters_data_is_complete(plan):
    assert list(plan.themes) == [
        "uddannelse-og-livschancer",
        "beskaeftigelse",
        "kriminalitetsforebyggelse",
        "sammenhaengskraft-og-medborgerskab",
    ]
    for theme in plan.themes.values():
        assert [i for i in plan.indicators.values() if i.theme_id == theme.id], theme.id
    assert {"bestyrelsen", "koordinationsgruppen", "driftskoordineringsgrupper", "lokale-foelgegrupper"} <= set(
        plan.organisation.bodies
    )
    assert {"lbf", "praekvalifikation", "afdeling", "forebyggelsesomraade", "boligsocial-helhedsplan"} <= set(
        plan.glossary
    )


def test_every_theme_has_a_page_and_every_body_an_anchor(plan):
    for theme_id in plan.themes:
        assert (ROOT / "docs" / "indsatsomraader" / f"{theme_id}.md").exists(), theme_id
    organisation_page = (ROOT / "docs" / "organisering.md").read_text(encoding="utf-8")
    for body_id in plan.organisation.bodies:
        assert f"{{: #{body_id} }}" in organisation_page, body_id
        assert f'organ("{body_id}")' in organisation_page, body_id


def test_no_shipped_indicator_pretends_to_be_real(plan):
    # The sources hold no 2025–2029 indicator values: every value must be example data.
    for ind in plan.indicators.values():
        if ind.baseline or ind.target or ind.latest:
            assert ind.example, ind.id


# --- indicators: progress ------------------------------------------------------------


def make_indicator(**changes) -> Indicator:
    base = Indicator(
        id="x",
        theme_id="beskaeftigelse",
        name="Andel i job",
        unit="procent",
        decimals=0,
        direction="op",
        data_source="Tabel 10",
        example=True,
        baseline=Measurement(40, 2024),
        target=Measurement(50, 2029),
        latest=Measurement(44, 2025),
    )
    return dataclasses.replace(base, **changes)


@pytest.mark.parametrize(
    ("baseline", "target", "latest", "status", "share"),
    [
        (40, 50, 44, "paa-vej", 0.4),
        (40, 50, 50, "naaet", 1.0),
        (40, 50, 55, "naaet", 1.5),
        (40, 50, 38, "forkert-vej", -0.2),
        (36, 30, 34.5, "paa-vej", 0.25),  # lower is better: the same formula works
        (36, 30, 37, "forkert-vej", -1 / 6),
    ],
)
def test_progress_towards_target(baseline, target, latest, status, share):
    p = progress(make_indicator(baseline=Measurement(baseline, 2024), target=Measurement(target, 2029),
                                latest=Measurement(latest, 2025)))
    assert p.status == status
    assert p.share == pytest.approx(share)
    assert 0 <= p.bar_percent <= 100


def test_progress_waits_for_data():
    assert progress(make_indicator(baseline=None)).status == "afventer"
    assert progress(make_indicator(target=None)).status == "afventer"
    assert progress(make_indicator(latest=None)).status == "ingen-maaling"


def test_progress_is_text_and_a_bar_hidden_from_screen_readers():
    html = render_progress(progress(make_indicator()))
    soup = BeautifulSoup(html, "html.parser")
    assert "40 % af vejen mod målet" in soup.get_text(" ").replace("\u00a0", " ")
    svg = soup.find("svg")
    assert svg["aria-hidden"] == "true"
    bar = svg.find_all("rect")[1]
    assert bar["width"] == "40.0" and bar["fill"]  # colour as attribute: prints without CSS
    waiting = BeautifulSoup(render_progress(progress(make_indicator(latest=None))), "html.parser")
    assert waiting.find("svg") is None and "Afventer første måling" in waiting.get_text()
    wrong = text_of(render_progress(progress(make_indicator(latest=Measurement(30, 2025)))))
    assert "forkerte vej" in wrong


def test_indicator_values_in_danish_units():
    assert format_value(34.5, "procent", 1) == "34,5\u00a0%"
    assert format_value(31.6, "pr-1000", 1) == "31,6 pr.\u00a01.000"
    assert format_value(146626, "kroner") == "146.626\u00a0kr."
    assert format_value(123, "antal") == "123"


def test_indicator_table_labels_example_data_and_shows_sources(plan):
    indicators = [i for i in plan.indicators.values() if i.theme_id == "beskaeftigelse"]
    html = render_indicators(plan, indicators, "Indikatorer for Beskæftigelse")
    text = text_of(html)
    assert EXAMPLE_DATA_LABEL in text
    assert "Afventer" in text  # an indicator without values is shown, not hidden
    assert "Til sammenligning" in text and "42 %" in text.replace("\u00a0", " ")
    assert "Ansøgning til én fælles boligsocial indsats" in text  # the reference's source
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("caption").get_text() == "Indikatorer for Beskæftigelse"
    assert all(td.get("data-label") for td in soup.find_all("td"))


def test_indicator_table_without_example_values_has_no_example_label(plan):
    real = make_indicator(example=False, source_id="ansoegning-2017-2021")
    text = text_of(render_indicators(plan, [real], "Test"))
    assert EXAMPLE_DATA_LABEL not in text and "Eksempeldata" not in text
    assert "Kilde: Ansøgning" in text


def test_empty_indicator_table_is_an_error_not_a_blank(plan):
    with pytest.raises(PlanError) as info:
        render_indicators(plan, [], "Indikatorer for X")
    assert "ingen indikatorer" in str(info.value)


# --- indicators: bad data ---------------------------------------------------------------


def test_real_values_need_a_source(data_copy):
    path = data_copy / "indikatorer.yaml"
    text = replace_in(path, "  eksempeldata: true\n  udgangspunkt: {vaerdi: 52", "  eksempeldata: false\n  udgangspunkt: {vaerdi: 52")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    message = str(info.value)
    assert "indikatorer.yaml, linje" in message and "ingen kilde" in message
    assert "eksempeldata: true" in info.value.fix or "eksempeldata: true" in message


def test_target_in_the_wrong_direction(data_copy):
    path = data_copy / "indikatorer.yaml"
    text = replace_in(path, "maal: {vaerdi: 30.0, aar: 2029}", "maal: {vaerdi: 40.0, aar: 2029}")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    assert f"linje {line_of(text, 'maal: {vaerdi: 40.0')}" in str(info.value)
    assert "skal gå «ned»" in str(info.value)


def test_target_year_before_baseline(data_copy):
    path = data_copy / "indikatorer.yaml"
    replace_in(path, "maal: {vaerdi: 47, aar: 2029}", "maal: {vaerdi: 47, aar: 2020}")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    assert "Målets år skal ligge efter" in str(info.value)


def test_small_person_counts_are_refused(data_copy):
    path = data_copy / "indikatorer.yaml"
    replace_in(path, "udgangspunkt: {vaerdi: 40, aar: 2025}", "udgangspunkt: {vaerdi: 3, aar: 2025}")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    assert "mellem 1 og 4" in str(info.value) and "må ikke offentliggøres" in str(info.value)


def test_decimal_comma_gets_a_danish_hint(data_copy):
    path = data_copy / "indikatorer.yaml"
    replace_in(path, "seneste: {vaerdi: 34.5, aar: 2025}", 'seneste: {vaerdi: "34,5", aar: 2025}')
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    assert "punktum som decimaltegn" in str(info.value)


def test_unknown_theme_in_indicator(data_copy):
    path = data_copy / "indikatorer.yaml"
    replace_in(path, "indsatsomraade: beskaeftigelse", "indsatsomraade: beskæftigelse")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    assert "Mente du «beskaeftigelse»" in str(info.value) or "har ikke den rigtige form" in str(info.value)


def test_unknown_theme_in_indicator_reference(data_copy):
    path = data_copy / "indikatorer.yaml"
    replace_in(path, "indsatsomraade: beskaeftigelse", "indsatsomraade: beskaeftigelsen")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    assert "Ukendt indsatsområde «beskaeftigelsen»" in str(info.value)
    assert "Mente du «beskaeftigelse»" in str(info.value)


# --- themes and theory of change ------------------------------------------------------


def test_change_theory_has_four_steps_in_order(plan):
    html = render_change_theory(plan.themes["beskaeftigelse"])
    soup = BeautifulSoup(html, "html.parser")
    steps = [p.get_text(" ", strip=True) for p in soup.select(".plan-ft__titel")]
    assert steps == ["1 Ressourcer", "2 Aktiviteter", "3 Resultater", "4 Effekter"]
    assert soup.find("figure").find("figcaption")
    assert "Jobcenteret" in soup.get_text()


def test_unknown_partner_in_theme(data_copy):
    path = data_copy / "indsatsomraader.yaml"
    text = replace_in(path, "    - part: virksomheder\n", "    - part: virksomhederne\n")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    message = str(info.value)
    assert f"indsatsomraader.yaml, linje {line_of(text, 'part: virksomhederne')}" in message
    assert "Mente du «virksomheder»" in message


def test_change_theory_missing_a_step(data_copy):
    path = data_copy / "indsatsomraader.yaml"
    replace_in(path, "    effekter:\n      - Flere unge gennemfører", "    effekt:\n      - Flere unge gennemfører")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    assert "«effekter» mangler" in str(info.value) or "Ukendt felt «effekt»" in str(info.value)


def test_activity_source_must_exist(data_copy):
    path = data_copy / "indsatsomraader.yaml"
    replace_in(path, "      kilde: procesplan-2024-02", "      kilde: procesplan-2024")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    assert "Ukendt kilde «procesplan-2024»" in str(info.value)


def test_unknown_theme_on_a_page_names_the_known_ones(plan):
    blocks = building_blocks(plan, BuildContext(dt.date(2026, 1, 15), None))
    with pytest.raises(PlanError) as info:
        blocks["forandringsteori"]("beskæftigelse")
    assert "findes ikke" in str(info.value) and "beskaeftigelse" in info.value.fix


# --- organisation -----------------------------------------------------------------------


def test_org_diagram_lists_levels_top_down_and_links_bodies(plan):
    html = render_org_diagram(plan)
    soup = BeautifulSoup(html, "html.parser")
    levels = [p.get_text() for p in soup.select(".plan-org__niveaunavn")]
    assert levels[0] == "Finansiering og godkendelse" and levels[-1] == "Beboerne"
    links = {a["href"] for a in soup.select("a.plan-org__navn")}
    assert {f"#{b}" for b in plan.organisation.bodies} == links
    assert soup.find("figcaption")


def test_body_shows_members_from_parties_and_sources(plan):
    text = text_of(render_body(plan, "bestyrelsen"))
    for name in ("Slagelse Kommune", "Slagelse Boligselskab", "FOB", "BoligKorsør"):
        assert name in text
    assert "Kilder:" in text
    assert "Politiet" in text_of(render_body(plan, "koordinationsgruppen"))


def test_unknown_member_party(data_copy):
    path = data_copy / "organisering.yaml"
    text = replace_in(path, "      - part: politiet\n", "      - part: politi\n")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    message = str(info.value)
    assert f"organisering.yaml, linje {line_of(text, 'part: politi')}" in message
    assert "Mente du «politiet»" in message


def test_unknown_level(data_copy):
    path = data_copy / "organisering.yaml"
    replace_in(path, "    niveau: taktisk\n", "    niveau: taktik\n")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    assert "Ukendt niveau «taktik»" in str(info.value)


def test_actor_may_not_duplicate_a_party(data_copy):
    path = data_copy / "organisering.yaml"
    replace_in(path, "  - id: vive\n", "  - id: fob\n")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    assert "findes også som part" in str(info.value)


# --- glossary ----------------------------------------------------------------------------


def test_glossary_is_sorted_the_danish_way_with_anchors(plan):
    soup = BeautifulSoup(render_glossary(plan.glossary), "html.parser")
    terms = [dt_.get_text() for dt_ in soup.find_all("dt")]
    assert terms.index("Afdeling (boligafdeling)") < terms.index("Landsbyggefonden (LBF)") < terms.index("VIVE")
    assert terms[0].startswith("§")  # signs before letters
    assert soup.find("dt", id="lbf")
    see_also = soup.find("dt", id="afdeling").find_next("dd").find("a")
    assert see_also["href"].startswith("#")


def test_abbreviations_are_generated_from_data(plan):
    lines = abbreviation_lines(plan.glossary).splitlines()
    assert any(line.startswith("*[LBF]: ") for line in lines)
    assert all("\n" not in line for line in lines)
    page = append_abbreviations("# Titel\n\nLBF betaler.\n", plan.glossary)
    assert page.startswith("# Titel\n\nLBF betaler.\n\n*[")


def test_abbreviations_render_as_abbr_in_markdown(plan):
    import markdown

    page = append_abbreviations("Planen er godkendt af LBF efter prækvalifikationen.", plan.glossary)
    html = markdown.markdown(page, extensions=["abbr"])
    soup = BeautifulSoup(html, "html.parser")
    titles = {a.get_text(): a["title"] for a in soup.find_all("abbr")}
    assert "LBF" in titles and "prækvalifikationen" in titles
    assert "fond" in titles["LBF"]
    assert "*[" not in soup.get_text()


def test_page_tooltips_are_appended_unless_the_page_opts_out(plan):
    assert "*[LBF]:" in page_tooltips("LBF", {}, plan.glossary)
    assert page_tooltips("LBF", {"ordliste": False}, plan.glossary) == "LBF"


def test_a_word_form_with_two_explanations_is_refused(data_copy):
    path = data_copy / "ordliste.yaml"
    replace_in(path, "  markeres: [SSP]", "  markeres: [SSP, LBF]")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    assert "«LBF» står også under «lbf»" in str(info.value)


def test_glossary_see_also_must_exist(data_copy):
    path = data_copy / "ordliste.yaml"
    replace_in(path, "se_ogsaa: [medfinansiering]", "se_ogsaa: [medfinansering]")
    with pytest.raises(PlanError) as info:
        load_plan(data_copy)
    assert "Mente du «medfinansiering»" in str(info.value)


# --- sources, status and block registration ------------------------------------------------


def test_source_list_and_unknown_source(plan):
    text = text_of(render_source_list(plan, ("referat-2021-05-05",)))
    assert "Referat af møde 5. maj 2021" in text
    assert len(BeautifulSoup(render_source_list(plan), "html.parser").find_all("li")) == len(plan.sources)
    with pytest.raises(PlanError) as info:
        render_source_list(plan, ("referat-2021",))
    assert "Mente du" in info.value.fix or "Brug en af" in info.value.fix


def test_plan_status_follows_today(plan):
    assert "træder i kraft 1. oktober 2025" in plan_status(plan, dt.date(2025, 5, 1))
    assert "1. år af 4" in plan_status(plan, dt.date(2026, 1, 15))
    assert "4. år af 4" in plan_status(plan, dt.date(2029, 9, 30))
    assert "sluttede" in plan_status(plan, dt.date(2030, 1, 1))


def test_new_blocks_are_registered_and_check_arguments(plan):
    blocks = building_blocks(plan, BuildContext(dt.date(2026, 1, 15), None))
    for name in ("formaal", "maal", "aktiviteter", "parter_og_roller", "forandringsteori", "indikatorer",
                 "organisationsdiagram", "organ", "ordliste", "kildeliste", "omraade_fakta", "vision", "planstatus",
                 "plandato", "milepael_dato"):
        assert name in blocks, name
    with pytest.raises(PlanError) as info:
        checked("organ", blocks["organ"])()
    assert "{{ organ(organ) }}" in info.value.fix


def test_dates_in_the_text_come_from_data(plan):
    from macros.chapters.frontpage import milestone_date, plan_date

    assert plan_date(plan, "godkendt_af_lbf") == "31. marts 2025"
    assert milestone_date(plan, "workshop-data-forandringsteori") == "21. januar 2026"
    with pytest.raises(PlanError) as info:
        milestone_date(plan, "workshop-data")
    assert "findes ikke" in str(info.value)
    with pytest.raises(PlanError) as info:
        plan_date(plan, "godkendt")
    assert "godkendt_af_lbf" in info.value.fix
