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
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ipywidgets as ipw

from bcc_teach import data, inputs, metrics, plots

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


def prevalence_summary(sensitivity: float, specificity: float, setting: str) -> str:
    """The prevalence explorer's text: PPV, NPV and the natural frequencies, with the source (HTML).

    >>> "PPV" in prevalence_summary(0.95, 0.9, "screening population")
    True
    """
    prevalence, source = metrics.PREVALENCE_SETTINGS[setting]
    values = metrics.predictive_values(sensitivity, specificity, prevalence)
    frequencies = metrics.natural_frequencies(sensitivity, specificity, prevalence)
    return (
        f"<p><b>{html.escape(setting)}</b>: {prevalence:.1%} have cancer "
        f"({html.escape(source)}).</p><p>With sensitivity {sensitivity:.1%} and specificity "
        f"{specificity:.1%}: <b>PPV {values.ppv:.1%}</b>, NPV {values.npv:.2%}.</p>"
        f"<p>{html.escape(frequencies.sentence())}</p>"
    )


class PrevalenceExplorer(ipw.VBox):
    """The same test in three places: pick one, and PPV and the icon array follow."""

    def __init__(self, sensitivity: float, specificity: float, setting: str = "diagnostic clinic"):
        inputs.check_proportion(sensitivity, "sensitivity")
        inputs.check_proportion(specificity, "specificity")
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


# --------------------------------------------------------------------------------------------
# Nucleus explorer (lesson 02)
# --------------------------------------------------------------------------------------------

#: The nucleus explorer's sliders: setting name → (label, smallest, largest, step).
NUCLEUS_SLIDERS = {
    "radius": ("size (radius, px)", 8.0, 24.0, 0.5),
    "irregularity": ("irregular outline", 0.0, 0.15, 0.01),
    "concavity": ("dent depth", 0.0, 0.4, 0.02),
    "texture": ("coarse chromatin", 4.0, 40.0, 1.0),
}


@dataclass(frozen=True)
class NucleusView:
    """What the nucleus explorer shows for one set of slider values: the synthetic image and
    its nuclei (``image``), one nucleus drawn with exactly those settings (``nucleus``), its ten
    measurements (``measurements``), the image's row of 30 features (``row``) and the model's
    probability of malignancy for that row (``probability``)."""

    settings: object
    image: object
    nucleus: object
    measurements: dict
    row: pd.DataFrame
    probability: float


def nucleus_view(model, settings, seed: int = 0) -> NucleusView:
    """Draw a synthetic image and one nucleus with ``settings``, measure them, and ask ``model``.

    ``model``: a fitted model of the 30 WDBC features (e.g. the reference model);
    ``settings``: ``"benign"``, ``"malignant"`` or a ``features.ImageSettings``. When the
    nuclei are too large for all of them to fit in the image, fewer are drawn.

    >>> from bcc_teach import models
    >>> X, y = data.load_wdbc_xy()
    >>> view = nucleus_view(models.reference_model().fit(X, y), "malignant")
    >>> view.probability > 0.5, list(view.row.columns) == list(data.FEATURES)
    (True, True)
    """
    from bcc_teach import features, models

    if isinstance(settings, str):
        if settings not in features.PRESETS:
            raise ValueError("settings must be 'benign', 'malignant' or an ImageSettings(...).")
        settings = features.PRESETS[settings]
    for n_nuclei in range(settings.n_nuclei, 0, -1):  # large nuclei: fewer fit in the image
        try:
            picture = features.synthetic_image(settings, seed=seed, n_nuclei=n_nuclei)
            break
        except features.CrowdedImageError:
            continue
    image = features.segment(picture)
    nucleus = features.segment(features.synthetic_nucleus(settings, seed=seed))
    measurements = features.measure_nucleus(nucleus.contours[0], nucleus.image, nucleus.masks[0])
    row = features.image_features(image, name="synthetic image")
    probability = float(models.probability_malignant(model, row)[0])
    return NucleusView(settings, image, nucleus, measurements, row, probability)


