"""One "what if the scanner changed?" scenario, worked out whole, for the drift explorer and the
lesson: the test women as the other scanner would measure them, the taught model's figures on
them, and the out-of-distribution warning.

    >>> from bcc_teach import shift
    >>> taught = shift.taught_model()
    >>> warning = shift.fit_ood_warning(taught.X_train)
    >>> factors = shift.imaging_factors()  # stored with the course results
    >>> smaller = shift.scenario(taught, warning, factors, magnification=0.8)
    >>> smaller.sensitivity.counted()
    '48 of 53'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bcc_teach import metrics
from bcc_teach.shift.imaging import ImagingFactors, drift, re_measure
from bcc_teach.shift.ood import OODCheck, OODWarning
from bcc_teach.shift.taught import Taught

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


@dataclass(frozen=True, eq=False)
class Scenario:
    """The changes (``magnification``, ``focus``, ``stain``, and whether the sizes were
    ``re_measured`` with a calibration slide), the test women as measured then (``X``), their
    probabilities, the taught model's ``sensitivity`` and ``specificity`` at its threshold
    (``metrics.Rate``, Wilson intervals) and the out-of-distribution ``warning``. For AUC and
    calibration too: ``taught.performance(scenario.X, taught.y_test)``."""

    magnification: float
    focus: float
    stain: float
    re_measured: bool
    X: pd.DataFrame
    probabilities: np.ndarray
    sensitivity: metrics.Rate
    specificity: metrics.Rate
    threshold: float
    warning: OODCheck


def scenario(
    taught: Taught,
    warning: OODWarning,
    factors: ImagingFactors,
    magnification: float = 1.0,
    focus: float = 0.0,
    stain: float = 1.0,
    re_measured: bool = False,
) -> Scenario:
    """The test women of ``taught`` under the changes, and what the model and the warning make
    of them. ``re_measured``: the sizes corrected for the known magnification."""
    X = drift(taught.X_test, factors.factors(magnification, focus, stain))
    if re_measured:
        X = re_measure(X, magnification)
    p = taught.probabilities(X)
    counts = metrics.confusion(taught.y_test, p, taught.threshold)
    sensitivity = metrics.rate(counts.tp, counts.tp + counts.fn)
    specificity = metrics.rate(counts.tn, counts.tn + counts.fp)
    return Scenario(magnification, focus, stain, bool(re_measured), X, p, sensitivity,
                    specificity, taught.threshold, warning.check(X))  # fmt: skip
