#!/usr/bin/env python3
"""Print the status of the checked-out plan, in Danish.

Same wording as the site banner and the PDF cover (macros/approvals/status.py):
the legal status, the text's review status, the version in words and, in
the last line, the content id and commit.
Usage: python scripts/plan_status.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.approvals.status import status_for  # noqa: E402
from macros.core.context import build_context  # noqa: E402
from macros.core.errors import PlanError  # noqa: E402
from macros.plan import load_plan  # noqa: E402


def main() -> int:
    try:
        plan = load_plan(ROOT / "data")
        status = status_for(plan, build_context(ROOT))
    except PlanError as error:
        print(error.format(), file=sys.stderr)
        return 1
    print(status.line())
    print(status.version_label())
    print(status.small_print())
    return 0


if __name__ == "__main__":
    sys.exit(main())
