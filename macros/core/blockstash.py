"""Raw HTML kept out of Markdown's way, and put back after it.

The building blocks write their tables, charts and cards as HTML, and Markdown
passes raw HTML on as it is. But before passing it on, Markdown and MkDocs each
parse all of it with Python's HTML parser (Markdown to find where the raw HTML
ends, MkDocs to collect its ids). For a plan with many areas, that parsing was a
third of the build.

So, once a page's building blocks have run, :meth:`BlockStash.take` puts aside
every piece of the page's Markdown that is exactly one HTML element standing
as a paragraph of its own (between blank lines, at the left margin, outside
code): Markdown gets a placeholder word instead. After Markdown,
:meth:`BlockStash.restore` puts each element back where its placeholder ended
up, and hands its ids to MkDocs' check of links to anchors. The finished page
is the same as without the stash, byte for byte (tests/test_blockstash.py
compares whole builds).
"""

from __future__ import annotations

import itertools
import re
import secrets
from dataclasses import dataclass

from macros.core.headings import html_ids

#: Block-level elements that Markdown passes on as a raw HTML block.
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figure", "footer",
    "header", "hgroup", "main", "nav", "ol", "section", "table", "ul",
})

_OPENING = re.compile(r"<([a-z][a-z0-9]*)\b")
#: An element whose content Markdown reads (the md_in_html extension's attribute).
_MARKDOWN_INSIDE = re.compile(r"<[a-zA-Z][^>]*\smarkdown(?:\s*=|[\s/>])")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
#: An element that Material's search leaves out (its first tag has the mark).
_SEARCH_EXCLUDED = re.compile(r"<[a-z][a-z0-9]*\b[^>]*\sdata-search-exclude\b")
#: The marks Material's search removes from a page once it has read it (the same pattern).
_SEARCH_MARK = re.compile(r'\s?data-search-\w+=\"[^\"]+\"')


def one_element(html: str) -> bool:
    """Whether *html* is exactly one block-level element with nothing after it, and nothing
    that asks Markdown to read inside it (``markdown="1"``)."""
    match = _OPENING.match(html)
    if match is None or match.group(1) not in _BLOCK_TAGS or "markdown=" in html or "<!--" in html:
        return False
    tag = match.group(1)
    depth = 0
    for found in re.finditer(rf"<(/?){tag}\b[^>]*>", html):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return found.end() == len(html)
    return False


def _paragraphs(lines: list[str]):
    """``(first, last)`` line numbers of each run of non-blank lines outside fenced code
    (a run that touches a fence is left out)."""
    fence = None
    start = None
    touched = False
    for index, line in enumerate(lines + [""]):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence, touched = opening.group(1)[0] * 3, True
        elif fence is not None:
            touched = True
            if line.lstrip().startswith(fence):
                fence = None
        blank = not line.strip()
        if not blank and start is None:
            start = index
        if blank and fence is None and start is not None:
            if not touched:
                yield start, index - 1
            start, touched = None, False


@dataclass(frozen=True)
class Restored:
    full: str
    light: str
    ids: set[str]


class BlockStash:
    """The raw HTML put aside in one build, by placeholder (see the module's description)."""

    def __init__(self) -> None:
        self._prefix = "PLANBLOK" + secrets.token_hex(4)
        self._numbers = itertools.count(1)
        self._html: dict[str, str] = {}
        token = self._prefix + r"\d+X"
        #: A placeholder as Markdown leaves it: a paragraph of its own (or bare, inside raw HTML).
        self._placed = re.compile(rf"<p>({token})</p>|({token})")
        #: A placeholder of an element kept out of the search index (Material strips the mark).
        self._hiding = re.compile(rf'<div(?: data-search-exclude="ja")?>({token})</div>')
        self._hidden: dict[str, str] = {}

    def take(self, markdown: str) -> str:
        """*markdown* with every paragraph that is one HTML element replaced by a placeholder
        (none on a page that has Markdown inside HTML, ``markdown="1"``: there Markdown
        rewrites the HTML it finds inside)."""
        if "<" not in markdown or _MARKDOWN_INSIDE.search(markdown):
            return markdown
        lines = markdown.split("\n")
        for first, last in reversed(list(_paragraphs(lines))):
            if not lines[first].startswith("<"):
                continue
            html = "\n".join(lines[first:last + 1])
            if html != html.rstrip() or not one_element(html):
                continue
            token = f"{self._prefix}{next(self._numbers)}X"
            self._html[token] = html
            lines[first:last + 1] = [token]
        return "\n".join(lines)

    def restore(self, html: str) -> Restored:
        """*html* (a page's content after Markdown) with every element in place of its
        placeholder (:attr:`Restored.full`); the same for the search index
        (:attr:`Restored.light`), where an element marked ``data-search-exclude`` (Material's
        mark for what search leaves out) stays out of sight until :meth:`reveal`; and
        the ids in the elements (for links to anchors)."""
        if self._prefix not in html:
            return Restored(html, html, set())
        ids: set[str] = set()
        texts: dict[str, str] = {}

        def element(match: re.Match) -> str:
            token = match.group(1) or match.group(2)
            content = self._html.pop(token, None)
            if content is None:
                return match.group(0)
            ids.update(html_ids(content))
            # Markdown ends a raw HTML block of its own with a line break (except at the very end:
            # it strips the page's HTML).
            texts[token] = content + "\n" if match.group(1) and match.end() < len(html) else content
            return texts[token]

        full = self._placed.sub(element, html)
        hidden = {token: text for token, text in texts.items() if _SEARCH_EXCLUDED.match(text)}
        if not hidden:
            return Restored(full, full, ids)
        self._hidden.update((token, _SEARCH_MARK.sub("", text)) for token, text in hidden.items())

        def light(match: re.Match) -> str:
            token = match.group(1) or match.group(2)
            if token in hidden:
                return f'<div data-search-exclude="ja">{token}</div>'
            return texts.get(token, match.group(0))

        return Restored(full, self._placed.sub(light, html), ids)

    def reveal(self, text: str, forget: bool = False) -> str:
        """*text* (a page's content or the whole page) with the elements that were kept out of
        the search index's sight back in place; *forget*: the last time for this page."""
        if self._prefix not in text:
            return text
        found = []

        def element(match: re.Match) -> str:
            found.append(match.group(1))
            return self._hidden.get(match.group(1), match.group(0))

        text = self._hiding.sub(element, text)
        if forget:
            for token in found:
                self._hidden.pop(token, None)
        return text
