"""Questions for exercise 03, "A first model" (solutions/ex03_first_model.ipynb).

A model answer is judged by what it does on the test cases: one trained with the labels the
wrong way round (scikit-learn's own 0 = malignant coding) has the right shape but not the right
probabilities.

>>> from bcc_teach import data, models
>>> from bcc_teach.questions.ex03 import q1
>>> X_train, X_test, y_train, y_test = models.split(*data.load_wdbc_xy())
>>> q1.judge(models.reference_model().fit(X_train, 1 - y_train)).misconception
'benign_as_positive'
"""

from __future__ import annotations

import functools

from bcc_teach import models
from bcc_teach.checking import (
    ChoiceQuestion,
    ModelQuestion,
    NumberQuestion,
    Option,
    QuestionSet,
)
from bcc_teach.questions.fixtures import probabilities, split, truth

#: The test case whose probability q4 asks for: a woman with cancer, called malignant with doubt.
CASE = "W256"
#: The probability above which q5 counts the test cases.
CONFIDENT = 0.9
MODEL = "logistic_regression"

ex03 = QuestionSet("ex03")


@functools.cache
def _model():
    s = split()
    return models.reference_model().fit(s.X_train, s.y_train)


@functools.cache
def _accuracy(part: str) -> float:
    s = split()
    return float(_model().score(s.cases(part), s.diagnoses(part)))


@functools.cache
def _baseline_accuracy() -> float:
    from sklearn.dummy import DummyClassifier

    s = split()
    baseline = DummyClassifier(strategy="most_frequent").fit(s.X_train, s.y_train)
    return float(baseline.score(s.X_test, s.y_test))


# ---------------------------------------------------------------------------------------------
# q1: a fitted model, judged by what it does on the test cases
# ---------------------------------------------------------------------------------------------


def _leaky_model():
    """The colleague's shortcut of q6: a scaler fitted on all 569 cases, logistic regression on
    the training cases scaled with it."""
    from sklearn.pipeline import Pipeline

    s = split()
    scaler, classifier = models.reference_model().steps
    scaler[1].fit(s.X)
    classifier[1].fit(scaler[1].transform(s.X_train), s.y_train)
    return Pipeline([scaler, classifier])


def _fitted_on_prescaled_cases():
    """The same shortcut taken one step further: every case scaled before the split, then the
    reference model (scaler and all) fitted on the scaled training cases."""
    import pandas as pd
    from sklearn.preprocessing import StandardScaler

    s = split()
    scaled = pd.DataFrame(StandardScaler().fit_transform(s.X), index=s.X.index, columns=s.X.columns)
    X_train, _, y_train, _ = models.split(scaled, s.y)
    return models.reference_model().fit(X_train, y_train)


@ex03.question("q1", "model")
class FittedModel(ModelQuestion):
    """The answer is the reference model, fitted on the training cases only."""

    estimator, estimator_words = "LogisticRegression", "logistic regression"
    hints = (
        "models.reference_model() builds the pipeline; .fit(...) makes it learn. Which cases may "
        "it learn from?",
        "Fit it on the training cases only: models.reference_model().fit(X_train, y_train).",
    )
    correct = (
        "Correct: scaler and logistic regression both learned from the training cases only, so "
        "the test cases can still play the women the model has never met."
    )

    def expects(self):
        return (
            "a fitted scikit-learn Pipeline (a scaler, then logistic regression), such as "
            "models.reference_model() after .fit(X_train, y_train)"
        )

    def judging_cases(self):
        return split().X_test

    def truth(self):
        return truth("test")

    def expected_model(self):
        return _model()

    def mistakes(self):
        s = split()
        return [
            (
                models.reference_model().fit(s.X, s.y),
                "This model learned from every case, the test cases among them, so they can no "
                "longer play women it has never met. Fit it on X_train and y_train only.",
            ),
            (_leaky_model(), "leakage_before_split"),
            (_fitted_on_prescaled_cases(), "leakage_before_split"),
            (
                models.reference_model().fit(s.X_test, s.y_test),
                "This model learned from the test cases. They are kept for judging the model; "
                "fit it on X_train and y_train.",
            ),
        ]


# ---------------------------------------------------------------------------------------------
# q2 to q5: numbers
# ---------------------------------------------------------------------------------------------


@ex03.question("q2", "test_accuracy", kind="proportion")
class HonestAccuracy(NumberQuestion):
    # The training accuracy lies only 0.007 above: a window of 0.005 would take it, rounded.
    tolerance, absolute_tolerance = 0.001, 0.002
    hints = (
        "Accuracy is the share of cases called correctly. Which cases has the model never seen?",
        "model.score(X_test, y_test) gives the accuracy on the test cases (threshold 0.5); so "
        "does metrics.clinical_metrics(y_test, models.probability_malignant(model, X_test))"
        ".accuracy. Give it as your code computes it, unrounded.",
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
            (
                round(_accuracy("test") * len(split().X_test)),
                "That is the number of test cases called correctly. Accuracy is their share: "
                "divide by the number of test cases.",
            ),
        ]


@ex03.question("q3", "baseline_accuracy", kind="proportion")
class BaselineAccuracy(NumberQuestion):
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
        s = split()
        return [
            (
                float(s.y_test.mean()),
                "That is the share of test cases that are malignant: the accuracy of calling "
                'every lump malignant. "most_frequent" gives every case the commonest '
                "diagnosis among the training cases.",
            ),
            (
                _accuracy("test"),
                "That is the reference model's accuracy. Score the DummyClassifier instead.",
            ),
        ]


