"""mkdocs-macros entry point for the plan.

``define_env`` runs once per build: it loads and validates all data (failing
the build with a Danish message if anything is wrong) and registers the
building blocks. All logic lives in the modules it calls.
"""

from __future__ import annotations

from pathlib import Path

from .approvals import site_status
from .context import build_context
from .pagefacts import last_changed, page_owner, render_page_facts
from .plan import load_plan
from .registry import building_blocks, register


def define_env(env) -> None:
    repo = Path(env.project_dir)
    plan = load_plan(repo / "data")
    context = build_context(repo)
    register(env, building_blocks(plan, context))
    # The approval status for the theme's banner (overrides/main.html).
    env.conf["extra"]["plan_status"] = site_status(plan, context)


def on_post_page_macros(env) -> None:
    """Append the page's owner and date of last change (see macros/pagefacts.py)."""
    page = env.page
    plan = load_plan(Path(env.project_dir) / "data")
    owner = page_owner(page.meta, plan.parties, Path(page.file.abs_src_path or page.file.src_path))
    env.markdown += render_page_facts(owner, last_changed(page.meta))
