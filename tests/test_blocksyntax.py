"""A broken block is named at the line where it opens, in Danish (macros/core/blocksyntax.py),
with the line and message Jinja itself gives for each mistake."""

from __future__ import annotations

import jinja2
import pytest

from macros.core.blocksyntax import block_line, explain, never_closed

PAGE = "# Side\n\nTekst.\n\n{block}\n\nMere tekst.\n\n## Afsnit\n\n{{{{ andet() }}}}\n"


def jinja_error(text: str) -> jinja2.TemplateSyntaxError:
    with pytest.raises(jinja2.TemplateSyntaxError) as info:
        jinja2.Environment().from_string(text)
    return info.value


@pytest.mark.parametrize(
    "block, danish",
    [
        ("{{ noegletal( }}", "En parentes, et komma eller et anførselstegn mangler"),
        ('{{ maal(\n   "uddannelse"\n   "x" }}', "En parentes, et komma eller et anførselstegn mangler"),
        ("{{ noegletal()", "Byggeklodsen er ikke lukket: der mangler «}}»"),
        ("{{ noegletal() }", "Byggeklodsen er ikke lukket: der mangler «}}»"),
        ("{# en kommentar", "En kommentar «{# … #}» er ikke lukket"),
        ("{% for x in %}{% endfor %}", "Byggeklodsen mangler en værdi"),
        ("{{ noegletal() | ukendt }}", "«| ukendt» er ikke et filter"),
        ("{% if true %}\n{{ noegletal() }}", "«{% if … %}» mangler sit «{% endif %}»."),
        ("{% iff %}", "«{% iff %}» er ikke en kommando"),
    ],
)
def test_the_error_is_at_the_line_where_the_block_opens_and_in_danish(block, danish):
    text = PAGE.format(block=block)
    error = jinja_error(text)
    assert block_line(text, error.lineno) == 5
    message = explain(error.message, never_closed(text, error.lineno))
    assert danish in message
    for english in ("unexpected", "expected", "Jinja", "template", "tag"):
        assert english not in message


def test_a_block_on_its_own_line_keeps_its_line():
    text = PAGE.format(block="Ingen byggeklods her.").replace("{{ andet() }}", "{{ andet( }}")
    assert block_line(text, jinja_error(text).lineno) == 11


def test_closed_tags_before_the_error_do_not_count():
    text = "{% if a %}\nx\n{% endif %}\n\n{% for x in y %}\n{{ x }}\n"
    assert block_line(text, jinja_error(text).lineno) == 5


def test_an_unknown_line_stays_unknown():
    assert block_line("{{ x }}", None) is None
