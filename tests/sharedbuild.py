"""The shipped plan, built once per test run and shared by every test and every worker.

The build (site + PDF, as ``make site`` makes it) starts in the background as soon
as the first test of a run that needs it begins, so the tests that do not need it
run meanwhile. The text of every PDF page is extracted once, in the same background
job, and kept beside the site (tests/pdfread.py).

With pytest-xdist the workers share one build: the first worker to start it writes
``started``; the others wait for ``result.json``. The copy of the project with
hostile values (tests/hostile.py) is built the same way, but its PDF stops at the
document handed to WeasyPrint (``pdf="html"``, tests/pdfhtml.py).

Run as a script, this module is that background job:
``python tests/sharedbuild.py <project> <site-dir> <result.json> <today> <pdf|html>``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from filelock import FileLock
from pdfread import page_texts

#: Folder name of the shared build inside the run's common temporary folder.
SHARED = "shared-build"
#: Longest wait for the background build (a clean build takes 2–3 minutes here).
TIMEOUT_SECONDS = 1200


def common_temp(tmp_path_factory) -> Path:
    """The temporary folder common to all workers of this run (a worker's own is below it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


class SharedBuild:
    """The background build of *project* in *folder* (``folder/site``); *prepare*, if
    given, makes *project* first (once, by the worker that starts the build); *env*
    is added to the build's environment. *pdf*: ``"pdf"`` builds the site and the PDF as
    ``make site`` does and extracts the PDF's page texts; ``"html"`` builds the site alone
    (``--no-pdf``) and then the PDF's document without rendering it (``pdf_html``)."""

    def __init__(self, folder: Path, project: Path, today: str, prepare: Callable[[Path], None] | None = None,
                 env: dict[str, str] | None = None, pdf: Literal["pdf", "html"] = "pdf"):
        self.folder = folder
        self.pdf = pdf
        self.project = project
        self.today = today
        self.prepare = prepare
        self.env = env or {}
        self.site = folder / "site"
        self.result_file = folder / "result.json"

    def start(self) -> None:
        """Start the build unless another worker already has."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with FileLock(str(self.folder / "lock")):
            marker = self.folder / "started"
            if marker.exists():
                return
            if self.prepare is not None:
                self.prepare(self.project)
            log = (self.folder / "job.log").open("w", encoding="utf-8")
            process = subprocess.Popen(
                [sys.executable, __file__, str(self.project), str(self.site), str(self.result_file), self.today,
                 self.pdf],
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env=dict(os.environ, **self.env),
            )
            marker.write_text(str(process.pid), encoding="utf-8")

    def result(self) -> dict:
        """Wait for the build and return its result (``returncode``, ``output``, and ``pdf_pages``
        or ``pdf_html``)."""
        self.start()
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while not self.result_file.exists():
            if time.monotonic() > deadline:
                log = (self.folder / "job.log").read_text(encoding="utf-8", errors="replace")
                raise TimeoutError(f"the shared build did not finish in {TIMEOUT_SECONDS} s\n{log}")
            time.sleep(0.5)
        return json.loads(self.result_file.read_text(encoding="utf-8"))


def run_job(project: Path, site: Path, result_file: Path, today: str, pdf: str) -> None:
    """Build *project* into *site*, read the PDF's text or document (see :class:`SharedBuild`),
    and write *result_file* atomically."""
    command = [sys.executable, str(project / "scripts" / "build.py"), "--site-dir", str(site)]
    if pdf == "html":
        command.append("--no-pdf")
    env = dict(os.environ, PLAN_TODAY=today)
    env.pop("PYTEST_XDIST_WORKER", None)
    started = time.perf_counter()
    build = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    result = {"returncode": build.returncode, "output": build.stdout + build.stderr, "pdf_pages": []}
    if build.returncode == 0 and pdf == "html":
        document = result_file.with_name("pdf.html")
        handed = subprocess.run([sys.executable, str(Path(__file__).with_name("pdfhtml.py")), str(project),
                                 str(document)], cwd=project, env=env, capture_output=True, text=True,
                                timeout=TIMEOUT_SECONDS)
        result["returncode"] = handed.returncode
        result["output"] += handed.stdout + handed.stderr
        result["pdf_html"] = str(document)
    elif build.returncode == 0 and (site / "pdf" / "helhedsplan.pdf").exists():
        result["pdf_pages"] = page_texts(site / "pdf" / "helhedsplan.pdf")
    result["seconds"] = round(time.perf_counter() - started, 1)
    partial = result_file.with_suffix(".tmp")
    partial.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    partial.replace(result_file)


def main(argv: list[str]) -> None:
    result_file = Path(argv[2])
    try:
        run_job(Path(argv[0]), Path(argv[1]), result_file, argv[3], argv[4])
    except BaseException as exc:  # the waiting tests must hear of it, not time out
        result_file.write_text(json.dumps({"returncode": -1, "output": f"the shared build job failed: {exc!r}",
                                           "pdf_pages": []}), encoding="utf-8")
        raise


if __name__ == "__main__":
    main(sys.argv[1:])
