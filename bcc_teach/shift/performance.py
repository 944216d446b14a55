"""The figures a clinic checks when something changes, on one set of women, with their 95%
intervals: sensitivity and specificity at the threshold, AUC, and calibration.

    >>> from bcc_teach import shift
    >>> figures = shift.performance([1, 1, 0, 0, 1, 0], [0.9, 0.4, 0.3, 0.1, 0.7, 0.6], 0.5)
    >>> figures.sensitivity.counted()
    '2 of 3'
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bcc_teach import inputs, metrics, validation
from bcc_teach.validation.resampling import POSITIVE

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Performance:
    """The taught model's figures on one set of women (malignant = positive).

    ``sensitivity``, ``specificity`` and ``flagged`` (the share of women flagged) are counted
    shares (``metrics.Rate``, Wilson intervals); ``auc`` is an ``Estimate`` (bootstrap) or,
    when asked for quickly, the AUC alone (``auc_interval=False``: its ends are NaN);
    ``intercept`` and ``slope``: the calibration intercept (ideal 0) and slope (ideal 1), with
    Wald intervals (NaN when the probabilities separate the women perfectly).
    """

    sensitivity: metrics.Rate
    specificity: metrics.Rate
    flagged: metrics.Rate
    auc: validation.Estimate
    intercept: validation.Estimate
    slope: validation.Estimate
    threshold: float
    n: int

    def row(self) -> dict:
        """The figures as one row of a table, each with its interval in words."""
        return {
            "sensitivity": self.sensitivity.words(3),
            "specificity": self.specificity.words(3),
            "AUC": _words(self.auc, 3),
            "calibration intercept": _words(self.intercept, 2),
            "calibration slope": _words(self.slope, 2),
        }

    def table(self) -> pd.DataFrame:
        """The figures as a table: value and 95% CI, headed by the positive class."""
        import pandas as pd

        rows = {name: {"value": value} for name, value in self.row().items()}
        table = pd.DataFrame(rows).T
        table.index.name = f"{POSITIVE}; threshold {self.threshold:.3f}; {self.n} women"
        return table


def _words(estimate: validation.Estimate, digits: int) -> str:
    if math.isnan(estimate.value):
        return "cannot be estimated (perfect separation)"
    if math.isnan(estimate.low):
        return f"{estimate.value:.{digits}f}"
    return estimate.words(digits)


def _auc(y, p, axis=-1):
    """The AUC (Mann–Whitney, ties count half) of each row of ``p`` against the same row of
    ``y``: resampled women have a different number of cancers in each row."""
    import numpy as np
    from scipy.stats import rankdata

    y, p = np.moveaxis(np.asarray(y), axis, -1), np.moveaxis(np.asarray(p), axis, -1)
    cancers = (y == 1).sum(axis=-1)
    benign = y.shape[-1] - cancers
    above = (rankdata(p, axis=-1) * (y == 1)).sum(axis=-1) - cancers * (cancers + 1) / 2
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where((cancers > 0) & (benign > 0), above / (cancers * benign), np.nan)


def auc_with_interval(y, p, random_state: int = 0, n_resamples: int = 1000):
    """The AUC with its 95% bootstrap interval (BCa, the women resampled ``n_resamples``
    times with their diagnoses, ``scipy.stats.bootstrap``).

    >>> auc_with_interval([1, 1, 0, 0, 1, 0, 1, 0], [0.9, 0.8, 0.3, 0.1, 0.4, 0.6, 0.7, 0.2]).value
    0.9375
    """
    import warnings

    import numpy as np
    from scipy.stats import bootstrap

    y, p = np.asarray(y), np.asarray(p, dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a degenerate BCa falls back below
        result = bootstrap((y, p), _auc, paired=True, vectorized=True, method="BCa",
                           n_resamples=n_resamples, random_state=random_state)  # fmt: skip
    low, high = float(result.confidence_interval.low), float(result.confidence_interval.high)
    method = "bootstrap (BCa)"
    if not (np.isfinite(low) and np.isfinite(high)):
        low, high = np.nanpercentile(result.bootstrap_distribution, [2.5, 97.5])
        method = "bootstrap (percentile)"
    return validation.Estimate(float(_auc(y, p)), float(low), float(high), method)


def performance(
    y_true, p_malignant, threshold: float, auc_interval: bool = True, random_state: int = 0
) -> Performance:
    """Sensitivity, specificity, AUC and calibration of ``p_malignant`` against ``y_true``
    (1 = malignant) at ``threshold``, each with its 95% interval.

    The AUC's interval is a bootstrap of the women (1,000 resamples, seeded); with
    ``auc_interval=False`` the AUC comes alone (quicker, for an explorer that redraws as a
    slider moves).

    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> y = np.r_[np.ones(40), np.zeros(60)].astype(int)
    >>> p = np.clip(0.6 * y + rng.uniform(0, 0.4, 100), 0, 1)
    >>> result = performance(y, p, 0.5)
    >>> result.sensitivity.words(2), result.auc.value
    ('1.00 (95% CI 0.91 to 1.00)', 1.0)
    """
    import numpy as np

    y, p = metrics.check_inputs(y_true, p_malignant)
    threshold = inputs.check_threshold(threshold)
    counted = metrics.clinical_metrics(y, p, threshold)
    flagged = int((p >= threshold).sum())
    auc = (
        auc_with_interval(y, p, random_state)
        if auc_interval
        else validation.Estimate(float(_auc(y, p)), math.nan, math.nan, "no interval")
    )
    check = validation.calibration(y, np.clip(p, 1e-6, 1 - 1e-6))
    return Performance(
        counted.interval("sensitivity"),
        counted.interval("specificity"),
        metrics.rate(flagged, len(y)),
        auc,
        check.intercept,
        check.slope,
        threshold,
        len(y),
    )
