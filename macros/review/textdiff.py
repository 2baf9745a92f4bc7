"""What changed in a chapter's text, paragraph by paragraph and word by word.

The Markdown *source* of two versions of a chapter is compared: front matter
is left out, and building blocks (``{{ … }}``, ``{% … %}``) are compared as
the source lines they are. A table or figure that changed because its data
changed is therefore not reported here: the data comparers of
:mod:`macros.review.plandiff` say that in words.

The source is cut into blocks (paragraphs, list blocks and headings, split at
blank lines and at heading lines). The blocks are matched with
:class:`difflib.SequenceMatcher`; a changed block is compared word by word.
Each change names the heading it stands under.

Rendering gives Markdown with ``<del>``/``<ins>`` (GitHub's job summary
and ``make diff`` show it; so does the change log page). With
``screen_reader=True`` each deletion and insertion also carries a visually
hidden text marker, so the change is not told by strike-through and
colour alone.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

#: Unchanged words kept on each side of a change inside a paragraph.
CONTEXT_WORDS = 8
#: At most this many changes are shown per chapter; the rest are counted.
MAX_CHANGES = 15

CHANGED, ADDED, REMOVED = "ændret", "nyt", "fjernet"

_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_ATTRS = re.compile(r"\s*\{[#.][^}]*\}\s*$")


@dataclass(frozen=True)
class Block:
    text: str  # whitespace normalised
    heading: str | None  # the heading this block stands under
    is_heading: bool = False


@dataclass(frozen=True)
class Piece:
    op: str  # "=", "-" or "+"
    text: str


@dataclass(frozen=True)
class TextChange:
    kind: str  # CHANGED, ADDED or REMOVED
    heading: str | None
    is_heading: bool
    pieces: tuple[Piece, ...]


def _heading_text(line: str) -> str | None:
    match = _HEADING.match(line.strip())
    return _ATTRS.sub("", match.group(2)).strip() if match else None


def blocks_of(markdown: str) -> list[Block]:
    """The chapter's source as blocks, each with the heading above it."""
    text = _FRONT_MATTER.sub("", markdown.replace("\r\n", "\n"), count=1)
    blocks: list[Block] = []
    heading: str | None = None
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append(Block(" ".join(" ".join(current).split()), heading))
            current.clear()

    for line in text.split("\n"):
        title = _heading_text(line)
        if title is not None:
            flush()
            blocks.append(Block(title, heading, is_heading=True))
            heading = title
        elif not line.strip():
            flush()
        else:
            current.append(line)
    flush()
    return blocks


def _merge(pieces: list[Piece]) -> tuple[Piece, ...]:
    merged: list[Piece] = []
    for piece in pieces:
        if merged and merged[-1].op == piece.op:
            merged[-1] = Piece(piece.op, merged[-1].text + " " + piece.text)
        else:
            merged.append(piece)
    return tuple(merged)


def _trim(pieces: tuple[Piece, ...]) -> tuple[Piece, ...]:
    """Long unchanged stretches shortened to :data:`CONTEXT_WORDS` words on each side of a change."""
    out = []
    for index, piece in enumerate(pieces):
        words = piece.text.split()
        if piece.op != "=" or len(words) <= 2 * CONTEXT_WORDS:
            out.append(piece)
            continue
        first, last = index == 0, index == len(pieces) - 1
        if first:
            text = "… " + " ".join(words[-CONTEXT_WORDS:])
        elif last:
            text = " ".join(words[:CONTEXT_WORDS]) + " …"
        else:
            text = " ".join(words[:CONTEXT_WORDS]) + " … " + " ".join(words[-CONTEXT_WORDS:])
        out.append(Piece("=", text))
    return tuple(out)


