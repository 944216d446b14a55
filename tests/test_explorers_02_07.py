"""Lesson 02's nucleus figures and explorer, lesson 07's case figure and explorer: what is drawn,
and what each control changes, tested without a browser."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
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
    assert ax.get_title().replace("\n", " ") == f"{feature} = {value:.4g}"
    assert ax.get_xlabel(), "what is measured is said under the picture"
    assert _lines_in(ax, style.OUTLINE), "the outline is drawn"


def test_the_gallery_of_ten_panels_is_readable():
    """Lesson 02 draws the ten panels in a 13-inch figure (1,300 pixels at 100 dpi), which a
    notebook 870 pixels wide shows at two thirds: the titles still come out 12 pixels tall or
    more (they were 8) and the labels 11, and no text leaves its panel."""
    fig, axes = plt.subplots(2, 5, figsize=(13, 6.6), layout="constrained")
    for ax, measurement in zip(axes.flat, data.BASE_FEATURES, strict=True):
        plots.nucleus_feature(OUTLINE, measurement, ONE.pixels, ax=ax)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    pixels_per_point = 100 / 72 * 2 / 3  # on the screen, for a point of the figure
    for ax in axes.flat:
        assert ax.title.get_fontsize() * pixels_per_point >= 12
        assert ax.xaxis.label.get_fontsize() * pixels_per_point >= 11
        panel = ax.get_window_extent(renderer)
        for text in (ax.title, ax.xaxis.label):
            box = text.get_window_extent(renderer)
            assert (
                box.x0 >= panel.x0 - 0.15 * panel.width and box.x1 <= panel.x1 + 0.15 * panel.width
            )
    figure_box = fig.bbox
    assert all(ax.title.get_window_extent(renderer).x1 <= figure_box.x1 for ax in axes.flat)


def test_the_drawings_show_the_geometry_that_is_measured():
    radius = plots.nucleus_feature(OUTLINE, "radius", ONE.pixels)
    radii, centre = _lines_in(radius, style.HIGHLIGHT)  # 16 radii (one broken line), the centre
    assert np.isnan(radii.get_xdata()).sum() == 15 and len(centre.get_xdata()) == 1  # 16 pieces
    ends = radii.get_xydata()[~np.isnan(radii.get_xdata())].reshape(16, 2, 2)[:, :, ::-1]
    assert np.allclose(ends, features.radius_lines(OUTLINE, 16))
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
    (outlines,) = _lines_in(ax, style.OUTLINE)  # one line, broken between the nuclei
    pieces = np.split(outlines.get_xydata(), np.flatnonzero(np.isnan(outlines.get_xdata())))
    pieces = [piece[~np.isnan(piece[:, 0])] for piece in pieces]
    assert [piece.tolist() for piece in pieces] == [c[:, ::-1].tolist() for c in found.contours]
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
    label = dict((v, k) for k, v in explorer.cases.options)[benign_case]
    assert label == f"{benign_case} · recorded diagnosis: benign"
    assert "Recorded diagnosis (the Wisconsin team's): <b>benign</b>" in explorer.summary.value
    assert "What if" not in explorer.summary.value
    picture = explorer.image.value
    explorer.cases.value = "W331"  # back to her: the same picture, kept
    explorer.cases.value = benign_case
    assert explorer.image.value == picture


def test_case_explorer_decides_as_a_part_of_triple_assessment(explainer):
    """Below the threshold a case is "not flagged", and the other tests still decide: no test
    "rules out" cancer or "reassures" on its own."""
    p = models.probability_malignant(MODEL, X_TEST)
    below, above = X_TEST.index[p < 0.092][0], X_TEST.index[p >= 0.5][0]
    explorer = widgets.case_explorer(explainer, X_TEST, Y_TEST, 0.092, case=below)
    text = explorer.summary.value
    assert "below the threshold (0.09): <b>not flagged</b>" in text
    assert "other parts of triple assessment" in text
    explorer.cases.value = above
    assert "at or above the threshold (0.09): <b>flagged</b>" in explorer.summary.value
    feature = explorer.feature.value
    lowest = explorer.what_if(feature, explorer.value.min)
    highest = explorer.what_if(feature, explorer.value.max)
    assert lowest != highest
    words = [explorer.summary.value, *(label for label, _ in explorer.cases.options)]
    for changed in (0.01, 0.99):  # a "what if" that falls either side of the threshold
        words.append(widgets.case_summary(explorer.explanation, 1, 0.092, explorer._sits,
                                          (feature, 1.0, 2.0, changed)))  # fmt: skip
    for text in words:
        for banned in ("ruled out", "rule out", "reassur", "biopsy result", "biopsy:"):
            assert banned not in text.lower(), (banned, text)


def test_case_explorer_says_it_is_working_while_lime_explains(explainer, monkeypatch):
    explorer = widgets.case_explorer(explainer, X_TEST, Y_TEST, 0.092, case="W331")
    assert explorer.status.value == ""
    shown_while_explaining = []
    explain_once = explainer.explain

    def watched(case, *args, **kwargs):
        shown_while_explaining.append(explorer.status.value)
        return explain_once(case, *args, **kwargs)

    monkeypatch.setattr(explainer, "explain", watched)
    new = next(i for i in X_TEST.index if i != "W331")
    explorer.cases.value = new
    assert (
        shown_while_explaining
        and "Computing the explanation for " + new in (shown_while_explaining[0])
    )
    assert explorer.status.value == ""  # done: the line is cleared
    explorer.cases.value = "W331"  # shown before: nothing to compute
    assert len(shown_while_explaining) == 1


def test_case_figure_keeps_each_features_plot_and_moves_it_where_it_is_needed(explainer):
    """A plot kept from one patient and put in another place for the next looks as it would
    drawn afresh, with the line at the new patient's value."""
    import io

    import numpy as np
    from PIL import Image

    def pixels(png):
        return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)

    used = plots.CaseFigure(X_TRAIN, Y_TRAIN)
    cases = list(X_TEST.index[:6])
    tables = {c: explainer.explain(X_TEST.loc[c]).table for c in cases}
    places = {}
    for c in cases:
        used.update(tables[c], X_TEST.loc[c], c)
        for slot, feature in enumerate(tables[c]["feature"][:3]):
            places.setdefault(feature, set()).add(slot)
    assert any(len(slots) > 1 for slots in places.values()), "a plot moved between places"
    assert len(used._plots) == len(places)  # each feature's plot drawn once
    for c in cases:
        again = pixels(used.update(tables[c], X_TEST.loc[c], c))
        fresh = pixels(plots.CaseFigure(X_TRAIN, Y_TRAIN).update(tables[c], X_TEST.loc[c], c))
        assert (np.abs(again - fresh).max(axis=2) > 64).mean() < 0.002, c
        for slot, feature in enumerate(tables[c]["feature"][:3]):
            assert list(used._markers[slot].get_xdata()) == [X_TEST.loc[c, feature]] * 2


