"""What the tests read back from a built PDF: each page's text, and its bookmarks.

pdfium (Chromium's PDF engine, through pypdfium2) reads the plan's 250 pages in about a
second. Its text is given as a reader copying it would see it: lines end in ``\\n``, and
a word hyphenated at the end of a line (pdfium marks the break with U+0002) keeps its
hyphen and line break. The PDF's structure (catalog, fonts, structure tree) is read with
pikepdf, as the build's own accessibility check does.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2


def _open(pdf: Path | bytes) -> pypdfium2.PdfDocument:
    return pypdfium2.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))


def page_texts(pdf: Path | bytes) -> list[str]:
    """The text of every page of *pdf* (a file or its bytes), in order."""
    document = _open(pdf)
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_bounded().replace("\r\n", "\n").replace("\x02", "-\n"))
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


def outline(pdf: Path | bytes) -> list[tuple[int, str, int]]:
    """(level, title, 1-based page) for every bookmark of *pdf*, in order; level 0 is a chapter."""
    document = _open(pdf)
    try:
        return [(mark.level, mark.get_title(), mark.get_dest().get_index() + 1) for mark in document.get_toc()]
    finally:
        document.close()
