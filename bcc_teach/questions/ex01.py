"""Questions for exercise 01, "Meet the data" (solutions/ex01_meet_the_data.ipynb).

>>> from bcc_teach.questions.ex01 import q1
>>> q1.judge(357).misconception
'benign_as_positive'
"""

from __future__ import annotations

import functools

from bcc_teach import data
from bcc_teach.checking import ChoiceQuestion, FunctionQuestion, NumberQuestion, ____

__all__ = ["QUESTIONS", "____", "q1", "q2", "q3", "q4", "q5", "q6", "q7"]

CUTOFF = 15


@functools.cache
def _wdbc():
    return data.load_wdbc()


def _by_diagnosis(name):
    table = _wdbc()
    return table[table["diagnosis"] == name]


class MalignantCount(NumberQuestion):
    id, exercise, variable, kind = "q1", "ex01", "n_malignant", "count"
    hints = (
        "Each row is one case; the diagnosis column says malignant or benign.",
        'wdbc["diagnosis"] == "malignant" gives True for each malignant case; True counts as 1.',
        'Add up those Trues with .sum(), or use wdbc["diagnosis"].value_counts().',
    )
    correct = (
        "Correct. Each of those cases is a woman whose lump turned out to be cancer; the other "
        "cases had benign lumps."
    )

    def expected(self):
        return len(_by_diagnosis("malignant"))

    def mistakes(self):
        return [
            (len(_by_diagnosis("benign")), "benign_as_positive"),
            (len(_wdbc()), "That is every case, benign and malignant. Count the malignant ones."),
        ]


class MalignantShare(NumberQuestion):
    id, exercise, variable, kind = "q2", "ex01", "malignant_share", "proportion"
    hints = (
        "A proportion is a part divided by the whole: malignant cases divided by all cases.",
        'The mean of True/False values is the share of Trues: try (wdbc["diagnosis"] == '
        '"malignant").mean().',
    )
    correct = (
        "Correct: a little over a third. In this referral clinic more than one woman in three "
        "had cancer, far more than among women attending screening."
    )

    def expected(self):
        return len(_by_diagnosis("malignant")) / len(_wdbc())

    def mistakes(self):
        return [(len(_by_diagnosis("benign")) / len(_wdbc()), "benign_as_positive")]


class WhyNotScreening(ChoiceQuestion):
    id, exercise, variable = "q3", "ex01", "q3_answer"
    prompt = (
        "About 37% of the WDBC cases are malignant, but only about 5 in 1,000 women attending "
        "screening mammography have cancer found. Why the difference?"
    )
    options = {
        "a": (
            "The Wisconsin data were collected in the 1990s, when breast cancer was more common.",
            False,
            "The rate of breast cancer has not changed anywhere near that much; the difference "
            "is about who was included.",
        ),
        "b": (
            "These women had a breast lump that was aspirated: they were selected by symptoms "
            "and referral.",
            True,
            "Yes: a referral population is already enriched for cancer by symptoms and by the "
            "doctors who sent the women on.",
        ),
        "c": (
            "The computer measurements over-call malignancy.",
            False,
            "The diagnosis column does not come from the measurements, so they cannot inflate it.",
        ),
        "d": (
            "Screening misses most cancers, so the true rate is closer to 37%.",
            False,
            "Screening does miss some cancers, but nowhere near enough to close a gap this size.",
        ),
    }
    correct = "It matters later: the same test has a much lower PPV in screening."


class MedianWorstArea(NumberQuestion):
    id, exercise, variable, kind = "q4", "ex01", "median_area_worst", "number"
    tolerance = 0.001
    hints = (
        "Keep only the malignant rows first, then take the median of one column.",
        'wdbc[wdbc["diagnosis"] == "malignant"] keeps the malignant rows; ["area_worst"] picks '
        "the column; .median() does the rest.",
    )
    correct = (
        "Correct. Half of the malignant cases have their three largest nuclei averaging more "
        "than this area; data.feature_summary shows the benign figure beside it."
    )

    def expected(self):
        return float(_by_diagnosis("malignant")["area_worst"].median())

    def mistakes(self):
        malignant = _by_diagnosis("malignant")
        return [
            (float(_by_diagnosis("benign")["area_worst"].median()), "benign_as_positive"),
            (
                float(malignant["area_worst"].mean()),
                "That is the mean; the question asks for the median (the middle value), which "
                "long tails do not pull up.",
            ),
            (
                float(malignant["area_mean"].median()),
                "That is the median of area_mean; the question asks about area_worst (the three "
                "largest nuclei).",
            ),
            (
                float(_wdbc()["area_worst"].median()),
                "That is the median of all cases; keep only the malignant ones first.",
            ),
        ]


