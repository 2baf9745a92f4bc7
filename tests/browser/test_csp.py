"""The Content-Security-Policy: a script that got into a page does not run.

The build refuses executable HTML in a chapter (tests/test_active_content.py).
This is the second line: the page as served is changed on its way to the
browser, the way an attacker (or a mistake the scan missed) would change it,
with an inline script and an ``onerror`` attribute in the article. Neither
may run, and the theme's own scripts (search, navigation) still work.
"""

from __future__ import annotations

from .support import DESKTOP
from .test_pages import _load, search

INJECTED = (
    '<script>window.__plan_injiceret = "script";</script>'
    '<img src="data:image/png;base64,AAAA" alt="" onerror="window.__plan_injiceret = \'onerror\'">'
)


def _inject(page, site_server, path: str) -> None:
    """Serve *path* with the injected HTML at the start of the article."""

    def fulfil(route):
        response = route.fetch()
        body = response.text().replace('<article class="md-content__inner md-typeset">',
                                       '<article class="md-content__inner md-typeset">' + INJECTED, 1)
        assert INJECTED in body
        route.fulfill(response=response, body=body)

    page.route(site_server.url(path), fulfil)


def test_every_page_has_a_policy_without_inline_scripts_allowed_wholesale(guarded, site_server):
    page, guard = guarded(DESKTOP)
    _load(page, site_server, "")
    policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert policy and "script-src 'self' 'sha256-" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "PLAN-CSP" not in policy
    assert not guard.problems(), guard.problems()


def test_an_injected_inline_script_does_not_run(guarded, site_server):
    page, guard = guarded(DESKTOP)
    _inject(page, site_server, "om-planen/")
    _load(page, site_server, "om-planen/")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__plan_injiceret") is None
    # The browser reports the blocked script (and only that) in the console.
    assert guard.console_errors, "the browser did not report the blocked script"
    assert all("Content Security Policy" in m for m in guard.console_errors), guard.console_errors


def test_with_an_injected_script_the_page_still_works(guarded, site_server):
    """Search and navigation are the theme's scripts: they run under the policy."""
    page, guard = guarded(DESKTOP)
    _inject(page, site_server, "om-planen/")
    _load(page, site_server, "om-planen/")
    results = search(page, site_server, "Ringparken")
    assert any("ringparken" in r for r in results), results
    guard.clear()
    _load(page, site_server, "")
    page.locator(".md-tabs__link, .md-nav__link").filter(has_text="Tidsplan").first.click()
    page.wait_for_load_state("load")
    assert "tidsplan" in page.url
    assert not guard.problems(), guard.problems()
