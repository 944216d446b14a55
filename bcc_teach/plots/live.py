"""Figures that redraw quickly, for the explorers: each draws once, and its ``update`` redraws
what changed and returns the figure as PNG bytes for a widget's image.

They are drawn at ``LIVE_DPI`` (96) pixels per inch and shown at their own size, so a font of 11
points reads as 11 points on the screen at 100% zoom (``readable`` sets those fonts). Three
things keep an update quick: what does not change is drawn once and kept as pixels (only the
moving parts are drawn again); each distinct piece of text is turned into pixels once and then
reused; and the PNG is compressed lightly (``png``).

    >>> from matplotlib.figure import Figure
    >>> figure_png(Figure(figsize=(1, 1)))[:4]
    b'\\x89PNG'
"""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING

from bcc_teach.plots.explanations import _case_legend, case_in_distribution, explanation
from bcc_teach.plots.nuclei import (
    _image_title,
    _joined,
    _number_nuclei,
    _outline_geometry,
    fna_image,
    nucleus_outline,
)
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

#: Pixels per inch of the explorers' figures, which are shown at their own size.
LIVE_DPI = 96
#: Font sizes (points) of the explorers' figures: readable at 100% zoom.
READABLE_FONTS = {
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
}


def readable():
    """A context in which figures are drawn with ``READABLE_FONTS``.

    >>> with readable():
    ...     pass
    """
    import matplotlib

    return matplotlib.rc_context(READABLE_FONTS)


def _marker_style(lines) -> dict:
    """Colour, width and layering of the first of ``lines`` that is not None."""
    line = next(line for line in lines if line is not None)
    return {"color": line.get_color(), "linewidth": line.get_linewidth(), "animated": True}


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


# --- quick drawing: text turned into pixels once, then reused ------------------------------

#: Pixels of text already drawn, shared by every quick canvas: (text, font, angle, antialiased,
#: dpi) → (grey levels, left and bottom offsets from the text's anchor pixel).
_TEXT_PIXELS: dict = {}
_TEXT_PIXELS_LIMIT = 20_000
#: What a text may ask of the font beyond its family, size, weight and style.
_SHAPING = ("get_fontfeatures", "get_language")


