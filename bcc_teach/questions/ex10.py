"""Questions for exercise 10, the capstone (solutions/ex10_capstone.ipynb).

One graded question per milestone of the capstone, on the original Wisconsin data
(``capstone.scores_data``: nine cytology scores given by eye, 16 missing bare nuclei scores,
women who gave more than one row, batches 1 to 8): what the data hold, a pipeline with the
missing values filled in inside it, a split by woman and by time, a threshold chosen on the
development women, the later women's figures and calibration, LIME's stability, an
out-of-distribution case, the model card, and scores given by eye at another clinic. The
catalogue's misconceptions for these data: the missing values imputed before the split, a
random split of rows where a woman gives several, scores read as measurements with units, and
the threshold chosen on the test batches.

>>> from bcc_teach.questions.ex10 import q3
>>> q3.judge(0).misconception
'random_split_repeated_women'
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from bcc_teach import capstone, explain, metrics, shift
from bcc_teach.checking import (
    MISCONCEPTIONS,
    ChoiceQuestion,
    ModelQuestion,
    NumberQuestion,
    Option,
    QuestionSet,
)

ex10 = QuestionSet("ex10")

#: The sensitivity the rule-out threshold must reach on the development women.
TARGET = 0.98
#: The grouped cross-validation of the development women: folds and shuffling seed.
FOLDS, SEED = 5, 0
#: The two later women whose explanations the exercise judges (LIME, seeds 0 to 4, top 3).
NEAR, BELOW = "O490", "O554"
SEEDS, TOP = range(5), 3
#: The names of scikit-learn's imputers, any of which may fill in the missing scores.
IMPUTERS = ("SimpleImputer", "KNNImputer", "IterativeImputer")


@dataclass(frozen=True)
class Worked:
    """The capstone worked once: the split, the grouped out-of-fold probabilities of the
    development women, the model fitted on development and its probabilities for the later
    women."""

    split: capstone.TimeSplit
    grouped: np.ndarray
    model: object
    later: np.ndarray

    @functools.cached_property
    def threshold(self) -> float:
        return metrics.threshold_for_sensitivity(self.split.y_development, self.grouped, TARGET)


@functools.cache
def worked() -> Worked:
    """The capstone's model and probabilities (computed once; the grouped cross-validation
    is read back from the course's stored results)."""
    split = capstone.split_by_time()
    grouped = capstone.grouped_probabilities(shift.scores_model(), split, FOLDS, SEED).copy()
    model = shift.scores_model().fit(split.X_development, split.y_development)
    later = model.predict_proba(split.X_later)[:, 1]
    for array in (grouped, later):
        array.setflags(write=False)
    return Worked(split, grouped, model, later)


@functools.cache
def rates(part: str, threshold: float | None = None) -> capstone.FourRates:
    """The four rates of the "development" women (grouped, out of fold) or the "later" ones,
    at ``threshold`` (the rule-out threshold if none), computed once."""
    w = worked()
    threshold = w.threshold if threshold is None else threshold
    if part == "development":
        return capstone.four_rates(w.split.y_development, w.grouped, threshold)
    return capstone.four_rates(w.split.y_later, w.later, threshold)


@functools.cache
def naive_probabilities() -> np.ndarray:
    """The development rows' out-of-fold probabilities from a random split of the rows (the
    mistake of question 5; computed only when a wrong answer is judged)."""
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    split = worked().split
    return cross_val_predict(
        shift.scores_model(), split.X_development, split.y_development,
        cv=StratifiedKFold(FOLDS, shuffle=True, random_state=SEED), method="predict_proba",
    )[:, 1]  # fmt: skip


@functools.cache
def explainer() -> explain.CaseExplainer:
    """LIME for the capstone's model, on the development rows with every score given."""
    split = worked().split
    complete = split.X_development.dropna()
    return explain.CaseExplainer(worked().model, complete, split.y_development[complete.index])


@functools.cache
def stability(case_id: str) -> explain.StabilityReport:
    """How stable LIME's top reasons are for one later woman (stored with the course)."""
    return explain.stability(explainer(), worked().split.X_later.loc[case_id], SEEDS, TOP)


# ---------------------------------------------------------------------------------------------
# Milestone 1: what differs from WDBC
# ---------------------------------------------------------------------------------------------


