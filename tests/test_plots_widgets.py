"""Figures and explorers, tested without a browser: what is drawn, and what a control changes."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

from bcc_teach import data, plots, style, widgets

WDBC = data.load_wdbc()


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _legend(ax):
    return [text.get_text() for text in ax.get_legend().get_texts()]


def test_palette_is_fixed():
    assert style.DIAGNOSIS_COLOURS == {"benign": "#0072B2", "malignant": "#D55E00"}
    assert style.DIAGNOSIS_ORDER == ("benign", "malignant")


def test_feature_distribution_draws_both_diagnoses_in_their_colours():
    ax = plots.feature_distribution(WDBC, "area_worst")
    assert ax.get_xlabel() == "area_worst (square image units)"
    assert ax.get_ylabel() == "number of cases"
    assert _legend(ax) == ["benign", "malignant"]
    # One filled step outline per diagnosis, in its colour, as tall as its fullest bin.
    edges = np.histogram_bin_edges(WDBC["area_worst"], bins=30)
    tallest = {
        to_hex(colour): np.histogram(WDBC.loc[WDBC["diagnosis"] == name, "area_worst"], edges)[
            0
        ].max()
        for name, colour in style.DIAGNOSIS_COLOURS.items()
    }
    drawn = {
        to_hex(c.get_facecolor()[0]): c.get_paths()[0].vertices[:, 1].max() for c in ax.collections
    }
    assert drawn == tallest


def test_feature_distribution_draws_on_a_given_axes():
    fig, axes = plt.subplots(1, 2)
    returned = plots.feature_distribution(WDBC, "radius_mean", ax=axes[1])
    assert returned is axes[1]
    assert not axes[0].has_data()


def test_class_balance_labels_counts_and_shares():
    ax = plots.class_balance(WDBC)
    assert [p.get_height() for p in ax.patches] == [357, 212]
    assert [to_hex(p.get_facecolor()) for p in ax.patches] == ["#0072b2", "#d55e00"]
    assert [t.get_text() for t in ax.texts] == ["357 (63%)", "212 (37%)"]
    assert ax.get_title() == "Diagnoses among 569 cases"


def test_scatter_and_heatmap():
    ax = plots.feature_scatter(WDBC, "radius_mean", "area_mean")
    assert ax.get_xlabel() == "radius_mean (image units)"
    assert len(ax.collections[0].get_offsets()) == 569
    corr = WDBC[["radius_mean", "perimeter_mean", "area_mean"]].corr()
    ax = plots.correlation_heatmap(corr)
    assert [t.get_text() for t in ax.texts][:3] == ["1.00", "1.00", "0.99"]


def test_plots_reject_bad_tables():
    with pytest.raises(ValueError, match="no column.*'smoothness_max'"):
        plots.feature_distribution(WDBC, "smoothness_max")
    with pytest.raises(TypeError, match="needs a table"):
        plots.class_balance([1, 2, 3])
    with pytest.raises(ValueError, match="square table"):
        plots.correlation_heatmap(WDBC[["radius_mean", "area_mean"]])


def test_render_feature_gives_an_image_and_a_summary():
    png, summary = widgets.render_feature(WDBC, "concave_points_worst")
    assert png.startswith(b"\x89PNG\r\n")
    assert "concave_points_worst — how many inward dents" in summary
    assert "<td>malignant</td><td>212</td><td>0.182</td>" in summary
    assert plt.get_fignums() == []  # no figure left open in pyplot


def test_feature_explorer_follows_its_dropdown():
    explorer = widgets.feature_explorer(WDBC, "radius_mean")
    assert repr(explorer) == "FeatureExplorer(feature='radius_mean')"
    assert list(explorer.dropdown.options) == list(data.FEATURES)
    first_image, first_summary = explorer.image.value, explorer.summary.value
    explorer.dropdown.value = "texture_mean"
    assert explorer.feature == "texture_mean"
    assert explorer.image.value != first_image
    assert explorer.summary.value != first_summary and "grey levels" in explorer.summary.value
    assert repr(explorer) == "FeatureExplorer(feature='texture_mean')"


def test_feature_explorer_on_a_subset_of_columns():
    subset = WDBC[["diagnosis", "radius_mean", "area_mean"]]
    explorer = widgets.feature_explorer(subset, "area_mean")
    assert list(explorer.dropdown.options) == ["radius_mean", "area_mean"]
    with pytest.raises(ValueError, match="'area_worst' is not one of the features"):
        widgets.feature_explorer(subset, "area_worst")


def test_widget_check_sentence_follows_the_slider():
    check = widgets.widget_check()
    assert check.label.value == widgets.slider_message(3)
    check.slider.value = 8
    assert (
        check.label.value == "The slider is at 8. If this number follows the slider, widgets work."
    )
    assert repr(check) == "WidgetCheck(value=8)"


def test_backend_is_not_changed_by_the_package():
    before = matplotlib.get_backend()
    widgets.render_feature(WDBC, "radius_mean")
    assert matplotlib.get_backend() == before
