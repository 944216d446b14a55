"""Nested cross-validation: every choice made inside each fold, on that fold's training women,
so the women a fold is scored on never helped choose anything. And the 1993 result redone.

Malignant = positive; a woman is flagged at or above the threshold.

    >>> from bcc_teach import data, models
    >>> X, y = data.load_wdbc_xy()
    >>> grid = {"logisticregression__C": [0.1, 1.0]}
    >>> result = nested_cv(models.reference_model(), X, y, grid, outer_folds=3, inner_folds=3,
    ...                    show_progress=False)
    >>> len(result.folds)
    3
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bcc_teach import inputs, metrics, models
from bcc_teach.validation import _scores
from bcc_teach.validation._progress import steps
from bcc_teach.validation._store import remembered
from bcc_teach.validation.resampling import POSITIVE, Estimate, RepeatedCV, cases, repeated_cv
from bcc_teach.validation.subsets import BestSubset

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

#: The features of the 1993 separating plane (Street, Wolberg & Mangasarian 1993; wdbc.names).
STREET_FEATURES = ("texture_mean", "area_worst", "smoothness_worst")
#: Their reported accuracy, "estimated ... using repeated 10-fold cross-validations".
STREET_ACCURACY = 0.975


@dataclass(frozen=True)
class NestedCV:
    """The result of ``nested_cv``.

    ``probabilities``: repetitions × women, out of fold; ``thresholds``: repetitions × women,
    the threshold of the fold each woman was scored in (chosen inside it); ``folds``: one row
    per outer fold (its repetition, chosen settings and threshold); ``y``: the diagnoses.
    """

    probabilities: np.ndarray
    thresholds: np.ndarray
    folds: pd.DataFrame
    y: np.ndarray
    target_sensitivity: float

    def flagged(self) -> np.ndarray:
        """Each woman flagged (1) or not (0) at her own fold's threshold, per repetition."""
        return (self.probabilities >= self.thresholds).astype(int)

    def rate(self, name: str) -> metrics.Rate:
        """Sensitivity or specificity at the thresholds chosen inside the folds, with its
        Wilson interval (the mean count over repetitions, of the women it is counted on)."""
        import numpy as np

        flags = self.flagged()
        if name == "sensitivity":
            among, hits = self.y == 1, flags == 1
        elif name == "specificity":
            among, hits = self.y == 0, flags == 0
        else:
            raise ValueError(f"name must be 'sensitivity' or 'specificity'; got {name!r}.")
        count = round(float(np.mean((hits & among).sum(axis=1))))
        return metrics.rate(count, int(among.sum()))

    def score(self, name: str, threshold: float = 0.5) -> float:
        """A score of the out-of-fold probabilities (mean over repetitions)."""
        import numpy as np

        return float(np.mean(_scores.score(name, self.y, self.probabilities, threshold)))

    def table(self) -> pd.DataFrame:
        """Accuracy, AUC and Brier score of the out-of-fold probabilities, and sensitivity and
        specificity at the thresholds chosen inside the folds, with intervals where counted."""
        import pandas as pd

        sens, spec = self.rate("sensitivity"), self.rate("specificity")
        rows = {
            "accuracy (threshold 0.5)": (self.score("accuracy"), ""),
            "AUC": (self.score("auc"), ""),
            "Brier score": (self.score("brier"), ""),
            "sensitivity (threshold chosen inside)": (sens.value, sens.interval(3)),
            "specificity (threshold chosen inside)": (spec.value, spec.interval(3)),
        }
        table = pd.DataFrame(rows, index=["value", "95% CI"]).T
        table.index.name = f"{POSITIVE}; nested CV of {self.y.size} women"
        return table


@remembered(NestedCV)
def nested_cv(
    model,
    X,
    y,
    param_grid=None,
    outer_folds: int = 5,
    inner_folds: int = 5,
    repeats: int = 1,
    target_sensitivity: float = 0.98,
    scoring: str = "neg_log_loss",
    random_state: int = 0,
    show_progress: bool = True,
) -> NestedCV:
    """Cross-validate the whole recipe, not one fitted model: in each outer fold, on that
    fold's training women only,

    1. choose the settings in ``param_grid`` by an inner ``inner_folds``-fold CV
       (``sklearn.model_selection.GridSearchCV``, scored by ``scoring``); any feature
       selection that is a step of ``model`` (a Pipeline) is refitted inside too;
    2. choose the threshold: the highest whose sensitivity on the inner cross-validated
       probabilities reaches ``target_sensitivity``;
    3. then score the outer fold's own women, which played no part in either choice.

    ``param_grid=None`` chooses no settings (the threshold is still chosen inside).

    >>> from bcc_teach import data, models
    >>> X, y = data.load_wdbc_xy()
    >>> result = nested_cv(models.reference_model(), X, y, outer_folds=3, inner_folds=3,
    ...                    show_progress=False)
    >>> result.probabilities.shape
    (1, 569)
    """
    import numpy as np
    import pandas as pd
    from sklearn.base import clone
    from sklearn.model_selection import GridSearchCV, StratifiedKFold

    X, truth = cases(X, y)
    inputs.check_proportion(target_sensitivity, "target_sensitivity")
    repeats = inputs.check_whole_number(repeats, "repeats", minimum=1)
    p = np.full((repeats, len(truth)), np.nan)
    thresholds = np.full((repeats, len(truth)), np.nan)
    rows = []
    splits = [
        (repeat, fold, train, test)
        for repeat in range(repeats)
        for fold, (train, test) in enumerate(
            StratifiedKFold(outer_folds, shuffle=True, random_state=random_state + repeat).split(
                X, truth
            )
        )
    ]
    for repeat, fold, train, test in steps(splits, len(splits), "outer folds", show_progress):
        X_train, y_train = X.iloc[train], truth[train]
        inner = StratifiedKFold(inner_folds, shuffle=True, random_state=random_state + repeat)
        if param_grid:
            search = GridSearchCV(clone(model), param_grid, cv=inner, scoring=scoring)
            chosen = search.fit(X_train, y_train).best_estimator_
            settings = search.best_params_
        else:
            chosen, settings = clone(model).fit(X_train, y_train), {}
        p_inner = models.cross_validated_probabilities(
            clone(chosen), X_train, y_train, folds=inner_folds, random_state=random_state + repeat
        )
        threshold = metrics.threshold_for_sensitivity(y_train, p_inner, target_sensitivity)
        p[repeat, test] = models.probability_malignant(chosen, X.iloc[test])
        thresholds[repeat, test] = threshold
        rows.append({"repetition": repeat, "fold": fold, **settings, "threshold": threshold})
    return NestedCV(p, thresholds, pd.DataFrame(rows), truth, target_sensitivity)