@functools.cache
def _quick_canvas_class():
    """A Matplotlib Agg canvas whose renderer reuses the pixels of text it has drawn before.

    Agg lays out and draws every glyph of every text on every draw, which is most of the time
    an explorer's figure takes. This renderer draws a line of text once (at a whole pixel:
    at most half a pixel from where Agg would put it), keeps its grey levels, and afterwards
    only stamps them in the text's colour. Anything unusual (mathtext, font features) is left
    to Agg itself.
    """
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
    from matplotlib.font_manager import fontManager, get_font
    from matplotlib.ft2font import RenderMode

    class QuickRenderer(RendererAgg):
        def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
            special = [getattr(mtext, name, lambda: None)() for name in _SHAPING]
            if ismath or any(special):  # mathtext, or font features asked for: Agg's own way
                return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
            x, y = round(x), round(y)
            key = (s, prop.copy(), angle, bool(gc.get_antialiased()), self.dpi)
            pixels = _TEXT_PIXELS.get(key)
            if pixels is None:
                if len(_TEXT_PIXELS) > _TEXT_PIXELS_LIMIT:
                    _TEXT_PIXELS.clear()
                try:
                    pixels = self._text_pixels(x, y, s, prop, angle, key[3])
                except (AttributeError, TypeError):  # Matplotlib's insides changed: draw as Agg
                    return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
                _TEXT_PIXELS[key] = pixels
            grey, left, bottom = pixels
            if grey is not None:
                self._renderer.draw_text_image(grey, x + left, y + bottom, 0, gc)
            return None

        def _text_pixels(self, x, y, s, prop, angle, antialiased):
            """Draw one line of text as Agg would, into grey levels of its own."""
            font = self._prepare_font(prop)
            size = prop.get_size_in_points()
            cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
            turn = (0x10000 * np.array([[cos, -sin], [sin, cos]])).round().astype(int)
            mode = RenderMode.NORMAL if antialiased else RenderMode.MONO
            glyphs = []
            for item in font._layout(s, flags=get_hinting_flag()):
                face, dx, dy = item.ft_object, item.x, item.y
                face.set_size(size, self.dpi)
                at = (x + dx * cos - dy * sin, self.height - y + dx * sin + dy * cos)
                face._set_transform(turn, [round(0x40 * at[0]), round(0x40 * at[1])])
                bitmap = face._render_glyph(item.glyph_index, get_hinting_flag(), mode)
                grey = np.array(bitmap.buffer, dtype=np.float64)
                if grey.size:
                    grey = grey if antialiased else grey * 0xFF
                    glyphs.append((grey, bitmap.left, int(self.height) - bitmap.top + len(grey)))
            if not glyphs:
                return None, 0, 0
            left = min(g[1] for g in glyphs)
            right = max(g[1] + g[0].shape[1] for g in glyphs)
            bottom = max(g[2] for g in glyphs)
            top = min(g[2] - len(g[0]) for g in glyphs)
            out = np.zeros((bottom - top, right - left))
            for grey, at_left, at_bottom in glyphs:
                rows = slice(at_bottom - len(grey) - top, at_bottom - top)
                cols = slice(at_left - left, at_left - left + grey.shape[1])
                out[rows, cols] += grey - out[rows, cols] * grey / 255  # glyphs over each other
            return np.rint(out).astype(np.uint8), left - x, bottom - y

        def _height_metrics(self, prop):
            known = self.__dict__.setdefault("_known_heights", {})
            if prop not in known:
                known[prop] = self._measure_height(prop)
            return known[prop]

        def _measure_height(self, prop):
            font = get_font(fontManager._find_fonts_by_props(prop))
            for table, gap, ascent, descent in (
                ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                ("hhea", "lineGap", "ascent", "descent"),
            ):
                values = font.get_sfnt_table(table)
                if values is not None:
                    scale = prop.get_size_in_points() * self.dpi / 72
                    scale /= font.get_sfnt_table("head")["unitsPerEm"]
                    return values[ascent] * scale, -values[descent] * scale, values[gap] * scale
            return None, None, None

        def _get_font_height_metrics(self, prop):
            # Asked by every Text at every draw; the answer only depends on the font.
            return self._height_metrics(prop.copy())

    class QuickCanvas(FigureCanvasAgg):
        def get_renderer(self):
            width, height = self.get_width_height(physical=True)
            key = width, height, self.figure.dpi
            if self._lastKey != key:
                self.renderer = QuickRenderer(width, height, self.figure.dpi)
                self._lastKey = key
            return self.renderer

    return QuickCanvas


def quick_canvas(figure):
    """Attach a quick-drawing canvas to ``figure`` (one not shown by pyplot) and return it.

    >>> from matplotlib.figure import Figure
    >>> canvas = quick_canvas(Figure(figsize=(1, 1)))
    """
    return _quick_canvas_class()(figure)


def png(canvas) -> bytes:
    """What ``canvas`` last drew, as PNG bytes, made quickly.

    A PNG is zlib-compressed rows of pixels, each row first "filtered" to compress better.
    Pillow tries a filter on every row, which takes longer than drawing an explorer's figure;
    these figures are mostly flat colour, which compresses well without a filter. So the rows
    go unfiltered, with zlib's quickest setting: the standard format (PNG specification,
    W3C 2003), readable by any browser.

    >>> from matplotlib.figure import Figure
    >>> canvas = quick_canvas(Figure(figsize=(1, 1)))
    >>> canvas.draw()
    >>> png(canvas)[:4]
    b'\\x89PNG'
    """
    import struct
    import zlib

    import numpy as np

    pixels = np.asarray(canvas.buffer_rgba())
    height, width = pixels.shape[:2]
    rows = np.zeros((height, 1 + 3 * width), dtype=np.uint8)  # each row: filter 0, then RGB
    rows[:, 1:] = pixels[..., :3].reshape(height, 3 * width)

    def chunk(kind: bytes, content: bytes) -> bytes:
        crc = zlib.crc32(kind + content)
        return struct.pack(">I", len(content)) + kind + content + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return b"".join([
        b"\x89PNG\r\n\x1a\n",
        chunk(b"IHDR", header),
        chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)),
        chunk(b"IEND", b""),
    ])  # fmt: skip


