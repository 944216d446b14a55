"""One contract over every question set, in the spirit of scikit-learn's estimator checks.

For every question of every exercise (and lesson 00's practice question): blank and missing
answers are "not attempted"; a wrong type says what was expected; right answers in several
forms pass; every typical mistake listed in ``typical_answers`` gets its own message; the
question's own typical mistakes are distinguishable from the right answer and from each other;
no message, hint or worked solution gives the expected value away; a learner function that
changes its inputs cannot change any later check; and no answer a learner can build (an
object whose every method raises; arbitrary answers in ``test_question_fuzz``) gets an internal
error out of a check. Quizzes across the course spread their right answers over the letters,
with options of comparable length.
"""

from __future__ import annotations

import math
import re
import string
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from typical_answers import expected_forms, gives_away, says, table

from bcc_teach.checking import (
    AMBIGUOUS,
    KINDS,
    ChoiceQuestion,
    FunctionQuestion,
    ModelQuestion,
    NumberQuestion,
    Outcome,
    TextQuestion,
    ____,
)
from bcc_teach.questions import QUESTION_SETS, ex01, load, practice

SETS = {exercise: load(exercise) for exercise in QUESTION_SETS}
SETS["practice"] = list(practice.QUESTIONS)
QUESTIONS = [(exercise, q) for exercise, questions in SETS.items() for q in questions]
IDS = [f"{exercise}.{q.id}" for exercise, q in QUESTIONS]
QUIZZES = [q for _, q in QUESTIONS if isinstance(q, ChoiceQuestion)]

#: A value of the wrong kind for each kind of question, and words its message must contain.
WRONG_TYPE = {
    "proportion": ("0.5", "text (in quotes)"),
    "count": (True, "True/False"),
    "number": ([1.0, 2.0], "collection of values"),
    "function": (0.5, "a number; the question expects a function"),
    "choice": (2, "one letter in quotes"),
    "model": ("model", "text; the question expects a fitted"),
    "text": (3.5, "a number; the question expects"),
}


def _typical(exercise, question):
    return table(exercise)[question.id]


# ------------------------------------------------------------------------------------------
# The shape of a question set
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("exercise", sorted(SETS))
def test_a_set_declares_each_question_once_with_its_typical_answers(exercise):
    questions = SETS[exercise]
    assert sorted(table(exercise)) == sorted(q.id for q in questions)
    if exercise != "practice":
        assert [q.id for q in questions] == [f"q{n}" for n in range(1, len(questions) + 1)]
        module = __import__(f"bcc_teach.questions.{exercise}", fromlist=["QUESTIONS"])
        assert module.__all__ == ["QUESTIONS", "____", *(q.id for q in questions)]
    assert {q.exercise for q in questions} == {exercise if exercise != "practice" else "lesson00"}
    assert len({q.variable for q in questions}) == len(questions)
    for question in questions:
        assert question.kind in KINDS and question.variable.isidentifier()
        if question.kind != "choice":  # a quiz's options carry their own feedback
            assert len(question.hints) >= 2, "a nudge, then more"


# ------------------------------------------------------------------------------------------
# Every question: blank, wrong type, right answers, typical mistakes
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("exercise", "question"), QUESTIONS, ids=IDS)
def test_blank_and_missing_answers_are_not_attempted(exercise, question):
    for blank in (____, ...):
        feedback = question.judge(blank)
        assert feedback.outcome is Outcome.NOT_ATTEMPTED and "Not attempted yet" in feedback.message
    question.check()  # the variable is not defined in this test module
    assert question.last_feedback.outcome is Outcome.NOT_ATTEMPTED


@pytest.mark.parametrize(("exercise", "question"), QUESTIONS, ids=IDS)
def test_a_wrong_type_says_what_was_expected(exercise, question):
    value, words = WRONG_TYPE[question.kind]
    feedback = question.judge(value)
    assert feedback.outcome is Outcome.WRONG_TYPE, feedback
    assert words in feedback.message, feedback.message


@pytest.mark.parametrize(("exercise", "question"), QUESTIONS, ids=IDS)
def test_right_answers_pass_and_typical_mistakes_get_their_own_message(exercise, question):
    rights, wrongs = _typical(exercise, question)
    for right in rights:
        feedback = question.judge(right)
        assert feedback.outcome is Outcome.CORRECT, (right, feedback.message)
    assert len(wrongs) >= 2
    for answer, expectation in wrongs:
        feedback = question.judge(answer)
        assert feedback.outcome is not Outcome.CORRECT, answer
        assert says(feedback, expectation), (answer, expectation, feedback.message)


