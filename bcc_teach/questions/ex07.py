"""Questions for exercise 07, "Explaining with LIME" (solutions/ex07_explaining_with_lime.ipynb).

The exercise explains the reference model's call for one woman among the test cases (``CASE``)
with LIME, set up by ``explain.CaseExplainer``: her probability, her strongest reason, how much
her reasons change from one random draw to the next, what that means, and how a local
explanation differs from the model's global importances. Answers that name a feature are given
as text, such as ``"radius_mean"``.

>>> from bcc_teach.questions.ex07 import q2
>>> print(q2.judge(3).message)
This is a number; the question expects a feature's name as text in quotes, for example ...
"""

from __future__ import annotations

import functools
import re
from typing import Any

from bcc_teach import data, explain, metrics, models
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

#: The woman whose call the exercise explains: a test case with cancer, called malignant.
CASE = "W198"
#: The worked example in the notebook: a woman the model reassures.
EXAMPLE = "W531"
#: LIME's random draw for a single explanation.
SEED = 0


@functools.cache
def _split():
    """``X_train, X_test, y_train, y_test`` on the course's default split."""
    return models.split(*data.load_wdbc_xy())


@functools.cache
def _model():
    X_train, _, y_train, _ = _split()
    return models.reference_model().fit(X_train, y_train)


@functools.cache
def _explainer(settings: str = "course") -> explain.CaseExplainer:
    """The course's explainer ("course"), or one with lime's own defaults ("defaults")."""
    X_train, _, y_train, _ = _split()
    chosen = explain.COURSE_SETTINGS if settings == "course" else explain.LIME_DEFAULTS
    return explain.CaseExplainer(_model(), X_train, y_train, settings=chosen)


def _case(case_id: str = CASE):
    return _split()[1].loc[case_id]


@functools.cache
def _explanation(case_id: str = CASE) -> explain.Explanation:
    return _explainer("course").explain(_case(case_id), seed=SEED)


@functools.cache
def _stability(settings: str) -> dict:
    """Her stability report over seeds 0 to 9 (the default of ``explain.stability``)."""
    return explain.stability(_explainer(settings), _case())


@functools.cache
def _probability(case_id: str = CASE) -> float:
    return float(models.probability_malignant(_model(), _split()[1].loc[[case_id]])[0])


@functools.cache
def _rule_out() -> float:
    X_train, _, y_train, _ = _split()
    return metrics.rule_out_threshold(models.reference_model(), X_train, y_train)


@functools.cache
def _global_importance(cases: str = "test"):
    X_train, X_test, y_train, y_test = _split()
    if cases == "train":
        return explain.global_importance(_model(), X_train, y_train)
    return explain.global_importance(_model(), X_test, y_test)


# ---------------------------------------------------------------------------------------------
# Answers that name a feature
# ---------------------------------------------------------------------------------------------

_FEATURE_KIND = 'a feature\'s name as text in quotes, for example "radius_mean"'
_PATTERNS = {name: re.compile(rf"(?<![a-z_]){re.escape(name)}(?![a-z_])") for name in data.FEATURES}


def feature_named(text: str) -> str | None:
    """The one feature a text names: a name ("Area worst") or a condition ("area_worst > 900").

    None when it names no feature; raises ``WrongType`` when it names several.

    >>> feature_named("507.15 < Area_worst <= 696.05"), feature_named("pink")
    ('area_worst', None)
    """
    lowered = text.strip().lower()
    found = [name for name, pattern in _PATTERNS.items() if pattern.search(lowered)]
    if not found:
        joined = re.sub(r"[\s\-]+", "_", lowered)
        found = [name for name in data.FEATURES if name == joined]
    if len(found) > 1:
        raise WrongType(
            f"This text names {len(found)} features ({', '.join(found[:3])}); the question "
            "expects one feature's name, in quotes."
        )
    return found[0] if found else None


