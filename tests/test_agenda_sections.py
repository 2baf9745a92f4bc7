"""Meeting agendas' sections (``bilag: oekonomi.md#lokal-medfinansiering``) are checked
by ``make validate`` too, from the chapters' Markdown, with the site's own slugs."""

from __future__ import annotations

import contextlib
import importlib.util
import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, copy_project

from macros.core.headings import heading_anchors, markdown_extensions, nav_pages

MEETING = Path("data/moeder/bestyrelse-2025-01-27.yaml")
EXTENSIONS = markdown_extensions(ROOT / "mkdocs.yml")


def test_heading_anchors_keep_danish_letters_number_repeats_and_take_explicit_ids():
    text = "---\nejer: sb\n---\n\n# Læs mere\n\n## Læs mere\n\n### Mål {: #maal }\n\n```\n# ikke en overskrift\n```\n"
    assert heading_anchors(text, EXTENSIONS) == ["læs-mere", "læs-mere_1", "maal"]


def test_heading_anchors_are_the_ids_the_built_site_gives_the_headings(built_site):
    """Every anchor computed from a chapter's Markdown is an id of the built page (the
    build's blocks add more), so validate accepts no section the PDF step would refuse."""
    checked = 0
    for page in nav_pages(ROOT / "mkdocs.yml"):
        html_path = built_site / (page[: -len(".md")].removesuffix("index") + "/index.html").lstrip("/")
        built = BeautifulSoup(html_path.read_text(encoding="utf-8"), "html.parser").select_one("article")
        built_ids = {element["id"] for element in built.find_all(id=True)}
        computed = heading_anchors((ROOT / "docs" / page).read_text(encoding="utf-8"), EXTENSIONS)
        assert set(computed) <= built_ids, (page, sorted(set(computed) - built_ids))
        checked += len(computed)
    assert checked > 50  # the chapters' headings, not a page or two


def test_the_navigation_lists_the_pages_of_the_pdf():
    pages = nav_pages(ROOT / "mkdocs.yml")
    assert "oekonomi.md" in pages and "kriterier/historik.md" in pages and len(pages) == len(set(pages))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    target = tmp_path_factory.mktemp("agenda") / "project"
    copy_project(target, ("data", "docs", "mkdocs.yml"))
    return target


def validate(project: Path, attachment: str) -> tuple[int, str]:
    """``scripts/validate.py`` (its check, in this process) with one attachment changed."""
    spec = importlib.util.spec_from_file_location("agenda_validate", ROOT / "scripts" / "validate.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    path = project / MEETING
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("      - oekonomi.md\n", f"      - {attachment}\n", 1), encoding="utf-8")
    err = io.StringIO()
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            code = script.main(project / "data")
    finally:
        path.write_text(original, encoding="utf-8")
    return code, err.getvalue()


@pytest.mark.parametrize(
    "attachment",
    ["oekonomi.md#lokal-medfinansiering", "organisering.md#sådan-hænger-det-sammen", "organisering.md#lbf",
     "tidsplan.md#milepael-udkast-praekvalifikation"],  # the last one is a row made by a block
)
def test_existing_sections_are_accepted(project, attachment):
    assert validate(project, attachment) == (0, "")


def test_an_unknown_section_is_refused_by_validate_with_line_and_the_nearest_one(project):
    code, message = validate(project, "organisering.md#saadan-haenger-det-sammen")
    assert code == 1
    assert "moeder/bestyrelse-2025-01-27.yaml, linje" in message and "«bilag»" in message
    assert "Afsnittet «#saadan-haenger-det-sammen» findes ikke på siden «organisering.md»." in message
    assert "Mente du «sådan-hænger-det-sammen»?" in message


def test_an_unknown_row_of_a_block_is_refused_with_the_pages_sections(project):
    code, message = validate(project, "tidsplan.md#milepael-findes-ikke")
    assert code == 1 and "Afsnittet «#milepael-findes-ikke» findes ikke på siden «tidsplan.md»." in message


def test_a_page_outside_the_navigation_is_refused(project):
    extra = project / "docs" / "ekstra.md"
    extra.write_text("# Ekstra\n", encoding="utf-8")
    try:
        code, message = validate(project, "ekstra.md")
    finally:
        extra.unlink()
    assert code == 1 and "docs/ekstra.md: Siden er ikke med i navigationen." in message


def test_validate_refuses_what_the_build_refuses_about_the_navigation(project):
    """A page left out of nav, and a nav entry for a page that does not exist, are found by
    make validate (the build refuses both), with the file and line."""
    mkdocs_yml = project / "mkdocs.yml"
    original = mkdocs_yml.read_text(encoding="utf-8")
    mkdocs_yml.write_text(original.replace("  - Tidsplan: tidsplan.md", "  - Tidsplan: tidsplanen.md"), encoding="utf-8")
    try:
        code, message = validate(project, "oekonomi.md")
    finally:
        mkdocs_yml.write_text(original, encoding="utf-8")
    line = original.splitlines().index("  - Tidsplan: tidsplan.md") + 1
    assert code == 1
    assert f"mkdocs.yml, linje {line}: Navigationen («nav:») nævner siden «tidsplanen.md», som ikke findes" in message
    assert "docs/tidsplan.md: Siden er ikke med i navigationen." in message
    assert validate(project, "oekonomi.md") == (0, "")
