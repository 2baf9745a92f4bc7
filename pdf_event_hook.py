"""mkdocs-with-pdf's hook interface (the plugin imports this module by name).

All logic lives in macros/pdf.py; this file only connects it.
"""

from pathlib import Path

from macros.context import build_context
from macros.pdf import prepare
from macros.plan import load_plan

_ROOT = Path(__file__).resolve().parent


def inject_link(html, href, page, logger):
    # The PDF link is part of the site footer (overrides/partials/copyright.html);
    # the plugin's own English link is not added.
    return html


def pre_pdf_render(soup, logger):
    plan = load_plan(_ROOT / "data")
    return prepare(soup, plan, build_context(_ROOT), _ROOT / "docs")
