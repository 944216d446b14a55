"""Questions for exercise 03, "A first model" (solutions/ex03_first_model.ipynb).

>>> from bcc_teach import data, models
>>> from bcc_teach.questions.ex03 import q1
>>> X, y = data.load_wdbc_xy()
>>> q1.judge(models.reference_model().fit(X, y)).misconception  # fitted on all 569 cases
'leakage_before_split'
"""

from __future__ import annotations

import functools

from bcc_teach import data, metrics, models
from bcc_teach.checking import (
    ChoiceQuestion,
    Feedback,
    NumberQuestion,
    Question,
    WrongType,
    ____,
    kind_of,
)

__all__ = ["QUESTIONS", "____", "q1", "q2", "q3", "q4", "q5", "q6", "q7"]

#: The test case whose probability q4 asks for: a woman with cancer, called malignant with doubt.
CASE = "W256"
#: The probability above which q5 counts the test cases.
CONFIDENT = 0.9


@functools.cache
def _split():
    """``X, y, X_train, X_test, y_train, y_test`` on the course's default split."""
    X, y = data.load_wdbc_xy()
    return (X, y, *models.split(X, y))


@functools.cache
def _model():
    _, _, X_train, _, y_train, _ = _split()
    return models.reference_model().fit(X_train, y_train)


@functools.cache
def _probabilities(part: str):
    """The reference model's probabilities on the "train" or "test" cases: (malignant, benign)."""
    _, _, X_train, X_test, _, _ = _split()
    both = _model().predict_proba(X_train if part == "train" else X_test)
    return both[:, 1], both[:, 0]


@functools.cache
def _accuracy(part: str) -> float:
    _, _, X_train, X_test, y_train, y_test = _split()
    if part == "train":
        return float(_model().score(X_train, y_train))
    return float(_model().score(X_test, y_test))


@functools.cache
def _baseline_accuracy() -> float:
    from sklearn.dummy import DummyClassifier

    _, _, X_train, X_test, y_train, y_test = _split()
    baseline = DummyClassifier(strategy="most_frequent").fit(X_train, y_train)
    return float(baseline.score(X_test, y_test))


# ---------------------------------------------------------------------------------------------
# q1: a fitted model, checked for leakage
# ---------------------------------------------------------------------------------------------

_PIPELINE = (
    "a fitted scikit-learn Pipeline (a scaler, then logistic regression), such as "
    "models.reference_model() after .fit(X_train, y_train)"
)


class FittedModel(Question):
    """The answer is a model: a Pipeline whose scaler learned from the training cases only."""

    id, exercise, variable = "q1", "ex03", "model"
    kind = "model"
    hints = (
        "models.reference_model() builds the pipeline; .fit(...) makes it learn. Which cases may "
        "it learn from?",
        "Fit it on the training cases only: models.reference_model().fit(X_train, y_train).",
    )
    correct = (
        "Correct: scaler and logistic regression both learned from the training cases only, so "
        "the test cases can still play the women the model has never met."
    )

    def evaluate(self, value):
        from sklearn.base import BaseEstimator
        from sklearn.exceptions import NotFittedError
        from sklearn.pipeline import Pipeline
        from sklearn.utils.validation import check_is_fitted

        if isinstance(value, type) or not isinstance(value, BaseEstimator):
            call = " Did you forget the brackets ()?" if callable(value) else ""
            raise WrongType(f"This is {kind_of(value)}; the question expects {_PIPELINE}.{call}")
        try:
            check_is_fitted(value)
        except NotFittedError:
            return self._wrong(
                message="This model has not learned anything yet: it has not been fitted. Call "
                ".fit(X_train, y_train) on it."
            )
        if not isinstance(value, Pipeline):
            raise WrongType(
                f"This is a {type(value).__name__} on its own, with no scaling step inside it; "
                f"the question expects {_PIPELINE}. If you scaled the features yourself "
                "beforehand, that scaler sits outside the model (and, if it was fitted before "
                "the split, it learned from the test cases too)."
            )
        return self._judge_pipeline(value)

    def _judge_pipeline(self, pipeline) -> Feedback:
        import numpy as np

        X, _, X_train, X_test, _, _ = _split()
        scalers = [step for _, step in pipeline.steps[:-1] if hasattr(step, "n_samples_seen_")]
        if not scalers:
            return self._wrong(
                message="This pipeline has no scaling step: the features go to the model in "
                "their raw units (areas in the thousands, smoothness around 0.1), so their "
                "weights cannot be compared. Put a StandardScaler first, as "
                "models.reference_model() does."
            )
        seen = int(np.max(scalers[0].n_samples_seen_))
        if seen == len(X):
            return self._wrong(
                "leakage_before_split",
                extra="Here the scaler learned from every case, the test cases among them: fit "
                "the whole pipeline on X_train and y_train only.",
            )
        if seen == len(X_test):
            return self._wrong(
                message="This model learned from the test cases. They are kept for judging the "
                "model; fit it on X_train and y_train."
            )
        mean = getattr(scalers[0], "mean_", None)
        if seen != len(X_train) or (
            mean is not None
            and not np.allclose(mean, X_train.mean().to_numpy(), rtol=1e-6, atol=1e-9)
        ):
            return self._wrong(
                message="This model learned from other cases than the training cases of the "
                "course's split. Use X_train and y_train from models.split(X, y), with its "
                "default settings."
            )
        if list(getattr(pipeline, "classes_", [])) != [0, 1]:
            return self._wrong(
                message="This model does not answer with 0 = benign and 1 = malignant. Fit it "
                "on y_train, which comes from data.load_wdbc_xy()."
            )
        if getattr(pipeline, "n_features_in_", None) != X.shape[1]:
            return self._wrong(
                message="This model learned from fewer or other features than the 30 in "
                "X_train. Give it the whole of X_train."
            )
        return self._right()


