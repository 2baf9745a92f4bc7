#!/usr/bin/env python3
"""Build the meeting pack (PDF) for one meeting in data/moeder/.

Usage: python scripts/moedepakke.py <møde-id> [--site-dir site]

The pack is cut from the plan's PDF document, so this builds the site and the
plan's PDF as `make site` does, plus the one meeting pack:
site/pdf/moeder/<møde-id>.pdf.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import build  # noqa: E402  (scripts/build.py)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Byg mødepakken (PDF) for ét møde i data/moeder/.")
    parser.add_argument("moede", nargs="?", default="", help="mødets id (filnavnet i data/moeder/ uden .yaml)")
    parser.add_argument("--site-dir", default=str(ROOT / "site"))
    args = parser.parse_args(argv)

    known = sorted(p.stem for p in (ROOT / "data" / "moeder").glob("*.yaml"))
    if not args.moede:
        print("Fejl: Angiv hvilket møde, fx  make moedepakke MOEDE=" + (known[0] if known else "<id>"), file=sys.stderr)
        print("  Kendte møder: " + (", ".join(known) or "ingen (læg et møde i data/moeder/)"), file=sys.stderr)
        return 2
    if args.moede not in known:
        close = difflib.get_close_matches(args.moede, known, n=1, cutoff=0.5)
        hint = f"Mente du «{close[0]}»? " if close else ""
        print(f"Fejl i data/moeder/: Mødet «{args.moede}» findes ikke.", file=sys.stderr)
        print(f"  Sådan retter du det: {hint}Kendte møder: {', '.join(known) or 'ingen'}.", file=sys.stderr)
        return 2

    os.environ["PLAN_MOEDER"] = args.moede
    site_dir = Path(args.site_dir)
    return build.build_one(site_dir, site_dir / "pdf" / "moeder" / f"{args.moede}.pdf", "Mødepakken")


if __name__ == "__main__":
    sys.exit(main())
