"""Three made-up learners' submissions to exercise 01, to rehearse grading before a workshop.

    python -m bcc_teach.grading.example submissions/

writes into a new (or empty) folder, each made from ``exercises/ex01_meet_the_data.ipynb`` with
some answer cells filled in as a learner would:

* ``amira.ipynb``: every question answered, in her own words, all correct;
* ``ben.ipynb``: half done, with two typical slips (the share of *benign* cases given for the
  share of malignant ones, the median over all cases instead of the malignant ones) and a wrong
  letter; questions 5 to 7 untouched;
* ``chen.ipynb``: a percentage where a proportion was asked, then a cell that fails with an
  error; the rest untouched.

The instructor guide's worked example grades this folder (``docs/instructors.md``, *Grading:
a worked example*).

    >>> sorted(LEARNERS)
    ['amira', 'ben', 'chen']
"""

from __future__ import annotations

import sys
from pathlib import Path

from bcc_teach._paths import PROJECT_ROOT

EXERCISE = PROJECT_ROOT / "exercises" / "ex01_meet_the_data.ipynb"

#: For each learner, the code she or he typed in place of each answer cell, by the answer's name.
LEARNERS: dict[str, dict[str, str]] = {
    "amira": {
        "n_malignant": 'n_malignant = (wdbc["diagnosis"] == "malignant").sum()',
        "malignant_share": "malignant_share = n_malignant / len(wdbc)",
        "q3_answer": 'q3_answer = "a"\nq3.check()',
        "median_area_worst": (
            'cancers = wdbc[wdbc["diagnosis"] == "malignant"]\n'
            'median_area_worst = cancers["area_worst"].median()'
        ),
        "share_found": 'share_found = (cancers["radius_mean"] >= 15).mean()',
        "q6_answer": 'q6_answer = "d"\nq6.check()',
        "share_found_at": (
            "def share_found_at(table, feature, cutoff):\n"
            '    cancers = table[table["diagnosis"] == "malignant"]\n'
            "    return (cancers[feature] >= cutoff).mean()"
        ),
    },
    "ben": {
        "n_malignant": 'n_malignant = (wdbc["diagnosis"] == "malignant").sum()',
        "malignant_share": "malignant_share = 357 / 569",
        "q3_answer": 'q3_answer = "b"\nq3.check()',
        "median_area_worst": 'median_area_worst = wdbc["area_worst"].median()',
    },
    "chen": {
        "n_malignant": 'n_malignant = (wdbc["diagnosis"] == "malignant").sum()',
        "malignant_share": "malignant_share = 37.3",
        "median_area_worst": 'median_area_worst = malignant["area_worst"].median()',
    },
}


def _answer_cell(cells, name: str) -> int:
    """The index of the exercise's code cell where the learner writes ``name``."""
    for index, cell in enumerate(cells):
        source = cell.source
        if cell.cell_type == "code" and (
            source.startswith(f"{name} = ____") or source.startswith(f"def {name}(")
        ):
            return index
    raise ValueError(f"{EXERCISE.name} has no answer cell for {name!r}")


def write_example(folder: str | Path) -> list[Path]:
    """Write the three learners' notebooks into ``folder`` (new or empty); return their paths."""
    import nbformat

    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise ValueError(f"{folder} is not empty: choose a new folder for the example.")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for learner, answers in LEARNERS.items():
        notebook = nbformat.read(EXERCISE, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        for name, code in answers.items():
            notebook.cells[_answer_cell(notebook.cells, name)].source = code
        path = folder / f"{learner}.ipynb"
        nbformat.write(notebook, path)
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    """The command line: write the example into the one folder named; 0 when it went well."""
    if len(argv) != 1:
        print("usage: python -m bcc_teach.grading.example FOLDER", file=sys.stderr)
        return 2
    try:
        paths = write_example(argv[0])
    except ValueError as problem:
        print(problem, file=sys.stderr)
        return 2
    print(f"Wrote {len(paths)} submissions to exercise 01 in {argv[0]}: "
          + ", ".join(p.name for p in paths))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
