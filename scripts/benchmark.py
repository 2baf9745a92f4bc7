#!/usr/bin/env python3
"""Print performance figures for the plan's build (figures, not assertions).

Measures, on copies of the project in a temporary folder (the working tree
and site/ are never touched):

1. clean site build (no PDF) and clean site + PDF build (scripts/build.py);
2. the cost of the building blocks: the same pages built with macros and data
   vs. pre-rendered (the Markdown the macros produced, built without the
   macros plugin);
3. the PDF step vs. WeasyPrint alone on the very same HTML that the PDF step
   hands to WeasyPrint (measured by scripts/pdf_timing.py);
4. preview rebuild: ``mkdocs serve`` (as ``make serve``), time from saving an
   edited chapter until the browser is told to reload;
5. a synthetic plan with 10 vs. 100 areas (scripts/generate_synthetic_plan.py),
   when that generator is available.

Usage: python scripts/benchmark.py [--repeat N] [--skip-serve] [--skip-synthetic] [--synthetic-pdf]
Wall-clock times; the median of N runs where N > 1. The machine's load
affects the figures: compare runs made on the same machine at the same time.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TODAY = "2026-01-15"

#: A hook for a copy: writes every page's Markdown as the macros left it.
DUMP_MARKDOWN_HOOK = '''
import os
from pathlib import Path


def on_page_markdown(markdown, page, config, files):
    target = Path(os.environ["PLAN_BENCH_RENDERED"]) / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown, encoding="utf-8")
    return markdown
'''


def copy_project(target: Path) -> Path:
    """A copy of the project (the same items the synthetic plan generator copies)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from generate_synthetic_plan import copy_project as copy_into

    copy_into(target)
    return target


def env(**extra: str) -> dict:
    return dict(os.environ, PLAN_TODAY=TODAY, NO_MKDOCS_2_WARNING="1", **extra)


def timed(command: list[str], cwd: Path, environment: dict | None = None) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=environment or env(), capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"command failed: {' '.join(command)}\n{result.stdout}{result.stderr}")
    return elapsed


def build(project: Path, site: Path, pdf: bool, environment: dict | None = None) -> float:
    shutil.rmtree(site, ignore_errors=True)
    command = [PYTHON, str(project / "scripts" / "build.py"), "--site-dir", str(site),
               "--log", str(site.parent / "build.log")]
    if not pdf:
        command.append("--no-pdf")
    return timed(command, project, environment)


def mkdocs_build(project: Path, site: Path, config: str = "mkdocs.yml") -> float:
    shutil.rmtree(site, ignore_errors=True)
    return timed([PYTHON, "-m", "mkdocs", "build", "--strict", "-q", "-f", config, "-d", str(site)], project,
                 env(PLAN_PDF="0"))


def median(func, repeat: int) -> float:
    return statistics.median(func() for _ in range(repeat))


def remove_macros_plugin(config_text: str) -> str:
    """mkdocs.yml without the macros plugin entry (and its indented options)."""
    lines = config_text.splitlines(keepends=True)
    out, skipping, indent = [], False, 0
    for line in lines:
        stripped = line.lstrip(" ")
        current = len(line) - len(stripped)
        if re.match(r"-\s+macros\s*:?\s*$", stripped.rstrip("\n")):
            skipping, indent = True, current
            continue
        if skipping and (current > indent or not stripped.strip()):
            continue
        skipping = False
        out.append(line)
    return "".join(out)


def front_matter(text: str) -> str:
    match = re.match(r"^---\s*\n.*?\n---\s*\n", text, re.DOTALL)
    return match.group(0) if match else ""


