"""Private helpers the feature modules share (one home each): reading an image or an
outline with a message that says what is wrong, an image's median grey level, the pixels inside
an outline, and the outline geometry that both the measurements and the drawings of them rest
on (resampling, centre, hull depths, dents, axis).

``_Outline`` holds one outline's geometry and works each piece out once, when it is first
asked for: ``measure_nucleus`` makes ten measurements that share the same centre, evenly spaced
points, convex hull and axis, and they are computed once instead of once per measurement. Each
piece is computed by the same code whichever measurement asks first, so a measurement made on
its own (``radius(outline)``) equals the one ``measure_nucleus`` makes.
"""

from __future__ import annotations

from functools import cached_property

import numpy as np
from scipy.spatial import ConvexHull

from bcc_teach.features.synthetic import SyntheticImage

_EXPECTED = "expected a 2-D array of grey levels 0–255 (e.g. a uint8 image)"


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


def _median_grey(image, array: np.ndarray, where: np.ndarray) -> float:
    """``np.median(array[where])``, ``array`` being ``_check_image(image)``. For an image of
    whole grey levels (uint8, as every synthetic image) the levels are counted instead of
    sorted: the same number, sooner."""
    pixels = image.pixels if isinstance(image, SyntheticImage) else np.asarray(image)
    if pixels.dtype != np.uint8:
        return float(np.median(array[where]))
    counts = np.cumsum(np.bincount(pixels[where], minlength=256))
    n = int(counts[-1])
    # The middle value (n odd) or the mean of the two middle values (n even), as np.median.
    low, high = np.searchsorted(counts, [(n - 1) // 2, n // 2], side="right")
    return (float(low) + float(high)) / 2


#: Within this distance of a vertex, a pixel centre counts as on the outline (as in skimage).
_VERTEX_TOLERANCE = 1e-12


def _polygon_mask(shape: tuple[int, int], points: np.ndarray) -> np.ndarray:
    """The pixels whose centres lie inside (or on) a polygon of (row, column) points, as a
    boolean image of ``shape``: the same mask as ``skimage.draw.polygon2mask(shape, points)``.

    ``polygon2mask`` tests each pixel of the polygon's bounding box on its own against every
    edge, collecting the pixels in Python lists: the slowest step of ``segment``. This is the
    same test (scikit-image's crossing-number test, the same arithmetic on the same numbers)
    done for a whole row of pixels at once against just the edges that cross the row.
    """
    ys, xs = points[:, 0], points[:, 1]  # vertices: rows (y) and columns (x)
    r0, c0 = int(max(0, ys.min())), int(max(0, xs.min()))  # polygon2mask's bounding box
    r1 = min(shape[0] - 1, int(np.ceil(ys.max())))
    c1 = min(shape[1] - 1, int(np.ceil(xs.max())))
    mask = np.zeros(shape, dtype=bool)
    if r1 < r0 or c1 < c0:
        return mask
    y = np.arange(r0, r1 + 1.0)[:, None]  # the pixel centres: one row of the box each ...
    x = np.arange(c0, c1 + 1.0)  # ... and the columns
    # Edge i runs from vertex i - 1 to vertex i; y0, y1: how far above each row they lie.
    y0, y1 = ys - y, _shift(ys, -1) - y  # (rows, edges)
    up = (y0 > 0) != (y1 > 0)  # the edge straddles the row (a crossing to the right counts)
    down = (y0 < 0) != (y1 < 0)  # the same, edge reversed (a crossing to the left counts)
    pairs = np.flatnonzero(up | down)  # (row, edge) pairs, in order of row
    row, edge = divmod(pairs, len(ys))
    x0, x1 = xs[edge, None] - x, _shift(xs, -1)[edge, None] - x  # (pairs, columns)
    y0_, y1_ = y0.ravel()[pairs, None], y1.ravel()[pairs, None]
    crossing = (x0 * y1_ - x1 * y0_) / (y1_ - y0_)  # where the edge crosses, from the pixel
    right = up.ravel()[pairs, None] & (crossing > 0)
    left = down.ravel()[pairs, None] & (crossing < 0)
    inside = np.zeros((len(y), len(x)), dtype=bool)
    if len(row):
        first = np.flatnonzero(np.diff(row, prepend=-1))  # each row's first pair
        rights = np.add.reduceat(right, first, axis=0, dtype=np.intp)
        lefts = np.add.reduceat(left, first, axis=0, dtype=np.intp)
        # Odd crossings to the right: inside; odd to one side only: on an edge. Both count.
        inside[row[first]] = (rights % 2 == 1) | (lefts % 2 == 1)
    # A pixel centre on a vertex (within the tolerance) counts too.
    near = np.flatnonzero((y0 > -_VERTEX_TOLERANCE) & (y0 < _VERTEX_TOLERANCE))
    for at, vertex in zip(*divmod(near, len(ys)), strict=True):
        dx = xs[vertex] - x
        inside[at] |= (dx > -_VERTEX_TOLERANCE) & (dx < _VERTEX_TOLERANCE)
    mask[r0 : r1 + 1, c0 : c1 + 1] = inside
    return mask


def _shift(values: np.ndarray, k: int) -> np.ndarray:
    """``np.roll(values, -k, axis=0)``: item ``i + k`` (wrapping round) at place ``i``, for
    ``|k|`` up to the length; the same numbers without ``np.roll``'s overhead."""
    return np.concatenate((values[k:], values[:k]))


def _resample(points: np.ndarray, spacing: float = 1.0) -> np.ndarray:
    """Evenly spaced points (about ``spacing`` apart) along a closed polygon (no repeat)."""
    closed = np.vstack([points, points[:1]])
    steps = np.hypot(*np.diff(closed, axis=0).T)
    arc = np.concatenate([[0.0], np.cumsum(steps)])
    total = arc[-1]
    count = max(16, int(round(total / spacing)))
    at = np.linspace(0, total, count, endpoint=False)
    return np.column_stack([np.interp(at, arc, closed[:, 0]), np.interp(at, arc, closed[:, 1])])


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
    if len(points) > 3 and _same_point(points[0], points[-1]):
        points = points[:-1]
    if abs(_signed_area(points)) < 1e-9:
        raise ValueError("The outline encloses no area (its points lie on a line).")
    return points


def _same_point(a: np.ndarray, b: np.ndarray) -> bool:
    """``np.allclose(a, b)`` for two finite (row, column) points, without its overhead."""
    (a0, a1), (b0, b1) = a.tolist(), b.tolist()
    return abs(a0 - b0) <= 1e-8 + 1e-5 * abs(b0) and abs(a1 - b1) <= 1e-8 + 1e-5 * abs(b1)


def _signed_area(points: np.ndarray) -> float:
    y, x = points[:, 0], points[:, 1]
    return 0.5 * float(np.dot(x, _shift(y, 1)) - np.dot(_shift(x, 1), y))


def _centre(points: np.ndarray) -> np.ndarray:
    """Centroid of the area enclosed by the polygon (row, column)."""
    y, x = points[:, 0], points[:, 1]
    y1, x1 = _shift(y, 1), _shift(x, 1)
    cross = x * y1 - x1 * y
    total = cross.sum()
    if abs(total) < 1e-12:
        return points.mean(axis=0)
    return np.array([((y + y1) * cross).sum(), ((x + x1) * cross).sum()]) / (3 * total)


#: The 180 directions (1° apart) searched for the major axis: along each, and across it.
_ANGLES = np.deg2rad(np.arange(180))
_ALONG = np.column_stack([np.sin(_ANGLES), np.cos(_ANGLES)])  # (row, col) directions
_ACROSS = np.column_stack([np.cos(_ANGLES), -np.sin(_ANGLES)])


def _axis(points: np.ndarray, centre: np.ndarray) -> np.ndarray:
    """Unit vector of the longest chord through the centre, searched in 1° steps."""
    rel = points - centre
    nxt = _shift(rel, 1)
    f0, f1 = rel @ _ACROSS.T, nxt @ _ACROSS.T  # (edges, angles): side of the line
    t0, t1 = rel @ _ALONG.T, nxt @ _ALONG.T
    # Where an edge crosses the line: how far along it (only those edges are worked out).
    pairs = np.flatnonzero((f0 <= 0) != (f1 <= 0))  # (edge, angle) pairs
    angle = pairs % len(_ANGLES)
    f0, f1, t0, t1 = f0.take(pairs), f1.take(pairs), t0.take(pairs), t1.take(pairs)
    t = t0 + (t1 - t0) * f0 / (f0 - f1)
    high = np.full(len(_ANGLES), -np.inf)
    low = np.full(len(_ANGLES), np.inf)
    np.maximum.at(high, angle, t)
    np.minimum.at(low, angle, t)
    length = np.where(np.isfinite(high) & np.isfinite(low), high - low, 0.0)
    return _ALONG[int(np.argmax(length))]


class _Outline:
    """One checked outline (``points``, from ``_points``) and its geometry, each piece worked
    out once, on first use: perimeter, area, centre, evenly spaced points, radii, convex hull,
    hull depths, dents and major axis."""

    def __init__(self, points: np.ndarray):
        self.points = points

    @cached_property
    def perimeter(self) -> float:
        points = self.points
        return float(np.hypot(*np.diff(np.vstack([points, points[:1]]), axis=0).T).sum())

    @cached_property
    def area(self) -> float:
        return abs(_signed_area(self.points))

    @cached_property
    def centre(self) -> np.ndarray:
        return _centre(self.points)

    @cached_property
    def even(self) -> np.ndarray:
        """Evenly spaced boundary points, about 1 pixel apart."""
        return _resample(self.points)

    @cached_property
    def radii(self) -> np.ndarray:
        """Distances from the centre to the evenly spaced boundary points."""
        return np.hypot(*(self.even - self.centre).T)

    @cached_property
    def hull(self) -> ConvexHull:
        """The convex hull, of (column, row) points."""
        return ConvexHull(self.points[:, ::-1])

    @cached_property
    def hull_depths(self) -> np.ndarray:
        """How deep each evenly spaced boundary point lies inside the hull."""
        even = self.even[:, ::-1]
        equations = self.hull.equations
        # Inside a convex polygon, the distance to its boundary is the smallest distance to the
        # lines of its edges; ``equations`` are unit normals with offsets (negative inside).
        depth = -(even @ equations[:, :2].T + equations[:, 2]).max(axis=1)
        return np.maximum(depth, 0.0)

    @cached_property
    def dent_runs(self) -> list[np.ndarray]:
        """The dents: for each run of boundary points lying clearly inside the convex hull,
        the indices (into ``even``) of its points."""
        depth = self.hull_depths
        deep = depth > max(0.5, 0.04 * float(self.radii.mean()))
        if not deep.any():
            return []
        start = int(np.argmin(depth))  # start on the hull, so no run wraps round
        order = _shift(np.arange(len(deep)), start)
        rolled = deep[order]
        starts = np.flatnonzero(rolled & ~_shift(rolled, -1))
        ends = np.flatnonzero(rolled & ~_shift(rolled, 1))
        return [order[a : b + 1] for a, b in zip(starts, ends, strict=True)]

    @cached_property
    def axis(self) -> np.ndarray:
        """Unit vector of the major axis (the longest chord through the centre)."""
        return _axis(self.points, self.centre)


def _radii(points: np.ndarray) -> np.ndarray:
    return _Outline(points).radii


def _hull_depths(points: np.ndarray) -> np.ndarray:
    """How deep each evenly spaced boundary point (about 1 pixel apart) lies inside the hull."""
    return _Outline(points).hull_depths


def _dent_runs(points: np.ndarray) -> list[np.ndarray]:
    """The dents: for each run of boundary points lying clearly inside the convex hull, the
    indices (into the evenly spaced points of ``_resample(points)``) of its points."""
    return _Outline(points).dent_runs
