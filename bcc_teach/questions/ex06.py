"""Questions for exercise 06, "Comparing models" (solutions/ex06_comparing_models.ipynb).

The exercise compares lesson 03's reference model (a logistic regression) with the k-nearest
neighbours on the same women: 10-fold cross-validation of all 569 women repeated 3 times with
``random_state=0`` (as lesson 06 does), the first repetition's out-of-fold probabilities, and a
rule-out threshold chosen inside the cross-validation (``validation.nested_cv``).

>>> from bcc_teach.questions.ex06 import q1
>>> q1.judge(-q1.expected()).misconception
'difference_reversed'
"""

from __future__ import annotations

import functools

import numpy as np

from bcc_teach import metrics, models, validation
from bcc_teach.checking import (
    MISCONCEPTIONS,
    Case,
    ChoiceQuestion,
    FunctionQuestion,
    NumberQuestion,
    Option,
    QuestionSet,
)
from bcc_teach.questions.fixtures import split

THRESHOLD = 0.5
OTHER = "knn"

ex06 = QuestionSet("ex06")


@functools.cache
def _run(name: str) -> validation.RepeatedCV:
    """A model's repeated cross-validation, as the exercise (and lesson 06) runs it."""
    s = split()
    return validation.repeated_cv(models.make_model(name), s.X, s.y, folds=10, repeats=3,
                                  show_progress=False)  # fmt: skip


def _p(name: str) -> np.ndarray:
    return _run(name).probabilities[0]


def _y() -> np.ndarray:
    return _run("logistic_regression").y


@functools.cache
def _pair() -> validation.PairedComparison:
    return validation.compare_models(_y(), _p("logistic_regression"), _p(OTHER),
                                     ("reference", OTHER))  # fmt: skip


@functools.cache
def _nested(name: str) -> validation.NestedCV:
    s = split()
    return validation.nested_cv(models.make_model(name), s.X, s.y, show_progress=False)


def _right(p) -> np.ndarray:
    return (np.asarray(p) >= THRESHOLD) == (_y() == 1)


def only_right(y, p_a, p_b, threshold) -> int:
    """The women model a calls right and model b calls wrong, at ``threshold``."""
    y, p_a, p_b = np.asarray(y), np.asarray(p_a), np.asarray(p_b)
    right_a, right_b = (p_a >= threshold) == (y == 1), (p_b >= threshold) == (y == 1)
    return int((right_a & ~right_b).sum())


@ex06.question("q1", "auc_difference", kind="number")
class AUCDifference(NumberQuestion):
    tolerance, absolute_tolerance = 0.01, 0.0001
    hints = (
        "validation.compare_models(truth, p_reference, p_knn) compares two models' "
        "probabilities for the same women; its .difference is an Estimate.",
        "Give the first model first: the difference is the first's AUC minus the second's. "
        "Take .difference.value, unrounded.",
    )

    def correct_message(self):
        d = _pair().difference
        return (
            f"Correct. On the same women, the reference ranks a cancer above a benign lump a "
            f"little more often than the k-nearest neighbours; the paired 95% interval runs from "
            f"{d.low:.4f} to {d.high:.4f}."
        )

    def expected(self):
        return _pair().difference.value

    def mistakes(self):
        pair = _pair()
        return [
            (-pair.difference.value, "difference_reversed"),
            (
                pair.auc["reference"].value,
                "This is the reference model's own AUC. The question asks for the difference: "
                "its AUC minus the k-nearest neighbours' AUC, on the same women.",
            ),
            (
                pair.auc[OTHER].value,
                "This is the k-nearest neighbours' own AUC. The question asks for the reference's "
                "AUC minus this one.",
            ),
            (
                float(_right(_p("logistic_regression")).mean() - _right(_p(OTHER)).mean()),
                "This looks like the difference in accuracy at 0.5. The question asks for the "
                "difference in AUC, which does not depend on a threshold.",
            ),
        ]


