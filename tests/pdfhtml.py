"""The HTML that mkdocs-with-pdf hands to WeasyPrint, without rendering the PDF.

A build with the PDF on, stopped where WeasyPrint would begin: everything the PDF will
show (cover, contents, chapters, running headers, its title) is in that document, after
every step of ours. Tests about what goes *into* the PDF (escaping) read it, and spare
the minute WeasyPrint needs to lay out 250 pages; tests about the PDF itself (pages,
contents, bookmarks) read the PDF of the shared build.

Run as a script in a copy of the project:
``python tests/pdfhtml.py <project> <out.html>`` (the copy's own code is used).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


class HandedOver(BaseException):
    """Raised in place of WeasyPrint's ``HTML``; not an ``Exception``, so no handler swallows it."""


def handed_html(config_file: Path, site_dir: Path) -> str:
    """Build with *config_file* into *site_dir* (``PLAN_PDF=1`` must be set) and return the
    HTML string the PDF plugin gives WeasyPrint."""
    import mkdocs_with_pdf.generator as plugin_generator
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    handed: list[str] = []

    def stop(string: str, **_options) -> None:
        handed.append(string)
        raise HandedOver

    saved, plugin_generator.HTML = plugin_generator.HTML, stop
    try:
        build(load_config(str(config_file), strict=True, site_dir=str(site_dir)))
    except HandedOver:
        return handed[0]
    finally:
        plugin_generator.HTML = saved
    raise RuntimeError("the build finished without handing a document to WeasyPrint (is PLAN_PDF=1 set?)")


def main(argv: list[str]) -> None:
    project, out = Path(argv[0]).resolve(), Path(argv[1]).resolve()
    os.chdir(project)
    sys.path.insert(0, str(project))
    os.environ["PLAN_PDF"] = "1"
    html = handed_html(project / "mkdocs.yml", out.with_name(out.stem + "-site"))
    out.write_text(html, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
