"""Meeting packs: one PDF per meeting in ``data/moeder/``.

A meeting pack is cut from the plan's finished combined document (the HTML
that :mod:`macros.pdf` prepared for WeasyPrint), so it has the same styles,
the same chapter numbers as the full plan (a board member can say "kapitel 6"
and mean the same thing in both) and costs only WeasyPrint's time for the
selected pages. It contains:

1. a meeting cover (body, date, title, the plan's version and status);
2. the agenda, with page references to each item's attachments;
3. the chapters or sections the agenda items point to, in agenda order,
   each only once;
4. an appendix "Ændringer siden seneste godkendte version" (the plan diff
   when one can be made, otherwise an honest note).

Built by the MkDocs hook after the full PDF (``make site`` builds all packs,
``make moedepakke MOEDE=<id>`` one), into ``site/pdf/moeder/<id>.pdf``; each
pack passes the accessibility check (:mod:`macros.pdf.accessibility`).
"""

from __future__ import annotations

import copy
import datetime as dt
import time
from pathlib import Path

from babel.dates import format_date
from bs4 import BeautifulSoup, Tag

from macros.core import danish
from macros.core.context import BuildContext
from macros.core.errors import Location, PlanError, suggest
from macros.core.html import esc
from macros.meetings.load import AgendaRef, Meeting, docs_pages
from macros.approvals.status import status_for
from macros.pdf.cover import example_notice, logo_html, status_html, version_html
from macros.pdf.accessibility import require_accessible
from macros.pdf.document import (
    COVER_ID,
    RUNNING_STYLE_ID,
    TOC_ID,
    PreparedPdf,
    contains_example_data,
    footer_status,
    running_css,
    write_pdf,
)
from macros.plan import Plan

#: Title of the appendix with the changes since the last approved version.
CHANGES_TITLE = "Ændringer siden seneste godkendte version"
#: The plan's change log page (status, changes and plan diff since the last
#: approved version); the appendix is its content.
CHANGELOG_PAGE = "aendringslog.md"
#: Shown in the appendix when the plan has no change log page.
NO_CHANGES_NOTE = (
    "Planens ændringslog er ikke med i denne udgave af planen, så ændringerne siden "
    "seneste godkendte version kan ikke vises her."
)


def page_anchor(docs_path: str) -> str:
    """The id mkdocs-with-pdf gives a page's element in the combined document.

    ``index.md`` → ``.:``, ``oekonomi.md`` → ``oekonomi/:``,
    ``boligomraader/index.md`` → ``boligomraader/:``.
    """
    stem = docs_path[: -len(".md")] if docs_path.endswith(".md") else docs_path
    if stem == "index":
        return ".:"
    if stem.endswith("/index"):
        stem = stem[: -len("index")]
    else:
        stem += "/"
    return stem + ":"


def weekday_date(value: dt.date) -> str:
    """``mandag den 27. januar 2025``."""
    return format_date(value, "EEEE 'den' d. MMMM y", locale="da")


# --- selecting the attached pages ---------------------------------------------------


def _chapter_of(element: Tag) -> Tag:
    """The top-level article that contains *element*."""
    article = element if element.name == "article" else element.find_parent("article")
    while article is not None and article.parent is not None and article.parent.name != "body":
        article = article.find_parent("article")
    return article


def _heading_level(tag: Tag) -> int | None:
    if isinstance(tag, Tag) and tag.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return int(tag.name[1])
    return None


def _section_from_heading(heading: Tag) -> list[Tag]:
    """*heading* and everything after it up to the next heading of the same or a higher level."""
    level = _heading_level(heading)
    nodes = [heading]
    for sibling in heading.next_siblings:
        other = _heading_level(sibling) if isinstance(sibling, Tag) else None
        if other is not None and other <= level:
            break
        nodes.append(sibling)
    return nodes


def _wrapped(soup: BeautifulSoup, chapter: Tag, nodes: list) -> Tag:
    """A new article: the chapter's heading (without its anchor) followed by *nodes*."""
    article = soup.new_tag("article", attrs={"class": chapter.get("class") or []})
    h1 = chapter.find("h1")
    if h1 is not None:
        title = copy.copy(h1)
        del title["id"]
        title["class"] = [*(title.get("class") or []), "plan-pdf-kapiteltitel"]
        article.append(title)
    for node in nodes:
        article.append(copy.copy(node))
    return article


