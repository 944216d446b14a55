"""Figures for the lessons, all in one visual language.

Every function takes the data and an optional ``ax=`` (a Matplotlib Axes to draw on), draws,
and returns the Axes, so a figure can be adjusted or combined with others. Malignant is always
vermillion and benign always blue (``bcc_teach.style``). Plots draw; they do not compute
clinical metrics (those live in the modules below them).

    >>> from bcc_teach import data, plots
    >>> ax = plots.feature_distribution(data.load_wdbc(), "radius_mean")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bcc_teach import data, metrics, style

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


def feature_label(feature: str) -> str:
    """An axis label with the feature's unit.

    >>> feature_label("area_mean")
    'area_mean (square image units)'
    """
    return f"{feature} ({data.feature_unit(feature)})"


def feature_distribution(
    table: pd.DataFrame, feature: str, ax: Axes | None = None, bins: int = 30
) -> Axes:
    """Histogram of one feature, benign and malignant cases overlaid in their colours.

    Where the two colours overlap, this feature alone cannot tell the diagnoses apart.

    >>> ax = feature_distribution(data.load_wdbc(), "concave_points_worst")
    """
    import seaborn as sns

    _require(table, ["diagnosis", feature], "feature_distribution")
    ax = _axes(ax, (6.4, 3.6))
    sns.histplot(
        data=table,
        x=feature,
        hue="diagnosis",
        hue_order=list(style.DIAGNOSIS_ORDER),
        palette=style.DIAGNOSIS_COLOURS,
        bins=bins,
        element="step",
        alpha=0.35,
        ax=ax,
    )
    ax.set_xlabel(feature_label(feature) if feature in data.FEATURES else feature)
    ax.set_ylabel("number of cases")
    ax.set_title(f"{feature} by diagnosis")
    return ax


def class_balance(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
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
    return ax


def feature_scatter(table: pd.DataFrame, x: str, y: str, ax: Axes | None = None) -> Axes:
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
    return ax


def correlation_heatmap(correlations: pd.DataFrame, ax: Axes | None = None) -> Axes:
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
    return ax


# --------------------------------------------------------------------------------------------
# A model's probabilities and what a threshold does with them
# --------------------------------------------------------------------------------------------

_CELLS = (  # (row, column, count attribute, words): rows = truth, columns = test result
    (0, 0, "tp", "cancer found\n(true positive)"),
    (0, 1, "fn", "cancer missed\n(false negative)"),
    (1, 0, "fp", "false alarm\n(false positive)"),
    (1, 1, "tn", "correctly reassured\n(true negative)"),
)


def _cell_text(counts, attribute: str, words: str) -> str:
    return f"{getattr(counts, attribute):,}\n{words}"


def _draw_confusion(ax: Axes, counts) -> dict:
    """Draw the 2×2 table on ``ax``; return its count labels by attribute, for quick updates."""
    from matplotlib.patches import Rectangle

    fills = {"tp": style.MALIGNANT, "fn": style.MALIGNANT, "fp": style.BENIGN, "tn": style.BENIGN}
    labels = {}
    for row, column, attribute, words in _CELLS:
        flagged = column == 0
        ax.add_patch(
            Rectangle(
                (column, 1 - row),
                1,
                1,
                facecolor=fills[attribute],
                alpha=0.55 if flagged else 0.15,
                edgecolor="white",
                linewidth=3,
            )
        )
        labels[attribute] = ax.text(
            column + 0.5,
            1.5 - row,
            _cell_text(counts, attribute, words),
            ha="center",
            va="center",
            fontsize=10,
        )
    ax.set_xlim(0, 2)
    ax.set_ylim(0, 2)
    ax.set_xticks([0.5, 1.5], ["flagged malignant", "called benign"])
    ax.set_yticks([1.5, 0.5], ["has cancer", "no cancer"])
    ax.xaxis.set_ticks_position("top")
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel("the test says")
    ax.xaxis.set_label_position("top")
    ax.set_ylabel("the truth")
    return labels


def confusion_matrix(counts, ax: Axes | None = None) -> Axes:
    """Draw the 2×2 table in clinical words: rows are the truth, columns the test's answer.

    ``counts`` is a ``metrics.Confusion`` (from ``metrics.confusion``).

    >>> from bcc_teach import metrics
    >>> ax = confusion_matrix(metrics.Confusion(tp=36, fn=4, fp=6, tn=54))
    """
    ax = _axes(ax, (4.6, 3.6))
    _draw_confusion(ax, counts)
    return ax


def probability_distribution(
    y_true, p_malignant, threshold: float | None = None, ax: Axes | None = None, bins: int = 20
) -> Axes:
    """Histogram of predicted probabilities, benign and malignant cases in their colours.

    With ``threshold``, a line marks it: cases to its right are flagged malignant.

    >>> ax = probability_distribution([1, 0, 1, 0], [0.9, 0.2, 0.7, 0.4], threshold=0.5)
    """
    import numpy as np

    y, p = metrics.check_inputs(y_true, p_malignant, threshold)
    ax = _axes(ax, (6.4, 3.4))
    edges = np.linspace(0, 1, bins + 1)
    for diagnosis, value in (("benign", 0), ("malignant", 1)):
        ax.hist(
            p[y == value],
            bins=edges,
            color=style.DIAGNOSIS_COLOURS[diagnosis],
            alpha=0.6,
            label=diagnosis,
        )
    if threshold is not None:
        ax.axvline(threshold, color="black", linestyle="--", linewidth=1.5, label="threshold")
        ax.set_title(f"threshold {threshold:.2f}: cases to its right are flagged malignant")
    ax.set_xlim(0, 1)
    ax.set_xlabel("predicted probability of malignancy")
    ax.set_ylabel("number of cases")
    ax.legend(loc="upper center")
    return ax


def _unit_square(ax: Axes, xlabel: str, ylabel: str) -> None:
    """Both axes run from 0 to 1 (with a hair of margin so points on the edge show)."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_xlim(-0.01, 1.01)
    ax.set_ylim(-0.01, 1.01)


