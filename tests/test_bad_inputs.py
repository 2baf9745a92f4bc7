"""The bad-input corpus: every case in tests/bad_inputs/ must be refused helpfully.

See tests/bad_inputs/README.md for the case format. All cases of a worker run
against ONE copy of the project; the broken file is restored after each case. Data cases
mostly run scripts/validate.py's ``main`` in this process (the same code and
output as the command, without paying for Python's start-up each time); a
representative set goes through the real scripts/build.py in a subprocess,
which must leave the last good site untouched.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, TEST_TODAY, copy_project

CASES_DIR = ROOT / "tests" / "bad_inputs"
CASE_FILES = sorted(CASES_DIR.glob("*.yaml"))
RUNS = {"validate", "build", "build-pdf"}
CHANGE_KEYS = {"replace", "content", "append", "prepend", "encoding", "delete"}

#: Signs that a Python traceback or an untranslated English error reached the user.
LEAKS = [
    re.compile(r"Traceback \(most recent call last\)"),
    re.compile(r'^\s*File "[^"]+", line \d+', re.MULTILINE),
    re.compile(r"^\w+(Error|Exception): ", re.MULTILINE),
]


def load_case(path: Path) -> dict:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(case, dict), f"{path.name}: a case is a mapping"
    unknown = set(case) - {"description", "file", "change", "run", "expect"}
    assert not unknown, f"{path.name}: unknown keys {unknown}"
    assert case.get("description") and case.get("file") and case.get("expect"), f"{path.name}: incomplete case"
    assert case.get("run", "validate") in RUNS, f"{path.name}: run must be one of {RUNS}"
    assert set(case.get("change") or {}) <= CHANGE_KEYS and case.get("change"), f"{path.name}: bad change"
    return case


def apply_change(target: Path, change: dict) -> int | None:
    """Break *target* as *change* says; returns the line (1-based) of the first replacement."""
    if change.get("delete"):
        target.unlink()
        return None
    text = target.read_text(encoding="utf-8") if target.exists() else ""
    if "content" in change:
        text = change["content"]
    replacements = change.get("replace") or []
    if isinstance(replacements, dict):
        replacements = [replacements]
    first_line = None
    for item in replacements:
        assert item["old"] in text, f"case out of date: {item['old']!r} is not in {target.name}"
        if first_line is None:
            first_line = text[: text.index(item["old"])].count("\n") + 1
        text = text.replace(item["old"], item["new"], 1)
    prepend = change.get("prepend", "")
    if first_line is not None:
        first_line += prepend.count("\n")
    text = prepend + text + change.get("append", "")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text.encode(change.get("encoding", "utf-8")))
    return first_line


_LINE = re.compile(r"\{line([+-]\d+)?\}")


def expected(fragment: object, line: int | None) -> str:
    """An expected fragment with ``{line}`` / ``{line+1}`` replaced by the changed line's number,
    so cases keep working when the data file above the change grows."""
    text = str(fragment)
    if line is None:
        return text
    return _LINE.sub(lambda m: str(line + int(m.group(1) or 0)), text)


def tree_fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.relative_to(folder)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


class Corpus:
    """One copy of the project with a last good site, shared by all cases."""

    def __init__(self, root: Path):
        self.project = root / "project"
        copy_project(self.project)
        self.site = self.project / "site"
        self.env = dict(os.environ, PLAN_TODAY=TEST_TODAY)
        result = self.run("build")
        assert result.returncode == 0, result.stdout + result.stderr
        self.good = tree_fingerprint(self.site)

    def validate_in_process(self) -> subprocess.CompletedProcess:
        """``scripts/validate.py <data>`` run in this process, as the command would print it.

        Any exception other than the script's own exit is a traceback the user
        would have seen, so it is reported as such.
        """
        import macros.core.errors

        spec = importlib.util.spec_from_file_location("corpus_validate", ROOT / "scripts" / "validate.py")
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        out, err = io.StringIO(), io.StringIO()
        saved_root, macros.core.errors.REPO_ROOT = macros.core.errors.REPO_ROOT, self.project
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = script.main(self.project / "data")
        except Exception as exc:  # noqa: BLE001 - this is what the test is about
            code, err = 1, io.StringIO(f"Traceback (most recent call last):\n{type(exc).__name__}: {exc}\n")
        finally:
            macros.core.errors.REPO_ROOT = saved_root
        return subprocess.CompletedProcess(["validate.py"], code, out.getvalue(), err.getvalue())

    def run(self, how: str) -> subprocess.CompletedProcess:
        scripts = self.project / "scripts"
        if how == "validate":
            return self.validate_in_process()
        if how == "validate-command":
            command = [sys.executable, str(scripts / "validate.py"), str(self.project / "data")]
        else:
            command = [sys.executable, str(scripts / "build.py"), "--site-dir", str(self.site)]
            if how == "build":
                command.append("--no-pdf")
        return subprocess.run(command, cwd=self.project, env=self.env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Corpus:
    """One copy per worker (the cases break it one at a time), kept for the whole run."""
    return Corpus(tmp_path_factory.mktemp("corpus"))


@pytest.mark.parametrize("case_file", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_bad_input_is_refused_in_danish(corpus: Corpus, case_file: Path):
    case = load_case(case_file)
    target = corpus.project / case["file"]
    original = target.read_bytes() if target.exists() else None
    try:
        line = apply_change(target, case["change"])
        result = corpus.run(case.get("run", "validate"))
    finally:
        if original is None:
            target.unlink(missing_ok=True)
        else:
            target.write_bytes(original)
    output = result.stdout + result.stderr
    shown = f"\n--- output of {case_file.name} ---\n{output}"
    assert result.returncode != 0, "the bad input was accepted" + shown
    missing = [expected(f, line) for f in case["expect"] if expected(f, line) not in output]
    assert not missing, f"expected {missing}" + shown
    assert "Fejl" in output and "Sådan retter du det" in output, "no Danish message with a fix" + shown
    for leak in LEAKS:
        assert not leak.search(output), f"technical output leaked ({leak.pattern})" + shown
    if case.get("run", "validate") != "validate":
        assert tree_fingerprint(corpus.site) == corpus.good, "the last good site was changed" + shown
        leftovers = [p.name for p in corpus.project.iterdir() if p.name.startswith("site.")]
        assert not leftovers, f"half-built folders left behind: {leftovers}"


def test_corpus_is_large_and_varied():
    cases = [load_case(p) for p in CASE_FILES]
    assert len(cases) >= 30, len(cases)
    runs = {c.get("run", "validate") for c in cases}
    assert runs == RUNS, runs


def _data_kind(path: str) -> str:
    """A data file's kind: top-level files each, files in a sub-folder per folder and extension."""
    parts = Path(path).parts
    if len(parts) > 2:
        return f"{'/'.join(parts[:-1])}/*{Path(path).suffix}"
    return path


