"""Lesson 08: the test women as another scanner would measure them, in two of the features the
model leans on. Grey: as measured in Wisconsin; in colour: after the change; ringed: the cases
the out-of-distribution warning fires on.

    >>> from bcc_teach import data
    >>> X, y = data.load_wdbc_xy()
    >>> ax = drift_scatter(X, X * 0.8, y, [False] * len(X))
    >>> ax.get_xlabel()
    'area_worst (square image units)'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bcc_teach import style
from bcc_teach.plots._common import _axes
from bcc_teach.plots.dataset import feature_label
from bcc_teach.plots.described import _describe, _number
from bcc_teach.plots.live import _LiveFigure, readable

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: The two features shown: the largest nuclei's area and their dents (lesson 06: the taught
#: model leans on the worst values of size and dents).
SHOWN = ("area_worst", "concave_points_worst")
#: Axis limits wide enough for every change the explorer offers.
LIMITS = ((0.0, 4500.0), (0.0, 0.32))


def _layers(ax: Axes, X_before, y) -> dict:
    """Draw the fixed parts (the women as measured, grey; axes, labels, legend) and return the
    moving ones, empty: one scatter per diagnosis and the rings of the warning."""
    import numpy as np

    x, v = SHOWN
    ax.scatter(X_before[x], X_before[v], s=14, color="0.8", label="as measured in Wisconsin")
    empty = np.empty((0, 2))
    moving = {
        name: ax.scatter(
            empty[:, 0],
            empty[:, 1],
            s=22,
            color=style.DIAGNOSIS_COLOURS[name],
            marker=marker,
            label=f"{name}, after the change",
        )  # fmt: skip
        for name, marker in (("benign", "o"), ("malignant", "^"))
    }
    moving["warned"] = ax.scatter(empty[:, 0], empty[:, 1], s=110, facecolors="none",
                                  edgecolors="black", linewidths=1.2,
                                  label="out-of-distribution warning")  # fmt: skip
    ax.set(xlim=LIMITS[0], ylim=LIMITS[1], xlabel=feature_label(x), ylabel=feature_label(v))
    ax.legend(loc="upper left", fontsize="small", frameon=False)
    return moving


def _move(moving: dict, X_after, y, warned) -> None:
    import numpy as np

    x, v = SHOWN
    points = np.column_stack([np.asarray(X_after[x], float), np.asarray(X_after[v], float)])
    y = np.asarray(y)
    moving["benign"].set_offsets(points[y == 0])
    moving["malignant"].set_offsets(points[y == 1])
    moving["warned"].set_offsets(points[np.asarray(warned, dtype=bool)])


def drift_scatter(X_before, X_after, y, warned, *, ax: Axes | None = None) -> Axes:
    """The women before (grey) and after a change (in colour, malignant = vermillion
    triangles), with the cases the warning fires on (``warned``) ringed.

    >>> from bcc_teach import data
    >>> X, y = data.load_wdbc_xy()
    >>> len(drift_scatter(X, X * 1.2, y, [True] + [False] * (len(X) - 1)).collections[-1].get_offsets())
    1
    """  # noqa: E501
    import numpy as np

    ax = _axes(ax, (7, 4.5))
    _move(_layers(ax, X_before, y), X_after, y, warned)
    ax.set_title("The test women before and after the change")
    medians = [f"{name} {_number(np.median(X_before[name]))} before, "
               f"{_number(np.median(X_after[name]))} after" for name in SHOWN]  # fmt: skip
    x, v = SHOWN
    _describe(ax, f"Scatter plot of {v} (up) against {x} (across) for {len(X_before):,} women, "
                  "as measured in Wisconsin (grey) and after the change (benign blue circles, "
                  f"malignant vermillion triangles). Median {medians[0]}; median {medians[1]}. "
                  "The out-of-distribution warning fires on "
                  f"{int(np.sum(np.asarray(warned, dtype=bool)))} of them (ringed).")  # fmt: skip
    return ax


class DriftFigure(_LiveFigure):
    """``drift_scatter`` for the drift explorer: the grey women and the axes are drawn once;
    ``update`` moves the coloured points and the rings and returns the PNG.

    >>> from bcc_teach import data
    >>> X, y = data.load_wdbc_xy()
    >>> DriftFigure(X, y).update(X * 1.1, [False] * len(X), "magnification 1.1")[:4]
    b'\\x89PNG'
    """

    def __init__(self, X_before, y):
        super().__init__(640, 400)
        self.y = y
        with readable():
            ax = self.figure.subplots()
            self.figure.subplots_adjust(left=0.13, right=0.97, bottom=0.14, top=0.9)
            self.moving = _layers(ax, X_before, y)
            self.title = ax.set_title("")
        self._freeze([*self.moving.values(), self.title])

    def update(self, X_after, warned, title: str) -> bytes:
        """Show the women after the change, and ``title`` above them."""
        _move(self.moving, X_after, self.y, warned)
        self.title.set_text(title)
        return self._blit()
