"""From a cytology image to the 30 WDBC numbers, shown on **synthetic** images.

The Wisconsin data (WDBC) were made from digitised images of fine-needle aspirates (FNA): for
each image, the outline of every nucleus was traced, ten measurements were made on each
outline, and each measurement was summarised over the image's nuclei as a mean, a standard
error and a "worst" value (30 numbers). This module walks through the same steps.

**No patient image is shipped with this course.** Every image here is drawn by the computer
(``synthetic_image``, ``synthetic_nucleus``): dark "stained nuclei" on a light background,
with settings for size, outline irregularity, dents and chromatin texture. They look a little
like an FNA smear; they are not one.

    >>> from bcc_teach import features
    >>> picture = features.synthetic_image("malignant", seed=1)  # a SYNTHETIC image
    >>> found = features.segment(picture)                        # one outline per nucleus
    >>> len(found.contours) == len(picture.outlines)
    True
    >>> row = features.image_features(found)                     # the 30 numbers, one row
    >>> row.shape
    (1, 30)

The steps: ``synthetic_image`` (or ``synthetic_nucleus``) draws an image; ``segment`` finds the
nuclei (smooth, Otsu threshold, labelled regions, contour); ``measure_nucleus`` makes the ten
measurements on one outline; ``nucleus_table`` gives one row per nucleus and
``image_features`` the image's row with the 30 columns of ``data.FEATURES``, in order, so it
can be handed to a fitted model.

How each of the ten features is measured here (Street, Wolberg & Mangasarian 1993, "Nuclear
feature extraction for breast tumor diagnosis", IS&T/SPIE vol. 1905, pp. 861-870). Lengths are
in pixels; the outline is a closed polygon of (row, column) points. Where a feature needs
evenly spaced boundary points, the outline is resampled along its length.

- ``radius``: mean distance from the nucleus centre (the centroid of the outline's area) to
  evenly spaced boundary points. As in the paper.
- ``texture``: standard deviation (population, ``ddof=0``) of the grey levels of the pixels
  whose centres lie inside the outline. As in the paper.
- ``perimeter``: length of the closed outline (sum of the distances between its points). As in
  the paper (the distance between the snake points).
- ``area``: area enclosed by the outline (shoelace formula). The paper counts the pixels
  inside plus half the pixels on the boundary; the two agree to within a pixel's width.
- ``smoothness``: local variation in radius lengths. Radii r_i go from the centre to boundary
  points spaced evenly about 2 pixels apart; smoothness is the sum of
  ``|r_i - (r_(i-1) + r_(i+1)) / 2|`` (each radius against the mean of its two neighbours)
  divided by the perimeter. The paper names the ingredients; the 2-pixel spacing and the
  division by the perimeter are our guesses (they give a ratio on the WDBC scale).
- ``compactness``: ``perimeter**2 / (4 * pi * area) - 1``, so 0 for a perfect circle. The WDBC
  documentation writes ``perimeter^2 / area - 1.0``, but a circle already gives 4π (12.6) that
  way while the published values lie between 0.02 and 0.35, so we divide by 4π.
- ``concavity``: the area between the outline and its convex hull (the "rubber band" around
  it), divided by the area: 0 when there is no dent, larger for deeper and wider dents. The
  paper measures how far the boundary lies inside chords between boundary points; the convex
  hull is our simpler stand-in for those chords.
- ``concave_points``: the number of concave portions (dents: runs of boundary points lying
  more than 4% of the radius, and at least half a pixel, inside the convex hull) per pixel of
  perimeter. The paper counts concave portions; its scaling is not published, so ours is a
  choice (dents per unit length of outline). Two dents not separated by a bump that reaches
  the hull count as one.
- ``symmetry``: find the major axis (the longest chord through the centre, searched in 1°
  steps); at 32 evenly spaced places along it, measure the distance from the axis to the
  boundary on either side, perpendicular to the axis; symmetry is
  ``sum |left - right| / sum ((left + right) / 2)``, the mean difference between the sides
  relative to their mean length. The paper describes the same pairs of segments; the
  normalisation is our guess. 0 for an outline that is symmetric about its major axis.
- ``fractal_dimension``: the "coastline approximation". The perimeter is measured with rulers
  of 1, 2, 4, 8 and 16 boundary steps (about 1 to 16 pixels; rulers longer than a sixth of the
  outline are dropped); log(perimeter) is fitted against log(ruler length) by least squares;
  the dimension is ``1 - slope`` and the feature is ``dimension - 1`` (= ``-slope``), as in the
  paper. The ruler sizes are our choice: the value depends on them and on the pixel size.

Measured from an image, an outline is a little smoother than the one that was drawn: the
image's blur, and the light smoothing before thresholding, hide the finest wiggles. Radius
and area barely change (under 1% on the synthetic nuclei); perimeter comes out a few percent
shorter, and compactness and concavity lower, than on the drawn outline.

The definitions aim at values on roughly the WDBC scale (radius in image units, texture in grey
levels, the ratios between about 0 and 0.4), so that an image's row can be given to the course's
reference model. But **the synthetic values are not calibrated to the real Wisconsin images**
(different pixel size, optics, stain and outline-finding): read a model's answer on a
synthetic image as a demonstration of the workflow, never as a diagnosis.

Per image (``summarise``): ``mean`` over the nuclei, ``se`` = standard deviation (``ddof=1``)
divided by √n (0 when only one nucleus was measured), and ``worst`` = the mean of the three
largest values (of all values when fewer than three nuclei were found).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING

import numpy as np
from scipy import ndimage
from scipy.spatial import ConvexHull
from skimage.draw import polygon2mask
from skimage.filters import threshold_otsu
from skimage.measure import find_contours

from bcc_teach.data import BASE_FEATURES, FEATURES, STATISTICS

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "PRESETS",
    "CrowdedImageError",
    "SYNTHETIC_NOTE",
    "ImageSettings",
    "Segmentation",
    "SyntheticImage",
    "area",
    "centre",
    "coastline",
    "compactness",
    "concave_points",
    "concavity",
    "convex_hull",
    "dent_points",
    "fractal_dimension",
    "image_features",
    "major_axis",
    "measure_nucleus",
    "nucleus_table",
    "perimeter",
    "radius",
    "radius_lines",
    "segment",
    "smoothness",
    "summarise",
    "symmetry",
    "synthetic_image",
    "synthetic_nucleus",
    "texture",
]

#: Said by every generated image: what it is, and what it is not.
SYNTHETIC_NOTE = (
    "SYNTHETIC image drawn by bcc_teach.features from random numbers: not a patient image, "
    "and its measurements are not calibrated to the Wisconsin (WDBC) images."
)

_EXPECTED = "expected a 2-D array of grey levels 0–255 (e.g. a uint8 image)"


# --------------------------------------------------------------------------------------------
# Synthetic images
# --------------------------------------------------------------------------------------------


class CrowdedImageError(ValueError):
    """The nuclei asked for do not fit into the image without overlapping."""


@dataclass(frozen=True)
class ImageSettings:
    """How a synthetic FNA-like image is drawn. Lengths in pixels, grey levels 0–255.

    - ``n_nuclei``: how many nuclei; ``size``: image (rows, columns).
    - ``radius``: typical nucleus radius (before wobble and dents).
    - ``pleomorphism``: how much the nuclei of one image differ from one another: each
      nucleus's radius, irregularity, dent depth and texture vary by this relative standard
      deviation (0 = all alike).
    - ``elongation``: long axis / short axis of the basic oval (1 = round).
    - ``irregularity``: how wobbly the outline is (relative standard deviation of the radius
      around the oval; 0 = a smooth oval).
    - ``concavity``: depth of the inward dents, as a fraction of the radius (0 = no dents);
      ``dents``: how many dents each nucleus gets when ``concavity`` > 0.
    - ``texture``: grey-level spread (standard deviation) of the chromatin;
      ``coarseness``: size of the chromatin clumps (pixels; 1 = fine, 3 = coarse).
    - ``nucleus_grey``, ``background_grey``: average grey levels (dark nuclei, light slide).

    >>> ImageSettings(radius=15).radius
    15.0
    """

    name: str = "custom"
    n_nuclei: int = 8
    radius: float = 12.0
    pleomorphism: float = 0.1
    elongation: float = 1.15
    irregularity: float = 0.05
    concavity: float = 0.0
    dents: int = 2
    texture: float = 14.0
    coarseness: float = 1.0
    nucleus_grey: float = 95.0
    background_grey: float = 215.0
    size: tuple[int, int] = (256, 256)

    def __post_init__(self):
        limits = {
            "radius": (3.0, 60.0),
            "pleomorphism": (0.0, 0.4),
            "elongation": (1.0, 2.0),
            "irregularity": (0.0, 0.15),
            "concavity": (0.0, 0.5),
            "texture": (0.0, 60.0),
            "coarseness": (0.3, 6.0),
            "nucleus_grey": (0.0, 255.0),
            "background_grey": (0.0, 255.0),
        }
        for name, (low, high) in limits.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                raise ValueError(f"{name} must be a number between {low:g} and {high:g}.")
            if not low <= value <= high:
                raise ValueError(f"{name}={value!r} is outside {low:g} to {high:g}.")
            object.__setattr__(self, name, float(value))
        for name, low in (("n_nuclei", 1), ("dents", 0)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < low:
                raise ValueError(f"{name} must be a whole number, at least {low}.")
            object.__setattr__(self, name, int(value))
        if self.background_grey - self.nucleus_grey < 40:
            raise ValueError(
                "nucleus_grey must be at least 40 grey levels darker than background_grey, "
                "or no nucleus can be seen."
            )
        size = tuple(self.size)
        if len(size) != 2 or not all(
            isinstance(s, numbers.Integral) and not isinstance(s, bool) and 32 <= s <= 2048
            for s in size
        ):
            raise ValueError("size must be (rows, columns), each a whole number 32 to 2048.")
        object.__setattr__(self, "size", (int(size[0]), int(size[1])))


#: The two ready-made kinds of image. Loosely modelled on the WDBC medians, not calibrated.
PRESETS = {
    "benign": ImageSettings(
        name="benign-like",
        n_nuclei=10,
        radius=12.0,
        pleomorphism=0.08,
        elongation=1.15,
        irregularity=0.05,
        concavity=0.03,
        dents=1,
        texture=13.0,
        coarseness=1.0,
        nucleus_grey=100.0,
    ),
    "malignant": ImageSettings(
        name="malignant-like",
        n_nuclei=8,
        radius=17.5,
        pleomorphism=0.2,
        elongation=1.3,
        irregularity=0.08,
        concavity=0.22,
        dents=4,
        texture=20.0,
        coarseness=2.5,
        nucleus_grey=80.0,
    ),
}


@dataclass(frozen=True, repr=False)
class SyntheticImage:
    """A generated image and the truth about it: SYNTHETIC, never a patient's.

    ``pixels`` (2-D uint8 array, grey levels 0–255), ``outlines`` (the true outline of each
    nucleus, an N×2 array of (row, column) pixel coordinates, closed: last point = first),
    ``centres`` ((row, column) per nucleus), ``settings``, ``seed`` and ``note``.

    >>> synthetic_nucleus(seed=0).note.startswith("SYNTHETIC")
    True
    """

    pixels: np.ndarray
    outlines: tuple[np.ndarray, ...]
    centres: tuple[tuple[float, float], ...]
    settings: ImageSettings
    seed: int
    note: str = field(default=SYNTHETIC_NOTE)

    def __repr__(self) -> str:
        rows, cols = self.pixels.shape
        return (
            f"SyntheticImage({rows}×{cols} pixels, {len(self.outlines)} nuclei, "
            f"{self.settings.name}, seed={self.seed}; SYNTHETIC, not a patient image)"
        )


def _settings(settings: str | ImageSettings, changes: dict) -> ImageSettings:
    if isinstance(settings, str):
        if settings not in PRESETS:
            raise ValueError(
                f"No preset called {settings!r}; choose 'benign' or 'malignant', or pass "
                "ImageSettings(...)."
            )
        settings = PRESETS[settings]
    elif not isinstance(settings, ImageSettings):
        raise TypeError("settings must be 'benign', 'malignant' or an ImageSettings(...).")
    names = {f.name for f in fields(ImageSettings)}
    unknown = sorted(set(changes) - names)
    if unknown:
        raise TypeError(
            f"Unknown setting(s) {', '.join(unknown)}; choose from {', '.join(sorted(names))}."
        )
    if changes and "name" not in changes:
        changes = {**changes, "name": f"{settings.name} (changed)"}
    return replace(settings, **changes)


def _rng(seed) -> np.random.Generator:
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(
            f"seed must be a whole number (0 or more), e.g. seed=0, got {seed!r}: the same "
            "seed always gives the same image."
        )
    return np.random.default_rng(int(seed))


# Wobble spectrum: harmonics 2 .. one per _WOBBLE_WAVELENGTH pixels of circumference, with
# amplitudes falling as k ** -_WOBBLE_DECAY (0 = all bump sizes alike). The random numbers are
# always drawn for _MAX_HARMONIC harmonics, so that changing the radius (say, with a slider)
# keeps the same seed's shape instead of drawing a new one.
_WOBBLE_WAVELENGTH = 6.0
_WOBBLE_DECAY = 0.5
_MAX_HARMONIC = 64


@dataclass(frozen=True)
class _Nucleus:
    """One nucleus to draw: centre (row, col), radius at each angle, chromatin spread."""

    centre: tuple[float, float]
    angles: np.ndarray
    radii: np.ndarray
    texture: float


def _vary(rng: np.random.Generator, value: float, pleomorphism: float) -> float:
    """``value`` varied between nuclei by a relative standard deviation ``pleomorphism``."""
    return value * float(np.clip(1 + pleomorphism * rng.normal(), 0.5, 1.6))


def _radius_profile(
    rng: np.random.Generator, settings: ImageSettings, radius: float
) -> tuple[np.ndarray, np.ndarray]:
    """Angles and the nucleus radius at each: an oval, a random wobble and Gaussian dents."""
    angles = np.linspace(0, 2 * math.pi, max(64, int(8 * math.pi * radius)), endpoint=False)
    e = settings.elongation
    long_axis, short_axis = radius * math.sqrt(e), radius / math.sqrt(e)
    tilt = rng.uniform(0, math.pi)
    c, s = np.cos(angles - tilt), np.sin(angles - tilt)
    r = long_axis * short_axis / np.sqrt((short_axis * c) ** 2 + (long_axis * s) ** 2)
    k = np.arange(2, _MAX_HARMONIC + 1)
    phases = rng.uniform(0, 2 * math.pi, k.size)
    weights = rng.normal(size=k.size) * k ** (-_WOBBLE_DECAY)
    top = max(4, int(2 * math.pi * radius / _WOBBLE_WAVELENGTH))
    k, phases, weights = k[: top - 1], phases[: top - 1], weights[: top - 1]
    wobble = (weights[:, None] * np.cos(k[:, None] * angles[None, :] + phases[:, None])).sum(0)
    wobble /= max(float(wobble.std()), 1e-12)
    irregularity = _vary(rng, settings.irregularity, settings.pleomorphism)
    r = r * (1 + irregularity * wobble)
    if settings.concavity > 0 and settings.dents > 0:
        start = rng.uniform(0, 2 * math.pi)
        for i in range(settings.dents):
            centre = start + 2 * math.pi * (i + rng.uniform(-0.25, 0.25)) / settings.dents
            width = rng.uniform(0.18, 0.32)
            depth = min(0.6, _vary(rng, settings.concavity, settings.pleomorphism))
            gap = np.angle(np.exp(1j * (angles - centre)))
            r = r * (1 - depth * rng.uniform(0.7, 1.3) * np.exp(-0.5 * (gap / width) ** 2))
    return angles, np.maximum(r, 0.3 * radius)


def _make_nucleus(
    rng: np.random.Generator, settings: ImageSettings, radius: float
) -> tuple[np.ndarray, np.ndarray, float]:
    angles, radii = _radius_profile(rng, settings, radius)
    spread = _vary(rng, settings.texture, settings.pleomorphism)
    return angles, radii, spread


def _draw(
    settings: ImageSettings, rng: np.random.Generator, shape: tuple[int, int], nuclei: list
) -> np.ndarray:
    """Render the nuclei on a light, slightly grainy background; return uint8 grey levels."""
    rows, cols = shape
    background = settings.background_grey + rng.normal(0, 3.0, shape)
    picture = ndimage.gaussian_filter(background, 1.0)
    for nucleus in nuclei:
        cy, cx = nucleus.centre
        reach = int(math.ceil(nucleus.radii.max())) + 2
        r0, r1 = max(0, int(cy) - reach), min(rows, int(cy) + reach + 2)
        c0, c1 = max(0, int(cx) - reach), min(cols, int(cx) + reach + 2)
        yy, xx = np.mgrid[r0:r1, c0:c1]
        dy, dx = yy - cy, xx - cx
        rho, theta = np.hypot(dy, dx), np.mod(np.arctan2(dy, dx), 2 * math.pi)
        edge = np.interp(theta, nucleus.angles, nucleus.radii, period=2 * math.pi)
        coverage = np.clip(edge - rho + 0.5, 0.0, 1.0)  # anti-aliased edge
        grain = ndimage.gaussian_filter(rng.normal(size=coverage.shape), settings.coarseness)
        grain /= max(float(grain.std()), 1e-12)
        inside = settings.nucleus_grey + nucleus.texture * grain
        window = picture[r0:r1, c0:c1]
        picture[r0:r1, c0:c1] = window * (1 - coverage) + inside * coverage
    picture = ndimage.gaussian_filter(picture, 0.5)  # a touch of optical blur
    return np.clip(np.rint(picture), 0, 255).astype(np.uint8)


def _outline(nucleus: _Nucleus) -> np.ndarray:
    cy, cx = nucleus.centre
    radii, angles = nucleus.radii, nucleus.angles
    points = np.column_stack([cy + radii * np.sin(angles), cx + radii * np.cos(angles)])
    return np.vstack([points, points[:1]])


def _synthetic(nuclei: list[_Nucleus], pixels, settings: ImageSettings, seed) -> SyntheticImage:
    outlines = tuple(_outline(n) for n in nuclei)
    centres = tuple((float(n.centre[0]), float(n.centre[1])) for n in nuclei)
    return SyntheticImage(pixels, outlines, centres, settings, int(seed))


def synthetic_image(
    settings: str | ImageSettings = "benign", seed: int = 0, **changes
) -> SyntheticImage:
    """Draw a SYNTHETIC grey-scale FNA-like image: dark nuclei on a light background.

    ``settings`` is ``"benign"`` (small, round, smooth nuclei with fine chromatin),
    ``"malignant"`` (larger, irregular, dented nuclei with coarse chromatin) or an
    ``ImageSettings``; any setting can be changed by name, e.g. ``radius=20``. The same
    ``seed`` always gives the same image. Nuclei never overlap and never touch the border
    (they are kept at least 6 pixels apart and 4 pixels from the edge).

    This is not a patient image and its measurements are not calibrated to the real
    Wisconsin images (see ``SYNTHETIC_NOTE``).

    >>> picture = synthetic_image("malignant", seed=3, n_nuclei=5)
    >>> picture
    SyntheticImage(256×256 pixels, 5 nuclei, malignant-like (changed), seed=3; SYNTHETIC, ...)
    >>> picture.pixels.dtype, picture.pixels.shape
    (dtype('uint8'), (256, 256))
    """
    settings = _settings(settings, changes)
    rng = _rng(seed)
    rows, cols = settings.size
    margin, gap = 4.0, 6.0
    nuclei: list[_Nucleus] = []
    for _ in range(settings.n_nuclei):
        radius = _vary(rng, settings.radius, settings.pleomorphism)
        angles, radii, spread = _make_nucleus(rng, settings, radius)
        reach = float(radii.max())
        for _attempt in range(500):
            cy = rng.uniform(reach + margin, rows - 1 - reach - margin)
            cx = rng.uniform(reach + margin, cols - 1 - reach - margin)
            if all(
                math.hypot(cy - n.centre[0], cx - n.centre[1]) > reach + n.radii.max() + gap
                for n in nuclei
            ):
                break
        else:
            raise CrowdedImageError(
                f"Could not fit {settings.n_nuclei} nuclei of radius {settings.radius:g} into a "
                f"{rows}×{cols} image without overlap; use fewer nuclei, a smaller radius or a "
                "larger size."
            )
        nuclei.append(_Nucleus((cy, cx), angles, radii, spread))
    return _synthetic(nuclei, _draw(settings, rng, (rows, cols), nuclei), settings, seed)


def synthetic_nucleus(
    settings: str | ImageSettings = "benign", seed: int = 0, **changes
) -> SyntheticImage:
    """Draw ONE synthetic nucleus, centred in a small image just big enough to hold it.

    Same settings as ``synthetic_image``; ``n_nuclei``, ``size`` and ``pleomorphism`` are
    ignored (the nucleus has exactly the ``radius``, ``irregularity``, ``concavity`` and
    ``texture`` asked for, before the random wobble and dents). Made for an interactive
    widget: move a slider, draw again, measure again. SYNTHETIC, not a patient's nucleus.

    >>> one = synthetic_nucleus("benign", seed=0, radius=15)
    >>> len(one.outlines), one.pixels.shape
    (1, (48, 48))
    """
    settings = _settings(settings, changes)
    settings = replace(settings, pleomorphism=0.0)
    rng = _rng(seed)
    angles, radii, spread = _make_nucleus(rng, settings, settings.radius)
    side = max(32, 2 * int(math.ceil(radii.max())) + 12)
    centre = ((side - 1) / 2, (side - 1) / 2)
    settings = replace(settings, n_nuclei=1, size=(side, side))
    nuclei = [_Nucleus(centre, angles, radii, spread)]
    return _synthetic(nuclei, _draw(settings, rng, (side, side), nuclei), settings, seed)


# --------------------------------------------------------------------------------------------
# Segmentation: finding the nuclei
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class Segmentation:
    """The nuclei found in an image.

    ``contours``: one closed outline per nucleus (an N×2 array of (row, column) pixel
    coordinates, last point = first); ``masks``: one boolean image per nucleus, True for the
    pixels whose centres lie inside its outline; ``image``: the grey levels (float);
    ``threshold``: the Otsu grey level that separated nuclei from background; ``dropped``:
    how many dark regions were left out, and why.

    >>> found = segment(synthetic_nucleus(seed=0))
    >>> found
    Segmentation(1 nuclei in a 42×42 image, threshold 158.9)
    """

    contours: tuple[np.ndarray, ...]
    masks: tuple[np.ndarray, ...]
    image: np.ndarray
    threshold: float
    dropped: dict[str, int]

    def __repr__(self) -> str:
        rows, cols = self.image.shape
        return (
            f"Segmentation({len(self.contours)} nuclei in a {rows}×{cols} image, "
            f"threshold {self.threshold:.1f})"
        )


def _check_image(image) -> np.ndarray:
    """The image as a float 2-D array of grey levels 0–255, or a ValueError saying what's wrong."""
    if isinstance(image, SyntheticImage):
        image = image.pixels
    try:
        array = np.asarray(image)
    except (ValueError, TypeError) as exc:  # ragged lists and the like
        raise ValueError(f"The image could not be read as an array ({exc}); {_EXPECTED}.") from None
    if array.dtype == bool or array.dtype.kind not in "uif":
        raise ValueError(
            f"The image holds values of type {array.dtype} (not grey levels); {_EXPECTED}."
        )
    if array.ndim != 2:
        hint = (
            " A colour image? Convert it to grey first, e.g. skimage.color.rgb2gray(image) * 255."
            if array.ndim == 3
            else ""
        )
        raise ValueError(
            f"The image has {array.ndim} dimension(s) (shape {array.shape}); {_EXPECTED}.{hint}"
        )
    if array.size == 0:
        raise ValueError(f"The image is empty (shape {array.shape}); {_EXPECTED}.")
    array = array.astype(np.float64)
    if not np.isfinite(array).all():
        raise ValueError(f"The image contains missing (NaN) or infinite values; {_EXPECTED}.")
    low, high = float(array.min()), float(array.max())
    if low < 0 or high > 255:
        raise ValueError(
            f"The image's values run from {low:g} to {high:g}; {_EXPECTED}. (Scaled 0–1? "
            "Multiply by 255.)"
        )
    return array


