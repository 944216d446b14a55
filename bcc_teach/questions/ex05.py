"""Questions for exercise 05, "Honest validation" (solutions/ex05_honest_validation.ipynb).

The exercise cross-validates lesson 03's reference model on all 569 women (10 folds, 2
repetitions, ``random_state=0``, as lesson 05 does), finds a leak in a pipeline fed with pure
noise, and reads the model's calibration and net benefit.

>>> from bcc_teach.questions.ex05 import q1
>>> q1.judge(100 * q1.expected()).misconception
'percentage_for_proportion'
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from bcc_teach import models, validation
from bcc_teach.checking import (
    MISCONCEPTIONS,
    Case,
    ChoiceQuestion,
    FunctionQuestion,
    NumberQuestion,
    Option,
    QuestionSet,
)
from bcc_teach.questions.fixtures import clinical, split

#: The clinic's threshold for the net-benefit questions (an exchange rate of 9 to 1).
THRESHOLD = 0.1
#: The noise the exercise builds: this many columns, from this seed, and k kept.
NOISE_COLUMNS, NOISE_SEED, KEEP = 1000, 0, 10

ex05 = QuestionSet("ex05")


@functools.cache
def _cv() -> validation.RepeatedCV:
    """The reference model's repeated cross-validation, as the exercise runs it."""
    s = split()
    return validation.repeated_cv(
        models.reference_model(), s.X, s.y, folds=10, repeats=2, random_state=0,
        show_progress=False,
    )  # fmt: skip


def _p() -> np.ndarray:
    """The first repetition's out-of-fold probabilities."""
    return _cv().probabilities[0]


def _y() -> np.ndarray:
    return _cv().y


@functools.cache
def noise() -> pd.DataFrame:
    """The exercise's table of pure noise: one row per woman, no column related to cancer."""
    X = split().X
    rng = np.random.default_rng(NOISE_SEED)
    return pd.DataFrame(rng.normal(size=(len(X), NOISE_COLUMNS)), index=X.index).add_prefix(
        "noise_"
    )


@functools.cache
def _noise_cv(leaky: bool) -> validation.RepeatedCV:
    from sklearn.feature_selection import SelectKBest, f_classif
    from sklearn.pipeline import make_pipeline

    y = split().y
    kwargs = dict(folds=10, repeats=1, scores=("accuracy", "auc"), show_progress=False)
    if leaky:
        picked = SelectKBest(f_classif, k=KEEP).fit(noise(), y).get_support()
        return validation.repeated_cv(models.reference_model(), noise().loc[:, picked], y, **kwargs)
    inside = make_pipeline(SelectKBest(f_classif, k=KEEP), models.reference_model())
    return validation.repeated_cv(inside, noise(), y, **kwargs)


@functools.cache
def _calibration() -> validation.Calibration:
    return validation.calibration(_y(), _p())


def net_benefit(y, p, threshold) -> float:
    """Vickers & Elkin (2006), as the lesson writes it: flagged at or above the threshold."""
    y, p = np.asarray(y), np.asarray(p)
    flagged = p >= threshold
    found, alarms = (flagged & (y == 1)).sum(), (flagged & (y == 0)).sum()
    return float(found / len(y) - alarms / len(y) * threshold / (1 - threshold))


@ex05.question("q1", "lowest_plausible", kind="proportion")
class LowerEnd(NumberQuestion):
    hints = (
        "The interval of a cross-validated share is in cv.intervals, by name; each is an "
        "Estimate with .value, .low and .high.",
        'cv.intervals["sensitivity"] is the sensitivity with its 95% interval: take its lower '
        "end.",
    )

    def correct_message(self):
        e = _cv().intervals["sensitivity"]
        return (
            f"Correct. Counted on {int(_y().sum())} women with cancer, the data fit a true "
            f"sensitivity as low as this: of 1,000 women with cancer, up to about "
            f"{1000 * (1 - e.low):.0f} could be missed, not only the {1000 * (1 - e.value):.0f} "
            "of the estimate. Malignant is the positive class."
        )

    def expected(self):
        return _cv().intervals["sensitivity"].low

    def mistakes(self):
        cv = _cv()
        sens = cv.intervals["sensitivity"]
        return [
            (
                sens.high,
                "This is the upper end of the interval. The question asks how low the true "
                "sensitivity could plausibly be: the lower end, .low.",
            ),
            (
                sens.value,
                "This is the estimate itself, the middle of the interval. The question asks for "
                "its lower end, .low.",
            ),
            (cv.intervals["specificity"].low, "sensitivity_specificity_swapped"),
            (
                clinical("logistic_regression", 0.5).interval("sensitivity").low,
                "This is the lower end on lesson 04's 143 test cases alone. The question asks "
                "for the cross-validated sensitivity, counted on all 212 women with cancer.",
            ),
        ]


