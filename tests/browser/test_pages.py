"""The built site in a real browser (headless Chromium), on desktop and phone, in use.

The guard that every page is checked with can fail; the timeline shows on a phone;
Danish search and the navigation work. What holds on every page (loads cleanly,
fits at 375 px, shows its figures) is checked in test_every_page.py, with the
scripts defined here.
"""

from __future__ import annotations

import re

import pytest

from .support import DESKTOP, PHONE

#: JavaScript: everything that sticks out to the right of the viewport
#: without being inside a container that clips or scrolls it.
OVERFLOW_JS = """
() => {
  const vw = document.documentElement.clientWidth;
  window.scrollTo(100000, window.scrollY);
  const scrolledX = window.scrollX;
  window.scrollTo(0, window.scrollY);
  const offenders = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= vw + 1) continue;
    let a = el.parentElement, contained = false;
    while (a && a !== document.body) {
      if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= vw + 1) { contained = true; break; }
      a = a.parentElement;
    }
    if (!contained && getComputedStyle(el).visibility !== 'hidden') {
      offenders.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' right=' + Math.round(r.right));
    }
  }
  return {scrolledX, offenders: offenders.slice(0, 8)};
}
"""

#: JavaScript: tables wider than the viewport and whether they scroll inside a container.
TABLES_JS = """
() => {
  const vw = document.documentElement.clientWidth;
  return [...document.querySelectorAll('.md-content table')].map(t => {
    let a = t.parentElement, scroller = null;
    while (a && a !== document.body) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll') { scroller = a; break; }
      a = a.parentElement;
    }
    return {
      wide: t.getBoundingClientRect().width > vw,
      scrolls: !!scroller,
      fits: scroller ? scroller.getBoundingClientRect().right <= vw + 1 : false,
      label: (t.className || '') + ' ' + (t.querySelector('th') ? t.querySelector('th').textContent.trim().slice(0, 30) : ''),
    };
  });
}
"""

#: JavaScript: figures, charts and timelines in the content and how they are shown.
FIGURES_JS = """
() => {
  const vw = document.documentElement.clientWidth;
  const selector = '.md-content svg:not(.md-icon svg):not([class*="icon"]), .md-content figure, .md-content [class*="plan-tidslinje"], .md-content [class*="plan-chart"], .md-content [class*="plan-diagram"]';
  return [...document.querySelectorAll(selector)]
    .filter(el => !el.closest('.md-icon, .twemoji, .headerlink, .md-content__button, button, a.md-content__button'))
    .map(el => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      let a = el.parentElement, contained = false;
      while (a && a !== document.body) {
        if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= vw + 1) { contained = true; break; }
        a = a.parentElement;
      }
      return {
        what: el.tagName.toLowerCase() + '.' + (typeof el.className === 'string' ? el.className : (el.className.baseVal || '')),
        contained,
        visible: r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none',
        width: Math.round(r.width), right: Math.round(r.right), vw,
      };
    });
}
"""


def _load(page, site_server, path: str) -> None:
    page.goto(site_server.url(path), wait_until="load")
    page.wait_for_load_state("networkidle")


def test_guard_catches_requests_to_other_hosts_and_console_errors(guarded, site_server):
    """The guard itself can fail: a page that calls out or logs an error is caught."""
    page, guard = guarded(DESKTOP)
    _load(page, site_server, "")
    page.evaluate(
        """() => { const img = document.createElement('img'); img.src = 'https://fonts.example.org/x.png';
                   document.body.appendChild(img); console.error('test-fejl'); }"""
    )
    page.wait_for_timeout(300)
    problems = guard.problems()
    assert any("fonts.example.org" in p for p in problems), problems
    assert any("test-fejl" in p for p in problems), problems


def test_timeline_page_shows_a_visible_figure(guarded, site_server):
    """The milestone page shows its timeline (static HTML/SVG) on a phone."""
    from .support import ROOT

    if "{{" not in (ROOT / "docs" / "tidsplan.md").read_text(encoding="utf-8"):
        pytest.skip("docs/tidsplan.md has no timeline building block yet")
    page, _ = guarded(PHONE)
    _load(page, site_server, "tidsplan/")
    figures = [f for f in page.evaluate(FIGURES_JS) if f["visible"]]
    if not figures and not page.query_selector(".md-content table"):
        pytest.fail("Tidsplan shows neither a timeline figure nor a milestone table")


