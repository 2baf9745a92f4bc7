"""Owners: CODEOWNERS, the chapters' front matter (ejer:) and the guide agree."""

import re

import yaml
from conftest import ROOT

from macros.plan import load_plan

CODEOWNERS = ROOT / ".github" / "CODEOWNERS"
DOCS = ROOT / "docs"


def rules():
    result = []
    for line in CODEOWNERS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pattern, *owners = line.split()
            result.append((pattern, owners))
    return result


def matches(pattern, path):
    """The subset of CODEOWNERS patterns used here: *, /dir/ and /file."""
    if pattern == "*":
        return True
    assert pattern.startswith("/"), f"use anchored patterns: {pattern}"
    pattern = pattern[1:]
    return path.startswith(pattern) if pattern.endswith("/") else path == pattern


def owners_of(path):
    found = []
    for pattern, owners in rules():
        if matches(pattern, path):
            found = owners  # the last matching rule wins
    return found


def front_matter(page):
    text = page.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    return yaml.safe_load(text.split("---\n", 2)[1]) or {}


def organisation():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return re.search(r"^repo_url: https://github.com/([^/]+)/", config, re.MULTILINE).group(1)


def test_every_team_is_a_known_body_or_area_of_the_configured_organisation():
    plan = load_plan(ROOT / "data")
    org = organisation()
    for _, owners in rules():
        for owner in owners:
            team = owner.removeprefix(f"@{org}/helhedsplan-")
            assert team != owner, f"{owner} is not a team of @{org}"
            if team.startswith("omraade-"):
                assert team.removeprefix("omraade-") in plan.areas, owner
            else:
                assert team in plan.parties, owner


def test_chapter_owner_in_front_matter_is_a_code_owner():
    checked = 0
    for page in sorted(DOCS.rglob("*.md")):
        owner = front_matter(page).get("ejer")
        if owner is None:
            continue
        path = page.relative_to(ROOT).as_posix()
        assert f"@{organisation()}/helhedsplan-{owner}" in owners_of(path), (path, owner, owners_of(path))
        checked += 1
    assert checked >= 10


def test_every_chapter_in_the_navigation_names_its_owner():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))

    def top_level(entries):
        for entry in entries:
            value = next(iter(entry.values())) if isinstance(entry, dict) else entry
            if isinstance(value, str):
                yield value
            else:  # a section: its first page is the chapter's overview
                first = value[0]
                yield first if isinstance(first, str) else next(iter(first.values()))

    pages = list(top_level(config["nav"]))
    assert "aendringslog.md" not in pages  # nested, but owned all the same
    for page in pages + ["aendringslog.md", "om-sitet/bidrag.md"]:
        assert "ejer" in front_matter(DOCS / page), page


def test_each_area_page_has_the_area_team():
    plan = load_plan(ROOT / "data")
    for area in plan.plan_areas:
        owners = owners_of(f"docs/boligomraader/{area.id}.md")
        assert owners == [f"@{organisation()}/helhedsplan-omraade-{area.id}"], area.id


def test_guide_explains_every_team():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    teams = {owner.split("/", 1)[1] for _, owners in rules() for owner in owners}
    for team in teams:
        if "omraade-" in team and team != "helhedsplan-omraade-ringparken":
            continue  # the guide gives one area team as the example
        assert f"`{team}`" in guide, team
    assert "CODEOWNERS" in guide and "slagelse-kommune" in guide


def test_pull_request_template_asks_for_source_approver_and_checklist():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for heading in ("## Hvad ændres?", "## Hvorfor?", "## Kilde til nye tal og datoer", "## Hvem skal godkende?"):
        assert heading in template
    checklist = [line for line in template.splitlines() if line.startswith("- [ ]")]
    text = " ".join(checklist)
    assert "Kilden" in text and "forhåndsvisningen" in text and "personoplysninger" in text
