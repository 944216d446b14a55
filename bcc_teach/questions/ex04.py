"""Questions for exercise 04, "Clinical metrics" (solutions/ex04_clinical_metrics.ipynb).

The exercise evaluates a random forest (``models.make_model("random_forest")``) the way lesson 04
evaluates the reference model: on the test cases of the course's split, at a threshold of 0.5
and at a rule-out threshold chosen on the training cases only.

>>> from bcc_teach.questions.ex04 import q1
>>> q1.judge(96.2).misconception
'percentage_for_proportion'
"""

from __future__ import annotations

import functools

import numpy as np

from bcc_teach import data, metrics, models
from bcc_teach.checking import (
    ChoiceQuestion,
    FunctionQuestion,
    NumberQuestion,
    WrongType,
    ____,
)

__all__ = ["QUESTIONS", "____", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"]

THRESHOLD = 0.5
TARGET_SENSITIVITY = 0.98
MODEL = "random_forest"


@functools.cache
def _split():
    return models.split(*data.load_wdbc_xy())


@functools.cache
def _forest():
    X_train, _, y_train, _ = _split()
    return models.make_model(MODEL).fit(X_train, y_train)


@functools.cache
def _probabilities(cases: str) -> np.ndarray:
    """The forest's probabilities of malignancy for the "test" or the "train" cases."""
    X_train, X_test, _, _ = _split()
    return models.probability_malignant(_forest(), X_test if cases == "test" else X_train)


def _truth(cases: str) -> np.ndarray:
    _, _, y_train, y_test = _split()
    return (y_test if cases == "test" else y_train).to_numpy()


@functools.cache
def _metrics(threshold: float, cases: str = "test") -> metrics.ClinicalMetrics:
    return metrics.clinical_metrics(_truth(cases), _probabilities(cases), threshold)


@functools.cache
def _rule_out(model: str = MODEL) -> float:
    """The rule-out threshold of a named model, chosen on the training cases only."""
    X_train, _, y_train, _ = _split()
    return metrics.rule_out_threshold(models.make_model(model), X_train, y_train)


def _prevalence(setting: str) -> float:
    return metrics.PREVALENCE_SETTINGS[setting][0]


class Sensitivity(NumberQuestion):
    id, exercise, variable, kind = "q1", "ex04", "sensitivity", "proportion"
    hints = (
        "Sensitivity is about the women with cancer only: of the malignant test cases, what "
        "share has a probability at or above the threshold?",
        "metrics.clinical_metrics(y_test, p, threshold=0.5) computes every metric at once; "
        "its .sensitivity is the one asked for.",
    )
    correct = (
        "Correct. Of every 100 women with cancer, the forest flags about 96: about 1 woman with "
        "cancer in 26 would be told that her lump looks benign."
    )

    def expected(self):
        return _metrics(THRESHOLD).sensitivity

    def mistakes(self):
        m = _metrics(THRESHOLD)
        cancers = _probabilities("test")[_truth("test") == 1]
        return [
            (m.ppv, "precision_for_sensitivity"),
            (m.specificity, "sensitivity_specificity_swapped"),
            (float((cancers < THRESHOLD).mean()), "threshold_reversed"),
            (_metrics(THRESHOLD, "train").sensitivity, "training_accuracy"),
            (
                m.accuracy,
                "This looks like the accuracy: the share of all calls, benign and malignant, "
                "that were right. Sensitivity counts only the women who have cancer.",
            ),
        ]


class Specificity(NumberQuestion):
    id, exercise, variable, kind = "q2", "ex04", "specificity", "proportion"
    hints = (
        "Specificity is about the women without cancer: of the benign test cases, what share "
        "is called benign (a probability below the threshold)?",
        "Keep the probabilities of the benign test cases, p[y_test.to_numpy() == 0], then take "
        "the mean of (those probabilities < 0.5).",
    )
    correct = (
        "Correct. About 94 of every 100 women with a benign lump are reassured; about 1 in 18 "
        "is flagged and sent on for a biopsy she does not need."
    )

    def expected(self):
        return _metrics(THRESHOLD).specificity

    def mistakes(self):
        m = _metrics(THRESHOLD)
        return [
            (m.sensitivity, "sensitivity_specificity_swapped"),
            (
                1 - m.specificity,
                "This looks like the share of benign lumps that were flagged (the false-alarm "
                "rate, 1 − specificity). Specificity is the share of benign lumps called benign.",
            ),
            (
                m.npv,
                "This looks like the NPV: of the women called benign, how many are free of "
                "cancer. Specificity starts from the other side: of the women without cancer, "
                "how many are called benign?",
            ),
            (_metrics(THRESHOLD, "train").specificity, "training_accuracy"),
            (
                m.accuracy,
                "This looks like the accuracy: the share of all calls that were right. "
                "Specificity counts only the women without cancer.",
            ),
        ]


class WhatRuleOutMinimises(ChoiceQuestion):
    id, exercise, variable = "q3", "ex04", "q3_answer"
    prompt = (
        "A rule-out threshold is set low, so that almost every cancer lies above it. Compared "
        "with a threshold of 0.5, what does it do?"
    )
    options = {
        "a": (
            "It keeps false alarms few, so fewer women without cancer have a biopsy.",
            False,
            "The other way round: a lower threshold flags more women, including more women "
            "without cancer. A high threshold is the one that keeps false alarms few.",
        ),
        "b": (
            "It keeps missed cancers (false negatives) few, at the price of more false alarms "
            "(false positives).",
            True,
            "Yes: it buys sensitivity with specificity. Fewer women with cancer are sent home "
            "reassured; more women without cancer are sent for a biopsy.",
        ),
        "c": (
            "It gives the highest accuracy.",
            False,
            "Accuracy counts a missed cancer and a false alarm as equal mistakes; a rule-out "
            "threshold deliberately accepts many false alarms to avoid a few missed cancers, so "
            "its accuracy is usually lower.",
        ),
        "d": (
            "It makes a flag almost certain to mean cancer (a high PPV).",
            False,
            "Lowering the threshold flags more women without cancer, so the PPV falls. It is a "
            "'benign' result that becomes reassuring (a high NPV, a small LR−).",
        ),
    }
    correct = (
        "Under a rule-out threshold a flag is a reason for a biopsy, not a diagnosis; it is the "
        "'benign' call that is meant to reassure."
    )


class RuleOutThreshold(NumberQuestion):
    id, exercise, variable, kind = "q4", "ex04", "rule_out", "proportion"
    hints = (
        "metrics.rule_out_threshold chooses a threshold with a target sensitivity of 0.98 from "
        "the training cases alone; give it a model and the training cases.",
        'Give it a fresh forest, models.make_model("random_forest"), with X_train and y_train: '
        "it fits its own copies by cross-validation.",
    )
    correct = (
        "Correct. The test cases played no part in choosing it, so they can now check it honestly."
    )

    def expected(self):
        return _rule_out()

    def mistakes(self):
        return [
            (
                metrics.threshold_for_sensitivity(
                    _truth("test"), _probabilities("test"), TARGET_SENSITIVITY
                ),
                "This threshold seems to have been chosen on the test cases. It is then tailored "
                "to them, and their result flatters it. Choose it on the training cases only.",
            ),
            (
                metrics.threshold_for_sensitivity(
                    _truth("train"), _probabilities("train"), TARGET_SENSITIVITY
                ),
                "This threshold seems to come from the probabilities the fitted forest gives its "
                "own training cases. It has seen their answers, so they look too easy. "
                "metrics.rule_out_threshold avoids that with cross-validation.",
            ),
            (
                _rule_out("logistic_regression"),
                "This is the rule-out threshold of lesson 04's reference model (a logistic "
                "regression). This exercise is about the random forest.",
            ),
            (
                THRESHOLD,
                "That is the usual threshold of 0.5. A rule-out threshold is chosen to reach a "
                "sensitivity of 0.98 on the training cases.",
            ),
        ]


class MissedPerThousand(NumberQuestion):
    id, exercise, variable, kind = "q5", "ex04", "missed_per_1000", "number"
    hints = (
        "metrics.per_thousand(y_test, p, threshold=...) gives missed cancers and unnecessary "
        "biopsies per 1,000 women like the test cases. Use your rule-out threshold.",
        'It returns a dictionary: pick one entry with ["missed cancers"].',
    )
    correct = (
        "Correct. Of 1,000 women like these, about 7 would have their cancer missed at the "
        "rule-out threshold, half as many as at 0.5."
    )

    def expected(self):
        return metrics.per_thousand(_truth("test"), _probabilities("test"), _rule_out())[
            "missed cancers"
        ]

    def mistakes(self):
        y, p, rule_out = _truth("test"), _probabilities("test"), _rule_out()
        per_1000 = metrics.per_thousand(y, p, rule_out)
        missed = int(((y == 1) & (p < rule_out)).sum())
        return [
            (per_1000["unnecessary biopsies"], "benign_as_positive"),
            (1000 * ((y == 1) & (p >= rule_out)).sum() / len(y), "threshold_reversed"),
            (
                metrics.per_thousand(y, p, THRESHOLD)["missed cancers"],
                "This is the number at a threshold of 0.5. Use your rule-out threshold.",
            ),
            (
                1000 * (1 - _metrics(rule_out).sensitivity),
                "This is per 1,000 women *with cancer*. The question asks per 1,000 women like "
                "the test cases, most of whom have no cancer.",
            ),
            (
                missed,
                "This is the count among the 143 test cases. Scale it to 1,000 women like them.",
            ),
        ]


class ScreeningPPV(NumberQuestion):
    id, exercise, variable, kind = "q6", "ex04", "screening_ppv", "proportion"
    hints = (
        "PPV depends on how common cancer is. Take the forest's sensitivity and specificity at "
        "the rule-out threshold from the test cases, and the screening prevalence from "
        'metrics.PREVALENCE_SETTINGS["screening population"].',
        "metrics.predictive_values(sensitivity, specificity, prevalence) returns (PPV, NPV): "
        "the PPV comes first. Give it unrounded.",
    )
    correct = (
        "Correct: in screening only about 3 flagged women in 100 would have cancer, against "
        "about 80 in 100 in the diagnostic clinic. Same forest, same threshold, different "
        "women."
    )

    # A small PPV: the usual absolute margin of 0.005 for proportions would be too generous.
    tolerance, absolute_tolerance = 0.02, 0.0005

    def expected(self):
        m = _metrics(_rule_out())
        return metrics.predictive_values(
            m.sensitivity, m.specificity, _prevalence("screening population")
        )[0]

    def mistakes(self):
        m = _metrics(_rule_out())
        sens, spec = m.sensitivity, m.specificity
        screening = _prevalence("screening population")
        at_half = _metrics(THRESHOLD)
        return [
            (m.ppv, "ppv_without_prevalence"),
            (
                metrics.predictive_values(sens, spec, _prevalence("diagnostic clinic"))[0],
                "ppv_without_prevalence",
            ),
            (
                metrics.predictive_values(sens, spec, _prevalence("after a screening recall"))[0],
                "ppv_without_prevalence",
            ),
            (
                metrics.predictive_values(spec, sens, screening)[0],
                "sensitivity_specificity_swapped",
            ),
            (
                metrics.predictive_values(sens, spec, screening)[1],
                "This looks like the NPV, the second of the two values predictive_values "
                "returns. The PPV comes first.",
            ),
            (
                metrics.predictive_values(sens, spec, 100 * screening)[0],
                "The prevalence seems to have gone in as 0.51, which is 51%. In screening 0.51% "
                "of women have cancer: as a proportion, divide by 100.",
            ),
            (
                metrics.predictive_values(at_half.sensitivity, at_half.specificity, screening)[0],
                "This is the PPV at a threshold of 0.5. Use the sensitivity and specificity at "
                "your rule-out threshold.",
            ),
        ]


class WhatLRNegativeMeans(ChoiceQuestion):
    id, exercise, variable = "q7", "ex04", "q7_answer"
    prompt = (
        "A test has a negative likelihood ratio (LR−) of 0.02. What does that mean for a woman "
        "whose result is 'benign'?"
    )
    options = {
        "a": (
            "2% of the women it calls benign have cancer.",
            False,
            "That would be 1 − NPV, which depends on how common cancer is where she is tested. "
            "LR− does not: it describes the test alone.",
        ),
        "b": (
            "The test misses 2% of cancers.",
            False,
            "That would be 1 − sensitivity. LR− divides it by the specificity: (1 − "
            "sensitivity) / specificity.",
        ),
        "c": (
            "A 'benign' result multiplies her odds of cancer by 0.02 (divides them by 50), "
            "whatever they were before the test.",
            True,
            "Yes: LR− turns the odds before the test into the odds after a 'benign' result, "
            "in any setting.",
        ),
        "d": (
            "Her probability of cancer falls by 2 percentage points.",
            False,
            "Likelihood ratios multiply odds; they do not subtract from a probability.",
        ),
    }
    correct = (
        "In the diagnostic clinic her odds of about 0.6 would fall to about 0.012, a chance "
        "of about 1 in 85; in screening they would start far lower still."
    )


class FlagFunction(FunctionQuestion):
    id, exercise, variable = "q8", "ex04", "flag"
    signature = "flag(p, threshold)"
    hints = (
        "Compare the probabilities with the threshold: the comparison gives True or False for "
        "every case at once. Which comparison means 'at or above'?",
        "p >= threshold gives True/False for each case; .astype(int) turns them into 1/0.",
    )
    correct = (
        "Correct. That is all a threshold does; metrics.flagged(p, threshold) in the course "
        "package works the same way."
    )

    def trials(self) -> list[tuple[np.ndarray, float]]:
        """The probabilities and thresholds the learner's function is tried on."""
        spread = np.array([0.0, 0.25, 0.5, 0.75, 1.0])
        on_the_line = np.array([0.05, 0.16, 0.3, 0.16, 0.9, 0.01])
        p = _probabilities("test")
        return [(spread, 0.5), (on_the_line, 0.16), (p, THRESHOLD), (p, 0.1)]

    def cases(self):
        """Each trial's arguments, with how many of its cases should be flagged."""
        return [((p, threshold), int((p >= threshold).sum())) for p, threshold in self.trials()]

    def compare(self, got, expected, args):
        return self._judge_flags(got, *args)

    def _judge_flags(self, got, p: np.ndarray, threshold: float):
        """None when ``got`` flags exactly the cases of ``p`` at or above ``threshold``."""
        if got is None or isinstance(got, (str, bytes, dict)) or np.ndim(got) == 0:
            raise WrongType(
                "Your function returned a single value; it should return one value for each "
                "case in p (1 for flagged, 0 for not), for example as an array."
            )
        values = np.asarray(got)
        if values.shape != p.shape:
            return self._wrong(
                message=f"Your function gave {values.size} value(s) for {p.size} cases: it "
                "should give one 1 or 0 per case."
            )
        if values.dtype.kind not in "biuf":
            raise WrongType("Your function should return numbers: 1 for flagged, 0 for not.")
        if np.array_equal(values, p >= threshold):
            return None
        if np.array_equal(values, p < threshold) or np.array_equal(values, p <= threshold):
            return self._wrong("threshold_reversed")
        if np.array_equal(values, p > threshold):
            return self._wrong(
                message="Nearly: a case exactly on the threshold must be flagged too ('at or "
                "above'). Check which comparison you used."
            )
        if not set(np.unique(values).tolist()) <= {0, 1}:
            return self._wrong(
                message="Each value should be 1 (flagged) or 0 (not flagged); yours has other "
                "values. Compare p with the threshold."
            )
        return self._wrong()


q1, q2, q3, q4 = Sensitivity(), Specificity(), WhatRuleOutMinimises(), RuleOutThreshold()
q5, q6, q7, q8 = MissedPerThousand(), ScreeningPPV(), WhatLRNegativeMeans(), FlagFunction()
QUESTIONS = (q1, q2, q3, q4, q5, q6, q7, q8)
