"""The text of a PDF's pages, as the tests read it.

pdfium (Chromium's PDF engine, through pypdfium2) reads the plan's 250 pages in about
a second, where pypdf needs half a minute. Its text is made to read as pypdf's did:
lines end in ``\\n``, and a word hyphenated at the end of a line (pdfium marks the
break with U+0002) keeps its hyphen and line break.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2


def page_texts(pdf: Path | bytes) -> list[str]:
    """The text of every page of *pdf* (a file or its bytes), in order."""
    document = pypdfium2.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
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
