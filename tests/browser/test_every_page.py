"""Every built page, opened once at each width (desktop and 375 px) in headless Chromium.

On that one visit the page must:

* load without console errors, without failed local requests and without a single
  request to another host, under the site's own Content-Security-Policy;
* have no WCAG 2.1 A or AA violation that axe-core finds (see test_accessibility.py).
  At 375 px colour contrast is checked on the key pages only (:data:`SAME_AT_EVERY_WIDTH`);
* at 375 px, not scroll sideways (wide tables scroll inside their own container);
* show its figures (timeline, charts), and at 375 px keep them inside the screen.

The key pages are photographed on the same visit (test-artifacts/screenshots/).
The pages are split into ``PARTS`` tests per width, so the run's workers share them.
"""

from __future__ import annotations

import pytest

from .support import DESKTOP, PHONE, screenshot, site_pages
from .test_accessibility import describe, run_axe
from .test_pages import FIGURES_JS, OVERFLOW_JS, TABLES_JS

#: Tests per width; each checks every PARTS-th page.
PARTS = 3

#: Pages photographed for the test artefacts (those that exist are taken).
KEY_PAGES = [
    "",
    "om-planen/",
    "tidsplan/",
    "boligomraader/",
    "boligomraader/ringparken/",
    "beboerdata/",
    "beboerdata/ringparken/",
    "kriterier/",
    "oekonomi/",
    "beslutninger/",
    "organisering/",
]


#: axe-core rules run at 375 px on the key pages only. Colours are the same at every
#: width: plan.css changes one colour for phones, the timeline's scroll cue (tidsplan/),
#: and the theme's phone header and menu are on every page, so the key pages, which
#: between them show every kind of page, cover what the width changes. Contrast is by far
#: the slowest rule: most of axe-core's time on a page here.
SAME_AT_EVERY_WIDTH = ("color-contrast",)


def fit_problems(page, viewport: dict) -> list[str]:
    """What sticks out of the screen or is not shown, on the open page."""
    problems = []
    if viewport is PHONE:
        result = page.evaluate(OVERFLOW_JS)
        if result["scrolledX"] > 0 or result["offenders"]:
            problems.append(f"scrolls sideways at 375 px: {result}")
        for table in page.evaluate(TABLES_JS):
            if table["wide"] and not (table["scrolls"] and table["fits"]):
                problems.append(f"wide table does not scroll in a container: {table['label']}")
    for figure in page.evaluate(FIGURES_JS):
        if not figure["visible"]:
            problems.append(f"figure not visible: {figure['what']}")
        elif figure["right"] > figure["vw"] + 1 and not figure["contained"] and viewport is PHONE:
            problems.append(f"figure sticks out at 375 px: {figure}")
    return problems


def check_page(page, guard, site_server, path: str, viewport: dict) -> list[str]:
    """Open *path* and return everything wrong with it, each line naming the page."""
    guard.clear()
    page.goto(site_server.url(path), wait_until="load")
    page.evaluate("document.fonts.ready")
    skip = SAME_AT_EVERY_WIDTH if viewport is PHONE and path not in KEY_PAGES else ()
    problems = describe(path, run_axe(page, skip=skip))
    # What the page fetches after loading (the search index and its scripts) has mostly
    # come while axe-core ran; the rest is waited for.
    guard.settle(page)
    shown = path or "/"
    problems += [f"{shown}: {p}" for p in guard.problems() + fit_problems(page, viewport)]
    if path in KEY_PAGES:
        name = (path.strip("/").replace("/", "-") or "forside") + "-" + ("mobil" if viewport is PHONE else "desktop")
        picture = screenshot(page, name)
        if picture.stat().st_size <= 5000:
            problems.append(f"{shown}: the screenshot {picture.name} is blank")
    return problems


@pytest.mark.parametrize("part", range(PARTS), ids=[f"del-{n + 1}" for n in range(PARTS)])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_loads_cleanly_fits_and_meets_wcag(guarded, site_server, axe_source, viewport, part):
    pages = site_pages(site_server.root)
    assert len(pages) >= 12, pages
    page, guard = guarded(viewport, scripts=(axe_source,))
    problems = []
    for path in pages[part::PARTS]:
        problems += check_page(page, guard, site_server, path, viewport)
    assert not problems, "\n".join(problems)


def test_the_key_pages_exist(site_server):
    """The screenshots above are of real pages: most key pages are in the built site."""
    existing = [p for p in KEY_PAGES if (site_server.root / p / "index.html").exists()]
    assert len(existing) >= 6, existing
