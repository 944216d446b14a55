"""Drawing one patient's explanation: LIME's weights, and where her value of a feature sits
among benign and malignant cases.

    >>> import pandas as pd
    >>> ax = explanation(pd.DataFrame({"condition": ["area_worst > 900"], "weight": [0.2]}))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bcc_teach import data, style
from bcc_teach.plots._common import _axes, _require
from bcc_teach.plots.dataset import _diagnosis_histogram
from bcc_teach.plots.described import _describe, _number

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes


def explanation(table: pd.DataFrame, *, ax: Axes | None = None, title: str = "") -> Axes:
    """Draw a LIME explanation: one bar per condition, vermillion towards malignant, blue towards
    benign, the strongest at the top.

    ``table`` has ``condition`` and ``weight`` columns (``explain.CaseExplainer.explain``).

    >>> import pandas as pd
    >>> ax = explanation(pd.DataFrame({"condition": ["area_worst > 900"], "weight": [0.2]}))
    """
    _require(table, ["condition", "weight"], "explanation")
    ax = _axes(ax, (6.4, 0.9 + 0.45 * len(table)))
    rows = table.iloc[::-1]  # barh draws bottom-up: reverse, so the strongest is at the top
    colours = [style.MALIGNANT if w > 0 else style.BENIGN for w in rows["weight"]]
    positions = list(range(len(rows)))  # numbers, not categories: the axes can be redrawn
    ax.barh(positions, rows["weight"], color=colours)
    ax.set_yticks(positions, list(rows["condition"]))
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("weight: pushes the probability towards benign (−) or malignant (+)")
    if title:
        ax.set_title(title)
    pairs = zip(table["condition"], table["weight"], strict=True)
    reasons = [f"{condition} towards {'malignant' if weight > 0 else 'benign'} ({weight:+.3f})"
               for condition, weight in pairs]  # fmt: skip
    _describe(ax, f"LIME's reasons as bars, strongest first, vermillion towards malignant and "
                  f"blue towards benign: {'; '.join(reasons)}.")  # fmt: skip
    return ax


def case_in_distribution(
    X, y, feature: str, value: float, *, ax: Axes | None = None, bins: int = 30
) -> Axes:
    """Histogram of one feature in benign and malignant cases, with one patient's value marked.

    ``X``: the cases' features (e.g. the training cases); ``y``: their diagnoses (1 =
    malignant); ``value``: this patient's value, drawn as an orange line.

    >>> from bcc_teach import data
    >>> X, y = data.load_wdbc_xy()
    >>> ax = case_in_distribution(X, y, "area_worst", 1200.0)
    """
    import numpy as np

    if feature not in getattr(X, "columns", ()):
        raise ValueError(f"case_in_distribution: X has no column {feature!r}.")
    ax = _axes(ax, (3.4, 2.6))
    column = np.asarray(X[feature], dtype=float)
    diagnoses = np.where(np.asarray(y) == 1, "malignant", "benign")
    edges = np.histogram_bin_edges(np.append(column, value), bins=bins)
    _diagnosis_histogram(ax, column, diagnoses, edges)
    ax.axvline(value, color=style.HIGHLIGHT, linewidth=2.5, label="this patient")
    # the unit on a line of its own, so that the label fits under a narrow plot
    unit = f"\n({data.feature_unit(feature)})" if feature in data.FEATURES else ""
    ax.set_xlabel(f"{feature}{unit}")
    ax.set_ylabel("cases")
    groups = (("benign", "blue"), ("malignant", "vermillion"))
    below = [f"{(column[diagnoses == d] < value).mean():.0%} of the {(diagnoses == d).sum():,} "
             f"{d} ({colour})" for d, colour in groups]  # fmt: skip
    _describe(ax, f"Histogram of {feature} by diagnosis, with this patient's value, "
                  f"{_number(value)}, marked by an orange line: below it lie {below[0]} and "
                  f"{below[1]} cases.")  # fmt: skip
    return ax


def _case_legend() -> tuple[list, list[str]]:
    """Handles and labels for a legend of ``case_in_distribution``'s colours."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [
        Patch(facecolor=style.BENIGN, alpha=0.35, edgecolor=style.BENIGN),
        Patch(facecolor=style.MALIGNANT, alpha=0.35, edgecolor=style.MALIGNANT),
        Line2D([], [], color=style.HIGHLIGHT, linewidth=2.5),
    ]
    return handles, ["benign training cases", "malignant training cases", "this patient"]
