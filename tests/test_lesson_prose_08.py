"""Lesson 08's prose figures, recomputed (see test_lesson_prose.py).

The slow results (imaging factors, local samples, grouped splits, nested CV) come from the
stored results, as in the lesson.
"""

from __future__ import annotations

from functools import cache

import numpy as np
from test_lesson_prose import says

from bcc_teach import data, metrics, models, shift, validation

LESSON = "08_robustness.ipynb"


@cache
def taught():
    return shift.taught_model()


@cache
def scenarios():
    t = taught()
    warning = shift.fit_ood_warning(t.X_train)
    factors = shift.imaging_factors()
    return warning, {
        "as measured": shift.scenario(t, warning, factors),
        "0.8": shift.scenario(t, warning, factors, magnification=0.8),
        "1.2": shift.scenario(t, warning, factors, magnification=1.2),
        "blur": shift.scenario(t, warning, factors, focus=2.0),
    }


def _range(rate: metrics.Rate, digits: int = 3) -> str:
    return f"{rate.low:.{digits}f} to {rate.high:.{digits}f}"


def test_lesson08_quotes_what_a_clinic_with_fewer_cancers_changes():
    t = taught()
    table = shift.prevalence_shift(t.y_test, t.probabilities(), t.threshold).table
    clinic, here = table.loc["a clinic with fewer cancers (what-if)"], table.iloc[0]
    screening = table.loc["screening population (what-if, Lehman 2017)"]
    says(LESSON, f"about {clinic['PPV']}, not {here['PPV'][:5]}",
         f"it would be {screening['PPV'][:5]}",
         f"average probability in the 15% clinic is {clinic['average probability']:.3f}",
         f"about {round(100 * float(clinic['PPV'][:5]))} will have cancer, not "
         f"{round(100 * float(here['PPV'][:5]))}")  # fmt: skip
    assert table["sensitivity"].nunique() == 1  # "Sensitivity carries over"
    assert clinic["average probability"] > 0.15  # "too high"


def test_lesson08_quotes_how_many_local_women_a_recalibration_needs():
    t = taught()
    table = shift.local_sample_size(t.y_test.to_numpy(), t.probabilities(), 0.15).table
    says(LESSON, f"typically holds {table.loc[25, 'cancers (median)']:.0f} cancers",
         f"{100 * table.loc[25, 'samples with no cancer']:.1f}% of samples hold none",
         f"anywhere from {table.loc[25, 'low']:.3f} to {table.loc[25, 'high']:.3f}",
         f"within {table.loc[100, 'low']:.3f} to {table.loc[100, 'high']:.3f}",
         f"with 400, within {table.loc[400, 'low']:.3f} to "
         f"{table.loc[400, 'high']:.3f}")  # fmt: skip
    assert 0.45 < table.loc[25, "low"] / 0.15 < 0.55 and 1.25 < table.loc[25, "high"] / 0.15 < 1.4


def test_lesson08_reads_the_small_subgroups_as_their_intervals_say():
    X, y = data.load_wdbc_xy()
    nested = validation.nested_cv(models.make_model("logistic_regression"), X, y)
    groups = shift.subgroups(y, nested.flagged(), shift.size_groups(X))
    small_sens, _ = groups.rates["small nuclei (area_mean < 500)"]
    large_sens, large_spec = groups.rates["large (≥ 800)"]
    says(LESSON, f"there were only **{small_sens.total}** cancers with small nuclei",
         f"the interval runs from {_range(small_sens, 2)}",
         f"rests on {large_spec.total} benign lumps")  # fmt: skip
    assert round(small_sens.total * (1 - small_sens.value)) == 1  # "about one cancer in ten"
    assert round(large_sens.total * (1 - large_sens.value)) == 1  # "one in a hundred"
    assert small_sens.low < 0.61  # "two cancers in five could be missed"


def test_lesson08_quotes_the_scanners_and_the_warning():
    warning, s = scenarios()
    smaller, larger, blurred, ordinary = s["0.8"], s["1.2"], s["blur"], s["as measured"]
    missed = smaller.sensitivity.total - smaller.sensitivity.count
    says(LESSON, f"sensitivity falls to {smaller.sensitivity.value:.3f} "
         f"({_range(smaller.sensitivity)}), {missed} of {smaller.sensitivity.total} cancers missed",
         f"specificity falls to {larger.specificity.value:.3f} ({_range(larger.specificity)})",
         f"it fires on {ordinary.warning.rate().counted()} "
         f"({ordinary.warning.rate().value:.3f}, {_range(ordinary.warning.rate())})",
         f"it fires on only {smaller.warning.rate().counted()}")  # fmt: skip
    assert larger.sensitivity.count == larger.sensitivity.total  # "nothing is missed"
    assert blurred.warning.rate().value > 0.95  # "fires on nearly everyone"
    warned = ordinary.warning.warned
    assert set(taught().y_test[warned[warned].index]) == {0, 1}  # "benign and malignant alike"
    assert abs(taught().performance(smaller.X, taught().y_test).auc.value
               - taught().performance().auc.value) < 0.005  # "the AUC hardly moves" # fmt: skip
    factors = shift.imaging_factors().factors(magnification=0.8)
    assert round(factors["radius_mean"], 2) == 0.8 and round(factors["area_mean"], 2) == 0.64


def test_lesson08_reads_the_grouped_and_temporal_splits_as_they_come_out():
    original = data.load_wbc_original()
    X, y = original[list(data.WBC_FEATURES)], (original["diagnosis"] == "malignant").astype(int)
    here = shift.grouped_vs_naive(shift.scores_model(), X, y, original["id_group"])
    assert abs(here.naive_auc.value - here.grouped_auc.value) < 0.005  # "the two agree"
    X3, y3, woman = shift.repeated_aspirates(*data.load_wdbc_xy())
    what_if = shift.grouped_vs_naive(models.make_model("random_forest"), X3, y3, woman, repeats=1)
    assert what_if.naive_accuracy.low > what_if.grouped_accuracy.high  # "flatters the model"
    temporal = shift.temporal_validation(shift.scores_model(), X, y, original["batch"],
                                         (1, 2, 3, 4))  # fmt: skip
    assert temporal.later.value < temporal.earlier.value  # "the share ... fell"
    assert temporal.performance.auc.low > 0.95  # "still separates the later women well"
    says(LESSON, f"hold {len(original)} aspirates")


def test_lesson08_batch_check_reads_as_the_lesson_says():
    t = taught()
    _, s = scenarios()
    assert shift.batch_drift(t.X_train, t.X_test).changed == ()
    changed = set(shift.batch_drift(t.X_train, s["0.8"].X).changed)
    assert {"radius_mean", "area_mean", "area_worst"} <= changed  # "chiefly the size features"
    benign = set(shift.batch_drift(t.X_train, t.X_test[t.y_test == 0]).changed)
    assert len(benign & changed) >= 3  # "on many of the same features"
    assert np.isclose(s["0.8"].threshold, t.threshold)