@ex10.question("q1", "n_women", kind="count")
class HowManyWomen(NumberQuestion):
    hints = (
        "Each row is one aspirate, and rows of the same woman share a label in the column "
        "id_group. Count the different labels, not the rows.",
        "original['id_group'].nunique() counts the different sample codes: one per woman.",
    )

    def correct_message(self):
        scores = capstone.scores_data()
        rows = len(scores.X)
        return (
            f"Correct. The {rows} rows come from {self.expected()} women: "
            f"{rows - self.expected()} rows repeat a woman met in an earlier row. A random "
            "split of the rows could put one of her aspirates in training and another in "
            "testing, so every split in this capstone keeps a woman's rows together."
        )

    def expected(self):
        return capstone.scores_data().woman.nunique()

    def mistakes(self):
        scores = capstone.scores_data()
        return [
            (len(scores.X), "That counts rows (aspirates). Some women gave more than one: "
             "count the different labels in id_group."),
            (len(scores.X) - scores.woman.nunique(), "That is how many rows repeat an earlier "
             "woman. The question asks how many different women there are."),
            (len(scores.X.dropna()), "That counts the rows with every score given. The "
             "question asks how many different women (id_group labels) there are."),
            (int(scores.y.sum()), "That counts the rows with cancer. The question asks how "
             "many different women there are, whatever their diagnosis."),
            (int(scores.X.isna().sum().sum()), "That counts the missing scores. The question "
             "asks how many different women (id_group labels) there are."),
        ]  # fmt: skip


@ex10.question("q2", "q2_answer")
class WhatIsAScore(ChoiceQuestion):
    prompt = (
        "One aspirate has clump_thickness = 6 and another clump_thickness = 3. What can you "
        "say about the two clumps?"
    )
    options = (
        Option(
            "The first clump is 6 micrometres thick, the second 3: the first is twice as "
            "thick as the second.",
            MISCONCEPTIONS["scores_as_measurements"].message,
        ),
        Option(
            "The cytologist graded the first clump as more abnormal than the second, on a "
            "scale from 1 (most normal) to 10.",
            "Yes: a grade given by eye, ordered but without a unit, and a 6 is not twice a 3.",
            correct=True,
        ),
        Option(
            "The first aspirate held 6 clumps of cells and the second 3, counted under the "
            "microscope at one power.",
            "No: nothing was counted. Each of the nine features is a grade from 1 to 10 that "
            "the cytologist gave by looking at the slide.",
        ),
        Option(
            "Nothing at all: a score is only a code for a category, so 6 and 3 cannot be put "
            "in any order.",
            "They can be ordered: 10 is the most abnormal end of the scale, 1 the most normal. "
            "What they lack is a unit and equal steps.",
        ),
    )
    correct = (
        "Another cytologist, or the same one on another day, may grade the same slide "
        "differently: the model learned one team's way of scoring."
    )


# ---------------------------------------------------------------------------------------------
# Milestone 2: split by woman and by time
# ---------------------------------------------------------------------------------------------


@ex10.question("q3", "n_met_before", kind="count")
class LaterRowsOfKnownWomen(NumberQuestion):
    hints = (
        "Take the id_group labels of the development rows (batches 1 to 4), then count the "
        "rows of batches 5 to 8 whose label is among them.",
        "earlier = original['batch'] <= 4; met = original['id_group'].isin("
        "original.loc[earlier, 'id_group']); n_met_before = int((~earlier & met).sum())",
    )

    def correct_message(self):
        split = worked().split
        return (
            f"Correct: {self.expected()} rows of the later batches belong to women the model "
            f"met in batches 1 to 4. Testing on them would test the model on women it has "
            f"already seen, so they are set aside, and the later test holds "
            f"{len(split.y_later)} rows of women it has never met."
        )

    def expected(self):
        return len(worked().split.set_aside)

    def mistakes(self):
        scores = capstone.scores_data()
        later = ~scores.batch.isin(capstone.DEVELOPMENT_BATCHES)
        spanning = int((scores.woman.groupby(scores.woman).size() > 1).sum())
        return [
            (0, "random_split_repeated_women"),
            (spanning, "That counts every woman with more than one row, in any batches. The "
             "question asks for the rows of batches 5 to 8 whose woman already has a row in "
             "batches 1 to 4."),
            (len(scores.X) - scores.woman.nunique(), "That counts every row that repeats an "
             "earlier woman. The question asks only for the later rows (batches 5 to 8) of "
             "women met in batches 1 to 4."),
            (int(later.sum()), "That counts every row of batches 5 to 8. The question asks for "
             "those whose woman already has a row in batches 1 to 4."),
            (len(worked().split.y_later), "That counts the later rows kept for the test. The "
             "question asks for the ones set aside: women already met in batches 1 to 4."),
        ]  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Milestone 3: a pipeline with the missing values filled in inside it
