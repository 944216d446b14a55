"""Spectrum and subgroups: the same threshold, other kinds of women.

A test's sensitivity is an average over the cancers it met. A clinic whose cancers are smaller,
earlier or harder to call meets another mix, and the average moves (spectrum bias). Counting
by subgroup shows where, but a small subgroup gives a wide interval: "no difference seen" in
20 women is not "no difference".

    >>> table = subgroups([1, 1, 0, 0], [1, 0, 0, 1], ["a", "a", "b", "b"]).table
    >>> table.loc["a", "sensitivity"]
    '0.50 (95% CI 0.09 to 0.91)'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bcc_teach import inputs, metrics

if TYPE_CHECKING:
    import pandas as pd

#: Fewer women with (or without) cancer than this in a subgroup, and its figure is flagged as
#: too uncertain to compare.
FEW = 20


@dataclass(frozen=True)
class Subgroups:
    """Sensitivity and specificity per subgroup (``table``), with Wilson intervals and the
    women counted; ``rates``: subgroup → (sensitivity, specificity) as ``metrics.Rate``."""

    table: pd.DataFrame
    rates: dict


def _mean_count(hits) -> int:
    """The count of hits, averaged over repetitions (rows) when there are several."""
    import numpy as np

    return round(float(np.mean(np.atleast_2d(hits).sum(axis=-1))))


def subgroups(y_true, flagged, groups, order=None) -> Subgroups:
    """Sensitivity and specificity of the calls ``flagged`` (1 = flagged as possibly malignant)
    in each subgroup of women named by ``groups`` (one label per woman).

    ``flagged`` may hold one row of calls per repetition of a cross-validation (as
    ``NestedCV.flagged()`` gives); the counts are then averaged over the repetitions. Each
    figure has its 95% Wilson interval; a subgroup with fewer than ``FEW`` women with (or
    without) cancer is marked as too small to compare. ``order``: the subgroups' order in the
    table (sorted if none).
    """
    import numpy as np
    import pandas as pd

    y = inputs.check_labels(y_true, "y_true").astype(int)
    flags = np.asarray(flagged)
    if flags.shape[-1] != len(y):
        raise ValueError(f"flagged has {flags.shape[-1]} calls per repetition but y_true has "
                         f"{len(y)} women: one call per woman.")  # fmt: skip
    if not np.isin(flags, (0, 1)).all():
        raise ValueError("flagged must hold 1 (flagged) or 0 (called benign) for each woman.")
    labels = np.asarray(groups, dtype=object)
    if len(labels) != len(y):
        raise ValueError(f"groups has {len(labels)} labels but y_true has {len(y)} women.")
    names = list(order) if order is not None else sorted(set(labels))
    rows, rates = {}, {}
    for name in names:
        members = labels == name
        cancer, benign = members & (y == 1), members & (y == 0)
        sensitivity = metrics.rate(_mean_count((flags == 1) & cancer), int(cancer.sum()))
        specificity = metrics.rate(_mean_count((flags == 0) & benign), int(benign.sum()))
        rates[name] = (sensitivity, specificity)
        few = min(cancer.sum(), benign.sum()) < FEW
        rows[name] = {
            "women": int(members.sum()),
            "with cancer": int(cancer.sum()),
            "sensitivity": sensitivity.words(2) if cancer.any() else "no women with cancer",
            "specificity": specificity.words(2) if benign.any() else "no women without cancer",
            "caution": f"fewer than {FEW} women of one kind: too few to compare" if few else "",
        }
    table = pd.DataFrame(rows).T.infer_objects()
    table.index.name = "malignant = positive; subgroup"
    return Subgroups(table, rates)


def size_groups(X, feature: str = "area_mean", cuts=(500.0, 800.0)) -> pd.Series:
    """A label per woman by the size of her nuclei (``feature``; the data hold no lesion size):
    "small", "medium" or "large" nuclei, cut at ``cuts`` (in the feature's units).

    >>> import pandas as pd
    >>> size_groups(pd.DataFrame({"area_mean": [300.0, 600.0, 1200.0]})).tolist()
    ['small nuclei (area_mean < 500)', 'medium (500 to 800)', 'large (≥ 800)']
    """
    import numpy as np
    import pandas as pd

    values = inputs.check_columns(X, [feature], "X")[feature].to_numpy(dtype=float)
    low, high = sorted(float(c) for c in cuts)
    names = [f"small nuclei ({feature} < {low:g})", f"medium ({low:g} to {high:g})",
             f"large (≥ {high:g})"]  # fmt: skip
    which = np.searchsorted([low, high], values, side="right")
    return pd.Series(np.asarray(names, dtype=object)[which], index=X.index, name="nuclear size")