def bench_macros(work: Path, repeat: int) -> tuple[float, float]:
    """Build with macros + data vs. the same pages pre-rendered (no macros plugin)."""
    project = copy_project(work / "macros-project")
    rendered = work / "rendered"
    hook = project / "bench_dump_hook.py"
    hook.write_text(DUMP_MARKDOWN_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    dump_config = project / "mkdocs-dump.yml"
    dump_config.write_text(
        config.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n  - bench_dump_hook.py\n", 1),
        encoding="utf-8",
    )
    timed([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(dump_config), "-d", str(work / "dump-site")],
          project, env(PLAN_PDF="0", PLAN_BENCH_RENDERED=str(rendered)))

    plain = copy_project(work / "prerendered-project")
    changed = 0
    for page in rendered.rglob("*.md"):
        relative = page.relative_to(rendered)
        original = (project / "docs" / relative).read_text(encoding="utf-8")
        text = page.read_text(encoding="utf-8")
        changed += "{{" in original and text.strip() not in original
        (plain / "docs" / relative).write_text(front_matter(original) + text, encoding="utf-8")
    if not changed:
        raise SystemExit("benchmark: the dumped Markdown was not rendered by the macros (hook order changed?)")
    (plain / "mkdocs.yml").write_text(remove_macros_plugin(config.read_text(encoding="utf-8")), encoding="utf-8")

    with_macros = median(lambda: mkdocs_build(project, work / "site-macros"), repeat)
    prerendered = median(lambda: mkdocs_build(plain, work / "site-plain"), repeat)
    return with_macros, prerendered


def bench_pdf(work: Path):
    """Site + PDF build, the PDF step and WeasyPrint alone on the same HTML (scripts/pdf_timing.py)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import pdf_timing

    project = copy_project(work / "pdf-project")
    os.environ.setdefault("PLAN_TODAY", TODAY)
    return pdf_timing.measure(project, work / "pdf-site")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_serve(work: Path, chapter: str = "om-planen.md", edits: int = 2) -> list[float]:
    """Time from saving an edited chapter until ``mkdocs serve`` has rebuilt and reloads browsers."""
    project = copy_project(work / "serve-project")
    port = free_port()
    process = subprocess.Popen(
        [PYTHON, "-m", "mkdocs", "serve", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=env(PLAN_PDF="0"), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
    )
    lines: list[tuple[float, str]] = []

    def reader() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append((time.perf_counter(), line))

    threading.Thread(target=reader, daemon=True).start()

    def wait_for(pattern: str, after: int, timeout: float = 120) -> float:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            for stamp, line in lines[after:]:
                if re.search(pattern, line):
                    return stamp
            if process.poll() is not None:
                raise SystemExit("mkdocs serve stopped:\n" + "".join(line for _, line in lines))
            time.sleep(0.05)
        raise SystemExit(f"mkdocs serve: no '{pattern}' within {timeout} s")

    timings = []
    try:
        wait_for(r"Serving on", 0)
        page = project / "docs" / chapter
        for number in range(edits):
            time.sleep(1.5)  # let the watcher settle
            mark = len(lines)
            started = time.perf_counter()
            with open(page, "a", encoding="utf-8") as handle:
                handle.write(f"\nEn ny sætning nummer {number}.\n")
            timings.append(wait_for(r"Reloading browsers", mark) - started)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    return timings


def bench_synthetic(work: Path, sizes=(10, 100), pdf: bool = False) -> dict[int, tuple[float, float, float | None]] | None:
    """Validate, site build (and with --synthetic-pdf site + PDF) of synthetic plans (scripts/generate_synthetic_plan.py)."""
    generator = ROOT / "scripts" / "generate_synthetic_plan.py"
    if not generator.exists():
        return None
    figures = {}
    for size in sizes:
        target = work / f"synthetic-{size}"
        subprocess.run([PYTHON, str(generator), str(target), "--areas", str(size)], cwd=ROOT,
                       check=True, capture_output=True, text=True)
        validate = timed([PYTHON, str(target / "scripts" / "validate.py"), str(target / "data")], target)
        site = build(target, work / f"synthetic-{size}-site", pdf=False)
        with_pdf = build(target, work / f"synthetic-{size}-site-pdf", pdf=True) if pdf else None
        figures[size] = (validate, site, with_pdf)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per quick measurement (median)")
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--synthetic-pdf", action="store_true", help="also build the synthetic plans' PDFs (slow)")
    args = parser.parse_args(argv)

    print(f"Plan build benchmark ({os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; wall-clock seconds)")
    with tempfile.TemporaryDirectory(prefix="plan-benchmark-") as tmp:
        work = Path(tmp)
        clean = copy_project(work / "clean-project")
        site_clean = median(lambda: build(clean, work / "clean-site", pdf=False), args.repeat)
        pages = len(list((work / "clean-site").rglob("*.html")))
        timing = bench_pdf(work)
        print("\n1. Clean build (scripts/build.py)")
        print(f"   site only (no PDF) ........................ {site_clean:7.2f} s   ({pages} HTML pages)")
        print(f"   site + PDF + meeting packs (make site) .... {timing.build_s:7.2f} s")

        with_macros, prerendered = bench_macros(work, args.repeat)
        print("\n2. Building blocks: the same pages with macros + data vs. pre-rendered (mkdocs build, no PDF)")
        print(f"   with macros and data ...................... {with_macros:7.2f} s")
        print(f"   pre-rendered Markdown, no macros plugin ... {prerendered:7.2f} s")
        print(f"   cost of macros + data loading ............. {with_macros - prerendered:7.2f} s")

        print("\n3. PDF step vs. WeasyPrint alone on the same HTML (scripts/pdf_timing.py)")
        print(f"   PDF step (mkdocs-with-pdf, {timing.articles} pages in) ..... {timing.pdf_step_s:7.2f} s")
        print(f"     of which our preparation (macros/pdf/document.py)  {timing.prepare_s:7.2f} s")
        print(f"   WeasyPrint alone (render + write) ......... {timing.weasyprint_s:7.2f} s   ({timing.pages} PDF pages)")
        print(f"   overhead of the PDF step beyond WeasyPrint  {timing.overhead_s:7.2f} s")
        print(f"   meeting packs (after the PDF step) ........ {timing.meeting_packs_s:7.2f} s")

        print("\n4. Preview (make serve): edit one chapter until the browser reloads")
        if args.skip_serve:
            print("   skipped (--skip-serve)")
        else:
            timings = bench_serve(work)
            print("   " + ", ".join(f"{t:.2f} s" for t in timings) + f"  (median {statistics.median(timings):.2f} s)")

        print("\n5. Synthetic plan: 10 vs. 100 areas (validate / site" + (" / site + PDF)" if args.synthetic_pdf else ")"))
        figures = None if args.skip_synthetic else bench_synthetic(work, pdf=args.synthetic_pdf)
        if args.skip_synthetic:
            print("   skipped (--skip-synthetic)")
        elif figures is None:
            print("   not available: scripts/generate_synthetic_plan.py is missing")
        else:
            for size, (validate, site, pdf) in figures.items():
                extra = f"   site + PDF {pdf:6.2f} s" if pdf is not None else ""
                print(f"   {size:4d} areas: validate {validate:6.2f} s   site {site:6.2f} s{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
