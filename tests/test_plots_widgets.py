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
    drawn = {to_hex(p.get_facecolor()): p.get_data().values.max() for p in ax.patches if p.fill}
    assert drawn == tallest
    assert ax.get_ylim()[1] >= max(tallest.values())
    _legend_clear_of_the_plot(ax)


def _legend_clear_of_the_plot(ax):
    """The legend lies outside the plotting area, so no bar or line can run through it."""
    ax.figure.canvas.draw()
    legend, plot = ax.get_legend().get_window_extent(), ax.get_window_extent()
    assert not legend.overlaps(plot), (legend, plot)


NOT_DRAWING = {
    "description", "feature_label", "figure_png", "readability_problems", "readable", "show",
}  # fmt: skip
DRAWING = [n for n in plots.__all__ if n[0].islower() and n not in NOT_DRAWING]


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
        "54\ncorrectly\nnot flagged\n(true negative)",
    ]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["flagged\nmalignant", "called\nbenign"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["has cancer", "no cancer"]
    colours = [to_hex(p.get_facecolor()) for p in ax.patches]
    assert colours == ["#d55e00", "#d55e00", "#0072b2", "#0072b2"]


def test_probability_distribution_marks_the_threshold():
    ax = plots.probability_distribution(Y, P, threshold=0.35)
    assert list(ax.get_lines()[-1].get_xdata()) == [0.35, 0.35]
    assert ax.get_title().startswith("threshold 0.35")
    counts = sum(patch.get_height() for patch in ax.patches)
    assert counts == 100
    assert _legend(ax) == ["benign", "malignant", "threshold"]
    for threshold in (0.05, 0.5, 0.95):  # wherever the line is, it misses the legend
        _legend_clear_of_the_plot(plots.probability_distribution(Y, P, threshold=threshold))


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
    assert labels == [
        "has cancer, flagged: 9",
        "has cancer, missed: 1",
        "no cancer, flagged (false alarm): 99",
        "no cancer, not flagged: 891",
    ]


VALUE = '</td><td style="white-space: nowrap">'  # a value and its interval kept on one line


def test_threshold_explorer_follows_its_slider():
    explorer = widgets.threshold_explorer(Y, P, threshold=0.5)
    assert repr(explorer) == "ThresholdExplorer(threshold=0.50)"
    assert f"sensitivity{VALUE}90.0%" in explorer.summary.value
    assert "<b>40 cancers missed</b> and <b>60 unnecessary biopsies" in explorer.summary.value
    before = explorer.image.value
    explorer.slider.value = 0.15
    assert explorer.image.value != before
    assert f"sensitivity{VALUE}100.0%" in explorer.summary.value
    assert "0 cancers missed</b> and <b>60 unnecessary biopsies" in explorer.summary.value
    assert explorer.figure.labels["fn"].get_text().startswith("0\n")
    explorer.slider.value = 0.5  # back again: the same picture and text as the first time
    assert explorer.image.value == before and f"sensitivity{VALUE}90.0%" in explorer.summary.value
    explorer.slider.value = 0.95  # nobody flagged: PPV undefined, said so
    assert f"PPV{VALUE}undefined" in explorer.summary.value
    with pytest.raises(ValueError, match="probabilities between 0 and 1"):
        widgets.threshold_explorer(Y, [2.0] * 100)


SHARE = r"\d+\.\d% \(95% CI \d+\.\d% to \d+\.\d%\)"  # e.g. 90.0% (95% CI 76.9% to 96.0%)


def test_threshold_explorer_gives_every_share_its_interval():
    """Sensitivity, specificity, PPV and NPV come with their 95% Wilson intervals and the cases
    they were counted on; a 100% never stands alone; malignant is said to be positive."""
    import re

    explorer = widgets.threshold_explorer(Y, P, threshold=0.15)  # every cancer found
    m = metrics.clinical_metrics(Y, P, 0.15)
    text = explorer.summary.value
    assert "malignant = positive" in text
    for name, label, counted in [
        ("sensitivity", "sensitivity", "40 of 40 women with cancer"),
        ("specificity", "specificity", "54 of 60 women without cancer"),
        ("ppv", "PPV", "40 of 46 women flagged"),
        ("npv", "NPV", "54 of 54 women not flagged"),
    ]:
        words = m.interval(name).words(percent=True)
        assert re.fullmatch(SHARE, words)
        assert f"<td>{label}{VALUE}{words}</td>" in text and counted in text
    assert "100.0% (95% CI 91.2% to 100.0%)" in text  # sensitivity 40 of 40: Wilson, by SciPy
    assert re.findall(r"100\.0%(?! \(95% CI)(?! to)(?!\))", text) == []  # never alone
    # the risk among women not flagged, against the 2% of a "probably benign" result
    assert f"<b>{m.risk_if_benign().words(percent=True)}</b> have cancer (0 of 54)" in text
    assert "at most 2%" in text and "BI-RADS" in text
    # per 1,000 women: "0 cancers missed" comes with the range its interval allows
    assert "0 cancers missed</b>" in text and "0 to 35 cancers missed" in text


def test_threshold_figure_keeps_its_legend_clear_of_the_line():
    y, p = np.array(Y), np.array(P)
    figure = plots.ThresholdFigure(y, p, 0.5, metrics.confusion(y, p, 0.5))
    histogram = figure.line.axes
    renderer = figure.canvas.get_renderer()
    legend = histogram.get_legend().get_window_extent(renderer)
    plot = histogram.get_window_extent(renderer)
    assert legend.y0 >= plot.y1  # above the plot; the line never leaves it
    for threshold in (0.0, 0.5, 1.0):
        figure.update(threshold, metrics.confusion(y, p, threshold))
        assert figure.line.get_window_extent(renderer).y1 <= plot.y1 + 1
    assert figure.title.get_text().startswith("threshold 1.00")


def _texts(figure):
    from matplotlib.text import Text

    return [t for t in figure.findobj(Text) if t.get_text().strip() and t.get_visible()]


def _png_size(png: bytes) -> tuple[int, int]:
    import io

    from PIL import Image

    return Image.open(io.BytesIO(png)).size


def test_explorer_figures_are_readable_at_their_own_size():
    """Shown at the width they are drawn (96 pixels per inch), with type of at least 11 points."""
    from bcc_teach import models

    explorers = [
        widgets.threshold_explorer(Y, P),
        widgets.prevalence_explorer(0.9, 0.9),
        widgets.feature_explorer(WDBC),
    ]
    for explorer in explorers:
        figure = explorer.figure.figure
        assert figure.dpi == plots.LIVE_DPI
        assert int(explorer.image.width) == _png_size(explorer.image.value)[0] <= 840
        sizes = {t.get_text(): t.get_fontsize() for t in _texts(figure)}
        assert sizes and min(sizes.values()) >= 11, sizes
    X, y = data.load_wdbc_xy()
    model = models.reference_model().fit(X, y)
    nucleus = widgets.nucleus_explorer(model)
    assert int(nucleus.image.width) == _png_size(nucleus.image.value)[0]
    assert min(t.get_fontsize() for t in _texts(nucleus.figure.figure)) >= 11


def test_quick_drawing_looks_like_matplotlib_and_makes_a_valid_png():
    """The quick canvas (text drawn once, then reused) gives the picture Agg gives, and its
    PNG holds exactly the pixels drawn."""
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from PIL import Image

    from bcc_teach.plots import live

    def draw(canvas_for):
        figure = Figure(figsize=(4, 3), dpi=96)
        canvas = canvas_for(figure)
        ax = figure.subplots()
        plots.probability_distribution(Y, P, threshold=0.35, ax=ax)
        ax.set_ylabel("number of cases, rotated")
        canvas.draw()
        return canvas, np.asarray(canvas.buffer_rgba())[..., :3].astype(int)

    _, agg = draw(FigureCanvasAgg)
    quick, pixels = draw(live.quick_canvas)
    draw(live.quick_canvas)  # the second time, every text comes from the kept pixels
    difference = np.abs(pixels - agg).max(axis=2)  # text at most half a pixel from Agg's place
    assert difference.mean() < 3 and (difference > 128).mean() < 0.005, difference.mean()
    decoded = np.asarray(Image.open(io.BytesIO(live.png(quick))).convert("RGB")).astype(int)
    assert np.array_equal(decoded, pixels)


@pytest.mark.parametrize("size", [33, 62, 256])
def test_screen_image_shows_the_picture_imshow_shows(size):
    """Each screen pixel shows the image pixel imshow shows there; nothing outside the Axes'
    box is touched."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from bcc_teach.plots import live

    grey = np.random.default_rng(size).integers(0, 256, (size, size)).astype(float)
    figure = Figure(figsize=(7, 4), dpi=96)
    canvas = FigureCanvasAgg(figure)
    figure.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.86, wspace=0.06)
    ax = figure.subplots(1, 2)[1]
    shown = ax.imshow(grey, cmap="gray", vmin=0, vmax=255, interpolation="nearest")
    ax.set_axis_off()  # no frame over the picture's edge
    canvas.draw()
    expected = np.asarray(canvas.buffer_rgba())[..., :3].astype(int).copy()
    shown.set_visible(False)
    canvas.draw()
    before = np.asarray(canvas.buffer_rgba())[..., :3].astype(int).copy()
    figure.draw_artist(live.screen_image(ax, grey))
    got = np.asarray(canvas.buffer_rgba())[..., :3].astype(int)
    assert (got[..., 0] == got[..., 2]).all()  # grey
    left, bottom, right, top = ax.bbox.extents
    height = canvas.get_width_height()[1]
    rows = slice(int(np.ceil(height - top)), int(height - bottom))  # whole pixels in the box
    cols = slice(int(np.ceil(left)), int(right))
    inside = got[rows, cols, 0]
    # the same image pixel where imshow shows it (its colour map may turn a grey level into
    # the next one)
    assert (np.abs(inside - expected[rows, cols, 0]) <= 1).all()
    outside = np.ones(got.shape[:2], dtype=bool)
    outside[int(height - top) : int(np.ceil(height - bottom)), int(left) : int(np.ceil(right))] = 0
    assert (got[outside] == before[outside]).all()  # the rest of the figure is untouched


def test_nucleus_figure_redrawn_in_place_looks_like_a_figure_drawn_anew():
    """The nucleus explorer's figure keeps its artists from update to update; after nuclei of
    other sizes and counts it still shows what fna_image and nucleus_outline draw."""
    import dataclasses
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    from bcc_teach import features, models, synthetic_case
    from bcc_teach.plots import live

    X, y = data.load_wdbc_xy()
    model = models.reference_model().fit(X, y)
    reused = plots.NucleusFigure()
    counts = set()
    for preset, radius in [("benign", 12), ("malignant", 22), ("benign", 8), ("malignant", 16)]:
        settings = dataclasses.replace(features.PRESETS[preset], radius=radius)
        view = synthetic_case.nucleus_view(model, settings)
        counts.add(len(view.image.contours))
        got = Image.open(io.BytesIO(reused.update(view.image, view.nucleus))).convert("RGB")
        anew = plots.NucleusFigure()
        canvas = FigureCanvasAgg(anew.figure)  # Matplotlib's own drawing, nothing reused
        with live.readable():
            plots.fna_image(view.image, ax=anew.image_ax)
            plots.nucleus_outline(view.nucleus.contours[0], view.nucleus.image, ax=anew.nucleus_ax)
            anew.nucleus_ax.set_title(reused.nucleus_ax.get_title())
            canvas.draw()
        expected = np.asarray(canvas.buffer_rgba())[..., :3].astype(int)
        difference = np.abs(np.asarray(got).astype(int) - expected).max(axis=2)
        # text may sit half a pixel from Agg's place; nothing else differs visibly
        assert difference.mean() < 2 and (difference > 64).mean() < 0.012, difference.mean()
    assert len(counts) > 1  # some updates had fewer nuclei than the one before


def test_prevalence_explorer_follows_its_buttons():
    explorer = widgets.prevalence_explorer(0.9, 0.9, "diagnostic clinic")
    assert list(explorer.buttons.options) == list(metrics.PREVALENCE_SETTINGS)
    assert explorer.buttons.style.button_width == "auto"  # each label whole, none cut with "…"
    assert "Lehman" not in explorer.summary.value  # the clinic figure is the data's own
    assert "Malignant is the positive class" in explorer.summary.value
    assert "without an interval" in explorer.summary.value  # plain numbers: said so
    explorer.buttons.value = "screening population"
    assert repr(explorer) == "PrevalenceExplorer(setting='screening population')"
    # PPV by hand: 0.9 × 0.0059 / (0.9 × 0.0059 + 0.1 × 0.9941) = 0.00531 / 0.10472 = 5.1%
    assert "PPV 5.1%" in explorer.summary.value and "Lehman" in explorer.summary.value
    assert "Of 1,000 women like these, 6 have cancer" in explorer.summary.value
    explorer.buttons.value = "biopsy after recall"
    assert "28.6% have cancer" in explorer.summary.value
    with pytest.raises(ValueError, match="setting must be one of"):
        widgets.prevalence_explorer(0.9, 0.9, "moon base")
    with pytest.raises(ValueError, match="sensitivity must be a proportion"):
        widgets.prevalence_explorer(90, 0.9)


def test_prevalence_explorer_carries_the_intervals_of_rates_counted_on_cases():
    m = metrics.clinical_metrics(Y, P, 0.5)  # sensitivity 36 of 40, specificity 54 of 60
    sensitivity, specificity = m.interval("sensitivity"), m.interval("specificity")
    explorer = widgets.prevalence_explorer(sensitivity, specificity, "screening population")
    there = metrics.in_setting(sensitivity, specificity, "screening population")
    text = explorer.summary.value
    assert "90.0% (95% CI 76.9% to 96.0%; 36 of 40 women with cancer)" in text
    assert "90.0% (95% CI 79.9% to 95.3%; 54 of 60 women without cancer)" in text
    low, high = there.ppv_range
    assert f"<b>PPV {there.ppv:.1%}</b> ({low:.1%} to {high:.1%}" in text
    low, high = there.npv_range
    assert f"NPV {there.npv:.2%} ({low:.2%} to {high:.2%})" in text
    assert html_escape(there.uncertainty()) in text
    with pytest.raises(ValueError, match="both as Rates, or both as numbers"):
        widgets.prevalence_explorer(sensitivity, 0.9)


def html_escape(text: str) -> str:
    import html

    return html.escape(text)


def test_figures_with_intervals_and_optimism_are_drawn_as_given():
    from bcc_teach import validation

    figures = {
        "sensitivity": metrics.rate(51, 53),
        "AUC": validation.Estimate(0.99, 0.98, 1.0, "x"),
    }
    ax = plots.estimates(figures, marks={"aim": 0.98})
    bars = [line for line in ax.lines if len(line.get_xdata()) == 2 and line.get_linewidth() == 3]
    assert [tuple(b.get_xdata()) for b in bars] == [
        (figures["sensitivity"].low, figures["sensitivity"].high),
        (0.98, 1.0),
    ]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["sensitivity", "AUC"]
    result = validation.Optimism({"auc": 0.99, "brier": 0.02}, {"auc": 0.004, "brier": -0.003},
                                 {"auc": 0.986, "brier": 0.023}, 10, 0.5)  # fmt: skip
    ax = plots.optimism(result)
    widths = sorted(round(p.get_width(), 3) for p in ax.patches)
    assert widths == [0.02, 0.023, 0.986, 0.99]
    plt.close("all")
