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
    # data/ by job; the package's __init__ gathers them, and the rest of the kit imports "data".
    "data.errors": set(),
    "data.names": {"inputs"},
    "data.bundled": {"_paths", "data.errors", "data.names"},
    "data.summary": {"inputs", "data.bundled", "data.names"},
    "data.cases": {"data.errors", "data.names"},
    "data.__init__": {
        "_paths",
        "data.bundled",
        "data.cases",
        "data.errors",
        "data.names",
        "data.summary",
    },
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


def _as_module(dotted: str) -> str:
    """The layer an import reaches: 'bcc_teach.data.names' → 'data.names' (a module inside a
    package has its own entry); 'bcc_teach.metrics' → 'metrics'; 'bcc_teach.data' → 'data'
    (a package by its name: what its __init__ gathers)."""
    parts = dotted.split(".")[1:]
    if len(parts) >= 2 and PACKAGE.joinpath(*parts[:2]).with_suffix(".py").is_file():
        return ".".join(parts[:2])
    return parts[0]


def _bcc_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.name}: use absolute imports (from bcc_teach.… import)"
            if node.module == "bcc_teach":
                found.update(alias.name for alias in node.names)
            elif node.module and node.module.startswith("bcc_teach."):
                # `from bcc_teach.data import names` reaches the module data.names
                found.update(_as_module(f"{node.module}.{alias.name}") for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(_as_module(a.name) for a in node.names if a.name.startswith("bcc_teach."))
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
        top = path.relative_to(PACKAGE).parts[0].removesuffix(".py")  # data/names.py → data
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                doc = ast.get_docstring(node) or ""
                if top in {"data", "inputs", "plots", "widgets", "course"} and ">>>" not in doc:
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