def _resample(points: np.ndarray, spacing: float = 1.0) -> np.ndarray:
    """Evenly spaced points (about ``spacing`` apart) along a closed polygon (no repeat)."""
    closed = np.vstack([points, points[:1]])
    steps = np.hypot(*np.diff(closed, axis=0).T)
    arc = np.concatenate([[0.0], np.cumsum(steps)])
    total = arc[-1]
    count = max(16, int(round(total / spacing)))
    at = np.linspace(0, total, count, endpoint=False)
    return np.column_stack([np.interp(at, arc, closed[:, 0]), np.interp(at, arc, closed[:, 1])])


def segment(
    image, *, min_area: int = 20, min_contrast: float = 25.0, smoothing: float = 1.0
) -> Segmentation:
    """Find the nuclei in a grey-scale image and trace one closed outline around each.

    Steps: smooth lightly (Gaussian, ``smoothing`` pixels) so chromatin grain does not break
    the outline; choose the grey level that best separates dark from light (Otsu's method);
    fill holes; label the connected dark regions; drop specks (fewer than ``min_area``
    pixels), regions touching the border (only part of the nucleus is visible) and regions
    less than ``min_contrast`` grey levels darker than the background; trace each remaining
    region's outline at the threshold level (marching squares, ``skimage.measure``),
    resampled at one point per pixel of length.

    ``image``: a 2-D array of grey levels 0–255 (dark nuclei on a light background) or a
    ``SyntheticImage``. Raises ``ValueError`` saying what is wrong for an empty image, a wrong
    type or shape, values outside 0–255, or an image where no nucleus is found.

    >>> found = segment(synthetic_image("benign", seed=0))
    >>> len(found.contours), found.contours[0].shape[1]
    (10, 2)
    """
    array = _check_image(image)
    smooth = ndimage.gaussian_filter(array, smoothing) if smoothing > 0 else array
    spread = float(smooth.max() - smooth.min())
    if spread < min_contrast:
        hint = " (Grey levels scaled 0–1? Multiply by 255.)" if array.max() <= 1 else ""
        raise ValueError(
            f"No nucleus found in the image: it is almost uniform (its grey levels span only "
            f"{spread:.0f} after smoothing; nuclei should be at least {min_contrast:g} grey "
            f"levels darker than the background).{hint}"
        )
    threshold = float(threshold_otsu(smooth))
    dark = ndimage.binary_fill_holes(smooth < threshold)
    labels, count = ndimage.label(dark)
    background = float(np.median(array[~dark])) if (~dark).any() else float(array.max())
    dropped = {"specks": 0, "touching the border": 0, "too faint": 0}
    contours, masks = [], []
    rows, cols = array.shape
    for index, box in enumerate(ndimage.find_objects(labels), start=1):
        region = labels[box] == index
        if region.sum() < min_area:
            dropped["specks"] += 1
            continue
        if box[0].start == 0 or box[1].start == 0 or box[0].stop == rows or box[1].stop == cols:
            dropped["touching the border"] += 1
            continue
        if background - float(array[box][region].mean()) < min_contrast:
            dropped["too faint"] += 1
            continue
        r0, c0 = box[0].start - 2, box[1].start - 2
        window = np.pad(region, 2)
        near = ndimage.binary_dilation(window, iterations=2)
        crop = np.full(window.shape, max(threshold + 1.0, float(smooth.max())))
        rr = slice(max(r0, 0), min(box[0].stop + 2, rows))
        cc = slice(max(c0, 0), min(box[1].stop + 2, cols))
        crop[rr.start - r0 : rr.stop - r0, cc.start - c0 : cc.stop - c0] = smooth[rr, cc]
        crop[~near] = max(threshold + 1.0, float(smooth.max()))
        traced = max(find_contours(crop, threshold), key=len, default=np.empty((0, 2)))
        if len(traced) < 4:
            dropped["specks"] += 1
            continue
        points = _resample(traced[:-1] + (r0, c0))
        contour = np.vstack([points, points[:1]])
        contours.append(contour)
        masks.append(polygon2mask(array.shape, points))
    if not contours:
        reasons = [f"{n} {why}" for why, n in dropped.items() if n]
        detail = f" (dark regions left out: {', '.join(reasons)})" if reasons else ""
        raise ValueError(
            "No nucleus found in the image: no dark region of at least "
            f"{min_area} pixels, clear of the border and {min_contrast:g} grey levels darker "
            f"than the background{detail}. Is it a grey-scale image with dark nuclei on a "
            "light background?"
        )
    return Segmentation(tuple(contours), tuple(masks), array, threshold, dropped)