# ---------------------------------------------------------------------------------------------
# q2 to q5: numbers
# ---------------------------------------------------------------------------------------------


class HonestAccuracy(NumberQuestion):
    id, exercise, variable, kind = "q2", "ex03", "test_accuracy", "proportion"
    hints = (
        "Accuracy is the share of cases called correctly. Which cases has the model never seen?",
        "model.score(X_test, y_test) gives the accuracy on the test cases (threshold 0.5); so "
        "does metrics.clinical_metrics(y_test, models.probability_malignant(model, X_test))"
        ".accuracy.",
    )
    correct = (
        "Correct: that is an honest score, on cases the model had never seen. Keep it in mind "
        "for q3, which asks what it should be compared with."
    )

    def expected(self):
        return _accuracy("test")

    def mistakes(self):
        return [
            (_accuracy("train"), "training_accuracy"),
            (
                _baseline_accuracy(),
                "That is the baseline's accuracy (every lump called benign), which q3 asks for. "
                "Here, score your fitted model.",
            ),
            (
                1 - _accuracy("test"),
                "That is the share of test cases called wrongly (the error rate). Accuracy is "
                "the share called correctly.",
            ),
        ]


class BaselineAccuracy(NumberQuestion):
    id, exercise, variable, kind = "q3", "ex03", "baseline_accuracy", "proportion"
    hints = (
        'Fit DummyClassifier(strategy="most_frequent") on the training cases, then score it '
        "on the test cases, just as you scored the model.",
        "baseline.score(X_test, y_test) gives its accuracy on the test cases.",
    )
    correct = (
        "Correct. This baseline ignores all 30 numbers and calls every lump benign: it is right "
        "for every benign test case and finds no cancer at all. An accuracy means little until "
        "you know what such a baseline scores."
    )

    def expected(self):
        return _baseline_accuracy()

    def mistakes(self):
        _, _, _, _, _, y_test = _split()
        return [
            (
                float(y_test.mean()),
                "That is the share of test cases that are malignant: the accuracy of calling "
                'every lump malignant. "most_frequent" gives every case the commonest '
                "diagnosis among the training cases.",
            ),
            (
                _accuracy("test"),
                "That is the reference model's accuracy. Score the DummyClassifier instead.",
            ),
        ]


class CaseProbability(NumberQuestion):
    id, exercise, variable, kind = "q4", "ex03", "p_case", "proportion"
    hints = (
        "predict_proba gives two columns, one per class, in the order of model.classes_: "
        "0 (benign), then 1 (malignant).",
        f'model.predict_proba(X_test.loc[["{CASE}"]]) gives one row; take its malignant '
        "column with [0, 1].",
    )
    correct = (
        "Correct. This woman had cancer, and at the default threshold the model calls her "
        "malignant, but with far less confidence than most: the label alone would not tell you "
        "how unsure it is."
    )

    def _position(self) -> int:
        _, _, _, X_test, _, _ = _split()
        return X_test.index.get_loc(CASE)

    def expected(self):
        return float(_probabilities("test")[0][self._position()])

    def mistakes(self):
        label = int(_model().predict(_split()[3].loc[[CASE]])[0])
        return [
            (float(_probabilities("test")[1][self._position()]), "benign_as_positive"),
            (
                label,
                "That looks like the model's label (1 = malignant, 0 = benign) from predict. "
                "The question asks for the probability: use predict_proba.",
            ),
        ]


