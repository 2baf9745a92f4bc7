"""At 375 px, what a resident came for is on screen without swiping sideways.

For each page type: the front page's next milestones, today on the timeline, the
newest year column of a beboerdata table, and a criterion's value and result. An
element counts as reachable when it lies inside the viewport horizontally as the page
opens (scrolling down is fine; scrolling sideways is not). Screenshots of each element's
first screen are saved in test-artifacts/screenshots/.
"""

from __future__ import annotations

from .support import PHONE, SCREENSHOTS

#: The horizontal position of an element's box, as the page opens, and the viewport width.
BOX_JS = """
(selector) => {
  const el = document.querySelector(selector);
  if (!el) { return null; }
  const r = el.getBoundingClientRect();
  return {left: r.left, right: r.right, width: r.width, vw: document.documentElement.clientWidth,
          text: (el.textContent || "").trim().slice(0, 80)};
}
"""


def _open(guarded, site_server, path: str):
    page, guard = guarded(PHONE)
    page.goto(site_server.url(path), wait_until="load")
    page.wait_for_load_state("networkidle")
    return page, guard


def _in_view(page, selector: str, line: bool = False) -> dict:
    """*line*: a vertical line, whose box has no width."""
    box = page.evaluate(BOX_JS, selector)
    assert box is not None, f"{selector} is missing"
    assert (line or box["width"] > 0) and box["left"] >= -1 and box["right"] <= box["vw"] + 1, (selector, box)
    return box


def _shot(page, selector: str, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(selector).first.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / f"phone-{name}.png"))


def test_front_page_shows_the_next_milestones(guarded, site_server):
    page, guard = _open(guarded, site_server, "")
    _in_view(page, ".plan-next li")
    _shot(page, ".plan-next", "forside")
    assert not guard.problems()


def test_timeline_opens_on_today_and_leads_with_what_happens_now(guarded, site_server):
    page, guard = _open(guarded, site_server, "tidsplan/")
    _in_view(page, '.plan-tl-svg line[stroke="#b3471d"]', line=True)  # the "today" line
    _in_view(page, ".plan-tl-cue")
    now = _in_view(page, ".plan-tl-now__title")
    assert now["text"] == "Det sker nu og snart"
    _in_view(page, ".plan-tl-now .plan-tl-today")
    # The list of the past is folded on screen, and comes after what happens now.
    order = page.evaluate(
        "() => [document.querySelector('.plan-tl-now').compareDocumentPosition("
        "document.querySelector('details.plan-tl-phase')) & Node.DOCUMENT_POSITION_FOLLOWING,"
        " document.querySelectorAll('details.plan-tl-phase[open]').length]"
    )
    assert order[0] and order[1] == 0
    _shot(page, ".plan-tl-overview", "tidsplan")
    assert not guard.problems()


def test_beboerdata_tables_open_on_the_newest_year(guarded, site_server):
    page, guard = _open(guarded, site_server, "beboerdata/ringparken/")
    newest = _in_view(page, "#tabel-18-data table thead th:last-child")
    assert newest["text"].isdigit()
    years = page.evaluate(
        "() => [...document.querySelectorAll('#tabel-18-data table thead th')].slice(1).map(t => t.textContent)"
    )
    assert newest["text"] == max(years)
    _in_view(page, "#tabel-18-data table tbody th")  # the row headings stay in view
    sizes = page.evaluate(
        "() => { const s = document.querySelector('#tabel-18-data svg.plan-graf');"
        " const scale = s.getBoundingClientRect().width / s.viewBox.baseVal.width;"
        " return [...s.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale); }"
    )
    assert sizes and min(sizes) >= 11, min(sizes)
    _shot(page, "#tabel-18-data", "beboerdata")
    assert not guard.problems()


def test_a_criterion_shows_value_threshold_and_result_without_swiping(guarded, site_server):
    page, guard = _open(guarded, site_server, "kriterier/ringparken/")
    for n in (1, 2, 3):
        _in_view(page, f".plan-kriteriekort:nth-child(2) .plan-kriteriekort__tal dd:nth-of-type({n})")
    _in_view(page, ".plan-ordforklaring")
    _shot(page, ".plan-kriteriekort-liste", "kriterier")
    assert not guard.problems()
