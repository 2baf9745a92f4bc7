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


class _ShowPdfErrors(logging.Handler):
    """WeasyPrint's errors (e.g. an image it cannot load) only count towards
    mkdocs-with-pdf's "N error(s) occurred" total and are never printed. Pass
    them on to MkDocs' log so the build output (macros/buildlog.py) can say
    what went wrong in the PDF."""

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            logging.getLogger("mkdocs.plan.pdf").error("PDF: %s", record.getMessage())


logging.getLogger("weasyprint").addHandler(_ShowPdfErrors())


# --- downloadable beboerdata ---------------------------------------------------------
# Each published beboerdata table (after disclosure control) is added to the
# site as a CSV file, so the Markdown links to it are checked like any other.

import sys  # noqa: E402
from pathlib import Path  # noqa: E402

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))


def on_files(files, config):
    from mkdocs.structure.files import File

    from macros.beboerdata_html import download_files
    from macros.plan import load_plan

    plan = load_plan(Path(config.config_file_path).resolve().parent / "data")
    for path, text in download_files(plan).items():
        # UTF-8 with BOM, so that Excel shows æ, ø and å correctly.
        files.append(File.generated(config, path, content=text.encode("utf-8-sig")))
    return files


import re  # noqa: E402
from urllib.parse import urljoin  # noqa: E402

from mkdocs.plugins import event_priority  # noqa: E402

_DOWNLOAD_LINK = re.compile(r'<a\b[^>]*\bclass="plan-hent"[^>]*>')
_HREF = re.compile(r'href="([^"]+)"')


@event_priority(50)  # before mkdocs-with-pdf copies the page into the PDF
def on_post_page(output, page, config):
    """Give download links the site's full address.

    The Markdown links are relative, so the strict build checks that each
    file exists. In the PDF a relative link to a CSV file cannot work (the
    PDF tool would turn it into a missing in-document anchor), so the links
    point to the published site, whose address the PDF prints next to them.
    """
    base = (config.site_url or "").rstrip("/") + "/"
    if base == "/" or "plan-hent" not in output:
        return output

    def absolute(match: re.Match) -> str:
        tag = match.group(0)
        return _HREF.sub(lambda h: f'href="{urljoin(base + page.url, h.group(1))}"', tag, count=1)

    return _DOWNLOAD_LINK.sub(absolute, output)


# --- No resources from other hosts on any page ------------------------------------
# A picture, video, frame or script from another website would make every
# visitor's browser contact that host (GDPR; rule 7 of the project) and cannot
# be put in the PDF. Links (<a href>) to other sites are fine.

_EXTERNAL_RESOURCE = re.compile(
    r"<(img|iframe|script|video|audio|source|embed|object|image|use|link)\b[^>]*?"
    r"\b(?:src|data|href|xlink:href|srcset|poster)\s*=\s*[\"']\s*((?:https?:)?//[^\"'\s]+)",
    re.IGNORECASE,
)


def on_page_content(html, page, config, files):
    _escape_title(page)
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


# --- Page titles are text ------------------------------------------------------------
# MkDocs takes a page's title from its first heading as plain text (entities
# decoded), and the theme writes it unescaped into <title>, the navigation,
# the footer and the search index. A heading built from data (e.g. an area's
# name) that contains "<" or "&" would then become markup. Escape it once,
# here, before any template or the search index uses it.

import html as _html  # noqa: E402


def _escape_title(page) -> None:
    title = getattr(page, "_title_from_render", None)
    if title and any(c in title for c in "<>&"):
        page._title_from_render = _html.escape(title, quote=False)


def on_post_build(config, **kwargs):
    """Meeting packs, cut from the PDF just made (see macros/meetingpack.py).

    Runs after mkdocs-with-pdf (hooks come after plugins), only when the PDF
    is built. ``PLAN_MOEDER=<id>[,<id>]`` limits which meetings get a pack.
    """
    import os
    import time
    from pathlib import Path

    if os.environ.get("PLAN_PDF") != "1":
        return
    from macros import meetingpack, pdf

    if pdf.LAST is None:
        return
    started = time.perf_counter()
    written = meetingpack.write_meeting_packs(
        pdf.LAST,
        Path(config["site_dir"]) / "pdf" / "moeder",
        selection=os.environ.get("PLAN_MOEDER", ""),
    )
    log = logging.getLogger("mkdocs.plan")
    for path, seconds in written:
        log.info(f"plan-pdf: moedepakke {path.name} {seconds:.2f} s")
    log.debug(f"plan-pdf: moedepakker i alt {time.perf_counter() - started:.2f} s")
