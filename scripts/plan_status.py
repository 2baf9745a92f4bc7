#!/usr/bin/env python3
"""Print the approval status of the checked-out version, in Danish.

Same wording as the site banner and the PDF cover (macros/approvals/register.py).
Usage: python scripts/plan_status.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.approvals.register import base_text, status_for, status_text  # noqa: E402
from macros.core.context import build_context  # noqa: E402
from macros.core.errors import PlanError  # noqa: E402
from macros.plan import load_plan


def main() -> int:
    try:
        plan = load_plan(ROOT / "data")
        status = status_for(plan, build_context(ROOT))
    except PlanError as error:
        print(error.format(), file=sys.stderr)
        return 1
    print(status_text(status, plan.parties))
    if not status.is_approved:
        print(base_text(status, plan.parties))
    return 0


if __name__ == "__main__":
    sys.exit(main())
