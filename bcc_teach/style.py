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