def roc_curve(y_true, p_malignant, threshold: float | None = None, ax: Axes | None = None) -> Axes:
    """The ROC curve: sensitivity against 1 − specificity over every threshold, with its AUC.

    With ``threshold``, a dot marks where that threshold sits on the curve.

    >>> ax = roc_curve([1, 0, 1, 0], [0.9, 0.2, 0.7, 0.4], threshold=0.5)
    """

    fpr, tpr, _, auc = metrics.roc_points(y_true, p_malignant)
    ax = _axes(ax, (4.4, 4.2))
    ax.plot(fpr, tpr, color=style.MALIGNANT, linewidth=2, label=f"model (AUC {auc:.3f})")
    ax.plot([0, 1], [0, 1], color=style.NEUTRAL, linestyle=":", label="coin toss (AUC 0.5)")
    if threshold is not None:
        m = metrics.clinical_metrics(y_true, p_malignant, threshold)
        ax.plot(
            1 - m.specificity, m.sensitivity, "o", color="black", label=f"threshold {threshold:.2f}"
        )
    _unit_square(
        ax, "1 − specificity (share of benign flagged)", "sensitivity (share of cancers found)"
    )
    ax.legend(loc="lower right")
    return ax


def precision_recall_curve(
    y_true, p_malignant, threshold: float | None = None, ax: Axes | None = None
) -> Axes:
    """PPV (precision) against sensitivity (recall) over every threshold.

    The dotted line is the prevalence: what PPV a test that knows nothing would reach.

    >>> ax = precision_recall_curve([1, 0, 1, 0], [0.9, 0.2, 0.7, 0.4])
    """
    import numpy as np

    recall, precision, _, average = metrics.pr_points(y_true, p_malignant)
    ax = _axes(ax, (4.4, 4.2))
    ax.plot(
        recall,
        precision,
        color=style.MALIGNANT,
        linewidth=2,
        label=f"model (average precision {average:.3f})",
    )
    prevalence = float(np.mean(np.asarray(y_true)))
    ax.axhline(prevalence, color=style.NEUTRAL, linestyle=":", label=f"prevalence {prevalence:.2f}")
    if threshold is not None:
        m = metrics.clinical_metrics(y_true, p_malignant, threshold)
        ax.plot(m.sensitivity, m.ppv, "o", color="black", label=f"threshold {threshold:.2f}")
    _unit_square(
        ax, "sensitivity (share of cancers found)", "PPV (share of flagged who have cancer)"
    )
    ax.legend(loc="lower left")
    return ax


