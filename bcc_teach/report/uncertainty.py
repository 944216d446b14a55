"""How much one woman's probability owes to which training women the model happened to see.

A model fitted on 426 women would have come out a little different had 426 other women like
them been sampled, and so would her probability. ``probability_interval`` measures that: it
refits the model on bootstrap samples of the training women (each drawn with replacement, the
same size as the original), asks each refitted model about her, and reports the middle 95% of
the answers (a percentile bootstrap, ``scipy.stats.bootstrap``).

What the interval is **not**: it is not a range within which her chance of cancer lies, and it
leaves out what changes at another clinic, scanner or population (lesson 08). It says how
firmly the training data pin her probability down.

    >>> from bcc_teach import report, shift
    >>> taught = shift.taught_model()
    >>> spread = report.probability_interval(taught.model, taught.X_train, taught.y_train,
    ...                                      taught.X_test.loc[["W469"]], n_refits=50)
    >>> spread.estimate("W469").low <= spread.estimate("W469").high
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bcc_teach import inputs, models, validation

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

#: How the interval is found, in the words an ``Estimate`` carries.
METHOD = "bootstrap refits of the training women (percentile)"


@dataclass(frozen=True)
class ProbabilityInterval:
    """Each case's probability of malignancy from the fitted model (``probability``) and the
    middle 95% of its probabilities from models refitted on ``refits`` bootstrap samples of the
    ``n_train`` training women (``low``, ``high``), indexed like the cases (``cases``)."""

    cases: tuple
    probability: np.ndarray
    low: np.ndarray
    high: np.ndarray
    refits: int
    n_train: int

    def estimate(self, case) -> validation.Estimate:
        """One case's probability with its interval, by the case's label (e.g. ``"W469"``)."""
        if case not in self.cases:
            shown = ", ".join(map(str, self.cases[:5])) + (" …" if len(self.cases) > 5 else "")
            raise KeyError(f"No case {case!r} here; the cases are {shown}.")
        i = self.cases.index(case)
        return validation.Estimate(
            float(self.probability[i]), float(self.low[i]), float(self.high[i]), METHOD
        )

    def table(self) -> pd.DataFrame:
        """One row per case: its probability, and the ends of its 95% interval."""
        import pandas as pd

        table = pd.DataFrame(
            {"probability": self.probability, "low": self.low, "high": self.high},
            index=pd.Index(self.cases, name="case"),
        )
        table.columns.name = f"{self.refits} refits on {self.n_train} training women"
        return table


def probability_interval(
    model, X_train, y_train, cases, n_refits: int = 1000, random_state: int = 0
) -> ProbabilityInterval:
    """Each case's probability of malignancy, with the middle 95% of its probabilities from
    ``n_refits`` copies of ``model`` refitted on bootstrap samples of the training women.

    ``model`` is the fitted model (its settings are copied, unfitted, for each refit);
    ``X_train`` and ``y_train`` the women it was fitted on (1 = malignant); ``cases`` one row of
    measurements or a table of them. Seeded by ``random_state``: the same call gives the same
    interval. A logistic regression refits in a few milliseconds, so 1,000 refits take about
    6 seconds on a 2-core machine (the linear algebra runs on one thread while refitting, which
    is quicker than sharing out such small fits). The model must have been fitted with
    1 = malignant (``classes_`` 0 and 1), as every model of the course is.

    >>> from bcc_teach import data, models
    >>> X, y = data.load_wdbc_xy()
    >>> model = models.reference_model().fit(X, y)
    >>> spread = probability_interval(model, X, y, X.iloc[:2], n_refits=20, random_state=1)
    >>> spread.table().shape
    (2, 3)
    """
    import numpy as np
    import pandas as pd
    from scipy.stats import bootstrap
    from sklearn.base import clone
    from threadpoolctl import threadpool_limits

    X_train, labels = validation.cases(X_train, y_train)
    n_refits = inputs.check_whole_number(n_refits, "n_refits", minimum=10)
    if isinstance(cases, pd.Series):
        cases = cases.to_frame().T
    if not isinstance(cases, pd.DataFrame) or len(cases) == 0:
        raise ValueError(
            "cases must be one case (a row of X, e.g. X_test.loc['W469']) or a table of cases "
            "(e.g. X_test.loc[['W469']])."
        )
    columns = list(X_train.columns)
    rows = inputs.check_columns(cases, columns, "cases")[columns].astype(float)
    probability = models.probability_malignant(model, rows)

    # The refits see plain arrays (half the time of tables); they are asked about the cases'
    # values in the same column order, and are thrown away after.
    training, asked = X_train.to_numpy(dtype=float), rows.to_numpy()

    def refitted(indices):
        chosen = labels[indices]
        if chosen.min() == chosen.max():  # one diagnosis only: no model can be fitted
            return np.full(len(asked), np.nan)
        return clone(model).fit(training[indices], chosen).predict_proba(asked)[:, 1]

    with threadpool_limits(1):
        result = bootstrap((np.arange(len(labels)),), refitted, vectorized=False,
                           n_resamples=n_refits, method="percentile", rng=random_state)  # fmt: skip
    spread = np.atleast_2d(result.bootstrap_distribution)
    low, high = np.nanpercentile(spread, [2.5, 97.5], axis=-1)
    return ProbabilityInterval(tuple(rows.index), probability, low, high, n_refits, len(labels))
