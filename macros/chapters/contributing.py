"""The contributing guide on the site: CONTRIBUTING.md, included as it is.

CONTRIBUTING.md (the repository's root) is the one copy of the guide; GitHub
shows it to everyone who proposes a change, and docs/om-sitet/bidrag.md shows
it on the site and in the PDF through this block. Its links are absolute, so
they work in both places.
"""

from __future__ import annotations

from pathlib import Path

from macros.core.errors import PlanError

#: What this module's building blocks read (for the block index in README.md).
READS = ("CONTRIBUTING.md",)

GUIDE_FILE = "CONTRIBUTING.md"


def read_guide(repo: Path) -> str:
    path = Path(repo) / GUIDE_FILE
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        raise PlanError(
            path,
            "Vejledningen til bidragydere mangler.",
            f"Læg filen {GUIDE_FILE} i projektets rodmappe (den vises på siden «Sådan bidrager du»).",
        ) from None


def blocks(plan, context) -> dict:
    repo = Path(plan.data_dir).parent
    return {"bidragsvejledning": lambda: "\n\n" + read_guide(repo) + "\n\n"}
