"""A synthetic image as one case for a model: the whole chain of lesson 02 in one function.

``nucleus_view`` draws a SYNTHETIC image (and one nucleus) with some settings, finds and
measures the nuclei (``features``), summarises them as the image's row of 30 WDBC features,
and asks a fitted model for its probability of malignancy (``models``). The nucleus explorer
(``widgets.nucleus_explorer``) shows what it returns; a lesson calls it directly. The image is
not a patient's and its numbers are not calibrated to the Wisconsin images: the probability
shows how an image becomes a prediction, it is not a diagnosis.

    >>> from bcc_teach import data, models, synthetic_case
    >>> model = models.reference_model().fit(*data.load_wdbc_xy())
    >>> view = synthetic_case.nucleus_view(model, "benign")
    >>> len(view.image.contours), view.probability < 0.5
    (10, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bcc_teach import features, models

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["NucleusView", "nucleus_view"]


@dataclass(frozen=True)
class NucleusView:
    """What the nucleus explorer shows for one set of slider values: the synthetic image and
    its nuclei (``image``), one nucleus drawn with exactly those settings (``nucleus``), its ten
    measurements (``measurements``), the image's row of 30 features (``row``) and the model's
    probability of malignancy for that row (``probability``)."""

    settings: features.ImageSettings
    image: features.Segmentation
    nucleus: features.Segmentation
    measurements: dict
    row: pd.DataFrame
    probability: float


def _fitting_image(settings: features.ImageSettings, seed: int):
    """The image with as many of ``settings.n_nuclei`` nuclei as fit in it."""
    try:
        return features.synthetic_image(settings, seed=seed, fewer_if_crowded=True)
    except features.CrowdedImageError:  # large nuclei: fewer fit, but not even one did
        raise features.CrowdedImageError("Not even one nucleus fits into the image.") from None


def nucleus_view(model, settings, seed: int = 0) -> NucleusView:
    """Draw a synthetic image and one nucleus with ``settings``, measure them, and ask ``model``.

    ``model``: a fitted model of the 30 WDBC features (e.g. the reference model);
    ``settings``: ``"benign"``, ``"malignant"`` or a ``features.ImageSettings``. When the
    nuclei are too large for all of them to fit in the image, fewer are drawn.

    >>> from bcc_teach import data
    >>> X, y = data.load_wdbc_xy()
    >>> view = nucleus_view(models.reference_model().fit(X, y), "malignant")
    >>> view.probability > 0.5, list(view.row.columns) == list(data.FEATURES)
    (True, True)
    """
    if isinstance(settings, str):
        if settings not in features.PRESETS:
            raise ValueError("settings must be 'benign', 'malignant' or an ImageSettings(...).")
        settings = features.PRESETS[settings]
    image = features.segment(_fitting_image(settings, seed))
    nucleus = features.segment(features.synthetic_nucleus(settings, seed=seed))
    measurements = features.measure_nucleus(nucleus.contours[0], nucleus.image, nucleus.masks[0])
    row = features.image_features(image, name="synthetic image")
    probability = float(models.probability_malignant(model, row)[0])
    return NucleusView(settings, image, nucleus, measurements, row, probability)
