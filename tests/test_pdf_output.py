"""End-to-end: the plan's PDF and the shipped meeting pack, read back from the built files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
import pikepdf
from pdfread import outline, page_texts

from macros.plan import load_plan

ROOT = Path(__file__).resolve().parent.parent
MEETING = "bestyrelse-2025-01-27"
#: Words of the plugin's English templates and defaults that must never show.
ENGLISH = ["Table of contents", "Contents", "Page ", " of ", "Chapter", "Copyright", "Generated", "None"]


def read(path: Path) -> tuple[Path, list[str]]:
    return path, page_texts(path)


def nav_chapters() -> list[str]:
    """Titles of the top-level navigation entries, as mkdocs.yml names them, without the
    pages mkdocs-with-pdf leaves out (``exclude_pages``: PDFs of their own, e.g. Årsstatus)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = yaml.safe_load(text.split("\nnav:", 1)[1].join(["nav:", ""]))
    excluded = re.search(r"exclude_pages:\n((?:\s+- .+\n)+)", text)
    prefixes = re.findall(r"- (\S+)", excluded.group(1)) if excluded else []

    def left_out(target) -> bool:
        url = target[: -len(".md")] + "/" if isinstance(target, str) and target.endswith(".md") else ""
        return any(url.startswith(p) for p in prefixes)

    return [next(iter(entry)) for entry in nav["nav"] if not left_out(next(iter(entry.values())))]


@pytest.fixture(scope="module")
def plan_pdf(built_site, built_pdf_pages):
    return built_site / "pdf" / "helhedsplan.pdf", built_pdf_pages


@pytest.fixture(scope="module")
def pack_pdf(built_site):
    return read(built_site / "pdf" / "moeder" / f"{MEETING}.pdf")


def test_cover_shows_title_parties_version_date_and_status(plan_pdf):
    _, pages = plan_pdf
    plan = load_plan(ROOT / "data")
    cover = " ".join(pages[0].split())
    assert plan.facts.title in cover and plan.facts.subtitle in cover
    for party in plan.plan_parties:
        assert party.name in cover
    assert "Teksten er et forslag" in cover and "Forslag til godkendelse" in cover
    assert "Planen er godkendt af Landsbyggefonden og gælder fra 1. oktober 2025" in cover
    assert "VERSION" in cover.upper() and "15. januar 2026" in cover  # PLAN_TODAY of the test build
    assert "Side " not in cover  # the cover has no page furniture


def test_cover_says_example_data_exactly_when_the_document_has_some(built_site, plan_pdf):
    _, pages = plan_pdf
    combined = (ROOT / "build" / "pdf" / "helhedsplan.html").read_text(encoding="utf-8")
    from bs4 import BeautifulSoup

    body = BeautifulSoup(combined, "html.parser").body
    body.find(id="plan-cover").decompose()
    has_example = body.select_one(".plan-eksempel") is not None
    assert ("EKSEMPELDATA" in pages[0].upper()) == has_example


def test_toc_lists_every_chapter_with_the_page_it_starts_on(plan_pdf):
    path, pages = plan_pdf
    toc_pages = [i for i, text in enumerate(pages) if text.lstrip().startswith("Indhold") or "\nIndhold\n" in text[:200]]
    assert toc_pages and toc_pages[0] == 1
    toc_text = "\n".join(pages[toc_pages[0]: toc_pages[0] + 3])
    printed = {}
    for line in toc_text.splitlines():
        m = re.match(r"^(\d+(?:\.\d+)?\.?)\s+(.+?)\s*(?:\. ?)+\s*(\d+)$", line.strip())
        if m:
            printed[f"{m.group(1)} {m.group(2)}".strip()] = int(m.group(3))
    chapters = [(title, page) for level, title, page in outline(path) if level == 0 and title != "Indhold"]
    assert chapters, "no chapter bookmarks"
    for title, page in chapters:
        assert printed.get(title) == page, f"{title}: printed {printed.get(title)}, starts on {page}"
        assert title.split(" ", 1)[1] in pages[page - 1]
    shown = [t.split(" ", 1)[1] for t, _ in chapters]
    for nav_title in nav_chapters():
        assert nav_title in shown or (nav_title == "Forside"), nav_title


def test_no_chapter_repeats_its_title_as_first_section(plan_pdf):
    path, _ = plan_pdf
    marks = outline(path)
    for index, (level, title, _) in enumerate(marks):
        if level == 0 and index + 1 < len(marks) and marks[index + 1][0] == 1:
            assert marks[index + 1][1].split(" ", 1)[1] != title.split(" ", 1)[1], title


def test_every_page_after_the_cover_says_side_x_af_y(plan_pdf):
    _, pages = plan_pdf
    for number, text in enumerate(pages[1:], start=2):
        assert f"Side {number} af {len(pages)}" in text


def test_no_english_or_missing_values(plan_pdf, pack_pdf):
    for _, pages in (plan_pdf, pack_pdf):
        text = "\n".join(pages)
        for word in ENGLISH:
            assert word not in text, word
        assert "æ" in text and "ø" in text and "å" in text


