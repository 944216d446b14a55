"""Typical answers to exercise 04, "Clinical metrics" (the random forest of the course's split).

Right answers are computed as a learner would, with scikit-learn and by hand (Bayes' rule for
the PPV), not with the course's own metrics functions; the rule-out threshold is the constant
the solution notebook prints.
"""

import functools

import numpy as np
from sklearn.metrics import precision_score, recall_score

from bcc_teach import data, metrics, models
from bcc_teach.checking import ____

#: The forest's rule-out threshold, chosen on the training cases (solutions/ex04 prints 0.160;
#: 300 trees vote, so its probabilities and thresholds lie on a grid of 1/300).
RULE_OUT = 0.16
#: The same search run on the test cases instead (the key mistake of lesson 04).
RULE_OUT_ON_TEST = 0.21
#: Lehman et al. 2017: 5.1 cancers detected + 0.8 missed per 1,000 screens; PPV3 28.6%.
SCREENING, CLINIC, BIOPSIED = 0.0059, 212 / 569, 0.286


def ppv(sensitivity, specificity, prevalence):
    """Bayes' rule, by hand: true positives over all positives."""
    true = sensitivity * prevalence
    return true / (true + (1 - specificity) * (1 - prevalence))


def npv(sensitivity, specificity, prevalence):
    true = specificity * (1 - prevalence)
    return true / (true + (1 - sensitivity) * prevalence)


def _right_flag(p, threshold):
    return (p >= threshold).astype(int)


def _in_place_flag(p, threshold):
    """Right, with the common in-place idiom that changes p itself."""
    p[p >= threshold] = 1
    p[p < threshold] = 0
    return p


def _list_flag(p, threshold):
    return [1 if value >= threshold else 0 for value in p]


def _if_flag(p, threshold):
    if p >= threshold:  # an array has no single truth value: the learner's own error
        return 1
    return 0


def _unfinished_flag(p, threshold):
    return ____


@functools.cache
def typical():
    X, y = data.load_wdbc_xy()
    X_train, X_test, y_train, y_test = models.split(X, y)
    forest = models.make_model("random_forest").fit(X_train, y_train)
    p = models.probability_malignant(forest, X_test)
    p_train = models.probability_malignant(forest, X_train)
    truth = y_test.to_numpy()
    cancers, benign = p[truth == 1], p[truth == 0]
    flagged = (p >= 0.5).astype(int)
    sens = (cancers >= RULE_OUT).mean()
    spec = (benign < RULE_OUT).mean()
    missed = ((truth == 1) & (p < RULE_OUT)).sum()
    missed_per_1000 = 1000 * missed / len(truth)
    biopsies_per_1000 = 1000 * ((truth == 0) & (p >= RULE_OUT)).sum() / len(truth)
    at_half = (cancers >= 0.5).mean(), (benign < 0.5).mean()
    return {
        "q1": (
            [recall_score(y_test, flagged), (cancers >= 0.5).mean()],
            [
                (precision_score(y_test, flagged), "precision_for_sensitivity"),
                (recall_score(y_test, flagged, pos_label=0), "sensitivity_specificity_swapped"),
                ((cancers < 0.5).mean(), "threshold_reversed"),
                (recall_score(y_train, (p_train >= 0.5).astype(int)), "training_accuracy"),
                (100 * recall_score(y_test, flagged), "percentage_for_proportion"),
                ((flagged == truth).mean(), "This looks like the accuracy"),
                (cancers >= 0.5, "a number between 0 and 1"),
            ],
        ),
        "q2": (
            [(benign < 0.5).mean()],
            [
                ((cancers >= 0.5).mean(), "sensitivity_specificity_swapped"),
                ((benign >= 0.5).mean(), "false-alarm rate"),
                (precision_score(y_test, flagged, pos_label=0), "This looks like the NPV"),
                (100 * (benign < 0.5).mean(), "percentage_for_proportion"),
                ((flagged == truth).mean(), "This looks like the accuracy"),
            ],
        ),
        "q3": (
            ["d", " (D) "],
            [
                ("a", "The other way round"),
                ("c", "the PPV falls"),
                ("b", "usually lower"),
                (2, "letter"),
            ],
        ),
        "q4": (
            [RULE_OUT, 0.160, np.float64(RULE_OUT)],
            [
                (RULE_OUT_ON_TEST, "chosen_on_test"),
                (
                    metrics.rule_out_threshold(models.reference_model(), X_train, y_train),
                    "reference model",
                ),
                (0.5, "usual threshold of 0.5"),
                ("0.16", "text (in quotes)"),
            ],
        ),
        "q5": (
            [missed_per_1000, round(missed_per_1000), round(missed_per_1000, 1)],
            [
                (biopsies_per_1000, "unnecessary biopsies per 1,000"),
                (1000 * ((truth == 1) & (p >= RULE_OUT)).mean(), "threshold_reversed"),
                (1000 * ((truth == 1) & (p < 0.5)).mean(), "threshold of 0.5"),
                (1000 * (1 - sens), "per 1,000 women *with cancer*"),
                (missed, "count among the 143 test cases"),
                (missed / len(truth), "proportion_for_per_thousand"),
                (100 * missed / len(truth), "per 100 women"),
                ({"missed cancers": missed_per_1000}, "This is a dictionary holding several"),
                (metrics.per_thousand(y_test, p, RULE_OUT), "Pick one with a dot"),
            ],
        ),
        "q6": (
            [ppv(sens, spec, SCREENING)],
            [
                (ppv(sens, spec, CLINIC), "ppv_without_prevalence"),
                (ppv(sens, spec, 0.044), "ppv_without_prevalence"),
                (ppv(sens, spec, BIOPSIED), "ppv_without_prevalence"),
                (ppv(sens, spec, 0.0051), "the cancers a screening programme *detects*"),
                (ppv(spec, sens, SCREENING), "sensitivity_specificity_swapped"),
                (100 * ppv(sens, spec, SCREENING), "percentage_for_proportion"),
                (ppv(sens, spec, 0.59), "gone in as 0.59"),
                (npv(sens, spec, SCREENING), "looks like the NPV"),
                (1 - ppv(sens, spec, SCREENING), "1 − PPV"),
                (spec, "This is the specificity"),
                (ppv(*at_half, SCREENING), "PPV at a threshold of 0.5"),
                (0.04, "Not quite"),
            ],
        ),
        "q7": (["b"], [("a", "1 − NPV"), ("c", "1 − sensitivity"), ("d", "multiply odds")]),
        "q8": (
            [_right_flag, _in_place_flag, _list_flag, lambda p, threshold: p >= threshold],
            [
                (lambda p, threshold: (p < threshold).astype(int), "threshold_reversed"),
                (lambda p, threshold: (p > threshold).astype(int), "strict_threshold"),
                (lambda p, threshold: (p >= 0.5).astype(int), "hard_coded"),
                (lambda p, threshold: int(np.mean(p) >= threshold), "returned a single value"),
                (lambda p, threshold: p[:3] >= threshold, "value(s) for 5 cases"),
                (lambda p, threshold: p * (p >= threshold), "other values"),
                (_if_flag, "ValueError"),
                (_unfinished_flag, "Not attempted yet"),
                (lambda p: p >= 0.5, "cannot be called as flag(p, threshold)"),
                (flagged, "a function"),
            ],
        ),
    }
