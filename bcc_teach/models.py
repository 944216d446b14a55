"""Named, leakage-safe models that turn the 30 features into a probability of malignancy.

Every model is a scikit-learn ``Pipeline``: any preparation (such as scaling) is a step inside
it, so it learns from the training cases only, never from the cases it is tested on. Every model
is seeded (``random_state``), so the same data give the same model, and every model answers
with ``predict_proba(X)[:, 1]``: the probability that a case is malignant (malignant = 1).

    >>> from bcc_teach import data, models
    >>> X, y = data.load_wdbc_xy()
    >>> X_train, X_test, y_train, y_test = models.split(X, y)
    >>> model = models.reference_model().fit(X_train, y_train)
    >>> p = models.probability_malignant(model, X_test)
    >>> len(p) == len(y_test)
    True

The **reference model** (``reference_model``) is the course's model for later lessons: a
regularised logistic regression. Measured by 5-fold cross-validation on the training cases
(``benchmarks/model_choice.py``), it ranks cases as well as the others (AUC 0.993) and gives the
best-calibrated probabilities (Brier score 0.020; random forest 0.037, k-nearest neighbours
0.034, calibrated SVM 0.025, decision tree 0.078). Nested repeated cross-validation of every
model on all 569 women, with its settings and rule-out threshold chosen inside each fold
(``benchmarks/model_quality.py``), keeps it as the course's **taught model**: no other model
is better on any measure by more than the intervals allow, and it is the simplest to explain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bcc_teach import inputs

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from sklearn.pipeline import Pipeline

#: The models a lesson can ask for by name, with what they are in a few words.
MODELS = {
    "logistic_regression": "weighs each (scaled) feature and adds them up",
    "decision_tree": "asks a short series of yes/no questions about the features",
    "random_forest": "lets 300 varied decision trees vote",
    "svm": "a support vector machine, its scores turned into probabilities by calibration",
    "knn": "looks at the 15 most similar training cases",
}
RANDOM_STATE = 0


def split(X, y, test_size: float = 0.25, random_state: int = RANDOM_STATE):
    """Split cases into training and test sets, keeping the share of malignant cases equal.

    Returns ``X_train, X_test, y_train, y_test`` (stratified by ``y``, seeded).

    >>> from bcc_teach import data
    >>> X_train, X_test, y_train, y_test = split(*data.load_wdbc_xy())
    >>> len(X_train), len(X_test)
    (426, 143)
    """
    from sklearn.model_selection import train_test_split

    return train_test_split(X, y, test_size=test_size, stratify=y, random_state=random_state)


def make_model(name: str, random_state: int = RANDOM_STATE) -> Pipeline:
    """A fresh (unfitted) model by name: one of ``MODELS``.

    >>> make_model("random_forest").steps[-1][0]
    'randomforestclassifier'
    """
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import SVC
    from sklearn.tree import DecisionTreeClassifier

    if name == "logistic_regression":
        return make_pipeline(
            StandardScaler(), LogisticRegression(C=1.0, max_iter=5000, random_state=random_state)
        )
    if name == "decision_tree":
        return make_pipeline(DecisionTreeClassifier(max_depth=4, random_state=random_state))
    if name == "random_forest":
        return make_pipeline(RandomForestClassifier(n_estimators=300, random_state=random_state))
    if name == "svm":
        # SVC(probability=True) is deprecated: calibrate its decision function instead.
        svm = CalibratedClassifierCV(SVC(random_state=random_state), method="sigmoid", cv=5)
        return make_pipeline(StandardScaler(), svm)
    if name == "knn":
        return make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=15))
    raise ValueError(f"No model called {name!r}; choose one of: {', '.join(MODELS)}.")


def reference_model(random_state: int = RANDOM_STATE) -> Pipeline:
    """The course's reference model (unfitted): scaling + regularised logistic regression.

    Its rule-out threshold is chosen on training data only with
    ``bcc_teach.metrics.rule_out_threshold``.

    >>> [name for name, _ in reference_model().steps]
    ['standardscaler', 'logisticregression']
    """
    return make_model("logistic_regression", random_state)


def probability_malignant(model, X) -> np.ndarray:
    """The fitted model's probability of malignancy for each case (a NumPy array).

    That is the probability of class 1, which is malignant as long as the model was fitted on
    ``y`` from ``data.load_wdbc_xy()`` (scikit-learn's own copy of the data codes malignant as 0).

    >>> from bcc_teach import data
    >>> X, y = data.load_wdbc_xy()
    >>> p = probability_malignant(reference_model().fit(X, y), X.head(3))
    >>> p.round(3).tolist()
    [1.0, 1.0, 1.0]
    """
    classes = list(getattr(model, "classes_", []))
    if classes != [0, 1]:
        raise ValueError(
            f"The model's classes are {classes or 'unknown (is it fitted?)'}; expected 0 and 1, "
            "with 1 = malignant. Fit it on y from data.load_wdbc_xy() first."
        )
    return model.predict_proba(X)[:, 1]


def cross_validated_probabilities(
    model, X_train, y_train, folds: int = 5, random_state: int = RANDOM_STATE
) -> np.ndarray:
    """Each training case's probability of malignancy from a copy of ``model`` fitted without it.

    Stratified ``folds``-fold cross-validation (``sklearn.model_selection.cross_val_predict``):
    the probabilities are as honest as test-case probabilities, but come from the training
    cases, so thresholds and other choices can be made on them and the test cases kept for the
    end. ``model`` itself is not fitted. ``y_train`` is coded 1 = malignant, 0 = benign.

    >>> from bcc_teach import data
    >>> X_train, X_test, y_train, y_test = split(*data.load_wdbc_xy())
    >>> p_cv = cross_validated_probabilities(reference_model(), X_train, y_train)
    >>> p_cv.shape
    (426,)
    """
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    y = inputs.check_labels(y_train, "y_train")
    folds_ = StratifiedKFold(n_splits=folds, shuffle=True, random_state=random_state)
    # the columns follow the sorted labels, 0 then 1: column 1 is malignant
    return cross_val_predict(model, X_train, y, cv=folds_, method="predict_proba")[:, 1]


def feature_weights(model, features: pd.Index | list[str]) -> pd.Series:
    """For a fitted logistic regression pipeline: each feature's weight (per standard deviation).

    Positive weights push towards malignant. Sorted from largest to smallest in size.

    >>> from bcc_teach import data
    >>> X, y = data.load_wdbc_xy()
    >>> weights = feature_weights(reference_model().fit(X, y), X.columns)
    >>> len(weights)
    30
    """
    import pandas as pd

    coefficients = model[-1].coef_[0]
    weights = pd.Series(coefficients, index=list(features), name="weight")
    return weights.reindex(weights.abs().sort_values(ascending=False).index)
