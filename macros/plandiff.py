"""Compare the plan at two versions and say what changed, in plain Danish.

The plan is loaded at each version with the normal loader
(:func:`macros.plan.load_plan`) from a copy of ``data/`` exported from git, so
every comparison sees validated data. One small *comparer* per dataset turns
two plans into a :class:`Section` of Danish sentences (or ``None`` when that
dataset did not change); :data:`COMPARERS` lists them in reading order.
Chapters (``docs/*.md``) are compared by file through git.

Used by ``make diff BASE=<rev>`` (scripts/plan_diff.py), the pull request
summary and the change log page.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import danish, gitrepo
from .errors import PlanError
from .plan import Plan, load_plan


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[str, ...] = ()
    #: Optional table: header cells, then rows (already formatted text).
    table: tuple[tuple[str, ...], ...] = field(default=())


Comparer = Callable[[Plan, Plan], "Section | None"]


def _q(text: object) -> str:
    return f"«{text}»"


def _date(value) -> str:
    return danish.date_long(value) if value else "ingen dato"


def _section(title: str, lines: list[str], table: list[tuple[str, ...]] | None = None) -> Section | None:
    if not lines and not table:
        return None
    return Section(title, tuple(lines), tuple(table or ()))


# --- comparers ----------------------------------------------------------------------------


def compare_facts(old: Plan, new: Plan) -> Section | None:
    """plan.yaml: title, period, approval and start dates, vision, areas and parties in the plan."""
    a, b = old.facts, new.facts
    lines = []
    for label, before, after, show in [
        ("Planens titel", a.title, b.title, _q),
        ("Undertitlen", a.subtitle, b.subtitle, _q),
        ("Planperiodens start", a.start, b.start, _date),
        ("Planperiodens slut", a.end, b.end, _date),
        ("Datoen for Landsbyggefondens godkendelse", a.lbf_approval.date, b.lbf_approval.date, _date),
        ("Datoen for ikrafttræden", a.effective.date, b.effective.date, _date),
    ]:
        if before != after:
            lines.append(f"{label} er ændret fra {show(before)} til {show(after)}.")
    if a.vision != b.vision:
        lines.append(f"Visionen er ændret. Den lyder nu: {_q(b.vision)}")
    for area_id in b.area_ids:
        if area_id not in a.area_ids:
            lines.append(f"Boligområdet {new.areas[area_id].name} er kommet med i planen.")
    for area_id in a.area_ids:
        if area_id not in b.area_ids:
            lines.append(f"Boligområdet {old.areas[area_id].name} er ikke længere med i planen.")
    for party_id in b.party_ids:
        if party_id not in a.party_ids:
            lines.append(f"{new.parties[party_id].name} er kommet med som part i planen.")
    for party_id in a.party_ids:
        if party_id not in b.party_ids:
            lines.append(f"{old.parties[party_id].name} er ikke længere part i planen.")
    return _section("Grundoplysninger", lines)


def _registry(old: dict, new: dict, noun: str, name: Callable) -> list[str]:
    lines = []
    for key in new:
        if key not in old:
            lines.append(f"Ny {noun}: {name(new[key])}.")
        elif name(old[key]) != name(new[key]):
            lines.append(f"{noun.capitalize()} {name(old[key])} hedder nu {name(new[key])}.")
    for key in old:
        if key not in new:
            lines.append(f"{noun.capitalize()} {name(old[key])} er fjernet.")
    return lines


def compare_areas_and_parties(old: Plan, new: Plan) -> Section | None:
    """boligomraader.yaml and parter.yaml: entries added, removed or renamed."""
    lines = _registry(old.areas, new.areas, "boligområde", lambda a: a.name)
    lines += _registry(old.parties, new.parties, "part", lambda p: p.name)
    return _section("Boligområder og parter", lines)


def compare_sources(old: Plan, new: Plan) -> Section | None:
    """kilder.yaml: sources added, removed or retitled."""
    return _section("Kilder", _registry(old.sources, new.sources, "kilde", lambda s: _q(s.title)))


def compare_approvals(old: Plan, new: Plan) -> Section | None:
    """godkendelser.yaml: approvals registered or removed."""
    old_items = old.approvals.approvals if old.approvals else ()
    new_items = new.approvals.approvals if new.approvals else ()
    before = {(a.version, a.body_id) for a in old_items}
    after = {(a.version, a.body_id) for a in new_items}
    lines = []
    for a in new_items:
        if (a.version, a.body_id) not in before:
            body = new.parties[a.body_id].short_name
            lines.append(f"Version {a.version} er registreret som godkendt af {body} den {_date(a.date)}.")
    for a in old_items:
        if (a.version, a.body_id) not in after:
            body = old.parties[a.body_id].short_name if a.body_id in old.parties else a.body_id
            lines.append(f"Godkendelsen af version {a.version} ved {body} er fjernet fra registret.")
    return _section("Godkendelser", lines)


#: One comparer per dataset, in the order the summary shows them.
COMPARERS: list[Comparer] = [
    compare_facts,
    compare_approvals,
    compare_areas_and_parties,
    compare_sources,
]


def compare(old: Plan, new: Plan, comparers: list[Comparer] | None = None) -> list[Section]:
    sections = []
    for comparer in comparers or COMPARERS:
        section = comparer(old, new)
        if section is not None:
            sections.append(section)
    return sections


# --- chapters ---------------------------------------------------------------------------------

_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def chapter_title(markdown: str, fallback: str) -> str:
    match = _HEADING.search(markdown)
    return match.group(1).strip() if match else fallback


def _file_at(repo: Path, revision: str | None, path: str) -> str:
    if revision is None:
        file = repo / path
        return file.read_text(encoding="utf-8") if file.exists() else ""
    return gitrepo.run(repo, "show", f"{revision}:{path}") or ""


def compare_chapters(repo: Path, base: str, head: str | None) -> Section | None:
    """Chapters (docs/**/*.md) added, removed or changed between two versions."""
    changes = gitrepo.changed_files(repo, base, head, ("docs",))
    lines = []
    words = {"A": "er nyt", "D": "er fjernet", "M": "er ændret"}
    for status, path in changes or []:
        if not path.endswith(".md") or status not in words:
            continue
        text = _file_at(repo, base if status == "D" else head, path)
        title = chapter_title(text, Path(path).stem)
        lines.append(f"Kapitlet **{title}** (`{path}`) {words[status]}.")
    return _section("Kapitler", lines)


# --- loading a version ----------------------------------------------------------------------


def load_plan_at(repo: Path, revision: str, workdir: Path) -> Plan:
    """The plan's data as it was at *revision* (exported from git into *workdir*)."""
    target = workdir / "data"
    if not gitrepo.export_tree(repo, revision, ["data"], workdir):
        raise PlanError("sammenligningen af versioner", f"Versionen «{revision}» findes ikke i git.",
                        "Skriv et tag, en gren eller et commit-id, fx BASE=main.")
    return load_plan(target)


