"""Typical answers to every question set, computed here the way a learner would, independently
of the question sets (one exception, for speed: ex07 explains with the question set's own LIME
explainers, which ``test_question_facts.py`` checks are the ones a learner builds): for each
question, right answers in several forms and typical wrong answers with what their feedback
must say (a misconception id, or words the message contains).

Each module ``exNN`` has ``typical() -> {question id: (rights, wrongs)}``; the contract test
(``tests/test_question_sets.py``) runs every one of them.
"""

import importlib

from bcc_teach.checking import (
    MISCONCEPTIONS,
    FunctionQuestion,
    NumberQuestion,
    TextQuestion,
)


def table(exercise: str) -> dict:
    """The typical answers of one question set (``"ex01"``, …, or ``"practice"``)."""
    return importlib.import_module(f"typical_answers.{exercise}").typical()


def says(feedback, expectation: str) -> bool:
    """A misconception id must be recognised (catalogue message first); other text must appear."""
    if expectation in MISCONCEPTIONS:
        return feedback.misconception == expectation and feedback.message.startswith(
            MISCONCEPTIONS[expectation].message
        )
    return expectation in feedback.message


def _forms(value) -> set[str]:
    """How a value would look if a message gave it away."""
    if isinstance(value, str):
        return {value, value.replace("_", " ")}
    value = float(value)
    forms = {f"{value:.3f}", f"{value:.4g}", f"{value:.1%}", repr(value)}
    if abs(value) >= 10:
        forms.add(f"{value:.0f}")
    if 0 < abs(value) < 1:
        forms |= {f"{value:.2f}", f"{value:.4f}"}
    return {form for form in forms if len(form) >= 3}


#: Each question's forms, worked out once (a function question runs its reference on every case):
#: id → (the question, kept so that its id is not reused, its forms).
_FORMS: dict[int, tuple[object, frozenset[str]]] = {}


def expected_forms(question) -> frozenset[str]:
    """Every way the expected answer(s) of a question could appear in a text."""
    if id(question) not in _FORMS:
        _FORMS[id(question)] = (question, frozenset(_expected_forms(question)))
    return _FORMS[id(question)][1]


def _expected_forms(question) -> set[str]:
    if isinstance(question, NumberQuestion | TextQuestion):
        values = [question.expected()]
    elif isinstance(question, FunctionQuestion):
        values = [c.expected for c in question.cases() if isinstance(c.expected, float | int)]
    else:
        values = []
    return {form for value in values for form in _forms(value)}


def gives_away(question, text: str, echo: str = "") -> list[str]:
    """The forms of the expected answer that ``text`` shows (a form the learner's own answer
    ``echo`` holds may be repeated back to them)."""
    return [form for form in expected_forms(question) if form in text and form not in echo]
