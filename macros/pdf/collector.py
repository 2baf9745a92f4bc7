"""Collect the site's pages for the PDF: mkdocs-with-pdf 0.9.3's steps, done faster.

mkdocs-with-pdf stays the collector of pages (its ``on_post_page`` and
``on_post_build`` run as before); :func:`bind` gives its generator faster
versions of the steps whose result is the same but whose cost is not:

* a page is not parsed whole (theme, navigation and all): only its
  ``<article>`` is cut from the page's HTML and parsed, and it is used as it
  is instead of being copied (the first page is still collected by the plugin
  itself, which keeps that page's ``<head>`` for the document);
* header links are found by class (``find_all``) instead of CSS selectors;
* a nav section's headings are moved one level down in one pass (the plugin
  searches the section again for every heading);
* link anchors are normalised in one pass over the document;
* the combined document is handed to the PDF hook as it is, instead of being
  written out as a string and parsed again.

Every other step calls the plugin's own code. Where a page does not fit the
fast path (no single ``<article>``, an ``<article>`` inside a comment or
script, an article that is empty), the plugin's own step runs instead. The
unit tests (tests/test_pdf_collector.py) compare each step with the plugin's.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from importlib import metadata
from urllib.parse import urlparse

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString
from mkdocs_with_pdf.preprocessor import get_combined
from mkdocs_with_pdf.utils.emoji_util import fix_twemoji
from weasyprint import urls

from macros.core.errors import PlanError

#: The version of mkdocs-with-pdf whose steps this module reproduces.
PLUGIN_VERSION = "0.9.3"
#: What the generator and the hook handler must have for :func:`bind`.
GENERATOR_PARTS = ("on_post_page", "_get_content", "_render_js", "_normalize_link_anchors", "_remove_empty_tags",
                   "_fix_missing_id_for_h1", "_page_path_for_id", "_head", "_options", "_theme",
                   "_exclude_page_patterns")
HANDLER_PARTS = ("pre_pdf_render", "inject_link", "_module", "_logger")
OPTION_PARTS = ("hook", "heading_shift", "js_renderer", "debug_html", "show_anchors", "strict", "verbose")

_ARTICLE_TAG = re.compile(r"<(/?)article(?=[\s/>])[^>]*>", re.IGNORECASE)
#: Where html.parser does not read tags: comments and the text of scripts and styles.
_RAW_TEXT = re.compile(r"<!--.*?-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>", re.IGNORECASE | re.DOTALL)
_HEADINGS = tuple(f"h{level}" for level in range(1, 8))
_HEADER_LINKS = ("headerlink", "md-content__button")


def page_article(page_html: str) -> str | None:
    """The page's first ``<article>…</article>`` (nested articles included) as HTML.

    ``None`` when the cut could differ from what a parse of the whole page
    finds: no article, one that is not closed, article tags outside it, or an
    article tag in a comment, script or style.
    """
    tags = list(_ARTICLE_TAG.finditer(page_html))
    if not tags or tags[0].group(1):
        return None
    if any(_ARTICLE_TAG.search(raw.group(0)) for raw in _RAW_TEXT.finditer(page_html)):
        return None
    depth = 0
    for tag in tags:
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            if tag is not tags[-1]:
                return None
            return page_html[tags[0].start():tag.end()]
    return None


def page_base_url(page) -> str:
    """The plugin's base for a page's relative assets (``Generator._soup_from_content``)."""
    try:
        abs_dest_path = page.file.abs_dest_path
        src_path = page.file.src_path
    except AttributeError:
        abs_dest_path = page.abs_output_path
        src_path = page.input_path
    path = os.path.dirname(abs_dest_path)
    os.makedirs(path, exist_ok=True)
    filename = os.path.splitext(os.path.basename(src_path))[0]
    return urls.path2url(os.path.join(path, filename))


def remove_header_links(article: Tag) -> None:
    """Drop Material's heading anchors (``a.headerlink``) and page buttons (``a.md-content__button``)."""
    for name in _HEADER_LINKS:
        for a in article.find_all("a", class_=name):
            a.decompose()


def shift_headings(element: Tag) -> None:
    """Every heading one level down (h1 → h2 … h7 → h8), each exactly once."""
    for heading in element.find_all(_HEADINGS):
        heading.name = f"h{int(heading.name[1]) + 1}"


_ASCII_SPACES = frozenset("\x20\x0a\x09\x0c\x0d")


