"""A patient's report on one A4 page, drawn with matplotlib and saved as a PDF.

The page is laid out top to bottom: the title and who the report is about, then each section
of ``report.wording`` with its paragraphs wrapped to the page, LIME's reasons drawn as bars
(``plots.explanation``, the course's colours), the warning framed when it fires. The same
report gives the same bytes every time: matplotlib's own default style is used whatever style
a notebook has set, and no date is stamped in the file (``CreationDate`` left out).

    >>> wrap("one two three four", 9)
    ['one two', 'three', 'four']
"""

from __future__ import annotations

import io
import os
import tempfile
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from bcc_teach import style
from bcc_teach.report import wording

if TYPE_CHECKING:
    from bcc_teach.report.patient import PatientReport

#: A4 in inches, and the page's margins.
A4 = (8.27, 11.69)
MARGIN = 0.55
#: Type sizes (points) and the characters a line of body text holds at that size.
BODY, HEADING, TITLE = 7.4, 9.0, 12.5
LINE_CHARS = 134


def wrap(text: str, width: int = LINE_CHARS) -> list[str]:
    """A paragraph broken into lines of at most ``width`` characters, at spaces."""
    return textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False)


class _Page:
    """Writes lines down one A4 page, keeping track of how far down it is (inches)."""

    def __init__(self, figure):
        self.figure = figure
        self.y = MARGIN

    def _fraction(self, inches_from_top: float) -> float:
        return 1 - inches_from_top / A4[1]

    def line(self, text: str, size: float = BODY, weight: str = "normal", indent: float = 0.0,
             colour: str = "#222222") -> None:  # fmt: skip
        self.figure.text((MARGIN + indent) / A4[0], self._fraction(self.y), text, fontsize=size,
                         fontweight=weight, color=colour, va="top", ha="left")  # fmt: skip
        self.y += size * 1.3 / 72

    def paragraph(self, text: str, indent: float = 0.0, width: int = LINE_CHARS) -> None:
        for piece in wrap(text, width):
            self.line(piece, indent=indent)
        self.y += 0.05

    def space(self, inches: float) -> None:
        self.y += inches

    def check_fits(self) -> None:
        if self.y > A4[1] - MARGIN:
            raise RuntimeError(
                f"The report runs {self.y - (A4[1] - MARGIN):.2f} inches past the foot of its one "
                "page: shorten the text (e.g. fewer LIME reasons) before drawing it."
            )


def _reasons_figure(page: _Page, r: PatientReport) -> None:
    """LIME's reasons as horizontal bars, the strongest at the top."""
    from bcc_teach import plots

    height = 0.25 + 0.16 * len(r.reasons)
    left = 2.6  # inches kept for the conditions written beside the bars
    ax = page.figure.add_axes((left / A4[0], page._fraction(page.y + height),
                               (A4[0] - left - MARGIN) / A4[0], height / A4[1]))  # fmt: skip
    plots.explanation(r.reasons, ax=ax)
    ax.tick_params(labelsize=BODY - 1)
    ax.xaxis.label.set_fontsize(BODY - 1)
    page.space(height + 0.4)  # the bars, their axis and its label


def _draw(figure, r: PatientReport) -> None:
    page = _Page(figure)
    page.line(wording.TITLE, size=TITLE, weight="bold")
    page.space(0.04)
    for text in wording.heading_lines(r):
        page.line(text, weight="bold")
    for section in r.sections():
        page.space(0.1)
        top = page.y
        colour = style.MALIGNANT if section.kind == "warning" else "#222222"
        page.line(section.heading, size=HEADING, weight="bold", colour=colour)
        for i, paragraph in enumerate(section.paragraphs):
            page.paragraph(paragraph)
            if section.kind == "reasons" and i == 0:
                for item in section.items:
                    page.paragraph(f"• {item}", indent=0.15, width=LINE_CHARS - 3)
                _reasons_figure(page, r)
        if section.kind == "warning":
            from matplotlib.patches import Rectangle

            figure.add_artist(Rectangle(
                ((MARGIN - 0.08) / A4[0], page._fraction(page.y)),
                (A4[0] - 2 * MARGIN + 0.16) / A4[0], (page.y - top + 0.06) / A4[1],
                transform=figure.transFigure, fill=False, edgecolor=style.HIGHLIGHT,
                linewidth=2.0))  # fmt: skip
    page.space(0.1)
    page.line(f"{wording.NOT_A_DIAGNOSIS.capitalize()}.", size=HEADING, weight="bold")
    page.check_fits()


def _write_new(path: Path, raw: bytes, overwrite: bool) -> None:
    """Write ``raw`` beside ``path`` first, then move it into place: never half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(raw)
        if path.exists() and not overwrite:
            raise FileExistsError(
                f"{path.name} already exists in {path.parent}: nothing was written. Choose "
                "another name, or pass overwrite=True to replace it."
            )
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def render(r: PatientReport, path: str | Path, overwrite: bool = False) -> Path:
    """Draw the report on one A4 page and save it as a PDF at ``path`` (returned). An existing
    file is never replaced unless ``overwrite=True``."""
    import matplotlib.style
    from matplotlib.figure import Figure

    path = Path(path)
    if path.suffix.lower() != ".pdf":
        raise ValueError(f"The report's file name must end in .pdf; got {path.name!r}.")
    if not path.parent.is_dir():
        raise FileNotFoundError(f"The folder {path.parent} does not exist: make it first.")
    if path.exists() and not overwrite:
        raise FileExistsError(
            f"{path.name} already exists in {path.parent}: nothing was written. Choose another "
            "name, or pass overwrite=True to replace it."
        )
    with matplotlib.style.context("default"):
        figure = Figure(figsize=A4)
        _draw(figure, r)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="pdf", metadata={"CreationDate": None})
    _write_new(path, buffer.getvalue(), overwrite)
    return path
