#!/usr/bin/env python3
"""Build the site (and the PDF) safely.

* builds into a temporary folder next to the target and swaps it in only when
  the build succeeded, so a failed build never leaves a half-built site where
  the last good one was;
* shows MkDocs' output in Danish (see macros/core/buildlog.py); the full technical
  log is kept in build/mkdocs.log.

Usage: python scripts/build.py [--site-dir site] [--no-pdf] [--verbose]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.core.buildlog import Translator  # noqa: E402


def run_build(site_dir: Path, pdf: bool, verbose: bool, config: Path, log_path: Path) -> int:
    site_dir = site_dir.resolve()
    staging = site_dir.with_name(site_dir.name + ".new")
    previous = site_dir.with_name(site_dir.name + ".old")
    for leftover in (staging, previous):
        shutil.rmtree(leftover, ignore_errors=True)

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONWARNINGS="ignore::DeprecationWarning")
    env["PLAN_PDF"] = "1" if pdf else "0"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(staging)]
    translator = Translator(docs_dir=ROOT / "docs", verbose=verbose)
    log_path.parent.mkdir(parents=True, exist_ok=True)

    print("Bygger sitet" + (" og PDF'en" if pdf else "") + " …", flush=True)
    started = time.monotonic()
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
        )
        assert process.stdout is not None
        for line in process.stdout:
            log.write(line)
            for shown in translator.feed(line):
                print(shown, flush=True)
        returncode = process.wait()

    for shown in translator.finish(returncode, log_path.relative_to(ROOT) if log_path.is_relative_to(ROOT) else log_path):
        print(shown, file=sys.stderr, flush=True)
    if returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        return 1

    if site_dir.exists():
        site_dir.rename(previous)
    staging.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)

    seconds = time.monotonic() - started
    shown_dir = site_dir.relative_to(ROOT) if site_dir.is_relative_to(ROOT) else site_dir
    print(f"Færdig på {seconds:.0f} s: sitet ligger i {shown_dir}/", flush=True)
    if pdf:
        print(f"PDF'en ligger i {shown_dir}/pdf/helhedsplan.pdf", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Byg helhedsplanens site og PDF.")
    parser.add_argument("--site-dir", default=str(ROOT / "site"), help="hvor sitet lægges (standard: site/)")
    parser.add_argument("--no-pdf", action="store_true", help="spring PDF'en over (hurtigere)")
    parser.add_argument("--verbose", action="store_true", help="vis alle beskeder fra MkDocs")
    parser.add_argument("--config", default=str(ROOT / "mkdocs.yml"))
    parser.add_argument("--log", default=str(ROOT / "build" / "mkdocs.log"))
    args = parser.parse_args(argv)
    return run_build(Path(args.site_dir), not args.no_pdf, args.verbose, Path(args.config), Path(args.log))


def build_one(site_dir: Path, target: Path, what: str) -> int:
    """Build the site and the plan's PDF as ``make site`` does (the caller has chosen, by
    environment, the one extra PDF it wants), then say where *what* (``Mødepakken``) lies."""
    code = main(["--site-dir", str(site_dir)])
    if code == 0:
        shown = target.resolve().relative_to(ROOT) if target.resolve().is_relative_to(ROOT) else target
        print(f"{what} ligger i {shown}", flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
