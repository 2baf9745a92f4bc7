"""The publishing workflow's script: an approved merge gets its tag and release, nothing else does."""

import shutil
import subprocess

import pytest

import publish_version
from macros.core import contentid
from conftest import ROOT
from gitutil import commit_all, copy_data, edit, init_repo

ENTRY = (
    "godkendte_versioner:\n  - forelagt_version: {cid}\n    organ: bestyrelsen\n    dato: 2026-11-30\n"
    "    reference: Referat af bestyrelsesmøde 30. november 2026, punkt 3\n"
)


class FakeGitHub:
    """Records the gh commands; knows which releases exist."""

    def __init__(self, releases=()):
        self.releases = set(releases)
        self.commands = []

    def __call__(self, command):
        self.commands.append(command)
        if command[:3] == ["gh", "release", "view"]:
            return subprocess.CompletedProcess(command, 0 if command[3] in self.releases else 1, "", "")
        if command[:3] == ["gh", "release", "create"]:
            self.releases.add(command[3])
        return subprocess.CompletedProcess(command, 0, "", "")


@pytest.fixture
def repo(tmp_path):
    repo = init_repo(tmp_path / "plan")
    copy_data(ROOT / "data", repo)
    (repo / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "om-planen.md", repo / "docs" / "om-planen.md")
    commit_all(repo, "Planen, som bestyrelsen fik den", date="2026-11-20T10:00:00")
    return repo


@pytest.fixture
def pdf(tmp_path):
    path = tmp_path / "helhedsplan.pdf"
    path.write_bytes(b"%PDF-1.7 test")
    return path


def approve(repo):
    register = repo / "data" / "godkendelser.yaml"
    edit(register, "godkendte_versioner: []\n", ENTRY.format(cid=contentid.of_tree(repo)))
    return commit_all(repo, "Registrér bestyrelsens godkendelse (#30)", date="2026-12-01T10:00:00")


def test_merge_that_registers_an_approval_creates_tag_and_release(repo, pdf, tmp_path):
    merged = approve(repo)
    github = FakeGitHub()
    said = publish_version.publish(repo, pdf, merged, github, out_dir=tmp_path / "out")
    assert said == "Version v2026.1 er udgivet med PDF'en helhedsplan-v2026.1.pdf."
    create = github.commands[-1]
    assert create[:4] == ["gh", "release", "create", "v2026.1"]
    assert create[create.index("--target") + 1] == merged  # the tag goes on the merged commit
    assert create[create.index("--title") + 1] == "Helhedsplanen, version 2026.1"
    notes = create[create.index("--notes") + 1]
    assert "Teksten er godkendt af bestyrelsen 30. november 2026." in notes
    assert (tmp_path / "out" / "helhedsplan-v2026.1.pdf").read_bytes() == pdf.read_bytes()
    # A re-run, or a later merge that leaves the content as approved, changes nothing.
    assert "allerede udgivet" in publish_version.publish(repo, pdf, merged, github, out_dir=tmp_path / "out")
    assert sum(c[:3] == ["gh", "release", "create"] for c in github.commands) == 1


def test_draft_or_corrected_text_gets_no_release(repo, pdf):
    github = FakeGitHub()
    said = publish_version.publish(repo, pdf, "HEAD", github)
    assert said.startswith("Ingen ny version at udgive: Forslag til godkendelse, 20. november 2026.")
    approve(repo)
    edit(repo / "docs" / "om-planen.md", "fireårig", "fire år lang")
    commit_all(repo, "Ret ordvalg (#31)", date="2026-12-02T10:00:00")
    said = publish_version.publish(repo, pdf, "HEAD", github)
    assert said.startswith("Ingen ny version at udgive: Version 2026.1 + 1 rettelse (2. december 2026).")
    assert github.commands == []


def test_command_line_reports_failures_in_danish(repo, tmp_path, capsys):
    approve(repo)

    def failing(command):
        if command[:3] == ["gh", "release", "view"]:
            return subprocess.CompletedProcess(command, 1, "", "release not found")
        return subprocess.CompletedProcess(command, 1, "", "HTTP 403")

    code = publish_version.main(["--repo", str(repo), "--pdf", str(tmp_path / "mangler.pdf")], run=failing)
    assert code == 1 and "PDF'en til udgivelsen findes ikke" in capsys.readouterr().err
    (tmp_path / "p.pdf").write_bytes(b"%PDF")
    code = publish_version.main(["--repo", str(repo), "--pdf", str(tmp_path / "p.pdf")], run=failing)
    err = capsys.readouterr().err
    assert code == 1 and "GitHub kunne ikke oprette udgivelsen v2026.1: HTTP 403" in err and "Traceback" not in err
