"""Private helpers every drawing module shares: an Axes to draw on, and a table check."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize)
    return ax


def _require(table: pd.DataFrame, columns: list[str], function: str) -> None:
    if not hasattr(table, "columns"):
        raise TypeError(
            f"{function} needs a table (a pandas DataFrame), got {type(table).__name__}."
        )
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(f"{function}: the table has no column(s) {', '.join(map(repr, missing))}.")


def _legend_beside(ax: Axes, handles=None, labels=None, **kwargs):
    """The legend just right of the plot, where no bar or line can run through it (a figure with
    ``layout="constrained"``, or shown inline in a notebook, makes room for it)."""
    args = () if handles is None else (handles, labels)
    options = {"loc": "upper left", "bbox_to_anchor": (1.01, 1.0), "frameon": False,
               "borderaxespad": 0.0}  # fmt: skip
    return ax.legend(*args, **{**options, **kwargs})
