"""Exercise 07's questions: right answers pass, typical wrong answers get their own feedback.

The right answers are computed here the way a learner would, independently of the question set.
LIME is slow-ish (a ten-seed stability report takes seconds), so everything is computed once.
"""

from __future__ import annotations

import functools

import pytest
from typical import assert_typical

from bcc_teach import data, explain, metrics, models
from bcc_teach.checking import Outcome, ____
from bcc_teach.questions import ex07

X, y = data.load_wdbc_xy()
X_TRAIN, X_TEST, Y_TRAIN, Y_TEST = models.split(X, y)
MODEL = models.reference_model().fit(X_TRAIN, Y_TRAIN)
HER_CASE = X_TEST.loc["W198"]


def _explainer(settings: str) -> explain.CaseExplainer:
    """The question set's own explainers, so that LIME's work is cached once for both.

    ``test_the_question_sets_explainers_are_the_learners`` checks they match a learner's.
    """
    return ex07._explainer(settings)


def _table(case_id: str = "W198"):
    return _explainer("course").explain(X_TEST.loc[case_id]).table


@functools.cache
def _report(settings: str) -> dict:
    return explain.stability(_explainer(settings), HER_CASE)


@functools.cache
def _importance(part: str = "test"):
    if part == "train":
        return explain.global_importance(MODEL, X_TRAIN, Y_TRAIN)
    return explain.global_importance(MODEL, X_TEST, Y_TEST)


def _first(table, towards: str) -> str:
    rows = table[table["towards"] == towards]
    return rows.loc[rows["weight"].abs().idxmax(), "feature"]


def _condition(table, feature: str) -> str:
    return table.loc[table["feature"] == feature, "condition"].iloc[0]


@functools.cache
def typical() -> dict:
    """For every question: the right answers, and typical wrong answers with what they say."""
    her = _explainer("course").explain(HER_CASE)
    table = her.table
    p = MODEL.predict_proba(X_TEST.loc[["W198"]])[0]
    top = _first(table, "malignant")
    benign_top = _first(table, "benign")
    other_malignant = [f for f in table.loc[table["towards"] == "malignant", "feature"] if f != top]
    example_only = [f for f in _table("W531")["feature"] if f not in set(table["feature"])]
    elsewhere = [f for f in data.FEATURES if f not in set(table["feature"]) | set(example_only)]
    defaults, course = _report("defaults"), _report("course")
    seeds_0_1 = [_explainer("defaults").explain(HER_CASE, seed=s).table for s in (0, 1)]
    first_two = [set(t["feature"]) for t in seeds_0_1]
    importance = _importance("test")
    weights = models.feature_weights(MODEL, X.columns)
    rule_out = metrics.rule_out_threshold(models.reference_model(), X_TRAIN, Y_TRAIN)
    return {
        "q1": (
            [p[1], her.probability, round(p[1], 2)],
            [
                (p[0], "benign_as_positive"),
                (100 * p[1], "percentage_for_proportion"),
                (MODEL.predict(X_TEST.loc[["W198"]])[0], "model's label"),
                (her.local_r2, "local_r2"),
                (_explainer("course").explain(X_TEST.loc["W531"]).probability, "example woman"),
                (rule_out, "rule-out threshold"),
                (p, "holding many values"),
                ("0.64", "text (in quotes)"),
            ],
        ),
        "q2": (
            [top, f"  {top.replace('_', ' ').capitalize()} ", _condition(table, top)],
            [
                (benign_top, "pushes towards benign"),
                (_condition(table, benign_top), "pushes towards benign"),
                (other_malignant[0], "another of her reasons pushes harder"),
                (example_only[0], "example woman's reasons"),
                (elsewhere[0], "not among the five reasons"),
                ("pink", "not one of the 30 feature names"),
                (f"{top} and {benign_top}", "names 2 features"),
                (table, "a table (DataFrame)"),
                (table.iloc[0], "A row's name"),
                (3, "a feature's name as text in quotes"),
            ],
        ),
        "q3": (
            [defaults["jaccard_mean"], round(defaults["jaccard_mean"], 2)],
            [
                (course["jaccard_mean"], "course's settings"),
                (defaults["jaccard_min"], "jaccard_min"),
                (defaults["local_r2_mean"], "local_r2_mean"),
                (explain.jaccard(*first_two), "compares two seeds only"),
                (100 * defaults["jaccard_mean"], "percentage_for_proportion"),
                (defaults, "a dictionary"),
            ],
        ),
        "q4": (
            ["b", " (B) "],
            [
                ("a", "compares LIME with itself"),
                ("c", "the same every time"),
                ("d", "would be an accuracy"),
                (2, "one letter"),
            ],
        ),
        "q5": (
            ["b"],
            [
                ("a", "shares the credit"),
                ("c", "anything about causes"),
                ("d", "same in every run"),
            ],
        ),
        "q6": (
            [importance.index[0], importance.round(4).index[0]],
            [
                (table["feature"].iloc[0], "a local answer"),
                (weights.index[0], "largest weight in the logistic regression"),
                (_importance("train").index[0], "measured on the training cases"),
                (importance.index[-1], "not first in the permutation importance"),
                (importance, "a table (DataFrame)"),
                (importance.iloc[0], "A row's name"),
            ],
        ),
        "q7": (
            ["b"],
            [
                ("a", "Slack et al., 2020"),
                ("c", "Sensible reasons for one woman"),
                ("d", "reveal a model leaning"),
            ],
        ),
    }


