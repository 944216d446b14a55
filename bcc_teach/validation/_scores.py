"""Quick scores of out-of-fold or test probabilities, for resampling loops (thousands of calls).

Each takes the diagnoses ``y`` (1 = malignant, 0 = benign) and probabilities ``p`` as NumPy
arrays; ``p`` may have one row per repetition (2-D: repetitions × cases), and then each score is
computed per row. A case is flagged when its probability is at or above the threshold, as in
``metrics.flagged``. Scores that are undefined for the cases given (no cancers, say) are NaN.
The tests check each one against scikit-learn's.
"""

from __future__ import annotations

import numpy as np


def _share(hits, among) -> np.ndarray:
    among = np.asarray(among, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(among > 0, hits / np.where(among > 0, among, 1), np.nan)


def sensitivity(y, p, threshold):
    """Of the women with cancer, the share flagged."""
    cancer = y == 1
    return _share(((p >= threshold) & cancer).sum(axis=-1), cancer.sum())


def specificity(y, p, threshold):
    """Of the women without cancer, the share called benign."""
    benign = y == 0
    return _share(((p < threshold) & benign).sum(axis=-1), benign.sum())


def accuracy(y, p, threshold):
    """The share of all calls that were right."""
    return ((p >= threshold) == (y == 1)).mean(axis=-1)


def auc(y, p, threshold=None):
    """The chance that a random cancer gets a higher probability than a random benign lump
    (ties count half): the Mann–Whitney form of the area under the ROC curve."""
    from scipy.stats import rankdata

    cancers, benign = int((y == 1).sum()), int((y == 0).sum())
    if cancers == 0 or benign == 0:
        return np.full(np.shape(p)[:-1], np.nan) if np.ndim(p) > 1 else np.nan
    ranks = rankdata(p, axis=-1)
    above = ranks[..., y == 1].sum(axis=-1) - cancers * (cancers + 1) / 2
    return above / (cancers * benign)


def brier(y, p, threshold=None):
    """The mean squared distance between probability and outcome (0 is perfect)."""
    return ((p - y) ** 2).mean(axis=-1)


def net_benefit(y, p, threshold):
    """Vickers & Elkin (2006): true positives per case, minus false positives per case weighed
    by the odds at the threshold, pt / (1 − pt)."""
    flagged, n = p >= threshold, y.shape[-1]
    true, false = (flagged & (y == 1)).sum(axis=-1), (flagged & (y == 0)).sum(axis=-1)
    return true / n - false / n * threshold / (1 - threshold)


#: Each score by name, and whether it needs a threshold.
SCORES = {
    "sensitivity": (sensitivity, True),
    "specificity": (specificity, True),
    "accuracy": (accuracy, True),
    "auc": (auc, False),
    "brier": (brier, False),
    "net_benefit": (net_benefit, True),
}
#: What each score is, in a few words, for tables.
MEANING = {
    "sensitivity": "of the women with cancer, the share flagged",
    "specificity": "of the women without cancer, the share called benign",
    "accuracy": "the share of all calls that were right",
    "auc": "chance a cancer is ranked above a benign lump",
    "brier": "mean squared distance of probability from outcome (lower is better)",
    "net_benefit": "cancers found per woman, minus weighted false alarms per woman",
}
#: Scores that are shares of cases (counted on some women): a Wilson interval fits them.
SHARES = {"sensitivity": (1,), "specificity": (0,), "accuracy": (0, 1)}


def score(name: str, y, p, threshold: float = 0.5):
    """One score by name (see ``SCORES``)."""
    if name not in SCORES:
        raise ValueError(f"score must be one of {', '.join(SCORES)}; got {name!r}.")
    function, _ = SCORES[name]
    return function(np.asarray(y), np.asarray(p, dtype=float), threshold)


def check_scores(scores) -> tuple[str, ...]:
    """The names in ``scores``, each checked against ``SCORES``."""
    names = (scores,) if isinstance(scores, str) else tuple(scores)
    unknown = [name for name in names if name not in SCORES]
    if unknown or not names:
        raise ValueError(
            f"scores must be names from {', '.join(SCORES)}; got {', '.join(map(repr, unknown))}"
            if unknown
            else "scores must name at least one score."
        )
    return names
