"""The question kinds: a base ``Question`` and answers that are a number, text or a function.

Every kind judges in two steps. ``read(value)`` turns the learner's value into a plain,
JSON-safe answer (a number, a text, a function's outputs on the question's cases), running any
learner code on fresh copies of its inputs; ``assess(answer)`` judges that answer and touches no
learner object, so a grader can judge a recorded answer again in its own process.
"""

from __future__ import annotations

import inspect
import math
import sys
from dataclasses import dataclass, replace
from typing import Any

from bcc_teach.checking.answers import KINDS, as_number, as_text, exported, kind_of, safe_text
from bcc_teach.checking.display import publish
from bcc_teach.checking.learner import LearnerError, call, describe_error, learner_frame
from bcc_teach.checking.markers import solution_code
from bcc_teach.checking.misconceptions import AMBIGUOUS, GENERIC, message_for
from bcc_teach.checking.outcomes import Feedback, Outcome, Result, WrongType, is_blank


class NotAttempted(Exception):
    """Raised while reading an answer that still holds the placeholder ``____``."""


class Question:
    """One exercise question: how to read and judge its answer, its hints, and what a correct
    answer means for patients.

    A question set (``bcc_teach.questions.exNN``) declares each question once, with
    ``QuestionSet.question(id, variable)``, which stamps ``id``, ``exercise`` and ``variable``.
    A subclass sets ``kind`` (a key of ``KINDS``), ``hints`` (from a nudge to nearly the
    answer) and ``correct`` (or overrides ``correct_message`` to quote a computed figure), and
    implements ``read`` and ``assess``.
    """

    id: str = ""
    exercise: str = ""
    variable: str = ""
    kind: str = "number"
    points: int = 1
    hints: tuple[str, ...] = ()
    correct: str = "Correct."

    def __init__(self) -> None:
        self._hints_shown = 0
        self.last_feedback: Feedback | None = None

    def __repr__(self) -> str:
        return f"<question {self.exercise}.{self.id}: answer in `{self.variable}`>"

    # -- judging ---------------------------------------------------------------------------
    def read(self, value: Any) -> Any:  # pragma: no cover - abstract
        """The learner's value as a plain answer; ``WrongType`` if it is the wrong kind."""
        raise NotImplementedError

    def assess(self, answer: Any) -> Feedback:  # pragma: no cover - abstract
        """Judge a plain answer (what ``read`` returned)."""
        raise NotImplementedError

    def _memo(self, name: str, compute):
        """``compute()`` once per question: the expected value and the typical mistakes come
        from the course's fixed data, and some take a while (a LIME report, a forest)."""
        memo = self.__dict__.setdefault("_memo_values", {})
        if name not in memo:
            memo[name] = compute()
        return memo[name]

    def correct_message(self) -> str:
        """What a correct answer means; override to quote a figure computed from the answer."""
        return self.correct

    def judge(self, value: Any) -> Feedback:
        """Judge ``value`` as this question's answer. Never raises; never reveals the answer."""
        if is_blank(value):
            return self._not_attempted()
        try:
            answer = self.read(value)
            return replace(self.assess(answer), answer=exported(answer))
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # whatever a learner's object does, check() goes on
            return self._failed(exc)

    def _failed(self, exc: BaseException) -> Feedback:
        try:
            if isinstance(exc, NotAttempted):
                return self._not_attempted()
            if isinstance(exc, WrongType):
                return Feedback(Outcome.WRONG_TYPE, safe_text(exc, 1000))
            if isinstance(exc, LearnerError):
                return Feedback(Outcome.RAISED, exc.message)
            frame = learner_frame(exc)
            if frame is not None:
                return Feedback(Outcome.RAISED, describe_error(exc, frame))
            name = safe_text(type(exc).__name__, 60)
            message = f"This answer could not be checked ({name}). The question expects "
        except BaseException:
            message = "This answer could not be read. The question expects "
        return Feedback(Outcome.WRONG_TYPE, message + f"{KINDS[self.kind]}.")

    def _not_attempted(self) -> Feedback:
        if self.kind == "function":
            where = f"replace ____ in the function `{self.variable}` with your code"
        else:
            where = f"write your answer in place of ____ so that `{self.variable}` holds it"
        return Feedback(
            Outcome.NOT_ATTEMPTED, f"Not attempted yet: {where}, run that cell, then check again."
        )

    def _wrong(self, explanation: str = "", extra: str = "") -> Feedback:
        """Incorrect, with a catalogue misconception (by id) or a message, and ``extra``."""
        message, misconception = message_for(explanation) if explanation else (GENERIC, None)
        if extra:
            message = f"{message} {extra}".strip()
        return Feedback(Outcome.INCORRECT, message, misconception)

    def _right(self) -> Feedback:
        return Feedback(Outcome.CORRECT, self.correct_message())

    def _ambiguous(self, extra: str = "") -> Feedback:
        return Feedback(Outcome.INCORRECT, f"{AMBIGUOUS} {extra}".strip())

    # -- what the learner calls -------------------------------------------------------------
    def check(self) -> None:
        """Check the answer you assigned in your notebook, and record the result."""
        namespace = sys._getframe(1).f_globals
        if self.variable in namespace:
            feedback = self.judge(namespace[self.variable])
        else:
            feedback = self._answer_cell_failed() or self._not_attempted()
        self._record(feedback)

    def _answer_cell_failed(self) -> Feedback | None:
        """If the answer is missing because the learner's answer cell raised, say so."""
        import linecache
        import re

        try:
            error = getattr(sys, "last_value", None)  # the last error shown in this session
            frame = learner_frame(error) if isinstance(error, BaseException) else None
            if frame is None:
                return None
            cell = "".join(linecache.getlines(frame.filename))
            if not re.search(rf"\b{re.escape(self.variable)}\b", cell):
                return None
            when = f"before `{self.variable}` got a value"
            return Feedback(Outcome.RAISED, describe_error(error, frame, when))
        except Exception:
            return None

    def _record(self, feedback: Feedback) -> None:
        self.last_feedback = feedback
        correct = feedback.outcome is Outcome.CORRECT
        record = Result(
            self.exercise,
            self.id,
            "check",
            outcome=feedback.outcome.value,
            points=self.points if correct else 0,
            max_points=self.points,
            misconception=feedback.misconception,
            message=feedback.message,
            answer=feedback.answer,
        )
        publish(
            feedback.outcome.value, f"{self.id}: {feedback.outcome.value}", feedback.message, record
        )

    def hint(self) -> None:
        """Show the next hint: the first is a nudge, later ones say more."""
        if not self.hints:
            record = Result(self.exercise, self.id, "hint", hint=0)
            text = "There are no hints for this question: each option's own feedback explains it."
            publish("hint", f"{self.id}: no hints", text, record)
            return
        elif self._hints_shown < len(self.hints):
            number = self._hints_shown = self._hints_shown + 1
            text = self.hints[number - 1]
            if number == len(self.hints):
                text += f"\n(That was the last hint; {self.id}.solution() shows a worked answer.)"
        else:
            number = len(self.hints)
            text = (
                f"That was the last hint. {self.id}.solution() shows a worked answer.\n"
                f"Last hint again: {self.hints[-1]}"
            )
        record = Result(self.exercise, self.id, "hint", hint=number)
        publish("hint", f"{self.id}: hint {number} of {len(self.hints)}", text, record)

    def solution_text(self) -> str:
        """The worked answer's code (from the exercise's solution notebook)."""
        return solution_code(self.exercise, self.id)

    def solution(self) -> None:
        """Show a worked answer, taken from the exercise's solution notebook."""
        record = Result(self.exercise, self.id, "solution")
        text = "A worked answer (yours may differ and still be right):"
        publish("solution", f"{self.id}: solution", text, record, self.solution_text())


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A typical wrong answer: its value, the message it gets, and how close counts as it."""

    value: float
    explanation: str
    width: float


class NumberQuestion(Question):
    """A question whose answer is one number (``kind``: "proportion", "count" or "number").

    Implement ``expected()``; optionally ``mistakes()``, a list of ``(value, misconception id
    or message)`` pairs for typical wrong answers. An answer counts as a value when it lies
    within the question's window: ``tolerance`` (relative to the expected value; default 0.5%)
    or ``absolute_tolerance`` (default 0.005 for a proportion, so 0.37 counts for 0.3727),
    whichever is wider. Typical mistakes are matched with the same window; where an answer
    matches two mistakes with different messages, neither is claimed. For a proportion, a
    percentage and the complement (1 − the answer) are recognised without being listed.
    """

    kind = "proportion"
    tolerance = 0.005
    absolute_tolerance: float | None = None

    def expected(self) -> float:  # pragma: no cover - abstract
        raise NotImplementedError

    def mistakes(self) -> list[tuple[float, str]]:
        return []

    def target(self) -> float:
        """The expected value, computed once."""
        return self._memo("target", lambda: float(self.expected()))

    def window(self) -> float:
        """How far an answer may lie from a value and still count as it."""
        if self.kind == "count":  # a count is exact (after rounding away floating-point dust)
            return 1e-9 * max(1.0, abs(self.target()))
        absolute = self.absolute_tolerance
        if absolute is None:
            absolute = 0.005 if self.kind == "proportion" else 1e-9
        return max(absolute, self.tolerance * abs(self.target()))

    def candidates(self) -> list[Candidate]:
        """The typical wrong answers: those listed, then those recognised for every proportion."""
        return self._memo("candidates", self._candidates)

    def _candidates(self) -> list[Candidate]:
        width = self.window()
        listed = [Candidate(float(v), e, width) for v, e in self.mistakes()]
        target = self.target()
        automatic = []
        if self.kind == "proportion":
            automatic.append(Candidate(100 * target, "percentage_for_proportion", 100 * width))
            if not math.isclose(target, 0.5, abs_tol=2 * width):
                automatic.append(Candidate(1 - target, "complement", width))
        return listed + [
            a for a in automatic if not any(abs(a.value - c.value) <= a.width for c in listed)
        ]

    def read(self, value: Any) -> float:
        try:
            return as_number(value, self.kind)
        except WrongType:
            if self.kind != "count":
                raise
            try:  # a fraction where a count is asked: a typical mistake may explain it
                return as_number(value, "number")
            except WrongType:
                pass
            raise

    def assess(self, answer: Any) -> Feedback:
        number = as_number(answer, "number" if self.kind == "count" else self.kind)
        if abs(number - self.target()) <= self.window() * (1 + 1e-9):
            return self._right()
        matched = {c.explanation for c in self.candidates() if abs(number - c.value) <= c.width}
        if len(matched) == 1:
            return self._wrong(matched.pop())
        if matched:
            return self._ambiguous()
        as_number(number, self.kind)  # a count with a fractional part is a wrong type
        if self.kind == "proportion" and not 0 <= number <= 1:
            return self._wrong(
                "A proportion lies between 0 and 1 (a part divided by its whole); this one does "
                "not. Check what you divided by what."
            )
        return self._wrong()


# --------------------------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------------------------


class TextQuestion(Question):
    """The answer is a short text, such as a feature's name.

    Implement ``expected()``; optionally ``normalise(text)`` (to accept other spellings, or
    raise ``WrongType`` for a text that cannot be an answer), ``mistakes()`` (a dictionary from
    a wrong answer to its message) and ``other(answer)`` for any other answer.
    """

    kind = "text"
    expects = KINDS["text"]

    def expected(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def normalise(self, text: str) -> str:
        return text.lower()

    def mistakes(self) -> dict[str, str]:
        return {}

    def other(self, answer: str) -> str:
        return f"{answer} is not the one asked for. Look again, or ask for a hint."

    def read(self, value: Any) -> str:
        return self.normalise(as_text(value, self.expects))

    def assess(self, answer: Any) -> Feedback:
        answer = self.normalise(as_text(answer, self.expects))
        if answer == self.expected():
            return self._right()
        return self._wrong(self.mistakes().get(answer) or self.other(answer))


# --------------------------------------------------------------------------------------------
# Functions
# --------------------------------------------------------------------------------------------


def _one_number(output: Any) -> float:
    return as_number(output, "number")


def _flags(output: Any) -> list[float]:
    """One 1 or 0 per case, as a list (``WrongType`` for a single value or text)."""
    import numpy as np

    if output is None or isinstance(output, str | bytes | dict) or np.ndim(output) == 0:
        raise WrongType(
            "Your function returned a single value; it should return one value for each "
            "case in p (1 for flagged, 0 for not), for example as an array."
        )
    values = np.asarray(output)
    if values.dtype.kind not in "biuf":
        raise WrongType("Your function should return numbers: 1 for flagged, 0 for not.")
    return [float(v) for v in values.reshape(-1)]


def _single_number(output: Any) -> float:
    """One number, not an array of one (``WrongType`` for several values or text)."""
    import numpy as np

    if isinstance(output, str | bytes | dict) or np.ndim(output) != 0:
        raise WrongType("Your function should return one number, not several values or text.")
    return as_number(output, "number")


def _single_count(output: Any) -> int:
    """One whole number, a count (``WrongType`` for a collection, True/False or text)."""
    import numpy as np

    if isinstance(output, bool | str | bytes | dict) or np.ndim(output) != 0:
        raise WrongType("Your function should return one number: a count of women.")
    value = as_number(output, "number")
    if not value.is_integer():
        raise WrongType("Your function should return a whole number of women.")
    return int(value)


#: How a function question reads one output of the learner's function. Reading needs no answer
#: key, so a graded run's public questions (``checking.public``) read outputs the same way.
OUTPUTS = {
    "number": _one_number,
    "single number": _single_number,
    "single count": _single_count,
    "flags": _flags,
}


@dataclass(frozen=True)
class Case:
    """One call a learner's function is tried on: its inputs, the right output, and the inputs
    described in clinical words (said when the function gets this case wrong)."""

    args: tuple
    expected: Any
    describe: str


class FunctionQuestion(Question):
    """The learner writes a function; it is tried on ``cases()`` (a list of ``Case``).

    Each call gets fresh copies of the inputs, so a function that changes them in place
    cannot change later checks. ``mistakes()`` lists functions that make a typical mistake
    (benign as positive, ``>`` for ``>=``, a hard-coded cut-off, …) with their misconception
    or message: a learner's function that gives the same outputs as one of them on every case
    gets that message. Otherwise a wrong function is told which case it got wrong (its
    inputs, never the expected output). ``convert(output, case)`` turns an output into a plain
    value (default: one number); ``same(got, expected)`` compares two of them.
    """

    kind = "function"
    signature = ""
    #: What one output is read as: a key of ``OUTPUTS`` ("number"; "single number", not an array
    #: of one; "single count", a whole number; "flags", a 1 or 0 per case).
    outputs = "number"

    def cases(self) -> list[Case]:  # pragma: no cover - abstract
        raise NotImplementedError

    def mistakes(self) -> list[tuple[Any, str]]:
        return []

    def convert(self, output: Any, case: Case) -> Any:
        """One output as a plain value, as ``outputs`` says (``WrongType`` if it cannot be)."""
        return OUTPUTS[self.outputs](output)

    def same(self, got: Any, expected: Any) -> bool:
        return math.isclose(float(got), float(expected), rel_tol=1e-6, abs_tol=1e-9)

    def diagnose(self, got: Any, case: Case) -> str | None:
        """A specific message for a wrong output on one case, or None (override)."""
        return None

    def tried(self) -> list[Case]:
        """The cases, computed once."""
        return self._memo("cases", self.cases)

    def outputs_of(self, function) -> list[Any]:
        """The plain outputs of one of the question's own functions (a mistake) on the cases."""
        return [self.convert(function(*case.args), case) for case in self.tried()]

    def _mistake_outputs(self) -> list[tuple[list[Any], str]]:
        return [(self.outputs_of(function), e) for function, e in self.mistakes()]

    def read(self, value: Any) -> list[Any]:
        if not callable(value) or isinstance(value, type):
            raise WrongType(f"This is {kind_of(value)}; the question expects {KINDS['function']}.")
        outputs = []
        for case in self.tried():
            try:
                inspect.signature(value).bind(*case.args)
            except TypeError:
                raise WrongType(
                    f"Your function cannot be called as {self.signature}: check how many "
                    "inputs it takes."
                ) from None
            except Exception:
                pass  # some callables have no inspectable signature: just try them
            output = call(value, *case.args)
            if is_blank(output):
                raise NotAttempted
            outputs.append(self.convert(output, case))
        return outputs

    def assess(self, answer: Any) -> Feedback:
        cases = self.tried()
        if not isinstance(answer, list) or len(answer) != len(cases):
            raise WrongType(
                f"This is not a recorded function answer; the question expects {KINDS['function']}."
            )
        failed = [
            (got, case)
            for got, case in zip(answer, cases, strict=True)
            if not self.same(got, case.expected)
        ]
        if not failed:
            return self._right()
        matched = {
            explanation
            for outputs, explanation in self._memo("mistakes", self._mistake_outputs)
            if all(self.same(g, m) for g, m in zip(answer, outputs, strict=True))
        }
        if len(matched) == 1:
            return self._wrong(matched.pop())
        if matched:
            return self._ambiguous()
        got, case = failed[0]
        specific = self.diagnose(got, case)
        if specific:
            return self._wrong(specific)
        return self._wrong(
            f"Not quite: your function's answer is off for {case.describe}. Work that case "
            "out by hand and compare, or ask for a hint."
        )
