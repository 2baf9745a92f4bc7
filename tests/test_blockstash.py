"""Raw HTML kept out of Markdown's way (macros/core/blockstash.py): the page comes out
the same as Markdown makes it without the stash, byte for byte."""

from __future__ import annotations

import itertools
import re

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.core.blockstash import BlockStash, one_element

#: The site's Markdown extensions (mkdocs.yml), as the page is converted.
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc", "pymdownx.details"]

TABLE = '<div class="plan-tabel-scroll" id="t1"><table><tr><td>1.234</td></tr></table></div>'
HIDDEN = '<div class="plan-beboertabel" id="tabel-1-data" data-search-exclude="ja"><p>42</p></div>'

#: Pieces of a chapter: where a block's HTML can stand, and what can stand around it.
PIECES = [
    TABLE,
    HIDDEN,
    "## Overskrift",
    "Almindelig tekst med <strong>fed</strong>.",
    f"Tekst og {TABLE} i samme afsnit.",
    f"- punkt\n- {TABLE}",
    f'!!! note "Bemærk"\n    {TABLE}',
    f"```html\n{TABLE}\n```",
    f"```\n\n{TABLE}\n\n```",
    f'<div class="ydre">\n\n{TABLE}\n\n</div>',
    f'<div markdown="1">\n\n{TABLE}\n\n</div>',
    "<div>\nto linjer\n</div>",
    '<div class="a"><div class="b">indre</div></div>',
    '<div class="a"></div>\n<p>efter</p>',
    "<figure><svg><text>x</text></svg></figure>",
    "<!-- en kommentar -->",
    "<section>\n\nmed tom linje\n\n</section>",
    "*[LBF]: Landsbyggefonden",
    "LBF står for Landsbyggefonden.",
    f"    {TABLE}",
]


def convert(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def through_stash(text: str) -> tuple[str, str, set[str], BlockStash]:
    stash = BlockStash()
    restored = stash.restore(convert(stash.take(text)))
    return restored.full, restored.light, restored.ids, stash


def material_strips(html: str) -> str:
    """What Material's search does to a page's content once it has read it."""
    return re.sub(r"\s?data-search-\w+=\"[^\"]+\"", "", html)


def test_every_two_pieces_come_out_as_markdown_makes_them():
    wrong = []
    for first, second in itertools.product(PIECES, repeat=2):
        text = f"{first}\n\n{second}\n"
        full, light, _, stash = through_stash(text)
        expected = convert(text)
        if full != expected or material_strips(stash.reveal(material_strips(light), forget=True)) != material_strips(expected):
            wrong.append(text)
    assert not wrong, "\n---\n".join(wrong)


@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6),
       st.lists(st.sampled_from(["\n\n", "\n\n\n", "\n"]), min_size=6, max_size=6))
@settings(max_examples=150, derandomize=True, deadline=None)
def test_a_chapter_comes_out_as_markdown_makes_it(pieces, separators):
    text = "".join(piece + separator for piece, separator in zip(pieces, separators))
    full, light, _, stash = through_stash(text)
    assert full == convert(text)
    assert "PLANBLOK" not in material_strips(stash.reveal(material_strips(light), forget=True))


def test_a_block_on_its_own_is_put_aside_and_its_ids_are_kept():
    stash = BlockStash()
    taken = stash.take(f"# Titel\n\n{TABLE}\n\nTekst.\n")
    assert TABLE not in taken and "<table" not in taken
    restored = stash.restore(convert(taken))
    assert TABLE in restored.full
    assert "t1" in restored.ids


def test_what_search_leaves_out_stays_out_of_its_sight_until_revealed():
    stash = BlockStash()
    restored = stash.restore(convert(stash.take(f"Før.\n\n{HIDDEN}\n\nEfter.\n")))
    assert HIDDEN in restored.full
    # (the figure's element, not "42" alone: the placeholder's random name may hold those digits)
    assert "<p>42</p>" not in restored.light and 'data-search-exclude="ja"' in restored.light
    assert "tabel-1-data" in restored.ids
    page = f"<html><body>{material_strips(restored.light)}</body></html>"
    assert '<div class="plan-beboertabel" id="tabel-1-data"><p>42</p></div>' in stash.reveal(page, forget=True)
    # forgotten once the page is written
    assert "<p>42</p>" not in stash.reveal(page)


def test_code_keeps_html_as_text():
    text = f"```html\n{TABLE}\n```\n"
    stash = BlockStash()
    assert stash.take(text) == text


@pytest.mark.parametrize("html, expected", [
    (TABLE, True),
    ('<div class="a"><div class="b">x</div></div>', True),
    ('<div class="a"></div><div class="b"></div>', False),
    ("<div>x</div>\n\nmere", False),
    ('<div markdown="1">x</div>', False),
    ("<span>x</span>", False),
    ("<div>uden slutning", False),
    ("<div><!-- x --></div>", False),
])
def test_one_element(html, expected):
    assert one_element(html) is expected


def test_the_built_site_has_no_placeholder_and_keeps_figures_out_of_search(built_site):
    """The shipped plan, built: every stashed table is back, ids and all, and search has
    the tables' headings but not their figures."""
    import json

    for page in built_site.rglob("*.html"):
        assert "PLANBLOK" not in page.read_text(encoding="utf-8"), page
    area = (built_site / "beboerdata" / "ringparken" / "index.html").read_text(encoding="utf-8")
    assert 'id="tabel-1-data"' in area and "data-search-exclude" not in area
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    table = next(d for d in docs if d["location"] == "beboerdata/ringparken/#tabel-1")
    assert table["title"].startswith("Tabel 1.")
    assert not re.search(r"\d{3}", table["text"]), table["text"]
