"""The feedback engine: outcomes, misconceptions, hints, solutions, quizzes, and a fuzz test."""

from __future__ import annotations

import linecache
import math
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from typical import assert_typical

from bcc_teach import checking, data
from bcc_teach.checking import MISCONCEPTIONS, Outcome, ____
from bcc_teach.questions import QUESTION_SETS, ex01, load
from bcc_teach.questions.practice import practice

WDBC = data.load_wdbc()
MALIGNANT = WDBC[WDBC["diagnosis"] == "malignant"]
BENIGN = WDBC[WDBC["diagnosis"] == "benign"]
QUESTIONS = [q for exercise in QUESTION_SETS for q in load(exercise)] + [practice]


def _right_function(table, feature, cutoff):
    malignant = table[table["diagnosis"] == "malignant"]
    return (malignant[feature] >= cutoff).mean()


def _benign_function(table, feature, cutoff):
    benign = table[table["diagnosis"] == "benign"]
    return (benign[feature] >= cutoff).mean()


def _broken_function(table, feature, cutoff):
    rows = table[table["diagnosis"] == "malignant"]
    return len(rows[feature] >= cutoff) / 0


# For every question: the right answer, and typical wrong answers with what they must say.
TYPICAL = {
    "q1": (212, [(357, "benign_as_positive"), (569, "every case"), ("212", "text (in quotes)")]),
    "q2": (
        212 / 569,
        [
            (212 / 569 * 100, "percentage_for_proportion"),
            (357 / 569, "benign_as_positive"),
            (WDBC["diagnosis"] == "malignant", "a column (Series)"),
        ],
    ),
    "q3": (
        "b",
        [("a", "has not changed"), ("c", "does not come from the measurements"), (2, "one letter")],
    ),
    "q4": (
        MALIGNANT["area_worst"].median(),
        [
            (MALIGNANT["area_worst"].mean(), "That is the mean"),
            (BENIGN["area_worst"].median(), "benign_as_positive"),
            (WDBC["area_worst"].median(), "median of all cases"),
        ],
    ),
    "q5": (
        (MALIGNANT["radius_mean"] >= 15).mean(),
        [
            (161 / 174, "precision_for_sensitivity"),
            ((BENIGN["radius_mean"] < 15).mean(), "sensitivity_specificity_swapped"),
            ((MALIGNANT["radius_mean"] < 15).mean(), "threshold_reversed"),
            (75.94, "percentage_for_proportion"),
        ],
    ),
    "q6": ("(B)", [("c", "how much the nuclei differ"), ("a", "correlate only weakly")]),
    "q7": (
        _right_function,
        [
            (_benign_function, "Not quite"),
            (_broken_function, "ZeroDivisionError"),
            (lambda table: 0.5, "cannot be called as share_found_at(table, feature, cutoff)"),
            (0.76, "a function"),
        ],
    ),
}


def test_every_question_has_typical_answers_listed():
    assert sorted(TYPICAL) == sorted(q.id for q in ex01.QUESTIONS)


@pytest.mark.parametrize("question", ex01.QUESTIONS, ids=lambda q: q.id)
def test_right_answer_and_typical_wrong_answers(question):
    right, wrongs = TYPICAL[question.id]
    assert_typical(question, [right], wrongs)


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_blank_and_missing_answers_are_not_attempted(question):
    assert question.judge(____).outcome is Outcome.NOT_ATTEMPTED
    question.check()  # the variable is not defined in this module: not attempted either
    assert question.last_feedback.outcome is Outcome.NOT_ATTEMPTED
    assert "Not attempted yet" in question.last_feedback.message


def test_check_reads_the_callers_variable(capsys):
    namespace = {"q1": ex01.q1, "n_malignant": 212}
    exec("q1.check()", namespace)
    assert ex01.q1.last_feedback.outcome is Outcome.CORRECT
    assert capsys.readouterr().out.startswith("q1: correct\nCorrect.")


