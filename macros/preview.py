"""The live preview (``make serve``): it follows the work and never stops.

``PLAN_FORHAANDSVISNING=1`` switches it on. The hooks' ``on_config`` makes one
:class:`Preview` in the first build and keeps it on that build's MkDocs
configuration; ``on_serve`` gets the same configuration and hands the
server's rebuilds to :meth:`Preview.rebuild`, which makes each rebuild's
configuration itself and puts the preview on it. So every hook of every
rebuild finds the same object, and nothing is kept in module globals.

* **Watches** docs/, data/, macros/, overrides/, mkdocs.yml and CONTRIBUTING.md
  (:data:`macros.core.preview.WATCHED`).
* **Rebuilds only what a save changed** (:func:`macros.core.preview.plan_rebuild`):
  a dirty MkDocs build of the changed chapters and of the pages whose building
  blocks read the changed data (recorded per page as the blocks run). The
  loaded plan is kept while data/ is unchanged, the compiled theme templates
  and the download files are kept, and the PDF is never built. Changed Python
  code restarts the preview in the same process.
* **Never stops on an error**: a data error keeps the last good data (or, at
  start, shows the error on every page), a page whose building block fails
  shows the error instead of its content, and every other error of the build
  (broken links, a broken mkdocs.yml, anything unexpected) is caught. While
  there are errors, every page starts with a Danish banner listing them in
  full; the browser's live reload brings it and takes it away again.
* **A quiet Danish log**: one line per rebuild with its time (errors in full);
  MkDocs' own English lines are left out.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Callable

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError
from mkdocs.structure.files import File

from macros import build, registry
from macros.core import csvio, yamlio
from macros.core.buildlog import Translator
from macros.core.errors import PlanError
from macros.plan import check_against_pages
from macros.core.preview import (
    WATCHED,
    changed_paths,
    error_banner,
    error_content,
    log_line,
    plan_rebuild,
    reads_path,
    snapshot,
    with_banner,
)

#: ``PLAN_FORHAANDSVISNING=1`` (set by ``make serve``) switches the preview on.
PREVIEW_ENV = "PLAN_FORHAANDSVISNING"
#: Key of the preview in the MkDocs configuration.
CONFIG_KEY = "plan_preview"

#: How often the preview looks for saved files (MkDocs: 0.5 s).
POLL_SECONDS = 0.2

#: MkDocs notices that the preview causes on purpose.
_EXPECTED = ("A 'dirty' build is being performed", "without generate PDF",
             "are being built only for the preview")


def active(environ=None) -> bool:
    return (os.environ if environ is None else environ).get(PREVIEW_ENV) == "1"


class _Quiet(logging.Filter):
    """The console shows none of MkDocs' own lines: the preview prints its own."""

    def filter(self, record: logging.LogRecord) -> bool:
        return False


class _Collector(logging.Handler):
    """Every warning and error of a build, handed to the preview."""

    def __init__(self, preview: "Preview"):
        super().__init__(logging.WARNING)
        self.preview = preview

    def emit(self, record: logging.LogRecord) -> None:
        self.preview.warned(record.getMessage())


class _TemplateCache(jinja2.BytecodeCache):
    """The theme's templates, compiled once for the whole preview (Jinja
    recompiles a template whose source changed: its checksum is part of the entry)."""

    def __init__(self):
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


