"""The PDF cover page, rendered from data/plan.yaml and the build context."""

from __future__ import annotations

from pathlib import Path

from macros.approvals import register as approvals
from macros.core import danish
from macros.core.context import BuildContext
from macros.core.html import esc
from macros.plan import Plan


def approval_status(context: BuildContext, plan: Plan | None = None) -> str:
    """The cover's status: "Godkendt af … (version …)" or "UDKAST – ikke godkendt …".

    The one place the status wording for the PDF comes from. The decision is
    made in macros/approvals/register.py from the approvals register (data/godkendelser.yaml)
    and git; drafts point to the change log chapter.
    """
    if plan is None:
        status = approvals.resolve_status(approvals.ApprovalRegister(), context.git, Path.cwd())
        parties: dict = {}
    else:
        status = approvals.status_for(plan, context)
        parties = plan.parties
    text = approvals.status_text(status, parties)
    if status.is_approved or status.state == approvals.UNKNOWN:
        return text
    chapter = f"kapitlet «{approvals.CHANGELOG_TITLE}»"
    if status.base is not None:
        return f"{text}. Ændringerne siden den godkendte version {status.base.version} står i {chapter}."
    return f"{text}. Ingen version er godkendt endnu; se {chapter}."


def approval_state(context: BuildContext, plan: Plan) -> str:
    """``godkendt``, ``udkast`` or ``ukendt``: a CSS modifier for the cover's status."""
    return approvals.status_for(plan, context).state


def render_cover(plan: Plan, context: BuildContext, logo_svg: str = "", example_data: bool = False) -> str:
    """HTML for the first PDF page: logo slot, title, subtitle, parties, version, date, status.

    *example_data* adds a visible notice that the document contains example
    (not official) figures.
    """
    facts = plan.facts
    parties = "".join(f"<li>{esc(p.name)}</li>" for p in plan.plan_parties)
    period = f"{danish.date_long(facts.start)} – {danish.date_long(facts.end)}"
    logo = f'<div class="plan-cover__logo">{logo_svg}</div>' if logo_svg else ""
    notice = (
        '<p class="plan-cover__eksempel" role="note"><strong>⚠ Eksempeldata</strong> '
        "Dokumentet indeholder eksempeldata – ikke officielle tal. De er mærket, hvor de står.</p>"
        if example_data
        else ""
    )
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
    <dt>Status</dt><dd class="plan-cover__status plan-cover__status--{approval_state(context, plan)}">{esc(approval_status(context, plan))}</dd>
    <dt>Version</dt><dd>{esc(context.version_label)}</dd>
    <dt>Dato</dt><dd>{danish.date_long(context.today)}</dd>
    <dt>Udgiver</dt><dd>{esc(facts.publisher)}</dd>
  </dl>
  {notice}
 </div>
 <p class="plan-cover__foot">{esc(facts.publisher)}</p>
</article>
"""