class ConfidentCount(NumberQuestion):
    id, exercise, variable, kind = "q5", "ex03", "n_above_90", "count"
    hints = (
        "First get each test case's probability of malignancy, then count those above 0.9.",
        "p_test = models.probability_malignant(model, X_test); then (p_test > 0.9).sum().",
    )
    correct = (
        "Correct. These women's aspirates look, to the model, like those of women who had "
        "cancer; in lesson 03 every test case above 0.9 was indeed malignant."
    )

    def expected(self):
        return int((_probabilities("test")[0] > CONFIDENT).sum())

    def mistakes(self):
        p_test, p_benign = _probabilities("test")
        return [
            (int((p_benign > CONFIDENT).sum()), "benign_as_positive"),
            (int((p_test <= CONFIDENT).sum()), "threshold_reversed"),
            (
                int((_probabilities("train")[0] > CONFIDENT).sum()),
                "That counts the training cases. The question asks about the test cases, X_test.",
            ),
            (
                int(metrics.flagged(p_test, 0.5).sum()),
                "That counts the cases at or above 0.5 (all those called malignant). The "
                "question asks about those above 0.9.",
            ),
        ]


# ---------------------------------------------------------------------------------------------
# q6, q7: quizzes
# ---------------------------------------------------------------------------------------------


class ScaledBeforeSplit(ChoiceQuestion):
    id, exercise, variable = "q6", "ex03", "q6_answer"
    prompt = (
        "A colleague fits a StandardScaler on all 569 cases, then splits the scaled cases into "
        "training and test sets, fits logistic regression on the training set and reports its "
        "test accuracy. What is wrong?"
    )
    options = {
        "a": (
            "Nothing: scaling only changes the units, so it cannot change the result.",
            False,
            "Scaling uses averages and standard deviations learned from data. Here the test "
            "cases helped set them, so every test probability moved a little (lesson 03 showed "
            "it). Small here, but not zero, and larger with other preparation steps.",
        ),
        "b": (
            "The test cases helped set the scaler's averages and standard deviations, so they "
            "were not truly unseen: the scaler belongs inside the pipeline, fitted on the "
            "training cases only.",
            True,
            "Yes: the test cases must stand for women the model has never met, so nothing may "
            "be learned from them, not even an average.",
        ),
        "c": (
            "Logistic regression should never be given scaled features.",
            False,
            "The reverse: scaling helps logistic regression, and it makes the weights "
            "comparable. The problem is where the scaler learned its averages.",
        ),
        "d": (
            "The split should not have been stratified.",
            False,
            "Stratifying only keeps the share of malignant cases the same in both parts; it "
            "lets nothing leak. The problem is where the scaler learned its averages.",
        ),
    }
    correct = (
        "In lesson 05 you will meet leaks that flatter a model far more, such as choosing "
        "features by looking at all the cases."
    )


class TwoProbabilities(ChoiceQuestion):
    id, exercise, variable = "q7", "ex03", "q7_answer"
    prompt = (
        "At the default threshold of 0.5, the model calls two women malignant: Mrs A with a "
        "probability of 0.97 and Mrs B with 0.55. Which reading is best?"
    )
    options = {
        "a": (
            "Both results are the same: malignant.",
            False,
            "The label is the same, but the model is saying two different things: nearly sure "
            "for Mrs A, nearly a coin toss for Mrs B. The label hides that.",
        ),
        "b": (
            "Mrs A's cancer is probably more advanced or more aggressive than Mrs B's.",
            False,
            "The probability is about whether the lump is malignant, not how aggressive a "
            "cancer is: the data hold no grade or stage.",
        ),
        "c": (
            "Mrs A's aspirate looks like those of women who had cancer; Mrs B's is borderline, "
            "so her result should weigh less against the rest of her assessment.",
            True,
            "Yes: 0.55 is close to the threshold; a threshold of 0.6, or slightly different "
            "measurements, would change her label. Her examination, imaging and a core biopsy "
            "matter all the more.",
        ),
        "d": (
            "Mrs B's result is wrong: 0.55 is too close to 0.5 to mean anything.",
            False,
            "Not wrong, just uncertain: if the probabilities are well calibrated, about 55 in "
            "100 women given 0.55 have cancer. That is far too many to reassure.",
        ),
    }
    correct = "Where the threshold itself should sit is a clinical choice: lesson 04."


q1, q2, q3, q4 = FittedModel(), HonestAccuracy(), BaselineAccuracy(), CaseProbability()
q5, q6, q7 = ConfidentCount(), ScaledBeforeSplit(), TwoProbabilities()
QUESTIONS = (q1, q2, q3, q4, q5, q6, q7)
