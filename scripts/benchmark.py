#!/usr/bin/env python3
"""Print performance figures for the plan's build (figures, not assertions).

Measures, on copies of the project in a temporary folder (the working tree
and site/ are never touched):

1. clean site build (no PDF) and clean site + PDF build (scripts/build.py);
2. the cost of the building blocks: the same pages built with macros and data
   vs. pre-rendered (the Markdown the macros produced, built without the
   macros plugin);
3. the PDF step vs. WeasyPrint alone on the very same HTML that the PDF step
   hands to WeasyPrint (measured by scripts/pdf_timing.py, in a build of the
   plan's PDF alone: see ``PDF_ONLY``);
4. preview rebuild: ``mkdocs serve`` (as ``make serve``), time from saving an
   edited chapter, and an edited milestone in data/, until the browser is told
   to reload;
5. a synthetic plan with 10, 50 and 100 areas (scripts/generate_synthetic_plan.py),
   when that generator is available;
6. every ratio of these figures from the same run. Figures and ratios are
   written to build/benchmark.json (CI keeps it as an artifact).

Usage: python scripts/benchmark.py [--repeat N] [--only clean,macros,pdf,serve,synthetic] [--json PATH]
       [--skip-serve] [--skip-synthetic] [--synthetic-pdf]
Wall-clock times; the median of N runs where N > 1. The machine's load
affects the figures: compare runs made on the same machine at the same time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
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


#: The build in which the PDF step is timed makes the plan's PDF only: ``make site`` renders the
#: meeting packs and year reports alongside it, in a second process (macros/core/forked.py),
#: and on a machine with two cores that slows the plan's own rendering as much as the
#: plugin's overhead being measured.
PDF_ONLY = {"PLAN_MOEDER": "ingen", "PLAN_AARSSTATUS": "ingen"}


def bench_pdf(work: Path):
    """``make site`` clean (site, PDF, meeting packs, year reports), then the PDF step and
    WeasyPrint alone on the same HTML in a build of the plan's PDF only (scripts/pdf_timing.py)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import pdf_timing

    project = copy_project(work / "pdf-project")
    os.environ.setdefault("PLAN_TODAY", TODAY)
    make_site = build(project, work / "pdf-site", pdf=True)
    return make_site, pdf_timing.measure(project, work / "pdf-site", environment=PDF_ONLY)


def _interruptible() -> None:
    """In the server: Ctrl+C (SIGINT) stops it, even when this was started with SIGINT ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


#: The edits the preview is timed with: a chapter, and a milestone's text in the data.
SERVE_EDITS = {
    "chapter": ("docs/om-planen.md", None),
    "data": ("data/milepaele.yaml", "Bestyrelsen indstiller den samlede plan"),
}


def _edit(project: Path, kind: str, number: int) -> None:
    path, needle = SERVE_EDITS[kind]
    target = project / path
    text = target.read_text(encoding="utf-8")
    if needle is None:
        text += f"\nEn ny sætning nummer {number}.\n"
    else:
        marked = re.sub(r" \(udgave \d+\)", "", text, count=1)
        text = marked.replace(needle, f"{needle} (udgave {number})", 1)
    target.write_text(text, encoding="utf-8")


def bench_serve(work: Path, edits: int = 3) -> dict[str, list[float]]:
    """Time from saving a file until ``mkdocs serve`` (as ``make serve``) tells the
    browser to reload: the browser's own long-poll request (``/livereload/<epoch>/…``)
    is made before the save and answers when the rebuilt site is visible."""
    project = copy_project(work / "serve-project")
    port = free_port()
    process = subprocess.Popen(
        [PYTHON, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=env(PLAN_PDF="0", PLAN_FORHAANDSVISNING="1"),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
        preexec_fn=_interruptible,
    )
    output: list[str] = []
    threading.Thread(target=lambda: output.extend(process.stdout), daemon=True).start()
    root = f"http://127.0.0.1:{port}"

    def first_epoch(timeout: float = 180) -> int:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if process.poll() is not None:
                raise SystemExit("mkdocs serve stopped:\n" + "".join(output))
            try:
                page = urllib.request.urlopen(f"{root}/helhedsplan/", timeout=10).read().decode("utf-8")
                return int(re.search(r"livereload\((\d+),", page).group(1))
            except (OSError, AttributeError):
                time.sleep(0.2)
        raise SystemExit(f"mkdocs serve: no page within {timeout} s")

    def settle(known: int, quiet: float = 1.5) -> int:
        """Wait until no rebuild has finished for *quiet* seconds; the site's version then."""
        while True:
            try:
                known = int(urllib.request.urlopen(f"{root}/livereload/{known}/0", timeout=quiet).read())
            except OSError:  # the request timed out: nothing is being rebuilt
                return known

    timings: dict[str, list[float]] = {kind: [] for kind in SERVE_EDITS}
    try:
        epoch = first_epoch()
        for number in range(edits):
            for kind in SERVE_EDITS:
                epoch = settle(epoch)
                answer: dict[str, object] = {}

                def poll(known: int = epoch) -> None:
                    body = urllib.request.urlopen(f"{root}/livereload/{known}/{number}", timeout=120).read()
                    answer["at"], answer["epoch"] = time.perf_counter(), int(body)

                poller = threading.Thread(target=poll)
                poller.start()
                time.sleep(0.3)  # the request is waiting on the server
                started = time.perf_counter()
                _edit(project, kind, number)
                poller.join(150)
                if "at" not in answer or answer["epoch"] <= epoch:
                    raise SystemExit(f"mkdocs serve did not reload after the {kind} edit:\n" + "".join(output))
                timings[kind].append(answer["at"] - started)
                epoch = answer["epoch"]
    finally:
        process.send_signal(signal.SIGINT)  # as Ctrl+C: the server removes its folder
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    return timings


