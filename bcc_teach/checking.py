"""Questions that check a learner's answer, give graded hints and show a worked solution.

In an exercise notebook each question is an object: ``q1.check()`` judges the answer, ``q1.hint()``
gives a nudge (ask again for more), ``q1.solution()`` shows a worked answer. Feedback is kind and
specific, recognises common clinical mistakes (``MISCONCEPTIONS``), and never shows the expected
value. Every call also leaves a machine-readable record in the cell's output (MIME type
``RESULT_MIME``), which ``bcc_teach.grading`` reads back by question id.

A question set (one module per exercise, in ``bcc_teach.questions``) is a handful of small
classes, each holding its check, hints and correct-answer message together:

    >>> class Share(NumberQuestion):
    ...     id, exercise, variable, kind = "q9", "ex00", "share", "proportion"
    ...     hints = ("Count, then divide.",)
    ...     correct = "Right: a quarter of these women."
    ...     def expected(self):
    ...         return 0.25
    >>> Share().judge(0.25).outcome
    <Outcome.CORRECT: 'correct'>
    >>> Share().judge(25).misconception
    'percentage_for_proportion'
"""

from __future__ import annotations

import html
import json
import linecache
import math
import numbers
import re
import sys
import traceback
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from bcc_teach._paths import PROJECT_ROOT

RESULT_MIME = "application/vnd.bcc-teach.result+json"
BEGIN_MARK = "# BEGIN SOLUTION"
END_MARK = "# END SOLUTION"
EXERCISE_MARK = "# EXERCISE:"


class _Blank:
    """The placeholder ``____`` that an exercise cell holds until the learner answers."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "____"

    def __bool__(self) -> bool:
        return False


#: Write your answer in place of this.
____ = _Blank()


class Outcome(StrEnum):
    NOT_ATTEMPTED = "not attempted"
    WRONG_TYPE = "wrong type"
    RAISED = "your code raised an error"
    INCORRECT = "incorrect"
    CORRECT = "correct"


@dataclass(frozen=True)
class Misconception:
    id: str
    name: str
    message: str


MISCONCEPTIONS = {
    m.id: m
    for m in (
        Misconception(
            "benign_as_positive",
            "benign coded as the positive class",
            "It looks as if benign was counted as the positive class. In this course malignant "
            "= 1 = positive (scikit-learn's own copy of the data, load_breast_cancer, codes "
            "malignant as 0, which is an easy trap). Count or score the malignant cases.",
        ),
        Misconception(
            "precision_for_sensitivity",
            "precision (PPV) given for sensitivity",
            "This looks like the positive predictive value (precision): of the cases called "
            "malignant, how many were. Sensitivity asks the other way round: of the women who "
            "have cancer, how many does the test find? Divide by all the malignant cases.",
        ),
        Misconception(
            "sensitivity_specificity_swapped",
            "sensitivity and specificity swapped",
            "This looks like the other one of the pair. Sensitivity is about the women with "
            "cancer (how many are found); specificity is about the women without (how many are "
            "correctly reassured).",
        ),
        Misconception(
            "training_accuracy",
            "accuracy measured on the training data",
            "This looks like a score on the cases the model was trained on. A model has seen "
            "those answers, so the score flatters it. Score it on the held-out test cases.",
        ),
        Misconception(
            "leakage_before_split",
            "scaler or feature selection fitted before the split",
            "The test cases seem to have helped prepare the data (a scaler or a feature "
            "selection fitted before the split). Put every preparation step inside the "
            "Pipeline, so it learns from the training cases only.",
        ),
        Misconception(
            "threshold_reversed",
            "threshold direction reversed",
            "The threshold seems to point the wrong way: a case is called malignant when its "
            "probability is at or above the threshold, not below it.",
        ),
        Misconception(
            "percentage_for_proportion",
            "a percentage given for a proportion",
            "Nearly there: this looks like a percentage. The question asks for a proportion "
            "between 0 and 1: divide the percentage by 100.",
        ),
        Misconception(
            "ppv_without_prevalence",
            "PPV quoted without regard to prevalence",
            "This PPV belongs to another population. PPV depends on how common the disease is "
            "where the test is used: recompute it with the prevalence the question gives.",
        ),
    )
}

# Kinds of answer: what a wrong type is told it should have been.
KINDS = {
    "proportion": "a number between 0 and 1",
    "count": "a whole number (a count of cases)",
    "number": "a number",
    "function": "a function (written with def)",
    "choice": "one letter, as a string: for example 'b'",
    "model": "a fitted scikit-learn Pipeline (a scaler, then a classifier)",
    "text": "text in quotes, such as a feature's name: 'area_worst'",
}


@dataclass(frozen=True)
class Feedback:
    """What a check concluded: its outcome, a message for the learner, and any misconception."""

    outcome: Outcome
    message: str
    misconception: str | None = None


class WrongType(Exception):
    """Raised inside ``evaluate`` to say the answer is not the kind of thing expected."""


# --------------------------------------------------------------------------------------------
# Telling the learner's errors from ours
# --------------------------------------------------------------------------------------------

_PACKAGE_DIR = str(Path(__file__).resolve().parent)
_LIBRARY_DIRS = tuple({str(Path(p).resolve()) for p in (sys.prefix, sys.base_prefix)})


def _is_learner_file(filename: str) -> bool:
    if filename.startswith("<") and not filename.startswith(("<ipython-input", "<string")):
        return False
    try:
        path = str(Path(filename).resolve())
    except (OSError, ValueError):
        return True
    return not path.startswith(_PACKAGE_DIR) and not path.startswith(_LIBRARY_DIRS)


def _learner_frame(exc: BaseException) -> traceback.FrameSummary | None:
    """The innermost frame of the traceback that belongs to the learner's own code."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if _is_learner_file(f.filename)]
    return frames[-1] if frames else None


