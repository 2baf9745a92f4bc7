"""The PDF cover page, rendered from data/plan.yaml and the approval status."""

from __future__ import annotations

from macros.approvals.status import CHANGED, NEVER, ApprovalStatus, status_for
from macros.core import danish
from macros.core.context import BuildContext
from macros.core.html import esc
from macros.plan import Plan


def status_html(status: ApprovalStatus) -> str:
    """The cover's status: the legal status, then the text's review status (same wording as the site)."""
    return esc(status.printed_line())


def version_html(status: ApprovalStatus) -> str:
    """The version in words, the content id and commit in small print.

    A text that was never approved asks the body to quote the content id
    when it approves: that is what the approvals register records.
    """
    small = esc(status.small_print())
    if status.review.state in (CHANGED, NEVER):
        small += (
            f' <span class="plan-cover__quote">Ved godkendelse: skriv versions-id '
            f"<strong>{esc(status.review.content_id)}</strong> i referatet.</span>"
        )
    return f'{esc(status.version_label())}<br><small class="plan-cover__id">{small}</small>'


def logo_html(logo_svg: str) -> str:
    """The cover's logo slot (empty without a logo)."""
    return f'<div class="plan-cover__logo">{logo_svg}</div>' if logo_svg else ""


def example_notice(example_data: bool, document: str = "Dokumentet") -> str:
    """The cover's notice that *document* («Dokumentet», «Mødepakken» …) contains example data."""
    if not example_data:
        return ""
    return ('<p class="plan-cover__eksempel" role="note"><strong>⚠ Eksempeldata</strong> '
            f"{esc(document)} indeholder eksempeldata – ikke officielle tal. De er mærket, hvor de står.</p>")


def render_cover(plan: Plan, context: BuildContext, logo_svg: str = "", example_data: bool = False) -> str:
    """HTML for the first PDF page: logo slot, title, subtitle, parties, status, version, date.

    *example_data* adds a visible notice that the document contains example
    (not official) figures.
    """
    facts = plan.facts
    status = status_for(plan, context)
    parties = "".join(f"<li>{esc(p.name)}</li>" for p in plan.plan_parties)
    period = f"{danish.date_long(facts.start)} – {danish.date_long(facts.end)}"
    logo = logo_html(logo_svg)
    notice = example_notice(example_data)
    return f"""
<article id="plan-cover" class="plan-cover plan-pdf-unnumbered">
 <div class="plan-cover__band">
  {logo}
  <p class="plan-cover__kicker">{esc(facts.municipality)} · Boligsocial helhedsplan</p>
  <h1 class="plan-cover__title">{esc(facts.title)}</h1>
  <p class="plan-cover__subtitle">{esc(facts.subtitle)}</p>
  <p class="plan-cover__period">Planperiode: {period}</p>
 </div>
 <div class="plan-cover__body">
  <div class="plan-cover__parties">
    <p class="plan-cover__label">Parter</p>
    <ul>{parties}</ul>
  </div>
  <dl class="plan-cover__meta">
    <dt>Status</dt><dd class="plan-cover__status plan-cover__status--{status.state}">{status_html(status)}</dd>
    <dt>Version</dt><dd class="plan-cover__version">{version_html(status)}</dd>
    <dt>Dato</dt><dd>{danish.date_long(context.today)}</dd>
    <dt>Udgiver</dt><dd>{esc(facts.publisher)}</dd>
  </dl>
  {notice}
 </div>
 <p class="plan-cover__foot">{esc(facts.publisher)}</p>
</article>
"""