@ex05.question("q2", "q2_answer")
class WhatTheIntervalSays(ChoiceQuestion):
    prompt = (
        "A cross-validated sensitivity is reported as 0.96 (95% CI 0.93 to 0.98). What does the "
        "interval say?"
    )
    options = (
        Option(
            "95% of the women with cancer get a probability of malignancy between 0.93 and 0.98.",
            MISCONCEPTIONS["interval_as_patient_range"].message,
        ),
        Option(
            "The true share of cancers found, in women like these, plausibly lies from 0.93 to "
            "0.98.",
            "Yes: it is a range of plausible values for one share, given how many women with "
            "cancer it was counted on.",
            correct=True,
        ),
        Option(
            "Each woman with cancer has a 93% to 98% chance of being flagged, whatever her "
            "aspirate shows.",
            MISCONCEPTIONS["interval_as_patient_range"].message,
        ),
        Option(
            "In 95 of 100 repetitions of the cross-validation, the sensitivity fell from 0.93 to "
            "0.98.",
            "That would be the spread over repetitions, the luck of how the folds were cut. "
            "Repeating cannot shrink the interval, which counts the women.",
        ),
    )
    correct = (
        "Only more women with cancer, not more repetitions, would make the interval narrower; "
        "and only women from elsewhere can show whether it holds elsewhere."
    )


@ex05.question("q3", "q3_answer")
class SpotTheLeak(ChoiceQuestion):
    prompt = (
        "Which of these procedures leaks, so that its cross-validated figures flatter the model?"
    )
    options = (
        Option(
            "A Pipeline of SelectKBest, a scaler and a logistic regression, cross-validated on "
            "all the women.",
            "No leak: as a step of the Pipeline, SelectKBest is refitted inside every fold, on "
            "that fold's training women only.",
        ),
        Option(
            "A rule-out threshold read off the training cases' cross-validated probabilities, "
            "then tested once.",
            "No leak: the test cases play no part in the choice (lesson 04's recipe).",
        ),
        Option(
            "The 10 features most related to the diagnosis picked on all 569 women, then a model "
            "cross-validated on them.",
            "Yes: the choice saw every woman, including those that later serve as test cases in "
            "each fold.",
            correct=True,
        ),
        Option(
            "The penalty C chosen by an inner cross-validation inside each outer fold (nested "
            "cross-validation).",
            "No leak: that is nested cross-validation, the cure. Each outer fold's women play no "
            "part in choosing C.",
        ),
    )
    correct = (
        "On pure noise that leak alone makes a useless model look useful. Put every choice "
        "inside the Pipeline, or inside nested cross-validation."
    )


@ex05.question("q4", "honest_auc", kind="proportion")
class HonestAUC(NumberQuestion):
    hints = (
        "Make the choice of columns a step of the model: make_pipeline(SelectKBest(f_classif, "
        "k=10), models.reference_model()), and cross-validate it on all of noise.",
        "validation.repeated_cv(inside, noise, y, folds=10, repeats=1, scores=('accuracy', "
        "'auc')) gives the AUC as .mean('auc').",
    )

    def correct_message(self):
        leaky = _noise_cv(True).mean("auc")
        return (
            f"Correct. With the choice inside each fold, noise scores an AUC of a coin toss "
            f"(interval {_noise_cv(False).intervals['auc'].interval()}); chosen on all the women "
            f"it looked like {leaky:.2f}. The leak, not the noise, made it look useful."
        )

    def expected(self):
        return _noise_cv(False).mean("auc")

    def mistakes(self):
        return [
            (_noise_cv(True).mean("auc"), "leak_in_pipeline"),
            (_noise_cv(True).mean("accuracy"), "leak_in_pipeline"),
        ]


@ex05.question("q5", "slope", kind="number")
class CalibrationSlope(NumberQuestion):
    hints = (
        "validation.calibration(y_true, p) checks calibration; give it the diagnoses cv.y and "
        "the first repetition's probabilities, cv.probabilities[0].",
        "It returns a record: its .slope is an Estimate, and the slope itself is its .value.",
    )

    def correct_message(self):
        return (
            f"Correct. {_calibration().words()} Ideal is 1; below 1 would mean over-confident."
        )

    def expected(self):
        return _calibration().slope.value

    def mistakes(self):
        c = _calibration()
        return [
            (
                c.intercept.value,
                "This is the calibration intercept (right on average?). The question asks for "
                "the slope: .slope.value.",
            ),
            (
                c.brier,
                "This is the Brier score. The question asks for the calibration slope.",
            ),
            (
                validation.calibration(_y(), _cv().probabilities[1]).slope.value,
                "This is the slope of the second repetition. Use the first: "
                "cv.probabilities[0].",
            ),
            (
                c.slope.high,
                "This is the upper end of the slope's interval; give the slope itself, .value.",
            ),
        ]


