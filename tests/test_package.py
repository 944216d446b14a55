"""The package's shape: cheap to import, one direction of imports, lint-clean."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "bcc_teach"

# Which bcc_teach modules each module may import (GUIDE.md: lower layers never import higher).
ALLOWED = {
    "_paths": set(),
    "style": set(),
    "inputs": set(),
    "data": {"_paths", "inputs"},
    "features": {"data"},
    "models": set(),
    "metrics": {"inputs", "models"},
    "explain": {"inputs", "models"},
    "plots": {"data", "features", "metrics", "style"},
    "widgets": {"data", "explain", "features", "inputs", "metrics", "models", "plots", "style"},
    "course": {"_paths"},
    "envcheck": {"_paths", "data"},
    "checking": {"_paths"},
    "authoring": {"_paths", "checking"},
    "grading": {"checking", "questions"},
    "questions.__init__": set(),
    "questions.ex01": {"data", "checking"},
    "questions.ex02": {"data", "features", "models", "checking"},
    "questions.practice": {"checking"},
    "questions.ex03": {"data", "metrics", "models", "checking"},
    "questions.ex04": {"data", "metrics", "models", "checking"},
    "questions.ex07": {"data", "metrics", "models", "explain", "checking"},
    "__init__": set(),
    "__main__": {"envcheck", "course", "authoring", "grading"},
}
HEAVY = ("pandas", "numpy", "sklearn", "matplotlib", "seaborn", "lime", "ipywidgets", "nbclient")


def _bcc_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("bcc_teach"):
            if node.module == "bcc_teach":
                found.update(alias.name for alias in node.names)
            else:
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(
                a.name.split(".")[1] for a in node.names if a.name.startswith("bcc_teach.")
            )
    return found


def _module_path(module: str) -> Path:
    return PACKAGE.joinpath(*module.split(".")).with_suffix(".py")


def test_every_module_has_a_place_in_the_layers():
    modules = {
        ".".join(p.relative_to(PACKAGE).with_suffix("").parts) for p in PACKAGE.rglob("*.py")
    }
    assert modules == set(ALLOWED)


@pytest.mark.parametrize("module", sorted(ALLOWED))
def test_imports_go_one_way(module):
    imported = _bcc_imports(_module_path(module))
    assert imported <= ALLOWED[module], f"{module} imports {imported - ALLOWED[module]}"


def test_import_bcc_teach_loads_nothing_heavy():
    code = f"import sys, bcc_teach; print([m for m in {HEAVY!r} if m in sys.modules])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_package_imports_from_any_folder(tmp_path):
    code = "import bcc_teach.data as d; print(d.load_wdbc().shape)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.stdout.strip() == "(569, 32)", result.stderr


def test_public_functions_have_docstrings_with_an_example():
    missing = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                doc = ast.get_docstring(node) or ""
                if path.stem in {"data", "plots", "widgets", "course"} and ">>>" not in doc:
                    missing.append(f"{path.stem}.{node.name}")
                elif not doc:
                    missing.append(f"{path.stem}.{node.name}")
    assert missing == []


def test_ruff_finds_nothing():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
