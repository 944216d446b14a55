"""An out-of-distribution warning: "this case is unlike the women the model learned from".

A model gives a probability for any row of numbers, however strange. The warning looks at the
case, not at the model's answer: is any feature outside the range seen in training (by more
than a margin), and is the case as a whole far from the training women once the features'
correlations are taken into account (the Mahalanobis distance on the scaled features, with a
shrunk covariance, ``sklearn.covariance.LedoitWolf``)? The limit of that distance is set so
that about 1 in 100 ordinary new cases trips it (the 99th percentile of out-of-fold distances
of the training women), and its false-alarm rate is then measured on cases it has not seen.

A warning is not a diagnosis: it says "the probability is not to be trusted here", never
"malignant". Malignant and benign cases alike can be unusual.

    >>> from bcc_teach import data, shift
    >>> X, y = data.load_wdbc_xy()
    >>> warning = shift.fit_ood_warning(X)
    >>> warning.check(X.head(3) * 2).warned.tolist()   # sizes and shapes all doubled
    [True, True, True]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bcc_teach import inputs, metrics

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

#: How far beyond the training range a feature may lie before it is named, as a share of
#: that range.
MARGIN = 0.1
#: The share of ordinary new cases that should trip the distance limit.
FALSE_ALARMS = 0.01


@dataclass(frozen=True)
class OODCheck:
    """The warning for each case: ``distance`` (Mahalanobis, scaled features), ``far`` (beyond
    the limit), ``outside`` (features beyond the training range and margin, per case),
    ``warned`` (either). Indexed like the cases checked."""

    distance: pd.Series
    far: pd.Series
    outside: pd.Series
    warned: pd.Series
    limit: float

    def rate(self) -> metrics.Rate:
        """The share of the cases warned about, with its Wilson interval."""
        return metrics.rate(int(self.warned.sum()), len(self.warned))

    def reasons(self) -> pd.Series:
        """For each case, why it was warned about, in words ("" if it was not)."""
        import pandas as pd

        words = []
        for far, outside, distance in zip(self.far, self.outside, self.distance, strict=True):
            parts = []
            if far:
                parts.append(f"unlike the training women as a whole (distance {distance:.1f}, "
                             f"limit {self.limit:.1f})")  # fmt: skip
            if outside:
                shown = ", ".join(outside[:3]) + (" …" if len(outside) > 3 else "")
                parts.append(f"outside the training range: {shown}")
            words.append("; ".join(parts))
        return pd.Series(words, index=self.warned.index, name="why")


@dataclass(frozen=True, eq=False)
class OODWarning:
    """A fitted warning (``fit_ood_warning``): the training ranges, the scaler and covariance,
    and the distance ``limit``."""

    features: tuple
    low: np.ndarray
    high: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    covariance: object
    limit: float
    n_train: int

    def distance(self, X) -> np.ndarray:
        """Each case's Mahalanobis distance from the training women (scaled features)."""
        return self._far(self._values(X))[0]

    def _values(self, X) -> np.ndarray:
        table = inputs.check_columns(X, list(self.features), "X")
        return table[list(self.features)].to_numpy(dtype=float)

    def _beyond(self, values: np.ndarray) -> np.ndarray:
        """True where a feature of a case lies outside the training range and its margin."""
        width = self.high - self.low
        return (values < self.low - MARGIN * width) | (values > self.high + MARGIN * width)

    def _far(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        import numpy as np

        distance = np.sqrt(self.covariance.mahalanobis((values - self.mean) / self.scale))
        return distance, distance > self.limit

    def warned(self, X) -> np.ndarray:
        """True for each case (row) of ``X`` the warning is raised for, as ``check`` decides,
        without the details: quick enough for a million cases (``deploy.score_file``).

        >>> from bcc_teach import data
        >>> X, _ = data.load_wdbc_xy()
        >>> fit_ood_warning(X).warned(X.head(2) * 2).tolist()
        [True, True]
        """
        values = self._values(X)
        return self._far(values)[1] | self._beyond(values).any(axis=1)

    def check(self, X) -> OODCheck:
        """Check each case (row) of ``X``: is it unlike the training women?"""
        import numpy as np
        import pandas as pd

        values = self._values(X)
        beyond = self._beyond(values)
        names = np.asarray(self.features, dtype=object)
        outside = pd.Series([list(names[row]) for row in beyond], index=X.index, name="outside")
        distance, far = self._far(values)
        distance = pd.Series(distance, index=X.index, name="distance")
        far = pd.Series(far, index=X.index, name="far")
        warned = (far | beyond.any(axis=1)).rename("warned")
        return OODCheck(distance, far, outside, warned, self.limit)


def _centre_and_spread(values):
    """The means, standard deviations and shrunk covariance (Ledoit–Wolf) of scaled cases."""
    from sklearn.covariance import LedoitWolf

    mean, scale = values.mean(axis=0), values.std(axis=0, ddof=1)
    return mean, scale, LedoitWolf().fit((values - mean) / scale)


def _distances(values, fit_rows, score_rows):
    mean, scale, covariance = _centre_and_spread(values[fit_rows])
    return covariance.mahalanobis((values[score_rows] - mean) / scale) ** 0.5


def fit_ood_warning(X_train, folds: int = 5, random_state: int = 0) -> OODWarning:
    """Fit the warning on the training cases ``X_train`` (their diagnoses are not used).

    The distance limit is the 99th percentile of out-of-fold distances: each training case's
    distance from the other folds' cases, so the limit is set on cases as new as the ones it
    will check (a case's distance from a fit that includes it would be too small).
    """
    import numpy as np
    from sklearn.model_selection import KFold

    table = inputs.check_columns(X_train, list(X_train.columns), "X_train")
    values = table.to_numpy(dtype=float)
    if not np.isfinite(values).all():
        raise ValueError("X_train has missing or infinite values: the warning needs numbers.")
    if len(values) < 5 * folds:
        raise ValueError(f"X_train has {len(values)} cases; at least {5 * folds} are needed.")
    splits = KFold(folds, shuffle=True, random_state=random_state).split(values)
    out_of_fold = np.concatenate([_distances(values, fit, held) for fit, held in splits])
    limit = float(np.quantile(out_of_fold, 1 - FALSE_ALARMS))
    mean, scale, covariance = _centre_and_spread(values)
    return OODWarning(tuple(table.columns), values.min(axis=0), values.max(axis=0), mean, scale,
                      covariance, limit, len(values))  # fmt: skip