@pytest.mark.parametrize(("exercise", "question"), QUESTIONS, ids=IDS)
def test_a_correct_answer_is_recorded_with_the_answer_itself(exercise, question):
    right = _typical(exercise, question)[0][0]
    feedback = question.judge(right)
    assert feedback.answer is not None
    assert question.assess(feedback.answer).outcome is Outcome.CORRECT  # judged again from it


# ------------------------------------------------------------------------------------------
# Typical mistakes are distinguishable from the right answer and from each other
# ------------------------------------------------------------------------------------------


NUMBERS = [(e, q) for e, q in QUESTIONS if isinstance(q, NumberQuestion)]


@pytest.mark.parametrize(("exercise", "question"), NUMBERS, ids=[f"{e}.{q.id}" for e, q in NUMBERS])
def test_number_mistakes_are_distinguishable_at_the_questions_tolerance(exercise, question):
    expected, window = question.expected(), question.window()
    candidates = question.candidates()
    for candidate in candidates:
        # Two windows apart: a mistake rounded within its window is not taken for the answer.
        assert abs(candidate.value - expected) > 2 * window, (candidate, "too near the answer")
        others = {c.explanation for c in candidates if abs(c.value - candidate.value) <= c.width}
        feedback = question.judge(candidate.value)
        if len(others) == 1:
            assert says(feedback, candidate.explanation), (candidate, feedback.message)
        else:  # two mistakes coincide: the message claims neither
            assert feedback.misconception is None and AMBIGUOUS in feedback.message, feedback


FUNCTIONS = [(e, q) for e, q in QUESTIONS if isinstance(q, FunctionQuestion)]


@pytest.mark.parametrize(
    ("exercise", "question"), FUNCTIONS, ids=[f"{e}.{q.id}" for e, q in FUNCTIONS]
)
def test_function_mistakes_differ_from_the_right_function_on_some_case(exercise, question):
    cases = question.cases()
    right = [case.expected for case in cases]
    outputs = [(question.outputs_of(f), e) for f, e in question.mistakes()]
    for output, explanation in outputs:
        assert not all(map(question.same, output, right)), explanation
        for other, other_explanation in outputs:
            if other_explanation != explanation:
                assert not all(map(question.same, output, other)), (explanation, other_explanation)
    assert len({case.describe for case in cases}) == len(cases), "each case described"


def test_every_threshold_function_is_tried_exactly_on_its_threshold():
    """A case exactly on the cut-off tells `>=` from `>`: the strict mistake must differ."""
    for _, question in FUNCTIONS:
        assert "strict_threshold" in {e for _, e in question.mistakes()}


MODELS = [(e, q) for e, q in QUESTIONS if isinstance(q, ModelQuestion)]


@pytest.mark.parametrize(("exercise", "question"), MODELS, ids=[f"{e}.{q.id}" for e, q in MODELS])
def test_model_mistakes_behave_differently_from_the_expected_model(exercise, question):
    reference = question._reference()
    for i, (p, explanation) in enumerate(reference):
        for q, other in reference[i + 1 :]:
            assert question.distance(p, q) > 2 * question.agreement, (explanation, other)


TEXTS = [(e, q) for e, q in QUESTIONS if isinstance(q, TextQuestion)]


@pytest.mark.parametrize(("exercise", "question"), TEXTS, ids=[f"{e}.{q.id}" for e, q in TEXTS])
def test_text_mistakes_do_not_include_the_right_answer(exercise, question):
    assert question.expected() not in question.mistakes()


# ------------------------------------------------------------------------------------------
# No expected value is given away
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("exercise", "question"), QUESTIONS, ids=IDS)
def test_no_message_hint_or_solution_gives_the_expected_value_away(exercise, question):
    texts = [(hint, "") for hint in question.hints]
    texts.append((question.judge(____).message, ""))
    solution = question.solution_text()
    assert solution and not solution.startswith("("), solution
    for answer, _ in _typical(exercise, question)[1]:
        echo = answer if isinstance(answer, str) else ""  # a message may repeat the answer
        texts.append((question.judge(answer).message, echo))
    for text, echo in texts:
        assert gives_away(question, text, echo) == [], text
    for form in expected_forms(question):
        if not form.isidentifier():  # a number typed into the solution instead of computed
            assert not re.search(rf"=\s*{re.escape(form)}\b", solution), (form, solution)


@pytest.mark.parametrize(("exercise", "question"), QUESTIONS, ids=IDS)
def test_figures_in_a_correct_message_are_computed_not_typed(exercise, question):
    """A figure such as "about 96 in 100" comes from correct_message(), not a fixed string."""
    assert not re.search(r"about \d|\d+ (in|of every) \d+ ", question.correct), question.correct


# ------------------------------------------------------------------------------------------
# Learner code cannot change what later checks use
# ------------------------------------------------------------------------------------------


