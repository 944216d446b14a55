"""Exercise 03's questions: right answers pass, typical wrong answers get their own feedback."""

from __future__ import annotations

import pytest
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from typical import assert_typical

from bcc_teach import checking, data, models
from bcc_teach.checking import MISCONCEPTIONS, Outcome, ____
from bcc_teach.questions import ex03

X, y = data.load_wdbc_xy()
X_TRAIN, X_TEST, Y_TRAIN, Y_TEST = models.split(X, y)
MODEL = models.reference_model().fit(X_TRAIN, Y_TRAIN)
P_TEST = models.probability_malignant(MODEL, X_TEST)
P_BENIGN = MODEL.predict_proba(X_TEST)[:, 0]
CASE = X_TEST.loc[["W256"]]
BASELINE = DummyClassifier(strategy="most_frequent").fit(X_TRAIN, Y_TRAIN)


def _fitted_on(X_part, y_part, model=None):
    return (model or models.reference_model()).fit(X_part, y_part)


# For every question: the right answer, and typical wrong answers with what they must say
# (a misconception id, or words the message must contain).
TYPICAL = {
    "q1": (
        MODEL,
        [
            (_fitted_on(X, y), "leakage_before_split"),
            (_fitted_on(X_TEST, Y_TEST), "learned from the test cases"),
            (models.reference_model(), "has not been fitted"),
            (LogisticRegression(max_iter=5000).fit(X_TRAIN, Y_TRAIN), "no scaling step inside"),
            (
                _fitted_on(X_TRAIN, Y_TRAIN, make_pipeline(LogisticRegression(max_iter=5000))),
                "This pipeline has no scaling step",
            ),
            (
                _fitted_on(*[models.split(X, y, random_state=1)[i] for i in (0, 2)]),
                "other cases than the training cases",
            ),
            (_fitted_on(X_TRAIN, Y_TRAIN.map({1: "M", 0: "B"})), "1 = malignant"),
            (models.reference_model, "Did you forget the brackets"),
            (0.986, "a number; the question expects a fitted scikit-learn Pipeline"),
        ],
    ),
    "q2": (
        MODEL.score(X_TEST, Y_TEST),
        [
            (MODEL.score(X_TRAIN, Y_TRAIN), "training_accuracy"),
            (BASELINE.score(X_TEST, Y_TEST), "baseline's accuracy"),
            (1 - MODEL.score(X_TEST, Y_TEST), "error rate"),
            (100 * MODEL.score(X_TEST, Y_TEST), "percentage_for_proportion"),
        ],
    ),
    "q3": (
        BASELINE.score(X_TEST, Y_TEST),
        [
            (Y_TEST.mean(), "calling every lump malignant"),
            (MODEL.score(X_TEST, Y_TEST), "the reference model's accuracy"),
            (BASELINE, "a DummyClassifier object"),
        ],
    ),
    "q4": (
        MODEL.predict_proba(CASE)[0, 1],
        [
            (MODEL.predict_proba(CASE)[0, 0], "benign_as_positive"),
            (MODEL.predict_proba(CASE)[:, 0], "benign_as_positive"),
            (MODEL.predict(CASE)[0], "label"),
            (MODEL.predict_proba(CASE), "holding many values"),
        ],
    ),
    "q5": (
        (P_TEST > 0.9).sum(),
        [
            ((P_BENIGN > 0.9).sum(), "benign_as_positive"),
            ((P_TEST <= 0.9).sum(), "threshold_reversed"),
            ((models.probability_malignant(MODEL, X_TRAIN) > 0.9).sum(), "training cases"),
            ((P_TEST >= 0.5).sum(), "at or above 0.5"),
            ((P_TEST > 0.9).mean(), "fractional part"),
        ],
    ),
    "q6": ("B", [("a", "the test cases helped set them"), ("d", "Stratifying only")]),
    "q7": (" (c) ", [("a", "The label hides that"), ("b", "no grade or stage"), (0.55, "letter")]),
}


def test_every_question_has_typical_answers_listed():
    assert sorted(TYPICAL) == sorted(q.id for q in ex03.QUESTIONS)
    assert all(q.exercise == "ex03" for q in ex03.QUESTIONS)


@pytest.mark.parametrize("question", ex03.QUESTIONS, ids=lambda q: q.id)
def test_right_answer_and_typical_wrong_answers(question):
    right, wrongs = TYPICAL[question.id]
    assert_typical(question, [right], wrongs)


def test_the_catalogue_misconceptions_are_all_exercised():
    used = {e for _, wrongs in TYPICAL.values() for _, e in wrongs if e in MISCONCEPTIONS}
    assert {"training_accuracy", "leakage_before_split", "benign_as_positive"} <= used


def test_a_leaky_pipeline_says_which_leak():
    feedback = ex03.q1.judge(_fitted_on(X, y))
    assert feedback.outcome is Outcome.INCORRECT
    assert "the scaler learned from every case" in feedback.message


@pytest.mark.parametrize("question", ex03.QUESTIONS, ids=lambda q: q.id)
def test_blank_and_missing_answers_are_not_attempted(question):
    assert question.judge(____).outcome is Outcome.NOT_ATTEMPTED
    question.check()  # the variable is not defined in this module
    assert question.last_feedback.outcome is Outcome.NOT_ATTEMPTED


@pytest.mark.parametrize("question", ex03.QUESTIONS, ids=lambda q: q.id)
def test_solutions_come_from_the_solution_notebook(question):
    code = checking.solution_code("ex03", question.id)
    assert code and not code.startswith("(") and "BEGIN SOLUTION" not in code