@ex06.question("q2", "q2_answer")
class WhatThePairedIntervalSays(ChoiceQuestion):
    @property
    def prompt(self):
        d = _pair().difference
        return (
            f"The paired 95% interval of the AUC difference (reference minus k-nearest "
            f"neighbours) runs from {d.low:.4f} to {d.high:.4f}. What does it say?"
        )

    options = (
        Option(
            "95% of the women get a higher probability of malignancy from the reference model "
            "than from the other.",
            MISCONCEPTIONS["interval_as_patient_range"].message,
        ),
        Option(
            "Nothing yet: the two models' separate AUC intervals overlap, so neither can be "
            "called better.",
            "Overlapping separate intervals is the wrong test for models scored on the same "
            "women: the paired interval of the difference is the one to read, and it is narrower.",
        ),
        Option(
            "On women like these, the reference ranks a little better: the whole interval lies "
            "above 0, though only just.",
            "Yes: a real but small difference in ranking, on these women.",
            correct=True,
        ),
        Option(
            "The k-nearest neighbours should be dropped: it ranks every woman worse than the "
            "reference does.",
            "An AUC difference is about pairs of women on average, not about every woman; and a "
            "small difference in ranking may not matter at the threshold a clinic uses.",
        ),
    )
    correct = (
        "A difference of about half a point of AUC is small: next, compare the two where the "
        "clinic would use them, at a rule-out threshold."
    )


@ex06.question("q3", "disagreements", kind="count")
class Disagreements(NumberQuestion):
    hints = (
        "At 0.5, a woman is called right when (p >= 0.5) equals (truth == 1). Find, for each "
        "model, who was called right, then count the women where exactly one model was.",
        "right_ref = (p_reference >= 0.5) == (truth == 1); do the same for p_knn; then "
        "(right_ref != right_knn).sum().",
    )

    def correct_message(self):
        pair = _pair()
        return (
            f"Correct. Of these women, {pair.only_first_right} were called right only by the "
            f"reference and {pair.only_second_right} only by the k-nearest neighbours; every other "
            "woman was called the same way by both. Only these women can tell the two apart."
        )

    def expected(self):
        pair = _pair()
        return pair.only_first_right + pair.only_second_right

    def mistakes(self):
        pair = _pair()
        both_wrong = int((~_right(_p("logistic_regression")) & ~_right(_p(OTHER))).sum())
        return [
            (
                pair.only_first_right,
                "This counts only the women the reference called right and the other model "
                "wrong. Add those the other model called right and the reference wrong.",
            ),
            (
                pair.only_second_right,
                "This counts only the women the k-nearest neighbours called right and the "
                "reference wrong. Add the other direction too.",
            ),
            (
                both_wrong,
                "This looks like the women both models called wrong. They do not tell the models "
                "apart; count the women where exactly one model was right.",
            ),
            (
                int((~_right(_p(OTHER))).sum()),
                "This looks like all the k-nearest neighbours' mistakes. Count the women where "
                "exactly one of the two models was right.",
            ),
        ]


@ex06.question("q4", "q4_answer")
class WhatToReport(ChoiceQuestion):
    @property
    def prompt(self):
        pair = _pair()
        return (
            f"At 0.5 the reference is right on {pair.only_first_right} women the k-nearest "
            f"neighbours get wrong, and the k-nearest neighbours on {pair.only_second_right} the "
            f"reference gets wrong. McNemar's exact test gives p = {pair.mcnemar_p:.2f}. What do "
            "you write in the report?"
        )

    options = (
        Option(
            "The reference is more accurate: it got more women right, so it wins the comparison.",
            MISCONCEPTIONS["difference_within_noise"].message,
        ),
        Option(
            "The p-value is the chance that the two models are equally good, so the reference "
            "is probably better.",
            "A p-value is not the chance that a model is better. It is how often equally good "
            "models would split their disagreements at least this unevenly.",
        ),
        Option(
            "The two models are equally good: p is above 0.05, so the test proves there is no "
            "difference.",
            "A p-value above 0.05 does not prove that there is no difference; these women are "
            "simply too few to show one. Absence of evidence is not evidence of absence.",
        ),
        Option(
            "The reference got more women right, but luck alone could give a split like this: "
            "report it with its uncertainty.",
            "Yes: report the difference with its uncertainty, and do not crown a winner on it.",
            correct=True,
        ),
    )
    correct = (
        "And compare them at the threshold the clinic would use, where the difference that "
        "matters to a woman lies: cancers missed and unnecessary biopsies."
    )


