"""Questions for exercise 04, "Clinical metrics" (solutions/ex04_clinical_metrics.ipynb).

The exercise evaluates a random forest (``models.make_model("random_forest")``) the way lesson 04
evaluates the reference model: on the test cases of the course's split, at a threshold of 0.5
and at a rule-out threshold chosen on the training cases only.

>>> from bcc_teach.questions.ex04 import q1
>>> q1.judge(96.2).misconception
'percentage_for_proportion'
"""

from __future__ import annotations

import numpy as np

from bcc_teach import metrics
from bcc_teach.checking import (
    Case,
    ChoiceQuestion,
    FunctionQuestion,
    NumberQuestion,
    Option,
    QuestionSet,
)
from bcc_teach.questions.fixtures import clinical, probabilities, rule_out, truth

THRESHOLD = 0.5
TARGET_SENSITIVITY = 0.98
MODEL = "random_forest"

ex04 = QuestionSet("ex04")


def _probabilities(part: str) -> np.ndarray:
    """The forest's probabilities of malignancy for the "test" or the "train" cases."""
    return probabilities(MODEL, part)


def _metrics(threshold: float, part: str = "test") -> metrics.ClinicalMetrics:
    return clinical(MODEL, threshold, part)


def _rule_out(model: str = MODEL) -> float:
    """The rule-out threshold of a named model, chosen on the training cases only."""
    return rule_out(model)


def _prevalence(setting: str) -> float:
    return metrics.PREVALENCE_SETTINGS[setting][0]


@ex04.question("q1", "sensitivity", kind="proportion")
class Sensitivity(NumberQuestion):
    hints = (
        "Sensitivity is about the women with cancer only: of the malignant test cases, what "
        "share has a probability at or above the threshold?",
        "metrics.clinical_metrics(y_test, p, threshold=0.5) computes every metric at once; "
        "its .sensitivity is the one asked for.",
    )

    def correct_message(self):
        found = round(100 * self.expected())
        share = _metrics(THRESHOLD).interval("sensitivity")
        return (
            f"Correct. Of every 100 women with cancer, the forest flags about {found}: about "
            f"{100 - found} in 100 would be told that their lump looks benign. Malignant is the "
            f"positive class. Counted on {share.total} test cancers, the 95% interval is "
            f"{share.interval()}."
        )

    def expected(self):
        return _metrics(THRESHOLD).sensitivity

    def mistakes(self):
        m = _metrics(THRESHOLD)
        cancers = _probabilities("test")[truth("test") == 1]
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


