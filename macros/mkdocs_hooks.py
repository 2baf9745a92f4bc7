"""MkDocs hooks: the plan's part of every build (loaded by path from mkdocs.yml).

* ``on_startup`` sets the garbage collector for a one-off build
  (:mod:`macros.core.collection`).
* ``on_config`` makes the build object (:mod:`macros.build`) before any plugin
  runs and gives headings Danish addresses (:data:`HEADING_SLUGIFY`);
  ``on_pre_build`` binds mkdocs-with-pdf's hooks to it.
* ``on_files`` adds the downloadable beboerdata tables (in two forms) and the
  follow-up table; links to them stay relative on the site.
* ``on_page_content`` refuses executable content and resources from other
  hosts, and escapes titles.
* ``on_post_page`` fills in the page's Content-Security-Policy
  (``on_post_template`` for the 404 page) and, when the PDF is made, gives the
  PDF's copy of a page the download links' full address.
* ``on_post_build`` checks the PDF's accessibility (:mod:`macros.pdf.accessibility`)
  and writes the meeting packs and the yearly status reports from the prepared PDF document.
* With ``PLAN_FORHAANDSVISNING=1`` (``make serve``) the live preview
  (:mod:`macros.preview`) takes part: ``on_serve`` hands it the rebuilds, and
  ``on_nav``, ``on_pre_page``, ``on_page_markdown``, ``on_page_content``,
  ``on_env`` and ``on_post_build`` let it rebuild only what changed and show
  errors in the pages instead of stopping.

mkdocs-with-pdf logs a WARNING when the PDF is switched off with
``enabled_if_env`` (its issue #99), and strict mode turns any warning into a
failed build. The preview (``make serve``) and site-only builds switch the PDF
off on purpose, so that one notice is dropped here; every other warning still
fails the build.
"""

import functools
import html as _html
import logging
import os
import re
import sys
import time
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:
    sys.path.insert(0, str(_ROOT))

from macros import build, preview  # noqa: E402  (after the path is set)
from macros.beboerdata import pages as beboerdata_pages  # noqa: E402
from macros.beboerdata.pages import download_files  # noqa: E402
from macros.core import activecontent, collection, forked  # noqa: E402
from macros.core.buildlog import find_line  # noqa: E402
from macros.core.errors import Location, PlanError  # noqa: E402
from macros.core.headings import HEADING_SLUGIFY  # noqa: E402  (shared with make validate)
from macros.followup import pages as followup_pages  # noqa: E402
from macros.followup.pages import download_files as followup_downloads  # noqa: E402
from macros.pdf import meetingpack  # noqa: E402
from macros.pdf import collector  # noqa: E402
from macros.pdf.accessibility import require_accessible  # noqa: E402
from macros.pdf.document import prepare_document  # noqa: E402
from macros.status import report as yearreport  # noqa: E402


#: The combined HTML exactly as WeasyPrint gets it (for print-CSS work and timing).
COMBINED_HTML = _ROOT / "build" / "pdf" / "helhedsplan.html"


class _DropPdfDisabledNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "without generate PDF" not in record.getMessage()


logging.getLogger("mkdocs.with-pdf").addFilter(_DropPdfDisabledNotice())


class _ShowPdfErrors(logging.Handler):
    """WeasyPrint's errors (e.g. an image it cannot load) only count towards
    mkdocs-with-pdf's "N error(s) occurred" total and are never printed. Pass
    them on to MkDocs' log so the build output (macros/core/buildlog.py) can say
    what went wrong in the PDF."""

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            logging.getLogger("mkdocs.plan.pdf").error("PDF: %s", record.getMessage())


logging.getLogger("weasyprint").addHandler(_ShowPdfErrors())

if preview.active():
    preview.quiet_console()


# --- the build object ---------------------------------------------------------------


def on_startup(command, dirty):
    """A one-off ``mkdocs build`` collects garbage less often (macros/core/collection.py)."""
    collection.for_batch_build(command)


@event_priority(100)  # before every plugin, so mkdocs-macros' define_env finds it
def on_config(config):
    """Load and check the plan once for this build (see macros/build.py); the live
    preview keeps it across rebuilds and builds on after an error (macros/preview.py)."""
    # The slugify is set here rather than in mkdocs.yml, whose other readers (tests, plan diff)
    # load it as plain YAML without Python tags.
    config["mdx_configs"].setdefault("toc", {})["slugify"] = HEADING_SLUGIFY
    load = functools.partial(build.Build.load, _ROOT, Path(config["docs_dir"]))
    if not preview.active():
        config[build.CONFIG_KEY] = load()
        return config
    live = preview.of(config)
    live.configure(config)
    config[build.CONFIG_KEY] = live.load_build(config, load)
    return config


