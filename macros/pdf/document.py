"""Prepare the combined HTML that mkdocs-with-pdf hands to WeasyPrint.

Called by the build's PDF hooks (:mod:`macros.mkdocs_hooks`) just before
rendering. mkdocs-with-pdf only collects the pages into one document; the
plugin's own numbering and table of contents are switched off in mkdocs.yml
(``ordered_chapter_level: 0``, ``toc_level: 0``) because they are done here,
where the whole document is known:

* metadata (title, author, language ``da``), the self-hosted font and the
  plan's styles, no network access;
* one chapter per navigation entry: a section whose index page repeats the
  section title is merged into the chapter (no "3. Boligområder" followed by
  "3.1 Boligområder");
* chapter numbers (1., 1.1), the table of contents "Indhold" with page numbers;
* links printed usefully: internal links get "(side N)", external links a
  footnote with the address;
* wide tables get smaller type or a landscape page;
* the cover, with an "Eksempeldata" notice when the document contains
  example data (any ``.plan-eksempel`` element).

The meeting packs (:mod:`macros.pdf.meetingpack`) are cut from the finished
document, so they share its numbering and styles.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from bs4 import BeautifulSoup, Tag

from macros.approvals.status import status_for
from macros.core.buildlog import find_line
from macros.core.context import BuildContext
from macros.core.errors import Location, PlanError
from macros.pdf.cover import render_cover
from macros.plan import Plan

_EXTERNAL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
#: Elements and attributes through which WeasyPrint would fetch a resource.
_FETCHING = {"img": "src", "image": "href", "use": "href", "object": "data", "embed": "src",
             "source": "src", "iframe": "src", "video": "src", "audio": "src", "input": "src"}

#: Options given to WeasyPrint for every PDF the plan produces: PDF/UA-1
#: (ISO 14289-1), i.e. PDF 1.7, tagged (structure tree for screen readers), the
#: title shown in the viewer's title bar (DisplayDocTitle) and the PDF/UA
#: identification in the XMP metadata. WeasyPrint's known limits for full
#: conformance are named in docs/om-sitet/tilgaengelighed.md; what it can do is
#: checked on every PDF by macros.pdf.accessibility.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}

#: Title of the table of contents.
TOC_TITLE = "Indhold"
#: Tables with at least this many columns get smaller type ...
WIDE_TABLE_COLUMNS = 7
#: ... and with at least this many, a landscape page of their own. (A label
#: column and ten years, as in the resident tables, still fits A4 portrait.)
LANDSCAPE_TABLE_COLUMNS = 14
#: A table with at most this many rows is kept on one page together with the
#: block around it (label, chart, source line); longer ones flow across pages.
KEEP_TABLE_ROWS = 25
#: Class of example (not official) data, see macros.core.html.example_data_badge.
EXAMPLE_CLASS = "plan-eksempel"
#: Class of elements that belong on the website only.
WEB_ONLY_CLASS = "plan-kun-web"

#: Recognises the stylesheet of mkdocs-with-pdf's Material theme handler.
_THEME_MARKER = "--print-md-admonition-icon"

#: Ids of the elements this module adds before the chapters.
COVER_ID = "plan-cover"
TOC_ID = "doc-toc"
#: Id of the <style> with the document-specific page-margin texts.
RUNNING_STYLE_ID = "plan-pdf-running"


@dataclass
class PreparedPdf:
    """The combined document of one build, as prepared (for meeting packs and timing)."""

    html: str
    soup: BeautifulSoup  # the same document, parsed (read only)
    plan: Plan
    context: BuildContext
    docs_dir: Path
    seconds: float


# --- resources and metadata ---------------------------------------------------------


def _absolutize_css_urls(css: str, base: Path) -> str:
    """Turn relative ``url(...)`` references into file URIs below *base*."""

    def fix(match: re.Match) -> str:
        target = match.group(1)
        if _EXTERNAL.match(target) or target.startswith(("data:", "file:", "#")):
            return match.group(0)
        return f'url("{(base / target).resolve().as_uri()}")'

    return _CSS_URL.sub(fix, css)


def _where(url: str, project_dir: Path | None) -> Location | None:
    """The source file (and line) that mentions *url*, so the message can name it."""
    if project_dir is None:
        return None
    candidates = [project_dir / "pdf" / "styles.scss", project_dir / "docs" / "assets" / "stylesheets" / "plan.css"]
    candidates += sorted((project_dir / "docs").rglob("*.md"))
    for path in candidates:
        line = find_line(path, url)
        if line:
            return Location(path, line=line)
    return None


def check_no_network(soup: BeautifulSoup, project_dir: Path | None = None) -> None:
    """Refuse any resource on another host: the PDF is built offline."""
    for element in soup.find_all(list(_FETCHING)):
        value = element.get(_FETCHING[element.name]) or element.get("xlink:href") or ""
        if _EXTERNAL.match(value):
            raise PlanError(
                _where(value.strip(), project_dir),
                f"PDF'en henviser til en fil på en anden server ({value}).",
                "Læg filen i docs/assets og henvis til den derfra.",
            )
    for style in soup.find_all("style"):
        for target in _CSS_URL.findall(style.get_text()):
            if _EXTERNAL.match(target):
                raise PlanError(
                    _where(target.strip(), project_dir),
                    f"PDF'ens stylesheet henviser til en fil på en anden server ({target}).",
                    "Brug kun filer fra docs/assets.",
                )


def css_string(text: str) -> str:
    """*text* as a quoted CSS string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def running_css(header_left: str, footer_left: str) -> str:
    """Page-margin texts that depend on the document (title, status)."""
    return (
        "@page { @top-left { content: " + css_string(header_left) + "; } "
        "@bottom-left { content: " + css_string(footer_left) + "; } }"
    )