@ex06.question("q5", "knn_specificity", kind="proportion")
class SpecificityAtRuleOut(NumberQuestion):
    tolerance, absolute_tolerance = 0.001, 0.002
    hints = (
        "validation.nested_cv chooses the rule-out threshold inside each fold, from that fold's "
        'training women only. Give it models.make_model("knn"), X and y.',
        'Its .rate("specificity") is a Rate with the specificity at those thresholds: take its '
        ".value.",
    )

    def correct_message(self):
        share = _nested(OTHER).rate("specificity")
        reference = _nested("logistic_regression").rate("specificity")
        return (
            f"Correct. At a rule-out threshold chosen inside the cross-validation, the k-nearest "
            f"neighbours call {share.counted()} benign lumps benign (95% CI {share.interval()}); "
            f"the reference calls {reference.counted()} benign. At the bedside the gap is wider "
            "than the AUCs suggested."
        )

    def expected(self):
        return _nested(OTHER).rate("specificity").value

    def mistakes(self):
        p, y = _p(OTHER), _y()
        leaky = metrics.threshold_for_sensitivity(y, p, 0.98)
        return [
            (
                float(((p < leaky) & (y == 0)).sum() / (y == 0).sum()),
                "This threshold seems to have been chosen on the same out-of-fold probabilities "
                "it is then scored on, so it is tailored to these women and flatters the "
                "specificity. validation.nested_cv chooses it inside each fold.",
            ),
            (
                float(((p < THRESHOLD) & (y == 0)).sum() / (y == 0).sum()),
                "This is the specificity at 0.5. The question asks at a rule-out threshold, "
                "chosen inside the cross-validation for a sensitivity of 98%.",
            ),
            (_nested(OTHER).rate("sensitivity").value, "sensitivity_specificity_swapped"),
            (
                _nested("logistic_regression").rate("specificity").value,
                "This is the reference model's specificity at its rule-out threshold. The "
                'question asks for the k-nearest neighbours: models.make_model("knn").',
            ),
            (1 - _nested(OTHER).rate("specificity").value, "complement"),
        ]


@ex06.question("q6", "only_right")
class OnlyRight(FunctionQuestion):
    signature = "only_right(y, p_a, p_b, threshold)"
    outputs = "single count"
    hints = (
        "A woman is called right by a model when (p >= threshold) equals (y == 1). Compute "
        "that for model a and for model b, for every woman at once.",
        "right_a = (p_a >= threshold) == (y == 1); right_b likewise; then count the women with "
        "right_a and not right_b: (right_a & ~right_b).sum().",
    )
    correct = (
        "Correct. McNemar's test looks only at these counts, in both directions: the women the "
        "two models agree on say nothing about which is better."
    )

    def cases(self):
        y = np.array([1, 1, 0, 0, 1, 0])
        tried = [
            (y, np.array([0.9, 0.2, 0.1, 0.6, 0.5, 0.4]), np.array([0.4, 0.8, 0.3, 0.2, 0.7, 0.6]),
             0.5, "six women, one probability exactly on a threshold of 0.5"),
            (y, np.array([0.9, 0.2, 0.1, 0.6, 0.5, 0.4]), np.array([0.4, 0.8, 0.3, 0.2, 0.7, 0.6]),
             0.3, "the same six women with a threshold of 0.3"),
            (_y(), _p("logistic_regression"), _p(OTHER), THRESHOLD,
             "the 569 women, the reference as a and the k-nearest neighbours as b, at 0.5"),
            (_y(), _p(OTHER), _p("logistic_regression"), 0.2,
             "the 569 women, the k-nearest neighbours as a, at 0.2"),
        ]  # fmt: skip
        return [Case(args[:4], only_right(*args[:4]), args[4]) for args in tried]

    def same(self, got, expected):
        return got == expected

    def mistakes(self):
        def right(y, p, threshold, strict=False):
            flagged = p > threshold if strict else p >= threshold
            return flagged == (y == 1)

        return [
            (lambda y, a, b, t: int((right(y, a, t) != right(y, b, t)).sum()),
             "This counts the women in both directions. The question asks for one direction: "
             "called right by model a and wrong by model b."),
            (lambda y, a, b, t: int((right(y, b, t) & ~right(y, a, t)).sum()),
             "This counts the other direction: right by model b and wrong by model a."),
            (lambda y, a, b, t: int((right(y, a, t, True) & ~right(y, b, t, True)).sum()),
             "strict_threshold"),
            (lambda y, a, b, t: int((right(y, a, 0.5) & ~right(y, b, 0.5)).sum()), "hard_coded"),
            (lambda y, a, b, t: int(((a >= t) & (b < t)).sum()),
             "This counts the women model a flags and model b does not, whatever their "
             "diagnosis. Count the women model a calls right (its call matches y) and model b "
             "calls wrong."),
        ]  # fmt: skip


QUESTIONS = ex06.bind(globals())
