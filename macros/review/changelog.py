"""The change log page (docs/aendringslog.md): approval status, changes since
the last approved version, and the approvals register.

Render functions are pure (data in, HTML/Markdown out); ``blocks`` reads git
once per build through :mod:`macros.core.gitrepo` and binds them.
"""

from __future__ import annotations

from pathlib import Path

from macros.approvals import status as approvals
from macros.approvals.load import ApprovalRegister, decision_ids
from macros.approvals.status import APPROVED, CHANGED, UNKNOWN, ApprovalStatus
from macros.approvals.versions import approved_versions, presented_content
from macros.approvals.wording import endorsements_phrase
from macros.core import danish, gitrepo
from macros.core.html import block, esc
from macros.model.html import source_label
from macros.plan import Plan
from macros.review import plandiff

#: At most this many pull requests are listed; older ones are summarised.
#: What this module's building blocks read (for the block index in README.md).
READS = ("data/godkendelser.yaml", "data/beslutninger.yaml", "data/parter.yaml", "git history")

MAX_COMMITS = 100
#: At most this many commits are read from git for the change log.
MAX_HISTORY = 1000

#: Markdown page of the decision log (one anchor per decision id).
DECISIONS_PAGE = "beslutninger.md"


def _md(text: str) -> str:
    """Escape text for a Markdown table cell."""
    return esc(text).replace("|", "&#124;").replace("\n", " ")


def base_text(status: ApprovalStatus) -> str:
    """One sentence about the last approved version, when the text is not the approved one."""
    review = status.review
    if review.state == UNKNOWN:
        return (
            "Denne udgave er bygget uden for git (fx fra en downloadet zip-fil), så det kan ikke afgøres, "
            "hvad der er ændret siden seneste godkendelse, og ændringsloggen kan ikke vises."
        )
    if review.state == CHANGED:
        return (
            f"Seneste godkendte version er version {review.version.name}, godkendt af "
            f"{endorsements_phrase(review.version.endorsements)}."
        )
    if review.state == APPROVED:
        return ""
    return "Ingen version af planen i dette repository er endnu registreret som godkendt."


def render_status_box(status: ApprovalStatus) -> str:
    """A printable box with the status in words, the version and (small) its ids."""
    detail = base_text(status)
    detail_html = f"<p>{esc(detail)}</p>" if detail else ""
    return block(
        f'<div class="plan-godkendelse plan-godkendelse--{status.state}" role="note">'
        f"<p><strong>{esc(status.line())}</strong></p>"
        f"<p>{esc(status.version_label())} "
        f'<small class="plan-godkendelse__id">({esc(status.small_print())})</small></p>{detail_html}</div>'
    )


def render_changes(status: ApprovalStatus, commits: list[gitrepo.Commit] | None, repo_url: str = "") -> str:
    """The merged pull requests since the base version (other commits are only counted).

    Pull requests are the reviewed, titled changes; commits made without one
    (e.g. set-up work) are summarised with a link to the full history.
    """
    review = status.review
    if review.state == UNKNOWN or commits is None:
        return block(
            '<p class="plan-note">Ændringerne kan ikke vises, fordi denne udgave er bygget uden for git. '
            "Se ændringsloggen på det offentlige site.</p>"
        )
    if review.state == APPROVED:
        return block('<p class="plan-note">Denne version er godkendt: der er ingen ændringer ud over den.</p>')
    if not commits:
        return block('<p class="plan-note">Der er ingen ændringer siden seneste godkendte version.</p>')
    repo_url = repo_url.rstrip("/")
    listed = [c for c in commits if c.pull_request is not None or c.title == gitrepo.PR_CHECK_TITLE]
    others = len(commits) - len(listed)
    if review.version is not None:
        intro = f"Ændringsforslag (pull requests) lagt ind siden version {esc(review.version.name)}, nyeste først."
    else:
        intro = "Ingen version er godkendt endnu, så her er alle ændringsforslag (pull requests), nyeste først."
    parts = []
    if listed:
        rows = []
        for commit in listed[:MAX_COMMITS]:
            title = _md(commit.title)
            if commit.pull_request is not None:
                label = f"pull request #{commit.pull_request}"
                where = f"[{label}]({repo_url}/pull/{commit.pull_request})" if repo_url else label
            else:
                where = f"[{commit.short}]({repo_url}/commit/{commit.commit})" if repo_url else commit.short
            when = f'<span class="plan-nowrap">{danish.date_long(commit.date)}</span>'
            rows.append(f"| {when} | {title} | {where} |")
        parts.append(intro)
        parts.append("| Dato | Ændring | Hvor |\n|---|---|---|\n" + "\n".join(rows))
        if len(listed) > MAX_COMMITS:
            parts.append(f"Der er flere end de {MAX_COMMITS} viste ændringsforslag; se historikken i repositoryet.")
    if others:
        more = "mindst " if len(commits) >= MAX_HISTORY else ""
        history = f"[historikken i repositoryet]({repo_url}/commits/main)" if repo_url else "historikken i repositoryet"
        text = "ændring" if others == 1 else "ændringer"
        lead = "Desuden er der" if listed else "Der er"
        parts.append(
            f"{lead} {more}{others} {text} lagt ind uden et ændringsforslag (fx arbejde på sitets opsætning). "
            f"De står i {history}."
        )
    return "\n\n" + "\n\n".join(parts) + "\n\n"


