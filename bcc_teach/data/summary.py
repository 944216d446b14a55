"""One feature at a glance: what it measures in words, and its spread in benign and malignant."""

from __future__ import annotations

import functools
import textwrap
from typing import TYPE_CHECKING

from bcc_teach import inputs
from bcc_teach.data.bundled import load_wdbc
from bcc_teach.data.names import DIAGNOSES, FEATURES, feature_meaning

if TYPE_CHECKING:
    import pandas as pd


@functools.lru_cache(maxsize=1)
def _wdbc_medians() -> pd.DataFrame:
    return load_wdbc().groupby("diagnosis")[list(FEATURES)].median().T


#: Characters per line of ``describe_feature``. JupyterLab breaks a printed line that is wider
#: than the output area at any character, even mid-word (its CSS sets ``word-break: break-all``),
#: so the text is wrapped at word boundaries first. 72 characters of JupyterLab's 13 px code font
#: fit beside the file browser in a window 1,024 pixels wide.
WIDTH = 72


def _wrap(text: str, width: int | None) -> str:
    """Wrap each line of ``text`` at spaces; continuation lines are indented by two spaces."""
    if width is None:
        return text
    return "\n".join(
        textwrap.fill(
            line,
            width,
            subsequent_indent="  ",
            break_long_words=False,
            break_on_hyphens=False,
        )
        for line in text.splitlines()
    )


def describe_feature(name: str, width: int | None = WIDTH) -> str:
    """Say in clinical words what one of the 30 WDBC features measures.

    Gives what was measured on each nucleus, how the image's nuclei were summarised (mean, SE or
    worst), the unit, and the typical (median) value in benign and malignant cases. Lines are
    wrapped at spaces to ``width`` characters (continuation lines indented) so that they read
    well when printed; ``width=None`` gives one line per statement (for a web page that wraps
    its own text).

    >>> print(describe_feature("concave_points_worst"))
    concave_points_worst — how many inward dents the outline has (as scaled
      in the data).
    Worst: the average of the three largest values in the image, i.e. the
      most abnormal-looking nuclei, much as a cytopathologist looks for the
      worst cells.
    Unit: no unit (a ratio).
    Typical value (median): benign 0.07431, malignant 0.182.
    """
    meaning = feature_meaning(name)  # checks the name first
    if width is not None:
        width = inputs.check_whole_number(width, "width", minimum=20)
    medians = _wdbc_medians().loc[name]
    text = (
        f"{meaning}\n"
        f"Typical value (median): benign {medians['benign']:.4g}, "
        f"malignant {medians['malignant']:.4g}."
    )
    return _wrap(text, width)


def feature_summary(table: pd.DataFrame, feature: str) -> pd.DataFrame:
    """Summarise one feature by diagnosis: number of cases, median, quartiles, min and max.

    ``table`` needs a ``diagnosis`` column and the feature's column (as ``load_wdbc()`` gives).

    >>> feature_summary(load_wdbc(), "radius_mean").round(2)
                 cases  median     q1     q3    min    max
    radius_mean
    benign         357   12.20  11.08  13.37   6.98  17.85
    malignant      212   17.33  15.08  19.59  10.95  28.11
    """
    inputs.check_columns(table, ["diagnosis"], what="feature_summary's table")
    inputs.check_feature(feature, [c for c in table.columns if c != "diagnosis"])
    grouped = table.groupby("diagnosis")[feature]
    summary = grouped.agg(
        cases="count",
        median="median",
        q1=lambda s: s.quantile(0.25),
        q3=lambda s: s.quantile(0.75),
        min="min",
        max="max",
    )
    present = [d for d in DIAGNOSES if d in summary.index]
    return summary.loc[present].rename_axis(feature)
