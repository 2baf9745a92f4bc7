"""One build of the plan: made once, handed to every block and hook.

A :class:`Build` holds what a build needs from outside the pages: the loaded
and checked plan, the build context (today's date, the git version), the
approval status worked out from both, and, once the PDF step has run, the
prepared PDF document that the meeting packs are cut from.

It is made by the MkDocs hooks when MkDocs reads its configuration
(``on_config``, before any plugin) and kept on that configuration object, so
every later step of the same build finds the same object, and the next build
makes a new one; the live preview (``make serve``, :mod:`macros.preview`)
hands the same object to its rebuilds while data/ is unchanged. Nothing is
kept in module globals.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from macros.approvals.status import ApprovalStatus, status_for
from macros.core.blockstash import BlockStash
from macros.core.context import BuildContext, build_context
from macros.core.errors import PlanError
from macros.core.forked import Forked
from macros.pdf.document import PreparedPdf
from macros.plan import Plan, check_against_pages, load_plan
from macros.registry import blocks_html, building_blocks

#: Key of the build object in the MkDocs configuration.
CONFIG_KEY = "plan_build"
#: Set by the live preview when it builds the pages without a plan (they show the data error).
WITHOUT_PLAN_KEY = "plan_build_without_plan"


@dataclass(eq=False)
class Build:
    root: Path
    plan: Plan
    context: BuildContext
    docs_dir: Path
    #: The combined PDF document, set by the PDF step (``None`` without a PDF).
    pdf: PreparedPdf | None = None
    #: The building blocks each page called, by the page's path in docs/ (what
    #: the preview rebuilds after a data edit, see macros/preview.py).
    block_calls: dict[str, set[str]] = field(default_factory=dict)
    #: The meeting packs and status reports, being made beside the plan's PDF (see
    #: macros/core/forked.py; ``None`` until the PDF step starts them).
    cut_pdfs: Forked | None = None
    #: Raw HTML kept out of Markdown's way (see macros/core/blockstash.py).
    stash: BlockStash = field(default_factory=BlockStash)

    @classmethod
    def load(cls, root: Path, docs_dir: Path | None = None, environ: dict | None = None) -> "Build":
        """Load and check the plan in *root* (data against pages too) and read the build context."""
        root = Path(root).resolve()
        docs_dir = Path(docs_dir) if docs_dir is not None else root / "docs"
        plan = load_plan(root / "data")
        context = build_context(root, environ)
        check_against_pages(plan, docs_dir, blocks_html(building_blocks(plan, context)))
        return cls(root=root, plan=plan, context=context, docs_dir=docs_dir)

    def record_block(self, page: str, name: str) -> None:
        self.block_calls.setdefault(page, set()).add(name)

    @functools.cached_property
    def approval_status(self) -> ApprovalStatus:
        return status_for(self.plan, self.context)


def current(config) -> Build | None:
    """The build object of *config*, or ``None`` when the live preview builds
    without a plan (its data could not be loaded, see macros/preview.py)."""
    if hasattr(config, "get") and config.get(WITHOUT_PLAN_KEY):
        return None
    return of(config)


def of(config) -> Build:
    """The build object of the MkDocs configuration *config*."""
    build = config.get(CONFIG_KEY) if hasattr(config, "get") else None
    if build is None:
        raise PlanError(
            "mkdocs.yml",
            "Planens byg er ikke startet: hooks-filen macros/mkdocs_hooks.py er ikke indlæst.",
            "Tilføj «hooks: [macros/mkdocs_hooks.py]» i mkdocs.yml, og byg med «make site».",
        )
    return build