def _as_parsed_text(text: str, preserve: bool) -> str:
    if not preserve and all(c in _ASCII_SPACES for c in text):
        return "\n" if "\n" in text else " "
    return text


def _as_parsed_attrs(tag: Tag, list_attrs: set[str]) -> None:
    for key, value in tag.attrs.items():
        if isinstance(value, list):
            continue
        if value is None:
            value = ""
        elif not isinstance(value, str):
            value = str(value)
        elif key not in list_attrs:
            continue
        tag.attrs[key] = value.split() if key in list_attrs else value


def as_parsed(soup: BeautifulSoup) -> None:
    """Make *soup* what html.parser would give for its HTML (``BeautifulSoup(str(soup))``),
    without writing it out and parsing it again.

    Code that edits a parsed document leaves what a parse never makes: two strings
    side by side (where a tag was removed between them), a string of only spaces
    that is not one space or newline, a plain string in a ``<style>`` (parsed, a
    ``Stylesheet``, which is what ``get_text()`` of the tag returns), an attribute
    without a value (parsed, an empty one). Each becomes what the parse makes.
    """
    builder = soup.builder
    containers = builder.string_containers
    preserve_tags = builder.preserve_whitespace_tags
    universal = builder.cdata_list_attributes.get("*", set())
    stack = [(soup, NavigableString, False)]
    while stack:
        tag, kind, preserve = stack.pop()
        if tag is not soup and tag.attrs:
            _as_parsed_attrs(tag, universal | builder.cdata_list_attributes.get(tag.name, set()))
        run: list[NavigableString] = []
        for child in [*tag.contents, None]:
            if isinstance(child, NavigableString) and not isinstance(child, PreformattedString):
                run.append(child)
                continue
            if run:
                _as_parsed_run(run, kind, preserve)
                run = []
            if isinstance(child, Tag):
                stack.append((child, containers.get(child.name, kind), preserve or child.name in preserve_tags))


def _as_parsed_run(run: list[NavigableString], kind: type, preserve: bool) -> None:
    text = "".join(run)
    if not text:
        for string in run:
            string.extract()
        return
    parsed = _as_parsed_text(text, preserve)
    if len(run) == 1 and parsed == text and type(run[0]) is kind:
        return
    run[0].replace_with(kind(parsed))
    for string in run[1:]:
        string.extract()


def _normalize_anchor(anchor: str) -> str:
    return anchor.replace("%25", "-").replace("%", "-")


def normalize_link_anchors(soup: BeautifulSoup, check: bool, logger: logging.Logger) -> None:
    """The plugin's ``_normalize_link_anchors`` in one pass: ``%`` in ids and links becomes ``-``;
    with *check* (MkDocs' strict mode), links to anchors that do not exist are logged as errors."""
    anchors = set()
    links = []
    for tag in soup.descendants:
        if not isinstance(tag, Tag):
            continue
        ident = tag.attrs.get("id")
        if ident is not None:
            if "%" in ident:
                tag["id"] = ident = _normalize_anchor(ident)
            anchors.add("#" + ident)
        if tag.name == "a":
            href = tag.attrs.get("href")
            if href is not None:
                if "%" in href:
                    tag["href"] = href = _normalize_anchor(href)
                links.append(href)
    if not check:
        return
    missing = set()
    for href in links:
        target = urlparse(href)
        if target.scheme or target.netloc or href in anchors:
            continue
        missing.add(href)
    if missing:
        logger.error(f"Missing {len(missing)} link(s):")
        for link in sorted(missing):
            logger.warning(f"  | {link}")


