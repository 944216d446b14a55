"""Imaging shift: the same slide, another scanner. Simulated on the course's SYNTHETIC images.

A scanner set to another magnification makes every nucleus larger or smaller in pixels; a
stain that takes more or less deeply changes the contrast of the chromatin; a slide out of
focus blurs it. None of this changes the woman's cells, but all of it changes the numbers the
model reads. ``scanner_change`` applies each change to an image; ``imaging_factors`` measures,
on lesson 02's synthetic images, by how much each of the 30 features moves (a factor per
feature, ``1`` = unchanged); ``drift`` applies those factors to real cases; ``re_measure``
undoes a known magnification, as a department does after measuring a calibration slide.

The factors are measured on synthetic images (``bcc_teach.features``), not on a real second
scanner: they show the kind and the direction of the change, not its size on any real device.

    >>> from bcc_teach import features
    >>> picture = features.synthetic_image("benign", seed=0)
    >>> scanner_change(picture, magnification=1.2).shape
    (307, 307)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bcc_teach import data, inputs
from bcc_teach.validation._store import remembered

if TYPE_CHECKING:
    import pandas as pd

#: The changes, each with its neutral value, the levels measured, and what it stands for.
CHANGES = {
    "magnification": (1.0, tuple(round(0.75 + 0.05 * i, 2) for i in range(12)),
                      "the scanner's magnification, relative to the one the model learned on"),
    "focus": (0.0, (0.0, 0.5, 1.0, 1.5, 2.0),
              "blur of a slide out of focus (standard deviation, pixels)"),
    "stain": (1.0, tuple(round(0.6 + 0.1 * i, 1) for i in range(9)),
              "contrast of the stain, relative to the usual (below 1: paler)"),
}  # fmt: skip
#: Features measured in units of length (scale with the magnification) and of area (with its
#: square), in all three summaries (mean, se, worst).
LENGTHS = tuple(f"{base}_{s}" for base in ("radius", "perimeter") for s in data.STATISTICS)
AREAS = tuple(f"area_{s}" for s in data.STATISTICS)


def _level(name: str, value) -> float:
    neutral, levels, _ = CHANGES[name]
    value = inputs.check_number(value, name)
    if not min(levels) <= value <= max(levels):
        raise ValueError(f"{name}={value:g} is outside the levels measured, "
                         f"{min(levels):g} to {max(levels):g}.")  # fmt: skip
    return value


def scanner_change(image, magnification: float = 1.0, focus: float = 0.0, stain: float = 1.0):
    """The image as another scanner would give it: grey levels 0–255 (a NumPy array).

    ``stain`` scales how much darker than the slide each pixel is (1 = as it was);
    ``magnification`` resamples the image (1.2: every length 20% longer in pixels);
    ``focus`` blurs it (Gaussian, that many pixels). ``image``: a ``SyntheticImage`` or a
    2-D array of grey levels.
    """
    import numpy as np
    from scipy import ndimage

    pixels = np.asarray(getattr(image, "pixels", image), dtype=float)
    if pixels.ndim != 2:
        raise ValueError(f"image must be 2-D (rows × columns of grey levels); got {pixels.ndim}-D.")
    magnification, focus = _level("magnification", magnification), _level("focus", focus)
    stain = _level("stain", stain)
    background = float(np.median(pixels))  # most of a smear is slide
    changed = background - stain * (background - pixels)
    if magnification != 1.0:
        changed = ndimage.zoom(changed, magnification, order=3, mode="nearest", grid_mode=True)
    if focus > 0:
        changed = ndimage.gaussian_filter(changed, focus)
    return np.clip(np.rint(changed), 0, 255).astype(np.uint8)


@dataclass(frozen=True)
class ImagingFactors:
    """By how much each feature moves under each change (``table``: one row per change and
    level, one column per feature; 1 = unchanged), measured on ``images`` synthetic images."""

    table: pd.DataFrame
    images: int

    def factors(self, magnification: float = 1.0, focus: float = 0.0, stain: float = 1.0):
        """The factor for each feature (a ``pandas.Series``) under the changes together:
        each change's factors interpolated between the levels measured, then multiplied (the
        changes are treated as acting independently)."""
        import numpy as np
        import pandas as pd

        total = np.ones(len(self.table.columns))
        for name, value in (("magnification", magnification), ("focus", focus),
                            ("stain", stain)):  # fmt: skip
            value = _level(name, value)
            rows = self.table.loc[name]
            levels, values = rows.index.to_numpy(dtype=float), rows.to_numpy(dtype=float)
            i = int(np.clip(np.searchsorted(levels, value, side="right") - 1, 0, len(levels) - 2))
            share = (value - levels[i]) / (levels[i + 1] - levels[i])
            total *= values[i] + share * (values[i + 1] - values[i])  # linear, between levels
        return pd.Series(total, index=self.table.columns)


def _features(pixels) -> pd.DataFrame:
    from bcc_teach import features

    return features.image_features(features.segment(pixels))


@remembered(ImagingFactors, depends=("shift", "features"), records=(ImagingFactors,))
def imaging_factors(seeds=tuple(range(10))) -> ImagingFactors:
    """Measure each change of ``CHANGES`` at each of its levels on synthetic images (the
    benign-like and malignant-like presets, one image per seed): the factor of a feature is
    the median, over the images, of its value after the change divided by its value before.

    >>> result = imaging_factors.compute(seeds=(0,))
    >>> round(float(result.table.loc[("magnification", 1.2), "radius_mean"]), 2)
    1.2
    """
    import numpy as np
    import pandas as pd

    from bcc_teach import features

    pictures = [features.synthetic_image(kind, seed=int(seed))
                for seed in seeds for kind in ("benign", "malignant")]  # fmt: skip
    before = pd.concat([_features(p.pixels) for p in pictures], ignore_index=True)
    rows = {}
    for name, (neutral, levels, _) in CHANGES.items():
        for level in levels:
            if level == neutral:
                rows[(name, level)] = pd.Series(1.0, index=before.columns)
                continue
            after = pd.concat([_features(scanner_change(p, **{name: level})) for p in pictures],
                              ignore_index=True)  # fmt: skip
            with np.errstate(invalid="ignore", divide="ignore"):
                ratio = (after / before.where(before != 0)).to_numpy()
            rows[(name, level)] = pd.Series(np.nanmedian(ratio, axis=0), index=before.columns)
    table = pd.DataFrame(rows).T
    table.index.names = ["change", "level"]
    return ImagingFactors(table[list(data.FEATURES)], len(pictures))


def drift(X, factors) -> pd.DataFrame:
    """The cases ``X`` as the other scanner would measure them: each feature multiplied by its
    factor (``factors``: a Series by feature, from ``ImagingFactors.factors``). ``X`` is not
    changed.

    >>> import pandas as pd
    >>> drift(pd.DataFrame({"radius_mean": [10.0]}), pd.Series({"radius_mean": 1.1})).iloc[0].tolist()
    [11.0]
    """  # noqa: E501
    table = inputs.check_columns(X, list(factors.index), "X")
    return table * factors.reindex(table.columns, fill_value=1.0)


def re_measure(X, magnification: float) -> pd.DataFrame:
    """Undo a known magnification (from a calibration slide of known size): lengths divided
    by it, areas by its square. Features that depend on the pixel size in other ways (the
    outline's smoothness, concavity, fractal dimension) are not restored. ``X`` is not changed.

    >>> import pandas as pd
    >>> re_measure(pd.DataFrame({"radius_mean": [12.0], "area_mean": [144.0]}), 1.2).round(1).iloc[0].tolist()
    [10.0, 100.0]
    """  # noqa: E501
    magnification = inputs.check_number(magnification, "magnification")
    if magnification <= 0:
        raise ValueError(f"magnification must be above 0; got {magnification:g}.")
    measured = X.copy()
    for names, power in ((LENGTHS, 1), (AREAS, 2)):
        present = [n for n in names if n in measured.columns]
        measured[present] = measured[present] / magnification**power
    return measured
