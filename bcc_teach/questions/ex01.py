"""Questions for exercise 01, "Meet the data" (solutions/ex01_meet_the_data.ipynb).

>>> from bcc_teach.questions.ex01 import q1
>>> q1.judge(357).misconception
'benign_as_positive'
"""

from __future__ import annotations

from bcc_teach.checking import (
    Case,
    ChoiceQuestion,
    FunctionQuestion,
    NumberQuestion,
    Option,
    QuestionSet,
)
from bcc_teach.questions.fixtures import by_diagnosis, wdbc

CUTOFF = 15
ex01 = QuestionSet("ex01")


def _count(diagnosis: str) -> int:
    return len(by_diagnosis(diagnosis))


@ex01.question("q1", "n_malignant", kind="count")
class MalignantCount(NumberQuestion):
    hints = (
        "Each row is one case; the diagnosis column says malignant or benign.",
        'wdbc["diagnosis"] == "malignant" gives True for each malignant case; True counts as 1.',
        'Add up those Trues with .sum(), or use wdbc["diagnosis"].value_counts().',
    )
    correct = (
        "Correct. Each of those cases is a woman whose lump was recorded as cancer; the other "
        "cases had benign lumps."
    )

    def expected(self):
        return _count("malignant")

    def mistakes(self):
        return [
            (_count("benign"), "benign_as_positive"),
            (len(wdbc()), "That is every case, benign and malignant. Count the malignant ones."),
            (
                _count("malignant") / len(wdbc()),
                "That is the share of cases that are malignant (q2's question). Here the "
                "question asks how many cases: a count.",
            ),
        ]


@ex01.question("q2", "malignant_share", kind="proportion")
class MalignantShare(NumberQuestion):
    hints = (
        "A proportion is a part divided by the whole: malignant cases divided by all cases.",
        'The mean of True/False values is the share of Trues: try (wdbc["diagnosis"] == '
        '"malignant").mean().',
    )

    def correct_message(self):
        return (
            f"Correct: about {round(100 * self.expected())} in 100. In this clinic far more "
            "women had cancer than among women attending screening."
        )

    def expected(self):
        return _count("malignant") / len(wdbc())

    def mistakes(self):
        return [
            (_count("benign") / len(wdbc()), "benign_as_positive"),
            (
                _count("malignant"),
                "That is the number of malignant cases. A proportion divides it by the number "
                "of all cases.",
            ),
            (
                _count("malignant") / _count("benign"),
                "That divides the malignant cases by the benign ones (the odds). A proportion "
                "divides by all the cases, benign and malignant together.",
            ),
        ]


@ex01.question("q3", "q3_answer")
class WhyNotScreening(ChoiceQuestion):
    @property
    def prompt(self):
        share = _count("malignant") / len(wdbc())
        return (
            f"About {share:.0%} of the WDBC cases are malignant, but screening mammography "
            "detects about 5 cancers per 1,000 screens (Lehman et al., Radiology 2017). Why "
            "the difference?"
        )

    options = (
        Option(
            "These women had a lump that was aspirated: a group selected by their symptoms.",
            "Yes: women who come to a diagnostic clinic with a lump are already enriched for "
            "cancer, by their symptoms and by the doctors who sent them on.",
            correct=True,
        ),
        Option(
            "The data were collected in the 1990s, when breast cancer was much more common than "
            "now.",
            "The rate of breast cancer has not changed anywhere near that much; the difference "
            "is about who was included.",
        ),
        Option(
            "The computer measurements of the nuclei over-call malignancy in many cases.",
            "The diagnosis column does not come from the measurements, so they cannot inflate it.",
        ),
        Option(
            "Screening misses most cancers, so the true rate in women is closer to 37%.",
            "Screening does miss some cancers, about 0.8 per 1,000 screens besides the 5.1 it "
            "finds (Lehman et al. 2017): nowhere near enough to close a gap this size.",
        ),
    )
    correct = "It matters later: the same test has a much lower PPV in screening."


@ex01.question("q4", "median_area_worst", kind="number")
class MedianWorstArea(NumberQuestion):
    tolerance = 0.001
    hints = (
        "Keep only the malignant rows first, then take the median of one column.",
        'wdbc[wdbc["diagnosis"] == "malignant"] keeps the malignant rows; ["area_worst"] picks '
        "the column; .median() does the rest.",
    )
    correct = (
        "Correct. In half of the malignant cases, the three largest area values average more "
        "than this; data.feature_summary shows the benign figure beside it."
    )

    def expected(self):
        return float(by_diagnosis("malignant")["area_worst"].median())

    def mistakes(self):
        malignant = by_diagnosis("malignant")
        return [
            (float(by_diagnosis("benign")["area_worst"].median()), "benign_as_positive"),
            (
                float(malignant["area_worst"].mean()),
                "That is the mean; the question asks for the median (the middle value), which "
                "long tails do not pull up.",
            ),
            (
                float(malignant["area_mean"].median()),
                "That is the median of area_mean; the question asks about area_worst (the mean "
                "of the three largest area values).",
            ),
            (
                float(wdbc()["area_worst"].median()),
                "That is the median of all cases; keep only the malignant ones first.",
            ),
        ]


