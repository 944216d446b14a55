"""Every figure has words: what each drawing function says it drew, the caption ``plots.show``
puts under a figure, the check that a figure reads at 100% zoom, and every figure stored in the
course's notebooks followed by its caption."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from IPython.display import Markdown

from bcc_teach import data, features, metrics, plots, validation
from bcc_teach.plots.described import _SAID, _clean

ROOT = Path(__file__).resolve().parent.parent
WDBC = data.load_wdbc()
X, Y = data.load_wdbc_xy()
RNG = np.random.default_rng(0)
Y_SMALL = np.array([1, 0] * 30)
P_SMALL = np.clip(np.where(Y_SMALL, 0.7, 0.25) + RNG.normal(0, 0.2, 60), 0.01, 0.99)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _nucleus():
    one = features.synthetic_nucleus("malignant", seed=2)
    return features.segment(one).contours[0], one.pixels


#: One call of every drawing function in ``plots`` (a new one must be added here).
CALLS = {
    "class_balance": lambda: plots.class_balance(WDBC),
    "feature_distribution": lambda: plots.feature_distribution(WDBC, "radius_mean"),
    "feature_scatter": lambda: plots.feature_scatter(WDBC, "radius_mean", "area_mean"),
    "correlation_heatmap": lambda: plots.correlation_heatmap(
        WDBC[["radius_mean", "area_mean", "texture_mean"]].corr()
    ),
    "confusion_matrix": lambda: plots.confusion_matrix(metrics.Confusion(36, 4, 6, 54)),
    "probability_distribution": lambda: plots.probability_distribution(Y_SMALL, P_SMALL, 0.5),
    "roc_curve": lambda: plots.roc_curve(Y_SMALL, P_SMALL, threshold=0.5),
    "precision_recall_curve": lambda: plots.precision_recall_curve(Y_SMALL, P_SMALL, 0.5),
    "icon_array": lambda: plots.icon_array(metrics.natural_frequencies(0.9, 0.9, 0.05)),
    "split_spread": lambda: plots.split_spread(
        validation.SplitSpread(pd.DataFrame({"sensitivity": [0.9, 0.95, 1.0, 0.95]}), 0.5, 0.25)
    ),
    "reliability_diagram": lambda: plots.reliability_diagram(
        validation.calibration(Y_SMALL, P_SMALL, bins=3)
    ),
    "decision_curve": lambda: plots.decision_curve(validation.decision_curve(Y_SMALL, P_SMALL)),
    "estimates": lambda: plots.estimates({"sensitivity": metrics.rate(51, 53)},
                                         marks={"aim": 0.98}),
    "optimism": lambda: plots.optimism(
        validation.Optimism({"auc": 0.99}, {"auc": 0.004}, {"auc": 0.986}, 10, 0.5)
    ),
    "paired_differences": lambda: plots.paired_differences(
        {"first − second": validation.compare_models(Y_SMALL, P_SMALL, np.full(60, 0.5))}
    ),
    "calibration_curves": lambda: plots.calibration_curves(
        {"svm": validation.calibration(Y_SMALL, P_SMALL)}
    ),
    "decision_curves": lambda: plots.decision_curves(
        {"knn": validation.decision_curve(Y_SMALL, P_SMALL)}
    ),
    "drift_scatter": lambda: plots.drift_scatter(X, X * 0.8, Y, [True] * 3 + [False] * 566),
    "explanation": lambda: plots.explanation(
        pd.DataFrame({"condition": ["area_worst > 900", "texture_mean <= 15"],
                      "weight": [0.2, -0.1]})
    ),
    "case_in_distribution": lambda: plots.case_in_distribution(X, Y, "area_worst", 1200.0),
    "fna_image": lambda: plots.fna_image(features.segment(features.synthetic_image("benign", 0))),
    "nucleus_feature": lambda: plots.nucleus_feature(*_nucleus()[:1], "radius"),
    "nucleus_outline": lambda: plots.nucleus_outline(*_nucleus()),
}  # fmt: skip


def test_every_drawing_function_is_called_here():
    from test_plots_widgets import DRAWING

    assert sorted(CALLS) == sorted(DRAWING)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_every_drawing_function_says_what_it_drew(name):
    ax = CALLS[name]()
    said = _SAID[ax]
    assert len(said) > 40 and said.endswith("."), said
    assert "nan" not in said.split() and "{" not in said, said
    caption = plots.description(ax.figure)
    assert caption.startswith("**Figure") and caption.endswith(said)


def test_a_histogram_by_diagnosis_gives_each_groups_median_and_middle_half():
    said = _SAID[plots.feature_distribution(WDBC, "area_worst")]
    for diagnosis in ("benign", "malignant"):
        values = WDBC.loc[WDBC["diagnosis"] == diagnosis, "area_worst"]
        low, middle, high = np.percentile(values, [25, 50, 75])
        assert (
            f"{len(values)} {diagnosis}" in said
            and f"median {middle:,.0f}" in said
            and f"middle half {low:,.0f} to {high:,.0f}" in said
        ), said
    assert said.endswith("The middle halves do not overlap.")
    apart = _SAID[plots.feature_distribution(WDBC, "fractal_dimension_mean")]
    assert apart.endswith("The middle halves overlap.")


def test_probabilities_and_the_table_are_counted_as_the_metrics_count_them():
    counts = metrics.confusion(Y_SMALL, P_SMALL, 0.3)
    said = _SAID[plots.probability_distribution(Y_SMALL, P_SMALL, threshold=0.3)]
    assert f"{counts.tp} of the {counts.tp + counts.fn} malignant" in said
    assert f"{counts.fp} of the {counts.fp + counts.tn} benign cases are flagged" in said
    table = _SAID[plots.confusion_matrix(counts)]
    assert f"Of {counts.tp + counts.fn} women with cancer, {counts.tp} flagged" in table
    assert f"{counts.fn} missed" in table and f"{counts.tn} correctly not flagged" in table
    roc = metrics.roc_points(Y_SMALL, P_SMALL)
    assert f"AUC {roc.auc:.3f}" in _SAID[plots.roc_curve(Y_SMALL, P_SMALL)]


def test_correlations_name_the_highest_and_lowest_pair():
    columns = ["radius_mean", "area_mean", "texture_mean", "fractal_dimension_mean"]
    table = WDBC[columns].corr()
    said = _SAID[plots.correlation_heatmap(table)]
    highest = f"Highest: radius_mean and area_mean, {table.loc['radius_mean', 'area_mean']:.2f}"
    assert highest in said, said
    lowest = f"Lowest: radius_mean and fractal_dimension_mean, {table.iloc[0, 3]:.2f}"
    assert lowest in said, said


def test_a_patients_value_is_placed_among_the_cases():
    said = _SAID[plots.case_in_distribution(X, Y, "area_worst", 1200.0)]
    benign = (X.loc[Y == 0, "area_worst"] < 1200).mean()
    malignant = (X.loc[Y == 1, "area_worst"] < 1200).mean()
    assert f"{benign:.0%} of the 357 benign" in said
    assert f"{malignant:.0%} of the 212 malignant" in said


def test_a_decision_curve_says_where_the_model_beats_biopsying_all_or_none():
    y = np.array([1, 0] * 30)
    good = _SAID[plots.decision_curve(validation.decision_curve(y, np.where(y, 0.99, 0.005)))]
    assert good.endswith("The model is above both at every threshold.")
    useless = _SAID[plots.decision_curve(validation.decision_curve(y, np.full(60, 0.5)))]
    assert "above both at no threshold" in useless
    curve = validation.decision_curve(y, P_SMALL)
    better = curve.net_benefit > np.maximum(curve.treat_all, 0)
    said = _SAID[plots.decision_curve(curve)]
    assert 0 < better.sum() < len(better)  # above both at some thresholds only
    first, last = curve.thresholds[better].min(), curve.thresholds[better].max()
    assert f"above both at {better.sum()} of {len(better)} thresholds, from {first:.2f} to " \
           f"{last:.2f}" in said, said  # fmt: skip


def test_a_group_of_one_woman_is_one_woman():
    check = validation.calibration([1, 0, 1, 0, 1, 0, 0], [0.9, 0.1, 0.8, 0.2, 0.95, 0.05, 0.5])
    said = _SAID[plots.reliability_diagram(check)]
    assert "1 woman " in said and "1 women" not in said


@pytest.mark.parametrize(
    ("grid", "places"),
    [
        ((1, 2), ["Left", "Right"]),
        ((2, 1), ["Top", "Bottom"]),
        ((3, 1), ["Top", "Middle", "Bottom"]),
        ((2, 2), ["Top left", "Top right", "Bottom left", "Bottom right"]),
        ((1, 4), [f"Panel {k} of 4 from the left" for k in range(1, 5)]),
    ],
)
def test_panels_are_named_by_their_place(grid, places):
    fig, axes = plt.subplots(*grid, layout="constrained")
    for ax in np.ravel(axes):
        plots.confusion_matrix(metrics.Confusion(1, 1, 1, 1), ax=ax)
    named = [line[2:].split(":")[0] for line in plots.description(fig).splitlines()[2:]]
    assert named == places


def test_panels_of_subfigures_and_a_colour_bar():
    fig = plt.figure(figsize=(10, 5.6), layout="constrained")
    top, bottom = fig.subfigures(2, 1)
    plots.explanation(pd.DataFrame({"condition": ["a > 1"], "weight": [0.2]}), ax=top.subplots())
    for ax in bottom.subplots(1, 3):
        plots.case_in_distribution(X, Y, "area_worst", 900.0, ax=ax)
    named = [line[2:].split(":")[0] for line in plots.description(fig).splitlines()[2:]]
    assert named == ["Top", "Bottom left", "Bottom middle", "Bottom right"]
    heatmap = plots.correlation_heatmap(WDBC[["radius_mean", "area_mean"]].corr())
    assert len(heatmap.figure.axes) == 2  # the map and its colour bar, of which nothing is said
    assert plots.description(heatmap.figure).startswith("**Figure.** A table of the correlations")


def test_titles_are_read_on_one_line():
    assert _clean("texture\n= 19.82") == "texture = 19.82"
    assert _clean("benign-like\nprobability 0.003") == "benign-like, probability 0.003"
    assert _clean("one nucleus:\nradius lines") == "one nucleus: radius lines"
    ax = CALLS["confusion_matrix"]()
    ax.set_title("mine\nat 0.5")
    assert plots.description(ax.figure).startswith("**Figure: mine, at 0.5.** The 2×2 table")
    ax.set_title("Does it?")
    assert plots.description(ax.figure).startswith("**Figure: Does it?** The 2×2 table")


def _shown(monkeypatch, figure, **kwargs):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objects: shown.extend(objects))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        plots.show(figure, **kwargs)
    return shown, [str(w.message) for w in caught]


def test_show_shows_the_figure_then_its_caption_and_closes_it(monkeypatch):
    ax = CALLS["class_balance"]()
    caption = plots.description(ax.figure, summary="Counted once.")
    shown, said = _shown(monkeypatch, ax.figure, summary="Counted once.")
    assert shown[0] is ax.figure and isinstance(shown[1], Markdown) and len(shown) == 2
    assert shown[1].data == caption and "Counted once. Bar chart: 357 benign" in caption
    assert said == [] and not plt.fignum_exists(ax.figure.number)


def test_show_warns_of_a_figure_without_words_or_too_small_to_read(monkeypatch):
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1], [0, 1])
    shown, said = _shown(monkeypatch, fig)
    assert said == ["plots.show: nothing describes this figure; pass summary='what it shows'."]
    assert shown[1].data == "**Figure.**"
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set_xlabel("tiny", fontsize=6)
    _, said = _shown(monkeypatch, fig, summary="A line.")
    assert said == [
        "plots.show: hard to read at 100% zoom: its smallest text is 6 points, under 8."
    ]


@pytest.mark.parametrize(
    ("width", "size", "readable"),
    [(6.4, 8, True), (6.4, 7.5, False), (10.6, 10, True), (11, 10, False), (13, 12, False),
     (10.5, 12, True)],
)  # fmt: skip
def test_a_figure_reads_at_100_percent_when_its_type_survives_the_shrinking(width, size, readable):
    fig = plt.figure(figsize=(width, 3))
    fig.text(0.5, 0.5, "a label", fontsize=size)
    fig.text(0.5, 0.2, "", fontsize=2)  # empty text is not read
    assert (plots.readability_problems(fig) == []) is readable


def _stored(folder):
    return sorted((ROOT / folder).glob("*.ipynb"))


@pytest.mark.parametrize(
    "notebook", [*_stored("notebooks"), *_stored("solutions"), *_stored("exercises")],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)  # fmt: skip
def test_every_stored_figure_is_followed_by_its_caption(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    for number, cell in enumerate(cells):
        outputs = cell.get("outputs", [])
        for index, output in enumerate(outputs):
            if "image/png" not in output.get("data", {}):
                continue
            after = outputs[index + 1]["data"] if index + 1 < len(outputs) else {}
            caption = "".join(after.get("text/markdown", ""))
            assert caption.startswith("**Figure"), f"{notebook.name}, cell {number}"
            assert len(caption) > 60, f"{notebook.name}, cell {number}: {caption}"
