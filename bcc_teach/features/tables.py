"""Tables: one row per nucleus (``nucleus_table``), one row of 30 WDBC features per image
(``summarise``, ``image_features``), ready for a fitted model.

    >>> from bcc_teach.features import synthetic_nucleus
    >>> image_features(synthetic_nucleus(seed=0)).shape
    (1, 30)
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from bcc_teach.data import BASE_FEATURES, FEATURES, STATISTICS
from bcc_teach.features.measurements import measure_nucleus
from bcc_teach.features.segmentation import Segmentation, segment

if TYPE_CHECKING:
    import pandas as pd


def _segmentation(image) -> Segmentation:
    return image if isinstance(image, Segmentation) else segment(image)


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

    found = _segmentation(image)
    rows = [
        measure_nucleus(contour, found.image, mask)
        for contour, mask in zip(found.contours, found.masks, strict=True)
    ]
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
    import pandas as pd

    missing = [base for base in BASE_FEATURES if base not in table.columns]
    if missing or len(table) == 0:
        raise ValueError(
            "summarise needs a table with one row per nucleus and the ten columns of "
            f"data.BASE_FEATURES (missing: {', '.join(missing) or 'rows'})."
        )
    n = len(table)
    values = table[list(BASE_FEATURES)].astype("float64")
    stats = {
        "mean": values.mean(),
        "se": values.std(ddof=1) / math.sqrt(n) if n > 1 else values.mean() * 0.0,
        "worst": values.apply(lambda column: column.nlargest(3).mean()),
    }
    row = {
        f"{base}_{stat}": float(stats[stat][base]) for stat in STATISTICS for base in BASE_FEATURES
    }
    return pd.DataFrame([row], columns=list(FEATURES), index=pd.Index([name]))


def image_features(image, name: str = "image") -> pd.DataFrame:
    """The image's row of 30 WDBC features (columns exactly ``data.FEATURES``, in order).

    ``image``: a grey-scale array, a ``SyntheticImage`` or a ``Segmentation``. Finds the
    nuclei (``segment``), measures each (``nucleus_table``) and summarises them
    (``summarise``). On a synthetic image the numbers show the workflow; they are not
    calibrated to the real Wisconsin images.

    >>> from bcc_teach.features import synthetic_image
    >>> row = image_features(synthetic_image("benign", seed=0))
    >>> list(row.columns) == list(FEATURES)
    True
    """
    return summarise(nucleus_table(image), name=name)
