"""Questions for exercise 02, "From images to features" (solutions/ex02_images_to_features.ipynb).

Every image in this exercise is SYNTHETIC: drawn by ``bcc_teach.features`` from random numbers,
never a patient's aspirate, and its measurements are not calibrated to the Wisconsin images.
The exercise follows one field of view from pixels to nuclei (q1), to the ten measurements of a
nucleus (q2), to the image's summary statistics (q3, q4), to what the features mean (q5, q6) and
to the reference model's probability for the field (q7), read as a demonstration only.

>>> from bcc_teach.questions.ex02 import q1
>>> q1.judge(256).message.startswith("That is the number of rows")  # len() of an image
True
"""

from __future__ import annotations

import functools
import math

from bcc_teach import features, models
from bcc_teach.checking import (
    ChoiceQuestion,
    Feedback,
    NumberQuestion,
    Option,
    Outcome,
    QuestionSet,
    as_number,
)
from bcc_teach.checking.misconceptions import GENERIC
from bcc_teach.questions import fixtures

ex02 = QuestionSet("ex02")

#: The exercise's SYNTHETIC picture: malignant-like nuclei, drawn a little smaller than usual.
PICTURE = {"settings": "malignant", "seed": 3, "radius": 12}
#: The field of view is the picture without its first columns, so its left edge cuts nuclei.
FIRST_COLUMN = 48
#: q2's single SYNTHETIC nucleus.
NUCLEUS = {"settings": "malignant", "seed": 1}

#: Said with every answer about a probability: the images are not patients.
SYNTHETIC_REMINDER = (
    "Remember that the image is SYNTHETIC and its measurements are not calibrated to the "
    "Wisconsin images: any probability for it shows the workflow, never a diagnosis."
)


@functools.cache
def _picture() -> features.SyntheticImage:
    settings = dict(PICTURE)
    return features.synthetic_image(settings.pop("settings"), **settings)


def _field():
    return _picture().pixels[:, FIRST_COLUMN:]


@functools.cache
def _found() -> features.Segmentation:
    return features.segment(_field())


@functools.cache
def _radii():
    """The radius of each nucleus segment finds in the field of view."""
    return features.nucleus_table(_found())["radius"]


@functools.cache
def _outlines():
    """q2's outline as traced from the image, and the outline the nucleus was drawn with."""
    settings = dict(NUCLEUS)
    nucleus = features.synthetic_nucleus(settings.pop("settings"), **settings)
    return features.segment(nucleus).contours[0], nucleus.outlines[0]


@functools.cache
def _probability(where: str = "field") -> float:
    """The reference model's probability of malignancy for the "field" or the whole "picture"."""
    image = _found() if where == "field" else _picture()
    return float(models.probability_malignant(fixtures.fitted(), features.image_features(image))[0])


# ---------------------------------------------------------------------------------------------
# q1: from pixels to nuclei
# ---------------------------------------------------------------------------------------------


@ex02.question("q1", "n_nuclei", kind="count")
class NucleiFound(NumberQuestion):
    """How many nuclei ``segment`` finds, and keeps, in the field of view."""

    hints = (
        "features.segment(image) finds the nuclei and traces one outline around each. Give it "
        "the field of view, `field`, not the whole picture.",
        "found = features.segment(field) keeps what it found; found.contours holds one outline "
        "per nucleus.",
        "len(...) counts the items of a collection: n_nuclei = len(found.contours).",
    )
    correct = (
        "Correct. segment keeps only the nuclei it can see whole: those cut by the edge of the "
        "field are left out (found.dropped says how many), because a half-visible nucleus would "
        "get a wrong size and shape. Every number in the rest of this exercise summarises these "
        "few nuclei only."
    )

    def expected(self):
        return len(_found().contours)

    def mistakes(self):
        found, field = _found(), _field()
        return [
            (
                len(_picture().outlines),
                "That is the number of nuclei on the whole synthetic picture. The camera sees only "
                "the field of view, `field`, whose edge cuts some of them off: count the nuclei "
                "segment finds in `field`.",
            ),
            (
                len(found.contours) + sum(found.dropped.values()),
                "That counts every dark region segment came across, including those it left out "
                "because the edge of the field cuts them (found.dropped lists them). Count only "
                "the nuclei it kept, the outlines in found.contours.",
            ),
            (
                sum(found.dropped.values()),
                "That is the number of dark regions segment left out (found.dropped). The "
                "question asks how many nuclei it kept: the outlines in found.contours.",
            ),
            *[
                (
                    length,
                    "That is the number of rows (or columns) of pixels in the image: len() of an "
                    "image counts its rows. Count the outlines in found.contours instead.",
                )
                for length in field.shape
            ],
            (
                len(found.contours[0]),
                "That is the number of points along one outline, found.contours[0]. Count the "
                "outlines themselves: len(found.contours).",
            ),
        ]