# --- search ---------------------------------------------------------------------------------------


def _settled_results(page) -> list[str]:
    """The result links once they stop changing (the search answers while the query is typed)."""
    read = 'els => els.map(e => e.href)'
    shown = page.eval_on_selector_all(".md-search-result__item > a", read)
    for _ in range(40):
        page.wait_for_timeout(150)
        again = page.eval_on_selector_all(".md-search-result__item > a", read)
        if again == shown:
            return shown
        shown = again
    return shown


def search(page, site_server, query: str, fresh: bool = True) -> list[str]:
    """Type *query* into the site's search and return the result pages (paths below the site root).

    *fresh* opens the front page first; otherwise the query replaces the one in the open
    search field (the search index is built once per page load, which is the costly part).
    """
    field = page.locator("input.md-search__input")
    if fresh:
        _load(page, site_server, "")
        toggle = page.locator("label.md-header__button[for=__search]")
        if toggle.is_visible():  # phone: the search field opens from a button
            toggle.click()
        field.click()
        field.press_sequentially(query, delay=15)
    else:
        field.press("Control+a")
        field.press("Backspace")
        page.wait_for_function(
            "() => /Indtast/i.test(document.querySelector('.md-search-result__meta').textContent)", timeout=15000)
        # The index is ready now, so the query goes in whole (one search, not one per letter).
        field.fill(query[:-1])
        field.press(query[-1])
    page.wait_for_function(
        """() => { const m = document.querySelector('.md-search-result__meta');
                   return m && !/Indtast/i.test(m.textContent) }""",
        timeout=15000,
    )
    hrefs = _settled_results(page)
    prefix = site_server.url()
    return [re.sub(r"[?#].*$", "", h)[len(prefix):] for h in hrefs if h.startswith(prefix)]


def test_search_finds_an_area_by_name(guarded, site_server):
    page, guard = guarded(DESKTOP)
    results = search(page, site_server, "Ringparken")
    assert any(r.startswith("boligomraader/") for r in results), results
    assert not guard.problems(), guard.problems()


def test_search_handles_danish_letters(guarded, site_server):
    page, _ = guarded(PHONE)
    results = search(page, site_server, "beskæftigelse")
    assert any(r.startswith("indsatsomraader/") for r in results), results


def test_search_finds_other_inflections_of_a_word(guarded, site_server):
    """'indsatsområde' (singular) also finds 'indsatsområder' / 'indsatsområderne'."""
    page, _ = guarded(DESKTOP)
    results = search(page, site_server, "indsatsområde")
    assert "indsatsomraader/" in results, results
    marked = {m.strip(" .,:;").lower() for m in page.eval_on_selector_all(
        ".md-search-result mark", "els => els.map(e => e.textContent)")}
    inflected = {m for m in marked if m.startswith("indsatsområde") and m != "indsatsområde"}
    assert inflected, marked


def test_search_for_nonsense_says_nothing_was_found(guarded, site_server):
    page, _ = guarded(DESKTOP)
    assert search(page, site_server, "xqzvw") == []
    assert "Ingen" in page.inner_text(".md-search-result__meta")



