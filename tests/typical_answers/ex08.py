"""Typical answers to exercise 08, "Robustness" (the taught model at another clinic and under
another scanner; repeated women in the original Wisconsin data).

Right answers are computed as a learner would, by hand where the exercise allows it (NumPy,
pandas, scikit-learn); the imaging factors are the course's own (``shift.imaging_factors()``,
measured on SYNTHETIC images), as the exercise gives them to the learner.
"""

import functools

import numpy as np
import pandas as pd
from sklearn.model_selection import StratifiedKFold

from bcc_teach import data, metrics, shift


def _ppv(sensitivity, specificity, prevalence):
    found = sensitivity * prevalence
    return found / (found + (1 - specificity) * (1 - prevalence))


@functools.cache
def typical():
    taught = shift.taught_model()
    y = taught.y_test.to_numpy()
    cancer = y == 1
    p = taught.model.predict_proba(taught.X_test)[:, 1]
    flagged = p >= taught.threshold
    sens, spec = flagged[cancer].mean(), (~flagged)[~cancer].mean()
    ppv = _ppv(sens, spec, 0.2)
    figures = taught.performance(auc_interval=False)
    there = metrics.in_setting(figures.sensitivity, figures.specificity, 0.2)
    low, high = there.ppv_range

    factors = shift.imaging_factors().factors(magnification=0.8)
    smaller = taught.X_test * factors[taught.X_test.columns]  # each feature times its factor
    p_small = taught.model.predict_proba(smaller)[:, 1]
    small_flagged = p_small >= taught.threshold
    sens_small = small_flagged[cancer].mean()
    benign_column = taught.model.predict_proba(smaller)[:, 0] >= taught.threshold

    original = data.load_wbc_original()
    scores = original[list(data.WBC_FEATURES)]
    diagnosis = (original["diagnosis"] == "malignant").astype(int)
    woman = original["id_group"]
    train, test = next(StratifiedKFold(5, shuffle=True, random_state=0).split(scores, diagnosis))
    both = set(woman.iloc[train]) & set(woman.iloc[test])
    side = pd.Series("train", index=original.index)
    side.iloc[test] = "test"
    by_pandas = int((side.groupby(woman).nunique() == 2).sum())
    repeated = woman.value_counts()
    return {
        "q1": (
            [ppv, round(ppv, 2), there.ppv],
            [
                (flagged[cancer].sum() / flagged.sum(), "ppv_without_prevalence"),
                (_ppv(sens, spec, 0.286), "screening recall"),
                (_ppv(sens, spec, 0.15), "the table's clinic with 15%"),
                (_ppv(sens, spec, 0.0059), "screening population"),
                (1.0, "That is 1: the sensitivity"),
                (spec, "specificity, which carries over"),
                (_ppv(sens, spec, 0.8), "where 80% of the women have cancer"),
                (0.2, "(the prevalence)"),
                (low, "lower end of the range"),
                (1 - ppv, "complement"),
                (high, "upper end of the range"),
                (100 * ppv, "percentage_for_proportion"),
                ("0.57", "text (in quotes)"),
            ],
        ),
        "q2": (
            ["b", " (B) "],
            [
                ("a", "not the order of the women"),
                ("c", "drop below it"),
                ("d", "one number from the local women"),
                (2, "one letter in quotes"),
            ],
        ),
        "q3": (
            [sens_small, round(sens_small, 2), np.float64(sens_small)],
            [
                (flagged[cancer].mean(), "before the change"),
                ((~small_flagged)[~cancer].mean(), "also the specificity after it"),
                ((p_small >= 0.5)[cancer].mean(), "sensitivity at 0.5"),
                (benign_column[cancer].mean(), "benign_as_positive"),
                (small_flagged[~cancer].mean(), "benign_as_positive"),
                ((small_flagged == cancer).mean(), "(the accuracy)"),
                (small_flagged.mean(), "share of all 143 women flagged"),
                (1 - sens_small, "complement"),
                (100 * sens_small, "percentage_for_proportion"),
            ],
        ),
        "q4": (
            ["d", "D"],
            [
                ("a", "is not a call of malignant"),
                ("b", "which way the model errs"),
                ("c", "1 in 100 ordinary cases"),
            ],
        ),
        "q5": (
            [len(both), by_pandas, np.int64(len(both)), float(len(both))],
            [
                (0, "what a grouped split gives"),
                (int((repeated > 1).sum()), "every woman with more than one row"),
                (len(woman) - woman.nunique(), "repeat a woman seen earlier"),
                (int(woman.isin(both).sum()), "That counts rows"),
                (len(test), "number of test rows"),
                (len(set(woman.iloc[test])), "have rows among the test rows"),
                (len(both) + 0.5, "whole number"),
            ],
        ),
        "q6": (
            ["a"],
            [
                ("b", "a random split of the rows puts some"),
                ("c", "throws women away"),
                ("d", "new women, not new samples"),
            ],
        ),
        "q7": (
            ["b"],
            [
                ("a", "quiet warning is no proof"),
                ("c", "not the order of the women"),
                ("d", "the right women"),
            ],
        ),
    }
