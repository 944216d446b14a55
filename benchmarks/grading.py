"""How long does grading a workshop's folder of exercise notebooks take?

    python benchmarks/grading.py [N] [--no-sandbox]     # N submissions (default 30)

Builds N submissions to exercise 01 in a temporary folder (a third fully solved, a third half
done, a third blank), grades them with the default settings (one notebook per core at a time,
each in its sandbox) and prints the wall-clock time. Target: 30 submissions in at most 45 s on
2 cores with the sandbox. ``--no-sandbox`` measures the same without it, for comparison.
"""

from __future__ import annotations

import copy
import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from bcc_teach.grading import grade_folder

ROOT = Path(__file__).resolve().parent.parent


def _fresh(path: Path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return notebook


def main(count: int, sandboxed: bool = True) -> None:
    solution = _fresh(ROOT / "solutions" / "ex01_meet_the_data.ipynb")
    exercise = _fresh(ROOT / "exercises" / "ex01_meet_the_data.ipynb")
    half = copy.deepcopy(solution)
    half.cells = half.cells[: len(half.cells) // 2] + exercise.cells[len(half.cells) // 2 :]
    with tempfile.TemporaryDirectory() as folder:
        submissions = Path(folder, "submissions")
        submissions.mkdir()
        for i in range(count):
            notebook = (solution, half, exercise)[i % 3]
            nbformat.write(notebook, submissions / f"learner{i:02d}.ipynb")
        start = time.perf_counter()
        graded = grade_folder(submissions, Path(folder, "grades.csv"), sandboxed=sandboxed)
        seconds = time.perf_counter() - start
    statuses = {g.status for g in graded}
    where = "in the sandbox" if sandboxed else "without a sandbox"
    print(f"{count} submissions graded {where} in {seconds:.1f} s on {os.cpu_count()} cores "
          f"({seconds / count:.2f} s each on average); statuses: {sorted(statuses)}")  # fmt: skip


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    main(int(numbers[0]) if numbers else 30, sandboxed="--no-sandbox" not in sys.argv)