class CutoffSensitivity(NumberQuestion):
    id, exercise, variable, kind = "q5", "ex01", "share_found", "proportion"
    hints = (
        f"Think only about the women with cancer: of the malignant cases, how many have a "
        f"radius_mean of {CUTOFF} or more?",
        f'malignant = wdbc[wdbc["diagnosis"] == "malignant"], then (malignant["radius_mean"] >= '
        f"{CUTOFF}).mean().",
    )
    correct = (
        "Correct: this is the cut-off's sensitivity. About three cancers in four would be "
        "flagged, and the rest would be told their lump looks benign."
    )

    def expected(self):
        return float((_by_diagnosis("malignant")["radius_mean"] >= CUTOFF).mean())

    def mistakes(self):
        malignant, benign = _by_diagnosis("malignant"), _by_diagnosis("benign")
        flagged_malignant = int((malignant["radius_mean"] >= CUTOFF).sum())
        flagged = flagged_malignant + int((benign["radius_mean"] >= CUTOFF).sum())
        return [
            (flagged_malignant / flagged, "precision_for_sensitivity"),
            (float((benign["radius_mean"] < CUTOFF).mean()), "sensitivity_specificity_swapped"),
            (float((benign["radius_mean"] >= CUTOFF).mean()), "benign_as_positive"),
            (float((malignant["radius_mean"] < CUTOFF).mean()), "threshold_reversed"),
        ]


class SameInformation(ChoiceQuestion):
    id, exercise, variable = "q6", "ex01", "q6_answer"
    prompt = "Which three features carry nearly the same information about a nucleus?"
    options = {
        "a": (
            "texture_mean, smoothness_mean and symmetry_mean",
            False,
            "These three describe different things (staining, bumpiness, lopsidedness) and "
            "correlate only weakly.",
        ),
        "b": (
            "radius_mean, perimeter_mean and area_mean",
            True,
            "Yes: all three measure size; their correlations are about 0.99.",
        ),
        "c": (
            "radius_mean, radius_se and radius_worst",
            False,
            "Related, but not the same: the SE describes how much the nuclei differ from one "
            "another, which the mean does not tell you.",
        ),
        "d": (
            "concavity_mean, fractal_dimension_mean and texture_mean",
            False,
            "Fractal dimension and texture carry their own information; look at the correlation "
            "heat map again.",
        ),
    }
    correct = "A model may split the credit for 'size' among them: remember this in lesson 07."


class ShareFoundFunction(FunctionQuestion):
    id, exercise, variable = "q7", "ex01", "share_found_at"
    signature = "share_found_at(table, feature, cutoff)"
    hints = (
        "Start from your answer to q5 and replace radius_mean and 15 by the function's inputs.",
        "Inside the function: keep the malignant rows of table, then compare table[feature] "
        "with cutoff and take the mean.",
    )
    correct = (
        "Correct. You can now ask the sensitivity of any single-feature cut-off: lesson 04 "
        "does this for a whole model's probability."
    )

    def cases(self):
        table = _wdbc()
        malignant = _by_diagnosis("malignant")
        checks = [
            ("radius_mean", 15),
            ("concave_points_worst", 0.15),
            ("area_worst", 900),
            ("texture_mean", 20),
        ]
        return [
            ((table, feature, cutoff), float((malignant[feature] >= cutoff).mean()))
            for feature, cutoff in checks
        ]


q1, q2, q3, q4 = MalignantCount(), MalignantShare(), WhyNotScreening(), MedianWorstArea()
q5, q6, q7 = CutoffSensitivity(), SameInformation(), ShareFoundFunction()
QUESTIONS = (q1, q2, q3, q4, q5, q6, q7)
