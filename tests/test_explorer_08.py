"""The drift explorer of lesson 08: its controls move the women, the figures and the warning."""

from __future__ import annotations

import numpy as np
import pytest

from bcc_teach import plots, shift, widgets


@pytest.fixture(scope="module")
def parts():
    taught = shift.taught_model()
    return taught, shift.fit_ood_warning(taught.X_train), shift.imaging_factors()


def test_the_drift_explorer_follows_its_controls(parts):
    explorer = widgets.drift_explorer(*parts)
    first_image, first_text = explorer.image.value, explorer.summary.value
    assert "no change" in first_text and "malignant = positive" in first_text
    assert bytes(first_image).startswith(b"\x89PNG")
    explorer.sliders["magnification"].value = 0.8
    assert explorer.image.value != first_image
    taught, warning, factors = parts
    expected = shift.scenario(taught, warning, factors, magnification=0.8)
    assert expected.sensitivity.words(3) in explorer.summary.value
    assert f"fires on {expected.warning.rate().counted()} women" in explorer.summary.value
    explorer.re_measured.value = True
    measured = shift.scenario(taught, warning, factors, magnification=0.8, re_measured=True)
    assert "(sizes re-measured)" in explorer.summary.value
    assert measured.sensitivity.words(3) in explorer.summary.value
    explorer.sliders["magnification"].value = 1.0
    explorer.re_measured.value = False
    assert (explorer.image.value, explorer.summary.value) == (first_image, first_text)
    assert (
        repr(explorer)
        == "DriftExplorer(magnification=1.00, focus=0.0, stain=1.0, re_measured=False)"
    )


def test_a_blurred_slide_rings_nearly_every_woman(parts):
    taught, warning, factors = parts
    blurred = shift.scenario(taught, warning, factors, focus=2.0)
    assert blurred.warning.rate().value > 0.9
    text = widgets.drift_summary(blurred, shift.scenario(taught, warning, factors))
    assert "blur 2.0 px" in text and 'never "malignant"' in text
    ax = plots.drift_scatter(taught.X_test, blurred.X, taught.y_test, blurred.warning.warned)
    rings = ax.collections[-1]
    assert len(rings.get_offsets()) == int(blurred.warning.warned.sum())
    malignant = ax.collections[2]
    assert np.allclose(malignant.get_offsets()[:, 0],
                       blurred.X["area_worst"][taught.y_test == 1])  # fmt: skip
