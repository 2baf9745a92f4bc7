"""Turn MkDocs' build output into messages a staff member can act on.

MkDocs, its plugins and Python speak English and print tracebacks. The build
script (scripts/build.py) feeds every output line through :class:`Translator`,
which keeps our own Danish messages, rewrites the known English ones into
Danish with file and line, hides tracebacks (they go to the log file) and
drops follow-up noise caused by an error already reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_LEVEL = re.compile(r"^(?:\x1b\[[0-9;]*m)?(INFO|WARNING|ERROR|DEBUG)\s*-\s*(?:\x1b\[0m)?\s*(.*)$")

_LINK_MISSING = re.compile(
    r"Doc file '(?P<doc>[^']+)' contains a link '(?P<link>[^']+)', but the target (?:'[^']*' )?is not found"
)
_ANCHOR_MISSING = re.compile(
    r"Doc file '(?P<doc>[^']+)' contains a link '(?P<link>[^']+)', but the doc '(?P<target>[^']+)' "
    r"does not contain an anchor '(?P<anchor>[^']+)'"
)
_LINK_UNRECOGNIZED = re.compile(r"Doc file '(?P<doc>[^']+)' contains an unrecognized relative link '(?P<link>[^']+)'")
_LINK_ABSOLUTE = re.compile(r"Doc file '(?P<doc>[^']+)' contains an absolute link '(?P<link>[^']+)'")
_NAV_MISSING = re.compile(r"A reference to '(?P<target>[^']+)' is included in the 'nav' configuration")
_NOT_IN_NAV = re.compile(r"pages exist in the docs directory, but are not included in the \"nav\"")
_PDF_IMAGE = re.compile(r"^PDF: Failed to load image at '(?P<url>[^']+)'")
_PDF_OTHER = re.compile(r"^PDF: (?P<text>.*)")
_CONFIG = re.compile(r"Config value '(?P<key>[^']+)': (?P<text>.*)")

_PAGE_PREFIX = re.compile(r"^Error (?:reading|building|rendering) page '[^']*':\s*")

#: Lines that only repeat or follow from an error already reported.
_NOISE = [
    re.compile(r"^Aborted with (a BuildError!|\d+ warnings? in strict mode!)"),
    re.compile(r"^\[macros\] - ERROR\s*$"),
    re.compile(r"^Missing \d+ link\(s\):"),
    re.compile(r"^\s*\| "),
    re.compile(r"without generate PDF"),
    re.compile(r"^DeprecationWarning: HarfBuzz"),
    re.compile(r"^Error: Aborted"),
]


def find_line(source: Path, needle: str) -> int | None:
    """First line in *source* that contains *needle* (1-based), if any."""
    try:
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
            if needle in line:
                return number
    except OSError:
        return None
    return None


@dataclass
class Translator:
    """Stateful line-by-line translator of one build's output."""

    docs_dir: Path
    verbose: bool = False
    problems: list[str] = field(default_factory=list)
    _in_traceback: bool = False
    _traceback_last: str = ""
    _expect_nav_list: bool = False
    _pending_plan_error: list[str] = field(default_factory=list)

    # -- helpers ------------------------------------------------------------------
    def _doc_location(self, doc: str, needle: str) -> str:
        path = self.docs_dir / doc
        line = find_line(path, needle)
        where = f"docs/{doc}"
        return f"{where}, linje {line}" if line else where

    def _problem(self, text: str) -> str:
        self.problems.append(text)
        return text

    # -- main entry ---------------------------------------------------------------
    def feed(self, raw: str) -> list[str]:
        """Translate one output line; returns the lines to show (maybe none)."""
        line = raw.rstrip("\n")
        if self._in_traceback:
            if line.startswith((" ", "\t")) or not line.strip():
                return []
            self._in_traceback = False
            self._traceback_last = line.strip()
            return []
        if line.startswith("Traceback (most recent call last)"):
            self._in_traceback = True
            return []

        match = _LEVEL.match(line)
        level, text = (match.group(1), match.group(2)) if match else (None, line)

        if self._expect_nav_list:
            item = re.match(r"^\s*-\s+(?P<page>\S+)\s*$", text)
            if item and level is None:
                page = item.group("page")
                return [
                    self._problem(
                        f"Fejl i docs/{page}: Siden er ikke med i navigationen.\n"
                        f"  Sådan retter du det: Tilføj den under «nav:» i mkdocs.yml, eller slet filen."
                    )
                ]
            self._expect_nav_list = False

        # MkDocs puts "Error reading page 'x.md': " in front of an error raised
        # while a page is built; our own message already names the page.
        text = _PAGE_PREFIX.sub("", text)
        if level in ("WARNING", "ERROR") and not text.strip():
            return []
        if any(p.search(text) for p in _NOISE):
            return []
        # Our own Danish messages (from define_env or a building block).
        if text.startswith("Fejl i ") or re.match(r"^\d+\. Fejl i ", text):
            return [self._problem(text)]
        if re.match(r"^Der er \d+ fejl", text) or text.lstrip().startswith("Sådan retter du"):
            return [text]

        if m := _ANCHOR_MISSING.search(text):
            return [
                self._problem(
                    f"Fejl i {self._doc_location(m['doc'], m['link'])}: Linket «{m['link']}» peger på "
                    f"afsnittet «{m['anchor']}», som ikke findes på siden {m['target']}.\n"
                    "  Sådan retter du det: Ret linket til en overskrift, der findes på siden, eller fjern «#…»."
                )
            ]
        if m := _LINK_MISSING.search(text):
            return [
                self._problem(
                    f"Fejl i {self._doc_location(m['doc'], m['link'])}: Linket «{m['link']}» peger på en side, "
                    "der ikke findes.\n"
                    "  Sådan retter du det: Ret linket til en eksisterende side (stien er relativ til siden selv), "
                    "eller fjern det."
                )
            ]
        if m := _LINK_UNRECOGNIZED.search(text):
            return [
                self._problem(
                    f"Fejl i {self._doc_location(m['doc'], m['link'])}: Linket «{m['link']}» kan ikke forstås.\n"
                    "  Sådan retter du det: Link til en .md-fil i docs/, fx «../om-planen.md»."
                )
            ]
        if m := _LINK_ABSOLUTE.search(text):
            return [
                self._problem(
                    f"Fejl i {self._doc_location(m['doc'], m['link'])}: Linket «{m['link']}» starter med «/».\n"
                    "  Sådan retter du det: Skriv linket relativt til siden, fx «../tidsplan.md»."
                )
            ]
        if m := _NAV_MISSING.search(text):
            return [
                self._problem(
                    f"Fejl i mkdocs.yml: Navigationen («nav:») nævner siden «{m['target']}», som ikke findes i docs/.\n"
                    "  Sådan retter du det: Ret stavningen, eller opret siden."
                )
            ]
        if _NOT_IN_NAV.search(text):
            self._expect_nav_list = True
            return []
        if m := _PDF_IMAGE.search(text):
            name = m["url"].rstrip("/").rsplit("/", 1)[-1] or m["url"]
            return [
                self._problem(
                    f"Fejl i PDF'en: Billedet «{name}» kunne ikke indlæses ({m['url']}).\n"
                    "  Sådan retter du det: Læg billedet i docs/assets/images/, og ret stien i siden, "
                    "så den peger på filen (relativt til siden)."
                )
            ]
        if m := _PDF_OTHER.search(text):
            return [
                self._problem(
                    f"Fejl i PDF'en: {m['text']}\n"
                    "  Sådan retter du det: Fortryd den seneste ændring; kontakt udviklerne med beskeden, "
                    "hvis den er uklar."
                )
            ]
        if m := _CONFIG.search(text):
            return [
                self._problem(
                    f"Fejl i mkdocs.yml, indstillingen «{m['key']}»: {m['text']}\n"
                    "  Sådan retter du det: Sammenlign med den seneste godkendte version af mkdocs.yml."
                )
            ]
        if level == "WARNING" or level == "ERROR":
            return [
                self._problem(
                    f"Advarsel fra byggeværktøjet (stopper bygningen): {text}\n"
                    "  Sådan retter du det: Ret årsagen; kontakt udviklerne, hvis beskeden er uklar."
                )
            ]
        if level in ("INFO", "DEBUG"):
            return [text] if self.verbose else []
        if level is None and text.strip() and self.verbose:
            return [text]
        return []

    def finish(self, returncode: int, log_path: Path | None) -> list[str]:
        """Closing lines once the build has ended."""
        if returncode == 0:
            return []
        lines = []
        if not self.problems:
            detail = f" ({self._traceback_last})" if self._traceback_last else ""
            where = f" Den fulde tekniske besked står i {log_path}." if log_path else ""
            lines.append(
                self._problem(
                    f"Fejl: Bygningen stoppede uventet{detail}.{where}\n"
                    "  Sådan retter du det: Fortryd den seneste ændring og prøv igen; "
                    "kontakt udviklerne med logfilen, hvis fejlen bliver ved."
                )
            )
        count = len(self.problems)
        noun = "fejl"
        lines.append(f"\nBygningen blev stoppet: {count} {noun} skal rettes. Intet er offentliggjort.")
        return lines