def figure_png(figure, dpi: int = LIVE_DPI) -> bytes:
    """A Matplotlib figure as PNG bytes (quick to make), for a widget's image.

    A figure made with ``matplotlib.figure.Figure`` is drawn on a quick canvas; one shown by
    pyplot is saved as usual.

    >>> from matplotlib.figure import Figure
    >>> figure_png(Figure(figsize=(1, 1)))[:4]
    b'\\x89PNG'
    """
    import io

    if figure.canvas.manager is None:  # not a pyplot window: draw it here
        figure.set_dpi(dpi)
        canvas = figure.canvas
        if type(canvas) is not _quick_canvas_class():
            canvas = quick_canvas(figure)
        canvas.draw()
        return png(canvas)
    buffer = io.BytesIO()
    figure.savefig(
        buffer, format="png", dpi=dpi, metadata={"Software": None}, pil_kwargs={"compress_level": 1}
    )
    return buffer.getvalue()


@functools.cache
def _screen_image_class():
    """The class of ``screen_image``'s artists (made when first asked for: Matplotlib is
    imported only then)."""
    import numpy as np
    from matplotlib.artist import Artist

    class ScreenImage(Artist):
        def __init__(self, ax: Axes):
            super().__init__()
            self.axes, self.grey = ax, None
            self.set_figure(ax.figure)

        def set_data(self, grey) -> None:
            self.grey = np.asarray(grey)
            self.stale = True

        def draw(self, renderer) -> None:
            if self.grey is None or not self.get_visible():
                return
            grey, (left, bottom, right, top) = self.grey, self.axes.bbox.extents
            height = renderer.height  # Agg counts pixels from the bottom, the buffer from the top
            columns = np.arange(math.floor(left), math.ceil(right))
            rows = np.arange(math.floor(height - top), math.ceil(height - bottom))
            across = np.floor((columns + 0.5 - left) * grey.shape[1] / (right - left))
            down = np.floor((rows + 0.5 - (height - top)) * grey.shape[0] / (top - bottom))
            keep_c = (across >= 0) & (across < grey.shape[1])
            keep_r = (down >= 0) & (down < grey.shape[0])
            columns, rows = columns[keep_c], rows[keep_r]
            cells = np.ix_(down[keep_r].astype(int), across[keep_c].astype(int))
            levels = np.clip(np.rint(grey[cells]), 0, 255).astype(np.uint8)
            rgba = np.empty((*levels.shape, 4), dtype=np.uint8)
            rgba[..., :3] = levels[..., None]
            rgba[..., 3] = 255
            gc = renderer.new_gc()
            renderer.draw_image(gc, columns[0], height - rows[-1] - 1, rgba[::-1])
            gc.restore()

    return ScreenImage


def screen_image(ax: Axes, grey=None):
    """An artist that fills ``ax``'s box with the grey levels ``grey`` (0 to 255; set or
    change them with ``.set_data``), each screen pixel taking the image pixel under its
    centre: the picture ``imshow(grey, cmap="gray", vmin=0, vmax=255, interpolation=
    "nearest")`` shows, made with one NumPy lookup instead of Matplotlib's resampling (which
    takes longer than all the rest of the nucleus explorer's figure). ``ax`` should show the
    image's own extent, as ``imshow`` sets it; the artist is drawn with ``figure.draw_artist``.

    >>> from matplotlib.figure import Figure
    >>> figure = Figure(figsize=(2, 2))
    >>> ax = figure.subplots()
    >>> picture = screen_image(ax, [[0, 255], [255, 0]])
    """
    artist = _screen_image_class()(ax)
    if grey is not None:
        artist.set_data(grey)
    return artist


class _LiveFigure:
    """A figure of ``width`` × ``height`` pixels on a quick canvas, drawn with readable fonts.

    ``_freeze(moving)`` draws everything but the ``moving`` artists once and keeps the pixels;
    ``_blit()`` then puts them back, draws only the moving artists and returns the PNG.
    """

    def __init__(self, width: int, height: int):
        from matplotlib.figure import Figure

        self.figure = Figure(figsize=(width / LIVE_DPI, height / LIVE_DPI), dpi=LIVE_DPI)
        self.canvas = quick_canvas(self.figure)
        self._moving: list = []
        self._background = None

    @property
    def width(self) -> int:
        """The figure's width in pixels: show it at this width (``ipywidgets.Image(width=)``)."""
        return self.canvas.get_width_height(physical=True)[0]

    def _freeze(self, moving) -> None:
        self._moving = list(moving)
        for artist in self._moving:
            artist.set_animated(True)  # left out of the background
        with readable():
            self.canvas.draw()
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)

    def _blit(self) -> bytes:
        self.canvas.restore_region(self._background)
        for artist in self._moving:
            self.figure.draw_artist(artist)
        return png(self.canvas)

    def _draw(self) -> bytes:
        with readable():
            self.canvas.draw()
        return png(self.canvas)


