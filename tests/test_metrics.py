"""Every metric against hand-computed 2×2 tables, prevalence re-weighting, and bad input."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin

from bcc_teach import data, metrics, models


def _cases(tp, fn, fp, tn):
    """Cases making a given 2×2 table at threshold 0.5 (flagged at 0.8 or 0.7, cleared below)."""
    y = [1] * (tp + fn) + [0] * (fp + tn)
    p = [0.8] * tp + [0.2] * fn + [0.7] * fp + [0.1] * tn
    return y, p


# Table A: 40 cancers (36 found), 60 benign (6 flagged). Table B: 50 cancers, 150 benign.
TABLE_A = _cases(36, 4, 6, 54)
TABLE_B = _cases(45, 5, 30, 120)


def test_confusion_counts_with_malignant_positive():
    assert metrics.confusion(*TABLE_A) == metrics.Confusion(tp=36, fn=4, fp=6, tn=54)
    assert metrics.confusion(*TABLE_B).total == 200


def test_table_a_by_hand():
    m = metrics.clinical_metrics(*TABLE_A, threshold=0.5)
    assert m.sensitivity == pytest.approx(36 / 40)
    assert m.specificity == pytest.approx(54 / 60)
    assert m.ppv == pytest.approx(36 / 42)
    assert m.npv == pytest.approx(54 / 58)
    assert m.lr_positive == pytest.approx(0.9 / 0.1)
    assert m.lr_negative == pytest.approx(0.1 / 0.9)
    assert m.accuracy == pytest.approx(90 / 100)
    assert m.balanced_accuracy == pytest.approx(0.9)
    assert m.prevalence == pytest.approx(0.4)


def test_table_b_by_hand():
    m = metrics.clinical_metrics(*TABLE_B)
    assert (m.sensitivity, m.specificity) == pytest.approx((0.9, 0.8))
    assert (m.ppv, m.npv) == pytest.approx((45 / 75, 120 / 125))
    assert (m.lr_positive, m.lr_negative) == pytest.approx((4.5, 0.125))
    assert (m.accuracy, m.balanced_accuracy) == pytest.approx((165 / 200, 0.85))
    table = m.table()
    assert table.loc["PPV (positive predictive value)", "value"] == pytest.approx(0.6)
    assert table.loc["PPV (positive predictive value)", "counted"] == "45 of 75 women flagged"
    assert table.loc["sensitivity", "counted"] == "45 of 50 women with cancer"
    assert table.loc["LR+ (positive likelihood ratio)", "95% CI"] == ""  # not a share of cases


def test_every_share_has_its_wilson_interval_from_scipy():
    from scipy.stats import binomtest

    m = metrics.clinical_metrics(*TABLE_B)
    for name, (count, total) in {
        "sensitivity": (45, 50),
        "specificity": (120, 150),
        "ppv": (45, 75),
        "npv": (120, 125),
        "accuracy": (165, 200),
        "prevalence": (50, 200),
    }.items():
        share = m.interval(name)
        expected = binomtest(count, total).proportion_ci(method="wilson")
        assert (share.count, share.total, share.value) == (count, total, count / total), name
        assert (share.low, share.high) == pytest.approx((expected.low, expected.high)), name
    table = m.table()
    assert table.loc["sensitivity", "95% CI"] == m.interval("sensitivity").interval()
    with_interval = set(table.index[table["95% CI"] != ""])
    assert with_interval == {
        "sensitivity",
        "specificity",
        "PPV (positive predictive value)",
        "NPV (negative predictive value)",
        "accuracy",
        "prevalence (malignant share)",
    }
    with pytest.raises(ValueError, match="name must be one of sensitivity"):
        m.interval("auc")


def test_a_perfect_score_still_has_an_interval():
    # none of 53 cancers missed: the Wilson upper limit of the missed share is 6.8%, near the
    # rule of three's 3/53 = 5.7% (Hanley & Lippman-Hand 1983)
    none_missed = metrics.rate(0, 53)
    assert none_missed.value == 0 and none_missed.high == pytest.approx(0.0676, abs=1e-4)
    assert metrics.rate(53, 53).words() == "1.00 (95% CI 0.93 to 1.00)"
    assert metrics.rate(51, 53).words() == "0.96 (95% CI 0.87 to 0.99)"
    assert metrics.rate(0, 0).words() == "undefined (no cases)"
    with pytest.raises(ValueError, match="cannot be larger"):
        metrics.rate(5, 4)


def test_risk_if_benign_is_the_cancers_among_the_women_called_benign():
    m = metrics.clinical_metrics(*TABLE_B)  # 5 missed, 120 cleared
    risk = m.risk_if_benign()
    assert (risk.count, risk.total, risk.value) == (5, 125, 5 / 125)
    assert risk.value == pytest.approx(1 - m.npv)
    assert metrics.PROBABLY_BENIGN_RISK == 0.02


def test_balanced_accuracy_is_undefined_with_one_class_absent():
    # scikit-learn returns the one rate alone (here 1.0); the kit says it is undefined
    only_cancers = metrics.clinical_metrics([1, 1, 1], [0.9, 0.8, 0.7])
    assert math.isnan(only_cancers.balanced_accuracy) and only_cancers.sensitivity == 1.0
    assert math.isnan(only_cancers.specificity)


def _scikit_learn(y, p, threshold):
    """The metrics as scikit-learn computes them (what ``clinical_metrics`` counts itself)."""
    import warnings

    from sklearn import metrics as sk

    y, called = np.asarray(y), (np.asarray(p) >= threshold).astype(int)
    both = dict(y_true=y, y_pred=called, labels=[0, 1], zero_division=np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lr_pos, lr_neg = sk.class_likelihood_ratios(y, called, labels=[0, 1],
                                                    replace_undefined_by=np.nan)  # fmt: skip
        balanced = sk.balanced_accuracy_score(y, called) if 0 < y.sum() < len(y) else np.nan
    return {
        "sensitivity": sk.recall_score(pos_label=1, **both),
        "specificity": sk.recall_score(pos_label=0, **both),
        "ppv": sk.precision_score(pos_label=1, **both),
        "npv": sk.precision_score(pos_label=0, **both),
        "lr_positive": lr_pos, "lr_negative": lr_neg,
        "accuracy": sk.accuracy_score(y, called), "balanced_accuracy": balanced,
    }  # fmt: skip


def test_every_metric_is_scikit_learns_to_the_last_digit():
    rng = np.random.default_rng(7)
    tables = [TABLE_A, TABLE_B, ([1, 1, 1], [0.9, 0.8, 0.7]), ([0, 0], [0.1, 0.9]), ([0], [0.2])]
    for size in rng.integers(1, 400, 30):
        y = (rng.random(size) < rng.random()).astype(int)
        tables.append((y, np.round(rng.random(size), int(rng.integers(1, 4)))))
    for y, p in tables:
        for threshold in (0.0, 0.5, 1.0, float(rng.random())):
            ours = metrics.clinical_metrics(y, p, threshold)
            for name, value in _scikit_learn(y, p, threshold).items():
                got = getattr(ours, name)
                assert got == value or (math.isnan(got) and math.isnan(value)), (name, y, p)


def test_exchange_rate_of_a_threshold():
    assert metrics.exchange_rate(0.5) == 1.0
    assert metrics.exchange_rate(0.092) == pytest.approx(0.908 / 0.092)  # about 10 to 1
    assert metrics.exchange_rate(0.2) == pytest.approx(4.0)
    assert metrics.exchange_rate(0.0) == math.inf
    with pytest.raises(ValueError, match="threshold"):
        metrics.exchange_rate(1.5)


def test_threshold_moves_cases_across_and_equal_counts_as_flagged():
    y, p = TABLE_B
    assert metrics.confusion(y, p, threshold=0.75) == metrics.Confusion(tp=45, fn=5, fp=0, tn=150)
    assert metrics.confusion(y, p, threshold=0.8).tp == 45  # 0.8 >= 0.8: flagged
    assert metrics.confusion(y, p, threshold=0.0) == metrics.Confusion(tp=50, fn=0, fp=150, tn=0)


def test_undefined_metrics_are_nan_not_errors():
    m = metrics.clinical_metrics(*TABLE_A, threshold=1.0)  # nobody flagged
    assert m.sensitivity == 0 and m.specificity == 1
    assert math.isnan(m.ppv) and math.isnan(m.lr_positive)
    assert metrics.is_nan(m.ppv) and not metrics.is_nan(m.npv)


def test_prevalence_reweighting_by_hand():
    # sensitivity 0.9, specificity 0.9 where 1% have cancer: of 1,000 women 10 have cancer,
    # 9 are found; 99 of the 990 without are flagged; PPV = 9 / 108.
    values = metrics.predictive_values(0.9, 0.9, 0.01)
    assert isinstance(values, metrics.PredictiveValues)
    assert values.ppv == pytest.approx(9 / 108)
    assert values.npv == pytest.approx(891 / 892)
    # At the table's own prevalence the formula gives the table's own PPV and NPV (Table B:
    # PPV 45 / 75 = 0.6; NPV 120 / 125 = 0.96).
    values = metrics.predictive_values(0.9, 0.8, 0.25)
    assert (values.ppv, values.npv) == pytest.approx((0.6, 0.96))
    # Nobody flagged (sensitivity 0, specificity 1): PPV undefined, NPV = 1 − prevalence.
    nobody = metrics.predictive_values(0.0, 1.0, 0.2)
    assert math.isnan(nobody.ppv) and nobody.npv == pytest.approx(0.8)


def test_per_thousand_by_hand():
    # Table A has sensitivity 0.9 and specificity 0.9. Where 1% have cancer: of 1,000 women,
    # 10 have cancer and 10 × 0.1 = 1 is missed; 990 × 0.1 = 99 without cancer are flagged.
    per = metrics.per_thousand(*TABLE_A, threshold=0.5, prevalence=0.01)
    assert isinstance(per, metrics.PerThousand)
    assert (per.missed_cancers, per.unnecessary_biopsies) == pytest.approx((1.0, 99.0))
    # At the table's own prevalence (40 of 100): 4 of 100 missed, 6 of 100 flagged needlessly.
    own = metrics.per_thousand(*TABLE_A)
    assert (own.missed_cancers, own.unnecessary_biopsies) == pytest.approx((40.0, 60.0))
    assert own.table().to_dict() == {"missed cancers": 40.0, "unnecessary biopsies": 60.0}
    assert metrics.per_thousand_women(0.9, 0.9, 0.01) == metrics.PerThousand(1.0, 99.0)


def test_natural_frequencies_by_hand():
    nf = metrics.natural_frequencies(0.9, 0.9, 0.01)
    assert nf == metrics.NaturalFrequencies(1000, 10, 9, 1, 990, 99, 891)
    assert "So of the 108 women flagged, 9 of the 108 have cancer." in nf.sentence()
    nobody = metrics.natural_frequencies(0.0, 1.0, 0.5, women=10)
    assert "of the 0 women flagged, none have cancer" in nobody.sentence()


@pytest.mark.parametrize("prevalence", [0.0045, 0.0055, 0.0065, 0.0125, 0.2885, 0.3725])
def test_natural_frequencies_round_halves_up_and_add_up(prevalence):
    # 1,000 × 0.0045 = 4.5 women: "5 have cancer", not Python's round-half-to-even 4
    nf = metrics.natural_frequencies(0.5, 0.9, prevalence)
    assert nf.with_cancer == math.floor(1000 * prevalence + 0.5)
    assert nf.found == math.floor(nf.with_cancer * 0.5 + 0.5)  # halves up here too
    assert nf.found + nf.missed == nf.with_cancer
    assert nf.false_alarms + nf.reassured == nf.without_cancer
    assert nf.with_cancer + nf.without_cancer == nf.women


def test_threshold_for_target_sensitivity():
    y = [1, 1, 1, 1, 0, 0, 0]
    p = [0.9, 0.8, 0.6, 0.3, 0.7, 0.2, 0.1]
    assert metrics.threshold_for_sensitivity(y, p, 0.75) == 0.6
    assert metrics.threshold_for_sensitivity(y, p, 1.0) == 0.3
    assert metrics.threshold_for_sensitivity(y, p, 0.25) == 0.9
    # Table B: 45 cancers at 0.8, 5 at 0.2. A sensitivity of 0.95 needs 47.5 of the 50, so all
    # 50: the highest threshold that keeps the five at 0.2 flagged is 0.2.
    assert metrics.threshold_for_sensitivity(*TABLE_B, target=0.95) == 0.2
    assert metrics.threshold_for_sensitivity(*TABLE_B, target=0.9) == 0.8  # 45 of 50


class Memoriser(ClassifierMixin, BaseEstimator):
    """Says 1.0 for a case it was trained on, and its column ``x`` for any other case.

    Out-of-fold probabilities are therefore exactly ``x``, whatever the folds; a threshold
    chosen on in-sample probabilities would be 1.0.
    """

    def fit(self, X, y):
        self.classes_ = np.array([0, 1])
        self.seen_ = set(X["id"])
        return self

    def predict_proba(self, X):
        p = np.where(X["id"].isin(self.seen_), 1.0, X["x"])
        return np.column_stack([1 - p, p])

    def predict(self, X):
        return (self.predict_proba(X)[:, 1] >= 0.5).astype(int)


def test_rule_out_threshold_by_hand():
    # Five cancers with x = 0.9, 0.8, 0.6, 0.4, 0.3 and five benign cases below or between them.
    # Sensitivity 0.8 needs 4 of the 5 cancers flagged: the highest such threshold is the 4th
    # largest cancer value, 0.4. Sensitivity 0.98 needs all 5: 0.3. Sensitivity 0.6: 3 of 5, 0.6.
    X = pd.DataFrame({"x": [0.9, 0.8, 0.6, 0.4, 0.3, 0.7, 0.5, 0.2, 0.1, 0.05], "id": range(10)})
    y = pd.Series([1, 1, 1, 1, 1, 0, 0, 0, 0, 0])
    assert metrics.rule_out_threshold(Memoriser(), X, y, target_sensitivity=0.8) == 0.4
    assert metrics.rule_out_threshold(Memoriser(), X, y) == 0.3  # the default target, 0.98
    assert metrics.rule_out_threshold(Memoriser(), X, y, target_sensitivity=0.6) == 0.6


def test_rule_out_threshold_on_the_course_data_is_seeded():
    X, y = data.load_wdbc_xy()
    X_train, X_test, y_train, y_test = models.split(X, y)
    threshold = metrics.rule_out_threshold(models.reference_model(), X_train, y_train)
    again = metrics.rule_out_threshold(models.reference_model(), X_train, y_train)
    assert threshold == again and 0 < threshold < 0.5  # seeded: the same every time


def test_roc_points_by_hand():
    # Table B's scores, highest first: 45 cancers at 0.8, 30 benign at 0.7, 5 cancers at 0.2,
    # 120 benign at 0.1. At or above 0.8: 45 of 50 cancers found, no benign flagged; 0.7 adds
    # 30 of 150 benign (0.2); 0.2 adds the last 5 cancers; 0.1 flags everyone.
    roc = metrics.roc_points(*TABLE_B)
    assert isinstance(roc, metrics.RocPoints)
    assert roc.thresholds.tolist() == [np.inf, 0.8, 0.7, 0.2, 0.1]
    assert roc.false_positive_rate.tolist() == pytest.approx([0, 0, 0.2, 0.2, 1])
    assert roc.sensitivity.tolist() == pytest.approx([0, 0.9, 0.9, 1, 1])
    # Area: 0.2 × 0.9 (from 0 to 0.2) + 0.8 × 1 (from 0.2 to 1) = 0.98. As a chance: a cancer
    # at 0.8 (9 in 10) outranks every benign case, one at 0.2 (1 in 10) outranks 4 in 5 of them.
    assert roc.auc == pytest.approx(0.9 * 1 + 0.1 * 0.8)


def test_pr_points_by_hand():
    # Same cases, lowest threshold first. At 0.1: all 50 cancers in 200 flagged (PPV 0.25); at
    # 0.2: 50 in 80 (0.625); at 0.7: 45 in 75 (0.6); at 0.8: 45 in 45 (1); then scikit-learn's
    # end point, sensitivity 0 and PPV 1.
    pr = metrics.pr_points(*TABLE_B)
    assert isinstance(pr, metrics.PrPoints)
    assert pr.thresholds.tolist() == [0.1, 0.2, 0.7, 0.8]
    assert pr.sensitivity.tolist() == pytest.approx([1, 1, 0.9, 0.9, 0])
    assert pr.ppv.tolist() == pytest.approx([0.25, 0.625, 0.6, 1, 1])
    # Average precision: each gain in sensitivity weighted by the PPV there:
    # 0.9 × 1 (the first 45 cancers) + 0.1 × 0.625 (the last 5) = 0.9625.
    assert pr.average_precision == pytest.approx(0.9 * 1 + 0.1 * 0.625)


@pytest.mark.parametrize(
    "y, p, threshold, message",
    [
        ([1, 0], [0.5, 1.5], 0.5, "probabilities between 0 and 1; 1 value"),
        ([1, 0], [0.5, float("nan")], 0.5, "probabilities between 0 and 1"),
        (["M", "B"], [0.5, 0.2], 0.5, "holds text labels \\('B', 'M'\\)"),
        ([1, 0, 2], [0.5, 0.2, 0.1], 0.5, "it also holds 2"),
        ([1, 0, 1], [0.5, 0.2], 0.5, "y_true has 3 cases but p_malignant has 2"),
        ([1, 0], [[0.5, 0.5], [0.8, 0.2]], 0.5, "predict_proba, take the malignant column"),
        ([], [], 0.5, "empty"),
        ([1, 0], ["high", "low"], 0.5, "must be numbers"),
        ([1, 0], [0.5, 0.2], 1.5, "threshold must be a number between 0 and 1"),
        ([1, 0], [0.5, 0.2], "0.5", "threshold must be a number"),
    ],
)
def test_bad_input_gets_a_clear_error(y, p, threshold, message):
    with pytest.raises(ValueError, match=message):
        metrics.clinical_metrics(y, p, threshold)


@pytest.mark.parametrize(
    "args", [(1.2, 0.9, 0.1), (0.9, -0.1, 0.1), (0.9, 0.9, "0.1"), (True, 0.9, 0.1)]
)
def test_rates_must_be_proportions(args):
    with pytest.raises(ValueError, match="must be a proportion between 0 and 1"):
        metrics.predictive_values(*args)
    with pytest.raises(ValueError, match="must be a proportion"):
        metrics.natural_frequencies(*args)


def test_prevalence_settings_are_cited_proportions():
    for name, (prevalence, source) in metrics.PREVALENCE_SETTINGS.items():
        assert 0 < prevalence < 1, name
        assert source
    assert metrics.PREVALENCE_SETTINGS["diagnostic clinic"][0] == pytest.approx(212 / 569)


def test_models_are_seeded_pipelines_that_give_probabilities():
    X, y = data.load_wdbc_xy()
    X_train, X_test, y_train, y_test = models.split(X, y)
    assert y_train.mean() == pytest.approx(y.mean(), abs=0.01)  # stratified
    for name in models.MODELS:
        first = models.probability_malignant(models.make_model(name).fit(X_train, y_train), X_test)
        second = models.probability_malignant(models.make_model(name).fit(X_train, y_train), X_test)
        np.testing.assert_array_equal(first, second)
        assert ((first >= 0) & (first <= 1)).all()
        assert metrics.roc_points(y_test, first).auc > 0.85, name
    with pytest.raises(ValueError, match="No model called 'deep_net'"):
        models.make_model("deep_net")


def test_unfitted_model_is_refused():
    with pytest.raises(ValueError, match="is it fitted"):
        models.probability_malignant(models.reference_model(), data.load_wdbc_xy()[0])
