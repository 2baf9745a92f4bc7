"""Danish messages for errors in a page's {{ … }} building blocks.

mkdocs-macros formats a failing page with ``mkdocs_macros.errors.format_error``,
a ``functools.singledispatch`` function, and stops the build. Its default text
is English and contains a Python traceback. We register our own formatters
for every exception type, so a staff member instead reads which page and line
failed, what is wrong and how to fix it.
"""

from __future__ import annotations

import re
import traceback
from pathlib import Path

from jinja2 import TemplateSyntaxError, UndefinedError
from mkdocs_macros.errors import format_error

from macros.core.blocksyntax import block_line, explain, never_closed
from macros.core.errors import Location, PlanError, suggest

#: Names of the registered building blocks, for "did you mean" hints.
KNOWN_NAMES: set[str] = set()


def _front_matter_offset(page) -> int:
    """Lines before the Markdown body (the YAML front matter)."""
    try:
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
    except (OSError, AttributeError, TypeError):
        return 0
    body = page.markdown or ""
    total, body_lines = len(source.splitlines()), len(body.splitlines())
    return max(total - body_lines, 0) if body_lines else 0


def _template_line(error: BaseException) -> int | None:
    """Line in the page where Jinja was executing when the error happened."""
    line = None
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename == "<template>":
            line = lineno
    return line


def _location(page, line: int | None) -> Location:
    src = getattr(getattr(page, "file", None), "abs_src_path", None) or "ukendt side"
    if line is not None:
        line += _front_matter_offset(page)
    return Location(src, line=line)


def _as_text(error: PlanError) -> str:
    return "\n" + error.format()


@format_error.register
def _format_any(error: Exception, markdown: str, page) -> str:
    where = _location(page, _template_line(error))
    return _as_text(
        PlanError(
            where,
            f"En byggeklods ({{{{ … }}}}) på siden fejlede: {error}",
            "Tjek byggeklodsen på linjen. Hvis teksten ser rigtig ud, så kontakt udviklerne.",
        )
    )


@format_error.register
def _format_plan_error(error: PlanError, markdown: str, page) -> str:
    line = _template_line(error)
    if error.location.file is None:
        # The data behind the block was fine; the call on the page was not.
        error = PlanError(_location(page, line), error.problem, error.fix)
    return _as_text(error)


@format_error.register
def _format_undefined(error: UndefinedError, markdown: str, page) -> str:
    match = re.search(r"'([^']+)' is undefined", str(error))
    name = match.group(1) if match else str(error)
    return _as_text(
        PlanError(
            _location(page, _template_line(error)),
            f"Byggeklodsen eller variablen «{name}» findes ikke.",
            suggest(name, KNOWN_NAMES) if KNOWN_NAMES else "Tjek stavningen.",
        )
    )


@format_error.register
def _format_syntax(error: TemplateSyntaxError, markdown: str, page) -> str:
    """At the line where the broken block opens, with Jinja's English message in Danish
    (:mod:`macros.core.blocksyntax`)."""
    return _as_text(
        PlanError(
            _location(page, block_line(markdown or "", error.lineno)),
            f"En byggeklods {{{{ … }}}} er skrevet forkert: "
            f"{explain(error.message or '', never_closed(markdown or '', error.lineno))}",
            "Skriv byggeklodser som {{ navn() }} med to krøllede parenteser på hver side. "
            "Skal teksten vise krøllede parenteser, så skriv {% raw %}{{ }}{% endraw %}.",
        )
    )
