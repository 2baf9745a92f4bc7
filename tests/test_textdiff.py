"""Chapter changes as text: paragraphs and words, headings named, building blocks left as source."""

from macros.review import textdiff

OLD = """---
ejer: bestyrelsen
---

# Om planen

## Formål

Planen skal give flere unge en uddannelse og et job.

Et afsnit, der forsvinder.

{{ budget_finansiering() }}

## Historien

Planen begyndte i 2017.
"""

NEW = """---
ejer: koordinationsgruppen
---

# Om planen

## Formålet

Planen skal give flere unge og voksne en uddannelse og et job.

{{ budget_finansiering() }}

## Historien

Planen begyndte i 2017.

Et nyt afsnit med *fed* tekst og {{ x }}.
"""


def test_paragraphs_words_and_headings():
    changes = textdiff.diff_text(OLD, NEW)
    described = [textdiff.describe(c) for c in changes]
    assert described == [
        "Under «Om planen», overskrift ændret",
        "Under «Formålet», ændret afsnit",
        "Under «Formål», afsnit fjernet",  # where it stood
        "Under «Historien», nyt afsnit",
    ]
    heading, paragraph, removed, added = changes
    assert heading.pieces == (textdiff.Piece("-", "Formål"), textdiff.Piece("+", "Formålet"))
    assert paragraph.pieces == (
        textdiff.Piece("=", "Planen skal give flere unge"),
        textdiff.Piece("+", "og voksne"),
        textdiff.Piece("=", "en uddannelse og et job."),
    )
    assert removed.pieces == (textdiff.Piece("-", "Et afsnit, der forsvinder."),)
    # Front matter and unchanged building blocks are no text changes.
    assert not any("budget_finansiering" in p.text for c in changes for p in c.pieces)
    assert added.pieces[0].text == "Et nyt afsnit med *fed* tekst og {{ x }}."


def test_rendering_marks_deletions_and_insertions_in_words_too():
    changes = textdiff.diff_text(OLD, NEW)
    plain = textdiff.render_change(changes[1])
    assert plain == "Under «Formålet», ændret afsnit: Planen skal give flere unge <ins>og voksne</ins> en uddannelse og et job."
    marked = textdiff.render_change(changes[2], screen_reader=True)
    assert marked == (
        'Under «Formål», afsnit fjernet: <del><span class="plan-sr">[slettet: </span>'
        'Et afsnit, der forsvinder.<span class="plan-sr">]</span></del>'
    )
    # Markdown, HTML and Jinja in the quoted source are shown literally, never run.
    added = textdiff.render_change(changes[3])
    assert "&#42;fed&#42;" in added and "&#123;&#123; x &#125;&#125;" in added and "{{" not in added
    nested = textdiff.render_changes(changes)
    assert nested.startswith("    - Under «Om planen», overskrift ændret: <del>Formål</del> <ins>Formålet</ins>")


def test_long_paragraphs_keep_only_the_words_around_a_change():
    words = " ".join(f"ord{i}" for i in range(40))
    pieces = textdiff.word_diff(words, words.replace("ord20", "nyt"))
    assert pieces[0].text.startswith("… ") and pieces[-1].text.endswith(" …")
    assert len(pieces[0].text.split()) == textdiff.CONTEXT_WORDS + 1
    assert [p.op for p in pieces] == ["=", "-", "+", "="]


def test_many_changes_are_counted():
    old = "\n\n".join(f"Afsnit {i}." for i in range(30))
    new = "\n\n".join(f"Afsnit {i} rettet." for i in range(30))
    rendered = textdiff.render_changes(textdiff.diff_text(old, new))
    assert rendered.count("\n    - ") == textdiff.MAX_CHANGES
    assert rendered.endswith("… og 15 ændringer mere i kapitlet.")