def set_metadata(soup: BeautifulSoup, title: str, author: str, description: str, created: str) -> Tag:
    """Language ``da``, title, author and description; returns ``<head>``."""
    html = soup.find("html")
    html["lang"] = "da"
    head = soup.find("head")
    if head is None:
        head = soup.new_tag("head")
        html.insert(0, head)
    for element in head.find_all(["script", "link", "meta", "title"]):
        element.decompose()
    for element in soup.find_all("script"):
        element.decompose()
    head.insert(0, soup.new_tag("meta", charset="utf-8"))
    title_tag = soup.new_tag("title")
    title_tag.string = title
    head.append(title_tag)
    head.append(soup.new_tag("meta", attrs={"name": "author", "content": author}))
    head.append(soup.new_tag("meta", attrs={"name": "description", "content": description}))
    head.append(soup.new_tag("meta", attrs={"name": "dcterms.created", "content": created}))
    return head


def _insert_styles(soup: BeautifulSoup, head: Tag, docs_dir: Path, extra_css: str) -> None:
    site_css = docs_dir / "assets" / "stylesheets" / "plan.css"
    style = soup.new_tag("style")
    style.string = _absolutize_css_urls(site_css.read_text(encoding="utf-8"), site_css.parent)
    # Site styles first, so the plugin's and our print styles (already in head) win.
    head.insert(1, style)
    # The plugin's Material print styles (indents, admonition icons, polyfills) are
    # replaced by pdf/styles.scss.
    for existing in head.find_all("style"):
        if _THEME_MARKER in existing.get_text():
            existing.decompose()
    for existing in head.find_all("style"):
        if existing is not style:
            existing.extract()
            head.append(existing)
    running = soup.new_tag("style", id=RUNNING_STYLE_ID)
    running.string = extra_css
    head.append(running)


# --- document structure -------------------------------------------------------------


def chapter_articles(soup: BeautifulSoup) -> list[Tag]:
    """The chapters: the body's top-level articles, without cover and contents."""
    body = soup.body
    return [
        a
        for a in body.find_all("article", recursive=False)
        if a.get("id") not in (COVER_ID, TOC_ID, "doc-cover", "doc-back_cover")
        and "plan-pdf-unnumbered" not in (a.get("class") or [])
    ]


def _text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split()).casefold()


def _is_index_section(section: Tag, siblings: list[Tag]) -> bool:
    """Whether *section* is the index page of the nav section it opens."""
    ident = section.get("id") or ""
    if not ident.endswith("/:"):
        return False
    prefix = ident[:-1]
    return all((s.get("id") or "").startswith(prefix) for s in siblings)


def merge_section_intros(soup: BeautifulSoup) -> None:
    """Fold a nav section's index page into the chapter heading.

    mkdocs-with-pdf makes a chapter ``<h1>`` from the nav section title and
    shifts every page inside it one level down, so the index page's own title
    follows as a duplicate ``<h2>``. The index page's title is dropped (its
    anchor kept) and its headings move back up one level.
    """
    for article in chapter_articles(soup):
        h1 = article.find("h1", recursive=False)
        sections = article.find_all("section", recursive=False)
        if h1 is None or not sections:
            continue
        first = sections[0]
        heading = first.find("h2")
        if heading is None:
            continue
        if not (_is_index_section(first, sections) or _text(heading) == _text(h1)):
            continue
        anchor = soup.new_tag("span", attrs={"class": "plan-pdf-anchor"})
        if heading.get("id"):
            anchor["id"] = heading["id"]
        heading.replace_with(anchor)
        for level in range(3, 7):
            for h in first.find_all(f"h{level}"):
                h.name = f"h{level - 1}"
        first["class"] = [*(first.get("class") or []), "plan-pdf-intro"]