def nucleus_summary(view: NucleusView) -> str:
    """The nucleus explorer's text: the ten measurements, the image's mean and worst, and the
    model's probability with the caveat that a synthetic image is not a patient (HTML).

    >>> from bcc_teach import models
    >>> X, y = data.load_wdbc_xy()
    >>> text = nucleus_summary(nucleus_view(models.reference_model().fit(X, y), "benign"))
    >>> "SYNTHETIC" in text and "radius" in text
    True
    """
    row = view.row.iloc[0]
    rows = "".join(
        f"<tr><td>{base}</td><td>{view.measurements[base]:.4g}</td>"
        f"<td>{row[base + '_mean']:.4g}</td><td>{row[base + '_worst']:.4g}</td></tr>"
        for base in data.BASE_FEATURES
    )
    return (
        f"<p>The reference model's probability of malignancy for the whole image: "
        f"<b>{view.probability:.2f}</b>.</p>"
        "<p><i>SYNTHETIC image: drawn by the computer, not taken from a patient, and its "
        "measurements are not calibrated to the Wisconsin images. The number shows how an image "
        "becomes a prediction; it is not a diagnosis.</i></p>"
        "<table><tr><th>measurement</th><th>this nucleus</th><th>image mean</th>"
        f"<th>image worst</th></tr>{rows}</table>"
    )


class NucleusExplorer(ipw.VBox):
    """Sliders for a nucleus's size, outline and chromatin; the synthetic image, one nucleus,
    its measurements and the model's probability follow (on release of the slider)."""

    def __init__(self, model, preset: str = "benign", seed: int = 0):
        from bcc_teach import features

        if preset not in features.PRESETS:
            raise ValueError(f"preset must be 'benign' or 'malignant', got {preset!r}.")
        self.model, self.seed = model, seed
        self.preset = ipw.ToggleButtons(options=["benign", "malignant"], value=preset,
                                        description="start from")  # fmt: skip
        self.sliders = {
            name: ipw.FloatSlider(
                description=label,
                min=low,
                max=high,
                step=step,
                continuous_update=False,
                style={"description_width": "initial"},
            )  # fmt: skip
            for name, (label, low, high, step) in NUCLEUS_SLIDERS.items()
        }
        self.figure = plots.NucleusFigure()
        self.image = ipw.Image(format="png", width="620")
        self.summary = ipw.HTML()
        self._quiet = False
        self._load_preset(preset)
        self.preset.observe(lambda change: self._load_preset(change["new"]), names="value")
        for slider in self.sliders.values():
            slider.observe(lambda change: self._changed(), names="value")
        super().__init__([self.preset, *self.sliders.values(), self.image, self.summary])

    def _load_preset(self, preset: str) -> None:
        from bcc_teach import features

        base = features.PRESETS[preset]
        self._quiet = True  # one redraw for the whole preset, not one per slider
        for name, slider in self.sliders.items():
            slider.value = getattr(base, name)
        self._quiet = False
        self.show(**self.values())

    def _changed(self) -> None:
        if not self._quiet:
            self.show(**self.values())

    def values(self) -> dict[str, float]:
        """The sliders' current values, by setting name."""
        return {name: float(slider.value) for name, slider in self.sliders.items()}

    def show(self, **values) -> NucleusView:
        """Draw, measure and predict for the current preset changed by ``values``."""
        from bcc_teach import features

        settings = features.ImageSettings(
            **{**vars(features.PRESETS[self.preset.value]), **values, "name": "your settings"}
        )
        view = self.view = nucleus_view(self.model, settings, seed=self.seed)
        self.image.value = self.figure.update(view.image, view.nucleus)
        self.summary.value = nucleus_summary(view)
        return view

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={value:g}" for name, value in self.values().items())
        return f"NucleusExplorer({self.preset.value}: {values})"