def _page_not_found(meeting: Meeting, ref: AgendaRef, known: list[str]) -> PlanError:
    return PlanError(
        Location(meeting.file, line=ref.line, column="bilag"),
        f"Siden «{ref.path}» er ikke med i PDF'en (den står ikke i navigationen i mkdocs.yml).",
        "Henvis til en side, der står i navigationen. " + suggest(ref.path, known),
    )


def select_attachments(full: BeautifulSoup, meeting: Meeting, docs_pages: list[str]) -> tuple[list[Tag], dict[AgendaRef, str]]:
    """The articles to include, in agenda order, and the anchor each reference points to."""
    ids = {el["id"]: el for el in full.find_all(id=True)}
    in_pdf = [p for p in docs_pages if page_anchor(p) in ids]
    articles: list[Tag] = []
    targets: dict[AgendaRef, str] = {}
    whole: set[int] = set()  # chapters included in full (by object id)
    pieces: dict[str, tuple[Tag, Tag]] = {}  # included pieces by anchor: (article, chapter)

    for ref in meeting.refs:
        anchor_id = page_anchor(ref.path)
        page = ids.get(anchor_id)
        if page is None:
            raise _page_not_found(meeting, ref, in_pdf)
        chapter = _chapter_of(page)
        if id(chapter) in whole:
            targets[ref] = _target_in(chapter, page, ref, ids)
            continue

        if ref.anchor:
            element_id = anchor_id + ref.anchor
            heading = ids.get(element_id)
            if heading is None or _chapter_of(heading) is not chapter:
                known = sorted(
                    i[len(anchor_id):] for i in ids if i.startswith(anchor_id) and len(i) > len(anchor_id)
                )
                raise PlanError(
                    Location(meeting.file, line=ref.line, column="bilag"),
                    f"Afsnittet «#{ref.anchor}» findes ikke på siden «{ref.path}».",
                    "Brug id'et fra afsnittets adresse på sitet (det efter #). " + suggest(ref.anchor, known),
                )
            # The page's own title stands for the whole page (below); any other heading for its section.
            if not (_heading_level(heading) == 1 and page is chapter):
                if element_id not in pieces:
                    nodes = _section_from_heading(heading) if _heading_level(heading) else [heading]
                    pieces[element_id] = (_wrapped(full, chapter, nodes), chapter)
                    articles.append(pieces[element_id][0])
                targets[ref] = element_id
                continue

        if page is chapter or "plan-pdf-intro" in (page.get("class") or []):
            # A page of its own, or the index page of a nav section: the whole chapter.
            whole.add(id(chapter))
            articles.append(copy.copy(chapter))
            targets[ref] = _first_heading_id(chapter)
        else:
            if anchor_id not in pieces:
                pieces[anchor_id] = (_wrapped(full, chapter, [page]), chapter)
                articles.append(pieces[anchor_id][0])
            targets[ref] = _first_heading_id(page) or anchor_id
    # A piece of a chapter that is also included in full would repeat it: dropped.
    repeated = {id(piece) for piece, chapter in pieces.values() if id(chapter) in whole}
    kept = [a for a in articles if id(a) not in repeated]
    return kept, targets


def _first_heading_id(element: Tag) -> str | None:
    heading = element.find(["h1", "h2", "h3"], id=True)
    return heading["id"] if heading is not None else element.get("id")


def _target_in(chapter: Tag, page: Tag, ref: AgendaRef, ids: dict) -> str:
    if ref.anchor and (page_anchor(ref.path) + ref.anchor) in ids:
        return page_anchor(ref.path) + ref.anchor
    if page is chapter or "plan-pdf-intro" in (page.get("class") or []):
        return _first_heading_id(chapter)
    return _first_heading_id(page) or page.get("id")


# --- rendering ----------------------------------------------------------------------


