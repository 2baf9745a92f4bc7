#!/usr/bin/env python3
"""Validate all plan data without building the site (fast feedback).

Prints a Danish confirmation, or every problem with file, line and fix.
For the repository itself it also checks the approvals register against git
history (macros/review/approvalcheck.py): unknown versions, and approvals of
a version that has changed since the body was given it.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.core.errors import PlanError  # noqa: E402
from macros.plan import check_against_pages, load_plan  # noqa: E402
from macros.review.approvalcheck import check_register  # noqa: E402


def main(data_dir: Path = ROOT / "data") -> int:
    try:
        plan = load_plan(data_dir)
        docs_dir = data_dir.parent / "docs"
        if docs_dir.is_dir():
            check_against_pages(plan, docs_dir)
        check_register(data_dir.parent, plan)
    except PlanError as error:
        print(error.format(), file=sys.stderr)
        print("\nData er ikke i orden. Ret fejlen og prøv igen.", file=sys.stderr)
        return 1
    print(
        f"Data er i orden: {plan.facts.title}, {len(plan.plan_areas)} boligområder, {len(plan.parties)} parter, "
        f"{len(plan.milestones)} milepæle, {len(plan.decisions)} beslutninger."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data"))
