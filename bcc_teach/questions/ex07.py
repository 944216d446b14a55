"""Questions for exercise 07, "Explaining with LIME" (solutions/ex07_explaining_with_lime.ipynb).

The exercise explains the reference model's call for one woman among the test cases (``CASE``)
with LIME, set up by ``explain.CaseExplainer``: her probability, her strongest reason, how much
her reasons change from one random draw to the next, what that means, and how a local
explanation differs from the model's global importances. Answers that name a feature are given
as text, such as ``"radius_mean"``.

>>> from bcc_teach.questions.ex07 import q2
>>> print(q2.judge(3).message)
This is a number; the question expects a feature's name as text in quotes, copied from ...
"""

from __future__ import annotations

import functools

from bcc_teach import explain, models
from bcc_teach.checking import ChoiceQuestion, NumberQuestion, Option, QuestionSet
from bcc_teach.questions.fixtures import fitted, rule_out, split
from bcc_teach.questions.kinds import FeatureQuestion

ex07 = QuestionSet("ex07")

#: The woman whose call the exercise explains: a test case with cancer, called malignant.
CASE = "W198"
#: The worked example in the notebook: a woman the model reassures.
EXAMPLE = "W531"
#: LIME's random draw for a single explanation.
SEED = 0


def _model():
    return fitted("logistic_regression")


@functools.cache
def _explainer(settings: str = "course") -> explain.CaseExplainer:
    """The course's explainer ("course"), or one with lime's own defaults ("defaults")."""
    s = split()
    chosen = explain.COURSE_SETTINGS if settings == "course" else explain.LIME_DEFAULTS
    return explain.CaseExplainer(_model(), s.X_train, s.y_train, settings=chosen)


def _case(case_id: str = CASE):
    return split().X_test.loc[case_id]


@functools.cache
def _explanation(case_id: str = CASE) -> explain.Explanation:
    return _explainer("course").explain(_case(case_id), seed=SEED)


@functools.cache
def _stability(settings: str) -> explain.StabilityReport:
    """Her stability report over seeds 0 to 9 (the default of ``explain.stability``)."""
    return explain.stability(_explainer(settings), _case())


@functools.cache
def _probability(case_id: str = CASE) -> float:
    return float(models.probability_malignant(_model(), split().X_test.loc[[case_id]])[0])


@functools.cache
def _global_importance(cases: str = "test"):
    s = split()
    return explain.global_importance(_model(), s.cases(cases), s.diagnoses(cases))


# ---------------------------------------------------------------------------------------------
# q1, q2: her probability and her strongest reason
# ---------------------------------------------------------------------------------------------


@ex07.question("q1", "p_her", kind="proportion")
class HerProbability(NumberQuestion):
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
                rule_out("logistic_regression"),
                "That is the course's rule-out threshold, the same for every woman. The question "
                "asks for the probability the model gave her.",
            ),
            (1, "label_for_probability"),
        ]


@ex07.question("q2", "top_malignant")
class StrongestReason(FeatureQuestion):
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
        messages.pop(self.expected(), None)  # her strongest reason is the right answer
        return messages

    def other(self, feature):
        return (
            f"{feature} is not among the five reasons LIME names for her (course settings, seed "
            "0). Read the feature column of explanation.table."
        )


# ---------------------------------------------------------------------------------------------
# q3 to q5: how stable her reasons are, and what that means
# ---------------------------------------------------------------------------------------------


@ex07.question("q3", "jaccard_default", kind="proportion")
class DefaultStability(NumberQuestion):
    hints = (
        "explain.stability(explainer, case) explains a case with ten different seeds and "
        "compares the top five reasons. Which explainer uses lime's own defaults?",
        "explain.stability(explainer_defaults, her_case) returns a stability report; the mean "
        "Jaccard index is its .jaccard_mean.",
    )

    def correct_message(self):
        report = _stability("defaults")
        return (
            f"Correct. With lime's own defaults her top five reasons agree from seed to seed "
            f"with a mean Jaccard index of {report.jaccard_mean:.2f} (sharing four of five "
            f"reasons gives 0.67, all five gives 1) and at worst {report.jaccard_min:.2f}: the "
            "last reasons on her list are partly luck of the draw."
        )

    def expected(self):
        return _stability("defaults").jaccard_mean

    def mistakes(self):
        defaults, course = _stability("defaults"), _stability("course")
        explainer = _explainer("defaults")
        first, second = (explainer.explain(_case(), seed=s).table["feature"] for s in (0, 1))
        return [
            (
                course.jaccard_mean,
                "That is with the course's settings (explainer). The question asks about lime's "
                "own defaults: use explainer_defaults.",
            ),
            (
                defaults.jaccard_min,
                "That is jaccard_min: the worst agreement between any two of the ten seeds. The "
                "question asks for the mean, jaccard_mean.",
            ),
            (
                defaults.sign_agreement,
                "That is sign_agreement: the share of named features whose direction never "
                "flips. The question asks how much the list of reasons itself changes: "
                "jaccard_mean.",
            ),
            (
                defaults.local_r2_mean,
                "That is local_r2_mean: how well LIME's simple model fitted near her. The "
                "question asks how much her reasons change from seed to seed: jaccard_mean.",
            ),
            (
                explain.jaccard(set(first), set(second)),
                "That compares two seeds only. explain.stability compares every pair of seeds "
                "0 to 9 and averages them: use its jaccard_mean.",
            ),
        ]