class Preview:
    """The state of one ``mkdocs serve`` across its rebuilds."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.snapshot = snapshot(self.root)
        self.templates = _TemplateCache()
        #: The data files parsed so far (macros.core.yamlio.reusing).
        self.parsed: dict = {}
        #: The CSV files read so far (macros.core.csvio.reusing).
        self.read: dict = {}
        #: The last build whose data loaded (kept while data/ is unchanged, and shown
        #: with a banner while data/ has an error).
        self.good: build.Build | None = None
        self.keep_build = False
        #: Per page in docs/: the data its building blocks read, its title, anchors and output file.
        self.page_reads: dict[str, frozenset[str]] = {}
        self.titles: dict[str, str] = {}
        self.anchors: dict[str, set[str]] = {}
        self.destinations: dict[str, str] = {}
        self._downloads: tuple[tuple, list[str]] | None = None
        self._download_dir: Path | None = None
        self._reads: tuple[object, dict[str, tuple[str, ...]]] | None = None
        #: Per page: the problems of its latest build, and the pages that showed an error.
        self.page_notes: dict[str, list[str]] = {}
        self.failed_pages: set[str] = set()
        self.need_full = False
        self.last_failed = False
        self.dirty = False
        self.site_dir: str | None = None
        self.serve_url: str | None = None
        self._config_file: str | None = None
        self._overrides: dict = {}
        self._begin([])
        quiet_console()
        logging.getLogger("mkdocs").addHandler(_Collector(self))

    # --- one build ------------------------------------------------------------------

    def _begin(self, changed: list[str]) -> None:
        self.started = time.perf_counter()
        self.changed = changed
        self.problems: list[str] = []
        self.page_problems: dict[str, str] = {}
        self.current_page: str | None = None
        self.nav_changed = False
        self.without_plan = False
        self.translator = Translator(docs_dir=self.root / "docs")

    def problem(self, text: str) -> None:
        """A problem of this build; during a page, one of that page (kept while the page is not rebuilt)."""
        text = text.strip("\n")
        target = self.page_notes.setdefault(self.current_page, []) if self.current_page else self.problems
        if text and text not in target:
            target.append(text)

    def all_problems(self) -> list[str]:
        found = list(self.problems)
        for notes in self.page_notes.values():
            found += [note for note in notes if note not in found]
        return found

    def warned(self, message: str) -> None:
        """A warning or error logged during the build (ours are Danish already)."""
        if any(expected in message for expected in _EXPECTED) or message.startswith("Error reading page"):
            return
        if "Fejl i " in message:
            text = message[message.index("Fejl i "):]
            if self.current_page is not None:
                self.page_problems.setdefault(self.current_page, text)
                self.failed_pages.add(self.current_page)
            self.problem(text)
            return
        shown: list[str] = []
        for line in message.splitlines():
            shown += self.translator.feed(f"WARNING - {line}")
        if shown:
            self.problem("\n".join(shown))

    def configure(self, config) -> None:
        """``on_config``: a page's failing building block becomes an error on that page
        (mkdocs-macros would stop the whole server)."""
        macros = config.plugins.get("macros")
        if macros is not None:
            macros.config["on_error_fail"] = False

    def load_build(self, config, load: Callable[[], build.Build]) -> build.Build | None:
        """The build object for this rebuild: kept, freshly loaded, or, after a data
        error, the last good one (``None`` at start: every page then shows the error)."""
        if self.keep_build and self.good is not None:
            try:  # the data are unchanged, the chapters may not be
                check_against_pages(self.good.plan, self.good.docs_dir)
            except PlanError as error:
                self.problem(error.format())
            return self.good
        try:
            with yamlio.reusing(self.parsed), csvio.reusing(self.read):
                self.good = load()
            return self.good
        except PlanError as error:
            self.problem(error.format())
        if self.good is not None:
            return self.good
        config[build.WITHOUT_PLAN_KEY] = True
        self.without_plan = self.need_full = True
        macros = config.plugins.get("macros")
        if macros is not None:
            macros.config["render_by_default"] = False
        return None

    def downloads(self, config, make: Callable[[], list[tuple[str, bytes]]], reads: tuple[str, ...]) -> list[File]:
        """The download files, made again only when the data they are made from
        (*reads*) changed, and kept as files, so MkDocs copies only those that
        changed. They are kept in a hidden folder of the preview's site folder,
        which MkDocs never cleans and removes when the server stops."""
        if self._download_dir is None:
            self._download_dir = Path(config.site_dir) / ".plan-forhaandsvisning"
        key = tuple(sorted((path, stamp) for path, stamp in self.snapshot.items()
                           if any(reads_path(read, path) for read in reads)))
        if self._downloads is None or self._downloads[0] != key:
            made = make()
            for path, content in made:
                target = self._download_dir / path
                if not target.is_file() or target.read_bytes() != content:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(content)
            self._downloads = (key, [path for path, _ in made])
        return [File.generated(config, path, abs_src_path=str(self._download_dir / path))
                for path in self._downloads[1]]

    def _block_reads(self, current: build.Build) -> dict[str, tuple[str, ...]]:
        if self._reads is None or self._reads[0] is not current.plan:
            self._reads = (current.plan, registry.block_reads(current.plan, current.context))
        return self._reads[1]

    def restore_unchanged(self, files) -> None:
        """``on_nav`` of a partial build: the pages MkDocs skips keep their title and
        anchors from the build that made them (navigation and anchor checks need them)."""
        if not self.dirty:
            return
        for file in files.documentation_pages():
            page = file.page
            if page is None or file.is_modified() or file.src_uri not in self.titles:
                continue
            page.title = self.titles[file.src_uri]
            page.present_anchor_ids = self.anchors.get(file.src_uri, set())

    def page_started(self, page, current: build.Build | None) -> None:
        self.current_page = page.file.src_uri
        self.page_notes.pop(page.file.src_uri, None)
        self.failed_pages.discard(page.file.src_uri)
        if current is not None:
            current.block_calls.pop(page.file.src_uri, None)

    def page_markdown(self, markdown: str, page) -> str:
        """After the building blocks ran: a page that failed shows its error."""
        if self.without_plan:
            return error_content(self.problems[0] if self.problems else "")
        problem = self.page_problems.get(page.file.src_uri)
        return error_content(problem) if problem else markdown

    def page_failed(self, page, error: PlanError) -> str:
        text = error.format()
        self.page_problems.setdefault(page.file.src_uri, text)
        self.failed_pages.add(page.file.src_uri)
        self.problem(text)
        return error_content(text)

    def page_done(self, page, current: build.Build | None) -> None:
        uri = page.file.src_uri
        self.current_page = None
        if self.dirty and self.titles.get(uri, page.title) != page.title:
            self.nav_changed = True  # the other pages' navigation shows the old title
        self.titles[uri] = page.title
        self.anchors[uri] = set(page.present_anchor_ids or ())
        self.destinations[uri] = page.file.abs_dest_path
        if current is not None:
            reads = self._block_reads(current)
            self.page_reads[uri] = frozenset(r for name in current.block_calls.get(uri, ()) for r in reads.get(name, ()))

    def finish(self) -> None:
        """After every build: the banner on every page (or none), and the log line."""
        if self.nav_changed and self.dirty:
            return  # a full build follows at once (see rebuild)
        clock = time.strftime("%H:%M:%S")
        problems = self.all_problems()
        banner = error_banner(problems, clock)
        if (banner or self.last_failed) and self.site_dir:
            for path in Path(self.site_dir).rglob("*.html"):
                text = path.read_text(encoding="utf-8")
                changed = with_banner(text, banner)
                if changed != text:
                    path.write_text(changed, encoding="utf-8")
        self.last_failed = bool(problems)
        print(log_line(clock, time.perf_counter() - self.started, self.changed, problems), flush=True)

    # --- the server -----------------------------------------------------------------

    def attach(self, server, config) -> None:
        """``on_serve``: watch the whole plan and take over the rebuilds."""
        self.site_dir = config.site_dir
        self.serve_url = config.site_url
        self._config_file = config.config_file_path
        self._overrides = {
            "strict": config.strict,
            "dev_addr": f"{config.dev_addr.host}:{config.dev_addr.port}",
            "use_directory_urls": config.use_directory_urls,
        }
        # MkDocs looks for changes every 0.5 s; a quicker look keeps a save under a second.
        # Its own two watches move to the quicker observer (it has not started yet).
        mkdocs_watches = [path for path in (config.docs_dir, config.config_file_path) if path]
        for path in mkdocs_watches:
            server.unwatch(path)
        server.observer = type(server.observer)(timeout=POLL_SECONDS)  # MkDocs' polling observer
        for path in mkdocs_watches:
            server.watch(path)
        for item in (self.root / name for name in WATCHED):
            if item.exists():
                server.watch(str(item))
        server.builder = self.rebuild
        print(f"Forhåndsvisningen kører på {self.serve_url} – gem en fil, så opdateres siden. "
              "Stop den med Ctrl+C.", flush=True)

    def rebuild(self) -> None:
        """One rebuild after a save: never raises, whatever goes wrong."""
        after = snapshot(self.root)
        changed = changed_paths(self.snapshot, after)
        plan = plan_rebuild(changed, self.snapshot, after, self.page_reads, frozenset(self.failed_pages),
                            self.need_full)
        if plan.nothing:
            return
        self.snapshot = after
        self._begin(sorted(changed))
        if plan.restart:
            self.restart()
        if plan.full:
            self.page_notes.clear()
            self.failed_pages.clear()
            self.need_full = False
        self.dirty = not plan.full
        self.keep_build = self.dirty and not any(path.startswith("data/") for path in changed)
        for page in plan.pages:
            if page in self.destinations:
                Path(self.destinations[page]).unlink(missing_ok=True)
        self._build()
        if self.nav_changed and self.dirty:
            # A page's title changed: every page's navigation must show it.
            self.dirty, self.keep_build = False, True
            self.page_notes.clear()
            self.failed_pages.clear()
            self._build()

    def _build(self) -> None:
        try:
            config = load_config(config_file=self._config_file, site_dir=self.site_dir, **self._overrides)
            config.site_url = self.serve_url
            config[CONFIG_KEY] = self
            mkdocs_build(config, serve_url=self.serve_url, dirty=self.dirty)
        except (Exception, SystemExit) as error:  # noqa: BLE001 (the preview must not stop)
            self.dirty = False
            self.failed(error)

    def failed(self, error: BaseException) -> None:
        self.need_full = True
        self.current_page = None
        if isinstance(error, PlanError):
            self.problem(error.format())
        elif isinstance(error, ConfigurationError):
            self.problem(
                f"Fejl i mkdocs.yml: Filen kan ikke læses ({error}).\n"
                "  Sådan retter du det: Sammenlign med den seneste godkendte version af mkdocs.yml."
            )
        elif not self.all_problems():
            self.problem(
                f"Fejl: Forhåndsvisningen kunne ikke bygges ({type(error).__name__}: {error}).\n"
                "  Sådan retter du det: Fortryd den seneste ændring, og gem filen igen; "
                "kontakt udviklerne med beskeden, hvis fejlen bliver ved."
            )
        self.finish()

    def restart(self) -> None:
        """Changed Python code: start the preview again in the same process (the
        browser reconnects by itself)."""
        print(f"[{time.strftime('%H:%M:%S')}] Koden i macros/ er ændret: forhåndsvisningen starter forfra …",
              flush=True)
        if self.site_dir:
            shutil.rmtree(self.site_dir, ignore_errors=True)
        os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])


def quiet_console() -> None:
    """MkDocs' console lines are left out (the preview prints its own)."""
    for handler in logging.getLogger("mkdocs").handlers:
        if isinstance(handler, logging.StreamHandler) and not any(isinstance(f, _Quiet) for f in handler.filters):
            handler.addFilter(_Quiet())


def of(config) -> Preview:
    """The preview of *config*, made with the first build."""
    preview = config.get(CONFIG_KEY)
    if preview is None:
        preview = config[CONFIG_KEY] = Preview(Path(config["config_file_path"]).resolve().parent)
    return preview
