"""synthetic_case.nucleus_view: lesson 02's whole chain, image → nuclei → 30 features → model."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from bcc_teach import data, features, models, synthetic_case, widgets

MODEL = models.reference_model().fit(*data.load_wdbc_xy())


def test_the_chain_draws_measures_summarises_and_asks_the_model():
    view = synthetic_case.nucleus_view(MODEL, "malignant", seed=0)
    picture = features.synthetic_image("malignant", seed=0)  # the same seed: the same image
    assert len(view.image.contours) == len(picture.outlines) == 8
    expected = features.image_features(picture)
    assert list(view.row.columns) == list(data.FEATURES)
    assert np.allclose(view.row.to_numpy(), expected.to_numpy())
    assert view.row.index.tolist() == ["synthetic image"]
    assert view.probability == float(models.probability_malignant(MODEL, view.row)[0])
    one = view.nucleus  # one nucleus with exactly the settings asked for
    assert len(one.contours) == 1
    assert view.measurements == features.measure_nucleus(one.contours[0], one.image, one.masks[0])
    assert view.settings == features.PRESETS["malignant"]


def test_the_reference_model_tells_the_presets_apart():
    benign = synthetic_case.nucleus_view(MODEL, "benign")
    malignant = synthetic_case.nucleus_view(MODEL, "malignant")
    assert benign.probability < 0.1 < 0.9 < malignant.probability


def test_nuclei_too_large_to_fit_are_drawn_fewer():
    big = dataclasses.replace(features.PRESETS["malignant"], radius=24.0, n_nuclei=20)
    with pytest.raises(features.CrowdedImageError, match="Could not fit"):
        features.synthetic_image(big, seed=0)
    assert 1 <= len(synthetic_case.nucleus_view(MODEL, big).image.contours) < big.n_nuclei
    with pytest.raises(ValueError, match="settings must be"):
        synthetic_case.nucleus_view(MODEL, "atypical")


def test_moving_only_the_texture_repaints_the_same_nuclei():
    """The nuclei drawn for the last settings are kept without their staining: a change of
    texture alone paints them again, and every number is that of drawing from scratch."""
    import pandas as pd

    from bcc_teach.features import synthetic

    crowded = dataclasses.replace(features.PRESETS["malignant"], radius=24.0)
    views = [
        synthetic_case.nucleus_view(MODEL, dataclasses.replace(crowded, texture=texture))
        for texture in (10.0, 30.0)
    ]
    assert views[0].row["texture_mean"].iloc[0] < views[1].row["texture_mean"].iloc[0]
    for view in views:
        synthetic._image_layout.cache_clear()
        synthetic._nucleus_layout.cache_clear()
        fresh = synthetic_case.nucleus_view(MODEL, view.settings)
        for a, b in zip(view.image.contours, fresh.image.contours, strict=True):
            np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(view.nucleus.image, fresh.nucleus.image)
        assert view.measurements == fresh.measurements
        pd.testing.assert_frame_equal(view.row, fresh.row)
        assert view.probability == fresh.probability


def test_widgets_still_offer_the_chain_by_its_old_name():
    assert widgets.nucleus_view is synthetic_case.nucleus_view
    assert widgets.NucleusView is synthetic_case.NucleusView
    with pytest.raises(AttributeError, match="no attribute 'nucleus_veiw'"):
        _ = widgets.nucleus_veiw