@ex01.question("q5", "share_found", kind="proportion")
class CutoffSensitivity(NumberQuestion):
    hints = (
        f"Think only about the women with cancer: of the malignant cases, how many have a "
        f"radius_mean of {CUTOFF} or more?",
        f'malignant = wdbc[wdbc["diagnosis"] == "malignant"], then (malignant["radius_mean"] >= '
        f"{CUTOFF}).mean().",
    )

    def correct_message(self):
        found = round(100 * self.expected())
        return (
            f"Correct: this is the cut-off's sensitivity. About {found} cancers in 100 would be "
            f"flagged, and the other {100 - found} women would be told their lump looks benign."
        )

    def expected(self):
        return float((by_diagnosis("malignant")["radius_mean"] >= CUTOFF).mean())

    def mistakes(self):
        malignant, benign = by_diagnosis("malignant"), by_diagnosis("benign")
        found = int((malignant["radius_mean"] >= CUTOFF).sum())
        flagged = found + int((benign["radius_mean"] >= CUTOFF).sum())
        cleared = int((benign["radius_mean"] < CUTOFF).sum())
        return [
            (found / flagged, "precision_for_sensitivity"),
            (cleared / len(benign), "sensitivity_specificity_swapped"),
            ((flagged - found) / len(benign), "benign_as_positive"),
            (float((malignant["radius_mean"] < CUTOFF).mean()), "threshold_reversed"),
            (
                (found + cleared) / len(wdbc()),
                "This looks like the accuracy of the cut-off: the share of all cases it calls "
                "right. The question asks only about the women with cancer: of the malignant "
                "cases, what share is flagged?",
            ),
            (
                found,
                "That is the number of malignant cases flagged. The question asks for their "
                "share: divide by the number of malignant cases.",
            ),
            (
                flagged / len(wdbc()),
                "That is the share of all cases flagged, benign and malignant. Keep only the "
                "malignant cases first.",
            ),
        ]


@ex01.question("q6", "q6_answer")
class SameInformation(ChoiceQuestion):
    prompt = "Which three features carry nearly the same information about a nucleus?"
    options = (
        Option(
            "texture_mean, smoothness_mean and symmetry_mean",
            "These three describe different things (staining, bumpiness, lopsidedness) and "
            "correlate only weakly.",
        ),
        Option(
            "radius_mean, radius_se and radius_worst",
            "Related, but not the same: the SE describes how much the nuclei differ from one "
            "another, which the mean does not tell you.",
        ),
        Option(
            "concavity_mean, fractal_dimension_mean and texture_mean",
            "Fractal dimension and texture carry their own information; look at the correlation "
            "heat map again.",
        ),
        Option(
            "radius_mean, perimeter_mean and area_mean",
            "Yes: all three measure size; their correlations are about 0.99.",
            correct=True,
        ),
    )
    correct = "A model may split the credit for 'size' among them: remember this in lesson 07."


def _share_found(table, feature, cutoff):
    malignant = table[table["diagnosis"] == "malignant"]
    return float((malignant[feature] >= cutoff).mean())


@ex01.question("q7", "share_found_at")
class ShareFoundFunction(FunctionQuestion):
    signature = "share_found_at(table, feature, cutoff)"
    hints = (
        "Start from your answer to q5 and replace radius_mean and 15 by the function's inputs.",
        "Inside the function: keep the malignant rows of table, then compare table[feature] "
        "with cutoff (at or above: >=) and take the mean.",
    )
    correct = (
        "Correct. You can now ask the sensitivity of any single-feature cut-off: lesson 04 "
        "does this for a whole model's probability."
    )

    def cases(self):
        table = wdbc()
        first = table.head(300)
        tried = [
            (table, "the whole WDBC table", "radius_mean", CUTOFF, f"a cut-off of {CUTOFF}"),
            # Cut-offs equal to one malignant case's value: 'at or above' must count her.
            (
                table,
                "the whole WDBC table",
                "concave_points_worst",
                0.1563,
                "a cut-off of 0.1563, exactly one malignant case's value",
            ),
            (
                table,
                "the whole WDBC table",
                "area_worst",
                989.5,
                "a cut-off of 989.5, exactly one malignant case's value",
            ),
            (table, "the whole WDBC table", "texture_mean", 20, "a cut-off of 20"),
            (
                first,
                "a table of the first 300 cases only",
                "radius_mean",
                CUTOFF,
                f"a cut-off of {CUTOFF}",
            ),
        ]
        return [
            Case(
                (t, feature, cutoff),
                _share_found(t, feature, cutoff),
                f"{described}, the feature {feature} and {words}",
            )
            for t, described, feature, cutoff, words in tried
        ]

    def mistakes(self):
        def benign(table, feature, cutoff):
            rows = table[table["diagnosis"] == "benign"]
            return (rows[feature] >= cutoff).mean()

        def above(table, feature, cutoff):
            rows = table[table["diagnosis"] == "malignant"]
            return (rows[feature] > cutoff).mean()

        def below(table, feature, cutoff):
            rows = table[table["diagnosis"] == "malignant"]
            return (rows[feature] < cutoff).mean()

        def fixed_cutoff(table, feature, cutoff):
            return _share_found(table, feature, CUTOFF)

        def fixed_table(table, feature, cutoff):
            return _share_found(wdbc(), feature, cutoff)

        def percentage(table, feature, cutoff):
            return 100 * _share_found(table, feature, cutoff)

        def everyone(table, feature, cutoff):
            return (table[feature] >= cutoff).mean()

        return [
            (benign, "benign_as_positive"),
            (above, "strict_threshold"),
            (below, "threshold_reversed"),
            (fixed_cutoff, "hard_coded"),
            (
                fixed_table,
                "Your function seems to use the whole WDBC table (wdbc) whatever table "
                "it is given. Use its own input, table, inside the function.",
            ),
            (percentage, "percentage_for_proportion"),
            (
                everyone,
                "Your function gives the share of all cases at or above the cut-off. "
                "Keep only the malignant rows of table first.",
            ),
        ]


QUESTIONS = ex01.bind(globals())