@ex05.question("q6", "q6_answer")
class SlopeAboveOne(ChoiceQuestion):
    prompt = (
        "Checked on new women, a model's calibration slope is 1.4 (95% CI 1.2 to 1.6). What "
        "does that say about its probabilities?"
    )
    options = (
        Option(
            "They are too timid: high ones should be higher and low ones lower.",
            "Yes: a slope above 1 means the outcomes change faster than the probabilities "
            "do: the probabilities should be further from the middle.",
            correct=True,
        ),
        Option(
            "They are over-confident: high ones should be lower and low ones higher.",
            MISCONCEPTIONS["calibration_slope_reversed"].message,
        ),
        Option(
            "They are too high on average, so more women are flagged than have cancer.",
            "Right or wrong on average is the calibration intercept's question, not the "
            "slope's.",
        ),
        Option(
            "They rank the women badly, so the AUC must be low and recalibration cannot help.",
            "The slope says nothing about the ranking; recalibration can fix a slope, never "
            "the order of the women.",
        ),
    )
    correct = (
        "Recalibration on women from the new clinic can fix it; it leaves the ranking, and the "
        "AUC, as they were."
    )


@ex05.question("q7", "net_benefit_at_0_1", kind="proportion")
class NetBenefit(NumberQuestion):
    hints = (
        "validation.decision_curve(cv.y, cv.probabilities[0], thresholds=[0.1]) computes net "
        "benefit at 0.1; its .at(0.1) gives the model's value.",
        "Or by hand: cancers flagged / n − benign lumps flagged / n × 0.1 / 0.9, with flagged "
        "meaning p >= 0.1.",
    )

    def correct_message(self):
        return (
            f"Correct: as good as finding {100 * self.expected():.0f} cancers per 100 women with "
            f"no unnecessary biopsy. Biopsying every woman would give "
            f"{100 * self._all():.0f} per 100."
        )

    def _all(self) -> float:
        prevalence = float(_y().mean())
        return prevalence - (1 - prevalence) * THRESHOLD / (1 - THRESHOLD)

    def expected(self):
        return net_benefit(_y(), _p(), THRESHOLD)

    def mistakes(self):
        y, p = _y(), _p()
        flagged = p >= THRESHOLD
        return [
            (float((flagged == (y == 1)).mean()), "net_benefit_as_accuracy"),
            (float(flagged[y == 1].mean()), "net_benefit_as_accuracy"),
            (
                self._all(),
                "This is the net benefit of biopsying every woman (treat all). The question "
                "asks for the model's.",
            ),
        ]


@ex05.question("q8", "net_benefit")
class NetBenefitFunction(FunctionQuestion):
    signature = "net_benefit(y, p, threshold)"
    outputs = "single number"
    hints = (
        "Flag the women at or above the threshold; count the cancers among them and the benign "
        "lumps among them, each divided by the number of women.",
        "found / n − alarms / n × threshold / (1 − threshold), with flagged = p >= threshold "
        "and found = (flagged & (y == 1)).sum().",
    )
    correct = (
        "Correct. That is Vickers and Elkin's net benefit, as validation.decision_curve has it."
    )

    def cases(self):
        tried = [
            (np.array([1, 0, 1, 0, 1]), np.array([0.9, 0.2, 0.2, 0.6, 0.05]), 0.2,
             "five women, two of them exactly on a threshold of 0.2"),
            (np.array([1, 1, 0, 0, 0, 0]), np.array([0.5, 0.8, 0.5, 0.1, 0.7, 0.3]), 0.5,
             "six women, two of them exactly on a threshold of 0.5"),
            (_y(), _p(), THRESHOLD, "the 569 women's cross-validated probabilities at 0.1"),
        ]  # fmt: skip
        return [
            Case((y, p, t), net_benefit(y, p, t), words) for y, p, t, words in tried
        ]

    def mistakes(self):
        def strict(y, p, t):
            return net_benefit(y, p + 0.0, t + 1e-12)

        def unweighted(y, p, t):
            f = p >= t
            return ((f & (y == 1)).sum() - (f & (y == 0)).sum()) / len(y)

        def accuracy(y, p, t):
            return float(((p >= t) == (y == 1)).mean())

        return [
            (strict, "strict_threshold"),
            (unweighted, "The false alarms seem to count in full; weigh them by t / (1 − t)."),
            (accuracy, "net_benefit_as_accuracy"),
            (lambda y, p, t: net_benefit(1 - y, 1 - p, t), "benign_as_positive"),
            (lambda y, p, t: net_benefit(y, p, 0.5), "hard_coded"),
        ]


QUESTIONS = ex05.bind(globals())
