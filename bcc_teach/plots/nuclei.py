"""Drawing nuclei and what is measured on them (lesson 02): a synthetic FNA image with its
nuclei outlined, and one nucleus with the geometry behind each of the ten measurements.

    >>> from bcc_teach import features
    >>> ax = fna_image(features.synthetic_image("benign", seed=0))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bcc_teach import data, style
from bcc_teach.plots._common import _axes
from bcc_teach.plots.described import _describe

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def fna_image(image, contours=None, *, ax: Axes | None = None, title: str | None = None) -> Axes:
    """Show a grey-scale (synthetic) FNA image; outline and number each nucleus if given.

    ``image``: a ``features.SyntheticImage``, a ``features.Segmentation`` (its outlines are
    drawn) or a 2-D array of grey levels. ``contours``: outlines to draw (default: those of a
    Segmentation, none otherwise). The title says the image is synthetic.

    >>> from bcc_teach import features
    >>> ax = fna_image(features.segment(features.synthetic_image("benign", seed=0)))
    """
    import numpy as np

    from bcc_teach import features

    if isinstance(image, features.Segmentation):
        pixels, found = image.image, list(image.contours)
    else:
        pixels, found = (image.pixels if isinstance(image, features.SyntheticImage) else image), []
    pixels = np.asarray(pixels)
    contours = found if contours is None else list(contours)
    rows, cols = pixels.shape[:2]
    ax = _axes(ax, (5.0, 5.0 * rows / cols))
    ax.imshow(pixels, cmap="gray", vmin=0, vmax=255, interpolation="nearest")
    joined = _joined([contour[:, ::-1] for contour in contours])  # (column, row): x, y
    ax.plot(joined[:, 0], joined[:, 1], color=style.OUTLINE, linewidth=1.5)
    _number_nuclei(ax, contours)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(_image_title(contours) if title is None else title)
    traced = f", with {len(contours)} traced outlines (green), numbered" if contours else ""
    _describe(ax, f"A SYNTHETIC grey-scale picture, {cols} × {rows} pixels, of dark nuclei on a "
                  f"light background{traced}.")  # fmt: skip
    return ax


def _image_title(contours) -> str:
    return f"SYNTHETIC image, {len(contours)} nuclei outlined" if contours else "SYNTHETIC image"


def _number_nuclei(ax: Axes, contours) -> list:
    """Number each outlined nucleus just above its top; return the numbers (Text artists)."""
    import numpy as np

    numbers = []
    for number, contour in enumerate(contours, start=1):
        top = contour[np.argmin(contour[:, 0])]
        numbers.append(ax.annotate(
            str(number), (top[1], top[0]), xytext=(0, 3), textcoords="offset points",
            ha="center", va="bottom", color=style.OUTLINE, fontweight="bold",
        ))  # fmt: skip
    return numbers


def _joined(lines):
    """Several lines (each an N×2 array of points) as one, broken by NaN between them: one
    artist, quick to draw."""
    import numpy as np

    pieces = [np.asarray(line, dtype=float) for line in lines]
    gap = np.full((1, 2), np.nan)
    if not pieces:
        return np.empty((0, 2))
    return np.concatenate([part for piece in pieces for part in (piece, gap)][:-1])


def _circle(centre, radius: float, points: int = 200):
    import numpy as np

    angles = np.linspace(0, 2 * np.pi, points)
    return centre[0] + radius * np.sin(angles), centre[1] + radius * np.cos(angles)


def _draw_outline(ax: Axes, outline, **kwargs) -> None:
    ax.plot(outline[:, 1], outline[:, 0], **{"color": style.OUTLINE, "linewidth": 2, **kwargs})


def _draw_radius_lines(ax: Axes, lines, linewidth: float) -> None:
    """The lines from the centre to the outline, as one line broken between them."""
    points = _joined(lines)
    ax.plot(points[:, 1], points[:, 0], color=style.HIGHLIGHT, linewidth=linewidth)


def _geometry(ax: Axes, outline, feature: str, image) -> str:
    """Draw the geometry behind one base feature; return the sentence that explains it."""
    import math

    import numpy as np

    from bcc_teach import features

    middle = features.centre(outline)
    if feature == "radius":
        _draw_radius_lines(ax, features.radius_lines(outline, 16), linewidth=1)
        ax.plot(middle[1], middle[0], "o", color=style.HIGHLIGHT)
        return "mean length of the lines from the centre to the edge"
    if feature == "texture":
        from skimage.draw import polygon2mask

        inside = polygon2mask(np.shape(image), outline)
        ax.imshow(np.where(inside, image, 255), cmap="gray", vmin=0, vmax=255,
                  interpolation="nearest")  # fmt: skip
        return "spread (SD) of the grey levels inside the outline"
    if feature == "perimeter":
        _draw_outline(ax, outline, linewidth=4)
        return "length of the outline"
    if feature == "area":
        ax.fill(outline[:, 1], outline[:, 0], color=style.OUTLINE, alpha=0.45)
        return "surface inside the outline"
    if feature == "smoothness":
        rows, cols = _circle(middle, features.radius(outline))
        ax.plot(cols, rows, "--", color=style.HIGHLIGHT, linewidth=1.5)
        return "each radius against its neighbours (dashed: a smooth circle)"
    if feature == "compactness":
        rows, cols = _circle(middle, math.sqrt(features.area(outline) / math.pi))
        ax.plot(cols, rows, "--", color=style.HIGHLIGHT, linewidth=1.5)
        return "perimeter² / (4π × area) − 1 (dashed: a circle, 0)"
    if feature == "concavity":
        hull = features.convex_hull(outline)
        ax.fill(hull[:, 1], hull[:, 0], color=style.HIGHLIGHT, alpha=0.55)
        ax.fill(outline[:, 1], outline[:, 0], color="white")
        return "dent area (orange, inside the rubber band) over the area"
    if feature == "concave_points":
        hull = features.convex_hull(outline)
        ax.plot(hull[:, 1], hull[:, 0], ":", color=style.NEUTRAL, linewidth=1.5)
        dents = features.dent_points(outline)
        ax.plot(dents[:, 1], dents[:, 0], "o", color=style.HIGHLIGHT, markersize=8)
        return f"{len(dents)} dent(s) marked, per pixel of outline"
    if feature == "symmetry":
        ends, mirrored = features.major_axis(outline), features.mirror(outline)
        ax.plot(ends[:, 1], ends[:, 0], color=style.HIGHLIGHT, linewidth=1.5)
        ax.plot(mirrored[:, 1], mirrored[:, 0], "--", color=style.NEUTRAL, linewidth=1.5)
        return "the two sides of the long axis (dashed: mirror image)"
    if feature == "fractal_dimension":
        lengths = []
        for ruler, colour in ((1, style.OUTLINE), (8, style.HIGHLIGHT)):
            walked = features.coastline(outline, ruler)
            lengths.append(f"{features.perimeter(walked):.0f} px")
            ax.plot(walked[:, 1], walked[:, 0], color=colour, linewidth=1.5, marker="o",
                    markersize=3 if ruler > 1 else 0)  # fmt: skip
        return f"length with a 1 px ruler {lengths[0]}; with an 8 px ruler {lengths[1]}"
    raise ValueError(
        f"feature must be one of the ten measurements {', '.join(data.BASE_FEATURES)}; "
        f"got {feature!r}."
    )


def _nucleus_axes(ax: Axes | None, image) -> Axes:
    """Axes for one nucleus: its picture behind, or an empty square with rows running down."""
    import numpy as np

    ax = _axes(ax, (3.2, 3.2))
    if image is not None:
        ax.imshow(np.asarray(image), cmap="gray", vmin=0, vmax=255, interpolation="nearest")
    else:
        ax.set_aspect("equal")
        ax.invert_yaxis()
    return ax


def nucleus_feature(outline, feature: str, image=None, *, ax: Axes | None = None) -> Axes:
    """Draw on one nucleus what one of the ten measurements looks at, with its value.

    ``outline``: the nucleus's closed outline (an N×2 array of (row, column) points, e.g.
    ``features.segment(picture).contours[0]``); ``feature``: one of ``data.BASE_FEATURES``
    (``"radius"``, ``"concave_points"``, …); ``image``: the grey levels of a picture holding
    only this nucleus (needed for ``"texture"``, shown behind the outline otherwise). The
    title gives the value; the label underneath says what is measured.

    >>> from bcc_teach import features
    >>> one = features.synthetic_nucleus("malignant", seed=2)
    >>> ax = nucleus_feature(features.segment(one).contours[0], "concave_points", one.pixels)
    """
    import textwrap

    import numpy as np

    from bcc_teach import features

    if feature not in data.BASE_FEATURES:
        raise ValueError(
            f"feature must be one of the ten measurements {', '.join(data.BASE_FEATURES)}; "
            f"got {feature!r}."
        )
    outline = np.asarray(outline, dtype=float)
    if feature == "texture" and image is None:
        raise ValueError("Drawing texture needs the nucleus's image: nucleus_feature(..., image=).")
    ax = _nucleus_axes(ax, image)
    _draw_outline(ax, outline)
    sentence = _geometry(ax, outline, feature, image)
    values = features.measure_nucleus(outline, image)
    # The value as the title, what it measures underneath, wrapped to the panel's width, in
    # type large enough to read when a gallery of ten panels is shrunk to fit the page.
    box = ax.get_position()
    figure_width, figure_height = ax.figure.get_size_inches()
    width = 72 * min(box.width * figure_width, box.height * figure_height)  # a square, points
    size = 12.0
    title = f"{feature} = {values[feature]:.4g}"
    if len(title) * 0.62 * (size + 1) > 1.15 * width:  # too wide: the value on a line below
        title = title.replace(" = ", "\n= ")
    ax.set_title(title, fontsize=size + 1, fontweight="bold")
    ax.set_xlabel(
        textwrap.fill(sentence, max(16, int(1.15 * width / (0.55 * size)))), fontsize=size
    )
    ax.set_xticks([])
    ax.set_yticks([])
    _describe(ax, f"One nucleus and its outline (green), drawn to show what {feature} measures: "
                  f"{sentence}.")  # fmt: skip
    return ax


def nucleus_outline(outline, image=None, *, ax: Axes | None = None) -> Axes:
    """One nucleus with its outline, 16 radius lines, its rubber band (convex hull, dotted) and
    its dents (orange dots): the shape measurements in one picture.

    ``outline`` and ``image`` as for ``nucleus_feature``.

    >>> from bcc_teach import features
    >>> one = features.synthetic_nucleus("malignant", seed=2)
    >>> ax = nucleus_outline(features.segment(one).contours[0], one.pixels)
    """
    ax = _nucleus_axes(ax, image)
    hull, radii, outline, dents = _outline_geometry(outline)
    ax.plot(hull[:, 1], hull[:, 0], ":", color=style.NEUTRAL, linewidth=1.5)
    _draw_radius_lines(ax, radii, linewidth=0.8)
    _draw_outline(ax, outline)
    ax.plot(dents[:, 1], dents[:, 0], "o", color=style.HIGHLIGHT, markersize=7)
    ax.set_xticks([])
    ax.set_yticks([])
    _describe(ax, f"One nucleus with its outline (green), {len(radii)} lines from its centre to "
                  "the edge (orange), its rubber band (the convex hull, dotted grey) and its "
                  f"dents, marked by orange dots: {len(dents)}.")  # fmt: skip
    return ax


def _outline_geometry(outline) -> tuple:
    """What ``nucleus_outline`` draws, as (row, column) points: the rubber band (convex hull),
    the 16 radius lines, the outline itself and the dents."""
    import numpy as np

    from bcc_teach import features

    outline = np.asarray(outline, dtype=float)
    hull = features.convex_hull(outline)
    return hull, features.radius_lines(outline, 16), outline, features.dent_points(outline)
