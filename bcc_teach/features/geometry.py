"""The geometry behind the measurements, for drawing them on a nucleus: its centre, radius
lines, convex hull ("rubber band"), dents, the coastline walked with a ruler, the major axis
and the outline's mirror image across it.

    >>> centre([[0, 0], [0, 10], [10, 10], [10, 0]])
    array([5., 5.])
"""

from __future__ import annotations

import numbers

import numpy as np

from bcc_teach.features._common import _Outline, _points, _resample


def centre(outline) -> np.ndarray:
    """The nucleus centre (row, column): the centroid of the area inside the outline.

    Every radius is measured from here.

    >>> centre([[0, 0], [0, 10], [10, 10], [10, 0]])
    array([5., 5.])
    """
    return _Outline(_points(outline)).centre


def radius_lines(outline, count: int = 16) -> np.ndarray:
    """``count`` radii to draw: a (count, 2, 2) array of [centre, boundary point] pairs.

    The boundary points are evenly spaced along the outline; the ``radius`` feature is the
    mean length of such lines (measured on many more of them).

    >>> radius_lines([[0, 0], [0, 10], [10, 10], [10, 0]], count=4).shape
    (4, 2, 2)
    """
    shape = _Outline(_points(outline))
    ends = _resample(shape.points, shape.perimeter / count)[:count]
    middle = np.broadcast_to(shape.centre, ends.shape)
    return np.stack([middle, ends], axis=1)


def convex_hull(outline) -> np.ndarray:
    """The outline's convex hull (the "rubber band" around it), a closed (row, column) polygon.

    ``concavity`` is the area between the hull and the outline, over the area.

    >>> len(convex_hull([[0, 0], [0, 10], [5, 5], [10, 10], [10, 0]]))  # the dent is bridged
    5
    """
    shape = _Outline(_points(outline))
    hull = shape.points[shape.hull.vertices]
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
    shape = _Outline(_points(outline))
    depth = shape.hull_depths
    deepest = [run[np.argmax(depth[run])] for run in shape.dent_runs]
    return shape.even[deepest] if deepest else np.empty((0, 2))


def coastline(outline, ruler: int) -> np.ndarray:
    """The outline walked with a ruler of ``ruler`` boundary steps (about ``ruler`` pixels).

    Returns the closed polygon of the points where the ruler lands; its length is the perimeter
    "measured with that ruler". Longer rulers cut across the wiggles, so the more crinkly the
    outline, the faster this length shrinks as the ruler grows (``fractal_dimension``).

    >>> from bcc_teach.features import perimeter
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
    shape = _Outline(_points(outline))
    middle, along = shape.centre, shape.axis
    reach = (shape.points - middle) @ along
    return np.array([middle + along * reach.max(), middle + along * reach.min()])


def mirror(outline) -> np.ndarray:
    """The outline reflected across its major axis: a closed (row, column) polygon.

    Laid over the outline, it shows what ``symmetry`` measures: the mirror image of an outline
    that is symmetric about its long axis falls on the outline itself; the more the two sides
    differ, the further the mirror image strays from it.

    >>> import numpy as np
    >>> angles = np.linspace(0, 2 * np.pi, 400, endpoint=False)
    >>> oval = np.column_stack([10 * np.sin(angles), 20 * np.cos(angles)])  # long axis: columns
    >>> np.allclose(mirror(oval)[:-1], oval * [-1, 1])  # each row flips to the other side
    True
    """
    shape = _Outline(_points(outline))
    middle, along = shape.centre, shape.axis
    relative = shape.points - middle
    mirrored = middle + 2 * np.outer(relative @ along, along) - relative
    return np.vstack([mirrored, mirrored[:1]])