def render_plan_changes(status: ApprovalStatus, diff: plandiff.PlanDiff | None) -> str:
    """What changed in the plan's chapters and data since the base version."""
    if status.review.state == UNKNOWN:
        return block('<p class="plan-note">Kan ikke vises, fordi denne udgave er bygget uden for git.</p>')
    if status.review.state == APPROVED:
        return block('<p class="plan-note">Denne version er godkendt: der er ingen ændringer ud over den.</p>')
    if diff is None:
        return block(
            '<p class="plan-note">Der er endnu ingen godkendt version at sammenligne med. '
            "Når en version er godkendt, vises her, hvad der siden er ændret i planens kapitler og data.</p>"
        )
    markdown = plandiff.render_markdown(diff, heading_level=3, title="Sammenfatning", screen_reader=True)
    # The page has its own heading: drop the summary's title line.
    return "\n\n" + markdown.split("\n", 1)[1].strip() + "\n\n"


def render_register(register: ApprovalRegister, plan: Plan, decision_ids: list[str] | None) -> str:
    """The approvals register as tables: versions approved here, and earlier approvals."""
    parts = []
    versions = approved_versions(register, plan.parties)
    names = {v.content_id: v.name for v in versions}
    if register.approvals:
        rows = []
        for a in sorted(register.approvals, key=lambda a: (a.date, a.presented), reverse=True):
            reference = _md(a.reference)
            if a.decision_id and decision_ids is not None and a.decision_id in decision_ids:
                reference += f" ([beslutning]({DECISIONS_PAGE}#{a.decision_id}))"
            body = plan.parties.get(a.body_id)
            content = presented_content(a.presented, versions)
            name = names.get(content, a.presented)
            small = f'<small class="plan-nowrap">{_md(content)}</small>' if content else ""
            rows.append(
                f"| {_md(name)} | {_md(body.name if body else a.body_id)} | {danish.date_long(a.date)} "
                f"| {reference} | {small} |"
            )
        parts.append(
            "| Version | Godkendt af | Dato | Reference | Versions-id |\n|---|---|---|---|---|\n" + "\n".join(rows)
        )
    else:
        parts.append("Ingen version af planen i dette repository er endnu registreret som godkendt.")
    if register.earlier:
        items = []
        for e in register.earlier:
            body = plan.parties.get(e.body_id)
            source = plan.sources.get(e.source_id)
            cite = f" Kilde: {source_label(source)}." if source else ""
            if e.decision_id and decision_ids is not None and e.decision_id in decision_ids:
                cite += f" Se [beslutningen]({DECISIONS_PAGE}#{e.decision_id})."
            items.append(
                f"- **{danish.date_long(e.date)}, {_md(body.name if body else e.body_id)}:** {_md(e.what)}{cite}"
            )
        parts.append(
            "Godkendelser fra før planen blev lagt i dette repository. De gælder ansøgningen som dokument "
            "og gør ikke en version her godkendt:\n\n" + "\n".join(items)
        )
    return "\n\n" + "\n\n".join(parts) + "\n\n"


def blocks(plan: Plan, context) -> dict:
    repo = Path(plan.data_dir).parent
    state: dict = {}

    def status() -> ApprovalStatus:
        if "status" not in state:
            state["status"] = approvals.status_for(plan, context)
        return state["status"]

    def changes(repo_url: str = "") -> str:
        current = status()
        commits = None
        if current.review.state != UNKNOWN:
            commits = gitrepo.commits(repo, "HEAD", current.review.base_commit, limit=MAX_HISTORY)
        return render_changes(current, commits, repo_url)

    def plan_changes() -> str:
        current = status()
        diff = None
        if current.review.state == CHANGED:
            diff = plandiff.diff_versions(repo, current.review.base_commit, None, head_plan=plan)
            diff = plandiff.PlanDiff(f"version {current.review.version.name}", "denne udgave", diff.sections, diff.note)
        return render_plan_changes(current, diff)

    return {
        "planaendringer": plan_changes,
        "godkendelsesstatus": lambda: render_status_box(status()),
        "aendringer": changes,
        "godkendelsesregister": lambda: render_register(
            plan.approvals or ApprovalRegister(), plan, decision_ids(plan.data_dir)
        ),
    }