def render_meeting_cover(plan: Plan, meeting: Meeting, context: BuildContext, logo_svg: str, example_data: bool) -> str:
    facts = plan.facts
    status = status_for(plan, context)
    body = plan.parties[meeting.body_id]
    logo = logo_html(logo_svg)
    when = weekday_date(meeting.date).capitalize() + (f", kl. {esc(meeting.time)}" if meeting.time else "")
    place = f"<dt>Sted</dt><dd>{esc(meeting.place)}</dd>" if meeting.place else ""
    note = f'<p class="plan-cover__note">{esc(meeting.note)}</p>' if meeting.note else ""
    notice = example_notice(example_data, "Mødepakken")
    return f"""
<article id="{COVER_ID}" class="plan-cover plan-cover--moede plan-pdf-unnumbered">
 <div class="plan-cover__band">
  {logo}
  <p class="plan-cover__kicker">Mødepakke · {esc(body.name)}</p>
  <h1 class="plan-cover__title">{esc(meeting.title)}</h1>
  <p class="plan-cover__subtitle">{when}</p>
  <p class="plan-cover__period">{esc(facts.title)} – {esc(facts.subtitle)}</p>
 </div>
 <div class="plan-cover__body">
  <dl class="plan-cover__meta">
    <dt>Møde</dt><dd>{esc(body.name)}</dd>
    <dt>Dato</dt><dd>{danish.date_long(meeting.date)}</dd>
    {place}
    <dt>Planens status</dt><dd class="plan-cover__status plan-cover__status--{status.state}">{status_html(status)}</dd>
    <dt>Planens version</dt><dd class="plan-cover__version">{version_html(status)}</dd>
    <dt>Udskrevet</dt><dd>{danish.date_long(context.today)}</dd>
  </dl>
  {note}
  {notice}
 </div>
 <p class="plan-cover__foot">{esc(facts.publisher)}</p>
</article>
"""


def _label(element: Tag | None) -> str:
    if element is None:
        return ""
    return " ".join(element.get_text(" ").split())


def render_agenda(meeting: Meeting, targets: dict[AgendaRef, str], full: BeautifulSoup) -> str:
    items = []
    for item in meeting.items:
        parts = [
            f'<span class="plan-dagsorden__nr">{item.number}.</span>',
            f'<h2 class="plan-dagsorden__titel">{esc(item.title)}</h2>',
        ]
        if item.description:
            parts.append(f"<p>{esc(item.description)}</p>")
        if item.recommendation:
            parts.append(
                '<p class="plan-dagsorden__indstilling"><span class="plan-dagsorden__label">Indstilling:</span> '
                f"{esc(item.recommendation)}</p>"
            )
        if item.refs:
            links = []
            for ref in item.refs:
                target = targets.get(ref)
                label = _label(full.find(id=target)) if target else ref.text
                links.append(f'<li><a class="plan-pdf-noref" href="#{esc(target)}">{esc(label)}</a></li>')
            parts.append('<p class="plan-dagsorden__label">Bilag</p>')
            parts.append(f'<ul class="plan-dagsorden__bilag">{"".join(links)}</ul>')
        items.append(f'<li class="plan-dagsorden__punkt">{"".join(parts)}</li>')
    appendix = (
        '<p class="plan-dagsorden__label">Bilag til mødepakken</p><ul class="plan-dagsorden__bilag">'
        f'<li><a class="plan-pdf-noref" href="#plan-aendringer-titel">{esc(CHANGES_TITLE)}</a></li></ul>'
    )
    return (
        '<article id="plan-dagsorden" class="plan-dagsorden plan-pdf-unnumbered"><h1>Dagsorden</h1>'
        f'<ol class="plan-dagsorden__punkter">{"".join(items)}</ol>{appendix}</article>'
    )


def changes_from_document(full: BeautifulSoup) -> str | None:
    """The change log page's content (without its title), or ``None`` if the plan has none."""
    page = full.find(id=page_anchor(CHANGELOG_PAGE))
    if page is None:
        return None
    content = copy.copy(page)
    title = content.find(["h1", "h2"])
    if title is not None:
        title.decompose()
    for number in content.select("span.pdf-order"):
        number.decompose()
    # The appendix's own title is an <h1>: the page's headings follow it from <h2>
    # on, without a skipped level (in the full plan they sit one level deeper).
    levels = [_heading_level(h) for h in content.find_all(["h2", "h3", "h4", "h5", "h6"])]
    shift = min(levels) - 2 if levels else 0
    if shift > 0:
        for heading in content.find_all(["h3", "h4", "h5", "h6"]):
            heading.name = f"h{_heading_level(heading) - shift}"
    for element in content.find_all(id=True):
        del element["id"]
    del content["id"]
    content.name = "div"
    content["class"] = ["plan-aendringer__indhold"]
    return str(content)


