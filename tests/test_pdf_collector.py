"""The faster collecting steps (macros/pdf/collector.py) against mkdocs-with-pdf's own."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup, Comment, NavigableString
from mkdocs_with_pdf.generator import Generator

from conftest import ROOT, TEST_TODAY
from pdfhtml import handed_html
from macros.core.errors import PlanError
from macros.pdf import collector

LOG = logging.getLogger("test.with-pdf")

PAGE = """<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Side</title>
<link rel="stylesheet" href="../assets/stylesheets/plan.css"><script>var __md = {"x": "<b>"};</script></head>
<body dir="ltr"><header class="md-header"><p></p><a href="../">Forside</a></header>
<nav class="md-nav"><ul><li><a href="../om-planen/" class="md-nav__link">Om planen</a></li></ul></nav>
<div class="md-content" data-md-component="content">
<article class="md-content__inner md-typeset">
    \n  \n    <a href="https://example.org/edit/docs/a.md" title="Redigér" class="md-content__button md-icon">
      <svg viewBox="0 0 24 24"><path d="M1 1"/></svg>
    </a>
  \n  \n
<h1>Ringparken<a class="headerlink" href="#ringparken" title="Link">&para;</a></h1>
<p></p>
<p>  <span> </span> </p>
<p><img src="../assets/images/kort.png" alt="Kort"></p>
<h2 id="fakta">Fakta &amp; tal<a class="headerlink" href="#fakta" title="Link">&para;</a></h2>
<p>Se <a href="../beboerdata/ringparken/#tabel">tabellen</a> og <a href="https://example.org/a%20b">kilden</a>.</p>
<div class="admonition"><p class="admonition-title">Note</p><p><strong></strong></p></div>
<h3 id="a-b">Underafsnit</h3><pre><code>  x  </code></pre><!-- en kommentar -->
</article>
</div><footer><p>Sidefod</p></footer></body></html>
"""


def make_page(url: str, title: str, tmp_path: Path, children=None, section: bool = False):
    src = url.rstrip("/") + ".md" if url else "index.md"
    file = SimpleNamespace(url=url, src_path=src, abs_dest_path=str(tmp_path / "site" / url / "index.html"))
    return SimpleNamespace(url=url, title=title, file=file, is_section=section, children=children or [],
                           ancestors=[])


class Hook:
    def inject_link(self, output_content, pdf_path, page, theme):
        return f"{output_content}<!-- {pdf_path} -->"


def make_generator() -> Generator:
    options = SimpleNamespace(theme_name="material", theme_handler_path=None, exclude_pages=[], logger=LOG,
                              hook=Hook(), heading_shift=True, js_renderer=None, debug_html=False,
                              show_anchors=False, strict=True, verbose=False)
    return Generator(options)


def fast_generator() -> tuple[Generator, collector.Collector]:
    generator = make_generator()
    fast = collector.Collector(generator, str)
    generator.on_post_page = fast.on_post_page
    generator._get_content = fast.get_content
    generator._normalize_link_anchors = fast.normalize_link_anchors
    return generator, fast


def collect(generator: Generator, html: str, page) -> str:
    """The page through the generator, the first page (whose head is kept) before it."""
    if generator._head is None:
        generator.on_post_page(PAGE, make_page("", "Forside", Path(page.file.abs_dest_path).parents[2]), "pdf")
    return generator.on_post_page(html, page, "../pdf/helhedsplan.pdf")


def test_a_page_is_collected_as_the_plugin_collects_it(tmp_path):
    plugin, (fast, _) = make_generator(), fast_generator()
    pages = [make_page("boligomraader/ringparken/", "Ringparken", tmp_path) for _ in range(2)]
    assert collect(fast, PAGE, pages[1]) == collect(plugin, PAGE, pages[0])
    ours, theirs = getattr(pages[1], "pdf-article"), getattr(pages[0], "pdf-article")
    assert str(ours) == str(theirs)
    assert ours.parent is None
    # the sample exercises what the steps do
    assert "headerlink" not in str(ours) and "md-content__button" not in str(ours)
    assert ours.h1["id"] == "boligomraader/ringparken/"  # the plugin's id for an h1 without one
    assert "<p></p>" not in str(ours) and "kort.png" in str(ours)
    assert ours.find("a", string="tabellen")["href"] == "#boligomraader/beboerdata/ringparken/:tabel"
    assert str(fast._head) == str(plugin._head)


def test_the_first_page_and_pages_that_do_not_fit_are_collected_by_the_plugin(tmp_path):
    generator, fast = fast_generator()
    calls = []
    fast.plugin_on_post_page = lambda html, page, path: calls.append(page.url) or html
    first = make_page("", "Forside", tmp_path)
    generator.on_post_page(PAGE, first, "pdf")
    assert calls == [""]  # the first page keeps its <head> for the document
    generator._head = BeautifulSoup("<head></head>", "html.parser").head
    odd = {
        "to": PAGE.replace("</article>", "</article><article><p>x</p></article>"),
        "kommentar": PAGE.replace("<!-- en kommentar -->", "<!-- <article> -->"),
        "tom": PAGE.split("<article")[0] + "<article class='x'><p> </p></article></div></body></html>",
        "ingen": PAGE.replace("article", "section"),
    }
    for name, html in odd.items():
        generator.on_post_page(html, make_page(name + "/", name, tmp_path), "pdf")
    assert calls == ["", "to/", "kommentar/", "tom/", "ingen/"]


def test_page_article_cuts_nested_articles_whole():
    html = "<body><article id='a'><article id='b'></article><p>x</p></article></body>"
    assert collector.page_article(html) == "<article id='a'><article id='b'></article><p>x</p></article>"
    assert collector.page_article("<article><p>x</p>") is None
    assert collector.page_article("<article-x></article-x><article >y</article >") == "<article >y</article >"
    assert collector.page_article("<script>'<article>'</script><article></article>") is None


def test_a_nav_section_is_combined_as_the_plugin_combines_it(tmp_path):
    def section_tree():
        intro = make_page("boligomraader/", "Boligområder", tmp_path)
        area = make_page("boligomraader/ringparken/", "Ringparken", tmp_path)
        inner = make_page("", "Fakta", tmp_path, children=[area], section=True)
        section = make_page("", "Boligområder", tmp_path, children=[intro, inner], section=True)
        inner.ancestors = [section]
        return section, intro, area

    results = []
    for generator in (make_generator(), fast_generator()[0]):
        section, intro, area = section_tree()
        for page in (intro, area):
            collect(generator, PAGE.replace("<h1>", "<h1 id='x'>"), page)
        soup = BeautifulSoup("<html><body></body></html>", "html.parser")
        content = generator._get_content(soup, section)
        results.append(str(content))
    assert results[0] == results[1]
    combined = BeautifulSoup(results[1], "html.parser")
    # shifted once per section level: the page's h1 is an h3 inside the inner section
    assert combined.article.find(True).name == "h1" and combined.article.h1.string == "Boligområder"
    assert combined.find(id="boligomraader/:").find(["h1", "h2", "h3"]).name == "h2"
    assert combined.find(id="boligomraader/ringparken/:").find(["h1", "h2", "h3"]).name == "h3"
    assert combined.find("section").get("class") == ["md-typeset"]


def test_shift_headings_moves_each_heading_down_once():
    soup = BeautifulSoup("<article><h1>a</h1><h2>b</h2><h7>c</h7><section><h1>d</h1></section></article>",
                         "html.parser")
    collector.shift_headings(soup.article)
    assert [h.name for h in soup.find_all(True)] == ["article", "h2", "h3", "h8", "section", "h2"]


def test_link_anchors_are_normalised_and_checked_as_the_plugin_does(caplog):
    html = ('<html><body><h1 id="a%25b">x</h1><p id="c%20d"></p><a href="#a%25b">1</a><a href="#c%20d">2</a>'
            '<a href="#mangler">3</a><a href="https://x.dk/%41">4</a><a>5</a><a href="">6</a></body></html>')
    results = []
    for generator in (make_generator(), fast_generator()[0]):
        soup = BeautifulSoup(html, "html.parser")
        caplog.clear()
        with caplog.at_level(logging.INFO, logger=LOG.name):
            generator._normalize_link_anchors(soup)
        results.append((str(soup), [(r.levelname, r.getMessage()) for r in caplog.records]))
    assert results[0] == results[1]
    assert ("ERROR", "Missing 2 link(s):") in results[1][1]


def reparsed(soup: BeautifulSoup) -> BeautifulSoup:
    return BeautifulSoup(str(soup), "html.parser")


def structure(soup: BeautifulSoup) -> list:
    return [(type(node).__name__, node.name if node.name else str(node), dict(getattr(node, "attrs", {}) or {}))
            for node in soup.descendants]


def test_as_parsed_gives_what_a_parse_of_the_document_gives():
    soup = BeautifulSoup("<html><head></head><body><div>\n  <p>a</p>\n <a class='x'>y</a> \n</div>"
                         "<pre>  <b>z</b>  </pre></body></html>", "html.parser")
    soup.find("p").extract()  # two strings side by side
    soup.find("b").extract()  # in <pre>: spaces kept
    style = soup.new_tag("style")
    style.string = "a > b { color: red }"
    soup.head.append(style)
    section = soup.new_tag("section")
    section["class"] = None
    section["data-n"] = 3
    section.append("et ")
    section.append("to")
    section.append("")
    section.append(Comment(" c "))
    section.append(NavigableString("   "))
    soup.body.append(section)
    expected = reparsed(soup)
    collector.as_parsed(soup)
    assert str(soup) == str(expected)
    assert structure(soup) == structure(expected)
    assert soup.head.style.get_text() == "a > b { color: red }"


def test_bind_refuses_a_plugin_without_the_expected_steps():
    generator = make_generator()
    handler = SimpleNamespace(pre_pdf_render=None, inject_link=None, _module=None, _logger=LOG)
    generator._options.hook = handler
    with pytest.raises(PlanError):
        collector.bind(SimpleNamespace(_options=generator._options), handler, str)
    with pytest.raises(PlanError):
        collector.bind(generator, SimpleNamespace(), str)
    bound = collector.bind(generator, handler, str)
    assert generator._get_content == bound.get_content
    assert handler.pre_pdf_render == bound.pre_pdf_render


@pytest.fixture
def pdf_html(monkeypatch, tmp_path):
    """The HTML mkdocs-with-pdf hands to WeasyPrint for the shipped plan (tests/pdfhtml.py),
    with our steps bound to the plugin or (``bound=False``) the plugin's own."""

    def build(bound: bool) -> str:
        with monkeypatch.context() as patch:
            if not bound:
                patch.setattr(collector, "bind", lambda *args: None)
            return handed_html(ROOT / "mkdocs.yml", tmp_path / f"site-{bound}")

    monkeypatch.setenv("PLAN_PDF", "1")
    monkeypatch.setenv("PLAN_TODAY", TEST_TODAY)
    monkeypatch.chdir(ROOT)
    return build


def test_the_pdf_gets_the_very_html_the_plugin_alone_would_give_it(built_site, pdf_html):
    # The shared build (with these steps) saved the HTML it handed to WeasyPrint.
    fast = (ROOT / "build" / "pdf" / "helhedsplan.html").read_text(encoding="utf-8")
    assert 'id="doc-toc"' in fast
    assert pdf_html(False) == fast

