"""Exercise 04's questions: the right answer passes, typical wrong answers get their own message.

The right answers are computed here the way a learner would, independently of the question set.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import precision_score, recall_score
from typical import assert_typical

from bcc_teach import data, metrics, models
from bcc_teach.checking import MISCONCEPTIONS, Outcome, ____
from bcc_teach.questions import ex04

X, y = data.load_wdbc_xy()
X_train, X_test, y_train, y_test = models.split(X, y)
FOREST = models.make_model("random_forest").fit(X_train, y_train)
P = models.probability_malignant(FOREST, X_test)
P_TRAIN = models.probability_malignant(FOREST, X_train)
TRUTH = y_test.to_numpy()
CANCERS, BENIGN = P[TRUTH == 1], P[TRUTH == 0]
FLAGGED = (P >= 0.5).astype(int)
RULE_OUT = metrics.rule_out_threshold(models.make_model("random_forest"), X_train, y_train)
AT_RULE_OUT = metrics.clinical_metrics(y_test, P, RULE_OUT)
PER_1000 = metrics.per_thousand(y_test, P, RULE_OUT)
SENS, SPEC = AT_RULE_OUT.sensitivity, AT_RULE_OUT.specificity
SCREENING = metrics.PREVALENCE_SETTINGS["screening population"][0]
CLINIC = metrics.PREVALENCE_SETTINGS["diagnostic clinic"][0]


def _ppv_at(sensitivity, specificity, prevalence):
    return metrics.predictive_values(sensitivity, specificity, prevalence)[0]


def _right_flag(p, threshold):
    return (p >= threshold).astype(int)


def _boolean_flag(p, threshold):
    return p >= threshold


def _list_flag(p, threshold):
    return [1 if value >= threshold else 0 for value in p]


def _reversed_flag(p, threshold):
    return (p < threshold).astype(int)


def _strict_flag(p, threshold):
    return (p > threshold).astype(int)


def _single_value_flag(p, threshold):
    return int(np.mean(p) >= threshold)


def _if_flag(p, threshold):
    if p >= threshold:  # an array has no single truth value: the learner's own error
        return 1
    return 0


def _unfinished_flag(p, threshold):
    return ____


# For every question: the right answers, and typical wrong answers with what they must say.
TYPICAL = {
    "q1": (
        [recall_score(y_test, FLAGGED), (CANCERS >= 0.5).mean()],
        [
            (precision_score(y_test, FLAGGED), "precision_for_sensitivity"),
            (recall_score(y_test, FLAGGED, pos_label=0), "sensitivity_specificity_swapped"),
            ((CANCERS < 0.5).mean(), "threshold_reversed"),
            (recall_score(y_train, (P_TRAIN >= 0.5).astype(int)), "training_accuracy"),
            (100 * recall_score(y_test, FLAGGED), "percentage_for_proportion"),
            ((FLAGGED == TRUTH).mean(), "This looks like the accuracy"),
            (CANCERS >= 0.5, "a number between 0 and 1"),
        ],
    ),
    "q2": (
        [(BENIGN < 0.5).mean()],
        [
            ((CANCERS >= 0.5).mean(), "sensitivity_specificity_swapped"),
            ((BENIGN >= 0.5).mean(), "false-alarm rate"),
            (precision_score(y_test, FLAGGED, pos_label=0), "This looks like the NPV"),
            (100 * (BENIGN < 0.5).mean(), "percentage_for_proportion"),
        ],
    ),
    "q3": (["b", " (B) "], [("a", "The other way round"), ("d", "the PPV falls"), (2, "letter")]),
    "q4": (
        [RULE_OUT, round(RULE_OUT, 3)],
        [
            (metrics.threshold_for_sensitivity(y_test, P), "chosen on the test cases"),
            (metrics.threshold_for_sensitivity(y_train, P_TRAIN), "own training cases"),
            (
                metrics.rule_out_threshold(models.reference_model(), X_train, y_train),
                "reference model",
            ),
            (0.5, "usual threshold of 0.5"),
            ("0.16", "text (in quotes)"),
        ],
    ),
    "q5": (
        [
            PER_1000["missed cancers"],
            1000 * ((TRUTH == 1) & (P < RULE_OUT)).sum() / len(TRUTH),
            round(1000 * ((TRUTH == 1) & (P < RULE_OUT)).sum() / len(TRUTH)),
        ],
        [
            (PER_1000["unnecessary biopsies"], "benign_as_positive"),
            (1000 * ((TRUTH == 1) & (P >= RULE_OUT)).mean(), "threshold_reversed"),
            (metrics.per_thousand(y_test, P, 0.5)["missed cancers"], "threshold of 0.5"),
            (1000 * (1 - SENS), "per 1,000 women *with cancer*"),
            (((TRUTH == 1) & (P < RULE_OUT)).sum(), "count among the 143 test cases"),
            (PER_1000, "This is a dictionary holding several values"),
        ],
    ),
    "q6": (
        [_ppv_at(SENS, SPEC, SCREENING)],
        [
            (AT_RULE_OUT.ppv, "ppv_without_prevalence"),
            (_ppv_at(SENS, SPEC, CLINIC), "ppv_without_prevalence"),
            (_ppv_at(SPEC, SENS, SCREENING), "sensitivity_specificity_swapped"),
            (100 * _ppv_at(SENS, SPEC, SCREENING), "percentage_for_proportion"),
            (_ppv_at(SENS, SPEC, 0.51), "gone in as 0.51"),
            (metrics.predictive_values(SENS, SPEC, SCREENING)[1], "looks like the NPV"),
            (0.04, "Not quite"),
        ],
    ),
    "q7": (["c"], [("a", "1 − NPV"), ("b", "1 − sensitivity"), ("d", "multiply odds")]),
    "q8": (
        [_right_flag, _boolean_flag, _list_flag],
        [
            (_reversed_flag, "threshold_reversed"),
            (_strict_flag, "exactly on the threshold"),
            (_single_value_flag, "returned a single value"),
            (_if_flag, "ValueError"),
            (lambda p: p >= 0.5, "cannot be called as flag(p, threshold)"),
            (FLAGGED, "a function"),
        ],
    ),
}


def test_every_question_has_typical_answers_listed():
    assert sorted(TYPICAL) == sorted(q.id for q in ex04.QUESTIONS)
    assert [q.id for q in ex04.QUESTIONS] == [f"q{n}" for n in range(1, 9)]
    assert {q.exercise for q in ex04.QUESTIONS} == {"ex04"}


@pytest.mark.parametrize("question", ex04.QUESTIONS, ids=lambda q: q.id)
def test_right_answers_and_typical_wrong_answers(question):
    rights, wrongs = TYPICAL[question.id]
    assert_typical(question, rights, wrongs)


def test_the_misconceptions_the_exercise_is_about_are_all_recognised():
    recognised = {
        expectation
        for _, wrongs in TYPICAL.values()
        for _, expectation in wrongs
        if expectation in MISCONCEPTIONS
    }
    assert {
        "precision_for_sensitivity",
        "sensitivity_specificity_swapped",
        "threshold_reversed",
        "ppv_without_prevalence",
        "percentage_for_proportion",
        "benign_as_positive",
    } <= recognised


@pytest.mark.parametrize("question", ex04.QUESTIONS, ids=lambda q: q.id)
def test_blank_answers_are_not_attempted(question):
    assert question.judge(____).outcome is Outcome.NOT_ATTEMPTED


def test_an_unfinished_function_is_not_attempted():
    assert ex04.q8.judge(_unfinished_flag).outcome is Outcome.NOT_ATTEMPTED


def test_the_learners_own_error_is_reported_with_their_line():
    feedback = ex04.q8.judge(_if_flag)
    assert feedback.outcome is Outcome.RAISED
    assert "if p >= threshold:" in feedback.message and "bcc_teach" not in feedback.message


def _expected_values():
    values = []
    for question in ex04.QUESTIONS:
        if hasattr(question, "expected"):
            value = question.expected()
            values += [f"{value:.{digits}f}" for digits in (2, 3, 4)] + [f"{value:.1%}"]
    return values


@pytest.mark.parametrize("question", ex04.QUESTIONS, ids=lambda q: q.id)
def test_no_message_or_hint_reveals_an_expected_value(question):
    texts = [*question.hints]
    for _, wrongs in [TYPICAL[question.id]]:
        texts += [question.judge(answer).message for answer, _ in wrongs]
    texts.append(question.judge(____).message)
    for text in texts:
        for value in _expected_values():
            assert value not in text, (value, text)
