"""Executable content in a page's HTML is found; the theme's policy gets its hashes."""

from __future__ import annotations

import itertools

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.beboerdata.pages import render_area_page
from macros.core.activecontent import (
    HASHES_PLACEHOLDER,
    active_content,
    fill_policy,
    inline_script_hashes,
    may_hold_active_content,
    scan,
)
from macros.plan import load_plan


@pytest.mark.parametrize("html, what", [
    ("<p>x</p><script>alert(1)</script>", "script"),
    ("<SCRIPT src='a.js'></SCRIPT>", "script"),
    ('<img src="a.png" onerror="alert(1)">', "onerror="),
    ('<a href="javascript:alert(1)">x</a>', "javascript:"),
    ('<a href=" jav&#x09;ascript:alert(1)">x</a>', "javascript:"),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "data:"),
    ('<iframe src="/x"></iframe>', "<iframe>"),
    ('<object data="x.swf"></object>', "<object>"),
    ('<embed src="x.swf">', "<embed>"),
    ('<base href="https://example.org/">', "<base>"),
    ("<style>body { background: url(https://example.org/t.gif) }</style>", "url("),
    ("<style>@import 'https://example.org/x.css';</style>", "@import"),
    ('<p style="background:url(https://example.org/t.gif)">x</p>', "url("),
    ('<meta http-equiv="refresh" content="0;url=https://example.org">', "http-equiv"),
    ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "javascript:"),
    ('<form action="https://example.org"><input></form>', "<form>"),
])
def test_executable_content_is_found(html, what):
    findings = active_content(html)
    assert findings, html
    assert what in findings[0].what


@pytest.mark.parametrize("html", [
    "<p>Tekst med <strong>fed</strong> og <a href=\"../tidsplan/\">et link</a>.</p>",
    '<a href="https://www.lbf.dk/">Landsbyggefonden</a> <a href="mailto:x@example.org">mail</a>',
    # a code block shows HTML as text: escaped, so not HTML
    "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>",
    '<svg viewBox="0 0 10 10" role="img"><rect width="5" height="5" style="fill: #123"/></svg>',
    '<p>Ordet onclick og teksten javascript: i almindelig tekst</p>',
    '<img src="data:image/png;base64,AAAA" alt="">',
    "<style>.plan-x { color: red }</style>",
])
def test_ordinary_html_and_block_output_pass(html):
    assert active_content(html) == []


def test_policy_hashes_the_theme_scripts_but_not_the_page_body():
    content = "<p>x</p><script>evil()</script>"
    page = (f'<meta content="script-src \'self\' {HASHES_PLACEHOLDER}"><script>theme()</script>'
            f'<script src="a.js"></script><article>{content}</article>')
    filled = fill_policy(page, content)
    assert HASHES_PLACEHOLDER not in filled
    assert inline_script_hashes("<script>theme()</script>")[0] in filled
    assert inline_script_hashes("<script>evil()</script>")[0] not in filled


def test_a_page_without_the_placeholder_is_unchanged():
    assert fill_policy("<p>x</p>") == "<p>x</p>"


# --- the quick look before the parser ----------------------------------------------------

_NAMES = ["p", "a", "img", "svg", "SCRIPT", "script", "style", "meta", "link", "form", "iframe", "x"]
_ATTRIBUTES = ["href", "HREF", "src", "srcset", "xlink:href", "data", "style", "title", "onclick", "ONload",
               "srcdoc", "http-equiv", "data-x"]
_VALUES = ["", "x", "javascript:alert(1)", " jav&#x09;ascript:x", "&#106;avascript:x", "vbscript:x",
           "data:text/html,x", "data:image/png;base64,AA", "a.png 1x, javascript:x 2x", "url(x)",
           "u&#114;l(x)", "color: red", "https://example.org/", "x href=", "'", '"', ">"]
_SEPARATORS = [" ", "/", "\n", "  ", '"', "'"]
_QUOTES = ['"', "'", ""]
_attribute = st.builds(lambda sep, name, eq, q, value: f"{sep}{name}{eq}{q}{value}{q}",
                       st.sampled_from(_SEPARATORS), st.sampled_from(_ATTRIBUTES),
                       st.sampled_from(["=", " = ", "==", ""]), st.sampled_from(_QUOTES), st.sampled_from(_VALUES))
_tag = st.builds(lambda name, attributes, end: f"<{name}{''.join(attributes)}{end}",
                 st.sampled_from(_NAMES), st.lists(_attribute, min_size=1, max_size=3), st.sampled_from([">", "/>", ""]))
_text = st.sampled_from(["tekst", " ", "</p>", "<!--", "-->", "&amp;", "onsdag", "<", "x href=\"", "\n"])
#: Strings the HTML parser reads as tags, attributes, values, entities and text.
_HTMLISH = st.lists(st.one_of(_tag, _text), max_size=8).map("".join)


def test_the_quick_look_never_misses_an_attribute_the_parser_flags():
    """Every tag with one attribute from the pieces above: separator, name, «=», quote, value."""
    for name, sep, attribute, eq, quote, value in itertools.product(
            ["a", "SCRIPT", "x"], _SEPARATORS, _ATTRIBUTES, ["=", " = ", "==", ""], _QUOTES, _VALUES):
        html = f"<{name}{sep}{attribute}{eq}{quote}{value}{quote}>"
        if scan(html):
            assert may_hold_active_content(html), html


@given(_HTMLISH)
@settings(max_examples=500, derandomize=True, deadline=None)
def test_the_quick_look_never_misses_what_the_parser_finds(html):
    if scan(html):
        assert may_hold_active_content(html), html


@pytest.mark.parametrize("html", [
    # a value that swallows the next attribute's name must not hide that attribute
    '<p title="x href=">y</p><a href="javascript:alert(1)">z</a>',
    "<a title='x' href = ' &#106;avascript:alert(1)'>x</a>",
    '<a/onclick="x">y</a>',
    '<img srcset="a.png 1x, javascript:alert(1) 2x">',
    '<p style="color: red; background: u&#114;l(https://example.org/t.gif)">x</p>',
    # the Kelvin sign lowers to «k»: the parser reads «link» and «xlink:href»
    "<lin\u212a rel=x>",
    '<svg><a xlin\u212a:href="javascript:alert(1)">x</a></svg>',
    "<a href='java&#115;cript&colon;alert(1)'>x</a>",
])
def test_the_quick_look_sees_disguised_content(html):
    assert may_hold_active_content(html)
    assert active_content(html) == scan(html) != []


def test_a_table_and_chart_page_is_not_parsed():
    """The quick path is the one taken for the blocks' tables and charts: nothing in them
    looks like active content, so the parser is not needed."""
    html = render_area_page(load_plan(ROOT / "data"), "ringparken")
    assert "<table" in html and "<svg" in html
    assert not may_hold_active_content(html)
