"""The accessibility check of every PDF (macros/pdf/accessibility.py): one small
PDF, rendered from an HTML snippet with the plan's WeasyPrint options, per rule."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from weasyprint import HTML

from macros.core.errors import PlanError
from macros.pdf.accessibility import check_pdf, require_accessible
from macros.pdf.document import PDF_OPTIONS, write_pdf

GOOD_BODY = """
<h1>Kapitel</h1>
<p>Tekst med et <a href="https://example.org/side">link til en side</a>.</p>
<h2>Afsnit</h2>
<svg width="60" height="20" xmlns="http://www.w3.org/2000/svg" role="img">
  <title>Andelen faldt fra 44 % i 2015 til 37 % i 2024 (eksempeldata)</title>
  <rect width="60" height="20" fill="#1b4965"/></svg>
<table><thead><tr><th scope="col">År</th><th scope="col">Andel</th></tr></thead>
<tbody><tr><td>2015</td><td>44 %</td></tr></tbody></table>
<h3>Underafsnit</h3><p>Mere tekst.</p>
"""


def page(body: str = GOOD_BODY, title: str | None = "Helhedsplanen", lang: str | None = "da") -> str:
    head = f"<title>{title}</title>" if title is not None else ""
    lang_attr = f' lang="{lang}"' if lang is not None else ""
    return f"<!doctype html><html{lang_attr}><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


def findings(tmp_path: Path, html: str) -> list:
    target = tmp_path / "test.pdf"
    write_pdf(html, target)
    return check_pdf(target)


def problems(tmp_path: Path, html: str) -> str:
    return "\n".join(f"{f.where()} {f.problem} {f.fix}" for f in findings(tmp_path, html))


def test_a_good_document_passes_and_is_pdf_ua_1(tmp_path):
    target = tmp_path / "god.pdf"
    write_pdf(page(), target)
    assert check_pdf(target) == []
    with pikepdf.open(target) as pdf:
        assert pdf.pdf_version == "1.7"
        assert str(pdf.Root.Lang) == "da"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        with pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1"  # PDF/UA-1 identification


def test_figure_without_text_alternative_is_found_with_page_and_chapter(tmp_path):
    body = GOOD_BODY + '<div style="break-before: page"></div><h2>Grafer</h2><svg width="40" height="10"><rect width="40" height="10"/></svg>'
    found = findings(tmp_path, page(body))
    assert len(found) == 1
    assert found[0].page == 2 and found[0].section == "Grafer"
    assert "figur har ingen tekstalternativ" in found[0].problem
    assert "<title>" in found[0].fix


def test_image_without_alt_is_found(tmp_path):
    image = "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'><rect width='10' height='10'/></svg>"
    assert "tekstalternativ" in problems(tmp_path, page(GOOD_BODY + f'<img src="{image}">'))
    assert problems(tmp_path, page(GOOD_BODY + f'<img src="{image}" alt="Et sort kvadrat">')) == ""


def test_table_without_header_cells_is_found(tmp_path):
    body = GOOD_BODY + "<table><tr><td>2015</td><td>44 %</td></tr></table>"
    assert "tabel har ingen overskriftsceller" in problems(tmp_path, page(body))


def test_skipped_heading_level_is_found(tmp_path):
    text = problems(tmp_path, page("<h1>Kapitel</h1><p>Tekst.</p><h3>For dybt</h3><p>Tekst.</p>"))
    assert "H3 efter H1" in text and "H2" in text


def test_first_heading_must_be_h1(tmp_path):
    assert "H2 efter dokumentets start" in problems(tmp_path, page("<h2>Afsnit</h2><p>Tekst.</p>"))


def test_missing_title_is_found(tmp_path):
    assert "ingen titel" in problems(tmp_path, page(title=None))


def test_missing_or_wrong_language_is_found(tmp_path):
    assert "intet sprog" in problems(tmp_path, page(lang=None))
    assert "«en»" in problems(tmp_path, page(lang="en"))


def test_missing_outline_is_found(tmp_path):
    body = "<p>Et dokument uden overskrifter har ingen bogmærker.</p>"
    assert "ingen bogmærker" in problems(tmp_path, page(body))


def test_link_without_text_is_found(tmp_path):
    body = GOOD_BODY + '<p><a href="https://example.org/" style="display: inline-block; width: 2em; height: 1em"></a></p>'
    assert "link har ingen tekst" in problems(tmp_path, page(body))


def test_a_link_broken_over_two_lines_is_one_link(tmp_path):
    words = " ".join(["ord"] * 40)
    body = f'<h1>Kapitel</h1><p style="width: 8em">Se <a href="https://example.org/">{words}</a> her.</p>'
    assert problems(tmp_path, page(body)) == ""


def test_untagged_pdf_and_hidden_title_are_found(tmp_path):
    target = tmp_path / "utagget.pdf"
    HTML(string=page()).write_pdf(target, **{**PDF_OPTIONS, "pdf_variant": None, "pdf_tags": False})
    text = " ".join(f.problem for f in check_pdf(target))
    assert "ikke tagget" in text and "DisplayDocTitle" in text


def test_a_finding_fails_the_build_with_a_danish_message(tmp_path):
    target = tmp_path / "plan.pdf"
    write_pdf(page(GOOD_BODY + '<svg width="40" height="10"><rect width="40" height="10"/></svg>'), target)
    with pytest.raises(PlanError) as raised:
        require_accessible(target, "planens PDF")
    message = str(raised.value)
    assert "Tilgængelighed i planens PDF, side 1" in message
    assert "tekstalternativ" in message and "Sådan retter du det" in message
    assert "Traceback" not in message


def test_several_findings_are_reported_together(tmp_path):
    target = tmp_path / "plan.pdf"
    write_pdf(page("<h2>Afsnit</h2><table><tr><td>1</td></tr></table>", title=None), target)
    with pytest.raises(PlanError) as raised:
        require_accessible(target, "mødepakken «x»")
    message = str(raised.value)
    assert "ingen titel" in message and "overskriftsceller" in message and "H2 efter" in message
