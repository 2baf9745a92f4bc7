"""Executable content in a page's HTML is found; the theme's policy gets its hashes."""

from __future__ import annotations

import pytest

from macros.core.activecontent import HASHES_PLACEHOLDER, active_content, fill_policy, inline_script_hashes


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
