"""Interactive explorers for JupyterLab (ipywidgets).

Each explorer is a thin view: a control wired to a pure function from the modules below
(``render_feature`` here draws with ``plots`` and summarises with ``data``), so its logic is
tested without a browser and timed in ``benchmarks/``. Figures are sent to the browser as PNG
images inside the widget, so the notebook's stored outputs stay the same from run to run.

    >>> from bcc_teach import widgets
    >>> widgets.feature_explorer()          # in a notebook: pick a feature, see its distribution
    FeatureExplorer(feature='radius_mean')
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as ipw

from bcc_teach import data, metrics, plots

if TYPE_CHECKING:
    import pandas as pd


def render_feature(table: pd.DataFrame, feature: str, dpi: int = 100) -> tuple[bytes, str]:
    """Draw one feature's distribution by diagnosis and summarise it, for the feature explorer.

    Returns ``(png, summary_html)``: the figure as PNG bytes and an HTML paragraph and table
    with the feature's meaning and its median and quartiles in benign and malignant cases.

    >>> png, summary = render_feature(data.load_wdbc(), "area_worst")
    """
    from matplotlib.figure import Figure

    summary = data.feature_summary(table, feature)
    figure = Figure(figsize=(6.4, 3.4))
    figure.subplots_adjust(left=0.11, right=0.97, bottom=0.16, top=0.9)  # fixed: no layout pass
    plots.feature_distribution(table, feature, ax=figure.subplots())
    meaning = data.describe_feature(feature) if feature in data.FEATURES else feature
    rows = "".join(
        f"<tr><td>{html.escape(str(diagnosis))}</td><td>{int(r['cases'])}</td>"
        f"<td>{r['median']:.4g}</td><td>{r['q1']:.4g} – {r['q3']:.4g}</td></tr>"
        for diagnosis, r in summary.iterrows()
    )
    summary_html = (
        f"<p>{html.escape(meaning).replace(chr(10), '<br>')}</p>"
        "<table><tr><th>diagnosis</th><th>cases</th><th>median</th>"
        f"<th>middle half of cases</th></tr>{rows}</table>"
    )
    return plots.figure_png(figure, dpi), summary_html


class FeatureExplorer(ipw.VBox):
    """Pick a feature from the list; its histogram by diagnosis and its summary follow."""

    def __init__(self, table: pd.DataFrame, feature: str = "radius_mean"):
        features = [c for c in data.FEATURES if c in table.columns]
        data.check_feature(feature, tuple(features))
        self.table = table
        self.dropdown = ipw.Dropdown(options=features, value=feature, description="feature")
        # Shown at its own size (6.4 × 3.4 inches at 100 dpi), not stretched to the page width.
        self.image = ipw.Image(format="png", width="640")
        self.summary = ipw.HTML()
        self.dropdown.observe(self._on_change, names="value")
        super().__init__([self.dropdown, self.image, self.summary])
        self._show(feature)

    @property
    def feature(self) -> str:
        return self.dropdown.value

    def _on_change(self, change) -> None:
        self._show(change["new"])

    def _show(self, feature: str) -> None:
        self.image.value, self.summary.value = render_feature(self.table, feature)

    def __repr__(self) -> str:
        return f"FeatureExplorer(feature={self.feature!r})"


def feature_explorer(
    table: pd.DataFrame | None = None, feature: str = "radius_mean"
) -> FeatureExplorer:
    """A feature explorer over ``table`` (default: the WDBC data).

    >>> feature_explorer(feature="concave_points_worst")
    FeatureExplorer(feature='concave_points_worst')
    """
    return FeatureExplorer(data.load_wdbc() if table is None else table, feature)


def slider_message(value: int) -> str:
    """The sentence under the widget check's slider.

    >>> slider_message(4)
    'The slider is at 4. If this number follows the slider, widgets work.'
    """
    return f"The slider is at {value}. If this number follows the slider, widgets work."


class WidgetCheck(ipw.VBox):
    """A slider and a sentence that follows it: if they move together, widgets work."""

    def __init__(self, value: int = 3):
        self.slider = ipw.IntSlider(value=value, min=0, max=10, description="move me")
        self.label = ipw.Label(slider_message(value))
        self.slider.observe(lambda change: self._update(change["new"]), names="value")
        super().__init__([self.slider, self.label])

    def _update(self, value: int) -> None:
        self.label.value = slider_message(value)

    def __repr__(self) -> str:
        return f"WidgetCheck(value={self.slider.value})"


def widget_check() -> WidgetCheck:
    """The "if you can move this slider, widgets work" check of lesson 00.

    >>> widget_check()          # in a notebook: a slider and a sentence that follows it
    WidgetCheck(value=3)
    """
    return WidgetCheck()


# --------------------------------------------------------------------------------------------
# Threshold and prevalence explorers (lessons 03–04)
# --------------------------------------------------------------------------------------------


def _percent(value: float) -> str:
    return "undefined" if metrics.is_nan(value) else f"{value:.1%}"


def threshold_summary(m, per_thousand: dict[str, float]) -> str:
    """The threshold explorer's text: every metric, and what it means per 1,000 women (HTML).

    >>> from bcc_teach import metrics
    >>> m = metrics.clinical_metrics([1, 1, 0, 0], [0.9, 0.4, 0.6, 0.1], 0.5)
    >>> "sensitivity</td><td>50.0%" in threshold_summary(m, {"missed cancers": 250.0,
    ...     "unnecessary biopsies": 250.0})
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
    missed, biopsies = per_thousand["missed cancers"], per_thousand["unnecessary biopsies"]
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


