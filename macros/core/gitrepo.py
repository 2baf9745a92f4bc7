"""Read-only questions to git about the plan's own history.

Used by the approvals status, the change log page and the plan diff. Every
function returns ``None`` (or an empty result) instead of failing when git is
missing or the folder is not a checkout, so that a build from a downloaded
zip still works and can say why some facts are unknown.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

#: Field separator for ``git log --format`` (cannot occur in commit messages).
_SEP = "\x1f"
_END = "\x1e"


def run(repo: Path, *args: str, timeout: int = 30) -> str | None:
    """Output of ``git <args>`` in *repo*, or ``None`` if git fails or is missing."""
    try:
        result = subprocess.run(
            ["git", *args], cwd=repo, capture_output=True, text=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    return result.stdout


def resolve_commit(repo: Path, revision: str) -> str | None:
    """Full commit id of a tag, branch or commit id, or ``None`` if unknown here."""
    out = run(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    return out.strip() if out else None


def is_ancestor(repo: Path, ancestor: str, descendant: str) -> bool:
    """True if *ancestor* is *descendant* or one of its ancestors."""
    try:
        result = subprocess.run(
            ["git", "merge-base", "--is-ancestor", ancestor, descendant],
            cwd=repo, capture_output=True, timeout=30, check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0


def count_between(repo: Path, base: str, head: str) -> int | None:
    """Number of commits in ``base..head``."""
    out = run(repo, "rev-list", "--count", f"{base}..{head}")
    return int(out.strip()) if out and out.strip().isdigit() else None


@dataclass(frozen=True)
class Commit:
    commit: str
    short: str
    date: dt.date
    title: str
    pull_request: int | None  # number of the merged pull request, if the commit records one


_MERGE_PR = re.compile(r"^Merge pull request #(\d+) from \S+")
#: The temporary merge commit GitHub builds a pull request's checks on.
_PR_CHECK_MERGE = re.compile(r"^Merge [0-9a-f]{40} into [0-9a-f]{40}$")
PR_CHECK_TITLE = "Ændringsforslaget, der er ved at blive kontrolleret"
_SQUASH_PR = re.compile(r"\s*\(#(\d+)\)\s*$")


def _parse_commit(record: str) -> Commit | None:
    parts = record.strip("\n").split(_SEP)
    if len(parts) < 4:
        return None
    commit, short, date_text, subject = parts[:4]
    body = parts[4] if len(parts) > 4 else ""
    title, pull_request = subject.strip(), None
    if _PR_CHECK_MERGE.match(title):
        title = PR_CHECK_TITLE
    elif match := _MERGE_PR.match(title):
        pull_request = int(match.group(1))
        first_body_line = next((line.strip() for line in body.splitlines() if line.strip()), "")
        title = first_body_line or title
    elif match := _SQUASH_PR.search(title):
        pull_request = int(match.group(1))
        title = title[: match.start()].rstrip()
    return Commit(commit, short, dt.date.fromisoformat(date_text), title, pull_request)


def commits(repo: Path, head: str = "HEAD", base: str | None = None, limit: int = 200) -> list[Commit] | None:
    """Commits reachable from *head* but not from *base*, newest first.

    Follows the first parent only, so that on the main branch each merged pull
    request is one entry (its merge commit) rather than all its work commits.
    """
    span = f"{base}..{head}" if base else head
    out = run(
        repo, "log", "--first-parent", f"--max-count={limit}",
        f"--format=%H{_SEP}%h{_SEP}%cs{_SEP}%s{_SEP}%b{_END}", span, "--",
    )
    if out is None:
        return None
    parsed = (_parse_commit(record) for record in out.split(_END) if record.strip())
    return [c for c in parsed if c is not None]


def export_tree(repo: Path, revision: str, paths: list[str], target: Path) -> bool:
    """Write the files under *paths* as they were at *revision* into *target*.

    Uses ``git archive`` piped into Python's tarfile, so nothing in the
    working tree or the index is touched. Paths missing at that revision are
    skipped. Returns False if the revision is unknown.
    """
    import io
    import tarfile

    commit = resolve_commit(repo, revision)
    if commit is None:
        return False
    present = run(repo, "ls-tree", "--name-only", commit, "--", *paths)
    wanted = [p for p in (present or "").splitlines() if p]
    target.mkdir(parents=True, exist_ok=True)
    if not wanted:
        return True
    try:
        result = subprocess.run(
            ["git", "archive", "--format=tar", commit, "--", *wanted],
            cwd=repo, capture_output=True, timeout=120, check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    if result.returncode != 0:
        return False
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
        if hasattr(tarfile, "data_filter"):
            archive.extractall(target, filter="data")
        else:  # Python < 3.11.4; the archive comes from our own repository
            archive.extractall(target)
    return True


def changed_files(repo: Path, base: str, head: str | None = None, paths: tuple[str, ...] = ()) -> list[tuple[str, str]] | None:
    """``(status, path)`` for files that differ between *base* and *head* (or the working tree)."""
    args = ["diff", "--name-status", "--no-renames", base]
    if head:
        args.append(head)
    out = run(repo, *args, "--", *paths)
    if out is None:
        return None
    result = []
    for line in out.splitlines():
        if "\t" in line:
            status, path = line.split("\t", 1)
            result.append((status[0], path))
    if head is None:  # the working tree: new files not yet added to git count too
        untracked = run(repo, "ls-files", "--others", "--exclude-standard", "--", *paths) or ""
        result += [("A", path) for path in untracked.splitlines() if path]
        result.sort(key=lambda item: item[1])
    return result


def first_parent_dates(repo: Path, head: str = "HEAD", limit: int = 2000) -> list[tuple[str, dt.date]] | None:
    """``(commit, commit date)`` along the first-parent line of *head*, newest first."""
    out = run(repo, "log", "--first-parent", f"--max-count={limit}", "--format=%H %cs", head, "--")
    if out is None:
        return None
    result = []
    for line in out.splitlines():
        commit, _, day = line.partition(" ")
        if commit and day:
            result.append((commit, dt.date.fromisoformat(day)))
    return result


def all_commits(repo: Path, limit: int = 5000) -> list[str]:
    """Every commit reachable from HEAD, branches and tags (newest first)."""
    out = run(repo, "rev-list", f"--max-count={limit}", "HEAD", "--branches", "--tags", "--")
    return [line for line in (out or "").splitlines() if line]


def tags(repo: Path) -> list[str]:
    """Names of the repository's tags."""
    out = run(repo, "tag", "--list")
    return [line.strip() for line in (out or "").splitlines() if line.strip()]


def parent(repo: Path, revision: str = "HEAD") -> str | None:
    """The first parent of *revision*, or ``None`` for a root commit."""
    return resolve_commit(repo, f"{revision}^1")


def file_at(repo: Path, revision: str, path: str) -> str | None:
    """A file's text at *revision*, or ``None`` if it did not exist there."""
    return run(repo, "show", f"{revision}:{path}")
