"""The catalogue of clinical and coding mistakes that checks recognise, each with its message.

A question lists its typical wrong answers with it; those that are a known misconception name
it by id, so that the same mistake gets the same explanation in every exercise.

>>> MISCONCEPTIONS["benign_as_positive"].name
'benign coded as the positive class'
"""

from __future__ import annotations

from dataclasses import dataclass

GENERIC = "Not quite. Try again, or ask for a hint."
#: Said when an answer matches two typical mistakes at once: claiming either could mislead.
AMBIGUOUS = (
    "Not quite. This value could come from more than one slip, so check each step again: "
    "which cases you kept, which way you compared, and what you divided by. A hint can help."
)


@dataclass(frozen=True)
class Misconception:
    id: str
    name: str
    message: str


MISCONCEPTIONS = {
    m.id: m
    for m in (
        Misconception(
            "benign_as_positive",
            "benign coded as the positive class",
            "It looks as if benign was counted as the positive class. In this course malignant "
            "= 1 = positive (scikit-learn's own copy of the data, load_breast_cancer, codes "
            "malignant as 0, which is an easy trap). Count or score the malignant cases.",
        ),
        Misconception(
            "precision_for_sensitivity",
            "precision (PPV) given for sensitivity",
            "This looks like the positive predictive value (precision): of the cases called "
            "malignant, how many were. Sensitivity asks the other way round: of the women who "
            "have cancer, how many does the test find? Divide by all the malignant cases.",
        ),
        Misconception(
            "sensitivity_specificity_swapped",
            "sensitivity and specificity swapped",
            "This looks like the other one of the pair. Sensitivity is about the women with "
            "cancer (how many are found); specificity is about the women without (how many are "
            "correctly reassured).",
        ),
        Misconception(
            "training_accuracy",
            "scored on the training data",
            "This looks like a score on the cases the model was trained on. A model has seen "
            "those answers, so the score flatters it. Score it on the held-out test cases.",
        ),
        Misconception(
            "leakage_before_split",
            "scaler or feature selection fitted before the split",
            "The test cases seem to have helped prepare the data (a scaler or a feature "
            "selection fitted before the split). Put every preparation step inside the "
            "Pipeline, so it learns from the training cases only.",
        ),
        Misconception(
            "chosen_on_test",
            "a choice made on the test cases",
            "This seems to have been chosen by looking at the test cases. A choice tailored to "
            "them makes their result flatter it: choose on the training cases (or inside "
            "cross-validation), and keep the test cases for one honest look at the end.",
        ),
        Misconception(
            "threshold_reversed",
            "threshold direction reversed",
            "The threshold seems to point the wrong way: a case is flagged (called malignant) "
            "when its value, a probability or a measurement, is at or above the threshold or "
            "cut-off, not below it.",
        ),
        Misconception(
            "strict_threshold",
            "'above' used where 'at or above' is meant",
            "Nearly: a case exactly on the threshold (or cut-off) must count too, because the "
            "rule is 'at or above'. Check which comparison you used: >= rather than >.",
        ),
        Misconception(
            "percentage_for_proportion",
            "a percentage given for a proportion",
            "Nearly there: this looks like a percentage. The question asks for a proportion "
            "between 0 and 1: divide the percentage by 100.",
        ),
        Misconception(
            "proportion_for_per_thousand",
            "a proportion given where 'per 1,000' is asked",
            "Nearly there: this looks like a proportion (a share between 0 and 1). The question "
            "asks how many per 1,000 women: multiply by 1,000.",
        ),
        Misconception(
            "complement",
            "the other side of the answer (1 minus it)",
            "This looks like 1 minus the answer: the share of the other group. Check which "
            "cases you counted as 'yes' (found, flagged, correct) and which as 'no'.",
        ),
        Misconception(
            "label_for_probability",
            "a predicted label given for a probability",
            "That looks like the model's label (1 = malignant, 0 = benign), from predict. The "
            "question asks for the probability behind it, from predict_proba (the malignant "
            "column) or models.probability_malignant.",
        ),
        Misconception(
            "hard_coded",
            "a function that ignores its inputs",
            "Your function gives the same answer whatever it is given: it seems to use a fixed "
            "value or table (for example the cut-off or the data of the question before) "
            "instead of its inputs. Use the names in the def line inside the function.",
        ),
        Misconception(
            "ppv_without_prevalence",
            "PPV quoted without regard to prevalence",
            "This PPV belongs to another population. PPV depends on how common the disease is "
            "where the test is used: recompute it with the prevalence the question gives.",
        ),
        Misconception(
            "leak_in_pipeline",
            "a choice made on all the cases, then cross-validated (a leak)",
            "This looks like the leaky figure: the features were chosen on all the women before "
            "the cross-validation, so every fold's test women had already helped choose them. "
            "Make the choice a step of the Pipeline, so it is redone inside every fold.",
        ),
        Misconception(
            "interval_as_patient_range",
            "a confidence interval read as a range of patients",
            "A 95% confidence interval is not a range that 95% of patients (or their "
            "probabilities) fall in. It is a range of plausible values for one figure, such as "
            "the share of cancers found, given how many women it was counted on.",
        ),
        Misconception(
            "calibration_slope_reversed",
            "a calibration slope read the wrong way round",
            "The other way round: a calibration slope below 1 means the probabilities are too "
            "extreme (over-confident); above 1, too timid (under-confident), so high ones "
            "should be higher and low ones lower.",
        ),
        Misconception(
            "difference_reversed",
            "a difference taken the wrong way round",
            "This looks like the right size with the wrong sign: the second model minus the "
            "first. The difference asked for is the first model's figure minus the second's.",
        ),
        Misconception(
            "difference_within_noise",
            "a difference within its uncertainty called a win",
            "A difference that the luck of which women were sampled could produce is not a "
            "win. Give the difference with its interval (or test the women the models disagree "
            "on) before calling one model better.",
        ),
        Misconception(
            "net_benefit_as_accuracy",
            "net benefit read as accuracy (or sensitivity)",
            "This looks like a share of calls that were right (accuracy) or of cancers found "
            "(sensitivity). Net benefit is neither: cancers found per woman, minus unnecessary "
            "biopsies per woman weighed by the threshold's odds, pt / (1 - pt).",
        ),
        Misconception(
            "recalibration_restores_ranking",
            "recalibration expected to restore discrimination (the AUC)",
            "Recalibration changes what the probabilities mean, not the order of the women: "
            "every woman's log-odds moves by the same rule, nobody overtakes anybody, and the "
            "AUC stays exactly as it was. At a fixed threshold it does change who is flagged, "
            "because every probability moves. A ranking that a change of scanner or population "
            "has spoiled comes back only by fixing the measurements or refitting the model.",
        ),
        Misconception(
            "ood_warning_as_malignant",
            "an out-of-distribution warning read as a call of malignant",
            "An out-of-distribution warning is not a call of malignant. It says that this case "
            "is unlike the women the model learned from, so its probability is not to be "
            "trusted here. Benign and malignant aspirates alike can be unusual (a blurred "
            "slide, another stain, a rare lesion): check the slide, and let the cytology and "
            "the rest of the triple assessment decide.",
        ),
        Misconception(
            "random_split_repeated_women",
            "a random split of rows where one woman gives several rows",
            "When one woman gives several rows (samples, aspirates or images), a random split "
            "of the rows puts some of hers in training and others in testing: the model is then "
            "tested on a woman it has already seen, and the figures flatter it. Keep each "
            "woman's rows on one side: a grouped split (StratifiedGroupKFold, with groups= the "
            "woman of each row).",
        ),
        Misconception(
            "plain_hash_anonymous",
            "a plain hash of a patient id called anonymous",
            "A plain hash (SHA-256 of the hospital number, with no secret in it) is not "
            "anonymous. There are fewer than a billion 6- to 9-digit hospital numbers, so anyone "
            "holding the hash can hash every one of them in minutes and see which matches "
            "(privacy.reverse_plain_hash does just that). Replace ids with a keyed pseudonym "
            "(HMAC-SHA256 with a secret key kept in the clinic, privacy.pseudonym); even that is "
            "pseudonymous, not anonymous, because the clinic can link it back.",
        ),
        Misconception(
            "model_file_without_patients",
            "a model file called free of patient data",
            "A model file can carry patients. A k-nearest-neighbours model answers by looking up "
            "the most similar training cases, so it keeps every one of them, measurement by "
            "measurement, and a saved file holds them all (privacy.patients_in_model_file reads "
            "them back). Share such a file only where the training data themselves could go, or "
            "share a model that keeps no cases, such as a logistic regression.",
        ),
        Misconception(
            "rejected_row_dropped",
            "a rejected row thought dropped",
            "A rejected row is not dropped: it is a woman who has no result yet. score_file "
            "lists her in the file of rejected rows (<output>.rejected.csv) with her row as a "
            "spreadsheet counts it, the column and what is wrong, so that someone corrects the "
            "row from her record and scores it again. Until then she has had no test at all, "
            "which is not the same as a reassuring one.",
        ),
        Misconception(
            "decision_support_as_diagnosis",
            "the model's decision read as a diagnosis",
            "The report's decision is decision support, not a diagnosis. At or above the "
            "rule-out threshold means cancer is not ruled out, not that she has it; below it "
            "means that few women with such a result have cancer, not that none do. In triple "
            "assessment (clinical examination, imaging and needle sampling) it is weighed with "
            "the other two tests, a suspicious or discordant result goes on to core biopsy, and "
            "the tissue diagnosis settles it.",
        ),
        Misconception(
            "imputed_before_split",
            "missing values filled in before the split",
            "The missing values seem to have been filled in before the split, outside the "
            "model: the fill value was then learned from every row, the test women's too, and "
            "the model arrives at a new clinic without a rule for a missing score. Put the "
            "imputer inside the Pipeline, as its first step (SimpleImputer(strategy=\"median\")), "
            "so that it learns from the training rows only and fills in new cases the same way.",
        ),
        Misconception(
            "scores_as_measurements",
            "scores given by eye read as measurements with units",
            "These are scores, not measurements: a cytologist looked at the slide and gave each "
            "feature a grade from 1 to 10. There is no unit (no micrometres, no cells counted), "
            "a 6 is not twice a 3, and another cytologist may give the same slide another score. "
            "Read them as ordered grades, and expect another team's scores to differ.",
        ),
        Misconception(
            "threshold_on_test_batch",
            "the threshold chosen on the test batches",
            "This threshold seems to have been chosen on the later test batches, the women kept "
            "for the one honest look at the end. A threshold tailored to them makes their "
            "figures flatter the model. Choose it on the development batches, from each woman's "
            "out-of-fold probability in the grouped cross-validation, and only then test it on "
            "the later women.",
        ),
    )
}


def message_for(explanation: str) -> tuple[str, str | None]:
    """``(message, misconception id)`` for an explanation that is a catalogue id or a message."""
    if explanation in MISCONCEPTIONS:
        return MISCONCEPTIONS[explanation].message, explanation
    return explanation, None
