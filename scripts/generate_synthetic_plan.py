#!/usr/bin/env python3
"""Write a copy of the project with N areas × 10 years of synthetic beboerdata.

Used by the benchmarks to measure how the build grows with the amount of
data. The copy keeps the plan's real areas and adds synthetic ones
(``syntetisk-001`` …) until there are N, each with a beboerdata page and
example rows in every table. Everything generated is example data.

Usage: python scripts/generate_synthetic_plan.py TARGET_DIR --areas 100 [--years 10]
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from beboerdata_example import PROFILES, Profile, write_example_data  # noqa: E402

#: What a copy of the project needs to build (the tests copy the project with this too).
PROJECT_ITEMS = ["docs", "data", "macros", "overrides", "pdf", "scripts", "mkdocs.yml",
                 "CONTRIBUTING.md"]


def copy_project(target: Path, items: tuple[str, ...] | list[str] = tuple(PROJECT_ITEMS)) -> None:
    """Copy what the project needs to build (no .git, no site) into *target*, replacing it;
    *items*: only these (e.g. ``("data", "docs", "mkdocs.yml")`` to validate)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for item in items:
        source = ROOT / item
        if source.is_dir():
            shutil.copytree(source, target / item, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / item)


def synthetic_profiles(count: int, seed: int = 7) -> list[Profile]:
    rng = random.Random(seed)
    return [
        Profile(f"syntetisk-{n:03d}", rng.uniform(400, 3000), rng.uniform(-0.01, 0.01), rng.uniform(0.1, 0.6),
                rng.uniform(0.3, 0.95))
        for n in range(1, count + 1)
    ]


def generate(target: Path, areas: int, years: int = 10) -> Path:
    """Create the synthetic project in *target* and return it."""
    copy_project(target)
    real = [p for p in PROFILES if p.is_area]
    extra = synthetic_profiles(max(0, areas - len(real)))
    data = target / "data"

    with open(data / "boligomraader.yaml", "a", encoding="utf-8") as handle:
        for p in extra:
            handle.write(f'\n- id: {p.id}\n  navn: "Syntetisk område {p.id[-3:]}"\n  by: Slagelse\n'
                         '  perioder: ["2025–2029"]\n')
    plan_yaml = (data / "plan.yaml").read_text(encoding="utf-8")
    listing = "".join(f"  - {p.id}\n" for p in extra)
    plan_yaml = re.sub(r"(\nboligomraader:\n(?:  - .*\n)+)", lambda m: m.group(1) + listing, plan_yaml, count=1)
    (data / "plan.yaml").write_text(plan_yaml, encoding="utf-8")

    first_year = 2025 - years
    comparison = [p for p in PROFILES if not p.is_area]
    write_example_data(data, real + extra + comparison, list(range(first_year, first_year + years)))

    pages = target / "docs" / "beboerdata"
    for p in extra:
        (pages / f"{p.id}.md").write_text(f'{{{{ beboerdata_side("{p.id}") }}}}\n', encoding="utf-8")
    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    anchor = "      - beboerdata/sydbyen.md\n"
    config = config.replace(anchor, anchor + "".join(f"      - beboerdata/{p.id}.md\n" for p in extra), 1)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--areas", type=int, default=100)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    generate(args.target, args.areas, args.years)
    print(f"Syntetisk plan med {args.areas} områder × {args.years} år skrevet til {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
