"""The live preview's pure parts (``make serve``): what a save must rebuild,
the Danish error banner and error page, and the one log line per rebuild.

The adapter (:mod:`macros.preview`) keeps the state between rebuilds and
calls these functions; nothing here touches MkDocs or the file system,
except :func:`snapshot`, which only reads file sizes and times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from macros.core.html import esc

#: What the preview watches, relative to the project root.
WATCHED = ("docs", "data", "macros", "overrides", "mkdocs.yml", "CONTRIBUTING.md")

#: Data that every page shows (the approval banner and footer, the owner line,
#: the glossary's tooltips): a change rebuilds the whole site.
EVERY_PAGE_READS = frozenset({
    "data/plan.yaml",
    "data/parter.yaml",
    "data/ordliste.yaml",
    "data/godkendelser.yaml",
})

BANNER_START = "<!-- plan-forhaandsvisning: fejl -->"
BANNER_END = "<!-- /plan-forhaandsvisning: fejl -->"
_BANNER = re.compile(re.escape(BANNER_START) + r".*?" + re.escape(BANNER_END), re.DOTALL)
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)

Snapshot = dict[str, tuple[int, int]]


def _ignored(relative: Path) -> bool:
    """Compiled Python, and an editor's or Excel's temporary and lock files (``.x.swp``,
    ``~$tabel.csv``, ``x~``), which are not part of the plan."""
    return any(part == "__pycache__" or part.startswith((".", "~$")) or part.endswith(("~", ".swp", ".tmp"))
               for part in relative.parts) or relative.suffix == ".pyc"


def snapshot(root: Path, items=WATCHED) -> Snapshot:
    """Size and modification time of every watched file, by path relative to *root*."""
    found: Snapshot = {}
    for item in items:
        path = root / item
        candidates = path.rglob("*") if path.is_dir() else [path]
        for candidate in candidates:
            if _ignored(candidate.relative_to(root)):
                continue
            try:
                stat = candidate.stat()
            except OSError:
                continue
            if candidate.is_file():
                found[candidate.relative_to(root).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return found


def changed_paths(before: Snapshot, after: Snapshot) -> set[str]:
    """Files added, removed or changed between two snapshots."""
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


@dataclass(frozen=True)
class Rebuild:
    """What one save needs: restart the preview (Python code changed), build
    everything, or only the changed chapters plus ``pages`` (by source path
    in docs/, e.g. ``tidsplan.md``), whose building blocks read changed data."""

    full: bool
    restart: bool = False
    pages: frozenset[str] = frozenset()
    #: Only files outside the plan changed (e.g. compiled Python): nothing to build.
    nothing: bool = False


def reads_path(read: str, path: str) -> bool:
    """Whether a block that reads *read* (a file, or a folder ending in ``/``) reads *path*."""
    return path.startswith(read) if read.endswith("/") else path == read


def plan_rebuild(changed: set[str], before: Snapshot, after: Snapshot, page_reads: dict[str, frozenset[str]],
                 failed_pages: frozenset[str] = frozenset(), need_full: bool = False) -> Rebuild:
    """Decide how much a save must rebuild.

    A changed chapter rebuilds itself (MkDocs sees its newer time); changed data
    rebuilds the pages whose building blocks read it (*page_reads*, from the
    last builds); pages that showed an error last time (*failed_pages*) are
    rebuilt too. Anything else (a new or deleted file, data every page shows,
    the theme, mkdocs.yml, or *need_full* after a build that broke off)
    rebuilds everything. Changed Python code in macros/ restarts the preview.
    """
    if any(path.startswith("macros/") and path.endswith(".py") for path in changed):
        return Rebuild(full=True, restart=True)
    if need_full:
        return Rebuild(full=True)
    if not changed:
        return Rebuild(full=False, nothing=True)
    pages: set[str] = set(failed_pages)
    for path in changed:
        if path not in before or path not in after:
            return Rebuild(full=True)
        if path.startswith("docs/") and path.endswith(".md"):
            continue
        if not path.startswith("data/") or path.startswith("data/schemas/") or path in EVERY_PAGE_READS:
            return Rebuild(full=True)
        pages.update(page for page, reads in page_reads.items() if any(reads_path(r, path) for r in reads))
    return Rebuild(full=False, pages=frozenset(pages))


# --- what the browser shows ---------------------------------------------------------

_BOX_STYLE = (
    "margin:0;padding:1rem 1.25rem;background:#fdecea;color:#5f1412;border-bottom:4px solid #b3261e;"
    "font:16px/1.5 system-ui,sans-serif;position:relative;z-index:10"
)
_PRE_STYLE = "white-space:pre-wrap;margin:.5rem 0;font:14px/1.4 ui-monospace,monospace;background:none;color:inherit"


_ONE_ERROR = re.compile(r"^(?:\d+\. )?Fejl\b", re.MULTILINE)


def error_count(problems: list[str]) -> int:
    """How many errors *problems* report (one message may list several)."""
    return sum(max(1, len(_ONE_ERROR.findall(problem))) for problem in problems)


def _count(problems: list[str]) -> str:
    return f"{error_count(problems)} fejl"


def error_banner(problems: list[str], clock: str) -> str:
    """The banner at the top of every page while the preview has errors (empty without)."""
    if not problems:
        return ""
    items = "".join(f'<pre style="{_PRE_STYLE}">{esc(p.strip())}</pre>' for p in problems)
    return (
        f'{BANNER_START}<div class="plan-forhaandsvisning-fejl" role="alert" style="{_BOX_STYLE}">'
        f"<p style=\"margin:0\"><strong>Forhåndsvisningen har {_count(problems)}</strong> (kl. {esc(clock)}). "
        "Siden viser det, der kunne bygges. Ret fejlen, og gem filen: så opdateres siden af sig selv.</p>"
        f"{items}</div>{BANNER_END}"
    )


def with_banner(page_html: str, banner: str) -> str:
    """*page_html* with *banner* right after ``<body>`` (an earlier banner is removed)."""
    page_html = _BANNER.sub("", page_html)
    if not banner:
        return page_html
    body = _BODY.search(page_html)
    at = body.end() if body else 0
    return page_html[:at] + banner + page_html[at:]


def error_content(problem: str) -> str:
    """What a page that could not be built shows instead of its content (raw HTML in Markdown)."""
    return (
        '\n<div class="admonition failure plan-forhaandsvisning-side" markdown="0">\n'
        '<p class="admonition-title">Siden kunne ikke bygges</p>\n'
        f'<pre style="white-space:pre-wrap">{esc(problem.strip())}</pre>\n'
        "<p>Ret fejlen, og gem filen: så vises siden igen.</p>\n</div>\n"
    )


# --- the log ------------------------------------------------------------------------


def seconds_da(seconds: float) -> str:
    return f"{seconds:.2f}".replace(".", ",")


def log_line(clock: str, seconds: float, changed: list[str], problems: list[str]) -> str:
    """The one line per rebuild, e.g. ``[12:03:05] Opdateret på 0,42 s: docs/tidsplan.md``;
    with errors, the line says how many and the errors follow in full."""
    shown = sorted(changed)[:3]
    what = ", ".join(shown) + (f" og {len(changed) - len(shown)} andre filer" if len(changed) > len(shown) else "")
    line = f"[{clock}] " + ("Opdateret" if not problems else f"Bygget med {_count(problems)}")
    line += f" på {seconds_da(seconds)} s" + (f": {what}" if what else "")
    if problems:
        line += "\n" + "\n".join(problem.strip() for problem in problems)
    return line
