"""Section anchors of a chapter and the site's navigation, read without building the site.

The site's heading addresses keep æ, ø and å (``#læs-mere``): MkDocs' ``toc``
extension is given :data:`HEADING_SLUGIFY` (by ``macros/mkdocs_hooks.py``).
:func:`heading_anchors` runs Python-Markdown with the extensions of
``mkdocs.yml`` and the same slugify over a page's text, so ``make validate``
knows the anchors a meeting agenda may point at (``tidsplan.md#milepæle``)
exactly as the build will make them. Blocks (``{{ … }}``) are left as text:
anchors that only a block's output has are known when the PDF is built.
"""

from __future__ import annotations

import html as html_module
import re
from pathlib import Path
from typing import Any

import markdown
import yaml
from pymdownx.slugs import slugify

from macros.core.errors import Location, PlanError

#: Heading addresses keep æ, ø and å: "Læs mere" → ``#læs-mere`` (Python-Markdown's
#: default drops them: ``#ls-mere``). Unicode-aware, lower case, not percent-encoded.
HEADING_SLUGIFY = slugify(case="lower")

#: The extensions MkDocs always adds to those of mkdocs.yml.
MKDOCS_EXTENSIONS = ("toc", "tables", "fenced_code")

_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n(---|\.\.\.)\s*\n", re.DOTALL)
#: An explicit id in raw HTML of a page (``<div id="x">``).
_HTML_ID = re.compile(r"""(?<![\w-])id\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def markdown_extensions(mkdocs_yml: Path) -> tuple[list[str], dict[str, Any]]:
    """The ``markdown_extensions`` of *mkdocs_yml*: names and their settings."""
    config = yaml.safe_load(Path(mkdocs_yml).read_text(encoding="utf-8")) or {}
    names: list[str] = []
    settings: dict[str, Any] = {}
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, dict):
            for name, options in entry.items():
                names.append(name)
                settings[name] = dict(options or {})
        else:
            names.append(str(entry))
    return names, settings


def heading_anchors(text: str, extensions: tuple[list[str], dict[str, Any]] | None = None) -> list[str]:
    """Every anchor the headings of a page's Markdown *text* get, in page order, plus
    explicit ids in its raw HTML."""
    names, settings = extensions or (["attr_list"], {})
    settings = {name: dict(options) for name, options in settings.items()}
    settings.setdefault("toc", {})["slugify"] = HEADING_SLUGIFY
    names = [*MKDOCS_EXTENSIONS, *(n for n in names if n not in MKDOCS_EXTENSIONS)]
    md = markdown.Markdown(extensions=names, extension_configs=settings)
    body = _FRONT_MATTER.sub("", text, count=1)
    md.convert(body)
    anchors: list[str] = []

    def walk(tokens: list[dict]) -> None:
        for token in tokens:
            anchors.append(token["id"])
            walk(token.get("children", []))

    walk(md.toc_tokens)
    anchors.extend(i for i in html_ids(body) if i not in anchors)
    return anchors


def html_ids(html: str) -> list[str]:
    """The explicit ids in *html* (``<tr id="milepael-x">``; not ``data-id``), in order, as
    a browser reads them (``&amp;`` is ``&``)."""
    return [html_module.unescape(a or b) for a, b in _HTML_ID.findall(html) if a or b]


def nav_pages(mkdocs_yml: Path) -> list[str] | None:
    """The pages in ``nav`` of *mkdocs_yml* (``docs``-relative paths); ``None`` without a ``nav``."""
    config = yaml.safe_load(Path(mkdocs_yml).read_text(encoding="utf-8")) or {}
    if "nav" not in config:
        return None
    pages: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str):
            if not re.match(r"^[a-z]+://", node):
                pages.append(node)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    walk(config["nav"])
    return pages


def navigation_problems(docs_dir: Path, mkdocs_yml: Path) -> list[PlanError]:
    """What the build refuses about the navigation, found without building: a page in
    *docs_dir* that ``nav`` leaves out, and a page in ``nav`` that does not exist."""
    pages = nav_pages(mkdocs_yml) if Path(mkdocs_yml).is_file() else None
    if pages is None:
        return []
    existing = {p.relative_to(docs_dir).as_posix() for p in Path(docs_dir).rglob("*.md")}
    problems = [
        PlanError(Path(docs_dir) / page, "Siden er ikke med i navigationen.",
                  "Tilføj den under «nav:» i mkdocs.yml, eller slet filen.")
        for page in sorted(existing - set(pages))
    ]
    lines = Path(mkdocs_yml).read_text(encoding="utf-8").splitlines()
    for page in pages:
        if page not in existing:
            line = next((n for n, text in enumerate(lines, start=1) if re.search(rf"[\s:]{re.escape(page)}\s*$", text)),
                        None)
            problems.append(PlanError(
                Location(mkdocs_yml, line=line),
                f"Navigationen («nav:») nævner siden «{page}», som ikke findes i docs/.",
                "Ret stien, så den passer til en fil i docs/, eller slet linjen.",
            ))
    return problems
