"""The accessibility check of every PDF the build makes (PDF/UA-1, EN 301 549 ch. 10).

Reads the finished PDF's structure tree with pikepdf and fails on what a
screen reader user would miss:

* a ``Figure`` without a text alternative (``Alt`` or ``ActualText``);
* a ``Table`` without header cells (``TH``);
* a heading that skips a level (``H2`` followed by ``H4``, or a first heading
  that is not ``H1``);
* no title, or a title the viewer does not show (``DisplayDocTitle``);
* no language (``Lang``), or another language than the plan's;
* no outline (bookmarks);
* a link without text;
* no structure tree at all (an untagged PDF).

Each finding names the page and, from the outline, the chapter or section it
is in, and says in Danish what to fix. :func:`require_accessible` turns the
findings into one :class:`~macros.core.errors.PlanError` that fails the build.

The check is our own (about 200 lines on pikepdf) rather than a PDF/UA checker
from PyPI: the candidates there were alpha releases by single maintainers,
gave English messages only, and one pulls in an AGPL library. veraPDF, the
reference validator, is a Java program; it remains the tool for a manual,
complete PDF/UA validation (see docs/om-sitet/tilgaengelighed.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf

from macros.core.errors import Location, PlanError, PlanErrors

#: Structure types that hold a heading of a given level.
HEADING_LEVELS = {f"/H{n}": n for n in range(1, 7)}
#: The plan's language.
LANGUAGE = "da"


@dataclass(frozen=True)
class Finding:
    """One problem in a PDF: where (1-based page, chapter), what, and what to do."""

    page: int | None
    section: str
    problem: str
    fix: str

    def where(self) -> str:
        if self.page is None:
            return ""
        return f"side {self.page}" + (f" (i «{self.section}»)" if self.section else "")


# --- reading the PDF ----------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    try:
        return str(value).strip()
    except (TypeError, ValueError):  # pragma: no cover - a broken string object
        return ""


def _outline(pdf: pikepdf.Pdf) -> list[tuple[int, int, str]]:
    """(1-based page or 0, depth, title) of every bookmark, in order."""
    found: list[tuple[int, int, str]] = []
    pages = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    names = pdf.Root.get("/Names")
    dests = names.get("/Dests") if isinstance(names, pikepdf.Dictionary) else None
    with pdf.open_outline() as outline:
        stack = [(item, 0) for item in reversed(outline.root)]
        while stack:
            item, depth = stack.pop()
            destination = item.destination
            page = None
            if isinstance(destination, pikepdf.Array) and len(destination):
                page = pages.get(destination[0].objgen)
            elif destination is not None and dests is not None:
                page = _named_destination_page(dests, str(destination), pages)
            found.append((page or 0, depth, item.title))
            stack.extend((child, depth + 1) for child in reversed(item.children))
    return found


def _named_destination_page(names, name: str, pages: dict) -> int | None:
    tree = pikepdf.NameTree(names)
    target = tree.get(name)
    if isinstance(target, pikepdf.Dictionary):
        target = target.get("/D")
    if isinstance(target, pikepdf.Array) and len(target):
        return pages.get(target[0].objgen)
    return None


def _section_at(outline: list[tuple[int, int, str]], page: int | None) -> str:
    """The last chapter or section bookmark (depth 0 or 1) that starts on or before *page*."""
    if page is None:
        return ""
    current = ""
    for start, depth, title in outline:
        if start and start <= page and depth <= 1:
            current = title
    return current


def _role_map(pdf: pikepdf.Pdf) -> dict[str, str]:
    tree = pdf.Root.get("/StructTreeRoot")
    mapping = tree.get("/RoleMap") if tree is not None else None
    return {str(k): str(v) for k, v in mapping.items()} if isinstance(mapping, pikepdf.Dictionary) else {}


def _elements(pdf: pikepdf.Pdf):
    """Every structure element in document order, with its 1-based page and its type."""
    pages = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
    roles = _role_map(pdf)
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return
    stack: list[tuple[object, int | None]] = [(root.get("/K"), None)]
    seen: set[tuple[int, int]] = set()
    while stack:
        node, page = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend((child, page) for child in reversed(list(node)))
            continue
        if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
            continue
        if node.is_indirect:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        pg = node.get("/Pg")
        if pg is not None:
            page = pages.get(pg.objgen, page)
        kind = str(node.S)
        yield node, page, roles.get(kind, kind)
        kids = node.get("/K")
        if kids is not None:
            stack.append((kids, page))


def _descendants(element: pikepdf.Dictionary):
    stack = [element.get("/K")]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary):
            yield node
            if "/S" in node:
                stack.append(node.get("/K"))
        elif node is not None:
            yield node  # a marked-content id (int)


def _has_content(element: pikepdf.Dictionary) -> bool:
    """Whether a link element has text: marked content or child elements, not just its annotation."""
    for node in _descendants(element):
        if isinstance(node, pikepdf.Dictionary):
            if str(node.get("/Type", "")) in ("/OBJR", "/MCR"):
                continue
            return True
        if isinstance(node, int):
            return True
    return bool(_text(element.get("/Alt")) or _text(element.get("/ActualText")))


def _link_target(element: pikepdf.Dictionary) -> str:
    """Where a link element's annotation points (destination, address or its description)."""
    for node in _descendants(element):
        if isinstance(node, pikepdf.Dictionary) and str(node.get("/Type", "")) == "/OBJR":
            annotation = node.get("/Obj")
            if not isinstance(annotation, pikepdf.Dictionary):
                continue
            action = annotation.get("/A")
            uri = action.get("/URI") if isinstance(action, pikepdf.Dictionary) else None
            return _text(annotation.get("/Dest") or uri or annotation.get("/Contents"))
    return ""