def test_an_answer_cell_that_raised_is_reported(monkeypatch):
    cell = 'n_malignant = (wdbc["diagnosis"] == malignant).sum()\n'
    filename = "/tmp/ipykernel_1/123456.py"  # how IPython names a cell's code
    linecache.cache[filename] = (len(cell), None, [cell], filename)
    try:
        exec(compile(cell, filename, "exec"), {"wdbc": WDBC})
    except NameError as error:
        monkeypatch.setattr(sys, "last_value", error, raising=False)
    ex01.q1.check()
    feedback = ex01.q1.last_feedback
    assert feedback.outcome is Outcome.RAISED
    assert feedback.message.startswith(
        "Your code raised an error before `n_malignant` got a value: NameError: name 'malignant' "
        "is not defined (line 1 of your code: `n_malignant = (wdbc"
    )
    ex01.q2.check()  # an error in another question's cell does not count against q2
    assert ex01.q2.last_feedback.outcome is Outcome.NOT_ATTEMPTED
    del linecache.cache[filename]


def test_an_unchanged_function_is_not_attempted():
    def share_found_at(table, feature, cutoff):
        return ____

    assert ex01.q7.judge(share_found_at).outcome is Outcome.NOT_ATTEMPTED


def test_learners_error_is_reported_as_theirs_with_the_line():
    feedback = ex01.q7.judge(_broken_function)
    assert feedback.outcome is Outcome.RAISED
    assert "ZeroDivisionError: division by zero" in feedback.message
    assert "return len(rows[feature] >= cutoff) / 0" in feedback.message
    assert "Traceback" not in feedback.message and "bcc_teach" not in feedback.message


@pytest.mark.parametrize(
    "value, says",
    [
        (None, "None (nothing"),
        (True, "True/False"),
        (float("nan"), "NaN"),
        (float("inf"), "infinite"),
        ("0.37", "text"),
        (WDBC, "a table (DataFrame)"),
        (np.array([0.3, 0.4]), "array"),
        ([0.37], "collection"),
        (object(), "a object object"),
        (2.5, None),
    ],
)
def test_wrong_types_say_what_was_expected(value, says):
    feedback = ex01.q2.judge(value)
    if says is None:  # a number outside 0..1 is not a wrong type, but still explained
        assert feedback.outcome is Outcome.INCORRECT and "between 0 and 1" in feedback.message
    else:
        assert feedback.outcome is Outcome.WRONG_TYPE
        assert says in feedback.message and "a number between 0 and 1" in feedback.message


def test_a_count_with_a_fraction_is_a_wrong_type():
    assert "fractional part" in ex01.q1.judge(212.5).message


def test_the_misconception_catalogue():
    required = {
        "benign_as_positive",
        "precision_for_sensitivity",
        "sensitivity_specificity_swapped",
        "training_accuracy",
        "leakage_before_split",
        "threshold_reversed",
        "percentage_for_proportion",
        "ppv_without_prevalence",
    }
    assert required <= set(MISCONCEPTIONS)
    for misconception in MISCONCEPTIONS.values():
        assert misconception.message and misconception.name


def test_hints_go_from_nudge_to_more_then_point_to_the_solution(capsys):
    question = type(ex01.q1)()
    for number in range(1, len(question.hints) + 1):
        question.hint()
        out = capsys.readouterr().out
        assert out.startswith(
            f"q1: hint {number} of {len(question.hints)}\n{question.hints[number - 1]}"
        )
    assert "q1.solution() shows a worked answer" in out
    question.hint()
    assert "That was the last hint" in capsys.readouterr().out


def test_solution_comes_from_the_solution_notebook(capsys):
    ex01.q2.solution()
    out = capsys.readouterr().out
    assert 'malignant_share = (wdbc["diagnosis"] == "malignant").mean()' in out
    assert "EXERCISE" not in out and "BEGIN SOLUTION" not in out


def test_solution_blocks_and_missing_solutions(tmp_path):
    assert checking.solution_code("ex99", "q1", tmp_path).startswith("(No solution notebook")
    assert checking.solution_code("ex01", "q42").startswith("(The solution notebook has no")


