"""Questions for exercise 08, "Robustness" (solutions/ex08_robustness.ipynb).

The exercise takes the course's taught model (``shift.taught_model()``: the reference logistic
regression, its rule-out threshold chosen on the 426 training women, the 143 test women kept
aside) to another clinic (fewer women with cancer: what PPV does, and what recalibration
changes), to another scanner (a magnification of 0.8, simulated with factors measured on
SYNTHETIC images; what an out-of-distribution warning means and misses), and to the original
Wisconsin data, where some women gave more than one sample (a grouped split).

>>> from bcc_teach.questions.ex08 import q1
>>> q1.judge(_ppv(WISCONSIN)).misconception
'ppv_without_prevalence'
"""

from __future__ import annotations

import functools

import numpy as np

from bcc_teach import data, metrics, shift
from bcc_teach.checking import (
    MISCONCEPTIONS,
    ChoiceQuestion,
    NumberQuestion,
    Option,
    QuestionSet,
)

ex08 = QuestionSet("ex08")

#: The other clinic of questions 1 and 2: this share of its women with a lump have cancer (a
#: what-if, not among ``shift.SETTINGS``, whose table the exercise shows first).
FEWER = 0.2
#: The share of women with cancer in the Wisconsin clinic, where the model was built.
WISCONSIN = shift.SETTINGS["Wisconsin clinic (the training data)"]
#: The new scanner's magnification in question 3, relative to the one the model learned on.
MAGNIFICATION = 0.8
#: The random split of the original Wisconsin data's rows in question 5.
FOLDS, SPLIT_SEED = 5, 0


@functools.cache
def _taught() -> shift.Taught:
    return shift.taught_model()


def _y() -> np.ndarray:
    return _taught().y_test.to_numpy()


@functools.cache
def _p() -> np.ndarray:
    p = _taught().probabilities()
    p.setflags(write=False)
    return p


@functools.cache
def _counted() -> metrics.ClinicalMetrics:
    return metrics.clinical_metrics(_y(), _p(), _taught().threshold)


@functools.cache
def _there(prevalence: float) -> metrics.InSetting:
    c = _counted()
    return metrics.in_setting(c.interval("sensitivity"), c.interval("specificity"), prevalence)


def _ppv(prevalence: float) -> float:
    return _there(prevalence).ppv


@functools.cache
def _factors() -> shift.ImagingFactors:
    """The imaging factors as the lesson and the exercise measure them (the default call, read
    from the course's stored results)."""
    return shift.imaging_factors()


@functools.cache
def _smaller() -> np.ndarray:
    """The test women's probabilities as the new scanner (magnification 0.8) measures them."""
    taught = _taught()
    drifted = shift.drift(taught.X_test, _factors().factors(magnification=MAGNIFICATION))
    p = taught.probabilities(drifted)
    p.setflags(write=False)
    return p


def _share(flags, among) -> float:
    return float(np.mean(np.asarray(flags)[np.asarray(among)]))


@functools.cache
def _original():
    """The original Wisconsin data: the nine scores, the diagnoses (1 = malignant) and the
    woman (``id_group``) of each of the 699 rows."""
    table = data.load_wbc_original()
    diagnosis = (table["diagnosis"] == "malignant").astype(int)
    return table[list(data.WBC_FEATURES)], diagnosis, table["id_group"]


@functools.cache
def _random_split() -> tuple[np.ndarray, np.ndarray]:
    """The first training and test rows of the exercise's random split of the rows."""
    from sklearn.model_selection import StratifiedKFold

    scores, diagnosis, _ = _original()
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SPLIT_SEED)
    return next(folds.split(scores, diagnosis))


def _women(rows) -> set:
    return set(_original()[2].iloc[rows])


# ---------------------------------------------------------------------------------------------
# q1, q2: another clinic, with fewer women with cancer
# ---------------------------------------------------------------------------------------------


