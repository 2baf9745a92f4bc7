"""The plan diff on real changes to the plan's datasets, made in a temporary git repository."""

import re

import pytest

from macros import plandiff
from conftest import ROOT
from gitutil import commit_all, copy_data, git, init_repo


@pytest.fixture
def repo(tmp_path):
    repo = init_repo(tmp_path / "plan")
    copy_data(ROOT / "data", repo)
    commit_all(repo, "Planen", date="2025-01-10T10:00:00")
    git(repo, "tag", "v1.0")
    return repo


def section(diff, title):
    return next((s for s in diff.sections if s.title == title), None)


def set_csv_value(path, area, year, category, value):
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf"^{area},{year},{category},[^,\n]*", re.MULTILINE)
    assert pattern.search(text), (area, year, category)
    path.write_text(pattern.sub(f"{area},{year},{category},{value}", text, count=1), encoding="utf-8")


def test_milestone_moved_and_completed(repo):
    path = repo / "data" / "milepaele.yaml"
    text = path.read_text(encoding="utf-8")
    block = text[text.index("- id: byraad-temamoede"):]
    block = block[: block.index("\n- id:")] if "\n- id:" in block else block
    changed = block.replace("frist: 2024-04", "frist: 2024-06").replace("status: ukendt", "status: gennemført\n  gennemfoert: 2024-06-12")
    assert changed != block
    path.write_text(text.replace(block, changed), encoding="utf-8")
    lines = section(plandiff.diff_versions(repo, "v1.0"), "Milepæle").lines
    assert any(" er flyttet fra april 2024 til juni 2024." in line for line in lines), lines
    assert any(" er gennemført (12. juni 2024)." in line for line in lines), lines
