"""Lesson 02's nucleus figures and explorer, lesson 07's case figure and explorer: what is drawn,
and what each control changes, tested without a browser."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from bcc_teach import data, explain, features, models, plots, style, synthetic_case, widgets

X, Y = data.load_wdbc_xy()
X_TRAIN, X_TEST, Y_TRAIN, Y_TEST = models.split(X, Y)
MODEL = models.reference_model().fit(X_TRAIN, Y_TRAIN)
ONE = features.synthetic_nucleus("malignant", seed=2)
OUTLINE = features.segment(ONE).contours[0]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def explainer():
    return explain.CaseExplainer(MODEL, X_TRAIN, Y_TRAIN)


# --------------------------------------------------------------------------------------------
# Lesson 02: nuclei
# --------------------------------------------------------------------------------------------


def _lines_in(ax, colour):
    return [line for line in ax.get_lines() if to_hex(line.get_color()) == colour.lower()]


@pytest.mark.parametrize("feature", data.BASE_FEATURES)
def test_each_feature_is_drawn_with_its_measured_value(feature):
    ax = plots.nucleus_feature(OUTLINE, feature, ONE.pixels)
    value = features.measure_nucleus(OUTLINE, ONE.pixels)[feature]
    assert ax.get_title().startswith(f"{feature} = {value:.4g}\n")
    assert _lines_in(ax, style.OUTLINE), "the outline is drawn"


def test_the_drawings_show_the_geometry_that_is_measured():
    radius = plots.nucleus_feature(OUTLINE, "radius", ONE.pixels)
    assert len(_lines_in(radius, style.HIGHLIGHT)) == 16 + 1  # 16 radii and the centre
    dents = plots.nucleus_feature(OUTLINE, "concave_points", ONE.pixels)
    marked = [line for line in _lines_in(dents, style.HIGHLIGHT) if line.get_marker() == "o"]
    assert len(marked[0].get_xdata()) == len(features.dent_points(OUTLINE)) > 0
    coast = plots.nucleus_feature(OUTLINE, "fractal_dimension")
    walked = _lines_in(coast, style.HIGHLIGHT)[0]
    assert len(walked.get_xdata()) == len(features.coastline(OUTLINE, 8))


def test_nucleus_drawings_refuse_what_they_cannot_draw():
    with pytest.raises(ValueError, match="one of the ten measurements"):
        plots.nucleus_feature(OUTLINE, "radius_mean")
    with pytest.raises(ValueError, match="needs the nucleus's image"):
        plots.nucleus_feature(OUTLINE, "texture")


def test_fna_image_outlines_and_numbers_every_nucleus_found():
    found = features.segment(features.synthetic_image("benign", seed=0))
    ax = plots.fna_image(found)
    assert len(_lines_in(ax, style.OUTLINE)) == len(found.contours)
    assert [t.get_text() for t in ax.texts] == [str(i) for i in range(1, len(found.contours) + 1)]
    assert "SYNTHETIC" in ax.get_title()
    assert "SYNTHETIC" in plots.fna_image(features.synthetic_image("benign", seed=0)).get_title()


def test_nucleus_summary_shows_the_view_and_says_synthetic():
    view = synthetic_case.nucleus_view(MODEL, "benign")
    text = widgets.nucleus_summary(view)
    assert "SYNTHETIC" in text and f"<b>{view.probability:.2f}</b>" in text
    assert f"<td>radius</td><td>{view.measurements['radius']:.4g}</td>" in text


def test_nucleus_explorer_follows_its_sliders_and_presets():
    explorer = widgets.nucleus_explorer(MODEL)
    assert explorer.values() == {"radius": 12.0, "irregularity": 0.05, "concavity": 0.03,
                                 "texture": 13.0}  # fmt: skip
    before, picture = explorer.view, explorer.image.value
    explorer.sliders["radius"].value = 20.0
    assert explorer.view.measurements["radius"] == pytest.approx(20.0, rel=0.1)
    assert explorer.view.probability > before.probability
    assert explorer.image.value != picture
    explorer.sliders["texture"].value = 30.0
    assert explorer.view.measurements["texture"] > before.measurements["texture"] + 8
    explorer.preset.value = "malignant"
    assert explorer.values()["radius"] == features.PRESETS["malignant"].radius
    assert explorer.view.probability > 0.9
    assert "malignant" in repr(explorer)
    with pytest.raises(ValueError, match="preset must be"):
        widgets.nucleus_explorer(MODEL, preset="atypical")


# --------------------------------------------------------------------------------------------
# Lesson 07: one patient's explanation
# --------------------------------------------------------------------------------------------


def test_what_if_changes_one_feature_and_asks_the_model():
    case = X_TEST.loc["W331"]
    changed = case.copy()
    changed["area_worst"] = 500.0
    expected = models.probability_malignant(MODEL, changed.to_frame().T)[0]
    assert explain.what_if(MODEL, case, "area_worst", 500.0) == pytest.approx(expected)
    assert case["area_worst"] != 500.0  # the patient's own row is left alone
    with pytest.raises(ValueError, match="'size' is not one of the features"):
        explain.what_if(MODEL, case, "size", 1.0)
    with pytest.raises(ValueError, match="must be a number"):
        explain.what_if(MODEL, case, "area_worst", "big")


def test_where_case_sits_counts_training_cases_below():
    case = X_TEST.loc["W331"]
    sits = explain.where_case_sits(case, X_TRAIN, Y_TRAIN, ["area_worst", "texture_mean"])
    benign = X_TRAIN.loc[Y_TRAIN == 0, "area_worst"]
    assert sits.loc["area_worst", "below_in_benign"] == pytest.approx(
        100 * (benign < case["area_worst"]).sum() / len(benign)
    )
    assert sits.loc["texture_mean", "value"] == case["texture_mean"]
    with pytest.raises(ValueError, match="'size'"):
        explain.where_case_sits(case, X_TRAIN, Y_TRAIN, ["size"])


def test_case_in_distribution_marks_the_patient():
    ax = plots.case_in_distribution(X_TRAIN, Y_TRAIN, "area_worst", 1234.0)
    marker = _lines_in(ax, style.HIGHLIGHT)
    assert list(marker[0].get_xdata()) == [1234.0, 1234.0]
    heights = [p.get_data().values.sum() for p in ax.patches if p.get_fill()]
    assert heights == [(Y_TRAIN == 0).sum(), (Y_TRAIN == 1).sum()]


def test_case_figure_shows_only_as_many_distributions_as_reasons():
    figure = plots.CaseFigure(X_TRAIN, Y_TRAIN)
    table = pd.DataFrame({"condition": ["a", "b"], "feature": ["area_worst", "texture_mean"],
                          "weight": [0.2, -0.1]})  # fmt: skip
    assert figure.update(table, X_TEST.iloc[0], "two reasons")[:4] == b"\x89PNG"
    assert [ax.get_visible() for ax in figure.feature_axes] == [True, True, False]


def test_case_explorer_follows_the_patient_and_the_what_if(explainer):
    explorer = widgets.case_explorer(explainer, X_TEST, Y_TEST, 0.092, case="W331")
    assert [value for _, value in explorer.cases.options] == list(X_TEST.index)
    explanation = explainer.explain(X_TEST.loc["W331"])
    assert list(explorer.feature.options) == list(explanation.table["feature"])
    assert f"<b>{explanation.probability:.2f}</b>" in explorer.summary.value
    feature = explorer.feature.value
    assert explorer.value.value == pytest.approx(X_TEST.loc["W331", feature], rel=1e-6)
    assert (
        explorer.value.min <= X_TRAIN[feature].min()
        and explorer.value.max >= X_TRAIN[feature].max()
    )
    explorer.value.value = explorer.value.min
    expected = explain.what_if(MODEL, X_TEST.loc["W331"], feature, explorer.value.value)
    assert f"would be <b>{expected:.2f}</b>" in explorer.summary.value
    benign_case = X_TEST.index[Y_TEST.to_numpy() == 0][0]
    explorer.cases.value = benign_case
    assert explorer.explanation.case_id == benign_case
    assert "biopsy: benign" in dict((v, k) for k, v in explorer.cases.options)[benign_case]
    assert "What if" not in explorer.summary.value


def test_case_explorer_refuses_bad_set_up(explainer):
    with pytest.raises(TypeError, match="CaseExplainer"):
        widgets.case_explorer(MODEL, X_TEST, Y_TEST, 0.092)
    with pytest.raises(ValueError, match="No case 'W9999'"):
        widgets.case_explorer(explainer, X_TEST, Y_TEST, 0.092, case="W9999")
    with pytest.raises(ValueError, match="y_test must hold 1 \\(malignant\\) and 0"):
        widgets.case_explorer(explainer, X_TEST, Y_TEST + 1, 0.092)  # coded 1/2
    with pytest.raises(ValueError, match="threshold must be a number between 0 and 1"):
        widgets.case_explorer(explainer, X_TEST, Y_TEST, 9.2)  # a percentage


def test_nucleus_explorer_copes_with_every_slider_at_its_extremes():
    explorer = widgets.nucleus_explorer(MODEL, preset="malignant")
    for name, slider in explorer.sliders.items():
        for value in (slider.min, slider.max):
            slider.value = value
            assert len(explorer.view.image.contours) >= 1, (name, value)