def _describe_learner_error(exc: BaseException, frame: traceback.FrameSummary) -> str:
    line = (frame.line or linecache.getline(frame.filename, frame.lineno)).strip()
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    text = f"{type(exc).__name__}{': ' + detail if detail else ''}"
    where = f" (line {frame.lineno} of your code" + (f": `{line}`)" if line else ")")
    return (
        f"Your code raised an error when the answer was tried: {text}{where}. Fix that line, "
        "run your cell again, then check again."
    )


# --------------------------------------------------------------------------------------------
# Showing feedback and recording results
# --------------------------------------------------------------------------------------------

_STYLE = {  # outcome: (border colour, symbol)
    "correct": ("#009E73", "✔"),
    "incorrect": ("#E69F00", "✘"),
    "wrong type": ("#E69F00", "✘"),
    "your code raised an error": ("#E69F00", "⚠"),
    "not attempted": ("#999999", "…"),
    "hint": ("#56B4E9", "💡"),
    "solution": ("#56B4E9", "📖"),
}


def publish(kind: str, title: str, text: str, record: dict[str, Any], code: str = "") -> None:
    """Display feedback (HTML and plain text) with its machine-readable record.

    Outside IPython (a plain script) the plain text is printed.
    """
    plain = f"{title}\n{text}" + (f"\n\n{code}" if code else "")
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython is always installed with the course
        get_ipython = None
    if get_ipython is None or get_ipython() is None:
        print(plain)
        return
    colour, symbol = _STYLE[kind]
    body = re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text)).replace("\n", "<br>")
    code_html = f"<pre>{html.escape(code)}</pre>" if code else ""
    markup = (
        f'<div style="border-left: 6px solid {colour}; padding: 0.4em 0.8em; margin: 0.3em 0;">'
        f"<b>{symbol} {html.escape(title)}</b><br>{body}{code_html}</div>"
    )
    bundle = {"text/plain": plain, "text/html": markup, RESULT_MIME: record}
    display(bundle, raw=True)


# --------------------------------------------------------------------------------------------
# Questions
# --------------------------------------------------------------------------------------------