@ex03.question("q4", "p_case", kind="proportion")
class CaseProbability(NumberQuestion):
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

    def expected(self):
        return float(probabilities(MODEL)[split().X_test.index.get_loc(CASE)])

    def mistakes(self):
        label = int(_model().predict(split().X_test.loc[[CASE]])[0])
        return [
            (1 - self.expected(), "benign_as_positive"),
            (label, "label_for_probability"),
        ]


@ex03.question("q5", "n_above_90", kind="count")
class ConfidentCount(NumberQuestion):
    hints = (
        "First get each test case's probability of malignancy, then count those above 0.9.",
        "p_test = models.probability_malignant(model, X_test); then (p_test > 0.9).sum().",
    )

    def correct_message(self):
        confident = probabilities(MODEL) > CONFIDENT
        n, cancers = int(confident.sum()), int(truth("test")[confident].sum())
        said = (
            f"all {n} were recorded as malignant; with so few cases, up to about "
            f"{300 / n:.0f} in 100 such calls could still be wrong (the rule of three: 3/{n} "
            "is the upper end of the 95% interval)"
            if cancers == n
            else f"{cancers} of these {n} were recorded as malignant"
        )
        return (
            "Correct. These women's aspirates look, to the model, like those of women who had "
            f"cancer: among the test cases, {said}."
        )

    def expected(self):
        return int((probabilities(MODEL) > CONFIDENT).sum())

    def mistakes(self):
        p_test = probabilities(MODEL)
        return [
            (int((1 - p_test > CONFIDENT).sum()), "benign_as_positive"),
            (int((p_test <= CONFIDENT).sum()), "threshold_reversed"),
            (
                int((probabilities(MODEL, "train") > CONFIDENT).sum()),
                "That counts the training cases. The question asks about the test cases, X_test.",
            ),
            (
                int((p_test >= 0.5).sum()),
                "That counts the cases at or above 0.5 (all those called malignant). The "
                "question asks about those above 0.9.",
            ),
            (
                int((truth("test") == 1).sum()),
                "That is the number of test cases with cancer. The question asks how many the "
                "model gives a probability above 0.9, whatever their diagnosis.",
            ),
        ]


# ---------------------------------------------------------------------------------------------
# q6, q7: quizzes
# ---------------------------------------------------------------------------------------------


@ex03.question("q6", "q6_answer")
class ScaledBeforeSplit(ChoiceQuestion):
    prompt = (
        "A colleague fits a StandardScaler on all 569 cases, then splits the scaled cases into "
        "training and test sets, fits logistic regression on the training set and reports its "
        "test accuracy. What is wrong?"
    )
    options = (
        Option(
            "The test cases helped set the scaler's averages, so they were not unseen: fit the "
            "scaler in the pipeline.",
            "Yes: the test cases must stand for women the model has never met, so nothing may "
            "be learned from them, not even an average.",
            correct=True,
        ),
        Option(
            "Nothing: scaling only changes the units of each feature, so it cannot change any "
            "test result.",
            "Scaling uses averages and standard deviations learned from data. Here the test "
            "cases helped set them, so every test probability moved a little (lesson 03 showed "
            "it). Small here, but not zero, and larger with other preparation steps.",
        ),
        Option(
            "Logistic regression should never be given scaled features: it needs the raw "
            "measurements.",
            "The reverse: scaling helps logistic regression, and it makes the weights "
            "comparable. The problem is where the scaler learned its averages.",
        ),
        Option(
            "The split should not have been stratified, because stratifying lets the test cases "
            "leak into training.",
            "Stratifying only keeps the share of malignant cases the same in both parts; it "
            "lets nothing leak. The problem is where the scaler learned its averages.",
        ),
    )
    correct = (
        "In lesson 05 you will meet leaks that flatter a model far more, such as choosing "
        "features by looking at all the cases."
    )


@ex03.question("q7", "q7_answer")
class TwoProbabilities(ChoiceQuestion):
    prompt = (
        "At the default threshold of 0.5, the model calls two women malignant: Mrs A with a "
        "probability of 0.97 and Mrs B with 0.55. Which reading is best?"
    )
    options = (
        Option(
            "Both results are the same: each woman is called malignant, so each needs the same "
            "next step.",
            "The label is the same, but the model is saying two different things: nearly sure "
            "for Mrs A, nearly a coin toss for Mrs B. The label hides that.",
        ),
        Option(
            "Mrs A's cancer is probably more advanced or more aggressive than Mrs B's, given her "
            "higher probability.",
            "The probability is about whether the lump is malignant, not how aggressive a "
            "cancer is: the data hold no grade or stage.",
        ),
        Option(
            "Mrs A's aspirate looks clearly malignant to the model; Mrs B's is borderline and "
            "weighs less.",
            "Yes: 0.55 is close to the threshold; a threshold of 0.6, or slightly different "
            "measurements, would change her label. Her examination, imaging and a core biopsy "
            "matter all the more.",
            correct=True,
        ),
        Option(
            "Mrs B's result is wrong and should be ignored: 0.55 is too close to 0.5 to mean "
            "anything.",
            "Not wrong, just uncertain: if the probabilities are well calibrated, about 55 in "
            "100 women given 0.55 have cancer. That is far too many to reassure.",
        ),
    )
    correct = "Where the threshold itself should sit is a clinical choice: lesson 04."


QUESTIONS = ex03.bind(globals())
