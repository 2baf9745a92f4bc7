#!/usr/bin/env python3
"""Check the machine before the virtual environment is made (standard library only).

WeasyPrint (the PDF engine) needs the system libraries Pango and
PangoFT2; pip cannot install them. When they are missing and this runs as
root (or with password-less sudo) on a machine with apt-get, they are
installed, the way ``make test`` installs Chromium. Otherwise it says which
package to install, in Danish and English, instead of failing later with a
traceback.
"""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence

MIN_PYTHON = (3, 11)

#: The libraries WeasyPrint loads, and the Debian packages that hold them.
PANGO_LIBRARIES = ("pango-1.0", "pangoft2-1.0")
PANGO_PACKAGES = ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0")

INSTALL_HINT = """\
  Debian/Ubuntu:  sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
  Fedora:         sudo dnf install pango
  macOS:          brew install pango
  Windows:        brug WSL (Ubuntu) / use WSL (Ubuntu)"""

#: Runs one command (``subprocess.run``'s signature); tests give a fake one.
Runner = Callable[..., subprocess.CompletedProcess]


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def privilege_prefix(run: Runner = subprocess.run, is_root: Callable[[], bool] = _is_root,
                     which: Callable[[str], str | None] = shutil.which) -> list[str] | None:
    """``[]`` as root, ``["sudo", "-n", …]`` where sudo needs no password (CI runners), else None."""
    if is_root():
        return []
    if which("sudo") and run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        return ["sudo", "-n", "DEBIAN_FRONTEND=noninteractive"]
    return None


def apt_install(packages: Sequence[str], why: str, run: Runner = subprocess.run,
                is_root: Callable[[], bool] = _is_root, which: Callable[[str], str | None] = shutil.which) -> bool:
    """Install Debian *packages* with apt-get when this may (root or password-less sudo)."""
    prefix = privilege_prefix(run, is_root, which)
    if prefix is None or not which("apt-get"):
        return False
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    print(f"Installerer {', '.join(packages)} med apt-get ({why}) …", flush=True)
    run([*prefix, "apt-get", "update", "-qq"], env=env, check=False)
    result = run([*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
                 env=env, check=False)
    return result.returncode == 0


def missing_pango(find: Callable[[str], str | None] = ctypes.util.find_library) -> list[str]:
    return [name for name in PANGO_LIBRARIES if find(name) is None]


def ensure_pango(find: Callable[[str], str | None] = ctypes.util.find_library,
                 install: Callable[[], bool] | None = None) -> list[str]:
    """The Pango libraries still missing after installing them where this may."""
    missing = missing_pango(find)
    if missing and (install or (lambda: apt_install(PANGO_PACKAGES, "PDF'ens systembiblioteker")))():
        missing = missing_pango(find)
    return missing


def main(find: Callable[[str], str | None] = ctypes.util.find_library,
         install: Callable[[], bool] | None = None) -> int:
    problems = []
    if sys.version_info < MIN_PYTHON:
        need = ".".join(map(str, MIN_PYTHON))
        have = ".".join(map(str, sys.version_info[:3]))
        problems.append(
            f"Python {need} eller nyere kræves, men {have} er installeret.\n"
            f"Python {need} or newer is required, found {have}."
        )
    try:
        import ensurepip  # noqa: F401
        import venv  # noqa: F401
    except ImportError:
        problems.append(
            "Pythons venv-modul mangler. Installer fx: sudo apt-get install python3-venv\n"
            "Python's venv module is missing. Install e.g.: sudo apt-get install python3-venv"
        )
    missing = ensure_pango(find, install)
    if missing:
        problems.append(
            "Systembiblioteket Pango mangler; WeasyPrint skal bruge det for at lave PDF'en.\n"
            "The system library Pango is missing; WeasyPrint needs it to make the PDF.\n"
            f"Mangler / missing: {', '.join(missing)}\n" + INSTALL_HINT
        )
    if problems:
        print("Maskinen mangler noget, før planen kan bygges / The machine is missing something:\n", file=sys.stderr)
        for problem in problems:
            print(problem + "\n", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