class ThresholdFigure(_LiveFigure):
    """The probability histogram and the 2×2 table side by side; ``update`` moves the threshold.

    Everything that does not change (bars, axes, labels, legend) is drawn once and kept as
    pixels; an update draws only the threshold line, the title and the counts on top of it.

    >>> from bcc_teach import metrics
    >>> y, p = [1, 0, 1, 0], [0.9, 0.2, 0.7, 0.4]
    >>> figure = ThresholdFigure(y, p, 0.5, metrics.confusion(y, p, 0.5))
    >>> figure.update(0.3, metrics.confusion(y, p, 0.3)).startswith(b"\\x89PNG")
    True
    """

    def __init__(self, y_true, p_malignant, threshold: float, counts):
        super().__init__(840, 360)
        with readable():
            self.figure.subplots_adjust(left=0.07, right=0.985, bottom=0.14, top=0.76, wspace=0.5)
            histogram, table = self.figure.subplots(1, 2, width_ratios=(1.35, 1))
            probability_distribution(y_true, p_malignant, threshold, ax=histogram)
            self.line = histogram.get_lines()[-1]
            histogram.set_title("")
            # the legend in a row above the bars, where the threshold line never runs
            histogram.legend(loc="lower left", bbox_to_anchor=(0, 1.01), ncols=3, frameon=False,
                             borderaxespad=0.0)  # fmt: skip
            self.title = self.figure.text(0.01, 0.975, "", va="top", fontsize=12)
            self.labels = _draw_confusion(table, counts)
        self._freeze([self.line, self.title, *self.labels.values()])
        self.update(threshold, counts)

    def update(self, threshold: float, counts) -> bytes:
        """Move the threshold line, show the new counts; return the figure as PNG."""
        self.line.set_xdata([threshold, threshold])
        self.title.set_text(
            f"threshold {threshold:.2f}: cases to its right are flagged malignant (positive)"
        )
        for _, _, attribute, words in _CELLS:
            self.labels[attribute].set_text(_cell_text(counts, attribute, words))
        return self._blit()


class IconFigure(_LiveFigure):
    """An icon array whose colours ``update`` to new natural frequencies (same number of women).

    >>> from bcc_teach import metrics
    >>> figure = IconFigure(metrics.natural_frequencies(0.9, 0.9, 0.373))
    >>> figure.update(metrics.natural_frequencies(0.9, 0.9, 0.005)).startswith(b"\\x89PNG")
    True
    """

    def __init__(self, frequencies):
        super().__init__(680, 330)
        with readable():
            self.figure.subplots_adjust(left=0.01, right=0.99, bottom=0.2, top=0.93)
            ax = self.figure.subplots()
            self.icons, self.texts = _draw_icons(ax, frequencies)
            self.legend = ax.get_legend()
        self._freeze([self.icons, self.legend])

    def update(self, frequencies) -> bytes:
        """Recolour the icons and relabel the legend; return the figure as PNG."""
        self.icons.set_facecolors(_icon_colours(frequencies))
        for text, label in zip(self.texts, _icon_labels(frequencies), strict=True):
            text.set_text(label)
        return self._blit()


