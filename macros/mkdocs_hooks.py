"""MkDocs hooks (loaded by path from mkdocs.yml, not as part of the package).

mkdocs-with-pdf logs a WARNING when the PDF is switched off with
``enabled_if_env`` (its issue #99), and strict mode turns any warning into a
failed build. The preview (``make serve``) and site-only builds switch the PDF
off on purpose, so that one notice is dropped here; every other warning still
fails the build.
"""

import logging


class _DropPdfDisabledNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "without generate PDF" not in record.getMessage()


logging.getLogger("mkdocs.with-pdf").addFilter(_DropPdfDisabledNotice())


# --- No resources from other hosts on any page ------------------------------------
# A picture, video, frame or script from another website would make every
# visitor's browser contact that host (GDPR; rule 7 of the project) and cannot
# be put in the PDF. Links (<a href>) to other sites are fine.

import re  # noqa: E402
from pathlib import Path  # noqa: E402

_EXTERNAL_RESOURCE = re.compile(
    r"<(img|iframe|script|video|audio|source|embed|object|image|use|link)\b[^>]*?"
    r"\b(?:src|data|href|xlink:href|srcset|poster)\s*=\s*[\"']\s*((?:https?:)?//[^\"'\s]+)",
    re.IGNORECASE,
)


def on_page_content(html, page, config, files):
    match = _EXTERNAL_RESOURCE.search(html)
    if match is None:
        return html
    from macros.buildlog import find_line
    from macros.errors import Location, PlanError

    source = Path(page.file.abs_src_path)
    url = match.group(2)
    raise PlanError(
        Location(source, line=find_line(source, url)),
        f"Siden henter en fil fra en anden server ({url}). Det er ikke tilladt: "
        "den besøgendes browser ville kontakte serveren, og filen kan ikke komme med i PDF'en.",
        "Hent filen ned, læg den i docs/assets/, og henvis til den derfra, fx ![Kort](../assets/images/kort.png). "
        "Et almindeligt link til en anden side er i orden.",
    )
