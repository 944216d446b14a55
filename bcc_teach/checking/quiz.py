"""Multiple-choice quizzes: options as named records, and the clickable quiz control.

>>> quiz = ChoiceQuestion()
>>> quiz.options = (Option("A share", "No: that is a count."), Option("A count", "Yes.", True))
>>> quiz.judge(" (B) ").outcome, quiz.judge("a").message
(<Outcome.CORRECT: 'correct'>, 'No: that is a count.')
"""

from __future__ import annotations

import html
import string
from dataclasses import dataclass
from typing import Any

from bcc_teach.checking.answers import kind_of
from bcc_teach.checking.display import symbol
from bcc_teach.checking.outcomes import Feedback, Outcome, WrongType
from bcc_teach.checking.questions import Question


@dataclass(frozen=True)
class Option:
    """One option of a quiz: what it says, the feedback for picking it, and whether it is right."""

    text: str
    feedback: str
    correct: bool = False


class ChoiceQuestion(Question):
    """A multiple-choice quiz: ``options`` is a tuple of ``Option``, lettered a, b, c, … in order.

    The learner assigns a letter (``q3_answer = "c"``) and runs ``q3.check()``; ``q3.show()``
    displays the question as clickable options (with a plain-text form where widgets are off).
    """

    kind = "choice"
    prompt = ""
    options: tuple[Option, ...] = ()

    @property
    def letters(self) -> str:
        return string.ascii_lowercase[: len(self.options)]

    def lettered(self) -> list[tuple[str, Option]]:
        """``(letter, option)`` pairs, in order."""
        return list(zip(self.letters, self.options, strict=True))

    def _letters_text(self) -> str:
        return ", ".join(f"'{letter}'" for letter in self.letters)

    def read(self, value: Any) -> str:
        if not isinstance(value, str):
            raise WrongType(
                f"This is {kind_of(value)}; the question expects one letter in quotes, one of "
                f"{self._letters_text()}."
            )
        letter = str.lower(str.strip(str.strip(str.strip(value), "()")))
        if len(letter) != 1 or letter not in self.letters:
            raise WrongType(f"Answer with one of the letters {self._letters_text()} (in quotes).")
        return letter

    def assess(self, answer: Any) -> Feedback:
        option = self.options[self.letters.index(self.read(answer))]
        if option.correct:
            return Feedback(Outcome.CORRECT, f"{option.feedback}\n{self.correct_message()}".strip())
        return Feedback(Outcome.INCORRECT, option.feedback)

    def text(self) -> str:
        """The question and its options as plain text."""
        lines = [self.prompt, ""]
        lines += [f"  ({letter}) {o.text}" for letter, o in self.lettered()]
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
        return (
            f"{symbol(feedback.outcome.value)} {feedback.message}\nTo record this answer for "
            f'grading, write {self.variable} = "{letter}" in the answer cell and run '
            f"{self.id}.check()."
        )


_QUIZ_WIDGET = None

#: ipywidgets draws each radio option at a fixed height, so an option that wraps onto a second
#: line lies on top of the next one. Inside a quiz, options grow with their text instead.
QUIZ_CSS = """<style>
.bcc-quiz .widget-radio-box label, .bcc-quiz .jupyter-widget-radio-box label {
  display: flex; flex-direction: row-reverse; justify-content: flex-end; align-items: flex-start;
  gap: 6px;
  height: auto; line-height: 1.35; white-space: normal; padding: 3px 0;
}
.bcc-quiz .widget-radio-box input, .bcc-quiz .jupyter-widget-radio-box input {
  flex-shrink: 0; margin-top: 2px;
}
</style>"""


def _quiz_widget_class():
    """Build the quiz widget class on first use, so ipywidgets is imported only when needed."""
    global _QUIZ_WIDGET
    if _QUIZ_WIDGET is not None:
        return _QUIZ_WIDGET
    import ipywidgets as ipw

    class QuizWidget(ipw.VBox):
        def __init__(self, question: ChoiceQuestion):
            self.question = question
            labels = [(f"({letter}) {o.text}", letter) for letter, o in question.lettered()]
            self.choices = ipw.RadioButtons(options=labels, value=None, layout={"width": "auto"})
            self.button = ipw.Button(description="Check", button_style="info")
            self.feedback = ipw.HTML()
            self.button.on_click(lambda _: self.pick(self.choices.value))
            prompt = ipw.HTML(
                f"{QUIZ_CSS}<b>{html.escape(question.id)}.</b> {html.escape(question.prompt)}"
            )
            super().__init__([prompt, self.choices, self.button, self.feedback])
            self.add_class("bcc-quiz")

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