def _empty_links(links: list[tuple[int | None, str, bool]]) -> list[int | None]:
    """Pages of links without text.

    WeasyPrint makes one link element per line a link is broken over, and the
    piece at a line break can be empty; such a piece, next to a piece of the
    same link that has the text, is not a finding.
    """
    pages = []
    for index, (page, target, has_text) in enumerate(links):
        if has_text:
            continue
        neighbours = links[max(0, index - 1): index] + links[index + 1: index + 2]
        if target and any(t == target and text for _, t, text in neighbours):
            continue
        pages.append(page)
    return pages


# --- the rules ----------------------------------------------------------------------


def check_pdf(path: Path, language: str = LANGUAGE) -> list[Finding]:
    """All findings for the PDF at *path* (empty when it passes)."""
    with pikepdf.open(path) as pdf:
        return _check(pdf, language)


def _check(pdf: pikepdf.Pdf, language: str) -> list[Finding]:
    findings: list[Finding] = []
    root = pdf.Root
    outline = _outline(pdf)

    def add(page, problem, fix):
        findings.append(Finding(page, _section_at(outline, page), problem, fix))

    # Document level: title, language, outline, tags.
    title = _text(pdf.docinfo.get("/Title")) if "/Info" in pdf.trailer else ""
    if not title:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            title = _text(meta.get("dc:title"))
    if not title:
        add(None, "PDF'en har ingen titel.", "Giv dokumentet en <title> i <head> (PDF'ens titel kommer derfra).")
    viewer = root.get("/ViewerPreferences")
    if not (isinstance(viewer, pikepdf.Dictionary) and bool(viewer.get("/DisplayDocTitle", False))):
        add(None, "PDF-læseren viser filnavnet i stedet for titlen (DisplayDocTitle mangler).",
            "Byg PDF'en med planens PDF-indstillinger (macros.pdf.document.PDF_OPTIONS), som sætter den.")
    lang = _text(root.get("/Lang"))
    if not lang:
        add(None, "PDF'en har intet sprog, så skærmlæsere ved ikke, at den er på dansk.",
            'Sæt lang="da" på <html>-elementet.')
    elif language and lang.split("-")[0].lower() != language:
        add(None, f"PDF'ens sprog er «{lang}», ikke «{language}».", f'Sæt lang="{language}" på <html>-elementet.')
    if not outline:
        add(None, "PDF'en har ingen bogmærker (disposition), så man ikke kan springe til et kapitel.",
            "Giv kapitler og afsnit overskrifter (<h1>, <h2>); bogmærkerne laves af dem.")
    marked = root.get("/MarkInfo")
    if "/StructTreeRoot" not in root or not (isinstance(marked, pikepdf.Dictionary) and bool(marked.get("/Marked"))):
        add(None, "PDF'en er ikke tagget (ingen strukturtræ), så skærmlæsere kan ikke læse dens opbygning.",
            "Byg PDF'en med planens PDF-indstillinger (macros.pdf.document.PDF_OPTIONS).")
        return findings

    previous_level = 0
    links: list[tuple[int | None, str, bool]] = []
    for element, page, kind in _elements(pdf):
        if kind == "/Figure":
            if not (_text(element.get("/Alt")) or _text(element.get("/ActualText"))):
                add(page, "En figur har ingen tekstalternativ, så en skærmlæser springer den over.",
                    "Giv figuren en tekst, der siger, hvad den viser: en <title> som første element i en SVG, "
                    'eller alt="…" på et billede. Er figuren kun pynt, så lav den med CSS i stedet.')
        elif kind == "/Table":
            cells = {str(n.get("/S", "")) for n in _descendants(element) if isinstance(n, pikepdf.Dictionary)}
            # A table WeasyPrint split at a page break can leave a part with only its
            # caption on the page before (a known limitation, named in the accessibility
            # statement); a part without any cells has no figures to describe.
            if cells & {"/TD", "/TH"} and "/TH" not in cells:
                add(page, "En tabel har ingen overskriftsceller, så en skærmlæser ikke kan sige, hvad tallene er.",
                    "Markér tabellens første række (eller kolonne) som overskrifter: <th scope=\"col\"> / "
                    "<th scope=\"row\">, i Markdown med en overskriftslinje.")
        elif kind == "/Link":
            links.append((page, _link_target(element), _has_content(element)))
        elif kind in HEADING_LEVELS:
            level = HEADING_LEVELS[kind]
            if level > previous_level + 1:
                before = f"H{previous_level}" if previous_level else "dokumentets start"
                add(page, f"En overskrift springer et niveau over: H{level} efter {before}.",
                    f"Brug overskriftsniveau H{previous_level + 1} her (i Markdown {'#' * (previous_level + 1)}), "
                    "eller indsæt den manglende overordnede overskrift.")
            previous_level = level
    for page in _empty_links(links):
        add(page, "Et link har ingen tekst, så en skærmlæser kun kan læse adressen op.",
            "Skriv en linktekst, der siger, hvor linket fører hen, fx [Økonomi](oekonomi.md).")
    return findings


def require_accessible(path: Path, what: str, language: str = LANGUAGE) -> None:
    """Fail the build with a Danish message when the PDF at *path* has findings.

    *what* names the document for staff (``planens PDF``, ``mødepakken «…»``).
    """
    findings = check_pdf(path, language)
    if not findings:
        return
    errors = [
        PlanError(
            Location(path),
            f"Tilgængelighed i {what}" + (f", {f.where()}" if f.where() else "") + f": {f.problem}",
            f.fix,
        )
        for f in findings
    ]
    raise errors[0] if len(errors) == 1 else PlanErrors(errors)
