"""Private helpers the feature modules share (one home each): reading an image or an
outline with a message that says what is wrong, and the outline geometry that both the
measurements and the drawings of them rest on (resampling, centre, hull depths, dents, axis)."""

from __future__ import annotations

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


def _hull_depths(points: np.ndarray) -> np.ndarray:
    """How deep each evenly spaced boundary point (about 1 pixel apart) lies inside the hull."""
    hull = ConvexHull(points[:, ::-1])
    even = _resample(points)[:, ::-1]
    # Inside a convex polygon, the distance to its boundary is the smallest distance to the
    # lines of its edges; ``equations`` are unit normals with offsets (negative inside).
    depth = -(even @ hull.equations[:, :2].T + hull.equations[:, 2]).max(axis=1)
    return np.maximum(depth, 0.0)


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