# ---------------------------------------------------------------------------------------------


@ex10.question("q4", "scores_pipeline")
class ScoresPipeline(ModelQuestion):
    estimator = "LogisticRegression"
    estimator_words = "a logistic regression (models.reference_model's last step)"
    hints = (
        "The bare nuclei score is missing in some rows, and a logistic regression cannot read "
        "a missing value. Make the filling-in the pipeline's first step: make_pipeline("
        "SimpleImputer(strategy='median'), StandardScaler(), ...), then fit it on the "
        "development rows only.",
        "scores_pipeline = make_pipeline(SimpleImputer(strategy='median'), "
        "*models.reference_model()).fit(split.X_development, split.y_development)",
    )
    correct = (
        "Correct: the median is learned from the development rows only, inside every fit "
        "(and inside every fold of a cross-validation), and a new case with a missing score "
        "is filled in the same way at the clinic."
    )

    def judging_cases(self):
        return worked().split.X_later.dropna()

    def truth(self):
        split = worked().split
        return split.y_later[split.X_later.dropna().index].tolist()

    def expected_model(self):
        return worked().model

    def mistakes(self):
        split = worked().split
        X = pd.concat([split.X_development, split.X_later])
        y = pd.concat([split.y_development, split.y_later])
        complete = split.X_development.dropna()
        return [
            (shift.scores_model().fit(X, y), "This model learned from the later batches too. "
             "They are the test: fit the pipeline on split.X_development and "
             "split.y_development only."),
            (shift.scores_model().fit(complete, split.y_development[complete.index]),
             "This model seems to have been fitted without the rows that have a missing "
             "score. Keep them: the imputer fills them in, and a woman is not left out "
             "because one score was not recorded."),
        ]  # fmt: skip

    def assess(self, answer):
        if isinstance(answer, dict) and answer.get("fitted") and answer.get("pipeline"):
            if not any(step in IMPUTERS for step in answer.get("steps", [])[:-1]):
                return self._wrong("imputed_before_split")
        return super().assess(answer)


# ---------------------------------------------------------------------------------------------
# Milestone 4: a threshold chosen for its use, on the development women
# ---------------------------------------------------------------------------------------------


@ex10.question("q5", "threshold", kind="number")
class RuleOutThreshold(NumberQuestion):
    hints = (
        "The threshold is a choice, so it is made on the development women, from each "
        "woman's out-of-fold probability in the grouped cross-validation (p_grouped), never "
        "on the later batches.",
        "threshold = metrics.threshold_for_sensitivity(split.y_development, p_grouped, 0.98)",
    )

    def correct_message(self):
        found = rates("development")
        return (
            f"Correct. At this threshold the grouped cross-validation finds "
            f"{found.sensitivity.counted()} development cancers, and "
            f"{found.npv.count} of the {found.npv.total} development women below it are "
            "benign. The later batches have not been looked at yet: their figures will be "
            "an honest test of a choice made without them."
        )

    def expected(self):
        return worked().threshold

    def mistakes(self):
        w = worked()
        split = w.split
        in_sample = w.model.predict_proba(split.X_development)[:, 1]
        return [
            (metrics.threshold_for_sensitivity(split.y_later, w.later, TARGET),
             "threshold_on_test_batch"),
            (metrics.threshold_for_sensitivity(split.y_development, naive_probabilities(),
                                               TARGET),
             "random_split_repeated_women"),
            (metrics.threshold_for_sensitivity(split.y_development, in_sample, TARGET),
             "training_accuracy"),
            (0.5, "0.5 is the default of predict, not a threshold chosen for a use. A "
             "rule-out threshold is the highest one that still finds 98 in 100 of the "
             "development cancers: metrics.threshold_for_sensitivity."),
        ]  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Milestone 5: the later women's figures, calibration and the decision curve
# ---------------------------------------------------------------------------------------------


