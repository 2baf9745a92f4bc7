"""The live preview end to end: ``mkdocs serve`` as ``make serve`` runs it, on a
copy of the project. A data edit changes the page; a broken chapter keeps the
server alive and shows the Danish error in the page; the fix brings it back."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import TEST_TODAY

PAGE = "/helhedsplan/tidsplan/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _interruptible() -> None:
    """In the server: Ctrl+C (SIGINT) stops it, even when this was started with SIGINT ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Server:
    def __init__(self, project: Path):
        self.port = _free_port()
        self.root = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, PLAN_TODAY=TEST_TODAY, PLAN_PDF="0", PLAN_FORHAANDSVISNING="1",
                   NO_MKDOCS_2_WARNING="1", PYTHONWARNINGS="ignore::DeprecationWarning")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
            preexec_fn=_interruptible,
        )
        self.output: list[str] = []
        threading.Thread(target=lambda: self.output.extend(self.process.stdout), daemon=True).start()

    def log(self) -> str:
        return "".join(self.output)

    def logged(self, pattern: str, timeout: float = 30) -> str:
        """The log once it has a line matching *pattern*: the server prints it just before
        the reload, and the thread reading its output may be a moment behind."""
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.log(), re.MULTILINE) and time.monotonic() < deadline:
            time.sleep(0.1)
        return self.log()

    def page(self) -> tuple[str, int]:
        """The page as the browser gets it, and the site version its reload script waits on."""
        html = urllib.request.urlopen(self.root + PAGE, timeout=120).read().decode("utf-8")
        return html, int(re.search(r"livereload\((\d+),", html).group(1))

    def first_page(self, timeout: float = 300) -> tuple[str, int]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log()
            try:
                return self.page()
            except OSError:
                time.sleep(0.3)
        pytest.fail("the preview served no page:\n" + self.log())

    def reloaded(self, epoch: int) -> str:
        """Wait as the browser's reload script does until the site is newer than *epoch*; the page then."""
        answer = urllib.request.urlopen(f"{self.root}/livereload/{epoch}/1", timeout=180).read()
        assert int(answer) > epoch, "no rebuild:\n" + self.log()
        return self.page()[0]

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)  # as Ctrl+C: the server removes its folder
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.mark.bygger
def test_the_preview_follows_data_edits_and_shows_errors_without_stopping(project_copy):
    milestones = project_copy / "data" / "milepaele.yaml"
    chapter = project_copy / "docs" / "tidsplan.md"
    text = milestones.read_text(encoding="utf-8")
    needle = "Bestyrelsen indstiller den samlede plan"
    assert needle in text
    server = Server(project_copy)
    try:
        page, epoch = server.first_page()
        assert needle in page and "Zebraplanen" not in page
        assert "Forhåndsvisningen kører på" in server.log() and "INFO" not in server.log()

        # A data edit alone changes the page.
        time.sleep(1)
        milestones.write_text(text.replace(needle, "Zebraplanen indstilles", 1), encoding="utf-8")
        page = server.reloaded(epoch)
        assert "Zebraplanen indstilles" in page and "Forhåndsvisningen har" not in page
        epoch = server.page()[1]

        # An unknown building block: the server stays, the page shows the Danish error.
        good = chapter.read_text(encoding="utf-8")
        time.sleep(1)
        chapter.write_text(good + "\n{{ ukendt_blok() }}\n", encoding="utf-8")
        page = server.reloaded(epoch)
        assert server.process.poll() is None
        assert "Siden kunne ikke bygges" in page and "Forhåndsvisningen har 1 fejl" in page
        assert "Byggeklodsen eller variablen «ukendt_blok» findes ikke." in page
        assert "Fejl i docs/tidsplan.md, linje" in server.logged(r"Fejl i docs/tidsplan\.md, linje")
        epoch = server.page()[1]

        # Fixed: the page is back, without the banner.
        time.sleep(1)
        chapter.write_text(good, encoding="utf-8")
        page = server.reloaded(epoch)
        assert "Zebraplanen indstilles" in page
        assert "Siden kunne ikke bygges" not in page and "Forhåndsvisningen har" not in page
        updated = r"\[\d\d:\d\d:\d\d\] Opdateret på \d+,\d\d s: docs/tidsplan\.md"
        assert re.search(updated, server.logged(updated))
        assert "Traceback" not in server.log()
    finally:
        server.stop()
