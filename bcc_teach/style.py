"""The course's colours, so every figure speaks the same visual language.

Malignant is always vermillion and benign always blue (the Okabe–Ito palette, which people with
the common forms of colour-vision deficiency can tell apart).

    >>> from bcc_teach.style import DIAGNOSIS_COLOURS
    >>> DIAGNOSIS_COLOURS["malignant"]
    '#D55E00'
"""

MALIGNANT = "#D55E00"  # vermillion
BENIGN = "#0072B2"  # blue
NEUTRAL = "#999999"  # grey, for anything that is neither
HIGHLIGHT = "#E69F00"  # orange, for a threshold line or a case being discussed

#: The order in which diagnoses appear in every legend and table.
DIAGNOSIS_ORDER = ("benign", "malignant")
DIAGNOSIS_COLOURS = {"benign": BENIGN, "malignant": MALIGNANT}
OUTLINE = "#009E73"  # bluish green, for a traced nucleus outline (neither diagnosis)

#: One colour per named model (``models.MODELS``), for figures that compare them (Okabe–Ito,
#: without the two diagnosis colours so that no model looks like a diagnosis).
MODEL_COLOURS = {
    "logistic_regression": "#000000",  # black: the reference model
    "decision_tree": "#E69F00",  # orange
    "random_forest": "#009E73",  # bluish green
    "svm": "#CC79A7",  # reddish purple
    "knn": "#56B4E9",  # sky blue
}