def nucleus_explorer(model, preset: str = "benign", seed: int = 0) -> NucleusExplorer:
    """A nucleus explorer over a fitted model of the 30 WDBC features.

    >>> from bcc_teach import models
    >>> X, y = data.load_wdbc_xy()
    >>> nucleus_explorer(models.reference_model().fit(X, y))
    NucleusExplorer(benign: radius=12, irregularity=0.05, concavity=0.03, texture=13)
    """
    return NucleusExplorer(model, preset, seed)


# --------------------------------------------------------------------------------------------
# Case explorer (lesson 07)
# --------------------------------------------------------------------------------------------


def _decision(probability: float, threshold: float) -> str:
    if metrics.flagged([probability], threshold)[0]:  # the course's one rule: at or above
        return f"at or above the rule-out threshold ({threshold:.2f}): <b>refer for biopsy</b>"
    return f"below the rule-out threshold ({threshold:.2f}): <b>ruled out</b> by the model"


def case_summary(
    explanation, truth: int, threshold: float, sits: pd.DataFrame, what_if: tuple | None = None
) -> str:
    """The case explorer's text (HTML): the probability and the decision at the threshold, the
    biopsy result, where the strongest features sit, and the "what if" answer.

    ``explanation``: from ``explain.CaseExplainer.explain``; ``truth``: 1 if the biopsy showed
    cancer; ``sits``: from ``explain.where_case_sits``; ``what_if``: ``(feature,
    her value, the value asked about, the model's new probability)`` or None.

    >>> import pandas as pd
    >>> from bcc_teach.explain import Explanation
    >>> table = pd.DataFrame({"condition": ["area_worst > 900"], "feature": ["area_worst"],
    ...                       "weight": [0.2], "towards": ["malignant"]})
    >>> sits = pd.DataFrame({"value": [1200.0], "below_in_benign": [99.0],
    ...                      "below_in_malignant": [60.0]}, index=["area_worst"])
    >>> text = case_summary(Explanation("W001", 0.93, table, 0.8, 0), 1, 0.09, sits,
    ...                     ("area_worst", 1200.0, 700.0, 0.31))
    >>> "refer for biopsy" in text and "0.31" in text
    True
    """
    p = explanation.probability
    parts = [
        f"<p><b>{html.escape(explanation.case_id)}</b>: the model's probability of malignancy "
        f"is <b>{p:.2f}</b>, {_decision(p, threshold)}. Biopsy result: "
        f"<b>{'malignant' if truth == 1 else 'benign'}</b>.</p>",
        f"<p>LIME's simple local model matched the real model near this case with R² = "
        f"{explanation.local_r2:.2f} (1 = perfectly).</p>",
    ]
    rows = "".join(
        f"<tr><td>{html.escape(str(f))}</td><td>{r['value']:.4g}</td>"
        f"<td>{r['below_in_benign']:.0f}%</td><td>{r['below_in_malignant']:.0f}%</td></tr>"
        for f, r in sits.iterrows()
    )
    parts.append(
        "<table><tr><th>feature</th><th>this patient</th><th>benign cases below her</th>"
        f"<th>malignant cases below her</th></tr>{rows}</table>"
    )
    if what_if is not None:
        feature, old, value, changed = what_if
        parts.append(
            f"<p><b>What if</b> {html.escape(feature)} were {value:.4g} instead of {old:.4g}, "
            f"everything else unchanged? The model's probability would be <b>{changed:.2f}</b> "
            f"instead of {p:.2f}: {_decision(changed, threshold)}.</p>"
        )
    return "".join(parts)


