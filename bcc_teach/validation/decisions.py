"""Is the model worth using, and is one model better than another, on the same women?

Decision-curve analysis (Vickers & Elkin, Medical Decision Making 2006) weighs cancers found
against unnecessary biopsies at the exchange rate a threshold implies; the paired comparison
asks whether two models' difference is larger than the luck of the women sampled.
Malignant = positive; a woman is flagged at or above the threshold.

    >>> curve = decision_curve([1, 0, 1, 0], [0.9, 0.2, 0.6, 0.4], thresholds=[0.1, 0.5])
    >>> curve.table()["model"].round(3).tolist()
    [0.444, 0.5]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bcc_teach import inputs, metrics
from bcc_teach.validation import _scores
from bcc_teach.validation.resampling import POSITIVE, Estimate, _arrays, _bootstrap

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


@dataclass(frozen=True)
class DecisionCurve:
    """Net benefit over a range of threshold probabilities.

    ``thresholds``; ``net_benefit`` (the model), ``treat_all`` (biopsy every woman) and
    ``treat_none`` (biopsy none: always 0), one value per threshold; ``prevalence``.
    """

    thresholds: np.ndarray
    net_benefit: np.ndarray
    treat_all: np.ndarray
    prevalence: float
    n: int

    @property
    def treat_none(self) -> np.ndarray:
        import numpy as np

        return np.zeros_like(self.net_benefit)

    def at(self, threshold: float) -> float:
        """The model's net benefit at one of the curve's thresholds."""
        import numpy as np

        match = np.isclose(self.thresholds, threshold)
        if not match.any():
            raise ValueError(f"{threshold} is not one of the curve's thresholds.")
        return float(self.net_benefit[match][0])

    def table(self) -> pd.DataFrame:
        """Net benefit of the model, of biopsying all and of biopsying none; and the model's
        advantage over the better of the two, as cancers found per 100 women with no extra
        unnecessary biopsies."""
        import numpy as np
        import pandas as pd

        best_default = np.maximum(self.treat_all, 0.0)
        table = pd.DataFrame(
            {
                "threshold": self.thresholds,
                "unnecessary biopsies accepted per cancer found": [
                    metrics.exchange_rate(t) for t in self.thresholds
                ],
                "model": self.net_benefit,
                "biopsy all": self.treat_all,
                "biopsy none": self.treat_none,
                "model's gain per 100 women": 100 * (self.net_benefit - best_default),
            }
        ).set_index("threshold")
        table.index.name = f"threshold ({POSITIVE}; {self.n} women)"
        return table


def decision_curve(y_true, p_malignant, thresholds=None) -> DecisionCurve:
    """Net benefit of acting on the model's flags at each threshold probability ``pt``:

        net benefit = cancers found / n − unnecessary biopsies / n × pt / (1 − pt)

    The threshold's odds, pt / (1 − pt), are what one unnecessary biopsy is worth in missed
    cancers (lesson 04's exchange rate, turned over). A net benefit of 0.30 means as much good
    as finding 30 cancers per 100 women with no unnecessary biopsy at all. Compared with
    biopsying every woman (net benefit: prevalence − (1 − prevalence) × pt / (1 − pt)) and with
    biopsying none (0). ``thresholds``: default 0.01 to 0.50 in steps of 0.01.

    >>> curve = decision_curve([1, 1, 0, 0], [0.8, 0.6, 0.3, 0.7], thresholds=[0.5])
    >>> float(curve.net_benefit[0]), float(curve.treat_all[0])
    (0.25, 0.0)
    """
    import numpy as np

    y, p = _arrays(y_true, p_malignant)
    if thresholds is None:
        thresholds = np.round(np.arange(1, 51) / 100, 2)
    thresholds = np.asarray([inputs.check_threshold(t) for t in thresholds], dtype=float)
    if ((thresholds <= 0) | (thresholds >= 1)).any():
        raise ValueError("Decision-curve thresholds must lie strictly between 0 and 1.")
    net = np.array([_scores.net_benefit(y, p, t) for t in thresholds], dtype=float)
    prevalence = float(y.mean())
    treat_all = prevalence - (1 - prevalence) * thresholds / (1 - thresholds)
    return DecisionCurve(thresholds, net, treat_all, prevalence, len(y))


@dataclass(frozen=True)
class PairedComparison:
    """Two models scored on the same women.

    ``auc``: name → Estimate; ``difference``: AUC of the first minus the second, with its
    paired bootstrap interval; ``threshold``; ``only_first_right`` and ``only_second_right``:
    women one model called right and the other wrong at the threshold; ``mcnemar_p``: the exact
    McNemar test of those two counts.
    """

    names: tuple
    auc: dict
    difference: Estimate
    threshold: float
    only_first_right: int
    only_second_right: int
    mcnemar_p: float
    n: int

    def table(self) -> pd.DataFrame:
        """The AUCs, their difference with its interval, and the disagreements at the
        threshold."""
        import pandas as pd

        first, second = self.names
        rows = {
            f"AUC {first}": (self.auc[first].value, self.auc[first].interval(3)),
            f"AUC {second}": (self.auc[second].value, self.auc[second].interval(3)),
            f"AUC difference ({first} − {second})": (
                self.difference.value,
                self.difference.interval(3),
            ),
            f"women only {first} called right (threshold {self.threshold:g})": (
                self.only_first_right,
                "",
            ),
            f"women only {second} called right": (self.only_second_right, ""),
            "McNemar's exact test: p": (self.mcnemar_p, ""),
        }
        table = pd.DataFrame(rows, index=["value", "95% CI"]).T
        table.index.name = f"{POSITIVE}; the same {self.n} women"
        return table

    def words(self) -> str:
        """Whether the difference is more than noise, in words."""
        first, second = self.names
        d = self.difference
        digits = 3  # enough digits that an end of the interval near 0 does not read as 0
        while digits < 6 and 0.0 in {round(d.low, digits), round(d.high, digits)} and d.low:
            digits += 1
        if d.contains(0.0):
            verdict = (
                f"the interval includes 0, so these {self.n} women cannot tell the two models apart"
            )
        else:
            better = first if d.value > 0 else second
            verdict = f"the interval excludes 0: {better} ranks these women better"
        return f"AUC {first} − {second} = {d.words(digits)}; {verdict}."


def compare_models(
    y_true,
    p_first,
    p_second,
    names=("first", "second"),
    threshold: float = 0.5,
    n_resamples: int = 2000,
    random_state: int = 0,
) -> PairedComparison:
    """Compare two models' probabilities for the same women: each AUC, their difference with a
    paired bootstrap 95% interval (the same resampled women score both models), and, at
    ``threshold``, McNemar's exact test of the women one model calls right and the other wrong
    (statsmodels).

    >>> import numpy as np
    >>> y = np.array([1, 1, 1, 0, 0, 0] * 10)
    >>> result = compare_models(y, np.where(y == 1, 0.8, 0.3), np.full(60, 0.5), ("good", "coin"))
    >>> result.difference.value
    0.5
    """
    import numpy as np
    from statsmodels.stats.contingency_tables import mcnemar

    y, first = _arrays(y_true, p_first)
    _, second = _arrays(y_true, p_second)
    inputs.check_threshold(threshold)
    names = tuple(str(name) for name in names)
    if len(names) != 2 or names[0] == names[1]:
        raise ValueError("names must be two different names, one per model.")

    def statistic(indices):
        a, b = _scores.auc(y[indices], first[indices]), _scores.auc(y[indices], second[indices])
        return np.array([a, b, a - b])

    values = statistic(np.arange(len(y)))
    low, high, method = _bootstrap(statistic, len(y), n_resamples, random_state)
    estimates = [
        Estimate(float(values[i]), float(low[i]), float(high[i]), str(method[i])) for i in range(3)
    ]
    right_first = (first >= threshold) == (y == 1)
    right_second = (second >= threshold) == (y == 1)
    only_first = int((right_first & ~right_second).sum())
    only_second = int((right_second & ~right_first).sum())
    table = [
        [int((right_first & right_second).sum()), only_first],
        [only_second, int((~right_first & ~right_second).sum())],
    ]
    p_value = float(mcnemar(table, exact=True).pvalue)
    return PairedComparison(
        names,
        dict(zip(names, estimates[:2], strict=True)),
        estimates[2],
        threshold,
        only_first,
        only_second,
        p_value,
        len(y),
    )
