"""No executable content in the pages: what a chapter may not contain, and the CSP.

A chapter is Markdown, and Markdown passes raw HTML through. Raw HTML that can
run script or load something from elsewhere would then run in every visitor's
browser (and could send their data to a third party). :func:`active_content`
finds it in a page's rendered HTML (the chapter and the blocks on it, not the
theme): ``<script>``, ``on…=`` attributes, ``javascript:``/``vbscript:``/
``data:`` URLs, ``<iframe>``, ``<object>``, ``<embed>``, ``<base>``,
``<form>``, ``<meta http-equiv>``, and CSS that loads (``url(``,
``@import``, ``expression(``). Code in a code block is escaped text, not HTML,
so it is not found. The build refuses such a page with a Danish message.

Defence in depth: every page carries a Content-Security-Policy
(``overrides/main.html``) that allows scripts only from the site itself and
the theme's own inline scripts, by hash (:func:`fill_policy`, run on each
finished page). An inline script that got into a page by any other way does
not run.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from html import unescape as _html_unescape
from html.parser import HTMLParser

#: Elements that run script, embed another document or change where links go.
FORBIDDEN_TAGS = {
    "script": "et script («<script>»)",
    "iframe": "en indlejret side («<iframe>»)",
    "frame": "en indlejret side («<frame>»)",
    "object": "et indlejret objekt («<object>»)",
    "embed": "et indlejret objekt («<embed>»)",
    "applet": "et indlejret program («<applet>»)",
    "base": "en «<base>»-adresse, der ændrer, hvor alle links peger hen",
    "form": "en formular («<form>»), der kan sende data videre",
    "portal": "en indlejret side («<portal>»)",
}

#: Attributes that hold a URL (a ``javascript:`` URL runs script when followed).
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset", "background"}

#: URL schemes that run script or carry a whole document.
_BAD_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
#: Data URLs that are only pictures are harmless (no SVG: it can hold script).
_PICTURE_DATA = re.compile(r"^data:image/(png|jpe?g|gif|webp);", re.IGNORECASE)
#: CSS that loads something or runs code.
_LOADING_CSS = re.compile(r"url\s*\(|@import|expression\s*\(|-moz-binding|behavior\s*:", re.IGNORECASE)

#: The placeholder in overrides/main.html that the hashes replace.
HASHES_PLACEHOLDER = "PLAN-CSP-INLINE-SCRIPTS"


@dataclass(frozen=True)
class Finding:
    """One piece of executable content: what it is (Danish) and text to find its line by."""

    what: str
    needle: str


def _clean_url(value: str) -> str:
    """The URL as a browser reads its scheme: without whitespace and control characters."""
    return "".join(c for c in value if c > " " and c != "\x7f")


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self._check(tag.lower(), attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag.lower(), attrs)

    def handle_endtag(self, tag):
        if tag.lower() == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style and _LOADING_CSS.search(data):
            self.findings.append(Finding("et stilark («<style>»), der henter noget udefra («url(…)» eller «@import»)",
                                         _LOADING_CSS.search(data).group(0)))

    def _check(self, tag: str, attrs) -> None:
        if tag in FORBIDDEN_TAGS:
            self.findings.append(Finding(FORBIDDEN_TAGS[tag], f"<{tag}"))
        if tag == "style":
            self._in_style = True
        if tag == "meta" and any((name or "").lower() == "http-equiv" for name, _ in attrs):
            self.findings.append(Finding("et «<meta http-equiv>», der kan sende den besøgende videre", "http-equiv"))
        if tag == "link":
            self.findings.append(Finding("et «<link>», der henter en fil ind i siden", "<link"))
        for name, value in attrs:
            name, value = (name or "").lower(), value or ""
            if name.startswith("on"):
                self.findings.append(Finding(f"en script-attribut («{name}=»)", name))
            elif name in URL_ATTRIBUTES:
                for part in value.split(",") if name == "srcset" else [value]:
                    url = _clean_url(part)
                    if _BAD_SCHEME.match(url) and not _PICTURE_DATA.match(url):
                        scheme = url.split(":", 1)[0].lower()
                        self.findings.append(Finding(f"en «{scheme}:»-adresse, der kører kode", scheme))
            elif name == "srcdoc":
                self.findings.append(Finding("en indlejret side («srcdoc=»)", "srcdoc"))
            elif name == "style" and _LOADING_CSS.search(value):
                self.findings.append(Finding("en «style=»-attribut, der henter noget udefra («url(…)»)",
                                             _LOADING_CSS.search(value).group(0)))


#: Elements every finding of a tag needs, after «<» in the page as the parser lowers it.
_TELLTALE_TAGS = tuple(sorted({*FORBIDDEN_TAGS, "style", "meta", "link"}))
#: An attribute name beginning with «on» (the HTML parser starts an attribute name after a
#: quote, a space or a slash).
_ON_ATTRIBUTE = re.compile(r"['\"\s/]on", re.IGNORECASE)
#: The attributes that hold a URL or a style.
_VALUE_NAMES = tuple(sorted(URL_ATTRIBUTES | {"style"}))
#: After an attribute's name: its «=», as the HTML parser reads it.
_EQUALS = re.compile(r"\s*=+\s*")
#: The attribute's value, as the HTML parser reads one.
_VALUE = re.compile(r"""'[^']*'|"[^"]*"|(?!['"])[^>\s]*""")