class Collector:
    """The faster steps, bound to one mkdocs-with-pdf generator (see :func:`bind`).

    *render* makes the PDF's HTML from the combined document (the plan's PDF hook).
    """

    def __init__(self, generator, render: Callable[[BeautifulSoup], str]):
        self.generator = generator
        self.options = generator._options
        self.render = render
        self.plugin_on_post_page = generator.on_post_page
        self.plugin_normalize_link_anchors = generator._normalize_link_anchors

    # --- per page ---------------------------------------------------------------------

    def on_post_page(self, output_content: str, page, pdf_path: str) -> str:
        generator = self.generator
        if generator._head is None or self.options.js_renderer or any(
            p.match(page.url) for p in generator._exclude_page_patterns
        ):
            return self.plugin_on_post_page(output_content, page, pdf_path)
        cut = page_article(output_content)
        article = self.article(cut, page) if cut is not None else None
        if article is None:
            return self.plugin_on_post_page(output_content, page, pdf_path)
        generator.logger.debug(f" (post: [{page.title}]({page.url})")
        remove_header_links(article)
        generator._fix_missing_id_for_h1(article, page)
        setattr(page, "pdf-article", article)
        return self.options.hook.inject_link(output_content, pdf_path, page, generator._theme)

    def article(self, cut: str, page) -> Tag | None:
        """The page's article as the plugin prepares it, or ``None`` if it is empty."""
        soup = get_combined(BeautifulSoup(f"<body>{cut}</body>", "html.parser"), page_base_url(page), page.file.url)
        self.generator._remove_empty_tags(soup)
        article = soup.body.find("article", recursive=False)
        return article.extract() if article is not None else None

    # --- the combined document --------------------------------------------------------

    def get_content(self, soup: BeautifulSoup, page):
        """``Generator._get_content`` with the one-pass heading shift."""
        generator = self.generator
        article = getattr(page, "pdf-article", None)
        if article:
            page_path = generator._page_path_for_id(page)
            article["id"] = f"{page_path}:"
            article["data-url"] = f"/{page_path}"
            return article
        if not page.children:
            return None
        new_article = soup.new_tag("article")
        found = False
        for child in page.children:
            content = self.get_content(soup, child)
            if content:
                new_article.append(content)
                found = True
        if not found:
            return None
        child_classes = None
        for child_article in new_article.find_all("article"):
            child_article.name = "section"
            classes = child_article.get("class")
            if classes and not child_classes:
                child_classes = classes
            child_article["class"] = [c for c in classes if c != "md-content__inner"] if classes else classes
        page_path = generator._page_path_for_id(page)
        new_article["id"] = f"{page_path}:"
        new_article["data-url"] = f"/{page_path}"
        if child_classes:
            new_article["class"] = child_classes
        if not self.options.heading_shift:
            return new_article
        shift_headings(new_article)
        h1 = soup.new_tag("h1", id=f"{page_path}")
        h1.append(str(page.title))
        new_article.insert(0, h1)
        return new_article

    def normalize_link_anchors(self, soup: BeautifulSoup) -> None:
        options = self.options
        if options.debug_html or options.show_anchors or options.verbose:
            self.plugin_normalize_link_anchors(soup)
            return
        normalize_link_anchors(soup, bool(options.strict), self.generator.logger)

    def render_js(self, soup: BeautifulSoup) -> BeautifulSoup:
        """Without a JavaScript renderer the plugin only fixes emoji, then writes the
        document out and parses it again; here the document itself goes on to
        
        :meth:`pre_pdf_render`, made what the parse would give (:func:`as_parsed`)."""
        fix_twemoji(soup, self.options.logger)
        as_parsed(soup)
        return soup

    def pre_pdf_render(self, soup: BeautifulSoup) -> str:
        return self.render(soup)


def _missing(thing, parts: tuple[str, ...]) -> list[str]:
    return [part for part in parts if not hasattr(thing, part)]


def bind(generator, handler, render: Callable[[BeautifulSoup], str]) -> Collector:
    """Give mkdocs-with-pdf's *generator* the faster steps, and its hook *handler*
    the combined document itself; *render* makes the PDF's HTML from it.

    Refused (:class:`PlanError`) unless the plugin is the version whose steps are reproduced.
    """
    try:
        version = metadata.version("mkdocs-with-pdf")
    except metadata.PackageNotFoundError:
        version = None
    options = getattr(generator, "_options", None)
    if (version != PLUGIN_VERSION or _missing(generator, GENERATOR_PARTS) or _missing(handler, HANDLER_PARTS)
            or _missing(options, OPTION_PARTS) or options.hook is not handler):
        raise PlanError(
            "requirements.txt",
            f"PDF-værktøjet (mkdocs-with-pdf) er ikke version {PLUGIN_VERSION} eller har ikke den forventede "
            "opbygning, så siderne kan ikke samles til PDF'en.",
            "Brug versionen i requirements.txt (kør «make site», som installerer den).",
        )
    collector = Collector(generator, render)
    generator.on_post_page = collector.on_post_page
    generator._get_content = collector.get_content
    generator._normalize_link_anchors = collector.normalize_link_anchors
    if not options.js_renderer:
        generator._render_js = collector.render_js
        handler.pre_pdf_render = collector.pre_pdf_render
    return collector
