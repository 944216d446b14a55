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
    "data.layout": {"data.names"},
    "data.chunks": {"data.errors", "data.layout", "data.names"},
    "data.cases": {"data.chunks", "data.errors"},
    "data.__init__": {
        "_paths",
        "data.bundled",
        "data.cases",
        "data.chunks",
        "data.errors",
        "data.layout",
        "data.names",
        "data.summary",
    },
    "features.__init__": {
        "features.geometry",
        "features.measurements",
        "features.segmentation",
        "features.synthetic",
        "features.tables",
    },
    "features.synthetic": set(),
    "features._common": {"features.synthetic"},
    "features.segmentation": {"features._common"},
    "features.measurements": {"data", "features._common"},
    "features.geometry": {"features._common", "features.measurements"},
    "features.tables": {"data", "features.measurements", "features.segmentation"},
    "models": {"inputs"},
    "metrics": {"inputs", "models"},
    "explain": {"inputs", "models", "validation._store"},
    "validation.__init__": {
        "validation._store",
        "validation.calibration",
        "validation.decisions",
        "validation.nested",
        "validation.resampling",
    },
    "validation._scores": set(),
    "validation._progress": set(),
    "validation._store": {"validation", "validation._progress"},
    "validation.subsets": set(),
    "validation.resampling": {
        "inputs",
        "metrics",
        "models",
        "validation._scores",
        "validation._progress",
        "validation._store",
    },
    "validation.calibration": {"metrics", "validation.resampling"},
    "validation.decisions": {"inputs", "metrics", "validation._scores", "validation.resampling"},
    "validation.nested": {
        "inputs",
        "metrics",
        "models",
        "validation._scores",
        "validation._progress",
        "validation._store",
        "validation.resampling",
        "validation.subsets",
    },
    "shift.groups": {
        "inputs",
        "metrics",
        "models",
        "validation",
        "validation._store",
        "shift.performance",
    },
    "shift.__init__": {
        "shift.groups",
        "shift.imaging",
        "shift.monitoring",
        "shift.ood",
        "shift.performance",
        "shift.prevalence",
        "shift.scenario",
        "shift.spectrum",
        "shift.taught",
    },
    "shift.scenario": {"metrics", "shift.imaging", "shift.ood", "shift.taught"},
    "shift.performance": {"inputs", "metrics", "validation", "validation.resampling"},
    "shift.taught": {"data", "metrics", "models", "shift.performance"},
    "shift.prevalence": {
        "inputs",
        "metrics",
        "validation",
        "validation._store",
        "validation.calibration",
    },
    "shift.spectrum": {"inputs", "metrics"},
    "shift.imaging": {"data", "inputs", "features", "validation._store"},
    "shift.ood": {"inputs", "metrics"},
    "shift.monitoring": {"inputs"},
    # deploy/ and privacy/: the top layer beside report, above shift (GUIDE); nothing below
    # imports them. privacy reads model files through deploy; offline (the network guard) sits
    # at the bottom, for both.
    "offline": set(),
    "deploy.__init__": {
        "deploy.batch",
        "deploy.contents",
        "deploy.extraction",
        "deploy.files",
        "deploy.metadata",
        "deploy.pickles",
    },
    "deploy.batch": {"data", "deploy.files", "validation._progress"},
    "deploy.extraction": {"data", "features"},
    "deploy.contents": set(),
    "deploy.metadata": {"data", "inputs", "deploy.contents"},
    "deploy.files": {"data", "inputs", "models", "deploy.contents", "deploy.metadata"},
    "deploy.pickles": {"deploy.contents", "deploy.files"},
    "privacy.__init__": {
        "offline",
        "privacy.identifiers",
        "privacy.memorised",
        "privacy.minimisation",
        "privacy.pseudonyms",
    },
    "privacy.pseudonyms": {"_paths"},
    "privacy.identifiers": {"data"},
    "privacy.minimisation": {"data", "inputs", "privacy.pseudonyms"},
    "privacy.memorised": {"deploy"},
    # report/: the top layer beside deploy and privacy; explain feeds it, and it draws its PDF
    # with plots. The pages and the words name PatientReport for their type hints only.
    "report.__init__": {
        "report.after_deployment",
        "report.card",
        "report.fhir",
        "report.patient",
        "report.tripod",
        "report.uncertainty",
        "report.wording",
    },
    "report.uncertainty": {"inputs", "models", "validation"},
    "report.wording": {"metrics", "report.patient"},
    "report.patient": {
        "deploy",
        "explain",
        "inputs",
        "metrics",
        "privacy",
        "shift",
        "validation",
        "report.html_page",
        "report.pdf_page",
        "report.uncertainty",
        "report.wording",
    },
    "report.html_page": {"style", "report.patient", "report.wording"},
    "report.pdf_page": {"plots", "style", "report.patient", "report.wording"},
    "report.fhir": {"report.patient", "report.wording"},
    "report.card": {"data", "deploy", "models", "shift", "validation"},
    "report.tripod": {"data", "metrics", "report.card", "report.wording"},
    "report.after_deployment": {"report.card"},
    "plots.__init__": {
        "plots.comparison",
        "plots.dataset",
        "plots.described",
        "plots.drift",
        "plots.explanations",
        "plots.live",
        "plots.nuclei",
        "plots.performance",
        "plots.validation",
    },
    "plots._common": set(),
    # plots.described: what each drawing says of its panels, and show(), which shows both
    "plots.described": set(),
    "plots.drift": {"style", "plots._common", "plots.dataset", "plots.described", "plots.live"},
    "plots.dataset": {"data", "style", "plots._common", "plots.described"},
    "plots.comparison": {"style", "plots._common", "plots.described", "plots.validation"},
    "plots.performance": {"metrics", "style", "plots._common", "plots.described"},
    "plots.validation": {"style", "plots._common", "plots.described"},
    "plots.nuclei": {"data", "features", "style", "plots._common", "plots.described"},
    "plots.explanations": {"data", "style", "plots._common", "plots.dataset", "plots.described"},
    "plots.live": {"plots.explanations", "plots.nuclei", "plots.performance"},
    "synthetic_case": {"features", "models"},
    "widgets.__init__": {
        "synthetic_case",
        "widgets.drift",
        "widgets.basics",
        "widgets.cases",
        "widgets.clinical_metrics",
        "widgets.nuclei",
    },
    "widgets.basics": {"data", "plots"},
    "widgets.drift": {"plots", "shift"},
    "widgets.clinical_metrics": {"inputs", "metrics", "plots"},
    "widgets.nuclei": {"data", "features", "plots", "synthetic_case"},
    "widgets.cases": {"explain", "inputs", "metrics", "plots"},
    # capstone: lesson 10's data preparation and figures, on top of shift and report's checklist
    "capstone": {"data", "metrics", "models", "validation", "report.tripod", "validation._store"},
    "course": {"_paths"},
    "schedule": {"_paths"},
    "jupyter_offline": set(),
    "envcheck": {"_paths", "data", "jupyter_offline"},
    # checking/: the engine, by job; it knows nothing of the course's data or models.
    "checking.__init__": {
        "checking.answers",
        "checking.binder",
        "checking.markers",
        "checking.misconceptions",
        "checking.model_questions",
        "checking.outcomes",
        "checking.questions",
        "checking.quiz",
    },
    "checking.outcomes": set(),
    "checking.misconceptions": set(),
    "checking.answers": {"checking.outcomes"},
    "checking.learner": {"checking.answers"},
    "checking.display": {"checking.outcomes"},
    "checking.markers": {"_paths"},
    "checking.questions": {
        "checking.answers",
        "checking.display",
        "checking.learner",
        "checking.markers",
        "checking.misconceptions",
        "checking.outcomes",
    },
    "checking.quiz": {
        "checking.answers",
        "checking.display",
        "checking.outcomes",
        "checking.questions",
    },
    "checking.model_questions": {"checking.answers", "checking.outcomes", "checking.questions"},
    "checking.binder": {"checking.outcomes"},
    "checking.public": {
        "checking.answers",
        "checking.display",
        "checking.model_questions",
        "checking.outcomes",
        "checking.questions",
        "checking.quiz",
    },
    "authoring": {"_paths", "checking"},
    "grading.__init__": {
        "checking",
        "grading.course",
        "grading.judging",
        "grading.reports",
        "grading.running",
        "grading.sandbox",
    },
    "grading.course": {"_paths"},
    "grading.example": {"_paths"},
    "grading.judging": {"checking", "questions", "grading.running"},
    "grading.reports": set(),
    "grading.running": {"checking", "grading.sandbox"},
    "grading.sandbox": {"_paths"},
    "grading.worker": set(),
    "questions.__init__": set(),
    "questions.fixtures": {"data", "metrics", "models", "validation"},
    "questions.kinds": {"data", "checking"},
    "questions.practice": {"checking"},
    "questions.ex01": {"checking", "questions"},
    "questions.ex02": {"features", "models", "checking", "questions"},
    "questions.ex03": {"models", "checking", "questions"},
    "questions.ex04": {"metrics", "checking", "questions"},
    "questions.ex05": {"models", "validation", "checking", "questions"},
    "questions.ex06": {"metrics", "models", "validation", "checking", "questions"},
    "questions.ex07": {"explain", "models", "checking", "questions"},
    "questions.ex08": {"data", "metrics", "shift", "checking"},
    "questions.ex09": {"data", "deploy", "privacy", "checking", "questions"},
    "questions.ex10": {"capstone", "explain", "metrics", "shift", "checking"},
    "__init__": set(),
    "__main__": {
        "_paths", "envcheck", "course", "authoring", "grading", "validation", "schedule",
    },  # fmt: skip
}
HEAVY = ("pandas", "numpy", "sklearn", "matplotlib", "seaborn", "lime", "ipywidgets", "nbclient",
         "dask", "distributed")  # fmt: skip