def ensure_heading_ids(soup: BeautifulSoup) -> None:
    counter = 0
    for article in chapter_articles(soup):
        for h in article.find_all(["h1", "h2"]):
            if not h.get("id"):
                counter += 1
                h["id"] = f"plan-pdf-h{counter}"


def number_headings(soup: BeautifulSoup) -> None:
    """Chapter numbers ``1.`` for ``<h1>`` and ``1.1`` for ``<h2>``."""
    for chapter, article in enumerate(chapter_articles(soup), start=1):
        h1 = article.find("h1")
        if h1 is not None:
            _prefix(soup, h1, f"{chapter}.")
        for sub, h2 in enumerate(article.find_all("h2"), start=1):
            _prefix(soup, h2, f"{chapter}.{sub}")


def _prefix(soup: BeautifulSoup, heading: Tag, number: str) -> None:
    for old in heading.find_all("span", class_="pdf-order"):
        old.decompose()
    span = soup.new_tag("span", attrs={"class": "pdf-order"})
    span.string = number + " "
    heading.insert(0, span)


def _toc_link(soup: BeautifulSoup, heading: Tag) -> Tag:
    a = soup.new_tag("a", href=f"#{heading['id']}")
    order = heading.find("span", class_="pdf-order")
    if order is not None:
        number = soup.new_tag("span", attrs={"class": "plan-toc__nr"})
        number.string = order.get_text().strip()
        a.append(number)
    label = soup.new_tag("span", attrs={"class": "plan-toc__titel"})
    label.string = " ".join(
        t for t in (c.get_text(" ") if isinstance(c, Tag) else str(c) for c in heading.contents
                    if not (isinstance(c, Tag) and "pdf-order" in (c.get("class") or [])))
    ).strip()
    a.append(label)
    return a


def build_toc(soup: BeautifulSoup, articles: list[Tag], title: str = TOC_TITLE, level: int = 2) -> Tag:
    """The table of contents: chapters and (if *level* is 2) their sections, with page numbers."""
    toc = soup.new_tag("article", id=TOC_ID, attrs={"class": "plan-toc plan-pdf-unnumbered"})
    heading = soup.new_tag("h1")
    heading.string = title
    toc.append(heading)
    chapters = soup.new_tag("ol", attrs={"class": "plan-toc__list"})
    toc.append(chapters)
    for article in articles:
        h1 = article.find("h1")
        if h1 is None or not h1.get("id"):
            continue
        item = soup.new_tag("li", attrs={"class": "plan-toc__chapter"})
        item.append(_toc_link(soup, h1))
        subs = [h for h in article.find_all("h2") if h.get("id")] if level >= 2 else []
        if subs:
            sub_list = soup.new_tag("ol", attrs={"class": "plan-toc__sections"})
            for h2 in subs:
                sub_item = soup.new_tag("li", attrs={"class": "plan-toc__section"})
                sub_item.append(_toc_link(soup, h2))
                sub_list.append(sub_item)
            item.append(sub_list)
        chapters.append(item)
    return toc


# --- links, tables, figures ---------------------------------------------------------


def _plain_url(href: str) -> str:
    return re.sub(r"^(https?:)?//", "", href).rstrip("/")


def absolute_download_links(soup: BeautifulSoup, site_url: str) -> None:
    """Download links (``a.plan-hent``) point at the published site in the PDF.

    On the site the links are relative, so a preview serves its own files. On
    paper a relative link cannot work: mkdocs-with-pdf has already turned it
    into an in-document anchor (``#beboerdata/hent/x.csv/:``), whose path is
    the file's place below the site root. The address is printed next to the
    link (pdf/styles.scss).
    """
    base = site_url.rstrip("/")
    if not base:
        return
    for a in soup.find_all("a", class_="plan-hent", href=True):
        href = a["href"]
        if _EXTERNAL.match(href):
            continue
        path = unquote(href[1:].split(":", 1)[0]) if href.startswith("#") else href
        path = path.strip("/")
        while path.startswith("../"):
            path = path[3:]
        a["href"] = f"{base}/{path}"


