import datetime as dt

import pytest

from macros.core import danish
from macros.core.context import (
    BuildContext,
    GitInfo,
    build_context,
    git_info,
    today_from_env,
)
from macros.core.errors import PlanError


def test_danish_dates_and_numbers():
    assert danish.date_long(dt.date(2024, 3, 13)) == "13. marts 2024"
    assert danish.date_long(dt.date(2025, 10, 1)) == "1. oktober 2025"
    assert danish.month_year(2024, 8) == "august 2024"
    assert danish.number(5593) == "5.593"
    assert danish.number(42.14, 1) == "42,1"
    assert danish.percent(42) == "42\u00a0%"
    assert danish.kroner(146626) == "146.626\u00a0kr."


def test_today_is_overridable_and_validated():
    assert today_from_env({"PLAN_TODAY": "2025-01-27"}) == dt.date(2025, 1, 27)
    assert today_from_env({}) == dt.date.today()
    with pytest.raises(PlanError) as info:
        today_from_env({"PLAN_TODAY": "27-01-2025"})
    assert "ÅÅÅÅ-MM-DD" in str(info.value)


def test_git_info_outside_a_checkout(tmp_path):
    assert git_info(tmp_path) is None
    context = build_context(tmp_path, {"PLAN_TODAY": "2025-01-27"})
    assert "uden for git" in context.version_label


def test_git_info_in_a_checkout(tmp_path):
    import subprocess

    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / "f.txt").write_text("x")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "x")
    git("tag", "v1.0")
    info = git_info(tmp_path)
    assert info is not None and info.tag == "v1.0" and info.describe == "v1.0" and not info.dirty
    label = BuildContext(dt.date(2025, 1, 1), info).version_label
    assert label == "v1.0"


def test_version_label_marks_local_changes():
    info = GitInfo("a" * 40, "aaaaaaa", None, "v1.0-2-gaaaaaaa", dt.date(2025, 1, 1), True)
    assert BuildContext(dt.date(2025, 1, 1), info).version_label == "v1.0-2-gaaaaaaa (med lokale ændringer)"


@pytest.mark.parametrize(
    "typed, iso",
    [("27/5 2025", "2025-05-27"), ("27.5.2025", "2025-05-27"), ("27-05-2025", "2025-05-27"), ("1/12-25", "2025-12-01"),
     ("31/2 2025", None), ("2025-05-27", None), ("27. maj 2025", None), (20250527, None)],
)
def test_a_date_typed_day_first_is_read_for_a_suggestion(typed, iso):
    assert danish.iso_from_day_month(typed) == iso
