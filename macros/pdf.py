"""Prepare the combined HTML that mkdocs-with-pdf hands to WeasyPrint.

Called from ``pdf_event_hook.py`` (the plugin's hook interface) just before
rendering. It makes the PDF independent of the network and of the site's
screen CSS, sets document metadata (title, author, language ``da``), inlines
the self-hosted font and the plan's styles, and inserts the cover.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from .context import BuildContext
from .cover import render_cover
from .buildlog import find_line
from .errors import Location, PlanError
from .plan import Plan

_EXTERNAL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
#: Elements and attributes through which WeasyPrint would fetch a resource.
_FETCHING = {"img": "src", "image": "href", "use": "href", "object": "data", "embed": "src",
             "source": "src", "iframe": "src", "video": "src", "audio": "src", "input": "src"}


def _absolutize_css_urls(css: str, base: Path) -> str:
    """Turn relative ``url(...)`` references into file URIs below *base*."""

    def fix(match: re.Match) -> str:
        target = match.group(1)
        if _EXTERNAL.match(target) or target.startswith(("data:", "file:", "#")):
            return match.group(0)
        return f'url("{(base / target).resolve().as_uri()}")'

    return _CSS_URL.sub(fix, css)


def _where(url: str, project_dir: Path | None) -> Location | None:
    """The source file (and line) that mentions *url*, so the message can name it."""
    if project_dir is None:
        return None
    candidates = [project_dir / "pdf" / "styles.scss", project_dir / "docs" / "assets" / "stylesheets" / "plan.css"]
    candidates += sorted((project_dir / "docs").rglob("*.md"))
    for path in candidates:
        line = find_line(path, url)
        if line:
            return Location(path, line=line)
    return None


def check_no_network(soup: BeautifulSoup, project_dir: Path | None = None) -> None:
    """Refuse any resource on another host: the PDF is built offline."""
    for tag, attr in _FETCHING.items():
        for element in soup.find_all(tag):
            value = element.get(attr) or element.get("xlink:href") or ""
            if _EXTERNAL.match(value):
                raise PlanError(
                    _where(value.strip(), project_dir),
                    f"PDF'en henviser til en fil på en anden server ({value}).",
                    "Læg filen i docs/assets og henvis til den derfra.",
                )
    for style in soup.find_all("style"):
        for target in _CSS_URL.findall(style.get_text()):
            if _EXTERNAL.match(target):
                raise PlanError(
                    _where(target.strip(), project_dir),
                    f"PDF'ens stylesheet henviser til en fil på en anden server ({target}).",
                    "Brug kun filer fra docs/assets.",
                )


def prepare(soup: BeautifulSoup, plan: Plan, context: BuildContext, docs_dir: Path) -> BeautifulSoup:
    """Apply all PDF preparations to the combined document *soup*."""
    html = soup.find("html")
    html["lang"] = "da"
    head = soup.find("head")
    if head is None:
        head = soup.new_tag("head")
        html.insert(0, head)

    # Screen assets do not belong in the PDF (and would be fetched relative to nothing).
    for element in head.find_all(["script", "link", "meta", "title"]):
        element.decompose()
    for element in soup.find_all("script"):
        element.decompose()

    facts = plan.facts
    head.insert(0, soup.new_tag("meta", charset="utf-8"))
    title = soup.new_tag("title")
    title.string = f"{facts.title} – {facts.subtitle}"
    head.append(title)
    head.append(soup.new_tag("meta", attrs={"name": "author", "content": facts.publisher}))
    head.append(soup.new_tag("meta", attrs={"name": "description", "content": facts.subtitle}))
    head.append(soup.new_tag("meta", attrs={"name": "dcterms.created", "content": context.today.isoformat()}))

    site_css = docs_dir / "assets" / "stylesheets" / "plan.css"
    style = soup.new_tag("style")
    style.string = _absolutize_css_urls(site_css.read_text(encoding="utf-8"), site_css.parent)
    # Site styles first, so the plugin's and our print styles (already in head) win.
    head.insert(1, style)

    # Move the print styles (plugin defaults + pdf/styles.scss) after the site styles.
    for existing in head.find_all("style"):
        if existing is not style:
            existing.extract()
            head.append(existing)

    logo_path = docs_dir / "assets" / "images" / "logo.svg"
    logo = logo_path.read_text(encoding="utf-8") if logo_path.exists() else ""
    cover = BeautifulSoup(render_cover(plan, context, logo), "html.parser")
    soup.body.insert(0, cover)

    check_no_network(soup, docs_dir.parent)
    return soup
