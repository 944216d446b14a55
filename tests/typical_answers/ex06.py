"""Typical answers to exercise 06, "Comparing models" (the reference model against the
k-nearest neighbours, on the same folds: 3 × 10-fold cross-validation of all 569 women).

Right answers are computed as a learner would: the course's validation functions where the
exercise asks for them, by hand (NumPy, scikit-learn) elsewhere.
"""

import functools

import numpy as np
from sklearn.metrics import roc_auc_score

from bcc_teach import data, metrics, models, validation
from bcc_teach.checking import ____


def _right_only(y, p_a, p_b, threshold):
    right_a = (p_a >= threshold) == (y == 1)
    right_b = (p_b >= threshold) == (y == 1)
    return (right_a & ~right_b).sum()


def _loop_only(y, p_a, p_b, threshold):
    count = 0
    for outcome, a, b in zip(y, p_a, p_b, strict=True):
        if (a >= threshold) == (outcome == 1) and (b >= threshold) != (outcome == 1):
            count += 1
    return count


def _unfinished(y, p_a, p_b, threshold):
    return ____


@functools.cache
def typical():
    X, y = data.load_wdbc_xy()
    runs = {name: validation.repeated_cv(models.make_model(name), X, y, folds=10, repeats=3,
                                         show_progress=False)
            for name in ("logistic_regression", "knn")}  # fmt: skip
    truth = y.to_numpy()
    p_ref, p_knn = runs["logistic_regression"].probabilities[0], runs["knn"].probabilities[0]
    by_hand = roc_auc_score(truth, p_ref) - roc_auc_score(truth, p_knn)
    right_ref, right_knn = (p_ref >= 0.5) == (truth == 1), (p_knn >= 0.5) == (truth == 1)
    disagree = int((right_ref != right_knn).sum())
    nested = validation.nested_cv(models.make_model("knn"), X, y, show_progress=False)
    spec = nested.rate("specificity").value
    leaky = metrics.threshold_for_sensitivity(truth, p_knn, 0.98)
    return {
        "q1": (
            [by_hand, round(by_hand, 5)],
            [
                (-by_hand, "difference_reversed"),
                (roc_auc_score(truth, p_ref), "reference model's own AUC"),
                (roc_auc_score(truth, p_knn), "k-nearest neighbours' own AUC"),
                (right_ref.mean() - right_knn.mean(), "difference in accuracy"),
            ],
        ),
        "q2": (
            ["c", " C "],
            [
                ("a", "not a range that 95% of patients"),
                ("b", "Overlapping separate intervals is the wrong test"),
                ("d", "not about every woman"),
            ],
        ),
        "q3": (
            [disagree, np.int64(disagree), float(disagree)],
            [
                (int((right_ref & ~right_knn).sum()), "Add those the other model"),
                (int((right_knn & ~right_ref).sum()), "Add the other direction"),
                (int((~right_ref & ~right_knn).sum()), "both models called wrong"),
                (int((~right_knn).sum()), "all the k-nearest neighbours' mistakes"),
            ],
        ),
        "q4": (
            ["d"],
            [
                ("a", "is not a win"),
                ("b", "A p-value is not the chance"),
                ("c", "Absence of evidence"),
            ],
        ),
        "q5": (
            [spec, round(spec, 3)],
            [
                (
                    float(((p_knn < leaky) & (truth == 0)).mean() / (truth == 0).mean()),
                    "chosen on the same out-of-fold probabilities",
                ),
                (float((p_knn[truth == 0] < 0.5).mean()), "specificity at 0.5"),
                (nested.rate("sensitivity").value, "sensitivity_specificity_swapped"),
                (100 * spec, "percentage_for_proportion"),
            ],
        ),
        "q6": (
            [_right_only, _loop_only],
            [
                (
                    lambda y, a, b, t: (((a >= t) == (y == 1)) != ((b >= t) == (y == 1))).sum(),
                    "both directions",
                ),
                (lambda y, a, b, t: _right_only(y, b, a, t), "the other direction"),
                (lambda y, a, b, t: _right_only(y, a, b, 0.5), "hard_coded"),
                (lambda y, a, b, t: ((a >= t) & (b < t)).sum(), "whatever their diagnosis"),
                (lambda y, a, b, t: (a >= t) == (y == 1), "one number"),
                (_unfinished, "Not attempted yet"),
                (lambda y, a, b: 3, "cannot be called as only_right(y, p_a, p_b, threshold)"),
            ],
        ),
    }
