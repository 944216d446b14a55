"""Choosing features the 1993 way: try every set of 1 to 4 features and keep the set whose
separating plane (a linear discriminant) is most accurate by cross-validation.

Trying all 31,930 sets of 1–4 of the 30 features one scikit-learn fit at a time would take
minutes; ``subset_accuracies`` scores them all at once with NumPy (the tests check it against
scikit-learn's ``LinearDiscriminantAnalysis`` set by set). ``BestSubset`` wraps the search as
a scikit-learn step, so that a ``Pipeline`` can redo it inside every fold of a CV.

    >>> from bcc_teach import data
    >>> X, y = data.load_wdbc_xy()
    >>> search = BestSubset(max_features=2, folds=5).fit(X, y)
    >>> len(search.chosen_)
    2
"""

from __future__ import annotations

import itertools
import math

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.feature_selection import SelectorMixin
from sklearn.model_selection import StratifiedKFold

#: Subsets are scored this many at a time (memory: cases × subsets × features).
_CHUNK = 4000


def _discriminant(train_X, train_y):
    """Class means, pooled within-class covariance (divided by n − 2, as scikit-learn) and the
    log prior odds of a cancer."""
    cancer = train_y == 1
    means = np.stack([train_X[~cancer].mean(axis=0), train_X[cancer].mean(axis=0)])
    centred = train_X - means[cancer.astype(int)]
    covariance = centred.T @ centred / (len(train_y) - 2)
    return means, covariance, math.log(cancer.sum() / (~cancer).sum())


def subset_accuracies(X, y, subsets, folds: int = 10, random_state: int = 0) -> np.ndarray:
    """The cross-validated accuracy of a linear discriminant on each set of features.

    ``X``: cases × features (NumPy); ``y``: 1 = malignant, 0 = benign; ``subsets``: sets × k
    column numbers, all of the same size k. Each fold of a stratified ``folds``-fold split fits
    every set's discriminant on the other folds (as ``LinearDiscriminantAnalysis`` would) and
    counts the right calls on its own cases.

    >>> from bcc_teach import data
    >>> X, y = data.load_wdbc_xy()
    >>> float(subset_accuracies(X.to_numpy(), y.to_numpy(), [[0], [1]])[0].round(3))
    0.877
    """
    X, y = np.asarray(X, dtype=float), np.asarray(y).astype(int)
    subsets = np.atleast_2d(np.asarray(subsets, dtype=int))
    correct = np.zeros(len(subsets))
    splitter = StratifiedKFold(folds, shuffle=True, random_state=random_state)
    for train, test in splitter.split(X, y):
        means, covariance, prior = _discriminant(X[train], y[train])
        truth = y[test] == 1
        for start in range(0, len(subsets), _CHUNK):
            chunk = subsets[start : start + _CHUNK]
            within = covariance[chunk[:, :, None], chunk[:, None, :]]
            gap = (means[1] - means[0])[chunk]
            weights = np.linalg.solve(within, gap[..., None])[..., 0]
            middle = ((means[0] + means[1]) / 2)[chunk]
            cut = (weights * middle).sum(axis=1) - prior
            scores = np.einsum("nsk,sk->ns", X[test][:, chunk], weights) - cut
            correct[start : start + _CHUNK] += ((scores > 0) == truth[:, None]).sum(axis=0)
    return correct / len(y)


class BestSubset(SelectorMixin, BaseEstimator):
    """Keep the set of at most ``max_features`` features whose linear discriminant is most
    accurate by ``folds``-fold cross-validation on the cases it is fitted on (every set of 1
    to ``max_features`` features is tried; a smaller set wins a tie).

    After ``fit``: ``chosen_`` (the column names or numbers kept) and ``accuracy_`` (their
    cross-validated accuracy on the fitting cases, which flatters them: it is the best of many).
    """

    def __init__(self, max_features: int = 4, folds: int = 10, random_state: int = 0):
        self.max_features = max_features
        self.folds = folds
        self.random_state = random_state

    def fit(self, X, y):
        names = list(X.columns) if hasattr(X, "columns") else None
        X = np.asarray(X, dtype=float)
        y = np.asarray(y).astype(int)
        self.n_features_in_ = X.shape[1]
        best, best_accuracy = None, -1.0
        for size in range(1, min(self.max_features, X.shape[1]) + 1):
            subsets = np.array(list(itertools.combinations(range(X.shape[1]), size)))
            accuracy = subset_accuracies(X, y, subsets, self.folds, self.random_state)
            if accuracy.max() > best_accuracy:
                best, best_accuracy = subsets[int(np.argmax(accuracy))], float(accuracy.max())
        self.support_ = np.zeros(X.shape[1], dtype=bool)
        self.support_[best] = True
        self.chosen_ = [names[i] for i in best] if names else list(best)
        self.accuracy_ = best_accuracy
        if names:
            self.feature_names_in_ = np.array(names, dtype=object)
        return self

    def _get_support_mask(self):
        return self.support_