class NucleusFigure(_LiveFigure):
    """The nucleus explorer's picture: a synthetic image with its nuclei outlined, and one
    nucleus drawn large with its radius lines, rubber band and dents; ``update`` redraws both.

    The first update draws the figure as ``fna_image`` and ``nucleus_outline`` do. Later ones
    keep what does not move (the right-hand title) as pixels, give the same lines their new
    points, and paint the two pictures with ``screen_image``: about twice as quick as drawing
    the figure anew (the benchmark ``benchmarks/widget_latency.py`` measures it).

    >>> from bcc_teach import features
    >>> picture = features.synthetic_image("benign", seed=0)
    >>> one = features.synthetic_nucleus("benign", seed=0)
    >>> png = NucleusFigure().update(features.segment(picture), features.segment(one))
    >>> png[:4]
    b'\\x89PNG'
    """

    def __init__(self):
        super().__init__(700, 400)
        with readable():
            self.figure.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.86, wspace=0.06)
            self.image_ax, self.nucleus_ax = self.figure.subplots(1, 2)
        self._numbers: list = []

    def update(self, image, nucleus) -> bytes:
        """Draw ``image`` (a ``features.Segmentation``) and the first nucleus of ``nucleus``
        (another Segmentation, of a one-nucleus picture); return the figure as PNG."""
        if self._background is None:
            return self._first(image, nucleus)
        import numpy as np

        picture, contours, title, one, band, radii, outline, dents = self._parts
        picture.set_data(image.image)
        joined = _joined([contour[:, ::-1] for contour in image.contours])  # x, y
        contours.set_data(joined[:, 0], joined[:, 1])
        title.set_text(_image_title(image.contours))
        for number in self._numbers:
            number.remove()
        with readable():
            self._numbers = _number_nuclei(self.image_ax, image.contours)
        rows, cols = np.shape(nucleus.image)[:2]
        one.set_data(nucleus.image)
        self.nucleus_ax.set(xlim=(-0.5, cols - 0.5), ylim=(rows - 0.5, -0.5))
        geometry = _outline_geometry(nucleus.contours[0])
        for line, points in zip([band, radii, outline, dents], geometry, strict=True):
            points = _joined(points) if line is radii else points
            line.set_data(points[:, 1], points[:, 0])
        self._moving = [*self._parts, *self._frames, *self._numbers]
        return self._blit()

    def _first(self, image, nucleus) -> bytes:
        with readable():
            fna_image(image, ax=self.image_ax)
            nucleus_outline(nucleus.contours[0], nucleus.image, ax=self.nucleus_ax)
            self.nucleus_ax.set_title("one nucleus: radius lines,\nrubber band (dotted), dents")
        left, right = self.image_ax, self.nucleus_ax
        pictures = []
        for ax in (left, right):  # imshow set the limits; the pictures are drawn quicker
            (shown,) = ax.images
            shown.set_visible(False)
            pictures.append(screen_image(ax, shown.get_array()))
        # What changes from one update to the next, in the order it is drawn: the pictures and
        # lines, then the frames over the pictures' edges, then the numbers.
        self._parts = [pictures[0], *left.lines, left.title, pictures[1], *right.lines]
        self._frames = [*left.spines.values(), *right.spines.values()]
        self._numbers = list(left.texts)
        self._freeze([*self._parts, *self._frames, *self._numbers])
        return self._blit()


class AxesFigure(_LiveFigure):
    """One Axes kept from update to update, for an explorer that draws a new plot each time:
    ``update(draw, *args)`` clears the Axes, calls ``draw(*args, ax=the Axes)`` and returns the
    figure as PNG. Quicker than a new figure each time (the Axes and its ticks are reused).

    ``margins``: the Axes' left, right, bottom and top, as shares of the width and height.

    >>> from bcc_teach import data
    >>> from bcc_teach.plots.performance import probability_distribution
    >>> figure = AxesFigure(640, 320)
    >>> figure.update(probability_distribution, [1, 0], [0.8, 0.3])[:4]
    b'\\x89PNG'
    """

    def __init__(self, width: int, height: int, margins=(0.1, 0.8, 0.17, 0.9)):
        super().__init__(width, height)
        left, right, bottom, top = margins
        with readable():
            self.ax = self.figure.add_axes((left, bottom, right - left, top - bottom))

    def update(self, draw, *args, **kwargs) -> bytes:
        """Clear the Axes, draw on it with ``draw(*args, ax=..., **kwargs)``; return PNG."""
        with readable():
            _wipe(self.ax)
            draw(*args, ax=self.ax, **kwargs)
        return self._draw()