@ex10.question("q6", "later_specificity", kind="proportion")
class LaterSpecificity(NumberQuestion):
    hints = (
        "Score the later women (split.X_later) with the pipeline fitted on the development "
        "rows, and count at your threshold: of the later women without cancer, what share "
        "were not flagged?",
        "later = capstone.four_rates(split.y_later, p_later, threshold); "
        "later_specificity = later.specificity.value",
    )

    def correct_message(self):
        later = rates("later")
        return (
            f"Correct: {later.specificity.words(3)}, counted on {later.specificity.total} "
            f"later women without cancer (malignant = positive). The sensitivity is "
            f"{later.sensitivity.words(3)}: {later.sensitivity.counted()} later cancers "
            "found, and the interval says how far below 1 the truth could lie."
        )

    def expected(self):
        return rates("later").specificity.value

    def mistakes(self):
        later, grouped, at_half = rates("later"), rates("development"), rates("later", 0.5)
        return [
            (grouped.specificity.value, "That is the development women's specificity, from "
             "the grouped cross-validation. The question asks for the later batches' women, "
             "scored by the model fitted on development."),
            (later.ppv.value, "That is the PPV: of the women flagged, the share with cancer. "
             "Specificity asks about the women without cancer: the share not flagged."),
            (later.sensitivity.value, "sensitivity_specificity_swapped"),
            (at_half.specificity.value, "That is the specificity at 0.5. Count at your "
             "rule-out threshold, the one chosen on the development women."),
        ]  # fmt: skip


@ex10.question("q7", "q7_answer")
class ReadTheCalibration(ChoiceQuestion):
    prompt = (
        "On the later women the calibration slope is well above 1, and its 95% CI is wide: "
        "from below 1 to above 3. What do you write in your model card?"
    )
    options = (
        Option(
            "The probabilities are too extreme: the model claims more certainty than it has, "
            "and they should be shrunk towards the middle.",
            MISCONCEPTIONS["calibration_slope_reversed"].message,
        ),
        Option(
            "The model is badly calibrated, so it must not be used until it has been "
            "recalibrated on the later women.",
            "The interval includes 1, so the later women do not show miscalibration either: "
            "they are too few to tell. And recalibrating on the test women would spend them.",
        ),
        Option(
            "The check is too imprecise to settle it: read the probabilities as frequencies "
            "only with care, and check them again.",
            "Yes: a slope above 1 would mean probabilities too timid, but the interval, from "
            "fewer than fifty later cancers, fits good calibration and poor alike.",
            correct=True,
        ),
        Option(
            "Nothing: calibration does not matter when the sensitivity and the AUC on the "
            "later women are so high.",
            "It matters as soon as a probability is read to a woman as her risk: a well "
            "ranked model can still give probabilities that are too high or too low.",
        ),
    )
    correct = (
        "The threshold, the rates and the decision curve hold whatever the calibration; a "
        "probability quoted as a frequency does not."
    )


# ---------------------------------------------------------------------------------------------
# Milestone 6: two women explained, and how stable the explanations are
# ---------------------------------------------------------------------------------------------


@ex10.question("q8", "jaccard_near", kind="proportion")
class ExplanationStability(NumberQuestion):
    hints = (
        f"explain.stability(explainer, case, seeds=range(5), k=3) explains one woman five "
        f"times and compares the top 3 reasons; its jaccard_mean is the mean overlap. Ask it "
        f"about {NEAR}.",
        f"report = explain.stability(explainer, split.X_later.loc['{NEAR}'], seeds=range(5), "
        "k=3); jaccard_near = report.jaccard_mean",
    )

    def correct_message(self):
        near, below = stability(NEAR), stability(BELOW)
        return (
            f"Correct. For {NEAR}, near the threshold, the top {TOP} reasons are not the same "
            f"every time (smallest overlap {near.jaccard_min:.2f}); for {BELOW} the mean "
            f"overlap is {below.jaccard_mean:.2f}. Ask LIME several times before you believe "
            "a reason, and give its stability with it."
        )

    def expected(self):
        return stability(NEAR).jaccard_mean

    def mistakes(self):
        near, below = stability(NEAR), stability(BELOW)
        return [
            (near.jaccard_min, "That is the smallest overlap of any two draws. The question "
             "asks for the mean over every pair: jaccard_mean."),
            (below.jaccard_mean, f"That is {BELOW}'s stability. The question asks about "
             f"{NEAR}, the woman near the threshold."),
            (near.local_r2_mean, "That is the mean local R², how well LIME's simple model "
             "matched the real one near her. The question asks for the mean overlap of the "
             "top reasons: jaccard_mean."),
        ]  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Milestone 7: robustness, an out-of-distribution case
# ---------------------------------------------------------------------------------------------


