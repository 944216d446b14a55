"""Every figure with its words: a short description of what each panel shows, for a screen
reader, a read-only view, and anyone who cannot make out the picture.

Each drawing function in ``plots`` records what it drew on its Axes, in numbers taken from the
data it was given. ``show`` shows the figure and, under it, a caption that gathers those
descriptions, each panel named by its place and title. A screen reader reaches the caption as
text, which JupyterLab does not offer for an image alone.

    >>> from bcc_teach import data, plots
    >>> ax = plots.class_balance(data.load_wdbc())
    >>> print(plots.description(ax.figure))
    **Figure: Diagnoses among 569 cases.** Bar chart: 357 benign (63%, blue) and 212 malignant (37%, vermillion).

``show`` also checks the figure can be read at 100% zoom: once JupyterLab has shrunk a figure
wider than ``NOTEBOOK_WIDTH_INCHES`` to fit, no text in it may look smaller than
``MIN_FONT_POINTS``. It warns when that is broken.
"""  # noqa: E501

from __future__ import annotations

import math
import weakref
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Smallest type a static figure may show, in points, as it appears on the screen at 100% zoom
#: (8 points at the notebook's 100 pixels per inch: 11 pixels high).
MIN_FONT_POINTS = 8.0
#: How wide JupyterLab shows a figure before it shrinks it to fit, in inches at 100 pixels per
#: inch: the notebook's output area is 848 pixels wide in a window 1280 pixels wide with the
#: file browser open (measured, and checked, by the browser test). A wider figure is shrunk,
#: and its type with it.
NOTEBOOK_WIDTH_INCHES = 8.48

# What each drawing function said of the Axes it drew on (dropped with the Axes).
_SAID: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _describe(ax: Axes, text: str) -> None:
    """Record ``text`` as (part of) what ``ax`` shows; drawing twice on an Axes adds to it."""
    _SAID[ax] = f"{_SAID[ax]} {text}" if ax in _SAID else text


def _number(value: float) -> str:
    """At least three significant figures, never in powers of ten: 1,303; 17.3; 0.0512.

    >>> _number(1303.2), _number(17.33), _number(0.05123), _number(0), _number(0.5)
    ('1,303', '17.3', '0.0512', '0', '0.500')
    """
    value = float(value)
    if value == 0 or not math.isfinite(value):
        return f"{value:g}"
    decimals = max(0, 2 - math.floor(math.log10(abs(value))))
    return f"{value:,.{decimals}f}"