def test_quiz_text_widget_and_per_option_feedback():
    widget = ex01.q3.show()
    assert repr(widget) == ex01.q3.text()
    assert widget._repr_mimebundle_()["text/plain"] == ex01.q3.text()
    assert [value for _, value in widget.choices.options] == ["a", "b", "c", "d"]
    widget.pick(None)
    assert widget.feedback.value == "Pick one of the options first."
    widget.pick("c")
    assert "does not come from the measurements" in widget.feedback.value
    assert "q3_answer = &quot;c&quot;" in widget.feedback.value
    widget.pick("b")
    assert widget.feedback.value.startswith("✔ Yes")
    assert "(d) Screening misses most cancers" in ex01.q3.text()


def test_record_is_published_with_the_human_text(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.get_ipython", lambda: object())
    monkeypatch.setattr("IPython.display.display", lambda bundle, raw: shown.append(bundle))
    ex01.q1._record(ex01.q1.judge(357))
    bundle = shown[0]
    assert bundle[checking.RESULT_MIME] == {
        "exercise": "ex01",
        "question": "q1",
        "event": "check",
        "outcome": "incorrect",
        "points": 0,
        "max_points": 1,
        "misconception": "benign_as_positive",
        "message": MISCONCEPTIONS["benign_as_positive"].message,
    }
    assert bundle["text/plain"].startswith("q1: incorrect\n")
    assert "border-left" in bundle["text/html"]


# ------------------------------------------------------------------------------------------
# Fuzz: thousands of arbitrary answers; no internal error, no expected value given away
# ------------------------------------------------------------------------------------------


class Hostile:
    """An answer whose every method raises."""

    def __getattr__(self, name):
        raise RuntimeError("hostile attribute")

    def __eq__(self, other):
        raise RuntimeError("hostile eq")

    def __hash__(self):
        return 1

    def __float__(self):
        raise RuntimeError("hostile float")

    def __len__(self):
        raise RuntimeError("hostile len")

    def __call__(self, *args):
        raise RuntimeError("hostile call")


def _function_returning(value):
    return lambda table, feature, cutoff: value


ANSWERS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.binary(max_size=30),
    st.lists(st.floats(), max_size=5),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    hnp.arrays(np.float64, hnp.array_shapes(max_dims=2, max_side=20)),
    st.builds(lambda n: pd.DataFrame(np.zeros((n, 3))), st.integers(0, 50)),
    st.builds(lambda n: pd.Series(np.arange(n, dtype=float)), st.integers(0, 50)),
    st.just(np.zeros(2_000_000)),
    st.just(Hostile()),
    st.just(WDBC),
    st.sampled_from(["a", "B", " c ", "(d)", "e", "", "bb"]),
    st.builds(_function_returning, st.one_of(st.none(), st.floats(), st.text(max_size=5))),
    st.just(lambda table, feature, cutoff: 1 / 0),
    st.just(lambda: None),
)


def _leaks(question, message: str) -> list[str]:
    if isinstance(question, checking.NumberQuestion):
        values = [question.expected()]
    elif isinstance(question, checking.FunctionQuestion):
        values = [expected for _, expected in question.cases()]
    else:
        return []
    forms = set()
    for value in values:
        forms |= {f"{value:.3f}", f"{value:.4g}", f"{value:.1%}", repr(value), str(value)}
        if abs(value) >= 10:
            forms.add(f"{value:.0f}")
    return [form for form in forms if form in message and len(form) >= 3]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: f"{q.exercise}.{q.id}")
@settings(max_examples=600, deadline=None, database=None)
@given(answer=ANSWERS)
def test_fuzz_every_check(question, answer):
    feedback = question.judge(answer)
    assert isinstance(feedback.outcome, Outcome)
    assert isinstance(feedback.message, str) and feedback.message
    assert "could not be checked" not in feedback.message, feedback.message  # no internal error
    if feedback.outcome is not Outcome.CORRECT:
        assert _leaks(question, feedback.message) == [], feedback.message
    if isinstance(answer, float) and math.isnan(answer):
        assert feedback.outcome is not Outcome.CORRECT
