"""Typical answers to exercise 02, "From images to features", on the same SYNTHETIC field of view
as the solution notebook."""

from __future__ import annotations

import math

import numpy as np

from bcc_teach import data, features, models

PICTURE = features.synthetic_image("malignant", seed=3, radius=12)
FIELD = PICTURE.pixels[:, 48:]
FOUND = features.segment(FIELD)

OUTLINE = features.segment(features.synthetic_nucleus("malignant", seed=1)).contours[0]
P, A = features.perimeter(OUTLINE), features.area(OUTLINE)
R = features.radius(OUTLINE)

TABLE = features.nucleus_table(FIELD)
RADII = TABLE["radius"]
N = len(TABLE)

X, y = data.load_wdbc_xy()
X_train, X_test, y_train, y_test = models.split(X, y)
MODEL = models.reference_model().fit(X_train, y_train)
ROW = features.image_features(FIELD)
P_FIELD = models.probability_malignant(MODEL, ROW)


TYPICAL = {
    "q1": (
        [len(FOUND.contours), len(FOUND.masks), np.int64(len(FOUND.contours))],
        [
            (len(PICTURE.outlines), "nuclei on the whole synthetic picture"),
            (len(features.segment(PICTURE).contours), "nuclei on the whole synthetic picture"),
            (len(FOUND.contours) + sum(FOUND.dropped.values()), "every dark region"),
            (FOUND.dropped["touching the border"], "left out (found.dropped)"),
            (len(FIELD), "rows (or columns) of pixels"),
            (len(FOUND.contours[0]), "points along one outline"),
            (FOUND.threshold, "fractional part"),
            (FOUND, "a Segmentation object"),
        ],
    ),
    "q2": (
        [
            (P / (2 * math.sqrt(math.pi * A))) ** 2 - 1,
            P**2 / (4 * math.pi * A) - 1,
            features.compactness(OUTLINE),
            round(P**2 / (4 * math.pi * A) - 1, 3),
        ],
        [
            (P**2 / (4 * math.pi * A), "before the final − 1"),
            (P**2 / A - 1, "as the WDBC documentation writes it"),
            (P**2 / A, "divides by 4π"),
            (R**2 / (4 * math.pi * A) - 1, "the radius where the perimeter belongs"),
            (P**2 / 4 * math.pi * A - 1, "Check the brackets"),
            (P / (4 * math.pi * A) - 1, "needs squaring"),
            (P / (2 * math.sqrt(math.pi * A)) - 1, "without squaring"),
            ((P - 2 * math.sqrt(math.pi * A)) / (2 * math.sqrt(math.pi * A)), "without squaring"),
            (-0.5, "cannot be negative"),
            (
                features.compactness(features.synthetic_nucleus("malignant", seed=1).outlines[0]),
                "the outline the nucleus was drawn with",
            ),
            ("p**2 / (4 * math.pi * a) - 1", "text (in quotes)"),
        ],
    ),
    "q3": (
        [RADII.nlargest(3).mean(), ROW["radius_worst"], np.mean(sorted(RADII)[-3:])],
        [
            (RADII.max(), "single largest radius"),
            (RADII.mean(), "radius_mean"),
            (np.mean(sorted(RADII)[:3]), "three smallest"),
            (RADII.nlargest(3).sum(), "sum of the three largest"),
            (RADII.std() / math.sqrt(N), "standard error (radius_se)"),
            (RADII.nlargest(3), "holding many values"),
        ],
    ),
    "q4": (
        [RADII.std() / math.sqrt(N), ROW["radius_se"], np.std(RADII, ddof=1) / np.sqrt(N)],
        [
            (RADII.std(), "That is the standard deviation"),
            (np.std(RADII.to_numpy()) / math.sqrt(N), "divides by n, as numpy's np.std"),
            (np.std(RADII.to_numpy()), "not yet a standard error"),
            (RADII.std() / N, "divides by its square root"),
            (RADII.std() / math.sqrt(len(PICTURE.outlines)), "nuclei on the whole picture"),
            (RADII.var() / math.sqrt(N), "variance"),
        ],
    ),
    "q5": (
        ["c", " (C) "],
        [("a", "describe size"), ("b", "about the chromatin"), ("d", "neither is built for dents")],
    ),
    "q6": (
        ["b", "B"],
        [("a", "The name misleads"), ("c", "how crinkly the outline"), ("d", "did not change")],
    ),
    "q7": (
        [P_FIELD, P_FIELD[0], MODEL.predict_proba(ROW)[0, 1], round(float(P_FIELD[0]), 3)],
        [
            (MODEL.predict_proba(ROW)[0, 0], "benign_as_positive"),
            (MODEL.predict_proba(ROW)[:, 0], "benign_as_positive"),
            (MODEL.predict(ROW)[0], "label_for_probability"),
            (models.probability_malignant(MODEL, features.image_features(PICTURE)), "whole"),
            (100 * P_FIELD[0], "percentage_for_proportion"),
            (MODEL.predict_proba(ROW), "holding many values"),
        ],
    ),
}


def typical():
    return TYPICAL
