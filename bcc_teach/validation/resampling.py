"""How much a figure would move with other women or another split: bootstrap intervals, the
spread over random splits, repeated cross-validation and the optimism of apparent performance.

Malignant = 1 = positive throughout; a case is flagged at or above the threshold.

    >>> from bcc_teach import data, models
    >>> X, y = data.load_wdbc_xy()
    >>> cv = repeated_cv(models.reference_model(), X, y, folds=5, repeats=2, show_progress=False)
    >>> round(cv.mean("auc"), 3)
    0.995
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bcc_teach import inputs, metrics, models
from bcc_teach.validation import _scores
from bcc_teach.validation._progress import steps
from bcc_teach.validation._store import remembered

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

POSITIVE = "malignant = positive"


@dataclass(frozen=True)
class Estimate:
    """A figure with its 95% interval and how the interval was found.

    >>> Estimate(0.993, 0.985, 0.999, "bootstrap (BCa)").words(3)
    '0.993 (95% CI 0.985 to 0.999)'
    """

    value: float
    low: float
    high: float
    method: str

    def interval(self, digits: int = 2) -> str:
        """The 95% interval in words: ``'0.87 to 0.99'``."""
        return f"{self.low:.{digits}f} to {self.high:.{digits}f}"

    def words(self, digits: int = 2) -> str:
        """The value with its interval: ``'0.96 (95% CI 0.87 to 0.99)'``."""
        if math.isnan(self.value):
            return "undefined"
        return f"{self.value:.{digits}f} (95% CI {self.interval(digits)})"

    def contains(self, value: float) -> bool:
        """Whether ``value`` lies inside the interval (ends included)."""
        return self.low <= value <= self.high


def cases(X, y) -> tuple:
    """The cases ``X`` (a table, one row per woman) and their diagnoses ``y`` (1 = malignant),
    checked to match; ``y`` comes back as a NumPy array of 1s and 0s.

    >>> from bcc_teach import data
    >>> X, y = cases(*data.load_wdbc_xy())
    >>> y[:3].tolist()
    [1, 1, 1]
    """
    import pandas as pd

    labels = inputs.check_labels(y, "y")
    if not isinstance(X, pd.DataFrame):
        raise TypeError(
            f"X must be a table (a pandas DataFrame) of cases, one row per woman; got "
            f"{type(X).__name__}. Use X from data.load_wdbc_xy()."
        )
    if len(X) != len(labels):
        raise ValueError(f"X has {len(X)} rows but y has {len(labels)} diagnoses: one per woman.")
    return X, labels.astype(int)


def _arrays(y_true, p_malignant):
    y, p = metrics.check_inputs(y_true, p_malignant)
    return y.astype(int), p.astype(float)


def _bootstrap(statistic, n: int, n_resamples: int, random_state: int) -> tuple:
    """95% bootstrap intervals of ``statistic(indices)`` (one value or several) over ``n``
    cases resampled with replacement (``scipy.stats.bootstrap``): BCa where it can be
    computed, else percentile. Returns (low, high, method) arrays."""
    import numpy as np
    from scipy.stats import bootstrap

    indices = (np.arange(n),)
    kwargs = dict(vectorized=False, n_resamples=n_resamples, random_state=random_state)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a degenerate BCa is caught below, not printed
        result = bootstrap(indices, statistic, method="BCa", **kwargs)
    low = np.atleast_1d(result.confidence_interval.low).astype(float)
    high = np.atleast_1d(result.confidence_interval.high).astype(float)
    fallback = ~(np.isfinite(low) & np.isfinite(high))
    if fallback.any():  # the same resamples' 2.5th and 97.5th percentiles
        spread = np.atleast_2d(result.bootstrap_distribution)
        ends = np.nanpercentile(spread, [2.5, 97.5], axis=-1)
        low[fallback], high[fallback] = ends[0][fallback], ends[1][fallback]
    method = np.where(fallback, "bootstrap (percentile)", "bootstrap (BCa)")
    return low, high, method


@dataclass(frozen=True)
class BootstrapScores:
    """Scores of one set of probabilities, each with its 95% bootstrap interval.

    ``estimates``: score name → ``Estimate``; ``n``: the women they were counted on.
    """

    estimates: dict
    threshold: float
    n: int
    n_resamples: int

    def __getattr__(self, name):
        estimates = self.__dict__.get("estimates", {})
        if name in estimates:
            return estimates[name]
        raise AttributeError(name)

    def table(self) -> pd.DataFrame:
        """One row per score: value, 95% CI and how the interval was found."""
        import pandas as pd

        rows = {
            name: {
                "value": e.value,
                "95% CI": e.interval(3),
                "interval by": e.method,
                "what it measures": _scores.MEANING[name],
            }
            for name, e in self.estimates.items()
        }
        table = pd.DataFrame(rows).T
        table.index.name = f"{POSITIVE}; threshold {self.threshold:g}; {self.n} women"
        return table


def bootstrap_scores(
    y_true,
    p_malignant,
    threshold: float = 0.5,
    scores=("sensitivity", "specificity", "auc", "brier", "net_benefit"),
    n_resamples: int = 2000,
    random_state: int = 0,
) -> BootstrapScores:
    """Scores of probabilities ``p_malignant`` against diagnoses ``y_true``, each with a 95%
    bootstrap interval: the women are resampled with replacement ``n_resamples`` times and the
    score recomputed (``scipy.stats.bootstrap``, BCa intervals where they can be computed).

    Where every resample gives the same share (51 of 51 cancers found, say), the bootstrap
    cannot say how far the truth may lie from it: sensitivity, specificity and accuracy then
    get their Wilson interval instead, and the table says so.

    >>> from bcc_teach import data, models
    >>> X_train, X_test, y_train, y_test = models.split(*data.load_wdbc_xy())
    >>> model = models.reference_model().fit(X_train, y_train)
    >>> result = bootstrap_scores(y_test, models.probability_malignant(model, X_test))
    >>> result.auc.low < result.auc.value < result.auc.high
    True
    """
    import numpy as np

    y, p = _arrays(y_true, p_malignant)
    inputs.check_threshold(threshold)
    names = _scores.check_scores(scores)
    n_resamples = inputs.check_whole_number(n_resamples, "n_resamples", minimum=100)

    def statistic(indices):
        return np.array([_scores.score(name, y[indices], p[indices], threshold) for name in names])

    values = statistic(np.arange(len(y)))
    low, high, method = _bootstrap(statistic, len(y), n_resamples, random_state)
    estimates = {}
    for i, name in enumerate(names):
        estimate = Estimate(float(values[i]), float(low[i]), float(high[i]), str(method[i]))
        if name in _scores.SHARES and low[i] == high[i]:
            share = metrics.clinical_metrics(y, p, threshold).interval(name)
            estimate = Estimate(
                share.value,
                share.low,
                share.high,
                f"Wilson ({share.counted()}: the bootstrap cannot vary it)",
            )
        estimates[name] = estimate
    return BootstrapScores(estimates, threshold, len(y), n_resamples)


@dataclass(frozen=True)
class SplitSpread:
    """Test-set scores of one model over many random train/test splits of the same women.

    ``scores``: one row per split, one column per score.
    """

    scores: pd.DataFrame
    threshold: float
    test_size: float

    def table(self) -> pd.DataFrame:
        """Lowest, middle and highest score over the splits, and the middle 90% of them."""
        summary = self.scores.quantile([0.0, 0.05, 0.5, 0.95, 1.0]).T
        summary.columns = ["lowest", "5th percentile", "median", "95th percentile", "highest"]
        summary.index.name = f"{POSITIVE}; {len(self.scores)} random splits"
        return summary


@remembered(SplitSpread)
def split_spread(
    model,
    X,
    y,
    splits: int = 100,
    test_size: float = 0.25,
    threshold: float = 0.5,
    scores=("sensitivity", "specificity", "accuracy", "auc"),
    random_state: int = 0,
    show_progress: bool = True,
) -> SplitSpread:
    """Fit ``model`` on the training part of ``splits`` random stratified splits and score it
    on each test part: how much a single split's figures owe to which women it drew.

    >>> from bcc_teach import data, models
    >>> X, y = data.load_wdbc_xy()
    >>> spread = split_spread(models.reference_model(), X, y, splits=5, show_progress=False)
    >>> len(spread.scores)
    5
    """
    import pandas as pd
    from sklearn.base import clone
    from sklearn.model_selection import StratifiedShuffleSplit

    X, labels = cases(X, y)
    names = _scores.check_scores(scores)
    splits = inputs.check_whole_number(splits, "splits", minimum=2)
    splitter = StratifiedShuffleSplit(splits, test_size=test_size, random_state=random_state)
    rows = []
    for train, test in steps(splitter.split(X, labels), splits, "random splits", show_progress):
        fitted = clone(model).fit(X.iloc[train], labels[train])
        p = models.probability_malignant(fitted, X.iloc[test])
        y_test = labels[test]
        rows.append({name: float(_scores.score(name, y_test, p, threshold)) for name in names})
    return SplitSpread(pd.DataFrame(rows), threshold, test_size)


@dataclass(frozen=True)
class RepeatedCV:
    """Repeated stratified cross-validation of one model.

    ``probabilities``: repetitions × cases, each case's probability from the fold model that
    did not see it; ``y``: the diagnoses; ``scores``: one row per repetition; ``intervals``:
    score name → 95% interval (``Estimate``).
    """

    probabilities: np.ndarray
    y: np.ndarray
    folds: int
    threshold: float
    scores: pd.DataFrame
    intervals: dict = field(repr=False)
    fold_models: list = field(default_factory=list, repr=False)

    @property
    def repeats(self) -> int:
        return len(self.probabilities)

    def mean(self, score: str) -> float:
        """A score's mean over the repetitions."""
        return float(self.scores[score].mean())

    def table(self) -> pd.DataFrame:
        """Each score's mean over the repetitions, its lowest and highest repetition (the luck
        of the fold split), and its 95% interval (the luck of which women were sampled)."""
        import pandas as pd

        rows = {
            name: {
                "mean": self.mean(name),
                "repetitions: lowest to highest": (
                    f"{self.scores[name].min():.3f} to {self.scores[name].max():.3f}"
                ),
                "95% CI": self.intervals[name].interval(3),
                "interval by": self.intervals[name].method,
            }
            for name in self.scores
        }
        table = pd.DataFrame(rows).T
        table.index.name = (
            f"{POSITIVE}; {self.repeats} × {self.folds}-fold CV of {self.y.size} women"
        )
        return table


