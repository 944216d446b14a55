"""The capstone's preparation of the original Wisconsin data (bcc_teach.capstone)."""

from __future__ import annotations

import numpy as np
import pytest

from bcc_teach import capstone, data, metrics, shift


def test_the_scores_keep_malignant_as_one_and_every_row():
    scores = capstone.scores_data()
    original = data.load_wbc_original()
    assert len(scores.X) == len(original) == 699
    assert list(scores.X.columns) == list(data.WBC_FEATURES)
    assert scores.y.tolist() == (original["diagnosis"] == "malignant").astype(int).tolist()
    assert int(scores.X.isna().sum().sum()) == 16


def test_the_later_test_holds_no_woman_met_in_development():
    split = capstone.split_by_time()
    later_women = set(capstone.scores_data().woman[split.X_later.index])
    assert not later_women & set(split.women_development)
    assert len(split.y_development) + len(split.y_later) + len(split.set_aside) == 699
    assert split.later_batches == (5, 6, 7, 8)


@pytest.mark.parametrize("batches", [(), (1, 2, 3, 4, 5, 6, 7, 8), (1, 3), (9,)])
def test_a_split_that_is_not_earlier_then_later_is_refused(batches):
    with pytest.raises(ValueError, match="development_batches"):
        capstone.split_by_time(development_batches=batches)


def test_four_rates_are_the_clinical_metrics_with_their_intervals():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 60)
    p = np.clip(0.5 * y + rng.uniform(0, 0.6, 60), 0, 1)
    rates = capstone.four_rates(y, p, 0.4)
    counted = metrics.clinical_metrics(y, p, 0.4)
    for name in ("sensitivity", "specificity", "ppv", "npv"):
        assert getattr(rates, name) == counted.interval(name)
    assert rates.row()["note"] == ""


def test_small_sets_of_women_say_so_and_thresholds_must_agree():
    few = capstone.four_rates([1, 0, 1, 0], [0.9, 0.2, 0.3, 0.6], 0.5)
    assert few.row()["note"] == "few women: wide intervals"
    other = capstone.four_rates([1, 0], [0.9, 0.2], 0.3)
    with pytest.raises(ValueError, match="different thresholds"):
        capstone.figures_table({"a": few, "b": other})


def test_a_held_out_batch_is_never_trained_on_through_its_women():
    table = capstone.batch_held_out(shift.scores_model(), 0.5).table()
    counts = capstone.scores_data().batch.value_counts()
    for batch, row in zip(sorted(counts.index), table.itertuples(), strict=True):
        assert row[1].startswith(f"{counts[batch]} (")


def test_the_checklist_reports_missing_data_and_misses_what_the_data_lack():
    split = capstone.split_by_time()
    rates = capstone.four_rates([1, 0], [0.9, 0.1], 0.5)
    checklist = capstone.checklist(split, rates, rates)
    assert checklist.status("11") == "reported" and checklist.status("3c") == "missing"
    assert "16 bare nuclei" in checklist.table().loc["11", "where, or why not"]


def test_stored_results_are_what_the_capstone_computes():
    split = capstone.split_by_time()
    model = shift.scores_model()
    stored = capstone.grouped_probabilities(model, split)
    fresh = capstone._grouped_out_of_fold.compute(model, split.X_development, split.y_development,
                                                  split.women_development, 5, 0).probabilities
    np.testing.assert_allclose(stored, fresh, rtol=0, atol=1e-12)
    threshold = metrics.threshold_for_sensitivity(split.y_development, stored, 0.98)
    held = capstone.batch_held_out(model, threshold)
    again = capstone.batch_held_out.compute(model, threshold)
    assert held.table().equals(again.table())
