"""WCAG 2.1 A and AA, checked with axe-core in Chromium.

axe-core (pinned in tests/browser/package-lock.json) is put into each page
through the browser (see ``open_guarded``), so the site's Content-Security-Policy
stays in force while it runs, and it is run with the WCAG 2.0/2.1 A and AA rule
tags. Zero violations are allowed. Problems in the theme are fixed in overrides/
and docs/assets/stylesheets/plan.css, not by switching rules off.

Every page at both widths is checked in tests/browser/test_every_page.py, on the
same visit as the page's other checks; this module checks the states a page
reaches only by use (search results, the open phone menu) and that the check
can fail.

``EXCLUDED_RULES`` lists any rule that is not run, each with its reason.
"""

from __future__ import annotations

from .support import DESKTOP, PHONE

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

#: Rules not run, each with a written reason. Keep this empty unless a rule
#: cannot be satisfied and a person has checked the criterion by hand.
EXCLUDED_RULES: dict[str, str] = {}


def run_axe(page, context: str = "document", skip: tuple[str, ...] = ()) -> list[dict]:
    """The WCAG violations axe-core finds in the open *page* (opened with axe among its scripts);
    *skip*: rules another run already covers (see test_every_page.py)."""
    assert page.evaluate("() => typeof window.axe !== 'undefined'"), (
        "axe-core is not in the page: open it with guarded(viewport, scripts=(axe_source,))")
    options = {
        "runOnly": {"type": "tag", "values": WCAG_TAGS},
        "rules": {rule: {"enabled": False} for rule in (*EXCLUDED_RULES, *skip)},
        "resultTypes": ["violations"],
    }
    result = page.evaluate(f"options => axe.run({context}, options)", options)
    return result["violations"]


def describe(path: str, violations: list[dict]) -> list[str]:
    lines = []
    for violation in violations:
        for node in violation["nodes"][:3]:
            summary = " ".join((node.get("failureSummary") or "").split())[:240]
            lines.append(f"{path or '/'}: {violation['id']} ({violation['impact']}) at {node['target']}: {summary}")
    return lines


def _load(page, site_server, path: str) -> None:
    page.goto(site_server.url(path), wait_until="load")
    page.evaluate("document.fonts.ready")


def test_search_with_results_has_no_wcag_violations(guarded, site_server, axe_source):
    page, _ = guarded(DESKTOP, scripts=(axe_source,))
    _load(page, site_server, "")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("boligområde", delay=15)
    page.wait_for_selector(".md-search-result__item")
    assert not describe("search", run_axe(page))


def test_open_phone_menu_has_no_wcag_violations(guarded, site_server, axe_source):
    page, _ = guarded(PHONE, scripts=(axe_source,))
    _load(page, site_server, "tidsplan/")
    page.click("label.md-header__button[for=__drawer]")
    page.wait_for_timeout(400)  # the drawer slides in
    assert not describe("menu", run_axe(page))


def test_axe_finds_a_known_violation(guarded, site_server, axe_source):
    """The check can fail: a low-contrast, unlabelled element is reported."""
    page, guard = guarded(DESKTOP, scripts=(axe_source,))
    _load(page, site_server, "")
    page.evaluate(
        """() => { const p = document.createElement('p'); p.textContent = 'Svag tekst';
                   p.style.color = '#ccc'; p.style.background = '#fff';
                   document.querySelector('.md-content article').appendChild(p);
                   const i = document.createElement('input');
                   document.querySelector('.md-content article').appendChild(i); }"""
    )
    ids = {v["id"] for v in run_axe(page)}
    assert {"color-contrast", "label"} <= ids, ids
    # A rule another run covers is left out, and only that one.
    ids = {v["id"] for v in run_axe(page, skip=("color-contrast",))}
    assert "label" in ids and "color-contrast" not in ids, ids
    assert not guard.problems(), guard.problems()  # axe-core runs under the policy without an error


def test_excluded_rules_have_reasons():
    assert all(reason.strip() for reason in EXCLUDED_RULES.values())
