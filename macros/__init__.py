"""mkdocs-macros entry point for the plan.

``define_env`` runs once per build: it loads and validates all data (failing
the build with a Danish message if anything is wrong) and registers the
building blocks. All logic lives in the modules it calls.
"""

from __future__ import annotations

from pathlib import Path

from .context import build_context
from .glossary import on_post_page_macros  # noqa: F401  (mkdocs-macros hook: glossary tooltips)
from .plan import load_plan
from .registry import building_blocks, register


def define_env(env) -> None:
    repo = Path(env.project_dir)
    plan = load_plan(repo / "data")
    register(env, building_blocks(plan, build_context(repo)))