def test_case_explorer_refuses_bad_set_up(explainer):
    with pytest.raises(TypeError, match="CaseExplainer"):
        widgets.case_explorer(MODEL, X_TEST, Y_TEST, 0.092)
    with pytest.raises(ValueError, match="No case 'W9999'"):
        widgets.case_explorer(explainer, X_TEST, Y_TEST, 0.092, case="W9999")
    with pytest.raises(ValueError, match="y_test must hold 1 \\(malignant\\) and 0"):
        widgets.case_explorer(explainer, X_TEST, Y_TEST + 1, 0.092)  # coded 1/2
    with pytest.raises(ValueError, match="threshold must be a number between 0 and 1"):
        widgets.case_explorer(explainer, X_TEST, Y_TEST, 9.2)  # a percentage


def test_nucleus_explorer_keeps_what_it_has_shown():
    explorer = widgets.nucleus_explorer(MODEL)
    first, picture = explorer.view, explorer.image.value
    explorer.sliders["radius"].value = 20.0
    assert explorer.view is not first
    explorer.sliders["radius"].value = 12.0  # back to the preset: kept, not worked out again
    assert explorer.view is first and explorer.image.value == picture


def test_a_crowded_image_holds_as_many_nuclei_as_fit_whatever_the_texture():
    """Large nuclei: fewer fit. The count found once is reused when only the chromatin changes
    (texture moves no nucleus), and is the count a fresh search finds."""
    import dataclasses

    large = dataclasses.replace(features.PRESETS["benign"], radius=24.0)
    for texture in (13.0, 30.0):
        settings = dataclasses.replace(large, texture=texture)
        view = synthetic_case.nucleus_view(MODEL, settings)
        fits = next(
            n for n in range(settings.n_nuclei, 0, -1)
            if _fits(settings, n)
        )  # fmt: skip
        assert fits < settings.n_nuclei  # it is crowded
        expected = features.segment(features.synthetic_image(settings, seed=0, n_nuclei=fits))
        assert len(view.image.contours) == len(expected.contours)
        assert (view.image.image == expected.image).all()


def _fits(settings, n: int) -> bool:
    try:
        features.synthetic_image(settings, seed=0, n_nuclei=n)
    except features.CrowdedImageError:
        return False
    return True


def test_nucleus_explorer_copes_with_every_slider_at_its_extremes():
    explorer = widgets.nucleus_explorer(MODEL, preset="malignant")
    for name, slider in explorer.sliders.items():
        for value in (slider.min, slider.max):
            slider.value = value
            assert len(explorer.view.image.contours) >= 1, (name, value)