def word_diff(old: str, new: str) -> tuple[Piece, ...]:
    """*old* → *new* as unchanged, deleted and inserted runs of words."""
    a, b = old.split(), new.split()
    pieces = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            pieces.append(Piece("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("-", " ".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(Piece("+", " ".join(b[j1:j2])))
    return _trim(_merge(pieces))


def diff_text(old_markdown: str, new_markdown: str) -> list[TextChange]:
    """The changed, added and removed blocks between two versions of a chapter's source."""
    a, b = blocks_of(old_markdown), blocks_of(new_markdown)
    matcher = difflib.SequenceMatcher(None, [x.text for x in a], [x.text for x in b], autojunk=False)
    changes: list[TextChange] = []

    def removed(block: Block) -> None:
        changes.append(TextChange(REMOVED, block.heading, block.is_heading, (Piece("-", block.text),)))

    def added(block: Block) -> None:
        changes.append(TextChange(ADDED, block.heading, block.is_heading, (Piece("+", block.text),)))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        olds, news = a[i1:i2], b[j1:j2]
        for k in range(max(len(olds), len(news))):
            old = olds[k] if k < len(olds) else None
            new = news[k] if k < len(news) else None
            if old is not None and new is not None and old.is_heading == new.is_heading:
                changes.append(TextChange(CHANGED, new.heading, new.is_heading, word_diff(old.text, new.text)))
            else:
                if old is not None:
                    removed(old)
                if new is not None:
                    added(new)
    return changes


# --- rendering -------------------------------------------------------------------------------

#: Characters that would be read as Markdown, HTML or Jinja, as HTML entities.
_ENTITIES = {
    "&": "&amp;", "<": "&lt;", ">": "&gt;", "\\": "&#92;", "`": "&#96;", "*": "&#42;", "_": "&#95;",
    "[": "&#91;", "]": "&#93;", "|": "&#124;", "~": "&#126;", "{": "&#123;", "}": "&#125;", "#": "&#35;",
}


def literal(text: str) -> str:
    """*text* shown exactly as written, in Markdown and in HTML."""
    return "".join(_ENTITIES.get(char, char) for char in text)


def render_pieces(pieces: tuple[Piece, ...], screen_reader: bool = False) -> str:
    out = []
    for piece in pieces:
        text = literal(piece.text)
        if piece.op == "=":
            out.append(text)
        elif piece.op == "-":
            marker = '<span class="plan-sr">[slettet: </span>' if screen_reader else ""
            end = '<span class="plan-sr">]</span>' if screen_reader else ""
            out.append(f"<del>{marker}{text}{end}</del>")
        else:
            marker = '<span class="plan-sr">[indsat: </span>' if screen_reader else ""
            end = '<span class="plan-sr">]</span>' if screen_reader else ""
            out.append(f"<ins>{marker}{text}{end}</ins>")
    return " ".join(out)


def describe(change: TextChange) -> str:
    """``Under «Formål», ændret afsnit`` and the like."""
    what = {
        (CHANGED, False): "ændret afsnit",
        (ADDED, False): "nyt afsnit",
        (REMOVED, False): "afsnit fjernet",
        (CHANGED, True): "overskrift ændret",
        (ADDED, True): "ny overskrift",
        (REMOVED, True): "overskrift fjernet",
    }[(change.kind, change.is_heading)]
    where = f"Under «{literal(change.heading)}», {what}" if change.heading else what[:1].upper() + what[1:]
    return where


def render_change(change: TextChange, screen_reader: bool = False) -> str:
    """One change as one line of Markdown."""
    return f"{describe(change)}: {render_pieces(change.pieces, screen_reader)}"


def render_changes(changes: list[TextChange] | tuple[TextChange, ...], screen_reader: bool = False,
                   indent: str = "    ") -> str:
    """A nested Markdown list of *changes* (at most :data:`MAX_CHANGES`)."""
    lines = [f"{indent}- {render_change(c, screen_reader)}" for c in list(changes)[:MAX_CHANGES]]
    if len(changes) > MAX_CHANGES:
        more = len(changes) - MAX_CHANGES
        lines.append(f"{indent}- … og {more} {'ændring' if more == 1 else 'ændringer'} mere i kapitlet.")
    return "\n".join(lines)
