"""Typical answers to exercise 03, "A first model"."""

import functools

import pandas as pd
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

from bcc_teach import data, models


def _fitted_on(X_part, y_part, model=None):
    return (model or models.reference_model()).fit(X_part, y_part)


@functools.cache
def typical():
    X, y = data.load_wdbc_xy()
    X_train, X_test, y_train, y_test = models.split(X, y)
    model = models.reference_model().fit(X_train, y_train)
    p_test = models.probability_malignant(model, X_test)
    p_benign = model.predict_proba(X_test)[:, 0]
    case = X_test.loc[["W256"]]
    baseline = DummyClassifier(strategy="most_frequent").fit(X_train, y_train)
    # The colleague's shortcut of q6: the scaler learns from all 569 cases before the split.
    scaler = StandardScaler().fit(X)
    leaky = Pipeline(
        [
            ("scaler", scaler),
            ("lr", LogisticRegression(max_iter=5000).fit(scaler.transform(X_train), y_train)),
        ]
    )
    # ... or scales every case first, splits the scaled cases, and fits the reference model.
    scaled = pd.DataFrame(StandardScaler().fit_transform(X), index=X.index, columns=X.columns)
    scaled_train, _, scaled_y, _ = models.split(scaled, y)
    prescaled = models.reference_model().fit(scaled_train, scaled_y)
    return {
        "q1": (
            [
                model,
                make_pipeline(StandardScaler(), LogisticRegression()).fit(X_train, y_train),
                _fitted_on(X_train, y_train.astype(float)),  # labels 0.0 and 1.0
            ],
            [
                (_fitted_on(X, y), "learned from every case"),
                (leaky, "leakage_before_split"),
                (prescaled, "leakage_before_split"),
                (_fitted_on(X_test, y_test), "learned from the test cases"),
                (_fitted_on(X_train, 1 - y_train), "benign_as_positive"),
                (models.make_model("knn").fit(X_train, y_train), "asks for logistic regression"),
                (models.reference_model(), "has not been fitted"),
                (LogisticRegression(max_iter=5000).fit(X_train, y_train), "no scaling step inside"),
                (
                    _fitted_on(X_train, y_train, make_pipeline(LogisticRegression(max_iter=5000))),
                    "This pipeline has no scaling step",
                ),
                (
                    _fitted_on(*[models.split(X, y, random_state=1)[i] for i in (0, 2)]),
                    "learned from other cases",
                ),
                (
                    _fitted_on(
                        X_train,
                        y_train,
                        models.reference_model().set_params(logisticregression__C=0.5),
                    ),
                    "with other settings",
                ),
                (_fitted_on(X_train, y_train.map({1: "M", 0: "B"})), "1 = malignant"),
                (_fitted_on(X_train[X.columns[:10]], y_train), "fewer or other features"),
                (models.reference_model, "Did you forget the brackets"),
                (0.986, "a number; the question expects a fitted scikit-learn Pipeline"),
            ],
        ),
        "q2": (
            [model.score(X_test, y_test), round(model.score(X_test, y_test), 3)],
            [
                (model.score(X_train, y_train), "training_accuracy"),
                (baseline.score(X_test, y_test), "baseline's accuracy"),
                (1 - model.score(X_test, y_test), "error rate"),
                (100 * model.score(X_test, y_test), "percentage_for_proportion"),
                ((model.predict(X_test) == y_test).sum(), "number of test cases called correctly"),
            ],
        ),
        "q3": (
            [baseline.score(X_test, y_test)],
            [
                (y_test.mean(), "calling every lump malignant"),
                (model.score(X_test, y_test), "the reference model's accuracy"),
                (baseline, "a DummyClassifier object"),
            ],
        ),
        "q4": (
            [model.predict_proba(case)[0, 1], model.predict_proba(case)[:, 1]],
            [
                (model.predict_proba(case)[0, 0], "benign_as_positive"),
                (model.predict_proba(case)[:, 0], "benign_as_positive"),
                (model.predict(case)[0], "label_for_probability"),
                (model.predict_proba(case), "holding many values"),
            ],
        ),
        "q5": (
            [(p_test > 0.9).sum(), int((p_test > 0.9).sum())],
            [
                ((p_benign > 0.9).sum(), "benign_as_positive"),
                ((p_test <= 0.9).sum(), "threshold_reversed"),
                ((models.probability_malignant(model, X_train) > 0.9).sum(), "training cases"),
                ((p_test >= 0.5).sum(), "at or above 0.5"),
                (y_test.sum(), "number of test cases with cancer"),
                ((p_test > 0.9).mean(), "fractional part"),
            ],
        ),
        "q6": (["a", "A"], [("b", "the test cases helped set them"), ("d", "Stratifying only")]),
        "q7": (
            [" (c) "],
            [("a", "The label hides that"), ("b", "no grade or stage"), (0.55, "letter")],
        ),
    }