# --- the live preview (make serve, PLAN_FORHAANDSVISNING=1; see macros/preview.py) ---


def _live(config) -> preview.Preview | None:
    return preview.of(config) if preview.active() and config.get(preview.CONFIG_KEY) else None


def on_serve(server, config, builder):
    """Watch data/, macros/, the theme … too, and let the preview make every rebuild."""
    if (live := _live(config)) is not None:
        live.attach(server, config)
    return server


def on_nav(nav, config, files):
    if (live := _live(config)) is not None:
        live.restore_unchanged(files)
    return nav


def on_pre_page(page, config, files):
    if (live := _live(config)) is not None:
        live.page_started(page, build.current(config))
    return page


@event_priority(-100)  # after mkdocs-macros has run the page's building blocks
def on_page_markdown(markdown, page, config, files):
    if (current := build.current(config)) is not None:
        markdown = current.stash.take(markdown)
    if (live := _live(config)) is not None:
        return live.page_markdown(markdown, page)
    return markdown


def on_env(env, config, files):
    if (live := _live(config)) is not None:
        env.bytecode_cache = live.templates
    return env


class PdfHooks:
    """mkdocs-with-pdf's event hooks, bound to one build.

    The plugin looks for these functions in a module ``pdf_event_hook``; here
    the plugin's hook handler is given this object instead, so the hooks reach
    the build object without any global state.
    """

    def __init__(self, current: build.Build, site_url: str, site_dir: Path, repo_url: str):
        self.build = current
        self.site_url = site_url
        self.site_dir = site_dir
        self.repo_url = repo_url

    def inject_link(self, html, href, page, logger):
        # The PDF link is part of the site footer (overrides/partials/copyright.html);
        # the plugin's own English link is not added. The plugin calls this after it has
        # copied the page into the PDF: the site's page gets its relative download links back.
        return relative_download_links(html)

    def pre_pdf_render(self, soup, logger):
        current = self.build
        current.pdf = prepare_document(soup, current.plan, current.context, current.docs_dir, save_to=COMBINED_HTML,
                                       site_url=self.site_url)
        logger.info(f"plan-pdf: forberedelse {current.pdf.seconds:.2f} s")
        # The meeting packs and the status reports are made from the same document, beside
        # the plan's PDF (macros/core/forked.py).
        prepared = current.pdf
        current.cut_pdfs = forked.Forked(lambda: cut_pdfs(prepared, self.site_dir, self.repo_url))
        return current.pdf.soup

    def pdf_html(self, soup, logger) -> str:
        """:meth:`pre_pdf_render`, and the prepared document's HTML (already written out once)."""
        self.pre_pdf_render(soup, logger)
        return self.build.pdf.html


def on_pre_build(config):
    """Bind the PDF hooks to this build (mkdocs-with-pdf 0.9.3's hook handler,
    which the plugin makes in its own ``on_config``), and give the plugin's
    generator the faster collecting steps of :mod:`macros.pdf.collector`."""
    plugin = config.plugins.get("with-pdf")
    if plugin is not None and _live(config) is not None:
        plugin.enabled = False  # the live preview never makes the PDF, whatever PLAN_PDF says
    if plugin is None or not getattr(plugin, "enabled", False):
        return
    handler = getattr(getattr(plugin, "_options", None), "_hook", None)
    if handler is None or not hasattr(handler, "_module"):
        raise PlanError(
            "requirements.txt",
            "PDF-værktøjet (mkdocs-with-pdf) har ikke den forventede opbygning, så PDF'en kan ikke forberedes.",
            "Brug versionen i requirements.txt (kør «make site», som installerer den).",
        )
    hooks = PdfHooks(build.of(config), config.site_url or "", Path(config["site_dir"]), config.repo_url or "")
    handler._module = hooks
    collector.bind(getattr(plugin, "generator", None), handler, lambda soup: hooks.pdf_html(soup, handler._logger))


# --- downloadable beboerdata ---------------------------------------------------------
# Each published beboerdata table (after disclosure control) is added to the
# site as a CSV file, so the Markdown links to it are checked like any other.


_DOWNLOAD_LINK = re.compile(r'<a\b[^>]*\bclass="plan-hent[^"]*"[^>]*>')
_HREF = re.compile(r'\bhref="([^"]+)"')
_KEPT = re.compile(r'\shref="[^"]*"\sdata-plan-href="([^"]*)"')