class Question:
    """One exercise question: its check, its hints and the message for a correct answer.

    Subclasses set ``id`` ("q1"), ``exercise`` ("ex01"), ``variable`` (the name the learner
    assigns the answer to), ``kind`` (a key of ``KINDS``), ``points``, ``hints`` (from a nudge
    to nearly the answer) and ``correct`` (one sentence on what the answer means for patients),
    and implement ``evaluate(value) -> Feedback``.
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
    def evaluate(self, value: Any) -> Feedback:  # pragma: no cover - abstract
        raise NotImplementedError

    def judge(self, value: Any) -> Feedback:
        """Judge ``value`` as this question's answer. Never raises; never reveals the answer."""
        if value is ____ or value is Ellipsis:
            return self._not_attempted()
        try:
            return self.evaluate(value)
        except WrongType as wrong:
            return Feedback(Outcome.WRONG_TYPE, str(wrong))
        except Exception as exc:
            frame = _learner_frame(exc)
            if frame is not None:
                return Feedback(Outcome.RAISED, _describe_learner_error(exc, frame))
            return Feedback(
                Outcome.WRONG_TYPE,
                f"This answer could not be checked ({type(exc).__name__}). The question expects "
                f"{KINDS[self.kind]}.",
            )

    def _not_attempted(self) -> Feedback:
        if self.kind == "function":
            where = f"replace ____ in the function `{self.variable}` with your code"
        else:
            where = f"write your answer in place of ____ so that `{self.variable}` holds it"
        return Feedback(
            Outcome.NOT_ATTEMPTED, f"Not attempted yet: {where}, run that cell, then check again."
        )

    def _wrong(
        self, misconception: str | None = None, message: str = "", extra: str = ""
    ) -> Feedback:
        """Incorrect: the catalogue message for ``misconception`` (or ``message``), + ``extra``."""
        if misconception:
            message = MISCONCEPTIONS[misconception].message
        if extra:
            message = f"{message} {extra}".strip()
        return Feedback(
            Outcome.INCORRECT, message or "Not quite. Try again, or ask for a hint.", misconception
        )

    def _right(self) -> Feedback:
        return Feedback(Outcome.CORRECT, self.correct)

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
        error = getattr(sys, "last_value", None)  # the last error shown in this session
        frame = _learner_frame(error) if isinstance(error, BaseException) else None
        if frame is None:
            return None
        cell = "".join(linecache.getlines(frame.filename))
        if not re.search(rf"\b{re.escape(self.variable)}\b", cell):
            return None
        message = _describe_learner_error(error, frame).replace(
            "when the answer was tried", f"before `{self.variable}` got a value"
        )
        return Feedback(Outcome.RAISED, message)

    def _record(self, feedback: Feedback) -> None:
        self.last_feedback = feedback
        points = self.points if feedback.outcome is Outcome.CORRECT else 0
        record = {
            "exercise": self.exercise,
            "question": self.id,
            "event": "check",
            "outcome": feedback.outcome.value,
            "points": points,
            "max_points": self.points,
            "misconception": feedback.misconception,
            "message": feedback.message,
        }
        title = f"{self.id}: {feedback.outcome.value}"
        publish(feedback.outcome.value, title, feedback.message, record)

    def hint(self) -> None:
        """Show the next hint: the first is a nudge, later ones say more."""
        if not self.hints:
            text, number = "There are no hints for this question.", 0
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
        record = {"exercise": self.exercise, "question": self.id, "event": "hint", "hint": number}
        title = f"{self.id}: hint {number} of {len(self.hints)}"
        publish("hint", title, text, record)

    def solution(self) -> None:
        """Show a worked answer, taken from the exercise's solution notebook."""
        code = solution_code(self.exercise, self.id)
        record = {"exercise": self.exercise, "question": self.id, "event": "solution"}
        text = "A worked answer (yours may differ and still be right):"
        publish("solution", f"{self.id}: solution", text, record, code)


def kind_of(value: Any) -> str:
    """Name the kind of a value in plain words: "text", "a table (DataFrame)", …"""
    if value is None:
        return "None (nothing: did a function forget to return its result?)"
    if isinstance(value, bool):
        return "True/False"
    if isinstance(value, numbers.Number):
        return "a number"
    if isinstance(value, str):
        return "text"
    names = {
        "DataFrame": "a table (DataFrame)",
        "Series": "a column (Series)",
        "ndarray": "an array",
        "list": "a list",
        "tuple": "a tuple",
        "dict": "a dictionary",
        "set": "a set",
    }
    name = type(value).__name__
    if name in names:
        return names[name]
    if callable(value):
        return "a function"
    return f"a {name} object"