def prevalence_summary(sensitivity: float, specificity: float, setting: str) -> str:
    """The prevalence explorer's text: PPV, NPV and the natural frequencies, with the source (HTML).

    >>> "PPV" in prevalence_summary(0.95, 0.9, "screening population")
    True
    """
    prevalence, source = metrics.PREVALENCE_SETTINGS[setting]
    ppv, npv = metrics.predictive_values(sensitivity, specificity, prevalence)
    frequencies = metrics.natural_frequencies(sensitivity, specificity, prevalence)
    return (
        f"<p><b>{html.escape(setting)}</b>: {prevalence:.1%} have cancer "
        f"({html.escape(source)}).</p><p>With sensitivity {sensitivity:.1%} and specificity "
        f"{specificity:.1%}: <b>PPV {ppv:.1%}</b>, NPV {npv:.2%}.</p>"
        f"<p>{html.escape(frequencies.sentence())}</p>"
    )


class PrevalenceExplorer(ipw.VBox):
    """The same test in three places: pick one, and PPV and the icon array follow."""

    def __init__(self, sensitivity: float, specificity: float, setting: str = "diagnostic clinic"):
        metrics.predictive_values(sensitivity, specificity, 0.5)  # validates both rates
        if setting not in metrics.PREVALENCE_SETTINGS:
            raise ValueError(f"setting must be one of {', '.join(metrics.PREVALENCE_SETTINGS)}.")
        self.sensitivity, self.specificity = sensitivity, specificity
        self.buttons = ipw.ToggleButtons(options=list(metrics.PREVALENCE_SETTINGS), value=setting)
        self.figure = plots.IconFigure(self._frequencies(setting))
        self.image = ipw.Image(format="png", width="560")
        self.summary = ipw.HTML()
        self.buttons.observe(lambda change: self.show(change["new"]), names="value")
        super().__init__([self.buttons, self.image, self.summary])
        self.show(setting)

    def _frequencies(self, setting: str):
        prevalence = metrics.PREVALENCE_SETTINGS[setting][0]
        return metrics.natural_frequencies(self.sensitivity, self.specificity, prevalence)

    def show(self, setting: str) -> None:
        """Redraw for one setting."""
        self.image.value = self.figure.update(self._frequencies(setting))
        self.summary.value = prevalence_summary(self.sensitivity, self.specificity, setting)

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