def render_changes(changes_html: str | None) -> str:
    body = changes_html if changes_html else f'<p class="plan-note">{esc(NO_CHANGES_NOTE)}</p>'
    return (
        '<article id="plan-aendringer" class="plan-aendringer plan-pdf-unnumbered">'
        f'<h1 id="plan-aendringer-titel">Bilag: {esc(CHANGES_TITLE)}</h1>{body}</article>'
    )


def _unlink_missing(soup: BeautifulSoup) -> None:
    """Page references to chapters that are not in the pack become plain text."""
    ids = {el["id"] for el in soup.find_all(id=True)}
    for a in soup.select("a.plan-pdf-ref"):
        if a.get("href", "")[1:] not in ids:
            a.unwrap()


def meeting_pack_html(prepared: PreparedPdf, meeting: Meeting) -> str:
    """The complete HTML of *meeting*'s pack, ready for WeasyPrint."""

    plan, context = prepared.plan, prepared.context
    full = prepared.soup  # only read and copied from, never changed
    articles, targets = select_attachments(full, meeting, docs_pages(prepared.docs_dir))

    soup = BeautifulSoup("<html lang='da'><head></head><body></body></html>", "html.parser")
    head = copy.copy(full.head)
    soup.head.replace_with(head)
    body = soup.new_tag("body")
    soup.body.replace_with(body)

    body_name = plan.parties[meeting.body_id]
    head.title.string = f"Mødepakke: {meeting.title} – {body_name.name}, {danish.date_long(meeting.date)}"
    description = head.find("meta", attrs={"name": "description"})
    if description is not None:
        description["content"] = f"{plan.facts.title}: mødepakke til {body_name.name}s møde {danish.date_long(meeting.date)}"
    running = head.find("style", id=RUNNING_STYLE_ID)
    if running is not None:
        running.string = running_css(
            f"Mødepakke · {body_name.short_name} · {danish.date_long(meeting.date)}", footer_status(context, plan)
        )

    for article in articles:
        body.append(article)
    example = contains_example_data(soup)
    logo_path = prepared.docs_dir / "assets" / "images" / "logo.svg"
    logo = logo_path.read_text(encoding="utf-8") if logo_path.exists() else ""
    body.insert(0, BeautifulSoup(render_agenda(meeting, targets, full), "html.parser"))
    body.insert(0, BeautifulSoup(render_meeting_cover(plan, meeting, context, logo, example), "html.parser"))
    body.append(BeautifulSoup(render_changes(changes_from_document(full)), "html.parser"))
    for element in soup.find_all(id=TOC_ID):
        element.decompose()
    _unlink_missing(soup)
    return str(soup)


def select_meetings(plan: Plan, selection: str) -> list[Meeting]:
    """Meetings named in *selection* (comma-separated ids; empty: all; ``ingen``: none)."""
    if selection.strip() == "ingen":
        return []
    wanted = [s.strip() for s in selection.split(",") if s.strip()]
    if not wanted:
        return list(plan.meetings.values())
    unknown = [w for w in wanted if w not in plan.meetings]
    if unknown:
        raise PlanError(
            Location(plan.data_dir / "moeder"),
            f"Mødet «{unknown[0]}» findes ikke.",
            suggest(unknown[0], plan.meetings) if plan.meetings else "Læg mødet i data/moeder/<id>.yaml.",
        )
    return [plan.meetings[w] for w in wanted]


def write_meeting_packs(prepared: PreparedPdf, out_dir: Path, selection: str = "") -> list[tuple[Path, float]]:
    """Render the selected meetings' packs into *out_dir*; returns (path, seconds) per pack."""
    written = []
    for meeting in select_meetings(prepared.plan, selection):
        started = time.perf_counter()
        target = out_dir / f"{meeting.id}.pdf"
        write_pdf(meeting_pack_html(prepared, meeting), target)
        require_accessible(target, f"mødepakken «{meeting.id}»")
        written.append((target, time.perf_counter() - started))
    return written