def absolute_download_links(output: str, base: str, page_url: str) -> str:
    """Download links with the published site's address, for the PDF's copy of the page
    (a relative link cannot work on paper). The relative link is kept beside it."""

    def absolute(match: re.Match) -> str:
        return _HREF.sub(lambda h: f'href="{urljoin(base + page_url, h.group(1))}" data-plan-href="{h.group(1)}"',
                         match.group(0), count=1)

    return _DOWNLOAD_LINK.sub(absolute, output)


def relative_download_links(output: str) -> str:
    """Undo :func:`absolute_download_links` for the site's own page."""
    return _KEPT.sub(lambda m: f' href="{m.group(1)}"', output)


@event_priority(50)  # before mkdocs-with-pdf copies the page into the PDF
def on_post_page(output, page, config):
    """Every page gets its Content-Security-Policy; and only when the PDF is made,
    the PDF's copy of the page gets absolute download links.

    The site keeps relative links, so a preview of a pull request serves its own files:
    :meth:`PdfHooks.inject_link` gives them back after the PDF tool has copied the page.
    """
    if (current := build.current(config)) is not None:
        page.content = current.stash.reveal(page.content or "")
        output = current.stash.reveal(output, forget=True)
    output = _policy(output, getattr(page, "content", "") or "")
    plugin = config.plugins.get("with-pdf")
    base = (config.site_url or "").rstrip("/") + "/"
    if plugin is None or not getattr(plugin, "enabled", False) or base == "/" or "plan-hent" not in output:
        return output
    return absolute_download_links(output, base, page.url)


def on_files(files, config):
    # Each table in two forms: for Danish Excel (UTF-8 with BOM, ";", decimal comma) and
    # machine-readable (",", decimal point). The links on the pages stay relative, so a
    # preview of a pull request serves its own files; only the PDF's copy of a page gets
    # the published site's address (on_post_page below).
    current = build.current(config)
    if current is None:
        return files
    if (live := _live(config)) is not None:
        made = live.downloads(config, lambda: _downloads(current.plan), DOWNLOADS_READ)
    else:
        made = [File.generated(config, path, content=content) for path, content in _downloads(current.plan)]
    for file in made:
        files.append(file)
    return files


#: What the download files are made from (the live preview makes them again only when it changed).
DOWNLOADS_READ = tuple(dict.fromkeys(beboerdata_pages.READS + followup_pages.READS))


def _downloads(plan) -> list[tuple[str, bytes]]:
    made = list(download_files(plan).items())
    # UTF-8 with BOM, so that Excel shows æ, ø and å correctly.
    made += [(path, text.encode("utf-8-sig")) for path, text in followup_downloads(plan).items()]
    return made


# --- No resources from other hosts on any page ------------------------------------
# A picture, video, frame or script from another website would make every
# visitor's browser contact that host (GDPR; rule 7 of the project) and cannot
# be put in the PDF. Links (<a href>) to other sites are fine.

_EXTERNAL_RESOURCE = re.compile(
    r"<(img|iframe|script|video|audio|source|embed|object|image|use|link)\b[^>]*?"
    r"\b(?:src|data|href|xlink:href|srcset|poster)\s*=\s*[\"']\s*((?:https?:)?//[^\"'\s]+)",
    re.IGNORECASE,
)


@event_priority(100)  # the raw HTML is back before any plugin reads the page
def on_page_content(html, page, config, files):
    """The page's raw HTML back in place (see macros/core/blockstash.py) and the page
    checked; what search leaves out stays out of its sight until :func:`on_post_page`."""
    restored = None
    if (current := build.current(config)) is not None:
        restored = current.stash.restore(html)
        page.present_anchor_ids = (page.present_anchor_ids or set()) | restored.ids
        html = restored.full
    live = _live(config)
    try:
        _checked_content(html, page)
    except PlanError as error:
        if live is None:
            raise
        html = live.page_failed(page, error)
    else:
        html = restored.light if restored is not None else html
    if live is not None:
        live.page_done(page, build.current(config))
    return html


