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
    if error_line is None:
        return None
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
        return _line_of(source, open_at)  # a block that is never closed
    if error_line >= len(lines) and tags:
        return _line_of(source, tags[-1][1])  # a tag without its end tag
    return _line_of(source, last_opened) if last_opened is not None else error_line


def _track_tag(tag: str, position: int, tags: list[tuple[str, int]]) -> None:
    if (end := _END_TAG.match(tag)) and tags and tags[-1][0] == end.group(1):
        tags.pop()
    elif (start := _BLOCK_TAG.match(tag)) and not (start.group(1) == "set" and _SET_INLINE.match(tag)):
        tags.append((start.group(1), position))


def explain(message: str) -> str:
    """Jinja's English *message* as a Danish sentence about what is wrong."""
    text = str(message)
    if match := re.search(r"innermost block that needs to be closed is '(\w+)'", text):
        return f"«{{% {match.group(1)} … %}}» mangler sit «{{% end{match.group(1)} %}}»."
    if "end of template" in text:
        return "Byggeklodsen er ikke lukket: der mangler «}}» (eller «%}»)."
    if match := re.search(r"unknown tag '(\w+)'", text):
        return f"«{{% {match.group(1)} %}}» er ikke en kommando, som siden kender."
    if re.search(r"expected '\)'|unexpected '\}'|unexpected '\)'|unexpected char|expected token", text):
        return "En parentes, et komma eller et anførselstegn mangler eller står forkert."
    if "unexpected" in text or "expected" in text:
        return "Byggeklodsen indeholder et tegn, der ikke hører til der."
    return "Byggeklodsen kan ikke læses."
