"""Typical answers to exercise 05, "Honest validation" (lesson 03's reference model, 10-fold
cross-validation repeated twice on all 569 women; pure noise for the leak).

Right answers are computed as a learner would: the course's validation functions where the
exercise asks for them, by hand (NumPy, scikit-learn) elsewhere.
"""

import functools

import numpy as np
import pandas as pd
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline

from bcc_teach import data, models, validation
from bcc_teach.checking import ____


def _right_net_benefit(y, p, threshold):
    flagged = p >= threshold
    found = (flagged & (y == 1)).sum()
    alarms = (flagged & (y == 0)).sum()
    return found / len(y) - alarms / len(y) * threshold / (1 - threshold)


def _loop_net_benefit(y, p, threshold):
    total = 0.0
    for outcome, probability in zip(y, p, strict=True):
        if probability >= threshold:
            total += 1 if outcome == 1 else -threshold / (1 - threshold)
    return total / len(y)


def _unfinished(y, p, threshold):
    return ____


@functools.cache
def typical():
    X, y = data.load_wdbc_xy()
    cv = validation.repeated_cv(models.reference_model(), X, y, folds=10, repeats=2,
                                random_state=0, show_progress=False)  # fmt: skip
    sens = cv.intervals["sensitivity"]
    rng = np.random.default_rng(0)
    noise = pd.DataFrame(rng.normal(size=(len(X), 1000)), index=X.index).add_prefix("noise_")
    inside = make_pipeline(SelectKBest(f_classif, k=10), models.reference_model())
    honest = validation.repeated_cv(inside, noise, y, folds=10, repeats=1,
                                    scores=("accuracy", "auc"), show_progress=False)  # fmt: skip
    picked = SelectKBest(f_classif, k=10).fit(noise, y).get_support()
    leaky = validation.repeated_cv(models.reference_model(), noise.loc[:, picked], y, folds=10,
                                   repeats=1, scores=("accuracy", "auc"), show_progress=False)
    # the same honest AUC by hand, with scikit-learn's own cross-validation
    folds = StratifiedKFold(10, shuffle=True, random_state=0)
    p_noise = cross_val_predict(inside, noise, y, cv=folds, method="predict_proba")[:, 1]
    from sklearn.metrics import roc_auc_score

    check = validation.calibration(cv.y, cv.probabilities[0])
    yy, p = cv.y, cv.probabilities[0]
    nb = _right_net_benefit(yy, p, 0.1)
    flagged = p >= 0.1
    return {
        "q1": (
            [sens.low, round(sens.low, 3)],
            [
                (sens.high, "upper end"),
                (sens.value, "estimate itself"),
                (cv.intervals["specificity"].low, "sensitivity_specificity_swapped"),
                (100 * sens.low, "percentage_for_proportion"),
                (0.8724571280258164, "lesson 04's 143 test cases"),
            ],
        ),
        "q2": (
            ["b", " B "],
            [
                ("a", "not a range that 95% of patients"),
                ("c", "plausible values for one figure"),
                ("d", "luck of how the folds"),
            ],
        ),
        "q3": (["c"], [("a", "refitted inside every fold"), ("b", "lesson 04"),
                       ("d", "nested cross-validation, the cure")]),  # fmt: skip
        "q4": (
            [honest.mean("auc"), roc_auc_score(y, p_noise)],
            [
                (leaky.mean("auc"), "leak_in_pipeline"),
                (leaky.mean("accuracy"), "leak_in_pipeline"),
                ("0.5", "text (in quotes)"),
            ],
        ),
        "q5": (
            [check.slope.value, round(check.slope.value, 3)],
            [
                (check.intercept.value, "calibration intercept"),
                (check.brier, "Brier score"),
                (check.slope.high, "upper end"),
            ],
        ),
        "q6": (
            ["a"],
            [
                ("b", "The other way round: a calibration slope below 1"),
                ("c", "intercept"),
                ("d", "never the order"),
            ],
        ),
        "q7": (
            [nb, validation.decision_curve(yy, p, [0.1]).at(0.1)],
            [
                (float((flagged == (yy == 1)).mean()), "net_benefit_as_accuracy"),
                (float(flagged[yy == 1].mean()), "net_benefit_as_accuracy"),
                (float(yy.mean() - (1 - yy.mean()) / 9), "biopsying every woman"),
                (100 * nb, "percentage_for_proportion"),
            ],
        ),
        "q8": (
            [_right_net_benefit, _loop_net_benefit],
            [
                (lambda y, p, t: _right_net_benefit(y, p, t) if False else
                 ((p > t) & (y == 1)).sum() / len(y)
                 - ((p > t) & (y == 0)).sum() / len(y) * t / (1 - t), "strict_threshold"),
                (lambda y, p, t: float(((p >= t) == (y == 1)).mean()), "net_benefit_as_accuracy"),
                (lambda y, p, t: _right_net_benefit(y, p, 0.5), "hard_coded"),
                (lambda y, p, t: p >= t, "one number"),
                (_unfinished, "Not attempted yet"),
                (lambda y, p: 0.3, "cannot be called as net_benefit(y, p, threshold)"),
            ],
        ),
    }