@ex08.question("q1", "ppv_fewer", kind="proportion")
class PPVElsewhere(NumberQuestion):
    hints = (
        "Sensitivity and specificity carry over to the new clinic; the PPV must be worked out "
        "again from them and the new clinic's share of women with cancer. "
        "metrics.in_setting(sensitivity, specificity, prevalence) does that.",
        "there = metrics.in_setting(figures.sensitivity, figures.specificity, 0.2), then "
        "ppv_fewer = there.ppv. (By hand: sensitivity × 0.2 divided by all the women flagged, "
        "sensitivity × 0.2 + (1 − specificity) × 0.8.)",
    )

    def correct_message(self):
        there, home = _there(FEWER), _there(WISCONSIN)
        low, high = there.ppv_range
        f = there.frequencies
        return (
            f"Correct. Of 1,000 women with a lump at a clinic where {FEWER:.0%} have cancer, the "
            f"model flags {f.found + f.false_alarms}, and {f.found} of them have cancer (PPV "
            f"{there.ppv:.3f}; the intervals of sensitivity and specificity allow {low:.3f} to "
            f"{high:.3f}), against {home.ppv:.3f} in Wisconsin. Malignant is the positive "
            "class: the same sensitivity and specificity, fewer cancers among the women flagged."
        )

    def expected(self):
        return _ppv(FEWER)

    def mistakes(self):
        c, there = _counted(), _there(FEWER)
        low, high = there.ppv_range
        average = np.average(_p(), weights=shift.setting_weights(_y(), FEWER))
        return [
            (c.ppv, "ppv_without_prevalence"),
            (_ppv(WISCONSIN), "ppv_without_prevalence"),
            (
                _ppv(shift.SETTINGS["biopsy after recall (Lehman 2017)"]),
                "That is the PPV among women biopsied after a screening recall (28.6% with "
                "cancer). The question's clinic has 20% of its women with cancer.",
            ),
            (
                _ppv(shift.SETTINGS["a clinic with fewer cancers (what-if)"]),
                "That is the PPV at the table's clinic with 15% of its women with cancer. The "
                "question's clinic has 20%: work it out with in_setting.",
            ),
            (
                _ppv(shift.SETTINGS["screening population (what-if, Lehman 2017)"]),
                "That is the PPV in a screening population, where very few women have cancer. "
                "The question's clinic has 20% of its women with cancer.",
            ),
            (
                1.0,
                f"That is 1: the sensitivity ({c.interval('sensitivity').counted()} women with "
                "cancer flagged) or the NPV. Sensitivity carries over unchanged; the question "
                "asks for the PPV: of the women flagged, the share who have cancer.",
            ),
            (
                c.specificity,
                "That is the specificity, which carries over unchanged. The question asks for "
                "the PPV: of the women flagged, the share who have cancer.",
            ),
            (
                _ppv(1 - FEWER),
                "This is the PPV where 80% of the women have cancer: 0.8 is the share without "
                "cancer. Give in_setting the share with cancer, 0.2.",
            ),
            (
                FEWER,
                "That is the share of women with cancer at the new clinic (the prevalence), "
                "which the question gives. The PPV is the share with cancer among the women the "
                "model flags.",
            ),
            (
                float(average),
                "That looks like the model's average probability of malignancy at the new "
                "clinic. The question asks for the PPV at the taught threshold.",
            ),
            (
                low,
                "This is the lower end of the range the intervals allow (ppv_range). The "
                "question asks for the PPV itself: .ppv.",
            ),
            (
                high,
                "This is the upper end of the range the intervals allow (ppv_range). The "
                "question asks for the PPV itself: .ppv.",
            ),
        ]


@ex08.question("q2", "q2_answer")
class WhatRecalibrationChanges(ChoiceQuestion):
    prompt = (
        "The taught model moves to a clinic where about 20% of the women with a lump have "
        "cancer. The team recalibrates it in the large (the intercept only) on 400 local women. "
        "What does the recalibration change?"
    )
    options = (
        Option(
            "It restores the model's discrimination: the AUC rises, because the probabilities "
            "now fit the local women.",
            MISCONCEPTIONS["recalibration_restores_ranking"].message,
        ),
        Option(
            "The level of the probabilities, down to local risk; the women's order, and so the "
            "AUC, stays the same.",
            "Yes: the same number is added to every woman's log-odds, so all move down together "
            "and nobody overtakes anybody.",
            correct=True,
        ),
        Option(
            "Nothing a clinic would notice: at the same rule-out threshold, the same women are "
            "flagged as before.",
            "Every probability moves down, so women who sat just above the threshold drop "
            "below it: fewer are flagged, and a cancer can drop below too. Check the threshold "
            "again on local women after recalibrating.",
        ),
        Option(
            "Sensitivity and specificity both improve at every threshold, because the model "
            "has learned the local women.",
            "Recalibration learns one number from the local women, not their cells. The "
            "ranking is unchanged, so every pair of sensitivity and specificity on offer is the "
            "same as before, only reached at another threshold.",
        ),
    )
    correct = (
        "So after recalibrating, choose the rule-out threshold again (on local women, or inside "
        "cross-validation), and check its sensitivity with its interval."
    )


# ---------------------------------------------------------------------------------------------
# q3, q4: another scanner, and the out-of-distribution warning
# ---------------------------------------------------------------------------------------------