def test_fonts_are_embedded_and_metadata_is_danish(plan_pdf, pack_pdf):
    for path, _ in (plan_pdf, pack_pdf):
        fonts = {}
        with pikepdf.open(path) as pdf:
            for page in pdf.pages:
                resources = page.obj.get("/Resources") or pikepdf.Dictionary()
                for font in (resources.get("/Font") or pikepdf.Dictionary()).values():
                    descendants = font.get("/DescendantFonts")
                    target = descendants[0] if descendants else font
                    descriptor = target.get("/FontDescriptor") or pikepdf.Dictionary()
                    fonts[str(font.get("/BaseFont"))] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            assert fonts and all(fonts.values()), fonts
            assert any("Source-Sans" in name for name in fonts)
            root = pdf.Root
            assert str(root.get("/Lang")) == "da"
            assert str(pdf.docinfo.get("/Title", "")) and str(pdf.docinfo.get("/Author", ""))
            # tagged PDF (structure tree for assistive technology)
            assert bool(root.get("/MarkInfo", pikepdf.Dictionary()).get("/Marked"))
            assert "/StructTreeRoot" in root


def test_meeting_pack_has_cover_agenda_exactly_its_chapters_and_appendix(plan_pdf, pack_pdf):
    plan = load_plan(ROOT / "data")
    meeting = plan.meetings[MEETING]
    path, pages = pack_pdf
    cover = " ".join(pages[0].split())
    assert "MØDEPAKKE" in cover.upper() and meeting.title in cover
    assert "27. januar 2025" in cover and plan.parties[meeting.body_id].name in cover

    marks = [(t, p) for level, t, p in outline(path) if level == 0]
    assert marks[0][0] == "Dagsorden"
    assert marks[-1][0] == "Bilag: Ændringer siden seneste godkendte version"
    chapters = [t for t, _ in marks[1:-1]]

    # the chapter titles (with the full plan's numbers) of the pages the agenda points to
    full_path, _ = plan_pdf
    full_chapters = [t for level, t, _ in outline(full_path) if level == 0 and t != "Indhold"]
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:", 1)[1].join(["nav:", ""]))

    def chapter_for(path):
        for entry in nav["nav"]:
            title, target = next(iter(entry.items()))
            targets = [target] if isinstance(target, str) else [next(iter(t.values())) if isinstance(t, dict) else t for t in target]
            if path in targets:
                return next(c for c in full_chapters if c.split(" ", 1)[1] == title)
        raise AssertionError(path)

    expected = list(dict.fromkeys(chapter_for(ref.path) for ref in meeting.refs))
    assert chapters == expected

    agenda = "\n".join(pages[1:3])
    for item in meeting.items:
        assert item.title in " ".join(agenda.split())
    for page_number, text in enumerate(pages[1:], start=2):
        assert f"Side {page_number} af {len(pages)}" in text


def test_meeting_pack_agenda_page_numbers_point_to_the_chapters(pack_pdf):
    path, pages = pack_pdf
    starts = {t: p for level, t, p in outline(path) if level == 0}
    printed = {}
    for line in "\n".join(pages[1:3]).splitlines():
        m = re.match(r"^(.+?)\s*(?:\. ?)+\s*side (\d+)$", line.strip())
        if m:
            printed[m.group(1).strip()] = int(m.group(2))
    chapters = {t.removeprefix("Bilag: "): p for t, p in starts.items() if t != "Dagsorden"}
    assert len(chapters) >= 2
    for title, page in chapters.items():
        assert printed.get(title) == page, f"{title}: printed {printed.get(title)}, starts on {page}"


def test_every_pdf_of_the_build_passes_the_accessibility_check(built_site):
    """The build checks them too (it would have failed); this guards that the check ran on all."""
    from macros.pdf.accessibility import check_pdf

    pdfs = sorted((built_site / "pdf").rglob("*.pdf"))
    assert built_site / "pdf" / "helhedsplan.pdf" in pdfs and len(pdfs) >= 2
    for path in pdfs:
        assert check_pdf(path) == [], path.name


def test_pdfs_are_pdf_ua_1_with_danish_anchors(built_site, plan_pdf):
    import pikepdf

    for path in [built_site / "pdf" / "helhedsplan.pdf", built_site / "pdf" / "moeder" / f"{MEETING}.pdf"]:
        with pikepdf.open(path) as pdf, pdf.open_metadata() as meta:
            assert meta.get("pdfuaid:part") == "1"
            assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'id="læs-mere"' in html and "ls-mere" not in html


def test_the_yearly_status_reports(built_site):
    """One report per plan year that has begun (the tests' day is in 2026), in the plan's style."""
    for year, preliminary in ((2025, False), (2026, True)):
        path, pages = read(built_site / "pdf" / f"aarsstatus-{year}.pdf")
        cover = " ".join(pages[0].split()).lower()  # the cover's labels are printed in capitals
        assert f"årsstatus {year}" in cover and "planens version" in cover and "versions-id" in cover
        assert ("foreløbig" in cover) is preliminary
        assert "eksempeldata" in cover
        chapters = [t for level, t, _ in outline(path) if level == 0 and t != "Indhold"]
        assert chapters[0] == "1. Sammenfatning" and chapters[-1] == f"7. Ændringer i planen i {year}"
        for number, text in enumerate(pages[1:], start=2):
            assert f"Side {number} af {len(pages)}" in text, number
        for word in ENGLISH:
            assert word not in " ".join(pages), word