@remembered(RepeatedCV)
def repeated_cv(
    model,
    X,
    y,
    folds: int = 10,
    repeats: int = 10,
    threshold: float = 0.5,
    scores=("accuracy", "sensitivity", "specificity", "auc", "brier"),
    random_state: int = 0,
    n_resamples: int = 1000,
    keep_models: bool = False,
    show_progress: bool = True,
) -> RepeatedCV:
    """Cross-validate ``model`` ``repeats`` times, each time with the women shuffled into
    ``folds`` new stratified folds: every woman gets one out-of-fold probability per repetition.

    Repeating removes the luck of one fold split, not the luck of which women were sampled: the
    95% interval still counts only the women. For shares of women (accuracy, sensitivity,
    specificity) it is the Wilson interval of the mean share over the women it is counted on; for
    the AUC and Brier score, a bootstrap over the women of the mean over repetitions.
    ``keep_models=True`` keeps each fold's fitted model (``fold_models``: one list per
    repetition), to see what each fold chose.

    >>> from bcc_teach import data, models
    >>> X, y = data.load_wdbc_xy()
    >>> cv = repeated_cv(models.reference_model(), X, y, folds=5, repeats=2, show_progress=False)
    >>> cv.probabilities.shape
    (2, 569)
    """
    import numpy as np
    import pandas as pd
    from sklearn.model_selection import StratifiedKFold, cross_val_predict, cross_validate

    X, truth = cases(X, y)
    names = _scores.check_scores(scores)
    repeats = inputs.check_whole_number(repeats, "repeats", minimum=1)
    folds = inputs.check_whole_number(folds, "folds", minimum=2)
    p, fitted = np.full((repeats, truth.size), np.nan), []
    for repeat in steps(range(repeats), repeats, "cross-validation repetitions", show_progress):
        splitter = StratifiedKFold(folds, shuffle=True, random_state=random_state + repeat)
        if keep_models:
            run = cross_validate(
                model, X, truth, cv=splitter, return_estimator=True, return_indices=True
            )
            for each, test in zip(run["estimator"], run["indices"]["test"], strict=True):
                p[repeat, test] = models.probability_malignant(each, X.iloc[test])
            fitted.append(list(run["estimator"]))
        else:
            p[repeat] = cross_val_predict(model, X, truth, cv=splitter, method="predict_proba")[
                :, 1
            ]
    table = pd.DataFrame({name: _scores.score(name, truth, p, threshold) for name in names})
    intervals = {}
    for name in names:
        if name in _scores.SHARES:
            among = np.isin(truth, _scores.SHARES[name])
            share = metrics.rate(round(table[name].mean() * among.sum()), int(among.sum()))
            intervals[name] = Estimate(float(table[name].mean()), share.low, share.high, "Wilson")
    rest = [name for name in names if name not in intervals]
    if rest:

        def statistic(indices):
            return [
                np.nanmean(_scores.score(n, truth[indices], p[:, indices], threshold)) for n in rest
            ]

        low, high, method = _bootstrap(statistic, truth.size, n_resamples, random_state)
        for i, name in enumerate(rest):
            intervals[name] = Estimate(table[name].mean(), low[i], high[i], str(method[i]))
    return RepeatedCV(p, truth, folds, threshold, table, intervals, fitted)