# ---------------------------------------------------------------------------------------------
# q2: one nucleus, one measurement
# ---------------------------------------------------------------------------------------------


@ex02.question("q2", "compactness", kind="number")
class Compactness(NumberQuestion):
    """Compactness of q2's traced outline, by the course's formula."""

    absolute_tolerance = 0.0005  # an answer rounded to three decimals still counts
    hints = (
        "Compactness compares the length of the outline with the area it encloses: a circle "
        "has the shortest outline for its area, and scores 0.",
        "The course's formula: the perimeter squared, divided by 4π times the area, minus 1. In "
        "Python, p**2 squares p and math.pi is π.",
        "compactness = p**2 / (4 * math.pi * a) - 1 (the brackets matter).",
    )
    correct = (
        "Correct. A circle would score 0; this nucleus's dents and bumps need a longer outline "
        "to enclose the same area. Unlike radius, perimeter and area, compactness does not "
        "depend on size: a nucleus twice as large, with the same shape, scores the same."
    )

    def expected(self):
        return features.compactness(_outlines()[0])

    def mistakes(self):
        outline, drawn = _outlines()
        p, a, r = features.perimeter(outline), features.area(outline), features.radius(outline)
        wdbc = fixtures.wdbc()
        low, high = wdbc["compactness_mean"].min(), wdbc["compactness_worst"].max()
        literal = (
            "That is the formula as the WDBC documentation writes it, perimeter² / area − 1. "
            "With it a perfect circle would already score 4π − 1 (about 11.6), far above any "
            f"compactness in the Wisconsin data ({low:.2f} to {high:.2f}), so the course "
            "divides by 4π as well, which makes a circle score 0: p**2 / (4 * math.pi * a) - 1."
        )
        brackets = (
            "Check the brackets: without them Python divides by 4, then multiplies by π and by "
            "the area. Put the whole denominator in brackets: p**2 / (4 * math.pi * a)."
        )
        return [
            (
                p**2 / (4 * math.pi * a),
                "Nearly: that is the ratio before the final − 1. The course subtracts 1 so that "
                "a perfect circle scores 0 (the ratio itself is 1 for a circle).",
            ),
            (p**2 / a - 1, literal),
            (p**2 / a, literal),
            (
                r**2 / (4 * math.pi * a) - 1,
                "This seems to use the radius where the perimeter belongs. Compactness compares "
                "the length of the outline (features.perimeter) with the area it encloses.",
            ),
            (p**2 / 4 * math.pi * a - 1, brackets),
            (p**2 / (4 * math.pi) * a - 1, brackets),
            (
                p / (2 * math.sqrt(math.pi * a)) - 1,
                "Nearly: that compares the perimeter with the circle's, but without squaring. "
                "Compactness squares the perimeter, p**2, so that it can be compared with an "
                "area: p**2 / (4 * math.pi * a) - 1, which is also (p / circle)**2 - 1.",
            ),
            (
                p / (4 * math.pi * a) - 1,
                "The perimeter needs squaring, p**2: a length squared divided by an area gives a "
                "number that does not depend on the size of the nucleus.",
            ),
            (
                features.compactness(drawn),
                "That is the compactness of the outline the nucleus was drawn with "
                "(nucleus.outlines[0]). The question is about the outline traced from the image, "
                "`outline`, which the blur of the image makes a little smoother.",
            ),
        ]

    def assess(self, answer) -> Feedback:
        """As for any number, and a negative compactness (impossible) gets its own message."""
        feedback = super().assess(answer)
        if feedback.outcome is Outcome.INCORRECT and feedback.message == GENERIC:
            if as_number(answer, self.kind) < 0:
                return self._wrong(
                    "Compactness cannot be negative: a circle, the most compact outline "
                    "of all, scores 0. Check that the perimeter (not the radius) is squared."
                )
        return feedback


