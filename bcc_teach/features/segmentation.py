"""Segmentation: finding the nuclei in a grey-scale image and tracing one outline around each.

>>> from bcc_teach.features import segment, synthetic_nucleus
>>> segment(synthetic_nucleus(seed=0))
Segmentation(1 nuclei in a 42×42 image, threshold 158.9)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage
from skimage.filters import threshold_otsu
from skimage.measure import find_contours

from bcc_teach.features._common import _check_image, _median_grey, _polygon_mask, _resample


@dataclass(frozen=True, repr=False)
class Segmentation:
    """The nuclei found in an image.

    ``contours``: one closed outline per nucleus (an N×2 array of (row, column) pixel
    coordinates, last point = first); ``masks``: one boolean image per nucleus, True for the
    pixels whose centres lie inside its outline; ``image``: the grey levels (float);
    ``threshold``: the Otsu grey level that separated nuclei from background; ``dropped``:
    how many dark regions were left out, and why.

    >>> from bcc_teach.features import synthetic_nucleus
    >>> found = segment(synthetic_nucleus(seed=0))
    >>> found
    Segmentation(1 nuclei in a 42×42 image, threshold 158.9)
    """

    contours: tuple[np.ndarray, ...]
    masks: tuple[np.ndarray, ...]
    image: np.ndarray
    threshold: float
    dropped: dict[str, int]

    def __repr__(self) -> str:
        rows, cols = self.image.shape
        return (
            f"Segmentation({len(self.contours)} nuclei in a {rows}×{cols} image, "
            f"threshold {self.threshold:.1f})"
        )


#: The pixels at most two steps (up, down, left or right) away: dilating once with this is
#: dilating twice with the four nearest neighbours (``binary_dilation(..., iterations=2)``).
_WITHIN_TWO = ndimage.iterate_structure(ndimage.generate_binary_structure(2, 1), 2)


def _fill_holes(dark: np.ndarray) -> np.ndarray:
    """``ndimage.binary_fill_holes(dark)``: light pixels that cannot be reached from the edge of
    the image (up, down, left or right, through light pixels) become dark. The same mask,
    found by labelling the light regions once instead of growing them a pixel at a time."""
    light, count = ndimage.label(~dark)  # the light regions, four-connected as fill_holes
    edge = np.concatenate([light[0], light[-1], light[:, 0], light[:, -1]])
    reached = np.zeros(count + 1, dtype=bool)
    reached[edge] = True
    reached[0] = False  # label 0: the dark pixels themselves
    return ~reached[light]


def segment(
    image, *, min_area: int = 20, min_contrast: float = 25.0, smoothing: float = 1.0
) -> Segmentation:
    """Find the nuclei in a grey-scale image and trace one closed outline around each.

    Steps: smooth lightly (Gaussian, ``smoothing`` pixels) so chromatin grain does not break
    the outline; choose the grey level that best separates dark from light (Otsu's method);
    fill holes; label the connected dark regions; drop specks (fewer than ``min_area``
    pixels), regions touching the border (only part of the nucleus is visible) and regions
    less than ``min_contrast`` grey levels darker than the background; trace each remaining
    region's outline at the threshold level (marching squares, ``skimage.measure``),
    resampled at one point per pixel of length.

    ``image``: a 2-D array of grey levels 0–255 (dark nuclei on a light background) or a
    ``SyntheticImage``. Raises ``ValueError`` saying what is wrong for an empty image, a wrong
    type or shape, values outside 0–255, or an image where no nucleus is found.

    >>> from bcc_teach.features import synthetic_image
    >>> found = segment(synthetic_image("benign", seed=0))
    >>> len(found.contours), found.contours[0].shape[1]
    (10, 2)
    """
    array = _check_image(image)
    smooth = ndimage.gaussian_filter(array, smoothing) if smoothing > 0 else array
    spread = float(smooth.max() - smooth.min())
    if spread < min_contrast:
        hint = " (Grey levels scaled 0–1? Multiply by 255.)" if array.max() <= 1 else ""
        raise ValueError(
            f"No nucleus found in the image: it is almost uniform (its grey levels span only "
            f"{spread:.0f} after smoothing; nuclei should be at least {min_contrast:g} grey "
            f"levels darker than the background).{hint}"
        )
    threshold = float(threshold_otsu(smooth))
    dark = _fill_holes(smooth < threshold)
    labels, count = ndimage.label(dark)
    light = ~dark
    background = _median_grey(image, array, light) if light.any() else float(array.max())
    outside = max(threshold + 1.0, float(smooth.max()))  # a grey level lighter than any edge
    dropped = {"specks": 0, "touching the border": 0, "too faint": 0}
    contours, masks = [], []
    rows, cols = array.shape
    for index, box in enumerate(ndimage.find_objects(labels), start=1):
        region = labels[box] == index
        if region.sum() < min_area:
            dropped["specks"] += 1
            continue
        if box[0].start == 0 or box[1].start == 0 or box[0].stop == rows or box[1].stop == cols:
            dropped["touching the border"] += 1
            continue
        if background - float(array[box][region].mean()) < min_contrast:
            dropped["too faint"] += 1
            continue
        r0, c0 = box[0].start - 2, box[1].start - 2
        window = np.pad(region, 2)
        near = ndimage.binary_dilation(window, structure=_WITHIN_TWO)
        crop = np.full(window.shape, outside)
        rr = slice(max(r0, 0), min(box[0].stop + 2, rows))
        cc = slice(max(c0, 0), min(box[1].stop + 2, cols))
        crop[rr.start - r0 : rr.stop - r0, cc.start - c0 : cc.stop - c0] = smooth[rr, cc]
        crop[~near] = outside
        traced = max(find_contours(crop, threshold), key=len, default=np.empty((0, 2)))
        if len(traced) < 4:
            dropped["specks"] += 1
            continue
        points = _resample(traced[:-1] + (r0, c0))
        contour = np.vstack([points, points[:1]])
        contours.append(contour)
        masks.append(_polygon_mask(array.shape, points))
    if not contours:
        reasons = [f"{n} {why}" for why, n in dropped.items() if n]
        detail = f" (dark regions left out: {', '.join(reasons)})" if reasons else ""
        raise ValueError(
            "No nucleus found in the image: no dark region of at least "
            f"{min_area} pixels, clear of the border and {min_contrast:g} grey levels darker "
            f"than the background{detail}. Is it a grey-scale image with dark nuclei on a "
            "light background?"
        )
    return Segmentation(tuple(contours), tuple(masks), array, threshold, dropped)
