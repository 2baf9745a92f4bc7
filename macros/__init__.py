"""mkdocs-macros entry point for the plan.

``define_env`` runs once per build: it loads and validates all data (failing
the build with a Danish message if anything is wrong) and registers the
building blocks. All logic lives in the modules it calls.
"""

from __future__ import annotations

from pathlib import Path

from . import glossary, pagefacts
from .approvals import site_status
from .context import build_context
from .icsfeed import write_calendar
from .plan import check_against_pages, load_plan
from .registry import building_blocks, register


def on_post_build(env) -> None:
    """After the site is written: add the milestone calendar (milepaele.ics)."""
    repo = Path(env.project_dir)
    write_calendar(load_plan(repo / "data"), build_context(repo), Path(env.conf["site_dir"]), env.conf.get("site_url") or "")


def define_env(env) -> None:
    repo = Path(env.project_dir)
    plan = load_plan(repo / "data")
    check_against_pages(plan, Path(env.conf["docs_dir"]))
    context = build_context(repo)
    register(env, building_blocks(plan, context))
    # The approval status for the theme's banner (overrides/main.html).
    env.conf["extra"]["plan_status"] = site_status(plan, context)


def on_post_page_macros(env) -> None:
    """Per-page additions after the page's building blocks have run:
    the owner/last-changed line and the glossary's tooltip definitions."""
    pagefacts.on_post_page(env)
    glossary.on_post_page_macros(env)
