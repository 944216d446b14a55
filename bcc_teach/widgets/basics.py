"""The feature explorer (lesson 01) and the "do widgets work?" check (lesson 00).

>>> feature_explorer(feature="area_worst")          # in a notebook: a dropdown and a figure
FeatureExplorer(feature='area_worst')
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as ipw

from bcc_teach import data, plots

if TYPE_CHECKING:
    import pandas as pd


def render_feature(table: pd.DataFrame, feature: str, figure=None) -> tuple[bytes, str]:
    """Draw one feature's distribution by diagnosis and summarise it, for the feature explorer.

    Returns ``(png, summary_html)``: the figure as PNG bytes (680 pixels wide, to be shown at
    that size) and an HTML paragraph and table with the feature's meaning and its median and
    quartiles in benign and malignant cases. ``figure``: a ``plots.AxesFigure`` to draw on
    again (quicker than a new one), or None.

    >>> png, summary = render_feature(data.load_wdbc(), "area_worst")
    """
    summary = data.feature_summary(table, feature)
    if figure is None:
        figure = feature_figure()
    png = figure.update(plots.feature_distribution, table, feature)
    meaning = data.describe_feature(feature, width=None) if feature in data.FEATURES else feature
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
    return png, summary_html


def feature_figure():
    """The feature explorer's figure: 680 × 340 pixels, room for the legend on the right.

    >>> feature_figure().width
    680
    """
    return plots.AxesFigure(680, 340, margins=(0.1, 0.8, 0.17, 0.9))


class FeatureExplorer(ipw.VBox):
    """Pick a feature from the list; its histogram by diagnosis and its summary follow."""

    def __init__(self, table: pd.DataFrame, feature: str = "radius_mean"):
        features = [c for c in data.FEATURES if c in table.columns]
        data.check_feature(feature, tuple(features))
        self.table = table
        self.dropdown = ipw.Dropdown(options=features, value=feature, description="feature")
        # Shown at its own size (680 pixels wide), not stretched to the page width.
        self.image = ipw.Image(format="png", width="680")  # = feature_figure().width
        self.summary = ipw.HTML()
        self.figure = feature_figure()
        self._shown: dict[str, tuple[bytes, str]] = {}  # each feature is drawn once
        self.dropdown.observe(self._on_change, names="value")
        super().__init__([self.dropdown, self.image, self.summary])
        self._show(feature)

    @property
    def feature(self) -> str:
        return self.dropdown.value

    def _on_change(self, change) -> None:
        self._show(change["new"])

    def _show(self, feature: str) -> None:
        if feature not in self._shown:
            self._shown[feature] = render_feature(self.table, feature, self.figure)
        self.image.value, self.summary.value = self._shown[feature]

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
