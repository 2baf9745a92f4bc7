"""The building blocks ({{ … }} in Markdown) and where they come from.

Each output module exposes ``blocks(plan, context) -> dict[name, function]``:
thin bindings of its pure render functions to the loaded plan. This module
collects them and registers them with mkdocs-macros, checking the arguments
of every call so that a misused block gives a Danish message.
"""

from __future__ import annotations

import ast
import functools
import inspect
import re
from typing import Callable

from macros import pageerrors
from macros.beboerdata import pages as beboerdata_html
from macros.budget import followuppages
from macros.budget import pages as budget
from macros.chapters import (
    areafacts,
    changetheory,
    contributing,
    frontpage,
    glossary,
    keyfacts,
    organisation,
    themes,
)
from macros.chapters import sources as sourcelist
from macros.core.context import BuildContext
from macros.core.errors import PlanError
from macros.criteria import checklist, listpages
from macros.criteria import pages as criteria_pages
from macros.followup import pages as followup_pages
from macros.milestones import timeline
from macros.plan import Plan
from macros.review import changelog
from macros.status import pages as status_pages

#: Output modules that contribute building blocks.
MODULES = [
    keyfacts,
    timeline,
    beboerdata_html,
    budget,
    followuppages,
    checklist,
    criteria_pages,
    listpages,
    frontpage,
    themes,
    changetheory,
    followup_pages,
    organisation,
    glossary,
    sourcelist,
    areafacts,
    changelog,
    status_pages,
    contributing,
]


def building_blocks(plan: Plan, context: BuildContext) -> dict[str, Callable[..., str]]:
    blocks: dict[str, Callable[..., str]] = {}
    for module in MODULES:
        for name, func in module.blocks(plan, context).items():
            if name in blocks:
                raise ValueError(f"building block {name!r} is defined twice")
            blocks[name] = func
    return blocks


#: One block call as chapters write it: ``{{ name("argument", 2) }}``.
_CALL = re.compile(r"\{\{\s*([A-Za-z_]\w*)\s*\((.*?)\)\s*\}\}", re.DOTALL)


def blocks_html(blocks: dict[str, Callable[..., str]]) -> Callable[[str], str | None]:
    """A function giving the HTML that the blocks in a page's Markdown produce (the
    sections they add, for agenda references checked without a build); ``None`` when
    a block cannot be rendered on its own (unknown, or an error). A call whose arguments
    are not plain values takes them from the site's configuration (its address, for
    a link) and is left out."""

    def html(text: str) -> str | None:
        parts = []
        for name, arguments in _CALL.findall(text):
            if name not in blocks:
                return None
            try:
                args = ast.literal_eval(f"({arguments},)") if arguments.strip() else ()
            except (ValueError, SyntaxError):
                continue
            try:
                parts.append(str(blocks[name](*args)))
            except (TypeError, PlanError):
                return None
        return "".join(parts)

    return html


def block_index(plan: Plan, context: BuildContext) -> str:
    """The README's list of every building block: how it is written, its
    module and what it reads (each module's ``READS``), as a Markdown table."""
    rows = ["| Block | Module | Reads |", "|---|---|---|"]
    for module in MODULES:
        reads = ", ".join(f"`{path}`" for path in module.READS)
        path = module.__name__.replace(".", "/") + ".py"
        for name, func in sorted(module.blocks(plan, context).items()):
            rows.append(f"| `{_usage(name, func)}` | `{path}` | {reads} |")
    return "\n".join(rows) + "\n"


def block_reads(plan: Plan, context: BuildContext) -> dict[str, tuple[str, ...]]:
    """What each building block reads (its module's ``READS``), by block name."""
    return {name: tuple(module.READS) for module in MODULES for name in module.blocks(plan, context)}


def _usage(name: str, func: Callable) -> str:
    params = [p.name for p in inspect.signature(func).parameters.values()]
    return "{{ " + f"{name}({', '.join(params)})" + " }}"


def checked(name: str, func: Callable[..., str], on_call: Callable[[str], None] | None = None) -> Callable[..., str]:
    """Wrap *func* so a call with wrong arguments explains itself in Danish;
    *on_call* is told the block's name at every call."""
    signature = inspect.signature(func)

    @functools.wraps(func)
    def call(*args, **kwargs):
        if on_call is not None:
            on_call(name)
        try:
            signature.bind(*args, **kwargs)
        except TypeError:
            raise PlanError(
                None,
                f"Byggeklodsen «{name}» er brugt med forkerte argumenter.",
                f"Skriv den sådan: {_usage(name, func)}",
            ) from None
        return func(*args, **kwargs)

    return call


def register(env, blocks: dict[str, Callable[..., str]], on_call: Callable[[str], None] | None = None) -> None:
    """Register every block with mkdocs-macros (*on_call*: see :func:`checked`)."""
    for name, func in blocks.items():
        env.macro(checked(name, func, on_call), name)
    pageerrors.KNOWN_NAMES.update(blocks)