def bench_synthetic(work: Path, sizes=(10, 50, 100), pdf: bool = False) -> dict[int, tuple[float, float, float | None]] | None:
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


SECTIONS = ("clean", "macros", "pdf", "serve", "synthetic")

#: The goals of the figures (issue "Speed"), for the summary: figure -> (goal, unit).
GOALS = {
    "preview_chapter_s": (1.0, "s"),
    "pdf_step_vs_weasyprint": (1.10, "x"),
    "site_pdf_clean_s": (60.0, "s"),
    "synthetic_100_site_s": (30.0, "s"),
    "synthetic_100_validate_s": (5.0, "s"),
    "synthetic_site_growth": (1.0, "x"),
    "macros_vs_prerendered": (1.10, "x"),
}


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a is not None and b else None


def ratios(figures: dict) -> dict[str, float | None]:
    """Every ratio the figures of one run give."""
    get = figures.get
    return {
        "pdf_step_vs_weasyprint": ratio(get("pdf_step_s"), get("weasyprint_s")),
        "macros_vs_prerendered": ratio(get("with_macros_s"), get("prerendered_s")),
        "site_pdf_vs_site_only": ratio(get("site_pdf_clean_s"), get("site_clean_s")),
        "preview_chapter_vs_goal": ratio(get("preview_chapter_s"), GOALS["preview_chapter_s"][0]),
        "preview_data_vs_chapter": ratio(get("preview_data_s"), get("preview_chapter_s")),
        "preview_chapter_vs_site_clean": ratio(get("preview_chapter_s"), get("site_clean_s")),
        "synthetic_100_vs_10_site": ratio(get("synthetic_100_site_s"), get("synthetic_10_site_s")),
        "synthetic_100_vs_10_validate": ratio(get("synthetic_100_validate_s"), get("synthetic_10_validate_s")),
        # The cost of one more area from 50 to 100 areas over that from 10 to 50: at most 1
        # when the build grows at most linearly.
        "synthetic_site_growth": growth(get("synthetic_10_site_s"), get("synthetic_50_site_s"),
                                        get("synthetic_100_site_s")),
    }


def growth(t10: float | None, t50: float | None, t100: float | None) -> float | None:
    if None in (t10, t50, t100) or t50 <= t10:
        return None
    return round(((t100 - t50) / 50) / ((t50 - t10) / 40), 3)