def test_every_question_has_typical_answers_listed():
    assert [q.id for q in ex07.QUESTIONS] == [f"q{n}" for n in range(1, 8)]
    assert sorted(typical()) == sorted(q.id for q in ex07.QUESTIONS)
    assert {q.exercise for q in ex07.QUESTIONS} == {"ex07"}


def test_the_case_was_chosen_for_its_contrasts():
    """Her local top differs from the global top, and lime's defaults are less stable."""
    table = _table()
    assert MODEL.predict(X_TEST.loc[["W198"]])[0] == 1 and Y_TEST.loc["W198"] == 1
    assert table["feature"].iloc[0] != _importance().index[0]
    assert "benign" in set(table["towards"]) and "malignant" in set(table["towards"])
    assert _report("defaults")["jaccard_mean"] < _report("course")["jaccard_mean"]


@pytest.mark.parametrize("question", ex07.QUESTIONS, ids=lambda q: q.id)
def test_right_answers_and_typical_wrong_answers(question):
    rights, wrongs = typical()[question.id]
    assert_typical(question, rights, wrongs)


@pytest.mark.parametrize("question", ex07.QUESTIONS, ids=lambda q: q.id)
def test_blank_answers_are_not_attempted(question):
    assert question.judge(____).outcome is Outcome.NOT_ATTEMPTED


@pytest.mark.parametrize("settings", ["course", "defaults"])
def test_the_question_sets_explainers_are_the_learners(settings):
    """Built the way the notebook builds them, an explainer gives the same explanation."""
    chosen = explain.COURSE_SETTINGS if settings == "course" else explain.LIME_DEFAULTS
    learners = explain.CaseExplainer(MODEL, X_TRAIN, Y_TRAIN, settings=chosen)
    ours = ex07._explainer(settings)
    assert ours.settings == chosen
    assert ours.explain(HER_CASE, seed=3).table.equals(learners.explain(HER_CASE, seed=3).table)


def test_feature_names_are_read_from_names_and_conditions():
    assert ex07.feature_named("concave points_worst") == "concave_points_worst"
    assert ex07.feature_named("0.17 < symmetry_worst <= 0.28") == "symmetry_worst"
    assert ex07.feature_named("radius") is None


def test_a_text_whose_methods_fail_is_a_wrong_type():
    class Odd(str):
        def strip(self, *args):
            raise RuntimeError("odd")

    feedback = ex07.q2.judge(Odd("area_worst"))
    assert (
        feedback.outcome is Outcome.WRONG_TYPE and "could not be read as text" in feedback.message
    )


def _revealing(question) -> list[str]:
    """How the expected answer of ``question`` would look if a message gave it away."""
    value = question.expected()
    if isinstance(value, str):
        return [value, value.replace("_", " ")]
    return [f"{value:.{digits}f}" for digits in (2, 3, 4)] + [f"{value:.1%}"]


@pytest.mark.parametrize(
    "question", [q for q in ex07.QUESTIONS if hasattr(q, "expected")], ids=lambda q: q.id
)
def test_no_message_or_hint_reveals_the_expected_answer(question):
    texts = [*question.hints, question.judge(____).message]
    texts = [(text, "") for text in texts]
    for answer, _ in typical()[question.id][1]:
        texts.append((question.judge(answer).message, answer if isinstance(answer, str) else ""))
    for text, answer in texts:
        for form in _revealing(question):
            # A message may repeat the learner's own text back; it must not add the answer.
            assert form not in text or form in answer, (form, text)