def as_number(value: Any, kind: str) -> float:
    """Turn an answer into a float, or raise WrongType saying what was expected.

    ``kind`` is one of ``KINDS`` (it names the expected type in the message).

    >>> as_number(3, "count")
    3.0
    """
    expected = KINDS[kind]
    if isinstance(value, bool):
        raise WrongType(
            f"This is True/False; the question expects {expected}. Did you compare (==, >) "
            "where a count or a share was wanted?"
        )
    if isinstance(value, str):
        raise WrongType(
            f"This is text (in quotes); the question expects {expected}. Remove the quotes, "
            "or compute the value with code."
        )
    if hasattr(value, "shape") and getattr(value, "size", 0) == 1 and not isinstance(value, str):
        import numpy as np

        value = np.asarray(value).reshape(-1)[0]  # one value in an array, Series or 1×1 table
    if hasattr(value, "shape") and getattr(value, "shape", None) not in ((), None):
        raise WrongType(
            f"This is {kind_of(value)}, holding many values; the question expects {expected}. "
            "Reduce it to one value, for example with .sum(), .mean() or len()."
        )
    if isinstance(value, dict):
        raise WrongType(
            f"This is a dictionary holding several values; the question expects {expected}. "
            'Pick one entry by its name, in square brackets: result["name"].'
        )
    if isinstance(value, (list, tuple, set)):
        raise WrongType(f"This is a collection of values; the question expects {expected}.")
    if not isinstance(value, numbers.Real):
        raise WrongType(f"This is {kind_of(value)}; the question expects {expected}.")
    number = float(value)
    if math.isnan(number):
        raise WrongType(
            f"This is NaN ('not a number'): often a division by zero or an empty selection. "
            f"The question expects {expected}."
        )
    if math.isinf(number):
        raise WrongType(f"This is infinite; the question expects {expected}.")
    if kind == "count" and number != round(number):
        raise WrongType(f"This has a fractional part; the question expects {expected}.")
    return number


class NumberQuestion(Question):
    """A question whose answer is one number (``kind``: "proportion", "count" or "number").

    Implement ``expected()``; optionally ``mistakes()``, a list of ``(value, misconception id
    or message)`` pairs for typical wrong answers. ``tolerance`` is relative (default 0.5%);
    a proportion may also be off by up to 0.005, so an answer rounded to 0.37 counts.
    """

    kind = "proportion"
    tolerance = 0.005
    absolute_tolerance: float | None = None  # None: 0.005 for a proportion, else 1e-9

    def expected(self) -> float:  # pragma: no cover - abstract
        raise NotImplementedError

    def mistakes(self) -> list[tuple[float, str]]:
        return []

    def _close(self, a: float, b: float) -> bool:
        absolute = self.absolute_tolerance
        if absolute is None:
            absolute = 0.005 if self.kind == "proportion" else 1e-9
        return math.isclose(a, b, rel_tol=self.tolerance, abs_tol=absolute)

    def evaluate(self, value: Any) -> Feedback:
        number = as_number(value, self.kind)
        target = self.expected()
        if self._close(number, target):
            return self._right()
        if self.kind == "proportion" and 1 < number <= 100 and self._close(number / 100, target):
            return self._wrong("percentage_for_proportion")
        for mistake, explanation in self.mistakes():
            if self._close(number, mistake):
                if explanation in MISCONCEPTIONS:
                    return self._wrong(explanation)
                return self._wrong(message=explanation)
        if self.kind == "proportion" and not 0 <= number <= 1:
            return self._wrong(
                message="A proportion lies between 0 and 1 (a part divided by its whole); this "
                "one does not. Check what you divided by what."
            )
        return self._wrong()


class ChoiceQuestion(Question):
    """A multiple-choice quiz: ``options`` maps a letter to (text, is_correct, feedback).

    The learner assigns a letter (``q3_answer = "b"``) and runs ``q3.check()``; ``q3.show()``
    displays the question as clickable options (with a plain-text form where widgets are off).
    """

    kind = "choice"
    prompt = ""
    options: dict[str, tuple[str, bool, str]] = {}

    def evaluate(self, value: Any) -> Feedback:
        letters = ", ".join(f"'{letter}'" for letter in self.options)
        if not isinstance(value, str):
            raise WrongType(
                f"This is {kind_of(value)}; the question expects one letter in quotes, "
                f"one of {letters}."
            )
        letter = value.strip().strip("()").strip().lower()
        if letter not in self.options:
            raise WrongType(f"Answer with one of the letters {letters} (in quotes).")
        _, right, explanation = self.options[letter]
        if right:
            return Feedback(Outcome.CORRECT, f"{explanation}\n{self.correct}".strip())
        return Feedback(Outcome.INCORRECT, explanation)

    def text(self) -> str:
        """The question and its options as plain text."""
        lines = [self.prompt, ""]
        lines += [f"  ({letter}) {text}" for letter, (text, _, _) in self.options.items()]
        lines += ["", f'Answer with {self.variable} = "<letter>", then run {self.id}.check().']
        return "\n".join(lines)

    def show(self):
        """The quiz as a widget: pick an option, press Check, read the feedback.

        Where widgets cannot be drawn (a read-only view), the question shows as plain text.
        The widget is for trying options; the answer that counts is the one assigned in code
        and checked with ``check()``, because grading re-runs the notebook.
        """
        return _quiz_widget_class()(self)

    def feedback_for(self, letter: str) -> str:
        """What the quiz widget says when ``letter`` is picked."""
        feedback = self.judge(letter)
        symbol = _STYLE[feedback.outcome.value][1]
        return (
            f"{symbol} {feedback.message}\nTo record this answer for grading, write "
            f'{self.variable} = "{letter}" in the answer cell and run {self.id}.check().'
        )


