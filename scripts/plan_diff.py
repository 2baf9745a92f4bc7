#!/usr/bin/env python3
"""Summarise, in Danish, what changed in the plan between two versions.

Usage: python scripts/plan_diff.py --base main [--head REV] [--output FILE]
       (or: make diff BASE=main)

Without --head the working tree is compared. The result is Markdown: it is
shown in the pull request checks' summary and on the change log page.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.core.errors import PlanError  # noqa: E402
from macros.review.plandiff import diff_versions, render_markdown  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Vis ændringerne i planen mellem to versioner.")
    parser.add_argument("--base", default="main", help="versionen der sammenlignes med (tag, gren, commit)")
    parser.add_argument("--head", default=None, help="den nye version (standard: arbejdskopien)")
    parser.add_argument("--output", default=None, help="skriv til denne fil i stedet for skærmen")
    parser.add_argument("--repo", default=str(ROOT), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        markdown = render_markdown(diff_versions(Path(args.repo), args.base, args.head))
    except PlanError as error:
        print(error.format(), file=sys.stderr)
        return 1
    if args.output:
        output = Path(args.output)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(markdown, encoding="utf-8")
    else:
        print(markdown, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
