"""A copy of the project with hostile values in its data (tests/test_injection.py).

Staff paste text from e-mails and Word into data files. These values hold HTML,
script and template code in every kind of field; the copy is built once per test
run, in the background like the shipped plan (tests/sharedbuild.py).
"""

from __future__ import annotations

from pathlib import Path

from generate_synthetic_plan import copy_project

SCRIPT = '<script>alert("plan")</script>'
IMG = "<img src=x onerror=alert(2)>"
SVG = '"><svg onload=alert(3)>'
JINJA = "{{ 7 * 191 }}"  # 1337 if it were evaluated

#: Folder name of the hostile build inside the run's common temporary folder.
FOLDER = "hostile-build"
#: The document the plan's PDF is rendered from is checked (tests/pdfhtml.py); the meeting
#: packs and status reports are made from the same prepared document (escaped once, for
#: all of them), so this build leaves them out.
BUILD_ENV = {"PLAN_MOEDER": "ingen", "PLAN_AARSSTATUS": "ingen"}

#: (file, start of a line, new value for that line's field) — hostile values in every kind of field.
HOSTILE = [
    ("data/plan.yaml", "titel: ", f"En fælles indsats {SCRIPT}"),
    ("data/plan.yaml", "undertitel: ", f"Boligsocial helhedsplan {IMG}"),
    ("data/plan.yaml", "kommune: ", f"Slagelse Kommune {JINJA}"),
    ("data/plan.yaml", "udgiver: ", f"Slagelse {SVG}"),
    ("data/boligomraader.yaml", "  navn: Motalavej", f"Motalavej {IMG}"),
    ("data/boligomraader.yaml", "  by: Korsør", f"Korsør {JINJA}"),
    ("data/parter.yaml", "  navn: Slagelse Boligselskab", f"Slagelse Boligselskab {SVG}"),
    ("data/kilder.yaml", "  udgiver: Bestyrelsen for den boligsociale helhedsplan", f"Bestyrelsen {SCRIPT}"),
]


def make_hostile_project(project: Path) -> None:
    """Copy the project to *project* and put the hostile values into its data."""
    copy_project(project)
    for name, start, value in HOSTILE:
        path = project / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        index = next((i for i, line in enumerate(lines) if line.startswith(start)), None)
        assert index is not None, f"{name} has no line starting with {start!r}: update HOSTILE"
        key = start.split(":")[0]
        quoted = "'" + value.replace("'", "''") + "'"
        lines[index] = f"{key}: {quoted}\n"
        path.write_text("".join(lines), encoding="utf-8")