@dataclass(frozen=True)
class StreetReproduction:
    """The 1993 three-feature result redone three ways, each by repeated cross-validation.

    ``their_features``: a linear model on the paper's three features (chosen by the authors
    using all 569 women); ``chosen_on_everyone``: the set our own search chose on all the women
    (``everyone_features``; ``search_accuracy``: the search's own, flattered, score of it), then
    cross-validated: the same leak, on purpose; ``chosen_inside``: the search redone inside
    every fold. ``sets_chosen``: how often each set of features was chosen inside the folds.
    """

    their_features: RepeatedCV
    chosen_on_everyone: RepeatedCV
    everyone_features: tuple
    search_accuracy: float
    chosen_inside: RepeatedCV
    sets_chosen: pd.Series

    def accuracy(self, which: str) -> Estimate:
        """Mean repeated-CV accuracy of one of the three, with its 95% interval."""
        result = getattr(self, which)
        return result.intervals["accuracy"]

    def table(self) -> pd.DataFrame:
        """The reported 97.5% beside the three accuracies, with intervals."""
        import pandas as pd

        their = f"the paper's three features ({', '.join(STREET_FEATURES)})"
        rows = {
            "Street et al. 1993, as reported": (
                STREET_ACCURACY,
                "not reported",
                "features chosen using all 569 women",
            ),
            their: (*self._row("their_features"), "chosen by the authors on all 569 women"),
            f"chosen by our search on all women ({', '.join(self.everyone_features)})": (
                *self._row("chosen_on_everyone"),
                "chosen on all 569 women: the leak",
            ),
            "chosen by the same search inside every fold": (
                *self._row("chosen_inside"),
                "the honest estimate of the whole recipe",
            ),
        }
        table = pd.DataFrame(rows, index=["accuracy", "95% CI", "how the features were chosen"]).T
        table.index.name = f"{POSITIVE}; repeated 10-fold cross-validation"
        return table

    def _row(self, which: str) -> tuple:
        estimate = self.accuracy(which)
        return estimate.value, estimate.interval(3)


def _linear(*steps_before):
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(
        *steps_before,
        StandardScaler(),
        LogisticRegression(max_iter=5000, random_state=models.RANDOM_STATE),
    )


@remembered(StreetReproduction)
def street_reproduction(
    X,
    y,
    repeats: int = 10,
    folds: int = 10,
    max_features: int = 4,
    inner_folds: int = 5,
    random_state: int = 0,
    show_progress: bool = True,
) -> StreetReproduction:
    """Redo Street, Wolberg & Mangasarian (1993): 97.5% accuracy by repeated 10-fold CV from one
    separating plane on three features, which a search over every set of 1–4 features chose
    using all 569 women (wdbc.names).

    Three repeated ``folds``-fold cross-validations of the course's linear model (scaling +
    logistic regression): on the paper's three features; on the set our own search
    (``subsets.BestSubset``: every set of 1 to ``max_features`` features, judged by the
    ``inner_folds``-fold CV accuracy of a linear discriminant) chooses on all the women, which
    is the same leak, made on purpose; and with that search redone inside every fold (a step of
    the pipeline): the honest estimate of the recipe "search for the best few features, then
    fit a plane".

    >>> from bcc_teach import data
    >>> X, y = data.load_wdbc_xy()
    >>> redo = street_reproduction(X, y, repeats=1, folds=3, max_features=2, inner_folds=3,
    ...                            show_progress=False)
    >>> 0.9 < redo.accuracy("their_features").value < 1
    True
    """
    import pandas as pd

    X, truth = cases(X, y)
    missing = [name for name in STREET_FEATURES if name not in X.columns]
    if missing:
        raise ValueError(f"X lacks the paper's features {missing}: use data.load_wdbc_xy().")
    kwargs = dict(
        folds=folds,
        repeats=repeats,
        scores=("accuracy", "auc"),
        random_state=random_state,
        show_progress=show_progress,
    )
    search = dict(max_features=max_features, folds=inner_folds, random_state=random_state)
    theirs = repeated_cv(_linear(), X[list(STREET_FEATURES)], truth, **kwargs)
    everyone = BestSubset(**search).fit(X, truth)
    on_everyone = repeated_cv(_linear(), X[everyone.chosen_], truth, **kwargs)
    inside = repeated_cv(_linear(BestSubset(**search)), X, truth, keep_models=True, **kwargs)
    chosen = pd.Series(
        [", ".join(fold[0].chosen_) for run in inside.fold_models for fold in run]
    ).value_counts()
    return StreetReproduction(
        theirs, on_everyone, tuple(everyone.chosen_), everyone.accuracy_, inside, chosen
    )