# ---------------------------------------------------------------------------------------------
# q3, q4: from nuclei to the image's row
# ---------------------------------------------------------------------------------------------


@ex02.question("q3", "radius_worst", kind="number")
class RadiusWorst(NumberQuestion):
    """The field's ``radius_worst``: the mean of the three largest radii."""

    hints = (
        "'Worst' is not the single largest value: in the WDBC data it is the mean of the three "
        "largest values among the image's nuclei.",
        'table["radius"] is the column of radii; .nlargest(3) keeps the three largest.',
        'radius_worst = table["radius"].nlargest(3).mean()',
    )
    correct = (
        "Correct. 'Worst' averages the three largest nuclei, so one oddly large nucleus (or one "
        "badly traced outline) sways it less than it would sway a maximum. The 'worst' columns "
        "are among the strongest single clues in the WDBC data."
    )

    def expected(self):
        return float(_radii().nlargest(3).mean())

    def mistakes(self):
        radii = _radii()
        return [
            (
                radii.max(),
                "That is the single largest radius. In the WDBC data 'worst' is the mean of the "
                "three largest values, which one unusual nucleus sways less.",
            ),
            (
                radii.mean(),
                "That is the mean over all the nuclei (radius_mean). 'Worst' looks only at the "
                "three largest.",
            ),
            (
                radii.nsmallest(3).mean(),
                "That is the mean of the three smallest radii: sorting puts the smallest first. "
                "Take the three largest, with .nlargest(3) or sort_values(ascending=False).",
            ),
            (
                radii.nlargest(3).sum(),
                "That is the sum of the three largest radii; 'worst' is their mean.",
            ),
            (
                radii.median(),
                "That is the median radius, the middle nucleus. 'Worst' is the mean of the three "
                "largest.",
            ),
            (
                radii.std() / math.sqrt(len(radii)),
                "That is the standard error (radius_se), the statistic of q4. 'Worst' is the "
                "mean of the three largest radii.",
            ),
        ]


@ex02.question("q4", "radius_se", kind="number")
class RadiusSE(NumberQuestion):
    """The field's ``radius_se``: standard deviation (ddof=1) over the square root of n."""

    hints = (
        "The standard error says how precisely these few nuclei pin down the mean radius: the "
        "standard deviation divided by the square root of the number of nuclei.",
        'table["radius"].std() is the standard deviation (pandas divides by n − 1, as the '
        "course does); len(table) is the number of nuclei; math.sqrt takes a square root.",
        'radius_se = table["radius"].std() / math.sqrt(len(table))',
    )
    correct = (
        "Correct. The more the nuclei of one image differ in size (pleomorphism), the larger "
        "the SE. But with a handful of nuclei it is itself a rough number, and it shrinks as "
        "more nuclei are measured, even if they differ just as much."
    )

    def expected(self):
        radii = _radii()
        return float(radii.std(ddof=1) / math.sqrt(len(radii)))

    def mistakes(self):
        radii = _radii()
        n = len(radii)
        sd, sd0 = radii.std(ddof=1), radii.std(ddof=0)
        return [
            (
                sd,
                "That is the standard deviation: how much the radii differ from one another. "
                "The standard error divides it by the square root of the number of nuclei, √n.",
            ),
            (
                sd0 / math.sqrt(n),
                "Nearly: this standard deviation divides by n, as numpy's np.std does unless told "
                "otherwise. The course, like pandas' .std(), divides by n − 1 (ddof=1): use "
                'table["radius"].std(), or np.std(..., ddof=1).',
            ),
            (
                sd0,
                "That is a standard deviation (dividing by n, numpy's default), not yet a "
                "standard error: use ddof=1 and divide by √n.",
            ),
            (
                sd / n,
                "This divides by the number of nuclei itself; the standard error divides by its "
                "square root, math.sqrt(len(table)).",
            ),
            (
                sd / math.sqrt(len(_picture().outlines)),
                "This divides by the square root of the number of nuclei on the whole picture. "
                "Only the nuclei measured count: len(table).",
            ),
            (
                radii.var() / math.sqrt(n),
                "This starts from the variance (.var()), the square of the standard deviation. "
                "Use .std().",
            ),
        ]


# ---------------------------------------------------------------------------------------------
# q5, q6: what the features see
# ---------------------------------------------------------------------------------------------