def may_hold_active_content(html: str) -> bool:
    """``False`` only when :func:`active_content` would find nothing in *html*: a quick
    look at the raw text that every finding needs (tests/test_active_content.py holds
    the two together). A page of tables and charts has none of it, and is then not
    parsed at all."""
    lowered = html.lower()  # as the parser reads names
    if len(lowered) != len(html):
        return True  # a letter whose lower case is longer: the positions differ, so let the parser read it
    if any("<" + tag in lowered for tag in _TELLTALE_TAGS) or "srcdoc" in lowered or _ON_ATTRIBUTE.search(html):
        return True
    for name in _VALUE_NAMES:
        # Every place the name stands (each name on its own, so no find hides another).
        start = lowered.find(name)
        while start != -1:
            if _bad_value(html, name, start):
                return True
            start = lowered.find(name, start + 1)
    return False


def _bad_value(html: str, name: str, start: int) -> bool:
    """Whether *name* at *start* in *html* is an attribute whose value runs script or loads."""
    before = html[start - 1: start]
    if not before or not (before.isspace() or before in "'\"/"):
        return False  # not where the parser starts an attribute's name
    equals = _EQUALS.match(html, start + len(name))
    if equals is None:
        return False
    value = _VALUE.match(html, equals.end()).group(0)
    if value[:1] in ("'", '"'):
        value = value[1:-1]
    if "&" in value:
        value = _html_unescape(value)
    elif name != "style" and ":" not in value:
        return False  # no scheme
    if name == "style":
        return _LOADING_CSS.search(value) is not None
    for part in value.split(",") if name == "srcset" else [value]:
        url = _clean_url(part)
        if _BAD_SCHEME.match(url) and not _PICTURE_DATA.match(url):
            return True
    return False


def active_content(html: str) -> list[Finding]:
    """Every piece of executable or loading content in *html* (a page's body), in order."""
    if not may_hold_active_content(html):
        return []
    return scan(html)


def scan(html: str) -> list[Finding]:
    """:func:`active_content` without the quick look first: *html* read by the HTML parser."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.findings


# --- Content-Security-Policy ----------------------------------------------------------

_INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.IGNORECASE | re.DOTALL)


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def inline_script_hashes(html: str) -> list[str]:
    """CSP source expressions (``'sha256-…'``) for every inline script in *html*."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attributes, body = match.group(1), match.group(2)
        if re.search(r"\bsrc\s*=", attributes, re.IGNORECASE):
            continue
        value = _hash(body)
        if value not in hashes:
            hashes.append(value)
    return hashes


def fill_policy(output: str, content: str = "") -> str:
    """Put the hashes of the theme's inline scripts into the page's policy.

    Only scripts outside *content* (the page's own body) are hashed, so a
    script in the body never becomes allowed. Pages without the placeholder
    are returned as they are.
    """
    if HASHES_PLACEHOLDER not in output:
        return output
    theme = output
    if content and content in output:
        theme = output.replace(content, "", 1)
    return output.replace(HASHES_PLACEHOLDER, " ".join(inline_script_hashes(theme)))
