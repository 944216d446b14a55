"""The one parser of the markers a solution cell carries, shared by checking and authoring.

In a solution notebook the learner's part of a code cell is marked::

    # BEGIN SOLUTION q1
    # EXERCISE: n_malignant = ____  # a count
    n_malignant = (wdbc["diagnosis"] == "malignant").sum()
    # END SOLUTION

>>> cell = "x = 1\\n# BEGIN SOLUTION q2\\n# EXERCISE: y = ____\\ny = 2\\n# END SOLUTION"
>>> [(part.question, part.solution, part.exercise) for part in parse(cell)]
[(None, ['x = 1'], ['x = 1']), ('q2', ['y = 2'], ['y = ____'])]
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from bcc_teach._paths import PROJECT_ROOT

BEGIN_MARK = "# BEGIN SOLUTION"
END_MARK = "# END SOLUTION"
EXERCISE_MARK = "# EXERCISE:"


class MarkerError(ValueError):
    """A solution cell's markers are malformed; the message names the place and line."""


@dataclass
class Part:
    """A run of a cell: plain code (``question`` None) or one question's marked block.

    ``solution`` holds the lines the solution runs; ``exercise`` what the exercise shows.
    """

    question: str | None
    solution: list[str] = field(default_factory=list)
    exercise: list[str] = field(default_factory=list)


def parse(source: str, where: str = "cell") -> list[Part]:
    """Split a code cell into plain parts and marked blocks (``MarkerError`` if malformed)."""
    parts: list[Part] = []
    block: Part | None = None
    indent = ""
    for number, line in enumerate(source.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith(BEGIN_MARK):
            if block is not None:
                raise MarkerError(f"{where}, line {number}: BEGIN SOLUTION inside another block.")
            question = stripped[len(BEGIN_MARK) :].strip()
            if not question:
                raise MarkerError(f"{where}, line {number}: BEGIN SOLUTION needs a question id.")
            block, indent = Part(question), line[: len(line) - len(line.lstrip())]
            parts.append(block)
        elif stripped.startswith(END_MARK):
            if block is None:
                raise MarkerError(f"{where}, line {number}: END SOLUTION without BEGIN.")
            if not block.exercise:
                block.exercise.append(f"{indent}# Your code here")
            block = None
        elif block is not None:
            if stripped.startswith(EXERCISE_MARK):
                text = stripped[len(EXERCISE_MARK) :]
                block.exercise.append(indent + (text[1:] if text.startswith(" ") else text))
            else:
                block.solution.append(line)
        else:
            if not parts or parts[-1].question is not None:
                parts.append(Part(None))
            parts[-1].solution.append(line)
            parts[-1].exercise.append(line)
    if block is not None:
        raise MarkerError(f"{where}: BEGIN SOLUTION is never closed by END SOLUTION.")
    return parts


def solution_blocks(source: str) -> list[tuple[str, str]]:
    """The marked solution blocks of a code cell: ``(question id, code)`` pairs.

    >>> solution_blocks("# BEGIN SOLUTION q2\\n# EXERCISE: y = ____\\ny = 2\\n# END SOLUTION")
    [('q2', 'y = 2')]
    """
    try:
        parts = parse(source)
    except MarkerError:
        return []
    return [(p.question, "\n".join(p.solution).strip("\n")) for p in parts if p.question]


def exercise_source(source: str, where: str = "cell") -> str:
    """The exercise version of one code cell's source: each block replaced by what it shows.

    >>> print(exercise_source("x = 1\\n# BEGIN SOLUTION q2\\n# EXERCISE: y = ____\\ny = 2\\n"
    ...                       "# END SOLUTION"))
    x = 1
    y = ____
    """
    return "\n".join(line for part in parse(source, where) for line in part.exercise)


def solution_code(exercise: str, question: str, folder: Path | None = None) -> str:
    """The worked answer to one question: its marked block in the exercise's solution notebook.

    >>> print(solution_code("ex01", "q1"))      # doctest: +ELLIPSIS
    n_malignant = ...
    """
    folder = folder or PROJECT_ROOT / "solutions"
    matches = sorted(folder.glob(f"{exercise}_*.ipynb"))
    if not matches:
        return f"(No solution notebook for {exercise} was found in {folder.name}/.)"
    notebook = json.loads(matches[0].read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for block_id, body in solution_blocks(source):
            if block_id == question:
                return body
    return f"(The solution notebook has no worked answer marked for {question}.)"
