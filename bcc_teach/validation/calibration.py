"""Calibration: do the probabilities mean what they say? "Of 100 women told 20%, about 20 have
cancer" holds only for a calibrated model.

The levels of Van Calster et al. (BMC Medicine 2019): on average (the mean probability against
the share with cancer, or the calibration intercept), weakly (the calibration slope) and
moderately (the reliability curve, group by group). Malignant = positive.

    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> p = rng.uniform(0.05, 0.95, 4000)
    >>> y = (rng.uniform(size=4000) < p).astype(int)  # outcomes drawn from p: calibrated
    >>> check = calibration(y, p)
    >>> check.slope.contains(1.0), check.intercept.contains(0.0)
    (True, True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bcc_teach import metrics
from bcc_teach.validation.resampling import POSITIVE, Estimate

if TYPE_CHECKING:
    import pandas as pd

#: Probabilities are kept this far from 0 and 1 before their log-odds are taken.
EDGE = 1e-8


@dataclass(frozen=True)
class Calibration:
    """How well probabilities match outcomes.

    ``curve``: one row per group of women with similar probabilities (mean probability, share
    with cancer and its Wilson interval, number of women); ``intercept`` and ``slope``: the
    calibration intercept (ideal 0) and slope (ideal 1) with 95% intervals; ``brier``: the
    Brier score; ``mean_probability`` and ``observed``: the mean probability and the share of
    women with cancer.
    """

    curve: pd.DataFrame
    intercept: Estimate
    slope: Estimate
    brier: float
    mean_probability: float
    observed: float
    n: int

    def table(self) -> pd.DataFrame:
        """The summary figures, each with what it should be and what it says."""
        import pandas as pd

        rows = {
            "women with cancer (share)": (self.observed, "", "the truth to match"),
            "mean probability": (self.mean_probability, "", "close to the share: right on average"),
            "calibration intercept": (
                self.intercept.value,
                self.intercept.interval(2),
                "ideal 0; above 0: probabilities too low on average",
            ),
            "calibration slope": (
                self.slope.value,
                self.slope.interval(2),
                "ideal 1; below 1: too extreme (over-confident); above 1: too timid",
            ),
            "Brier score": (self.brier, "", "lower is better; 0 is perfect"),
        }
        table = pd.DataFrame(rows, index=["value", "95% CI", "reading"]).T
        table.index.name = f"{POSITIVE}; {self.n} women"
        return table

    def verdict(self) -> str:
        """Can the probabilities be read as frequencies? In a few words, from the slope.

        >>> import numpy as np
        >>> rng = np.random.default_rng(1)
        >>> p = rng.uniform(0.05, 0.95, 3000)
        >>> calibration((rng.uniform(size=3000) < p).astype(int), p).verdict()
        'roughly, yes'
        """
        if math.isnan(self.slope.value):
            return "cannot tell: they separate the women perfectly"
        if self.slope.contains(1.0):
            return "roughly, yes"
        return "no: too extreme" if self.slope.high < 1 else "no: too timid"

    def words(self) -> str:
        """The slope in clinical words."""
        slope = self.slope
        if math.isnan(slope.value):
            return ("No calibration slope can be estimated: the probabilities separate the women "
                    "with and without cancer perfectly (more women are needed).")  # fmt: skip
        if slope.contains(1.0):
            how = "compatible with 1: no sign that the probabilities are too extreme or too timid"
        elif slope.high < 1:
            how = (
                "below 1: the probabilities are too extreme (over-confident); high ones "
                "should be lower and low ones higher"
            )
        else:
            how = (
                "above 1: the probabilities are too timid (under-confident); they should be "
                "further from the middle"
            )
        return f"Calibration slope {slope.words(2)}, {how}."


def _logit(p):
    import numpy as np

    p = np.clip(p, EDGE, 1 - EDGE)
    return np.log(p / (1 - p))


def _fit(y, design, offset=None):
    """A logistic regression by maximum likelihood (statsmodels), its estimates and 95% Wald
    intervals; all NaN when the probabilities separate the women perfectly (then no slope or
    intercept can be estimated)."""
    import warnings

    import numpy as np
    import statsmodels.api as sm
    from statsmodels.tools.sm_exceptions import PerfectSeparationWarning

    model = sm.GLM(y, design, family=sm.families.Binomial(), offset=offset)
    with warnings.catch_warnings():
        warnings.simplefilter("error", PerfectSeparationWarning)
        try:
            fit = model.fit()
        except PerfectSeparationWarning:
            nan = np.full(design.shape[1], np.nan)
            return nan, np.column_stack([nan, nan])
    return fit.params, fit.conf_int(0.05)


def calibration(y_true, p_malignant, bins: int = 10, strategy: str = "uniform") -> Calibration:
    """Check the calibration of probabilities ``p_malignant`` against diagnoses ``y_true``.

    - **calibration intercept** (calibration-in-the-large): the logistic regression of the
      outcome with the model's log-odds as a fixed offset; 0 when the probabilities are right
      on average, above 0 when they are too low.
    - **calibration slope**: the logistic regression of the outcome on the model's log-odds;
      1 when they are neither too extreme (below 1, common after over-fitting) nor too timid.
    - **reliability curve**: women grouped by probability (``bins`` groups of equal width, or
      of equal size with ``strategy="quantile"``); in each, the share with cancer against the
      mean probability, with its Wilson interval.

    >>> check = calibration([1, 0, 1, 0, 1, 0], [0.8, 0.3, 0.6, 0.1, 0.4, 0.7], bins=2)
    >>> list(check.curve["women"])
    [3, 3]
    """
    import numpy as np
    import pandas as pd
    import statsmodels.api as sm

    y, p = metrics.check_inputs(y_true, p_malignant)
    if y.min() == y.max():
        raise ValueError("Calibration needs women with and without cancer; y_true has one kind.")
    if strategy not in {"uniform", "quantile"}:
        raise ValueError(f"strategy must be 'uniform' or 'quantile'; got {strategy!r}.")
    log_odds = _logit(p)
    params, intervals = _fit(y, sm.add_constant(log_odds))
    slope = Estimate(float(params[1]), *map(float, intervals[1]), "Wald (logistic regression)")
    params, intervals = _fit(y, np.ones((len(y), 1)), offset=log_odds)
    intercept = Estimate(float(params[0]), *map(float, intervals[0]), "Wald (offset logistic)")
    if strategy == "uniform":
        edges = np.linspace(0, 1, bins + 1)
    else:
        edges = np.unique(np.quantile(p, np.linspace(0, 1, bins + 1)))
    group = np.clip(np.searchsorted(edges, p, side="right") - 1, 0, len(edges) - 2)
    rows = []
    for g in np.unique(group):
        members = group == g
        share = metrics.rate(int(y[members].sum()), int(members.sum()))
        rows.append(
            {
                "probabilities": f"{edges[g]:.1f} to {edges[g + 1]:.1f}",
                "mean probability": float(p[members].mean()),
                "share with cancer": share.value,
                "low": share.low,
                "high": share.high,
                "women": int(members.sum()),
            }
        )
    curve = pd.DataFrame(rows)
    brier = float(np.mean((p - y) ** 2))
    return Calibration(curve, intercept, slope, brier, float(p.mean()), float(y.mean()), len(y))
