"""The PDF document: structure (unit tests on small documents) and meeting data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.core.context import BuildContext
from macros.core.errors import PlanError
from macros.meetings.load import AgendaRef, load_meetings
from macros.pdf import document as pdf
from macros.pdf import meetingpack
from macros.pdf.cover import render_cover
from macros.plan import load_plan

ROOT = Path(__file__).resolve().parent.parent


def combined(body: str) -> BeautifulSoup:
    return BeautifulSoup(f"<html><head></head><body>{body}</body></html>", "html.parser")


SECTION_DOC = """
<article id="om-planen/:"><h1 id="om-planen/:om-planen">Om planen</h1><p>Tekst</p>
  <h2 id="om-planen/:baggrund">Baggrund</h2><p>Mere</p></article>
<article id="XYZ/:"><h1 id="XYZ/">Boligområder</h1>
  <section id="boligomraader/:"><h2 id="boligomraader/:boligomrader">Boligområder</h2><p>Intro</p>
    <h3 id="boligomraader/:planens-omrader">Planens områder</h3><p>Liste</p></section>
  <section id="boligomraader/ringparken/:"><h2 id="boligomraader/ringparken/:ringparken">Ringparken</h2>
    <h3 id="boligomraader/ringparken/:fakta">Fakta</h3></section>
