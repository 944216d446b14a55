"""Questions whose answer is a fitted model, judged by what the model does.

``read`` notes what the model is (its steps, whether it is fitted, its classes) and asks it for
its probabilities of malignancy on cases the expected model never saw; ``assess`` compares those
with the expected model's and with models that make a typical mistake (fitted on all cases,
labels flipped, …). So a model trained on scikit-learn's 0 = malignant coding, or a different
classifier where the question names one, is not accepted because it merely has the right shape.
"""

from __future__ import annotations

import warnings
from typing import Any

from bcc_teach.checking.answers import KINDS, fresh, kind_of
from bcc_teach.checking.outcomes import Feedback, WrongType
from bcc_teach.checking.questions import Question

SCALERS = ("StandardScaler", "MinMaxScaler", "RobustScaler", "MaxAbsScaler", "Normalizer")


def _probabilities(model, cases) -> list[float]:
    """The probabilities of class 1, to 6 decimals (the same on every machine)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [round(float(p), 6) for p in model.predict_proba(fresh(cases))[:, 1]]


def _auc(truth, probabilities) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(truth, probabilities))


class ModelQuestion(Question):
    """The answer is a fitted scikit-learn model (usually a Pipeline).

    Implement ``judging_cases()`` (cases the expected model never saw, e.g. the test cases),
    ``truth()`` (their diagnoses, 1 = malignant) and ``expected_model()`` (fitted); optionally
    ``mistakes()``, a list of ``(fitted model, misconception id or message)``. Set
    ``estimator`` (the final step's class name, e.g. "LogisticRegression") and
    ``estimator_words`` where the question names a kind of model, and ``scaled`` when a
    scaling step must come first. An answer counts as a model when its probabilities on the
    judging cases differ from that model's by at most ``agreement`` on average.
    """

    kind = "model"
    estimator: str | None = None
    estimator_words = ""
    scaled = True
    agreement = 2e-4
    nearly = 5e-3

    def judging_cases(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def truth(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def expected_model(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def mistakes(self) -> list[tuple[Any, str]]:
        return []

    def expects(self) -> str:
        return KINDS["model"]

    # -- reading the learner's model --------------------------------------------------------
    def read(self, value: Any) -> dict[str, Any]:
        from sklearn.base import BaseEstimator
        from sklearn.exceptions import NotFittedError
        from sklearn.pipeline import Pipeline
        from sklearn.utils.validation import check_is_fitted

        if isinstance(value, type) or not isinstance(value, BaseEstimator):
            call = " Did you forget the brackets ()?" if callable(value) else ""
            raise WrongType(
                f"This is {kind_of(value)}; the question expects {self.expects()}.{call}"
            )
        steps = value.steps if isinstance(value, Pipeline) else [("model", value)]
        answer: dict[str, Any] = {
            "steps": [type(step).__name__ for _, step in steps],
            "pipeline": isinstance(value, Pipeline),
        }
        try:
            check_is_fitted(value)
        except NotFittedError:
            return {**answer, "fitted": False}
        classes = [c.item() if hasattr(c, "item") else c for c in getattr(value, "classes_", [])]
        classes = [int(c) if isinstance(c, float) and c.is_integer() else c for c in classes]
        answer.update(
            fitted=True,
            classes=[c if isinstance(c, int | str) else str(c) for c in classes],
            features=int(getattr(value, "n_features_in_", 0) or 0),
        )
        cases = self.judging_cases()
        if answer["classes"] == [0, 1] and answer["features"] == cases.shape[1]:
            answer["probabilities"] = _probabilities(value, cases)
        return answer

    # -- judging what it does ---------------------------------------------------------------
    def assess(self, answer: Any) -> Feedback:
        if not isinstance(answer, dict) or "steps" not in answer:
            raise WrongType(f"This is not a recorded model; the question expects {self.expects()}.")
        steps = answer["steps"]
        if not answer.get("fitted"):
            return self._wrong(
                "This model has not learned anything yet: it has not been fitted. Call "
                ".fit(X_train, y_train) on it."
            )
        if self.estimator and steps[-1] != self.estimator:
            return self._wrong(
                f"This model ends in a {steps[-1]}; the question asks for "
                f"{self.estimator_words or self.estimator}. Build it with the function the "
                "question names."
            )
        if self.scaled and not answer.get("pipeline"):
            raise WrongType(
                f"This is a {steps[-1]} on its own, with no scaling step inside it; the question "
                f"expects {self.expects()}. If you scaled the features yourself beforehand, that "
                "scaler sits outside the model (and, if it was fitted before the split, it "
                "learned from the test cases too)."
            )
        if self.scaled and not any(step in SCALERS for step in steps[:-1]):
            return self._wrong(
                "This pipeline has no scaling step: the features go to the model in their raw "
                "units (areas in the thousands, smoothness around 0.1), so their weights cannot "
                "be compared. Put a StandardScaler first, as models.reference_model() does."
            )
        if answer.get("classes") != [0, 1]:
            return self._wrong(
                "This model does not answer with 0 = benign and 1 = malignant. Fit it on "
                "y_train, which comes from data.load_wdbc_xy()."
            )
        cases = self.judging_cases()
        if answer.get("features") != cases.shape[1]:
            return self._wrong(
                f"This model learned from fewer or other features than the {cases.shape[1]} in "
                "X_train. Give it the whole of X_train."
            )
        return self._judge_behaviour(answer.get("probabilities"))

    def _reference(self) -> list[tuple[list[float], str | None]]:
        """The probabilities of the expected model (explanation None) and of each mistake."""

        def compute():
            cases = self.judging_cases()
            reference = [(_probabilities(self.expected_model(), cases), None)]
            return reference + [(_probabilities(m, cases), e) for m, e in self.mistakes()]

        return self._memo("reference", compute)

    def distance(self, a: list[float], b: list[float]) -> float:
        """Mean absolute difference of two lists of probabilities."""
        return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)

    def _judge_behaviour(self, probabilities: Any) -> Feedback:
        truth = list(self.truth())
        if not isinstance(probabilities, list) or len(probabilities) != len(truth):
            raise WrongType(
                f"This model's probabilities could not be read; the question expects "
                f"{self.expects()}."
            )
        distances = [(self.distance(probabilities, p), e) for p, e in self._reference()]
        nearest, explanation = min(distances, key=lambda pair: pair[0])
        if nearest <= self.agreement:
            return self._right() if explanation is None else self._wrong(explanation)
        if _auc(truth, probabilities) < 0.5:
            return self._wrong(
                "benign_as_positive",
                "Here the model gives the women with cancer the lower probabilities: it was "
                "trained with the labels the wrong way round (1 - y, or scikit-learn's coding).",
            )
        if distances[0][0] <= self.nearly:
            return self._wrong(
                "This model behaves much like the expected one, but not exactly: its "
                "probabilities differ a little. Build it with the function the question names, "
                "with its default settings, and fit it on X_train and y_train."
            )
        return self._wrong(
            "This model's probabilities on the test cases are not those of the expected model "
            "fitted on the training cases: it seems to have learned from other cases, or with "
            "other settings. Use X_train and y_train from models.split(X, y), with its default "
            "settings."
        )
