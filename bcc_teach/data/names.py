"""The WDBC features, in clinical words: their names, what each measures, and its unit."""

from __future__ import annotations

from bcc_teach import inputs

#: The ten measurements made on every nucleus outline.
BASE_FEATURES = (
    "radius", "texture", "perimeter", "area", "smoothness",
    "compactness", "concavity", "concave_points", "symmetry", "fractal_dimension",
)  # fmt: skip
#: How the nuclei of one image are summarised: average, standard error, and "worst".
STATISTICS = ("mean", "se", "worst")
#: The 30 WDBC feature columns, in the order of the original file (10 means, 10 SEs, 10 worst).
FEATURES = tuple(f"{base}_{stat}" for stat in STATISTICS for base in BASE_FEATURES)
#: The nine cytology scores (1–10) of the original Wisconsin data.
WBC_FEATURES = (
    "clump_thickness", "uniformity_cell_size", "uniformity_cell_shape", "marginal_adhesion",
    "single_epithelial_cell_size", "bare_nuclei", "bland_chromatin", "normal_nucleoli", "mitoses",
)  # fmt: skip
DIAGNOSES = ("benign", "malignant")

_LENGTH = "length in the digitised image's own unit (the data come with no micrometre scale)"
_MEANINGS = {
    "radius": (
        "how big the nucleus is: the average distance from its centre to its outline",
        _LENGTH,
    ),
    "texture": (
        "how uneven the staining of the nucleus is: the spread (standard deviation) of its grey "
        "levels; coarse, clumped chromatin scores higher",
        "grey levels",
    ),
    "perimeter": ("the length of the nucleus outline", _LENGTH),
    "area": ("the area inside the nucleus outline", "squared " + _LENGTH),
    "smoothness": (
        "how much neighbouring radii differ in length: a bumpy, wobbly outline scores higher",
        "no unit (a ratio)",
    ),
    "compactness": (
        "how far the shape is from a circle, computed from perimeter and area: round nuclei "
        "score low, elongated or irregular ones higher. The dataset's notes write perimeter² / "
        "area − 1, but that would give even a perfect circle 4π − 1 (about 11.6), far above "
        "every recorded value. This course reads it as perimeter² / (4π × area) − 1, which is 0 "
        "for a circle; that is an inference from the data, not a published formula (computed "
        "from each image's mean perimeter and mean area, it follows compactness_mean with a "
        "correlation of 0.97)",
        "no unit (a ratio)",
    ),
    "concavity": (
        "how deep the inward dents (concavities) in the outline are",
        "no unit (a ratio)",
    ),
    "concave_points": (
        "how many inward dents the outline has (as scaled in the data)",
        "no unit (a ratio)",
    ),
    "symmetry": (
        "how different the two halves of the nucleus are when compared across its longest "
        "axis: higher means less symmetric",
        "no unit (a ratio)",
    ),
    "fractal_dimension": (
        "how crinkly the outline stays as you look at it more and more closely "
        '("coastline approximation" minus 1)',
        "no unit",
    ),
}
_STAT_MEANINGS = {
    "mean": "Mean: the average over all the nuclei outlined in the image.",
    "se": (
        "SE: the standard error of that average, which grows when the nuclei in the image "
        "differ from one another (pleomorphism) and shrinks when many nuclei were measured."
    ),
    "worst": (
        "Worst: the average of the three largest values in the image, i.e. the most "
        "abnormal-looking nuclei, much as a cytopathologist looks for the worst cells."
    ),
}


_SHORT_UNITS = {
    "radius": "image units",
    "perimeter": "image units",
    "area": "square image units",
    "texture": "grey levels",
}


def feature_unit(name: str) -> str:
    """A short unit for an axis label. Standard errors share their measurement's unit.

    >>> feature_unit("area_mean"), feature_unit("smoothness_worst")
    ('square image units', 'no unit')
    """
    check_feature(name)
    return _SHORT_UNITS.get(name.rsplit("_", 1)[0], "no unit")


def feature_meaning(name: str) -> str:
    """What one of the 30 features measures, how the image's nuclei were summarised, its unit.

    (``data.describe_feature`` adds its typical values in benign and malignant cases.)

    >>> print(feature_meaning("area_se"))
    area_se — the area inside the nucleus outline.
    SE: the standard error of that average, ...
    Unit: squared length in the digitised image's own unit (...).
    """
    check_feature(name)
    base, stat = name.rsplit("_", 1)
    meaning, unit = _MEANINGS[base]
    return f"{name} — {meaning}.\n{_STAT_MEANINGS[stat]}\nUnit: {unit}."


def check_feature(name: object, choices: tuple[str, ...] = FEATURES) -> str:
    """Return ``name`` if it is one of ``choices`` (the 30 features); else a helpful ValueError.

    >>> check_feature("radius_mean")
    'radius_mean'
    """
    return inputs.check_feature(name, choices)
