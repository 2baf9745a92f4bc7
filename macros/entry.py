"""mkdocs-macros entry point for the plan (``module_name: macros/entry`` in mkdocs.yml):
it only registers.

The build object (:mod:`macros.build`, made by ``macros/mkdocs_hooks.py``
before any plugin) holds the loaded plan; ``define_env`` registers its
building blocks (:mod:`macros.registry`) and hands the page hooks to it.
"""

from __future__ import annotations

from pathlib import Path

from macros import build
from macros.approvals.status import site_status
from macros.chapters.glossary import page_tooltips
from macros.chapters.pagefacts import page_facts
from macros.milestones.calendar import write_calendar
from macros.registry import building_blocks, register


def define_env(env) -> None:
    current = build.current(env.conf)
    if current is None:
        # The live preview could not load the data: every page shows the error instead.
        return
    register(env, building_blocks(current.plan, current.context),
             on_call=lambda name: current.record_block(env.page.file.src_uri, name))
    # The approval status for the theme's banner (overrides/main.html).
    env.conf["extra"]["plan_status"] = site_status(current.plan, current.context)


def on_post_page_macros(env) -> None:
    """Per page, after its building blocks have run: the glossary's tooltip
    definitions (unless the page says ``ordliste: false``) and the
    owner/last-changed line."""
    current = build.current(env.conf)
    if current is None:
        return
    plan = current.plan
    env.markdown = page_tooltips(env.markdown, env.page.meta, plan.glossary) + page_facts(plan, env.page)


def on_post_build(env) -> None:
    """After the site is written: add the milestone calendar (milepaele.ics)."""
    current = build.current(env.conf)
    if current is None:
        return
    write_calendar(current.plan, current.context, Path(env.conf["site_dir"]), env.conf.get("site_url") or "")
