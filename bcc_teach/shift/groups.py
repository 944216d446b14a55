"""Splits that respect the women: repeated samples of one woman, and time.

Cross-validation assumes every row is a new woman. When one woman gives several rows (several
aspirates, or several images of one slide), a random split puts some of her rows in training
and others in testing, and the model is tested on a woman it has already seen: the figures
flatter it. A **grouped** split (``sklearn.model_selection.StratifiedGroupKFold``) keeps all of
a woman's rows on one side. A **temporal** split trains on the earlier cases and tests on the
later ones, as a model meets the future.

    >>> import numpy as np
    >>> from bcc_teach import data
    >>> X, y = data.load_wdbc_xy()
    >>> X_rep, y_rep, groups = repeated_aspirates(X.head(4), y.head(4), copies=3)
    >>> len(X_rep), groups.nunique()
    (12, 4)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bcc_teach import inputs, metrics, models, validation
from bcc_teach.shift.performance import Performance, auc_with_interval, performance
from bcc_teach.validation._store import remembered

if TYPE_CHECKING:
    import pandas as pd


def scores_model(random_state: int = models.RANDOM_STATE):
    """A model for the original Wisconsin data's nine scores (unfitted): the missing bare
    nuclei scores filled in with the median *inside* the pipeline (learned from the training
    rows only), then scaling and the reference logistic regression.

    >>> [name for name, _ in scores_model().steps]
    ['simpleimputer', 'standardscaler', 'logisticregression']
    """
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline

    return make_pipeline(SimpleImputer(strategy="median"), *models.reference_model(random_state)[:])


def repeated_aspirates(X, y, copies: int = 3, noise: float = 0.1, random_state: int = 0):
    """A what-if: each woman gives ``copies`` aspirates, measured with a little noise (normal,
    ``noise`` × each feature's standard deviation). Returns the rows, their diagnoses and a
    ``groups`` Series naming the woman of each row (her row number in ``X``)."""
    import numpy as np
    import pandas as pd

    X, labels = validation.cases(X, y)
    copies = inputs.check_whole_number(copies, "copies", minimum=1)
    rng = np.random.default_rng(random_state)
    rows = np.repeat(np.arange(len(X)), copies)
    values = X.to_numpy(dtype=float)[rows]
    values += rng.normal(size=values.shape) * noise * X.std().to_numpy()
    repeated = pd.DataFrame(np.abs(values), columns=X.columns)
    return repeated, pd.Series(labels[rows], name="diagnosis"), pd.Series(rows, name="woman")


@dataclass(frozen=True)
class GroupedVsNaive:
    """The same model cross-validated twice on the same rows: with a random split
    (``naive``) and with each woman's rows kept together (``grouped``). AUCs with 95%
    bootstrap intervals (of the first repetition's out-of-fold probabilities); accuracies at
    0.5 as counted shares (mean over repetitions)."""

    naive_auc: validation.Estimate
    grouped_auc: validation.Estimate
    naive_accuracy: metrics.Rate
    grouped_accuracy: metrics.Rate
    rows: int
    women: int
    repeats: int

    def table(self) -> pd.DataFrame:
        """Both splits side by side, in words."""
        import pandas as pd

        table = pd.DataFrame({
            "random split (rows)": {"AUC": self.naive_auc.words(3),
                                    "accuracy at 0.5": self.naive_accuracy.words(3)},
            "grouped split (women)": {"AUC": self.grouped_auc.words(3),
                                      "accuracy at 0.5": self.grouped_accuracy.words(3)},
        }).T  # fmt: skip
        table.index.name = (f"malignant = positive; {self.rows} rows from {self.women} women; "
                            f"{self.repeats} × 5-fold CV")  # fmt: skip
        return table


@remembered(GroupedVsNaive, depends=("shift",), records=(GroupedVsNaive, metrics.Rate))
def grouped_vs_naive(
    model, X, y, groups, folds: int = 5, repeats: int = 3, random_state: int = 0
) -> GroupedVsNaive:
    """Cross-validate ``model`` on rows ``X`` (diagnoses ``y``, 1 = malignant) with a random
    stratified split and with a grouped one (``groups``: the woman of each row), on the same
    shuffles, and compare."""
    import numpy as np
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold, cross_val_predict

    X, labels = validation.cases(X, y)
    groups = np.asarray(groups)
    if len(groups) != len(labels):
        raise ValueError(f"groups has {len(groups)} labels but X has {len(labels)} rows.")
    found = {"naive": [], "grouped": []}
    for r in range(repeats):
        naive = StratifiedKFold(folds, shuffle=True, random_state=random_state + r)
        grouped = StratifiedGroupKFold(folds, shuffle=True, random_state=random_state + r)
        for name, splitter, by in (("naive", naive, None), ("grouped", grouped, groups)):
            p = cross_val_predict(model, X, labels, groups=by, cv=splitter,
                                  method="predict_proba")[:, 1]  # fmt: skip
            found[name].append(p)
    accuracy = {}
    for name, ps in found.items():
        right = np.mean([((p >= 0.5) == labels).sum() for p in ps])  # mean over repetitions
        accuracy[name] = metrics.rate(round(float(right)), len(labels))
    return GroupedVsNaive(
        auc_with_interval(labels, found["naive"][0]),
        auc_with_interval(labels, found["grouped"][0]),
        accuracy["naive"],
        accuracy["grouped"],
        len(labels),
        len(set(groups.tolist())),
        repeats,
    )


@dataclass(frozen=True)
class Temporal:
    """A model trained on the earlier batches and tested on the later ones: ``performance``
    on the later cases at ``threshold``, and the share with cancer in each period."""

    performance: Performance
    earlier: metrics.Rate
    later: metrics.Rate
    train_batches: tuple
    test_batches: tuple


def temporal_validation(model, X, y, batch, train_batches, threshold: float = 0.5) -> Temporal:
    """Train ``model`` on the rows of ``X`` whose ``batch`` is in ``train_batches`` and test it
    on all later rows. ``y``: 1 = malignant."""
    import numpy as np
    from sklearn.base import clone

    X, labels = validation.cases(X, y)
    batch = np.asarray(batch)
    train = np.isin(batch, list(train_batches))
    if not train.any() or train.all():
        raise ValueError("train_batches must leave some batches for training and some for testing.")
    later = ~train
    fitted = clone(model).fit(X[train], labels[train])
    p = models.probability_malignant(fitted, X[later])
    return Temporal(
        performance(labels[later], p, threshold),
        metrics.rate(int(labels[train].sum()), int(train.sum())),
        metrics.rate(int(labels[later].sum()), int(later.sum())),
        tuple(sorted(set(batch[train].tolist()))),
        tuple(sorted(set(batch[later].tolist()))),
    )