@ex10.question("q9", "q9_answer")
class AnOddCase(ChoiceQuestion):
    prompt = (
        "A new aspirate arrives scored 10 for uniformity of cell size and shape and for "
        "mitoses, and 1 for everything else. The out-of-distribution warning fires. What "
        "do you do?"
    )
    options = (
        Option(
            "Do not trust her probability: check the scoring and the slide, and let the "
            "triple assessment decide.",
            "Yes: the warning says her scores are unlike any development woman's, so the "
            "model is guessing. Such a combination may be a slip of the pen as much as a "
            "rare lesion.",
            correct=True,
        ),
        Option(
            "Treat her as malignant: a case the model has never seen is most safely sent "
            "straight to surgery.",
            MISCONCEPTIONS["ood_warning_as_malignant"].message,
        ),
        Option(
            "Trust her probability as it is: the model was validated on later batches, so it "
            "works for every new case.",
            "The later batches held no case like hers: a validation covers women like those "
            "it counted, not a combination it never met.",
        ),
        Option(
            "Drop her from the batch and from the clinic's figures, since her scores are "
            "clearly an error.",
            "Her scores may be wrong, or right and rare: either way she needs a result, so "
            "her scores are checked and she is assessed as any woman is.",
        ),
    )
    correct = (
        "A batch of such cases, or a new team's scoring, would show in a batch check "
        "(shift.batch_drift) before any one case looked odd."
    )


# ---------------------------------------------------------------------------------------------
# Milestone 8: the model card
# ---------------------------------------------------------------------------------------------


@ex10.question("q10", "q10_answer")
class WhatTheCardSays(ChoiceQuestion):
    prompt = (
        "Which sentence belongs in the performance section of your capstone model card?"
    )
    options = (
        Option(
            "Sensitivity 1.000 on the later women: the model missed no cancer, so it can rule "
            "cancer out.",
            "A rate of 1.000 never stands alone: with fewer than fifty cancers its interval "
            "reaches well below 1, and one test rules nothing out in triple assessment.",
        ),
        Option(
            "The threshold was chosen on the later batches to reach 98% sensitivity there, "
            "which it does.",
            MISCONCEPTIONS["threshold_on_test_batch"].message,
        ),
        Option(
            "Accuracy 97%: the model is right for 97 of every 100 women, whatever the clinic "
            "it is used in.",
            "Accuracy mixes the two kinds of error and depends on how many women have cancer, "
            "which differs between clinics: give sensitivity and specificity, with intervals.",
        ),
        Option(
            "Sensitivity and specificity at the threshold, each with its 95% CI, by woman and "
            "on the later batches.",
            "Yes: both validations, each rate with its interval and the women it was counted "
            "on, and the threshold chosen before the later women were looked at.",
            correct=True,
        ),
    )
    correct = (
        "The rest of the card (intended use, the threshold's justification, limitations) is "
        "yours to write: the instructor's rubric grades it."
    )


# ---------------------------------------------------------------------------------------------
# Milestone 9: scores given by eye, at another clinic
# ---------------------------------------------------------------------------------------------


@ex10.question("q11", "q11_answer")
class AnotherTeamsScores(ChoiceQuestion):
    prompt = (
        "Another clinic wants to use your model. Its cytologists will score the nine features "
        "themselves. What must happen first?"
    )
    options = (
        Option(
            "Nothing: the scores run from 1 to 10 at every clinic, so the model reads theirs "
            "as it read Wisconsin's.",
            "The scale is the same, the eyes are not: one team's 4 may be another's 6, and "
            "the model has learned Wisconsin's way of scoring.",
        ),
        Option(
            "Their cytologists train until they score exactly like the Wisconsin team, then "
            "the model is used unchanged.",
            "Training helps agreement, but no team scores exactly alike, and whether it does "
            "is measured, not assumed: score the same slides twice and compare.",
        ),
        Option(
            "Check agreement on shared slides, then validate the model on their own scored "
            "women with known diagnoses.",
            "Yes: how far their scores agree with each other and with Wisconsin's, then the "
            "model's figures, with intervals, on their own women.",
            correct=True,
        ),
        Option(
            "Refit the model on their first month of cases, so that it learns their scoring "
            "before it is switched on.",
            "A month of cases is few women, and few cancers: a model refitted on them would "
            "be less certain, not better. Validate first, on enough women, and compare.",
        ),
    )
    correct = (
        "Scores given by eye vary between observers and between days; a measurement from an "
        "image (WDBC's route) varies with the scanner instead. Either way, a new site checks."
    )


QUESTIONS = ex10.bind(globals())
