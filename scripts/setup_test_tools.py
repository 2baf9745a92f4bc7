#!/usr/bin/env python3
"""Install what the browser and accessibility tests need (standard library only).

* Chromium: Debian's ``chromium`` package. Installed with apt-get when it is
  missing and this runs as root or with password-less sudo (a fresh CI
  machine); otherwise a message says
  how to install it, and the browser tests are skipped with the same message.
* axe-core (the accessibility checker injected into the pages): the exact
  version locked in ``tests/browser/package-lock.json``, installed with
  ``npm ci`` into ``tests/browser/node_modules`` (not committed).

Playwright for Python comes from requirements.txt and drives the system
Chromium (``executable_path``); no browser is downloaded.

Never fails ``make test`` itself: missing tools are reported, and the tests
that need them say why they were skipped.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from check_system import apt_install  # the same apt-get step as the PDF's system libraries

ROOT = Path(__file__).resolve().parent.parent
BROWSER_DIR = ROOT / "tests" / "browser"
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser")
TOOLS = "engangsopsætning af testværktøjer"


def find_chromium() -> str | None:
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def ensure_chromium() -> None:
    if find_chromium():
        return
    if not apt_install(["chromium"], TOOLS) or not find_chromium():
        print(
            "Chromium mangler, så browser- og tilgængelighedstestene springes over.\n"
            "  Installer det med: sudo apt-get install chromium",
            file=sys.stderr,
        )


def _axe_is_current() -> bool:
    installed = BROWSER_DIR / "node_modules" / ".package-lock.json"
    lock = BROWSER_DIR / "package-lock.json"
    return installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime


def ensure_axe() -> None:
    if _axe_is_current():
        return
    if not shutil.which("npm"):
        apt_install(["npm"], TOOLS)
    if not shutil.which("npm"):
        print(
            "npm mangler, så axe-core (tilgængelighedstesten) kan ikke installeres; testen springes over.\n"
            "  Installer det med: sudo apt-get install npm",
            file=sys.stderr,
        )
        return
    print("Installerer axe-core (fastlåst version) til tilgængelighedstestene …", flush=True)
    result = subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=BROWSER_DIR, check=False
    )
    if result.returncode != 0:
        print("npm ci fejlede; tilgængelighedstesten springes over.", file=sys.stderr)


def main() -> int:
    ensure_chromium()
    ensure_axe()
    return 0


if __name__ == "__main__":
    sys.exit(main())
