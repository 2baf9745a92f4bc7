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

from sharedbuild import SHARED, SharedBuild, common_temp  # noqa: E402

import hostile  # noqa: E402

from macros.core import collection, csvio  # noqa: E402

# A test run is a short-lived batch like a build: the same garbage-collector settings
# (macros/core/collection.py) save each worker about a tenth of its time.
collection.use_batch_thresholds()

#: Fixtures that build the site (the shared build, or a copy of the project).
BUILDING_FIXTURES = {"built_site", "hostile_site", "corpus"}


#: Fixtures that build a copy of the project of their own (the longest work of a run).
OWN_BUILD_FIXTURES = {"hostile_site", "corpus"}


def _run_order(item) -> int:
    """Longest work first, so the workers of ``make test`` finish together: the
    browser tests (the longest single tests; they wait for the shared build, whose
    background job has the cores meanwhile), then the tests with a build of their
    own, then the other building tests, then the quick ones, which fill the end."""
    fixtures = set(getattr(item, "fixturenames", ()))
    if "browser" in item.path.parts:
        return 0
    if OWN_BUILD_FIXTURES & fixtures:
        return 1
    if item.get_closest_marker("bygger"):
        return 2
    return 3


def pytest_collection_modifyitems(config, items):
    """Mark what ``make test-hurtig`` leaves out: tests that build the site or a
    PDF (``bygger``) and browser tests (``browser``); and order the run (see
    :func:`_run_order`; the sort is stable, so a module's tests keep their order).

    The fixtures that build are made once per run (or, for the corpus, which
    breaks its copy case by case, once per worker), so a module's tests may go
    to any worker."""
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)
        fixtures = set(getattr(item, "fixturenames", ()))
        if BUILDING_FIXTURES & fixtures:
            item.add_marker(pytest.mark.bygger)
    items.sort(key=_run_order)


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
def shared_build(tmp_path_factory) -> SharedBuild:
    """The one build of the shipped plan that every worker of this run shares."""
    return SharedBuild(common_temp(tmp_path_factory) / SHARED, ROOT, TEST_TODAY)


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory) -> SharedBuild:
    """The one build of the copy with hostile values (tests/hostile.py) that every worker shares."""
    folder = common_temp(tmp_path_factory) / hostile.FOLDER
    return SharedBuild(folder, folder / "project", TEST_TODAY, prepare=hostile.make_hostile_project,
                       env=hostile.BUILD_ENV, pdf="html")


@pytest.fixture(scope="session", autouse=True)
def _start_shared_build(request, shared_build, hostile_build) -> None:
    """Start the background builds with the run's first test when a later test will need them."""
    needed = set()
    for item in request.session.items:
        needed |= {"built_site", "hostile_site"} & set(getattr(item, "fixturenames", ()))
    if "built_site" in needed:
        shared_build.start()
    if "hostile_site" in needed:
        hostile_build.start()


@pytest.fixture(scope="session")
def built_site(shared_build) -> Path:
    """The shipped plan, built once (site + PDF) for all end-to-end tests."""
    result = shared_build.result()
    assert result["returncode"] == 0, result["output"]
    return shared_build.site


@pytest.fixture(scope="session")
def built_pdf_pages(built_site, shared_build) -> list[str]:
    """The text of every page of the shared build's PDF, extracted once."""
    return shared_build.result()["pdf_pages"]


@pytest.fixture(scope="session")
def hostile_site(hostile_build) -> Path:
    """The copy with hostile values, built once for tests/test_injection.py: the site, and
    the document its PDF is made from (see :func:`hostile_pdf_html`)."""
    result = hostile_build.result()
    assert result["returncode"] == 0, result["output"]
    return hostile_build.site


@pytest.fixture(scope="session")
def hostile_pdf_html(hostile_site, hostile_build) -> str:
    """The HTML the hostile copy's PDF is rendered from, as handed to WeasyPrint (tests/pdfhtml.py)."""
    return Path(hostile_build.result()["pdf_html"]).read_text(encoding="utf-8")