#: Danish queries and the page each must find first (the index, as Material
#: orders results: the best page first). Both directions of inflection, æ/ø/å.
DANISH_QUERIES = [
    ("boligområde", "boligomraader/"),
    ("boligområderne", "opfoelgning/"),  # the follow-up page names the areas most
    ("indsatsområde", "indsatsomraader/"),
    ("indsatsområderne", "indsatsomraader/"),
    ("beskæftigelse", "indsatsomraader/beskaeftigelse/"),
    ("kriminalitetsforebyggelse", "indsatsomraader/kriminalitetsforebyggelse/"),
    ("sammenhængskraft", "indsatsomraader/sammenhaengskraft-og-medborgerskab/"),
    ("Præstevangen", "boligomraader/praestevangen-parkvej/"),
    ("økonomi", "oekonomi/"),
    ("medfinansiering", "oekonomi/"),
    ("milepæle", "tidsplan/"),
    ("beslutninger", "beslutninger/"),
    ("beslutningerne", "beslutninger/"),
    ("ordliste", "ordliste/"),
    ("tilgængelighed", "om-sitet/tilgaengelighed/"),
    ("tilgængelighedserklæring", "om-sitet/tilgaengelighed/"),
    ("organisering", "organisering/"),
    ("beboerdemokratiet", "organisering/"),
    ("ændringslog", "aendringslog/"),
    ("dokumentkrav", "kriterier/dokumentkrav/"),
]


def test_twenty_danish_queries_find_their_page_first(guarded, site_server):
    page, _ = guarded(DESKTOP)
    wrong = []
    for number, (query, expected) in enumerate(DANISH_QUERIES):
        results = search(page, site_server, query, fresh=number == 0)
        if not results or results[0] != expected:
            wrong.append(f"{query!r}: {results[:3]} (ventet {expected!r})")
    assert len(DANISH_QUERIES) == 20
    assert not wrong, wrong


def test_a_longer_form_finds_pages_with_only_the_shorter_one(guarded, site_server):
    """'boligområderne' finds the areas' index page, which says 'boligområde(r)' only."""
    text = (site_server.root / "boligomraader" / "index.html").read_text(encoding="utf-8").lower()
    assert "boligområde" in text and "boligområderne" not in text
    page, _ = guarded(DESKTOP)
    assert "boligomraader/" in search(page, site_server, "boligområderne")


def test_headings_have_danish_addresses_that_work_from_the_toc(guarded, site_server):
    page, guard = guarded(DESKTOP)
    _load(page, site_server, "")
    link = page.locator('.md-nav--secondary a.md-nav__link:has-text("Læs mere") >> visible=true').first
    href = link.get_attribute("href")
    assert href == "#læs-mere", href
    link.click()
    page.wait_for_function("() => decodeURIComponent(location.hash) === '#læs-mere'")
    assert page.evaluate("() => document.getElementById('læs-mere') !== null")
    # a link to such an address from another page lands on the heading
    _load(page, site_server, "om-planen/#hvad-er-ændret--og-hvorfor")
    assert page.evaluate("() => document.getElementById('hvad-er-ændret--og-hvorfor') !== null")
    assert not guard.problems(), guard.problems()

# --- navigation -------------------------------------------------------------------------------------


def test_navigation_on_desktop(guarded, site_server):
    page, guard = guarded(DESKTOP)
    _load(page, site_server, "")
    page.click(".md-sidebar--primary .md-nav__link:has-text('Tidsplan')")
    page.wait_for_url(re.compile(r"/tidsplan/$"))
    assert "Tidsplan" in page.inner_text("h1")
    page.click(".md-footer__link--prev")
    page.wait_for_load_state("load")
    assert page.url != site_server.url("tidsplan/")
    assert not guard.problems(), guard.problems()


def test_navigation_on_a_phone_through_the_menu(guarded, site_server):
    page, _ = guarded(PHONE)
    _load(page, site_server, "")
    link = page.locator(".md-sidebar--primary .md-nav__link:has-text('Tidsplan')").first
    closed = link.bounding_box()
    assert closed["x"] + closed["width"] <= 0, "the menu should start closed (off screen)"
    page.click("label.md-header__button[for=__drawer]")
    page.wait_for_function(
        "el => el.getBoundingClientRect().left >= 0", arg=link.element_handle(), timeout=5000
    )
    link.click()
    page.wait_for_url(re.compile(r"/tidsplan/$"))
    assert "Tidsplan" in page.inner_text("h1")


def test_footer_links_reach_the_accessibility_statement(guarded, site_server):
    page, _ = guarded(DESKTOP)
    _load(page, site_server, "")
    page.click("footer a:has-text('Tilgængelighedserklæring')")
    page.wait_for_url(re.compile(r"/om-sitet/tilgaengelighed/$"))