# --------------------------------------------------------------------------------------------
# The ten measurements on one outline
# --------------------------------------------------------------------------------------------


#: Spacing (pixels) of the boundary points whose radii smoothness compares.
_SMOOTHNESS_SPACING = 2.0
#: Ruler lengths for the fractal dimension, in boundary steps (about one pixel each) ...
_RULERS = (1, 2, 4, 8, 16)
#: ... each kept only if it fits at least this many times around the outline.
_MIN_STEPS = 6


def _points(outline) -> np.ndarray:
    """The outline as an (N, 2) float array without the repeated closing point."""
    points = np.asarray(outline, dtype=np.float64)
    if points.ndim != 2 or points.shape[-1] != 2 or len(points) < 3:
        raise ValueError(
            f"An outline must be an N×2 array of (row, column) points, N at least 3, e.g. a "
            f"contour from segment(...).contours; got shape {points.shape}."
        )
    if not np.isfinite(points).all():
        raise ValueError("The outline contains missing (NaN) or infinite coordinates.")
    if len(points) > 3 and np.allclose(points[0], points[-1]):
        points = points[:-1]
    if abs(_signed_area(points)) < 1e-9:
        raise ValueError("The outline encloses no area (its points lie on a line).")
    return points


def _signed_area(points: np.ndarray) -> float:
    y, x = points[:, 0], points[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y))


