#!/usr/bin/env python3
"""How long the PDF takes, and how much of it is mkdocs-with-pdf's own overhead.

A measuring tool, not a test. Builds the plan once (site + PDF + meeting
packs) and prints:

* the whole build (``scripts/build.py``);
* the PDF step as mkdocs-with-pdf reports it (collecting the pages, our
  preparation in macros/pdf/document.py, and WeasyPrint);
* WeasyPrint alone, rendering the very same combined HTML (saved by the PDF
  hook to build/pdf/helhedsplan.html) with the same options;
* the difference: what the plugin and our preparation add.

Usage: python scripts/pdf_timing.py [--project DIR] [--site-dir DIR]

Other scripts call :func:`measure`, which returns a :class:`PdfTiming`.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_PDF_STEP = re.compile(r"Converting (\d+) articles to PDF took ([0-9.]+)s")
_PREPARE = re.compile(r"plan-pdf: forberedelse ([0-9.]+) s")
_PACK = re.compile(r"plan-pdf: moedepakke (\S+) ([0-9.]+) s")


@dataclass(frozen=True)
class PdfTiming:
    build_s: float  # the whole build, site + PDF + meeting packs
    pdf_step_s: float  # mkdocs-with-pdf's own measure of its work
    weasyprint_s: float  # WeasyPrint alone on the same combined HTML
    prepare_s: float  # our preparation of the combined HTML (part of the PDF step)
    meeting_packs_s: float  # all meeting packs (after the PDF step)
    pages: int  # pages in the plan's PDF
    articles: int  # pages of the site collected into the PDF

    @property
    def overhead_s(self) -> float:
        """What the PDF step costs beyond WeasyPrint's own rendering."""
        return self.pdf_step_s - self.weasyprint_s


def weasyprint_alone(html_path: Path, target: Path) -> tuple[float, int]:
    """Seconds WeasyPrint takes to render *html_path* to *target*, and the page count.

    With the garbage-collector settings of the build (macros/core/collection.py), so the
    comparison measures what the PDF step adds, not a difference in those settings."""
    sys.path.insert(0, str(ROOT))
    from weasyprint import HTML

    from macros.core import collection
    from macros.pdf.document import PDF_OPTIONS

    html = html_path.read_text(encoding="utf-8")
    saved = gc.get_threshold()
    collection.use_batch_thresholds()
    try:
        started = time.perf_counter()
        document = HTML(string=html).render()
        document.write_pdf(target, **PDF_OPTIONS)
        return time.perf_counter() - started, len(document.pages)
    finally:
        gc.set_threshold(*saved)


def measure(project: Path = ROOT, site_dir: Path | None = None, environment: dict | None = None) -> PdfTiming:
    """Build *project* once with the PDF and time its parts; *environment* is added to the build's."""
    project = Path(project).resolve()
    with tempfile.TemporaryDirectory(prefix="plan-pdf-timing-") as tmp:
        site = Path(site_dir) if site_dir else Path(tmp) / "site"
        log = Path(tmp) / "mkdocs.log"
        command = [sys.executable, str(project / "scripts" / "build.py"), "--site-dir", str(site), "--log", str(log)]
        started = time.perf_counter()
        result = subprocess.run(command, cwd=project, env=dict(os.environ, **(environment or {})),
                                capture_output=True, text=True)
        build_s = time.perf_counter() - started
        if result.returncode != 0:
            raise RuntimeError("Bygningen fejlede:\n" + result.stdout + result.stderr)
        text = log.read_text(encoding="utf-8")
        step = _PDF_STEP.search(text)
        prepare = _PREPARE.search(text)
        packs = sum(float(m.group(2)) for m in _PACK.finditer(text))
        if step is None:
            raise RuntimeError("mkdocs-with-pdf rapporterede ikke sin tid (er PDF'en slået til?).")
        weasy_s, pages = weasyprint_alone(project / "build" / "pdf" / "helhedsplan.html", Path(tmp) / "alene.pdf")
        return PdfTiming(
            build_s=build_s,
            pdf_step_s=float(step.group(2)),
            weasyprint_s=weasy_s,
            prepare_s=float(prepare.group(1)) if prepare else 0.0,
            meeting_packs_s=packs,
            pages=pages,
            articles=int(step.group(1)),
        )


def report(timing: PdfTiming) -> str:
    share = timing.overhead_s / timing.pdf_step_s * 100 if timing.pdf_step_s else 0.0
    return "\n".join(
        [
            f"Hele bygningen (site + PDF + mødepakker): {timing.build_s:6.1f} s",
            f"PDF-trinnet (mkdocs-with-pdf, {timing.articles} sider ind): {timing.pdf_step_s:6.1f} s",
            f"  heraf vores forberedelse (macros/pdf/document.py):  {timing.prepare_s:6.1f} s",
            f"WeasyPrint alene, samme HTML ({timing.pages} sider):  {timing.weasyprint_s:6.1f} s",
            f"Merforbrug i PDF-trinnet ud over WeasyPrint: {timing.overhead_s:6.1f} s ({share:.0f} %)",
            f"Mødepakker (efter PDF-trinnet):             {timing.meeting_packs_s:6.1f} s",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mål PDF'ens byggetid og plugin'ets merforbrug.")
    parser.add_argument("--project", default=str(ROOT), help="projektmappe (standard: denne)")
    parser.add_argument("--site-dir", default=None, help="hvor sitet bygges (standard: en midlertidig mappe)")
    args = parser.parse_args(argv)
    print(report(measure(Path(args.project), Path(args.site_dir) if args.site_dir else None)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
