"""The feedback engine: outcomes, misconceptions, hints, solutions, quizzes, records, unusual
answers. What every question must do (and the fuzz and hostile-object tests over all of them)
is in ``test_question_sets.py``."""

from __future__ import annotations

import copy
import linecache
import sys

import numpy as np
import pandas as pd
import pytest
from typical_answers import gives_away

from bcc_teach import checking, data
from bcc_teach.checking import MISCONCEPTIONS, Outcome, Result, ____
from bcc_teach.questions import ex01, ex04, ex07

WDBC = data.load_wdbc()
MALIGNANT = WDBC[WDBC["diagnosis"] == "malignant"]
BENIGN = WDBC[WDBC["diagnosis"] == "benign"]


def _broken_function(table, feature, cutoff):
    rows = table[table["diagnosis"] == "malignant"]
    return len(rows[feature] >= cutoff) / 0


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
        (np.bool_(True), "True/False"),
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
        "strict_threshold",
        "chosen_on_test",
        "complement",
        "proportion_for_per_thousand",
        "label_for_probability",
        "hard_coded",
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
    question = copy.copy(ex01.q1)  # a fresh count of hints shown
    question._hints_shown = 0
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
    widget.pick("a")
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
        "answer": 357,
        "hint": None,
        "version": 2,
    }
    assert Result.from_json(bundle[checking.RESULT_MIME]).answer == 357
    assert bundle["text/plain"].startswith("q1: incorrect\n")
    assert "border-left" in bundle["text/html"]


# ------------------------------------------------------------------------------------------
# Numbers in unusual forms; text in a box
# ------------------------------------------------------------------------------------------


def test_decimal_fraction_and_floating_point_counts_are_numbers():
    from decimal import Decimal
    from fractions import Fraction

    assert ex01.q2.judge(Decimal(212) / Decimal(569)).outcome is Outcome.CORRECT
    assert ex01.q2.judge(Fraction(212, 569)).outcome is Outcome.CORRECT
    assert ex01.q1.judge(0.1 * 2120).outcome is Outcome.CORRECT  # 212.00000000000003
    assert ex01.q1.judge(sum([0.1] * 2120)).outcome is Outcome.CORRECT  # 211.99999999999...
    complex_answer = ex01.q2.judge(0.37 + 0j)
    assert complex_answer.outcome is Outcome.WRONG_TYPE
    assert "complex number" in complex_answer.message
    assert "This is a number; the question expects a number" not in complex_answer.message


def test_a_count_off_by_one_is_not_a_count():
    assert ex01.q1.judge(211).outcome is Outcome.INCORRECT
    assert ex01.q1.judge(212.5).outcome is Outcome.WRONG_TYPE


def test_text_questions_take_one_name_in_a_list_array_or_series():
    name = ex07.q6.expected()
    for boxed in ([name], np.array([name]), pd.Series([name]), pd.Index([name])):
        assert ex07.q6.judge(boxed).outcome is Outcome.CORRECT, type(boxed)
    assert ex07.q6.judge(pd.Series([name, name])).outcome is Outcome.WRONG_TYPE


def test_a_mistake_window_follows_the_questions_own_tolerance():
    """ex04 q6's PPV is about 0.034; its window must not make 0.981 'look like the NPV'."""
    q6 = ex04.q6
    assert q6.window() < 0.001
    assert "NPV" not in q6.judge(0.981).message


def test_the_complement_of_a_proportion_is_recognised_without_being_listed():
    feedback = ex01.q5.judge(1 - ex01.q5.expected() + 0.3)  # nothing in particular
    assert feedback.misconception is None
    unlisted = checking.QuestionSet("ex98")

    @unlisted.question("q1", "share", kind="proportion")
    class Share(checking.NumberQuestion):
        hints = ("one", "two")

        def expected(self):
            return 0.3

    (share,) = unlisted.bind({})
    assert share.judge(0.7).misconception == "complement"
    assert share.judge(30).misconception == "percentage_for_proportion"


def test_a_question_set_cannot_declare_an_id_or_variable_twice():
    questions = checking.QuestionSet("ex97")
    questions.question("q1", "a")(checking.NumberQuestion)
    with pytest.raises(ValueError, match="declared twice"):
        questions.question("q1", "b")
    with pytest.raises(ValueError, match="used twice"):
        questions.question("q2", "a")


@pytest.mark.parametrize(
    "record, problem",
    [
        ([], "JSON object"),
        ({"exercise": "ex01", "question": "q1"}, "event as text"),
        ({"exercise": "ex01", "question": "q1", "event": "boast"}, "event must be"),
        ({"exercise": "ex01", "question": "q1", "event": "check", "points": -1}, "points"),
        ({"exercise": "ex01", "question": "q1", "event": "check", "outcome": "great"}, "outcome"),
        ({"exercise": "ex01", "question": "q1", "event": "check", "formula": "=1"}, "unknown"),
        ({"exercise": "ex01", "question": "q1", "event": "check", "message": 5}, "message"),
        ({"exercise": "ex01", "question": "q1", "event": "hint", "hint": "1"}, "hint"),
    ],
)
def test_a_malformed_record_is_refused_with_a_reason(record, problem):
    with pytest.raises(ValueError, match=problem):
        Result.from_json(record)


def test_a_wrong_function_is_told_which_case_it_got_wrong_in_clinical_words():
    feedback = ex01.q7.judge(lambda table, feature, cutoff: 0.5)
    assert feedback.outcome is Outcome.INCORRECT and feedback.misconception is None
    assert "the whole WDBC table, the feature radius_mean and a cut-off of 15" in feedback.message
    assert gives_away(ex01.q7, feedback.message) == []