class CaseExplorer(ipw.VBox):
    """Pick a test patient: her probability, the decision, LIME's explanation and where her
    strongest features sit; a "what if" slider changes one feature and asks the model again."""

    def __init__(self, explainer, X_test, y_test, threshold: float, case: str | None = None):
        from bcc_teach import explain

        if not isinstance(explainer, explain.CaseExplainer):
            raise TypeError("explainer must be an explain.CaseExplainer(model, X_train, y_train).")
        inputs.check_labels(y_test, "y_test")
        inputs.check_threshold(threshold)
        self.explainer, self.X, self.y, self.threshold = explainer, X_test, y_test, threshold
        options = [(f"{i} · biopsy: {'malignant' if t == 1 else 'benign'}", i)
                   for i, t in zip(X_test.index, y_test, strict=True)]  # fmt: skip
        case = X_test.index[0] if case is None else case
        if case not in X_test.index:
            raise ValueError(f"No case {case!r} in X_test.")
        self.cases = ipw.Dropdown(options=options, value=case, description="patient")
        self.feature = ipw.Dropdown(description="what if")
        self.value = ipw.FloatSlider(description="were", continuous_update=False,
                                     readout_format=".4g")  # fmt: skip
        self.figure = plots.CaseFigure(explainer.X_train, explainer.y_train)
        self.image = ipw.Image(format="png", width="720")
        self.summary = ipw.HTML()
        self._quiet = False
        self.show_case(case)
        self.cases.observe(lambda change: self.show_case(change["new"]), names="value")
        self.feature.observe(lambda change: self._pick_feature(change["new"]), names="value")
        self.value.observe(lambda change: self._what_if(), names="value")
        super().__init__([self.cases, self.image, self.summary,
                          ipw.HBox([self.feature, self.value])])  # fmt: skip

    def _text(self, what_if=None) -> str:
        from bcc_teach import explain

        features = list(self.explanation.table["feature"])
        sits = explain.where_case_sits(self.case, self.explainer.X_train, self.explainer.y_train,
                                       features)  # fmt: skip
        truth = int(self.y.loc[self.case.name])
        return case_summary(self.explanation, truth, self.threshold, sits, what_if)

    def show_case(self, case_id: str) -> None:
        """Explain one test case and redraw; the "what if" control starts at her own values."""
        self.case = self.X.loc[case_id]
        self.explanation = self.explainer.explain(self.case)
        title = f"{case_id}: what pushed the probability ({self.explanation.probability:.2f})"
        self.image.value = self.figure.update(self.explanation.table, self.case, title)
        self._quiet = True
        self.feature.options = list(self.explanation.table["feature"])
        self.feature.value = self.feature.options[0]
        self._quiet = False
        self._pick_feature(self.feature.value)

    def _pick_feature(self, feature: str | None) -> None:
        if self._quiet or feature is None:
            return
        column = self.explainer.X_train[feature]
        low, high = float(column.min()), float(column.max())
        own = float(self.case[feature])
        low, high = min(low, own), max(high, own)
        self._quiet = True
        # one message to the browser and one check of min, max and value together: otherwise
        # the browser's slider clamps an intermediate state and sends back a "what if"
        with self.value.hold_sync(), self.value.hold_trait_notifications():
            self.value.min, self.value.max, self.value.value = low, high, own
            self.value.step = (high - low) / 200
        self._quiet = False
        self.summary.value = self._text()

    def _what_if(self) -> None:
        if self._quiet:
            return
        self.what_if(self.feature.value, self.value.value)

    def what_if(self, feature: str, value: float) -> float:
        """Ask the model about this patient with ``feature`` set to ``value``; show the answer."""
        from bcc_teach import explain

        changed = explain.what_if(self.explainer.model, self.case, feature, float(value))
        old = float(self.case[feature])
        self.summary.value = self._text((feature, old, float(value), changed))
        return changed

    def __repr__(self) -> str:
        return f"CaseExplorer(case={self.cases.value!r}, threshold={self.threshold:.3f})"


def case_explorer(explainer, X_test, y_test, threshold: float, case: str | None = None):
    """A LIME case explorer over the test cases, with the decision at ``threshold``.

    >>> from bcc_teach import explain, models
    >>> X_train, X_test, y_train, y_test = models.split(*data.load_wdbc_xy())
    >>> model = models.reference_model().fit(X_train, y_train)
    >>> explainer = explain.CaseExplainer(model, X_train, y_train)
    >>> case_explorer(explainer, X_test, y_test, threshold=0.092, case="W331")
    CaseExplorer(case='W331', threshold=0.092)
    """
    return CaseExplorer(explainer, X_test, y_test, threshold, case)
