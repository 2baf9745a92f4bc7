"""Who owns a page, and when it last changed: one line at the end of each page.

Each chapter names its owner in front matter (``ejer: <party id>``, a body
from data/parter.yaml). The date of the last change comes from git through
mkdocs-git-revision-date-localized-plugin, which runs before the macros and
leaves the date in ``page.meta``. A page without a commit (a build outside
git, or a file not committed yet) shows no date rather than a wrong one.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from macros.core import danish
from macros.core.errors import Location, PlanError, suggest
from macros.core.html import esc
from macros.model.records import Party

OWNER_KEY = "ejer"
_REVISION_DATE = "git_revision_date_localized_raw_iso_date"
_REVISION_HASH = "git_revision_date_localized_hash"



def front_matter_line(page_file: Path, key: str) -> int | None:
    """Line number of ``key:`` in the page's front matter, for error messages."""
    try:
        lines = page_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    for number, line in enumerate(lines[:60], start=1):
        if pattern.match(line):
            return number
    return None


def page_owner(meta: dict, parties: dict[str, Party], page_file: Path) -> Party | None:
    """The party named by ``ejer:`` in the front matter (None if not set)."""
    if OWNER_KEY not in meta:
        return None
    value = meta[OWNER_KEY]
    if not isinstance(value, str) or value not in parties:
        raise PlanError(
            Location(page_file, line=front_matter_line(page_file, OWNER_KEY), column=OWNER_KEY),
            f"Sidens ejer «{value}» er ikke en part i data/parter.yaml.",
            suggest(str(value), parties) or "Skriv id'et på en part fra data/parter.yaml, fx «bestyrelsen».",
        )
    return parties[value]


def last_changed(meta: dict) -> dt.date | None:
    """Date of the page's last commit, or None when git could not tell."""
    if not meta.get(_REVISION_HASH):
        return None
    raw = meta.get(_REVISION_DATE)
    try:
        return dt.date.fromisoformat(str(raw)) if raw else None
    except ValueError:
        return None


def render_page_facts(owner: Party | None, changed: dt.date | None) -> str:
    """``Ansvarlig: … · Senest ændret …`` (empty when neither is known)."""
    facts = []
    if owner is not None:
        facts.append(f'<span class="plan-sidefakta__ejer">Ansvarlig for siden: {esc(owner.name)}</span>')
    if changed is not None:
        facts.append(
            f'<span class="plan-sidefakta__dato">Senest ændret: '
            f'<time datetime="{changed.isoformat()}">{danish.date_long(changed)}</time></span>'
        )
    if not facts:
        return ""
    return f'\n\n<p class="plan-sidefakta">{" · ".join(facts)}</p>\n'


def page_facts(plan, page) -> str:
    """The owner/date line for an MkDocs *page* of the loaded *plan*."""
    owner = page_owner(page.meta, plan.parties, Path(page.file.abs_src_path or page.file.src_path))
    return render_page_facts(owner, last_changed(page.meta))
