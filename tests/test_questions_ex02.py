"""Exercise 02's questions: right answers pass, typical wrong answers get their own feedback.

The right answers are computed here the way a learner would, independently of the question set,
on the same SYNTHETIC field of view as the solution notebook.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from typical import assert_typical

from bcc_teach import checking, data, features, models
from bcc_teach.checking import MISCONCEPTIONS, Outcome, ____
from bcc_teach.questions import ex02

SOLUTION = Path(__file__).resolve().parent.parent / "solutions" / "ex02_images_to_features.ipynb"
PICTURE = features.synthetic_image("malignant", seed=3, radius=12)
FIELD = PICTURE.pixels[:, 48:]
FOUND = features.segment(FIELD)

OUTLINE = features.segment(features.synthetic_nucleus("malignant", seed=1)).contours[0]
P, A = features.perimeter(OUTLINE), features.area(OUTLINE)
R = features.radius(OUTLINE)

TABLE = features.nucleus_table(FIELD)
RADII = TABLE["radius"]
N = len(TABLE)

X, y = data.load_wdbc_xy()
X_train, X_test, y_train, y_test = models.split(X, y)
MODEL = models.reference_model().fit(X_train, y_train)
ROW = features.image_features(FIELD)
P_FIELD = models.probability_malignant(MODEL, ROW)


# For every question: the right answers, and typical wrong answers with what they must say
# (a misconception id, or words the message must contain).
TYPICAL = {
    "q1": (
        [len(FOUND.contours), len(FOUND.masks), np.int64(len(FOUND.contours))],
        [
            (len(PICTURE.outlines), "nuclei on the whole synthetic picture"),
            (len(features.segment(PICTURE).contours), "nuclei on the whole synthetic picture"),
            (len(FOUND.contours) + sum(FOUND.dropped.values()), "every dark region"),
            (FOUND.dropped["touching the border"], "left out (found.dropped)"),
            (len(FIELD), "rows (or columns) of pixels"),
            (len(FOUND.contours[0]), "points along one outline"),
            (FOUND.threshold, "fractional part"),
            (FOUND, "a Segmentation object"),
        ],
    ),
    "q2": (
        [
            (P / (2 * math.sqrt(math.pi * A))) ** 2 - 1,
            P**2 / (4 * math.pi * A) - 1,
            features.compactness(OUTLINE),
            round(P**2 / (4 * math.pi * A) - 1, 3),
        ],
        [
            (P**2 / (4 * math.pi * A), "before the final − 1"),
            (P**2 / A - 1, "as the WDBC documentation writes it"),
            (P**2 / A, "divides by 4π"),
            (R**2 / (4 * math.pi * A) - 1, "the radius where the perimeter belongs"),
            (P**2 / 4 * math.pi * A - 1, "Check the brackets"),
            (P / (4 * math.pi * A) - 1, "needs squaring"),
            (P / (2 * math.sqrt(math.pi * A)) - 1, "without squaring"),
            ((P - 2 * math.sqrt(math.pi * A)) / (2 * math.sqrt(math.pi * A)), "without squaring"),
            (-0.5, "cannot be negative"),
            (
                features.compactness(features.synthetic_nucleus("malignant", seed=1).outlines[0]),
                "the outline the nucleus was drawn with",
            ),
            ("p**2 / (4 * math.pi * a) - 1", "text (in quotes)"),
        ],
    ),
    "q3": (
        [RADII.nlargest(3).mean(), ROW["radius_worst"], np.mean(sorted(RADII)[-3:])],
        [
            (RADII.max(), "single largest radius"),
            (RADII.mean(), "radius_mean"),
            (np.mean(sorted(RADII)[:3]), "three smallest"),
            (RADII.nlargest(3).sum(), "sum of the three largest"),
            (RADII.std() / math.sqrt(N), "standard error (radius_se)"),
            (RADII.nlargest(3), "holding many values"),
        ],
    ),
    "q4": (
        [RADII.std() / math.sqrt(N), ROW["radius_se"], np.std(RADII, ddof=1) / np.sqrt(N)],
        [
            (RADII.std(), "That is the standard deviation"),
            (np.std(RADII.to_numpy()) / math.sqrt(N), "divides by n, as numpy's np.std"),
            (np.std(RADII.to_numpy()), "not yet a standard error"),
            (RADII.std() / N, "divides by its square root"),
            (RADII.std() / math.sqrt(len(PICTURE.outlines)), "nuclei on the whole picture"),
            (RADII.var() / math.sqrt(N), "variance"),
        ],
    ),
    "q5": (
        ["b", " (B) "],
        [("a", "describe size"), ("c", "about the chromatin"), ("d", "neither is built for dents")],
    ),
    "q6": (
        ["c", "C"],
        [("a", "The name misleads"), ("b", "how crinkly the outline"), ("d", "did not change")],
    ),
    "q7": (
        [P_FIELD, P_FIELD[0], MODEL.predict_proba(ROW)[0, 1], round(float(P_FIELD[0]), 3)],
        [
            (MODEL.predict_proba(ROW)[0, 0], "benign_as_positive"),
            (MODEL.predict_proba(ROW)[:, 0], "benign_as_positive"),
            (MODEL.predict(ROW)[0], "the model's label"),
            (models.probability_malignant(MODEL, features.image_features(PICTURE)), "whole"),
            (100 * P_FIELD[0], "percentage_for_proportion"),
            (MODEL.predict_proba(ROW), "holding many values"),
        ],
    ),
}


def test_every_question_has_typical_answers_listed():
    assert sorted(TYPICAL) == sorted(q.id for q in ex02.QUESTIONS)
    assert all(q.exercise == "ex02" for q in ex02.QUESTIONS)


@pytest.mark.parametrize("question", ex02.QUESTIONS, ids=lambda q: q.id)
def test_right_answers_and_typical_wrong_answers(question):
    rights, wrongs = TYPICAL[question.id]
    assert_typical(question, rights, wrongs)


def test_the_field_cuts_nuclei_so_q1_is_not_the_number_drawn():
    assert FOUND.dropped["touching the border"] >= 1
    assert len(FOUND.contours) < len(PICTURE.outlines)


def test_the_field_is_borderline_so_a_label_is_not_a_probability():
    """q7 needs a probability far from 0 and 1, or the label 0/1 would pass as one."""
    assert 0.2 < P_FIELD[0] < 0.8


def test_the_catalogue_misconceptions_are_used():
    used = {e for _, wrongs in TYPICAL.values() for _, e in wrongs if e in MISCONCEPTIONS}
    assert {"benign_as_positive", "percentage_for_proportion"} <= used


def test_every_message_about_the_probability_says_the_image_is_synthetic():
    assert "SYNTHETIC" in ex02.q7.correct
    assert all("SYNTHETIC" in hint for hint in ex02.q7.hints[:1])
    for answer, _ in TYPICAL["q7"][1]:
        feedback = ex02.q7.judge(answer)
        if feedback.outcome is Outcome.INCORRECT:
            assert feedback.message.endswith(ex02.SYNTHETIC_REMINDER), answer
    assert ex02.q7.judge(0.01).message.endswith(ex02.SYNTHETIC_REMINDER)


def test_the_solution_notebook_draws_the_image_the_questions_check():
    setup = json.loads(SOLUTION.read_text(encoding="utf-8"))["cells"][1]["source"]
    setup = "".join(setup)
    assert 'features.synthetic_image("malignant", seed=3, radius=12)' in setup
    assert "field = picture.pixels[:, 48:]" in setup
    assert ex02.PICTURE == {"settings": "malignant", "seed": 3, "radius": 12}
    assert ex02.FIRST_COLUMN == 48


@pytest.mark.parametrize("question", ex02.QUESTIONS, ids=lambda q: q.id)
def test_blank_and_missing_answers_are_not_attempted(question):
    assert question.judge(____).outcome is Outcome.NOT_ATTEMPTED
    question.check()  # the variable is not defined in this module
    assert question.last_feedback.outcome is Outcome.NOT_ATTEMPTED


@pytest.mark.parametrize("question", ex02.QUESTIONS[:4] + ex02.QUESTIONS[6:], ids=lambda q: q.id)
def test_hints_are_graded_and_never_give_the_value(question):
    assert len(question.hints) >= 2
    value = question.expected()
    for hint in question.hints:
        assert f"{value:.3f}" not in hint and f"{value:.4g}" not in hint


@pytest.mark.parametrize("question", ex02.QUESTIONS, ids=lambda q: q.id)
def test_solutions_come_from_the_solution_notebook(question):
    code = checking.solution_code("ex02", question.id)
    assert code and not code.startswith("(") and "BEGIN SOLUTION" not in code
