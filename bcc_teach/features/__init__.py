"""From a cytology image to the 30 WDBC numbers, shown on **synthetic** images.

The Wisconsin data (WDBC) were made from digitised images of fine-needle aspirates (FNA): for
each image, the outline of every nucleus was traced, ten measurements were made on each
outline, and each measurement was summarised over the image's nuclei as a mean, a standard
error and a "worst" value (30 numbers). This module walks through the same steps.

**No patient image is shipped with this course.** Every image here is drawn by the computer
(``synthetic_image``, ``synthetic_nucleus``): dark "stained nuclei" on a light background,
with settings for size, outline irregularity, dents and chromatin texture. They look a little
like an FNA smear; they are not one.

    >>> from bcc_teach import features
    >>> picture = features.synthetic_image("malignant", seed=1)  # a SYNTHETIC image
    >>> found = features.segment(picture)                        # one outline per nucleus
    >>> len(found.contours) == len(picture.outlines)
    True
    >>> row = features.image_features(found)                     # the 30 numbers, one row
    >>> row.shape
    (1, 30)

The steps: ``synthetic_image`` (or ``synthetic_nucleus``) draws an image; ``segment`` finds the
nuclei (smooth, Otsu threshold, labelled regions, contour); ``measure_nucleus`` makes the ten
measurements on one outline; ``nucleus_table`` gives one row per nucleus and
``image_features`` the image's row with the 30 columns of ``data.FEATURES``, in order, so it
can be handed to a fitted model.

The modules, one job each (every name is also here, as ``features.<name>``):
``synthetic`` (the synthetic images and their settings), ``segmentation`` (finding the
nuclei), ``measurements`` (the ten measurements of one outline), ``geometry`` (what the
measurements look at, for drawing: centre, radius lines, hull, dents, coastline, major axis,
mirror image) and ``tables`` (one row per nucleus, one row of 30 features per image).

How each of the ten features is measured here (Street, Wolberg & Mangasarian 1993, "Nuclear
feature extraction for breast tumor diagnosis", IS&T/SPIE vol. 1905, pp. 861-870). Lengths are
in pixels; the outline is a closed polygon of (row, column) points. Where a feature needs
evenly spaced boundary points, the outline is resampled along its length.

- ``radius``: mean distance from the nucleus centre (the centroid of the outline's area) to
  evenly spaced boundary points. As in the paper.
- ``texture``: standard deviation (population, ``ddof=0``) of the grey levels of the pixels
  whose centres lie inside the outline. As in the paper.
- ``perimeter``: length of the closed outline (sum of the distances between its points). As in
  the paper (the distance between the snake points).
- ``area``: area enclosed by the outline (shoelace formula). The paper counts the pixels
  inside plus half the pixels on the boundary; the two agree to within a pixel's width.
- ``smoothness``: local variation in radius lengths. Radii r_i go from the centre to boundary
  points spaced evenly about 2 pixels apart; smoothness is the sum of
  ``|r_i - (r_(i-1) + r_(i+1)) / 2|`` (each radius against the mean of its two neighbours)
  divided by the perimeter. The paper names the ingredients; the 2-pixel spacing and the
  division by the perimeter are our guesses (they give a ratio on the WDBC scale).
- ``compactness``: ``perimeter**2 / (4 * pi * area) - 1``, so 0 for a perfect circle. The WDBC
  documentation writes ``perimeter^2 / area - 1.0``, but a circle already gives 4π (12.6) that
  way while the published values lie between 0.02 and 0.35, so we divide by 4π.
- ``concavity``: the area between the outline and its convex hull (the "rubber band" around
  it), divided by the area: 0 when there is no dent, larger for deeper and wider dents. The
  paper measures how far the boundary lies inside chords between boundary points; the convex
  hull is our simpler stand-in for those chords.
- ``concave_points``: the number of concave portions (dents: runs of boundary points lying
  more than 4% of the radius, and at least half a pixel, inside the convex hull) per pixel of
  perimeter. The paper counts concave portions; its scaling is not published, so ours is a
  choice (dents per unit length of outline). Two dents not separated by a bump that reaches
  the hull count as one.
- ``symmetry``: find the major axis (the longest chord through the centre, searched in 1°
  steps); at 32 evenly spaced places along it, measure the distance from the axis to the
  boundary on either side, perpendicular to the axis; symmetry is
  ``sum |left - right| / sum ((left + right) / 2)``, the mean difference between the sides
  relative to their mean length. The paper describes the same pairs of segments; the
  normalisation is our guess. 0 for an outline that is symmetric about its major axis.
- ``fractal_dimension``: the "coastline approximation". The perimeter is measured with rulers
  of 1, 2, 4, 8 and 16 boundary steps (about 1 to 16 pixels; rulers longer than a sixth of the
  outline are dropped); log(perimeter) is fitted against log(ruler length) by least squares;
  the dimension is ``1 - slope`` and the feature is ``dimension - 1`` (= ``-slope``), as in the
  paper. The ruler sizes are our choice: the value depends on them and on the pixel size.

Measured from an image, an outline is a little smoother than the one that was drawn: the
image's blur, and the light smoothing before thresholding, hide the finest wiggles. Radius
and area barely change (under 1% on the synthetic nuclei); perimeter comes out a few percent
shorter, and compactness and concavity lower, than on the drawn outline.

The definitions aim at values on roughly the WDBC scale (radius in image units, texture in grey
levels, the ratios between about 0 and 0.4), so that an image's row can be given to the course's
reference model. But **the synthetic values are not calibrated to the real Wisconsin images**
(different pixel size, optics, stain and outline-finding): read a model's answer on a
synthetic image as a demonstration of the workflow, never as a diagnosis.

Per image (``summarise``): ``mean`` over the nuclei, ``se`` = standard deviation (``ddof=1``)
divided by √n (0 when only one nucleus was measured), and ``worst`` = the mean of the three
largest values (of all values when fewer than three nuclei were found).
"""

from __future__ import annotations

from bcc_teach.features.geometry import (
    centre,
    coastline,
    convex_hull,
    dent_points,
    major_axis,
    mirror,
    radius_lines,
)
from bcc_teach.features.measurements import (
    area,
    compactness,
    concave_points,
    concavity,
    fractal_dimension,
    measure_nucleus,
    perimeter,
    radius,
    smoothness,
    symmetry,
    texture,
)
from bcc_teach.features.segmentation import (
    Segmentation,
    segment,
)
from bcc_teach.features.synthetic import (
    PRESETS,
    SYNTHETIC_NOTE,
    CrowdedImageError,
    ImageSettings,
    SyntheticImage,
    synthetic_image,
    synthetic_nucleus,
)
from bcc_teach.features.tables import (
    image_features,
    nucleus_table,
    summarise,
)

__all__ = [
    "PRESETS",
    "SYNTHETIC_NOTE",
    "CrowdedImageError",
    "ImageSettings",
    "Segmentation",
    "SyntheticImage",
    "area",
    "centre",
    "coastline",
    "compactness",
    "concave_points",
    "concavity",
    "convex_hull",
    "dent_points",
    "fractal_dimension",
    "image_features",
    "major_axis",
    "measure_nucleus",
    "mirror",
    "nucleus_table",
    "perimeter",
    "radius",
    "radius_lines",
    "segment",
    "smoothness",
    "summarise",
    "symmetry",
    "synthetic_image",
    "synthetic_nucleus",
    "texture",
]
