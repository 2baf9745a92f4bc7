"""Browser test support: the built site served on localhost, headless Chromium, guards.

The built site (``built_site`` from tests/conftest.py) is served the way
GitHub Pages serves it: under the path of ``site_url`` (e.g. ``/helhedsplan/``),
so the 404 page's absolute links work as in production.

Every page opened through :func:`open_guarded` records console errors,
JavaScript errors, failed local requests and every request to another host
(which is blocked). Chromium is also started with a host resolver that
resolves nothing but localhost, so nothing can leave the machine even if a
request slipped past the interception.

Chromium is Debian's package (installed by ``scripts/setup_test_tools.py``);
Playwright drives it through ``executable_path``. When Chromium is missing
the tests are skipped with a message saying how to install it.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    # Safety net: no host but localhost can even be resolved.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def site_base_path() -> str:
    """The path part of site_url in mkdocs.yml (``/helhedsplan/``), or ``/``."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)", text, re.MULTILINE)
    path = urlsplit(match.group(1)).path if match else "/"
    return path if path.endswith("/") else path + "/"


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, as paths relative to the site root."""
    pages = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if rel.startswith("pdf/"):
            continue
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


class _Handler(http.server.SimpleHTTPRequestHandler):
    base = "/"

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        if not clean.startswith(self.base):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + clean[len(self.base):])

    def log_message(self, format, *args):  # noqa: A002 - quiet test output
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # The browser drops requests it no longer needs when a test moves on to the
        # next page; the broken connection is not the site's fault and not worth a traceback.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@dataclass
class SiteServer:
    host: str
    port: int
    base: str
    root: Path

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, page: str = "") -> str:
        return f"{self.origin}{self.base}{page}"


@pytest.fixture(scope="session")
def site_server(built_site):
    base = site_base_path()
    handler = functools.partial(type("Handler", (_Handler,), {"base": base}), directory=str(built_site))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield SiteServer("127.0.0.1", server.server_address[1], base, built_site)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        pytest.skip(
            "Browsertestene er sprunget over: Chromium er ikke installeret "
            "(sudo apt-get install chromium, eller kør make test som root, så installeres det)."
        )
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        pytest.skip(
            "Tilgængelighedstesten er sprunget over: axe-core er ikke installeret "
            "(kør make test, som installerer det med npm ci i tests/browser/)."
        )
    return AXE_JS.read_text(encoding="utf-8")


@dataclass
class Guard:
    """What went wrong while a page was open."""

    origin: str
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    #: Requests the page has started and that have neither finished nor failed.
    in_flight: set = field(default_factory=set)

    def settle(self, page, quiet_ms: int = 150, timeout_ms: int = 10_000) -> None:
        """Wait until no request of the page has been in flight for *quiet_ms*.

        Like Playwright's ``networkidle``, which waits for 500 ms of quiet, but shorter:
        what a page fetches after loading (the search index, then the search worker's
        scripts, one after another) follows within milliseconds of the one before."""
        quiet = waited = 0
        while quiet < quiet_ms:
            if waited > timeout_ms:
                raise TimeoutError(f"requests still in flight after {timeout_ms} ms: {sorted(r.url for r in self.in_flight)}")
            page.wait_for_timeout(25)
            waited += 25
            quiet = 0 if self.in_flight else quiet + 25

    def problems(self) -> list[str]:
        return (
            [f"request to another host: {u}" for u in self.foreign_requests]
            + [f"console error: {m}" for m in self.console_errors]
            + [f"failed local request: {u}" for u in self.failed_requests]
        )

    def clear(self) -> None:
        self.foreign_requests.clear()
        self.console_errors.clear()
        self.failed_requests.clear()


def _is_local(url: str, origin: str) -> bool:
    if url.startswith(("data:", "blob:", "about:")):
        return True
    return url.startswith(origin + "/") or url == origin


def open_guarded(browser, site_server: SiteServer, viewport: dict, scripts: tuple[str, ...] = ()):
    """A new browser context + page whose problems are recorded in a :class:`Guard`.

    *scripts*: test tools (axe-core) put into every page the context opens, before the
    page's own scripts. They come through the browser's developer protocol, not as
    inline scripts, so the site's Content-Security-Policy stays in force."""
    context = browser.new_context(viewport=viewport, locale="da-DK", service_workers="block")
    for script in scripts:
        context.add_init_script(script=script)
    guard = Guard(site_server.origin)

    def route(route):
        url = route.request.url
        if _is_local(url, site_server.origin):
            route.continue_()
        else:
            guard.foreign_requests.append(url)
            route.abort("blockedbyclient")

    def on_request(request):
        guard.in_flight.add(request)
        # Requests that bypass routing (e.g. from workers) are still seen here.
        if not _is_local(request.url, site_server.origin) and request.url not in guard.foreign_requests:
            guard.foreign_requests.append(request.url)

    def on_response(response):
        if response.status >= 400 and _is_local(response.url, site_server.origin):
            guard.failed_requests.append(f"{response.status} {response.url}")

    context.set_default_timeout(10_000)
    context.route("**/*", route)
    context.on("request", on_request)
    context.on("response", on_response)
    context.on("requestfinished", lambda request: guard.in_flight.discard(request))
    context.on("requestfailed", lambda request: guard.in_flight.discard(request))
    page = context.new_page()
    page.on("console", lambda msg: guard.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: guard.console_errors.append(str(exc)))
    return context, page, guard


@pytest.fixture
def guarded(browser, site_server):
    """Factory: ``page, guard = guarded(DESKTOP)``; contexts are closed after the test."""
    contexts = []

    def make(viewport: dict = DESKTOP, scripts: tuple[str, ...] = ()):
        context, page, guard = open_guarded(browser, site_server, viewport, scripts)
        contexts.append(context)
        return page, guard

    yield make
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot as a test artefact (test-artifacts/screenshots/).

    JPEG: a long page's PNG takes twice as long to encode, for a picture a person only looks at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.jpg"
    page.screenshot(path=str(path), full_page=True, type="jpeg", quality=85)
    return path