def _centre(points: np.ndarray) -> np.ndarray:
    """Centroid of the area enclosed by the polygon (row, column)."""
    y, x = points[:, 0], points[:, 1]
    y1, x1 = np.roll(y, -1), np.roll(x, -1)
    cross = x * y1 - x1 * y
    total = cross.sum()
    if abs(total) < 1e-12:
        return points.mean(axis=0)
    return np.array([((y + y1) * cross).sum(), ((x + x1) * cross).sum()]) / (3 * total)


def _radii(points: np.ndarray) -> np.ndarray:
    even = _resample(points)
    return np.hypot(*(even - _centre(points)).T)


def radius(outline) -> float:
    """Mean distance (pixels) from the nucleus centre to evenly spaced points of its outline.

    The centre is the centroid of the area inside the outline. As in Street et al. (1993).

    >>> import numpy as np
    >>> angles = np.linspace(0, 2 * np.pi, 400, endpoint=False)
    >>> circle = np.column_stack([20 * np.sin(angles), 20 * np.cos(angles)])
    >>> round(radius(circle), 2)
    20.0
    """
    return float(_radii(_points(outline)).mean())


def perimeter(outline) -> float:
    """Length (pixels) of the closed outline: the sum of the distances between its points.

    >>> round(perimeter([[0, 0], [0, 10], [10, 10], [10, 0]]), 1)
    40.0
    """
    points = _points(outline)
    return float(np.hypot(*np.diff(np.vstack([points, points[:1]]), axis=0).T).sum())