def write_json(path: Path, figures: dict, repeat: int) -> dict:
    result = {
        "machine": {"cores": os.cpu_count(), "load": round(os.getloadavg()[0], 2), "python": sys.version.split()[0]},
        "repeat": repeat,
        "figures": {key: (round(value, 3) if isinstance(value, float) else value) for key, value in figures.items()},
        "ratios": ratios(figures),
        "goals": {key: goal for key, (goal, _) in GOALS.items()},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per quick measurement (median)")
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections to run (default all: {','.join(SECTIONS)})")
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--synthetic-pdf", action="store_true", help="also build the synthetic plans' PDFs (slow)")
    parser.add_argument("--json", default=str(ROOT / "build" / "benchmark.json"),
                        help="where the figures and ratios are written (default build/benchmark.json)")
    args = parser.parse_args(argv)
    sections = {name.strip() for name in args.only.split(",") if name.strip()}
    unknown = sections - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    if args.skip_serve:
        sections.discard("serve")
    if args.skip_synthetic:
        sections.discard("synthetic")
    figures: dict[str, float | int] = {}

    print(f"Plan build benchmark ({os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; wall-clock seconds)")
    with tempfile.TemporaryDirectory(prefix="plan-benchmark-") as tmp:
        work = Path(tmp)
        if "clean" in sections:
            clean = copy_project(work / "clean-project")
            figures["site_clean_s"] = median(lambda: build(clean, work / "clean-site", pdf=False), args.repeat)
            figures["html_pages"] = len(list((work / "clean-site").rglob("*.html")))
        if "pdf" in sections:
            make_site, timing = bench_pdf(work)
            figures.update(site_pdf_clean_s=make_site, site_pdf_only_s=timing.build_s, pdf_step_s=timing.pdf_step_s,
                           pdf_prepare_s=timing.prepare_s, weasyprint_s=timing.weasyprint_s,
                           pdf_overhead_s=timing.overhead_s, pdf_pages=timing.pages, pdf_articles=timing.articles)
        if {"clean", "pdf"} & sections:
            print("\n1. Clean build (scripts/build.py)")
            if "site_clean_s" in figures:
                print(f"   site only (no PDF) ........................ {figures['site_clean_s']:7.2f} s"
                      f"   ({figures['html_pages']} HTML pages)")
            if "site_pdf_clean_s" in figures:
                print(f"   site + PDF + meeting packs (make site) .... {figures['site_pdf_clean_s']:7.2f} s")
                print(f"   site + the plan's PDF only ................ {figures['site_pdf_only_s']:7.2f} s")

        if "macros" in sections:
            with_macros, prerendered = bench_macros(work, args.repeat)
            figures.update(with_macros_s=with_macros, prerendered_s=prerendered)
            print("\n2. Building blocks: the same pages with macros + data vs. pre-rendered (mkdocs build, no PDF)")
            print(f"   with macros and data ...................... {with_macros:7.2f} s")
            print(f"   pre-rendered Markdown, no macros plugin ... {prerendered:7.2f} s")
            print(f"   cost of macros + data loading ............. {with_macros - prerendered:7.2f} s")

        if "pdf" in sections:
            print("\n3. PDF step vs. WeasyPrint alone on the same HTML (scripts/pdf_timing.py; the plan's PDF only)")
            print(f"   PDF step (mkdocs-with-pdf, {timing.articles} pages in) ..... {timing.pdf_step_s:7.2f} s")
            print(f"     of which our preparation (macros/pdf/document.py)  {timing.prepare_s:7.2f} s")
            print(f"   WeasyPrint alone (render + write) ......... {timing.weasyprint_s:7.2f} s   ({timing.pages} PDF pages)")
            print(f"   overhead of the PDF step beyond WeasyPrint  {timing.overhead_s:7.2f} s")

        if "serve" in sections:
            print("\n4. Preview (make serve): save a file until the browser is told to reload")
            timings = bench_serve(work)
            for kind, label in (("chapter", "a chapter (docs/om-planen.md) "), ("data", "a milestone (data/milepaele.yaml)")):
                figures[f"preview_{kind}_s"] = statistics.median(timings[kind])
                print(f"   {label} " + ", ".join(f"{t:.2f} s" for t in timings[kind])
                      + f"  (median {figures[f'preview_{kind}_s']:.2f} s)")

        if "synthetic" in sections:
            print("\n5. Synthetic plan: 10, 50 and 100 areas (validate / site" + (" / site + PDF)" if args.synthetic_pdf else ")"))
            synthetic = bench_synthetic(work, pdf=args.synthetic_pdf)
            if synthetic is None:
                print("   not available: scripts/generate_synthetic_plan.py is missing")
            else:
                for size, (validate, site, pdf) in synthetic.items():
                    figures.update({f"synthetic_{size}_validate_s": validate, f"synthetic_{size}_site_s": site})
                    if pdf is not None:
                        figures[f"synthetic_{size}_site_pdf_s"] = pdf
                    extra = f"   site + PDF {pdf:6.2f} s" if pdf is not None else ""
                    print(f"   {size:4d} areas: validate {validate:6.2f} s   site {site:6.2f} s{extra}")

    result = write_json(Path(args.json), figures, args.repeat)
    print("\n6. Ratios (from this run)")
    for name, value in result["ratios"].items():
        print(f"   {name:.<44} " + (f"{value:7.3f}" if value is not None else "      –"))
    print("\n   Goals")
    for name, (goal, unit) in GOALS.items():
        value = ratios(figures).get(name, figures.get(name))
        shown = f"{value:7.2f} {unit}" if value is not None else "      –"
        print(f"   {name:.<44} {shown}   (goal ≤ {goal:g} {unit})")
    print(f"\n   written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