def test_every_data_file_and_the_pages_have_cases():
    """A new data file needs its own bad-input cases (see tests/bad_inputs/README.md)."""
    covered = {_data_kind(load_case(p)["file"]) for p in CASE_FILES}
    data_kinds = {
        _data_kind(p.relative_to(ROOT).as_posix())
        for p in (ROOT / "data").rglob("*")
        if p.suffix in {".yaml", ".yml", ".csv"} and "schemas" not in p.parts
    }
    missing = sorted(data_kinds - covered)
    assert not missing, f"no bad-input case for: {missing}"
    assert any(f.startswith("docs/") and f.endswith(".md") for f in covered)


def test_a_case_that_is_not_broken_would_fail(corpus: Corpus):
    """The corpus check itself can fail: the unchanged project is accepted."""
    assert corpus.run("validate").returncode == 0


def test_validate_command_matches_the_in_process_run(corpus: Corpus):
    """The real command prints what the in-process run reports (one case, both ways)."""
    case = load_case(CASES_DIR / "plan-unknown-source.yaml")
    target = corpus.project / case["file"]
    original = target.read_bytes()
    try:
        apply_change(target, case["change"])
        command = corpus.run("validate-command")
        in_process = corpus.run("validate")
    finally:
        target.write_bytes(original)
    assert command.returncode == in_process.returncode == 1
    assert command.stderr == in_process.stderr
    assert "Traceback" not in command.stderr