def area(outline) -> float:
    """Area (square pixels) inside the closed outline, by the shoelace formula.

    Street et al. count the pixels inside plus half of those on the boundary; for a traced
    outline the two agree to within about one pixel's width along the boundary.

    >>> area([[0, 0], [0, 10], [10, 10], [10, 0]])
    100.0
    """
    return abs(_signed_area(_points(outline)))


def texture(image, mask) -> float:
    """Spread of the staining: standard deviation (``ddof=0``) of the grey levels in ``mask``.

    ``mask`` is True for the pixels inside the nucleus (e.g. ``segment(...).masks[i]``).
    Coarse, clumped chromatin gives a larger value. As in Street et al. (1993).

    >>> import numpy as np
    >>> texture(np.array([[10, 30], [200, 200]]), np.array([[True, True], [False, False]]))
    10.0
    """
    pixels = np.asarray(image, dtype=np.float64)
    inside = np.asarray(mask, dtype=bool)
    if pixels.shape != inside.shape:
        raise ValueError(f"image {pixels.shape} and mask {inside.shape} differ in shape.")
    if not inside.any():
        raise ValueError("The mask is empty: no pixel lies inside the nucleus.")
    return float(pixels[inside].std())


def smoothness(outline) -> float:
    """Local variation in radius lengths: 0 for a circle, larger for a bumpy outline.

    Radii r_i go from the centre to boundary points spaced evenly about 2 pixels apart; the
    sum of ``|r_i - (r_(i-1) + r_(i+1)) / 2|`` (each radius against the mean of its two
    neighbours) is divided by the perimeter. Street et al. (1993) compare each radius with the
    mean of its two neighbours; the 2-pixel spacing and the division by the perimeter are our
    guesses, chosen to give values on the WDBC scale.

    >>> import numpy as np
    >>> angles = np.linspace(0, 2 * np.pi, 400, endpoint=False)
    >>> circle = np.column_stack([20 * np.sin(angles), 20 * np.cos(angles)])
    >>> round(smoothness(circle), 3)
    0.0
    """
    points = _points(outline)
    r = np.hypot(*(_resample(points, _SMOOTHNESS_SPACING) - _centre(points)).T)
    local = np.abs(r - (np.roll(r, 1) + np.roll(r, -1)) / 2)
    return float(local.sum() / perimeter(points))