_QUIZ_WIDGET = None


def _quiz_widget_class():
    """Build the quiz widget class on first use, so ipywidgets is imported only when needed."""
    global _QUIZ_WIDGET
    if _QUIZ_WIDGET is not None:
        return _QUIZ_WIDGET
    import ipywidgets as ipw

    class QuizWidget(ipw.VBox):
        def __init__(self, question: ChoiceQuestion):
            self.question = question
            labels = [(f"({k}) {text}", k) for k, (text, _, _) in question.options.items()]
            self.choices = ipw.RadioButtons(options=labels, value=None, layout={"width": "auto"})
            self.button = ipw.Button(description="Check", button_style="info")
            self.feedback = ipw.HTML()
            self.button.on_click(lambda _: self.pick(self.choices.value))
            prompt = ipw.HTML(f"<b>{html.escape(question.id)}.</b> {html.escape(question.prompt)}")
            super().__init__([prompt, self.choices, self.button, self.feedback])

        def pick(self, letter: str | None) -> None:
            if letter is None:
                self.feedback.value = "Pick one of the options first."
                return
            text = self.question.feedback_for(letter)
            self.feedback.value = html.escape(text).replace("\n", "<br>")

        def __repr__(self) -> str:
            return self.question.text()

        def _repr_mimebundle_(self, **kwargs):
            bundle = super()._repr_mimebundle_(**kwargs)
            bundle["text/plain"] = self.question.text()  # whole, not cut at 110 characters
            return bundle

    _QUIZ_WIDGET = QuizWidget
    return QuizWidget


class FunctionQuestion(Question):
    """The learner writes a function; ``cases()`` gives ``(args, expected)`` pairs to try.

    ``signature`` is shown when the function cannot be called with the cases' arguments.
    """

    kind = "function"
    signature = ""

    def cases(self) -> list[tuple[tuple, Any]]:  # pragma: no cover - abstract
        raise NotImplementedError

    def compare(self, got: Any, expected: Any, args: tuple) -> Feedback | None:
        """None when ``got`` (the function's result for ``args``) is right, else the feedback."""
        number = as_number(got, "number")
        return None if math.isclose(number, expected, rel_tol=1e-6, abs_tol=1e-9) else self._wrong()

    def evaluate(self, value: Any) -> Feedback:
        import inspect

        if not callable(value) or isinstance(value, type):
            raise WrongType(f"This is {kind_of(value)}; the question expects {KINDS['function']}.")
        for args, expected in self.cases():
            try:
                inspect.signature(value).bind(*args)
            except TypeError:
                raise WrongType(
                    f"Your function cannot be called as {self.signature}: check how many "
                    "inputs it takes."
                ) from None
            except ValueError:
                pass  # some callables have no inspectable signature: just try them
            result = value(*args)
            if result is ____ or result is Ellipsis:
                return self._not_attempted()
            problem = self.compare(result, expected, args)
            if problem is not None:
                return problem
        return self._right()


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


def solution_blocks(source: str) -> list[tuple[str, str]]:
    """The marked solution blocks of a code cell: ``(question id, code)`` pairs.

    Lines starting ``# EXERCISE:`` (what the exercise shows instead) are left out of the code.

    >>> cell = "x = 1\\n# BEGIN SOLUTION q2\\n# EXERCISE: y = ____\\ny = 2\\n# END SOLUTION"
    >>> solution_blocks(cell)
    [('q2', 'y = 2')]
    """
    blocks, current, body = [], None, []
    for line in source.splitlines():
        stripped = line.strip()
        if stripped.startswith(BEGIN_MARK):
            current, body = stripped[len(BEGIN_MARK) :].strip(), []
        elif stripped.startswith(END_MARK) and current is not None:
            blocks.append((current, "\n".join(body).strip("\n")))
            current = None
        elif current is not None and not stripped.startswith(EXERCISE_MARK):
            body.append(line)
    return blocks