_ICON_GROUPS = (  # (attribute, colour, opacity, label)
    ("found", style.MALIGNANT, 1.0, "has cancer, flagged"),
    ("missed", style.MALIGNANT, 0.25, "has cancer, missed"),
    ("false_alarms", style.BENIGN, 1.0, "no cancer, flagged (false alarm)"),
    ("reassured", style.BENIGN, 0.15, "no cancer, reassured"),
)


def _icon_colours(frequencies):
    """One RGBA colour per woman, in the order the icons are drawn."""
    import numpy as np
    from matplotlib.colors import to_rgba

    colours = [to_rgba(colour, alpha) for _, colour, alpha, _ in _ICON_GROUPS]
    counts = [getattr(frequencies, attribute) for attribute, *_ in _ICON_GROUPS]
    return np.repeat(np.array(colours), counts, axis=0)


def _icon_labels(frequencies) -> list[str]:
    return [f"{label}: {getattr(frequencies, a):,}" for a, _, _, label in _ICON_GROUPS]


def _draw_icons(ax: Axes, frequencies, columns: int = 50):
    """Draw the icon array; return (the icons, the legend's texts), for quick updates."""
    import numpy as np
    from matplotlib.patches import Patch

    women = frequencies.women
    rows = int(np.ceil(women / columns))
    index = np.arange(women)
    figure_width, figure_height = ax.figure.get_size_inches()
    box = ax.get_position()
    cell = min(box.width * figure_width / (columns + 1), box.height * figure_height / (rows + 1))
    icons = ax.scatter(
        index % columns,
        rows - 1 - index // columns,
        s=(0.75 * cell * 72) ** 2,  # a square filling three quarters of its cell, in points²
        marker="s",
        c=_icon_colours(frequencies),
        linewidths=0,
    )
    handles = [Patch(color=colour, alpha=alpha) for _, colour, alpha, _ in _ICON_GROUPS]
    legend = ax.legend(
        handles,
        _icon_labels(frequencies),
        loc="upper center",
        bbox_to_anchor=(0.5, 0),
        ncol=2,
        frameon=False,
        fontsize=9,
    )
    ax.set_xlim(-1, columns)
    ax.set_ylim(-1, rows)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(f"{women:,} women", fontsize=10)
    return icons, legend.get_texts()


