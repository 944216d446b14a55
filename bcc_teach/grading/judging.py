"""Judging: one question set per run, its public stand-in for the kernels, and the verdicts.

The question set is fixed for the whole run before any notebook runs: the one the instructor
names (``--exercise``), or the one every submission's metadata agrees on. Points and columns
come from that set alone. Each recorded answer is judged here, in the grader's own process,
by the course's question objects; a verdict a notebook recorded is never used.

>>> choose_exercise(None, {"ana.ipynb": "ex01", "ben.ipynb": "ex01", "cy.ipynb": ""})
'ex01'
>>> choose_exercise(None, {"ana.ipynb": "ex01", "eve.ipynb": "ex99"})
Traceback (most recent call last):
ValueError: The submissions do not agree on their exercise (ex01: ana.ipynb; ex99: eve.ipynb)...
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

from bcc_teach.checking import public
from bcc_teach.checking.outcomes import Outcome, Result, WrongType
from bcc_teach.grading.running import printable

#: Outcomes a record may carry without an answer: none earns points.
_UNANSWERED = {o.value for o in Outcome} - {"correct"}


def _names(files: list[str]) -> str:
    shown = ", ".join(ascii(f)[1:-1] for f in files[:3])
    return shown + (f" and {len(files) - 3} more" if len(files) > 3 else "")


def choose_exercise(exercise: str | None, named: dict[str, str]) -> str:
    """The run's exercise: ``exercise`` if given, else the one all submissions name.

    ``named`` maps each readable submission to the exercise its metadata names ("" for none).
    Raises ``ValueError`` naming the problem: an unknown exercise, disagreeing submissions, or
    none named at all.
    """
    from bcc_teach.questions import QUESTION_SETS

    known = ", ".join(QUESTION_SETS)
    if exercise is not None:
        if exercise not in QUESTION_SETS:
            raise ValueError(f"--exercise {ascii(exercise)}: no such exercise (known: {known}).")
        return exercise
    by_name: dict[str, list[str]] = {}
    for file, name in sorted(named.items()):
        if name:
            by_name.setdefault(name, []).append(file)
    if len(by_name) > 1:
        said = "; ".join(f"{ascii(n)[1:-1][:20]}: {_names(f)}" for n, f in sorted(by_name.items()))
        raise ValueError(
            f"The submissions do not agree on their exercise ({said}). Name the exercise to "
            "grade with --exercise; every submission is then graded against it."
        )
    if not by_name:
        raise ValueError(f"No submission names its exercise: add --exercise (one of {known}).")
    (name,) = by_name
    if name not in QUESTION_SETS:
        raise ValueError(
            f"The submissions name exercise {ascii(name)[:30]}, which this course does not have "
            f"(known: {known}). Name the exercise to grade with --exercise."
        )
    return name


def question_set(exercise: str) -> dict[str, Any]:
    """The course's own question objects of ``exercise``, by id (imported by the grader)."""
    from bcc_teach.questions import load

    return {q.id: q for q in load(exercise)}


STUB = '''"""Exercise {exercise}'s questions as a graded run sees them: no answer key.

Written by the grader for one run; the course's own question set stays with the grader.
"""

from pathlib import Path

from bcc_teach.checking.public import bind_public
from bcc_teach.questions.kinds import FeatureQuestion

QUESTIONS = bind_public(
    Path(__file__).with_name("public.pickle"), globals(), feature=FeatureQuestion
)
'''


def write_public_questions(folder: Path, exercise: str, questions: dict[str, Any]) -> Path:
    """A folder to put in place of ``bcc_teach/questions`` in the sandbox: the package's own
    ``__init__`` and ``kinds`` (no answers in them) and a stand-in for ``exercise`` only."""
    from bcc_teach import questions as package
    from bcc_teach.questions.kinds import FeatureQuestion

    source = Path(package.__file__).parent
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("__init__.py", "kinds.py"):
        shutil.copy(source / name, folder / name)
    description = public.describe(questions.values(), feature=FeatureQuestion)
    public.write(description, folder / "public.pickle")
    (folder / f"{exercise}.py").write_text(STUB.format(exercise=exercise), encoding="utf-8")
    for path in [folder, *folder.iterdir()]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return folder


def rejudged(record: Result, question) -> Result:
    """The record with the verdict this process reaches on its answer. A record with no answer
    earns nothing, whatever outcome it claims."""
    if record.answer is None:
        outcome = record.outcome if record.outcome in _UNANSWERED else "incorrect"
        message = printable(record.message, 500) if record.outcome in _UNANSWERED else (
            "This record holds no answer to judge, so it earns no points."
        )
        return dataclasses.replace(
            record, outcome=outcome, points=0, message=message, misconception=None
        )
    misconception = None
    try:
        feedback = question.assess(record.answer)
        outcome, message = feedback.outcome.value, feedback.message
        misconception = feedback.misconception
    except WrongType as wrong:  # e.g. a count with a fractional part
        outcome, message = "wrong type", str(wrong)
    except Exception:  # an answer no check of this course could have recorded
        outcome, message = "wrong type", "This recorded answer could not be judged."
    points = question.points if outcome == "correct" else 0
    return dataclasses.replace(
        record, outcome=outcome, points=points, message=message, misconception=misconception
    )


def best_attempts(records: list[Result], exercise: str, questions: dict[str, Any]):
    """Per question of the set: the first correct attempt, else the last one (in the order
    the checks ran). Records of other exercises, other questions or other events are ignored."""
    best: dict[str, Result] = {}
    for record in records:
        if record.exercise != exercise or record.event != "check":
            continue
        question = questions.get(record.question)
        if question is None:
            continue
        previous = best.get(record.question)
        if previous is None or previous.outcome != "correct":
            best[record.question] = rejudged(record, question)
    return best
