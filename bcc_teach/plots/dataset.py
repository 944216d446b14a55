"""Drawing the data: one feature's distribution by diagnosis, the balance of diagnoses, two
features against each other, and a table of correlations.

    >>> from bcc_teach import data
    >>> ax = feature_distribution(data.load_wdbc(), "radius_mean")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bcc_teach import data, style
from bcc_teach.plots._common import _axes, _legend_beside, _require
from bcc_teach.plots.described import _describe, _joined_words, _number

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes


def feature_label(feature: str) -> str:
    """An axis label with the feature's unit.

    >>> feature_label("area_mean")
    'area_mean (square image units)'
    """
    return f"{feature} ({data.feature_unit(feature)})"


def _diagnosis_histogram(ax: Axes, values, diagnoses, edges) -> None:
    """Count benign and malignant values per bin and draw them as filled steps in their colours,
    labelled for a legend: the one look of every histogram by diagnosis in the course. The
    axes' limits are set to the bins and the tallest bar.

    ``values``: numbers; ``diagnoses``: ``"benign"`` or ``"malignant"`` for each value.
    """
    import numpy as np
    from matplotlib.patches import StepPatch

    values, diagnoses = np.asarray(values, dtype=float), np.asarray(diagnoses)
    tallest = 0
    for diagnosis in style.DIAGNOSIS_ORDER:
        counts, _ = np.histogram(values[diagnoses == diagnosis], bins=edges)
        colour = style.DIAGNOSIS_COLOURS[diagnosis]
        # add_artist, not ax.stairs: the limits are set once below, which is much quicker
        ax.add_artist(StepPatch(counts, edges, fill=True, alpha=0.35, color=colour,
                                label=diagnosis))  # fmt: skip
        ax.add_artist(StepPatch(counts, edges, fill=False, color=colour, linewidth=1.2))
        tallest = max(tallest, int(counts.max(initial=0)))
    ax.set_xlim(edges[0], edges[-1])
    ax.set_ylim(0, max(tallest, 1) * 1.05)


def feature_distribution(
    table: pd.DataFrame, feature: str, *, ax: Axes | None = None, bins: int = 30
) -> Axes:
    """Histogram of one feature, benign and malignant cases overlaid in their colours.

    Where the two colours overlap, this feature alone cannot tell the diagnoses apart. The
    legend sits beside the plot, clear of the bars.

    >>> ax = feature_distribution(data.load_wdbc(), "concave_points_worst")
    """
    import numpy as np

    _require(table, ["diagnosis", feature], "feature_distribution")
    ax = _axes(ax, (6.4, 3.6))
    known = table[[feature, "diagnosis"]].dropna()
    values = known[feature].to_numpy(dtype=float)
    edges = np.histogram_bin_edges(values, bins=bins)
    _diagnosis_histogram(ax, values, known["diagnosis"].to_numpy(), edges)
    ax.set_xlabel(feature_label(feature) if feature in data.FEATURES else feature)
    ax.set_ylabel("number of cases")
    _legend_beside(ax)
    ax.set_title(f"{feature} by diagnosis")
    _describe(ax, _spread_words(values, known["diagnosis"].to_numpy(), ax.get_xlabel()))
    return ax


def _spread_words(values, diagnoses, label: str) -> str:
    """A histogram by diagnosis in words: each group's count, median and middle half, and
    whether the middle halves overlap."""
    import numpy as np

    groups, halves = [], []
    for diagnosis in style.DIAGNOSIS_ORDER:
        chosen = values[diagnoses == diagnosis]
        colour = "blue" if diagnosis == "benign" else "vermillion"
        if len(chosen) == 0:
            groups.append(f"no {diagnosis} cases")
            continue
        low, middle, high = np.percentile(chosen, [25, 50, 75])
        halves.append((low, high))
        groups.append(f"{len(chosen):,} {diagnosis} ({colour}), median {_number(middle)}, "
                      f"middle half {_number(low)} to {_number(high)}")  # fmt: skip
    words = f"Histogram of {label}: {'; '.join(groups)}."
    if len(halves) == 2:
        (low_b, high_b), (low_m, high_m) = halves
        apart = high_b < low_m or high_m < low_b
        words += f" The middle halves {'do not overlap' if apart else 'overlap'}."
    return words


def class_balance(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Bar chart of how many cases are benign and malignant, with the percentage of each.

    >>> ax = class_balance(data.load_wdbc())
    """
    _require(table, ["diagnosis"], "class_balance")
    ax = _axes(ax, (4.8, 3.2))
    counts = table["diagnosis"].value_counts().reindex(list(style.DIAGNOSIS_ORDER), fill_value=0)
    total = int(counts.sum())
    labels = list(counts.index)
    bars = ax.bar(labels, counts.to_numpy(), color=[style.DIAGNOSIS_COLOURS[d] for d in labels])
    for bar, count in zip(bars, counts.to_numpy(), strict=True):
        share = count / total if total else 0.0
        ax.annotate(
            f"{count} ({share:.0%})",
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            ha="center",
            va="bottom",
        )
    ax.set_ylabel("number of cases")
    ax.set_ylim(0, max(counts.max(), 1) * 1.15)
    ax.set_title(f"Diagnoses among {total} cases")
    colours = ("blue", "vermillion")
    shares = [f"{count:,} {name} ({count / total if total else 0:.0%}, {colour})"
              for name, count, colour in zip(labels, counts, colours, strict=True)]  # fmt: skip
    _describe(ax, f"Bar chart: {' and '.join(shares)}.")
    return ax