@ex04.question("q2", "specificity", kind="proportion")
class Specificity(NumberQuestion):
    # The accuracy lies only 0.007 away: a window of 0.005 would take it, rounded.
    tolerance, absolute_tolerance = 0.001, 0.002
    hints = (
        "Specificity is about the women without cancer: of the benign test cases, what share "
        "is called benign (a probability below the threshold)?",
        "Keep the probabilities of the benign test cases, p[y_test.to_numpy() == 0], then take "
        "the mean of (those probabilities < 0.5). Give it unrounded.",
    )

    def correct_message(self):
        cleared = round(100 * self.expected())
        share = _metrics(THRESHOLD).interval("specificity")
        return (
            f"Correct. About {cleared} of every 100 women with a benign lump are called benign; "
            f"the other {100 - cleared} are flagged and sent on for a biopsy they do not need. "
            f"Counted on {share.total} benign lumps, the 95% interval is {share.interval()}."
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


@ex04.question("q3", "q3_answer")
class WhatRuleOutMinimises(ChoiceQuestion):
    prompt = (
        "A rule-out threshold is set low, so that almost every cancer lies above it. Compared "
        "with a threshold of 0.5, what does it do?"
    )
    options = (
        Option(
            "It keeps false alarms few, so fewer women without cancer are sent for a biopsy.",
            "The other way round: a lower threshold flags more women, including more women "
            "without cancer. A high threshold is the one that keeps false alarms few.",
        ),
        Option(
            "It gives the highest accuracy, because it gets the most cases right.",
            "Accuracy counts a missed cancer and a false alarm as equal mistakes; a rule-out "
            "threshold deliberately accepts many false alarms to avoid a few missed cancers, "
            "so its accuracy is usually lower.",
        ),
        Option(
            "It makes a flag almost certain to mean cancer (a high PPV), so fewer biopsies are "
            "wasted.",
            "Lowering the threshold flags more women without cancer, so the PPV falls. It is a "
            "'benign' result that becomes more telling (a high NPV, a small LR−).",
        ),
        Option(
            "It keeps missed cancers few, at the price of more false alarms (false positives).",
            "Yes: it buys sensitivity with specificity. Fewer women with cancer are called "
            "benign; more women without cancer are sent for a biopsy.",
            correct=True,
        ),
    )
    correct = (
        "Under a rule-out threshold a flag is a reason for a biopsy, not a diagnosis. A "
        "'benign' call lowers the risk but rules nothing out alone: in triple assessment the "
        "examination and imaging still count, and a discordant result goes on to core biopsy."
    )


@ex04.question("q4", "rule_out", kind="proportion")
class RuleOutThreshold(NumberQuestion):
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
                    truth("test"), _probabilities("test"), TARGET_SENSITIVITY
                ),
                "chosen_on_test",
            ),
            (rule_out(MODEL, "test"), "chosen_on_test"),
            (
                metrics.threshold_for_sensitivity(
                    truth("train"), _probabilities("train"), TARGET_SENSITIVITY
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


@ex04.question("q5", "missed_per_1000", kind="number")
class MissedPerThousand(NumberQuestion):
    hints = (
        "metrics.per_thousand(y_test, p, threshold=...) gives missed cancers and unnecessary "
        "biopsies per 1,000 women like the test cases. Use your rule-out threshold.",
        "It returns a record of several numbers: pick one with a dot, .missed_cancers.",
    )

    def correct_message(self):
        at_half = self._memo(
            "at 0.5", lambda: metrics.per_thousand(truth("test"), _probabilities("test"), 0.5)
        )
        return (
            f"Correct. Of 1,000 women like these, about {self.target():.0f} would have their "
            f"cancer missed at the rule-out threshold, against about "
            f"{at_half.missed_cancers:.0f} at 0.5. With only 143 test cases these are rough "
            f"figures: the share of cancers missed is "
            f"{self._missed_share().words(percent=True)}."
        )

    def expected(self):
        return metrics.per_thousand(
            truth("test"), _probabilities("test"), _rule_out()
        ).missed_cancers

    def _missed_share(self):
        counts = _metrics(_rule_out()).counts
        return metrics.rate(counts.fn, counts.fn + counts.tp)

    def mistakes(self):
        y, p, rule_out = truth("test"), _probabilities("test"), _rule_out()
        per_1000 = metrics.per_thousand(y, p, rule_out)
        missed = int(((y == 1) & (p < rule_out)).sum())
        return [
            (
                per_1000.unnecessary_biopsies,
                "That is the number of unnecessary biopsies per 1,000 (.unnecessary_biopsies): "
                "women without cancer who are flagged. The question asks for the cancers "
                "missed: .missed_cancers.",
            ),
            (1000 * ((y == 1) & (p >= rule_out)).sum() / len(y), "threshold_reversed"),
            (
                metrics.per_thousand(y, p, THRESHOLD).missed_cancers,
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
            (per_1000.missed_cancers / 1000, "proportion_for_per_thousand"),
            (
                per_1000.missed_cancers / 10,
                "This looks like a percentage (per 100 women). The question asks per 1,000 "
                "women: multiply the share by 1,000.",
            ),
        ]


@ex04.question("q6", "screening_ppv", kind="proportion")
class ScreeningPPV(NumberQuestion):
    hints = (
        "PPV depends on how common cancer is. Take the forest's sensitivity and specificity at "
        "the rule-out threshold from the test cases, and the screening prevalence from "
        'metrics.PREVALENCE_SETTINGS["screening population"], which holds the prevalence and '
        "its source: take its [0].",
        "metrics.predictive_values(sensitivity, specificity, prevalence) returns a record "
        "with both predictive values: take its .ppv. Give it unrounded.",
    )

    def correct_message(self):
        m = _metrics(_rule_out())
        clinic = metrics.predictive_values(
            m.sensitivity, m.specificity, _prevalence("diagnostic clinic")
        ).ppv
        return (
            f"Correct: in screening only about {round(100 * self.expected())} flagged women in "
            f"100 would have cancer, against about {round(100 * clinic)} in 100 in the "
            "diagnostic clinic. Same forest, same threshold, different women."
        )

    # A small PPV: the usual absolute margin of 0.005 for proportions would be too generous.
    tolerance, absolute_tolerance = 0.02, 0.0005

    def expected(self):
        m = _metrics(_rule_out())
        return metrics.predictive_values(
            m.sensitivity, m.specificity, _prevalence("screening population")
        ).ppv

    def mistakes(self):
        m = _metrics(_rule_out())
        sens, spec = m.sensitivity, m.specificity
        screening = _prevalence("screening population")
        at_half = _metrics(THRESHOLD)
        return [
            (m.ppv, "ppv_without_prevalence"),
            (
                metrics.predictive_values(sens, spec, _prevalence("diagnostic clinic")).ppv,
                "ppv_without_prevalence",
            ),
            (
                metrics.predictive_values(sens, spec, _prevalence("biopsy after recall")).ppv,
                "ppv_without_prevalence",
            ),
            (metrics.predictive_values(sens, spec, 0.044).ppv, "ppv_without_prevalence"),
            (
                metrics.predictive_values(sens, spec, 0.0051).ppv,
                "This used 5.1 per 1,000, the cancers a screening programme *detects*. About 0.8 "
                "per 1,000 more are missed by the screen, so about 5.9 per 1,000 women screened "
                'have cancer: take the prevalence from metrics.PREVALENCE_SETTINGS["screening '
                'population"].',
            ),
            (
                metrics.predictive_values(spec, sens, screening).ppv,
                "sensitivity_specificity_swapped",
            ),
            (
                metrics.predictive_values(sens, spec, screening).npv,
                "This looks like the NPV (.npv): of the women called benign, the share free of "
                "cancer. The question asks for the PPV (.ppv): of the women flagged, the share "
                "with cancer.",
            ),
            (
                metrics.predictive_values(sens, spec, 100 * screening).ppv,
                f"The prevalence seems to have gone in as {100 * screening:.2f}, which is "
                f"{100 * screening:.0%}. The course's screening setting is {screening:.2%} "
                "(women screened who have cancer): as a proportion, divide by 100.",
            ),
            (
                1 - metrics.predictive_values(sens, spec, screening).ppv,
                "This looks like 1 − PPV: the share of flagged women who do not have cancer. "
                "The PPV is the share who do.",
            ),
            (
                spec,
                "This is the specificity at the rule-out threshold. The PPV combines it with the "
                "sensitivity and the screening prevalence: metrics.predictive_values.",
            ),
            (
                metrics.predictive_values(at_half.sensitivity, at_half.specificity, screening).ppv,
                "This is the PPV at a threshold of 0.5. Use the sensitivity and specificity at "
                "your rule-out threshold.",
            ),
        ]


@ex04.question("q7", "q7_answer")
class WhatLRNegativeMeans(ChoiceQuestion):
    prompt = (
        "A test has a negative likelihood ratio (LR−) of 0.02. What does that mean for a woman "
        "whose result is 'benign'?"
    )
    options = (
        Option(
            "2% of the women it calls benign have cancer, whatever the setting.",
            "That would be 1 − NPV, which depends on how common cancer is where she is tested. "
            "LR− does not: it describes the test alone.",
        ),
        Option(
            "A 'benign' result multiplies her odds of cancer by 0.02, whatever her odds were "
            "before.",
            "Yes: LR− turns the odds before the test into the odds after a 'benign' result, in "
            "any setting.",
            correct=True,
        ),
        Option(
            "The test misses 2% of cancers: it finds 98 of every 100 women with cancer.",
            "That would be 1 − sensitivity. LR− divides it by the specificity: (1 − "
            "sensitivity) / specificity.",
        ),
        Option(
            "Her probability of cancer falls by 2 percentage points after a 'benign' result, in "
            "any clinic.",
            "Likelihood ratios multiply odds; they do not subtract from a probability.",
        ),
    )

    def correct_message(self):
        before = _prevalence("diagnostic clinic")
        odds = before / (1 - before)
        after = 0.02 * odds
        return (
            f"In the diagnostic clinic her odds of about {odds:.2f} would fall to about "
            f"{after:.3f}, a chance of about 1 in {round((1 + after) / after)}; in screening "
            "they would start far lower still."
        )


@ex04.question("q8", "flag")
class FlagFunction(FunctionQuestion):
    signature = "flag(p, threshold)"
    outputs = "flags"
    hints = (
        "Compare the probabilities with the threshold: the comparison gives True or False for "
        "every case at once. Which comparison means 'at or above'?",
        "p >= threshold gives True/False for each case; .astype(int) turns them into 1/0.",
    )
    correct = (
        "Correct. That is all a threshold does; metrics.flagged(p, threshold) in the course "
        "package works the same way."
    )

    def cases(self):
        p = _probabilities("test")
        tried = [
            (
                np.array([0.0, 0.25, 0.5, 0.75, 1.0]),
                0.5,
                "five probabilities from 0 to 1, one of them exactly 0.5, with a threshold of 0.5",
            ),
            (
                np.array([0.05, 0.16, 0.3, 0.16, 0.9, 0.01]),
                0.16,
                "six probabilities, two of them exactly on a threshold of 0.16",
            ),
            (p, THRESHOLD, "the forest's 143 test probabilities with a threshold of 0.5"),
            (p, 0.1, "the forest's 143 test probabilities with a threshold of 0.1"),
        ]
        return [
            Case((probs, threshold), (probs >= threshold).astype(int).tolist(), words)
            for probs, threshold, words in tried
        ]

    def same(self, got, expected):
        return list(got) == list(expected)

    def diagnose(self, got, case):
        p = case.args[0]
        if len(got) != len(p):
            return (
                f"Your function gave {len(got)} value(s) for {len(p)} cases ({case.describe}): "
                "it should give one 1 or 0 per case."
            )
        if not set(got) <= {0, 1}:
            return (
                "Each value should be 1 (flagged) or 0 (not flagged); yours has other values. "
                "Compare p with the threshold."
            )
        return None

    def mistakes(self):
        return [
            (lambda p, threshold: (p < threshold).astype(int), "threshold_reversed"),
            (lambda p, threshold: (p <= threshold).astype(int), "threshold_reversed"),
            (lambda p, threshold: (p > threshold).astype(int), "strict_threshold"),
            (lambda p, threshold: (p >= 0.5).astype(int), "hard_coded"),
            (
                lambda p, threshold: (1 - p >= threshold).astype(int),
                "benign_as_positive",
            ),
        ]


QUESTIONS = ex04.bind(globals())