def compactness(outline) -> float:
    """How far the shape is from a circle: ``perimeter**2 / (4 * pi * area) - 1``.

    0 for a perfect circle, larger for elongated or irregular outlines. The WDBC
    documentation writes ``perimeter^2 / area - 1.0``; a circle would then score 4π - 1
    (11.6), far above the published values (0.02 to 0.35), so we divide by 4π.

    >>> round(compactness([[0, 0], [0, 10], [10, 10], [10, 0]]), 3)  # a square: 4/pi - 1
    0.273
    """
    points = _points(outline)
    return float(perimeter(points) ** 2 / (4 * math.pi * area(points)) - 1)


def _hull_depths(points: np.ndarray) -> np.ndarray:
    """How deep each evenly spaced boundary point (about 1 pixel apart) lies inside the hull."""
    hull = ConvexHull(points[:, ::-1])
    even = _resample(points)[:, ::-1]
    # Inside a convex polygon, the distance to its boundary is the smallest distance to the
    # lines of its edges; ``equations`` are unit normals with offsets (negative inside).
    depth = -(even @ hull.equations[:, :2].T + hull.equations[:, 2]).max(axis=1)
    return np.maximum(depth, 0.0)


def concavity(outline) -> float:
    """Severity of the dents: area between the outline and its convex hull, over the area.

    The convex hull is the outline with a rubber band stretched around it: 0 when nothing is
    dented, larger for deeper and wider dents. Street et al. (1993) measure how far the
    boundary lies inside chords between boundary points; the hull is our simpler stand-in.

    >>> # a square with a notch cut out of one side: 4 of 100 square pixels missing
    >>> round(concavity([[0, 0], [0, 10], [10, 10], [10, 6], [8, 6], [8, 4], [10, 4], [10, 0]]), 3)
    0.042
    """
    points = _points(outline)
    enclosed = area(points)
    return float(ConvexHull(points[:, ::-1]).volume / enclosed - 1)


def _dent_runs(points: np.ndarray) -> list[np.ndarray]:
    """The dents: for each run of boundary points lying clearly inside the convex hull, the
    indices (into the evenly spaced points of ``_resample(points)``) of its points."""
    depth = _hull_depths(points)
    deep = depth > max(0.5, 0.04 * float(_radii(points).mean()))
    if not deep.any():
        return []
    start = int(np.argmin(depth))  # start on the hull, so no run wraps round
    order = np.roll(np.arange(len(deep)), -start)
    rolled = deep[order]
    starts = np.flatnonzero(rolled & ~np.roll(rolled, 1))
    ends = np.flatnonzero(rolled & ~np.roll(rolled, -1))
    return [order[a : b + 1] for a, b in zip(starts, ends, strict=True)]


def _dents(points: np.ndarray) -> int:
    """Number of runs of boundary points lying clearly inside the convex hull."""
    return len(_dent_runs(points))


def concave_points(outline) -> float:
    """Number of dents (concave portions of the outline) per pixel of perimeter.

    A dent is a run of boundary points lying more than 4% of the radius (and at least half a
    pixel) inside the convex hull; two dents not separated by a bump reaching the hull count
    as one. Street et al. (1993) count concave portions but do not publish their scaling;
    dividing by the perimeter is our choice. 0 for a circle or any other convex outline.

    >>> import numpy as np
    >>> angles = np.linspace(0, 2 * np.pi, 500, endpoint=False)
    >>> star = 20 * (1 - 0.3 * np.cos(5 * angles))           # five arms, five dents
    >>> outline = np.column_stack([star * np.sin(angles), star * np.cos(angles)])
    >>> round(concave_points(outline) * perimeter(outline))
    5
    """
    points = _points(outline)
    return _dents(points) / perimeter(points)


