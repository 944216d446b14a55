"""The threshold and prevalence explorers (lessons 03–04): what a threshold does to the 2×2
table and the metrics, and what the same test does where cancer is more or less common.

    >>> threshold_explorer([1, 0, 1, 0], [0.9, 0.2, 0.7, 0.4])
    ThresholdExplorer(threshold=0.50)
"""

from __future__ import annotations

import html

import ipywidgets as ipw

from bcc_teach import metrics, plots


def _percent(value: float) -> str:
    return "undefined" if metrics.is_nan(value) else f"{value:.1%}"


def threshold_summary(m, per_thousand) -> str:
    """The threshold explorer's text: every metric, and what it means per 1,000 women (HTML).

    ``per_thousand`` is a ``metrics.PerThousand`` (from ``metrics.per_thousand_women``).

    >>> from bcc_teach import metrics
    >>> m = metrics.clinical_metrics([1, 1, 0, 0], [0.9, 0.4, 0.6, 0.1], 0.5)
    >>> per = metrics.per_thousand_women(m.sensitivity, m.specificity, m.prevalence)
    >>> "sensitivity</td><td>50.0%" in threshold_summary(m, per)
    True
    """
    rows = [
        ("sensitivity", _percent(m.sensitivity), "of the cancers are found"),
        ("specificity", _percent(m.specificity), "of the benign lumps are cleared"),
        ("PPV", _percent(m.ppv), "of the flagged women have cancer"),
        ("NPV", _percent(m.npv), "of the women told 'benign' are free of cancer"),
        (
            "LR+",
            "undefined" if metrics.is_nan(m.lr_positive) else f"{m.lr_positive:.1f}",
            "how much a flag raises the odds of cancer",
        ),
        (
            "LR−",
            "undefined" if metrics.is_nan(m.lr_negative) else f"{m.lr_negative:.2f}",
            "how much a 'benign' lowers them",
        ),
    ]
    table = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows)
    missed, biopsies = per_thousand.missed_cancers, per_thousand.unnecessary_biopsies
    return (
        f"<table>{table}</table><p>Per 1,000 women like these: <b>{missed:.0f} cancers missed"
        f"</b> and <b>{biopsies:.0f} unnecessary biopsies</b> (threshold {m.threshold:.2f}).</p>"
    )


class ThresholdExplorer(ipw.VBox):
    """A slider moves the threshold; the 2×2 table, the metrics and the per-1,000 counts follow."""

    def __init__(self, y_true, p_malignant, threshold: float = 0.5):
        self.y, self.p = metrics.check_inputs(y_true, p_malignant, threshold)
        self.slider = ipw.FloatSlider(
            value=threshold,
            min=0.0,
            max=1.0,
            step=0.01,
            description="threshold",
            readout_format=".2f",
            continuous_update=True,
        )
        counts = metrics.confusion(self.y, self.p, threshold)
        self.figure = plots.ThresholdFigure(self.y, self.p, threshold, counts)
        self.image = ipw.Image(format="png", width="720")
        self.summary = ipw.HTML()
        self.slider.observe(lambda change: self.show(change["new"]), names="value")
        super().__init__([self.slider, self.image, self.summary])
        self.show(threshold)

    def show(self, threshold: float) -> None:
        """Recompute everything for ``threshold`` and redraw."""
        m = metrics.clinical_metrics(self.y, self.p, threshold)
        counts = metrics.confusion(self.y, self.p, threshold)
        per = metrics.per_thousand_women(m.sensitivity, m.specificity, m.prevalence)
        self.image.value = self.figure.update(threshold, counts)
        self.summary.value = threshold_summary(m, per)

    def __repr__(self) -> str:
        return f"ThresholdExplorer(threshold={self.slider.value:.2f})"


def threshold_explorer(y_true, p_malignant, threshold: float = 0.5) -> ThresholdExplorer:
    """A threshold explorer over test cases' true labels and predicted probabilities.

    >>> threshold_explorer([1, 0, 1, 0], [0.9, 0.2, 0.7, 0.4], threshold=0.3)
    ThresholdExplorer(threshold=0.30)
    """
    return ThresholdExplorer(y_true, p_malignant, threshold)


def _setting_html(result: metrics.InSetting) -> str:
    return (
        f"<p><b>{html.escape(result.setting)}</b>: {result.prevalence:.1%} have cancer "
        f"({html.escape(result.source)}).</p><p>With sensitivity {result.sensitivity:.1%} and "
        f"specificity {result.specificity:.1%}: <b>PPV {result.ppv:.1%}</b>, NPV "
        f"{result.npv:.2%}.</p><p>{html.escape(result.frequencies.sentence())}</p>"
    )


def prevalence_summary(sensitivity: float, specificity: float, setting: str) -> str:
    """The prevalence explorer's text: PPV, NPV and the natural frequencies, with the source (HTML).

    The numbers are ``metrics.in_setting(sensitivity, specificity, setting)``.

    >>> "PPV" in prevalence_summary(0.95, 0.9, "screening population")
    True
    """
    return _setting_html(metrics.in_setting(sensitivity, specificity, setting))


class PrevalenceExplorer(ipw.VBox):
    """The same test in three places: pick one, and PPV and the icon array follow."""

    def __init__(self, sensitivity: float, specificity: float, setting: str = "diagnostic clinic"):
        if not isinstance(setting, str) or setting not in metrics.PREVALENCE_SETTINGS:
            raise ValueError(f"setting must be one of {', '.join(metrics.PREVALENCE_SETTINGS)}.")
        first = metrics.in_setting(sensitivity, specificity, setting)  # checks both rates
        self.sensitivity, self.specificity = sensitivity, specificity
        self.buttons = ipw.ToggleButtons(options=list(metrics.PREVALENCE_SETTINGS), value=setting)
        self.figure = plots.IconFigure(first.frequencies)
        self.image = ipw.Image(format="png", width="560")
        self.summary = ipw.HTML()
        self.buttons.observe(lambda change: self.show(change["new"]), names="value")
        super().__init__([self.buttons, self.image, self.summary])
        self.show(setting)

    def show(self, setting: str) -> None:
        """Redraw for one setting."""
        result = metrics.in_setting(self.sensitivity, self.specificity, setting)
        self.image.value = self.figure.update(result.frequencies)
        self.summary.value = _setting_html(result)

    def __repr__(self) -> str:
        return f"PrevalenceExplorer(setting={self.buttons.value!r})"


def prevalence_explorer(
    sensitivity: float, specificity: float, setting: str = "diagnostic clinic"
) -> PrevalenceExplorer:
    """A prevalence explorer for a test with this sensitivity and specificity.

    >>> prevalence_explorer(0.95, 0.9, "screening population")
    PrevalenceExplorer(setting='screening population')
    """
    return PrevalenceExplorer(sensitivity, specificity, setting)