</article>
"""


def test_section_index_page_is_merged_into_its_chapter():
    soup = combined(SECTION_DOC)
    pdf.normalize_chapters(soup)
    chapter = soup.find(id="XYZ/:")
    h1 = chapter.find("h1")
    assert h1.get_text(" ", strip=True) == "2. Boligområder"
    titles = [h.get_text(" ", strip=True) for h in chapter.find_all("h2")]
    # the duplicate "Boligområder" is gone, the index page's sections move up one level
    assert titles == ["2.1 Planens områder", "2.2 Ringparken"]
    # the old anchor still exists for links
    assert soup.find(id="boligomraader/:boligomrader") is not None


def test_section_without_index_page_keeps_its_pages():
    soup = combined(
        '<article id="S/:"><h1 id="S/">Beboerdata</h1>'
        '<section id="beboerdata/ringparken/:"><h2 id="a">Ringparken</h2></section>'
        '<section id="beboerdata/motalavej/:"><h2 id="b">Motalavej</h2></section></article>'
    )
    pdf.normalize_chapters(soup)
    assert [h.get_text(" ", strip=True) for h in soup.find_all("h2")] == ["1.1 Ringparken", "1.2 Motalavej"]


def test_toc_lists_chapters_and_sections_with_links():
    soup = combined(SECTION_DOC)
    pdf.normalize_chapters(soup)
    toc = pdf.build_toc(soup, pdf.chapter_articles(soup))
    assert toc.find("h1").get_text() == "Indhold"
    entries = [(a["href"], a.get_text(" ", strip=True)) for a in toc.find_all("a")]
    assert entries[0] == ("#om-planen/:om-planen", "1. Om planen")
    assert ("#XYZ/", "2. Boligområder") in entries
    assert ("#boligomraader/ringparken/:ringparken", "2.2 Ringparken") in entries
    for href, _ in entries:
        assert soup.find(id=href[1:]) is not None


def test_links_become_page_references_or_footnotes():
    soup = combined(
        '<article id="a/:"><h1 id="a/:t">A</h1>'
        '<p><a id="l1" href="#b/:">B</a> <a id="l2" href="#gone/:">væk</a> '
        '<a id="l3" href="https://lbf.dk/x">Landsbyggefonden</a> '
        '<a id="l4" href="https://lbf.dk">https://lbf.dk</a> <a id="l5" href="mailto:a@b.dk">skriv</a></p></article>'
        '<article id="b/:"><h1 id="b/:t">B</h1></article>'
    )
    pdf.mark_links(soup)
    assert "plan-pdf-ref" in soup.find(id="l1")["class"]
    assert soup.find(id="l2") is None and "væk" in soup.get_text()  # unwrapped
    assert soup.find(id="l3").find_next_sibling("span", class_="plan-pdf-url").get_text() == "https://lbf.dk/x"
    assert soup.find(id="l4").find_next_sibling("span", class_="plan-pdf-url") is None
    assert "(a@b.dk)" in soup.get_text()


@pytest.mark.parametrize(
    "columns, expected",
    [(4, []), (8, ["plan-pdf-bred"]), (11, ["plan-pdf-bred"]), (15, ["plan-pdf-bred", "plan-pdf-liggende"])],
)
def test_wide_tables_get_smaller_type_or_landscape(columns, expected):
    cells = "".join(f"<td>{i}</td>" for i in range(columns))
    soup = combined(f"<article><h2>Før</h2><h3>Tabel 1</h3><div class='scroll'><table><tr>{cells}</tr></table></div>"
                    "<p class='plan-kilde'>Kilde</p><p>Efter</p></article>")
    pdf.mark_tables(soup)
    assert (soup.table.get("class") or []) == expected
    page = soup.find("div", class_="plan-pdf-liggende-side")
    assert (page is not None) == (columns >= 14)
    if page is not None:
        # the table's heading and source line go onto its landscape page; other text does not
        assert [t.get_text() for t in page.find_all(["h3", "p"])] == ["Tabel 1", "Kilde"]
        assert page.find("div", class_="scroll") is not None


def test_example_data_is_detected_and_shown_on_the_cover():
    plan = load_plan(ROOT / "data")
    context = BuildContext(today=dt.date(2026, 1, 15), git=None)
    assert pdf.contains_example_data(combined('<p class="plan-eksempel">x</p>'))
    assert not pdf.contains_example_data(combined("<p>x</p>"))
    assert "Eksempeldata" in render_cover(plan, context, example_data=True)
    cover = render_cover(plan, context, example_data=False)
    assert "Eksempeldata" not in cover
    assert "Forslag til godkendelse" in cover and "15. januar 2026" in cover and "None" not in cover


def test_web_only_elements_are_left_out_of_the_pdf():
    soup = combined('<article id="a/:"><h1 id="a">A</h1><p class="plan-tl-cue plan-kun-web">Se tidslinjen</p>'
                    '<p>Tekst</p><div class="plan-kun-web"><p>x</p></div><p class="plan-kun-webx">bliver</p></article>')
    pdf.normalize_chapters(soup)
    assert [p.get_text() for p in soup.find_all("p")] == ["Tekst", "bliver"]


def test_pdf_options_reach_weasyprint():
    import weasyprint

    before = dict(weasyprint.DEFAULT_OPTIONS)
    try:
        pdf.enable_pdf_options()
        assert weasyprint.DEFAULT_OPTIONS["pdf_tags"] is True
    finally:
        weasyprint.DEFAULT_OPTIONS.clear()
        weasyprint.DEFAULT_OPTIONS.update(before)


def test_danish_hyphenation_dictionary_is_available():
    import pyphen

    assert pyphen.language_fallback("da") is not None
    assert "-" in pyphen.Pyphen(lang="da").inserted("boligorganisationerne")


@pytest.mark.parametrize(
    "docs_path, anchor",
    [("index.md", ".:"), ("oekonomi.md", "oekonomi/:"), ("boligomraader/index.md", "boligomraader/:"),
     ("om-sitet/tilgaengelighed.md", "om-sitet/tilgaengelighed/:")],
)
def test_page_anchor_matches_the_plugin(docs_path, anchor):
    assert meetingpack.page_anchor(docs_path) == anchor


# --- meeting data -------------------------------------------------------------------


def test_shipped_meeting_loads():
    plan = load_plan(ROOT / "data")
    meeting = plan.meetings["bestyrelse-2025-01-27"]
    assert meeting.date == dt.date(2025, 1, 27)
    assert meeting.body_id == "bestyrelsen"
    assert meeting.refs and all((ROOT / "docs" / ref.path).exists() for ref in meeting.refs)


def _break(data_copy: Path, old: str, new: str) -> Path:
    path = data_copy / "moeder" / "bestyrelse-2025-01-27.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _load(data_copy: Path):
    plan = load_plan(ROOT / "data")
    return load_meetings(data_copy, plan.parties, plan.sources, docs_dir=ROOT / "docs")


def test_unknown_page_names_file_line_and_nearest_page(data_copy):
    path = _break(data_copy, "      - oekonomi.md\n", "      - okonomi.md\n")
    line = path.read_text(encoding="utf-8").splitlines().index("      - okonomi.md") + 1
    with pytest.raises(PlanError) as caught:
        _load(data_copy)
    message = str(caught.value)
    assert f"moeder/bestyrelse-2025-01-27.yaml, linje {line}" in message
    assert "«okonomi.md» findes ikke" in message and "Mente du «oekonomi.md»" in message


def test_unknown_body_is_reported(data_copy):
    _break(data_copy, "organ: bestyrelsen", "organ: bestyrelse")
    with pytest.raises(PlanError) as caught:
        _load(data_copy)
    assert "Ukendt organ «bestyrelse»" in str(caught.value) and "Mente du «bestyrelsen»" in str(caught.value)


def test_attachment_without_md_is_explained(data_copy):
    _break(data_copy, "      - tidsplan.md\n", "      - tidsplan\n")
    with pytest.raises(PlanError) as caught:
        _load(data_copy)
    assert "Skriv stien til siden i docs/ med .md" in str(caught.value)


def test_bad_date_is_reported(data_copy):
    _break(data_copy, "dato: 2025-01-27", "dato: 27-01-2025")
    with pytest.raises(PlanError) as caught:
        _load(data_copy)
    assert "linje" in str(caught.value)


# --- selecting a meeting pack's pages ----------------------------------------------


def _meeting(refs: list[tuple[str, str | None]]):
    from macros.meetings.load import AgendaItem, Meeting

    items = (AgendaItem(1, "Punkt", "", "", tuple(AgendaRef(p, a, 7) for p, a in refs)),)
    return Meeting("m", ROOT / "data" / "moeder" / "m.yaml", "Møde", "bestyrelsen", dt.date(2025, 1, 27),
                   "", "", "", None, items)


def _numbered():
    soup = combined(SECTION_DOC)
    pdf.normalize_chapters(soup)
    return soup


PAGES = ["om-planen.md", "boligomraader/index.md", "boligomraader/ringparken.md", "oekonomi.md"]


def test_pack_takes_whole_chapters_and_sections_in_agenda_order_once():
    soup = _numbered()
    meeting = _meeting([("boligomraader/ringparken.md", None), ("om-planen.md", "baggrund"), ("om-planen.md", None),
                        ("boligomraader/index.md", None)])
    articles, targets = meetingpack.select_attachments(soup, meeting, PAGES)
    titles = [a.find("h1").get_text(" ", strip=True) for a in articles]
    # the Ringparken piece is dropped because the whole chapter 2 follows; the section of
    # "Om planen" is dropped because the whole chapter is included too
    assert titles == ["1. Om planen", "2. Boligområder"]
    assert targets[meeting.refs[1]] == "om-planen/:baggrund"


def test_pack_section_reference_takes_only_that_section():
    soup = _numbered()
    articles, _ = meetingpack.select_attachments(soup, _meeting([("om-planen.md", "baggrund")]), PAGES)
    assert len(articles) == 1
    text = articles[0].get_text(" ", strip=True)
    assert "1. Om planen" in text and "Baggrund" in text and "Tekst" not in text


def test_pack_unknown_anchor_is_a_danish_error_with_line():
    soup = _numbered()
    with pytest.raises(PlanError) as caught:
        meetingpack.select_attachments(soup, _meeting([("om-planen.md", "bagrund")]), PAGES)
    message = str(caught.value)
    assert "m.yaml, linje 7" in message and "«#bagrund» findes ikke" in message and "Mente du «baggrund»" in message


def test_pack_page_outside_the_pdf_is_a_danish_error():
    soup = _numbered()
    with pytest.raises(PlanError) as caught:
        meetingpack.select_attachments(soup, _meeting([("oekonomi.md", None)]), PAGES)
    assert "ikke med i PDF'en" in str(caught.value)


def test_unknown_meeting_selection_is_explained():
    plan = load_plan(ROOT / "data")
    with pytest.raises(PlanError) as caught:
        meetingpack.select_meetings(plan, "bestyrelse-2025-01-28")
    assert "Mente du «bestyrelse-2025-01-27»" in str(caught.value)


def test_appendix_takes_the_change_log_page_or_says_it_is_missing():
    soup = combined(
        '<article id="X/:"><h1 id="X/">Om sitet</h1><section id="aendringslog/:">'
        '<h2 id="aendringslog/:aendringslog"><span class="pdf-order">1.1 </span>Ændringslog</h2>'
        '<h3 id="aendringslog/:hvad">Hvad er ændret i planen</h3><p>Budgettet er ændret.</p></section></article>'
    )
    html = meetingpack.changes_from_document(soup)
    assert "Budgettet er ændret." in html and "Hvad er ændret i planen" in html
    assert "Ændringslog" not in html and "1.1" not in html and " id=" not in html
    assert meetingpack.changes_from_document(combined("<article id='a/:'><h1>A</h1></article>")) is None
    assert meetingpack.NO_CHANGES_NOTE in meetingpack.render_changes(None)


def test_short_tables_are_kept_whole_with_their_block_long_ones_flow():
    short = "".join(f"<tr><td>{i}</td></tr>" for i in range(5))
    long = "".join(f"<tr><td>{i}</td></tr>" for i in range(40))
    soup = combined(
        f"<article><h4>Tabel 1</h4><div id='b1'><p class='plan-eksempel'>x</p><div><table>{short}</table></div>"
        f"<figure>graf</figure></div><div id='b2'><table>{long}</table></div>"
        f"<div id='b3'><table>{short}</table><table>{short}</table></div></article>"
    )
    pdf.mark_tables(soup)
    assert "plan-pdf-samlet" in soup.find(id="b1")["class"]
    assert "plan-pdf-samlet" not in (soup.find(id="b2").get("class") or [])
    assert "plan-pdf-samlet" not in (soup.find(id="b3").get("class") or [])
