"""Every metric against hand-computed 2×2 tables, prevalence re-weighting, and bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from sklearn.model_selection import StratifiedKFold, cross_val_predict

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
    assert m.table()["PPV (positive predictive value)"] == pytest.approx(0.6)


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
    ppv, npv = metrics.predictive_values(0.9, 0.9, 0.01)
    assert ppv == pytest.approx(9 / 108)
    assert npv == pytest.approx(891 / 892)
    # At the table's own prevalence the formula gives the table's own PPV and NPV.
    assert metrics.predictive_values(0.9, 0.8, 0.25) == pytest.approx((0.6, 0.96))
    per = metrics.per_thousand(*TABLE_A, threshold=0.5, prevalence=0.01)
    assert per == pytest.approx({"missed cancers": 1.0, "unnecessary biopsies": 99.0})
    assert metrics.per_thousand(*TABLE_A) == pytest.approx(
        {"missed cancers": 40.0, "unnecessary biopsies": 60.0}
    )


def test_natural_frequencies_by_hand():
    nf = metrics.natural_frequencies(0.9, 0.9, 0.01)
    assert nf == metrics.NaturalFrequencies(1000, 10, 9, 1, 990, 99, 891)
    assert "So of the 108 women flagged, 9 of the 108 have cancer." in nf.sentence()
    nobody = metrics.natural_frequencies(0.0, 1.0, 0.5, women=10)
    assert "of the 0 women flagged, none have cancer" in nobody.sentence()


def test_threshold_for_target_sensitivity():
    y = [1, 1, 1, 1, 0, 0, 0]
    p = [0.9, 0.8, 0.6, 0.3, 0.7, 0.2, 0.1]
    assert metrics.threshold_for_sensitivity(y, p, 0.75) == 0.6
    assert metrics.threshold_for_sensitivity(y, p, 1.0) == 0.3
    assert metrics.threshold_for_sensitivity(y, p, 0.25) == 0.9
    threshold = metrics.threshold_for_sensitivity(*TABLE_B, target=0.95)
    assert metrics.clinical_metrics(*TABLE_B, threshold=threshold).sensitivity >= 0.95


def test_rule_out_threshold_uses_training_cases_only():
    X, y = data.load_wdbc_xy()
    X_train, X_test, y_train, y_test = models.split(X, y)
    threshold = metrics.rule_out_threshold(models.reference_model(), X_train, y_train)
    again = metrics.rule_out_threshold(models.reference_model(), X_train, y_train)
    assert threshold == again and 0 < threshold < 0.5  # seeded: the same every time
    # It is the target threshold of out-of-fold probabilities of the training cases alone.
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    p_oof = cross_val_predict(
        models.reference_model(), X_train, y_train, cv=folds, method="predict_proba"
    )[:, 1]
    assert threshold == metrics.threshold_for_sensitivity(y_train, p_oof, 0.98)
    model = models.reference_model().fit(X_train, y_train)
    p_test = models.probability_malignant(model, X_test)
    assert metrics.clinical_metrics(y_test, p_test, threshold).sensitivity >= 0.95


def test_roc_and_pr_points():
    fpr, tpr, thresholds, auc = metrics.roc_points(*TABLE_B)
    assert fpr[0] == 0 and tpr[-1] == 1 and 0.8 < auc <= 1
    recall, precision, _, ap = metrics.pr_points(*TABLE_B)
    assert recall[0] == 1 and 0 < ap <= 1


@pytest.mark.parametrize(
    "y, p, threshold, message",
    [
        ([1, 0], [0.5, 1.5], 0.5, "probabilities between 0 and 1; 1 value"),
        ([1, 0], [0.5, float("nan")], 0.5, "probabilities between 0 and 1"),
        (
            ["M", "B"],
            [0.5, 0.2],
            0.5,
            "1 \\(malignant\\) and 0 \\(benign\\) only; it also holds 'B', 'M'",
        ),
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
        assert metrics.roc_points(y_test, first)[3] > 0.85, name
    with pytest.raises(ValueError, match="No model called 'deep_net'"):
        models.make_model("deep_net")


def test_unfitted_model_is_refused():
    with pytest.raises(ValueError, match="is it fitted"):
        models.probability_malignant(models.reference_model(), data.load_wdbc_xy()[0])