def _checked_content(html, page) -> None:
    """Refuse (PlanError) a page whose HTML runs code or loads a file from another server."""
    _escape_title(page)
    _refuse_active_content(html, page)
    match = _EXTERNAL_RESOURCE.search(html)
    if match is None:
        return
    source = Path(page.file.abs_src_path)
    url = match.group(2)
    raise PlanError(
        Location(source, line=find_line(source, url)),
        f"Siden henter en fil fra en anden server ({url}). Det er ikke tilladt: "
        "den besøgendes browser ville kontakte serveren, og filen kan ikke komme med i PDF'en.",
        "Hent filen ned, læg den i docs/assets/, og henvis til den derfra, fx ![Kort](../assets/images/kort.png). "
        "Et almindeligt link til en anden side er i orden.",
    )


# --- No executable content, and a policy that stops it anyway -----------------------
# Raw HTML in a chapter is passed through by Markdown. A script in it would run
# in every visitor's browser. The page's HTML (chapter and blocks, not the
# theme) is scanned (macros/core/activecontent.py), and every page gets a
# Content-Security-Policy with the hashes of the theme's own inline scripts.
# The live preview (make serve) adds its own reload script to every page, so
# it is served without the policy (PLAN_FORHAANDSVISNING=1).

_POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*')


def _refuse_active_content(html: str, page) -> None:
    findings = activecontent.active_content(html)
    if not findings:
        return
    source = Path(page.file.abs_src_path)
    first = findings[0]
    line = find_line(source, first.needle) or _find_line_nocase(source, first.needle)
    raise PlanError(
        Location(source, line=line),
        f"Siden indeholder {first.what}. Det er ikke tilladt: HTML, der kan køre kode eller hente noget "
        "udefra, ville køre i alle besøgendes browser.",
        "Slet HTML-koden, og skriv indholdet som almindelig tekst i Markdown. Skal siden vise kode som "
        "eksempel, så sæt den i en kodeblok mellem linjer med ``` (tre backticks).",
    )


def _find_line_nocase(source: Path, needle: str) -> int | None:
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return next((n for n, text in enumerate(lines, start=1) if needle.lower() in text.lower()), None)


def _policy(output: str, content: str) -> str:
    if preview.active():
        return _POLICY_META.sub("", output, count=1)
    return activecontent.fill_policy(output, content)


def on_post_template(output_content, template_name, config):
    """The 404 page and other static templates get the policy too."""
    return _policy(output_content, "")



def _escape_title(page) -> None:
    title = getattr(page, "_title_from_render", None)
    if title and any(c in title for c in "<>&"):
        page._title_from_render = _html.escape(title, quote=False)


def on_post_build(config, **kwargs):
    """The accessibility check of the plan's PDF, then the meeting packs (see
    macros/pdf/meetingpack.py) and the yearly status reports in its style
    (macros/status/report.py), each checked too: made from the plan's prepared
    document while WeasyPrint laid out the plan's PDF, and collected here.

    Runs after mkdocs-with-pdf (hooks come after plugins), only when the PDF
    is built. ``PLAN_MOEDER=<id>[,<id>]`` limits which meetings get a pack,
    ``PLAN_AARSSTATUS=<år>[,<år>]`` which plan years get a report.
    """
    if (live := _live(config)) is not None:
        live.finish()  # the preview never makes the PDF
        return
    current = build.of(config)
    if current.cut_pdfs is None:  # the PDF step did not run (it starts them)
        return
    plugin = config.plugins.get("with-pdf")
    plan_pdf = Path(config["site_dir"]) / plugin.config["output_path"]
    started = time.perf_counter()
    require_accessible(plan_pdf, "planens PDF")
    log = logging.getLogger("mkdocs.plan")
    log.info(f"plan-pdf: tilgængelighedstjek {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    for kind, name, seconds in current.cut_pdfs.result():
        log.info(f"plan-pdf: {kind} {name} {seconds:.2f} s")
    log.debug(f"plan-pdf: mødepakker og årsstatus færdige {time.perf_counter() - started:.2f} s efter planens PDF")


def cut_pdfs(prepared, site_dir: Path, repo_url: str) -> list[tuple[str, str, float]]:
    """The meeting packs and the yearly status reports, made from the prepared document
    (``PLAN_MOEDER`` and ``PLAN_AARSSTATUS`` choose which); (kind, file name, seconds) each."""
    packs = meetingpack.write_meeting_packs(prepared, site_dir / "pdf" / "moeder",
                                            selection=os.environ.get("PLAN_MOEDER", ""))
    reports = yearreport.write_year_reports(prepared, site_dir / "pdf",
                                            selection=os.environ.get("PLAN_AARSSTATUS", ""), repo_url=repo_url)
    return ([("moedepakke", path.name, seconds) for path, seconds in packs]
            + [("aarsstatus", path.name, seconds) for path, seconds in reports])
