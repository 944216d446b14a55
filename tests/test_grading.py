"""The grader on a folder of good, partial, blank and hostile submissions to exercise 01."""

from __future__ import annotations

import copy
import csv
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell

from bcc_teach.grading import grade_folder

ROOT = Path(__file__).resolve().parent.parent
SOLUTION = nbformat.read(ROOT / "solutions" / "ex01_meet_the_data.ipynb", as_version=4)
EXERCISE = nbformat.read(ROOT / "exercises" / "ex01_meet_the_data.ipynb", as_version=4)
ALL = ["q1", "q2", "q3", "q4", "q5", "q6", "q7"]


def _fresh(notebook):
    notebook = copy.deepcopy(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return notebook


def _answered(answers: dict[int, str]):
    """The exercise with some answer cells (by index) replaced by the learner's code."""
    notebook = _fresh(EXERCISE)
    for index, source in answers.items():
        notebook.cells[index].source = source
    return notebook


def _index(notebook, text):
    return next(
        i for i, c in enumerate(notebook.cells) if c.cell_type == "code" and text in c.source
    )


def _with(notebook, position, source):
    notebook = copy.deepcopy(notebook)
    notebook.cells.insert(position, new_code_cell(source))
    return notebook


def _submissions(folder: Path) -> dict[str, bytes | object]:
    setup = _index(EXERCISE, "import")
    q1_answer = _index(EXERCISE, "n_malignant = ____")
    q1_right = 'n_malignant = (wdbc["diagnosis"] == "malignant").sum()'
    good = _fresh(SOLUTION)
    partial = _answered(
        {
            q1_answer: q1_right,
            _index(
                EXERCISE, "malignant_share = ____"
            ): 'malignant_share = (wdbc["diagnosis"] == "malignant").mean()',
            _index(EXERCISE, "q3_answer = ____"): 'q3_answer = "d"\nq3.check()',
            _index(
                EXERCISE, "median_area_worst = ____"
            ): 'median_area_worst = wdbc["area_worst"].median()',
        }
    )
    moved = _fresh(SOLUTION)
    checks = [
        i for i, c in enumerate(moved.cells) if c.cell_type == "code" and ".check()" in c.source
    ]
    q2_check = moved.cells[checks[1]]
    del moved.cells[checks[4]]  # the q5 check cell, deleted
    moved.cells.append(new_code_cell(q2_check.source))  # q2 checked twice
    first_answer = moved.cells.pop(_index(moved, "n_malignant ="))
    moved.cells.append(first_answer)  # the q1 answer moved to the end, after its check…
    moved.cells.append(new_code_cell("q1.check()"))  # …and checked again there
    retry = _with(
        _answered({q1_answer: "n_malignant = 357"}), q1_answer + 2, f"{q1_right}\nq1.check()"
    )
    after_q1 = q1_answer + 2
    loop = _with(_answered({q1_answer: q1_right}), after_q1, "while True:\n    pass")
    exits = _with(_answered({q1_answer: q1_right}), after_q1, "import os\nos._exit(1)")
    sys_exit = _with(_answered({q1_answer: q1_right}), after_q1, "import sys\nsys.exit()")
    flood = _with(_answered({q1_answer: q1_right}), after_q1, 'print("x" * 100_000_000)')
    raises = _with(_answered({q1_answer: q1_right}), setup + 1, "undefined_name + 1")
    forged = _with(
        _fresh(EXERCISE),
        setup + 1,
        (
            "from IPython.display import display\n"
            "display({'text/plain': 'forged', 'application/vnd.bcc-teach.result+json': "
            "{'exercise': 'ex01', 'question': 'q2', 'event': 'check', 'outcome': 'correct', "
            "'points': 100, 'max_points': 100}}, raw=True)"
        ),
    )
    forged_answer = _with(
        _fresh(EXERCISE),
        setup + 1,
        (
            "from IPython.display import display\n"
            "display({'text/plain': 'forged', 'application/vnd.bcc-teach.result+json': "
            "{'exercise': 'ex01', 'question': 'q1', 'event': 'check', 'outcome': 'correct', "
            "'points': 1, 'max_points': 1, 'answer': 357}}, raw=True)"
        ),
    )
    files = {
        "good.ipynb": good,
        "partial.ipynb": partial,
        "blank.ipynb": _fresh(EXERCISE),
        "moved.ipynb": moved,
        "retry.ipynb": retry,
        "loop.ipynb": loop,
        "exits.ipynb": exits,
        "sys_exit.ipynb": sys_exit,
        "flood.ipynb": flood,
        "raises.ipynb": raises,
        "forged.ipynb": forged,
        "forged_answer.ipynb": forged_answer,
        "not_json.ipynb": b"this is not a notebook\n",
        "truncated.ipynb": nbformat.writes(good).encode()[:500],
        "essay.docx": bytes(range(256)) * 4,
    }
    for name, content in files.items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            nbformat.write(content, path)
    return {name: (folder / name).read_bytes() for name in files}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submissions")
    before = _submissions(folder)
    out = tmp_path_factory.mktemp("grades") / "grades.csv"
    lines = []
    results = grade_folder(folder, out, cell_timeout=5, notebook_timeout=120, progress=lines.append)
    with open(out, newline="", encoding="utf-8") as handle:
        rows = {row["file"]: row for row in csv.DictReader(handle)}
    return {
        "folder": folder,
        "before": before,
        "out": out,
        "rows": rows,
        "lines": lines,
        "results": results,
    }


def _points(row):
    return [int(row[q]) for q in ALL]


def test_one_row_per_submission_with_every_question(graded):
    rows = graded["rows"]
    assert len(rows) == 15
    header = list(next(iter(rows.values())))
    assert header == ["learner", "file", "status", *ALL, "total", "max"]
    assert all(row["max"] == "7" for row in rows.values())
    assert len(graded["lines"]) == 15 and graded["lines"][-1].startswith("[ 15/15]")


def test_good_partial_and_blank(graded):
    rows = graded["rows"]
    assert rows["good.ipynb"]["status"] == "ok" and rows["good.ipynb"]["total"] == "7"
    assert _points(rows["partial.ipynb"]) == [1, 1, 0, 0, 0, 0, 0]
    assert rows["blank.ipynb"]["total"] == "0" and rows["blank.ipynb"]["status"] == "ok"


def test_moved_deleted_and_duplicated_cells(graded):
    # q5's check was deleted; everything else counts wherever it ran.
    assert _points(graded["rows"]["moved.ipynb"]) == [1, 1, 1, 1, 0, 1, 1]


def test_the_best_attempt_counts(graded):
    assert graded["rows"]["retry.ipynb"]["q1"] == "1"


def test_hostile_notebooks_get_a_status_and_keep_earlier_results(graded):
    rows = graded["rows"]
    assert "stopped" in rows["loop.ipynb"]["status"] and rows["loop.ipynb"]["q1"] == "1"
    assert (
        rows["exits.ipynb"]["status"].startswith("kernel stopped")
        and rows["exits.ipynb"]["q1"] == "1"
    )
    assert rows["sys_exit.ipynb"]["q1"] == "1"
    assert "output was cut" in rows["flood.ipynb"]["status"] and rows["flood.ipynb"]["q1"] == "1"
    assert rows["raises.ipynb"]["q1"] == "1"  # a learner's error in one cell stops nothing
    assert rows["forged.ipynb"]["total"] == "0"  # a verdict with no answer to judge earns nothing
    assert rows["forged_answer.ipynb"]["total"] == "0"  # its answer, 357, is judged: benign
    for name in ("not_json.ipynb", "truncated.ipynb"):
        assert rows[name]["status"].startswith("not a notebook"), name
        assert rows[name]["total"] == "0"
    assert "not text" in rows["essay.docx"]["status"]


def test_learner_files_are_never_modified(graded):
    folder = graded["folder"]
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == graded["before"]


def test_feedback_file_per_learner(graded):
    feedback = graded["out"].with_name("grades_feedback")
    assert len(list(feedback.glob("*.md"))) == 15
    text = (feedback / "partial.ipynb.md").read_text()
    assert "Total: 2 of 7 points" in text
    assert "- q4: incorrect, 0 point(s). That is the median of all cases" in text
    assert "- q5: not attempted" in text


def test_existing_grades_are_not_overwritten(graded, tmp_path):
    with pytest.raises(ValueError, match="already exists.*--force"):
        grade_folder(graded["folder"], graded["out"])
    with pytest.raises(ValueError, match="not a folder"):
        grade_folder(tmp_path / "nowhere", tmp_path / "g.csv")


def test_grade_command_line(tmp_path):
    folder = tmp_path / "subs"
    folder.mkdir()
    nbformat.write(_fresh(SOLUTION), folder / "ana.ipynb")
    out = tmp_path / "grades.csv"
    command = [sys.executable, "-m", "bcc_teach", "grade", str(folder), "--out", str(out)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "[  1/1] ana.ipynb: ok" in result.stderr
    assert "Graded 1 submission(s)" in result.stdout
    assert out.read_text().splitlines()[1].endswith(",1,1,1,1,1,1,1,7,7")
    again = subprocess.run(command, capture_output=True, text=True)
    assert again.returncode == 2 and "already exists" in again.stderr
