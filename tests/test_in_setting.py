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
    # screening: 5.1 cancers per 1,000 (Lehman et al. 2017); sensitivity 0.9, specificity 0.9
    result = metrics.in_setting(0.9, 0.9, "screening population")
    assert result.prevalence == 0.0051 and "Lehman" in result.source
    assert result.ppv == pytest.approx(0.9 * 0.0051 / (0.9 * 0.0051 + 0.1 * 0.9949))  # 0.0441
    assert round(result.ppv, 4) == 0.0441
    assert (result.frequencies.with_cancer, result.frequencies.without_cancer) == (5, 995)
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
