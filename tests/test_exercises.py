"""Exercises are generated from solutions, leak nothing, and their outputs say the right things."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from bcc_teach import authoring
from bcc_teach.checking import RESULT_MIME
from bcc_teach.questions import QUESTION_SETS, load

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = authoring.solutions()


def _records(path: Path) -> dict[str, set[str]]:
    notebook = nbformat.read(path, as_version=4)
    outcomes: dict[str, set[str]] = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            record = output.get("data", {}).get(RESULT_MIME)
            if record and record["event"] == "check":
                outcomes.setdefault(record["question"], set()).add(record["outcome"])
    return outcomes


def test_every_question_set_has_a_solution_and_an_exercise():
    names = {p.name.split("_")[0] for p in SOLUTIONS}
    assert names == set(QUESTION_SETS)
    assert {p.name for p in (ROOT / "exercises").glob("*.ipynb")} == {p.name for p in SOLUTIONS}


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.name)
def test_committed_exercise_is_what_the_generator_makes(solution):
    assert authoring.differences(solution) == []


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.name)
def test_no_solution_code_leaks_into_the_exercise(solution):
    assert authoring.leaks(solution) == []


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.name)
def test_solutions_pass_every_check_and_exercises_attempt_none(solution):
    exercise = solution.name.split("_")[0]
    questions = [q.id for q in load(exercise)]
    assert _records(solution) == {q: {"correct"} for q in questions}
    assert _records(authoring.exercise_path(solution)) == {q: {"not attempted"} for q in questions}


def test_a_changed_solution_is_detected(tmp_path):
    exercises = tmp_path / "exercises"
    exercises.mkdir()
    source = SOLUTIONS[0]
    notebook = nbformat.read(authoring.exercise_path(source), as_version=4)
    notebook.cells[1].source += "\nprint('edited by hand')"
    nbformat.write(notebook, exercises / source.name)
    problems = authoring.differences(source, exercises)
    assert problems == [
        f"{source.name} cell 1: differs from the generated cell "
        "(regenerate with python -m bcc_teach build-exercises)"
    ]


def test_a_leak_is_detected(tmp_path):
    source = SOLUTIONS[0]
    notebook = nbformat.read(authoring.exercise_path(source), as_version=4)
    notebook.cells[-1].source += '\nmalignant_share = (wdbc["diagnosis"] == "malignant").mean()'
    nbformat.write(notebook, tmp_path / source.name)
    assert any("solution line of q2" in p for p in authoring.leaks(source, tmp_path))


def test_generator_keeps_exercise_lines_and_drops_solution_cells(tmp_path):
    solution = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# Exercise"),
            nbformat.v4.new_code_cell(
                "    # BEGIN SOLUTION q1\n    # EXERCISE: x = ____\n    x = 42\n    # END SOLUTION"
            ),
            nbformat.v4.new_code_cell("# BEGIN SOLUTION q2\ny = 1\n# END SOLUTION\nprint(y)"),
            nbformat.v4.new_markdown_cell("Instructor note", metadata={"tags": ["solution"]}),
        ]
    )
    path = tmp_path / "ex99_demo.ipynb"
    nbformat.write(solution, path)
    exercise = authoring.generate(path)
    assert [c.source for c in exercise.cells] == [
        "# Exercise",
        "    x = ____",
        "# Your code here\nprint(y)",
    ]
    assert exercise.metadata["bcc_teach"]["generated_from"] == "solutions/ex99_demo.ipynb"


@pytest.mark.parametrize(
    "source, problem",
    [
        ("# BEGIN SOLUTION q1\nx = 1", "never closed"),
        ("x = 1\n# END SOLUTION", "without BEGIN"),
        ("# BEGIN SOLUTION\nx = 1\n# END SOLUTION", "needs a question id"),
        ("# BEGIN SOLUTION q1\n# BEGIN SOLUTION q2\n# END SOLUTION", "inside another block"),
    ],
)
def test_malformed_markers_are_refused(source, problem):
    with pytest.raises(authoring.AuthoringError, match=problem):
        authoring.exercise_source(source, "ex01 cell 3")


def test_build_exercises_check_command():
    result = subprocess.run(
        [sys.executable, "-m", "bcc_teach", "build-exercises", "--check"],
        capture_output=True,
        text=True,
        cwd="/",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == f"All {len(SOLUTIONS)} exercise(s) match their solutions."
