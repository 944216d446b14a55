"""Monitoring after deployment: have the cases coming in changed?

The out-of-distribution warning looks at one case at a time. A new scanner that makes every
nucleus 20% smaller leaves most single cases looking ordinary, yet a whole month of them sits
lower than the training women. ``batch_drift`` compares a batch of new cases with the training
women feature by feature (the two-sample Kolmogorov–Smirnov test, ``scipy.stats.ks_2samp``),
with a Bonferroni correction for testing 30 features at once.

It says *that* the cases have changed, never *why*: a new scanner, a new stain, another case
mix (a clinic with fewer cancers has smaller nuclei on average) and a new referral pathway all
look alike to it. And it needs numbers: a batch of 20 cases shows only large changes.

    >>> from bcc_teach import data
    >>> X, y = data.load_wdbc_xy()
    >>> batch_drift(X.iloc[::2], X.iloc[1::2]).changed
    ()
    >>> batch_drift(X.iloc[::2], X.iloc[1::2] * 1.2).changed[:3]
    ('radius_mean', 'texture_mean', 'perimeter_mean')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bcc_teach import inputs

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class BatchDrift:
    """One batch compared with the reference (training) women: ``table`` has one row per
    feature (Kolmogorov–Smirnov statistic, p-value, the two medians, and whether it differs
    at ``alpha`` after the Bonferroni correction); ``changed`` names the features that differ."""

    table: pd.DataFrame
    alpha: float
    n_reference: int
    n_batch: int

    @property
    def changed(self) -> tuple:
        """The features whose values in the batch differ from the reference women."""
        return tuple(self.table.index[self.table["differs"]])

    def words(self) -> str:
        """The result in one sentence."""
        count, total = len(self.changed), len(self.table)
        head = (
            f"{self.n_batch} new cases against {self.n_reference} training women "
            f"(Kolmogorov–Smirnov, p < {self.alpha:g} after Bonferroni for {total} features)"
        )
        if not count:
            return f"{head}: no feature differs."
        shown = ", ".join(self.changed[:6]) + (" …" if count > 6 else "")
        return f"{head}: {count} of {total} features differ ({shown})."


def batch_drift(X_reference, X_batch, alpha: float = 0.01) -> BatchDrift:
    """Compare a batch of new cases ``X_batch`` with the women the model learned from
    (``X_reference``), feature by feature.

    A feature *differs* when its two-sample Kolmogorov–Smirnov p-value is below ``alpha``
    divided by the number of features (Bonferroni), so that a batch like the training women
    sets off the alarm on any feature in fewer than ``alpha`` of batches. Both tables need the
    same feature columns and at least 5 cases.
    """
    import numpy as np
    import pandas as pd
    from scipy import stats

    alpha = inputs.check_proportion(alpha, "alpha")
    if not isinstance(X_reference, pd.DataFrame):
        raise ValueError(f"X_reference must be a table (a pandas DataFrame) of the training "
                         f"women's features; got {type(X_reference).__name__}.")  # fmt: skip
    features = list(X_reference.columns)
    batch = inputs.check_columns(X_batch, features, "X_batch", "the training features")
    for name, table in (("X_reference", X_reference), ("X_batch", batch)):
        if len(table) < 5:
            raise ValueError(f"{name} has {len(table)} cases; a comparison needs at least 5.")
    reference = X_reference.to_numpy(dtype=float)
    new = batch[features].to_numpy(dtype=float)
    result = stats.ks_2samp(reference, new, axis=0)
    table = pd.DataFrame(
        {
            "KS statistic": result.statistic,
            "p-value": result.pvalue,
            "median (training)": np.median(reference, axis=0),
            "median (batch)": np.median(new, axis=0),
            "differs": result.pvalue < alpha / len(features),
        },
        index=pd.Index(features, name="feature"),
    )
    return BatchDrift(table, alpha, len(reference), len(new))
