"""The layout of macros/: wings under an adapter, arrows one way (see README, "For developers")."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

MACROS = ROOT / "macros"
#: The MkDocs adapter: the only modules at the top of macros/.
ADAPTER = {"__init__.py", "entry.py", "build.py", "registry.py", "mkdocs_hooks.py", "pageerrors.py", "preview.py"}


def _modules() -> list[Path]:
    return sorted(p for p in MACROS.rglob("*.py") if "__pycache__" not in p.parts)


def test_the_import_contract_holds():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_only_the_adapter_stays_at_the_top_of_macros():
    top = {p.name for p in MACROS.glob("*.py")}
    assert top <= ADAPTER, f"move {sorted(top - ADAPTER)} into a wing under macros/"


def test_no_imports_inside_functions_and_no_globals():
    problems = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(func):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("macros"):
                    problems.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {node.module} inside {func.name}()")
                if isinstance(node, ast.Global):
                    problems.append(f"{path.relative_to(ROOT)}:{node.lineno} uses global in {func.name}()")
    assert not problems, "\n".join(problems)


def test_every_block_module_says_what_it_reads():
    from macros.registry import MODULES

    for module in MODULES:
        assert module.READS, module.__name__
        for path in module.READS:
            if path != "git history":
                assert (ROOT / path).exists(), f"{module.__name__}.READS names {path}, which does not exist"


def test_the_block_index_in_the_readme_is_up_to_date():
    sys.path.insert(0, str(ROOT / "scripts"))
    import block_index

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert block_index.with_index(readme, block_index.generated()) == readme, (
        "README.md's block index is out of date: run python scripts/block_index.py"
    )
    # Every registered block is listed, with its module.
    for name in ("tidslinje", "medfinansiering", "kriterier_omraade", "ordliste"):
        assert f"`{{{{ {name}(" in readme


def test_the_contract_would_catch_an_arrow_back_up(tmp_path):
    """The contract is not vacuous: an import from core up into model breaks it."""
    copy = tmp_path / "project"
    shutil.copytree(MACROS, copy / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / ".importlinter", copy / ".importlinter")
    html = copy / "macros" / "core" / "html.py"
    html.write_text(html.read_text(encoding="utf-8") + "\nfrom macros.model.records import Source  # noqa\n",
                    encoding="utf-8")
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=copy, capture_output=True, text=True, timeout=300,
                            env={"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin"})
    assert result.returncode != 0
    assert "macros.core.html -> macros.model.records" in result.stdout