def _joined_words(parts: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def _clean(title: str) -> str:
    """A title on one line: its lines joined by a comma, or by a space where a line ends in
    punctuation or the next begins with "=" (``"texture\\n= 19.8"``)."""
    joined = ""
    for line in (line.strip() for line in title.splitlines()):
        if line:
            glue = " " if not joined or joined[-1] in ":;,(" or line[0] in "=)" else ", "
            joined = f"{joined}{glue}{line}" if joined else line
    return joined


def _places(axes: list) -> list[str]:
    """Each Axes' place in its figure, as a reader would say it: left, right, top left, …"""
    centres = []
    for ax in axes:  # in the figure's pixels, so that panels of subfigures compare too
        x, y = ax.transAxes.transform((0.5, 0.5))
        centres.append((y / ax.figure.figure.bbox.height, x / ax.figure.figure.bbox.width))
    rows: list[list[int]] = []  # indexes of the axes, top row first, each row left to right
    for index in sorted(range(len(axes)), key=lambda i: (-centres[i][0], centres[i][1])):
        if rows and abs(centres[rows[-1][0]][0] - centres[index][0]) < 0.05:
            rows[-1].append(index)
        else:
            rows.append([index])
    names = [""] * len(axes)
    for r, row in enumerate(rows):
        row_name = _ordinal_place(r, len(rows), ("top", "middle", "bottom"), "row", "top")
        for c, index in enumerate(sorted(row, key=lambda i: centres[i][1])):
            column = _ordinal_place(c, len(row), ("left", "middle", "right"), "panel", "left")
            names[index] = " ".join(part for part in (row_name, column) if part) or "the figure"
    return names


def _ordinal_place(index: int, count: int, words: tuple, noun: str, start: str) -> str:
    if count == 1:
        return ""
    if count == 2:
        return (words[0], words[2])[index]
    if count == 3:
        return words[index]
    return f"{noun} {index + 1} of {count} from the {start}"


def description(figure: Figure, summary: str | None = None) -> str:
    """The figure's caption, in Markdown: ``summary`` (what the whole figure shows, when its
    panels do not say it alone) and then each described panel by its place, title and what
    its drawing function recorded. Panels nothing was said of (a colour bar) are left out.

    >>> import matplotlib.pyplot as plt
    >>> from bcc_teach import metrics, plots
    >>> fig, (left, right) = plt.subplots(1, 2)
    >>> _ = plots.confusion_matrix(metrics.Confusion(tp=36, fn=4, fp=6, tn=54), ax=left)
    >>> _ = plots.icon_array(metrics.natural_frequencies(0.9, 0.9, 0.05), ax=right)
    >>> print(description(fig, summary="The same test, two ways."))
    **Figure.** The same test, two ways.
    <BLANKLINE>
    - Left: The 2×2 table, malignant = positive. Of 40 women with cancer, 36 flagged (true positives) and 4 missed (false negatives). Of 60 without cancer, 6 flagged (false alarms) and 54 correctly not flagged (true negatives).
    - Right, “1,000 women”: An icon array, one square per woman, 1,000 in all: 50 have cancer (vermillion; 45 flagged, solid, and 5 missed, pale) and 950 do not (blue; 95 flagged as false alarms, solid, and 855 not flagged, pale).
    """  # noqa: E501
    described = [ax for ax in figure.axes if ax in _SAID]
    heading = _clean(figure.get_suptitle())
    if len(described) == 1 and not heading:
        heading = _clean(described[0].get_title())
    stop = "" if heading.endswith((".", "?", "!")) else "."
    lead = f"**Figure: {heading}{stop}**" if heading else "**Figure.**"
    first = " ".join(part for part in (lead, summary or "") if part)
    if len(described) == 1:
        return f"{first} {_SAID[described[0]]}".strip()
    if not described:
        return first
    lines = [first, ""]
    for place, ax in zip(_places(described), described, strict=True):
        title = _clean(ax.get_title())
        named = f"{place[0].upper()}{place[1:]}" + (f", “{title}”" if title else "")
        lines.append(f"- {named}: {_SAID[ax]}")
    return "\n".join(lines)


def _smallest_font(figure: Figure) -> float:
    """The size of the smallest visible text in the figure, in points."""
    from matplotlib.text import Text

    sizes = [text.get_fontsize() for text in figure.findobj(Text)
             if text.get_visible() and text.get_text().strip()]  # fmt: skip
    return min(sizes, default=math.inf)


def readability_problems(figure: Figure) -> list[str]:
    """What would make ``figure`` hard to read at 100% zoom (empty when nothing does): its
    smallest text, as it looks once a figure wider than the notebook is shrunk to fit.

    >>> from matplotlib.figure import Figure
    >>> figure = Figure(figsize=(12, 3))
    >>> _ = figure.text(0.5, 0.5, "tick", fontsize=10)
    >>> print(*readability_problems(figure))
    its smallest text, 10 points, looks 7.1 points once the figure, 12 inches wide, is shrunk to the notebook's 8.48 inches
    """  # noqa: E501
    width = float(figure.get_size_inches()[0])
    smallest = _smallest_font(figure)
    shrink = min(1.0, NOTEBOOK_WIDTH_INCHES / width)
    if smallest * shrink >= MIN_FONT_POINTS - 1e-9:
        return []
    if shrink == 1.0:
        return [f"its smallest text is {smallest:g} points, under {MIN_FONT_POINTS:g}"]
    return [f"its smallest text, {smallest:g} points, looks {smallest * shrink:.1f} points once "
            f"the figure, {width:g} inches wide, is shrunk to the notebook's "
            f"{NOTEBOOK_WIDTH_INCHES:g} inches"]  # fmt: skip


def show(figure: Figure | None = None, *, summary: str | None = None) -> None:
    """Show ``figure`` (the current one when left out) and its description under it.

    ``summary``: a sentence or two on the whole figure, said before its panels' descriptions;
    needed when a figure was drawn without the ``plots`` functions, or changed after them.
    Warns when the figure has no description at all, or is hard to read at 100% zoom. The
    figure is closed once shown, so the notebook does not show it a second time.

    Outside a notebook, each is printed as text:

    >>> from bcc_teach import metrics, plots
    >>> show(plots.confusion_matrix(metrics.Confusion(tp=36, fn=4, fp=6, tn=54)).figure)
    Figure(460x360)
    <IPython.core.display.Markdown object>
    """
    import warnings

    import matplotlib.pyplot as plt
    from IPython.display import Markdown, display

    figure = plt.gcf() if figure is None else figure
    if not summary and not any(ax in _SAID for ax in figure.axes):
        warnings.warn(
            "plots.show: nothing describes this figure; pass summary='what it shows'.",
            stacklevel=2,
        )
    problems = readability_problems(figure)
    if problems:
        warnings.warn(f"plots.show: hard to read at 100% zoom: {'; '.join(problems)}.",
                      stacklevel=2)  # fmt: skip
    words = description(figure, summary)
    display(figure)
    plt.close(figure)
    display(Markdown(words))
