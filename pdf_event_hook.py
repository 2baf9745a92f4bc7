"""mkdocs-with-pdf's hook interface (the plugin imports this module by name).

All logic lives in macros/pdf.py; this file only connects it.
"""

from pathlib import Path

from macros.context import build_context
from macros.pdf import prepare_document
from macros.plan import load_plan

_ROOT = Path(__file__).resolve().parent

#: The combined HTML exactly as WeasyPrint gets it (for print-CSS work and timing).
COMBINED_HTML = _ROOT / "build" / "pdf" / "helhedsplan.html"


def inject_link(html, href, page, logger):
    # The PDF link is part of the site footer (overrides/partials/copyright.html);
    # the plugin's own English link is not added.
    return html


def pre_pdf_render(soup, logger):
    import macros.pdf

    plan = load_plan(_ROOT / "data")
    soup = prepare_document(soup, plan, build_context(_ROOT), _ROOT / "docs", save_to=COMBINED_HTML)
    logger.info(f"plan-pdf: forberedelse {macros.pdf.LAST.seconds:.2f} s")
    return soup
