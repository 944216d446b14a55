"""Exercises are generated from solutions: ``solutions/`` is the single source.

In a solution notebook, the learner's part of a code cell is marked::

    # BEGIN SOLUTION q1
    # EXERCISE: n_malignant = ____  # a count
    n_malignant = (wdbc["diagnosis"] == "malignant").sum()
    # END SOLUTION

The exercise gets the ``# EXERCISE:`` lines (without the marker) in place of the block, or
``# Your code here`` when there are none. Cells tagged ``solution`` (instructor notes) are left
out. ``python -m bcc_teach build-exercises`` writes every exercise, executed so that its
outputs (each question "not attempted yet") are stored. The markers are read by
``bcc_teach.checking.markers``, the one parser that checking (for worked solutions) shares.
"""

from __future__ import annotations

import copy
import os
import tempfile
from pathlib import Path

from bcc_teach._paths import PROJECT_ROOT
from bcc_teach.checking.markers import MarkerError, exercise_source, solution_blocks

SOLUTION_TAG = "solution"
_VOLATILE_METADATA = ("widgets", "language_info")


#: A solution notebook's markers are malformed; the message names the notebook and cell.
#: (The parser lives in checking.markers; authoring keeps its own name for the error.)
AuthoringError = MarkerError


def exercise_path(solution: Path, exercises_dir: Path | None = None) -> Path:
    """Where the exercise generated from ``solution`` lives (same file name, in exercises/)."""
    return (exercises_dir or PROJECT_ROOT / "exercises") / solution.name


def generate(solution: Path):
    """The exercise notebook made from ``solution``, without outputs (not yet executed)."""
    import nbformat

    notebook = nbformat.read(solution, as_version=4)
    exercise = copy.deepcopy(notebook)
    exercise.cells = []
    for index, cell in enumerate(notebook.cells):
        if SOLUTION_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        cell = copy.deepcopy(cell)
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.source = exercise_source(cell.source, f"{solution.name} cell {index}")
            cell.outputs, cell.execution_count = [], None
        exercise.cells.append(cell)
    for key in _VOLATILE_METADATA:
        exercise.metadata.pop(key, None)
    exercise.metadata.setdefault("bcc_teach", {})["generated_from"] = f"solutions/{solution.name}"
    return exercise


def execute(notebook, folder: Path, timeout: int = 300):
    """Run a notebook in a fresh kernel with ``folder`` as its working directory."""
    from nbclient import NotebookClient

    NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=timeout,
        resources={"metadata": {"path": str(folder)}},
    ).execute()
    return notebook


def _write_atomically(notebook, target: Path) -> None:
    import nbformat

    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".ipynb.tmp")
    os.close(handle)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes it private; a notebook is not
    try:
        nbformat.write(notebook, temporary)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def build(solution: Path, exercises_dir: Path | None = None) -> Path:
    """Re-run a solution (refreshing its outputs), then generate, run and write its exercise.

    Both files are written atomically: an error leaves the previous versions in place.
    """
    import nbformat

    _write_atomically(execute(nbformat.read(solution, as_version=4), solution.parent), solution)
    target = exercise_path(solution, exercises_dir)
    _write_atomically(execute(generate(solution), target.parent), target)
    return target


def _comparable(notebook) -> tuple:
    metadata = {k: v for k, v in notebook.metadata.items() if k not in _VOLATILE_METADATA}
    cells = [
        (c.cell_type, c.source, tuple(c.get("metadata", {}).get("tags", [])))
        for c in notebook.cells
    ]
    return metadata, cells


def differences(solution: Path, exercises_dir: Path | None = None) -> list[str]:
    """Why the committed exercise is not what the generator makes from ``solution`` ([] if it is).

    Outputs are not compared here: the notebook tests (nbval) re-run the exercise and compare them.
    """
    import nbformat

    target = exercise_path(solution, exercises_dir)
    if not target.is_file():
        return [f"{target.name}: missing; run python -m bcc_teach build-exercises"]
    expected_meta, expected_cells = _comparable(generate(solution))
    actual_meta, actual_cells = _comparable(nbformat.read(target, as_version=4))
    problems = []
    if actual_meta != expected_meta:
        problems.append(f"{target.name}: notebook metadata differs from the generated one")
    if len(actual_cells) != len(expected_cells):
        problems.append(
            f"{target.name}: {len(actual_cells)} cells, generator makes {len(expected_cells)}"
        )
    for index, (actual, expected) in enumerate(zip(actual_cells, expected_cells, strict=False)):
        if actual != expected:
            problems.append(f"{target.name} cell {index}: differs from the generated cell")
    if any(
        cell.get("execution_count") is None
        for cell in nbformat.read(target, as_version=4).cells
        if cell.cell_type == "code" and cell.source.strip()
    ):
        problems.append(f"{target.name}: not executed; run python -m bcc_teach build-exercises")
    return [p + " (regenerate with python -m bcc_teach build-exercises)" for p in problems]


def leaks(solution: Path, exercises_dir: Path | None = None) -> list[str]:
    """Lines of solution code that appear anywhere in the exercise (source or outputs)."""
    import json

    import nbformat

    notebook = nbformat.read(solution, as_version=4)
    shown = set()  # lines the exercise is meant to show: outside blocks, or EXERCISE lines
    secret = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        shown.update(line.strip() for line in exercise_source(cell.source).splitlines())
        for question, body in solution_blocks(cell.source):
            secret += [(question, line.strip()) for line in body.splitlines()]
    target = exercise_path(solution, exercises_dir)
    text = json.dumps(nbformat.read(target, as_version=4), ensure_ascii=False)
    found = []
    for question, line in secret:
        if len(line) >= 6 and not line.startswith("#") and line not in shown:
            if json.dumps(line, ensure_ascii=False)[1:-1] in text:
                found.append(f"{target.name}: solution line of {question} appears: {line}")
    return found


def solutions(folder: Path | None = None) -> list[Path]:
    """Every solution notebook, in order."""
    return sorted((folder or PROJECT_ROOT / "solutions").glob("ex*.ipynb"))
