"""Comparing models on the same women (lesson 06): paired differences with their intervals,
calibration curves and decision curves side by side. Each model keeps its colour
(``style.MODEL_COLOURS``); the records drawn come from ``bcc_teach.validation``.

    >>> import numpy as np
    >>> from bcc_teach import validation
    >>> y = np.array([1, 0] * 30)
    >>> ax = decision_curves({"knn": validation.decision_curve(y, np.where(y, 0.7, 0.2))})
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bcc_teach import style
from bcc_teach.plots._common import _axes, _legend_beside
from bcc_teach.plots.described import _describe
from bcc_teach.plots.validation import _above_both, _biopsy_all_or_none

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def _colour(name: str, index: int) -> str:
    extra = ["#0072B2", "#D55E00", "#F0E442", "#999999"]
    return style.MODEL_COLOURS.get(name, extra[index % len(extra)])


def paired_differences(comparisons: dict, *, ax: Axes | None = None, what: str = "AUC") -> Axes:
    """One row per comparison: the difference between two models on the same women (a dot)
    and its 95% interval (a bar), with a line at 0, where an interval that crosses it cannot
    tell the two models apart.

    ``comparisons``: label → a record with ``.difference`` (an ``Estimate``), such as
    ``validation.compare_models(...)``.

    >>> import numpy as np
    >>> from bcc_teach import validation
    >>> y = np.array([1, 0] * 30)
    >>> pair = validation.compare_models(y, np.where(y, 0.8, 0.3), np.full(60, 0.5))
    >>> ax = paired_differences({"first − second": pair})
    """
    labels = list(comparisons)
    ax = _axes(ax, (7.0, 0.6 * len(labels) + 1.4))
    for row, label in enumerate(labels):
        d = comparisons[label].difference
        crosses = d.contains(0.0)
        colour = style.NEUTRAL if crosses else "#000000"
        ax.plot([d.low, d.high], [row, row], color=colour, linewidth=3, solid_capstyle="butt")
        ax.plot(d.value, row, "o", color=colour, markersize=8)
    ax.axvline(0, color=style.HIGHLIGHT, linewidth=1.5, linestyle="--")
    ax.set_yticks(range(len(labels)), labels)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.set_xlabel(f"difference in {what}, with its 95% interval (above 0: the first is better)")
    ax.set_title(f"Paired differences in {what} on the same women (grey: interval crosses 0)")
    rows = []
    for label in labels:
        d = comparisons[label].difference
        verdict = "crosses 0 (grey)" if d.contains(0.0) else "clear of 0 (black)"
        rows.append(f"{label} {d.value:.3f} ({d.low:.3f} to {d.high:.3f}), {verdict}")
    _describe(ax, f"One row per pair of models: the difference in {what} on the same women (a "
                  "dot) and its 95% interval (a bar), with a dashed line at 0: "
                  f"{'; '.join(rows)}.")  # fmt: skip
    return ax


def calibration_curves(calibrations: dict, *, ax: Axes | None = None) -> Axes:
    """Each model's reliability curve (mean probability against the share with cancer, per
    group of women) on one plot, with the diagonal where a calibrated model lies.

    ``calibrations``: model name → ``validation.calibration(...)``.

    >>> import numpy as np
    >>> from bcc_teach import validation
    >>> y = np.array([1, 0] * 30)
    >>> p = np.where(y, 0.7, 0.2)[::-1].copy()
    >>> p[:40] = np.where(y[:40], 0.7, 0.2)  # some women on the wrong side: no perfect split
    >>> ax = calibration_curves({"svm": validation.calibration(y, p)})
    """
    ax = _axes(ax, (5.5, 5.0))
    ax.plot([0, 1], [0, 1], color=style.NEUTRAL, linestyle=":", label="calibrated")
    for index, (name, check) in enumerate(calibrations.items()):
        curve = check.curve
        label = f"{name} (slope {check.slope.value:.2f})"
        ax.plot(curve["mean probability"], curve["share with cancer"], "o-",
                color=_colour(name, index), label=label)  # fmt: skip
    ax.set(xlim=(0, 1), ylim=(0, 1), aspect="equal")
    ax.set_xlabel("probability of malignancy given (mean in the group)")
    ax.set_ylabel("share of the group with cancer")
    ax.set_title("Calibration: do the probabilities mean what they say?")
    _legend_beside(ax)
    slopes = [f"{name} {check.slope.words(2)}" for name, check in calibrations.items()]
    _describe(ax, "Reliability curves, one per model: the share of each group of women with "
                  "cancer (up) against the mean probability the group was given (across); a "
                  "calibrated model lies on the dotted diagonal. Calibration slopes: "
                  f"{'; '.join(slopes)}.")  # fmt: skip
    return ax


def decision_curves(curves: dict, *, ax: Axes | None = None, per: int = 100) -> Axes:
    """Each model's net benefit over the threshold probabilities, with biopsying every woman
    and biopsying none, as cancers found per ``per`` women with no unnecessary biopsy.

    ``curves``: model name → ``validation.decision_curve(...)`` (the same thresholds).

    >>> import numpy as np
    >>> from bcc_teach import validation
    >>> y = np.array([1, 0] * 30)
    >>> ax = decision_curves({"svm": validation.decision_curve(y, np.where(y, 0.7, 0.2))})
    """
    import numpy as np

    ax = _axes(ax, (7.0, 4.5))
    _biopsy_all_or_none(next(iter(curves.values())), ax, per)
    for index, (name, curve) in enumerate(curves.items()):
        ax.plot(curve.thresholds, per * curve.net_benefit, color=_colour(name, index), label=name)
    best = max(per * float(np.max(curve.net_benefit)) for curve in curves.values())
    ax.set_ylim(-0.05 * best, 1.1 * best)
    ax.set_xlabel("threshold probability (the exchange rate a clinic accepts)")
    ax.set_ylabel(f"net benefit: cancers found per {per} women\nwith no unnecessary biopsy")
    ax.set_title("Decision curves: is acting on the model worth it?")
    _legend_beside(ax)
    t = next(iter(curves.values())).thresholds
    each = [f"{name} is {_above_both(curve, curve.net_benefit)}" for name, curve in curves.items()]
    _describe(ax, f"Decision curves over threshold probabilities {t.min():.2f} to "
                  f"{t.max():.2f} (across): net benefit in cancers found per {per} women "
                  "net of the unnecessary biopsies (up), one line per model, with biopsying "
                  "every woman (dashed) and none (dotted). Against biopsying all or none: "
                  f"{'; '.join(each)}.")  # fmt: skip
    return ax