def _axis(points: np.ndarray, centre: np.ndarray) -> np.ndarray:
    """Unit vector of the longest chord through the centre, searched in 1° steps."""
    angles = np.deg2rad(np.arange(180))
    along = np.column_stack([np.sin(angles), np.cos(angles)])  # (row, col) directions
    across = np.column_stack([np.cos(angles), -np.sin(angles)])
    rel = points - centre
    nxt = np.roll(rel, -1, axis=0)
    f0, f1 = rel @ across.T, nxt @ across.T  # (edges, angles): side of the line
    t0, t1 = rel @ along.T, nxt @ along.T
    crosses = (f0 <= 0) != (f1 <= 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = t0 + (t1 - t0) * f0 / (f0 - f1)
    high = np.where(crosses, t, -np.inf).max(axis=0)
    low = np.where(crosses, t, np.inf).min(axis=0)
    length = np.where(np.isfinite(high) & np.isfinite(low), high - low, 0.0)
    return along[int(np.argmax(length))]


def symmetry(outline, slices: int = 32) -> float:
    """Difference between the two halves of the nucleus, across its major axis.

    The major axis is the longest chord through the centre (searched in 1° steps). At
    ``slices`` evenly spaced places along it, a line perpendicular to the axis is followed to
    the boundary on each side, giving lengths ``left`` and ``right``; symmetry is
    ``sum |left - right| / sum ((left + right) / 2)``: the mean difference between the two
    sides relative to their mean length, 0 for an outline symmetric about its major axis.
    Street et al. (1993) describe the same pairs of segments; the normalisation is our guess.

    >>> import numpy as np
    >>> angles = np.linspace(0, 2 * np.pi, 400, endpoint=False)
    >>> oval = np.column_stack([10 * np.sin(angles), 20 * np.cos(angles)])
    >>> round(symmetry(oval), 3)
    0.0
    >>> arc = np.linspace(0, np.pi, 200)   # a "D" shape: round on one side, flat on the other
    >>> half_disc = np.column_stack([20 * np.sin(arc), 20 * np.cos(arc)])
    >>> round(symmetry(half_disc), 2)
    0.63
    """
    points = _points(outline)
    centre = _centre(points)
    along = _axis(points, centre)
    across = np.array([along[1], -along[0]])
    rel = points - centre
    nxt = np.roll(rel, -1, axis=0)
    s0, s1 = rel @ along, nxt @ along  # position along the axis
    u0, u1 = rel @ across, nxt @ across  # distance from the axis
    low, high = float(s0.min()), float(s0.max())
    places = low + (np.arange(slices) + 0.5) / slices * (high - low)
    f0, f1 = s0[:, None] - places, s1[:, None] - places  # (edges, slices)
    crosses = (f0 <= 0) != (f1 <= 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        u = u0[:, None] + (u1 - u0)[:, None] * f0 / (f0 - f1)
    left = np.maximum(np.where(crosses, u, -np.inf).max(axis=0), 0.0)
    right = np.maximum(-np.where(crosses, u, np.inf).min(axis=0), 0.0)
    total = float((left + right).sum())
    return float(np.abs(left - right).sum() / (total / 2)) if total > 0 else 0.0


def fractal_dimension(outline) -> float:
    """Crinkliness of the outline: the "coastline approximation" to its fractal dimension, - 1.

    The perimeter is measured with rulers of 1, 2, 4, 8 and 16 boundary steps (about 1 to 16
    pixels; rulers longer than a sixth of the outline are dropped): with a ruler of k steps,
    the perimeter is (number of steps / k) × the mean length of the chords k steps apart.
    Longer rulers cut corners, so the perimeter shrinks; the steeper it shrinks, the more
    crinkly the outline. Fitting log(perimeter) against log(ruler length), the dimension is
    ``1 - slope`` and the feature is ``dimension - 1`` (= ``-slope``), as in Street et al.
    (1993). The ruler sizes are our choice; the value depends on them and on the pixel size.

    >>> import numpy as np
    >>> angles = np.linspace(0, 2 * np.pi, 400, endpoint=False)
    >>> smooth = np.column_stack([30 * np.sin(angles), 30 * np.cos(angles)])
    >>> wavy = smooth * (1 + 0.05 * np.sin(25 * angles))[:, None]
    >>> fractal_dimension(wavy) > fractal_dimension(smooth)
    True
    """
    even = _resample(_points(outline))
    count = len(even)
    rulers, lengths = [], []
    for k in _RULERS:
        if count / k < _MIN_STEPS:
            break
        chord = float(np.hypot(*(np.roll(even, -k, axis=0) - even).T).mean())
        rulers.append(chord)
        lengths.append(count / k * chord)
    slope = np.polyfit(np.log(rulers), np.log(lengths), 1)[0]
    return float(-slope)


# --------------------------------------------------------------------------------------------
# The geometry behind the measurements, for drawing them on a nucleus
# --------------------------------------------------------------------------------------------


def centre(outline) -> np.ndarray:
    """The nucleus centre (row, column): the centroid of the area inside the outline.

    Every radius is measured from here.

    >>> centre([[0, 0], [0, 10], [10, 10], [10, 0]])
    array([5., 5.])
    """
    return _centre(_points(outline))


def radius_lines(outline, count: int = 16) -> np.ndarray:
    """``count`` radii to draw: a (count, 2, 2) array of [centre, boundary point] pairs.

    The boundary points are evenly spaced along the outline; the ``radius`` feature is the
    mean length of such lines (measured on many more of them).

    >>> radius_lines([[0, 0], [0, 10], [10, 10], [10, 0]], count=4).shape
    (4, 2, 2)
    """
    points = _points(outline)
    ends = _resample(points, perimeter(points) / count)[:count]
    middle = np.broadcast_to(_centre(points), ends.shape)
    return np.stack([middle, ends], axis=1)


def convex_hull(outline) -> np.ndarray:
    """The outline's convex hull (the "rubber band" around it), a closed (row, column) polygon.

    ``concavity`` is the area between the hull and the outline, over the area.

    >>> len(convex_hull([[0, 0], [0, 10], [5, 5], [10, 10], [10, 0]]))  # the dent is bridged
    5
    """
    points = _points(outline)
    hull = points[ConvexHull(points[:, ::-1]).vertices]
    return np.vstack([hull, hull[:1]])


def dent_points(outline) -> np.ndarray:
    """The deepest point of each dent, a (dents, 2) array of (row, column).

    There is one point per concave portion counted by ``concave_points``.

    >>> import numpy as np
    >>> angles = np.linspace(0, 2 * np.pi, 500, endpoint=False)
    >>> star = 20 * (1 - 0.3 * np.cos(5 * angles))
    >>> dent_points(np.column_stack([star * np.sin(angles), star * np.cos(angles)])).shape
    (5, 2)
    """
    points = _points(outline)
    even = _resample(points)
    depth = _hull_depths(points)
    deepest = [run[np.argmax(depth[run])] for run in _dent_runs(points)]
    return even[deepest] if deepest else np.empty((0, 2))


def coastline(outline, ruler: int) -> np.ndarray:
    """The outline walked with a ruler of ``ruler`` boundary steps (about ``ruler`` pixels).

    Returns the closed polygon of the points where the ruler lands; its length is the perimeter
    "measured with that ruler". Longer rulers cut across the wiggles, so the more crinkly the
    outline, the faster this length shrinks as the ruler grows (``fractal_dimension``).

    >>> square = [[0, 0], [0, 10], [10, 10], [10, 0]]
    >>> round(perimeter(coastline(square, 1)), 1), round(perimeter(coastline(square, 4)), 1)
    (40.0, 37.7)
    """
    if isinstance(ruler, bool) or not isinstance(ruler, numbers.Integral) or ruler < 1:
        raise ValueError(
            f"ruler must be a whole number of boundary steps, 1 or more; got {ruler!r}."
        )
    even = _resample(_points(outline))
    if len(even) / ruler < 3:
        raise ValueError(
            f"A ruler of {ruler} steps is too long for an outline of {len(even)} steps."
        )
    landed = even[:: int(ruler)]
    return np.vstack([landed, landed[:1]])


def major_axis(outline) -> np.ndarray:
    """The two ends (row, column) of the longest chord through the centre, a (2, 2) array.

    ``symmetry`` compares the two sides of the nucleus across this axis.

    >>> import numpy as np
    >>> angles = np.linspace(0, 2 * np.pi, 400, endpoint=False)
    >>> ends = major_axis(np.column_stack([10 * np.sin(angles), 20 * np.cos(angles)]))
    >>> np.round(np.abs(ends), 1)
    array([[ 0., 20.],
           [ 0., 20.]])
    """
    points = _points(outline)
    middle = _centre(points)
    along = _axis(points, middle)
    reach = (points - middle) @ along
    return np.array([middle + along * reach.max(), middle + along * reach.min()])


def measure_nucleus(outline, image=None, mask=None) -> dict[str, float]:
    """The ten WDBC measurements of one nucleus, named as in ``data.BASE_FEATURES``.

    ``outline``: an N×2 array of (row, column) points (e.g. ``segment(...).contours[i]``).
    ``texture`` needs the grey levels: give ``image`` (and, optionally, ``mask``, the pixels
    inside the nucleus; by default the pixels whose centres lie inside the outline). Without
    ``image``, texture is NaN. See the module's help for each definition.

    >>> one = synthetic_nucleus(seed=0)
    >>> found = segment(one)
    >>> values = measure_nucleus(found.contours[0], found.image, found.masks[0])
    >>> list(values) == list(BASE_FEATURES)
    True
    """
    points = _points(outline)
    if image is None:
        spread = float("nan")
    else:
        pixels = _check_image(image)
        inside = polygon2mask(pixels.shape, points) if mask is None else mask
        spread = texture(pixels, inside)
    values = {
        "radius": radius(points),
        "texture": spread,
        "perimeter": perimeter(points),
        "area": area(points),
        "smoothness": smoothness(points),
        "compactness": compactness(points),
        "concavity": concavity(points),
        "concave_points": concave_points(points),
        "symmetry": symmetry(points),
        "fractal_dimension": fractal_dimension(points),
    }
    return {name: values[name] for name in BASE_FEATURES}


# --------------------------------------------------------------------------------------------
# Tables: one row per nucleus, one row per image
# --------------------------------------------------------------------------------------------


def _segmentation(image) -> Segmentation:
    return image if isinstance(image, Segmentation) else segment(image)


def nucleus_table(image) -> pd.DataFrame:
    """One row per nucleus, with the ten measurements (``data.BASE_FEATURES``) as columns.

    ``image``: a grey-scale array, a ``SyntheticImage`` or a ``Segmentation`` (from
    ``segment``). Nuclei are numbered from 1, in the order ``segment`` found them.

    >>> table = nucleus_table(synthetic_image("benign", seed=0))
    >>> table.shape
    (10, 10)
    """
    import pandas as pd

    found = _segmentation(image)
    rows = [
        measure_nucleus(contour, found.image, mask)
        for contour, mask in zip(found.contours, found.masks, strict=True)
    ]
    index = pd.RangeIndex(1, len(rows) + 1, name="nucleus")
    return pd.DataFrame.from_records(rows, columns=list(BASE_FEATURES), index=index)


def summarise(table: pd.DataFrame, name: str = "image") -> pd.DataFrame:
    """Summarise a per-nucleus table as the image's one row of 30 WDBC features.

    For each measurement: ``mean`` over the nuclei; ``se``, the standard error = standard
    deviation (``ddof=1``) / √n (0 when there is only one nucleus: nothing to compare); and
    ``worst``, the mean of the three largest values (of all of them when fewer than three).
    Columns are exactly ``data.FEATURES``, in order, so the row can go to a fitted model.

    >>> import pandas as pd
    >>> table = pd.DataFrame({base: [1.0, 2.0, 3.0, 6.0] for base in BASE_FEATURES})
    >>> row = summarise(table)
    >>> row[["radius_mean", "radius_se", "radius_worst"]].round(2)
           radius_mean  radius_se  radius_worst
    image          3.0       1.08          3.67
    """
    import pandas as pd

    missing = [base for base in BASE_FEATURES if base not in table.columns]
    if missing or len(table) == 0:
        raise ValueError(
            "summarise needs a table with one row per nucleus and the ten columns of "
            f"data.BASE_FEATURES (missing: {', '.join(missing) or 'rows'})."
        )
    n = len(table)
    values = table[list(BASE_FEATURES)].astype("float64")
    stats = {
        "mean": values.mean(),
        "se": values.std(ddof=1) / math.sqrt(n) if n > 1 else values.mean() * 0.0,
        "worst": values.apply(lambda column: column.nlargest(3).mean()),
    }
    row = {
        f"{base}_{stat}": float(stats[stat][base]) for stat in STATISTICS for base in BASE_FEATURES
    }
    return pd.DataFrame([row], columns=list(FEATURES), index=pd.Index([name]))


def image_features(image, name: str = "image") -> pd.DataFrame:
    """The image's row of 30 WDBC features (columns exactly ``data.FEATURES``, in order).

    ``image``: a grey-scale array, a ``SyntheticImage`` or a ``Segmentation``. Finds the
    nuclei (``segment``), measures each (``nucleus_table``) and summarises them
    (``summarise``). On a synthetic image the numbers show the workflow; they are not
    calibrated to the real Wisconsin images.

    >>> row = image_features(synthetic_image("benign", seed=0))
    >>> list(row.columns) == list(FEATURES)
    True
    """
    return summarise(nucleus_table(image), name=name)
