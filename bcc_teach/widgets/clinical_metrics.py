"""The threshold and prevalence explorers (lessons 03–04): what a threshold does to the 2×2
table and the metrics, and what the same test does where cancer is more or less common.
Malignant is the positive class throughout, and every rate counted on cases is shown with its
95% interval.

    >>> threshold_explorer([1, 0, 1, 0], [0.9, 0.2, 0.7, 0.4])
    ThresholdExplorer(threshold=0.50)
"""

from __future__ import annotations

import html

import ipywidgets as ipw

from bcc_teach import metrics, plots

#: The shares the threshold explorer shows, each with the women it is counted on.
_SHARES = (
    ("sensitivity", "sensitivity", "of the cancers are found", "women with cancer"),
    ("specificity", "specificity", "of the benign lumps are not flagged", "women without cancer"),
    ("ppv", "PPV", "of the flagged women have cancer", "women flagged"),
    ("npv", "NPV", "of the women not flagged are free of cancer", "women not flagged"),
)


def _ratio(value: float, digits: int) -> str:
    return "undefined" if metrics.is_nan(value) else f"{value:.{digits}f}"


def _whole(value: float) -> str:
    return f"{metrics.whole_women(value):,}"


def _per_thousand(m) -> str:
    """Missed cancers and unnecessary biopsies per 1,000 women like these, with the range the
    95% intervals of sensitivity and specificity allow."""
    sensitivity, specificity = m.interval("sensitivity"), m.interval("specificity")
    per = metrics.per_thousand_women(m.sensitivity, m.specificity, m.prevalence)
    text = (
        f"<b>{per.missed_cancers:.0f} cancers missed</b> and <b>{per.unnecessary_biopsies:.0f} "
        f"unnecessary biopsies</b> (threshold {m.threshold:.2f})"
    )
    if sensitivity.total and specificity.total:
        best = metrics.per_thousand_women(sensitivity.high, specificity.high, m.prevalence)
        worst = metrics.per_thousand_women(sensitivity.low, specificity.low, m.prevalence)
        text += (
            f". Within the 95% intervals of sensitivity and specificity: "
            f"{_whole(best.missed_cancers)} to {_whole(worst.missed_cancers)} cancers missed, "
            f"{_whole(best.unnecessary_biopsies)} to {_whole(worst.unnecessary_biopsies)} "
            "unnecessary biopsies"
        )
    return f"<p>Per 1,000 women like these ({m.prevalence:.1%} with cancer): {text}.</p>"


def threshold_summary(m) -> str:
    """The threshold explorer's text (HTML): sensitivity, specificity, PPV and NPV, each with
    its 95% interval and the cases it was counted on; LR+ and LR−; the risk of cancer among the
    women not flagged; and what the threshold means per 1,000 women like these.

    ``m`` is a ``metrics.ClinicalMetrics`` (from ``metrics.clinical_metrics``). Malignant is the
    positive class.

    >>> from bcc_teach import metrics
    >>> m = metrics.clinical_metrics([1, 1, 0, 0], [0.9, 0.4, 0.6, 0.1], 0.5)
    >>> "50.0% (95% CI 9.5% to 90.5%)</td><td>of the cancers are found" in threshold_summary(m)
    True
    """
    rows = []
    for name, label, meaning, counted_on in _SHARES:
        share = m.interval(name)
        counted = f"{share.counted()} {counted_on}" if share.total else f"no {counted_on}"
        rows.append((label, share.words(percent=True), f"{meaning} ({counted})"))
    rows += [
        ("LR+", _ratio(m.lr_positive, 1), "how much a flag raises the odds of cancer"),
        ("LR−", _ratio(m.lr_negative, 2), "how much not being flagged lowers them"),
    ]
    table = "".join(
        f'<tr><td>{a}</td><td style="white-space: nowrap">{b}</td><td>{c}</td></tr>'
        for a, b, c in rows
    )
    header = (
        "<tr><th>malignant = positive</th><th>at this threshold</th>"
        "<th>meaning (counted on)</th></tr>"
    )
    risk = m.risk_if_benign()
    below = ""
    if risk.total:
        below = (
            f"<p>Among the women not flagged (below the threshold), <b>{risk.words(percent=True)}"
            f"</b> have cancer ({risk.counted()}). A lump is watched rather than biopsied when "
            f'the risk is at most {metrics.PROBABLY_BENIGN_RISK:.0%} ("probably benign", '
            "BI-RADS 3; ACR BI-RADS Atlas, 2013), and in triple assessment the other tests "
            "still decide.</p>"
        )
    return f"<table>{header}{table}</table>{below}{_per_thousand(m)}"


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
        self.image = ipw.Image(format="png", width=str(self.figure.width))  # at its own size
        self.summary = ipw.HTML()
        self._shown: dict[float, tuple[bytes, str]] = {}  # each threshold is worked out once
        self.slider.observe(lambda change: self.show(change["new"]), names="value")
        super().__init__([self.slider, self.image, self.summary])
        self.show(threshold)

    def show(self, threshold: float) -> None:
        """Recompute everything for ``threshold`` and redraw."""
        key = round(float(threshold), 9)
        if key not in self._shown:
            m = metrics.clinical_metrics(self.y, self.p, threshold)
            self._shown[key] = (self.figure.update(threshold, m.counts), threshold_summary(m))
        self.image.value, self.summary.value = self._shown[key]

    def __repr__(self) -> str:
        return f"ThresholdExplorer(threshold={self.slider.value:.2f})"


