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

    roc = metrics.roc_points(y_true, p_malignant)
    ax = _axes(ax, (4.4, 4.2))
    ax.plot(roc.false_positive_rate, roc.sensitivity, color=style.MALIGNANT, linewidth=2,
            label=f"model (AUC {roc.auc:.3f})")  # fmt: skip
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

    pr = metrics.pr_points(y_true, p_malignant)
    ax = _axes(ax, (4.4, 4.2))
    ax.plot(
        pr.sensitivity,
        pr.ppv,
        color=style.MALIGNANT,
        linewidth=2,
        label=f"model (average precision {pr.average_precision:.3f})",
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


def _wipe(ax: Axes) -> None:
    """Remove what was drawn on ``ax`` but keep its ticks and labels (much quicker to redraw
    than ``ax.clear()``, which builds every tick again)."""
    for artist in [*ax.lines, *ax.patches, *ax.collections, *ax.images, *ax.texts]:
        artist.remove()
    ax.containers.clear()
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    ax.relim()
    ax.autoscale()


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
    positions = list(range(len(rows)))  # numbers, not categories: the axes can be redrawn
    ax.barh(positions, rows["weight"], color=colours)
    ax.set_yticks(positions, list(rows["condition"]))
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("weight: pushes the probability towards benign (−) or malignant (+)")
    if title:
        ax.set_title(title)
    return ax


# --------------------------------------------------------------------------------------------
# Nuclei and what is measured on them (lesson 02)
# --------------------------------------------------------------------------------------------


def fna_image(image, contours=None, ax: Axes | None = None, title: str | None = None) -> Axes:
    """Show a grey-scale (synthetic) FNA image; outline and number each nucleus if given.

    ``image``: a ``features.SyntheticImage``, a ``features.Segmentation`` (its outlines are
    drawn) or a 2-D array of grey levels. ``contours``: outlines to draw (default: those of a
    Segmentation, none otherwise). The title says the image is synthetic.

    >>> from bcc_teach import features
    >>> ax = fna_image(features.segment(features.synthetic_image("benign", seed=0)))
    """
    import numpy as np

    from bcc_teach import features

    if isinstance(image, features.Segmentation):
        pixels, found = image.image, list(image.contours)
    else:
        pixels, found = (image.pixels if isinstance(image, features.SyntheticImage) else image), []
    pixels = np.asarray(pixels)
    contours = found if contours is None else list(contours)
    rows, cols = pixels.shape[:2]
    ax = _axes(ax, (5.0, 5.0 * rows / cols))
    ax.imshow(pixels, cmap="gray", vmin=0, vmax=255, interpolation="nearest")
    for number, contour in enumerate(contours, start=1):
        ax.plot(contour[:, 1], contour[:, 0], color=style.OUTLINE, linewidth=1.5)
        top = contour[np.argmin(contour[:, 0])]
        ax.annotate(str(number), (top[1], top[0]), xytext=(0, 3), textcoords="offset points",
                    ha="center", va="bottom", color=style.OUTLINE, fontsize=9,
                    fontweight="bold")  # fmt: skip
    ax.set_xticks([])
    ax.set_yticks([])
    if title is None:
        title = (
            f"SYNTHETIC image, {len(contours)} nuclei outlined" if contours else "SYNTHETIC image"
        )
    ax.set_title(title)
    return ax


def _circle(centre, radius: float, points: int = 200):
    import numpy as np

    angles = np.linspace(0, 2 * np.pi, points)
    return centre[0] + radius * np.sin(angles), centre[1] + radius * np.cos(angles)


def _draw_outline(ax: Axes, outline, **kwargs) -> None:
    ax.plot(outline[:, 1], outline[:, 0], **{"color": style.OUTLINE, "linewidth": 2, **kwargs})


def _geometry(ax: Axes, outline, feature: str, image) -> str:
    """Draw the geometry behind one base feature; return the sentence that explains it."""
    import math

    import numpy as np

    from bcc_teach import features

    middle = features.centre(outline)
    if feature == "radius":
        for start, end in features.radius_lines(outline, 16):
            ax.plot([start[1], end[1]], [start[0], end[0]], color=style.HIGHLIGHT, linewidth=1)
        ax.plot(middle[1], middle[0], "o", color=style.HIGHLIGHT)
        return "mean length of the lines from the centre to the edge"
    if feature == "texture":
        from skimage.draw import polygon2mask

        inside = polygon2mask(np.shape(image), outline)
        ax.imshow(np.where(inside, image, 255), cmap="gray", vmin=0, vmax=255,
                  interpolation="nearest")  # fmt: skip
        return "spread (SD) of the grey levels inside the outline"
    if feature == "perimeter":
        _draw_outline(ax, outline, linewidth=4)
        return "length of the outline"
    if feature == "area":
        ax.fill(outline[:, 1], outline[:, 0], color=style.OUTLINE, alpha=0.45)
        return "surface inside the outline"
    if feature == "smoothness":
        rows, cols = _circle(middle, features.radius(outline))
        ax.plot(cols, rows, "--", color=style.HIGHLIGHT, linewidth=1.5)
        return "each radius against its neighbours (dashed: a smooth circle)"
    if feature == "compactness":
        rows, cols = _circle(middle, math.sqrt(features.area(outline) / math.pi))
        ax.plot(cols, rows, "--", color=style.HIGHLIGHT, linewidth=1.5)
        return "perimeter² / (4π × area) − 1 (dashed: a circle, 0)"
    if feature == "concavity":
        hull = features.convex_hull(outline)
        ax.fill(hull[:, 1], hull[:, 0], color=style.HIGHLIGHT, alpha=0.55)
        ax.fill(outline[:, 1], outline[:, 0], color="white")
        return "dent area (orange, inside the rubber band) over the area"
    if feature == "concave_points":
        hull = features.convex_hull(outline)
        ax.plot(hull[:, 1], hull[:, 0], ":", color=style.NEUTRAL, linewidth=1.5)
        dents = features.dent_points(outline)
        ax.plot(dents[:, 1], dents[:, 0], "o", color=style.HIGHLIGHT, markersize=8)
        return f"{len(dents)} dent(s) marked, per pixel of outline"
    if feature == "symmetry":
        ends = features.major_axis(outline)
        along = (ends[0] - ends[1]) / np.hypot(*(ends[0] - ends[1]))
        relative = outline - middle
        mirrored = middle + 2 * np.outer(relative @ along, along) - relative
        ax.plot(ends[:, 1], ends[:, 0], color=style.HIGHLIGHT, linewidth=1.5)
        ax.plot(mirrored[:, 1], mirrored[:, 0], "--", color=style.NEUTRAL, linewidth=1.5)
        return "the two sides of the long axis (dashed: mirror image)"
    if feature == "fractal_dimension":
        lengths = []
        for ruler, colour in ((1, style.OUTLINE), (8, style.HIGHLIGHT)):
            walked = features.coastline(outline, ruler)
            lengths.append(f"{features.perimeter(walked):.0f} px")
            ax.plot(walked[:, 1], walked[:, 0], color=colour, linewidth=1.5, marker="o",
                    markersize=3 if ruler > 1 else 0)  # fmt: skip
        return f"length with a 1 px ruler {lengths[0]}; with an 8 px ruler {lengths[1]}"
    raise ValueError(
        f"feature must be one of the ten measurements {', '.join(data.BASE_FEATURES)}; "
        f"got {feature!r}."
    )


def _nucleus_axes(ax: Axes | None, image) -> Axes:
    """Axes for one nucleus: its picture behind, or an empty square with rows running down."""
    import numpy as np

    ax = _axes(ax, (3.2, 3.2))
    if image is not None:
        ax.imshow(np.asarray(image), cmap="gray", vmin=0, vmax=255, interpolation="nearest")
    else:
        ax.set_aspect("equal")
        ax.invert_yaxis()
    return ax


def nucleus_feature(outline, feature: str, image=None, ax: Axes | None = None) -> Axes:
    """Draw on one nucleus what one of the ten measurements looks at, with its value.

    ``outline``: the nucleus's closed outline (an N×2 array of (row, column) points, e.g.
    ``features.segment(picture).contours[0]``); ``feature``: one of ``data.BASE_FEATURES``
    (``"radius"``, ``"concave_points"``, …); ``image``: the grey levels of a picture holding
    only this nucleus (needed for ``"texture"``, shown behind the outline otherwise).

    >>> from bcc_teach import features
    >>> one = features.synthetic_nucleus("malignant", seed=2)
    >>> ax = nucleus_feature(features.segment(one).contours[0], "concave_points", one.pixels)
    """
    import textwrap

    import numpy as np

    from bcc_teach import features

    if feature not in data.BASE_FEATURES:
        raise ValueError(
            f"feature must be one of the ten measurements {', '.join(data.BASE_FEATURES)}; "
            f"got {feature!r}."
        )
    outline = np.asarray(outline, dtype=float)
    if feature == "texture" and image is None:
        raise ValueError("Drawing texture needs the nucleus's image: nucleus_feature(..., image=).")
    ax = _nucleus_axes(ax, image)
    _draw_outline(ax, outline)
    sentence = _geometry(ax, outline, feature, image)
    values = features.measure_nucleus(outline, image)
    ax.set_title(f"{feature} = {values[feature]:.4g}\n{textwrap.fill(sentence, 34)}", fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def nucleus_outline(outline, image=None, ax: Axes | None = None) -> Axes:
    """One nucleus with its outline, 16 radius lines, its rubber band (convex hull, dotted) and
    its dents (orange dots): the shape measurements in one picture.

    ``outline`` and ``image`` as for ``nucleus_feature``.

    >>> from bcc_teach import features
    >>> one = features.synthetic_nucleus("malignant", seed=2)
    >>> ax = nucleus_outline(features.segment(one).contours[0], one.pixels)
    """
    import numpy as np

    from bcc_teach import features

    outline = np.asarray(outline, dtype=float)
    ax = _nucleus_axes(ax, image)
    hull = features.convex_hull(outline)
    ax.plot(hull[:, 1], hull[:, 0], ":", color=style.NEUTRAL, linewidth=1.5)
    for start, end in features.radius_lines(outline, 16):
        ax.plot([start[1], end[1]], [start[0], end[0]], color=style.HIGHLIGHT, linewidth=0.8)
    _draw_outline(ax, outline)
    dents = features.dent_points(outline)
    ax.plot(dents[:, 1], dents[:, 0], "o", color=style.HIGHLIGHT, markersize=7)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


class NucleusFigure:
    """The nucleus explorer's picture: a synthetic image with its nuclei outlined, and one
    nucleus drawn large with its radius lines, rubber band and dents; ``update`` redraws both.

    >>> from bcc_teach import features
    >>> picture = features.synthetic_image("benign", seed=0)
    >>> one = features.synthetic_nucleus("benign", seed=0)
    >>> png = NucleusFigure().update(features.segment(picture), features.segment(one))
    >>> png[:4]
    b'\\x89PNG'
    """

    def __init__(self, dpi: int = 72):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(8.4, 4.2), dpi=dpi)
        self.figure.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.9, wspace=0.05)
        self.image_ax, self.nucleus_ax = self.figure.subplots(1, 2)
        self.canvas = FigureCanvasAgg(self.figure)

    def update(self, image, nucleus) -> bytes:
        """Draw ``image`` (a ``features.Segmentation``) and the first nucleus of ``nucleus``
        (another Segmentation, of a one-nucleus picture); return the figure as PNG."""
        for ax in (self.image_ax, self.nucleus_ax):
            _wipe(ax)
        fna_image(image, ax=self.image_ax)
        nucleus_outline(nucleus.contours[0], nucleus.image, ax=self.nucleus_ax)
        self.nucleus_ax.set_title("one nucleus: radius lines, rubber band, dents")
        return figure_png(self.figure, self.figure.dpi)


