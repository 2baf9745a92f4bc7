"""Shared fixtures: the repository, copies of it to break, and one real build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: A fixed "today" so every test build is reproducible.
TEST_TODAY = "2026-01-15"

if str(ROOT / "scripts") not in sys.path:
    sys.path.insert(0, str(ROOT / "scripts"))

from generate_synthetic_plan import PROJECT_ITEMS, copy_project  # noqa: E402,F401  (one definition for all)

from macros.core import csvio  # noqa: E402

#: Fixtures that build the site (the shared build, or a copy of the project).
BUILDING_FIXTURES = {"built_site", "hostile_site", "corpus"}


def pytest_collection_modifyitems(config, items):
    """Mark what ``make test-hurtig`` leaves out: tests that build the site or a
    PDF (``bygger``) and browser tests (``browser``)."""
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)
        if BUILDING_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.bygger)


def as_standard_csv(data_dir: Path) -> Path:
    """Rewrite the beboerdata tables in *data_dir* (a copy) as standard CSV: comma, decimal
    point, UTF-8 without BOM, LF. The repository keeps them as Danish Excel saves them; the
    loader reads both, and tests that edit rows as ``area,year,category,value`` text use this."""
    for path in sorted((data_dir / "beboerdata").glob("*.csv")):
        table = csvio.read_csv(path)
        assert table.dialect.separator == ";", path
        lines = [table.header] + [
            [row.values[h].replace(",", ".") if h == "vaerdi" else row.values[h] for h in table.header]
            for row in table.rows
        ]
        path.write_text("".join(",".join(cells) + "\n" for cells in lines), encoding="utf-8")
    return data_dir


@pytest.fixture
def standard_data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ with the beboerdata tables as standard CSV (see :func:`as_standard_csv`)."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return as_standard_csv(target)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A private copy of the whole project that a test may break and build."""
    target = tmp_path / "project"
    copy_project(target)
    return target


def run_build(project: Path, site_dir: Path, pdf: bool = True) -> subprocess.CompletedProcess:
    """Run the README's build script for *project* into *site_dir*."""
    command = [sys.executable, str(project / "scripts" / "build.py"), "--site-dir", str(site_dir)]
    if not pdf:
        command.append("--no-pdf")
    env = dict(os.environ, PLAN_TODAY=TEST_TODAY)
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The shipped plan, built once (site + PDF) for all end-to-end tests."""
    site = tmp_path_factory.mktemp("build") / "site"
    result = run_build(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site