class FeatureQuestion(Question):
    """The answer is one feature's name (text). A condition from LIME's table names it too.

    Implement ``expected()`` (the feature's name) and optionally ``mistakes()``, a dictionary
    from a feature's name to the message for giving it; ``other(feature)`` answers any other
    feature.
    """

    kind = "text"

    def expected(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def mistakes(self) -> dict[str, str]:
        return {}

    def other(self, feature: str) -> str:
        return f"{feature} is not the one asked for. Look again, or ask for a hint."

    def evaluate(self, value: Any) -> Feedback:
        try:
            feature = self._feature(value)
        except WrongType:
            raise
        except Exception as exc:  # e.g. a text-like object whose methods fail
            raise WrongType(
                f"This answer could not be read as text ({type(exc).__name__}); the question "
                f"expects {_FEATURE_KIND}."
            ) from None
        if feature == self.expected():
            return self._right()
        message = self.mistakes().get(feature)
        return self._wrong(message=message or self.other(feature))

    def _feature(self, value: Any) -> str:
        """The feature an answer names, or ``WrongType`` saying what a feature's name is."""
        import pandas as pd

        if isinstance(value, pd.Series):
            raise WrongType(
                f"This is {kind_of(value)}: one row or column of a table, holding many values. "
                f"The question expects {_FEATURE_KIND}. A row's name is in its .name."
            )
        if isinstance(value, pd.DataFrame | pd.Index):
            raise WrongType(
                f"This is {kind_of(value)}; the question expects {_FEATURE_KIND}. Pick one "
                "name from it, or read it off the table and type it."
            )
        if not isinstance(value, str):
            raise WrongType(f"This is {kind_of(value)}; the question expects {_FEATURE_KIND}.")
        if not value.strip():
            raise WrongType(f"This text is empty; the question expects {_FEATURE_KIND}.")
        feature = feature_named(value)
        if feature is None:
            shown = value.strip() if len(value.strip()) <= 40 else value.strip()[:37] + "..."
            raise WrongType(
                f'"{shown}" is not one of the 30 feature names. Copy a name from the table\'s '
                'feature column, in quotes, for example "radius_mean".'
            )
        return feature


# ---------------------------------------------------------------------------------------------
# q1, q2: her probability and her strongest reason
# ---------------------------------------------------------------------------------------------


class HerProbability(NumberQuestion):
    id, exercise, variable, kind = "q1", "ex07", "p_her", "proportion"
    hints = (
        "Ask the explainer about her just as the example asked about another woman: "
        "explainer.explain(...) with her_case. The explanation carries the model's probability "
        "too.",
        "explanation = explainer.explain(her_case), then p_her = explanation.probability.",
    )
    correct = (
        "Correct. She is above 0.5 and above the course's rule-out threshold, so she is flagged; "
        "but the model is far from certain. That is just the kind of call where a clinician "
        "asks: why?"
    )

    def expected(self):
        return _probability()

    def mistakes(self):
        explanation = _explanation()
        return [
            (1 - _probability(), "benign_as_positive"),
            (
                _probability(EXAMPLE),
                f"That is the probability of the example woman ({EXAMPLE}). Ask about her_case.",
            ),
            (
                explanation.local_r2,
                "That is the explanation's local_r2: how well LIME's simple model matched the "
                "real model near her. The question asks for the model's probability of "
                "malignancy: explanation.probability.",
            ),
            (
                _rule_out(),
                "That is the course's rule-out threshold, the same for every woman. The question "
                "asks for the probability the model gave her.",
            ),
            (
                1,
                "That looks like the model's label (1 = malignant). The question asks for the "
                "probability behind it: explanation.probability.",
            ),
        ]


class StrongestReason(FeatureQuestion):
    id, exercise, variable = "q2", "ex07", "top_malignant"
    hints = (
        "In her table of reasons, the column towards says which way each reason pushes. Among "
        "the rows that push towards malignant, which has the largest weight?",
        "reasons = explanation.table shows the table. Rows are sorted by the size of the push, "
        "largest first, whichever way it points: the first row marked malignant is the one.",
        "Type the feature column's value of that row, in quotes: top_malignant = "
        '"name_of_feature".',
    )
    correct = (
        "Correct: of the reasons LIME names for her, that one pushed her probability up the "
        "most (with seed 0). Its condition gives the range her value falls into, cut where "
        "benign and malignant training cases separate best."
    )

    def expected(self):
        table = _explanation().table
        return str(table.loc[table["towards"] == "malignant", "feature"].iloc[0])

    def mistakes(self):
        table = _explanation().table
        messages = {}
        for feature, towards in zip(table["feature"], table["towards"], strict=True):
            if towards == "benign":
                messages[feature] = (
                    f"{feature} is one of her reasons, but it pushes towards benign (a negative "
                    "weight): it lowered her probability. The question asks for the strongest "
                    "push towards malignant."
                )
            else:
                messages[feature] = (
                    f"{feature} does push towards malignant, but another of her reasons pushes "
                    "harder. Compare the weights of the rows marked malignant."
                )
        for feature in _explanation(EXAMPLE).table["feature"]:
            messages.setdefault(
                feature,
                f"{feature} is among the example woman's reasons, but not among hers. Explain "
                "her_case and read her table.",
            )
        return messages

    def other(self, feature):
        return (
            f"{feature} is not among the five reasons LIME names for her (course settings, seed "
            "0). Read the feature column of explanation.table."
        )


# ---------------------------------------------------------------------------------------------
# q3 to q5: how stable her reasons are, and what that means
# ---------------------------------------------------------------------------------------------


class DefaultStability(NumberQuestion):
    id, exercise, variable, kind = "q3", "ex07", "jaccard_default", "proportion"
    hints = (
        "explain.stability(explainer, case) explains a case with ten different seeds and "
        "compares the top five reasons. Which explainer uses lime's own defaults?",
        "explain.stability(explainer_defaults, her_case) returns a dictionary; the mean "
        'Jaccard index is its entry ["jaccard_mean"].',
    )
    correct = (
        "Correct. With lime's own defaults, two runs with different seeds usually agree on "
        "only four of her five reasons, and sometimes on fewer: the fifth reason is partly "
        "luck of the draw."
    )

    def expected(self):
        return _stability("defaults")["jaccard_mean"]

    def mistakes(self):
        defaults, course = _stability("defaults"), _stability("course")
        explainer = _explainer("defaults")
        first, second = (explainer.explain(_case(), seed=s).table["feature"] for s in (0, 1))
        return [
            (
                course["jaccard_mean"],
                "That is with the course's settings (explainer). The question asks about lime's "
                "own defaults: use explainer_defaults.",
            ),
            (
                defaults["jaccard_min"],
                "That is jaccard_min: the worst agreement between any two of the ten seeds. The "
                "question asks for the mean, jaccard_mean.",
            ),
            (
                defaults["sign_agreement"],
                "That is sign_agreement: the share of named features whose direction never "
                "flips. The question asks how much the list of reasons itself changes: "
                "jaccard_mean.",
            ),
            (
                defaults["local_r2_mean"],
                "That is local_r2_mean: how well LIME's simple model fitted near her. The "
                "question asks how much her reasons change from seed to seed: jaccard_mean.",
            ),
            (
                explain.jaccard(set(first), set(second)),
                "That compares two seeds only. explain.stability compares every pair of seeds "
                "0 to 9 and averages them: use its jaccard_mean.",
            ),
        ]


class WhatJaccardMeans(ChoiceQuestion):
    id, exercise, variable = "q4", "ex07", "q4_answer"
    prompt = (
        "Suppose an explanation's top five reasons have a mean Jaccard index of 0.7 across "
        "seeds. What does that mean for you as a clinician?"
    )
    options = {
        "a": (
            "70% of the reasons LIME gives are right.",
            False,
            "Jaccard compares LIME with itself, run twice; it says nothing about whether the "
            "reasons are right, whether true to the model or to her biology.",
        ),
        "b": (
            "Ask twice, with different random draws, and the two lists of five reasons usually "
            "share four: about one reason in five comes and goes by chance.",
            True,
            "Yes: with five reasons, sharing four gives 4/6 ≈ 0.67 and sharing all five gives "
            "1, so a mean of 0.7 means one reason usually changes.",
        ),
        "c": (
            "The model's probability for her changes by about 30% from one run to the next.",
            False,
            "The probability comes from the model and is the same every time. Only LIME's "
            "made-up neighbouring cases change with the seed, so only the explanation varies.",
        ),
        "d": (
            "The model is right for 70% of women.",
            False,
            "That would be an accuracy. Jaccard measures how much two explanations agree with "
            "each other, not how often the model agrees with the pathology.",
        ),
    }
    correct = (
        "So read an explanation's strongest, repeatable reasons, not the last ones on the list; "
        "and where it matters, explain again with other seeds and keep what stays."
    )


class CorrelatedFeatures(ChoiceQuestion):
    id, exercise, variable = "q5", "ex07", "q5_answer"
    prompt = (
        "One run of LIME names perimeter_worst among a woman's reasons; another run names "
        "area_worst instead. Across the training cases, the worst radius, perimeter and area "
        "of the nuclei correlate at about 0.98. What should you conclude?"
    )
    options = {
        "a": (
            "One of the two runs is wrong: the model really uses only one of these features.",
            False,
            "The reference model gives all three a weight. It is LIME that shares the credit "
            "between near-copies differently from one run to the next.",
        ),
        "b": (
            "They carry nearly the same information (how large the largest nuclei are), so how "
            "LIME splits the weight between them is arbitrary: read them as one reason, 'large "
            "nuclei'.",
            True,
            "Yes: a perimeter and an area follow from the radius, so knowing one nearly tells "
            "you the others.",
        ),
        "c": (
            "The perimeter caused her cancer in one run, the area in the other.",
            False,
            "Neither LIME nor the model says anything about causes: they describe which "
            "measurements the model leans on. Large nuclei are a sign of malignancy, not its "
            "cause.",
        ),
        "d": (
            "Her measurements must contain an error.",
            False,
            "Her measurements are the same in every run; only LIME's random made-up "
            "neighbouring cases change.",
        ),
    }
    correct = (
        "Correlated features are one reason explanations look unstable: group them (size, "
        "shape, texture) before you read the list."
    )


# ---------------------------------------------------------------------------------------------
# q6, q7: local and global, and how to use an explanation
# ---------------------------------------------------------------------------------------------


class GlobalTop(FeatureQuestion):
    id, exercise, variable = "q6", "ex07", "global_top"
    hints = (
        "explain.global_importance(model, cases, diagnoses) measures, for each feature, how "
        "much the model's AUC drops when that feature's values are shuffled. Which cases has "
        "the model never seen?",
        "importance = explain.global_importance(model, X_test, y_test) is sorted, most "
        "important first; the feature names are its index.",
        "importance.index[0] is the name of the first row.",
    )
    correct = (
        "Correct: over all the test cases, shuffling that feature harms the model most. For one "
        "woman, LIME may put other features first: global importance is about the model, a "
        "local explanation about one case."
    )

    def expected(self):
        return str(_global_importance("test").index[0])

    def mistakes(self):
        her_top = str(_explanation().table["feature"].iloc[0])
        weights = _global_importance("test")["weight"]
        return {
            str(_global_importance("train").index[0]): (
                "That one comes first when importance is measured on the training cases, which "
                "the model has learned. Measure it on the test cases: X_test, y_test."
            ),
            str(weights.abs().idxmax()): (
                "That feature has the largest weight in the logistic regression (the weight "
                "column). A large weight may still matter little to the model's calls; the "
                "question asks for permutation importance, the order of the table."
            ),
            her_top: (
                f"{her_top} is LIME's first reason for her: a local answer, about one woman. "
                "The question asks which feature matters most to the model over all test "
                "cases."
            ),
        }

    def other(self, feature):
        return (
            f"{feature} is not first in the permutation importance on the test cases. "
            "global_importance sorts its table, most important first."
        )


class HowToUseReasons(ChoiceQuestion):
    id, exercise, variable = "q7", "ex07", "q7_answer"
    prompt = (
        "A report gives a woman's probability of malignancy and LIME's five reasons for it. "
        "How should the team use the reasons?"
    )
    options = {
        "a": (
            "As the justification for the decision, recorded in her notes: the model decided "
            "because of these features.",
            False,
            "LIME fits a simple model to the real model's answers near her: a summary, not the "
            "model's reasoning. It changes with the seed, can fit loosely (a low local R²), and "
            "a model can even be built to show LIME harmless reasons while relying on others "
            "(Slack et al., 2020).",
        ),
        "b": (
            "As a hypothesis to check against the slide: does the cytology show what the "
            "reasons claim (for example large, irregular nuclei)? If not, question the model's "
            "call and tell the people who look after the model.",
            True,
            "Yes: an explanation suggests what to look at; the cytology, her imaging and her "
            "examination decide.",
        ),
        "c": (
            "As proof that the model is safe: if the reasons look clinically sensible, the "
            "model can be trusted.",
            False,
            "Sensible reasons for one woman say little about the model as a whole. Slack et al. "
            "(2020) built models that hide a biased rule from LIME: its made-up cases look "
            "unlike real ones, so a model can spot them and answer them innocently. Safety "
            "comes from validation (lessons 04 to 06, and 08).",
        ),
        "d": (
            "Ignore them: only the probability matters.",
            False,
            "The reasons are useful: they can reveal a model leaning on something that should "
            "not matter (an artefact, a scanner setting), and help you judge whether its call "
            "for this woman makes sense.",
        ),
    }
    correct = (
        "Slack, Hilgard, Jia, Singh and Lakkaraju (2020), 'Fooling LIME and SHAP: adversarial "
        "attacks on post hoc explanation methods', showed how easily an explanation can be "
        "gamed: treat it as a question to ask, not an answer."
    )


q1, q2, q3, q4 = HerProbability(), StrongestReason(), DefaultStability(), WhatJaccardMeans()
q5, q6, q7 = CorrelatedFeatures(), GlobalTop(), HowToUseReasons()
QUESTIONS = (q1, q2, q3, q4, q5, q6, q7)
