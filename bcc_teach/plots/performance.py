"""Drawing a model's performance: the 2×2 table in clinical words, the probabilities with a
threshold, the ROC and precision–recall curves, and an icon array of natural frequencies.

    >>> ax = probability_distribution([1, 0, 1, 0], [0.9, 0.2, 0.7, 0.4], threshold=0.5)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bcc_teach import metrics, style
from bcc_teach.plots._common import _axes, _legend_beside
from bcc_teach.plots.described import _describe

if TYPE_CHECKING:
    from matplotlib.axes import Axes


_CELLS = (  # (row, column, count attribute, words): rows = truth, columns = test result
    (0, 0, "tp", "cancer found\n(true positive)"),
    (0, 1, "fn", "cancer missed\n(false negative)"),
    (1, 0, "fp", "false alarm\n(false positive)"),
    (1, 1, "tn", "correctly\nnot flagged\n(true negative)"),
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
        )
    ax.set_xlim(0, 2)
    ax.set_ylim(0, 2)
    ax.set_xticks([0.5, 1.5], ["flagged\nmalignant", "called\nbenign"])
    ax.set_yticks([1.5, 0.5], ["has cancer", "no cancer"])
    ax.xaxis.set_ticks_position("top")
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel("the test says")
    ax.xaxis.set_label_position("top")
    ax.set_ylabel("the truth")
    return labels


def confusion_matrix(counts, *, ax: Axes | None = None) -> Axes:
    """Draw the 2×2 table in clinical words: rows are the truth, columns the test's answer.

    ``counts`` is a ``metrics.Confusion`` (from ``metrics.confusion``).

    >>> from bcc_teach import metrics
    >>> ax = confusion_matrix(metrics.Confusion(tp=36, fn=4, fp=6, tn=54))
    """
    ax = _axes(ax, (4.6, 3.6))
    _draw_confusion(ax, counts)
    _describe(ax, _confusion_words(counts))
    return ax


def _confusion_words(counts) -> str:
    c = counts
    return (f"The 2×2 table, malignant = positive. Of {c.tp + c.fn:,} women with cancer, "
            f"{c.tp:,} flagged (true positives) and {c.fn:,} missed (false negatives). Of "
            f"{c.fp + c.tn:,} without cancer, {c.fp:,} flagged (false alarms) and {c.tn:,} "
            "correctly not flagged (true negatives).")  # fmt: skip


def probability_distribution(
    y_true,
    p_malignant,
    threshold: float | None = None,
    *,
    ax: Axes | None = None,
    bins: int = 20,
) -> Axes:
    """Histogram of predicted probabilities, benign and malignant cases in their colours.

    With ``threshold``, a dashed line marks it: cases at or to its right are flagged malignant
    (malignant is the positive class). The legend sits beside the plot, clear of the bars and
    of the line.

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
    _legend_beside(ax)
    _describe(ax, _probability_words(y, p, threshold))
    return ax


def _probability_words(y, p, threshold: float | None) -> str:
    benign, malignant = p[y == 0], p[y == 1]
    words = (f"Histogram of the predicted probability of malignancy, 0 to 1: "
             f"{len(benign):,} benign cases (blue), {(benign < 0.1).sum():,} of them below 0.1; "
             f"{len(malignant):,} malignant (vermillion), {(malignant > 0.9).sum():,} of them "
             "above 0.9.")  # fmt: skip
    if threshold is not None:
        c = metrics.confusion(y, p, threshold)
        words += (f" A dashed line marks the threshold {threshold:.2f}: at or above it, "
                  f"{c.tp:,} of the {c.tp + c.fn:,} malignant and {c.fp:,} of the "
                  f"{c.fp + c.tn:,} benign cases are flagged.")  # fmt: skip
    return words


def _unit_square(ax: Axes, xlabel: str, ylabel: str) -> None:
    """Both axes run from 0 to 1 (with a hair of margin so points on the edge show)."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_xlim(-0.01, 1.01)
    ax.set_ylim(-0.01, 1.01)


def roc_curve(
    y_true, p_malignant, threshold: float | None = None, *, ax: Axes | None = None
) -> Axes:
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
    words = (f"ROC curve: sensitivity (up) against 1 − specificity (across) at every threshold, "
             f"AUC {roc.auc:.3f}; a coin toss (the dotted diagonal) has 0.5.")  # fmt: skip
    if threshold is not None:
        words += (f" A dot marks the threshold {threshold:.2f}: sensitivity {m.sensitivity:.3f}, "
                  f"1 − specificity {1 - m.specificity:.3f}.")  # fmt: skip
    _describe(ax, words)
    return ax


def precision_recall_curve(
    y_true, p_malignant, threshold: float | None = None, *, ax: Axes | None = None
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
    words = (f"Precision–recall curve: PPV (up) against sensitivity (across) at every "
             f"threshold, average precision {pr.average_precision:.3f}; the dotted line is the "
             f"prevalence, {prevalence:.2f}, the PPV of a test that knows nothing.")  # fmt: skip
    if threshold is not None:
        words += (f" A dot marks the threshold {threshold:.2f}: sensitivity {m.sensitivity:.3f}, "
                  f"PPV {m.ppv:.3f}.")  # fmt: skip
    _describe(ax, words)
    return ax


_ICON_GROUPS = (  # (attribute, colour, opacity, label)
    ("found", style.MALIGNANT, 1.0, "has cancer, flagged"),
    ("missed", style.MALIGNANT, 0.25, "has cancer, missed"),
    ("false_alarms", style.BENIGN, 1.0, "no cancer, flagged (false alarm)"),
    ("reassured", style.BENIGN, 0.15, "no cancer, not flagged"),
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
        ncols=2,
        frameon=False,
    )
    ax.set_xlim(-1, columns)
    ax.set_ylim(-1, rows)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(f"{women:,} women")
    return icons, legend.get_texts()


def icon_array(frequencies, *, ax: Axes | None = None, columns: int = 50) -> Axes:
    """One square per woman: vermillion has cancer, blue does not; solid = flagged by the test.

    ``frequencies`` is a ``metrics.NaturalFrequencies`` (from ``metrics.natural_frequencies``).

    >>> from bcc_teach import metrics
    >>> ax = icon_array(metrics.natural_frequencies(0.9, 0.9, 0.05))
    """
    rows = -(-frequencies.women // columns)
    ax = _axes(ax, (7.0, 1.0 + 0.14 * rows))
    _draw_icons(ax, frequencies, columns)
    f = frequencies
    _describe(ax, f"An icon array, one square per woman, {f.women:,} in all: {f.with_cancer:,} "
                  f"have cancer (vermillion; {f.found:,} flagged, solid, and {f.missed:,} missed, "
                  f"pale) and {f.without_cancer:,} do not (blue; {f.false_alarms:,} flagged as "
                  f"false alarms, solid, and {f.reassured:,} not flagged, pale).")  # fmt: skip
    return ax
