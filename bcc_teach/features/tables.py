"""Tables: one row per nucleus (``nucleus_table``), one row of 30 WDBC features per image
(``summarise``, ``image_features``), ready for a fitted model.

    >>> from bcc_teach.features import synthetic_nucleus
    >>> image_features(synthetic_nucleus(seed=0)).shape
    (1, 30)
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from bcc_teach.data import BASE_FEATURES, FEATURES, STATISTICS
from bcc_teach.features.measurements import _measure_all
from bcc_teach.features.segmentation import Segmentation, segment

if TYPE_CHECKING:
    import pandas as pd


def _segmentation(image) -> Segmentation:
    return image if isinstance(image, Segmentation) else segment(image)


def _measured(found: Segmentation) -> list[dict[str, float]]:
    """``measure_nucleus`` for each nucleus of ``found``."""
    return _measure_all(found.image, found.contours, found.masks)


def nucleus_table(image) -> pd.DataFrame:
    """One row per nucleus, with the ten measurements (``data.BASE_FEATURES``) as columns.

    ``image``: a grey-scale array, a ``SyntheticImage`` or a ``Segmentation`` (from
    ``segment``). Nuclei are numbered from 1, in the order ``segment`` found them.

    >>> from bcc_teach.features import synthetic_image
    >>> table = nucleus_table(synthetic_image("benign", seed=0))
    >>> table.shape
    (10, 10)
    """
    import pandas as pd

    rows = _measured(_segmentation(image))
    index = pd.RangeIndex(1, len(rows) + 1, name="nucleus")
    return pd.DataFrame.from_records(rows, columns=list(BASE_FEATURES), index=index)


def summarise(table: pd.DataFrame, name: str = "image") -> pd.DataFrame:
    """Summarise a per-nucleus table as the image's one row of 30 WDBC features.

    For each measurement: ``mean`` over the nuclei; ``se``, the standard error = standard
    deviation (``ddof=1``) / √n (0 when there is only one nucleus: nothing to compare); and
    ``worst``, the mean of the three largest values (of all of them when fewer than three).
    Columns are exactly ``data.FEATURES``, in order, so the row can go to a fitted model.

    >>> import pandas as pd
    >>> table = pd.DataFrame({base: [1.0, 2.0, 3.0, 6.0] for base in BASE_FEATURES})
    >>> row = summarise(table)
    >>> row[["radius_mean", "radius_se", "radius_worst"]].round(2)
           radius_mean  radius_se  radius_worst
    image          3.0       1.08          3.67
    """
    missing = [base for base in BASE_FEATURES if base not in table.columns]
    if missing or len(table) == 0:
        raise _not_a_table(missing)
    values = table[list(BASE_FEATURES)].astype("float64").to_numpy()
    return _summary_row(np.ascontiguousarray(values.T), name)


def _not_a_table(missing: list[str]) -> ValueError:
    return ValueError(
        "summarise needs a table with one row per nucleus and the ten columns of "
        f"data.BASE_FEATURES (missing: {', '.join(missing) or 'rows'})."
    )


def _summary_row(columns: np.ndarray, name: str) -> pd.DataFrame:
    """The row of 30 features from ``columns``: one row per measurement (``BASE_FEATURES``),
    one column per nucleus. NumPy, computed as pandas' ``mean``, ``std`` and ``nlargest``
    would on each column: a missing value (NaN) is left out, as pandas leaves it out."""
    import pandas as pd

    n = columns.shape[1]
    missing = np.isnan(columns)
    values = np.where(missing, 0.0, columns)  # as pandas: 0 in place of a missing value
    count = (n - missing.sum(axis=1)).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = values.sum(axis=1) / count  # NaN when every value is missing
        if n > 1:
            spread = (mean[:, None] - values) ** 2
            spread[missing] = 0.0
            variance = spread.sum(axis=1) / (count - 1)
            variance[count <= 1] = np.nan  # pandas: no spread from fewer than two values
            se = np.sqrt(variance) / math.sqrt(n)
        else:
            se = mean * 0.0
    worst = [_mean_of_largest(row[~gone]) for row, gone in zip(columns, missing, strict=True)]
    summary = np.concatenate([mean, se, worst])  # by statistic (``_SUMMARY``), then feature
    return pd.DataFrame(
        summary[None, _SUMMARY_ORDER], columns=list(FEATURES), index=pd.Index([name])
    )


#: The names of the 30 summaries in the order ``_summary_row`` computes them, and where each
#: of ``FEATURES`` is in that order.
_SUMMARY = [f"{base}_{stat}" for stat in STATISTICS for base in BASE_FEATURES]
_SUMMARY_ORDER = [_SUMMARY.index(feature) for feature in FEATURES]


def _mean_of_largest(values: np.ndarray, count: int = 3) -> float:
    """Mean of the ``count`` largest values (of all of them when fewer), largest first: as
    pandas' ``Series.nlargest(count).mean()``; NaN for no values."""
    if len(values) == 0:
        return float("nan")
    largest = np.sort(values)[::-1][:count].copy()
    return float(largest.sum() / len(largest))


def image_features(image, name: str = "image") -> pd.DataFrame:
    """The image's row of 30 WDBC features (columns exactly ``data.FEATURES``, in order).

    ``image``: a grey-scale array, a ``SyntheticImage`` or a ``Segmentation``. Finds the
    nuclei (``segment``), measures each (as ``nucleus_table`` does) and summarises them (as
    ``summarise`` does). On a synthetic image the numbers show the workflow; they are not
    calibrated to the real Wisconsin images.

    >>> from bcc_teach.features import synthetic_image
    >>> row = image_features(synthetic_image("benign", seed=0))
    >>> list(row.columns) == list(FEATURES)
    True
    """
    rows = _measured(_segmentation(image))
    if not rows:
        raise _not_a_table([])
    columns = np.array([[row[base] for row in rows] for base in BASE_FEATURES], dtype=np.float64)
    return _summary_row(columns, name)
