"""The yearly status report as a PDF: ``site/pdf/aarsstatus-<år>.pdf``.

The report's sections (:mod:`macros.status.pages`, the same as on the site's
Årsstatus page) are put into a document with the plan's print style: the
``<head>`` of the plan's prepared PDF document (self-hosted font, site and
print styles) with the report's own running header, a cover with the plan's
version and approval status, a table of contents, one numbered chapter per
section. Links to the site's other pages become plain text (the report does
not contain them), links to other sites get their address as a footnote, as
in the plan's PDF. Each report passes the accessibility check
(:mod:`macros.pdf.accessibility`) as it is written.

Built by the MkDocs hook after the plan's PDF (``make site`` builds every plan
year, ``make aarsstatus AAR=<år>`` one); ``PLAN_AARSSTATUS=<år>[,<år>]``
limits which (``ingen``: none).
"""

from __future__ import annotations

import copy
import time
from pathlib import Path

from bs4 import BeautifulSoup

from macros.approvals.status import status_for
from macros.core import danish
from macros.core.context import BuildContext
from macros.core.html import esc
from macros.pdf.accessibility import require_accessible
from macros.pdf.cover import example_notice, logo_html, version_html
from macros.pdf.document import (
    COVER_ID,
    RUNNING_STYLE_ID,
    PreparedPdf,
    build_toc,
    chapter_articles,
    check_no_network,
    contains_example_data,
    footer_status,
    mark_links,
    mark_tables,
    number_headings,
    running_css,
    write_pdf,
)
from macros.plan import Plan
from macros.status.pages import PDF_NAME, Reports, Section, build_reports, covered_text, report_title, section_id
from macros.status.year import PlanYear, select_years

#: Sections that start on a new page; the others follow on the same page.
NEW_PAGE = ("sammenfatning", "indikatorer", "milepaele")
#: Addresses that stay links in the PDF: other sites, mail, anchors in the report itself.
_KEPT_LINKS = ("http://", "https://", "//", "mailto:", "#")


def render_year_cover(plan: Plan, period: PlanYear, context: BuildContext, logo_svg: str, example_data: bool) -> str:
    facts = plan.facts
    status = status_for(plan, context)  # the report has no change log chapter to point to
    logo = logo_html(logo_svg)
    preliminary = (
        '<p class="plan-cover__note"><strong>Foreløbig årsstatus:</strong> året er ikke slut. Tallene er dem, '
        f"der kendes {esc(danish.date_long(period.end))}.</p>"
        if period.preliminary
        else ""
    )
    notice = example_notice(example_data, "Årsstatussen")
    return f"""
<article id="{COVER_ID}" class="plan-cover plan-cover--aarsstatus plan-pdf-unnumbered">
 <div class="plan-cover__band">
  {logo}
  <p class="plan-cover__kicker">Årsstatus · {esc(facts.municipality)}</p>
  <h1 class="plan-cover__title">{esc(report_title(period))}</h1>
  <p class="plan-cover__subtitle">{esc(facts.title)} – {esc(facts.subtitle)}</p>
  <p class="plan-cover__period">Året {esc(covered_text(period))}</p>
 </div>
 <div class="plan-cover__body">
  <dl class="plan-cover__meta">
    <dt>Opgjort</dt><dd>{esc(danish.date_long(period.end))}{" (foreløbig)" if period.preliminary else ""}</dd>
    <dt>Planens status</dt><dd class="plan-cover__status plan-cover__status--{status.state}">{esc(status.line())}</dd>
    <dt>Planens version</dt><dd class="plan-cover__version">{version_html(status)}</dd>
    <dt>Udgiver</dt><dd>{esc(facts.publisher)}</dd>
  </dl>
  {preliminary}
  {notice}
 </div>
 <p class="plan-cover__foot">{esc(facts.publisher)}</p>
</article>
"""


def _chapter(period: PlanYear, section: Section) -> str:
    flow = "" if section.key in NEW_PAGE else " plan-aars--fortsat"
    return (f'<article class="plan-aars{flow}"><h1 id="{section_id(period, section.key)}">{esc(section.title)}</h1>'
            f"{section.html}</article>")


def _plain_site_links(soup: BeautifulSoup) -> None:
    """Links to the site's other pages point nowhere on paper: plain text."""
    for a in soup.find_all("a", href=True):
        if not a["href"].startswith(_KEPT_LINKS):
            a.unwrap()


def year_report_html(prepared: PreparedPdf, period: PlanYear, sections: list[Section]) -> str:
    """The complete HTML of the report for *period*, ready for WeasyPrint."""
    plan, context = prepared.plan, prepared.context
    soup = BeautifulSoup("<html lang='da'><head></head><body></body></html>", "html.parser")
    head = copy.copy(prepared.soup.head)  # the plan's document is only read from
    soup.head.replace_with(head)
    title = f"{report_title(period)} – {plan.facts.title}, {plan.facts.subtitle}"
    head.title.string = title
    description = head.find("meta", attrs={"name": "description"})
    if description is not None:
        description["content"] = f"{plan.facts.title}: årsstatus for {covered_text(period)}"
    running = head.find("style", id=RUNNING_STYLE_ID)
    if running is not None:
        running.string = running_css(f"{report_title(period)} · {plan.facts.title}", footer_status(context, plan))

    for section in sections:
        soup.body.append(BeautifulSoup(_chapter(period, section), "html.parser"))
    _plain_site_links(soup)
    number_headings(soup)
    soup.body.insert(0, build_toc(soup, chapter_articles(soup), level=1))
    logo_path = prepared.docs_dir / "assets" / "images" / "logo.svg"
    logo = logo_path.read_text(encoding="utf-8") if logo_path.exists() else ""
    cover = render_year_cover(plan, period, context, logo, contains_example_data(soup))
    soup.body.insert(0, BeautifulSoup(cover, "html.parser"))
    mark_links(soup)
    mark_tables(soup)
    check_no_network(soup, prepared.docs_dir.parent)
    return str(soup)


def write_year_reports(prepared: PreparedPdf, out_dir: Path, selection: str = "", repo_url: str = "",
                       reports: Reports | None = None) -> list[tuple[Path, float]]:
    """Render the selected plan years' reports into *out_dir*; returns (path, seconds) per report."""
    plan = prepared.plan
    found = reports or build_reports(plan, prepared.context, Path(plan.data_dir).parent, repo_url)
    wanted = {p.year for p in select_years(found.years, selection)}
    written = []
    for period, sections in zip(found.years, found.sections):
        if period.year not in wanted:
            continue
        started = time.perf_counter()
        target = Path(out_dir) / PDF_NAME.format(year=period.year)
        write_pdf(year_report_html(prepared, period, sections), target)
        require_accessible(target, f"årsstatussen for {period.year}")
        written.append((target, time.perf_counter() - started))
    return written
