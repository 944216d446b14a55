"""The questions a graded run sees: ids, answer variables, hints and recording, no answer key.

When the grader re-runs a learner's notebook it does not give the kernel the course's question
set (whose ``expected()`` values, quiz flags and worked solutions would let a notebook copy its
answers). It writes a *public description* instead (``describe``, in the grader's process) and
the kernel builds stand-in questions from it (``bind_public``). A stand-in reads the learner's
answer exactly as the real question does (a number, a letter, a feature's name, a function's
outputs on the grader's inputs, a model's probabilities on the grader's cases) and records
only that answer, with no verdict; the grader judges it in its own process.

>>> from bcc_teach.checking import NumberQuestion, QuestionSet
>>> ex98 = QuestionSet("ex98")
>>> @ex98.question("q1", "share", kind="proportion")
... class Share(NumberQuestion):
...     hints = ("Count, then divide.",)
...     def expected(self):
...         return 0.25
>>> description = describe(ex98.bind({}))
>>> (q1,) = build(description)
>>> q1.read(0.3), q1.hints
(0.3, ('Count, then divide.',))
>>> q1.expected()
Traceback (most recent call last):
NotImplementedError
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from bcc_teach.checking.answers import exported
from bcc_teach.checking.display import publish
from bcc_teach.checking.model_questions import ModelQuestion
from bcc_teach.checking.outcomes import Feedback, Outcome, Result, ____, is_blank
from bcc_teach.checking.questions import (
    Case,
    FunctionQuestion,
    NumberQuestion,
    Question,
    TextQuestion,
)
from bcc_teach.checking.quiz import ChoiceQuestion, Option

#: What a graded run says where a learner would see feedback (nobody reads it; the grader
#: judges the recorded answer).
RECORDED = "Answer recorded for grading."
NO_SOLUTION = "Worked answers are not available while a notebook is being graded."


class DescriptionError(ValueError):
    """A question cannot be described publicly (its reading needs code the kernel lacks)."""


# --------------------------------------------------------------------------------------------
# In the grader: describe a question set
# --------------------------------------------------------------------------------------------


def _kind_of_question(question: Question, extra: dict[str, type]) -> str:
    for name, cls in extra.items():
        if isinstance(question, cls):
            return name
    for name, cls in (
        ("model", ModelQuestion),
        ("function", FunctionQuestion),
        ("choice", ChoiceQuestion),
        ("text", TextQuestion),
        ("number", NumberQuestion),
    ):
        if isinstance(question, cls):
            return name
    raise DescriptionError(f"{question!r} is of no kind a graded run can read.")


def _same_method(question: Question, name: str, base: type) -> bool:
    return getattr(type(question), name) is getattr(base, name)


#: The methods that read an answer, per kind: a question set may not override them, because a
#: graded run's kernel has the engine's code but not the question set's.
_READING = {
    "model": ("read",),
    "function": ("read", "convert", "tried"),
    "choice": ("read",),
    "text": ("read", "normalise"),
    "number": ("read",),
}


def readable(question: Question, **extra: type) -> str:
    """The kind of stand-in that can read ``question``'s answers in a graded run; raises
    ``DescriptionError`` if its reading needs code of the question set (nothing is computed)."""
    kind = _kind_of_question(question, extra)
    base = extra.get(kind) or {
        "model": ModelQuestion,
        "function": FunctionQuestion,
        "choice": ChoiceQuestion,
        "text": TextQuestion,
        "number": NumberQuestion,
    }[kind]
    for method in _READING[kind] if kind in _READING else ("read", "normalise"):
        if not _same_method(question, method, base):
            raise DescriptionError(
                f"{question.exercise}.{question.id} overrides {method}(); a graded run reads "
                "answers with the engine's own code only. Move that reading into "
                "bcc_teach.checking (as FunctionQuestion.outputs does)."
            )
    return kind


def describe(questions, **extra: type) -> list[dict[str, Any]]:
    """The public description of a question set: what a graded run needs to read answers.

    ``extra`` names question classes of the course's own (``feature=FeatureQuestion``) whose
    reading code the kernel can import. Raises ``DescriptionError`` for a question whose
    reading (``read``, ``convert``, ``normalise``) is overridden where the kernel cannot see it.
    """
    described = []
    for question in questions:
        kind = readable(question, **extra)
        item: dict[str, Any] = {
            "kind": kind,
            "id": question.id,
            "exercise": question.exercise,
            "variable": question.variable,
            "answer_kind": question.kind,
            "points": question.points,
            "hints": tuple(question.hints),
        }
        if kind == "choice":
            item["prompt"] = str(question.prompt)
            item["options"] = tuple(option.text for option in question.options)
        elif kind == "function":
            item["signature"] = question.signature
            item["outputs"] = question.outputs
            item["cases"] = [case.args for case in question.tried()]
        elif kind == "model":
            item.update(
                estimator=question.estimator,
                estimator_words=question.estimator_words,
                scaled=question.scaled,
                expects=question.expects(),
                judging_cases=question.judging_cases(),
            )
        elif kind in ("text", "feature"):
            item["expects"] = getattr(question, "expects", "")
        elif kind == "number":
            item.update(tolerance=question.tolerance)
        described.append(item)
    return described


def write(description: list[dict[str, Any]], path: Path) -> None:
    """Save a public description for a graded run (a pickle the grader itself writes)."""
    path.write_bytes(pickle.dumps(description, protocol=pickle.HIGHEST_PROTOCOL))


# --------------------------------------------------------------------------------------------
# In the kernel of a graded run: stand-in questions
# --------------------------------------------------------------------------------------------


class _Public:
    """What every stand-in does instead of judging: record the answer it read, with no verdict."""

    def assess(self, answer: Any) -> Feedback:
        raise RuntimeError("A graded run does not judge answers: the grader does.")

    def judge(self, value: Any) -> Feedback:
        if is_blank(value):
            return self._not_attempted()
        try:
            answer = self.read(value)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # whatever a learner's object does, check() goes on
            return self._failed(exc)
        return Feedback(Outcome.NOT_ATTEMPTED, RECORDED, answer=exported(answer))

    def _record(self, feedback: Feedback) -> None:
        """Record the answer that was read, for the grader to judge (no verdict)."""
        recorded = feedback.message == RECORDED
        record = Result(
            self.exercise,
            self.id,
            "check",
            outcome=None if recorded else feedback.outcome.value,
            max_points=self.points,
            message="" if recorded else feedback.message,
            answer=feedback.answer if recorded else None,
        )
        publish("hint", f"{self.id}: recorded", feedback.message, record)

    def solution_text(self) -> str:
        return NO_SOLUTION


class PublicNumber(_Public, NumberQuestion):
    pass


class PublicText(_Public, TextQuestion):
    pass


class PublicChoice(_Public, ChoiceQuestion):
    def show(self):
        """The quiz as plain text (no clickable options while grading)."""
        return _Text(self.text())


class PublicFunction(_Public, FunctionQuestion):
    def tried(self) -> list[Case]:
        return [Case(args, None, "") for args in self._public_cases]


class PublicModel(_Public, ModelQuestion):
    def judging_cases(self):
        return self._judging_cases

    def expects(self) -> str:
        return self._expects


class _Text:
    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text


def build(description: list[dict[str, Any]], **extra: type) -> tuple[Question, ...]:
    """Stand-in question objects from a public description (``extra`` as for ``describe``)."""
    questions = []
    for item in description:
        kind = item["kind"]
        if kind in extra:
            question = type(f"Public{kind.title()}", (_Public, extra[kind]), {})()
        else:
            question = {
                "number": PublicNumber,
                "text": PublicText,
                "choice": PublicChoice,
                "function": PublicFunction,
                "model": PublicModel,
            }[kind]()
        question.id, question.exercise, question.variable = (
            item["id"],
            item["exercise"],
            item["variable"],
        )
        question.kind, question.points, question.hints = (
            item["answer_kind"],
            item["points"],
            tuple(item["hints"]),
        )
        if kind == "choice":
            question.prompt = item["prompt"]
            question.options = tuple(Option(text, "") for text in item["options"])
        elif kind == "function":
            question.signature, question.outputs = item["signature"], item["outputs"]
            question._public_cases = item["cases"]
        elif kind == "model":
            question.estimator, question.estimator_words = (
                item["estimator"],
                item["estimator_words"],
            )
            question.scaled, question._expects = item["scaled"], item["expects"]
            question._judging_cases = item["judging_cases"]
        elif kind in ("text", "feature") and item.get("expects"):
            question.expects = item["expects"]
        questions.append(question)
    return tuple(questions)


def bind_public(path: str | Path, namespace: dict[str, Any], **extra: type) -> tuple:
    """Stand-ins from the description at ``path``, put into a question set's ``namespace``."""
    description = pickle.loads(Path(path).read_bytes())
    questions = build(description, **extra)
    for question in questions:
        namespace[question.id] = question
    namespace["QUESTIONS"] = questions
    namespace["____"] = ____
    namespace["__all__"] = ["QUESTIONS", "____", *(q.id for q in questions)]
    return questions