# --------------------------------------------------------------------------------------------
# One patient's explanation in context (lesson 07)
# --------------------------------------------------------------------------------------------


def case_in_distribution(
    X, y, feature: str, value: float, ax: Axes | None = None, bins: int = 30
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
    labels = np.asarray(y)
    edges = np.histogram_bin_edges(np.append(column, value), bins=bins)
    for diagnosis, code in (("benign", 0), ("malignant", 1)):
        counts, _ = np.histogram(column[labels == code], bins=edges)
        colour = style.DIAGNOSIS_COLOURS[diagnosis]
        ax.stairs(counts, edges, fill=True, alpha=0.35, color=colour, label=diagnosis)
        ax.stairs(counts, edges, color=colour)
    ax.axvline(value, color=style.HIGHLIGHT, linewidth=2.5, label="this patient")
    ax.set_xlabel(feature_label(feature) if feature in data.FEATURES else feature, fontsize=9)
    ax.set_ylabel("cases", fontsize=9)
    ax.tick_params(labelsize=8)
    return ax


class CaseFigure:
    """The case explorer's picture: the LIME explanation on top, and below it where the
    patient's three strongest features sit among benign and malignant training cases.

    >>> import pandas as pd
    >>> from bcc_teach import data
    >>> X, y = data.load_wdbc_xy()
    >>> table = pd.DataFrame({"condition": ["area_worst > 900"], "feature": ["area_worst"],
    ...                       "weight": [0.2]})
    >>> CaseFigure(X, y).update(table, X.iloc[0], "W001: explanation")[:4]
    b'\\x89PNG'
    """

    def __init__(self, X, y, dpi: int = 72):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.X, self.y = X, y
        self.figure = Figure(figsize=(10, 6.2), dpi=dpi)
        top = self.figure.add_gridspec(1, 1, left=0.3, right=0.97, bottom=0.56, top=0.93)
        bottom = self.figure.add_gridspec(1, 3, left=0.07, right=0.98, bottom=0.09, top=0.42,
                                          wspace=0.3)  # fmt: skip
        self.explanation_ax = self.figure.add_subplot(top[0, 0])
        self.feature_axes = [self.figure.add_subplot(bottom[0, i]) for i in range(3)]
        self.canvas = FigureCanvasAgg(self.figure)

    def update(self, table, case, title: str) -> bytes:
        """Draw the explanation ``table`` and the case's top three features; return PNG."""
        for ax in (self.explanation_ax, *self.feature_axes):
            _wipe(ax)
        explanation(table, ax=self.explanation_ax, title=title)
        self.explanation_ax.set_xlabel("LIME weight: towards benign (−) or malignant (+)")
        for ax, feature in zip(self.feature_axes, table["feature"], strict=False):
            ax.set_visible(True)
            case_in_distribution(self.X, self.y, feature, float(case[feature]), ax=ax)
        for ax in self.feature_axes[len(table) :]:
            ax.set_visible(False)
        self.feature_axes[0].legend(fontsize=8, frameon=False, loc="upper right")
        return figure_png(self.figure, self.figure.dpi)