@ex02.question("q5", "q5_answer")
class NotchedMembrane(ChoiceQuestion):
    """Which features measure dents in the outline."""

    prompt = (
        "A nucleus develops two deep notches in its membrane; its size and its chromatin barely "
        "change. Which two of the ten features were designed to capture exactly that?"
    )
    options = (
        Option(
            "radius and area",
            "They describe size. A notch takes a little area away, so they may fall slightly, "
            "but a nucleus could lose the same area with no notch at all.",
        ),
        Option(
            "texture and smoothness",
            "Texture is about the chromatin (how much the grey levels inside the nucleus "
            "vary), not the outline. Smoothness compares each radius with its neighbours: it "
            "notices small bumps all round the outline more than a few deep notches.",
        ),
        Option(
            "concavity and concave points",
            "Yes: concavity measures how deep and wide the dents are (the area between the "
            "outline and the 'rubber band' of its convex hull, over the area), concave points "
            "how many there are (dents per pixel of outline).",
            correct=True,
        ),
        Option(
            "symmetry and fractal dimension",
            "Both may move, but neither is built for dents: two matching notches facing each "
            "other leave a nucleus symmetric, and fractal dimension measures how crinkly the "
            "whole outline is at fine scales.",
        ),
    )
    correct = (
        "Other shape features move too: a notched outline is also less compact and usually less "
        "symmetric. The ten features overlap, which is one reason the 30 numbers are correlated."
    )


@ex02.question("q6", "q6_answer")
class CoarseChromatin(ChoiceQuestion):
    """Which feature sees coarse, clumped chromatin."""

    prompt = (
        "In a second aspirate the chromatin is coarse and clumped, but the nuclei have the same "
        "size and shape as in the first. Which feature should differ most between the two?"
    )
    options = (
        Option(
            "smoothness",
            "The name misleads: smoothness is about the outline (how much neighbouring radii "
            "differ), not the inside of the nucleus. Same shape, same smoothness.",
        ),
        Option(
            "texture",
            "Yes: texture is the standard deviation of the grey levels inside the outline, so "
            "dark clumps on a lighter background raise it.",
            correct=True,
        ),
        Option(
            "fractal dimension",
            "Fractal dimension measures how crinkly the outline is. Same shape, same fractal "
            "dimension: the chromatin inside does not enter it.",
        ),
        Option(
            "area",
            "Area measures size, which did not change. Only the grey levels inside the outline "
            "did.",
        ),
    )
    correct = (
        "Texture also depends on the stain, the scanner and the lighting: another laboratory's "
        "slides can change it with no change in the cells (lesson 08)."
    )


# ---------------------------------------------------------------------------------------------
# q7: the field's row, given to the reference model
# ---------------------------------------------------------------------------------------------


@ex02.question("q7", "p_field", kind="proportion")
class FieldProbability(NumberQuestion):
    """The reference model's probability of malignancy for the field's row of 30 numbers."""

    hints = (
        "The model learned from rows of 30 numbers; `row` is this field's row, in the same "
        "columns. (The image is SYNTHETIC and not calibrated to the Wisconsin images: the "
        "answer shows the workflow, not a diagnosis.)",
        "models.probability_malignant(model, row) gives the probability of malignancy for each "
        "row; there is one row, so take [0].",
    )
    correct = (
        "Correct: that is what the reference model makes of the field's 30 numbers. But the "
        "image is SYNTHETIC, drawn from random numbers, and its measurements are not calibrated "
        "to the Wisconsin images (another pixel size, stain and way of finding outlines): the "
        "probability demonstrates the workflow and says nothing about any woman. Lesson 08 "
        "shows how a model misleads when its inputs are measured differently from its training "
        "data."
    )

    def expected(self):
        return _probability()

    def mistakes(self):
        label = int(fixtures.fitted().predict(features.image_features(_found()))[0])
        return [
            (1 - _probability(), "benign_as_positive"),
            (label, "label_for_probability"),
            (
                _probability("picture"),
                "This seems to come from the whole synthetic picture. The question is about the "
                "field of view: use `row`, made from `field`.",
            ),
        ]

    def _wrong(self, explanation="", extra=""):
        """Every wrong answer about a probability also says that the image is not a patient."""
        return super()._wrong(explanation, f"{extra} {SYNTHETIC_REMINDER}".strip())

    def _ambiguous(self, extra=""):
        return super()._ambiguous(f"{extra} {SYNTHETIC_REMINDER}".strip())


QUESTIONS = ex02.bind(globals())