@ex08.question("q3", "sens_smaller", kind="proportion")
class SensitivityAfterDrift(NumberQuestion):
    hints = (
        "First measure the test women as the new scanner would: shift.drift(X_test, "
        "factors.factors(magnification=0.8)). Then ask the model for their probabilities and "
        "flag those at or above taught.threshold.",
        "X_smaller = shift.drift(X_test, factors.factors(magnification=0.8)); flagged = "
        "taught.probabilities(X_smaller) >= taught.threshold; the sensitivity is the share "
        "flagged among the women with cancer: flagged[cancer].mean().",
    )

    def correct_message(self):
        counts = metrics.confusion(_y(), _smaller(), _taught().threshold)
        sensitivity = metrics.rate(counts.tp, counts.tp + counts.fn)
        return (
            f"Correct. Measured by the new scanner, the model flags {sensitivity.counted()} "
            f"women with cancer (sensitivity {sensitivity.words(3)}; malignant = positive): "
            f"{counts.fn} cancers now fall below the rule-out threshold. Nothing in their cells "
            "changed; their nuclei only measure smaller. (The factors come from SYNTHETIC "
            "images: the direction of the change is real, its size on a real scanner is not "
            "known.)"
        )

    def expected(self):
        return _share(_smaller() >= _taught().threshold, _y() == 1)

    def mistakes(self):
        threshold, y, p = _taught().threshold, _y(), _smaller()
        flagged = p >= threshold
        return [
            (
                1.0,
                "This is 1, every one: the sensitivity on the women as measured in Wisconsin "
                "(X_test, before the change), and also the specificity after it. Score the "
                "drifted women (shift.drift), and count, among the women with cancer only, "
                "those flagged.",
            ),
            (
                _share(p >= 0.5, y == 1),
                "This is the sensitivity at 0.5. The taught model rules out below its own "
                "rule-out threshold: compare with taught.threshold.",
            ),
            (_share((1 - p) >= threshold, y == 1), "benign_as_positive"),
            (_share(flagged, y == 0), "benign_as_positive"),
            (
                float(np.mean(flagged == (y == 1))),
                "This is the share of all 143 women called right (the accuracy). Sensitivity "
                "counts only the women with cancer: of them, how many are flagged?",
            ),
            (
                float(np.mean(flagged)),
                "This is the share of all 143 women flagged. Sensitivity counts only the women "
                "with cancer: divide the cancers flagged by all the women with cancer.",
            ),
        ]


@ex08.question("q4", "q4_answer")
class WhatTheWarningMeans(ChoiceQuestion):
    prompt = (
        "At a clinic using the taught model, the out-of-distribution warning fires on one "
        "woman's aspirate. What does the warning tell the team?"
    )
    options = (
        Option(
            "Her lump is probably malignant: the warning has found cells unlike those of normal "
            "breast tissue.",
            MISCONCEPTIONS["ood_warning_as_malignant"].message,
        ),
        Option(
            "The model's call for her is wrong, so the opposite call should be made: benign if "
            "it said malignant.",
            "The warning does not say which way the model errs, nor that it errs at all: only "
            "that it is on unfamiliar ground, where its probability cannot be relied on.",
        ),
        Option(
            "Nothing to act on: about 1 in 100 ordinary cases trips it by design, so one warning "
            "can be ignored.",
            "About 1 in 100 ordinary cases trips it by design, so one warning is not proof of "
            "trouble; but her probability is still not to be relied on. And many warnings at "
            "once point to the scanner, the focus or the stain.",
        ),
        Option(
            "Her measurements are unlike the training women's: her probability is not to be "
            "relied on here.",
            "Yes: the warning looks at her measurements, not at the model's answer.",
            correct=True,
        ),
    )
    correct = (
        "Check the slide (focus, stain, scanner settings), and let the cytologist's reading and "
        "the rest of the triple assessment carry the decision for her."
    )


# ---------------------------------------------------------------------------------------------
# q5, q6: women who gave more than one sample
# ---------------------------------------------------------------------------------------------


