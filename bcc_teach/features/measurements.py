"""The ten WDBC measurements of one nucleus outline (Street, Wolberg & Mangasarian 1993).

Each function takes an outline (an N×2 array of (row, column) points, e.g. a contour from
``segment``); ``texture`` takes the grey levels and the nucleus's pixels. ``measure_nucleus``
makes all ten. How each is defined, and where we had to guess: ``help(bcc_teach.features)``.

    >>> round(perimeter([[0, 0], [0, 10], [10, 10], [10, 0]]), 1)
    40.0
"""

from __future__ import annotations

import math

import numpy as np

from bcc_teach.data import BASE_FEATURES
from bcc_teach.features._common import (
    _check_image,
    _Outline,
    _points,
    _polygon_mask,
    _resample,
    _shift,
)

#: Spacing (pixels) of the boundary points whose radii smoothness compares.
_SMOOTHNESS_SPACING = 2.0
#: Ruler lengths for the fractal dimension, in boundary steps (about one pixel each) ...
_RULERS = (1, 2, 4, 8, 16)
#: ... each kept only if it fits at least this many times around the outline.
_MIN_STEPS = 6


def radius(outline) -> float:
    """Mean distance (pixels) from the nucleus centre to evenly spaced points of its outline.

    The centre is the centroid of the area inside the outline. As in Street et al. (1993).

    >>> import numpy as np
    >>> angles = np.linspace(0, 2 * np.pi, 400, endpoint=False)
    >>> circle = np.column_stack([20 * np.sin(angles), 20 * np.cos(angles)])
    >>> round(radius(circle), 2)
    20.0
    """
    return _radius(_Outline(_points(outline)))


def _radius(shape: _Outline) -> float:
    return float(shape.radii.mean())


def perimeter(outline) -> float:
    """Length (pixels) of the closed outline: the sum of the distances between its points.

    >>> round(perimeter([[0, 0], [0, 10], [10, 10], [10, 0]]), 1)
    40.0
    """
    return _Outline(_points(outline)).perimeter


def area(outline) -> float:
    """Area (square pixels) inside the closed outline, by the shoelace formula.

    Street et al. count the pixels inside plus half of those on the boundary; for a traced
    outline the two agree to within about one pixel's width along the boundary.

    >>> area([[0, 0], [0, 10], [10, 10], [10, 0]])
    100.0
    """
    return _Outline(_points(outline)).area


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
    return _smoothness(_Outline(_points(outline)))


def _smoothness(shape: _Outline) -> float:
    r = np.hypot(*(_resample(shape.points, _SMOOTHNESS_SPACING) - shape.centre).T)
    local = np.abs(r - (_shift(r, -1) + _shift(r, 1)) / 2)
    return float(local.sum() / shape.perimeter)


def compactness(outline) -> float:
    """How far the shape is from a circle: ``perimeter**2 / (4 * pi * area) - 1``.

    0 for a perfect circle, larger for elongated or irregular outlines. The WDBC
    documentation writes ``perimeter^2 / area - 1.0``; a circle would then score 4π - 1
    (11.6), far above the published values (0.02 to 0.35), so we divide by 4π.

    >>> round(compactness([[0, 0], [0, 10], [10, 10], [10, 0]]), 3)  # a square: 4/pi - 1
    0.273
    """
    return _compactness(_Outline(_points(outline)))


def _compactness(shape: _Outline) -> float:
    return float(shape.perimeter**2 / (4 * math.pi * shape.area) - 1)


def concavity(outline) -> float:
    """Severity of the dents: area between the outline and its convex hull, over the area.

    The convex hull is the outline with a rubber band stretched around it: 0 when nothing is
    dented, larger for deeper and wider dents. Street et al. (1993) measure how far the
    boundary lies inside chords between boundary points; the hull is our simpler stand-in.

    >>> # a square with a notch cut out of one side: 4 of 100 square pixels missing
    >>> round(concavity([[0, 0], [0, 10], [10, 10], [10, 6], [8, 6], [8, 4], [10, 4], [10, 0]]), 3)
    0.042
    """
    return _concavity(_Outline(_points(outline)))


def _concavity(shape: _Outline) -> float:
    return float(shape.hull.volume / shape.area - 1)


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
    return _concave_points(_Outline(_points(outline)))