@dataclass(frozen=True)
class Optimism:
    """Apparent performance (a model scored on its own training women), how much of it is
    optimism, and what is left after correcting for it (Harrell's bootstrap).

    ``apparent``, ``optimism`` and ``corrected``: score name → value.
    """

    apparent: dict
    optimism: dict
    corrected: dict
    n_bootstrap: int
    threshold: float

    def table(self) -> pd.DataFrame:
        """One row per score: apparent, optimism, corrected."""
        import pandas as pd

        table = pd.DataFrame(
            {"apparent": self.apparent, "optimism": self.optimism, "corrected": self.corrected}
        )
        table.index.name = f"{POSITIVE}; {self.n_bootstrap} bootstrap refits"
        return table


@remembered(Optimism)
def optimism_corrected(
    model,
    X,
    y,
    n_bootstrap: int = 200,
    threshold: float = 0.5,
    scores=("accuracy", "auc", "brier"),
    random_state: int = 0,
    show_progress: bool = True,
) -> Optimism:
    """Harrell's bootstrap optimism correction (Steyerberg 2019, chapter 5).

    The model fitted on all the women and scored on them is optimistic: it has seen their
    answers. Each of ``n_bootstrap`` times, refit the model on a bootstrap sample of the women,
    score it on that sample and on all the women; the average gap is the optimism, subtracted
    from the apparent score.

    >>> from bcc_teach import data, models
    >>> X, y = data.load_wdbc_xy()
    >>> result = optimism_corrected(models.reference_model(), X, y, n_bootstrap=5,
    ...                             show_progress=False)
    >>> result.corrected["auc"] <= result.apparent["auc"]
    True
    """
    import numpy as np
    from sklearn.base import clone

    X, truth = cases(X, y)
    names = _scores.check_scores(scores)
    n_bootstrap = inputs.check_whole_number(n_bootstrap, "n_bootstrap", minimum=1)

    def scored(fitted, rows):
        p = models.probability_malignant(fitted, X.iloc[rows])
        return np.array([_scores.score(name, truth[rows], p, threshold) for name in names])

    everyone = np.arange(len(truth))
    apparent = scored(clone(model).fit(X, truth), everyone)
    rng = np.random.default_rng(random_state)
    gaps = []
    for _ in steps(range(n_bootstrap), n_bootstrap, "bootstrap refits", show_progress):
        sample = rng.integers(0, len(truth), len(truth))
        while len(set(truth[sample])) < 2:  # a sample needs both diagnoses
            sample = rng.integers(0, len(truth), len(truth))
        fitted = clone(model).fit(X.iloc[sample], truth[sample])
        gaps.append(scored(fitted, sample) - scored(fitted, everyone))
    optimism = np.mean(gaps, axis=0)
    return Optimism(
        dict(zip(names, apparent.tolist(), strict=True)),
        dict(zip(names, optimism.tolist(), strict=True)),
        dict(zip(names, (apparent - optimism).tolist(), strict=True)),
        n_bootstrap,
        threshold,
    )


@dataclass(frozen=True)
class OutOfFold:
    """Each case's probability of malignancy from a copy of the model fitted without it
    (``models.cross_validated_probabilities``: stratified ``folds``-fold cross-validation)."""

    probabilities: np.ndarray
    folds: int


@remembered(OutOfFold)
def out_of_fold(model, X, y, folds: int = 5, random_state: int = models.RANDOM_STATE) -> OutOfFold:
    """``models.cross_validated_probabilities``, stored with the course for the calls the
    lessons and exercises make (a random forest's takes seconds; see ``validation._store``):
    ``metrics.threshold_for_sensitivity`` on them gives ``metrics.rule_out_threshold``.

    >>> from bcc_teach import data
    >>> X_train, _, y_train, _ = models.split(*data.load_wdbc_xy())
    >>> out_of_fold(models.reference_model(), X_train, y_train).probabilities.shape
    (426,)
    """
    p = models.cross_validated_probabilities(model, X, y, folds, random_state)
    return OutOfFold(p, folds)