@ex08.question("q5", "shared_women", kind="count")
class SharedWomen(NumberQuestion):
    hints = (
        "woman.iloc[train_rows] gives the woman of each training row, and woman.iloc[test_rows] "
        "the woman of each test row. Which women turn up in both?",
        "Make a set of each, and count what they have in common: "
        "len(set(woman.iloc[train_rows]) & set(woman.iloc[test_rows])).",
    )

    def correct_message(self):
        train, test = _random_split()
        shared = _women(train) & _women(test)
        rows = int(_original()[2].iloc[test].isin(shared).sum())
        return (
            f"Correct. This random split tests the model on {rows} rows from {len(shared)} "
            "women who also have rows in training: for them, the model has already seen a "
            "sample of the same woman. A grouped split (StratifiedGroupKFold with groups=woman) "
            "keeps every woman on one side."
        )

    def expected(self):
        train, test = _random_split()
        return len(_women(train) & _women(test))

    def mistakes(self):
        _, _, woman = _original()
        train, test = _random_split()
        shared = _women(train) & _women(test)
        sizes = woman.value_counts()
        return [
            (
                0,
                "That is what a grouped split gives (StratifiedGroupKFold with groups=woman). "
                "This split is a random split of the rows: it does not know which rows belong to "
                "the same woman, so some women land on both sides. Count them.",
            ),
            (
                int((sizes > 1).sum()),
                "That is every woman with more than one row in the whole data. The question asks "
                "how many of them this split puts on both sides: in training and in test.",
            ),
            (
                len(woman) - woman.nunique(),
                "That is how many rows repeat a woman seen earlier, over all 699 rows. The "
                "question asks how many women this split puts on both sides.",
            ),
            (
                int(sizes[sizes > 1].sum()),
                "That counts all the rows of the women with more than one row. The question asks "
                "for women, and only those this split puts on both sides.",
            ),
            (
                int(woman.isin(shared).sum()),
                "That counts rows (all the rows of the women found on both sides). The question "
                "asks for the number of women.",
            ),
            (
                len(_women(test)),
                "That is how many women have rows among the test rows. Count only those who "
                "also have rows among the training rows.",
            ),
            (
                len(test),
                "That is the number of test rows. Count the women with rows on both sides.",
            ),
        ]


@ex08.question("q6", "q6_answer")
class WhyGroup(ChoiceQuestion):
    prompt = (
        "In the original Wisconsin data, cross-validated with a random split of the rows and "
        "with a grouped split, the model's AUCs come out nearly the same. A colleague concludes "
        "that the grouped split was a waste of effort. What do you reply?"
    )
    options = (
        Option(
            "Keep it: a random split met some women in training and again in testing; here few "
            "repeat, so it hardly showed.",
            "Yes: a grouped split costs nothing, and what a random split hides grows with how "
            "many rows each woman gives and how alike they are.",
            correct=True,
        ),
        Option(
            "Agreed: the figures agree, so a random split of the rows is good enough whenever "
            "sample ids repeat.",
            MISCONCEPTIONS["random_split_repeated_women"].message,
        ),
        Option(
            "Drop the women who gave more than one sample; then a random split is safe and "
            "nothing is lost.",
            "That throws women away, and often not at random (women sampled again may be the "
            "harder cases). A grouped split keeps them all, each on one side.",
        ),
        Option(
            "The grouped split is the flawed one: keeping a woman's rows together wastes data "
            "the model could learn from.",
            "Keeping a woman's rows on one side is the point: in the clinic the model meets new "
            "women, not new samples of women it has already seen.",
        ),
    )
    correct = (
        "The more rows each woman gives, the more a random split flatters (shift."
        "repeated_aspirates builds a what-if with several aspirates per woman): it rewards a "
        "model for recognising the woman, not her disease."
    )


# ---------------------------------------------------------------------------------------------
# q7: a new scanner arrives
# ---------------------------------------------------------------------------------------------


@ex08.question("q7", "q7_answer")
class NewScanner(ChoiceQuestion):
    prompt = (
        "The pathology department replaces its slide scanner, and the out-of-distribution "
        "warning stays quiet on the first month's cases. What should the department do before "
        "trusting the model's calls again?"
    )
    options = (
        Option(
            "Nothing more: a quiet warning shows that the new scanner measures nuclei just as "
            "the old one did.",
            "A quiet warning is no proof. Nuclei measured too small still look like ordinary "
            "benign nuclei, so the warning hardly changes while cancers slip below the "
            "threshold, as at a magnification of 0.8.",
        ),
        Option(
            "Scan a calibration slide of known size, correct the measurements, then check "
            "sensitivity on local women.",
            "Yes: re-measuring puts the sizes right, and a check on local women with known "
            "diagnoses, with its interval, shows whether the calls are right again.",
            correct=True,
        ),
        Option(
            "Recalibrate the probabilities on a few dozen local women: that corrects any change "
            "the scanner brought.",
            MISCONCEPTIONS["recalibration_restores_ranking"].message
            + " And a few dozen local women recalibrate with a wide margin.",
        ),
        Option(
            "Lower the rule-out threshold until the model flags as many women as it did with "
            "the old scanner.",
            "Flagging as many women says nothing about whether they are the right women, and "
            "the share with cancer changes from month to month. Put the measurements right "
            "first, then check on women with known diagnoses.",
        ),
    )
    correct = (
        "And keep watching after that: the share of women flagged, the warning's rate, and the "
        "sensitivity on each new batch of women with a known diagnosis."
    )


QUESTIONS = ex08.bind(globals())