def icon_array(frequencies, ax: Axes | None = None, columns: int = 50) -> Axes:
    """One square per woman: vermillion has cancer, blue does not; solid = flagged by the test.

    ``frequencies`` is a ``metrics.NaturalFrequencies`` (from ``metrics.natural_frequencies``).

    >>> from bcc_teach import metrics
    >>> ax = icon_array(metrics.natural_frequencies(0.9, 0.9, 0.05))
    """
    rows = -(-frequencies.women // columns)
    ax = _axes(ax, (7.0, 1.0 + 0.14 * rows))
    _draw_icons(ax, frequencies, columns)
    return ax


# --------------------------------------------------------------------------------------------
# Figures that redraw quickly, for the explorers
# --------------------------------------------------------------------------------------------


def figure_png(figure, dpi: int = 72) -> bytes:
    """A Matplotlib figure as PNG bytes (quick to encode), for a widget's image.

    >>> from matplotlib.figure import Figure
    >>> figure_png(Figure(figsize=(1, 1)))[:4]
    b'\\x89PNG'
    """
    import io

    buffer = io.BytesIO()
    figure.savefig(
        buffer, format="png", dpi=dpi, metadata={"Software": None}, pil_kwargs={"compress_level": 1}
    )
    return buffer.getvalue()


class ThresholdFigure:
    """The probability histogram and the 2×2 table side by side; ``update`` moves the threshold.

    Everything that does not change (bars, axes, labels) is drawn once and kept as pixels; an
    update draws only the threshold line and the counts on top of it, so it is quick.

    >>> from bcc_teach import metrics
    >>> y, p = [1, 0, 1, 0], [0.9, 0.2, 0.7, 0.4]
    >>> figure = ThresholdFigure(y, p, 0.5, metrics.confusion(y, p, 0.5))
    >>> figure.update(0.3, metrics.confusion(y, p, 0.3)).startswith(b"\\x89PNG")
    True
    """

    def __init__(self, y_true, p_malignant, threshold: float, counts, dpi: int = 72):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(10, 3.6), dpi=dpi)
        self.figure.subplots_adjust(left=0.06, right=0.99, bottom=0.15, top=0.84, wspace=0.35)
        histogram, table = self.figure.subplots(1, 2, width_ratios=(1.3, 1))
        probability_distribution(y_true, p_malignant, threshold, ax=histogram)
        self.line = histogram.get_lines()[-1]
        self.title = histogram.title
        self.labels = _draw_confusion(table, counts)
        self.moving = [self.line, self.title, *self.labels.values()]
        for artist in self.moving:
            artist.set_animated(True)  # left out of the background
        self.canvas = FigureCanvasAgg(self.figure)
        self.canvas.draw()
        self.background = self.canvas.copy_from_bbox(self.figure.bbox)

    def update(self, threshold: float, counts) -> bytes:
        """Move the threshold line, show the new counts; return the figure as PNG."""
        import io

        from PIL import Image

        self.line.set_xdata([threshold, threshold])
        self.title.set_text(f"threshold {threshold:.2f}: cases to its right are flagged malignant")
        for _, _, attribute, words in _CELLS:
            self.labels[attribute].set_text(_cell_text(counts, attribute, words))
        self.canvas.restore_region(self.background)
        for artist in self.moving:
            self.figure.draw_artist(artist)
        width, height = self.canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba())
        buffer = io.BytesIO()
        image.save(buffer, format="png", compress_level=1)
        return buffer.getvalue()


class IconFigure:
    """An icon array whose colours ``update`` to new natural frequencies (same number of women).

    >>> from bcc_teach import metrics
    >>> figure = IconFigure(metrics.natural_frequencies(0.9, 0.9, 0.373))
    >>> figure.update(metrics.natural_frequencies(0.9, 0.9, 0.005)).startswith(b"\\x89PNG")
    True
    """

    def __init__(self, frequencies, dpi: int = 72):
        from matplotlib.figure import Figure

        self.dpi = dpi
        self.figure = Figure(figsize=(7.0, 3.4))
        self.figure.subplots_adjust(left=0.01, right=0.99, bottom=0.22, top=0.92)
        self.icons, self.texts = _draw_icons(self.figure.subplots(), frequencies)

    def update(self, frequencies) -> bytes:
        """Recolour the icons and relabel the legend; return the figure as PNG."""
        self.icons.set_facecolors(_icon_colours(frequencies))
        for text, label in zip(self.texts, _icon_labels(frequencies), strict=True):
            text.set_text(label)
        return figure_png(self.figure, self.dpi)


def explanation(table: pd.DataFrame, ax: Axes | None = None, title: str = "") -> Axes:
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
    ax.barh(rows["condition"], rows["weight"], color=colours)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("weight: pushes the probability towards benign (−) or malignant (+)")
    if title:
        ax.set_title(title)
    return ax