@dataclass(frozen=True)
class PlanDiff:
    base_label: str
    head_label: str
    sections: tuple[Section, ...]
    note: str = ""


def diff_versions(repo: Path, base: str, head: str | None = None, head_plan: Plan | None = None) -> PlanDiff:
    """Compare the plan at *base* with *head* (a revision, or the working tree if None)."""
    repo = Path(repo)
    base_commit = gitrepo.resolve_commit(repo, base)
    if base_commit is None:
        raise PlanError("sammenligningen af versioner", f"Versionen «{base}» findes ikke i git.",
                        "Skriv et tag, en gren eller et commit-id, fx make diff BASE=main.")
    head_label = head or "arbejdskopien"
    note = ""
    sections: list[Section] = []
    with tempfile.TemporaryDirectory(prefix="plan-diff-") as tmp:
        try:
            if head is None:
                new = head_plan or load_plan(repo / "data")
            else:
                new = load_plan_at(repo, head, Path(tmp) / "head")
            old = load_plan_at(repo, base_commit, Path(tmp) / "base")
            sections = compare(old, new)
        except PlanError as error:
            note = (
                "Planens data kunne ikke sammenlignes, fordi den ene version ikke kan indlæses: "
                f"{error.problem} Ændrede datafiler vises i stedet."
            )
            files = gitrepo.changed_files(repo, base_commit, head, ("data",)) or []
            sections = [Section("Ændrede datafiler", tuple(f"`{p}`" for _, p in files))] if files else []
    chapters = compare_chapters(repo, base_commit, head)
    if chapters is not None:
        sections.insert(0, chapters)
    short = base_commit[:7]
    base_label = base if base == short or base.startswith(short) else f"{base} ({short})"
    return PlanDiff(base_label, head_label, tuple(sections), note)


# --- output ---------------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(diff: PlanDiff, heading_level: int = 2, title: str = "Ændringer i planen") -> str:
    """The diff as Markdown (GitHub job summary, change log page, terminal)."""
    h = "#" * heading_level
    out = [f"{h} {title}", "", f"Sammenligner {_cell(diff.base_label)} med {_cell(diff.head_label)}.", ""]
    if diff.note:
        out += [f"> {diff.note}", ""]
    if not diff.sections:
        out += ["Ingen ændringer i planens kapitler eller data.", ""]
    for section in diff.sections:
        out += [f"{h}# {section.title}", ""]
        out += [f"- {line}" for line in section.lines]
        if section.lines:
            out.append("")
        if section.table:
            header, *rows = section.table
            out.append("| " + " | ".join(map(_cell, header)) + " |")
            out.append("|" + "---|" * len(header))
            out += ["| " + " | ".join(map(_cell, row)) + " |" for row in rows]
            out.append("")
    return "\n".join(out).rstrip() + "\n"