def mark_links(soup: BeautifulSoup, scope: Tag | None = None) -> None:
    """Internal links get a page reference; external links a footnote with the address.

    A link to an anchor that is not in this document is turned into plain
    text (it would point nowhere on paper).
    """
    scope = scope or soup.body
    ids = {el["id"] for el in soup.find_all(id=True)}
    for a in scope.find_all("a", href=True):
        if a.find_parent(id=TOC_ID) or a.find_parent(["h1", "h2", "h3", "h4", "h5", "h6"]):
            continue
        classes = a.get("class") or []
        # plan-pdf-noref: the link prints its own target (e.g. plan-hent prints its address).
        if any(c in classes for c in ("footnote-ref", "footnote-backref", "plan-pdf-noref", "plan-hent")):
            continue
        href = a["href"]
        if href.startswith("#"):
            if href[1:] in ids:
                a["class"] = [*classes, "plan-pdf-ref"]
            else:
                a.unwrap()
        elif _EXTERNAL.match(href):
            shown = _plain_url(href)
            if _plain_url(a.get_text().strip()) == shown:
                continue
            note = soup.new_tag("span", attrs={"class": "plan-pdf-url"})
            note.string = href
            a.insert_after(note)
        elif href.startswith("mailto:"):
            address = href[len("mailto:"):]
            if address not in a.get_text():
                note = soup.new_tag("span", attrs={"class": "plan-pdf-mail"})
                note.string = f" ({address})"
                a.insert_after(note)


def _columns(table: Tag) -> int:
    widest = 0
    for row in table.find_all("tr"):
        widest = max(widest, sum(int(c.get("colspan", 1) or 1) for c in row.find_all(["td", "th"], recursive=False)))
    return widest


def mark_tables(soup: BeautifulSoup, scope: Tag | None = None) -> None:
    """Smaller type for wide tables, a landscape page for very wide ones."""
    scope = scope or soup.body
    for table in scope.find_all("table"):
        for row in table.find_all("tr"):
            cells = row.find_all(["td", "th"], recursive=False)
            if cells and row.parent.name != "thead" and all(c.name == "th" for c in cells) and len(cells) == 1:
                # A group heading inside the table stays with the rows it introduces.
                row["class"] = [*(row.get("class") or []), "plan-pdf-grupperaekke"]
        columns = _columns(table)
        _keep_together(table)
        if columns >= LANDSCAPE_TABLE_COLUMNS:
            table["class"] = [*(table.get("class") or []), "plan-pdf-bred", "plan-pdf-liggende"]
            wrapper = table
            # Climb out of wrappers that hold only the table (scroll boxes).
            while wrapper.parent is not None and wrapper.parent.name == "div" and [
                c for c in wrapper.parent.children if isinstance(c, Tag) or str(c).strip()
            ] == [wrapper]:
                wrapper = wrapper.parent
            box = soup.new_tag("div", attrs={"class": "plan-pdf-liggende-side"})
            wrapper.wrap(box)
            _pull_into(box)
        elif columns >= WIDE_TABLE_COLUMNS:
            table["class"] = [*(table.get("class") or []), "plan-pdf-bred"]


def _keep_together(table: Tag) -> None:
    """Keep a short table on one page with its block (label, chart, source line).

    WeasyPrint does not always honour ``break-after: avoid`` inside a block,
    so a table's label could stay behind at the foot of a page. The block that
    holds the table (the ancestor directly in a chapter or section) is kept
    whole when it contains only this one short table.
    """
    if len(table.find_all("tr")) > KEEP_TABLE_ROWS:
        return
    block = table
    while block.parent is not None and block.parent.name not in ("article", "section", "body", "details"):
        block = block.parent
    if block.parent is None or (block is not table and len(block.find_all("table")) != 1):
        return
    block["class"] = [*(block.get("class") or []), "plan-pdf-samlet"]


def _is_heading(tag) -> bool:
    return isinstance(tag, Tag) and tag.name in ("h2", "h3", "h4", "h5", "h6")


def _pull_into(box: Tag) -> None:
    """Move the table's heading and labels before it, and its source line after it, onto its page."""
    def previous(tag):
        node = tag.previous_sibling
        while node is not None and not isinstance(node, Tag) and not str(node).strip():
            node = node.previous_sibling
        return node if isinstance(node, Tag) else None

    def following(tag):
        node = tag.next_sibling
        while node is not None and not isinstance(node, Tag) and not str(node).strip():
            node = node.next_sibling
        return node if isinstance(node, Tag) else None

    while (before := previous(box)) is not None and (
        _is_heading(before) or "plan-eksempel" in (before.get("class") or [])
    ):
        box.insert(0, before.extract())
        if _is_heading(box.contents[0]):
            break
    while (after := following(box)) is not None and any(
        c in (after.get("class") or []) for c in ("plan-kilde", "plan-note")
    ):
        box.append(after.extract())


