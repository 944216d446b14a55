"""Drawing honest validation: the spread of a figure over random splits, a reliability diagram
with the Wilson interval of each group, and a decision curve against biopsying all or none.

Each takes a result of ``bcc_teach.validation`` (which does all the computing) and draws it:
``estimates`` any figures with their intervals (the ``intervals`` of a repeated CV, the
``estimates`` of bootstrap scores, a nested CV's ``rate(...)``, the accuracies of the 1993
redo), ``split_spread``, ``optimism``, ``reliability_diagram`` and ``decision_curve``; lesson
06's comparisons are in ``plots.comparison``.

    >>> from bcc_teach import validation
    >>> curve = validation.decision_curve([1, 0, 1, 0], [0.9, 0.2, 0.6, 0.4], [0.1, 0.5])
    >>> ax = decision_curve(curve)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bcc_teach import style
from bcc_teach.plots._common import _axes, _legend_beside
from bcc_teach.plots.described import _describe, _joined_words, _number

if TYPE_CHECKING:
    from matplotlib.axes import Axes

_WORDS = {
    "sensitivity": "test sensitivity (share of test cancers found)",
    "specificity": "test specificity (share of benign lumps called benign)",
    "accuracy": "test accuracy (share of calls right)",
    "auc": "test AUC",
}


def split_spread(spread, score: str = "sensitivity", *, ax: Axes | None = None) -> Axes:
    """Histogram of one score over the random train/test splits of ``spread`` (a
    ``validation.SplitSpread``), with the middle 90% of the splits marked: the figure one split
    would have reported, depending on which women it happened to draw. Malignant = positive.

    >>> from bcc_teach import data, models, validation
    >>> X, y = data.load_wdbc_xy()
    >>> spread = validation.split_spread(models.reference_model(), X, y, splits=5,
    ...                                  show_progress=False)
    >>> ax = split_spread(spread)
    """
    import numpy as np

    if score not in spread.scores:
        raise ValueError(f"score must be one of {', '.join(spread.scores)}; got {score!r}.")
    values = spread.scores[score].to_numpy()
    summary = spread.table().loc[score]
    ax = _axes(ax, (6.4, 3.4))
    distinct = np.unique(values)
    step = np.min(np.diff(distinct)) if len(distinct) > 1 else 0.01
    edges = np.arange(distinct[0] - step / 2, distinct[-1] + step, step)
    colour = style.MALIGNANT if score == "sensitivity" else style.BENIGN
    ax.hist(values, bins=edges, color=colour, alpha=0.6, label=f"{len(values)} random splits")
    ax.axvspan(summary["5th percentile"], summary["95th percentile"], color=style.NEUTRAL,
               alpha=0.15, label="middle 90% of the splits")  # fmt: skip
    ax.axvline(summary["median"], color="black", linestyle="--", linewidth=1.5, label="median")
    ax.set_xlabel(_WORDS.get(score, score) + "; malignant = positive")
    ax.set_ylabel("number of splits")
    _legend_beside(ax)
    s = {name: f"{value:.3f}" for name, value in summary.items()}
    _describe(ax, f"Histogram of the {_WORDS.get(score, score)} over {len(values)} random "
                  f"splits, malignant = positive: from {s['lowest']} to {s['highest']}, median "
                  f"{s['median']} (dashed line); the middle 90% of the splits (shaded) from "
                  f"{s['5th percentile']} to {s['95th percentile']}.")  # fmt: skip
    return ax


def reliability_diagram(check, *, ax: Axes | None = None) -> Axes:
    """The reliability curve of ``check`` (a ``validation.Calibration``): in each group of women
    with similar probabilities, the share who had cancer against the mean probability they were
    given, with its 95% Wilson interval; the diagonal is perfect calibration. The number of women
    is written beside each point: a group of few women says little.

    >>> from bcc_teach import validation
    >>> check = validation.calibration([1, 0, 1, 0, 1, 0], [0.8, 0.3, 0.6, 0.1, 0.4, 0.7], bins=2)
    >>> ax = reliability_diagram(check)
    """
    curve = check.curve
    ax = _axes(ax, (4.8, 4.6))
    ax.plot([0, 1], [0, 1], color=style.NEUTRAL, linestyle=":", label="perfect calibration")
    x, share = curve["mean probability"], curve["share with cancer"]
    ax.errorbar(x, share, yerr=[share - curve["low"], curve["high"] - share], fmt="o",
                color=style.MALIGNANT, ecolor=style.MALIGNANT, elinewidth=1, capsize=3,
                label="share with cancer (95% CI)")  # fmt: skip
    for xi, yi, women in zip(x, share, curve["women"], strict=True):
        ax.annotate(f"{women}", (xi, yi), textcoords="offset points", xytext=(5, -11), fontsize=9)
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("probability of malignancy the model gave")
    ax.set_ylabel("share who had cancer")
    ax.set_title(f"calibration slope {check.slope.words(2)}", fontsize=10)
    ax.legend(loc="upper left", fontsize=9)
    groups = [f"given {row['mean probability']:.2f}, {row['share with cancer']:.0%} of "
              f"{row['women']} wom{'a' if row['women'] == 1 else 'e'}n "
              f"({row['low']:.0%} to {row['high']:.0%})"
              for _, row in curve.iterrows()]  # fmt: skip
    _describe(ax, f"Reliability diagram: {len(groups)} groups of women, each a dot at the mean "
                  "probability of malignancy the model gave them (across) and the share who had "
                  "cancer (up), with its 95% interval; on the dotted diagonal the two agree. "
                  f"The groups: {'; '.join(groups)}.")  # fmt: skip
    return ax


def _above_both(curve, net_benefit) -> str:
    """Where a net benefit is above both biopsying all and biopsying none, in words."""
    import numpy as np

    t = curve.thresholds
    better = np.asarray(net_benefit) > np.maximum(curve.treat_all, curve.treat_none)
    if better.all():
        return "above both at every threshold"
    if not better.any():
        return "above both at no threshold"
    return (f"above both at {int(better.sum())} of {len(t)} thresholds, from "
            f"{t[better].min():.2f} to {t[better].max():.2f}")  # fmt: skip


def _biopsy_all_or_none(curve, ax: Axes, per: int) -> None:
    """The two policies every decision curve is read against: biopsy every woman, or none."""
    t = curve.thresholds
    ax.plot(t, per * curve.treat_all, color=style.NEUTRAL, linestyle="--", label="biopsy all")
    ax.plot(t, per * curve.treat_none, color="black", linestyle=":", label="biopsy none")


def decision_curve(curve, *, ax: Axes | None = None, per: int = 100) -> Axes:
    """Net benefit against the threshold probability, for the model of ``curve`` (a
    ``validation.DecisionCurve``), for biopsying every woman and for biopsying none, as
    cancers found per ``per`` women net of the unnecessary biopsies the threshold accepts.

    >>> from bcc_teach import validation
    >>> ax = decision_curve(validation.decision_curve([1, 1, 0, 0], [0.8, 0.6, 0.3, 0.7]))
    """
    t = curve.thresholds
    ax = _axes(ax, (6.4, 3.8))
    ax.plot(t, per * curve.net_benefit, color=style.MALIGNANT, linewidth=2, label="the model")
    _biopsy_all_or_none(curve, ax, per)
    ax.set_ylim(-0.1 * per * curve.prevalence, 1.1 * per * curve.prevalence)
    ax.set_xlim(t.min(), t.max())
    ax.set_xlabel("threshold probability (malignant = positive)")
    ax.set_ylabel(f"net benefit: cancers per {per} women")
    _legend_beside(ax)
    _describe(ax, f"Decision curve over threshold probabilities {t.min():.2f} to "
                  f"{t.max():.2f} (across): the net benefit, in cancers found per {per} "
                  "women net of the unnecessary biopsies, of the model (vermillion), of "
                  "biopsying every woman (dashed) and of biopsying none (dotted, 0). The model "
                  f"is {_above_both(curve, curve.net_benefit)}.")  # fmt: skip
    return ax


def estimates(
    figures: dict, *, ax: Axes | None = None, marks: dict | None = None, title: str | None = None
) -> Axes:
    """One row per figure: its value (a dot) and its 95% interval (a bar). ``figures``: name →
    anything with ``.value``, ``.low`` and ``.high`` (a ``validation.Estimate``, such as the
    ``intervals`` of ``validation.repeated_cv`` or the ``estimates`` of
    ``validation.bootstrap_scores``, or a ``metrics.Rate``, such as ``nested_cv(...).rate(...)``).
    ``marks``: label → a value drawn as a dashed line (a benchmark, a reported figure).

    >>> from bcc_teach import metrics
    >>> ax = estimates({"sensitivity": metrics.rate(51, 53)}, marks={"aim": 0.98})
    """  # fmt: skip
    names = list(figures)
    ax = _axes(ax, (6.4, 0.55 * len(names) + 1.3))
    for row, name in enumerate(names):
        figure = figures[name]
        ax.plot([figure.low, figure.high], [row, row], color=style.MALIGNANT, linewidth=3,
                solid_capstyle="butt")  # fmt: skip
        ax.plot(figure.value, row, "o", color="black", markersize=7)
    for label, value in (marks or {}).items():
        ax.axvline(value, color=style.HIGHLIGHT, linestyle="--", linewidth=1.5, label=label)
    ax.set_yticks(range(len(names)), names)
    ax.set_ylim(len(names) - 0.5, -0.5)
    ax.set_xlabel("value, with its 95% interval (malignant = positive)")
    if title:
        ax.set_title(title)
    if marks:
        _legend_beside(ax)
    rows = [f"{name} {_number(f.value)} ({_number(f.low)} to {_number(f.high)})"
            for name, f in figures.items()]  # fmt: skip
    words = (f"One row per figure, a dot at its value and a bar over its 95% interval "
             f"(malignant = positive): {'; '.join(rows)}.")  # fmt: skip
    if marks:
        lines = [f"{label} at {_number(value)}" for label, value in marks.items()]
        words += f" Dashed lines: {_joined_words(lines)}."
    _describe(ax, words)
    return ax


def optimism(result, *, ax: Axes | None = None) -> Axes:
    """Each score of ``result`` (a ``validation.Optimism``) as the model scored on its own
    training women (apparent) beside the score left after the optimism is taken off.

    >>> from bcc_teach import validation
    >>> result = validation.Optimism({"auc": 0.99}, {"auc": 0.004}, {"auc": 0.986}, 10, 0.5)
    >>> ax = optimism(result)
    """
    import numpy as np

    names = list(result.apparent)
    ax = _axes(ax, (6.4, 0.7 * len(names) + 1.3))
    rows = np.arange(len(names))
    ax.barh(rows - 0.18, [result.apparent[n] for n in names], height=0.34, color=style.NEUTRAL,
            label="apparent (scored on its own training women)")  # fmt: skip
    ax.barh(rows + 0.18, [result.corrected[n] for n in names], height=0.34, color=style.BENIGN,
            label="optimism-corrected")  # fmt: skip
    ax.set_yticks(rows, names)
    ax.invert_yaxis()
    ax.set_xlabel(f"score ({result.n_bootstrap} bootstrap refits; malignant = positive)")
    _legend_beside(ax)
    scores = [f"{n} {_number(result.apparent[n])} apparent, {_number(result.corrected[n])} "
              "corrected" for n in names]  # fmt: skip
    _describe(ax, "Two bars per score: as the model scored on its own training women "
                  f"(apparent, grey) and with the optimism of {result.n_bootstrap} bootstrap "
                  f"refits taken off (blue): {'; '.join(scores)}.")  # fmt: skip
    return ax
