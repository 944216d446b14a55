"""bcc_teach.shift: the taught model under prevalence, spectrum and imaging shifts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bcc_teach import data, features, metrics, shift, validation
from bcc_teach.validation import _scores


@pytest.fixture(scope="module")
def taught():
    return shift.taught_model()


@pytest.fixture(scope="module")
def factors():
    return shift.imaging_factors()  # stored; test_a_shift_result_is_stored_and_read_back


def test_performance_counts_as_metrics_and_bootstraps_as_validation(taught):
    p = taught.probabilities()
    result = shift.performance(taught.y_test, p, taught.threshold)
    counted = metrics.clinical_metrics(taught.y_test, p, taught.threshold)
    assert result.sensitivity == counted.interval("sensitivity")
    assert result.specificity == counted.interval("specificity")
    reference = validation.bootstrap_scores(taught.y_test, p, taught.threshold, scores=("auc",),
                                            n_resamples=1000).auc  # fmt: skip
    assert result.auc == reference
    quick = shift.performance(taught.y_test, p, taught.threshold, auc_interval=False)
    assert quick.auc.value == pytest.approx(reference.value) and np.isnan(quick.auc.low)
    assert "malignant = positive" in result.table().index.name


def test_the_auc_of_each_resample_is_scikit_learns():
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(3)
    y, p = rng.integers(0, 2, (4, 40)), rng.uniform(size=(4, 40))
    p[:, :5] = 0.5  # ties
    assert shift.performance.__module__  # the module is the one under test
    from bcc_teach.shift.performance import _auc

    assert np.allclose(_auc(y, p), [roc_auc_score(a, b) for a, b in zip(y, p, strict=True)])


def test_weights_make_the_setting_and_sensitivity_carries_over_but_ppv_does_not(taught):
    y = taught.y_test.to_numpy()
    for prevalence in (0.01, 0.15, 0.6):
        weights = shift.setting_weights(y, prevalence)
        assert np.average(y, weights=weights) == pytest.approx(prevalence)
    table = shift.prevalence_shift(y, taught.probabilities(), taught.threshold).table
    assert table["sensitivity"].nunique() == 1 and table["specificity"].nunique() == 1
    by_share = table.sort_values("women with cancer")
    ppv = by_share["PPV"].str.split().str[0].astype(float)
    assert ppv.is_monotonic_increasing and ppv.iloc[0] < 0.1
    # fewer cancers: the probabilities are too high, and the recalibration takes more off
    assert by_share["recalibration intercept"].astype(float).is_monotonic_increasing
    assert (by_share["average probability"] > by_share["women with cancer"]).iloc[0]


def test_recalibration_finds_a_known_shift_and_keeps_the_ranking():
    rng = np.random.default_rng(0)
    p = rng.uniform(0.02, 0.98, 3000)
    log_odds = np.log(p / (1 - p))
    truth = 1 / (1 + np.exp(-(-1.0 + 0.5 * log_odds)))  # odds lower, and p too extreme
    y = (rng.uniform(size=p.size) < truth).astype(int)
    fitted = shift.recalibrate(y, p, "logistic")
    assert fitted.intercept.contains(-1.0) and fitted.slope.contains(0.5)
    assert _scores.auc(y, fitted.apply(p)) == pytest.approx(_scores.auc(y, p))
    in_the_large = shift.recalibrate(y, p)
    assert in_the_large.slope.value == 1.0 and in_the_large.intercept.value < 0
    assert np.mean(in_the_large.apply(p)) == pytest.approx(y.mean(), abs=0.01)
    assert "multiplied by" in fitted.words() and "slope" in fitted.words()
    with pytest.raises(ValueError, match="all benign"):
        shift.recalibrate([0, 0, 0], [0.2, 0.3, 0.1])
    with pytest.raises(ValueError, match="method"):
        shift.recalibrate(y, p, "isotonic")
    with pytest.raises(ValueError, match="separates the 4 local women perfectly"):
        shift.recalibrate([1, 1, 0, 0], [0.9, 0.8, 0.2, 0.1], "logistic")


def test_cross_recalibration_never_uses_a_womans_own_diagnosis():
    y = np.array([1, 0] * 30)
    p = np.full(60, 0.5)
    honest = shift.cross_recalibrated(y, p, "intercept")
    # each half's recalibration comes from the other half only: flip one half's diagnoses and
    # that half's own probabilities stay as they were
    from sklearn.model_selection import StratifiedKFold

    (first, second), _ = StratifiedKFold(2, shuffle=True, random_state=0).split(p, y)
    flipped = y.copy()
    flipped[second] = 1 - flipped[second]
    assert np.allclose(shift.cross_recalibrated(flipped, p, "intercept")[second], honest[second])


def test_more_local_women_recalibrate_more_tightly(taught):
    result = shift.local_sample_size.compute(taught.y_test, taught.probabilities(), 0.15,
                                             sizes=(25, 400), repeats=40)  # fmt: skip
    table = result.table
    assert (table["high"] - table["low"]).is_monotonic_decreasing
    assert table.loc[400, "low"] < 0.15 < table.loc[400, "high"]
    assert table["intercept 95% CI width (median)"].is_monotonic_decreasing
    assert table.loc[25, "cancers (median)"] < table.loc[400, "cancers (median)"]


def test_subgroups_count_as_metrics_and_mark_small_ones(taught):
    p = taught.probabilities()
    flags = (p >= taught.threshold).astype(int)
    groups = shift.size_groups(taught.X_test)
    result = shift.subgroups(taught.y_test, flags, groups)
    for name in set(groups):
        members = (groups == name).to_numpy()
        counted = metrics.clinical_metrics(taught.y_test[members], p[members], taught.threshold)
        if taught.y_test[members].any():
            assert result.rates[name][0] == counted.interval("sensitivity")
    small = result.table["with cancer"] < shift.spectrum.FEW
    assert (result.table.loc[small, "caution"] != "").all()
    repeated = shift.subgroups(taught.y_test, np.vstack([flags, flags]), groups)
    assert repeated.rates == result.rates  # the same calls twice: the same mean counts
    with pytest.raises(ValueError, match="one call per woman"):
        shift.subgroups(taught.y_test, flags[:-1], groups)


def test_imaging_factors_follow_the_physics(factors):
    table = factors.table
    for level in (0.8, 1.2):
        row = table.loc[("magnification", level)]
        assert row["radius_mean"] == pytest.approx(level, rel=0.02)
        assert row["area_mean"] == pytest.approx(level**2, rel=0.04)
    pale = table.loc[("stain", 0.7)]
    assert pale["texture_mean"] == pytest.approx(0.7, abs=0.02)
    others = pale.drop([c for c in pale.index if c.startswith("texture")])
    assert (others.filter(regex="_(mean|worst)$") - 1).abs().max() < 0.02  # se: few nuclei
    assert (others - 1).abs().max() < 0.05
    blurred = table.loc[("focus", 2.0)]
    assert blurred["smoothness_mean"] < 0.8 and blurred["concavity_mean"] < 0.8
    both = factors.factors(magnification=1.2, stain=0.7)
    assert both["radius_mean"] == pytest.approx(
        table.loc[("magnification", 1.2), "radius_mean"] * pale["radius_mean"]
    )
    assert both["texture_mean"] == pytest.approx(
        table.loc[("magnification", 1.2), "texture_mean"] * pale["texture_mean"]
    )
    between = factors.factors(magnification=1.125)["radius_mean"]
    assert (
        table.loc[("magnification", 1.1), "radius_mean"]
        < between
        < table.loc[("magnification", 1.15), "radius_mean"]
    )
    with pytest.raises(ValueError, match="outside the levels measured"):
        factors.factors(magnification=2.0)


def test_scanner_change_and_re_measuring(taught):
    picture = features.synthetic_image("malignant", seed=2)
    assert shift.scanner_change(picture, magnification=0.8).shape == (205, 205)
    assert np.array_equal(shift.scanner_change(picture), picture.pixels)
    pale = shift.scanner_change(picture, stain=0.6)
    assert pale.min() > picture.pixels.min()
    scale = pd.Series(1.0, index=data.FEATURES)
    scale[list(shift.imaging.LENGTHS)], scale[list(shift.imaging.AREAS)] = 1.2, 1.44
    moved = shift.drift(taught.X_test, scale)
    assert not moved.equals(taught.X_test)
    pd.testing.assert_frame_equal(shift.re_measure(moved, 1.2), taught.X_test)
    with pytest.raises(ValueError, match="above 0"):
        shift.re_measure(moved, 0)


def test_the_ood_warning_is_quiet_on_ordinary_cases_and_fires_on_strange_ones(taught):
    warning = shift.fit_ood_warning(taught.X_train)
    ordinary = warning.check(taught.X_test)
    assert ordinary.rate().value <= 0.05  # the limit aims at 1 in 100
    blurred = shift.drift(taught.X_test, shift.imaging_factors().factors(focus=2))
    assert warning.check(blurred).rate().value > 0.9
    odd = taught.X_test.head(2).copy()
    odd["area_worst"] = [10_000.0, 9_000.0]
    check = warning.check(odd)
    assert check.warned.all() and all("area_worst" in why for why in check.reasons())
    assert (ordinary.reasons()[~ordinary.warned] == "").all()
    with pytest.raises(ValueError, match="radius_mean"):
        warning.check(taught.X_test.drop(columns="radius_mean"))


def test_a_shift_result_is_stored_and_read_back(tmp_path, monkeypatch, taught):
    from bcc_teach.validation import _store

    monkeypatch.setattr(_store, "STORE", tmp_path)
    monkeypatch.setenv(_store.WRITE, "1")
    args = (taught.y_test, taught.probabilities(), 0.2)
    computed = shift.local_sample_size(*args, sizes=(30,), repeats=10)
    (stored,) = tmp_path.glob("local_sample_size-*.json")
    assert '"depends"' in stored.read_text()
    again = shift.local_sample_size(*args, sizes=(30,), repeats=10)
    pd.testing.assert_frame_equal(computed.table, again.table)
    assert _store.stale() == []
    assert _store.code(("shift",)) != _store.code()  # the shift code is in its fingerprint
    factors = shift.imaging_factors(seeds=(0,))  # a table indexed by change and level
    pd.testing.assert_frame_equal(factors.table, shift.imaging_factors(seeds=(0,)).table)
    assert len(list(tmp_path.glob("imaging_factors-*.json"))) == 1


def test_a_grouped_split_shows_what_a_random_one_hides():
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    X, y = data.load_wdbc_xy()
    X_rep, y_rep, women = shift.repeated_aspirates(X, y, copies=3)
    assert (X_rep.groupby(women).size() == 3).all() and (y_rep.groupby(women).nunique() == 1).all()
    nearest = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=1))  # remembers her
    result = shift.grouped_vs_naive.compute(nearest, X_rep, y_rep, women, repeats=1)
    assert result.naive_accuracy.value > result.grouped_accuracy.value  # her twin was in training
    assert result.women == 569 and result.rows == 3 * 569
    assert "grouped split (women)" in result.table().index
    with pytest.raises(ValueError, match="groups has 3 labels"):
        shift.grouped_vs_naive.compute(nearest, X_rep, y_rep, women[:3])


def test_temporal_validation_trains_on_earlier_batches_only():
    original = data.load_wbc_original()
    X = original[list(data.WBC_FEATURES)]
    y = (original["diagnosis"] == "malignant").astype(int)
    result = shift.temporal_validation(shift.scores_model(), X, y, original["batch"], (1, 2, 3, 4))
    assert result.test_batches == (5, 6, 7, 8)
    later = original["batch"] >= 5
    assert result.later.counted() == f"{int(y[later].sum())} of {int(later.sum())}"
    assert result.performance.n == int(later.sum())
    with pytest.raises(ValueError, match="some batches"):
        shift.temporal_validation(shift.scores_model(), X, y, original["batch"], range(1, 9))


def test_a_batch_check_sees_a_magnification_the_case_warning_misses(taught, factors):
    warning = shift.fit_ood_warning(taught.X_train)
    ordinary = shift.batch_drift(taught.X_train, taught.X_test)
    assert ordinary.changed == () and "no feature differs" in ordinary.words()
    smaller = shift.drift(taught.X_test, factors.factors(magnification=0.8))
    assert warning.check(smaller).rate().value < 0.1  # one case at a time: few look strange
    found = shift.batch_drift(taught.X_train, smaller)
    assert {"radius_mean", "area_mean", "area_worst"} <= set(found.changed)
    assert not {"texture_mean", "smoothness_mean"} & set(found.changed)
    row = found.table.loc["area_mean"]
    assert row["median (batch)"] < row["median (training)"]
    assert row["p-value"] < 0.01 / 30
    assert f"{len(found.changed)} of 30 features differ" in found.words()
    paler_women = shift.drift(taught.X_test, factors.factors(stain=0.7))
    paler = shift.batch_drift(taught.X_train, paler_women)
    assert set(paler.changed) <= {f"texture_{s}" for s in data.STATISTICS} and paler.changed


def test_a_batch_check_names_what_is_wrong_with_its_input(taught):
    with pytest.raises(ValueError, match="X_batch lacks the column 'radius_mean'"):
        shift.batch_drift(taught.X_train, taught.X_test.drop(columns="radius_mean"))
    with pytest.raises(ValueError, match="X_batch has 3 cases"):
        shift.batch_drift(taught.X_train, taught.X_test.head(3))
    with pytest.raises(ValueError, match="X_reference must be a table"):
        shift.batch_drift(taught.X_train.to_numpy(), taught.X_test)
