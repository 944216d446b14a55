"""bcc_teach.validation: each figure checked against scikit-learn, SciPy or statsmodels, or
against a property it must have (a calibrated model has slope 1, a leak flatters, …)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, recall_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from bcc_teach import data, metrics, models, validation
from bcc_teach.validation import _scores, subsets

X, Y = data.load_wdbc_xy()
X_TRAIN, X_TEST, Y_TRAIN, Y_TEST = models.split(X, Y)
P_TEST = models.probability_malignant(models.reference_model().fit(X_TRAIN, Y_TRAIN), X_TEST)
QUIET = {"show_progress": False}


def _noisy(seed=0, n=400):
    """Probabilities with ties and overlap, and outcomes drawn from them."""
    rng = np.random.default_rng(seed)
    p = np.round(rng.uniform(0, 1, n), 1)
    return (rng.uniform(size=n) < p).astype(int), p


# --- the quick scores ------------------------------------------------------------------------


def test_quick_scores_agree_with_scikit_learn_also_with_ties_and_per_row():
    y, p = _noisy()
    assert _scores.auc(y, p) == pytest.approx(roc_auc_score(y, p))
    assert _scores.brier(y, p) == pytest.approx(brier_score_loss(y, p))
    flagged = (p >= 0.5).astype(int)
    assert _scores.sensitivity(y, p, 0.5) == pytest.approx(recall_score(y, flagged))
    assert _scores.specificity(y, p, 0.5) == pytest.approx(recall_score(1 - y, 1 - flagged))
    assert _scores.accuracy(y, p, 0.5) == pytest.approx((flagged == y).mean())
    rows = np.vstack([p, 1 - p, np.full_like(p, 0.5)])
    assert _scores.auc(y, rows) == pytest.approx([roc_auc_score(y, r) for r in rows])
    assert np.isnan(_scores.auc(np.ones(4, int), np.linspace(0, 1, 4)))
    with pytest.raises(ValueError, match="score must be one of"):
        _scores.score("f1", y, p)


def test_net_benefit_follows_vickers_and_elkin():
    # 100 women, 20 with cancer; at pt = 0.2 the model flags 18 cancers and 30 benign lumps:
    # net benefit = 18/100 − 30/100 × 0.2/0.8 = 0.105; biopsying all: 0.2 − 0.8 × 0.25 = 0.
    y = np.array([1] * 20 + [0] * 80)
    p = np.array([0.9] * 18 + [0.1] * 2 + [0.5] * 30 + [0.05] * 50)
    curve = validation.decision_curve(y, p, thresholds=[0.2, 0.1])
    assert curve.at(0.2) == pytest.approx(0.105)
    assert curve.treat_all[0] == pytest.approx(0.0)
    assert curve.treat_all[1] == pytest.approx(0.2 - 0.8 / 9)
    table = curve.table()
    assert table.loc[0.2, "model's gain per 100 women"] == pytest.approx(10.5)
    assert table.loc[0.2, "unnecessary biopsies accepted per cancer found"] == pytest.approx(4)
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        validation.decision_curve(y, p, thresholds=[0.0])


#: dcurves 1.1.7 (``dcurves.dca``, a maintained decision-curve package, run once outside the
#: kit) on the reference model's probabilities for the course's 143 test cases.
DCURVES = {  # threshold: (model, biopsy all)
    0.05: (0.365109, 0.337505),
    0.10: (0.362082, 0.300699),
    0.20: (0.347902, 0.213287),
    0.30: (0.338661, 0.100899),
    0.50: (0.356643, -0.258741),
}


def test_decision_curve_matches_the_dcurves_package():
    curve = validation.decision_curve(Y_TEST, P_TEST, thresholds=list(DCURVES))
    expected = np.array(list(DCURVES.values()))
    np.testing.assert_allclose(curve.net_benefit, expected[:, 0], atol=5e-7)
    np.testing.assert_allclose(curve.treat_all, expected[:, 1], atol=5e-7)


# --- bootstrap, splits, repeated CV ----------------------------------------------------------


def test_bootstrap_intervals_hold_the_value_and_fall_back_to_wilson_when_they_cannot_vary():
    result = validation.bootstrap_scores(Y_TEST, P_TEST, threshold=0.5)
    for name, estimate in result.estimates.items():
        assert estimate.low <= estimate.value <= estimate.high, name
    assert result.auc.value == pytest.approx(roc_auc_score(Y_TEST, P_TEST))
    assert result.auc.method.startswith("bootstrap")
    again = validation.bootstrap_scores(Y_TEST, P_TEST, threshold=0.5)
    assert again.auc == result.auc  # seeded
    # a threshold low enough to flag every cancer: 53 of 53 in every resample
    everyone = validation.bootstrap_scores(Y_TEST, P_TEST, threshold=0.0, scores=["sensitivity"])
    wilson = metrics.rate(53, 53)
    assert (everyone.sensitivity.low, everyone.sensitivity.high) == (wilson.low, wilson.high)
    assert "Wilson (53 of 53" in everyone.table().loc["sensitivity", "interval by"]
    assert "malignant = positive" in result.table().index.name
    with pytest.raises(ValueError, match="scores must be names"):
        validation.bootstrap_scores(Y_TEST, P_TEST, scores=["sensitivty"])


def test_one_split_is_one_draw_among_many():
    spread = validation.split_spread(models.reference_model(), X, Y, splits=20, **QUIET)
    course = metrics.clinical_metrics(Y_TEST, P_TEST, 0.5).sensitivity
    sens = spread.scores["sensitivity"]
    assert len(sens) == 20 and sens.max() - sens.min() > 0.03  # the split's luck is visible
    assert sens.min() - 0.05 < course < sens.max() + 0.05
    assert list(spread.table().columns)[0] == "lowest"


def test_repeated_cv_gives_each_woman_out_of_fold_probabilities():
    model = models.reference_model()
    cv = validation.repeated_cv(model, X, Y, folds=5, repeats=2, random_state=3, **QUIET)
    for repeat in range(2):
        folds = StratifiedKFold(5, shuffle=True, random_state=3 + repeat)
        expected = cross_val_predict(model, X, Y, cv=folds, method="predict_proba")[:, 1]
        np.testing.assert_allclose(cv.probabilities[repeat], expected)
    assert cv.scores.loc[0, "auc"] == pytest.approx(roc_auc_score(Y, cv.probabilities[0]))
    mean_found = round(cv.mean("sensitivity") * 212)
    assert cv.intervals["sensitivity"].low == metrics.rate(mean_found, 212).low
    assert cv.intervals["auc"].contains(cv.mean("auc"))
    kept = validation.repeated_cv(model, X, Y, folds=5, repeats=1, keep_models=True, **QUIET)
    assert len(kept.fold_models[0]) == 5
    np.testing.assert_allclose(kept.probabilities[0],
                               validation.repeated_cv(model, X, Y, folds=5, repeats=1,
                                                      **QUIET).probabilities[0])  # fmt: skip


def test_inputs_are_checked_with_clear_messages():
    with pytest.raises(TypeError, match="must be a table"):
        validation.repeated_cv(models.reference_model(), X.to_numpy(), Y, **QUIET)
    with pytest.raises(ValueError, match="569 rows but y has 10"):
        validation.split_spread(models.reference_model(), X, Y[:10], **QUIET)
    with pytest.raises(ValueError, match="text labels"):
        validation.calibration(["M", "B"], [0.9, 0.1])


def test_optimism_is_large_for_a_model_that_memorises_and_small_for_a_plain_one():
    from sklearn.neighbors import KNeighborsClassifier

    memoriser = make_pipeline(StandardScaler(), KNeighborsClassifier(n_neighbors=1))
    big = validation.optimism_corrected(memoriser, X, Y, n_bootstrap=10, **QUIET)
    plain = validation.optimism_corrected(models.reference_model(), X, Y, n_bootstrap=10, **QUIET)
    assert big.apparent["accuracy"] == 1.0
    assert big.optimism["accuracy"] > max(0.01, 3 * plain.optimism["accuracy"])
    assert 0 <= plain.optimism["auc"] < 0.01 and plain.corrected["auc"] <= plain.apparent["auc"]
    assert plain.corrected["brier"] >= plain.apparent["brier"]  # lower is better
    assert list(big.table().columns) == ["apparent", "optimism", "corrected"]


# --- nested CV and the 1993 features ---------------------------------------------------------


def test_nested_cv_chooses_the_threshold_and_the_settings_inside_each_fold():
    grid = {"logisticregression__C": [0.01, 1.0]}
    result = validation.nested_cv(models.reference_model(), X, Y, grid, outer_folds=3,
                                  inner_folds=3, random_state=1, **QUIET)  # fmt: skip
    assert set(result.folds.columns) >= {"fold", "logisticregression__C", "threshold"}
    # redo the first fold by hand, from its training women only
    outer = StratifiedKFold(3, shuffle=True, random_state=1)
    train, test = next(outer.split(X, Y))
    first = result.folds.iloc[0]
    model = models.reference_model().set_params(
        logisticregression__C=first["logisticregression__C"]
    )
    p_inner = models.cross_validated_probabilities(model, X.iloc[train], Y.iloc[train], folds=3,
                                                   random_state=1)  # fmt: skip
    threshold = metrics.threshold_for_sensitivity(Y.iloc[train], p_inner, 0.98)
    assert first["threshold"] == pytest.approx(threshold)
    assert np.all(result.thresholds[0, test] == threshold)
    fitted = model.fit(X.iloc[train], Y.iloc[train])
    np.testing.assert_allclose(result.probabilities[0, test],
                               models.probability_malignant(fitted, X.iloc[test]))  # fmt: skip
    sens = result.rate("sensitivity")
    assert sens.total == 212 and "sensitivity (threshold chosen inside)" in result.table().index


def test_feature_selection_in_the_pipeline_is_redone_inside_every_fold():
    from sklearn.feature_selection import SelectKBest

    model = make_pipeline(SelectKBest(k=2), StandardScaler(), LogisticRegression())
    cv = validation.repeated_cv(model, X, Y, folds=5, repeats=2, keep_models=True, **QUIET)
    chosen = {tuple(X.columns[m[0].get_support()]) for run in cv.fold_models for m in run}
    assert len(chosen) > 1  # each fold chose on its own training women


def test_the_vectorised_subset_search_scores_as_scikit_learns_discriminant():
    from sklearn.discriminant_analysis import LinearDiscriminantAnalysis

    Xn, yn = X.to_numpy(), Y.to_numpy()
    chosen = np.array([[0, 1, 2], [1, 23, 24], [5, 7, 9], [20, 21, 27]])
    folds = StratifiedKFold(10, shuffle=True, random_state=0)
    expected = [
        (cross_val_predict(LinearDiscriminantAnalysis(), Xn[:, s], yn, cv=folds) == yn).mean()
        for s in chosen
    ]
    np.testing.assert_allclose(subsets.subset_accuracies(Xn, yn, chosen), expected)


def test_best_subset_keeps_the_most_accurate_set_and_a_smaller_one_on_a_tie():
    search = subsets.BestSubset(max_features=2, folds=5).fit(X, Y)
    pairs = np.array([[i, j] for i in range(30) for j in range(i + 1, 30)])
    singles = np.arange(30)[:, None]
    best = max(subsets.subset_accuracies(X.to_numpy(), Y.to_numpy(), s, 5).max()
               for s in (singles, pairs))  # fmt: skip
    assert search.accuracy_ == pytest.approx(best)
    assert search.get_support().sum() == len(search.chosen_) <= 2
    assert list(search.transform(X).shape) == [569, len(search.chosen_)]


def test_the_1993_result_redone_reports_each_way_of_choosing_the_features():
    redo = validation.street_reproduction(X, Y, repeats=1, folds=5, max_features=2,
                                          inner_folds=3, **QUIET)  # fmt: skip
    table = redo.table()
    assert table.iloc[0]["accuracy"] == 0.975
    assert len(redo.everyone_features) <= 2 and redo.sets_chosen.sum() == 5
    their = validation.repeated_cv(
        make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000, random_state=0)),
        X[list(validation.nested.STREET_FEATURES)],
        Y,
        folds=5,
        repeats=1,
        scores=["accuracy"],
        **QUIET,
    )
    assert redo.accuracy("their_features").value == pytest.approx(their.mean("accuracy"))


# --- calibration and comparison --------------------------------------------------------------


def _drawn(n=6000, seed=1):
    rng = np.random.default_rng(seed)
    p = rng.uniform(0.02, 0.98, n)
    return (rng.uniform(size=n) < p).astype(int), p


def _stretch(p, factor, shift=0.0):
    log_odds = np.log(p / (1 - p)) * factor + shift
    return 1 / (1 + np.exp(-log_odds))


def test_calibration_slope_and_intercept_read_right():
    y, p = _drawn()
    right = validation.calibration(y, p)
    assert right.slope.contains(1.0) and right.intercept.contains(0.0)
    extreme = validation.calibration(y, _stretch(p, 2.0))  # over-confident
    assert extreme.slope.value == pytest.approx(0.5, abs=0.06) and extreme.slope.high < 1
    assert "too extreme" in extreme.words()
    timid = validation.calibration(y, _stretch(p, 0.5))
    assert timid.slope.low > 1 and "too timid" in timid.words()
    too_low = validation.calibration(y, _stretch(p, 1.0, shift=-1.0))
    assert too_low.intercept.value == pytest.approx(1.0, abs=0.1)
    assert right.curve["women"].sum() == len(y)
    assert right.brier == pytest.approx(brier_score_loss(y, p))


def test_calibration_says_so_when_no_slope_can_be_estimated():
    y = np.array([1, 0] * 30)
    check = validation.calibration(y, np.where(y == 1, 0.7, 0.2))  # a perfect separation
    assert np.isnan(check.slope.value)  # (the intercept, a shift alone, can still be estimated)
    assert "separate the women" in check.words() and check.verdict().startswith("cannot tell")


def test_calibration_agrees_with_a_statsmodels_logit_fit():
    import statsmodels.api as sm

    y, p = _noisy(seed=4)
    p = np.clip(p, 0.05, 0.95)
    log_odds = np.log(p / (1 - p))
    fit = sm.Logit(y, sm.add_constant(log_odds)).fit(disp=0)
    assert validation.calibration(y, p).slope.value == pytest.approx(fit.params[1], rel=1e-6)


def test_paired_comparison_tells_noise_from_a_real_difference():
    weaker = make_pipeline(StandardScaler(), LogisticRegression(C=10, max_iter=5000))
    p_other = models.probability_malignant(weaker.fit(X_TRAIN, Y_TRAIN), X_TEST)
    same = validation.compare_models(Y_TEST, P_TEST, P_TEST, ("a", "b"))
    assert same.difference.value == 0 and same.mcnemar_p == 1.0
    close = validation.compare_models(Y_TEST, P_TEST, p_other, ("logistic", "C=10"))
    assert close.difference.value == pytest.approx(
        roc_auc_score(Y_TEST, P_TEST) - roc_auc_score(Y_TEST, p_other)
    )
    assert close.difference.contains(0.0) and "cannot tell the two models apart" in close.words()
    coin = np.full(len(P_TEST), 0.5)
    clear = validation.compare_models(Y_TEST, P_TEST, coin, ("logistic", "coin"))
    assert clear.difference.low > 0.3 and "logistic ranks these women better" in clear.words()
    assert isinstance(clear.table(), pd.DataFrame)
    with pytest.raises(ValueError, match="two different names"):
        validation.compare_models(Y_TEST, P_TEST, coin, ("x", "x"))


def test_progress_is_one_plain_line_where_outputs_are_stored(capsys, monkeypatch):
    from bcc_teach.validation import _progress

    monkeypatch.setenv(_progress.PLAIN, "1")
    assert list(_progress.steps(range(3), 3, "folds")) == [0, 1, 2]
    assert capsys.readouterr().out == "folds: 3 of 3 done\n"
    assert list(_progress.steps(range(3), 3, "folds", show=False)) == [0, 1, 2]
    assert capsys.readouterr().out == ""


# --- stored results --------------------------------------------------------------------------


def _same(a, b):
    import dataclasses

    for item in dataclasses.fields(a):
        x, y = getattr(a, item.name), getattr(b, item.name)
        if isinstance(x, np.ndarray):
            np.testing.assert_array_equal(x, y)
        elif isinstance(x, pd.DataFrame):
            pd.testing.assert_frame_equal(x, y, check_index_type=False)
        elif isinstance(x, pd.Series):
            assert x.to_dict() == y.to_dict()
        elif dataclasses.is_dataclass(x):
            _same(x, y)
        elif item.name != "fold_models":
            assert x == y, item.name


def test_a_stored_result_reads_back_exactly_as_computed(tmp_path, monkeypatch):
    from bcc_teach.validation import _store

    monkeypatch.setattr(_store, "STORE", tmp_path)
    monkeypatch.setenv(_store.WRITE, "1")
    small = {"folds": 3, "repeats": 1, **QUIET}
    calls = [
        (validation.repeated_cv, (models.reference_model(), X, Y), small),
        (validation.nested_cv, (models.reference_model(), X, Y),
         {"param_grid": {"logisticregression__C": [0.1, 1.0]}, "outer_folds": 3, "inner_folds": 3,
          **QUIET}),
        (validation.split_spread, (models.reference_model(), X, Y), {"splits": 3, **QUIET}),
        (validation.optimism_corrected, (models.reference_model(), X, Y),
         {"n_bootstrap": 2, **QUIET}),
        (validation.street_reproduction, (X, Y),
         {"max_features": 1, "inner_folds": 3, **small}),
    ]  # fmt: skip
    for function, args, kwargs in calls:
        computed = function(*args, **kwargs)
        assert len(list(tmp_path.glob(f"{function.__name__}-*.json"))) == 1
        _same(computed, function(*args, **kwargs))  # the second time, read back
    assert _store.stale() == [] and len(list(tmp_path.glob("*.json"))) == 5  # none of the calls
    monkeypatch.delenv(_store.WRITE)  # street_reproduction makes inside is stored on its own
    validation.repeated_cv(models.reference_model(), X, Y, folds=4, repeats=1, **QUIET)
    assert len(list(tmp_path.glob("*.json"))) == 5  # not stored without the switch


def test_a_stored_result_is_read_only_for_the_very_same_call(monkeypatch):
    from bcc_teach.validation import _store

    model = models.reference_model()
    base = _store.key(validation.repeated_cv.compute, model, X, Y, folds=5)
    assert base == _store.key(validation.repeated_cv.compute, models.reference_model(), X, Y,
                              folds=5, show_progress=False)  # fmt: skip
    other = [
        _store.key(validation.repeated_cv.compute, model, X, Y, folds=4),
        _store.key(
            validation.repeated_cv.compute,
            model.set_params(logisticregression__C=0.5),
            X,
            Y,
            folds=5,
        ),  # fmt: skip
        _store.key(
            validation.repeated_cv.compute,
            models.reference_model(),
            X.iloc[:-1],
            Y.iloc[:-1],
            folds=5,
        ),  # fmt: skip
        _store.key(
            validation.repeated_cv.compute,
            models.reference_model(),
            X,
            Y.replace({0: 1, 1: 0}),
            folds=5,
        ),  # fmt: skip
    ]
    assert base not in other and len(set(other)) == 4
    monkeypatch.setattr(_store, "code", lambda depends=(): "other code")
    assert base != _store.key(validation.repeated_cv.compute, model, X, Y, folds=5)


def test_every_stored_result_is_current():
    """After a change to the code stored results depend on, run
    python -m bcc_teach store-results (the lessons would otherwise compute them again)."""
    assert validation.stale_results() == []



def test_a_key_does_not_depend_on_where_a_function_sits_in_memory():
    """A pipeline with a scoring function (SelectKBest(f_classif)) is described by the
    function's name, not by its address, so the next session finds the stored result."""
    import json

    from sklearn.feature_selection import SelectKBest, f_classif
    from sklearn.pipeline import make_pipeline

    from bcc_teach.validation import _store

    inside = make_pipeline(SelectKBest(f_classif, k=5), models.reference_model())
    described = json.dumps(_store._describe(inside), default=str)
    assert " at 0x" not in described
    assert "sklearn.feature_selection._univariate_selection.f_classif" in described