def feature_scatter(table: pd.DataFrame, x: str, y: str, *, ax: Axes | None = None) -> Axes:
    """Scatter plot of two features, one dot per case, coloured by diagnosis.

    >>> ax = feature_scatter(data.load_wdbc(), "radius_mean", "area_mean")
    """
    import seaborn as sns

    _require(table, ["diagnosis", x, y], "feature_scatter")
    ax = _axes(ax, (5.2, 4.2))
    sns.scatterplot(
        data=table,
        x=x,
        y=y,
        hue="diagnosis",
        hue_order=list(style.DIAGNOSIS_ORDER),
        palette=style.DIAGNOSIS_COLOURS,
        s=14,
        alpha=0.7,
        linewidth=0,
        ax=ax,
    )
    ax.set_xlabel(feature_label(x) if x in data.FEATURES else x)
    ax.set_ylabel(feature_label(y) if y in data.FEATURES else y)
    _describe(ax, _scatter_words(table, x, y, ax.get_xlabel(), ax.get_ylabel()))
    return ax


def _scatter_words(table: pd.DataFrame, x: str, y: str, x_label: str, y_label: str) -> str:
    known = table[[x, y, "diagnosis"]].dropna()
    groups = []
    for diagnosis, colour in zip(style.DIAGNOSIS_ORDER, ("blue", "vermillion"), strict=True):
        chosen = known[known["diagnosis"] == diagnosis]
        if len(chosen):
            middle = f"{_number(chosen[x].median())} and {_number(chosen[y].median())}"
            groups.append(f"{len(chosen):,} {diagnosis} ({colour}) centred on {middle}")
    r = known[x].astype(float).corr(known[y].astype(float)) if len(known) > 2 else float("nan")
    return (f"Scatter plot, one dot per case; across: {x_label}; up: {y_label}. The medians: "
            f"{'; '.join(groups)}. Correlation over all cases {r:.2f}.")  # fmt: skip


def correlation_heatmap(correlations: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Colour a correlation table: dark red near +1, dark blue near −1, white near 0.

    ``correlations`` is a square table such as ``table[columns].corr()``.

    >>> wdbc = data.load_wdbc()
    >>> ax = correlation_heatmap(wdbc[["radius_mean", "area_mean", "texture_mean"]].corr())
    """
    import seaborn as sns

    if not hasattr(correlations, "columns") or list(correlations.index) != list(
        correlations.columns
    ):
        raise ValueError("correlation_heatmap needs a square table such as table[cols].corr().")
    size = 1.0 + 0.55 * len(correlations)
    ax = _axes(ax, (size + 1.2, size))
    sns.heatmap(
        correlations,
        vmin=-1,
        vmax=1,
        cmap="RdBu_r",
        annot=True,
        fmt=".2f",
        square=True,
        cbar_kws={"label": "correlation"},
        ax=ax,
    )
    _describe(ax, _correlation_words(correlations))
    return ax


def _correlation_words(correlations: pd.DataFrame) -> str:
    import numpy as np

    names = list(correlations.columns)
    values = correlations.to_numpy(dtype=float)
    pairs = [(values[i, j], names[i], names[j])
             for i in range(len(names)) for j in range(i + 1, len(names))]  # fmt: skip
    words = (f"A table of the correlations between {len(names)} features "
             f"({_joined_words(names)}), each cell written with its value and coloured from "
             "dark blue (−1) through white (0) to dark red (+1).")  # fmt: skip
    if pairs:
        pairs.sort(key=lambda pair: -pair[0] if np.isfinite(pair[0]) else np.inf)
        (high, *a), (low, *b) = pairs[0], pairs[-1]
        words += f" Highest: {a[0]} and {a[1]}, {high:.2f}. Lowest: {b[0]} and {b[1]}, {low:.2f}."
    return words