def _vandal(*args):
    """A learner function that changes every input it is given, in place, and returns a
    plausible (wrong) answer, so that it is tried on every case."""
    for arg in args:
        if isinstance(arg, pd.DataFrame):
            arg["diagnosis"] = 1
            arg.iloc[:, 1:] = 0
        elif isinstance(arg, pd.Series | np.ndarray):
            arg[...] = 1
    return np.zeros(len(args[0])) if isinstance(args[0], np.ndarray) else 0.5


def test_a_function_that_changes_its_inputs_cannot_change_any_later_check():
    for _, question in FUNCTIONS:
        assert question.judge(_vandal).outcome is not Outcome.CORRECT
    for exercise, question in QUESTIONS:
        right = _typical(exercise, question)[0][0]
        assert question.judge(right).outcome is Outcome.CORRECT, (exercise, question.id)


# ------------------------------------------------------------------------------------------
# Quizzes across the course
# ------------------------------------------------------------------------------------------


def _right_letter(quiz) -> str:
    return quiz.letters[[o.correct for o in quiz.options].index(True)]


def test_every_quiz_has_one_right_option_with_feedback_for_each():
    for quiz in QUIZZES:
        assert sum(o.correct for o in quiz.options) == 1, quiz
        assert all(o.text and o.feedback for o in quiz.options), quiz
        assert len(quiz.options) >= 3 and quiz.prompt


def test_right_answers_are_spread_over_the_letters():
    letters = Counter(_right_letter(q) for q in QUIZZES)
    positions = string.ascii_lowercase[: max(len(q.options) for q in QUIZZES)]
    assert set(letters) == set(positions), letters
    assert max(letters.values()) <= math.ceil(0.4 * len(QUIZZES)), letters


def test_options_are_of_comparable_length_and_the_right_one_is_rarely_longest():
    longest = 0
    for quiz in QUIZZES:
        lengths = [len(o.text) for o in quiz.options]
        right = lengths[quiz.letters.index(_right_letter(quiz))]
        wrong = [n for o, n in zip(quiz.options, lengths, strict=True) if not o.correct]
        if max(lengths) >= 40:  # short options (feature names) are allowed to differ
            assert max(lengths) <= 2 * min(lengths), (quiz.exercise, quiz.id, lengths)
        assert right <= 1.2 * max(wrong), (quiz.exercise, quiz.id, lengths)
        longest += right > max(wrong)
    assert longest <= len(QUIZZES) // 3, longest


def test_no_message_suggests_a_letter():
    for quiz in QUIZZES:
        for value in (2, "z", None):
            message = quiz.judge(value).message
            assert not re.search(r"for example '?\"?[a-d]\b", message), message


# ------------------------------------------------------------------------------------------
# Learner objects that misbehave never raise out of check()
# ------------------------------------------------------------------------------------------


class _BadText(Exception):
    def __str__(self):
        raise RuntimeError("__str__ itself fails")


class _NotText(Exception):
    def __str__(self):
        return 42


class _Sly:
    """Every dunder a check might touch raises, and so does its class attribute."""

    def __getattribute__(self, name):
        raise _BadText

    def __str__(self):
        raise _BadText

    def __repr__(self):
        raise _BadText

    def __bool__(self):
        raise _BadText

    def __array__(self, *args, **kwargs):
        raise _BadText


def _raising(exception):
    def function(*args):
        raise exception

    return function


@pytest.mark.parametrize(
    "make",
    [
        _Sly,
        lambda: _raising(_BadText()),
        lambda: _raising(_NotText()),
        lambda: _raising(SystemExit(3)),
        lambda: _raising(GeneratorExit()),
    ],
    ids=["sly object", "str raises", "str not text", "sys.exit", "GeneratorExit"],
)
@pytest.mark.parametrize("question", [q for _, q in QUESTIONS], ids=IDS)
def test_no_learner_object_raises_out_of_a_check(question, make, capsys):
    answer = make()
    feedback = question.judge(answer)
    assert feedback.outcome in (Outcome.WRONG_TYPE, Outcome.RAISED), feedback
    assert isinstance(feedback.message, str) and feedback.message
    namespace = {"q": question, question.variable: answer}
    exec("q.check()", namespace)  # a learner's notebook, in miniature
    assert capsys.readouterr().out.startswith(f"{question.id}: ")


def test_a_learners_exception_with_a_broken_str_is_still_reported_as_theirs():
    feedback = ex01.q7.judge(_raising(_BadText()))
    assert feedback.outcome is Outcome.RAISED
    assert "_BadText" in feedback.message and "raise exception" in feedback.message


def test_keyboard_interrupt_still_stops_a_check():
    with pytest.raises(KeyboardInterrupt):
        ex01.q7.judge(_raising(KeyboardInterrupt()))