def _target(parts: list[str]) -> str:
    """The entry of ALLOWED that an import of bcc_teach.<parts> names: the most specific module
    (``features.geometry``), else the package (``features``, ``questions``)."""
    for end in range(len(parts), 0, -1):
        name = ".".join(parts[:end])
        if name in ALLOWED or f"{name}.__init__" in ALLOWED:
            return name
    return ".".join(parts)


def _bcc_imports(path: Path) -> set[str]:
    """The bcc_teach modules a file imports, absolute or relative, named as in ALLOWED."""
    here = list(path.relative_to(PACKAGE).with_suffix("").parts)
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from its own package (".") or a parent ("..")
                base = here[: len(here) - node.level]
                parts = base + (node.module.split(".") if node.module else [])
            elif node.module and node.module.split(".")[0] == "bcc_teach":
                parts = node.module.split(".")[1:]
            else:
                continue
            if parts:
                found.update(_target([*parts, alias.name]) for alias in node.names)
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            names = [a.name.split(".") for a in node.names]
            found.update(_target(n[1:]) for n in names if n[0] == "bcc_teach" and len(n) > 1)
    return found


def _allowed(module: str, imported: str) -> bool:
    """A layer may import what it lists; listing a package (``features``) allows its public
    modules, not its private ones (``features._common`` is for ``features`` alone)."""
    allowed = ALLOWED[module]
    package, _, inner = imported.partition(".")
    return imported in allowed or (package in allowed and not inner.startswith("_"))


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
    forbidden = {name for name in imported if not _allowed(module, name)}
    assert not forbidden, f"{module} imports {forbidden}"


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
        module = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                doc = ast.get_docstring(node) or ""
                layer = module.split(".")[0]  # a package's modules keep the package's rule
                if layer in {"data", "inputs", "plots", "widgets", "course"} and ">>>" not in doc:
                    missing.append(f"{module}.{node.name}")
                elif not doc:
                    missing.append(f"{module}.{node.name}")
    assert missing == []


def test_ruff_finds_nothing():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