def open_details(soup: BeautifulSoup) -> None:
    """Collapsible blocks are printed open."""
    for details in soup.find_all("details"):
        details["open"] = ""


def contains_example_data(soup: BeautifulSoup) -> bool:
    """Whether any chapter shows example (not official) data."""
    return soup.find(class_=EXAMPLE_CLASS) is not None


# --- the whole plan -----------------------------------------------------------------


def normalize_chapters(soup: BeautifulSoup) -> None:
    """Everything that makes the collected pages one numbered, printable document."""
    for element in soup.find_all(class_=WEB_ONLY_CLASS):
        element.decompose()
    # Remains of the plugin's own (empty) cover template.
    for element in soup.body.find_all("article", id="doc-cover", recursive=False):
        element.decompose()
    merge_section_intros(soup)
    ensure_heading_ids(soup)
    number_headings(soup)
    open_details(soup)
    mark_tables(soup)


def footer_status(context: BuildContext, plan: Plan) -> str:
    """The version in words for the page footer, with the content id for traceability:
    ``Version 2026.1 + 2 rettelser (1. december 2026) · id 3f9a1c07b2``."""
    status = status_for(plan, context)
    return f"{status.version_label()} · id {status.review.content_id}"


def prepare(soup: BeautifulSoup, plan: Plan, context: BuildContext, docs_dir: Path,
            site_url: str = "") -> BeautifulSoup:
    """Apply all PDF preparations to the combined document *soup*."""
    facts = plan.facts
    absolute_download_links(soup, site_url)
    normalize_chapters(soup)
    example = contains_example_data(soup)

    head = set_metadata(
        soup,
        title=f"{facts.title} – {facts.subtitle}",
        author=facts.publisher,
        description=facts.subtitle,
        created=context.today.isoformat(),
    )
    _insert_styles(
        soup, head, docs_dir, running_css(f"{facts.title} · {facts.subtitle}", footer_status(context, plan))
    )

    articles = chapter_articles(soup)
    toc = build_toc(soup, articles)
    soup.body.insert(0, toc)

    logo_path = docs_dir / "assets" / "images" / "logo.svg"
    logo = logo_path.read_text(encoding="utf-8") if logo_path.exists() else ""
    cover = BeautifulSoup(render_cover(plan, context, logo, example_data=example), "html.parser")
    soup.body.insert(0, cover)

    mark_links(soup)
    check_no_network(soup, docs_dir.parent)
    return soup


def prepare_document(soup: BeautifulSoup, plan: Plan, context: BuildContext, docs_dir: Path,
                     save_to: Path | None = None, site_url: str = "") -> PreparedPdf:
    """:func:`prepare`, then keep (and optionally save) the result for meeting packs and timing."""
    started = time.perf_counter()
    soup = prepare(soup, plan, context, docs_dir, site_url)
    html = str(soup)
    if save_to is not None:
        save_to.parent.mkdir(parents=True, exist_ok=True)
        partial = save_to.with_name(save_to.name + ".tmp")
        partial.write_text(html, encoding="utf-8")
        partial.replace(save_to)  # whole or not at all, for whoever reads it meanwhile
    enable_pdf_options()
    return PreparedPdf(html, soup, plan, context, docs_dir, time.perf_counter() - started)


def enable_pdf_options() -> None:
    """Make WeasyPrint use :data:`PDF_OPTIONS` for the plugin's ``write_pdf`` call.

    mkdocs-with-pdf 0.9.3 calls ``render.write_pdf(path)`` without options and
    offers no way to pass any. WeasyPrint merges ``weasyprint.DEFAULT_OPTIONS``
    into every call, so setting our options there (only in the build process,
    right before the plugin renders) gives a tagged PDF without patching the
    plugin. Guarded by a test that checks the PDF is tagged.
    """
    import weasyprint

    weasyprint.DEFAULT_OPTIONS.update(PDF_OPTIONS)


def write_pdf(html: str, target: Path) -> None:
    """Render *html* with WeasyPrint (same options as the plan's PDF)."""
    from weasyprint import HTML

    target.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=html).write_pdf(target, **PDF_OPTIONS)
