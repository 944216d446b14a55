"""Typical answers to exercise 07, "Explaining with LIME".

LIME is slow-ish (a ten-seed stability report takes seconds), so everything is computed once,
with the question set's own explainers (``tests/test_question_facts.py`` checks that they are
the ones a learner builds).
"""

from __future__ import annotations

import functools

from bcc_teach import data, explain, metrics, models
from bcc_teach.questions import ex07

X, y = data.load_wdbc_xy()
X_TRAIN, X_TEST, Y_TRAIN, Y_TEST = models.split(X, y)
MODEL = models.reference_model().fit(X_TRAIN, Y_TRAIN)
HER_CASE = X_TEST.loc["W198"]


def _explainer(settings: str) -> explain.CaseExplainer:
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
                (MODEL.predict(X_TEST.loc[["W198"]])[0], "label_for_probability"),
                (her.local_r2, "local_r2"),
                (_explainer("course").explain(X_TEST.loc["W531"]).probability, "example woman"),
                (rule_out, "rule-out threshold"),
                (p, "holding many values"),
                ("0.64", "text (in quotes)"),
            ],
        ),
        "q2": (
            [top, f"  {top.replace('_', ' ').capitalize()} ", _condition(table, top), [top]],
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
                (b"area_worst", "bytes"),
            ],
        ),
        "q3": (
            [defaults.jaccard_mean, round(defaults.jaccard_mean, 2)],
            [
                # With the course's settings her reasons never change: a Jaccard of 1.0, which is
                # also the defaults' sign_agreement. One value, two slips: neither is claimed.
                (course.jaccard_mean, "more than one slip"),
                (defaults.sign_agreement, "more than one slip"),
                (defaults.jaccard_min, "jaccard_min"),
                (defaults.local_r2_mean, "local_r2_mean"),
                (explain.jaccard(*first_two), "compares two seeds only"),
                (100 * defaults.jaccard_mean, "percentage_for_proportion"),
                (defaults, "Pick one with a dot"),
            ],
        ),
        "q4": (
            ["c", " (C) "],
            [
                ("a", "compares LIME with itself"),
                ("b", "the same every time"),
                ("d", "would be an accuracy"),
                (2, "one letter"),
            ],
        ),
        "q5": (
            ["a"],
            [
                ("b", "shares the credit"),
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
            ["d"],
            [
                ("a", "Slack et al., 2020"),
                ("b", "Sensible reasons for one woman"),
                ("c", "reveal a model leaning"),
            ],
        ),
    }
