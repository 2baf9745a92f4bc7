#!/usr/bin/env python3
"""Benchmark (not a test): how the build time grows with the number of areas.

Builds the shipped plan and synthetic copies with more areas (10 years of
data each, see generate_synthetic_plan.py) and prints, per size, the time to
load and check all data and the time of a full site build. With --pdf the
PDF is built too (slow for large sizes: hundreds of pages).

Usage: python scripts/benchmark_beboerdata.py [--areas 3 25 50 100] [--pdf]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from generate_synthetic_plan import generate  # noqa: E402


def time_load(project: Path) -> float:
    code = ("import sys,time; sys.path.insert(0, sys.argv[1]); from macros.plan import load_plan; "
            "t=time.perf_counter(); load_plan(sys.argv[1] + '/data'); print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code, str(project)], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def time_build(project: Path, site: Path, pdf: bool) -> float:
    command = [sys.executable, str(project / "scripts" / "build.py"), "--site-dir", str(site)]
    if not pdf:
        command.append("--no-pdf")
    env = dict(os.environ, PLAN_TODAY="2026-01-15")
    start = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"Bygningen fejlede for {project}:\n{result.stdout}{result.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, nargs="+", default=[3, 25, 50, 100])
    parser.add_argument("--pdf", action="store_true", help="byg også PDF'en")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="plan-bench-") as tmp:
        for areas in args.areas:
            project = ROOT if areas == 3 else generate(Path(tmp) / f"plan-{areas}", areas)
            load = time_load(project)
            build = time_build(project, Path(tmp) / f"site-{areas}", args.pdf)
            rows.append((areas, load, build))
            print(f"{areas:>4} områder × 10 år: indlæsning og kontrol {load:6.2f} s, "
                  f"byg{' med PDF' if args.pdf else ''} {build:6.1f} s ({build / areas:5.2f} s pr. område)", flush=True)
    if len(rows) >= 2:
        (a1, _, b1), (a2, _, b2) = rows[0], rows[-1]
        slope = (b2 - b1) / (a2 - a1)
        print(f"Tilvækst: {slope:.2f} s pr. ekstra område (lineær model: {b1:.1f} s + {slope:.2f} s × (områder − {a1})).")
        for areas, _, build in rows[1:-1]:
            predicted = b1 + slope * (areas - a1)
            print(f"  {areas} områder: målt {build:.1f} s, lineær forudsigelse {predicted:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
