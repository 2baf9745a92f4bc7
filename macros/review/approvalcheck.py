"""The approvals register against git history: run by ``make validate`` for the real repository.

Two checks that need history, and so are not part of the plain data loader
(which also loads old versions for comparisons):

1. **The version exists.** Every ``forelagt_version`` must be the content id
   of a version this repository has had (any commit, branch or tag, or the
   working tree), or the name of an approved version. A typo gets the
   nearest known id or tag as "Mente du …?".
2. **The body saw what is registered.** An entry being added now (not in the
   register of the previous version) is refused when the plan's content
   today is not the content the body was given: a change has come in
   between. The message lists what changed, from the plan diff between the
   version the body saw and now. This is what stops an approval from
   covering a change the body never saw.

"The previous version" is the last commit if the register has uncommitted
changes, otherwise the commit's first parent: on main and in a pull
request's check (GitHub's merge commit) that is main before the change.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from macros.approvals.load import REGISTER_FILE, Approval
from macros.approvals.versions import approved_versions, presented_content
from macros.core import contentid, gitrepo
from macros.core.errors import Location, PlanError, PlanErrors, suggest
from macros.plan import Plan
from macros.review import plandiff

REGISTER_PATH = f"data/{REGISTER_FILE}"
#: At most this many lines of changes are quoted in the message.
MAX_CHANGE_LINES = 12


def registered_keys(text: str | None) -> set[tuple[str, str]]:
    """``(forelagt_version, organ)`` of the entries in a register file's text (any format, never fails)."""
    try:
        raw = yaml.safe_load(text or "") or {}
    except yaml.YAMLError:
        return set()
    entries = raw.get("godkendte_versioner") if isinstance(raw, dict) else None
    return {
        (str(e.get("forelagt_version")), str(e.get("organ")))
        for e in entries or []
        if isinstance(e, dict) and "forelagt_version" in e
    }


def previous_keys(repo: Path) -> set[tuple[str, str]]:
    """The register's entries in the previous version (see the module docstring)."""
    head_text = gitrepo.file_at(repo, "HEAD", REGISTER_PATH)
    working = (repo / REGISTER_PATH).read_text(encoding="utf-8") if (repo / REGISTER_PATH).exists() else None
    if head_text is not None and head_text != working:
        return registered_keys(head_text)
    parent = gitrepo.parent(repo, "HEAD")
    return registered_keys(gitrepo.file_at(repo, parent, REGISTER_PATH)) if parent else set()


def change_lines(diff: plandiff.PlanDiff) -> list[str]:
    """The plan diff as short plain lines for an error message (the register itself left out)."""
    lines = []
    for section in diff.sections:
        if section.title == "Godkendelser":
            continue
        for line in section.lines:
            lines.append(f"{section.title}: {line.replace('**', '').replace('`', '')}")
        if section.table and not section.lines:
            lines.append(f"{section.title}: {len(section.table) - 1} tal er ændret.")
    if len(lines) > MAX_CHANGE_LINES:
        rest = len(lines) - MAX_CHANGE_LINES
        lines = lines[:MAX_CHANGE_LINES] + [f"… og {rest} ændringer mere (se make diff BASE=<commit>)."]
    return lines


def _unknown(approval: Approval, file: Path, candidates: set[str]) -> PlanError:
    hint = suggest(approval.presented, candidates, list_known=False)
    return PlanError(
        Location(file, line=approval.line, column="forelagt_version"),
        f"Versionen «{approval.presented}» findes ikke i planens historik.",
        " ".join(filter(None, [
            hint,
            "Skriv versions-id'et præcis som på forsiden af den PDF, organet fik (10 tegn 0–9 og a–f), "
            "eller navnet på en godkendt version (fx v2026.1).",
        ])),
    )


def _changed_since(approval: Approval, body: str, commit: str, repo: Path, plan: Plan, file: Path) -> PlanError:
    diff = plandiff.diff_versions(repo, commit, None, head_plan=plan)
    lines = change_lines(diff) or ["Filer uden for data og kapitler (fx skabelonerne i pdf/ eller overrides/) er ændret."]
    listed = "".join(f"\n    - {line}" for line in lines)
    return PlanError(
        Location(file, line=approval.line, column="forelagt_version"),
        f"{body} fik version «{approval.presented}», men planen er ændret siden. "
        f"Godkendelsen kan ikke registreres, for den ville dække ændringer, organet ikke har set:{listed}",
        "Registrér kun den version, organet fik. Giv organet en PDF af den nuværende version til næste "
        "møde og registrér dén, eller tag ændringerne ud igen, så planen er som den version, organet fik.",
    )


def check_register(repo: Path, plan: Plan) -> None:
    """Raise :class:`PlanErrors` for unknown versions and for approvals of content that has changed since."""
    register = plan.approvals
    if register is None or not register.approvals:
        return
    repo = Path(repo)
    if gitrepo.resolve_commit(repo, "HEAD") is None:
        return  # outside git nothing can be checked against history
    file = register.file or repo / REGISTER_PATH
    versions = approved_versions(register, plan.parties)
    current = contentid.of_tree(repo)
    commit_of: dict[str, str] = {}
    with contentid.History(repo) as history:
        for commit in gitrepo.all_commits(repo):
            cid = history.content_id(commit)
            if cid is not None:
                commit_of.setdefault(cid, commit)  # newest first: the newest commit with that content
    tags = gitrepo.tags(repo)
    candidates = set(commit_of) | {current} | set(tags) | {v.tag for v in versions}
    before = previous_keys(repo)
    problems = []
    for approval in register.approvals:
        content = presented_content(approval.presented, versions)
        if content is None or (content != current and content not in commit_of):
            problems.append(_unknown(approval, file, candidates))
            continue
        if (approval.presented, approval.body_id) in before or content == current:
            continue
        party = plan.parties.get(approval.body_id)
        body = party.short_name if party else approval.body_id
        problems.append(_changed_since(approval, body, commit_of[content], repo, plan, file))
    if problems:
        raise PlanErrors(problems)