class CaseFigure(_LiveFigure):
    """The case explorer's picture: the LIME explanation on top, and below it where the
    patient's three strongest features sit among benign and malignant training cases.

    Each plot below depends only on its feature, except for the line that marks the patient:
    so each feature's plot is drawn once and kept as pixels (and put in whichever of the three
    places it is needed), and a new patient costs the explanation on top, three lines and the
    PNG.

    >>> import pandas as pd
    >>> from bcc_teach import data
    >>> X, y = data.load_wdbc_xy()
    >>> table = pd.DataFrame({"condition": ["area_worst > 900"], "feature": ["area_worst"],
    ...                       "weight": [0.2]})
    >>> CaseFigure(X, y).update(table, X.iloc[0], "W001: explanation")[:4]
    b'\\x89PNG'
    """

    #: The three plots below: their left edges and width, and their bottom and top (pixels).
    _LEFTS, _WIDTH, _BOTTOM, _TOP = (62, 344, 626), 190, 84, 234
    #: Room around a plot for its tick labels and axis labels (pixels left, right, above):
    #: within the figure, and clear of the next plot's room.
    _PAD = (60, 20, 12)

    def __init__(self, X, y):
        super().__init__(840, 600)
        self.X, self.y = X, y
        self._top = (0.94, 0.6)  # the explanation's top and bottom, as shares of the height
        width, height = 840, 600
        with readable():
            self.explanation_ax = self.figure.add_axes((0.3, 0.6, 0.66, 0.34))
            self.feature_axes = [
                self.figure.add_axes(
                    (
                        left / width,
                        self._BOTTOM / height,
                        self._WIDTH / width,
                        (self._TOP - self._BOTTOM) / height,
                    )
                )  # fmt: skip
                for left in self._LEFTS
            ]
            # one legend for the three plots, above them, where no bar runs
            self.figure.legend(*_case_legend(), ncols=3, loc="lower center",
                               bbox_to_anchor=(0.5, 0.415), frameon=False)  # fmt: skip
        for ax in (self.explanation_ax, *self.feature_axes):
            ax.set_visible(False)
        self._draw()  # the background: an empty figure with its legend
        self._blank = self.canvas.copy_from_bbox(self.figure.bbox)
        self._markers: list = [None, None, None]  # the line marking the patient, per plot
        self._plots: dict = {}  # (feature, its range) → (pixels, where, x limits, y limits)

    def _band(self, slot: int):
        """The pixels that belong to one of the three plots below, with its labels."""
        from matplotlib.transforms import Bbox

        left, right, above = self._PAD
        x0 = self._LEFTS[slot]
        return Bbox([[x0 - left, 0], [x0 + self._WIDTH + right, self._TOP + above]])

    def _show_feature(self, slot: int, feature: str, value: float) -> None:
        ax = self.feature_axes[slot]
        column = self.X[feature]
        key = (feature, min(float(column.min()), value), max(float(column.max()), value))
        if key not in self._plots:
            with readable():
                _wipe(ax)
                ax.set_visible(True)
                case_in_distribution(self.X, self.y, feature, value, ax=ax)
                self._markers[slot] = ax.get_lines()[-1]  # drawn last, over the kept pixels
                self._markers[slot].set_animated(True)
                self.figure.draw_artist(ax)
            pixels = self.canvas.copy_from_bbox(self._band(slot))
            self._plots[key] = (pixels, slot, ax.get_xlim(), ax.get_ylim())
        pixels, drawn_at, xlim, ylim = self._plots[key]
        x1, y1, _, _ = pixels.get_extents()
        self.canvas.restore_region(pixels, xy=(x1 + self._LEFTS[slot] - self._LEFTS[drawn_at], y1))
        if self._markers[slot] is None:  # this plot was never drawn here: borrow the line
            with readable():
                self._markers[slot] = ax.axvline(value, **_marker_style(self._markers))
        ax.set_xlim(xlim)  # the limits of the plot kept for this feature, for the patient's line
        ax.set_ylim(ylim)
        self._markers[slot].set_xdata([value, value])
        self.figure.draw_artist(self._markers[slot])

    def update(self, table, case, title: str) -> bytes:
        """Draw the explanation ``table`` and the case's top three features; return PNG."""
        self.canvas.restore_region(self._blank)
        with readable():
            _wipe(self.explanation_ax)
            self.explanation_ax.set_visible(True)
            explanation(table, ax=self.explanation_ax, title=title)
            self.explanation_ax.set_xlabel("LIME weight: towards benign (−) or malignant (+)")
            self._fit_conditions()
            self.figure.draw_artist(self.explanation_ax)
        for slot, feature in enumerate(list(table["feature"])[:3]):
            self._show_feature(slot, feature, float(case[feature]))
        for ax in self.feature_axes[len(table) :]:
            ax.set_visible(False)
        return png(self.canvas)

    def _fit_conditions(self) -> None:
        """Move the explanation right of its longest condition, so that every one shows."""
        renderer = self.canvas.get_renderer()
        widths = [label.get_window_extent(renderer).width
                  for label in self.explanation_ax.get_yticklabels()]  # fmt: skip
        left = (max(widths, default=0) + 24) / self.figure.bbox.width
        left = min(max(left, 0.12), 0.6)
        top, bottom = self._top
        self.explanation_ax.set_position((left, bottom, 0.975 - left, top - bottom))
