"""Figures and explorers, tested without a browser: what is drawn, and what a control changes."""

from __future__ import annotations

import inspect

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

from bcc_teach import data, metrics, plots, style, widgets

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


DRAWING = [n for n in plots.__all__ if n[0].islower() and n not in {"feature_label", "figure_png"}]


@pytest.mark.parametrize("name", DRAWING)
def test_drawing_functions_take_the_data_first_and_ax_by_keyword(name):
    parameters = inspect.signature(getattr(plots, name)).parameters
    assert parameters["ax"].kind is inspect.Parameter.KEYWORD_ONLY
    assert parameters["ax"].default is None
    assert list(parameters)[0] != "ax"


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


# --- lessons 03–04: a model's probabilities, thresholds and prevalence ----------------------

Y = [1] * 40 + [0] * 60
P = [0.8] * 36 + [0.2] * 4 + [0.7] * 6 + [0.1] * 54


def test_confusion_matrix_speaks_clinically():
    ax = plots.confusion_matrix(metrics.Confusion(tp=36, fn=4, fp=6, tn=54))
    texts = [t.get_text() for t in ax.texts]
    assert texts == [
        "36\ncancer found\n(true positive)",
        "4\ncancer missed\n(false negative)",
        "6\nfalse alarm\n(false positive)",
        "54\ncorrectly reassured\n(true negative)",
    ]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["has cancer", "no cancer"]
    colours = [to_hex(p.get_facecolor()) for p in ax.patches]
    assert colours == ["#d55e00", "#d55e00", "#0072b2", "#0072b2"]


def test_probability_distribution_marks_the_threshold():
    ax = plots.probability_distribution(Y, P, threshold=0.35)
    assert list(ax.get_lines()[-1].get_xdata()) == [0.35, 0.35]
    assert ax.get_title().startswith("threshold 0.35")
    counts = sum(patch.get_height() for patch in ax.patches)
    assert counts == 100


def test_roc_and_pr_curves():
    ax = plots.roc_curve(Y, P, threshold=0.5)
    assert "AUC" in ax.get_legend().get_texts()[0].get_text()
    point = ax.get_lines()[-1]
    assert (point.get_xdata()[0], point.get_ydata()[0]) == pytest.approx((0.1, 0.9))
    ax = plots.precision_recall_curve(Y, P, threshold=0.5)
    point = ax.get_lines()[-1]
    assert (point.get_xdata()[0], point.get_ydata()[0]) == pytest.approx((0.9, 36 / 42))


def test_icon_array_counts_every_woman():
    frequencies = metrics.natural_frequencies(0.9, 0.9, 0.01)
    ax = plots.icon_array(frequencies)
    icons = ax.collections[0]
    assert len(icons.get_offsets()) == 1000
    colours = [to_hex(c, keep_alpha=True) for c in icons.get_facecolors()]
    assert colours.count("#d55e00ff") == 9  # found
    assert colours.count("#0072b2ff") == 99  # false alarms
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert (
        labels[0] == "has cancer, flagged: 9"
        and labels[2] == "no cancer, flagged (false alarm): 99"
    )


def test_threshold_explorer_follows_its_slider():
    explorer = widgets.threshold_explorer(Y, P, threshold=0.5)
    assert repr(explorer) == "ThresholdExplorer(threshold=0.50)"
    assert "sensitivity</td><td>90.0%" in explorer.summary.value
    assert "<b>40 cancers missed</b> and <b>60 unnecessary biopsies" in explorer.summary.value
    before = explorer.image.value
    explorer.slider.value = 0.15
    assert explorer.image.value != before
    assert "sensitivity</td><td>100.0%" in explorer.summary.value
    assert "0 cancers missed</b> and <b>60 unnecessary biopsies" in explorer.summary.value
    assert explorer.figure.labels["fn"].get_text().startswith("0\n")
    explorer.slider.value = 0.95  # nobody flagged: PPV undefined, said so
    assert "PPV</td><td>undefined" in explorer.summary.value
    with pytest.raises(ValueError, match="probabilities between 0 and 1"):
        widgets.threshold_explorer(Y, [2.0] * 100)


def test_prevalence_explorer_follows_its_buttons():
    explorer = widgets.prevalence_explorer(0.9, 0.9, "diagnostic clinic")
    assert list(explorer.buttons.options) == list(metrics.PREVALENCE_SETTINGS)
    assert "Lehman" not in explorer.summary.value  # the clinic figure is the data's own
    explorer.buttons.value = "screening population"
    assert repr(explorer) == "PrevalenceExplorer(setting='screening population')"
    # PPV by hand: 0.9 × 0.0051 / (0.9 × 0.0051 + 0.1 × 0.9949) = 0.00459 / 0.10408 = 4.4%
    assert "PPV 4.4%" in explorer.summary.value and "Lehman" in explorer.summary.value
    assert "Of 1,000 women like these, 5 have cancer" in explorer.summary.value
    with pytest.raises(ValueError, match="setting must be one of"):
        widgets.prevalence_explorer(0.9, 0.9, "moon base")
    with pytest.raises(ValueError, match="sensitivity must be a proportion"):
        widgets.prevalence_explorer(90, 0.9)