@ex07.question("q4", "q4_answer")
class WhatJaccardMeans(ChoiceQuestion):
    prompt = (
        "Suppose an explanation's top five reasons have a mean Jaccard index of 0.7 across "
        "seeds. What does that mean for you as a clinician?"
    )
    options = (
        Option(
            "70% of the reasons LIME gives are right, and the other 30% are wrong.",
            "Jaccard compares LIME with itself, run twice; it says nothing about whether the "
            "reasons are right, whether true to the model or to her biology.",
        ),
        Option(
            "The model's probability for her changes by about 30% from one run of LIME to the "
            "next, at random.",
            "The probability comes from the model and is the same every time. Only LIME's "
            "made-up neighbouring cases change with the seed, so only the explanation varies.",
        ),
        Option(
            "Two runs with other seeds usually share four of the five reasons; one comes and goes "
            "by chance.",
            "Yes: with five reasons, sharing four gives 4/6 ≈ 0.67 and sharing all five gives "
            "1, so a mean of 0.7 means one reason usually changes.",
            correct=True,
        ),
        Option(
            "The model is right for 70% of women like her, so its call for her is fairly reliable.",
            "That would be an accuracy. Jaccard measures how much two explanations agree with "
            "each other, not how often the model agrees with the pathology.",
        ),
    )
    correct = (
        "So read an explanation's strongest, repeatable reasons, not the last ones on the list; "
        "and where it matters, explain again with other seeds and keep what stays."
    )


@ex07.question("q5", "q5_answer")
class CorrelatedFeatures(ChoiceQuestion):
    prompt = (
        "One run of LIME names perimeter_worst among a woman's reasons; another run names "
        "area_worst instead. Across the training cases, the worst radius, perimeter and area "
        "of the nuclei correlate at about 0.98. What should you conclude?"
    )
    options = (
        Option(
            "Both say the same thing (large nuclei); how LIME splits the weight between them is "
            "arbitrary.",
            "Yes: a perimeter and an area follow from the radius, so knowing one nearly tells "
            "you the others.",
            correct=True,
        ),
        Option(
            "One of the two runs is wrong: the model really uses only one of these two features, "
            "not both.",
            "The reference model gives all three a weight. It is LIME that shares the credit "
            "between near-copies differently from one run to the next.",
        ),
        Option(
            "The perimeter caused her cancer in one run, and the area caused it in the other.",
            "Neither LIME nor the model says anything about causes: they describe which "
            "measurements the model leans on. Large nuclei are a sign of malignancy, not its "
            "cause.",
        ),
        Option(
            "Her measurements must contain an error, since the two runs disagree about them.",
            "Her measurements are the same in every run; only LIME's random made-up "
            "neighbouring cases change.",
        ),
    )
    correct = (
        "Correlated features are one reason explanations look unstable: group them (size, "
        "shape, texture) before you read the list."
    )


# ---------------------------------------------------------------------------------------------
# q6, q7: local and global, and how to use an explanation
# ---------------------------------------------------------------------------------------------


@ex07.question("q6", "global_top")
class GlobalTop(FeatureQuestion):
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


@ex07.question("q7", "q7_answer")
class HowToUseReasons(ChoiceQuestion):
    prompt = (
        "A report gives a woman's probability of malignancy and LIME's five reasons for it. "
        "How should the team use the reasons?"
    )
    options = (
        Option(
            "As the justification for the decision, recorded in her notes: the model decided "
            "because of these features.",
            "LIME fits a simple model to the real model's answers near her: a summary, not the "
            "model's reasoning. It changes with the seed, can fit loosely (a low local R²), "
            "and a model can even be built to show LIME harmless reasons while relying on "
            "others (Slack et al., 2020).",
        ),
        Option(
            "As proof that the model is safe: if the reasons look clinically sensible, the "
            "model can be trusted.",
            "Sensible reasons for one woman say little about the model as a whole. Slack et "
            "al. (2020) built models that hide a biased rule from LIME: its made-up cases look "
            "unlike real ones, so a model can spot them and answer them innocently. Safety "
            "comes from validation (lessons 04 to 06, and 08).",
        ),
        Option(
            "Ignore them: only the probability matters, and the reasons only distract the team.",
            "The reasons are useful: they can reveal a model leaning on something that should "
            "not matter (an artefact, a scanner setting), and help you judge whether its call "
            "for this woman makes sense.",
        ),
        Option(
            "As a hypothesis to check against the slide; if the cytology does not show it, "
            "question the call.",
            "Yes: an explanation suggests what to look at; the cytology, her imaging and her "
            "examination decide.",
            correct=True,
        ),
    )
    correct = (
        "Slack, Hilgard, Jia, Singh and Lakkaraju (2020), 'Fooling LIME and SHAP: adversarial "
        "attacks on post hoc explanation methods', showed how easily an explanation can be "
        "gamed: treat it as a question to ask, not an answer."
    )


QUESTIONS = ex07.bind(globals())
