"""The plan's chapters: themes, theory of change, organisation, glossary.

Unit tests of the loaders (with the Danish messages a staff member gets for bad
input) and of the pure render functions. No MkDocs needed.
"""

from __future__ import annotations

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
from macros.chapters.organisation import render_body, render_org_diagram
from macros.chapters.sources import render_source_list
from macros.core.context import BuildContext
from macros.core.errors import PlanError
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
