"""Figures that redraw quickly, for the explorers: each draws once, and its ``update``
redraws what changed and returns the figure as PNG bytes for a widget's image.

    >>> from matplotlib.figure import Figure
    >>> figure_png(Figure(figsize=(1, 1)))[:4]
    b'\\x89PNG'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bcc_teach.plots.explanations import case_in_distribution, explanation
from bcc_teach.plots.nuclei import fna_image, nucleus_outline
from bcc_teach.plots.performance import (
    _CELLS,
    _cell_text,
    _draw_confusion,
    _draw_icons,
    _icon_colours,
    _icon_labels,
    probability_distribution,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def _wipe(ax: Axes) -> None:
    """Remove what was drawn on ``ax`` but keep its ticks and labels (much quicker to redraw
    than ``ax.clear()``, which builds every tick again)."""
    for artist in [*ax.lines, *ax.patches, *ax.collections, *ax.images, *ax.texts]:
        artist.remove()
    ax.containers.clear()
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    ax.relim()
    ax.autoscale()


def figure_png(figure, dpi: int = 72) -> bytes:
    """A Matplotlib figure as PNG bytes (quick to encode), for a widget's image.

    >>> from matplotlib.figure import Figure
    >>> figure_png(Figure(figsize=(1, 1)))[:4]
    b'\\x89PNG'
    """
    import io

    buffer = io.BytesIO()
    figure.savefig(
        buffer, format="png", dpi=dpi, metadata={"Software": None}, pil_kwargs={"compress_level": 1}
    )
    return buffer.getvalue()


class ThresholdFigure:
    """The probability histogram and the 2×2 table side by side; ``update`` moves the threshold.

    Everything that does not change (bars, axes, labels) is drawn once and kept as pixels; an
    update draws only the threshold line and the counts on top of it, so it is quick.

    >>> from bcc_teach import metrics
    >>> y, p = [1, 0, 1, 0], [0.9, 0.2, 0.7, 0.4]
    >>> figure = ThresholdFigure(y, p, 0.5, metrics.confusion(y, p, 0.5))
    >>> figure.update(0.3, metrics.confusion(y, p, 0.3)).startswith(b"\\x89PNG")
    True
    """

    def __init__(self, y_true, p_malignant, threshold: float, counts, dpi: int = 72):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(10, 3.6), dpi=dpi)
        self.figure.subplots_adjust(left=0.06, right=0.99, bottom=0.15, top=0.84, wspace=0.35)
        histogram, table = self.figure.subplots(1, 2, width_ratios=(1.3, 1))
        probability_distribution(y_true, p_malignant, threshold, ax=histogram)
        self.line = histogram.get_lines()[-1]
        self.title = histogram.title
        self.labels = _draw_confusion(table, counts)
        self.moving = [self.line, self.title, *self.labels.values()]
        for artist in self.moving:
            artist.set_animated(True)  # left out of the background
        self.canvas = FigureCanvasAgg(self.figure)
        self.canvas.draw()
        self.background = self.canvas.copy_from_bbox(self.figure.bbox)

    def update(self, threshold: float, counts) -> bytes:
        """Move the threshold line, show the new counts; return the figure as PNG."""
        import io

        from PIL import Image

        self.line.set_xdata([threshold, threshold])
        self.title.set_text(f"threshold {threshold:.2f}: cases to its right are flagged malignant")
        for _, _, attribute, words in _CELLS:
            self.labels[attribute].set_text(_cell_text(counts, attribute, words))
        self.canvas.restore_region(self.background)
        for artist in self.moving:
            self.figure.draw_artist(artist)
        width, height = self.canvas.get_width_height()
        image = Image.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba())
        buffer = io.BytesIO()
        image.save(buffer, format="png", compress_level=1)
        return buffer.getvalue()


class IconFigure:
    """An icon array whose colours ``update`` to new natural frequencies (same number of women).

    >>> from bcc_teach import metrics
    >>> figure = IconFigure(metrics.natural_frequencies(0.9, 0.9, 0.373))
    >>> figure.update(metrics.natural_frequencies(0.9, 0.9, 0.005)).startswith(b"\\x89PNG")
    True
    """

    def __init__(self, frequencies, dpi: int = 72):
        from matplotlib.figure import Figure

        self.dpi = dpi
        self.figure = Figure(figsize=(7.0, 3.4))
        self.figure.subplots_adjust(left=0.01, right=0.99, bottom=0.22, top=0.92)
        self.icons, self.texts = _draw_icons(self.figure.subplots(), frequencies)

    def update(self, frequencies) -> bytes:
        """Recolour the icons and relabel the legend; return the figure as PNG."""
        self.icons.set_facecolors(_icon_colours(frequencies))
        for text, label in zip(self.texts, _icon_labels(frequencies), strict=True):
            text.set_text(label)
        return figure_png(self.figure, self.dpi)


class NucleusFigure:
    """The nucleus explorer's picture: a synthetic image with its nuclei outlined, and one
    nucleus drawn large with its radius lines, rubber band and dents; ``update`` redraws both.

    >>> from bcc_teach import features
    >>> picture = features.synthetic_image("benign", seed=0)
    >>> one = features.synthetic_nucleus("benign", seed=0)
    >>> png = NucleusFigure().update(features.segment(picture), features.segment(one))
    >>> png[:4]
    b'\\x89PNG'
    """

    def __init__(self, dpi: int = 72):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(8.4, 4.2), dpi=dpi)
        self.figure.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.9, wspace=0.05)
        self.image_ax, self.nucleus_ax = self.figure.subplots(1, 2)
        self.canvas = FigureCanvasAgg(self.figure)

    def update(self, image, nucleus) -> bytes:
        """Draw ``image`` (a ``features.Segmentation``) and the first nucleus of ``nucleus``
        (another Segmentation, of a one-nucleus picture); return the figure as PNG."""
        for ax in (self.image_ax, self.nucleus_ax):
            _wipe(ax)
        fna_image(image, ax=self.image_ax)
        nucleus_outline(nucleus.contours[0], nucleus.image, ax=self.nucleus_ax)
        self.nucleus_ax.set_title("one nucleus: radius lines, rubber band, dents")
        return figure_png(self.figure, self.figure.dpi)


class CaseFigure:
    """The case explorer's picture: the LIME explanation on top, and below it where the
    patient's three strongest features sit among benign and malignant training cases.

    >>> import pandas as pd
    >>> from bcc_teach import data
    >>> X, y = data.load_wdbc_xy()
    >>> table = pd.DataFrame({"condition": ["area_worst > 900"], "feature": ["area_worst"],
    ...                       "weight": [0.2]})
    >>> CaseFigure(X, y).update(table, X.iloc[0], "W001: explanation")[:4]
    b'\\x89PNG'
    """

    def __init__(self, X, y, dpi: int = 72):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self.X, self.y = X, y
        self.figure = Figure(figsize=(10, 6.2), dpi=dpi)
        top = self.figure.add_gridspec(1, 1, left=0.3, right=0.97, bottom=0.56, top=0.93)
        bottom = self.figure.add_gridspec(1, 3, left=0.07, right=0.98, bottom=0.09, top=0.42,
                                          wspace=0.3)  # fmt: skip
        self.explanation_ax = self.figure.add_subplot(top[0, 0])
        self.feature_axes = [self.figure.add_subplot(bottom[0, i]) for i in range(3)]
        self.canvas = FigureCanvasAgg(self.figure)

    def update(self, table, case, title: str) -> bytes:
        """Draw the explanation ``table`` and the case's top three features; return PNG."""
        for ax in (self.explanation_ax, *self.feature_axes):
            _wipe(ax)
        explanation(table, ax=self.explanation_ax, title=title)
        self.explanation_ax.set_xlabel("LIME weight: towards benign (−) or malignant (+)")
        for ax, feature in zip(self.feature_axes, table["feature"], strict=False):
            ax.set_visible(True)
            case_in_distribution(self.X, self.y, feature, float(case[feature]), ax=ax)
        for ax in self.feature_axes[len(table) :]:
            ax.set_visible(False)
        self.feature_axes[0].legend(fontsize=8, frameon=False, loc="upper right")
        return figure_png(self.figure, self.figure.dpi)
