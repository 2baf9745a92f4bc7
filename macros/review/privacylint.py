"""Privacy lint: personal data must not reach the published repository.

Everything in ``docs/`` and ``data/`` is public (the site, the PDF and GitHub
itself). This check looks for what should never be there: CPR numbers
(``ddmmåå-xxxx`` with a real date), Danish phone numbers and e-mail addresses
other than the official contact points in ``data/privatliv.yaml``, and words
that suggest a named resident's case (the word list in the same file).

Run by ``make validate`` (scripts/validate.py) and by the tests. Each finding is
a Danish :class:`~macros.core.errors.PlanError` with file and line.
Pure apart from reading the files: :func:`lint_text` checks one text.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from macros.core.errors import Location, PlanError
from macros.core.yamlio import load_validated

CONFIG_FILE = "privatliv.yaml"

_CPR = re.compile(r"(?<![\d-])(\d{2})(\d{2})(\d{2})-(\d{4})(?![\d-])")
_CPR_WORD = re.compile(r"\bcpr[\s.:-]*(?:nr\.?|nummer)?[\s.:-]*(\d{6})\s?-?\s?(\d{4})\b", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}\b")
#: A run of digits and spaces, with an optional +45 / 0045 in front and an optional
#: word such as «tlf.» before it (see :func:`_phone_numbers`).
_PHONE_CANDIDATE = re.compile(
    r"(?P<word>\b(?:tlf|telefon|mobil|mob|tel)\.?(?:\s*nr\.?)?[\s.:]*)?"
    r"(?<![\w+.,-])(?P<prefix>(?:\+|00)45[ -]?)?(?P<number>\d[\d ]{6,10}\d)(?![\w,-]|[.,]\d)",
    re.IGNORECASE)
#: How Danes group a phone number: 12 34 56 78, 1234 5678 (not two years such as «2015 2016»),
#: or eight digits after +45 or «tlf.».
_PHONE_GROUPINGS = (re.compile(r"^\d{2} \d{2} \d{2} \d{2}$"), re.compile(r"^(?!(?:19|20)\d\d (?:19|20)\d\d$)\d{4} \d{4}$"))


def _phone_numbers(line: str) -> list[str]:
    """The Danish phone numbers in *line* as written (a bare run of eight digits, e.g. an amount,
    counts only after +45 or a word such as «tlf.»)."""
    found = []
    for match in _PHONE_CANDIDATE.finditer(line):
        number = match.group("number").strip()
        digits = re.sub(r"\D", "", number)
        if len(digits) != 8 or digits[0] in "01":
            continue
        if match.group("prefix") or match.group("word") or any(g.match(number) for g in _PHONE_GROUPINGS):
            found.append((match.group("prefix") or "") + number)
    return found


@dataclass(frozen=True)
class PrivacyRules:
    folders: tuple[str, ...]
    suffixes: tuple[str, ...]
    skip: tuple[str, ...]  # paths (relative to the project) that are not checked
    allowed_emails: frozenset[str]
    allowed_phones: frozenset[str]  # eight digits
    case_words: tuple[str, ...]


def load_rules(data_dir: Path) -> PrivacyRules:
    """Read ``data/privatliv.yaml`` (schema ``data/schemas/privatliv.schema.yaml``)."""
    raw = load_validated(Path(data_dir) / CONFIG_FILE, "privatliv")
    contacts = raw.get("tilladte_kontakter", []) or []
    return PrivacyRules(
        folders=tuple(raw["mapper"]),
        suffixes=tuple(f".{s}" for s in raw["filtyper"]),
        skip=tuple(raw.get("springes_over", [])),
        allowed_emails=frozenset(c["email"].lower() for c in contacts if "email" in c),
        allowed_phones=frozenset(_digits(c["telefon"]) for c in contacts if "telefon" in c),
        case_words=tuple(raw["ord_om_enkeltsager"]),
    )


def _digits(text: str) -> str:
    digits = re.sub(r"\D", "", str(text))
    return digits[-8:]


def _plausible_date(day: str, month: str, year: str) -> bool:
    try:
        datetime.date(2000 + int(year), int(month), int(day))  # a leap year for 29 February
        return True
    except ValueError:
        return int(day) == 29 and int(month) == 2


@dataclass(frozen=True)
class Finding:
    line: int
    problem: str
    fix: str


#: Cheap triggers, each a necessary condition for one of the checks on a line: six digits in a
#: row (CPR), an «@» (e-mail) and a run of digits and spaces long enough for a phone number.
_TRIGGERS = re.compile(r"\d{6}|@|\d[\d ]{6,10}\d")


def _case_words_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)


def _candidate_lines(text: str, rules: PrivacyRules) -> list[int]:
    """The 0-based numbers of the lines that may hold a finding: one pass over the whole text
    per trigger, instead of every check on every line (data files run to many thousand lines)."""
    starts = [0, *itertools.accumulate(len(line) for line in text.splitlines(keepends=True))]
    patterns = [_TRIGGERS, _case_words_pattern(rules.case_words)]
    lines = set()
    for pattern in filter(None, patterns):
        for match in pattern.finditer(text):
            lines.add(bisect.bisect_right(starts, match.start()) - 1)
    return sorted(lines)


def lint_text(text: str, rules: PrivacyRules) -> list[Finding]:
    """Every privacy finding in *text*, with its line number."""
    findings: list[Finding] = []
    words = [re.compile(rf"(?<!\w){re.escape(w)}(?!\w)", re.IGNORECASE) for w in rules.case_words]
    lines = text.splitlines()
    for index in _candidate_lines(text, rules):
        number, line = index + 1, lines[index]
        dates = [m.groups()[:3] for m in _CPR.finditer(line)]
        dates += [(m.group(1)[:2], m.group(1)[2:4], m.group(1)[4:]) for m in _CPR_WORD.finditer(line)]
        if any(_plausible_date(*d) for d in dates):
            findings.append(Finding(number, "Linjen ser ud til at indeholde et CPR-nummer.",
                                    "Slet nummeret. CPR-numre må aldrig stå i planen, heller ikke i en kommentar."))
        for match in _EMAIL.finditer(line):
            if match.group(0).lower() not in rules.allowed_emails:
                findings.append(Finding(
                    number, f"E-mailadressen «{match.group(0)}» er ikke et af planens officielle kontaktpunkter.",
                    "Slet adressen, eller skriv en officiel fællesadresse. Er adressen et officielt kontaktpunkt, "
                    f"skal den stå under «tilladte_kontakter» i data/{CONFIG_FILE}."))
        for phone in _phone_numbers(line):
            if _digits(phone) in rules.allowed_phones:
                continue
            findings.append(Finding(
                number, f"Linjen ser ud til at indeholde et telefonnummer («{phone}»), "
                "som ikke er et af planens officielle kontaktpunkter.",
                "Slet nummeret, eller skriv et officielt hovednummer. Er nummeret et officielt kontaktpunkt, "
                f"skal det stå under «tilladte_kontakter» i data/{CONFIG_FILE}."))
        for word, pattern in zip(rules.case_words, words):
            if pattern.search(line):
                findings.append(Finding(
                    number, f"Ordet «{word}» tyder på en enkelt beboers sag.",
                    "Planen må ikke handle om enkeltpersoner: beskriv indsatsen generelt, uden sager, navne eller "
                    f"adresser. Er ordet brugt helt generelt, så omformulér (ordlisten står i data/{CONFIG_FILE})."))
    return findings


def files_to_check(project: Path, rules: PrivacyRules) -> list[Path]:
    project = Path(project)
    skip = {(project / s).resolve() for s in (*rules.skip, f"data/{CONFIG_FILE}")}
    found = []
    for folder in rules.folders:
        for path in sorted((project / folder).rglob("*")):
            if path.is_file() and path.suffix.lower() in rules.suffixes and path.resolve() not in skip:
                if not any(p.resolve() in skip for p in path.parents):
                    found.append(path)
    return found


def lint(project: Path, data_dir: Path | None = None) -> list[PlanError]:
    """Check ``docs/`` and ``data/`` of *project* (the folders in privatliv.yaml)."""
    project = Path(project)
    rules = load_rules(data_dir or project / "data")
    errors = []
    for path in files_to_check(project, rules):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        for finding in lint_text(text, rules):
            errors.append(PlanError(Location(path, line=finding.line), finding.problem, finding.fix))
    return errors