def _concave_points(shape: _Outline) -> float:
    return len(shape.dent_runs) / shape.perimeter


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
    return _symmetry(_Outline(_points(outline)), slices)


def _symmetry(shape: _Outline, slices: int = 32) -> float:
    along = shape.axis
    across = np.array([along[1], -along[0]])
    rel = shape.points - shape.centre
    nxt = _shift(rel, 1)
    s0, s1 = rel @ along, nxt @ along  # position along the axis
    u0, u1 = rel @ across, nxt @ across  # distance from the axis
    low, high = float(s0.min()), float(s0.max())
    places = low + (np.arange(slices) + 0.5) / slices * (high - low)
    f0, f1 = s0[:, None] - places, s1[:, None] - places  # (edges, slices)
    # Where an edge crosses a slice: how far from the axis (only those edges are worked out).
    pairs = np.flatnonzero((f0 <= 0) != (f1 <= 0))  # (edge, slice) pairs
    edge, place = divmod(pairs, slices)
    f0, f1 = f0.take(pairs), f1.take(pairs)
    u = u0[edge] + (u1 - u0)[edge] * f0 / (f0 - f1)
    left = np.full(slices, -np.inf)
    right = np.full(slices, np.inf)
    np.maximum.at(left, place, u)
    np.minimum.at(right, place, u)
    left, right = np.maximum(left, 0.0), np.maximum(-right, 0.0)
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
    return _fractal_dimension(_Outline(_points(outline)))


def _fractal_dimension(shape: _Outline) -> float:
    even = shape.even
    count = len(even)
    rulers, lengths = [], []
    for k in _RULERS:
        if count / k < _MIN_STEPS:
            break
        chord = float(np.hypot(*(_shift(even, k) - even).T).mean())
        rulers.append(chord)
        lengths.append(count / k * chord)
    slope = np.polyfit(np.log(rulers), np.log(lengths), 1)[0]
    return float(-slope)


def measure_nucleus(outline, image=None, mask=None) -> dict[str, float]:
    """The ten WDBC measurements of one nucleus, named as in ``data.BASE_FEATURES``.

    ``outline``: an N×2 array of (row, column) points (e.g. ``segment(...).contours[i]``).
    ``texture`` needs the grey levels: give ``image`` (and, optionally, ``mask``, the pixels
    inside the nucleus; by default the pixels whose centres lie inside the outline). Without
    ``image``, texture is NaN. See the module's help for each definition.

    >>> from bcc_teach.features import segment, synthetic_nucleus
    >>> found = segment(synthetic_nucleus(seed=0))
    >>> values = measure_nucleus(found.contours[0], found.image, found.masks[0])
    >>> list(values) == list(BASE_FEATURES)
    True
    """
    shape = _Outline(_points(outline))
    if image is None:
        spread = float("nan")
    else:
        pixels = _check_image(image)
        inside = _polygon_mask(pixels.shape, shape.points) if mask is None else mask
        spread = texture(pixels, inside)
    return _measurements(shape, spread)


def _measure_all(image, outlines, masks) -> list[dict[str, float]]:
    """``measure_nucleus(outline, image, mask)`` for each outline of one image and its mask,
    the grey levels read once for all of them."""
    pixels = _check_image(image)
    return [
        _measurements(_Outline(_points(outline)), texture(pixels, mask))
        for outline, mask in zip(outlines, masks, strict=True)
    ]


#: How each measurement is made from an outline's geometry (texture, from the pixels, aside).
_FROM_OUTLINE = {
    "radius": _radius,
    "perimeter": lambda shape: shape.perimeter,
    "area": lambda shape: shape.area,
    "smoothness": _smoothness,
    "compactness": _compactness,
    "concavity": _concavity,
    "concave_points": _concave_points,
    "symmetry": _symmetry,
    "fractal_dimension": _fractal_dimension,
}


def _measurements(shape: _Outline, spread: float) -> dict[str, float]:
    """The ten measurements, in the order of ``BASE_FEATURES``, of an outline whose texture
    (``spread``) is already measured: the outline's geometry is worked out once for all."""
    return {
        name: spread if name == "texture" else _FROM_OUTLINE[name](shape) for name in BASE_FEATURES
    }
