#!/usr/bin/env python3
"""Check the machine before the virtual environment is made (standard library only).

WeasyPrint (the PDF engine) needs the system libraries Pango and
PangoFT2; pip cannot install them. If they are missing, say which package to
install, in Danish and English, instead of failing later with a traceback.
"""

from __future__ import annotations

import ctypes.util
import sys

MIN_PYTHON = (3, 11)

INSTALL_HINT = """\
  Debian/Ubuntu:  sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
  Fedora:         sudo dnf install pango
  macOS:          brew install pango
  Windows:        brug WSL (Ubuntu) / use WSL (Ubuntu)"""


def main() -> int:
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
    missing = [name for name in ("pango-1.0", "pangoft2-1.0") if ctypes.util.find_library(name) is None]
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
