#!/usr/bin/env python3
"""Build the yearly status report (PDF) for one plan year.

Usage: python scripts/aarsstatus.py <år> [--site-dir site]

The report is printed in the plan's PDF style, so this builds the site and
the plan's PDF as `make site` does, plus the one report:
site/pdf/aarsstatus-<år>.pdf. PLAN_TODAY fixes the day the report stands on.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import build  # noqa: E402  (scripts/build.py)

from macros.core.context import today_from_env  # noqa: E402
from macros.core.errors import PlanError  # noqa: E402
from macros.model.load import load_areas, load_facts, load_parties, load_sources  # noqa: E402
from macros.status.pages import PDF_NAME  # noqa: E402
from macros.status.year import plan_years, select_years  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Byg årsstatussen (PDF) for ét planår.")
    parser.add_argument("aar", nargs="?", default="", help="planåret, fx 2026")
    parser.add_argument("--site-dir", default=str(ROOT / "site"))
    args = parser.parse_args(argv)

    try:
        data = ROOT / "data"
        sources, parties = load_sources(data), load_parties(data)
        facts = load_facts(data, sources, parties, load_areas(data, sources, parties))
        years = plan_years(facts.start, facts.end, today_from_env())
        if not args.aar:
            raise PlanError("make aarsstatus", "Angiv hvilket planår, årsstatussen skal dække.",
                            "Skriv fx make aarsstatus AAR=" + (str(years[-1].year) if years else "<år>") + ".")
        select_years(years, args.aar, where="make aarsstatus")
    except PlanError as error:
        print(error.format(), file=sys.stderr)
        return 2

    os.environ["PLAN_AARSSTATUS"] = args.aar
    os.environ.setdefault("PLAN_MOEDER", "ingen")
    site_dir = Path(args.site_dir)
    return build.build_one(site_dir, site_dir / "pdf" / PDF_NAME.format(year=args.aar), "Årsstatussen")


if __name__ == "__main__":
    sys.exit(main())
