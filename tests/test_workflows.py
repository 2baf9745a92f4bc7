"""The GitHub Actions workflows: linted with actionlint, and held to the
repository's security rules (read-only token, pinned actions, no
pull_request_target, cancelled superseded runs, one required final check)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
ACTIONLINT = Path(sys.executable).parent / "actionlint"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def load(name):
    # PyYAML reads the key "on" as True.
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))
    return data


def all_workflows():
    return sorted(p.name for p in WORKFLOWS.glob("*.yml"))


def run_actionlint(*files):
    return subprocess.run(
        [str(ACTIONLINT), "-no-color", *map(str, files)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_actionlint_passes():
    assert ACTIONLINT.exists(), "actionlint mangler: kør make setup"
    result = run_actionlint(*sorted(WORKFLOWS.glob("*.yml")))
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - run: echo ${{ github.evnt.ref }}\n",
        encoding="utf-8",
    )
    result = run_actionlint(broken)
    assert result.returncode != 0 and "evnt" in result.stdout


@pytest.mark.parametrize("name", all_workflows())
def test_security_rules(name):
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    workflow = load(name)
    assert "pull_request_target" not in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}, "the default token must be read-only"
    assert "concurrency" in workflow
    uses = re.findall(r"uses:\s*(\S+)", text)
    assert uses, "expected at least one action"
    for ref in uses:
        assert PINNED.match(ref), f"{ref} is not pinned to a full commit id"
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            if "actions/checkout" in step.get("uses", ""):
                assert step["with"]["fetch-depth"] == 0, "history is needed for dates, status and diff"
                assert step["with"]["persist-credentials"] is False
    # Only named jobs may widen the token, and never beyond what they need.
    allowed = {"contents": {"write"}, "pages": {"write"}, "id-token": {"write"}}
    for job in workflow["jobs"].values():
        for scope, level in job.get("permissions", {}).items():
            assert level in allowed.get(scope, {"read"}), (name, scope, level)


def test_pull_request_checks():
    workflow = load("kontrol.yml")
    assert list(workflow["on"]) == ["pull_request"]
    assert workflow["concurrency"]["cancel-in-progress"] is True
    jobs = workflow["jobs"]

    def commands(job: str) -> list[str]:
        return [s.get("run", "") for s in jobs[job]["steps"]]

    def artifacts(job: str) -> list[str]:
        return [s["with"]["name"] for s in jobs[job]["steps"] if "upload-artifact" in s.get("uses", "")]

    for command in ("make setup", "make validate", "make site", "make diff"):
        assert any(command in c for c in commands("kontrol")), command
    assert "GITHUB_STEP_SUMMARY" in " ".join(commands("kontrol"))
    assert artifacts("kontrol") == ["site", "pdf"]
    # The tests run beside the build, not after it, and only they install Chromium (make test).
    assert "needs" not in jobs["test"] and "needs" not in jobs["kontrol"]
    assert any("make test" in c for c in commands("test")) and not any("make test" in c for c in commands("kontrol"))
    assert not any("chromium" in c for c in commands("kontrol"))
    assert artifacts("test") == ["skaermbilleder"]
    node = next(s for s in jobs["test"]["steps"] if "setup-node" in s.get("uses", ""))
    assert node["with"]["cache"] == "npm" and node["with"]["cache-dependency-path"] == "tests/browser/package-lock.json"
    final = jobs["alle-kontroller"]
    assert final["name"] == "Alle kontroller bestået" and final["if"] == "${{ always() }}"
    assert set(final["needs"]) == set(jobs) - {"alle-kontroller"}


def test_publish_and_release():
    pages = load("udgiv.yml")
    assert pages["on"]["push"]["branches"] == ["main"]
    steps = " ".join(s.get("uses", "") for job in pages["jobs"].values() for s in job["steps"])
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in steps
    assert pages["jobs"]["udgiv"]["environment"]["name"] == "github-pages"
    # An approved version gets its tag and release on merge, by the tested script, in a job of its own.
    version = pages["jobs"]["version"]
    assert version["needs"] == ["byg"] and version["permissions"] == {"contents": "write"}
    run = " ".join(s.get("run", "") for s in version["steps"])
    assert "scripts/publish_version.py" in run and "helhedsplan.pdf" in run and "GITHUB_SHA" in run
    assert "make site" not in run  # it runs no page code with the write token
    assert "permissions" not in pages["jobs"]["byg"]
    release = load("version.yml")
    assert release["on"]["push"]["tags"] == ["v*"]
    run = " ".join(s.get("run", "") for s in release["jobs"]["pdf"]["steps"])
    assert "make site" in run and "scripts/publish_version.py" in run and "helhedsplan.pdf" in run
