"""Where a broken building block starts, and what is wrong with it, in Danish.

Jinja reports a syntax error at the line where its parser gave up: for a block
written over several lines that is its last line, and for a block that is never
closed (``{{ noegletal()`` or ``{% if … %}`` without ``{% endif %}``) it is the
last line of the page. Its message is English parser text (``unexpected '}',
expected ')'``). :func:`block_line` finds the line where the broken block opens,
and :func:`explain` says in Danish what is wrong, so the page error names the
block the staff member wrote, in words they can act on.
"""

from __future__ import annotations

import re

#: Jinja's delimiters: an opener and the closer that ends it.
_CLOSERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_DELIMITER = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")
#: A block tag that needs an end tag, and the end tags.
_BLOCK_TAG = re.compile(r"^\{%-?\s*(if|for|macro|call|filter|set|raw|with|block)\b")
_END_TAG = re.compile(r"^\{%-?\s*end(\w+)")
_SET_INLINE = re.compile(r"^\{%-?\s*set\s+[^%]*=")


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def block_line(source: str, error_line: int | None) -> int | None:
    """The 1-based line where the block that Jinja refused at *error_line* opens."""
    return _scan(source, error_line)[0]


def never_closed(source: str, error_line: int | None) -> bool:
    """The block that Jinja refused at *error_line* has no closing ``}}`` / ``%}`` / ``#}``."""
    return _scan(source, error_line)[1]


def _scan(source: str, error_line: int | None) -> tuple[int | None, bool]:
    if error_line is None:
        return None, False
    lines = source.splitlines(keepends=True)
    end = sum(len(line) for line in lines[:error_line])
    open_at: int | None = None  # the opener not yet closed
    opener = ""
    last_opened: int | None = None  # the last opener before the error
    tags: list[tuple[str, int]] = []  # block tags not yet ended: name, position
    for match in _DELIMITER.finditer(source, 0, end):
        token, position = match.group(), match.start()
        if open_at is None and token in _CLOSERS:
            open_at, opener, last_opened = position, token, position
        elif open_at is not None and token == _CLOSERS[opener]:
            if opener == "{%":
                _track_tag(source[open_at:match.end()], open_at, tags)
            open_at = None
    if open_at is not None:
        return _line_of(source, open_at), _unclosed(source, open_at, opener)
    if error_line >= len(lines) and tags:
        return _line_of(source, tags[-1][1]), False  # a tag without its end tag
    return (_line_of(source, last_opened) if last_opened is not None else error_line), False


def _unclosed(source: str, position: int, opener: str) -> bool:
    """No closer for the opener at *position* before the next block opens (or at all)."""
    closer = source.find(_CLOSERS[opener], position + 2)
    following = [i for i in (source.find(o, position + 2) for o in _CLOSERS) if i >= 0]
    return closer < 0 or (bool(following) and min(following) < closer)


def _track_tag(tag: str, position: int, tags: list[tuple[str, int]]) -> None:
    if (end := _END_TAG.match(tag)) and tags and tags[-1][0] == end.group(1):
        tags.pop()
    elif (start := _BLOCK_TAG.match(tag)) and not (start.group(1) == "set" and _SET_INLINE.match(tag)):
        tags.append((start.group(1), position))


def explain(message: str, unclosed: bool = False) -> str:
    """Jinja's English *message* as a Danish sentence about what is wrong (*unclosed*:
    the block has no closing delimiter at all, see :func:`never_closed`)."""
    text = str(message)
    if "end of comment" in text:
        return "En kommentar «{# … #}» er ikke lukket: der mangler «#}»."
    if unclosed:
        return "Byggeklodsen er ikke lukket: der mangler «}}» (eller «%}»)."
    if match := re.search(r"innermost block that needs to be closed is '(\w+)'", text):
        return f"«{{% {match.group(1)} … %}}» mangler sit «{{% end{match.group(1)} %}}»."
    if "end of template" in text:
        return "Byggeklodsen er ikke lukket: der mangler «}}» (eller «%}»)."
    if match := re.search(r"unknown tag '(\w+)'", text):
        return f"«{{% {match.group(1)} %}}» er ikke en kommando, som siden kender."
    if match := re.search(r"No (filter|test) named '(\w+)'", text):
        return f"«| {match.group(2)}» er ikke et filter, som siden kender."
    if "Expected an expression" in text:
        return "Byggeklodsen mangler en værdi, fx et argument i anførselstegn."
    if re.search(r"expected '\)'|unexpected '\}'|unexpected '\)'|unexpected char|expected token", text):
        return "En parentes, et komma eller et anførselstegn mangler eller står forkert."
    if "unexpected" in text or "expected" in text:
        return "Byggeklodsen indeholder et tegn, der ikke hører til der."
    return "Byggeklodsen kan ikke læses."