def threshold_explorer(y_true, p_malignant, threshold: float = 0.5) -> ThresholdExplorer:
    """A threshold explorer over test cases' true labels and predicted probabilities.

    >>> threshold_explorer([1, 0, 1, 0], [0.9, 0.2, 0.7, 0.4], threshold=0.3)
    ThresholdExplorer(threshold=0.30)
    """
    return ThresholdExplorer(y_true, p_malignant, threshold)


def _rate_words(rate, counted_on: str) -> str:
    """``'96.2% (95% CI 87.2% to 99.0%; 51 of 53 women with cancer)'``."""
    if not rate.total:
        return f"undefined (no {counted_on})"
    return f"{rate.value:.1%} (95% CI {rate.interval(percent=True)}; {rate.counted()} {counted_on})"


def _setting_html(result: metrics.InSetting) -> str:
    parts = [
        f"<p><b>{html.escape(result.setting)}</b>: {result.prevalence:.1%} have cancer "
        f"({html.escape(result.source)}).</p>"
    ]
    if result.measured is None:
        parts.append(
            f"<p>Malignant is the positive class. With sensitivity {result.sensitivity:.1%} and "
            f"specificity {result.specificity:.1%} (given as plain numbers, so without an "
            f"interval): <b>PPV {result.ppv:.1%}</b>, NPV {result.npv:.2%}.</p>"
        )
    else:
        sensitivity, specificity = result.measured
        (ppv_low, ppv_high), (npv_low, npv_high) = result.ppv_range, result.npv_range
        parts.append(
            "<p>Malignant is the positive class. With sensitivity "
            f"{_rate_words(sensitivity, 'women with cancer')} and specificity "
            f"{_rate_words(specificity, 'women without cancer')}: <b>PPV {result.ppv:.1%}</b> "
            f"({ppv_low:.1%} to {ppv_high:.1%} at the two ends of those intervals), NPV "
            f"{result.npv:.2%} ({npv_low:.2%} to {npv_high:.2%}).</p>"
        )
    parts.append(f"<p>{html.escape(result.frequencies.sentence())}</p>")
    if result.measured is not None:
        parts.append(f"<p>{html.escape(result.uncertainty())}</p>")
    return "".join(parts)


def prevalence_summary(sensitivity, specificity, setting: str) -> str:
    """The prevalence explorer's text: PPV, NPV and the natural frequencies, with the source (HTML).

    The numbers are ``metrics.in_setting(sensitivity, specificity, setting)``: give the two
    rates as the ``metrics.Rate``s counted on cases (``m.interval("sensitivity")``) and their
    intervals are shown and carried over to PPV and NPV; plain numbers are shown as they are.

    >>> "PPV" in prevalence_summary(0.95, 0.9, "screening population")
    True
    >>> from bcc_teach import metrics
    >>> text = prevalence_summary(metrics.rate(51, 53), metrics.rate(88, 90), "diagnostic clinic")
    >>> "(95% CI 87.2% to 99.0%; 51 of 53 women with cancer)" in text
    True
    """
    return _setting_html(metrics.in_setting(sensitivity, specificity, setting))


class PrevalenceExplorer(ipw.VBox):
    """The same test in three places: pick one, and PPV and the icon array follow."""

    def __init__(self, sensitivity, specificity, setting: str = "diagnostic clinic"):
        if not isinstance(setting, str) or setting not in metrics.PREVALENCE_SETTINGS:
            raise ValueError(f"setting must be one of {', '.join(metrics.PREVALENCE_SETTINGS)}.")
        first = metrics.in_setting(sensitivity, specificity, setting)  # checks both rates
        self.sensitivity, self.specificity = sensitivity, specificity
        # Each button as wide as its own label, so no label is cut short.
        self.buttons = ipw.ToggleButtons(
            options=list(metrics.PREVALENCE_SETTINGS),
            value=setting,
            style={"button_width": "auto"},
            layout=ipw.Layout(width="auto", flex_flow="row wrap"),
        )
        self.figure = plots.IconFigure(first.frequencies)
        self.image = ipw.Image(format="png", width=str(self.figure.width))  # at its own size
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
    sensitivity, specificity, setting: str = "diagnostic clinic"
) -> PrevalenceExplorer:
    """A prevalence explorer for a test with this sensitivity and specificity: proportions, or
    the ``metrics.Rate``s counted on cases (``m.interval("sensitivity")``), whose 95% intervals
    are then shown and carried over to PPV and NPV.

    >>> prevalence_explorer(0.95, 0.9, "screening population")
    PrevalenceExplorer(setting='screening population')
    >>> from bcc_teach import metrics
    >>> prevalence_explorer(metrics.rate(51, 53), metrics.rate(88, 90))
    PrevalenceExplorer(setting='diagnostic clinic')
    """
    return PrevalenceExplorer(sensitivity, specificity, setting)
