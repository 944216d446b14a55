"""The course's taught model, as lessons 03–07 built it: the reference logistic regression fitted
on the 426 training women, its rule-out threshold chosen on them (cross-validation, sensitivity
98%), and the 143 test women kept aside.

    >>> from bcc_teach import shift
    >>> taught = shift.taught_model()
    >>> len(taught.X_train), len(taught.X_test), round(taught.threshold, 3)
    (426, 143, 0.092)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bcc_teach import data, metrics, models
from bcc_teach.shift.performance import Performance, performance

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


@dataclass(frozen=True, eq=False)
class Taught:
    """The fitted taught model (``model``), its rule-out ``threshold``, and the training and
    test women it was built and tested on (``X_train``, ``y_train``, ``X_test``, ``y_test``;
    y: 1 = malignant)."""

    model: object
    threshold: float
    X_train: pd.DataFrame
    X_test: pd.DataFrame
    y_train: pd.Series
    y_test: pd.Series

    def probabilities(self, X=None) -> np.ndarray:
        """The probability of malignancy for each woman of ``X`` (the test women if none)."""
        return models.probability_malignant(self.model, self.X_test if X is None else X)

    def performance(self, X=None, y=None, auc_interval: bool = True) -> Performance:
        """Sensitivity, specificity, AUC and calibration at the threshold, with intervals, on
        ``X`` and ``y`` (the test women if none are given)."""
        if (X is None) != (y is None):
            raise ValueError("Give both X and y (the women and their diagnoses), or neither.")
        X, y = (self.X_test, self.y_test) if X is None else (X, y)
        return performance(y, self.probabilities(X), self.threshold, auc_interval)


def taught_model() -> Taught:
    """The taught model of lessons 03–07, fitted anew (the same every time: it is seeded)."""
    X_train, X_test, y_train, y_test = models.split(*data.load_wdbc_xy())
    model = models.reference_model().fit(X_train, y_train)
    threshold = metrics.rule_out_threshold(models.reference_model(), X_train, y_train)
    return Taught(model, threshold, X_train, X_test, y_train, y_test)
