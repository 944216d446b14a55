"""metrics.in_setting: the prevalence explorer's numbers, against hand-computed values."""

from __future__ import annotations

import pytest

from bcc_teach import metrics


def test_ppv_npv_and_frequencies_by_hand():
    # sensitivity 0.9, specificity 0.8, prevalence 0.1; per woman:
    # found 0.9 × 0.1 = 0.09, false alarms 0.2 × 0.9 = 0.18, missed 0.1 × 0.1 = 0.01,
    # reassured 0.8 × 0.9 = 0.72
    result = metrics.in_setting(0.9, 0.8, 0.1)
    assert result.ppv == pytest.approx(0.09 / (0.09 + 0.18))  # 1/3
    assert result.ppv == pytest.approx(1 / 3)
    assert result.npv == pytest.approx(0.72 / (0.72 + 0.01))  # 72/73
    assert result.prevalence == 0.1
    assert (result.sensitivity, result.specificity) == (0.9, 0.8)
    f = result.frequencies  # of 1,000 women
    assert (f.women, f.with_cancer, f.found, f.missed) == (1000, 100, 90, 10)
    assert (f.without_cancer, f.false_alarms, f.reassured) == (900, 180, 720)
    assert result.setting == "prevalence 10.0%" and result.source == "a prevalence you chose"


def test_a_named_setting_brings_its_prevalence_and_source():
    # screening: 5.1 cancers detected + 0.8 missed per 1,000 (Lehman et al. 2017)
    result = metrics.in_setting(0.9, 0.9, "screening population")
    assert result.prevalence == 0.0059 and "Lehman" in result.source
    assert "5.1 cancers detected" in result.source and "0.8 per 1,000 missed" in result.source
    assert result.ppv == pytest.approx(0.9 * 0.0059 / (0.9 * 0.0059 + 0.1 * 0.9941))  # 0.0507
    assert round(result.ppv, 4) == 0.0507
    assert (result.frequencies.with_cancer, result.frequencies.without_cancer) == (6, 994)
    biopsied = metrics.in_setting(0.9, 0.9, "biopsy after recall")  # PPV3, not PPV1's 4.4%
    assert biopsied.prevalence == 0.286 and "PPV3" in biopsied.source
    clinic = metrics.in_setting(0.9, 0.9)  # default: the diagnostic clinic, 212 of 569
    assert clinic.setting == "diagnostic clinic" and clinic.prevalence == 212 / 569


def test_bad_settings_and_rates_are_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="setting must be one of diagnostic clinic"):
        metrics.in_setting(0.9, 0.9, "moon base")
    with pytest.raises(ValueError, match="prevalence must be a proportion"):
        metrics.in_setting(0.9, 0.9, 5.1)
    with pytest.raises(ValueError, match="sensitivity must be a proportion"):
        metrics.in_setting(90, 0.9)
    with pytest.raises(ValueError, match="specificity must be a proportion"):
        metrics.in_setting(0.9, True)


def test_rates_counted_on_cases_carry_their_intervals_into_the_setting():
    # 53 of 53 cancers found, 76 of 90 benign lumps cleared: the Wilson ends are 0.932 to 1
    # and 0.755 to 0.905; PPV and NPV are recomputed at both ends
    sens, spec = metrics.rate(53, 53), metrics.rate(76, 90)
    clinic = metrics.in_setting(sens, spec)
    assert clinic.sensitivity == 1.0 and clinic.specificity == pytest.approx(76 / 90)
    low, high = (
        metrics.predictive_values(sens.low, spec.low, 212 / 569),
        metrics.predictive_values(sens.high, spec.high, 212 / 569),
    )
    assert clinic.npv_range == (low.npv, high.npv) and clinic.npv_range[1] == 1.0
    assert clinic.ppv_range[0] < clinic.ppv < clinic.ppv_range[1]
    assert clinic.missed_range == pytest.approx((0, 1000 * 212 / 569 * (1 - sens.low)))
    words = clinic.uncertainty()
    assert "1.00 (95% CI 0.93 to 1.00) from 53 of 53" in words
    assert f"Up to {round(clinic.missed_range[1])} of the 373" in words
    assert f"as low as {low.npv:.3f}" in words
    rare = metrics.in_setting(sens, spec, "screening population")
    # under one woman in 1,000: said per 10,000, not rounded to "up to 0"
    assert "Fewer than 1 of the 6 women with cancer among 1,000 (up to 4 in 10,000" in (
        rare.uncertainty()
    )


def test_intervals_need_rates_on_both_sides():
    with pytest.raises(ValueError, match="no interval"):
        _ = metrics.in_setting(0.9, 0.9).npv_range
    with pytest.raises(ValueError, match="both as Rates"):
        metrics.in_setting(metrics.rate(9, 10), 0.9)
