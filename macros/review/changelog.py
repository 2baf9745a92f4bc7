"""The change log page (docs/aendringslog.md): approval status, changes since
the last approved version, and the approvals register.

Render functions are pure (data in, HTML/Markdown out); ``blocks`` reads git
once per build through :mod:`macros.core.gitrepo` and binds them.
"""

from __future__ import annotations

from pathlib import Path

from macros.approvals import register as approvals
from macros.approvals.register import APPROVED, UNKNOWN, ApprovalStatus
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


def render_status_box(status: ApprovalStatus, parties: dict) -> str:
    """A printable box with the status in words (and an icon, never colour alone)."""
    if status.state == APPROVED:
        icon, modifier = "✔", "godkendt"
        detail = ""
    else:
        icon, modifier = "⚠", "udkast"
        detail = f"<p>{esc(approvals.base_text(status, parties))}</p>"
    if status.missing:
        names = ", ".join(status.missing)
        detail += (
            f"<p>Registret nævner version(er), der ikke findes i denne kopi af repositoryet: {esc(names)}. "
            "Er tagget endnu ikke oprettet, så opret det (se vejledningen «Sådan bidrager du»).</p>"
        )
    return block(
        f'<div class="plan-godkendelse plan-godkendelse--{modifier}" role="note">'
        f"<p><strong>{icon} {esc(approvals.status_text(status, parties))}</strong></p>{detail}</div>"
    )


def render_changes(status: ApprovalStatus, commits: list[gitrepo.Commit] | None, repo_url: str = "") -> str:
    """The merged pull requests since the base version (other commits are only counted).

    Pull requests are the reviewed, titled changes; commits made without one
    (e.g. set-up work) are summarised with a link to the full history.
    """
    if status.state == UNKNOWN or commits is None:
        return block(
            '<p class="plan-note">Ændringerne kan ikke vises, fordi denne udgave er bygget uden for git. '
            "Se ændringsloggen på det offentlige site.</p>"
        )
    if status.state == APPROVED:
        return block('<p class="plan-note">Denne version er godkendt: der er ingen ændringer ud over den.</p>')
    if not commits:
        return block('<p class="plan-note">Der er ingen ændringer siden seneste godkendte version.</p>')
    repo_url = repo_url.rstrip("/")
    listed = [c for c in commits if c.pull_request is not None or c.title == gitrepo.PR_CHECK_TITLE]
    others = len(commits) - len(listed)
    if status.base is not None:
        intro = f"Ændringsforslag (pull requests) lagt ind siden version {esc(status.base.version)}, nyeste først."
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
    if status.state == UNKNOWN:
        return block('<p class="plan-note">Kan ikke vises, fordi denne udgave er bygget uden for git.</p>')
    if status.state == APPROVED:
        return block('<p class="plan-note">Denne version er godkendt: der er ingen ændringer ud over den.</p>')
    if diff is None:
        return block(
            '<p class="plan-note">Der er endnu ingen godkendt version at sammenligne med. '
            "Når en version er godkendt, vises her, hvad der siden er ændret i planens kapitler og data.</p>"
        )
    markdown = plandiff.render_markdown(diff, heading_level=3, title="Sammenfatning")
    # The page has its own heading: drop the summary's title line.
    return "\n\n" + markdown.split("\n", 1)[1].strip() + "\n\n"


def render_register(register: approvals.ApprovalRegister, plan: Plan, decision_ids: list[str] | None) -> str:
    """The approvals register as tables: versions approved here, and earlier approvals."""
    parts = []
    if register.approvals:
        rows = []
        for a in sorted(register.approvals, key=lambda a: (a.date, a.version), reverse=True):
            reference = _md(a.reference)
            if a.decision_id and decision_ids is not None and a.decision_id in decision_ids:
                reference += f" ([beslutning]({DECISIONS_PAGE}#{a.decision_id}))"
            body = plan.parties.get(a.body_id)
            rows.append(
                f"| {_md(a.version)} | {_md(body.name if body else a.body_id)} | {danish.date_long(a.date)} | {reference} |"
            )
        parts.append("| Version | Godkendt af | Dato | Reference |\n|---|---|---|---|\n" + "\n".join(rows))
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
        if current.state != UNKNOWN:
            base = current.base.commit if current.base is not None else None
            commits = gitrepo.commits(repo, "HEAD", base, limit=MAX_HISTORY)
        return render_changes(current, commits, repo_url)

    def plan_changes() -> str:
        current = status()
        diff = None
        if current.state == approvals.DRAFT and current.base is not None:
            diff = plandiff.diff_versions(repo, current.base.commit, None, head_plan=plan)
            diff = plandiff.PlanDiff(current.base.version, "denne udgave", diff.sections, diff.note)
        return render_plan_changes(current, diff)

    return {
        "planaendringer": plan_changes,
        "godkendelsesstatus": lambda: render_status_box(status(), plan.parties),
        "aendringer": changes,
        "godkendelsesregister": lambda: render_register(
            plan.approvals or approvals.ApprovalRegister(), plan, approvals.decision_ids(plan.data_dir)
        ),
    }
