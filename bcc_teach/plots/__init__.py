"""Figures for the lessons, all in one visual language.

Every drawing function takes the data first and a keyword-only ``ax=`` (a Matplotlib Axes to
draw on; a new figure when left out), draws, and returns the Axes, so a figure can be adjusted
or combined with others (as in seaborn). Malignant is always vermillion and benign always blue
(``bcc_teach.style``). Plots draw; they do not compute clinical metrics or geometry (those
live in the modules below them).

    >>> from bcc_teach import data, plots
    >>> ax = plots.feature_distribution(data.load_wdbc(), "radius_mean")

``plots.show()`` shows a figure with a caption under it that says in words what each panel
shows, from what the drawing functions recorded (``plots.described``): the figure's text
alternative for a screen reader. It also warns when the figure would be hard to read at 100%
zoom.

The modules, by subject (every name is also here, as ``plots.<name>``): ``dataset`` (the data:
distributions, diagnoses, scatter, correlations), ``performance`` (a model's probabilities,
the 2×2 table, ROC and precision–recall curves, icon arrays), ``validation`` (lesson 05: the
spread over random splits, figures with their intervals, optimism, reliability diagrams,
decision curves), ``nuclei`` (lesson 02: an FNA
image, one nucleus and its measurements), ``explanations`` (lesson 07: LIME weights, one
patient among the cases), ``comparison`` (lesson 06: models side by side), ``drift``
(lesson 08: the women before and after a change of scanner, ``drift_scatter`` and its live
``DriftFigure``) and ``live``
(the figures the explorers update: ``ThresholdFigure``,
``IconFigure``, ``NucleusFigure``, ``CaseFigure``, ``AxesFigure``, and ``figure_png``; they are
drawn at ``LIVE_DPI`` pixels per inch with the fonts of ``readable``).
"""

from __future__ import annotations

from bcc_teach.plots.comparison import (
    calibration_curves,
    decision_curves,
    paired_differences,
)
from bcc_teach.plots.dataset import (
    class_balance,
    correlation_heatmap,
    feature_distribution,
    feature_label,
    feature_scatter,
)
from bcc_teach.plots.described import (
    MIN_FONT_POINTS,
    NOTEBOOK_WIDTH_INCHES,
    description,
    readability_problems,
    show,
)
from bcc_teach.plots.drift import DriftFigure, drift_scatter
from bcc_teach.plots.explanations import case_in_distribution, explanation
from bcc_teach.plots.live import (
    LIVE_DPI,
    AxesFigure,
    CaseFigure,
    IconFigure,
    NucleusFigure,
    ThresholdFigure,
    figure_png,
    readable,
)
from bcc_teach.plots.nuclei import fna_image, nucleus_feature, nucleus_outline
from bcc_teach.plots.performance import (
    confusion_matrix,
    icon_array,
    precision_recall_curve,
    probability_distribution,
    roc_curve,
)
from bcc_teach.plots.validation import (
    decision_curve,
    estimates,
    optimism,
    reliability_diagram,
    split_spread,
)

__all__ = [
    "AxesFigure",
    "CaseFigure",
    "DriftFigure",
    "IconFigure",
    "LIVE_DPI",
    "MIN_FONT_POINTS",
    "NOTEBOOK_WIDTH_INCHES",
    "NucleusFigure",
    "ThresholdFigure",
    "calibration_curves",
    "case_in_distribution",
    "class_balance",
    "confusion_matrix",
    "correlation_heatmap",
    "decision_curve",
    "decision_curves",
    "description",
    "drift_scatter",
    "estimates",
    "explanation",
    "feature_distribution",
    "feature_label",
    "feature_scatter",
    "figure_png",
    "fna_image",
    "icon_array",
    "nucleus_feature",
    "nucleus_outline",
    "optimism",
    "paired_differences",
    "precision_recall_curve",
    "probability_distribution",
    "readability_problems",
    "readable",
    "reliability_diagram",
    "roc_curve",
    "show",
    "split_spread",
]
